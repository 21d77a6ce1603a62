/**
 * An editable combobox with a list popup (WAI-ARIA 1.2 combobox pattern, "list autocomplete"), rendered
 * inside its host's shadow root so its label, hint and listbox share one ID scope.
 *
 * Keyboard: ArrowDown/ArrowUp open the list and move the active option (wrapping), Alt+ArrowDown opens,
 * Enter chooses the active option, Escape closes the list (a second Escape restores the chosen text),
 * Tab leaves without changing the choice. Typing filters the list, ignoring diacritics.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { foldVietnamese } from './admin-units.js';

/** How a combobox reads its items. */
export interface ComboboxOptions<T> {
  /** Unique id prefix inside the shadow root. */
  id: string;
  /** Items to pick from, filtered by `search`. */
  items(): readonly T[];
  search(items: readonly T[], query: string): T[];
  key(item: T): string;
  label(item: T): string;
  /** The chosen item (its label is shown while the user is not typing). */
  selected(): T | undefined;
  /** The user chose an item. */
  onPick(item: T): void;
  /** The user typed (query text). */
  onType?(query: string): void;
  /** Whether `item` is what the folded text names exactly (chosen when the user leaves). Default: its label. */
  exact?(item: T, folded: string): boolean;
  /** Most options rendered at once (the status says how many matched). */
  limit?: number;
}

/** What rendering needs from the host. */
export interface ComboboxRender {
  label: string;
  describedBy: string;
  disabled: boolean;
  readonly: boolean;
  required: boolean;
  invalid: boolean;
  part: string;
  resultsText(count: number): string;
  noResultsText: string;
}

/** State and rendering of one combobox. */
export class Combobox<T> implements ReactiveController {
  /** The text being typed; `null` while showing the chosen item's label. */
  query: string | null = null;
  open = false;
  active = -1;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly opts: ComboboxOptions<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Forgets typed text and closes (after a programmatic change). */
  resetText(): void {
    this.query = null;
    this.open = false;
    this.active = -1;
  }

  /** Items matching the current query. */
  results(): T[] {
    return this.opts.search(this.opts.items(), this.query ?? '');
  }

  private get text(): string {
    if (this.query !== null) return this.query;
    const s = this.opts.selected();
    return s ? this.opts.label(s) : '';
  }

  private get optionId(): string {
    return `${this.opts.id}-opt`;
  }

  private show(active: number): void {
    this.open = true;
    this.active = active;
    this.host.requestUpdate();
  }
  private close(): void {
    this.open = false;
    this.active = -1;
    this.host.requestUpdate();
  }

  private pick(item: T): void {
    this.query = null;
    this.close();
    this.opts.onPick(item);
  }

  private onInput = (e: Event): void => {
    this.query = (e.target as HTMLInputElement).value;
    this.opts.onType?.(this.query);
    this.show(this.query.trim() ? 0 : -1);
  };

  private onKeydown = (e: KeyboardEvent): void => {
    const limit = this.opts.limit ?? 100;
    const count = Math.min(this.results().length, limit);
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!this.open || e.altKey) this.show(e.altKey ? this.active : Math.max(this.active, 0));
        else if (count) this.show((this.active + 1) % count);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!this.open) this.show(count - 1);
        else if (count) this.show((this.active - 1 + count) % count);
        break;
      case 'Enter': {
        if (!this.open) return;
        e.preventDefault();
        const item = this.results()[this.active];
        if (item) this.pick(item);
        break;
      }
      case 'Escape':
        if (this.open) {
          e.preventDefault();
          this.close();
        } else if (this.query !== null) {
          e.preventDefault();
          this.query = null;
          this.host.requestUpdate();
        }
        break;
      default:
    }
  };

  private onBlur = (e: FocusEvent): void => {
    // The window losing focus (another tab or app) blurs the input but keeps it the active element:
    // keep what the user was doing.
    if (this.host.shadowRoot?.activeElement === e.target) return;
    // An exact (diacritic-insensitive) single match counts as the choice; other text is dropped.
    if (this.query !== null && this.query.trim() !== '') {
      const hits = this.results();
      const q = foldVietnamese(this.query);
      const isExact = this.opts.exact ?? ((h: T, f: string) => foldVietnamese(this.opts.label(h)) === f);
      const exact = hits.filter((h) => isExact(h, q));
      if (exact.length === 1) {
        this.pick(exact[0]!);
        return;
      }
    }
    this.query = null;
    this.close();
  };

  /** Renders the label, input, listbox and status. */
  render(r: ComboboxRender): TemplateResult {
    const id = this.opts.id;
    const limit = this.opts.limit ?? 100;
    const all = this.open ? this.results() : [];
    const shown = all.slice(0, limit);
    const activeId = this.open && this.active >= 0 && this.active < shown.length ? `${this.optionId}-${this.active}` : undefined;
    const selectedKey = this.opts.selected() ? this.opts.key(this.opts.selected()!) : undefined;
    return html`<div class="combobox">
      <label class="sub-label" for=${id}
        >${r.label}${r.required ? html`<span class="required-mark" aria-hidden="true">*</span>` : nothing}</label
      >
      <div class="combobox-wrap">
        <input
          id=${id}
          part=${r.part}
          class="input"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="${id}-list"
          aria-activedescendant=${ifDefined(activeId)}
          aria-describedby=${r.describedBy || nothing}
          aria-invalid=${r.invalid ? 'true' : 'false'}
          ?required=${r.required}
          ?disabled=${r.disabled}
          ?readonly=${r.readonly}
          .value=${live(this.text)}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @blur=${this.onBlur}
          @click=${() => (this.open ? this.close() : r.readonly || this.show(-1))}
        />
        <ul id="${id}-list" role="listbox" class="listbox" aria-label=${r.label} ?hidden=${!this.open || shown.length === 0}>
          ${shown.map(
            (item, i) =>
              html`<li
                id="${this.optionId}-${i}"
                role="option"
                class="option-item ${i === this.active ? 'active' : ''}"
                aria-selected=${this.opts.key(item) === selectedKey ? 'true' : 'false'}
                @mousedown=${(e: Event) => e.preventDefault()}
                @click=${() => this.pick(item)}
              >
                ${this.opts.label(item)}
              </li>`,
          )}
        </ul>
      </div>
      <div class="status visually-hidden" role="status" aria-live="polite">
        ${this.open && this.query ? (all.length ? r.resultsText(all.length) : r.noResultsText) : ''}
      </div>
    </div>`;
  }
}
