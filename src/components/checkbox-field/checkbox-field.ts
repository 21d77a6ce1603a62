import { html, nothing, type CSSResultGroup, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { DvcFormControl, type ControlContext } from '../../internal/form-control.js';
import { styles } from './checkbox-field.styles.js';

/**
 * @summary A single yes/no checkbox. The data is `checked`; when checked, `value` (default `on`) is
 * submitted under `name`.
 *
 * @event input - The user ticked or unticked the box.
 * @event change - The user ticked or unticked the box.
 * @csspart base - The wrapper.
 * @csspart label - The label (after the box).
 * @csspart input - The native checkbox.
 * @csspart hint - The hint.
 * @csspart error-message - The error message.
 * @csspart warning - The warning.
 * @cssstate user-invalid - Invalid with the error shown.
 * @cssstate prefilled - Value from the population database.
 */
export class DvcCheckboxField extends DvcFormControl<string> {
  static override styles: CSSResultGroup = styles;
  static override widget = 'checkbox';

  /** What is submitted when checked. */
  @property() value = 'on';
  /** Initial state (attribute `checked`); what a form reset restores. */
  @property({ type: Boolean, attribute: 'checked' }) defaultChecked = false;

  private current = false;
  private checkedSet = false;

  /** Whether the box is ticked (the data value). */
  @property({ attribute: false })
  get checked(): boolean {
    return this.checkedSet ? this.current : Boolean(this.defaultChecked);
  }
  set checked(v: boolean) {
    this.current = Boolean(v);
    this.checkedSet = true;
  }

  protected override get rendersOwnLabel(): boolean {
    return true;
  }
  protected isEmpty(): boolean {
    return !this.checked;
  }
  protected toFormValue(): string | null {
    return this.checked ? this.value : null;
  }
  protected override toState(): string {
    return JSON.stringify(this.checked);
  }
  protected resetValue(): void {
    this.checkedSet = false;
    this.current = false;
  }
  protected restoreState(state: string): void {
    this.checked = state === 'true' || state === this.value;
  }

  /** Extra ids the checkbox is described by (the consent statement). */
  protected get extraDescribedBy(): string {
    return '';
  }
  /** The checkbox label text. */
  protected get boxLabel(): string {
    return this.label;
  }

  protected renderControl(ctx: ControlContext): TemplateResult {
    const describedBy = [this.extraDescribedBy, ctx.describedBy].filter(Boolean).join(' ');
    return html`<div class="option">
      <input
        type="checkbox"
        id="input"
        part="input"
        .checked=${live(this.checked)}
        ?required=${this.required}
        ?disabled=${ctx.disabled || this.readonly}
        aria-describedby=${describedBy || nothing}
        aria-invalid=${ctx.invalid ? 'true' : 'false'}
        @change=${(e: Event) => {
          this.checked = (e.target as HTMLInputElement).checked;
          this.userChanged(true);
        }}
      />
      <label part="label" class="label" for="input"
        >${this.boxLabel}${this.required ? html`<span class="required-mark" aria-hidden="true">*</span>` : nothing}</label
      >
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-checkbox-field': DvcCheckboxField;
  }
}
