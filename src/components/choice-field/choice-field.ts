import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ChoiceOption } from '../../runtime/model.js';
import { DvcFormControl, type ControlContext } from '../../internal/form-control.js';
import { assertOptions, optionKey, optionLabel } from '../../internal/choices.js';
import { styles } from './choice-field.styles.js';

/** How a single choice is shown. */
export type ChoiceAppearance = 'auto' | 'radio' | 'select';

/**
 * @summary One choice among options: radio buttons for a few options, a select for many (or as
 * `appearance` says). The value is the chosen option's value as a string; `typedValue` gives it typed.
 *
 * @event input - The user chose an option.
 * @event change - The user chose an option.
 * @csspart base - The wrapper (a fieldset for radios).
 * @csspart label - The label (legend for radios).
 * @csspart input - The select, or each radio button.
 * @csspart hint - The hint.
 * @csspart error-message - The error message.
 * @csspart warning - The warning.
 * @cssstate user-invalid - Invalid with the error shown.
 * @cssstate prefilled - Value from the population database.
 */
export class DvcChoiceField extends DvcFormControl<string> {
  static override styles: CSSResultGroup = styles;
  /** With `appearance="auto"`, up to this many options are radios. */
  static radioLimit = 6;

  /** The options. */
  @property({ attribute: false }) options: ChoiceOption[] = [];
  /** `radio`, `select`, or `auto` (radios up to `radioLimit` options). */
  @property() appearance: ChoiceAppearance = 'auto';
  /** Initial value (attribute `value`); what a form reset restores. */
  @property({ attribute: 'value' }) defaultValue = '';

  private current = '';
  private valueSet = false;

  /** The chosen option's value as a string (`''`: none). */
  @property({ attribute: false })
  get value(): string {
    return this.valueSet ? this.current : (this.defaultValue ?? '');
  }
  set value(v: string) {
    this.current = v == null ? '' : String(v);
    this.valueSet = true;
  }

  /** The chosen option's value with its original type, or `undefined`. */
  get typedValue(): ChoiceOption['value'] | undefined {
    return this.options.find((o) => optionKey(o.value) === this.value)?.value;
  }

  /** Whether radios are rendered. */
  protected get asRadios(): boolean {
    if (this.appearance === 'radio') return true;
    if (this.appearance === 'select') return false;
    return this.options.length <= (this.constructor as typeof DvcChoiceField).radioLimit;
  }
  protected override get isGroup(): boolean {
    return this.asRadios;
  }
  protected override problemFor(
    flag: Parameters<DvcFormControl<string>['problemFor']>[0],
    keyword: string,
    params?: Record<string, string | number>,
  ) {
    const widget = this.asRadios ? 'radio' : 'select';
    const key =
      (this.t.specific as unknown as Record<string, string>)[`${widget}.${keyword}`] !== undefined
        ? `specific.${widget}.${keyword}`
        : `validation.${keyword}`;
    return { flag, key, params };
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('options')) assertOptions(this.options, `<${this.localName} name="${this.name}">`);
    super.willUpdate(changed);
  }

  protected isEmpty(): boolean {
    return this.value === '';
  }
  protected override check() {
    return this.options.some((o) => optionKey(o.value) === this.value) ? null : this.problemFor('typeMismatch', 'enum');
  }
  protected toFormValue(): string | null {
    return this.value === '' ? null : this.value;
  }
  protected resetValue(): void {
    this.valueSet = false;
    this.current = '';
  }
  protected restoreState(state: string): void {
    try {
      const v: unknown = JSON.parse(state);
      this.value = typeof v === 'string' ? v : state;
    } catch {
      this.value = state;
    }
  }

  private pick(v: string): void {
    this.value = v;
    this.userChanged(true);
  }

  protected renderControl(ctx: ControlContext): TemplateResult {
    const locale = this.locale;
    if (this.asRadios) {
      return html`<div class="options" role="presentation">
        ${this.options.map((o, i) => {
          const key = optionKey(o.value);
          return html`<div class="option">
            <input
              type="radio"
              id="opt-${i}"
              part="input radio"
              name="choice"
              .value=${key}
              .checked=${live(this.value === key)}
              ?required=${this.required}
              ?disabled=${ctx.disabled || this.readonly}
              aria-invalid=${ctx.invalid ? 'true' : 'false'}
              @change=${() => this.pick(key)}
            />
            <label for="opt-${i}">${optionLabel(o, locale)}</label>
          </div>`;
        })}
      </div>`;
    }
    return html`<select
      id="input"
      part="input"
      class="input"
      ?required=${this.required}
      ?disabled=${ctx.disabled || this.readonly}
      aria-describedby=${ctx.describedBy || nothing}
      aria-invalid=${ctx.invalid ? 'true' : 'false'}
      @change=${(e: Event) => this.pick((e.target as HTMLSelectElement).value)}
    >
      <option value="" ?selected=${this.value === ''}>${this.t.field.choosePlaceholder}</option>
      ${this.options.map((o) => {
        const key = optionKey(o.value);
        return html`<option value=${key} ?selected=${this.value === key}>${optionLabel(o, locale)}</option>`;
      })}
    </select>`;
  }

  protected override updated(changed: PropertyValues): void {
    const select = this.renderRoot.querySelector('select');
    if (select && select.value !== this.value) select.value = this.value;
    super.updated(changed);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-choice-field': DvcChoiceField;
  }
}
