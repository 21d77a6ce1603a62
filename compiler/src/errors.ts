/**
 * Errors found in a procedure definition. Every error names the file, the JSON pointer of the offending
 * node inside that file (or `line:column` for a JSON syntax error) and a plain sentence.
 */

/** One problem in a definition. */
export interface DefinitionProblem {
  /** The definition file (as given to the compiler). */
  file: string;
  /** JSON pointer inside `file` (RFC 6901, `''` for the document root) or `line:column` for syntax errors. */
  pointer: string;
  /** A plain sentence saying what is wrong and, where useful, how to fix it. */
  message: string;
}

/** Formats a problem as `file:pointer: sentence` (`file: sentence` for the document root). */
export function formatProblem(p: DefinitionProblem): string {
  return p.pointer === '' ? `${p.file}: ${p.message}` : `${p.file}:${p.pointer}: ${p.message}`;
}

/** Thrown when a definition cannot be compiled; carries every problem found. */
export class DefinitionError extends Error {
  /** Every problem found, in the order found. */
  readonly problems: DefinitionProblem[];

  constructor(problems: DefinitionProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'DefinitionError';
    this.problems = problems;
  }
}

/** Collects problems for one definition file. */
export class ProblemList {
  readonly items: DefinitionProblem[] = [];
  /** Keys of the recorded problems, so a repeated problem is recorded once without scanning the list. */
  private readonly keys = new Set<string>();
  constructor(readonly file: string) {}

  /** Records a problem at `pointer` of this list's file (or of `file` when given). */
  add(pointer: string, message: string, file: string = this.file): void {
    const key = JSON.stringify([file, pointer, message]);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.items.push({ file, pointer, message });
  }

  /** Moves the problems recorded from index `from` on to the place `where` gives for each (duplicates merge). */
  relocate(from: number, where: (p: DefinitionProblem) => { file: string; pointer: string }): void {
    const moved = this.items.splice(from);
    for (const p of moved) this.keys.delete(JSON.stringify([p.file, p.pointer, p.message]));
    for (const p of moved) {
      const to = where(p);
      this.add(to.pointer, p.message, to.file);
    }
  }

  /** True when a problem was recorded at `pointer` or below it. */
  hasAtOrBelow(pointer: string): boolean {
    return this.items.some((p) => p.pointer === pointer || p.pointer.startsWith(pointer + '/'));
  }

  get length(): number {
    return this.items.length;
  }

  /** Throws a {@link DefinitionError} if anything was recorded. */
  throwIfAny(): void {
    if (this.items.length > 0) throw new DefinitionError(this.items);
  }
}
