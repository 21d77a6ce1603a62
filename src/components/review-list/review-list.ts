import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { DvcChangeRequestEvent } from '../procedure-form/events.js';
import { reviewListStyles } from './review-list.styles.js';

/** One answer on the review page. */
export interface ReviewRow {
  pointer: string;
  label: string;
  /** The answer as text (empty: not answered). */
  value: string;
}

/** The answers of one step. */
export interface ReviewSection {
  stepId: string;
  title: string;
  rows: ReviewRow[];
}

/**
 * @summary "Check your answers": every answer per step, each with a "change" link back to its field.
 *
 * @event dvc-change-request - A "change" link was followed (`stepId`, `pointer`).
 * @csspart section - The block of one step.
 * @csspart row - One answer.
 * @csspart change-link - A "change" link.
 */
export class DvcReviewList extends LitElement {
  static override styles = reviewListStyles;

  /** The answers, grouped by step. */
  @property({ attribute: false }) sections: ReviewSection[] = [];
  /** Text of the "change" links. */
  @property({ attribute: 'change-label' }) changeLabel = 'Thay đổi';
  /** Text for an unanswered question. */
  @property({ attribute: 'empty-label' }) emptyLabel = 'Chưa nhập';

  private change(e: Event, stepId: string, pointer: string): void {
    e.preventDefault();
    this.dispatchEvent(new DvcChangeRequestEvent(stepId, pointer));
  }

  protected override render() {
    return html`${repeat(
      this.sections,
      (s) => s.stepId,
      (s) =>
        html`<section part="section" aria-labelledby="h-${s.stepId}">
          <h3 id="h-${s.stepId}">${s.title}</h3>
          <dl>
            ${repeat(
              s.rows,
              (r) => r.pointer,
              (r) =>
                html`<div class="row" part="row">
                  <dt>${r.label}</dt>
                  <dd>${r.value ? r.value : html`<span class="empty">${this.emptyLabel}</span>`}</dd>
                  <dd>
                    <a part="change-link" href="#${r.pointer}" @click=${(e: Event) => this.change(e, s.stepId, r.pointer)}
                      >${this.changeLabel}<span class="visually-hidden"> ${r.label}</span></a
                    >
                  </dd>
                </div>`,
            )}
          </dl>
        </section>`,
    )}`;
  }
}
