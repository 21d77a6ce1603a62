import { html, nothing, type CSSResultGroup, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { DvcTextControl } from '../../internal/text-control.js';
import type { ControlContext } from '../../internal/form-control.js';
import { styles } from './textarea-field.styles.js';

/**
 * @summary A multi-line text box, form-associated.
 *
 * @event input - The user changed the text.
 * @event change - The user committed the text.
 * @csspart base - The wrapper.
 * @csspart label - The label.
 * @csspart input - The native textarea.
 * @csspart hint - The hint.
 * @csspart error-message - The error message.
 * @csspart warning - The warning.
 * @cssstate user-invalid - Invalid with the error shown.
 * @cssstate prefilled - Value from the population database.
 */
export class DvcTextareaField extends DvcTextControl {
  static override styles: CSSResultGroup = styles;
  static override widget = 'textarea';

  /** Visible lines. */
  @property({ type: Number }) rows = 4;

  protected override renderControl(ctx: ControlContext): TemplateResult {
    return html`<textarea
      id="input"
      part="input"
      class="input"
      rows=${this.rows}
      .value=${live(this.displayValue)}
      ?required=${this.required}
      ?disabled=${ctx.disabled}
      ?readonly=${this.readonly}
      maxlength=${ifDefined(this.maxLength)}
      autocomplete=${ifDefined(this.autocomplete)}
      aria-describedby=${ctx.describedBy || nothing}
      aria-invalid=${ctx.invalid ? 'true' : 'false'}
      @input=${this.onInput}
      @change=${this.onChange}
    ></textarea>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-textarea-field': DvcTextareaField;
  }
}
