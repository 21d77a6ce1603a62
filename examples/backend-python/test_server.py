"""What the conformance kit does not exercise, against a running server.py: token checks, draft
concurrency and x-sensitive answers, the bank's VietQR notification.

    DVC_API=http://127.0.0.1:8090/api/v1 JWT_SECRET=… VIETQR_SECRET=… python3 test_server.py
"""
import base64
import hashlib
import hmac
import json
import os
import secrets
import sys
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

import auth

API = os.environ.get('DVC_API', 'http://127.0.0.1:8090/api/v1')
SECRET, BANK = os.environ.get('JWT_SECRET', ''), os.environ.get('VIETQR_SECRET', '')
ISSUER = os.environ.get('JWT_ISSUER', 'https://id.example.gov.vn')
AUDIENCE = os.environ.get('JWT_AUDIENCE', 'dvc-forms')
FIXTURES = Path(__file__).resolve().parent.parent.parent / 'conformance' / 'fixtures'


def token(secret=None, **claims):
    c = {'sub': 'citizen-002', 'iss': ISSUER, 'aud': AUDIENCE, 'exp': int(time.time()) + 600, **claims}
    return auth.sign({k: v for k, v in c.items() if v is not None}, secret or SECRET)


def call(method, path, body=None, tok=None, headers=None, raw=None):
    h = {**({'Authorization': f'Bearer {tok}'} if tok else {}), **(headers or {})}
    if body is not None:
        raw, h['Content-Type'] = json.dumps(body).encode(), 'application/json'
    try:
        with urllib.request.urlopen(urllib.request.Request(API + path, raw, h, method=method)) as r:
            return r.status, json.loads(r.read() or b'null'), r.headers
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b'null'), e.headers


class Tokens(unittest.TestCase):
    def test_a_valid_token_passes_and_every_broken_one_is_a_401(self):
        self.assertEqual(call('GET', '/me/prefill', tok=token())[0], 200)
        self.assertEqual(call('GET', '/me/prefill', tok=token(aud=['other', AUDIENCE]))[0], 200)
        good = token().split('.')
        unsigned = base64.urlsafe_b64encode(b'{"alg":"none"}').rstrip(b'=').decode()
        forged_claims = base64.urlsafe_b64encode(json.dumps({'sub': 'citizen-001', 'iss': ISSUER, 'aud': AUDIENCE, 'exp': 4102444800}).encode()).rstrip(b'=').decode()
        for why, bad in [('expired', token(exp=int(time.time()) - 1)), ('no exp', token(exp=None)), ('other issuer', token(iss='https://x')),
                         ('other audience', token(aud='x')), ('other key', token(secret='not-the-key')), ('no sub', token(sub=None)),
                         ('alg none', f'{unsigned}.{good[1]}.'), ('claims swapped', f'{good[0]}.{forged_claims}.{good[2]}')]:
            status, problem, headers = call('GET', '/me/prefill', tok=bad)
            self.assertEqual((why, status, problem['status']), (why, 401, 401))
            self.assertIn('Bearer', headers['WWW-Authenticate'])


class Drafts(unittest.TestCase):
    def test_base_updated_at_guards_the_stored_draft_and_sensitive_answers_are_never_kept(self):
        t, path = token(sub=f'drafts-{secrets.token_hex(4)}'), '/drafts/criminal-record-certificate'
        draft = {'version': '1.0.0', 'data': {'feeCategory': 'poorHousehold', 'purpose': 'x'}}
        status, first, _ = call('PUT', path, {**draft, 'baseUpdatedAt': None}, t)
        self.assertEqual(status, 200)
        self.assertEqual(first['data'], {'purpose': 'x'})  # feeCategory is x-sensitive
        self.assertEqual(call('PUT', path, {**draft, 'baseUpdatedAt': None}, t)[0], 409)
        status, second, _ = call('PUT', path, {**draft, 'baseUpdatedAt': first['updatedAt']}, t)
        self.assertEqual(status, 200)
        self.assertGreater(second['updatedAt'], first['updatedAt'])
        self.assertEqual(call('PUT', path, {**draft, 'baseUpdatedAt': first['updatedAt']}, t)[0], 409)
        self.assertEqual(call('GET', path, tok=t)[1]['updatedAt'], second['updatedAt'])


class VietQr(unittest.TestCase):
    def notify(self, body, signature=None):
        raw = json.dumps(body).encode()
        sig = signature or hmac.new(BANK.encode(), raw, hashlib.sha256).hexdigest()
        return call('POST', '/payments/vietqr/notify', raw=raw, headers={'Content-Type': 'application/json', 'X-Signature': sig})[0]

    @unittest.skipUnless(BANK, 'the server runs without VIETQR_SECRET')
    def test_a_signed_transfer_pays_once_and_a_second_one_is_a_refund_due(self):
        fx = json.loads((FIXTURES / 'criminal-record-certificate.json').read_text('utf-8'))
        t = token()
        body = {'procedure': fx['procedure'], 'version': '1.0.0', 'data': fx['data'], 'attachments': []}
        status, receipt, _ = call('POST', '/dossiers', body, t, {'Idempotency-Key': f'test-{secrets.token_hex(8)}'})
        self.assertEqual(status, 201)
        code = receipt['code']
        status, payment, _ = call('POST', f'/dossiers/{code}/payments', {'method': 'vietqr'}, t)
        self.assertEqual((status, payment['amount']), (201, receipt['fee']['total']))
        transfer = {'transactionId': secrets.token_hex(8), 'amount': payment['amount'], 'purpose': f'CK {code}'}
        self.assertEqual(self.notify(transfer, '0' * 64), 401)
        self.assertEqual(self.notify({**transfer, 'amount': payment['amount'] + 1}), 422)
        self.assertEqual(self.notify(transfer), 204)
        self.assertEqual(self.notify(transfer), 204)  # the same transfer again: already recorded
        self.assertEqual(call('GET', f"/payments/{payment['id']}", tok=t)[1]['status'], 'paid')
        self.assertEqual(call('POST', f'/dossiers/{code}/payments', {'method': 'counter'}, t)[0], 409)
        self.assertEqual(self.notify({**transfer, 'transactionId': secrets.token_hex(8), 'purpose': payment['id']}), 204)
        status, public, _ = call('GET', f'/dossiers/{code}')
        self.assertEqual(public['payment'], {'status': 'paid', 'amount': payment['amount']})
        self.assertIn('note', public['history'][-1])  # the refund due, told to the citizen


if __name__ == '__main__':
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print(f'{result.testsRun - failed - len(result.skipped)} passed, {failed} failed, {len(result.skipped)} skipped')
    sys.exit(1 if failed else 0)
