"""A small dvc-forms back end in Python (standard library + python3-jsonschema + python3-regex): the
contract of api/openapi.yaml as docs/api.md describes it. An example for ministries, not a product:
see README.md for how to run it and what it leaves out.

    JWT_SECRET=… python3 server.py            # http://127.0.0.1:8090/api/v1
"""
import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import secrets
import socket
import sys
import threading
import time
import unicodedata
from collections import deque
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import auth
import judge
import schema as js
from store import Db

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
env = os.environ.get

PREFIX = '/api/v1'
JWT_SECRET = env('JWT_SECRET') or sys.exit('server.py: set JWT_SECRET (the HS256 key of the identity provider).')
JWT_ISSUER = env('JWT_ISSUER', 'https://id.example.gov.vn')
JWT_AUDIENCE = env('JWT_AUDIENCE', 'dvc-forms')
AGENCY_CODE = env('AGENCY_CODE', '000.00.00.H30')
PAYMENT_METHODS = [m for m in env('PAYMENT_METHODS', 'vietqr,counter').split(',') if m]
RETURN_ORIGINS = [o for o in env('PAYMENT_RETURN_ORIGINS', '').split(',') if o]
VIETQR = {'bankBin': env('VIETQR_BANK_BIN', '970436'), 'accountNumber': env('VIETQR_ACCOUNT', '0011000000001'),
          'accountName': env('VIETQR_ACCOUNT_NAME', 'UBND XA MAU')}
VIETQR_SECRET = env('VIETQR_SECRET', '')
VIETQR_MINUTES = int(env('VIETQR_VALIDITY_MINUTES', '60'))
BODY_LIMIT = int(env('BODY_LIMIT', str(2 * 1024 * 1024)))
UPLOAD_MAX = int(env('UPLOAD_MAX_MB', '20')) * 1024 * 1024
UPLOAD_QUOTA_FILES, UPLOAD_QUOTA_BYTES = 50, 100 * 1024 * 1024
LOOKUP_RATE_LIMIT = int(env('LOOKUP_RATE_LIMIT', '60'))
CUTOFF_HOUR = int(env('CUTOFF_HOUR', '15'))
HOLIDAYS = set(filter(None, env('HOLIDAYS', '').split(',')))  # Tết and the other lunar days, by decision
WORKING_DAYS = set(filter(None, env('WORKING_DAYS', '').split(',')))  # weekend days worked instead (làm bù)
DRAFT_TTL = timedelta(days=30)

DOSSIER_CODE = re.compile(r'^[0-9A-Z.]+-[0-9]{6}-[0-9]{4}$')
SLUG = r'^[a-z][a-z0-9]*(-[a-z0-9]+)*$'
IDEMPOTENCY_KEY = re.compile(r'^[\x21-\x7E]{8,255}$')
UPLOAD_ID = re.compile(r'^[A-Za-z0-9_-]{1,128}$')
BAD_CHARS = re.compile('[\x00\ud800-\udfff]')
VN = timezone(timedelta(hours=7))


def load_procedures(folder):
    out = {}
    for f in sorted(Path(folder).glob('*/definition.json')):
        p = judge.Procedure.load(f)
        out[p.slug] = p
    return out


def load_admin_units():
    """ADMIN_UNITS_FILE (`{provinces}` or thanglequoc's raw array), else the SDK's compact table."""
    if env('ADMIN_UNITS_FILE'):
        raw = json.loads(Path(env('ADMIN_UNITS_FILE')).read_text('utf-8'))
        if isinstance(raw, dict):
            return raw
        unit = lambda u: {'code': u['Code'], 'name': u['Name'], 'nameEn': u.get('NameEn') or u['Name']}  # noqa: E731
        return {'provinces': [dict(unit(p), communes=[unit(w) for w in p.get('Wards', [])]) for p in raw]}
    table = (REPO / 'src/data/admin-units.ts').read_text('utf-8').split('const TABLE = `', 1)[1].split('`', 1)[0]
    provinces = []
    for line in filter(None, table.split('\n')):
        code, _kind, names = line.split(' ', 2)
        name, _, en = names.partition('|')
        en = en or ''.join(c for c in unicodedata.normalize('NFD', name) if not unicodedata.combining(c)).replace('đ', 'd').replace('Đ', 'D')
        if len(code) == 2:
            provinces.append({'code': code, 'name': name, 'nameEn': en, 'communes': []})
        else:
            provinces[-1]['communes'].append({'code': code, 'name': name, 'nameEn': en})
    return {'provinces': provinces}


PROCEDURES = load_procedures(env('PROCEDURES_DIR', str(REPO / 'dist/procedures')))
CITIZENS = json.loads(Path(env('CITIZENS_FILE', str(HERE / 'citizens.json'))).read_text('utf-8'))
ADMIN_UNITS = json.dumps(load_admin_units(), ensure_ascii=False).encode()
db = Db(env('DATABASE', str(HERE / 'dvc.sqlite')))


# ---- small helpers ---------------------------------------------------------------------------------------

def now():
    return datetime.now(timezone.utc)


def iso(t):
    return t.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.') + f'{t.microsecond // 1000:03d}Z'


def parse_iso(s):
    return datetime.fromisoformat(s.replace('Z', '+00:00').replace('z', '+00:00'))


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(',', ':'), ensure_ascii=False)


def text(t, locale):
    return t.get(locale) or t['vi']


class Problem(Exception):
    def __init__(self, status, kind, detail, headers=None, **extra):
        super().__init__(detail)
        self.status, self.headers = status, headers or {}
        self.body = {'type': f'https://dvc-forms.dev/problems/{kind}', 'title': kind.replace('-', ' ').capitalize(),
                     'status': status, 'detail': detail, **extra}


def invalid(detail, errors, status=422):
    return Problem(status, 'validation', detail, errors=errors)


def working_day(d):
    if d.isoformat() in WORKING_DAYS:
        return True
    return d.weekday() < 5 and d.isoformat() not in HOLIDAYS and d.strftime('%m-%d') not in ('01-01', '04-30', '05-01', '09-02')


def appointment(t, days):
    """The due date: received today when a working day before the cut-off, else the next working day; plus `days`."""
    local = t.astimezone(VN)
    day = local.date()
    if not working_day(day) or local.hour >= CUTOFF_HOUR:
        day = next_working_day(day)
    for _ in range(max(0, int(days))):
        day = next_working_day(day)
    return day.isoformat()


def next_working_day(d):
    d += timedelta(days=1)
    while not working_day(d):
        d += timedelta(days=1)
    return d


def vietqr_payload(amount, purpose):
    """A dynamic VietQR (EMVCo / NAPAS 247) string with its CRC-16/CCITT."""
    tlv = lambda tag, v: f'{tag}{len(v):02d}{v}'  # noqa: E731
    account = tlv('00', 'A000000727') + tlv('01', tlv('00', VIETQR['bankBin']) + tlv('01', VIETQR['accountNumber'])) + tlv('02', 'QRIBFTTA')
    body = tlv('00', '01') + tlv('01', '12') + tlv('38', account) + tlv('53', '704') + tlv('54', str(amount)) + tlv('58', 'VN') + tlv('62', tlv('08', purpose)) + '6304'
    crc = 0xFFFF
    for byte in body.encode():
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1) & 0xFFFF
    return f'{body}{crc:04X}'


# ---- request shapes (answered 422, or 400 where the contract says so) -------------------------------------

ATTACHMENT_REF = {'type': 'object', 'required': ['attachmentId'], 'additionalProperties': False, 'properties': {
    'attachmentId': {'type': 'string', 'minLength': 1, 'maxLength': 128},
    'uploadId': {'type': 'string', 'minLength': 1, 'maxLength': 128},
    'documentId': {'type': 'string', 'minLength': 1, 'maxLength': 128}}}
SHAPES = {name: js.validator(s) for name, s in {
    'submission': {'type': 'object', 'required': ['procedure', 'version', 'data', 'attachments'], 'additionalProperties': False,
                   'properties': {'procedure': {'type': 'string', 'pattern': SLUG, 'maxLength': 64},
                                  'version': {'type': 'string', 'minLength': 1, 'maxLength': 64},
                                  'data': {'type': 'object'}, 'attachments': {'type': 'array', 'maxItems': 200, 'items': ATTACHMENT_REF},
                                  'locale': {'enum': ['vi', 'en']}}},
    'quote': {'type': 'object', 'required': ['data'], 'additionalProperties': False, 'properties': {'data': {'type': 'object'}}},
    'draft': {'type': 'object', 'required': ['version', 'data'], 'additionalProperties': False, 'properties': {
        'version': {'type': 'string', 'minLength': 1, 'maxLength': 64}, 'data': {'type': 'object'},
        'stepId': {'type': 'string', 'maxLength': 128}, 'savedAt': {'type': 'string', 'format': 'date-time'},
        'baseUpdatedAt': {'anyOf': [{'type': 'string', 'format': 'date-time'}, {'type': 'null'}]}}},
    'payment': {'type': 'object', 'required': ['method'], 'additionalProperties': False, 'properties': {
        'method': {'enum': ['vietqr', 'vnpay', 'counter']}, 'returnUrl': {'type': 'string', 'maxLength': 2048}}},
}.items()}


def check_shape(name, body, status=422):
    errors = []
    for e in SHAPES[name].iter_errors(body):
        pointer = ''.join('/' + judge.esc(t) for t in e.absolute_path) + (('/' + judge.esc(e.prop)) if hasattr(e, 'prop') else '')
        errors.append({'pointer': pointer, 'keyword': e.validator, 'message': e.message})
    if errors:
        raise invalid('The request body does not have the expected shape.', errors, status)


def clean(root):
    """Refuses hostile JSON (too deep 400, `__proto__` 400, NUL / lone surrogates 422) and makes strings NFC."""
    errors, stack = [], [(root, '', 0)]
    while stack:
        value, at, depth = stack.pop()
        if depth >= 64:
            raise Problem(400, 'too-deep', 'The body nests deeper than 64 levels.')
        items = enumerate(value) if isinstance(value, list) else value.items()
        for k, v in list(items):
            p = f'{at}/{judge.esc(k)}'
            if isinstance(value, dict):
                if k == '__proto__' or (k == 'constructor' and isinstance(v, dict) and 'prototype' in v):
                    raise Problem(400, 'bad-json', 'The body has a "__proto__" or "constructor.prototype" key.')
                if BAD_CHARS.search(k):
                    errors.append({'pointer': p, 'keyword': 'characters', 'message': 'The property name holds a NUL or a broken character.'})
            if isinstance(v, str):
                if BAD_CHARS.search(v):
                    errors.append({'pointer': p, 'keyword': 'characters', 'message': 'The text holds a NUL or a broken character.'})
                else:
                    value[k] = unicodedata.normalize('NFC', v)
            elif isinstance(v, (dict, list)):
                stack.append((v, p, depth + 1))
    if errors:
        raise invalid('The body holds characters that cannot be stored; nothing was stored.', errors[:20])


def _no_constant(name):
    raise ValueError(name)  # NaN and Infinity are not JSON


def _finite(text):
    value = float(text)
    if value in (float('inf'), float('-inf')):
        raise ValueError(text)
    return value


# ---- the HTTP handler ------------------------------------------------------------------------------------

_lookups, _lookups_lock = {}, threading.Lock()


def rate_limited(ip):
    if LOOKUP_RATE_LIMIT <= 0:
        return False
    with _lookups_lock:
        q = _lookups.setdefault(ip, deque())
        t = time.monotonic()
        while q and q[0] < t - 60:
            q.popleft()
        q.append(t)
        return len(q) > LOOKUP_RATE_LIMIT


ROUTES = []


def route(method, pattern):
    def register(fn):
        ROUTES.append((method, re.compile(f'^{PREFIX}{pattern}$'), fn))
        return fn
    return register


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'dvc-forms-python'

    def log_message(self, fmt, *args):
        if env('LOG'):
            super().log_message(fmt, *args)

    def do_any(self):
        self.body_read = False
        self.url = urlsplit(self.path)
        self.query = {k: v[-1] for k, v in parse_qs(self.url.query).items()}
        try:
            for method, pattern, fn in ROUTES:
                m = pattern.match(self.url.path)
                if m and method == self.command:
                    return fn(self, *[unquote(g) for g in m.groups()])
            if any(p.match(self.url.path) for _, p, _ in ROUTES):
                raise Problem(405, 'method-not-allowed', f'{self.command} is not allowed here.')
            raise Problem(404, 'not-found', f'Nothing at {self.command} {self.url.path}.')
        except Problem as p:
            self.send(p.status, p.body, p.headers, 'application/problem+json')
        except Exception as e:  # noqa: BLE001 — never a stack trace to the client
            self.log_error('request failed: %r', e)
            self.send(500, Problem(500, 'internal', 'The server could not complete the request.').body, {}, 'application/problem+json')

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_any

    def send(self, status, body=None, headers=None, ctype='application/json'):
        raw = body if isinstance(body, bytes) else b'' if body is None else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        if raw:
            self.send_header('Content-Type', ctype)
        self.send_header('Content-Length', str(len(raw)))
        self.send_header('X-Content-Type-Options', 'nosniff')
        if re.match(f'^{PREFIX}/(me|drafts|dossiers|payments)(/|$)', self.url.path):
            self.send_header('Cache-Control', 'no-store, private')
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        unread = (self.headers.get('Content-Length') or '0') != '0' and not self.body_read
        if unread:
            self.send_header('Connection', 'close')
            self.close_connection = True
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(raw)
        if unread:  # let the client see the answer before the connection closes under its unsent body
            self.wfile.flush()
            try:
                self.connection.shutdown(socket.SHUT_WR)
                self.connection.settimeout(2)
                while self.connection.recv(65536):
                    pass
            except OSError:
                pass

    def raw_body(self, limit):
        if self.headers.get('Transfer-Encoding'):
            raise Problem(411, 'length-required', 'Send the body with a Content-Length.')
        length = self.headers.get('Content-Length') or '0'
        if not length.isdigit():
            raise Problem(400, 'bad-request', 'Content-Length must be a number of bytes.')
        length = int(length)
        if length > limit:
            raise Problem(413, 'too-large', f'The body is larger than the limit of {limit} bytes.')
        self.body_read = True
        return self.rfile.read(length)

    def json_body(self, shape=None, shape_status=422):
        ctype = (self.headers.get('Content-Type') or '').split(';')[0].strip().lower()
        if ctype != 'application/json':
            raise Problem(415, 'unsupported-media-type', 'The body must be application/json.')
        raw = self.raw_body(BODY_LIMIT)
        try:
            body = json.loads(raw.decode('utf-8'), parse_constant=_no_constant, parse_float=_finite)
        except RecursionError as e:
            raise Problem(400, 'too-deep', 'The body nests deeper than 64 levels.') from e
        except ValueError as e:
            raise Problem(400, 'bad-json', 'The body is not valid JSON.') from e
        if isinstance(body, (dict, list)):
            clean(body)
        elif isinstance(body, str) and BAD_CHARS.search(body):
            raise invalid('The body holds characters that cannot be stored.', [{'pointer': '', 'keyword': 'characters', 'message': 'NUL or broken character.'}])
        if shape:
            check_shape(shape, body, shape_status)
        return body

    def locale(self, body=None):
        if isinstance(body, dict) and body.get('locale') in ('vi', 'en'):
            return body['locale']
        best, best_q = 'vi', 0.0  # the best of Accept-Language among vi and en, else Vietnamese
        for part in (self.headers.get('Accept-Language') or '').split(','):
            tag, _, q = part.strip().lower().partition(';q=')
            try:
                q = float(q) if q else 1.0
            except ValueError:
                continue
            if tag.split('-')[0] in ('vi', 'en') and q > best_q:
                best, best_q = tag.split('-')[0], q
        return best

    # -- identity --
    def citizen(self):
        """The claims of the bearer token, None without one; a present but invalid token is a 401."""
        h = self.headers.get('Authorization')
        if h is None:
            return None
        try:
            if not h.startswith('Bearer '):
                raise auth.Unauthorized('use "Authorization: Bearer <token>"')
            return auth.verify(h[7:].strip(), JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE)
        except auth.Unauthorized as e:
            raise Problem(401, 'unauthorized', f'The token is not valid: {e}.', {'WWW-Authenticate': 'Bearer error="invalid_token"'}) from e

    def require_citizen(self):
        c = self.citizen()
        if c is None:
            raise Problem(401, 'unauthorized', 'Sign in: send "Authorization: Bearer <token>".', {'WWW-Authenticate': 'Bearer'})
        return c

    def owner(self, required=False):
        """(key of who owns what this request creates, every key the caller proves), or None."""
        c, raw = self.citizen(), self.headers.get('Dvc-Session')
        if raw is not None and not auth.SESSION_SECRET.match(raw):
            raise Problem(400, 'bad-session', 'Dvc-Session must be 43 to 128 base64url characters.')
        session = auth.session_key(raw) if raw else None
        keys = ([f"citizen:{c['sub']}"] if c else []) + ([session] if session else [])
        if not keys:
            if required:
                raise Problem(401, 'unauthorized', 'Sign in, or send the filing\'s Dvc-Session secret.', {'WWW-Authenticate': 'Bearer'})
            return None, [], None
        return keys[0], keys, c


# ---- service ---------------------------------------------------------------------------------------------

def procedure_or_404(slug):
    if slug not in PROCEDURES:
        raise Problem(404, 'not-found', f'No procedure "{slug}" on this back end.')
    return PROCEDURES[slug]


@route('GET', '/health')
def health(h):
    try:
        db.one('SELECT 1')
        h.send(200, {'status': 'ok', 'database': 'ok'})
    except Exception:  # noqa: BLE001
        h.send(503, {'status': 'degraded', 'database': 'error'})


@route('GET', '/procedures')
def procedures(h):
    h.send(200, [{'slug': p.slug, 'code': p.code, 'version': p.version, 'title': p.title, 'paymentMethods': PAYMENT_METHODS}
                 for p in PROCEDURES.values()])


@route('POST', '/procedures/([^/]+)/fee-quote')
def fee_quote(h, slug):
    p = procedure_or_404(slug)
    body = h.json_body('quote', shape_status=400)
    h.send(200, p.fee(body['data']))


@route('GET', '/admin-units')
def admin_units(h):
    h.send(200, ADMIN_UNITS, {'Cache-Control': 'public, max-age=86400'})


# ---- citizen ---------------------------------------------------------------------------------------------

@route('GET', '/me/prefill')
def prefill(h):
    c = h.require_citizen()
    h.send(200, CITIZENS.get(c['sub'], {}).get('prefill', {}))


@route('GET', '/me/documents')
def documents(h):
    c = h.require_citizen()
    docs = [d for d in CITIZENS.get(c['sub'], {}).get('documents', []) if d['documentType'] == h.query.get('documentType', d['documentType'])]
    h.send(200, sorted(docs, key=lambda d: d['issuedAt'], reverse=True))


def draft_of(row):
    body, updated = json.loads(row['body']), parse_iso(row['updated_at'])
    return {'procedure': row['procedure'], **body, 'updatedAt': iso(updated), 'expiresAt': iso(updated + DRAFT_TTL)}


@route('GET', '/drafts/([^/]+)')
def get_draft(h, slug):
    c = h.require_citizen()
    row = db.one('SELECT * FROM drafts WHERE subject = ? AND procedure = ? AND updated_at > ?', c['sub'], slug, iso(now() - DRAFT_TTL))
    if not row:
        raise Problem(404, 'not-found', f'No saved draft of "{slug}".')
    h.send(200, draft_of(row))


@route('PUT', '/drafts/([^/]+)')
def put_draft(h, slug):
    c = h.require_citizen()
    p = procedure_or_404(slug)
    body = h.json_body('draft')
    base = body.pop('baseUpdatedAt', 'absent')
    body['data'] = p.without_sensitive(body['data'])  # never kept, whatever a client sends
    with db.transaction():
        row = db.one('SELECT updated_at FROM drafts WHERE subject = ? AND procedure = ? AND updated_at > ?', c['sub'], slug, iso(now() - DRAFT_TTL))
        stored = parse_iso(row['updated_at']) if row else None
        if base != 'absent' and (stored is not None if base is None else stored is None or iso(parse_iso(base)) != iso(stored)):
            raise Problem(409, 'draft-conflict', f'The draft of "{slug}" was saved since on another device; load it first.')
        t = now() if stored is None else max(now(), stored + timedelta(milliseconds=1))
        db.run('INSERT OR REPLACE INTO drafts (subject, procedure, body, updated_at) VALUES (?, ?, ?, ?)', c['sub'], slug, json.dumps(body), iso(t))
        row = db.one('SELECT * FROM drafts WHERE subject = ? AND procedure = ?', c['sub'], slug)
    h.send(200, draft_of(row))


@route('DELETE', '/drafts/([^/]+)')
def delete_draft(h, slug):
    c = h.require_citizen()
    db.run('DELETE FROM drafts WHERE subject = ? AND procedure = ?', c['sub'], slug)
    h.send(204)


# ---- uploads (tus 1.0.0: core, creation, termination) ------------------------------------------------------

TUS = {'Tus-Resumable': '1.0.0'}


def tus_version(h):
    v = h.headers.get('Tus-Resumable')
    if v != '1.0.0':
        raise Problem(412, 'tus-version', f'Tus-Resumable {v or "(missing)"} is not supported: this server speaks tus 1.0.0.',
                      {'Tus-Version': '1.0.0', **TUS})


def own_upload(h, upload_id):
    _, keys, _ = h.owner(required=True)
    row = db.one('SELECT id, owner, length, offset, filename, detected, dossier FROM uploads WHERE id = ?', upload_id) if UPLOAD_ID.match(upload_id) else None
    if not row or not auth.same_owner(keys, row['owner']):
        raise Problem(404, 'not-found', f'No upload {upload_id} of yours.', TUS)
    return row


@route('OPTIONS', '/uploads')
def tus_options(h):
    h.send(204, None, {**TUS, 'Tus-Version': '1.0.0', 'Tus-Extension': 'creation,termination', 'Tus-Max-Size': str(UPLOAD_MAX)})


@route('POST', '/uploads')
def tus_create(h):
    tus_version(h)
    key, _, _ = h.owner(required=True)
    if h.headers.get('Upload-Defer-Length') is not None:
        raise Problem(400, 'upload-length', 'Upload-Defer-Length is not supported: send Upload-Length.')
    length = h.headers.get('Upload-Length') or ''
    if not re.fullmatch(r'[0-9]{1,15}', length):
        raise Problem(400, 'upload-length', 'Upload-Length must be the size of the whole file in bytes.')
    length = int(length)
    if length > UPLOAD_MAX:
        raise Problem(413, 'too-large', f'Uploads may be at most {UPLOAD_MAX} bytes.')
    meta = {}
    for pair in filter(None, (h.headers.get('Upload-Metadata') or '').split(',')):
        k, _, v = pair.strip().partition(' ')
        try:
            meta[k] = base64.b64decode(v, validate=True).decode('utf-8')
        except (binascii.Error, UnicodeDecodeError) as e:
            raise Problem(400, 'upload-metadata', 'Upload-Metadata must be comma-separated "key base64(value)" pairs.') from e
        if BAD_CHARS.search(meta[k]):
            raise Problem(400, 'upload-metadata', f'Upload-Metadata "{k}" holds a NUL or a broken character.')
    p = PROCEDURES.get(meta.get('procedure', ''))
    att = next((a for a in p.attachments if a['id'] == meta.get('attachmentId')), None) if p else None
    if att:  # refuse early what the submission would refuse
        why = judge.refusals(att, meta.get('filename'), meta.get('filetype'), length)
        if 'type' in why:
            raise Problem(415, 'upload-type', f'File type "{meta.get("filetype", "")}" is not accepted for "{att["id"]}".', TUS)
        if 'size' in why:
            raise Problem(413, 'too-large', f'"{att["id"]}" accepts files up to {att["maxSizeMB"]} MB.', TUS)
    with db.transaction():
        held = db.one('SELECT COUNT(*) AS n, COALESCE(SUM(length), 0) AS size FROM uploads WHERE owner = ? AND dossier IS NULL', key)
        if held['n'] >= UPLOAD_QUOTA_FILES:
            raise Problem(429, 'upload-quota', f'You hold {held["n"]} uploads no dossier uses yet; file or delete some.')
        if held['size'] + length > UPLOAD_QUOTA_BYTES:
            raise Problem(413, 'upload-quota', 'Your uploads that no dossier uses yet are too large together.')
        upload_id = secrets.token_urlsafe(18)
        db.run('INSERT INTO uploads (id, owner, length, filename, filetype, created_at) VALUES (?, ?, ?, ?, ?, ?)',
               upload_id, key, length, meta.get('filename'), meta.get('filetype'), iso(now()))
    h.send(201, None, {**TUS, 'Location': f'{PREFIX}/uploads/{upload_id}'})


@route('HEAD', '/uploads/([^/]+)')
def tus_head(h, upload_id):
    tus_version(h)
    row = own_upload(h, upload_id)
    h.send(200, None, {**TUS, 'Upload-Offset': str(row['offset']), 'Upload-Length': str(row['length']), 'Cache-Control': 'no-store'})


@route('PATCH', '/uploads/([^/]+)')
def tus_patch(h, upload_id):
    tus_version(h)
    row = own_upload(h, upload_id)
    if (h.headers.get('Content-Type') or '').split(';')[0].strip().lower() != 'application/offset+octet-stream':
        raise Problem(415, 'unsupported-media-type', 'PATCH bodies are application/offset+octet-stream.', TUS)
    if h.headers.get('Upload-Offset') != str(row['offset']):
        raise Problem(409, 'upload-offset', f'The upload is at offset {row["offset"]}.', {**TUS, 'Upload-Offset': str(row['offset'])})
    chunk = h.raw_body(row['length'] - row['offset'])
    with db.transaction():
        if db.run('UPDATE uploads SET offset = offset + ? WHERE id = ? AND offset = ?', len(chunk), upload_id, row['offset']) and chunk:
            db.run('INSERT INTO upload_chunks VALUES (?, ?, ?)', upload_id, row['offset'], chunk)
        done = db.one('SELECT offset, length FROM uploads WHERE id = ?', upload_id)
        if done['offset'] == done['length']:
            db.run('UPDATE uploads SET detected = ? WHERE id = ?', judge.sniff(file_bytes(upload_id)[:16]) or 'unknown', upload_id)
    h.send(204, None, {**TUS, 'Upload-Offset': str(done['offset'])})


def file_bytes(upload_id):
    return b''.join(r['bytes'] for r in db.all('SELECT bytes FROM upload_chunks WHERE upload = ? ORDER BY offset', upload_id))


@route('DELETE', '/uploads/([^/]+)')
def tus_delete(h, upload_id):
    tus_version(h)
    row = own_upload(h, upload_id)
    if row['dossier']:
        raise Problem(409, 'upload-referenced', f'Upload {upload_id} is part of a submitted dossier and stays.', TUS)
    with db.transaction():
        if db.run('DELETE FROM uploads WHERE id = ? AND dossier IS NULL', upload_id):
            db.run('DELETE FROM upload_chunks WHERE upload = ?', upload_id)
    h.send(204, None, TUS)


@route('GET', '/uploads/([^/]+)')
def download(h, upload_id):
    row = own_upload(h, upload_id)
    if row['offset'] != row['length']:
        raise Problem(409, 'upload-incomplete', f'Upload {upload_id} has not finished uploading.')
    ctype = row['detected'] if row['detected'] not in (None, 'unknown') else 'application/octet-stream'
    name = re.sub(r'[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"\\/:*?<>|%;]', '_', row['filename'] or '').strip(' .')[:120] or f'upload-{upload_id[:12]}'
    ascii_name = re.sub(r'[^\x20-\x7e]', '_', ''.join(c for c in unicodedata.normalize('NFD', name) if not unicodedata.combining(c)).replace('đ', 'd').replace('Đ', 'D'))
    h.send(200, file_bytes(upload_id), {'Content-Disposition': f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}",
                              'Cache-Control': 'private, no-store', 'Content-Security-Policy': "default-src 'none'; sandbox"}, ctype)


# ---- dossiers --------------------------------------------------------------------------------------------

ATTACHMENT_MESSAGES = {
    'unknown': {'vi': 'Thành phần hồ sơ không có trong thủ tục này.', 'en': 'This procedure has no such attachment.'},
    'both': {'vi': 'Chỉ ghi một trong uploadId và documentId.', 'en': 'Give exactly one of uploadId and documentId.'},
    'noUpload': {'vi': 'Không tìm thấy tệp đã tải lên.', 'en': 'The uploaded file was not found.'},
    'incomplete': {'vi': 'Tệp chưa tải lên xong.', 'en': 'The file has not finished uploading.'},
    'type': {'vi': 'Loại tệp không được chấp nhận cho {title}.', 'en': 'This file type is not accepted for {title}.'},
    'size': {'vi': 'Tệp lớn hơn {max} MB.', 'en': 'The file is larger than {max} MB.'},
    'signIn': {'vi': 'Cần đăng nhập để dùng giấy tờ trong kho dữ liệu.', 'en': 'Sign in to use a stored document.'},
    'noDoc': {'vi': 'Giấy tờ không có trong kho dữ liệu hoặc không đúng loại.', 'en': 'The document is not among yours, or is of another type.'},
    'required': {'vi': 'Thiếu thành phần hồ sơ bắt buộc: {title}.', 'en': 'A required attachment is missing: {title}.'},
    'tooMany': {'vi': 'Quá số tệp cho phép ({max}) cho {title}.', 'en': 'Too many files ({max} allowed) for {title}.'},
}


def effective_type(claimed, detected):
    if detected is None:
        return claimed or 'application/octet-stream'
    if detected != 'unknown':
        return detected
    c = (claimed or '').lower()
    return 'application/octet-stream' if c in ('application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp') or not c else c


def judge_attachments(p, refs, data, keys, citizen, locale):
    """The attachment errors (attachments.ts's rule, judged by the type the bytes tell)."""
    errors, counts = [], {}
    msg = lambda key, **params: judge.interpolate(text(ATTACHMENT_MESSAGES[key], locale), params)  # noqa: E731
    by_id = {a['id']: a for a in p.attachments}
    for i, ref in enumerate(refs):
        at, att = f'/attachments/{i}', by_id.get(ref['attachmentId'])
        if not att:
            errors.append({'pointer': f'{at}/attachmentId', 'keyword': 'attachment', 'message': msg('unknown')})
            continue
        counts[att['id']] = counts.get(att['id'], 0) + 1
        title = text(att['title'], locale)
        if ('uploadId' in ref) == ('documentId' in ref):
            errors.append({'pointer': at, 'keyword': 'attachment', 'message': msg('both')})
        elif 'uploadId' in ref:
            up = db.one('SELECT owner, length, offset, filename, filetype, detected FROM uploads WHERE id = ?', ref['uploadId'])
            if not up or not auth.same_owner(keys, up['owner']):
                errors.append({'pointer': f'{at}/uploadId', 'keyword': 'attachment', 'message': msg('noUpload')})
            elif up['offset'] != up['length']:
                errors.append({'pointer': f'{at}/uploadId', 'keyword': 'attachment', 'message': msg('incomplete')})
            else:
                why = judge.refusals(att, up['filename'], effective_type(up['filetype'], up['detected']), up['length'])
                for w in why:
                    errors.append({'pointer': f'{at}/uploadId', 'keyword': 'attachment', 'message': msg(w, title=title, max=att['maxSizeMB'])})
        elif citizen is None:
            errors.append({'pointer': f'{at}/documentId', 'keyword': 'attachment', 'message': msg('signIn')})
        else:
            docs = CITIZENS.get(citizen['sub'], {}).get('documents', [])
            doc = next((d for d in docs if d['id'] == ref['documentId']), None)
            if not doc or (att['documentType'] and doc['documentType'] != att['documentType']):
                errors.append({'pointer': f'{at}/documentId', 'keyword': 'attachment', 'message': msg('noDoc')})
    for att in p.attachments:
        n, title = counts.get(att['id'], 0), text(att['title'], locale)
        if n == 0 and p.attachment_required(att, data):
            errors.append({'pointer': '/attachments', 'keyword': 'attachment', 'message': msg('required', title=title)})
        if n > att['maxFiles']:
            errors.append({'pointer': '/attachments', 'keyword': 'attachment', 'message': msg('tooMany', title=title, max=att['maxFiles'])})
    return errors


@route('POST', '/dossiers')
def submit(h):
    body = h.json_body('submission')
    key = h.headers.get('Idempotency-Key')
    if not key or not IDEMPOTENCY_KEY.match(key):
        raise Problem(400, 'idempotency-key', 'The Idempotency-Key header is required: 8 to 255 visible ASCII characters.')
    owner, keys, citizen = h.owner()
    subject = citizen['sub'] if citizen else owner or ''  # keys are each caller's own
    locale, digest = h.locale(body), hashlib.sha256(canonical(body).encode()).hexdigest()

    def replay():
        row = db.one('SELECT hash, response FROM idempotency_keys WHERE subject = ? AND key = ?', subject, key)
        if row and row['hash'] != digest:
            raise Problem(409, 'idempotency-key-reused', 'This Idempotency-Key was already used for another submission.')
        return json.loads(row['response']) if row else None

    if (receipt := replay()) is not None:
        return h.send(200, receipt, {'Location': f"dossiers/{receipt['code']}"})
    p = PROCEDURES.get(body['procedure'])
    if not p:
        raise invalid('The dossier names a procedure this back end does not accept.',
                      [{'pointer': '/procedure', 'keyword': 'procedure', 'message': f'Unknown procedure "{body["procedure"]}".'}])
    if body['version'] != p.version:
        raise invalid('The form was made from another version of the procedure.',
                      [{'pointer': '/version', 'keyword': 'version', 'message': f'This back end accepts version {p.version}; reload the form.'}])
    t = now()
    issues = p.validate(body['data'], today=t.astimezone(VN).date().isoformat(), locale=locale)
    errors = [{'pointer': f"/data{i['pointer']}", 'keyword': i['keyword'], 'message': i['message']} for i in issues if i['severity'] == 'error']
    data = p.prune(body['data'])
    errors += judge_attachments(p, body['attachments'], data, keys, citizen, locale)
    if errors:
        raise invalid(text({'vi': 'Hồ sơ còn lỗi; chưa được lưu.', 'en': 'The dossier has errors; nothing was stored.'}, locale), errors)
    fee = p.fee(data)
    with db.transaction():
        if (receipt := replay()) is not None:  # a concurrent request with this key won the race
            return h.send(200, receipt, {'Location': f"dossiers/{receipt['code']}"})
        day = t.astimezone(VN).strftime('%y%m%d')
        db.run('INSERT INTO day_sequences (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1', day)
        n = db.one('SELECT last FROM day_sequences WHERE day = ?', day)['last']
        if n > 9999:
            raise Problem(503, 'sequence-exhausted', 'The daily dossier sequence (9999) is exhausted.')
        receipt = {'code': f'{AGENCY_CODE}-{day}-{n:04d}', 'procedure': p.slug, 'appointmentDate': appointment(t, p.working_days),
                   'status': 'submitted', 'fee': fee, 'submittedAt': iso(t)}
        db.run('INSERT INTO dossiers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', receipt['code'], p.slug, p.version, json.dumps(data),
               json.dumps(body['attachments']), 'submitted', json.dumps(fee), receipt['submittedAt'], receipt['appointmentDate'], owner)
        for i, ref in enumerate(body['attachments']):
            if 'uploadId' in ref:
                up = db.one('SELECT owner FROM uploads WHERE id = ?', ref['uploadId'])
                if not up or not auth.same_owner(keys, up['owner']):  # deleted meanwhile
                    raise invalid('The dossier has errors; nothing was stored.', [
                        {'pointer': f'/attachments/{i}/uploadId', 'keyword': 'attachment', 'message': text(ATTACHMENT_MESSAGES['noUpload'], locale)}])
                db.run('UPDATE uploads SET dossier = ?, owner = ? WHERE id = ?', receipt['code'], owner, ref['uploadId'])
        db.run('INSERT INTO history (code, status, at) VALUES (?, ?, ?)', receipt['code'], 'submitted', receipt['submittedAt'])
        db.run('INSERT INTO idempotency_keys VALUES (?, ?, ?, ?, ?)', subject, key, digest, json.dumps(receipt), receipt['submittedAt'])
    h.send(201, receipt, {'Location': f"dossiers/{receipt['code']}"})


def payment_summary(code):
    rows = db.all('SELECT status, amount FROM payments WHERE code = ? ORDER BY created_at, rowid', code)
    best = next((r for r in rows if r['status'] == 'paid'), None) or next((r for r in rows if r['status'] == 'pending'), None)
    return best or (rows[-1] if rows else None)


@route('GET', '/dossiers/([^/]+)')
def lookup(h, code):
    h.citizen()  # an invalid token is a 401 even here
    if rate_limited(h.client_address[0]):
        raise Problem(429, 'too-many-requests', 'Too many lookups: at most %d a minute.' % LOOKUP_RATE_LIMIT, {'Retry-After': '60'})
    if not DOSSIER_CODE.match(code):
        raise Problem(400, 'bad-request', f'"{code}" is not a dossier code.')
    d = db.one('SELECT * FROM dossiers WHERE code = ?', code)
    if not d:
        raise Problem(404, 'not-found', f'No dossier has the code {code}.')
    p, fee = PROCEDURES.get(d['procedure']), json.loads(d['fee'])
    if p and p.version == d['version']:
        fee = p.public_fee(fee, json.loads(d['data']))
    else:
        fee = dict(fee, lines=[{k: v for k, v in line.items() if k != 'note'} for line in fee['lines']])
    history = [{'status': r['status'], 'at': r['at'], **({'note': json.loads(r['note'])} if r['note'] else {})}
               for r in db.all('SELECT * FROM history WHERE code = ? ORDER BY at, id', code)]
    out = {'code': d['code'], 'procedure': d['procedure'], 'status': d['status'], 'submittedAt': d['submitted_at'],
           'appointmentDate': d['appointment_date'], 'fee': fee, 'history': history}
    if (pay := payment_summary(code)):
        out['payment'] = pay
    h.send(200, out)


# ---- payments --------------------------------------------------------------------------------------------

def payment_of(row):
    details = json.loads(row['details'])
    out = {'id': row['id'], 'dossierCode': row['code'], 'status': row['status'], 'amount': row['amount'], 'currency': 'VND',
           'method': row['method'], 'createdAt': row['created_at'], **details}
    if row['status'] == 'pending' and row['method'] == 'vietqr':
        out['expiresAt'] = iso(parse_iso(row['created_at']) + timedelta(minutes=VIETQR_MINUTES))
    if row['paid_at']:
        out['paidAt'] = row['paid_at']
    return out


def payer(h):
    _, keys, _ = h.owner(required=True)
    return keys


@route('POST', '/dossiers/([^/]+)/payments')
def pay(h, code):
    keys = payer(h)
    body = h.json_body('payment')
    method, return_url = body['method'], body.get('returnUrl')
    if return_url is not None:
        u = urlsplit(return_url)
        if u.scheme not in ('http', 'https') or f'{u.scheme}://{u.netloc}' not in RETURN_ORIGINS:
            message = f"returnUrl must be on an origin this back end allows: {', '.join(RETURN_ORIGINS) or '(none)'}."
            raise Problem(422, 'validation', message, errors=[{'pointer': '/returnUrl', 'keyword': 'origin', 'message': message}], allowedOrigins=RETURN_ORIGINS)
    if method not in PAYMENT_METHODS:
        message = f"This back end does not accept payment by {method}; it accepts {', '.join(PAYMENT_METHODS)}."
        raise Problem(422, 'payment-method', message, errors=[{'pointer': '/method', 'keyword': 'enum', 'message': message}], paymentMethods=PAYMENT_METHODS)
    t = now()
    with db.transaction():
        d = db.one('SELECT * FROM dossiers WHERE code = ?', code) if DOSSIER_CODE.match(code) else None
        if not d or not auth.same_owner(keys, d['owner']):  # a stranger learns nothing: the same 404
            raise Problem(404, 'not-found', f'No dossier with the code {code} that you may pay.')
        if d['status'] in ('rejected', 'withdrawn', 'completed'):
            raise Problem(409, 'dossier-closed', f'Dossier {code} was {d["status"]}: there is nothing to pay.')
        open_ = db.all("SELECT * FROM payments WHERE code = ? AND status IN ('paid', 'pending')", code)
        if any(r['status'] == 'paid' for r in open_):
            raise Problem(409, 'already-paid', f'The fee of dossier {code} is already paid.')
        for r in open_:
            expired = r['method'] == 'vietqr' and parse_iso(r['created_at']) + timedelta(minutes=VIETQR_MINUTES) <= t
            if r['method'] == method and not expired:
                return h.send(200, payment_of(r))
            db.run("UPDATE payments SET status = ? WHERE id = ? AND status = 'pending'", 'expired' if r['method'] == method else 'cancelled', r['id'])
        p = PROCEDURES.get(d['procedure'])
        amount = p.fee(json.loads(d['data']))['total'] if p and p.version == d['version'] else json.loads(d['fee'])['total']
        if amount <= 0:
            raise Problem(409, 'nothing-to-pay', f'Dossier {code} has no fee to pay.')
        if method == 'vietqr':
            details = {'vietqr': {'payload': vietqr_payload(amount, code), **VIETQR, 'purpose': code}}
        else:
            details = {'counter': {'vi': f'Nộp {amount:,} đồng tại Bộ phận Một cửa; đọc mã hồ sơ {code}.'.replace(',', '.'),
                                   'en': f'Pay {amount} VND at the one-stop counter; give the dossier code {code}.'}}
        pid = 'pay_' + secrets.token_urlsafe(16)
        db.run("INSERT INTO payments VALUES (?, ?, ?, ?, 'pending', ?, NULL, ?)", pid, code, method, amount, iso(t), json.dumps(details, ensure_ascii=False))
        row = db.one('SELECT * FROM payments WHERE id = ?', pid)
    h.send(201, payment_of(row))


@route('GET', '/payments/([^/]+)')
def get_payment(h, pid):
    keys = payer(h)
    row = db.one('SELECT p.*, d.owner FROM payments p JOIN dossiers d ON d.code = p.code WHERE p.id = ?', pid)
    if not row or not auth.same_owner(keys, row['owner']):
        raise Problem(404, 'not-found', f'No payment {pid} that you may see.')
    h.send(200, payment_of(row))


@route('POST', '/payments/vietqr/notify')
def vietqr_notify(h):
    """The bank's signed notice of a transfer: credits the payment (or records a refund due)."""
    raw = h.raw_body(64 * 1024)
    given = h.headers.get('X-Signature') or ''
    expected = hmac.new(VIETQR_SECRET.encode(), raw, hashlib.sha256).hexdigest()
    if not VIETQR_SECRET or not hmac.compare_digest(given.lower(), expected):
        raise Problem(401, 'unauthorized', 'The X-Signature does not match the body.')
    try:
        note = json.loads(raw)
        tx_id, amount, purpose = str(note['transactionId']), int(note['amount']), str(note['purpose'])
    except (ValueError, KeyError, TypeError) as e:
        raise Problem(400, 'bad-json', 'The notification is not {transactionId, amount, purpose}.') from e
    with db.transaction():
        if db.one('SELECT 1 FROM bank_transfers WHERE transaction_id = ?', tx_id):
            return h.send(204)
        rows = db.all("SELECT * FROM payments WHERE method = 'vietqr' ORDER BY created_at DESC")
        row = next((r for r in rows if r['id'] in purpose), None) or next((r for r in rows if r['code'] in purpose and r['status'] == 'pending'), None)
        if not row:
            raise Problem(404, 'not-found', 'No VietQR payment matches the purpose.')
        if amount != row['amount']:
            raise invalid('The amount differs from the payment.', [{'pointer': '/amount', 'keyword': 'const', 'message': f'Expected {row["amount"]}.'}])
        d = db.one('SELECT status FROM dossiers WHERE code = ?', row['code'])
        paid = db.one("SELECT 1 FROM payments WHERE code = ? AND status = 'paid'", row['code'])
        open_ = row['status'] in ('pending', 'cancelled', 'expired')
        if open_ and not paid and d['status'] not in ('rejected', 'withdrawn'):
            db.run("UPDATE payments SET status = 'paid', paid_at = ? WHERE id = ?", iso(now()), row['id'])
            db.run("UPDATE payments SET status = 'cancelled' WHERE code = ? AND status = 'pending'", row['code'])
        else:  # never a second 'paid': the money is kept as a refund due, and the history says so
            if open_:
                db.run("UPDATE payments SET status = 'refund-due', paid_at = ? WHERE id = ?", iso(now()), row['id'])
            else:
                db.run("INSERT INTO payments VALUES (?, ?, 'vietqr', ?, 'refund-due', ?, ?, '{}')",
                       'pay_' + secrets.token_urlsafe(16), row['code'], amount, iso(now()), iso(now()))
            db.run('INSERT INTO history (code, status, at, note) VALUES (?, ?, ?, ?)', row['code'], d['status'], iso(now()),
                   json.dumps({'vi': f'Đã nhận {amount} đồng không thể ghi có; sẽ hoàn trả.', 'en': f'{amount} VND received that cannot be credited; it will be refunded.'}))
        db.run('INSERT INTO bank_transfers VALUES (?, ?)', tx_id, row['id'])
    h.send(204)


def main():
    server = ThreadingHTTPServer((env('HOST', '127.0.0.1'), int(env('PORT', '8090'))), Handler)
    server.daemon_threads = True
    host, port = server.server_address[:2]
    print(f'dvc-forms python back end: {len(PROCEDURES)} procedures, http://{host}:{port}{PREFIX}', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    main()
