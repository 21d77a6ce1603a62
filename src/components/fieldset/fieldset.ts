import { LitElement, html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { styles } from './fieldset.styles.js';

/**
 * @summary A group of fields under a legend (a nested object of the dossier).
 *
 * `disabled` works like a native `<fieldset disabled>` for the fields inside, which a fieldset in a
 * shadow root cannot do by itself (slotted fields are not its DOM descendants): every descendant with a
 * `disabled` property (fields, nested groups, buttons) is disabled, including ones added later, and on
 * re-enabling only those the group disabled are enabled again; a field disabled on its own stays so.
 *
 * @slot - The fields of the group.
 * @csspart base - The native fieldset.
 * @csspart legend - The legend.
 * @csspart hint - The hint.
 * @csspart error-message - A message about the group as a whole (set by the shell).
 */
export class DvcFieldset extends LitElement {
  static override styles: CSSResultGroup = styles;

  /** The legend. */
  @property() label = '';
  /** Help text under the legend. */
  @property() hint = '';
  /** A message about the group as a whole. */
  @property() error = '';
  /** Disables every field inside (see above). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Descendants this group disabled (and must enable again). */
  private disabledByGroup = new Set<Element & { disabled: boolean }>();
  /** Watches for fields added while disabled (a new row of a repeating group, a conditional field). */
  private observer: MutationObserver | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.disabled) this.applyDisabled(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('disabled') && (changed.get('disabled') !== undefined || this.disabled)) this.applyDisabled(this.disabled);
  }

  private applyDisabled(on: boolean): void {
    if (on) {
      this.disableDescendants();
      this.observer ??= new MutationObserver(() => this.disableDescendants());
      this.observer.observe(this, { childList: true, subtree: true });
    } else {
      this.observer?.disconnect();
      this.observer = null;
      for (const el of this.disabledByGroup) el.disabled = false;
      this.disabledByGroup.clear();
    }
  }

  private disableDescendants(): void {
    for (const el of this.querySelectorAll('*')) {
      if (!('disabled' in el) || typeof el.disabled !== 'boolean' || el.disabled) continue;
      const control = el as Element & { disabled: boolean };
      control.disabled = true;
      this.disabledByGroup.add(control);
    }
  }

  protected override render(): TemplateResult {
    const describedBy = [this.hint && 'hint', this.error && 'error'].filter(Boolean).join(' ');
    return html`<fieldset part="base" ?disabled=${this.disabled} aria-describedby=${describedBy || nothing}>
      <legend part="legend">${this.label}</legend>
      ${this.hint ? html`<p id="hint" part="hint" class="hint">${this.hint}</p>` : nothing}
      <p id="error" part="error-message" class="error" ?hidden=${!this.error}>${this.error}</p>
      <slot></slot>
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-fieldset': DvcFieldset;
  }
}
