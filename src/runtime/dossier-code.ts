/**
 * Dossier codes (mã hồ sơ, Circular 01/2018/TT-VPCP, Art. 19): `<agency code>-YYMMDD-XXXX`, e.g.
 * `000.00.00.H30-250712-0001` (agency code per QCVN 102:2016, filing date, the day's sequence number).
 *
 * The one place of the code's shape: `<dvc-dossier-status>` reads a typed code with `checkDossierCode`,
 * and the reference server builds the pattern of its `{code}` route parameters from
 * `DOSSIER_CODE_PATTERN` (server/src/dossier-code.ts). It is the `DossierCode` pattern of
 * api/openapi.yaml (a test holds the two equal). DOM-free.
 */

/** An example code, shown in hints and messages. */
export const DOSSIER_CODE_EXAMPLE = '000.00.00.H30-250712-0001';

/** The contract's pattern of a dossier code (`DossierCode` in api/openapi.yaml). */
export const DOSSIER_CODE_PATTERN = /^[0-9A-Z.]+-[0-9]{6}-[0-9]{4}$/;

/** The outcome of reading a typed code. */
export type DossierCodeCheck =
  | { ok: true; code: string }
  | { ok: false; reason: 'empty' | 'shape'; code: string }
  | { ok: false; reason: 'date'; code: string; date: string };

/**
 * Reads a code as a citizen types it: spaces removed, letters upper-cased, dashes of any kind made
 * hyphens. Then checks the shape and that YYMMDD is a real date.
 */
export function checkDossierCode(input: string): DossierCodeCheck {
  const code = input
    .normalize('NFKC')
    .replace(/[\s\u200B]+/g, '')
    .replace(/[‐‑‒–—−]/g, '-')
    .toUpperCase();
  if (code === '') return { ok: false, reason: 'empty', code };
  if (!DOSSIER_CODE_PATTERN.test(code)) return { ok: false, reason: 'shape', code };
  const date = code.split('-').at(-2)!;
  const y = 2000 + Number(date.slice(0, 2));
  const m = Number(date.slice(2, 4));
  const d = Number(date.slice(4, 6));
  const real = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d) {
    return { ok: false, reason: 'date', code, date };
  }
  return { ok: true, code };
}
