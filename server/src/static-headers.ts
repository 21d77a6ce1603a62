import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One rule of a static directory's `headers.json`: headers added to responses whose URL path matches `path`. */
export interface HeaderRule {
  /** URL path under the directory's prefix; `*` matches any run of characters, including `/`. */
  path: string;
  headers: Record<string, string>;
}

/** Thrown when a `headers.json` is malformed; names the file and the entry at fault. */
export class HeaderRulesError extends Error {}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/**
 * Reads `<dir>/headers.json` (if present) and returns a function giving the headers for a file served
 * from that directory. Every matching rule applies; later rules win for the same header. A file served
 * as a directory index (`index.html`) also matches the directory's own path (e.g. `/`).
 */
export function loadHeaderRules(dir: string, prefix: string): ((filePath: string) => Record<string, string>) | undefined {
  const file = path.join(dir, 'headers.json');
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new HeaderRulesError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const rules = (parsed as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) throw new HeaderRulesError(`${file}: /rules must be an array of { path, headers }`);
  const compiled = rules.map((rule: unknown, i: number) => {
    const r = rule as Partial<HeaderRule>;
    if (typeof r?.path !== 'string' || !/^[/*]/.test(r.path)) {
      throw new HeaderRulesError(`${file}: /rules/${i}/path must be a URL path pattern starting with "/" or "*"`);
    }
    if (!r.headers || typeof r.headers !== 'object' || Object.values(r.headers).some((v) => typeof v !== 'string')) {
      throw new HeaderRulesError(`${file}: /rules/${i}/headers must map header names to strings`);
    }
    return { re: globToRegExp(r.path), headers: r.headers };
  });
  const base = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return (filePath: string) => {
    const rel = path.relative(dir, filePath).split(path.sep).join('/');
    const urls = [`/${rel}`];
    if (rel === 'index.html' || rel.endsWith('/index.html')) urls.push(`/${rel.slice(0, -'index.html'.length)}`);
    const out: Record<string, string> = {};
    for (const { re, headers } of compiled) {
      if (urls.some((u) => re.test(u) || re.test(`${base}${u}`))) Object.assign(out, headers);
    }
    return out;
  };
}
