import { html, type CSSResultGroup, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { ControlContext } from '../../internal/form-control.js';
import { DvcCheckboxField } from '../checkbox-field/checkbox-field.js';
import { styles } from './consent-field.styles.js';

/**
 * @summary A sworn statement (lời cam đoan) and the checkbox that accepts it. Without `statement`, the
 * standard declaration of the current language is shown; without `label`, the box reads "Cam đoan".
 *
 * @event input - The user ticked or unticked the box.
 * @event change - The user ticked or unticked the box.
 * @csspart base - The wrapper.
 * @csspart statement - The statement text.
 * @csspart label - The checkbox label.
 * @csspart input - The native checkbox.
 * @csspart hint - The hint.
 * @csspart error-message - The error message.
 * @csspart warning - The warning.
 * @cssstate user-invalid - Invalid with the error shown.
 */
export class DvcConsentField extends DvcCheckboxField {
  static override styles: CSSResultGroup = styles;
  static override widget = 'consent';

  /** The statement the citizen swears to. */
  @property() statement = '';

  protected override get extraDescribedBy(): string {
    return 'statement';
  }
  protected override get boxLabel(): string {
    return this.label || this.t.shell.consentTitle;
  }
  protected override msg(key: string, params: Record<string, string | number> = {}): string {
    return super.msg(key, { field: this.boxLabel, ...params });
  }
  protected override renderControl(ctx: ControlContext): TemplateResult {
    return html`<p id="statement" part="statement" class="statement">${this.statement || this.t.shell.consentText}</p>
      ${super.renderControl(ctx)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-consent-field': DvcConsentField;
  }
}
