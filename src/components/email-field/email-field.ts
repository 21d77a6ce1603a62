import type { CSSResultGroup } from 'lit';
import { DvcTextControl } from '../../internal/text-control.js';
import type { Problem } from '../../internal/form-control.js';
import { styles } from './email-field.styles.js';

const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/**
 * @summary An email address (the same rule as ajv-formats' `email`), trimmed.
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
export class DvcEmailField extends DvcTextControl {
  static override styles: CSSResultGroup = styles;
  static override widget = 'email';

  override autocomplete = 'email';

  protected override get inputModeHint(): string {
    return 'email';
  }
  protected override parse(text: string): string {
    return text.trim();
  }
  protected override checkValue(value: string): Problem | null {
    return EMAIL.test(value) ? null : this.problemFor('typeMismatch', 'format');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-email-field': DvcEmailField;
  }
}
