/**
 * The contract as data: loads `api/openapi.yaml` and validates answers against the schema the contract
 * gives for that operation, status and content type (ajv, JSON Schema 2020-12, formats checked).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/**
 * The contract the kit checks against: the copy shipped in the installed package (`openapi.yaml` beside
 * `dist/`), or, in the repository, `api/openapi.yaml`.
 */
export const CONTRACT_PATH =
  [fileURLToPath(new URL('../openapi.yaml', import.meta.url)), fileURLToPath(new URL('../../api/openapi.yaml', import.meta.url))].find(
    (f) => existsSync(f),
  ) ?? fileURLToPath(new URL('../../api/openapi.yaml', import.meta.url));

const DOC_ID = 'https://dvc-forms.dev/api/openapi.json';

type Json = Record<string, unknown>;

/** What the contract says about one answer of one operation. */
export interface ExpectedAnswer {
  /** Content types the contract allows for this status (empty: no body). */
  contentTypes: string[];
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => {
      const at = e.instancePath || '(root)';
      const extra =
        e.keyword === 'additionalProperties'
          ? ` ("${String((e.params as { additionalProperty?: unknown }).additionalProperty)}")`
          : e.keyword === 'enum'
            ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})`
            : '';
      return `${at} ${e.message ?? 'is invalid'}${extra}`;
    })
    .join('; ');
}

/** The loaded contract. */
export class Contract {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  private constructor(readonly doc: Json) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ ...doc, $id: DOC_ID } as Json);
  }

  /** Reads and parses `api/openapi.yaml` (or another contract file). */
  static async load(file: string = CONTRACT_PATH): Promise<Contract> {
    const doc = parse(await readFile(file, 'utf8')) as Json;
    if (typeof doc !== 'object' || doc === null || typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.1')) {
      throw new Error(`${file}: not an OpenAPI 3.1 document`);
    }
    return new Contract(doc);
  }

  private validator(pointer: string): ValidateFunction {
    let v = this.compiled.get(pointer);
    if (!v) {
      v = this.ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
      this.compiled.set(pointer, v);
    }
    return v;
  }

  /** Validates `value` against `components/schemas/<name>`; returns a sentence for each mismatch, or null. */
  checkSchema(name: string, value: unknown): string | null {
    const v = this.validator(`/components/schemas/${escapePointer(name)}`);
    return v(value) ? null : describeErrors(v.errors);
  }

  /** The response object of an operation for a status (refs resolved), or undefined when the contract has none. */
  private response(method: string, template: string, status: number): { pointer: string; obj: Json } | undefined {
    const paths = this.doc.paths as Record<string, Record<string, Json>>;
    const op = paths[template]?.[method.toLowerCase()];
    if (!op) throw new Error(`The contract has no operation ${method.toUpperCase()} ${template}.`);
    const responses = op.responses as Record<string, Json>;
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k] !== undefined);
    if (!key) return undefined;
    let obj = responses[key];
    let pointer = `/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${key}`;
    if (typeof obj.$ref === 'string') {
      const name = obj.$ref.replace('#/components/responses/', '');
      obj = (this.doc.components as { responses: Record<string, Json> }).responses[name];
      pointer = `/components/responses/${escapePointer(name)}`;
    }
    return { pointer, obj };
  }

  /** Statuses the contract lists for an operation. */
  statuses(method: string, template: string): string[] {
    const paths = this.doc.paths as Record<string, Record<string, Json>>;
    return Object.keys((paths[template]?.[method.toLowerCase()]?.responses as Json | undefined) ?? {});
  }

  /**
   * Checks one answer against the contract: the status is one the operation lists, the content type is
   * one it allows for that status, and a JSON body matches the schema. Returns the problems found as
   * plain sentences (empty when the answer conforms).
   */
  checkAnswer(
    method: string,
    template: string,
    answer: { status: number; contentType: string | null; body: unknown; hasBody: boolean },
  ): string[] {
    const label = `${method.toUpperCase()} ${template}`;
    const found = this.response(method, template, answer.status);
    if (!found) {
      return [
        `${label} answered ${answer.status}, a status the contract does not list (it lists ${this.statuses(method, template).join(', ')}).`,
      ];
    }
    const content = found.obj.content as Record<string, Json> | undefined;
    // HEAD answers never carry a body; OPTIONS and 204 answers have none to check.
    if (!content || method.toUpperCase() === 'HEAD') return [];
    const type = mediaType(answer.contentType);
    if (!answer.hasBody && answer.status !== 204) {
      return [`${label} answered ${answer.status} without a body; the contract expects ${Object.keys(content).join(' or ')}.`];
    }
    if (!(type in content)) {
      return [
        `${label} answered ${answer.status} with content type "${type || 'none'}"; the contract says ${Object.keys(content).join(' or ')}.`,
      ];
    }
    if (!type.endsWith('json')) return [];
    const v = this.validator(`${found.pointer}/content/${escapePointer(type)}/schema`);
    if (v(answer.body)) return [];
    return [`the ${answer.status} answer of ${label} does not match the contract's schema: ${describeErrors(v.errors)}.`];
  }
}
