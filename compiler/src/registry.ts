/**
 * The ranked widget registry (after JSON Forms' testers): each entry tests a schema node and returns a
 * rank, or -1 when it cannot render it. The highest rank wins; on a tie the entry listed first wins, and a
 * site's own entries (compiler option `components`) are listed before the defaults.
 */
import type { ChoiceOption, JsonValue, ValueType } from 'dvc-forms/runtime/model.js';
import type { SchemaObject } from './walk.js';

/** What a tester sees of a data node. */
export interface WidgetSubject {
  /** The resolved schema of the node. */
  schema: SchemaObject;
  /** JSON pointer of the node in the (resolved) definition. */
  pointer: string;
  /** Data path template of the node (array rows as `-`). */
  path: string;
  valueType: ValueType;
  /** `type: [T, "null"]`. */
  nullable: boolean;
  /** Choices of a single-choice node. */
  options?: ChoiceOption[];
  /** Choices of the items of an array node (multiple choice). */
  itemOptions?: ChoiceOption[];
  /** True for the definition's root object. */
  isRoot: boolean;
}

/** Context of one widget choice. */
export interface TesterContext {
  /** The widget named by the node's `x-widget`, if any: testers should accept any compatible node then. */
  requested?: string;
}

/** One registry entry. */
export interface WidgetEntry {
  /** Widget name (the `x-widget` vocabulary). */
  widget: string;
  /** Custom-element tag that renders it. */
  tag: string;
  /** What the node becomes in the model: a single control (default), a fieldset group or a repeating group. */
  kind?: 'field' | 'group' | 'array';
  /** Rank of this entry for the node, or -1 when it cannot render it. */
  tester(subject: WidgetSubject, ctx: TesterContext): number;
  /** Widget options implied by this entry (merged under the node's own `x-widget-options`). */
  widgetOptions?(subject: WidgetSubject): Record<string, JsonValue> | undefined;
  /**
   * Module that registers `tag` (imported by the generated `define.js`). Default entries leave it out:
   * the compiler imports `<runtimeImport>/define/<tag>.js` for them.
   */
  defineModule?: string;
}

/** Choices shown as radio buttons up to this many options, as a select above. */
export const RADIO_MAX_OPTIONS = 5;

const prefill = (s: WidgetSubject): string => (typeof s.schema['x-prefill'] === 'string' ? s.schema['x-prefill'] : '');

/**
 * An entry accepting nodes of `types` when requested by name, and ranking them by `auto` otherwise.
 */
function entry(
  widget: string,
  tag: string,
  types: ValueType[],
  auto: (s: WidgetSubject) => number,
  extra: Partial<WidgetEntry> = {},
): WidgetEntry {
  return {
    widget,
    tag,
    tester(s, ctx) {
      if (!types.includes(s.valueType)) return -1;
      if (ctx.requested === widget) return 100;
      return auto(s);
    },
    ...extra,
  };
}

const isChoice = (s: WidgetSubject): boolean => s.options !== undefined && s.options.length > 0;

/** The default set: type / format / x-prefill / choices → the SDK's own components. */
export const DEFAULT_WIDGETS: readonly WidgetEntry[] = [
  entry('text', 'dvc-text-field', ['string'], (s) => (isChoice(s) ? -1 : 1)),
  entry('textarea', 'dvc-textarea-field', ['string'], (s) =>
    !isChoice(s) && typeof s.schema.maxLength === 'number' && s.schema.maxLength > 255 ? 2 : -1,
  ),
  entry('number', 'dvc-number-field', ['number', 'integer'], (s) => (isChoice(s) ? -1 : 1)),
  entry('date', 'dvc-date-field', ['string'], (s) => (s.schema.format === 'date' && !isChoice(s) ? 3 : -1)),
  entry('email', 'dvc-email-field', ['string'], (s) => (s.schema.format === 'email' && !isChoice(s) ? 3 : -1)),
  entry('phone', 'dvc-phone-field', ['string'], (s) => (/(^|\.)phone$/.test(prefill(s)) && !isChoice(s) ? 3 : -1)),
  entry('person-name', 'dvc-person-name-field', ['string'], (s) => (/(^|\.)fullName$/.test(prefill(s)) && !isChoice(s) ? 3 : -1)),
  entry('id-number', 'dvc-id-number-field', ['string'], (s) => (/(^|\.)idNumber$/.test(prefill(s)) && !isChoice(s) ? 3 : -1)),
  {
    widget: 'radio',
    tag: 'dvc-choice-field',
    tester: (s, ctx) => (!isChoice(s) ? -1 : ctx.requested === 'radio' ? 100 : s.options!.length <= RADIO_MAX_OPTIONS ? 2 : -1),
    widgetOptions: () => ({ appearance: 'radio' }),
  },
  {
    widget: 'select',
    tag: 'dvc-choice-field',
    tester: (s, ctx) => (!isChoice(s) ? -1 : ctx.requested === 'select' ? 100 : s.options!.length > RADIO_MAX_OPTIONS ? 2 : -1),
    widgetOptions: () => ({ appearance: 'select' }),
  },
  {
    widget: 'multi-choice',
    tag: 'dvc-multi-choice-field',
    tester: (s, ctx) => {
      if (s.valueType !== 'array' || !s.itemOptions || s.itemOptions.length === 0) return -1;
      if (ctx.requested === 'multi-choice') return 100;
      return s.schema.uniqueItems === true ? 3 : -1;
    },
  },
  entry('checkbox', 'dvc-checkbox-field', ['boolean'], (s) => (isChoice(s) ? -1 : 1)),
  entry('consent', 'dvc-consent-field', ['boolean'], (s) => (s.schema.const === true ? 3 : -1)),
  entry('address', 'dvc-address-field', ['object'], (s) => {
    const props = s.schema.properties;
    const looksLikeAddress = props !== null && typeof props === 'object' && 'province' in props && 'commune' in props;
    return !s.isRoot && (looksLikeAddress || /Address$|^citizen\.(hometown|placeOfBirth)$/.test(prefill(s))) ? 3 : -1;
  }),
  entry('fieldset', 'dvc-fieldset', ['object'], () => 1, { kind: 'group' }),
  entry('repeat', 'dvc-repeating-group', ['array'], () => 1, { kind: 'array' }),
];

/** Tags of the SDK's own components (the ones `define.js` registers through `<runtimeImport>/define/<tag>.js`). */
export const BUILTIN_TAGS: ReadonlySet<string> = new Set(DEFAULT_WIDGETS.map((e) => e.tag));

/** The result of choosing a widget. */
export type WidgetChoice = { entry: WidgetEntry } | { error: string };

/** Picks the entry for a node: the highest rank among `entries` (site entries first, then the defaults). */
export function chooseWidget(entries: readonly WidgetEntry[], subject: WidgetSubject, requested: string | undefined): WidgetChoice {
  const ctx: TesterContext = requested === undefined ? {} : { requested };
  const candidates = requested === undefined ? entries : entries.filter((e) => e.widget === requested);
  if (requested !== undefined && candidates.length === 0) {
    const known = [...new Set(entries.map((e) => e.widget))].sort().join(', ');
    return { error: `Unknown widget "${requested}"; registered widgets: ${known}.` };
  }
  let best: WidgetEntry | undefined;
  let bestRank = -1;
  for (const e of candidates) {
    const rank = e.tester(subject, ctx);
    if (rank > bestRank) {
      best = e;
      bestRank = rank;
    }
  }
  if (!best || bestRank < 0) {
    const what = subject.options
      ? `a choice of ${subject.valueType} values`
      : subject.itemOptions
        ? 'a list of choices'
        : `${/^[aeiou]/.test(subject.valueType) ? 'an' : 'a'} ${subject.valueType}`;
    return requested !== undefined
      ? { error: `Widget "${requested}" cannot render ${what}.` }
      : { error: `No registered widget can render ${what}; add "x-widget" or register a component for it.` };
  }
  return { entry: best };
}
