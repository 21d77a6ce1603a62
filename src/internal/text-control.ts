/**
 * Base of the controls whose value is one string typed into one text box. Display and data are kept
 * apart (Lion's FormatMixin): `parse` turns what the user typed into the data value, `format` turns the
 * data value into what is shown. While the user types, the text stays exactly as typed; it is
 * re-formatted when the user leaves the box (`change`) or when `value` is set.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { DvcFormControl, type ControlContext, type Problem } from './form-control.js';

/** What `parse` returns for text it cannot turn into a value. */
export interface Unparseable {
  problem: Problem;
}

/** Base class of single-text-box controls with a string value. */
export abstract class DvcTextControl extends DvcFormControl<string> {
  /** Initial value (the `value` attribute); what a form reset restores. */
  @property({ attribute: 'value' }) defaultValue = '';
  /** Minimum length of the value. */
  @property({ type: Number, attribute: 'minlength' }) minLength?: number;
  /** Maximum length of the value. */
  @property({ type: Number, attribute: 'maxlength' }) maxLength?: number;
  /** A JSON Schema `pattern` (ECMAScript, unanchored) the value must match. */
  @property() pattern?: string;
  /** The `autocomplete` token of the inner input. */
  @property() autocomplete?: string;

  /** The text as the user typed it, while it differs from the formatted value; `null` otherwise. */
  @state() protected draft: string | null = null;
  /** The problem of the draft when it cannot be parsed. */
  @state() protected parseProblem: Problem | null = null;

  private current = '';
  private valueSet = false;

  /** The value in the data format (what is submitted). */
  @property({ attribute: false })
  get value(): string {
    return this.valueSet ? this.current : this.normalizeValue(this.defaultValue ?? '');
  }
  set value(v: string) {
    this.current = v == null ? '' : String(v);
    this.valueSet = true;
    this.draft = null;
    this.parseProblem = null;
  }

  /** The text shown in the box. */
  protected get displayValue(): string {
    return this.draft ?? this.format(this.value);
  }

  /** Turns typed text into the data value, or reports why it cannot. Default: the text unchanged. */
  protected parse(text: string): string | Unparseable {
    return text;
  }
  /** Turns the data value into display text. Default: unchanged. */
  protected format(value: string): string {
    return value;
  }
  /** Normalises a value set from outside (attribute). Default: unchanged. */
  protected normalizeValue(value: string): string {
    return value;
  }
  /** The `inputmode` of the inner input. */
  protected get inputModeHint(): string | undefined {
    return undefined;
  }
  /** Extra classes of the inner input (`short`, `digits`). */
  protected get inputClass(): string {
    return '';
  }
  /** The `type` of the inner input. */
  protected get inputType(): string {
    return 'text';
  }

  protected isEmpty(): boolean {
    return this.value === '' && (this.draft ?? '').trim() === '';
  }
  protected toFormValue(): string | null {
    return this.value;
  }
  protected resetValue(): void {
    this.valueSet = false;
    this.current = '';
    this.draft = null;
    this.parseProblem = null;
  }
  protected restoreState(state: string, reason: 'restore' | 'autocomplete'): void {
    let v = state;
    if (reason === 'restore') {
      try {
        const parsed: unknown = JSON.parse(state);
        if (typeof parsed === 'string') v = parsed;
      } catch {
        // not JSON: a plain string state
      }
    } else {
      const p = this.parse(state);
      v = typeof p === 'string' ? p : state;
    }
    this.value = v;
  }

  protected override check(): Problem | null {
    if (this.parseProblem) return this.parseProblem;
    const v = this.value;
    if (this.minLength != null && [...v].length < this.minLength)
      return this.problemFor('tooShort', 'minLength', { limit: this.minLength });
    if (this.maxLength != null && [...v].length > this.maxLength) return this.problemFor('tooLong', 'maxLength', { limit: this.maxLength });
    if (this.pattern) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(this.pattern, 'u');
      } catch {
        console.error(`<${this.localName} name="${this.name}">: invalid pattern ${this.pattern}`);
      }
      if (re && !re.test(v)) return this.problemFor('patternMismatch', 'pattern');
    }
    return this.checkValue(v);
  }
  /** Checks specific to the control on a parsed, non-empty value. */
  protected checkValue(_value: string): Problem | null {
    return null;
  }

  /** Applies typed text: parses it into the value. */
  protected applyText(text: string): void {
    const parsed = this.parse(text);
    this.draft = text;
    if (typeof parsed === 'string') {
      this.current = parsed;
      this.parseProblem = null;
    } else {
      this.current = '';
      this.parseProblem = text.trim() === '' ? null : parsed.problem;
    }
    this.valueSet = true;
    this.requestUpdate('value');
  }

  protected onInput(e: Event): void {
    this.applyText((e.target as HTMLInputElement | HTMLTextAreaElement).value);
    this.userChanged(false);
  }
  protected onChange(e: Event): void {
    const text = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.applyText(text);
    // Show the formatted value once the text could be read.
    if (!this.parseProblem) this.draft = null;
    this.dirty = true;
    this.userCommitted();
  }

  protected renderControl(ctx: ControlContext): TemplateResult {
    return html`<input
      id="input"
      part="input"
      class="input ${this.inputClass}"
      type=${this.inputType}
      .value=${live(this.displayValue)}
      ?required=${this.required}
      ?disabled=${ctx.disabled}
      ?readonly=${this.readonly}
      inputmode=${ifDefined(this.inputModeHint)}
      autocomplete=${ifDefined(this.autocomplete)}
      aria-describedby=${ctx.describedBy || nothing}
      aria-invalid=${ctx.invalid ? 'true' : 'false'}
      @input=${this.onInput}
      @change=${this.onChange}
    />`;
  }
}
