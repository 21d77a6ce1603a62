/**
 * Message lookup for components: the locale comes from the element's own `lang`, else the nearest
 * ancestor with `lang` (crossing shadow roots), else the document; Vietnamese is the default.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../runtime/model.js';
import type { Translation } from '../runtime/i18n/translation.js';
import { getTranslation, hasTranslation, interpolate, loadTranslation } from '../runtime/messages.js';

/** Message parameters. */
export type MessageParams = Record<string, string | number>;

/** Maps a BCP 47 tag to a supported locale (`en*` → `en`, anything else → `vi`). */
export function toLocale(tag: string | null | undefined): Locale {
  return tag && /^en\b/i.test(tag) ? 'en' : 'vi';
}

/** The language in effect for `el`: its own `lang`, else the nearest ancestor's, across shadow roots. */
export function resolveLang(el: Element): string {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return document.documentElement.lang || 'vi';
}

/** The catalogue for `locale`; while it is still loading, Vietnamese (and `onLoaded` runs once it is in). */
export function translationFor(locale: Locale, onLoaded?: () => void): Translation {
  if (!hasTranslation(locale)) {
    loadTranslation(locale).then(
      () => onLoaded?.(),
      (err: unknown) => console.error(`dvc-forms: could not load the "${locale}" messages`, err),
    );
  }
  return getTranslation(locale);
}

/**
 * The text of a message key (`validation.required`, `specific.date.required`, `field.repeatAdd`,
 * `shell.yes`) in a catalogue, with placeholders filled. An unknown key is a programming error.
 */
export function message(t: Translation, key: string, params: MessageParams = {}): string {
  const dot = key.indexOf('.');
  const section = (t as unknown as Record<string, Record<string, string> | undefined>)[key.slice(0, dot)];
  const template = section && typeof section === 'object' ? section[key.slice(dot + 1)] : undefined;
  if (template === undefined) {
    const fallback = (getTranslation('vi') as unknown as Record<string, Record<string, string> | undefined>)[key.slice(0, dot)]?.[
      key.slice(dot + 1)
    ];
    if (fallback === undefined) throw new Error(`dvc-forms: unknown message key "${key}"`);
    return interpolate(fallback, params);
  }
  return interpolate(template, params);
}

/** The message key for a failed check: `specific.<widget>.<keyword>` when the catalogue has one, else `validation.<keyword>`. */
export function validationKey(t: Translation, keyword: string, widget: string): string {
  const specific = t.specific as unknown as Record<string, string>;
  if (specific[`${widget}.${keyword}`] !== undefined) return `specific.${widget}.${keyword}`;
  if ((t.validation as unknown as Record<string, string>)[keyword] !== undefined) return `validation.${keyword}`;
  return 'validation.invalid';
}

const langWatchers = new Set<{ requestUpdate(): void }>();
let langObserver: MutationObserver | undefined;

/**
 * Re-renders its host while connected whenever the document's `lang` changes (a site's language
 * switcher). One MutationObserver serves every element: `new DocumentLangController(this)` in a field
 * initializer is all a component needs.
 */
export class DocumentLangController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    langWatchers.add(this.host);
    if (!langObserver) {
      langObserver = new MutationObserver(() => {
        for (const w of langWatchers) w.requestUpdate();
      });
      langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    }
  }
  hostDisconnected(): void {
    langWatchers.delete(this.host);
  }
}
