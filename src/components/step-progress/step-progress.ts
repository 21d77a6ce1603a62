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

  protected override render() {
    const total = Math.max(this.steps.length, 1);
    const pct = Math.round(((this.current + 1) / total) * 100);
    return html`<nav part="base" aria-label=${this.label}>
      <p part="count" class="count">${this.countText}</p>
      <div part="bar" class="bar" aria-hidden="true"><div class="fill" style="inline-size:${pct}%"></div></div>
      <ol>
        ${this.steps.map(
          (title, i) =>
            html`<li part="step" class=${i < this.current ? 'done' : ''} aria-current=${i === this.current ? 'step' : 'false'}>${title}</li>`,
        )}
      </ol>
    </nav>`;
  }
}
