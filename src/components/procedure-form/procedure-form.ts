import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CompiledValidator, FormModel, Locale, Text } from '../../runtime/model.js';
import { ConflictError, OfflineError, ServerError, ValidationProblemError, type BackendClient } from '../../runtime/backend.js';
import { FormState, type StateChange } from '../../runtime/form-state.js';
import type { DraftContent, DraftRecord, DraftStorage } from '../../runtime/draft-store.js';
import { receiptOf, type ReceiptRecord } from '../../runtime/receipt-store.js';
import { clearCitizenData } from '../../runtime/secure-storage.js';
import { isSessionSecret } from '../../runtime/session-secret.js';
import { validateDossier, type DossierIssue } from '../../runtime/validate.js';
import { findNode } from '../../runtime/conditions.js';
import { formatMessage, hasTranslation, loadTranslation } from '../../runtime/messages.js';
import type { ShellMessages } from '../../runtime/i18n/translation.js';
import type { ErrorSummaryItem } from '../error-summary/error-summary.js';
import { readControl, type FieldControl } from './field-binding.js';
import type { ShellPage } from './events.js';
import { procedureFormStyles } from './procedure-form.styles.js';
import { BackendController } from './controllers/backend.js';
import { DraftController } from './controllers/draft.js';
import { PrefillController } from './controllers/prefill.js';
import { AttachmentsController } from './controllers/attachments.js';
import { SubmissionController, serverIssues } from './controllers/submission.js';
import { PaymentController } from './controllers/payment.js';
import { ReviewController } from './controllers/review.js';
import { NodeRenderer } from './node-renderer.js';
import { PageRenderer } from './pages.js';
import { NavigationController } from './controllers/navigation.js';
import { ShellWords } from './words.js';
import { defineShellParts } from './parts.js';

/**
 * @summary The procedure shell: renders a compiled procedure — before-you-start page, one step at a time with
 * progress and a GOV.UK error summary, attachments uploaded as they are chosen, review with "change" links,
 * consent, submission with an idempotency key, payment and receipt. Compiled elements extend it with the
 * statics `model` and `validator`.
 *
 * The shell is a table of contents: each concern is a Lit reactive controller in `controllers/` (back end,
 * draft, prefill, attachments, submission, payment, review, navigation), the pages are rendered by
 * `pages.ts` and the model's nodes by `node-renderer.ts`; the events below are dispatched on this element by
 * the controller named (its `@fires`), or bubble out of a part.
 *
 * @event dvc-step-change - The page or step changed (`NavigationController`).
 * @event dvc-submit - About to submit (cancelable; `SubmissionController`).
 * @event dvc-submitted - The back end accepted the dossier (`receipt`, `code`; `SubmissionController`).
 * @event dvc-payment-status - A payment was created or its status changed (`<dvc-payment>`, or `PaymentController` after a reload).
 * @event dvc-payment-redirect - About to go to the VNPay gateway (from `<dvc-payment>`; cancelable).
 * @event dvc-draft-restored - A saved draft was put back into the form (`DraftController`).
 *
 * Sign-out: the host calls `clearCitizenData()` (exported, or this element's method) when the citizen signs
 * out; drafts, receipts, remembered uploads, the device key and the session secret are deleted.
 *
 * @csspart base - The form column.
 * @csspart caption - The procedure name above each page heading.
 * @csspart heading - The page heading.
 * @csspart banner - Offline / error / info banner.
 * @csspart button - Every button of the shell.
 * @csspart start-button - The "start" button.
 * @csspart next-button - The "continue" button.
 * @csspart back-button - The "back" button.
 * @csspart submit-button - The "submit" button.
 * @csspart attachment - Each `<dvc-attachment>` (one attachment requirement).
 * @csspart payment - The `<dvc-payment>` of the payment page.
 * @csspart qr - The VietQR image (exported from `<dvc-payment>`).
 *
 * @cssproperty --dvc-color-primary - Buttons, links, progress.
 * @cssproperty --dvc-color-text - Body text.
 * @cssproperty --dvc-color-error - Errors.
 * @cssproperty --dvc-color-focus - Focus ring.
 * @cssproperty --dvc-procedure-form-max-width - Maximum width of the form column.
 */
export class DvcProcedureForm<T extends object = Record<string, unknown>> extends LitElement {
  static override styles = procedureFormStyles;

  /** The compiled model of the procedure (set by the compiled subclass). */
  static model: FormModel;
  /** The compiled validator of the procedure (set by the compiled subclass). */
  static validator: CompiledValidator;

  /** Base URL of the back end (e.g. `/api/v1`); used when `client` is not set. */
  @property({ attribute: 'api-base' }) apiBase = '';
  /** Language of the form: `vi` (default) or `en`. */
  @property({ reflect: true }) override lang = 'vi';
  /** `on` (default) keeps a local draft as the citizen types; `off` stores nothing. */
  @property() drafts: 'on' | 'off' = 'on';
  /** Days a local draft is kept after its last change. */
  @property({ attribute: 'draft-ttl-days', type: Number }) draftTtlDays = 30;
  /** Gives the host page's identity token (JWT) for the back end. */
  @property({ attribute: false }) tokenProvider?: () => Promise<string | null>;
  /** Where drafts and the unpaid receipt are kept (default: IndexedDB, encrypted); `null` disables drafts. */
  @property({ attribute: false }) draftStorage?: DraftStorage | null;
  /**
   * `on` (default): while a citizen is signed in (`tokenProvider` gives a token) and a back end is set, the
   * draft is also kept on the back end so they can resume on another device; `off`: only on this device.
   */
  @property({ attribute: 'server-drafts' }) serverDrafts: 'on' | 'off' = 'on';

  @state() private consent = false;
  /** False until the draft (and prefill) are applied: nothing is shown meanwhile, so no page flashes. */
  @state() private ready = false;

  /** The form state (values, touched, issues, current step). */
  protected readonly form: FormState<T>;
  /** The shell's messages and the model's texts in the form's language. */
  private readonly words = new ShellWords(this);
  /** The back end: client, the filing's session secret, the reads besides the dossier. */
  private readonly backend = new BackendController(this, { onSessionMade: () => this.draft.saveSoon() });
  /** The draft and the unpaid receipt kept on the device (and a signed-in citizen's draft on the back end). */
  private readonly draft: DraftController = new DraftController(this, {
    backend: this.backend,
    content: () => this.draftContent(),
    filed: () =>
      this.submission.receipt
        ? {
            receipt: this.submission.receipt,
            page: this.nav.page === 'receipt' ? 'receipt' : 'payment',
            payment: this.payment.payment,
            session: this.backend.session,
          }
        : null,
    restoreDraft: (d) => this.restoreDraft(d),
    restoreReceipt: (r) => this.restoreReceipt(r),
    reset: () => this.resetMemory(),
  });
  /** The answers taken from the back end's record of the citizen. */
  private readonly prefill: PrefillController<T>;
  /** The files of each attachment (uploaded as they are chosen), their errors, the reusable documents. */
  private readonly attachments: AttachmentsController<T>;
  /** The submission (one at a time, idempotent) and the receipt. */
  private readonly submission: SubmissionController<T>;
  /** The payment of the fee, once filed. */
  private readonly payment = new PaymentController(this, {
    backend: this.backend,
    onDone: () => this.nav.go('receipt'),
    onChange: () => void this.draft.saveNow(),
  });
  /** The answers in words for the review page. */
  private readonly review: ReviewController<T>;
  /** Renders the fields, groups and repeating groups of a step. */
  private readonly nodes: NodeRenderer<T>;
  /** The page shown, its error summary and banner, moving between pages, the focus. */
  private readonly nav: NavigationController<T>;
  /** Renders the pages. */
  private readonly pages: PageRenderer<T>;
  private initialised = false;
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;

  constructor() {
    super();
    const ctor = this.constructor as typeof DvcProcedureForm;
    if (!ctor.model || !ctor.validator) {
      throw new Error(
        `${this.localName}: the procedure element needs the statics "model" and "validator" (extend DvcProcedureForm with a compiled procedure).`,
      );
    }
    this.form = new FormState<T>(ctor.model, ctor.validator);
    this.form.subscribe((c) => this.onStateChange(c));
    this.attachments = new AttachmentsController<T>(this, {
      form: this.form,
      backend: this.backend,
      words: this.words,
      onFilesChange: () => {
        if (this.nav.page === 'review') this.requestUpdate();
        void this.draft.saveNow();
      },
    });
    this.review = new ReviewController<T>(this, {
      form: this.form,
      backend: this.backend,
      attachments: this.attachments,
      words: this.words,
    });
    this.nav = new NavigationController<T>(this, {
      form: this.form,
      draft: this.draft,
      attachments: this.attachments,
      review: this.review,
      issueText: (issue) => this.issueText(issue),
    });
    this.nodes = new NodeRenderer<T>({
      form: this.form,
      words: this.words,
      issueText: (issue) => this.issueText(issue),
      prefilled: (pointer) => this.prefill.has(pointer),
      controlProblem: (pointer) => this.nav.controlProblem(pointer),
      unitsLoader: this.backend.unitsLoader,
      onRowsChange: () => {
        this.requestUpdate();
        this.draft.saveSoon();
      },
    });
    this.submission = new SubmissionController<T>(this, {
      form: this.form,
      backend: this.backend,
      draft: this.draft,
      attachments: this.attachments,
      words: this.words,
      check: () => this.checkDossier(),
      onInvalid: (items) => this.nav.showSummary(items),
      onSending: () => (this.nav.banner = null),
      onFiled: (receipt) => {
        if (receipt.fee.total > 0) void this.payment.loadMethods();
        this.nav.go(receipt.fee.total > 0 ? 'payment' : 'receipt');
      },
      onError: (e) => this.onSubmitError(e),
    });
    this.prefill = new PrefillController<T>(this, { form: this.form, backend: this.backend, onPrefilled: () => this.draft.saveSoon() });
    this.pages = new PageRenderer<T>({
      model: this.model,
      validator: this.validator,
      form: this.form,
      draft: this.draft,
      attachments: this.attachments,
      submission: this.submission,
      payment: this.payment,
      review: this.review,
      nodes: this.nodes,
      words: this.words,
      page: () => this.nav.page,
      summary: () => this.nav.summary,
      consent: () => this.consent,
      setConsent: (on) => (this.consent = on),
      start: () => this.nav.start(),
      next: (e) => this.nav.next(e),
      back: () => this.nav.back(),
      attachmentsNext: (e) => this.nav.attachmentsNext(e),
      discardDraft: () => this.discardDraft(),
      submit: () => this.submit(),
      onFieldEvent: this.onFieldEvent,
      onErrorLink: this.nav.onErrorLink,
      onChangeRequest: this.nav.onChangeRequest,
    });
    this.readyPromise = new Promise((r) => (this.resolveReady = r));
  }

  /** The compiled model. */
  get model(): FormModel {
    return (this.constructor as typeof DvcProcedureForm).model;
  }

  /** The compiled validator. */
  get validator(): CompiledValidator {
    return (this.constructor as typeof DvcProcedureForm).validator;
  }

  /** The dossier as entered (a copy). Setting it replaces the answers. */
  get value(): T {
    return structuredClone(this.form.data);
  }
  set value(v: T) {
    this.form.setData(structuredClone(v));
    this.draft.saveSoon();
  }

  /** The back end. Defaults to the HTTP client for `api-base`, created on first use. */
  @property({ attribute: false })
  get client(): BackendClient | undefined {
    return this.backend.client;
  }
  set client(c: BackendClient | undefined) {
    const old = this.backend.client;
    this.backend.client = c;
    this.requestUpdate('client', old);
  }

  /** Resolves once the draft and the prefill have been applied. */
  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  /** The page shown now. */
  get currentPage(): ShellPage {
    return this.nav.page;
  }

  private get locale(): Locale {
    return this.words.locale;
  }

  private get t(): ShellMessages {
    return this.words.t;
  }

  private l(text: Text | undefined): string {
    return this.words.l(text);
  }

  // ---------------------------------------------------------------- lifecycle

  override connectedCallback(): void {
    defineShellParts();
    super.connectedCallback();
    if (!this.initialised) {
      this.initialised = true;
      void this.init();
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.nav.page === 'payment') {
      this.payment.prepare().catch((e: unknown) => {
        console.error('dvc-forms: could not load the payment step', e);
        this.nav.banner = { kind: 'error', text: this.t.serverError };
      });
    }
    if (changed.has('lang') && this.locale === 'en' && !hasTranslation('en')) {
      loadTranslation('en').then(
        () => this.requestUpdate(),
        (e: unknown) => console.error('dvc-forms: could not load English messages', e),
      );
    }
  }

  private async init(): Promise<void> {
    try {
      if (this.locale === 'en') await loadTranslation('en');
      await this.draft.open();
      this.ready = true;
      await this.prefill.run();
    } finally {
      this.ready = true;
      this.resolveReady();
    }
  }

  private restoreDraft(d: DraftRecord): void {
    this.form.setData((d.data ?? {}) as T);
    this.prefill.restore(d.prefilled);
    this.submission.restoreKey(d.idempotencyKey);
    this.backend.session = isSessionSecret(d.session) ? d.session : undefined;
    this.attachments.restore(d.attachments);
    const page = (d.page ?? 'start') as ShellPage;
    if (page === 'step' && d.stepId) this.form.goTo({ stepId: d.stepId });
    this.nav.restore(page === 'receipt' || page === 'payment' ? 'review' : page);
  }

  /** Shows the kept receipt of a filing whose fee is not paid yet (payment page, or receipt page). */
  private restoreReceipt(r: ReceiptRecord): void {
    this.submission.restoreReceipt(receiptOf(r));
    this.backend.session = isSessionSecret(r.session) ? r.session : undefined;
    this.nav.restore(r.page);
    if (r.paymentId) void this.payment.refresh(r.paymentId);
  }

  /** The back end client (built from `api-base` on first use). */
  protected getClient(): Promise<BackendClient> {
    return this.backend.get();
  }

  // ---------------------------------------------------------------- drafts

  private draftContent(): DraftContent {
    return {
      data: this.form.data,
      page: this.nav.page,
      stepId: this.form.step?.id,
      idempotencyKey: this.submission.idempotencyKey,
      attachments: this.attachments.content(),
      prefilled: this.prefill.list(),
      ...(this.backend.session ? { session: this.backend.session } : {}),
    };
  }

  /** Deletes the local draft and starts again with an empty form. */
  async discardDraft(): Promise<void> {
    await this.draft.discard();
    this.resetMemory();
    await this.prefill.run();
    this.nav.go('start');
  }

  /**
   * Call when the citizen signs out: deletes every draft and receipt the SDK keeps on this device (all
   * procedures, also this form's own `draftStorage`), remembered uploads, the device key and the filing's
   * session secret, and empties this form (it shows its first page). The server-side copy of a signed-in
   * citizen's draft stays on the back end. Same as the exported `clearCitizenData()`, plus this form's own storage.
   */
  async clearCitizenData(): Promise<void> {
    await this.draft.forget();
    await this.draft.clearOwnStorage();
    await clearCitizenData();
  }

  private resetMemory(): void {
    this.form.setData({} as T);
    this.form.issues.clear();
    this.form.stepIndex = 0;
    this.prefill.clear();
    this.attachments.reset();
    this.submission.reset();
    this.backend.session = undefined;
    this.draft.reset();
    this.payment.reset();
    this.consent = false;
    this.nav.reset();
  }

  // ---------------------------------------------------------------- state → view

  private onStateChange(c: StateChange): void {
    if (c.structure || c.errors.length > 0 || c.step || c.values.includes('')) this.requestUpdate();
  }

  private onFieldEvent = (e: Event): void => {
    const el = e.target as FieldControl | null;
    if (!el || typeof el.name !== 'string' || !el.name.startsWith('/')) return;
    const inst = this.form.evaluation.nodes.get(el.name);
    if (!inst || inst.node.kind !== 'field') return;
    const value = readControl(el, inst.node);
    this.nav.controlChanged(el.name);
    this.prefill.edited(el.name, value);
    this.form.set(el.name, value);
    this.draft.saveSoon();
  };

  private issueText(issue: DossierIssue): string {
    if (issue.messageKey.startsWith('rule:')) return this.l(issue.message);
    const node = this.form.evaluation.nodes.get(issue.pointer)?.node ?? findNode(this.model, issue.pointer);
    const field = node ? this.l(node.label) : String(issue.params.field ?? '');
    return formatMessage(issue.messageKey, { ...issue.params, field }, this.locale);
  }

  // ---------------------------------------------------------------- rendering: pages

  protected override render(): TemplateResult {
    if (!this.ready) return html`<div part="base" class="base" aria-busy="true"></div>`;
    const title = this.l(this.model.procedure.title);
    return html`<div part="base" class="base" lang=${this.locale}>
      ${
        this.nav.banner
          ? html`<div part="banner" class="banner ${this.nav.banner.kind}" role=${this.nav.banner.kind === 'info' ? 'status' : 'alert'}>
              ${this.nav.banner.text}
            </div>`
          : nothing
      }
      ${this.draft.conflict ? this.pages.renderDraftConflict(this.draft.conflict) : nothing}
      ${this.nav.page === 'start' ? nothing : html`<p part="caption" class="caption">${title}</p>`} ${this.pages.renderPage()}
    </div>`;
  }

  // ---------------------------------------------------------------- review and submit

  /** Validates everything and submits; a second call while one is running does nothing. */
  async submit(): Promise<void> {
    return this.submission.submit();
  }

  /** Everything the citizen must fix before submitting: the answers, the attachments, the consent. */
  private checkDossier(): ErrorSummaryItem[] {
    const issues = validateDossier(this.model, this.validator, this.form.data, { today: this.form.today });
    const errors = issues.filter((x) => x.severity === 'error');
    const items: ErrorSummaryItem[] = errors.map((x) => ({ pointer: x.pointer, message: this.issueText(x) }));
    this.form.setIssues(issues);
    items.push(...this.attachments.check());
    if (!this.consent) items.push({ pointer: '#consent', message: this.t.consentRequired });
    return items;
  }

  private onSubmitError(e: unknown): void {
    if (e instanceof OfflineError) {
      this.nav.banner = { kind: 'offline', text: this.t.offline };
    } else if (e instanceof ValidationProblemError) {
      const issues = serverIssues(this.model, e);
      this.form.setIssues(issues);
      this.nav.banner = { kind: 'error', text: this.t.serverValidation };
      const items = issues.map((x) => ({
        pointer: x.pointer,
        message: x.messageKey.startsWith('rule:') ? x.message.vi : this.issueText(x),
      }));
      const other = e.errors
        .filter((x) => !x.pointer.startsWith('/data'))
        .map((x) => ({ pointer: x.keyword === 'attachment' ? '#attachments' : '#consent', message: x.message }));
      this.nav.showSummary([...items, ...other]);
      void this.draft.saveNow();
    } else if (e instanceof ConflictError) {
      this.nav.banner = { kind: 'error', text: this.t.conflict };
    } else {
      if (!(e instanceof ServerError)) console.error('dvc-forms: submission failed', e);
      this.nav.banner = { kind: 'error', text: this.t.serverError };
    }
    this.nav.revealBanner();
  }
}
