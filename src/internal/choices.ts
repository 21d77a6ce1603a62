/** Helpers for choice controls. */
import type { ChoiceOption, Locale } from '../runtime/model.js';
import { localize } from '../runtime/messages.js';

/** The string form of an option value (what the control holds and submits). */
export function optionKey(value: ChoiceOption['value']): string {
  return String(value);
}

/** The option label in a locale. */
export function optionLabel(option: ChoiceOption, locale: Locale): string {
  return localize(option.label, locale);
}

/** Checks `options` is an array of `{ value, label: { vi } }`; throws naming the element and the bad entry. */
export function assertOptions(options: unknown, where: string): asserts options is ChoiceOption[] {
  if (!Array.isArray(options)) throw new TypeError(`${where}: options must be an array of { value, label }`);
  options.forEach((o: unknown, i) => {
    const ok =
      o !== null &&
      typeof o === 'object' &&
      ['string', 'number', 'boolean'].includes(typeof (o as ChoiceOption).value) &&
      typeof (o as ChoiceOption).label === 'object' &&
      typeof (o as ChoiceOption).label?.vi === 'string';
    if (!ok) throw new TypeError(`${where}: options[${i}] must be { value: string | number | boolean, label: { vi, en? } }`);
  });
}
