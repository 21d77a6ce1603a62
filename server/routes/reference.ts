/** `GET /admin-units`: provinces and communes of the two-level scheme (since 1 July 2025). */
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { HttpProblem } from '../problem.js';

/** A commune-level unit. */
export interface Commune {
  code: string;
  name: string;
  nameEn: string;
}
/** A province-level unit with its communes. */
export interface Province extends Commune {
  communes: Commune[];
}

/** Files tried, in order, when ADMIN_UNITS_FILE is not set. */
export const ADMIN_UNIT_CANDIDATES = [
  fileURLToPath(new URL('../../src/data/admin-units.json', import.meta.url)),
  fileURLToPath(new URL('../../data/admin-units/vn-admin-units.json', import.meta.url)),
  '/work/shared/data/admin-units/vn-admin-units.json',
];

interface RawUnit {
  Code: string;
  Name: string;
  NameEn?: string;
  Wards?: RawUnit[];
}

/** Accepts the compact `{ provinces }` shape or the raw thanglequoc array (`[{ Code, Name, NameEn, Wards }]`). */
export function normaliseAdminUnits(json: unknown, file: string): { provinces: Province[] } {
  if (json && typeof json === 'object' && Array.isArray((json as { provinces?: unknown }).provinces)) {
    return json as { provinces: Province[] };
  }
  if (!Array.isArray(json)) throw new Error(`${file}: expected { provinces: [...] } or an array of provinces`);
  return {
    provinces: (json as RawUnit[]).map((p) => ({
      code: p.Code,
      name: p.Name,
      nameEn: p.NameEn ?? p.Name,
      communes: (p.Wards ?? []).map((w) => ({ code: w.Code, name: w.Name, nameEn: w.NameEn ?? w.Name })),
    })),
  };
}

/** Registers `/admin-units` (the file is read once, on first use). */
export async function referenceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  let cached: Promise<{ body: string; etag: string }> | undefined;
  const load = async (): Promise<{ body: string; etag: string }> => {
    const candidates = ctx.config.adminUnitsFile ? [ctx.config.adminUnitsFile] : ADMIN_UNIT_CANDIDATES;
    for (const file of candidates) {
      const ok = await access(file).then(
        () => true,
        () => false,
      );
      if (!ok) continue;
      const units = normaliseAdminUnits(JSON.parse(await readFile(file, 'utf8')), file);
      const body = JSON.stringify(units);
      return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    }
    throw new HttpProblem(503, 'admin-units-missing', `No administrative-units file found (set ADMIN_UNITS_FILE).`);
  };

  app.get('/admin-units', async (req, reply) => {
    cached ??= load();
    let units: { body: string; etag: string };
    try {
      units = await cached;
    } catch (err) {
      cached = undefined;
      throw err;
    }
    reply.header('cache-control', 'public, max-age=86400').header('etag', units.etag);
    if (req.headers['if-none-match'] === units.etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(units.body);
  });
}
