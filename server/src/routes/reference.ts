/** `GET /admin-units`: provinces and communes of the two-level scheme (since 1 July 2025). */
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { AdminUnits, Commune } from 'dvc-forms/runtime/contract.js';
import type { AppContext } from '../context.js';
import { HttpProblem } from '../problem.js';

/**
 * The list served when ADMIN_UNITS_FILE is not set: the one the SDK bundles (`dvc-forms/data/admin-units.js`,
 * 34 provinces and 3,321 communes, MIT, from thanglequoc/vietnamese-provinces-database), so the back end and
 * the address fields agree on every code.
 */
async function bundledUnits(): Promise<AdminUnits> {
  const { default: data } = await import('dvc-forms/data/admin-units.js');
  return {
    provinces: data.provinces.map((p) => ({
      code: p.code,
      name: p.name,
      nameEn: p.nameEn ?? p.name,
      communes: p.communes.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn ?? c.name })),
    })),
  };
}

interface RawUnit {
  Code: string;
  Name: string;
  NameEn?: string;
  Wards?: RawUnit[];
}

/** Accepts the compact `{ provinces }` shape or the raw thanglequoc array (`[{ Code, Name, NameEn, Wards }]`). */
export function normaliseAdminUnits(json: unknown, file: string): AdminUnits {
  if (json && typeof json === 'object' && Array.isArray((json as { provinces?: unknown }).provinces)) {
    return json as AdminUnits;
  }
  if (!Array.isArray(json)) throw new Error(`${file}: expected { provinces: [...] } or an array of provinces`);
  return {
    provinces: (json as RawUnit[]).map((p) => ({
      code: p.Code,
      name: p.Name,
      nameEn: p.NameEn ?? p.Name,
      communes: (p.Wards ?? []).map((w): Commune => ({ code: w.Code, name: w.Name, nameEn: w.NameEn ?? w.Name })),
    })),
  };
}

/** Registers `/admin-units` (the file is read once, on first use). */
export async function referenceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  let cached: Promise<{ body: string; etag: string }> | undefined;
  const load = async (): Promise<{ body: string; etag: string }> => {
    const file = ctx.config.adminUnitsFile;
    let units: AdminUnits;
    if (file) {
      const ok = await access(file).then(
        () => true,
        () => false,
      );
      if (!ok) throw new HttpProblem(503, 'admin-units-missing', `ADMIN_UNITS_FILE ${file} cannot be read.`);
      units = normaliseAdminUnits(JSON.parse(await readFile(file, 'utf8')), file);
    } else {
      units = await bundledUnits();
    }
    const body = JSON.stringify(units);
    return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
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
