import type { CSSResultGroup } from 'lit';
import { property } from 'lit/decorators.js';
import { DvcTextControl, type Unparseable } from '../../internal/text-control.js';
import type { Problem } from '../../internal/form-control.js';
import { styles } from './number-field.styles.js';

/**
 * @summary A number typed in a text box (no spinner; `inputmode` numeric). A decimal comma is accepted;
 * the value is the canonical number as a string (`"2"`, `"1.5"`), `valueAsNumber` gives the number.
 *
 * @event input - The user changed the text.
 * @event change - The user committed the text.
 * @csspart base - The wrapper.
 * @csspart label - The label.
 * @csspart input - The native input.
 * @csspart hint - The hint.
 * @csspart error-message - The error message.
 * @csspart warning - The warning.
 * @cssstate user-invalid - Invalid with the error shown.
 * @cssstate prefilled - Value from the population database.
 */
export class DvcNumberField extends DvcTextControl {
  static override styles: CSSResultGroup = styles;
  static override widget = 'number';

  /** Smallest accepted value. */
  @property({ type: Number }) min?: number;
  /** Largest accepted value. */
  @property({ type: Number }) max?: number;
  /** Only whole numbers. */
  @property({ type: Boolean }) integer = false;

  /** The value as a number (`NaN` when empty). */
  get valueAsNumber(): number {
    return this.value === '' ? Number.NaN : Number(this.value);
  }
  set valueAsNumber(n: number) {
    this.value = Number.isFinite(n) ? String(n) : '';
  }

  protected override get inputModeHint(): string {
    return this.integer ? 'numeric' : 'decimal';
  }
  protected override get inputClass(): string {
    return 'short digits';
  }
  protected override parse(text: string): string | Unparseable {
    const s = text.trim().replace(/\s/g, '').replace(',', '.');
    if (s === '') return '';
    if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return { problem: this.problemFor('badInput', 'type') };
    return String(Number(s));
  }
  protected override format(value: string): string {
    return this.locale === 'vi' ? value.replace('.', ',') : value;
  }
  protected override checkValue(value: string): Problem | null {
    const n = Number(value);
    if (!Number.isFinite(n)) return this.problemFor('badInput', 'type');
    if (this.integer && !Number.isInteger(n)) return { flag: 'stepMismatch', key: 'field.numberInteger' };
    if (this.min != null && n < this.min) return this.problemFor('rangeUnderflow', 'minimum', { limit: this.min });
    if (this.max != null && n > this.max) return this.problemFor('rangeOverflow', 'maximum', { limit: this.max });
    return null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-number-field': DvcNumberField;
  }
}
