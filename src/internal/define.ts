/**
 * The one guarded way to register a tag. Government pages sometimes load two SDK builds (a province
 * portal plus a ministry widget): defining the same tag twice must not throw, and a version mismatch
 * is worth a warning because the page then runs whichever build registered first.
 */
import { SDK_VERSION } from './version.js';

/** Key under which a registered constructor carries the SDK version that defined it. */
export const VERSION_KEY: unique symbol = Symbol.for('dvc-forms.version') as never;

type Versioned = CustomElementConstructor & { [VERSION_KEY]?: string };

/**
 * Registers `tag` with `ctor` unless the tag is taken. Returns the constructor in use for the tag.
 * @throws TypeError when `tag` is not a valid custom-element name.
 */
export function define(
  tag: string,
  ctor: CustomElementConstructor,
  registry: CustomElementRegistry = customElements,
): CustomElementConstructor {
  if (!/^[a-z][a-z0-9._-]*-[a-z0-9._-]*$/.test(tag)) {
    throw new TypeError(`define(): "${tag}" is not a valid custom element name (lower case, must contain a hyphen).`);
  }
  const existing = registry.get(tag) as Versioned | undefined;
  if (existing) {
    if (existing !== ctor) {
      const theirs = existing[VERSION_KEY];
      if (theirs !== SDK_VERSION) {
        console.warn(
          `dvc-forms: <${tag}> is already defined by ${theirs ? `dvc-forms ${theirs}` : 'another library'}; ` +
            `this copy (dvc-forms ${SDK_VERSION}) keeps using the existing definition. Load one SDK build per page.`,
        );
      }
    }
    return existing;
  }
  try {
    Object.defineProperty(ctor, VERSION_KEY, { value: SDK_VERSION, configurable: true });
  } catch {
    // A frozen constructor still registers; it just carries no version.
  }
  registry.define(tag, ctor);
  return ctor;
}
