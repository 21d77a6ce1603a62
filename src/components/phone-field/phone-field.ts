import type { CSSResultGroup } from 'lit';
import { DvcTextControl, type Unparseable } from '../../internal/text-control.js';
import type { Problem } from '../../internal/form-control.js';
import { formatPhone, normalizePhone, isVietnamesePhone } from '../../internal/phone.js';
import { styles } from './phone-field.styles.js';

/**
 * @summary A Vietnamese phone number (mobile or landline). `+84 91 234 5678`, `0912.345.678` and
 * `(024) 3825 1234` are accepted; the value is digits only, national form (`0912345678`).
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
export class DvcPhoneField extends DvcTextControl {
  static override styles: CSSResultGroup = styles;
  static override widget = 'phone';

  override autocomplete = 'tel-national';

  protected override get inputType(): string {
    return 'tel';
  }
  protected override get inputClass(): string {
    return 'short digits';
  }
  protected override parse(text: string): string | Unparseable {
    const digits = normalizePhone(text);
    return digits ?? { problem: this.problemFor('badInput', 'pattern') };
  }
  protected override normalizeValue(value: string): string {
    return normalizePhone(value) ?? value;
  }
  protected override format(value: string): string {
    return formatPhone(value);
  }
  protected override checkValue(value: string): Problem | null {
    return isVietnamesePhone(value) ? null : this.problemFor('patternMismatch', 'pattern');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-phone-field': DvcPhoneField;
  }
}
