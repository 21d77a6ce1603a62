/** Gzip sizes of compiled procedures (what a page downloads). */
import { gzipSync } from 'node:zlib';

/** Size of one generated file. */
export interface SizeEntry {
  slug: string;
  file: string;
  bytes: number;
  gzip: number;
}

/** Raw and gzip (level 9) sizes of `validator.js` and `model.js` of each compiled procedure. */
export function sizeReport(compiled: Array<{ slug: string; files: Map<string, string> }>): SizeEntry[] {
  const out: SizeEntry[] = [];
  for (const { slug, files } of compiled) {
    for (const file of ['validator.js', 'model.js']) {
      const content = files.get(file);
      if (content === undefined) continue;
      const buf = Buffer.from(content);
      out.push({ slug, file, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
    }
  }
  return out;
}

/** A plain-text table of a size report. */
export function formatSizeReport(entries: SizeEntry[]): string {
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
  const w = Math.max(9, ...entries.map((e) => `${e.slug}/${e.file}`.length));
  const lines = [`${'file'.padEnd(w)}  ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}`];
  for (const e of entries) lines.push(`${`${e.slug}/${e.file}`.padEnd(w)}  ${kb(e.bytes).padStart(9)}  ${kb(e.gzip).padStart(9)}`);
  return lines.join('\n');
}
