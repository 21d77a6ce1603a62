"""JSON Schema 2020-12 as the compiled validators judge it (ajv + ajv-formats): `python3-jsonschema`
with three changes.

- `pattern` uses the `regex` module (ECMAScript's `u` flag patterns use `\\p{L}`, which `re` lacks), and
  `$` means the end of the input, as in JavaScript (in Python it also matches before a final newline).
- The formats are ajv-formats' (`date` a real calendar day, `email`, `date-time`), defined here.
- `required`, `dependentRequired` and `additionalProperties` report one error per property, naming it
  (`error.prop`), as ajv does with `allErrors`: the judge turns each into the pointer of that property.
"""
import re
from datetime import date as _date

import regex
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

_PATTERNS = {}


def _js_pattern(pattern):
    """An ECMAScript pattern for `regex`: an unescaped `$` outside a class becomes `\\Z`."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == '\\':
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == '[':
            in_class = True
        elif c == ']':
            in_class = False
        elif c == '$' and not in_class:
            c = r'\Z'
        out.append(c)
        i += 1
    return ''.join(out)


def compiled(pattern):
    if pattern not in _PATTERNS:
        _PATTERNS[pattern] = regex.compile(_js_pattern(pattern), regex.V0)
    return _PATTERNS[pattern]


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, 'string') and not compiled(pattern).search(instance):
        yield ValidationError(f'{instance!r} does not match {pattern!r}')


def _missing(validator, names, instance):
    for name in names:
        if name not in instance:
            e = ValidationError(f'{name!r} is a required property')
            e.prop = name
            yield e


def _required(validator, required, instance, schema):
    if validator.is_type(instance, 'object'):
        yield from _missing(validator, required, instance)


def _dependent_required(validator, dependent, instance, schema):
    if validator.is_type(instance, 'object'):
        for key, names in dependent.items():
            if key in instance:
                yield from _missing(validator, names, instance)


def _additional_properties(validator, additional, instance, schema):
    if not validator.is_type(instance, 'object'):
        return
    props = schema.get('properties', {})
    patterns = [compiled(p) for p in schema.get('patternProperties', {})]
    extras = [k for k in instance if k not in props and not any(p.search(k) for p in patterns)]
    if additional is False:
        for k in extras:
            e = ValidationError(f'Additional property {k!r} is not allowed')
            e.prop = k
            yield e
    elif isinstance(additional, dict):
        for k in extras:
            yield from validator.descend(instance[k], additional, path=k)


formats = FormatChecker(formats=())
_DATE = re.compile(r'^([0-9]{4})-([0-9]{2})-([0-9]{2})$')
_EMAIL = re.compile(
    r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
    r'(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\Z', re.I)
_DATE_TIME = re.compile(
    r'^([0-9]{4}-[0-9]{2}-[0-9]{2})[tT ]([0-2][0-9]):([0-5][0-9]):([0-5][0-9]|60)(\.[0-9]+)?([zZ]|[+-][0-9]{2}(:?[0-9]{2})?)\Z')


def parse_date(value):
    """A real calendar day `YYYY-MM-DD` as a `date`, else None."""
    m = _DATE.match(value) if isinstance(value, str) else None
    if not m:
        return None
    try:
        return _date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


@formats.checks('date')
def _is_date(value):
    return not isinstance(value, str) or parse_date(value) is not None


@formats.checks('email')
def _is_email(value):
    return not isinstance(value, str) or bool(_EMAIL.match(value))


@formats.checks('date-time')
def _is_date_time(value):
    if not isinstance(value, str):
        return True
    m = _DATE_TIME.match(value)
    return bool(m) and parse_date(m[1]) is not None and int(m[2]) < 24


Validator = validators.extend(Draft202012Validator, {
    'pattern': _pattern,
    'required': _required,
    'dependentRequired': _dependent_required,
    'additionalProperties': _additional_properties,
})


def validator(schema):
    return Validator(schema, format_checker=formats)
