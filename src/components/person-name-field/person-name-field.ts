import type { CSSResultGroup, PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { DvcTextControl } from '../../internal/text-control.js';
import type { Problem } from '../../internal/form-control.js';
import { normalizePersonName } from '../../internal/person-name.js';
import { styles } from './person-name-field.styles.js';

/**
 * @summary A person's full name (họ, chữ đệm và tên). Keeps Vietnamese diacritics, normalises to NFC,
 * collapses spaces; with `uppercase` the value is in capitals (as some forms require).
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
export class DvcPersonNameField extends DvcTextControl {
  static override styles: CSSResultGroup = styles;
  static override widget = 'person-name';

  /** Store (and show, once the box is left) the name in capitals. */
  @property({ type: Boolean, reflect: true }) uppercase = false;

  override autocomplete = 'name';

  protected override parse(text: string): string {
    return normalizePersonName(text, this.uppercase);
  }
  protected override normalizeValue(value: string): string {
    return normalizePersonName(value, this.uppercase);
  }
  protected override checkValue(value: string): Problem | null {
    return /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u.test(value) ? null : this.problemFor('patternMismatch', 'pattern');
  }
  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('uppercase') && this.hasUpdated && this.value) this.value = normalizePersonName(this.value, this.uppercase);
    super.willUpdate(changed);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-person-name-field': DvcPersonNameField;
  }
}
