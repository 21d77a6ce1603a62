/**
 * Raw HTTP for the conformance kit: plain `fetch`, no retries, no SDK in between, so what is checked is
 * exactly what the back end answered.
 */
import net from 'node:net';
import tls from 'node:tls';

/** One answer, read completely. */
export interface Answer {
  method: string;
  /** Path template of the contract this call exercises, e.g. `/dossiers/{code}`. */
  template: string;
  url: string;
  status: number;
  headers: Headers;
  contentType: string | null;
  text: string;
  /** Parsed JSON when the body is JSON (`application/json`, `application/problem+json`), else undefined. */
  json: unknown;
  hasBody: boolean;
}

/** How to call. */
export interface CallOptions {
  headers?: Record<string, string>;
  /** JSON body (serialised here) ... */
  json?: unknown;
  /** ... or a raw body. */
  body?: string | Uint8Array;
  /** Bearer token; `null` sends none even when the session has one. */
  token?: string | null;
  timeoutMs?: number;
}

/** A short description of an answer for failure messages. */
export function describeAnswer(a: Answer): string {
  const p = a.json as { title?: unknown; detail?: unknown } | undefined;
  const why =
    p && typeof p === 'object' ? [p.title, p.detail].filter((x) => typeof x === 'string').join(': ') : a.text.trim().slice(0, 160);
  return `${a.status}${why ? ` (${why})` : ''}`;
}

/** A failed check: the message is the plain sentence printed after ✗. */
export class CheckFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailure';
  }
}

/** Fails the check with `message` unless `condition` holds. */
export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message);
}

/** Calls the back end. */
export class BackendHttp {
  constructor(
    /** API root without a trailing slash, e.g. `http://localhost:8080/api/v1`. */
    readonly baseUrl: string,
    /** The citizen's token, when the run has one. */
    public token: string | null = null,
    private readonly fetchImpl: typeof fetch = globalThis.fetch,
  ) {}

  /** Absolute URL of an API path (or an absolute URL as is). */
  url(path: string): string {
    return /^https?:\/\//.test(path) ? path : `${this.baseUrl}${path}`;
  }

  /**
   * Sends a large body over a raw socket, a chunk at a time, and stops sending as soon as the server
   * answers: a server that refuses an oversized body (413) may answer and close before reading it all,
   * which `fetch` and node:http report as a network error (EPIPE) instead of the answer.
   */
  async sendLarge(method: string, template: string, path: string, headers: Record<string, string>, body: Uint8Array): Promise<Answer> {
    const url = new URL(this.url(path));
    const secure = url.protocol === 'https:';
    const port = Number(url.port || (secure ? 443 : 80));
    const all: Record<string, string> = {
      host: url.host,
      accept: 'application/json, application/problem+json',
      ...headers,
      'content-length': String(body.length),
      connection: 'close',
    };
    if (this.token) all.authorization = `Bearer ${this.token}`;
    const head = `${method} ${url.pathname}${url.search} HTTP/1.1\r\n${Object.entries(all)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n')}\r\n\r\n`;
    const socket: net.Socket = secure
      ? tls.connect({ host: url.hostname, port, servername: url.hostname })
      : net.connect({ host: url.hostname, port });
    return new Promise<Answer>((resolve, reject) => {
      let received = Buffer.alloc(0);
      let done = false;
      const timer = setTimeout(() => finish(new CheckFailure(`${method} ${url.href} gave no complete answer within 60 s.`)), 60_000);
      const finish = (result: Answer | Error): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        socket.destroy();
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const tryParse = (ended: boolean): void => {
        const sep = received.indexOf('\r\n\r\n');
        if (sep < 0) {
          if (ended) finish(new CheckFailure(`${method} ${url.href} closed the connection without an answer.`));
          return;
        }
        const lines = received.subarray(0, sep).toString('latin1').split('\r\n');
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
        const h = new Headers();
        for (const line of lines.slice(1)) {
          const i = line.indexOf(':');
          if (i > 0) h.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
        }
        let raw = received.subarray(sep + 4);
        const length = h.get('content-length');
        if (length !== null) {
          if (raw.length < Number(length)) {
            if (ended) finish(new CheckFailure(`${method} ${url.href}: the answer was cut short.`));
            return;
          }
          raw = raw.subarray(0, Number(length));
        } else if (/chunked/i.test(h.get('transfer-encoding') ?? '')) {
          const parts: Buffer[] = [];
          let at = 0;
          for (;;) {
            const eol = raw.indexOf('\r\n', at);
            if (eol < 0) return ended ? finish(new CheckFailure(`${method} ${url.href}: the chunked answer was cut short.`)) : undefined;
            const size = parseInt(raw.subarray(at, eol).toString('latin1'), 16);
            if (size === 0) break;
            if (raw.length < eol + 2 + size)
              return ended ? finish(new CheckFailure(`${method} ${url.href}: the chunked answer was cut short.`)) : undefined;
            parts.push(raw.subarray(eol + 2, eol + 2 + size));
            at = eol + 4 + size;
          }
          raw = Buffer.concat(parts);
        } else if (!ended) {
          return; // body runs until the connection closes
        }
        const text = raw.toString('utf8');
        const contentType = h.get('content-type');
        let json: unknown;
        if (text && /json/i.test(contentType ?? '')) {
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
        }
        finish({ method, template, url: url.href, status, headers: h, contentType, text, json, hasBody: text.length > 0 });
      };
      socket.on('data', (c: Buffer) => {
        received = Buffer.concat([received, c]);
        tryParse(false);
      });
      socket.on('end', () => tryParse(true));
      socket.on('close', () => tryParse(true));
      socket.on('error', (err: NodeJS.ErrnoException) => {
        // Writing after the server answered and closed fails; the answer already read is what counts.
        if (received.length > 0) tryParse(true);
        else finish(new CheckFailure(`${method} ${url.href} failed before any answer: ${err.code ?? err.message}.`));
      });
      const ready = secure ? 'secureConnect' : 'connect';
      socket.once(ready, () => {
        void (async () => {
          socket.write(head);
          const chunk = 64 * 1024;
          // Most servers refuse on Content-Length alone: give them a moment to answer before the body
          // goes, so the answer is not lost to a connection reset while writing.
          socket.write(body.subarray(0, chunk));
          await new Promise<void>((r) => {
            const t = setTimeout(r, 3000);
            socket.once('data', () => {
              clearTimeout(t);
              r();
            });
            socket.once('close', () => {
              clearTimeout(t);
              r();
            });
          });
          for (let at = chunk; at < body.length && !done && received.length === 0 && !socket.destroyed; at += chunk) {
            if (!socket.write(body.subarray(at, at + chunk))) {
              await new Promise<void>((r) => {
                socket.once('drain', r);
                socket.once('close', r);
                socket.once('data', r);
              });
            }
          }
        })();
      });
    });
  }

  /**
   * Sends one request. `template` names the contract's path for the report; `path` is the concrete one
   * (defaults to the template).
   */
  async call(method: string, template: string, options: CallOptions = {}, path: string = template): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
    const token = options.token === undefined ? this.token : options.token;
    if (token && !Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) {
      headers.authorization = `Bearer ${token}`;
    }
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
    const url = this.url(path);
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers,
        body: body as RequestInit['body'],
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new CheckFailure(
        `${method} ${url} could not be sent: ${cause?.code ?? cause?.message ?? (err as Error).message}. Is the back end running at ${this.baseUrl}?`,
      );
    }
    const text = method === 'HEAD' ? '' : await res.text();
    const contentType = res.headers.get('content-type');
    let json: unknown;
    if (text && /json/i.test(contentType ?? '')) {
      try {
        json = JSON.parse(text);
      } catch {
        throw new CheckFailure(`${method} ${template} answered ${res.status} with a ${contentType} body that is not valid JSON.`);
      }
    }
    return { method, template, url, status: res.status, headers: res.headers, contentType, text, json, hasBody: text.length > 0 };
  }
}
