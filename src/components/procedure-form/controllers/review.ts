/**
 * The review page's content: every answer in words (choices by their labels, dates as the citizen reads them,
 * addresses with the names of their commune and province), grouped by step, then the files of each attachment.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FormModel, ModelNode } from '../../../runtime/model.js';
import type { FormState } from '../../../runtime/form-state.js';
import type { NodeInstance } from '../../../runtime/conditions.js';
import { getAt, isUnder } from '../../../runtime/pointer.js';
import { formatDate } from '../../../runtime/messages.js';
import type { ShellWords } from '../words.js';
import { stripBidiControls } from '../../../internal/bidi.js';
import type { AdminUnitsData } from '../../../internal/admin-units.js';
import type { ReviewSection } from '../../review-list/review-list.js';
import type { AttachmentsController } from './attachments.js';
import type { BackendController } from './backend.js';

/** What the review controller reads of the element. */
export interface ReviewHost extends ReactiveControllerHost {
  readonly model: FormModel;
}

/** What the review controller asks of the shell. */
export interface ReviewOptions<T extends object> {
  form: FormState<T>;
  backend: BackendController;
  attachments: AttachmentsController<T>;
  /** The shell's messages and the model's texts in the form's language. */
  words: ShellWords;
}

/**
 * Builds the rows of `<dvc-review-list>` for a procedure shell, and loads the administrative units its
 * addresses are named with. Fires no event (`<dvc-review-list>` fires `dvc-change-request`).
 */
export class ReviewController<T extends object> implements ReactiveController {
  /** The units named on the review page (from {@link BackendController.units}). */
  private adminUnits: AdminUnitsData | null = null;

  constructor(
    private readonly host: ReviewHost,
    private readonly options: ReviewOptions<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Loads the administrative units once an address is answered (the review page names them). */
  async loadUnitsIfNeeded(): Promise<void> {
    if (this.adminUnits) return;
    const hasAddress = [...this.options.form.evaluation.nodes.values()].some(
      (i) =>
        i.visible && i.node.kind === 'field' && i.node.valueType === 'object' && getAt(this.options.form.data, i.pointer) !== undefined,
    );
    if (!hasAddress) return;
    const units = await this.options.backend.units().catch((e: unknown) => {
      console.warn('dvc-forms: could not load the administrative units; codes are shown', e);
      return null;
    });
    if (units && !this.adminUnits) {
      this.adminUnits = units;
      this.host.requestUpdate();
    }
  }
  /** An answer as the review page shows it. */
  private answerText(node: ModelNode, value: unknown): string {
    if (value === undefined || value === null || value === '') return '';
    if (node.kind !== 'field') return '';
    if (node.valueType === 'boolean') return value === true ? this.options.words.t.yes : this.options.words.t.no;
    if (node.options && node.options.length) {
      const one = (v: unknown): string => {
        const o = node.options!.find((x) => x.value === v);
        return o ? this.options.words.l(o.label) : String(v);
      };
      return Array.isArray(value) ? value.map(one).join(', ') : one(value);
    }
    if (node.format === 'date' || node.widget === 'date') return typeof value === 'string' ? formatDate(value) : String(value);
    if (typeof value === 'object' && !Array.isArray(value)) return this.addressText(value as Record<string, unknown>);
    if (Array.isArray(value)) return value.map(String).join(', ');
    return String(value);
  }

  /** An address in words (the names of its commune and province when the units are loaded). */
  private addressText(v: Record<string, unknown>): string {
    const province = this.adminUnits?.provinces.find((p) => p.code === v.province);
    const commune = province?.communes.find((c) => c.code === v.commune);
    const name = (u: { name: string; nameEn?: string } | undefined, code: unknown): string =>
      u ? (this.options.words.locale === 'en' ? (u.nameEn ?? u.name) : u.name) : typeof code === 'string' ? code : '';
    return [v.street, name(commune, v.commune), name(province, v.province), v.country && v.country !== 'VN' ? v.country : '']
      .filter((x) => typeof x === 'string' && x !== '')
      .join(', ');
  }

  /** The sections of the review page: the answers of each visible step, then the files of each attachment. */
  sections(): ReviewSection[] {
    const nodes = this.options.form.evaluation.nodes;
    const out: ReviewSection[] = this.options.form.visibleSteps.map((s) => {
      const rows: ReviewSection['rows'] = [];
      for (const inst of nodes.values()) {
        if (!inst.visible || inst.node.kind !== 'field') continue;
        if (!s.fields.some((f) => isUnder(inst.pointer, f))) continue;
        rows.push({
          pointer: inst.pointer,
          label: this.reviewLabel(inst),
          value: this.answerText(inst.node, getAt(this.options.form.data, inst.pointer)),
        });
      }
      return { stepId: s.id, title: this.options.words.l(s.title), rows };
    });
    if (this.host.model.attachments.length) {
      out.push({
        stepId: '#attachments',
        title: this.options.words.t.attachmentsTitle,
        rows: this.host.model.attachments.map((a) => ({
          pointer: '#attachments',
          label: this.options.words.l(a.title),
          value: this.options.attachments
            .queueOf(a.id)
            .saved()
            .map((f) => stripBidiControls(f.name))
            .join('\n'),
        })),
      });
    }
    return out;
  }

  /** Label of a review row: the field label, prefixed by "Row N" inside repeating groups. */
  private reviewLabel(inst: NodeInstance): string {
    const parts: string[] = [];
    const tokens = inst.pointer.split('/').slice(1);
    let node: ModelNode = this.host.model.root;
    for (const t of tokens) {
      if (node.kind === 'array') {
        parts.push(this.options.words.text('rowLabel', { label: this.options.words.l(node.label), index: Number(t) + 1 }));
        node = node.item;
      } else if (node.kind === 'group') {
        const child: ModelNode | undefined = node.children.find((c) => c.key === t.replace(/~1/g, '/').replace(/~0/g, '~'));
        if (!child) break;
        node = child;
      }
    }
    parts.push(this.options.words.l(inst.node.label));
    return parts.join(' – ');
  }
}
