/**
 * The shell's way to its back end: the client (the host's own, or the HTTP client built from `api-base` on
 * first use), the filing's anonymous session secret (`Dvc-Session`), and the reads the shell makes of the back
 * end besides the dossier itself (the administrative units, the payment methods of the procedure, the
 * citizen's reusable documents).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  OfflineError,
  PAYMENT_METHODS,
  type AdminUnits,
  type BackendClient,
  type CitizenDocument,
  type PaymentMethod,
} from '../../../runtime/backend.js';
import { newSessionSecret } from '../../../runtime/session-secret.js';
import { defaultAdminUnitsLoader } from '../../address-field/address-field.js';
import { assertAdminUnits, type AdminUnitsData } from '../../../internal/admin-units.js';

/** What the backend controller reads of the element. */
export interface BackendHost extends ReactiveControllerHost {
  /** The element's tag (for error messages). */
  readonly localName: string;
  /** Base URL of the back end; used when no client is set. */
  readonly apiBase: string;
  /** Gives the host page's identity token (read at each request). */
  readonly tokenProvider?: (() => Promise<string | null>) | undefined;
}

/**
 * Holds the back-end client and the filing's session secret of a procedure shell.
 *
 * The client given by the host (`client`) is used as it is (it is told the session provider); without one,
 * the HTTP client for `api-base` is imported and built on first use. Fires no event.
 */
export class BackendController implements ReactiveController {
  private _client: BackendClient | undefined;
  private clientPromise: Promise<BackendClient> | undefined;
  /** The filing's anonymous session secret, made when a request needs it and nobody is signed in. */
  private secret: string | undefined;
  private unitsPromise: Promise<AdminUnitsData> | undefined;
  private methodsPromise: Promise<readonly PaymentMethod[]> | undefined;

  constructor(
    private readonly host: BackendHost,
    private readonly options: {
      /** A new session secret was made (it must be saved with the draft or the receipt). */
      onSessionMade(): void;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The client set by the host, or the one built from `api-base` once it exists. */
  get client(): BackendClient | undefined {
    return this._client;
  }
  set client(c: BackendClient | undefined) {
    this._client = c;
    this.clientPromise = undefined;
  }

  /** True when a back end can be reached (a client is set, or `api-base`). */
  get configured(): boolean {
    return !!this._client || !!this.host.apiBase;
  }

  /** The back end client (built from `api-base` on first use). */
  async get(): Promise<BackendClient> {
    if (this._client) {
      this._client.useSession?.(this.sessionProvider);
      return this._client;
    }
    if (!this.host.apiBase) {
      throw new Error(`<${this.host.localName}>: set the "api-base" attribute or the "client" property to reach a back end.`);
    }
    this.clientPromise ??= import('../../../client/http-client.js').then((m) =>
      // Read the host's token provider at each request: a page (or framework) may set it after the client exists.
      m.createHttpClient({
        baseUrl: this.host.apiBase,
        tokenProvider: async () => (this.host.tokenProvider ? this.host.tokenProvider() : null),
        sessionProvider: this.sessionProvider,
      }),
    );
    this._client = await this.clientPromise;
    return this._client;
  }

  /** True when the host's token provider gives a token now. */
  async signedIn(): Promise<boolean> {
    return !!(this.host.tokenProvider && (await this.host.tokenProvider()));
  }

  /**
   * The filing's anonymous session secret (saved with the draft, then with the receipt, so a reload or a
   * resumed upload keeps it); `undefined` until one is needed.
   */
  get session(): string | undefined {
    return this.secret;
  }
  set session(s: string | undefined) {
    this.secret = s;
  }

  /**
   * The session secret for a request. While a citizen is signed in no new one is made (the token says who
   * they are), but one made before they signed in still goes along: the uploads made with it stay theirs.
   */
  readonly sessionProvider = async (): Promise<string | null> => ((await this.signedIn()) ? (this.secret ?? null) : this.filingSession());

  /** The session secret, made (and announced to be saved) on first need. */
  filingSession(): string {
    if (!this.secret) {
      this.secret = newSessionSecret();
      this.options.onSessionMade();
    }
    return this.secret;
  }

  /**
   * The provinces and communes of this form's address fields and review page: the back end's list when it
   * serves one (`GET /admin-units`, so a province's updated list needs no SDK release), else the SDK's
   * bundled list (also when the back end is offline or answers with nothing). Loaded once per form; a
   * failure is not kept, so a later attempt retries.
   */
  units(): Promise<AdminUnitsData> {
    this.unitsPromise ??= (async (): Promise<AdminUnitsData> => {
      if (this.configured) {
        try {
          const served: AdminUnits | null = await (await this.get()).getAdminUnits();
          if (served && Array.isArray(served.provinces) && served.provinces.length > 0) {
            assertAdminUnits(served, 'GET /admin-units');
            return served;
          }
        } catch (e) {
          if (!(e instanceof OfflineError)) console.warn('dvc-forms: could not read the administrative units; using the bundled list', e);
        }
      }
      return defaultAdminUnitsLoader();
    })();
    this.unitsPromise.catch(() => {
      this.unitsPromise = undefined;
    });
    return this.unitsPromise;
  }

  /** The loader given to address fields: one function per form (the field caches what a loader gave). */
  readonly unitsLoader = (): Promise<AdminUnitsData> => this.units();

  /**
   * Which methods the back end takes for a procedure, read once: a back end that lists none (or a client
   * without `listProcedures`, or a failed read) gives all three, and the back end's own refusal is then shown
   * by `<dvc-payment>`.
   */
  paymentMethods(slug: string): Promise<readonly PaymentMethod[]> {
    this.methodsPromise ??= (async () => {
      try {
        const client = await this.get();
        const listed = client.listProcedures ? (await client.listProcedures()).find((p) => p.slug === slug)?.paymentMethods : undefined;
        const known = (listed ?? []).filter((m): m is PaymentMethod => PAYMENT_METHODS.includes(m));
        if (known.length > 0) return known;
      } catch (e) {
        if (!(e instanceof OfflineError)) console.warn('dvc-forms: could not read the payment methods of the back end; offering all', e);
      }
      return PAYMENT_METHODS;
    })();
    return this.methodsPromise;
  }

  /** The signed-in citizen's documents that can stand for an attachment. */
  async listDocuments(): Promise<CitizenDocument[]> {
    return (await this.get()).listDocuments();
  }
}
