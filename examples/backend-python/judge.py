"""Judging a dossier from a procedure's `definition.json` (docs/definition-format.md) as docs/semantics.md
prescribes, the semantics of the SDK's runtime (src/runtime/): the model of the data tree
(compiler/src/model.ts), hidden-branch pruning (conditions.ts), validation with required-while-visible
(validate.ts), `x-rules` (rules.ts), `x-fees` (fees.ts), attachments (attachments.ts) and `x-sensitive`
(sensitive.ts).
"""
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import schema as js


# ---- JSON pointers ------------------------------------------------------------------------------------

def esc(token):
    return str(token).replace('~', '~0').replace('/', '~1')


def tokens(pointer):
    if pointer == '':
        return []
    return [t.replace('~1', '/').replace('~0', '~') for t in pointer[1:].split('/')]


def parent(pointer):
    i = pointer.rfind('/')
    return '' if i <= 0 else pointer[:i]


def is_under(pointer, ancestor):
    return ancestor == '' or pointer == ancestor or pointer.startswith(ancestor + '/')


_INDEX = re.compile(r'^(0|[1-9][0-9]*)$')
MISSING = object()


def get_at(doc, pointer):
    cur = doc
    for t in tokens(pointer):
        if isinstance(cur, list):
            if not _INDEX.match(t) or int(t) >= len(cur):
                return MISSING
            cur = cur[int(t)]
        elif isinstance(cur, dict):
            if t not in cur:
                return MISSING
            cur = cur[t]
        else:
            return MISSING
    return cur


def expand(doc, template):
    """Concrete pointers of a template whose `-` stands for every row."""
    out = []

    def rec(cur, toks, prefix):
        if not toks:
            out.append(prefix)
            return
        t, rest = toks[0], toks[1:]
        if t == '-':
            if isinstance(cur, list):
                for i, row in enumerate(cur):
                    rec(row, rest, f'{prefix}/{i}')
            return
        child = get_at(cur, '/' + esc(t)) if isinstance(cur, (dict, list)) else MISSING
        rec(child, rest, f'{prefix}/{esc(t)}')

    rec(doc, tokens(template), '')
    return out


def is_empty(value):
    if value is MISSING or value is None or (isinstance(value, str) and value == ''):
        return True
    if isinstance(value, list):
        return len(value) == 0
    if isinstance(value, dict):
        return all(is_empty(v) for v in value.values())
    return False


def is_int(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer()


# ---- the model ------------------------------------------------------------------------------------------

def text(node, key='title'):
    """`{vi, en?}` from a node's Vietnamese `title`/`description` and `x-i18n.en`."""
    vi = node.get(key)
    if not isinstance(vi, str):
        return None
    en = ((node.get('x-i18n') or {}).get('en') or {}).get(key)
    return {'vi': vi, 'en': en} if isinstance(en, str) else {'vi': vi}


def loose_text(value):
    return {'vi': value} if isinstance(value, str) else dict(value)


@dataclass
class Node:
    kind: str  # 'group', 'array' or 'field'
    key: str
    required: bool
    label: dict
    visible_when: str = None
    sensitive: bool = False
    children: list = field(default_factory=list)
    conditionals: list = field(default_factory=list)
    item: 'Node' = None
    min_items: int = 0
    options: bool = False  # a field with a list of choices


def _value_type(s):
    t = s.get('type')
    if isinstance(t, list):
        t = next((x for x in t if x != 'null'), None)
    if t is None:
        t = 'object' if isinstance(s.get('properties'), dict) else 'array' if 'items' in s else None
    return t


def _has_choices(s):
    if not isinstance(s, dict):
        return None
    if 'enum' in s:
        return [v for v in s['enum'] if v is not None]
    for kw in ('oneOf', 'anyOf'):
        if isinstance(s.get(kw), list) and any(isinstance(x, dict) and 'const' in x for x in s[kw]):
            return [x['const'] for x in s[kw] if isinstance(x, dict) and x.get('const') is not None]
    return None


_ADDRESS_PREFILL = re.compile(r'Address$|^citizen\.(hometown|placeOfBirth)$')


def _kind(s, is_root):
    """What the compiler's widget registry (compiler/src/registry.ts) makes of a node."""
    if is_root:
        return 'group'
    t, widget = _value_type(s), s.get('x-widget')
    if t == 'object':
        if widget is not None:
            return 'group' if widget == 'fieldset' else 'field'
        props = s.get('properties')
        prefill = s.get('x-prefill') if isinstance(s.get('x-prefill'), str) else ''
        address = isinstance(props, dict) and 'province' in props and 'commune' in props
        return 'field' if address or _ADDRESS_PREFILL.search(prefill) else 'group'
    if t == 'array':
        if widget is not None:
            return 'array' if widget == 'repeat' else 'field'
        return 'field' if _has_choices(s.get('items')) and s.get('uniqueItems') is True else 'array'
    return 'field'


def _humanize(key):
    words = re.sub(r'([a-z0-9])([A-Z])', r'\1 \2', re.sub(r'[_-]+', ' ', key)).strip().lower()
    return words[:1].upper() + words[1:]


def build_node(s, ptr, key, required, is_root=False):
    kind = _kind(s, is_root)
    node = Node(kind, key, required, text(s) or {'vi': _humanize(key)},
                visible_when=f'{ptr}/x-visible-when' if not is_root and 'x-visible-when' in s else None,
                sensitive=s.get('x-sensitive') is True)
    if kind == 'group':
        _children(s, ptr, node)
    elif kind == 'array':
        node.min_items = s['minItems'] if isinstance(s.get('minItems'), int) else 0
        node.item = build_node(s['items'], f'{ptr}/items', '', True)
    else:
        array = _value_type(s) == 'array'
        node.options = _has_choices(s.get('items') if array else s) is not None
    return node


def _children(s, ptr, group):
    props = s.get('properties') if isinstance(s.get('properties'), dict) else {}
    required = set(s.get('required', []))
    holders = [(s, ptr)] + [(h, f'{ptr}/allOf/{i}') for i, h in enumerate(s.get('allOf', [])) if isinstance(h, dict)]
    for h, _ in holders[1:]:
        required.update(h.get('required', []))
    branch_only = {}

    def branch(h, p, kw):
        b = h.get(kw)
        out = {'show': [], 'require': []}
        if not isinstance(b, dict):
            return out
        for k, sub in (b.get('properties') or {}).items():
            if k in props:
                continue
            out['show'].append(k)
            branch_only.setdefault(k, (sub, f'{p}/{kw}/properties/{esc(k)}'))
        out['require'] = list(b.get('required', []))
        return out

    def dependent(dr):
        for k, names in dr.items():
            group.conditionals.append({'present': k, 'then': {'show': [], 'require': list(names)}, 'else': {'show': [], 'require': []}})

    for h, p in holders:
        if 'if' in h:
            group.conditionals.append({'if': f'{p}/if', 'then': branch(h, p, 'then'), 'else': branch(h, p, 'else')})
        if h is not s and isinstance(h.get('dependentRequired'), dict):
            dependent(h['dependentRequired'])
    if isinstance(s.get('dependentRequired'), dict):
        dependent(s['dependentRequired'])
    for k, sub in props.items():
        group.children.append(build_node(sub, f'{ptr}/properties/{esc(k)}', k, k in required))
    for k, (sub, p) in branch_only.items():
        group.children.append(build_node(sub, p, k, k in required))


@dataclass
class Instance:
    pointer: str
    node: Node
    visible: bool
    required: bool


def today_in_vietnam():
    return (datetime.now(timezone.utc) + timedelta(hours=7)).date().isoformat()


_MESSAGES = {
    'required': {'vi': '{field}: chưa điền thông tin bắt buộc.', 'en': '{field} is required.'},
    'invalid': {'vi': '{field}: giá trị không hợp lệ.', 'en': '{field} is not valid.'},
}
PRIORITY = {'required': 0, 'type': 1, 'format': 2, 'enum': 3, 'pattern': 4}
_CHOICE_ERROR = re.compile(r'/(oneOf|anyOf)/[0-9]+/')


def interpolate(template, params):
    return re.sub(r'\{([A-Za-z0-9_.-]+)\}', lambda m: str(params.get(m[1], m[0])), template)


class Procedure:
    """One procedure's definition, ready to judge dossiers."""

    def __init__(self, definition):
        self.definition = definition
        meta = definition['x-procedure']
        self.slug, self.version, self.code = meta['slug'], meta['version'], meta.get('code', '')
        self.title = dict(text(meta) or {}, **loose_text(meta['title'])) if 'title' in meta else text(definition)
        self.working_days = (meta.get('processingTime') or {}).get('workingDays', 0)
        self.root = build_node(definition, '', '', True, is_root=True)
        self.attachments = [{
            'id': a['id'], 'title': text(a) or {'vi': a['id']}, 'required': a.get('required') is True,
            'requiredWhen': f'/x-attachments/{i}/requiredWhen' if 'requiredWhen' in a else None,
            'accept': a.get('accept', ['application/pdf', 'image/jpeg', 'image/png']),
            'maxSizeMB': a.get('maxSizeMB', 10), 'maxFiles': a.get('maxFiles', 1), 'documentType': a.get('documentType'),
        } for i, a in enumerate(definition.get('x-attachments', []))]
        self.fee_lines = definition.get('x-fees', {}).get('lines', [])
        self.rules = definition.get('x-rules', [])
        self._validators = {}
        self.validator = js.validator(definition)

    @classmethod
    def load(cls, file):
        with open(file, encoding='utf-8') as f:
            return cls(json.load(f))

    def holds(self, cond_id, value):
        """Whether the condition schema at `cond_id` (its pointer in the definition) accepts `value`."""
        if cond_id not in self._validators:
            sub = get_at(self.definition, cond_id)
            self._validators[cond_id] = js.validator(sub)
        return self._validators[cond_id].is_valid(value)

    # ---- visibility and pruning (conditions.ts) ------------------------------------------------------

    def walk(self, whole):
        out = {'': Instance('', self.root, True, True)}

        def node(n, pointer, visible, required):
            shown = visible and (not n.visible_when or self.holds(n.visible_when, whole))
            out[pointer] = Instance(pointer, n, shown, required)
            if n.kind == 'group':
                group(n, pointer, shown)
            elif n.kind == 'array':
                rows = get_at(whole, pointer)
                for i in range(len(rows) if isinstance(rows, list) else 0):
                    node(n.item, f'{pointer}/{i}', shown, True)

        def group(g, pointer, visible):
            raw = get_at(whole, pointer)
            value = raw if isinstance(raw, dict) else {}
            conditional, shown_by, required_by = set(), set(), set()
            for c in g.conditionals:
                conditional.update(c['then']['show'] + c['else']['show'])
                if 'if' in c:
                    holds = self.holds(c['if'], value)
                else:
                    holds = not is_empty(value.get(c['present'], MISSING))
                b = c['then'] if holds else c['else']
                shown_by.update(b['show'])
                required_by.update(b['require'])
            for child in g.children:
                shown = visible and (child.key not in conditional or child.key in shown_by)
                node(child, f'{pointer}/{esc(child.key)}', shown, child.required or child.key in required_by)

        group(self.root, '', True)
        return out

    def _prune_once(self, data):
        hidden = {p for p, inst in self.walk(data).items() if not inst.visible}

        def rec(value, pointer):
            if isinstance(value, list):
                return [rec(x, f'{pointer}/{i}') for i, x in enumerate(value)]
            if isinstance(value, dict):
                return {k: rec(x, f'{pointer}/{esc(k)}') for k, x in value.items()
                        if f'{pointer}/{esc(k)}' not in hidden and x is not None and not (isinstance(x, str) and x == '')}
            return value

        return rec(data, '')

    def prune(self, data):
        """The dossier without hidden values, empty strings and nulls under objects (a copy)."""
        cur = {} if data is None else data
        for _ in range(8):
            nxt = self._prune_once(cur)
            if nxt == cur:
                return nxt
            cur = nxt
        return cur

    # ---- validation (validate.ts) --------------------------------------------------------------------

    def owning(self, pointer):
        """The field, group or array a concrete pointer belongs to (sub-values of a composite field map to it)."""
        n, out = self.root, ''
        for t in tokens(pointer):
            if n.kind == 'field':
                return out
            if n.kind == 'group':
                child = next((c for c in n.children if c.key == t), None)
                if child is None:
                    return f'{out}/{esc(t)}'
                n = child
            else:
                n = n.item
            out += '/' + esc(t)
        return out

    def validate(self, data, today=None, locale='vi'):
        """Every issue of the dossier: `[{pointer, keyword, severity, message}]`, pointers into the data."""
        pruned = self.prune(data)
        nodes = self.walk(pruned)
        found = {}

        def hidden(pointer):
            p = pointer
            while True:
                inst = nodes.get(p)
                if inst and not inst.visible:
                    return True
                if p == '':
                    return False
                p = parent(p)

        def add(pointer, keyword, rank):
            if hidden(pointer) or (pointer in found and found[pointer][1] <= rank):
                return
            found[pointer] = (keyword, rank)

        for e in self.validator.iter_errors(pruned):
            path = ''.join('/' + esc(t) for t in e.absolute_path)
            keyword = e.validator
            if keyword in ('if', 'then', 'else') or _CHOICE_ERROR.search('/' + '/'.join(map(str, e.absolute_schema_path)) + '/'):
                continue
            if keyword == 'dependentRequired':
                keyword = 'required'
            if hasattr(e, 'prop') and keyword in ('required', 'additionalProperties'):
                path += '/' + esc(e.prop)
            pointer = self.owning(path)
            if pointer != path and keyword != 'required':
                keyword = 'invalid'
            if keyword in ('oneOf', 'anyOf'):
                inst = nodes.get(pointer)
                keyword = 'enum' if inst and inst.node.kind == 'field' and inst.node.options else 'invalid'
            add(pointer, keyword, PRIORITY.get(keyword, 5))

        def demanded(inst):
            if not inst.required:
                return False
            up = nodes.get(parent(inst.pointer))
            if up is None or up.pointer == '' or up.node.kind == 'array':
                return True
            return not is_empty(get_at(pruned, up.pointer)) or demanded(up)

        for inst in nodes.values():
            if not inst.visible or inst.pointer == '' or inst.node.kind == 'group':
                continue
            if not is_empty(get_at(pruned, inst.pointer)):
                continue
            if inst.node.kind == 'array' and inst.node.min_items == 0 and not inst.required:
                continue
            if demanded(inst):
                add(inst.pointer, 'required', 0)

        # A missing group is reported through its required fields; its own issue only when none is.
        issues = []
        for pointer, (keyword, _) in found.items():
            inst = nodes.get(pointer)
            if inst and inst.node.kind == 'group' and any(q != pointer and is_under(q, pointer) for q in found):
                continue
            label = inst.node.label if inst else {'vi': pointer}
            template = _MESSAGES['required' if keyword == 'required' else 'invalid']
            field_name = label.get(locale, label['vi'])
            issues.append({'pointer': pointer, 'keyword': keyword, 'severity': 'error',
                           'message': interpolate(template.get(locale, template['vi']), {'field': field_name})})
        for r in self.check_rules(pruned, today or today_in_vietnam()):
            pointer = self.owning(r['pointer'])
            if hidden(pointer):
                continue
            msg = r['message']
            issues.append({'pointer': pointer, 'keyword': f"rule:{r['id']}", 'severity': r['severity'],
                           'message': msg.get(locale, msg['vi'])})
        order = {p: i for i, p in enumerate(nodes)}
        issues.sort(key=lambda x: (order.get(x['pointer'], float('inf')), x['severity'] != 'error'))
        return issues

    # ---- x-rules (rules.ts) --------------------------------------------------------------------------

    def check_rules(self, data, today):
        today_d = js.parse_date(today)
        out = []
        for ri, rule in enumerate(self.rules):
            if 'when' in rule and not self.holds(f'/x-rules/{ri}/when', data):
                continue

            def push(pointer, params, rule=rule):
                msg = loose_text(rule['message'])
                out.append({'id': rule['id'], 'severity': rule.get('severity', 'error'), 'pointer': pointer,
                            'message': {k: interpolate(v, params) for k, v in msg.items()}})

            kind = rule['kind']
            if kind == 'minAge':
                for p in expand(data, rule['date']):
                    birth = js.parse_date(get_at(data, p))
                    if not birth:
                        continue
                    on = today_d
                    if rule.get('on'):
                        on = js.parse_date(get_at(data, _pair(rule['date'], p, rule['on'])))
                        if not on:
                            continue
                    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
                    if age < rule['years']:
                        push(p, {'years': rule['years'], 'age': age})
            elif kind == 'dateOrder':
                for pe in expand(data, rule['earlier']):
                    pl = _pair(rule['earlier'], pe, rule['later'])
                    e, l = _period(get_at(data, pe)), _period(get_at(data, pl))
                    if not e or not l or e[1] != l[1]:
                        continue
                    if l[0] < e[0] or (l[0] == e[0] and not rule.get('allowEqual')):
                        push(pl, {})
            elif kind == 'noGaps':
                rel = lambda k: k if k.startswith('/') else '/' + k  # noqa: E731
                for ap in expand(data, rule['array']):
                    rows = get_at(data, ap)
                    if not isinstance(rows, list):
                        continue
                    spans = []
                    for i, row in enumerate(rows):
                        f, t = _period(get_at(row, rel(rule['from']))), _period(get_at(row, rel(rule['to'])))
                        if f and t and f[1] == t[1]:
                            spans.append((f[0], t[0], i))
                    reach = None
                    for f, t, i in sorted(spans, key=lambda s: s[0]):
                        if reach is not None and f > reach + 1:
                            push(f"{ap}/{i}{rel(rule['from'])}", {'row': i + 1})
                        reach = t if reach is None else max(reach, t)
            elif kind == 'idNumberMatches':
                for pid in expand(data, rule['idNumber']):
                    decoded = _decode_id(get_at(data, pid))
                    if not decoded:
                        continue
                    birth = get_at(data, _pair(rule['idNumber'], pid, rule['birthDate']))
                    d = js.parse_date(birth)
                    year = d.year if d else int(birth) if isinstance(birth, str) and re.fullmatch(r'[0-9]{4}', birth) else None
                    mismatch = year is not None and year != decoded[0]
                    if rule.get('sex'):
                        sex = _sex(get_at(data, _pair(rule['idNumber'], pid, rule['sex'])))
                        if sex is not None and sex != decoded[1]:
                            mismatch = True
                    if mismatch:
                        push(pid, {'year': decoded[0]})
        return out

    # ---- x-fees (fees.ts) ----------------------------------------------------------------------------

    def fee(self, data):
        pruned = self.prune(data)
        lines = []
        for li, line in enumerate(self.fee_lines):
            cases = [dict(c, when=f'/x-fees/lines/{li}/cases/{ci}/when' if 'when' in c else None)
                     for ci, c in enumerate(line.get('cases', []))]
            if 'amount' in line:
                cases.append({'amount': line['amount'], 'when': None})
            match = next((c for c in cases if not c['when'] or self.holds(c['when'], pruned)), None)
            unit = match['amount'] if match else 0
            quantity = 1
            q = line.get('quantity')
            if q:
                raw = get_at(pruned, q['field'])
                n = int(raw) if is_int(raw) else int(raw) if isinstance(raw, str) and re.fullmatch(r'-?[0-9]+', raw) else 0
                quantity = max(0, n + q.get('offset', 0))
            out = {'id': line['id'], 'title': text(line) or {'vi': line['id']}, 'unitAmount': unit,
                   'quantity': quantity, 'amount': unit * quantity}
            if match and match.get('note') is not None:
                out['note'] = loose_text(match['note'])
            if 'counterAmount' in line:
                out['counterAmount'] = line['counterAmount'] * (quantity if q else 1)
            lines.append(out)
        return {'currency': 'VND', 'total': sum(x['amount'] for x in lines), 'lines': lines}

    # ---- x-sensitive (sensitive.ts) ------------------------------------------------------------------

    def without_sensitive(self, data):
        def walk(n, value):
            if n.sensitive:
                return MISSING
            if n.kind == 'group' and isinstance(value, dict):
                out = dict(value)
                for child in n.children:
                    if child.key in out:
                        v = walk(child, out[child.key])
                        if v is MISSING:
                            del out[child.key]
                        else:
                            out[child.key] = v
                return out
            if n.kind == 'array' and isinstance(value, list):
                return [] if n.item.sensitive else [walk(n.item, row) for row in value]
            return value

        r = walk(self.root, data)
        return {} if r is MISSING else r

    def public_fee(self, fee, data):
        """The fee as anyone holding the code sees it: without a note decided by an x-sensitive answer."""
        other = {x['id']: x for x in self.fee(self.without_sensitive(data))['lines']}
        lines = []
        for line in fee['lines']:
            o = other.get(line['id'])
            if 'note' in line and not (o and o['amount'] == line['amount'] and o['unitAmount'] == line['unitAmount']
                                       and o.get('note') == line['note']):
                line = {k: v for k, v in line.items() if k != 'note'}
            lines.append(line)
        return dict(fee, lines=lines)

    def attachment_required(self, att, data):
        return att['required'] or bool(att['requiredWhen'] and self.holds(att['requiredWhen'], data))


def _pair(template, concrete, other):
    """`other` with the row indices `concrete` has where `template` has `-`."""
    t, c = tokens(template), tokens(concrete)
    rows = iter([c[i] for i, tok in enumerate(t) if tok == '-'])
    parts = other.split('/')
    return '/'.join(next(rows, '-') if i > 0 and tok == '-' else tok for i, tok in enumerate(parts))


def _period(value):
    """A comparable (number, unit) for `YYYY-MM` or `YYYY-MM-DD`, else None."""
    if not isinstance(value, str):
        return None
    m = re.fullmatch(r'([0-9]{4})-([0-9]{2})', value)
    if m:
        return (int(m[1]) * 12 + int(m[2]) - 1, 'month') if 1 <= int(m[2]) <= 12 else None
    d = js.parse_date(value)
    return (d.toordinal(), 'day') if d else None


def _decode_id(value):
    if not isinstance(value, str) or not re.fullmatch(r'[0-9]{12}', value):
        return None
    c = int(value[3])
    return 1900 + (c // 2) * 100 + int(value[4:6]), 'male' if c % 2 == 0 else 'female'


def _sex(value):
    if not isinstance(value, str):
        return None
    v = value.strip().lower()
    return 'male' if v in ('male', 'nam', 'm') else 'female' if v in ('female', 'nu', 'nữ', 'f') else None


# ---- attachments (attachments.ts) ------------------------------------------------------------------------

EXTENSION_TYPES = {'.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png',
                   '.gif': 'image/gif', '.webp': 'image/webp'}


def _essence(t):
    return (t or '').split(';')[0].strip().lower()


def accepts(accept, name, type_):
    if not accept:
        return True
    t, name = _essence(type_), (name or '').strip().lower()
    for entry in accept:
        a = entry.strip().lower()
        if a.startswith('.'):
            known = EXTENSION_TYPES.get(a)
            if len(a) > 1 and name.endswith(a) and (known is None or t == known):
                return True
        elif _essence(a).endswith('/*'):
            if t.startswith(_essence(a)[:-1]):
                return True
        elif t and t == _essence(a):
            return True
    return False


def refusals(att, name, type_, size):
    out = [] if accepts(att['accept'], name, type_) else ['type']
    if isinstance(size, int) and size > att['maxSizeMB'] * 1024 * 1024:
        out.append('size')
    return out


def sniff(head):
    """The type of a file from its first bytes (PDF, PNG, JPEG, GIF, WebP), else None."""
    if head[:5] == b'%PDF-':
        return 'application/pdf'
    if head[:8] == b'\x89PNG\r\n\x1a\n':
        return 'image/png'
    if head[:3] == b'\xff\xd8\xff':
        return 'image/jpeg'
    if head[:6] in (b'GIF87a', b'GIF89a'):
        return 'image/gif'
    if head[:4] == b'RIFF' and head[8:12] == b'WEBP':
        return 'image/webp'
    return None
