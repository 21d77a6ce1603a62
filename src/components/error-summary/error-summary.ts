import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { DvcErrorLinkEvent } from '../procedure-form/events.js';
import { errorSummaryStyles } from './error-summary.styles.js';

/** One entry of the summary. */
export interface ErrorSummaryItem {
  /** Pointer of the field the link leads to. */
  pointer: string;
  /** The message, as shown next to the field. */
  message: string;
}

/**
 * @summary A GOV.UK-style error summary: a heading and one link per problem; focused when it appears.
 *
 * @event dvc-error-link - A link was followed; `pointer` names the field to focus.
 * @csspart base - The bordered box (focus target).
 * @csspart heading - The heading.
 * @csspart link - Each link.
 */
export class DvcErrorSummary extends LitElement {
  static override styles = errorSummaryStyles;

  /** The heading, e.g. "Có lỗi cần sửa trước khi tiếp tục". */
  @property() heading = '';
  /** The problems, in the order of the fields on the page. */
  @property({ attribute: false }) errors: ErrorSummaryItem[] = [];

  /** Moves focus to the summary (done by the shell whenever it appears). */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('[part~="base"]')?.focus(options);
  }

  private follow(e: Event, pointer: string): void {
    e.preventDefault();
    this.dispatchEvent(new DvcErrorLinkEvent(pointer));
  }

  protected override render() {
    if (this.errors.length === 0) return nothing;
    return html`<div part="base" class="base" role="alert" tabindex="-1" aria-labelledby="heading">
      <h2 part="heading" id="heading">${this.heading}</h2>
      <ul>
        ${repeat(
          this.errors,
          (x) => x.pointer,
          (x) => html`<li><a part="link" href="#${x.pointer}" @click=${(e: Event) => this.follow(e, x.pointer)}>${x.message}</a></li>`,
        )}
      </ul>
    </div>`;
  }
}
