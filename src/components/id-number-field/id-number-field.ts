import type { CSSResultGroup } from 'lit';
import { property } from 'lit/decorators.js';
import { DvcTextControl, type Unparseable } from '../../internal/text-control.js';
import type { Problem } from '../../internal/form-control.js';
import { formatIdNumber, idNumberMismatch, normalizeIdNumber, toSex } from '../../internal/id-number.js';
import { styles } from './id-number-field.styles.js';

/**
 * @summary The 12-digit personal identification number (căn cước). Shown grouped (`035 199 000 123`),
 * value digits only. Warns (never blocks) when digit 4 or digits 5-6 disagree with `birthDate` / `sex`.
 *
 * @event input - The user changed the text.
 * @event change - The user committed the text.
 * @csspart base - The wrapper.
 * @csspart label - The label.
 * @csspart input - The native input.
 * @csspart hint - The hint.
 * @csspart error-message - The error message.
 * @csspart warning - The warning (birth date / sex mismatch).
 * @cssstate user-invalid - Invalid with the error shown.
 * @cssstate prefilled - Value from the population database.
 */
export class DvcIdNumberField extends DvcTextControl {
  static override styles: CSSResultGroup = styles;
  static override widget = 'id-number';

  /** The holder's birth date (`YYYY-MM-DD` or `YYYY`) from the form, for the cross-check. */
  @property({ attribute: 'birth-date' }) birthDate?: string;
  /** The holder's sex from the form (`male`/`female`, `nam`/`nữ`), for the cross-check. */
  @property() sex?: string;

  protected override get inputModeHint(): string {
    return 'numeric';
  }
  protected override get inputClass(): string {
    return 'short digits';
  }
  protected override parse(text: string): string | Unparseable {
    return normalizeIdNumber(text) ?? { problem: this.problemFor('badInput', 'pattern') };
  }
  protected override normalizeValue(value: string): string {
    return normalizeIdNumber(value) ?? value;
  }
  protected override format(value: string): string {
    return formatIdNumber(value);
  }
  protected override checkValue(value: string): Problem | null {
    return /^\d{12}$/.test(value) ? null : this.problemFor('patternMismatch', 'pattern');
  }
  protected override computeWarning(): string {
    const sex = toSex(this.sex);
    const mm = idNumberMismatch(this.value, this.birthDate, sex);
    if (!mm) return '';
    if (mm.kind === 'year') return this.msg('field.idYear', { digits: mm.digits, year: mm.year, expected: mm.expected });
    const sexText = sex === 'male' ? this.t.field.sexMale : sex === 'female' ? this.t.field.sexFemale : '—';
    return this.msg('field.idCentury', { digit: mm.digit, year: mm.year, sex: sexText, expected: mm.expected });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-id-number-field': DvcIdNumberField;
  }
}
