import { html, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ChoiceOption } from '../../runtime/model.js';
import { DvcFormControl, type ControlContext, type Problem } from '../../internal/form-control.js';
import { assertOptions, optionKey, optionLabel } from '../../internal/choices.js';
import { styles } from './multi-choice-field.styles.js';

/**
 * @summary Several choices among options, as checkboxes. The value is an array of the chosen option
 * values (as strings, in option order); each one is submitted under `name`.
 *
 * @event input - The user ticked or unticked an option.
 * @event change - The user ticked or unticked an option.
 * @csspart base - The fieldset.
 * @csspart label - The legend.
 * @csspart input - Each checkbox.
 * @csspart hint - The hint.
 * @csspart error-message - The error message.
 * @csspart warning - The warning.
 * @cssstate user-invalid - Invalid with the error shown.
 * @cssstate prefilled - Value from the population database.
 */
export class DvcMultiChoiceField extends DvcFormControl<string[]> {
  static override styles: CSSResultGroup = styles;
  static override widget = 'multi-choice';

  /** The options. */
  @property({ attribute: false }) options: ChoiceOption[] = [];
  /** Initial value (attribute `value`, a JSON array); what a form reset restores. */
  @property({ attribute: 'value', type: Array }) defaultValue: string[] = [];
  /** Fewest options to choose. */
  @property({ type: Number, attribute: 'min-items' }) minItems?: number;
  /** Most options to choose. */
  @property({ type: Number, attribute: 'max-items' }) maxItems?: number;

  private current: readonly string[] = [];
  private valueSet = false;

  /** The chosen option values (a new array; never mutated by the control). */
  @property({ attribute: false })
  get value(): string[] {
    return [...(this.valueSet ? this.current : (this.defaultValue ?? []))];
  }
  set value(v: string[]) {
    this.current = Array.isArray(v) ? v.map(String) : [];
    this.valueSet = true;
  }

  /** The chosen values with their original types. */
  get typedValue(): Array<ChoiceOption['value']> {
    const chosen = new Set(this.value);
    return this.options.filter((o) => chosen.has(optionKey(o.value))).map((o) => o.value);
  }

  protected override get isGroup(): boolean {
    return true;
  }
  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('options')) assertOptions(this.options, `<${this.localName} name="${this.name}">`);
    super.willUpdate(changed);
  }
  protected isEmpty(): boolean {
    return this.value.length === 0;
  }
  protected override check(): Problem | null {
    const n = this.value.length;
    if (this.minItems != null && n < this.minItems) return this.problemFor('rangeUnderflow', 'minItems', { limit: this.minItems });
    if (this.maxItems != null && n > this.maxItems) return this.problemFor('rangeOverflow', 'maxItems', { limit: this.maxItems });
    const known = new Set(this.options.map((o) => optionKey(o.value)));
    if (this.value.some((v) => !known.has(v))) return this.problemFor('typeMismatch', 'enum');
    return null;
  }
  protected toFormValue(): FormData | null {
    if (!this.name) return null;
    const fd = new FormData();
    for (const v of this.value) fd.append(this.name, v);
    return fd;
  }
  protected resetValue(): void {
    this.valueSet = false;
    this.current = [];
  }
  protected restoreState(state: string): void {
    try {
      const v: unknown = JSON.parse(state);
      if (Array.isArray(v)) this.value = v.map(String);
    } catch {
      // an unreadable state is ignored
    }
  }

  private toggle(key: string, on: boolean): void {
    const chosen = new Set(this.value);
    if (on) chosen.add(key);
    else chosen.delete(key);
    this.value = this.options.map((o) => optionKey(o.value)).filter((k) => chosen.has(k));
    this.userChanged(true);
  }

  protected renderControl(ctx: ControlContext): TemplateResult {
    const chosen = new Set(this.value);
    return html`<div class="options">
      ${this.options.map((o, i) => {
        const key = optionKey(o.value);
        return html`<div class="option">
          <input
            type="checkbox"
            id="opt-${i}"
            part="input checkbox"
            .value=${key}
            .checked=${live(chosen.has(key))}
            ?disabled=${ctx.disabled || this.readonly}
            aria-invalid=${ctx.invalid ? 'true' : 'false'}
            @change=${(e: Event) => this.toggle(key, (e.target as HTMLInputElement).checked)}
          />
          <label for="opt-${i}">${optionLabel(o, this.locale)}</label>
        </div>`;
      })}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-multi-choice-field': DvcMultiChoiceField;
  }
}
