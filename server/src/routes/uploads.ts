/**
 * Resumable uploads (tus 1.0: core, creation, termination) with @tus/server, mounted at
 * `/api/v1/uploads`, and the download of an upload (`GET /api/v1/uploads/{id}`), served here and never
 * by the tus library. Bytes go to the disk store (`UPLOADS_DIR`) or, when `S3_BUCKET` is set, an
 * S3-compatible bucket; the `uploads` table records each upload's owner, size, type and completion so a
 * submission can check its attachments (server/uploads.ts holds the rules).
 *
 * Every tus request goes through Fastify (not hijacked): this module checks the owner first, hands the
 * request to the library as a web `Request`, and sends the library's answer back through Fastify, so the
 * JSON API's CORS, error and header handling apply to uploads too.
 */
import type { IncomingMessage } from 'node:http';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import { Metadata, Server, TUS_RESUMABLE, TUS_VERSION, Uid, type DataStore, type Upload } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fileRefusals } from 'dvc-forms/runtime/attachments.js';
import type { AppContext } from '../context.js';
import { requireOfficer } from '../officers.js';
import { ownsKey, requireOwner } from '../owner.js';
import { HttpProblem } from '../problem.js';
import { badCharacters } from '../input.js';
import { sniffType } from '../sniff.js';
import { deleteUnfinishedUpload, markUploadComplete, referencedByAgency, type UploadRecord } from '../store/uploads.js';
import {
  contentDisposition,
  deleteOwnUpload,
  downloadType,
  findUpload,
  recordNewUpload,
  registerUploadStore,
  UPLOAD_ID,
  uploadNotFound,
} from '../uploads.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Per-route options @fastify/cors reads (it declares no type for them). */
    cors?: { strictPreflight?: boolean; preflightContinue?: boolean };
  }
}

/** Base path of the tus endpoint. */
export const UPLOADS_PATH = '/api/v1/uploads';

function createStore(ctx: AppContext): DataStore {
  const s3 = ctx.config.s3;
  const store: DataStore = s3
    ? new S3Store({
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
      })
    : new FileStore({ directory: ctx.config.uploadsDir });
  // Every upload declares its size at creation (the quota and the per-attachment limit are checked
  // against it): deferring the length is not offered.
  store.extensions = store.extensions.filter((e) => e !== 'creation-defer-length');
  return store;
}

/** A tus-version problem (tus 1.0 §Tus-Resumable: 412 with Tus-Version). */
function tusVersionProblem(detail: string): HttpProblem {
  return new HttpProblem(412, 'tus-version', detail, {}, { 'tus-version': TUS_VERSION.join(','), 'tus-resumable': TUS_RESUMABLE });
}

/** The upload id in a `/uploads/<id>` path, or null. */
function idOf(req: FastifyRequest): string | null {
  const rest = (req.params as { '*'?: string; id?: string })['*'] ?? (req.params as { id?: string }).id;
  if (rest === undefined || rest === '') return null;
  let id: string;
  try {
    id = decodeURIComponent(rest.replace(/\/$/, ''));
  } catch {
    return '';
  }
  return UPLOAD_ID.test(id) ? id : '';
}

/** The web `Request` tus reads, carrying the Node request (for disconnect handling) like srvx does. */
function webRequest(req: FastifyRequest, reply: FastifyReply): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, String(value));
  }
  const hasBody = req.method === 'POST' || req.method === 'PATCH';
  const init: RequestInit & { duplex?: 'half' } = {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req.raw) as unknown as ReadableStream<Uint8Array>, duplex: 'half' as const } : {}),
  };
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.raw.url ?? UPLOADS_PATH}`, init);
  return Object.assign(request, { runtime: { name: 'node', node: { req: req.raw, res: reply.raw } } });
}

/** Registers the tus endpoint and the download route. */
export async function uploadRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const maxSize = ctx.config.uploadMaxMB * 1024 * 1024;
  const store = createStore(ctx);
  registerUploadStore(ctx, store);
  /** Upload ids chosen (and recorded with their owner) before the library creates the upload. */
  const reserved = new WeakMap<IncomingMessage, string>();
  const nodeRequestOf = (req: Request): IncomingMessage | undefined =>
    (req as Request & { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;

  const tus = new Server({
    path: UPLOADS_PATH,
    datastore: store,
    maxSize,
    respectForwardedHeaders: ctx.config.trustProxy,
    // CORS is @fastify/cors' job (server/app.ts); the library's own headers are dropped below.
    allowedOrigins: () => false,
    namingFunction(req) {
      const raw = nodeRequestOf(req);
      const id = raw ? reserved.get(raw) : undefined;
      if (!id) throw { status_code: 500, body: 'The upload was not recorded before creation.\n' };
      return id;
    },
    async onUploadFinish(_req, upload: Upload) {
      await recordCompletion(upload);
      return {};
    },
  });

  /** Marks an upload whose bytes are all in the store complete (with its sniffed type, disk store only). */
  const recordCompletion = async (upload: Upload): Promise<void> => {
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
    await markUploadComplete(ctx.db, {
      id: upload.id,
      size: upload.size ?? upload.offset,
      offset: upload.offset,
      completedAt: ctx.now().toISOString(),
      detectedType: detected,
    });
  };

  /**
   * Repairs a row left incomplete although the store holds every byte: the last PATCH wrote the bytes but
   * recording the completion failed (the database was restarting). tus clients resume with HEAD, see the
   * full offset and consider the upload done, so without this the citizen's file could never be filed.
   */
  const completeIfStored = async (record: UploadRecord): Promise<void> => {
    if (record.complete) return;
    const stored = await store.getUpload(record.id).catch(() => null);
    if (stored && stored.size !== undefined && stored.offset === stored.size) await recordCompletion(stored);
  };

  /** Hands the request to the library and sends its answer through Fastify. */
  const passToTus = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const res = await tus.handleWeb(webRequest(req, reply));
    reply.code(res.status);
    for (const [name, value] of res.headers) {
      const n = name.toLowerCase();
      if (n.startsWith('access-control-') || n === 'content-length' || n === 'connection') continue;
      reply.header(name, value);
    }
    const text = await res.text();
    if (text) reply.type('text/plain; charset=utf-8');
    return reply.send(text || undefined);
  };

  /** The owner's upload at this path, or a 404 that says nothing about whether it exists. */
  const ownUpload = async (req: FastifyRequest): Promise<{ upload: UploadRecord; ownerKeys: string[] }> => {
    const id = idOf(req);
    const owner = await requireOwner(req, ctx);
    if (!id) throw uploadNotFound(id ?? '');
    const upload = await findUpload(ctx.db, id);
    if (!upload || !ownsKey(owner.keys, upload.ownerKey)) throw uploadNotFound(id);
    return { upload, ownerKeys: owner.keys };
  };

  const create = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const owner = await requireOwner(req, ctx);
    if (req.headers['upload-defer-length'] !== undefined) {
      throw new HttpProblem(
        400,
        'upload-length',
        'Upload-Defer-Length is not supported: send Upload-Length with the size of the whole file in bytes.',
      );
    }
    const lengthHeader = req.headers['upload-length'];
    if (typeof lengthHeader !== 'string' || !/^\d{1,15}$/.test(lengthHeader)) {
      throw new HttpProblem(400, 'upload-length', 'Upload-Length must be the size of the whole file in bytes.');
    }
    const size = Number(lengthHeader);
    if (size > maxSize) {
      throw new HttpProblem(413, 'too-large', `Uploads may be at most ${ctx.config.uploadMaxMB} MB (UPLOAD_MAX_MB).`);
    }
    let meta: Record<string, string | null | undefined> = {};
    const metaHeader = req.headers['upload-metadata'];
    if (typeof metaHeader === 'string' && metaHeader !== '') {
      try {
        meta = Metadata.parse(metaHeader);
      } catch {
        throw new HttpProblem(400, 'upload-metadata', 'Upload-Metadata must be comma-separated "key base64(value)" pairs.');
      }
      for (const [key, value] of Object.entries(meta)) {
        const bad = typeof value === 'string' ? badCharacters(value) : null;
        if (bad) throw new HttpProblem(400, 'upload-metadata', `Upload-Metadata "${key}" ${bad}`);
      }
    }
    const filetype = meta.filetype ?? null;
    // When the client names the attachment, refuse early what the submission would refuse.
    const proc = meta.procedure ? ctx.procedures.get(meta.procedure) : undefined;
    const att = proc && meta.attachmentId ? proc.model.attachments.find((a) => a.id === meta.attachmentId) : undefined;
    if (att) {
      // The runtime's rule (dvc-forms/runtime/attachments.js), as the browser applied it when the file was chosen.
      const refusals = fileRefusals(att, { name: meta.filename, type: filetype, size });
      if (refusals.includes('type')) {
        throw new HttpProblem(415, 'upload-type', `File type "${filetype ?? ''}" is not accepted for attachment "${att.id}".`);
      }
      if (refusals.includes('size')) {
        throw new HttpProblem(413, 'too-large', `Attachment "${att.id}" accepts files up to ${att.maxSizeMB} MB.`);
      }
    }
    const id = Uid.rand();
    await recordNewUpload(ctx, { id, ownerKey: owner.key, size, filename: meta.filename ?? null, filetype });
    reserved.set(req.raw, id);
    let created = false;
    try {
      const sent = await passToTus(req, reply);
      created = reply.statusCode === 201;
      return sent;
    } finally {
      reserved.delete(req.raw);
      if (!created) await deleteUnfinishedUpload(ctx.db, id);
    }
  };

  const terminate = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const { upload, ownerKeys } = await ownUpload(req);
    const outcome = await deleteOwnUpload(ctx.db, upload.id, ownerKeys);
    if (outcome === 'missing') throw uploadNotFound(upload.id);
    if (outcome === 'referenced') {
      throw new HttpProblem(
        409,
        'upload-referenced',
        `Upload ${upload.id} is part of a submitted dossier and cannot be deleted.`,
        {},
        { 'tus-resumable': TUS_RESUMABLE },
      );
    }
    // The row is gone: now the library removes the bytes.
    return passToTus(req, reply);
  };

  await app.register(async (scope) => {
    // tus reads the request stream itself: hand it over unparsed.
    scope.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
    scope.addHook('onRequest', async (_req, reply) => {
      reply.header('x-content-type-options', 'nosniff');
      reply.header('cache-control', 'no-store');
    });

    const handler = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      if (req.method === 'GET') {
        // Downloads are the route below; nothing else under this path is readable.
        throw new HttpProblem(404, 'not-found', `Nothing at GET ${req.url.split('?')[0]}.`);
      }
      if (req.method === 'OPTIONS') return passToTus(req, reply);
      const version = req.headers['tus-resumable'];
      if (version === undefined) {
        throw tusVersionProblem(`The Tus-Resumable header is required (tus ${TUS_VERSION.join(', ')}).`);
      }
      if (!(TUS_VERSION as readonly string[]).includes(String(version))) {
        throw tusVersionProblem(`Tus-Resumable "${String(version)}" is not supported; this server speaks tus ${TUS_VERSION.join(', ')}.`);
      }
      const id = idOf(req);
      if (req.method === 'POST') {
        if (id !== null) throw new HttpProblem(404, 'not-found', `Create uploads with POST ${UPLOADS_PATH}.`);
        return create(req, reply);
      }
      if (req.method === 'DELETE') return terminate(req, reply);
      if (req.method === 'HEAD' || req.method === 'PATCH') {
        const { upload } = await ownUpload(req);
        await completeIfStored(upload);
        return passToTus(req, reply);
      }
      throw new HttpProblem(
        405,
        'method-not-allowed',
        `${req.method} is not a tus method.`,
        {},
        { allow: 'OPTIONS, POST, HEAD, PATCH, DELETE' },
      );
    };

    const download = async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<FastifyReply> => {
      const id = idOf(req);
      const owner = await requireOwner(req, ctx);
      const upload = id ? await findUpload(ctx.db, id) : null;
      if (!id || !upload) throw uploadNotFound(id ?? '');
      let allowed = ownsKey(owner.keys, upload.ownerKey);
      if (!allowed && owner.kind === 'citizen' && upload.referenced) {
        // An officer of the agency a dossier with this upload went to.
        const officer = await requireOfficer(req, ctx.auth, ctx.config).catch(() => null);
        allowed = officer !== null && (await referencedByAgency(ctx.db, upload.id, officer.agency));
      }
      if (!allowed) throw uploadNotFound(upload.id);
      if (!upload.complete) {
        throw new HttpProblem(409, 'upload-incomplete', `Upload ${upload.id} has not finished uploading.`);
      }
      const gone = (): HttpProblem => new HttpProblem(410, 'upload-gone', `The file of upload ${upload.id} is no longer in the store.`);
      let body: Readable;
      let length: number | null = null;
      if (ctx.config.s3) {
        try {
          body = await (store as S3Store).read(upload.id);
        } catch {
          throw gone();
        }
        length = upload.size;
      } else {
        let fh;
        try {
          fh = await open(path.join(ctx.config.uploadsDir, upload.id), 'r');
        } catch {
          throw gone();
        }
        try {
          length = (await fh.stat()).size;
        } catch {
          await fh.close().catch(() => undefined);
          throw gone();
        }
        body = fh.createReadStream();
      }
      // A read error after the headers went out ends this response only (Fastify destroys it and logs).
      body.on('error', (err: unknown) => req.log.warn({ err, upload: upload.id }, 'upload download stream failed'));
      reply
        .code(200)
        .header('content-type', downloadType(upload.detectedType))
        .header('content-disposition', contentDisposition(upload.filename, upload.id, upload.detectedType))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox");
      if (length !== null) reply.header('content-length', String(length));
      return reply.send(body);
    };

    const limit = ctx.config.uploadRateLimit;
    const opts = {
      bodyLimit: maxSize + 1024 * 1024,
      config: {
        // Preflights get @fastify/cors' answer; tus discovery (OPTIONS without Origin) reaches the library.
        cors: { strictPreflight: false, preflightContinue: true },
        // Creations per client IP (a resumed upload's HEAD and PATCH requests are not counted).
        ...(limit > 0 ? { rateLimit: { max: limit, timeWindow: 60_000, allowList: (req: FastifyRequest) => req.method !== 'POST' } } : {}),
      },
    };
    scope.get(`${UPLOADS_PATH}/:id`, { exposeHeadRoute: false }, download);
    scope.all(UPLOADS_PATH, opts, handler);
    scope.all(`${UPLOADS_PATH}/*`, opts, handler);
  });
}
