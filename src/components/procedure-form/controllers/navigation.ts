/**
 * Where the citizen is in a procedure shell: the page shown, the error summary and the banner on it, moving
 * between pages (a step is checked before the next one), the "change" links of the review page, and where
 * the focus goes after each move.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FormModel } from '../../../runtime/model.js';
import type { FormState } from '../../../runtime/form-state.js';
import type { DossierIssue } from '../../../runtime/validate.js';
import type { ErrorSummaryItem } from '../../error-summary/error-summary.js';
import type { FieldControl } from '../field-binding.js';
import { DvcStepChangeEvent, type DvcChangeRequestEvent, type DvcErrorLinkEvent, type ShellPage } from '../events.js';
import type { AttachmentsController } from './attachments.js';
import type { DraftController } from './draft.js';
import type { ReviewController } from './review.js';

/** A banner across the top of the page. */
export interface Banner {
  kind: 'offline' | 'error' | 'info';
  text: string;
}

/** What the navigation controller reads of the element. */
export interface NavigationHost extends ReactiveControllerHost {
  readonly model: FormModel;
  readonly renderRoot: HTMLElement | DocumentFragment;
  dispatchEvent(event: Event): boolean;
}

/** What the navigation controller asks of the shell. */
export interface NavigationOptions<T extends object> {
  form: FormState<T>;
  draft: DraftController;
  attachments: AttachmentsController<T>;
  review: ReviewController<T>;
  /** The message of an issue, as the citizen reads it. */
  issueText(issue: DossierIssue): string;
}

/**
 * Moves a procedure shell between its pages and keeps what each page shows besides the form: the error
 * summary, the banner, the focus.
 *
 * @fires dvc-step-change - The page or step changed ({@link DvcStepChangeEvent}, on the host).
 */
export class NavigationController<T extends object> implements ReactiveController {
  private _page: ShellPage = 'start';
  private _summary: ErrorSummaryItem[] = [];
  private _banner: Banner | null = null;
  /** Problems a control found itself (text it could not read, e.g. an impossible date), by pointer. */
  private readonly controlProblems = new Map<string, string>();
  /** A "change" link of the review page was followed: "continue" goes back to the review. */
  private returnToReview = false;
  private pendingFocus: (() => void) | null = null;

  constructor(
    private readonly host: NavigationHost,
    private readonly options: NavigationOptions<T>,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const f = this.pendingFocus;
    this.pendingFocus = null;
    f?.();
  }

  /** The page shown now. */
  get page(): ShellPage {
    return this._page;
  }

  /** The errors of the error summary (empty when hidden). */
  get summary(): ErrorSummaryItem[] {
    return this._summary;
  }

  /** The banner shown across the top, if any. */
  get banner(): Banner | null {
    return this._banner;
  }
  set banner(b: Banner | null) {
    this._banner = b;
    this.host.requestUpdate();
  }

  /** True when the control at `pointer` found a problem itself (it shows its own message). */
  controlProblem(pointer: string): boolean {
    return this.controlProblems.has(pointer);
  }

  /** The citizen changed the control at `pointer`: the problem it found goes. */
  controlChanged(pointer: string): void {
    if (this.controlProblems.delete(pointer)) this.host.requestUpdate();
  }

  /** Shows a page as it was when a draft or a receipt was saved (no event, no focus move, nothing saved). */
  restore(page: ShellPage): void {
    this._page = page;
    this.host.requestUpdate();
    if (page === 'review') void this.options.review.loadUnitsIfNeeded();
  }

  /** Back to the first page, with nothing shown besides it. */
  reset(): void {
    this._summary = [];
    this._banner = null;
    this._page = 'start';
    this.host.requestUpdate();
  }

  /** Shows a page, says so (`dvc-step-change`), saves the draft and moves the focus to the heading. */
  go(page: ShellPage, focus: 'heading' | 'none' = 'heading'): void {
    const { form } = this.options;
    this._page = page;
    this._summary = [];
    this._banner = this._banner?.kind === 'offline' ? this._banner : null;
    this.host.requestUpdate();
    if (page === 'attachments') void this.options.attachments.loadDocuments();
    if (page === 'review') void this.options.review.loadUnitsIfNeeded();
    this.host.dispatchEvent(new DvcStepChangeEvent(page, page === 'step' ? form.step?.id : undefined, form.stepIndex));
    void this.options.draft.saveNow();
    if (focus === 'heading') this.pendingFocus = () => this.host.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  /** Shows the error summary and moves the focus to it. */
  showSummary(items: ErrorSummaryItem[]): void {
    this._summary = items;
    this.host.requestUpdate();
    this.pendingFocus = () => {
      const el = this.host.renderRoot.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('dvc-error-summary');
      if (!el) return;
      void (el.updateComplete ?? Promise.resolve()).then(() => el.focus());
    };
  }

  /** After the next render, brings the banner into view. */
  revealBanner(): void {
    this.pendingFocus = () => this.host.renderRoot.querySelector<HTMLElement>('[part~="banner"]')?.scrollIntoView?.({ block: 'nearest' });
  }

  /** Focuses the control of a pointer (a field, or the first control inside a group / array / attachment). */
  private focusPointer(pointer: string): void {
    const root = this.host.renderRoot as ShadowRoot;
    const named = [...root.querySelectorAll<HTMLElement & { name?: string }>('[name]')];
    const target =
      named.find((el) => el.getAttribute('name') === pointer) ??
      named.find((el) => (el.getAttribute('name') ?? '').startsWith(pointer + '/')) ??
      root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(pointer)}"]`);
    if (!target) return;
    const ready = (target as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
    void (ready ?? Promise.resolve()).then(() => {
      target.scrollIntoView?.({ block: 'center', behavior: 'auto' });
      target.focus();
    });
  }

  /** "Start": the first step (or the attachments, or the review, when the procedure asks nothing). */
  start(): void {
    const { form } = this.options;
    form.stepIndex = 0;
    if (form.visibleSteps.length === 0) this.go(this.host.model.attachments.length ? 'attachments' : 'review');
    else this.go('step');
  }

  /** "Continue" on a step: checks its answers, then the next step (or back to the review after a "change"). */
  async next(e?: Event): Promise<void> {
    e?.preventDefault();
    const { form, issueText } = this.options;
    const step = form.step;
    if (!step) return;
    const issues = form.validate(step.fields);
    const errors = issues.filter((x) => x.severity === 'error');
    // A control that holds text it cannot read (e.g. 31/02/2024) knows better than the data, which is empty.
    this.controlProblems.clear();
    for (const el of this.host.renderRoot.querySelectorAll<FieldControl>('[name^="/"]')) {
      const validity = (el as unknown as { validity?: ValidityState }).validity;
      const message = (el as unknown as { validationMessage?: string }).validationMessage;
      if (validity && validity.badInput && message) this.controlProblems.set(el.name, message);
    }
    const items: ErrorSummaryItem[] = errors
      .filter((x) => !this.controlProblems.has(x.pointer))
      .map((x) => ({ pointer: x.pointer, message: issueText(x) }));
    for (const [pointer, message] of this.controlProblems) items.push({ pointer, message });
    if (items.length > 0) {
      const order = [...form.evaluation.nodes.keys()];
      items.sort((a, b) => order.indexOf(a.pointer) - order.indexOf(b.pointer));
      this.showSummary(items);
      await this.host.updateComplete;
      for (const el of this.host.renderRoot.querySelectorAll<FieldControl>('[name]')) el.showErrors?.();
      return;
    }
    if (this.returnToReview) {
      this.returnToReview = false;
      this.go('review');
      return;
    }
    const steps = form.visibleSteps;
    const i = steps.findIndex((s) => s.id === step.id);
    if (i < steps.length - 1) {
      form.stepIndex = i + 1;
      this.go('step');
    } else {
      this.go(this.host.model.attachments.length ? 'attachments' : 'review');
    }
  }

  /** "Continue" on the attachments page: checks them, then the review. */
  attachmentsNext(e: Event): void {
    e.preventDefault();
    const items = this.options.attachments.check();
    if (items.length) {
      this.showSummary(items);
      return;
    }
    this.go('review');
  }

  /** "Back": the page before this one. */
  back(): void {
    const { form } = this.options;
    this.returnToReview = false;
    if (this._page === 'step') {
      if (form.stepIndex > 0) {
        form.stepIndex -= 1;
        this.go('step');
      } else this.go('start');
    } else if (this._page === 'attachments') {
      this.toLastStep();
    } else if (this._page === 'review') {
      if (this.host.model.attachments.length) this.go('attachments');
      else this.toLastStep();
    }
  }

  private toLastStep(): void {
    const { form } = this.options;
    const n = form.visibleSteps.length;
    if (n === 0) {
      this.go('start');
      return;
    }
    form.stepIndex = n - 1;
    this.go('step');
  }

  /** A link of the error summary: the control it names (on the review page, the step or page that holds it). */
  readonly onErrorLink = (e: DvcErrorLinkEvent): void => {
    const pointer = e.pointer;
    if (this._page === 'review' && pointer !== '#consent' && !pointer.startsWith('#attachment:')) {
      this.changeAnswer(pointer);
      return;
    }
    if (this._page === 'review' && pointer.startsWith('#attachment:')) {
      this.go('attachments', 'none');
      this.pendingFocus = () => this.focusPointer(pointer);
      return;
    }
    this.focusPointer(pointer);
  };

  /** A "change" link of the review page. */
  readonly onChangeRequest = (e: DvcChangeRequestEvent): void => {
    this.changeAnswer(e.pointer);
  };

  private changeAnswer(pointer: string): void {
    if (pointer === '#attachments') {
      this.go('attachments');
      return;
    }
    if (!this.options.form.goTo({ pointer })) return;
    this.returnToReview = true;
    this.go('step', 'none');
    this.pendingFocus = () => this.focusPointer(pointer);
  }
}
