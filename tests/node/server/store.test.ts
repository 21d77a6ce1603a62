/**
 * SQL lives in one store module per aggregate (server/src/store/, issue 14 item 9) and in the database
 * layer (server/src/db/: drivers, migrations). Every other server module calls store functions: no
 * statement text in its string literals, and no `.query(…)` call on a database handle.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const serverSrc = path.join(root, 'server/src');
/** Where SQL may be written. */
const SQL_HOMES = [path.join(serverSrc, 'store'), path.join(serverSrc, 'db')];

/** What marks a string as a statement. */
const SQL = /\b(SELECT\s|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b)/;

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** What a module does with SQL: string literals that hold a statement, and `.query(` / `.query<…>(` calls (1-based lines). */
function sqlIn(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const line = (node: ts.Node): number => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const visit = (node: ts.Node): void => {
    let literal: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literal = node.text;
    else if (ts.isTemplateExpression(node)) literal = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
    if (literal !== null && SQL.test(literal)) found.push(`${line(node)}: SQL text ${JSON.stringify(literal.slice(0, 60))}`);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'query') {
      found.push(`${line(node)}: .query() call`);
    }
    if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
    else node.templateSpans.forEach((s) => visit(s.expression));
  };
  visit(file);
  return found;
}

describe('server: SQL only in server/src/store and server/src/db', () => {
  it('the check finds statements in strings and templates, and query calls', () => {
    const sample = [
      "const a = 'SELECT id FROM uploads WHERE id = $1';",
      'const b = `INSERT INTO drafts (x) VALUES ($1)`;',
      'const c = `UPDATE payments\\n SET status = ${s} WHERE id = $1`;',
      "const d = 'DELETE FROM drafts';",
      'await db.query<{ n: number }>(sql, []);',
      "const fine = 'Select a file, then UPDATE the form; DELETE it from the list.';",
      'const alsoFine = req.query.status;',
    ].join('\n');
    assert.deepEqual(
      sqlIn('sample.ts', sample).map((f) => f.split(':')[0]),
      ['1', '2', '3', '4', '5'],
    );
  });

  it('no server module outside store/ and db/ holds SQL', () => {
    const files = sources(serverSrc).filter((f) => !SQL_HOMES.some((home) => f.startsWith(home + path.sep)));
    assert.ok(files.length > 20, `found ${files.length} modules`);
    const offending = files.flatMap((f) => sqlIn(f, readFileSync(f, 'utf8')).map((hit) => `${path.relative(root, f)}:${hit}`));
    assert.deepEqual(offending, []);
  });

  it('the store modules do hold the SQL', () => {
    const store = sources(path.join(serverSrc, 'store'));
    const withSql = store.filter((f) => sqlIn(f, readFileSync(f, 'utf8')).length > 0).map((f) => path.basename(f));
    for (const name of ['dossiers.ts', 'payments.ts', 'uploads.ts', 'drafts.ts'])
      assert.ok(withSql.includes(name), `store/${name} holds SQL`);
  });
});
