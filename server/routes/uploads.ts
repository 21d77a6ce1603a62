/**
 * Resumable uploads (tus 1.0: core, creation, termination) with @tus/server, mounted at
 * `/api/v1/uploads`. Bytes go to the disk store (`UPLOADS_DIR`) or, when `S3_BUCKET` is set, an
 * S3-compatible bucket; the `uploads` table records each upload's size, type and completion so a
 * submission can check its attachments.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import { EVENTS, Server, TUS_RESUMABLE, TUS_VERSION, type DataStore, type Upload } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { HttpProblem } from '../problem.js';
import { acceptsType, sniffType } from '../sniff.js';

/** Base path of the tus endpoint. */
export const UPLOADS_PATH = '/api/v1/uploads';

function createStore(ctx: AppContext): DataStore {
  const s3 = ctx.config.s3;
  if (s3) {
    return new S3Store({
      partSize: 8 * 1024 * 1024,
      s3ClientConfig: {
        bucket: s3.bucket,
        region: s3.region,
        ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
        forcePathStyle: s3.forcePathStyle,
        ...(s3.accessKeyId && s3.secretAccessKey
          ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } }
          : {}),
      },
    });
  }
  return new FileStore({ directory: ctx.config.uploadsDir });
}


/** Registers the tus endpoint. */
export async function uploadRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const maxSize = ctx.config.uploadMaxMB * 1024 * 1024;
  const origins = ctx.config.corsOrigins;
  const tus = new Server({
    path: UPLOADS_PATH,
    datastore: createStore(ctx),
    maxSize,
    respectForwardedHeaders: ctx.config.trustProxy,
    ...(origins.length > 0 && !origins.includes('*') ? { allowedOrigins: origins } : {}),
    allowedHeaders: ['Authorization'],
    async onUploadCreate(_req, upload: Upload) {
      const meta = upload.metadata ?? {};
      const filetype = meta.filetype ?? null;
      // When the client names the attachment, refuse early what the submission would refuse.
      const proc = meta.procedure ? ctx.procedures.get(meta.procedure) : undefined;
      const att = proc && meta.attachmentId ? proc.model.attachments.find((a) => a.id === meta.attachmentId) : undefined;
      if (att) {
        if (!acceptsType(att.accept, filetype ?? '')) {
          throw { status_code: 415, body: `File type "${filetype ?? ''}" is not accepted for attachment "${att.id}".\n` };
        }
        if (upload.size !== undefined && upload.size > att.maxSizeMB * 1024 * 1024) {
          throw { status_code: 413, body: `Attachment "${att.id}" accepts files up to ${att.maxSizeMB} MB.\n` };
        }
      }
      await ctx.db.query(
        `INSERT INTO uploads (id, size, filename, filetype, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [upload.id, upload.size ?? null, meta.filename ?? null, filetype, ctx.now().toISOString()],
      );
      return {};
    },
    async onUploadFinish(_req, upload: Upload) {
      // With the disk store, look at the first bytes so a claimed type can be checked at submission.
      let detected: string | null = null;
      if (!ctx.config.s3) {
        const fh = await open(path.join(ctx.config.uploadsDir, upload.id), 'r');
        try {
          const head = Buffer.alloc(16);
          const { bytesRead } = await fh.read(head, 0, 16, 0);
          detected = sniffType(head.subarray(0, bytesRead)) ?? 'unknown';
        } finally {
          await fh.close();
        }
      }
      await ctx.db.query(
        `UPDATE uploads SET complete = true, size = $2, upload_offset = $3, completed_at = $4, detected_type = $5
         WHERE id = $1`,
        [upload.id, upload.size ?? upload.offset, upload.offset, ctx.now().toISOString(), detected],
      );
      return {};
    },
  });
  // An event listener runs outside Fastify's promise chain: a throw here would be an uncaught exception.
  tus.on(EVENTS.POST_TERMINATE, (_req, _res, id: string) => {
    try {
      ctx.db.query('DELETE FROM uploads WHERE id = $1', [id]).catch((err: unknown) => {
        app.log.error({ err }, 'could not delete upload metadata');
      });
    } catch (err) {
      app.log.error({ err }, 'could not delete upload metadata');
    }
  });

  await app.register(async (scope) => {
    // tus reads the request stream itself: hand it over unparsed.
    scope.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
    const handler = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
      // tus 1.0 §Tus-Resumable: a version the server does not support is 412 with Tus-Version (the
      // library itself answers 400 for it); a missing header is left to the library (also 412).
      const version = req.headers['tus-resumable'];
      if (req.method !== 'OPTIONS' && req.method !== 'GET' && version !== undefined && !(TUS_VERSION as readonly string[]).includes(String(version))) {
        throw new HttpProblem(
          412,
          'tus-version',
          `Tus-Resumable "${String(version)}" is not supported; this server speaks tus ${TUS_VERSION.join(', ')}.`,
          {},
          { 'tus-version': TUS_VERSION.join(','), 'tus-resumable': TUS_RESUMABLE },
        );
      }
      reply.hijack();
      await tus.handle(req.raw, reply.raw);
    };
    const opts = { bodyLimit: maxSize + 1024 * 1024 };
    scope.all(UPLOADS_PATH, opts, handler);
    scope.all(`${UPLOADS_PATH}/*`, opts, handler);
  });
}
