import type { CSSResultGroup } from 'lit';
import { property } from 'lit/decorators.js';
import { DvcTextControl, type Unparseable } from '../../internal/text-control.js';
import type { Problem } from '../../internal/form-control.js';
import { formatVietnameseDate, isIsoDate, parseVietnameseDate } from '../../internal/dates.js';
import { styles } from './date-field.styles.js';

/**
 * @summary A date typed as day/month/year (5/9/2024, 05.09.2024, 05092024 all work); value `YYYY-MM-DD`.
 *
 * No calendar pop-up: typing the date is faster and works for birth dates decades back.
 *
 * @event input - The user changed the text.
 * @event change - The user committed the text.
 * @csspart base - The wrapper.
 * @csspart label - The label.
 * @csspart input - The native input.
 * @csspart hint - The hint (includes the expected format).
 * @csspart error-message - The error message.
 * @csspart warning - The warning.
 * @cssstate user-invalid - Invalid with the error shown.
 * @cssstate prefilled - Value from the population database.
 */
export class DvcDateField extends DvcTextControl {
  static override styles: CSSResultGroup = styles;
  static override widget = 'date';

  /** Earliest accepted date, `YYYY-MM-DD`. */
  @property() min?: string;
  /** Latest accepted date, `YYYY-MM-DD`. */
  @property() max?: string;

  protected override get extraHint(): string {
    return this.t.field.dateHint;
  }
  protected override get inputClass(): string {
    return 'short digits';
  }

  protected override parse(text: string): string | Unparseable {
    if (text.trim() === '') return '';
    const r = parseVietnameseDate(text);
    if (typeof r === 'string') return r;
    const input = text.trim();
    switch (r.reason) {
      case 'impossible':
        return {
          problem: { flag: 'badInput', key: 'field.dateImpossible', params: { input, month: r.month, year: r.year, days: r.days } },
        };
      case 'month':
        return { problem: { flag: 'badInput', key: 'field.dateMonth' } };
      case 'year':
        return { problem: { flag: 'badInput', key: 'field.dateYear' } };
      default:
        return { problem: this.problemFor('badInput', 'format') };
    }
  }
  protected override format(value: string): string {
    return formatVietnameseDate(value);
  }

  protected override checkValue(value: string): Problem | null {
    if (!isIsoDate(value)) return { flag: 'typeMismatch', key: 'specific.format.date' };
    if (this.min && value < this.min) return this.problemFor('rangeUnderflow', 'formatMinimum', { limit: formatVietnameseDate(this.min) });
    if (this.max && value > this.max) return this.problemFor('rangeOverflow', 'formatMaximum', { limit: formatVietnameseDate(this.max) });
    return null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-date-field': DvcDateField;
  }
}
