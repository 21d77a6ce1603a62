/**
 * Fee computation from `x-fees`, shared by the browser (preview) and the server (the amount charged).
 * Hidden values never count.
 */
import type * as Contract from './contract.js';
import type { CompiledValidator, FormModel } from './model.js';
import { pruneToFixpoint, testCondition } from './conditions.js';
import { getAt } from './pointer.js';

/** One line of a fee quote (`FeeQuoteLine` of the contract). */
export type FeeQuoteLine = Contract.FeeQuoteLine;

/** The fee of a (partial) dossier (`FeeQuote` of the contract): what the browser previews and the server charges. */
export type FeeQuote = Contract.FeeQuote;

/** Computes the fee: per line, the first matching case's amount times the quantity. */
export function computeFee(model: FormModel, v: CompiledValidator, data: unknown): FeeQuote {
  const fees = model.fees;
  if (!fees) return { currency: 'VND', total: 0, lines: [] };
  const pruned = pruneToFixpoint(model, v, data);
  const lines: FeeQuoteLine[] = fees.lines.map((line) => {
    const match = line.cases.find((c) => !c.when || testCondition(v, c.when, pruned, `fee line "${line.id}"`));
    const unitAmount = match?.amount ?? 0;
    let quantity = 1;
    if (line.quantity) {
      const raw = getAt(pruned, line.quantity.field);
      const n = typeof raw === 'number' && Number.isInteger(raw) ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : 0;
      quantity = Math.max(0, n + line.quantity.offset);
    }
    const out: FeeQuoteLine = { id: line.id, title: line.title, unitAmount, quantity, amount: unitAmount * quantity };
    if (match?.note) out.note = match.note;
    if (line.counterAmount !== undefined) out.counterAmount = line.counterAmount * (line.quantity ? quantity : 1);
    return out;
  });
  return { currency: 'VND', total: lines.reduce((s, l) => s + l.amount, 0), lines };
}
