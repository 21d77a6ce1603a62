/**
 * The vocabularies the compiler knows: JSON Schema 2020-12 keywords, the definition format's `x-`
 * keyword names (their table is compiler/src/keywords.ts), the prefill sources and the schema positions
 * used to walk a schema.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILTIN_X_KEYWORDS, SUBSCHEMA_X_KEYWORDS } from './keywords.js';

/** Every keyword of JSON Schema draft 2020-12 (core, applicator, validation, meta-data, format, content, unevaluated). */
export const JSON_SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  '$schema',
  '$id',
  '$ref',
  '$anchor',
  '$dynamicRef',
  '$dynamicAnchor',
  '$vocabulary',
  '$comment',
  '$defs',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'prefixItems',
  'items',
  'contains',
  'properties',
  'patternProperties',
  'additionalProperties',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'type',
  'enum',
  'const',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxContains',
  'minContains',
  'maxProperties',
  'minProperties',
  'required',
  'dependentRequired',
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
  'format',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
  // ajv-formats keywords (comparisons of formatted strings, e.g. dates)
  'formatMinimum',
  'formatMaximum',
  'formatExclusiveMinimum',
  'formatExclusiveMaximum',
]);

/** Keywords that only annotate (never change whether data is valid). Stripped from the validator. */
export const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set([
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
  '$comment',
]);

/**
 * Absolute path of a file shipped in the package's `schemas/` folder, found from this module's location
 * (`compiler/src/` or `compiler/dist/`: `../schemas/` in the installed package, `../../schemas/` in the repository).
 */
export function packageSchemaFile(name: string): string {
  const candidates = ['../schemas/', '../../schemas/'].map((rel) => fileURLToPath(new URL(rel + name, import.meta.url)));
  return candidates.find((c) => existsSync(c)) ?? candidates[0];
}

/** The `x-` keyword names, sorted (from the table in compiler/src/keywords.ts). */
export function xKeywords(): string[] {
  return [...BUILTIN_X_KEYWORDS].sort();
}

const PERSON_FIELDS = ['fullName', 'idNumber', 'dateOfBirth'];

/** The population-database prefill sources a data node may name in `x-prefill`. */
export const PREFILL_SOURCES: ReadonlySet<string> = new Set([
  'citizen.fullName',
  'citizen.idNumber',
  'citizen.dateOfBirth',
  'citizen.sex',
  'citizen.ethnicity',
  'citizen.nationality',
  'citizen.religion',
  'citizen.hometown',
  'citizen.placeOfBirth',
  'citizen.permanentAddress',
  'citizen.temporaryAddress',
  'citizen.currentAddress',
  'citizen.phone',
  'citizen.email',
  'citizen.maritalStatus',
  ...['father', 'mother', 'spouse'].flatMap((who) => PERSON_FIELDS.map((f) => `citizen.${who}.${f}`)),
  'citizen.householdHead.fullName',
  'citizen.householdHead.idNumber',
  'citizen.householdHead.relationship',
]);

/** Keywords whose value is one subschema. */
export const SUBSCHEMA_KEYWORDS: readonly string[] = [
  'additionalProperties',
  'items',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'not',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
  // x-visible-when (compiler/src/keywords.ts): node x- keywords whose value is a schema
  ...SUBSCHEMA_X_KEYWORDS,
];
/** Keywords whose value is an array of subschemas. */
export const SUBSCHEMA_ARRAY_KEYWORDS: readonly string[] = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords whose value maps names to subschemas. */
export const SUBSCHEMA_MAP_KEYWORDS: readonly string[] = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];

/** Formats a definition may use: those ajv-formats implements. */
export const SUPPORTED_FORMATS: readonly string[] = [
  'date',
  'time',
  'date-time',
  'iso-time',
  'iso-date-time',
  'duration',
  'uri',
  'uri-reference',
  'uri-template',
  'url',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'json-pointer-uri-fragment',
  'relative-json-pointer',
  'byte',
  'int32',
  'int64',
  'float',
  'double',
  'password',
  'binary',
];
