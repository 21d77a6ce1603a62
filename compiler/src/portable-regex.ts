/**
 * The regular-expression dialect definitions may use in `pattern` (docs/semantics.md, "Patterns"): the
 * part of ECMA-262 (with the `u` flag) that means the same in Java, .NET, Python (the `regex` module)
 * and Go's RE2, so a back end in any of them judges a value as the browser does. One translation is
 * left to those back ends, and documented: a final `$` means the end of the value (`\z`).
 */

/** Unicode general categories `\p{…}` may name (scripts and binary properties differ per engine). */
const CATEGORIES = new Set([
  'L',
  'Lu',
  'Ll',
  'Lt',
  'Lm',
  'Lo',
  'M',
  'Mn',
  'Mc',
  'Me',
  'N',
  'Nd',
  'Nl',
  'No',
  'P',
  'Pc',
  'Pd',
  'Ps',
  'Pe',
  'Pi',
  'Pf',
  'Po',
  'S',
  'Sm',
  'Sc',
  'Sk',
  'So',
  'Z',
  'Zs',
  'Zl',
  'Zp',
]);

const CLASS_ESCAPES: Record<string, string> = {
  d: '[0-9]',
  D: '[^0-9]',
  w: '[A-Za-z0-9_]',
  W: '[^A-Za-z0-9_]',
  s: "the characters you mean, e.g. ' '",
  S: 'the characters you mean, e.g. [^ ]',
};

/**
 * Why `pattern` is outside the portable dialect, as a sentence, or `null` when it is inside. The
 * pattern is assumed to be a valid ECMA-262 `u`-flag pattern already.
 */
export function portablePatternProblem(pattern: string): string | null {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1] ?? '';
      if (n in CLASS_ESCAPES) {
        return `"\\${n}" means ${n === 'd' || n === 'D' ? 'ASCII digits' : n === 'w' || n === 'W' ? 'ASCII word characters' : 'a JavaScript set of spaces'} in JavaScript but Unicode ones in Python and .NET; write ${CLASS_ESCAPES[n]} instead (docs/semantics.md, "Patterns").`;
      }
      if (n === 'b' || n === 'B')
        return `"\\${n}" (word boundary) differs between regular-expression engines; anchor with ^ and $ instead (docs/semantics.md, "Patterns").`;
      if (/[1-9]/.test(n) || n === 'k')
        return `back-references ("\\${n}") are not portable to every engine (docs/semantics.md, "Patterns").`;
      if (n === 'c') return `control escapes ("\\c") are not portable (docs/semantics.md, "Patterns").`;
      if (n === 'u' && pattern[i + 2] === '{')
        return `"\\u{…}" is JavaScript only; write the character itself or "\\uXXXX" (docs/semantics.md, "Patterns").`;
      if (n === 'p' || n === 'P') {
        const m = /^\{([^}]*)\}/.exec(pattern.slice(i + 2));
        if (!m || !CATEGORIES.has(m[1]!)) {
          return `"\\${n}{${m?.[1] ?? ''}}": only Unicode general categories (L, Lu, Ll, M, N, Nd, P, S, Z…) are portable, not scripts or other properties (docs/semantics.md, "Patterns").`;
        }
        i += 2 + m[0].length - 1;
        continue;
      }
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else if (c === '[')
        return `"[" inside a character class means a nested class in Java; escape it as "\\[" (docs/semantics.md, "Patterns").`;
      else if (c === '&' && pattern[i + 1] === '&')
        return `"&&" inside a character class is an intersection in Java; escape one "&" (docs/semantics.md, "Patterns").`;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') return `an empty class "[]" or "[^]" is JavaScript only (docs/semantics.md, "Patterns").`;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      if (pattern[i + 2] !== ':')
        return `only plain "(…)" and non-capturing "(?:…)" groups are portable, not "(?${pattern[i + 2] ?? ''}…" (look-arounds, named groups, flags) (docs/semantics.md, "Patterns").`;
      continue;
    }
    if (c === '.')
      return `"." matches different characters in different engines (line breaks); write the class you mean, e.g. [^/] (docs/semantics.md, "Patterns").`;
    if (c === '^' && i !== 0) return `"^" is portable only as the first character of the pattern (docs/semantics.md, "Patterns").`;
    if (c === '$' && i !== pattern.length - 1)
      return `"$" is portable only as the last character of the pattern (docs/semantics.md, "Patterns").`;
  }
  return null;
}
