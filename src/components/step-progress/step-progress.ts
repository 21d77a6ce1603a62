import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { stepProgressStyles } from './step-progress.styles.js';

/**
 * @summary Where the citizen is in the procedure: "Bước 2 trên 5", a bar and the step names.
 *
 * @csspart base - The navigation landmark.
 * @csspart count - The "step N of M" text.
 * @csspart bar - The progress track.
 * @csspart step - Each step name.
 */
export class DvcStepProgress extends LitElement {
  static override styles = stepProgressStyles;

  /** Titles of the steps, in order. */
  @property({ attribute: false }) steps: string[] = [];
  /** 0-based index of the current step. */
  @property({ type: Number }) current = 0;
  /** Accessible name of the landmark. */
  @property() label = '';
  /** The "step N of M" text (already localised). */
  @property({ attribute: 'count-text' }) countText = '';

  /** Share of the procedure done, in percent. */
  private get percent(): number {
    return Math.round(((this.current + 1) / Math.max(this.steps.length, 1)) * 100);
  }

  // The bar width goes through CSSOM, never a style attribute: strict-CSP pages (style-src 'self') block those.
  protected override updated(): void {
    this.style.setProperty('--dvc-step-progress-value', `${this.percent}%`);
  }

  protected override render() {
    return html`<nav part="base" aria-label=${this.label}>
      <p part="count" class="count">${this.countText}</p>
      <div part="bar" class="bar" aria-hidden="true"><div class="fill"></div></div>
      <ol>
        ${this.steps.map(
          (title, i) =>
            html`<li part="step" class=${i < this.current ? 'done' : ''} aria-current=${i === this.current ? 'step' : 'false'}>
              ${title}
            </li>`,
        )}
      </ol>
    </nav>`;
  }
}
