/**
 * Prefill: the answers the back end already knows of the citizen (`GET /prefill`, e.g. from the national
 * population database) put into the fields that ask for them, and which fields still hold such an answer.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FormModel, ModelNode } from '../../../runtime/model.js';
import type { FormState } from '../../../runtime/form-state.js';
import { applyPrefill } from '../../../runtime/prefill.js';
import type { BackendController } from './backend.js';

/** What the prefill controller reads of the element. */
export interface PrefillHost extends ReactiveControllerHost {
  readonly model: FormModel;
}

/**
 * Fills the fields marked `x-prefill` from the back end's record of the citizen (never a field the citizen
 * touched) and remembers them, so each says where its answer came from until the citizen changes it. Fires
 * no event.
 */
export class PrefillController<T extends object> implements ReactiveController {
  private readonly prefilled = new Set<string>();

  constructor(
    private readonly host: PrefillHost,
    private readonly options: {
      form: FormState<T>;
      backend: BackendController;
      /** Some answers were prefilled (the draft should be saved). */
      onPrefilled(): void;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** True when the field at `pointer` holds the back end's answer. */
  has(pointer: string): boolean {
    return this.prefilled.has(pointer);
  }

  /** The prefilled fields' pointers (saved with the draft). */
  list(): string[] {
    return [...this.prefilled];
  }

  /** Takes the prefilled pointers of a restored draft. */
  restore(pointers: readonly string[] | undefined): void {
    for (const p of pointers ?? []) this.prefilled.add(p);
  }

  /** Forgets every prefilled pointer. */
  clear(): void {
    this.prefilled.clear();
  }

  /** The citizen gave `value` to the field at `pointer`: an answer different from the prefilled one is theirs. */
  edited(pointer: string, value: unknown): void {
    if (this.prefilled.has(pointer) && value !== this.options.form.get(pointer)) {
      this.prefilled.delete(pointer);
      this.host.requestUpdate();
    }
  }

  /** Reads the back end's record of the citizen and fills the untouched fields that ask for it. */
  async run(): Promise<void> {
    const { form, backend } = this.options;
    if (!backend.configured) return;
    if (!this.hasTargets()) return;
    try {
      const client = await backend.get();
      const record = await client.getPrefill();
      if (!record) return;
      const r = applyPrefill(this.host.model, form.data, record, { touched: form.touched });
      if (r.prefilled.length === 0) return;
      for (const p of r.prefilled) this.prefilled.add(p);
      form.setData(r.data);
      this.options.onPrefilled();
    } catch (e) {
      console.warn('dvc-forms: prefill from the back end failed; the form stays empty', e);
    }
  }

  /** True when some field of the model asks for a prefilled answer. */
  private hasTargets(): boolean {
    const rec = (n: ModelNode): boolean => (n.kind === 'field' ? !!n.prefill : n.kind === 'group' ? n.children.some(rec) : false);
    return rec(this.host.model.root);
  }
}
