import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import {
  OfflineError,
  ProblemError,
  type BackendClient,
  type DossierStatus,
  type DossierStatusValue,
  type PaymentStatusValue,
} from '../../runtime/backend.js';
import type { StatusMessages } from '../../runtime/i18n/translation.js';
import type { Locale, Text } from '../../runtime/model.js';
import { formatAmount, formatDate, interpolate, localize } from '../../runtime/messages.js';
import { resolveLang, toLocale, translationFor, DocumentLangController } from '../../internal/i18n.js';
import { checkDossierCode, DOSSIER_CODE_EXAMPLE, type DossierCodeCheck } from '../../runtime/dossier-code.js';
import { styles } from './dossier-status.styles.js';
import { stripBidiControls } from '../../internal/bidi.js';

/** The citizen asked to look up a code (the host may put it in the page address). */
export class DvcDossierLookupEvent extends Event {
  static readonly eventName = 'dvc-dossier-lookup';
  constructor(
    /** The code, normalised (upper case, no spaces). */
    readonly code: string,
  ) {
    super(DvcDossierLookupEvent.eventName, { bubbles: true, composed: true });
  }
}

/** A dossier's status was loaded. */
export class DvcDossierLoadedEvent extends Event {
  static readonly eventName = 'dvc-dossier-loaded';
  constructor(
    /** What the back end answered. */
    readonly dossier: DossierStatus,
  ) {
    super(DvcDossierLoadedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dvc-dossier-lookup': DvcDossierLookupEvent;
    'dvc-dossier-loaded': DvcDossierLoadedEvent;
  }
  interface HTMLElementTagNameMap {
    'dvc-dossier-status': DvcDossierStatus;
  }
}

/** What the element needs from a back end: the public lookup, and procedure titles when it can give them. */
export type DossierStatusClient = Pick<BackendClient, 'getDossier'> & {
  /** Procedures of the back end, for the procedure's title (the slug is shown without it). */
  listProcedures?(): Promise<Array<{ slug: string; title: Text }>>;
};

/** The code set on the element is not a dossier code. */
class InvalidCodeError extends Error {
  constructor(readonly code: string) {
    super(`<dvc-dossier-status>: "${code}" is not a dossier code (<agency>-YYMMDD-XXXX).`);
    this.name = 'InvalidCodeError';
  }
}

/** What a lookup gives. */
interface LookupResult {
  dossier: DossierStatus;
  procedureTitle?: Text;
}

type Tone = 'neutral' | 'success' | 'warning' | 'danger';
const TONE: Record<DossierStatusValue, Tone> = {
  submitted: 'neutral',
  received: 'neutral',
  'supplement-requested': 'warning',
  processing: 'neutral',
  'result-ready': 'success',
  completed: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
};

const PAYMENT_KEY: Record<PaymentStatusValue, keyof StatusMessages> = {
  pending: 'paymentPending',
  paid: 'paymentPaid',
  failed: 'paymentFailed',
  cancelled: 'paymentCancelled',
  expired: 'paymentExpired',
  'refund-due': 'paymentRefundDue',
};

const VN_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A text from the back end as shown: a string, without bidi embedding/override/isolate controls. */
function serverText(text: unknown): string {
  return stripBidiControls(typeof text === 'string' ? text : String(text ?? ''));
}

/** An instant as Vietnamese civil time, `HH:mm DD/MM/YYYY` (UTC+7). Unparseable input is returned as is. */
export function formatDateTimeVn(isoInstant: string): string {
  const at = new Date(isoInstant);
  if (Number.isNaN(at.getTime())) return isoInstant;
  const p = Object.fromEntries(VN_TIME.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/**
 * @summary Tra cứu hồ sơ: shows a dossier's progress by its code. The citizen types the code (checked for
 * the `<agency>-YYMMDD-XXXX` form before anything is sent) or the host page sets `code`; the element reads
 * `GET /dossiers/{code}` through the back-end client and shows the current status, what to do next, the
 * appointment date, the fee and payment, and the history as an ordered timeline. Loading, not found, no
 * connection (with "try again") and error states are announced to screen readers. Texts from the back end
 * (officer notes, the procedure's title) are shown as text, isolated (`<bdi>`) and without bidi override
 * or embedding characters, so a note cannot reorder what is shown around it.
 *
 * @event dvc-dossier-lookup - The citizen submitted a well-formed code (`code`).
 * @event dvc-dossier-loaded - The dossier's status was loaded (`dossier`).
 *
 * @csspart form - The lookup form.
 * @csspart label - The label of the code box.
 * @csspart hint - The hint with an example code.
 * @csspart input - The code box.
 * @csspart error-message - The message about a malformed code.
 * @csspart search-button - The lookup button.
 * @csspart message - The loading, not found, offline or error message.
 * @csspart retry-button - The "try again" button.
 * @csspart result - The result section.
 * @csspart status - The current status.
 * @csspart details - The list of facts (procedure, dates, fee, payment).
 * @csspart timeline - The ordered list of the history.
 * @csspart note - An officer's note in the history (a `<bdi>`).
 *
 * @cssproperty --dvc-color-primary - Buttons, focus ring edge, timeline markers.
 * @cssproperty --dvc-color-error - Error messages and refused status.
 * @cssproperty --dvc-color-success - Result-ready and completed statuses.
 * @cssproperty --dvc-color-warning - Statuses that ask something of the citizen.
 * @cssproperty --dvc-color-panel - Background of the status panel.
 */
export class DvcDossierStatus extends LitElement {
  static override styles = styles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The dossier code to show; set by the host or by the citizen's lookup. */
  @property({ reflect: true }) code = '';
  /** Back-end API root (e.g. `/api/v1`), used when `client` is not set. */
  @property({ attribute: 'api-base' }) apiBase = '';
  /** The back end (default: the HTTP client for `api-base`). */
  @property({ attribute: false }) client: DossierStatusClient | null = null;
  /** Hide the lookup form (the host page sets `code` itself). */
  @property({ type: Boolean, attribute: 'hide-form' }) hideForm = false;
  /** Level (2 to 6) of the result's heading; the timeline's heading is one below. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /** Language of the texts (`vi` or `en`); defaults to the nearest ancestor's `lang`. */
  @property({ reflect: true }) override lang!: string;

  /** The text in the code box. */
  @state() private typed = '';
  /** The result of checking the typed code, when it was refused. */
  @state() private refused: Exclude<DossierCodeCheck, { ok: true }> | null = null;

  /** Move focus to the outcome once the running lookup ends (it was started by the citizen). */
  private focusOutcome = false;
  /** Re-renders when the document's `lang` changes. */
  private readonly langWatch = new DocumentLangController(this);
  private defaultClient?: { apiBase: string; client: Promise<DossierStatusClient> };
  private readonly titles = new WeakMap<object, Promise<Map<string, Text>>>();

  private readonly lookup = new Task(this, {
    args: () => [this.code, this.client, this.apiBase] as const,
    task: async ([code, client, apiBase], { signal }): Promise<LookupResult | typeof initialState> => {
      if (!code) return initialState;
      const check = checkDossierCode(code);
      if (!check.ok) throw new InvalidCodeError(code);
      const c = client ?? (await this.httpClient(apiBase));
      const [dossier, titles] = await Promise.all([c.getDossier(check.code), this.procedureTitles(c)]);
      signal.throwIfAborted();
      this.dispatchEvent(new DvcDossierLoadedEvent(dossier));
      return { dossier, procedureTitle: titles.get(dossier.procedure) };
    },
  });

  /** Looks the current `code` up again (e.g. to refresh the status). */
  refresh(): Promise<void> {
    return this.lookup.run();
  }

  private get locale(): Locale {
    return toLocale(this.lang || resolveLang(this));
  }

  private get t(): StatusMessages {
    return translationFor(this.locale, () => this.requestUpdate()).status;
  }

  private text(key: keyof StatusMessages, params: Record<string, string | number> = {}): string {
    return interpolate(this.t[key], { example: DOSSIER_CODE_EXAMPLE, ...params });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('code')) {
      const check = checkDossierCode(this.code);
      this.typed = check.ok ? check.code : this.code;
      this.refused = null;
    }
    if (changed.has('headingLevel') && !(Number.isInteger(this.headingLevel) && this.headingLevel >= 2 && this.headingLevel <= 6)) {
      throw new Error(`<dvc-dossier-status>: "heading-level" must be 2 to 6, got ${String(this.headingLevel)}.`);
    }
  }

  protected override updated(): void {
    const s = this.lookup.status;
    if (this.focusOutcome && (s === TaskStatus.COMPLETE || s === TaskStatus.ERROR)) {
      this.focusOutcome = false;
      this.renderRoot.querySelector<HTMLElement>('[data-outcome]')?.focus();
    }
  }

  private httpClient(apiBase: string): Promise<DossierStatusClient> {
    if (!apiBase) {
      return Promise.reject(new Error('<dvc-dossier-status>: set the "api-base" attribute or the "client" property to reach a back end.'));
    }
    if (this.defaultClient?.apiBase !== apiBase) {
      this.defaultClient = {
        apiBase,
        client: import('../../client/http-client.js').then((m) => m.createHttpClient({ baseUrl: apiBase })),
      };
    }
    return this.defaultClient.client;
  }

  /** Titles of the back end's procedures by slug (empty when it cannot list them: the slug is shown). */
  private procedureTitles(client: DossierStatusClient): Promise<Map<string, Text>> {
    let titles = this.titles.get(client);
    if (!titles) {
      titles = client.listProcedures
        ? client.listProcedures().then(
            (list) => new Map(list.map((p) => [p.slug, p.title])),
            () => new Map<string, Text>(),
          )
        : Promise.resolve(new Map<string, Text>());
      this.titles.set(client, titles);
    }
    return titles;
  }

  private onInput(e: Event): void {
    this.typed = (e.target as HTMLInputElement).value;
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const check = checkDossierCode(this.typed);
    if (!check.ok) {
      this.refused = check;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input')?.focus());
      return;
    }
    this.refused = null;
    this.typed = check.code;
    this.focusOutcome = true;
    if (check.code === this.code) void this.lookup.run();
    else this.code = check.code;
    this.dispatchEvent(new DvcDossierLookupEvent(check.code));
  }

  private retry(): void {
    this.focusOutcome = true;
    void this.lookup.run();
  }

  private refusedMessage(r: Exclude<DossierCodeCheck, { ok: true }>): string {
    if (r.reason === 'empty') return this.text('codeRequired');
    if (r.reason === 'date') return this.text('codeBadDate', { date: r.date });
    return this.text('codeInvalid');
  }

  private renderForm(): TemplateResult | typeof nothing {
    if (this.hideForm) return nothing;
    const error = this.refused ? this.refusedMessage(this.refused) : '';
    return html`<form part="form" novalidate @submit=${this.onSubmit}>
      <label part="label" for="code">${this.t.codeLabel}</label>
      <p part="hint" class="hint" id="hint">${this.text('codeHint')}</p>
      ${
        error
          ? html`<p part="error-message" class="error" id="error">
              <span class="visually-hidden">${translationFor(this.locale).field.errorPrefix}</span> ${error}
            </p>`
          : nothing
      }
      <div class="row">
        <input
          part="input"
          id="code"
          name="code"
          type="text"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          size="28"
          maxlength="64"
          aria-describedby=${error ? 'hint error' : 'hint'}
          aria-invalid=${error ? 'true' : 'false'}
          .value=${this.typed}
          @input=${this.onInput}
        />
        <button part="search-button" type="submit">${this.t.search}</button>
      </div>
    </form>`;
  }

  private heading(level: number, id: string, content: string, outcome = false): TemplateResult {
    return html`<div
      role="heading"
      aria-level=${level}
      class="h${level}"
      id=${id}
      tabindex=${outcome ? '-1' : nothing}
      ?data-outcome=${outcome}
    >
      ${content}
    </div>`;
  }

  private renderMessage(kind: 'loading' | 'not-found' | 'offline' | 'error' | 'invalid', text: string, retry: boolean): TemplateResult {
    return html`<div part="message" class="message message--${kind}">
      <p tabindex=${kind === 'loading' ? nothing : '-1'} ?data-outcome=${kind !== 'loading'}>${text}</p>
      ${retry ? html`<button part="retry-button" type="button" @click=${this.retry}>${this.t.retry}</button>` : nothing}
    </div>`;
  }

  private renderError(error: unknown): TemplateResult {
    const code = this.code;
    if (error instanceof InvalidCodeError) return this.renderMessage('invalid', this.text('codeAttributeInvalid', { code }), false);
    if (error instanceof OfflineError) return this.renderMessage('offline', this.text('offline', { code }), true);
    if (error instanceof ProblemError && (error.status === 404 || error.status === 400)) {
      return this.renderMessage('not-found', this.text('notFound', { code }), false);
    }
    if (!(error instanceof ProblemError)) console.error(error);
    return this.renderMessage('error', this.text('error', { code }), true);
  }

  private renderResult({ dossier: d, procedureTitle }: LookupResult): TemplateResult {
    const t = this.t;
    const locale = this.locale;
    const label = (s: DossierStatusValue): string => t[`label.${s}`] ?? s;
    const nextKey = `next.${d.status}` as keyof StatusMessages;
    const next = nextKey in t ? t[nextKey] : '';
    const level = this.headingLevel;
    const fee = d.fee;
    return html`<section part="result" class="result" aria-labelledby="result-heading">
      ${this.heading(level, 'result-heading', this.text('resultTitle', { code: serverText(d.code) }), true)}
      <p part="status" class="status status--${TONE[d.status] ?? 'neutral'}">
        <span class="status__label">${t.currentStatus}:</span> <strong>${label(d.status)}</strong>
      </p>
      ${next ? html`<p class="next">${next}</p>` : nothing}
      <dl part="details" class="details">
        <dt>${t.procedure}</dt>
        <dd><bdi>${serverText(procedureTitle ? localize(procedureTitle, locale) : d.procedure)}</bdi></dd>
        <dt>${t.submittedAt}</dt>
        <dd><time datetime=${d.submittedAt}>${formatDateTimeVn(d.submittedAt)}</time></dd>
        <dt>${t.appointmentDate}</dt>
        <dd><time datetime=${d.appointmentDate}>${formatDate(d.appointmentDate)}</time></dd>
        ${
          fee
            ? html`<dt>${t.fee}</dt>
                <dd>${fee.total > 0 ? formatAmount(fee.total, locale) : t.feeFree}</dd>
                ${
                  fee.total > 0
                    ? html`<dt>${t.payment}</dt>
                        <dd>${d.payment ? t[PAYMENT_KEY[d.payment.status]] : t.paymentNone}</dd>`
                    : nothing
                }`
            : nothing
        }
      </dl>
      ${this.heading(Math.min(level + 1, 6), 'history-heading', t.historyTitle)}
      <ol part="timeline" class="timeline" aria-labelledby="history-heading">
        ${d.history.map(
          (h, i) =>
            html`<li aria-current=${i === d.history.length - 1 ? 'step' : nothing}>
              <time datetime=${h.at}>${formatDateTimeVn(h.at)}</time>
              <span class="timeline__status">${label(h.status)}</span>
              ${
                h.note
                  ? html`<p class="timeline__note">
                      <span class="visually-hidden">${t.noteLabel}</span> <bdi part="note">${serverText(localize(h.note, locale))}</bdi>
                    </p>`
                  : nothing
              }
            </li>`,
        )}
      </ol>
    </section>`;
  }

  /** What the live region says now. */
  private announcement(): string {
    const s = this.lookup.status;
    const code = this.code;
    if (s === TaskStatus.PENDING) return this.text('loading', { code });
    if (s === TaskStatus.COMPLETE && this.lookup.value && typeof this.lookup.value === 'object') {
      const d = this.lookup.value.dossier;
      return this.text('found', { code: d.code, status: this.t[`label.${d.status}`] ?? d.status });
    }
    if (s === TaskStatus.ERROR) {
      const e = this.lookup.error;
      if (e instanceof InvalidCodeError) return this.text('codeAttributeInvalid', { code });
      if (e instanceof OfflineError) return this.text('offline', { code });
      if (e instanceof ProblemError && (e.status === 404 || e.status === 400)) return this.text('notFound', { code });
      return this.text('error', { code });
    }
    return '';
  }

  protected override render(): TemplateResult {
    const outcome = this.lookup.render({
      initial: () => nothing,
      pending: () => this.renderMessage('loading', this.text('loading', { code: this.code }), false),
      complete: (r) => (r && typeof r === 'object' ? this.renderResult(r) : nothing),
      error: (e) => this.renderError(e),
    });
    return html`${this.renderForm()}
      <div class="outcome" aria-busy=${this.lookup.status === TaskStatus.PENDING ? 'true' : 'false'}>${outcome}</div>
      <div class="visually-hidden" role="status">${this.announcement()}</div>`;
  }
}
