/** Small helpers shared by the routes. */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Locale } from 'dvc-forms/runtime/model.js';

/** JSON with object keys sorted, so two bodies that differ only in key order hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** Hex SHA-256 of a string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The locale a request asks for: English when `Accept-Language` prefers `en` over `vi`, else Vietnamese. */
export function requestLocale(req: FastifyRequest, explicit?: string): Locale {
  if (explicit === 'en' || explicit === 'vi') return explicit;
  const header = req.headers['accept-language'];
  if (!header) return 'vi';
  let best: Locale = 'vi';
  let bestQ = -1;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
    const lang = tag.split('-')[0];
    if ((lang === 'en' || lang === 'vi') && q > bestQ) {
      best = lang;
      bestQ = q;
    }
  }
  return best;
}

/** A database number (pg returns int8 as a string, PGlite may return a bigint) as a JS number. */
export function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

/** A database timestamp as an RFC 3339 UTC string. */
export function iso(v: unknown): string {
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export function pointerSegment(s: string | number): string {
  return String(s).replace(/~/g, '~0').replace(/\//g, '~1');
}
