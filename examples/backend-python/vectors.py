"""Runs the language-neutral test vectors (dist/procedures/<slug>/vectors.json) through this judge.

    python3 vectors.py [procedures dir]      # default: the repository's dist/procedures

Each vector file: {"procedure", "version", "today", "cases": [{"name", "data", "expect": {"errors": [{"pointer",
"keyword"}], "kept": {...}, "fee": {"total", "lines": [{"id", "amount"}]}}}]}. Errors are pointers into the data
sorted by pointer then keyword; `kept` is the data after pruning; `today` is the date age and date rules use.
Prints a diff per failing case, then "N passed, M failed"; exits 1 when any failed.
"""
import difflib
import json
import sys
from pathlib import Path

import judge


def pretty(value):
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).splitlines()


def judged(proc, data, today):
    errors = sorted(({'pointer': i['pointer'], 'keyword': i['keyword']} for i in proc.validate(data, today=today)
                     if i['severity'] == 'error'), key=lambda e: (e['pointer'], e['keyword']))
    fee = proc.fee(data)
    return {'errors': errors, 'kept': proc.prune(data),
            'fee': {'total': fee['total'], 'lines': [{'id': x['id'], 'amount': x['amount']} for x in fee['lines']]}}


def run(folder):
    passed = failed = 0
    for file in sorted(Path(folder).glob('*/vectors.json')):
        vectors = json.loads(file.read_text('utf-8'))
        proc = judge.Procedure.load(file.parent / 'definition.json')
        stale = vectors.get('version') != proc.version
        for case in vectors['cases']:
            label = f"{vectors['procedure']}: {case['name']}"
            if stale:
                failed += 1
                print(f"✗ {label}\n    the vectors are for version {vectors.get('version')}, the definition is {proc.version}")
                continue
            got = judged(proc, case['data'], vectors['today'])
            wrong = [k for k in ('errors', 'kept', 'fee') if k in case['expect'] and case['expect'][k] != got[k]]
            if not wrong:
                passed += 1
                continue
            failed += 1
            print(f'✗ {label}')
            for k in wrong:
                diff = difflib.unified_diff(pretty(case['expect'][k]), pretty(got[k]), f'expected {k}', f'judged {k}', lineterm='')
                print('\n'.join('    ' + line for line in diff))
    print(f'{passed} passed, {failed} failed')
    return failed == 0


if __name__ == '__main__':
    here = Path(__file__).resolve().parent
    sys.exit(0 if run(sys.argv[1] if len(sys.argv) > 1 else here.parent.parent / 'dist' / 'procedures') else 1)
