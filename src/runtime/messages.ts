/**
 * Message catalogue access. Vietnamese is built in; other locales are registered when loaded
 * (`loadTranslation('en')` imports the English catalogue on demand).
 *
 * Message keys are `specific.<widget-or-format>.<keyword>` (field-specific) or `validation.<keyword>`
 * (the validator's generic message); `resolveMessageKey` picks the first that exists.
 */
import type { Locale, Text } from './model.js';
import type { SpecificMessages, Translation, ValidationMessages } from './i18n/translation.js';
import vi from './i18n/vi.js';

const catalogues = new Map<Locale, Translation>([['vi', vi]]);

/** Registers (or replaces) a locale's catalogue. */
export function registerTranslation(locale: Locale, translation: Translation): void {
  catalogues.set(locale, translation);
}

/** Loads a locale's catalogue (lazily imported) and registers it; returns it. */
export async function loadTranslation(locale: Locale): Promise<Translation> {
  const have = catalogues.get(locale);
  if (have) return have;
  if (locale === 'en') {
    const mod = await import('./i18n/en.js');
    registerTranslation('en', mod.default);
    return mod.default;
  }
  throw new Error(`Unknown locale "${String(locale)}": supported locales are vi and en.`);
}

/** The catalogue of a locale, or the Vietnamese one while that locale is not loaded. */
export function getTranslation(locale: Locale = 'vi'): Translation {
  return catalogues.get(locale) ?? vi;
}

/** True once the locale's catalogue is registered. */
export function hasTranslation(locale: Locale): boolean {
  return catalogues.has(locale);
}

/** The text in `locale`, falling back to Vietnamese. */
export function localize(text: Text | undefined, locale: Locale = 'vi'): string {
  if (!text) return '';
  return (locale === 'en' ? text.en : undefined) ?? text.vi;
}

/** Replaces `{name}` placeholders; unknown placeholders are left as they are. */
export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{([A-Za-z0-9_.-]+)\}/g, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m,
  );
}

/**
 * The message key for a failed validator on a field: `specific.<widget>.<keyword>`, then (for `format`)
 * `specific.format.<format>`, then `validation.<keyword>`, then `validation.invalid`.
 */
export function resolveMessageKey(keyword: string, widget?: string, format?: string): string {
  const specific = vi.specific as unknown as Record<string, string>;
  if (widget && specific[`${widget}.${keyword}`] !== undefined) return `specific.${widget}.${keyword}`;
  if (keyword === 'format' && format && specific[`format.${format}`] !== undefined) return `specific.format.${format}`;
  if ((vi.validation as unknown as Record<string, string>)[keyword] !== undefined) return `validation.${keyword}`;
  return 'validation.invalid';
}

/** The template of a message key in a locale (Vietnamese when the locale lacks it), or `undefined`. */
export function messageTemplate(key: string, locale: Locale = 'vi'): string | undefined {
  const pick = (t: Translation): string | undefined => {
    if (key.startsWith('specific.')) return (t.specific as unknown as Record<string, string>)[key.slice(9)];
    if (key.startsWith('validation.')) return (t.validation as unknown as Record<string, string>)[key.slice(11)];
    if (key.startsWith('shell.')) return (t.shell as unknown as Record<string, string>)[key.slice(6)];
    return undefined;
  };
  return pick(getTranslation(locale)) ?? pick(vi);
}

/** Formats a message key with params in a locale. Unknown keys fall back to `validation.invalid`. */
export function formatMessage(key: string, params: Record<string, string | number>, locale: Locale = 'vi'): string {
  const template = messageTemplate(key, locale) ?? messageTemplate('validation.invalid', locale)!;
  return interpolate(template, params);
}

/**
 * The message as a `Text` in every loaded locale; `field` is the field's label (localised per locale).
 */
export function messageText(key: string, params: Record<string, string | number>, field?: Text): Text {
  const out: Text = { vi: formatMessage(key, { ...params, field: field?.vi ?? params.field ?? '' }, 'vi') };
  if (hasTranslation('en')) {
    out.en = formatMessage(key, { ...params, field: field ? localize(field, 'en') : (params.field ?? '') }, 'en');
  }
  return out;
}

/** Formats an amount in VND for a locale, e.g. `200.000 ₫`. */
export function formatAmount(amount: number, locale: Locale = 'vi'): string {
  return new Intl.NumberFormat(getTranslation(locale).numberLocale, {
    style: 'currency',
    currency: 'VND',
    maximumFractionDigits: 0,
  }).format(amount);
}

/** Formats a `YYYY-MM-DD` date as `DD/MM/YYYY` (the Vietnamese convention; also used in English). */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** Shell text by key. */
export function shellText(key: keyof Translation['shell'], locale: Locale, params: Record<string, string | number> = {}): string {
  return interpolate(getTranslation(locale).shell[key], params);
}

export type { Translation, ValidationMessages, SpecificMessages };
