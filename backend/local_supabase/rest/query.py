"""Parsing PostgREST's query-string grammar into plain data (no SQL, no catalog).

Covers what the official clients emit: `select=` trees with aliases, casts, JSON paths
and embedded resources; horizontal filters with `not.` and operator modifiers; `or=`/`and=`
logic trees; `order=`; `limit`/`offset`; and the `Prefer` header. Anything malformed
raises PGRST100 before any SQL exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import RestError, parse_error

# Operators and the modifiers PostgREST accepts for them.
SIMPLE_OPERATORS = {
    "eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "match", "imatch",
    "cs", "cd", "ov", "sl", "sr", "nxl", "nxr", "adj", "isdistinct",
}
QUANTIFIABLE_OPERATORS = {"eq", "gt", "gte", "lt", "lte", "like", "ilike", "match", "imatch"}
FTS_OPERATORS = {"fts", "plfts", "phfts", "wfts"}
ALL_OPERATORS = SIMPLE_OPERATORS | FTS_OPERATORS | {"is", "in"}
IS_VALUES = {"null", "not_null", "true", "false", "unknown"}
AGGREGATE_FUNCTIONS = {"avg", "count", "max", "min", "sum"}
MAX_NESTING = 16  # embeds and logic trees; deeper input is refused, not recursed into
# Steps of one JSON path (`data->a->>b`). PostgREST sets none; each step nests the SQL
# built for it once more, so a path is capped well below Python's recursion limit.
MAX_JSON_PATH_STEPS = 64

_CAST_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_ ]*(\[\])*$")
_INT_RE = re.compile(r"^-?\d+$")


# ----------------------------------------------------------------------------------- data


@dataclass(frozen=True)
class JsonStep:
    arrow: str  # "->" or "->>"
    key: str


@dataclass(frozen=True)
class FieldRef:
    """A column with an optional JSON path (`data->a->>b`)."""

    name: str
    json_path: tuple[JsonStep, ...] = ()

    @property
    def default_alias(self) -> str:
        return self.json_path[-1].key if self.json_path else self.name


@dataclass
class SelectColumn:
    """A column, or an aggregate of one (`amount.sum()`, `count()` over rows as field `*`)."""

    field: FieldRef
    alias: str | None = None
    cast: str | None = None
    aggregate: str | None = None  # one of AGGREGATE_FUNCTIONS
    aggregate_cast: str | None = None

    @property
    def output_name(self) -> str:
        return self.alias or self.aggregate or self.field.default_alias


@dataclass
class SelectStar:
    pass


@dataclass
class SelectEmbed:
    relation: str
    alias: str | None = None
    hint: str | None = None
    join: str | None = None  # "inner" | "left" | None
    spread: bool = False
    items: list = field(default_factory=list)

    @property
    def output_name(self) -> str:
        return self.alias or self.relation


SelectItem = SelectColumn | SelectStar | SelectEmbed


@dataclass
class Condition:
    """One horizontal filter: `field=[not.]op[(modifier)].value`."""

    field: FieldRef
    operator: str
    value: str | list[str]
    negated: bool = False
    modifier: str | None = None  # any/all for quantifiable operators, config for fts


@dataclass
class LogicTree:
    operator: str  # "and" | "or"
    children: list  # Condition | LogicTree
    negated: bool = False


@dataclass
class OrderTerm:
    field: FieldRef
    relation: str | None = None
    descending: bool = False
    nulls: str | None = None  # "first" | "last"


@dataclass
class Preferences:
    return_: str | None = None
    count: str | None = None
    resolution: str | None = None
    missing: str | None = None
    tx: str | None = None
    handling: str | None = None
    max_affected: int | None = None
    applied: list[str] = field(default_factory=list)

    @property
    def strict_max_affected(self) -> int | None:
        """max-affected counts only with handling=strict (PostgREST ignores it otherwise)."""
        return self.max_affected if self.handling == "strict" else None


# ------------------------------------------------------------------------------ scanning


class _Scanner:
    """A cursor over a string with the few lexical helpers the grammar needs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.depth = 0

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos:self.pos + n]

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def accept(self, token: str) -> bool:
        if self.text.startswith(token, self.pos):
            self.pos += len(token)
            return True
        return False

    def expect(self, token: str) -> None:
        if not self.accept(token):
            raise self.error(f'expected "{token}"')

    def error(self, what: str) -> RestError:
        return parse_error(
            f'"failed to parse select parameter ({self.text})" (line 1, column {self.pos + 1})',
            f"unexpected {self.peek() or 'end of input'!r}: {what}",
        )

    def quoted(self) -> str:
        """A double-quoted token with backslash escapes; the scanner sits on the quote."""
        self.expect('"')
        out = []
        while not self.at_end():
            ch = self.text[self.pos]
            if ch == "\\" and self.pos + 1 < len(self.text):
                out.append(self.text[self.pos + 1])
                self.pos += 2
                continue
            if ch == '"':
                self.pos += 1
                return "".join(out)
            out.append(ch)
            self.pos += 1
        raise self.error("unterminated quoted identifier")

    def name(self, stop: str = ",()!:.\"") -> str:
        """An identifier: quoted, or unquoted up to a delimiter or a JSON arrow."""
        if self.peek() == '"':
            return self.quoted()
        start = self.pos
        while not self.at_end():
            ch = self.text[self.pos]
            if ch in stop or self.text.startswith("->", self.pos):
                break
            self.pos += 1
        token = self.text[start:self.pos].strip()
        if not token:
            raise self.error("expected an identifier")
        return token


def _json_path(scanner: _Scanner) -> tuple[JsonStep, ...]:
    steps = []
    while scanner.peek(2) == "->":
        arrow = "->>" if scanner.accept("->>") else "->"
        if arrow == "->":
            scanner.expect("->")
        if len(steps) == MAX_JSON_PATH_STEPS:
            raise parse_error(f'"failed to parse JSON path ({scanner.text[:200]}...)"',
                              f"a JSON path has at most {MAX_JSON_PATH_STEPS} steps")
        steps.append(JsonStep(arrow, scanner.name()))
    return tuple(steps)


def parse_field(text: str) -> FieldRef:
    scanner = _Scanner(text)
    name = scanner.name()
    path = _json_path(scanner)
    if not scanner.at_end():
        raise parse_error(f'"failed to parse field ({text})"', f"unexpected {scanner.peek()!r}")
    return FieldRef(name, path)


# -------------------------------------------------------------------------------- select


def parse_select(text: str) -> list[SelectItem]:
    scanner = _Scanner(text)
    items = _select_items(scanner, nested=False)
    if not scanner.at_end():
        raise scanner.error("expected end of select")
    return items


def _select_items(scanner: _Scanner, *, nested: bool) -> list[SelectItem]:
    items: list[SelectItem] = []
    if nested and scanner.peek() == ")":
        return items
    while True:
        items.append(_select_item(scanner))
        if not scanner.accept(","):
            break
    return items


def _select_item(scanner: _Scanner) -> SelectItem:
    if scanner.accept("*"):
        return SelectStar()
    spread = scanner.accept("...")
    first = scanner.name()
    alias = None
    if scanner.peek() == ":" and scanner.peek(2) != "::":
        scanner.pos += 1
        alias, first = first, scanner.name()
    if not spread and first == "count" and scanner.accept("()"):  # as PostgREST: never an embed
        return SelectColumn(FieldRef("*"), alias, aggregate="count", aggregate_cast=_cast(scanner))
    if scanner.peek() in ("!", "("):
        return _embed(scanner, first, alias, spread)
    if spread:
        raise scanner.error("spread needs an embedded resource")
    path = _json_path(scanner)
    cast = _cast(scanner)
    if not scanner.accept("."):
        return SelectColumn(FieldRef(first, path), alias, cast)
    aggregate = scanner.name()
    if aggregate not in AGGREGATE_FUNCTIONS or not scanner.accept("()"):
        raise scanner.error("expected one of avg(), count(), max(), min(), sum()")
    return SelectColumn(FieldRef(first, path), alias, cast, aggregate, _cast(scanner))


def _cast(scanner: _Scanner) -> str | None:
    """An optional `::type` (before `.agg()` or after it)."""
    if not scanner.accept("::"):
        return None
    cast = scanner.name(stop=",()!:.\"").strip()
    if not _CAST_RE.match(cast):
        raise scanner.error("invalid cast")
    return cast


def _embed(scanner: _Scanner, relation: str, alias: str | None, spread: bool) -> SelectEmbed:
    hint = join = None
    while scanner.accept("!"):
        token = scanner.name()
        if token in ("inner", "left"):
            join = token
        elif hint is None:
            hint = token
        else:
            raise scanner.error("only one embedding hint is allowed")
    scanner.expect("(")
    scanner.depth += 1
    if scanner.depth > MAX_NESTING:
        raise scanner.error(f"embedded resources nest deeper than {MAX_NESTING} levels")
    items = _select_items(scanner, nested=True)
    scanner.depth -= 1
    scanner.expect(")")
    return SelectEmbed(relation, alias, hint, join, spread, items)


# ------------------------------------------------------------------------------- filters


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def split_top_level(text: str, *, braces: bool = True) -> list[str]:
    """Split on commas that are outside quotes, parentheses and (optionally) braces."""
    parts, depth, quoted, start, i = [], 0, False, 0, 0
    openers, closers = ("({", ")}") if braces else ("(", ")")
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == "\\":
                i += 1
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
        elif ch in openers:
            depth += 1
        elif ch in closers:
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    if quoted or depth != 0:
        raise parse_error(f'"failed to parse logic tree ({text})"', "unbalanced quotes or parentheses")
    parts.append(text[start:])
    return parts


def parse_list_value(text: str) -> list[str]:
    """The `(a,"b,c",d)` list of an `in` filter."""
    if not (text.startswith("(") and text.endswith(")")):
        raise parse_error(f'"failed to parse filter (in.{text})"', "in needs a parenthesised list")
    inner = text[1:-1]
    if inner.strip() == "":
        return []
    return [_unquote(part.strip()) for part in split_top_level(inner, braces=False)]


def parse_operation(field_ref: FieldRef, text: str) -> Condition:
    """`[not.]op[(modifier)].value` for one field."""
    original = text
    negated = False
    if text.startswith("not."):
        negated, text = True, text[4:]
    match = re.match(r"^([a-z]+)(?:\(([^)]*)\))?\.", text, re.S)
    if not match or match.group(1) not in ALL_OPERATORS:
        raise parse_error(
            f'"failed to parse filter ({original})" (line 1, column 1)',
            f"unknown or missing operator in {original!r}",
        )
    operator, modifier = match.group(1), match.group(2)
    value: str | list[str] = text[match.end():]
    if modifier is not None:
        if operator in FTS_OPERATORS:
            if not re.match(r"^[A-Za-z_][A-Za-z0-9_.]*$", modifier):
                raise parse_error(f'"failed to parse filter ({original})"', "invalid text search config")
        elif operator not in QUANTIFIABLE_OPERATORS or modifier not in ("any", "all"):
            raise parse_error(f'"failed to parse filter ({original})"', f"invalid modifier {modifier!r}")
    if operator == "in":
        value = parse_list_value(value)
    elif operator == "is":
        if value.lower() not in IS_VALUES:
            raise parse_error(
                f'"failed to parse filter ({original})"',
                "is accepts null, not_null, true, false or unknown",
            )
        value = value.lower()
    return Condition(field_ref, operator, value, negated, modifier)


def parse_logic_tree(operator: str, text: str, *, negated: bool = False, depth: int = 0) -> LogicTree:
    """`(a.eq.1,and(b.gt.2,c.lt.3),not.or(...))` for an `or=`/`and=` parameter."""
    if depth > MAX_NESTING:
        raise parse_error(f'"failed to parse logic tree ({text})"', f"nested deeper than {MAX_NESTING} levels")
    if not (text.startswith("(") and text.endswith(")")):
        raise parse_error(
            f'"failed to parse logic tree ({text})" (line 1, column 1)',
            "a logic tree is wrapped in parentheses",
        )
    children = []
    for part in split_top_level(text[1:-1]):
        part = part.strip()
        tree = re.match(r"^(not\.)?(and|or)(\(.*\))$", part, re.S)
        if tree:
            children.append(parse_logic_tree(tree.group(2), tree.group(3), negated=bool(tree.group(1)),
                                             depth=depth + 1))
            continue
        children.append(_logic_leaf(part))
    return LogicTree(operator, children, negated)


def _logic_leaf(part: str) -> Condition:
    scanner = _Scanner(part)
    try:
        name = scanner.name(stop=",()!:.\"")
        path = _json_path(scanner)
        scanner.expect(".")
    except RestError:
        raise parse_error(f'"failed to parse logic tree ({part})"', "expected field.operator.value") from None
    condition = parse_operation(FieldRef(name, path), part[scanner.pos:])
    if isinstance(condition.value, str):
        condition.value = _unquote(condition.value)
    return condition


# ---------------------------------------------------------------------------------- order


def parse_order(text: str) -> list[OrderTerm]:
    terms = []
    for part in split_top_level(text):
        part = part.strip()
        if not part:
            raise parse_error(f'"failed to parse order ({text})"', "empty order term")
        tokens = part.split(".")
        modifiers: list[str] = []
        while len(tokens) > 1 and tokens[-1] in ("asc", "desc", "nullsfirst", "nullslast"):
            modifiers.insert(0, tokens.pop())
        target = ".".join(tokens)
        relation = None
        embedded = re.match(r"^([^()]+)\(([^()]+)\)$", target)
        if embedded:
            relation, target = embedded.group(1), embedded.group(2)
        try:
            field_ref = parse_field(target)
        except RestError:
            raise parse_error(f'"failed to parse order ({text})"', f"invalid order term {part!r}") from None
        term = OrderTerm(field_ref, relation)
        for modifier in modifiers:
            if modifier in ("asc", "desc"):
                term.descending = modifier == "desc"
            else:
                term.nulls = "first" if modifier == "nullsfirst" else "last"
        terms.append(term)
    return terms


def parse_non_negative(name: str, value: str) -> int:
    if not re.match(r"^\d+$", value.strip()):
        raise parse_error(f'"failed to parse {name} parameter ({value})"', f"{name} must be a non-negative integer")
    return int(value)


def parse_columns_param(text: str) -> list[str]:
    """`columns="a","b"` (quoted by the clients) or `columns=a,b`."""
    names = [_unquote(part.strip()) for part in split_top_level(text)]
    if any(not name for name in names):
        raise parse_error(f'"failed to parse columns parameter ({text})"', "empty column name")
    return names


def is_integer(text: str) -> bool:
    return bool(_INT_RE.match(text))


# ------------------------------------------------------------------------ query string


@dataclass
class QueryParams:
    """The query string sorted into PostgREST's parameter kinds, keyed by embed path."""

    select: str | None = None
    on_conflict: str | None = None
    columns: str | None = None
    filters: list[tuple[tuple[str, ...], Condition | LogicTree]] = field(default_factory=list)
    orders: list[tuple[tuple[str, ...], list[OrderTerm]]] = field(default_factory=list)
    limits: dict[tuple[str, ...], int] = field(default_factory=dict)
    offsets: dict[tuple[str, ...], int] = field(default_factory=dict)


def sort_params(pairs: list[tuple[str, str]]) -> QueryParams:
    """Sort `(key, value)` query pairs into select, filters, orders and limits by embed path."""
    parsed = QueryParams()
    for key, value in pairs:
        if key == "select":
            parsed.select = value
            continue
        if key == "on_conflict":
            parsed.on_conflict = value
            continue
        if key == "columns":
            parsed.columns = value
            continue
        head, arrow, tail = key.partition("->")
        tokens = head.split(".")
        if arrow:
            path, field_text = tuple(tokens[:-1]), tokens[-1] + arrow + tail
        else:
            path, field_text = tuple(tokens[:-1]), tokens[-1]
        if not arrow and field_text in ("or", "and"):
            negated = bool(path) and path[-1] == "not"
            path = path[:-1] if negated else path
            parsed.filters.append((path, parse_logic_tree(field_text, value, negated=negated)))
        elif not arrow and field_text == "order":
            parsed.orders.append((path, parse_order(value)))
        elif not arrow and field_text in ("limit", "offset"):
            target = parsed.limits if field_text == "limit" else parsed.offsets
            target[path] = parse_non_negative(field_text, value)
        else:
            parsed.filters.append((path, parse_operation(parse_field(field_text), value)))
    return parsed


# -------------------------------------------------------------------------------- Prefer


def parse_prefer(values: list[str]) -> Preferences:
    """The Prefer header(s); unknown preferences are ignored as PostgREST does by default."""
    prefs = Preferences()
    for header in values:
        for raw in header.split(","):
            item = raw.strip()
            key, _, val = item.partition("=")
            key, val = key.strip(), val.strip()
            if key == "return" and val in ("minimal", "representation", "headers-only"):
                prefs.return_ = val
            elif key == "count" and val in ("exact", "planned", "estimated"):
                prefs.count = val
            elif key == "resolution" and val in ("merge-duplicates", "ignore-duplicates"):
                prefs.resolution = val
            elif key == "missing" and val in ("default", "null"):
                prefs.missing = val
            elif key == "tx" and val in ("commit", "rollback"):
                prefs.tx = val
            elif key == "handling" and val in ("strict", "lenient"):
                prefs.handling = val
            elif key == "max-affected" and val.isdigit():
                prefs.max_affected = int(val)
            else:
                continue
            prefs.applied.append(f"{key}={val}")
    return prefs
