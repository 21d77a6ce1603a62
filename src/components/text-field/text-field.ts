import type { CSSResultGroup } from 'lit';
import { DvcTextControl } from '../../internal/text-control.js';
import { styles } from './text-field.styles.js';

/**
 * @summary A one-line text box, form-associated.
 *
 * @event input - The user changed the text.
 * @event change - The user committed the text (left the box).
 * @csspart base - The wrapper.
 * @csspart label - The label.
 * @csspart input - The native input.
 * @csspart hint - The hint.
 * @csspart error-message - The error message.
 * @csspart warning - The warning.
 * @cssstate user-invalid - Invalid with the error shown.
 * @cssstate prefilled - Value from the population database.
 */
export class DvcTextField extends DvcTextControl {
  static override styles: CSSResultGroup = styles;
  static override widget = 'text';
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-text-field': DvcTextField;
  }
}
