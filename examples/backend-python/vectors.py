"""Runs the language-neutral test vectors (dist/procedures/<slug>/vectors.json, docs/semantics.md § 12)
through this judge.

    python3 vectors.py [procedures dir] [--url API root]   # default: the repository's dist/procedures

With `--url`, each case is also sent to a running back end: `POST /dossiers` must answer 201, or 422 with
exactly the case's errors under `/data` (attachment errors aside), and the fee quote must be the case's fee.

A case's data is `base` with each `set` entry written (missing containers created) and each `remove`
pointer removed; it passes when its errors are `expect.errors` (as a set of pointer and keyword), pruning
removes exactly `expect.pruned`, and the fee has `expect.fee`'s total and lines. Prints a diff per failing
case, then the cases' count and, last, "N passed, M failed" counting procedures (one passes when all its cases
do); exits 1 when any failed.
"""
import copy
import difflib
import json
import secrets
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import judge


def set_at(doc, pointer, value):
    toks = judge.tokens(pointer)
    if not toks:
        return value
    cur = doc
    for t, nxt in zip(toks, toks[1:] + [None]):
        index = (len(cur) if t == '-' else int(t)) if isinstance(cur, list) else None
        if nxt is None:
            if index is None:
                cur[t] = value
            elif index == len(cur):
                cur.append(value)
            else:
                cur[index] = value
            return doc
        fresh = [] if nxt == '-' or judge._INDEX.match(nxt) else {}
        if index is None:
            if cur.get(t) is None:
                cur[t] = fresh
            cur = cur[t]
        else:
            if index == len(cur):
                cur.append(fresh)
            cur = cur[index]
    return doc


def remove_at(doc, pointer):
    toks = judge.tokens(pointer)
    if judge.get_at(doc, pointer) is judge.MISSING:
        return doc
    cur = judge.get_at(doc, ''.join('/' + judge.esc(t) for t in toks[:-1]))
    del cur[int(toks[-1]) if isinstance(cur, list) else toks[-1]]
    return doc


def removed(before, after, at=''):
    """Pointers present in `before` and absent from `after` (pruning only ever removes)."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [p for k, v in before.items() for p in ([f'{at}/{judge.esc(k)}'] if k not in after else removed(v, after[k], f'{at}/{judge.esc(k)}'))]
    if isinstance(before, list) and isinstance(after, list):
        return [p for i, (b, a) in enumerate(zip(before, after)) for p in removed(b, a, f'{at}/{i}')]
    return []


def outcome(proc, data, today):
    errors = sorted({(i['pointer'], i['keyword']) for i in proc.validate(data, today=today) if i['severity'] == 'error'})
    fee = proc.fee(data)
    return {'errors': [{'pointer': p, 'keyword': k} for p, k in errors], 'pruned': sorted(removed(data, proc.prune(data))),
            'fee': {'total': fee['total'], 'lines': [{'id': x['id'], 'amount': x['amount']} for x in fee['lines']]}}


def post(url, body, headers=None):
    req = urllib.request.Request(url, json.dumps(body).encode(), {'Content-Type': 'application/json', **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b'{}')


def answered(api, vectors, data):
    """The outcome over HTTP: the 422's errors under /data (none when filed) and the fee quote."""
    slug = vectors['procedure']
    _, quote = post(f'{api}/procedures/{slug}/fee-quote', {'data': data})
    status, r = post(f'{api}/dossiers', {'procedure': slug, 'version': vectors['version'], 'data': data, 'attachments': []},
                     {'Idempotency-Key': f'vectors-{secrets.token_urlsafe(12)}'})
    errors = sorted({(e['pointer'][5:], e['keyword']) for e in r.get('errors', []) if e['pointer'].startswith('/data')}) if status == 422 else []
    return {'status': status if status not in (201, 422) else None, 'errors': [{'pointer': p, 'keyword': k} for p, k in errors],
            'fee': {'total': quote.get('total'), 'lines': [{'id': x['id'], 'amount': x['amount']} for x in quote.get('lines', [])]}}


def run(folder, api=None):
    """Replays every procedure's vectors; a procedure passes when all its cases do (the closing line counts procedures)."""
    passed = failed = cases_passed = cases_failed = 0
    for file in sorted(Path(folder).glob('*/vectors.json')):
        before = cases_failed
        vectors = json.loads(file.read_text('utf-8'))
        proc = judge.Procedure.load(file.parent / 'definition.json')
        if not str(vectors.get('format', '')).startswith('1.') or vectors['version'] != proc.version:
            cases_failed += len(vectors['cases'])
            failed += 1
            print(f"✗ {file}: format {vectors.get('format')} of version {vectors['version']}; this runner reads format 1.x, the definition is {proc.version}")
            continue
        datas = []
        for case in vectors['cases']:
            data = copy.deepcopy(vectors['base'])
            for pointer, value in case.get('set', {}).items():
                data = set_at(data, pointer, copy.deepcopy(value))
            for pointer in case.get('remove', []):
                data = remove_at(data, pointer)
            datas.append(data)
        with ThreadPoolExecutor(8) as pool:  # the back end's answers, when one is given
            http = list(pool.map(lambda d: answered(api, vectors, d), datas)) if api else [None] * len(datas)
        for case, data, over_http in zip(vectors['cases'], datas, http):
            expect, got = case['expect'], outcome(proc, data, vectors['today'])
            expect = dict(expect, errors=sorted(expect['errors'], key=lambda e: (e['pointer'], e['keyword'])), pruned=sorted(expect['pruned']))
            wrong = [(k, 'judged', got[k]) for k in ('errors', 'pruned', 'fee') if expect[k] != got[k]]
            if over_http:
                wrong += [(k, 'answered', over_http[k]) for k in ('errors', 'fee') if expect[k] != over_http[k]]
                if over_http['status']:
                    wrong.append(('status', 'answered', over_http['status']))
            if not wrong:
                cases_passed += 1
                continue
            cases_failed += 1
            print(f"✗ {vectors['procedure']}: {case['name']}")
            for k, how, value in wrong:
                lines = lambda v: json.dumps(v, ensure_ascii=False, indent=1).splitlines()  # noqa: E731
                print('\n'.join('    ' + d for d in difflib.unified_diff(lines(expect.get(k, '201 or 422')), lines(value), f'expected {k}', f'{how} {k}', lineterm='')))
        if cases_failed == before:
            passed += 1
            print(f"✓ {vectors['procedure']}: {len(vectors['cases'])} cases")
        else:
            failed += 1
    print(f'{cases_passed} cases passed, {cases_failed} failed')
    print(f'{passed} passed, {failed} failed')
    return failed == 0


if __name__ == '__main__':
    args = sys.argv[1:]
    api = args.pop(args.index('--url') + 1).rstrip('/') if '--url' in args else None
    args = [a for a in args if a != '--url']
    folder = args[0] if args else Path(__file__).resolve().parent.parent.parent / 'dist' / 'procedures'
    sys.exit(0 if run(folder, api) else 1)
