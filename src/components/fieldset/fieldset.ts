import { LitElement, html, nothing, type CSSResultGroup, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { styles } from './fieldset.styles.js';

/**
 * @summary A group of fields under a legend (a nested object of the dossier).
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

  protected override render(): TemplateResult {
    const describedBy = [this.hint && 'hint', this.error && 'error'].filter(Boolean).join(' ');
    return html`<fieldset part="base" aria-describedby=${describedBy || nothing}>
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
