import { LitElement, html, nothing, render, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Locale } from '../../runtime/model.js';
import type { Translation } from '../../runtime/i18n/translation.js';
import { message, resolveLang, toLocale, translationFor, DocumentLangController, type MessageParams } from '../../internal/i18n.js';
import { styles } from './repeating-group.styles.js';

/** What changed in a repeating group. */
export interface RowsChangeDetail {
  action: 'add' | 'remove' | 'move';
  /** Row affected (0-based): the new row, the removed row, or the row moved (its old index). */
  index: number;
  /** For `move`: the new index. */
  to?: number;
  /** Row count after the change. */
  count: number;
}

/**
 * Fired before the group adds, removes or moves a row. The shell applies the same change to its data;
 * `preventDefault()` refuses it.
 */
export class DvcRowsChangeEvent extends Event {
  static readonly type = 'dvc-rows-change';
  constructor(readonly detail: RowsChangeDetail) {
    super(DvcRowsChangeEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

/** Renders the content of row `index` (light DOM, so its fields belong to the same form). */
export type RowRenderer = (index: number) => unknown;

/**
 * @summary Rows of the same fields (an array of objects): add, remove, move up/down, with min/max rows.
 *
 * Rows come from `renderRow(index)` (the group renders them into its own light DOM, so fields stay in
 * the shell's tree and form) or, without `renderRow`, from the element's children (one child per row;
 * the shell adds, removes and reorders them on `dvc-rows-change`).
 *
 * @slot - Rows, one child element per row (when `renderRow` is not set).
 * @event dvc-rows-change - Before a row is added, removed or moved (cancelable; detail `RowsChangeDetail`).
 * @csspart base - The fieldset.
 * @csspart legend - The legend.
 * @csspart hint - The hint.
 * @csspart error-message - A message about the rows (e.g. too few), set by the shell.
 * @csspart row - One row.
 * @csspart row-title - The heading of a row.
 * @csspart add-button - The add button.
 * @csspart remove-button - A row's remove button.
 * @csspart move-button - A row's move up/down buttons.
 */
export class DvcRepeatingGroup extends LitElement {
  static override styles: CSSResultGroup = styles;

  /** The legend (the array's label). */
  @property() label = '';
  /** Help text. */
  @property() hint = '';
  /** A message about the rows as a whole, from the shell. */
  @property() error = '';
  /** Label of the add button (default "Thêm dòng"). */
  @property({ attribute: 'add-label' }) addLabel = '';
  /** Number of rows (with `renderRow`; otherwise the number of child elements). */
  @property({ type: Number }) count = 0;
  /** Fewest rows: remove buttons hide at this count. */
  @property({ type: Number }) min = 0;
  /** Most rows: the add button hides at this count. */
  @property({ type: Number }) max?: number;
  /** Heading level of the row titles. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;
  /** Renders row `index`; when unset, rows are the slotted children. */
  @property({ attribute: false }) renderRow?: RowRenderer;
  /** Language of the texts; defaults to the nearest ancestor's `lang`. */
  @property({ reflect: true }) override lang!: string;

  @state() private announcement = '';
  @state() private slottedCount = 0;

  /** Stable key per row: containers move with their rows, so fields keep their state. */
  private keys: number[] = [];
  private nextKey = 0;
  private containers = new Map<number, HTMLElement>();
  private observer?: MutationObserver;
  /** Re-renders when the document's `lang` changes. */
  private readonly langWatch = new DocumentLangController(this);
  private pendingFocus?: () => void;

  /** Rows shown. */
  get rowCount(): number {
    return this.renderRow ? this.count : this.slottedCount;
  }

  private get locale(): Locale {
    return toLocale(this.lang || resolveLang(this));
  }
  private get t(): Translation {
    return translationFor(this.locale, () => this.requestUpdate());
  }
  private msg(key: string, params: MessageParams = {}): string {
    return message(this.t, key, { label: this.label, ...params });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new MutationObserver(() => this.syncSlotted());
    this.observer.observe(this, { childList: true });
    this.syncSlotted();
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
  }

  /** Slotted mode: gives each child its row slot. */
  private syncSlotted(): void {
    if (this.renderRow) return;
    const rows = [...this.children].filter((c) => !c.hasAttribute('data-dvc-row'));
    rows.forEach((c, i) => {
      if (c.getAttribute('slot') !== `row-${i}`) c.setAttribute('slot', `row-${i}`);
    });
    this.slottedCount = rows.length;
  }

  /** Render mode: one light-DOM container per row, keyed. */
  private syncKeys(): void {
    if (!this.renderRow) return;
    while (this.keys.length < this.count) this.keys.push(this.nextKey++);
    while (this.keys.length > this.count) {
      const key = this.keys.pop()!;
      this.containers.get(key)?.remove();
      this.containers.delete(key);
    }
  }

  private syncContainers(): void {
    if (!this.renderRow) return;
    this.syncKeys();
    this.keys.forEach((key, i) => {
      let box = this.containers.get(key);
      if (!box) {
        box = document.createElement('div');
        box.setAttribute('data-dvc-row', '');
        this.containers.set(key, box);
      }
      box.slot = `row-${key}`;
      if (this.children[i] !== box) this.insertBefore(box, this.children[i] ?? null);
      render(this.renderRow!(i), box, { host: this });
    });
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('renderRow') && !this.renderRow) this.syncSlotted();
    this.syncKeys();
    super.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.syncContainers();
    const focus = this.pendingFocus;
    this.pendingFocus = undefined;
    focus?.();
  }

  /** Re-renders every row (after the shell changed the data the rows show). */
  renderRows(): void {
    this.syncContainers();
  }

  private slotName(i: number): string {
    return this.renderRow ? `row-${this.keys[i]}` : `row-${i}`;
  }

  private change(detail: RowsChangeDetail): boolean {
    return this.dispatchEvent(new DvcRowsChangeEvent(detail));
  }

  /** Adds a row at the end (as the add button does); returns false when refused or at `max`. */
  addRow(): boolean {
    const n = this.rowCount;
    if (this.max != null && n >= this.max) return false;
    if (!this.change({ action: 'add', index: n, count: n + 1 })) return false;
    if (this.renderRow) this.count = n + 1;
    this.announce(this.msg('field.repeatAdded', { index: n + 1, count: n + 1 }));
    this.afterRender(() => void this.focusRow(n, 'content'));
    return true;
  }

  /** Removes row `index`; returns false when refused or at `min`. */
  removeRow(index: number): boolean {
    const n = this.rowCount;
    if (index < 0 || index >= n || n <= this.min) return false;
    if (!this.change({ action: 'remove', index, count: n - 1 })) return false;
    if (this.renderRow) {
      const [key] = this.keys.splice(index, 1);
      this.containers.get(key!)?.remove();
      this.containers.delete(key!);
      this.count = n - 1;
    }
    this.announce(this.msg('field.repeatRemoved', { index: index + 1, count: n - 1 }));
    this.afterRender(() => (n - 1 === 0 ? this.focusAdd() : void this.focusRow(Math.min(index, n - 2), 'title')));
    return true;
  }

  /** Moves row `from` to `to`; returns false when refused or out of range. */
  moveRow(from: number, to: number): boolean {
    const n = this.rowCount;
    if (from < 0 || from >= n || to < 0 || to >= n || from === to) return false;
    if (!this.change({ action: 'move', index: from, to, count: n })) return false;
    if (this.renderRow) {
      const [key] = this.keys.splice(from, 1);
      this.keys.splice(to, 0, key!);
    }
    this.announce(this.msg('field.repeatMoved', { from: from + 1, to: to + 1 }));
    const which = to < from ? 'up' : 'down';
    this.afterRender(() => {
      const btn = this.renderRoot.querySelector<HTMLButtonElement>(`[data-row="${to}"] button.move-${which}`);
      if (btn && btn.getAttribute('aria-disabled') !== 'true') btn.focus();
      else this.renderRoot.querySelector<HTMLButtonElement>(`[data-row="${to}"] button.move-${which === 'up' ? 'down' : 'up'}`)?.focus();
    });
    this.requestUpdate();
    return true;
  }

  private afterRender(fn: () => void): void {
    this.pendingFocus = fn;
    this.requestUpdate();
    // Slotted rows change when the shell re-renders: try again once it has.
    if (!this.renderRow) setTimeout(() => this.updateComplete.then(fn), 0);
  }

  private announce(text: string): void {
    // Re-setting the same text would not be read again: clear first.
    this.announcement = '';
    setTimeout(() => (this.announcement = text), 50);
  }

  private focusAdd(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button.add')?.focus();
  }

  /** Focuses the first field of row `i` ('content', once its elements have rendered) or its title. */
  private async focusRow(i: number, where: 'content' | 'title'): Promise<void> {
    if (where === 'content') {
      const slot = this.renderRoot.querySelector<HTMLSlotElement>(`slot[name="${this.slotName(i)}"]`);
      const rowEls = slot?.assignedElements({ flatten: true }) ?? [];
      // Fields inside the row render asynchronously: wait for them before looking for a focus target.
      const pending = rowEls
        .flatMap((el) => [el, ...el.querySelectorAll('*')])
        .map((el) => (el as Partial<{ updateComplete: Promise<unknown> }>).updateComplete)
        .filter((p): p is Promise<unknown> => p instanceof Promise);
      await Promise.all(pending);
      for (const el of rowEls) {
        const target = firstFocusable(el);
        if (target) {
          target.focus();
          if (target.matches(':focus') || target.shadowRoot?.activeElement) return;
        }
      }
    }
    this.renderRoot.querySelector<HTMLElement>(`[data-row="${i}"] .row-title`)?.focus();
  }

  protected override render(): TemplateResult {
    const n = this.rowCount;
    const f = this.t.field;
    const canAdd = this.max == null || n < this.max;
    const canRemove = n > this.min;
    const describedBy = [this.hint && 'hint', this.error && 'error'].filter(Boolean).join(' ');
    return html`<fieldset part="base" aria-describedby=${describedBy || nothing}>
      <legend part="legend">${this.label}</legend>
      ${this.hint ? html`<p id="hint" part="hint" class="hint">${this.hint}</p>` : nothing}
      <p id="error" part="error-message" class="error" ?hidden=${!this.error}>${this.error}</p>
      ${n === 0 ? html`<p class="hint">${f.repeatEmpty}</p>` : nothing}
      <div class="rows">
        ${Array.from({ length: n }, (_, i) => {
          const num = i + 1;
          const titleId = `row-title-${i}`;
          return html`<div class="row" part="row" data-row=${i} role="group" aria-labelledby=${titleId}>
            <div id=${titleId} class="row-title" part="row-title" role="heading" aria-level=${this.headingLevel} tabindex="-1">
              ${this.msg('field.repeatRowTitle', { index: num })}
            </div>
            <slot name=${this.slotName(i)}></slot>
            <div class="actions">
              <button
                type="button"
                part="move-button"
                class="move-up"
                aria-disabled=${i === 0 ? 'true' : 'false'}
                @click=${() => i > 0 && this.moveRow(i, i - 1)}
              >
                <span aria-hidden="true">↑</span> ${this.msg('field.repeatMoveUp', { index: num })}
              </button>
              <button
                type="button"
                part="move-button"
                class="move-down"
                aria-disabled=${i === n - 1 ? 'true' : 'false'}
                @click=${() => i < n - 1 && this.moveRow(i, i + 1)}
              >
                <span aria-hidden="true">↓</span> ${this.msg('field.repeatMoveDown', { index: num })}
              </button>
              ${
                canRemove
                  ? html`<button type="button" part="remove-button" class="remove" @click=${() => this.removeRow(i)}>
                      ${this.msg('field.repeatRemove', { index: num })}
                    </button>`
                  : nothing
              }
            </div>
          </div>`;
        })}
      </div>
      ${
        canAdd
          ? html`<button type="button" part="add-button" class="add" @click=${() => this.addRow()}>${this.addLabel || f.repeatAdd}</button>`
          : nothing
      }
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </fieldset>`;
  }
}

function firstFocusable(root: Element): HTMLElement | null {
  const selector =
    'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';
  if (root instanceof HTMLElement && root.localName.includes('-') && root.shadowRoot?.delegatesFocus) return root;
  if (root.matches(selector)) return root as HTMLElement;
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    if (el.localName.includes('-') && el.shadowRoot?.delegatesFocus && !el.hasAttribute('disabled')) return el;
    if (el.matches(selector)) return el;
  }
  return null;
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-repeating-group': DvcRepeatingGroup;
  }
  interface GlobalEventHandlersEventMap {
    'dvc-rows-change': DvcRowsChangeEvent;
  }
}
