/**
 * The base of every field control: form association through ElementInternals, the shared properties,
 * the feedback condition (when an error may be shown), validity with localised messages, custom states,
 * and events fired only for user actions. Subclasses supply the value model and the inner control.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Locale } from '../runtime/model.js';
import type { Translation } from '../runtime/i18n/translation.js';
import { message, resolveLang, toLocale, translationFor, validationKey, DocumentLangController, type MessageParams } from './i18n.js';

/** A failed check: the validity flag it sets and the message key (with params) that explains it. */
export interface Problem {
  flag: Exclude<keyof ValidityStateFlags, 'customError'> | 'customError';
  /** Message key, e.g. `specific.date.required`, `field.dateImpossible`; or `''` with `text` set. */
  key: string;
  params?: MessageParams;
  /** A ready message (used for the external `error`). */
  text?: string;
}

/** What `renderControl` needs to join the inner control to the label, hint and messages. */
export interface ControlContext {
  /** Space-separated ids for `aria-describedby` (hint, error, warning, present ones only). */
  describedBy: string;
  /** Whether the error is shown (for `aria-invalid`). */
  invalid: boolean;
  /** Effective disabled state (own or through a disabled fieldset). */
  disabled: boolean;
}

/**
 * Base class of the form-associated field controls.
 *
 * @csspart base - The wrapper of the whole field.
 * @csspart label - The label (or legend, for groups).
 * @csspart input - The native control that holds focus.
 * @csspart hint - The hint text.
 * @csspart error-message - The error message.
 * @csspart warning - The warning message (never blocks).
 * @cssstate user-invalid - The field is invalid and its error is shown.
 * @cssstate prefilled - The value came from the population database.
 */
export abstract class DvcFormControl<V> extends LitElement {
  /** Makes the element a form control (ElementInternals). */
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  /** Widget name used to pick field-specific messages (`specific.<widget>.<keyword>`). */
  static widget = 'text';

  /** The ElementInternals that carries the form value, validity and states. */
  protected readonly internals: ElementInternals;

  /** Name under which the value is submitted with a `<form>`. */
  @property({ reflect: true }) name = '';
  /** Visible label (the accessible name). */
  @property() label = '';
  /** Help text shown under the label. */
  @property() hint = '';
  /** A value must be given. */
  @property({ type: Boolean, reflect: true }) required = false;
  /** Disabled: not editable, not submitted, not validated. */
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** Read-only: shown and submitted but not editable. */
  @property({ type: Boolean, reflect: true }) readonly = false;
  /** An error message set from outside (the shell); shown, and makes the control invalid (customError). */
  @property() error = '';
  /** A warning set from outside; shown, never blocks. */
  @property() warning = '';
  /** The value came from the population database: errors show at once; state `:state(prefilled)`. */
  @property({ type: Boolean, reflect: true }) prefilled = false;
  /** Language of the messages (`vi` or `en`); defaults to the nearest ancestor's `lang`. */
  @property({ reflect: true }) override lang!: string;

  /** Disabled through an ancestor `<fieldset disabled>`. */
  @state() protected formDisabled = false;
  /** The user has left the field at least once. */
  @state() protected touched = false;
  /** The user has changed the value. */
  @state() protected dirty = false;
  /** `showErrors()` was called (the step was submitted). */
  @state() protected submitted = false;

  /** The current problem (computed before each render). */
  protected problem: Problem | null = null;
  /** Re-renders when the document's `lang` changes. */
  private readonly langWatch = new DocumentLangController(this);

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.addEventListener('focusout', (e: FocusEvent) => {
      const next = e.relatedTarget as Node | null;
      if (next && (next === this || this.contains(next) || this.renderRoot.contains(next))) return;
      this.touched = true;
    });
  }

  /** The value in the data format. */
  abstract value: V;

  /** True when no value is given (what `required` checks). */
  protected abstract isEmpty(): boolean;
  /** The value submitted with a `<form>` (`null`: nothing). */
  protected abstract toFormValue(): string | FormData | null;
  /** Puts back the initial value (form reset). */
  protected abstract resetValue(): void;
  /** Restores a value saved by `toState()` (history navigation, autocomplete). */
  protected abstract restoreState(state: string, reason: 'restore' | 'autocomplete'): void;
  /** Renders the inner control(s). */
  protected abstract renderControl(ctx: ControlContext): TemplateResult;

  /** The state saved for form restoration: the value as JSON. */
  protected toState(): string {
    return JSON.stringify(this.value);
  }
  /** Checks beyond `required`; `null` when the value is valid. */
  protected check(): Problem | null {
    return null;
  }
  /** A warning the control finds itself (e.g. an ID number that disagrees with the birth date). */
  protected computeWarning(): string {
    return '';
  }
  /** Render the label as a `<legend>` of a `<fieldset>` (radio and checkbox groups). */
  protected get isGroup(): boolean {
    return false;
  }
  /** The element `reportValidity()` points at. */
  protected get validationAnchor(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="input"]');
  }
  /** The control renders its own `<label>` (checkboxes put it after the box). */
  protected get rendersOwnLabel(): boolean {
    return false;
  }
  /** Extra hint text rendered after `hint` (e.g. the date format). */
  protected get extraHint(): string {
    return '';
  }

  // ---- locale and messages

  /** The locale in effect. */
  protected get locale(): Locale {
    return toLocale(this.lang || resolveLang(this));
  }
  /** The catalogue of the locale in effect (Vietnamese while another one loads). */
  protected get t(): Translation {
    return translationFor(this.locale, () => this.requestUpdate());
  }
  /** A message by key, with `{field}` set to the label. */
  protected msg(key: string, params: MessageParams = {}): string {
    return message(this.t, key, { field: this.label, ...params });
  }
  /** The text of a problem. */
  protected problemText(p: Problem): string {
    return p.text ?? this.msg(p.key, p.params);
  }
  /** Problem for `keyword` with this widget's message key. */
  protected problemFor(flag: Problem['flag'], keyword: string, params?: MessageParams): Problem {
    return { flag, key: validationKey(this.t, keyword, (this.constructor as typeof DvcFormControl).widget), params };
  }

  // ---- the feedback condition

  /** Whether errors may be shown: touched and changed, prefilled, or `showErrors()` called. */
  protected get feedbackVisible(): boolean {
    return this.submitted || this.prefilled || (this.touched && this.dirty);
  }
  /** The error shown now, or `''`. */
  protected get shownError(): string {
    if (this.error) return this.error;
    return this.problem && this.feedbackVisible ? this.problemText(this.problem) : '';
  }
  /** The warning shown now, or `''`. */
  protected get shownWarning(): string {
    if (this.warning) return this.warning;
    return this.feedbackVisible ? this.computeWarning() : '';
  }
  /** Effective disabled state (own attribute or a disabled ancestor fieldset). */
  protected get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  /** Shows this field's error now, as after a submitted step. */
  showErrors(): void {
    this.submitted = true;
  }

  /** Records a user change and fires the native `input` (and `change` when `commit`). */
  protected userChanged(commit: boolean): void {
    this.dirty = true;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    if (commit) this.dispatchEvent(new Event('change', { bubbles: true }));
  }
  /** Fires the native `change` for a user action (after `userChanged(false)` calls). */
  protected userCommitted(): void {
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  // ---- the form-control API

  /** The form the control belongs to. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  /** The validity state. */
  get validity(): ValidityState {
    return this.internals.validity;
  }
  /** The localised message of the current problem (`''` when valid). */
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  /** Whether the control takes part in constraint validation. */
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  /** Checks validity (fires `invalid` when invalid). */
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  /** Checks validity, shows the error and lets the browser report it. */
  reportValidity(): boolean {
    this.submitted = true;
    return this.internals.reportValidity();
  }

  /** @internal */
  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }
  /** @internal */
  formResetCallback(): void {
    this.resetValue();
    this.touched = false;
    this.dirty = false;
    this.submitted = false;
  }
  /** @internal */
  formStateRestoreCallback(state: string | File | FormData | null, reason: 'restore' | 'autocomplete'): void {
    if (typeof state === 'string') this.restoreState(state, reason);
  }

  // ---- lifecycle

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // Inner native events never leave the shadow root: the host fires its own `input`/`change`
    // when (and only when) the user changes the value.
    for (const type of ['input', 'change']) root.addEventListener(type, (e) => e.stopPropagation());
    return root;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.problem = this.computeProblem();
  }

  /** The first problem: external error, then missing value, then the control's own checks. */
  protected computeProblem(): Problem | null {
    if (this.error) return { flag: 'customError', key: '', text: this.error };
    if (this.required && this.isEmpty()) return this.problemFor('valueMissing', 'required');
    return this.isEmpty() ? null : this.check();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.internals.setFormValue(this.toFormValue(), this.toState());
    const p = this.problem;
    if (p) {
      const flags: ValidityStateFlags = { [p.flag]: true };
      this.internals.setValidity(flags, this.problemText(p) || ' ', this.validationAnchor ?? undefined);
    } else {
      this.internals.setValidity({});
    }
    this.toggleState('user-invalid', Boolean(this.shownError));
    this.toggleState('prefilled', this.prefilled);
    this.toggleState('disabled', this.isDisabled);
  }

  /** Sets or clears a custom state. */
  protected toggleState(name: string, on: boolean): void {
    const states = this.internals.states;
    if (!states) return;
    if (on) states.add(name);
    else states.delete(name);
  }

  protected override render(): TemplateResult {
    const error = this.shownError;
    const warning = this.shownWarning;
    const hint = [this.hint, this.extraHint].filter(Boolean).join(' ');
    const describedBy = [hint && 'hint', error && 'error', warning && 'warning'].filter(Boolean).join(' ');
    const ctx: ControlContext = { describedBy, invalid: Boolean(error), disabled: this.isDisabled };
    const body = html`
      ${hint ? html`<div id="hint" part="hint" class="hint">${hint}</div>` : nothing}
      <div id="error" part="error-message" class="error" ?hidden=${!error}>
        ${error ? html`<span class="visually-hidden">${this.t.field.errorPrefix} </span>${error}` : nothing}
      </div>
      ${this.renderControl(ctx)}
      <div id="warning" part="warning" class="warning" ?hidden=${!warning}>
        ${warning ? html`<span class="visually-hidden">${this.t.field.warningPrefix} </span>${warning}` : nothing}
      </div>
    `;
    const mark = this.required ? html`<span class="required-mark" aria-hidden="true">*</span>` : nothing;
    if (this.isGroup) {
      return html`<fieldset
        part="base"
        class="field group ${error ? 'has-error' : ''}"
        aria-describedby=${describedBy || nothing}
        ?disabled=${this.isDisabled}
      >
        <legend part="label" class="label">${this.label}${mark}</legend>
        ${body}
      </fieldset>`;
    }
    return html`<div part="base" class="field ${error ? 'has-error' : ''}">
      ${this.rendersOwnLabel ? nothing : html`<label part="label" class="label" for="input">${this.label}${mark}</label>`} ${body}
    </div>`;
  }
}
