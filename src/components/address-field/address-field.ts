import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { DvcFormControl, type ControlContext, type Problem } from '../../internal/form-control.js';
import { Combobox } from '../../internal/combobox.js';
import {
  assertAdminUnits,
  foldVietnamese,
  searchUnits,
  type AdminUnitKind,
  type AdminUnitsData,
  type Commune,
  type Province,
} from '../../internal/admin-units.js';
import { styles } from './address-field.styles.js';

/** The value of an address: codes of the province and commune, and the street text. */
export interface AddressValue {
  /** ISO 3166-1 alpha-2 country code; `VN`. */
  country: string;
  /** 2-digit province code, `''` when not chosen. */
  province: string;
  /** 5-digit commune code, `''` when not chosen. */
  commune: string;
  /** House number, street, hamlet. */
  street: string;
}

/** Loads the list of administrative units (e.g. from the back end's `GET /admin-units`). */
export type AdminUnitsLoader = () => Promise<AdminUnitsData>;

const EMPTY: AddressValue = { country: 'VN', province: '', commune: '', street: '' };

/**
 * The SDK's own list, imported only when an address field needs it. In the page bundles it is a chunk of
 * its own (`dist/chunks/admin-units-<hash>.js`, ~25 KB gzip), downloaded the first time an address field
 * without `units` or another `loader` is shown.
 */
export const defaultAdminUnitsLoader: AdminUnitsLoader = () => import('../../data/admin-units.js').then((m) => m.default);

const loaded = new WeakMap<AdminUnitsLoader, Promise<AdminUnitsData>>();
function load(loader: AdminUnitsLoader): Promise<AdminUnitsData> {
  let p = loaded.get(loader);
  if (!p) {
    p = loader();
    loaded.set(loader, p);
    p.catch(() => loaded.delete(loader));
  }
  return p;
}

const KIND_VI: Record<AdminUnitKind, string> = { 1: 'Thành phố', 2: 'Tỉnh', 3: 'Phường', 4: 'Xã', 5: 'Đặc khu' };
const KIND_EN: Record<AdminUnitKind, string> = { 1: 'City', 2: 'Province', 3: 'Ward', 4: 'Commune', 5: 'Special zone' };

function sameAddress(a: AddressValue, b: AddressValue): boolean {
  return a.country === b.country && a.province === b.province && a.commune === b.commune && a.street === b.street;
}

function toAddress(v: unknown): AddressValue {
  if (!v || typeof v !== 'object') return { ...EMPTY };
  const o = v as Partial<Record<keyof AddressValue, unknown>>;
  const s = (x: unknown, d = '') => (typeof x === 'string' ? x : d);
  return { country: s(o.country, 'VN') || 'VN', province: s(o.province), commune: s(o.commune), street: s(o.street) };
}

/**
 * @summary A Vietnamese address: province → commune (searchable comboboxes, diacritics optional) and
 * the house number / street. Value `{ country, province, commune, street }` with the official codes.
 *
 * The list of provinces and communes is the SDK's snapshot (loaded lazily) unless `units` or `loader`
 * gives the back end's current one.
 *
 * @event input - The user chose a unit or typed the street.
 * @event change - The user chose a unit or left the street box.
 * @csspart base - The fieldset.
 * @csspart label - The legend.
 * @csspart input - Each inner input (also `province-input`, `commune-input`, `street-input`).
 * @csspart hint - The hint.
 * @csspart error-message - The error message.
 * @csspart warning - The warning.
 * @cssstate user-invalid - Invalid with the error shown.
 * @cssstate prefilled - Value from the population database.
 */
export class DvcAddressField extends DvcFormControl<AddressValue> {
  static override styles: CSSResultGroup = styles;
  static override widget = 'address';

  /** The provinces and communes to choose from (overrides `loader`). */
  @property({ attribute: false }) units?: AdminUnitsData;
  /** Loads the units when `units` is not set; default: the SDK's bundled snapshot. */
  @property({ attribute: false }) loader: AdminUnitsLoader = defaultAdminUnitsLoader;
  /** Initial value (attribute `value`, JSON); what a form reset restores. */
  @property({ attribute: 'value', type: Object }) defaultValue: AddressValue | null = null;

  @state() private data?: AdminUnitsData;
  @state() private loadError = false;

  private current: AddressValue = { ...EMPTY };
  private valueSet = false;

  private readonly provinceBox = new Combobox<Province>(this, {
    id: 'province',
    items: () => this.data?.provinces ?? [],
    search: (items, q) => searchUnits(items, q, (p) => this.kindWord(p.kind, 'vi')),
    key: (p) => p.code,
    label: (p) => this.unitLabel(p),
    exact: (p, q) => this.names(p).includes(q),
    selected: () => this.province,
    onPick: (p) => {
      if (p.code === this.value.province) return;
      this.setValue({ ...this.value, province: p.code, commune: '' });
      this.communeBox.resetText();
      this.userChanged(true);
    },
  });

  private readonly communeBox = new Combobox<Commune>(this, {
    id: 'commune',
    items: () => this.province?.communes ?? [],
    search: (items, q) => searchUnits(items, q, (c) => this.kindWord(c.kind, 'vi')),
    key: (c) => c.code,
    label: (c) => this.unitLabel(c),
    exact: (c, q) => this.names(c).includes(q),
    selected: () => this.commune,
    onPick: (c) => {
      if (c.code === this.value.commune) return;
      this.setValue({ ...this.value, commune: c.code });
      this.userChanged(true);
    },
  });

  /** The address (a copy; the control never mutates what it was given). */
  @property({ attribute: false })
  get value(): AddressValue {
    return { ...(this.valueSet ? this.current : toAddress(this.defaultValue)) };
  }
  set value(v: AddressValue) {
    this.current = toAddress(v);
    this.valueSet = true;
    this.provinceBox?.resetText();
    this.communeBox?.resetText();
  }

  private setValue(v: AddressValue): void {
    const old = this.value;
    this.current = v;
    this.valueSet = true;
    this.requestUpdate('value', old);
  }

  /** The chosen province, once the units are loaded. */
  get province(): Province | undefined {
    const code = this.value.province;
    return code ? this.data?.provinces.find((p) => p.code === code) : undefined;
  }
  /** The chosen commune, once the units are loaded. */
  get commune(): Commune | undefined {
    const code = this.value.commune;
    return code ? this.province?.communes.find((c) => c.code === code) : undefined;
  }

  private kindWord(kind: AdminUnitKind | undefined, locale: 'vi' | 'en'): string {
    if (!kind) return '';
    return (locale === 'en' ? KIND_EN : KIND_VI)[kind] ?? '';
  }
  private names(u: Province | Commune): string[] {
    return [u.name, u.nameEn ?? '', this.unitLabel(u)].map(foldVietnamese);
  }
  private unitLabel(u: Province | Commune): string {
    if (this.locale === 'en') {
      const kind = this.kindWord(u.kind, 'en');
      return kind ? `${u.nameEn ?? u.name} ${kind}` : (u.nameEn ?? u.name);
    }
    const kind = this.kindWord(u.kind, 'vi');
    return kind ? `${kind} ${u.name}` : u.name;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The first load starts in willUpdate, once properties a page set before the tag was defined (`units`,
    // `loader`) are in place: starting here would fetch the bundled list although the page replaced it.
    // After a reconnection, retry a load that failed.
    if (this.hasUpdated) void this.ensureUnits();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('units') && this.units) {
      // Data handed in by the shell is checked at once: a bad entry fails the update with its path.
      assertAdminUnits(this.units, `<${this.localName} name="${this.name}"> units`);
      this.data = this.units;
      this.loadError = false;
    } else if (changed.has('units') || changed.has('loader')) {
      void this.ensureUnits();
    }
    super.willUpdate(changed);
  }

  private async ensureUnits(): Promise<void> {
    if (this.units) return;
    const loader = this.loader;
    try {
      const data = await load(loader);
      if (this.loader !== loader || this.units) return;
      assertAdminUnits(data, `<${this.localName} name="${this.name}"> loader`);
      this.data = data;
      this.loadError = false;
    } catch (err) {
      console.error('dvc-address-field: could not load administrative units', err);
      this.loadError = true;
    }
  }

  /** Resolves once the list of units is available (for tests and the shell). */
  async unitsReady(): Promise<AdminUnitsData | undefined> {
    await this.ensureUnits();
    await this.updateComplete;
    return this.data;
  }

  protected override get isGroup(): boolean {
    return true;
  }
  protected isEmpty(): boolean {
    const v = this.value;
    return !v.province && !v.commune && !v.street.trim();
  }
  protected override computeProblem(): Problem | null {
    const p = super.computeProblem();
    if (p) return p;
    const v = this.value;
    if (this.required && (!v.province || !v.commune || !v.street.trim())) return this.problemFor('valueMissing', 'required');
    return null;
  }
  protected override check(): Problem | null {
    const v = this.value;
    if (!v.province || !v.commune) return this.problemFor('badInput', 'required');
    if (this.data) {
      if (!this.province) return this.problemFor('typeMismatch', 'enum');
      if (!this.commune) return this.problemFor('typeMismatch', 'enum');
    }
    return null;
  }
  protected toFormValue(): string | null {
    return this.isEmpty() ? null : JSON.stringify(this.value);
  }
  protected resetValue(): void {
    this.valueSet = false;
    this.current = { ...EMPTY };
    this.provinceBox.resetText();
    this.communeBox.resetText();
  }
  protected restoreState(state: string): void {
    try {
      this.value = toAddress(JSON.parse(state));
    } catch {
      // an unreadable state is ignored
    }
  }

  private onStreet(e: Event, commit: boolean): void {
    const street = (e.target as HTMLInputElement).value;
    if (!commit) {
      this.setValue({ ...this.value, street });
      this.userChanged(false);
      return;
    }
    const tidy = street.normalize('NFC').replace(/\s+/g, ' ').trim();
    const next = { ...this.value, street: tidy };
    if (!sameAddress(next, this.value)) this.setValue(next);
    this.dirty = true;
    this.userCommitted();
  }

  protected renderControl(ctx: ControlContext): TemplateResult {
    const f = this.t.field;
    const noProvince = !this.value.province;
    const common = {
      readonly: this.readonly,
      invalid: ctx.invalid,
      required: this.required,
      resultsText: (count: number) => this.msg('field.addressResults', { count }),
      noResultsText: f.addressNoResults,
    };
    const loading = !this.data && !this.loadError;
    return html`
      <p id="search-hint" class="hint">${f.addressSearchHint}</p>
      ${loading ? html`<p class="loading" role="status">${f.addressLoading}</p>` : nothing}
      ${this.loadError ? html`<p class="error" role="alert">${f.addressLoadFailed}</p>` : nothing}
      <div class="parts">
        <div class="part">
          ${this.provinceBox.render({
            ...common,
            label: f.addressProvince,
            describedBy: ['search-hint', ctx.describedBy].filter(Boolean).join(' '),
            disabled: ctx.disabled || !this.data,
            part: 'input province-input',
          })}
        </div>
        <div class="part">
          ${this.communeBox.render({
            ...common,
            label: f.addressCommune,
            describedBy: [noProvince ? 'commune-needs-province' : 'search-hint', ctx.describedBy].filter(Boolean).join(' '),
            disabled: ctx.disabled || !this.data || noProvince,
            part: 'input commune-input',
          })}
          <p id="commune-needs-province" class="hint" ?hidden=${!noProvince}>${f.addressChooseProvinceFirst}</p>
        </div>
      </div>
      <div class="street">
        <label class="sub-label" for="street"
          >${f.addressStreet}${this.required ? html`<span class="required-mark" aria-hidden="true">*</span>` : nothing}</label
        >
        <input
          id="street"
          part="input street-input"
          class="input"
          type="text"
          autocomplete="street-address"
          .value=${live(this.value.street)}
          ?required=${this.required}
          ?disabled=${ctx.disabled}
          ?readonly=${this.readonly}
          aria-describedby=${ctx.describedBy || nothing}
          aria-invalid=${ctx.invalid ? 'true' : 'false'}
          @input=${(e: Event) => this.onStreet(e, false)}
          @change=${(e: Event) => this.onStreet(e, true)}
        />
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-address-field': DvcAddressField;
  }
}
