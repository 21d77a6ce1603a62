"""Who is calling: a citizen's bearer JWT (HS256, verified with the standard library) and the anonymous
session secret of a filing made without signing in (`Dvc-Session`, of which only the SHA-256 is kept)."""
import base64
import hashlib
import hmac
import json
import re
import time

_B64URL = re.compile(r'^[A-Za-z0-9_-]*$')
SESSION_SECRET = re.compile(r'^[A-Za-z0-9_-]{43,128}$')


class Unauthorized(Exception):
    """A token was sent but is not valid (its message says why)."""


def _b64decode(part):
    if not _B64URL.match(part):
        raise Unauthorized('the token is not base64url')
    return base64.urlsafe_b64decode(part + '=' * (-len(part) % 4))


def sign(claims, secret):
    """An HS256 JWT (tests and development)."""
    enc = lambda obj: base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b'=').decode()  # noqa: E731
    head = f"{enc({'alg': 'HS256', 'typ': 'JWT'})}.{enc(claims)}"
    mac = hmac.new(secret.encode(), head.encode(), hashlib.sha256).digest()
    return f"{head}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


def verify(token, secret, issuer, audience, now=None):
    """The claims of a valid token; raises Unauthorized otherwise (signature, alg, iss, aud, exp, nbf, sub)."""
    parts = token.split('.')
    if len(parts) != 3:
        raise Unauthorized('the token is not a JWT')
    try:
        header = json.loads(_b64decode(parts[0]))
        claims = json.loads(_b64decode(parts[1]))
        signature = _b64decode(parts[2])
    except (ValueError, UnicodeDecodeError) as e:
        raise Unauthorized('the token cannot be read') from e
    if not isinstance(header, dict) or header.get('alg') != 'HS256' or not isinstance(claims, dict):
        raise Unauthorized('the token is not signed with HS256')
    expected = hmac.new(secret.encode(), f'{parts[0]}.{parts[1]}'.encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(signature, expected):
        raise Unauthorized('the token signature is not valid')
    now = time.time() if now is None else now
    exp, nbf = claims.get('exp'), claims.get('nbf')
    if not isinstance(exp, (int, float)) or isinstance(exp, bool) or exp <= now:
        raise Unauthorized('the token has no exp or has expired')
    if nbf is not None and (not isinstance(nbf, (int, float)) or nbf > now + 60):
        raise Unauthorized('the token is not valid yet')
    if claims.get('iss') != issuer:
        raise Unauthorized('the token is from another issuer')
    aud = claims.get('aud')
    if not (aud == audience or isinstance(aud, list) and audience in aud):
        raise Unauthorized('the token is for another audience')
    if not isinstance(claims.get('sub'), str) or not claims['sub']:
        raise Unauthorized('the token has no subject')
    return claims


def session_key(secret):
    return 'session:' + hashlib.sha256(secret.encode()).hexdigest()


def same_owner(keys, stored):
    """Whether an owner key from the database is one of the caller's keys (constant-time comparison)."""
    return bool(stored) and any(hmac.compare_digest(k.encode(), stored.encode()) for k in keys)
