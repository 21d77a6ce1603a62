/**
 * Hostile JSON bodies, handled once for every JSON route before schema validation:
 * - nesting deeper than `MAX_JSON_DEPTH` → 400 `too-deep` (checked without recursion);
 * - a NUL character (U+0000) or a lone UTF-16 surrogate in any string or key → 422 `validation` with
 *   one error per place (`pointer`, keyword `characters`): PostgreSQL cannot store either, and neither
 *   is anything a person types. Refused rather than stripped, so nothing is silently changed;
 * - every string value normalised to Unicode NFC (a name typed or pasted decomposed, NFD, is stored
 *   composed, so the same name compares and searches alike).
 * Prototype-polluting keys (`__proto__`, `constructor.prototype`) are refused by Fastify's JSON parser
 * (`onProtoPoisoning` / `onConstructorPoisoning: 'error'`) before this runs, and again here for bodies
 * a route parses itself (the signed bank notification): 400 `bad-json`.
 */
import { HttpProblem, type ProblemFieldError } from './problem.js';
import { pointerSegment } from './util.js';

/** Deepest nesting of arrays and objects accepted in a JSON body (the deepest definition nests ~6). */
export const MAX_JSON_DEPTH = 64;

/** Most character errors reported for one body. */
const MAX_ERRORS = 20;

// eslint-disable-next-line no-control-regex -- NUL is what this finds
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Bidirectional formatting controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM): they make
 * text display in another order than it is stored ("Trojan source"); no Vietnamese text needs them.
 */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/;

/** What a string holds that cannot be stored, or `null`. */
export function badCharacters(s: string): string | null {
  if (NUL.test(s)) return 'contains a NUL character (U+0000), which cannot be stored; remove it.';
  if (LONE_SURROGATE.test(s)) return 'contains a broken character (a lone UTF-16 surrogate); type or paste it again.';
  return null;
}

/** The result of inspecting a parsed body. */
export interface InspectResult {
  /** Set when the body nests deeper than allowed: the pointer (shortened) where the limit was passed. */
  tooDeep?: string;
  /** Set when the body has a `__proto__` key or a `constructor` key holding `prototype`: where. */
  poisoned?: string;
  /** Strings or keys with characters that cannot be stored. */
  errors: ProblemFieldError[];
}

function shortPointer(segments: string[]): string {
  const p = segments.map((s) => `/${s}`);
  return p.length > 12 ? `${p.slice(0, 12).join('')}/…` : p.join('');
}

/**
 * Walks `root` (a parsed JSON value) without recursion: checks its depth and characters, and replaces
 * every string value by its NFC form in place. Stops at the first depth violation.
 */
export function inspectJson(root: unknown, maxDepth = MAX_JSON_DEPTH): InspectResult {
  const errors: ProblemFieldError[] = [];
  const report = (segments: string[], message: string): void => {
    if (errors.length < MAX_ERRORS) errors.push({ pointer: shortPointer(segments), keyword: 'characters', message });
  };
  const checkString = (s: string, segments: string[], what: string): void => {
    const bad = badCharacters(s);
    if (bad) report(segments, `${what} ${bad}`);
  };
  if (typeof root === 'string') {
    checkString(root, [], 'The body');
    return { errors };
  }
  if (root === null || typeof root !== 'object') return { errors };
  const stack: Array<{ value: object; segments: string[] }> = [{ value: root, segments: [] }];
  while (stack.length > 0) {
    const { value, segments } = stack.pop() as { value: object; segments: string[] };
    if (segments.length >= maxDepth) return { tooDeep: shortPointer(segments), errors };
    const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    for (const [key, v] of entries) {
      const seg = pointerSegment(key);
      if (
        !Array.isArray(value) &&
        (key === '__proto__' || (key === 'constructor' && v !== null && typeof v === 'object' && Object.hasOwn(v, 'prototype')))
      ) {
        return { poisoned: shortPointer([...segments, seg]), errors };
      }
      if (!Array.isArray(value)) checkString(key, [...segments, seg], 'The property name');
      if (typeof v === 'string') {
        const path = [...segments, seg];
        const bad = badCharacters(v);
        if (bad) report(path, `The text ${bad}`);
        else {
          const nfc = v.normalize('NFC');
          if (nfc !== v) (value as Record<string, unknown>)[key] = nfc;
        }
      } else if (v !== null && typeof v === 'object') {
        stack.push({ value: v, segments: [...segments, seg] });
      }
    }
  }
  return { errors };
}

/**
 * Throws the problem for a hostile parsed body: 400 `too-deep`, 400 `bad-json` (prototype-polluting
 * key), 422 `validation` (characters that cannot be stored, one error per place). Strings are
 * normalised to NFC in place when the body passes.
 */
export function assertCleanJson(body: unknown): void {
  const r = inspectJson(body);
  if (r.tooDeep !== undefined) {
    throw new HttpProblem(400, 'too-deep', `The body nests deeper than ${MAX_JSON_DEPTH} levels (at ${r.tooDeep}).`);
  }
  if (r.poisoned !== undefined) {
    throw new HttpProblem(
      400,
      'bad-json',
      `The body has a "__proto__" or "constructor.prototype" key (at ${r.poisoned}); such keys are refused.`,
    );
  }
  if (r.errors.length > 0) {
    throw new HttpProblem(422, 'validation', 'The body holds characters that cannot be stored; nothing was stored.', { errors: r.errors });
  }
}
