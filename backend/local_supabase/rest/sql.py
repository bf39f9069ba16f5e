"""From parsed PostgREST requests to one SQL statement, composed with psycopg.sql.

Identifiers come from the schema cache (validated names as `sql.Identifier`, types and
defaults as catalog text); every request value is a named bound parameter. Postgres
builds the JSON (json_agg / row_to_json / correlated subqueries for embeds), so a response
is one round trip.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from psycopg import sql

from .errors import RestError, unknown_column, unknown_payload_column
from .query import (
    Condition,
    FieldRef,
    LogicTree,
    OrderTerm,
    SelectColumn,
    SelectEmbed,
    SelectItem,
    SelectStar,
    is_integer,
)
from .rpc import RpcArguments, has_one_unnamed_parameter
from .schema import Column, Function, Relation, SchemaCache

OPERATOR_SQL = {
    "eq": "=", "neq": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=",
    "like": "like", "ilike": "ilike", "match": "~", "imatch": "~*",
    "cs": "@>", "cd": "<@", "ov": "&&", "sl": "<<", "sr": ">>", "nxl": "&>", "nxr": "&<",
    "adj": "-|-", "isdistinct": "is distinct from",
}
FTS_FUNCTIONS = {"fts": "to_tsquery", "plfts": "plainto_tsquery", "phfts": "phraseto_tsquery",
                 "wfts": "websearch_to_tsquery"}
IS_SQL = {"null": "is null", "not_null": "is not null", "true": "is true", "false": "is false",
          "unknown": "is unknown"}


class Params:
    """Named bound parameters; named so one fragment can appear twice (rows and count)."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def add(self, value: Any) -> sql.Placeholder:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return sql.Placeholder(name)


class Aliases:
    def __init__(self) -> None:
        self.count = 0

    def next(self, prefix: str = "t") -> str:
        self.count += 1
        return f"{prefix}{self.count}"


# -------------------------------------------------------------------------- relationships


@dataclass
class Junction:
    """The middle table of a many-to-many relationship."""

    relation: Relation
    parent_pairs: list[tuple[str, str]]  # (parent column, junction column)
    target_pairs: list[tuple[str, str]]  # (junction column, target column)
    parent_key: str  # the junction's foreign keys to the parent and to the target
    target_key: str


@dataclass
class Relationship:
    target: Relation
    cardinality: str  # "one" (many-to-one) | "many" (one-to-many or many-to-many)
    pairs: list[tuple[str, str]]  # (parent column, target column); empty through a junction
    constraint: str
    junction: Junction | None = None
    kind: str = "many-to-many"  # PostgREST's name: many-to-one, one-to-many, one-to-one, many-to-many
    function: Function | None = None  # a computed relationship: the rows are `function(parent row)`


def relationships_from(cache: SchemaCache, parent: Relation) -> list[Relationship]:
    """Every relationship PostgREST's schema cache holds for `parent` as the origin: each
    foreign key once from its table (to-one) and once from the table it references (to-many,
    or to-one when the key is unique), plus the many-to-many ones through junctions."""
    found: list[Relationship] = []
    for fk in cache.foreign_keys():
        if (fk.schema, fk.table) == (parent.schema, parent.name):
            target = cache.relation(fk.ref_schema, fk.ref_table)
            if target is not None:
                kind = "one-to-one" if parent.is_unique(fk.columns) else "many-to-one"
                found.append(Relationship(target, "one", list(zip(fk.columns, fk.ref_columns, strict=True)),
                                          fk.name, kind=kind))
        if (fk.ref_schema, fk.ref_table) == (parent.schema, parent.name):
            target = cache.relation(fk.schema, fk.table)
            if target is not None:
                # the key side holding a unique key makes it one-to-one: an object, not an array
                unique = target.is_unique(fk.columns)
                found.append(Relationship(target, "one" if unique else "many",
                                          list(zip(fk.ref_columns, fk.columns, strict=True)), fk.name,
                                          kind="one-to-one" if unique else "one-to-many"))
    found.extend(_many_to_many(cache, parent))
    computed = [_computed_relationship(cache, function) for function in cache.row_functions(parent)
                if function.is_computed_relationship]
    # as PostgREST, a function named like the related table replaces the detected keys to it
    overridden = {(rel.function.schema, rel.function.name) for rel in computed if rel is not None and rel.function}
    return [rel for rel in found if (rel.target.schema, rel.target.name) not in overridden] + [
        rel for rel in computed if rel is not None]


def _computed_relationship(cache: SchemaCache, function: Function) -> Relationship | None:
    """`f(parent) returns setof target`: to-many, or to-one when it returns one row (ROWS 1)."""
    assert function.return_relation is not None
    target = cache.relation(*function.return_relation)
    if target is None:
        return None
    one = function.returns_one_row
    return Relationship(target, "one" if one else "many", [], function.name,
                        kind="many-to-one" if one else "one-to-many", function=function)


def _single_columns(rel: Relationship) -> tuple[str, str] | None:
    """(origin column, target column) of a one-column foreign key, else None."""
    return rel.pairs[0] if rel.junction is None and len(rel.pairs) == 1 else None


def _selected_by(rel: Relationship, parent: Relation, target: str, hint: str | None) -> bool:
    """Whether `target!hint` names this relationship, by PostgREST's rules (Plan.findRel).

    The target is a table or view, or (to tables only) a constraint name or the origin's
    column of a one-column key; a hint is a constraint, either column of a one-column key or,
    many-to-many, the junction table. A self-referencing key is two relationships: the
    table's name means the children (the hint picking the key column), the key column
    names the parent.
    """
    if rel.function is not None:  # a computed relationship is named by its function alone
        return target == rel.function.name
    columns = _single_columns(rel)
    is_self = rel.junction is None and (rel.target.schema, rel.target.name) == (parent.schema, parent.name)
    if is_self:
        if hint is None:
            return (target == rel.target.name and rel.kind == "one-to-many") or (
                rel.kind == "many-to-one" and columns is not None and columns[0] == target)
        return target == rel.target.name and rel.kind == "one-to-many" and columns is not None and columns[1] == hint
    if hint is None:
        if target == rel.target.name:
            return True
        if not rel.target.is_table or rel.junction is not None:
            return False
        return target == rel.constraint or (columns is not None and columns[0] == target)
    if target != rel.target.name:
        return False
    if rel.junction is not None:
        return hint == rel.junction.relation.name
    return hint == rel.constraint or (columns is not None and hint in columns)


def find_relationship(cache: SchemaCache, parent: Relation, embed: SelectEmbed) -> Relationship:
    """Resolve `rel`, `rel!hint` or `rel!inner` against the foreign keys of the cache."""
    found = [rel for rel in relationships_from(cache, parent)
             if _selected_by(rel, parent, embed.relation, embed.hint)]
    if not found:
        raise _no_relationship(parent, embed)
    if len(found) > 1:
        options = ", ".join(f"'{embed.relation}!{rel.constraint}'" for rel in found)
        raise RestError(
            300, "PGRST201",
            f"Could not embed because more than one relationship was found for '{parent.name}'"
            f" and '{embed.relation}'",
            details=[_described(parent, rel) for rel in found],
            hint=f"Try changing '{embed.relation}' to one of the following: {options}."
                 " Find the desired relationship in the 'details' key.",
        )
    return found[0]


def _described(parent: Relation, rel: Relationship) -> dict[str, str]:
    """One entry of PGRST201's details, worded as PostgREST's `compressedRel`."""
    def columns(names) -> str:
        return "(" + ", ".join(names) + ")"

    if rel.junction is not None:
        junction = rel.junction
        using = (f"{junction.relation.name} using {junction.parent_key}{columns(j for _, j in junction.parent_pairs)}"
                 f" and {junction.target_key}{columns(j for j, _ in junction.target_pairs)}")
    else:
        using = (f"{rel.constraint} using {parent.name}{columns(p for p, _ in rel.pairs)}"
                 f" and {rel.target.name}{columns(t for _, t in rel.pairs)}")
    return {"embedding": f"{parent.name} with {rel.target.name}", "cardinality": rel.kind, "relationship": using}


def _many_to_many(cache: SchemaCache, parent: Relation) -> list[Relationship]:
    """Parent and targets linked through a junction table holding a key to each.

    As PostgREST, a table is a junction only when both keys are part of its primary key:
    a child table that merely references two tables (messages -> interview and answer)
    is not one, so `interviews?select=*,interview_answers(*)` stays unambiguous.
    """
    keys = list(cache.foreign_keys())
    found = []
    for to_parent in keys:
        if (to_parent.ref_schema, to_parent.ref_table) != (parent.schema, parent.name):
            continue
        middle = cache.relation(to_parent.schema, to_parent.table)
        if middle is None or not middle.is_table or middle.name == parent.name:
            continue
        for to_target in keys:
            if to_target is to_parent or (to_target.schema, to_target.table) != (middle.schema, middle.name):
                continue
            target = cache.relation(to_target.ref_schema, to_target.ref_table)
            if target is None or target.name == middle.name:
                continue
            if not set(to_parent.columns) | set(to_target.columns) <= set(middle.primary_key):
                continue
            junction = Junction(
                middle,
                list(zip(to_parent.ref_columns, to_parent.columns, strict=True)),
                list(zip(to_target.columns, to_target.ref_columns, strict=True)),
                to_parent.name, to_target.name,
            )
            found.append(Relationship(target, "many", [], middle.name, junction))
    return found


def _no_relationship(parent: Relation, embed: SelectEmbed) -> RestError:
    return RestError(
        400, "PGRST200",
        f"Could not find a relationship between '{parent.name}' and '{embed.relation}' in the schema cache",
        details=f"Searched for a foreign key relationship between '{parent.name}' and"
                f" '{embed.relation}'{' using the hint ' + repr(embed.hint) if embed.hint else ''}"
                f" in the schema '{parent.schema}', but no matches were found.",
        catalog_miss=True,
    )


# ---------------------------------------------------------------------------- read nodes


def selects_aggregates(node: ReadNode) -> bool:
    return any(isinstance(item, SelectColumn) and item.aggregate for item in node.items)


def is_aggregated(node: ReadNode) -> bool:
    """Whether the node's rows are grouped: it selects an aggregate, or a to-one spread of
    it does (PostgREST hoists those to the parent)."""
    if node.hoisted:
        return False
    return selects_aggregates(node) or any(embed.node.hoisted for embed in node.embeds.values())


def _is_count_request(items: list[SelectItem], relation: Relation) -> bool:
    """`rel(count)`: PostgREST answers the number of related rows as `[{"count": n}]`."""
    if len(items) != 1 or not isinstance(items[0], SelectColumn):
        return False
    item = items[0]
    return item.field.name == "count" and not item.field.json_path and not item.cast \
        and "count" not in relation.columns


@dataclass
class ReadNode:
    """One level of a read: a source relation plus what to select, filter and order."""

    name: str  # table name (used in messages)
    columns: dict[str, Column]
    alias: str
    from_clause: sql.Composable
    items: list[SelectItem]
    relation: Relation | None = None
    where: list[sql.Composable] = field(default_factory=list)
    order: list[sql.Composable] = field(default_factory=list)
    limit: int | None = None
    offset: int | None = None
    embeds: dict[str, EmbedNode] = field(default_factory=dict)
    scalar: bool = False  # a function returning a scalar: one column named `v`
    count_only: bool = False  # an embedded `rel(count)`: the number of related rows
    hoisted: bool = False  # a to-one spread whose aggregates the parent computes


@dataclass
class EmbedNode:
    spec: SelectEmbed
    relationship: Relationship
    node: ReadNode
    join_conditions: list[sql.Composable] = field(default_factory=list)

    @property
    def inner(self) -> bool:
        return self.spec.join == "inner"


class QueryBuilder:
    """Builds the SQL for one request; holds its parameters and alias counter."""

    def __init__(self, cache: SchemaCache, *, aggregates_enabled: bool = False) -> None:
        self.cache = cache
        self.aggregates_enabled = aggregates_enabled  # PostgREST's db-aggregates-enabled
        self.params = Params()
        self.aliases = Aliases()

    # -- tree construction ---------------------------------------------------------
    def relation_node(self, relation: Relation, items: list[SelectItem], *, embedded: bool = False) -> ReadNode:
        alias = self.aliases.next()
        from_clause = sql.SQL("{} AS {}").format(
            sql.Identifier(relation.schema, relation.name), sql.Identifier(alias))
        node = ReadNode(relation.name, relation.columns, alias, from_clause, items, relation)
        if embedded and _is_count_request(items, relation):
            node.count_only = True
            return node
        self._attach_embeds(node)
        return node

    def source_node(self, name: str, columns: dict[str, Column], from_sql: sql.Composable,
                    alias: str, items: list[SelectItem], relation: Relation | None = None) -> ReadNode:
        node = ReadNode(name, columns, alias, from_sql, items, relation)
        self._attach_embeds(node)
        return node

    def _attach_embeds(self, node: ReadNode) -> None:
        for item in node.items:
            if isinstance(item, SelectColumn):
                if item.aggregate and not self.aggregates_enabled:
                    raise RestError(400, "PGRST123", "Use of aggregate functions is not allowed")
                if item.field.name != "*":
                    self.column_expr(node, item.field)  # validates the column early
                for cast in (item.cast, item.aggregate_cast):
                    if cast and not self.cache.is_type(cast):
                        raise RestError(400, "42704", f'type "{cast}" does not exist')
            elif isinstance(item, SelectEmbed):
                if node.relation is None:
                    raise _no_relationship(Relation("public", node.name, "c"), item)
                relationship = find_relationship(self.cache, node.relation, item)
                child = self.relation_node(relationship.target, item.items, embedded=True)
                if relationship.function is not None:
                    child.from_clause = sql.SQL("{}({}) AS {}").format(
                        sql.Identifier(relationship.function.schema, relationship.function.name),
                        self.row_of(node), sql.Identifier(child.alias))
                for parent_col, child_col in relationship.pairs:
                    child.where.append(sql.SQL("{} = {}").format(
                        sql.Identifier(child.alias, child_col), sql.Identifier(node.alias, parent_col)))
                if relationship.junction is not None:
                    self._join_junction(node, child, relationship.junction)
                child.hoisted = item.spread and relationship.cardinality == "one" and selects_aggregates(child)
                key = item.output_name
                if key in node.embeds:
                    raise RestError(400, "PGRST100", f"'{key}' is embedded more than once; use an alias")
                node.embeds[key] = EmbedNode(item, relationship, child, list(child.where))

    def _join_junction(self, parent: ReadNode, child: ReadNode, junction: Junction) -> None:
        """`target JOIN junction ON ... WHERE junction.fk = parent.key` for many-to-many."""
        alias = self.aliases.next("j")
        on = sql.SQL(" AND ").join(
            sql.SQL("{} = {}").format(sql.Identifier(alias, j_col), sql.Identifier(child.alias, t_col))
            for j_col, t_col in junction.target_pairs)
        child.from_clause = sql.SQL("{} INNER JOIN {} AS {} ON {}").format(
            child.from_clause, sql.Identifier(junction.relation.schema, junction.relation.name),
            sql.Identifier(alias), on)
        for parent_col, j_col in junction.parent_pairs:
            child.where.append(sql.SQL("{} = {}").format(
                sql.Identifier(alias, j_col), sql.Identifier(parent.alias, parent_col)))

    @staticmethod
    def embed_named(node: ReadNode, name: str) -> EmbedNode:
        """An embed by alias or relation name; PGRST108 when it is not in the select."""
        embed = node.embeds.get(name) or next(
            (e for e in node.embeds.values() if e.spec.relation == name), None)
        if embed is None:
            raise RestError(
                400, "PGRST108",
                f"'{name}' is not an embedded resource in this request",
                hint=f"Verify that '{name}' is included in the 'select' query parameter.",
            )
        return embed

    def find_embed(self, node: ReadNode, path: list[str]) -> ReadNode:
        """The node for `a.b` in `a.b.col=eq.1`."""
        for part in path:
            node = self.embed_named(node, part).node
        return node

    # -- expressions ---------------------------------------------------------------------
    @staticmethod
    def row_of(node: ReadNode) -> sql.Composable:
        """The node's current row as its table's row type, the argument of computed fields
        and relationships (the cast makes a write's CTE row a table row)."""
        assert node.relation is not None
        return sql.SQL("{}::{}").format(sql.Identifier(node.alias),
                                        sql.Identifier(node.relation.schema, node.relation.name))

    def column_expr(self, node: ReadNode, ref: FieldRef) -> sql.Composable:
        if node.scalar:
            if ref.name != node.name:
                raise unknown_column(node.name, ref.name)
            expr: sql.Composable = sql.Identifier(node.alias, "v")
        elif ref.name in node.columns:
            expr = sql.Identifier(node.alias, ref.name)
        else:
            computed = self.cache.computed_field(node.relation, ref.name) if node.relation else None
            if computed is None:
                raise unknown_column(node.name, ref.name)
            expr = sql.SQL("{}({})").format(sql.Identifier(computed.schema, computed.name), self.row_of(node))
        for step in ref.json_path:
            key = (sql.SQL("{}::int").format(self.params.add(int(step.key))) if is_integer(step.key)
                   else sql.SQL("{}::text").format(self.params.add(step.key)))
            expr = sql.SQL("({} {} {})").format(expr, sql.SQL(step.arrow), key)
        return expr

    def condition(self, node: ReadNode, cond: Condition) -> sql.Composable:
        if not cond.field.json_path and cond.field.name in node.embeds and cond.operator == "is":
            return self._embed_null_filter(node, node.embeds[cond.field.name], cond)
        column = self.column_expr(node, cond.field)
        op, value = cond.operator, cond.value
        if op == "is":
            clause: sql.Composable = sql.SQL("{} {}").format(column, sql.SQL(IS_SQL[value]))
        elif op == "in":
            if not value:
                clause = sql.SQL("false")
            else:
                clause = sql.SQL("{} in ({})").format(
                    column, sql.SQL(", ").join(self.params.add(v) for v in value))
        elif op in FTS_FUNCTIONS:
            function = sql.SQL(FTS_FUNCTIONS[op])
            query = self.params.add(value)
            if cond.modifier:
                call = sql.SQL("{}({}::regconfig, {})").format(function, self.params.add(cond.modifier), query)
            else:
                call = sql.SQL("{}({})").format(function, query)
            clause = sql.SQL("{} @@ {}").format(column, call)
        else:
            assert isinstance(value, str)
            if op in ("like", "ilike"):
                value = value.replace("*", "%")
            if cond.modifier in ("any", "all"):
                clause = sql.SQL("{} {} {}({})").format(
                    column, sql.SQL(OPERATOR_SQL[op]), sql.SQL(cond.modifier), self.params.add(value))
            else:
                clause = sql.SQL("{} {} {}").format(column, sql.SQL(OPERATOR_SQL[op]), self.params.add(value))
        return sql.SQL("not ({})").format(clause) if cond.negated else clause

    def _embed_null_filter(self, node: ReadNode, embed: EmbedNode, cond: Condition) -> sql.Composable:
        if cond.value not in ("null", "not_null"):
            raise RestError(400, "PGRST120",
                            "Bad operator on the '" + cond.field.name + "' embedded resource",
                            details="Only is null or not is null filters are allowed on embedded resources")
        wants_null = (cond.value == "null") != cond.negated
        exists = self.exists(embed.node)
        return sql.SQL("not {}").format(exists) if wants_null else exists

    def logic(self, node: ReadNode, tree: LogicTree) -> sql.Composable:
        parts = [self.logic(node, child) if isinstance(child, LogicTree) else self.condition(node, child)
                 for child in tree.children]
        joined = sql.SQL(f" {tree.operator} ").join(parts) if parts else sql.SQL("true")
        clause = sql.SQL("({})").format(joined)
        return sql.SQL("not {}").format(clause) if tree.negated else clause

    def order_term(self, node: ReadNode, term: OrderTerm) -> sql.Composable:
        if term.relation is not None:
            embed = self.embed_named(node, term.relation)
            if embed.relationship.cardinality != "one":
                raise RestError(
                    400, "PGRST118",
                    f"A related order on '{term.relation}' is not possible",
                    details=f"'{node.name}' and '{term.relation}' do not form a many-to-one or one-to-one relationship",
                )
            # the related row alone (its join condition, not the embed's filters)
            joined = (sql.SQL(" WHERE ") + sql.SQL(" AND ").join(embed.join_conditions)
                      if embed.join_conditions else sql.SQL(""))
            expr: sql.Composable = sql.SQL("(SELECT {} FROM {}{})").format(
                self.column_expr(embed.node, term.field), embed.node.from_clause, joined)
        else:
            expr = self.column_expr(node, term.field)
        direction = sql.SQL(" DESC" if term.descending else " ASC")
        nulls = sql.SQL({"first": " NULLS FIRST", "last": " NULLS LAST", None: ""}[term.nulls])
        return sql.Composed([expr, direction, nulls])

    # -- rendering ----------------------------------------------------------------------
    def select_list(self, node: ReadNode) -> sql.Composable:
        return sql.SQL(", ").join(part for part, _, _ in self._select_parts(node))

    def _select_parts(self, node: ReadNode) -> list[tuple[sql.Composable, int, bool]]:
        """(SQL, output columns it makes, whether it is an aggregate) for each select item."""
        if node.count_only:
            item = node.items[0]
            assert isinstance(item, SelectColumn)
            return [(sql.SQL("count(*) AS {}").format(sql.Identifier(item.output_name)), 1, True)]
        aggregated = is_aggregated(node)
        parts: list[tuple[sql.Composable, int, bool]] = []
        for item in node.items:
            if isinstance(item, SelectStar):
                if node.scalar:
                    parts.append((sql.SQL("{}.v").format(sql.Identifier(node.alias)), 1, False))
                else:
                    parts.append((sql.SQL("{}.*").format(sql.Identifier(node.alias)), len(node.columns), False))
            elif isinstance(item, SelectColumn):
                parts.append((sql.SQL("{} AS {}").format(self._column_value(node, item),
                                                         sql.Identifier(item.output_name)), 1, bool(item.aggregate)))
            elif node.embeds[item.output_name].node.hoisted:
                parts.extend(self._hoisted_columns(node.embeds[item.output_name]))
            else:
                # grouped rows need an embed as jsonb: json has no equality to group by
                parts.extend((column, 1, False) for column in
                             self._embed_columns(node.embeds[item.output_name], as_jsonb=aggregated))
        return parts

    def _hoisted_columns(self, embed: EmbedNode) -> list[tuple[sql.Composable, int, bool]]:
        """A to-one spread's columns with its aggregates applied here, over the parent's
        groups (the related row's value is the aggregate's input)."""
        aggregates = {item.output_name: item for item in embed.node.items
                      if isinstance(item, SelectColumn) and item.aggregate}
        parts: list[tuple[sql.Composable, int, bool]] = []
        for value, name in self._embed_values(embed):
            item = aggregates.get(name)
            if item is not None:
                value = self._aggregated(sql.SQL("{}({})").format(sql.SQL(item.aggregate), value), item)
            parts.append((sql.SQL("{} AS {}").format(value, sql.Identifier(name)), 1, item is not None))
        return parts

    def _column_value(self, node: ReadNode, item: SelectColumn) -> sql.Composable:
        """A selected column with its cast, aggregate and the aggregate's cast, as PostgREST
        renders them: `CAST(SUM(CAST(col AS cast)) AS aggregate_cast)`."""
        if item.aggregate == "count" and item.field.name == "*":
            # hoisted: the parent counts its rows that have the related row
            return sql.SQL("true") if node.hoisted else self._aggregated(sql.SQL("count(*)"), item)
        expr = self.column_expr(node, item.field)
        if item.cast:
            expr = sql.SQL("CAST({} AS {})").format(expr, sql.SQL(item.cast))
        if item.aggregate and not node.hoisted:
            expr = self._aggregated(sql.SQL("{}({})").format(sql.SQL(item.aggregate), expr), item)
        return expr

    @staticmethod
    def _aggregated(call: sql.Composable, item: SelectColumn) -> sql.Composable:
        """The aggregate call with the cast PostgREST applies after it (`.sum()::int`)."""
        return sql.SQL("CAST({} AS {})").format(call, sql.SQL(item.aggregate_cast)) if item.aggregate_cast else call

    def _group_by(self, node: ReadNode) -> sql.Composable:
        """` GROUP BY` every output column that is not an aggregate, when some are (by position)."""
        if node.count_only or not is_aggregated(node):
            return sql.SQL("")
        positions, position = [], 1
        for _, width, aggregate in self._select_parts(node):
            if not aggregate:
                positions.extend(range(position, position + width))
            position += width
        if not positions:
            return sql.SQL("")
        return sql.SQL(" GROUP BY ") + sql.SQL(", ").join(sql.Literal(p) for p in positions)

    def _embed_columns(self, embed: EmbedNode, *, as_jsonb: bool = False) -> list[sql.Composable]:
        """The embed's output columns; `as_jsonb` for grouped rows (json has no equality)."""
        wrap = sql.SQL("to_jsonb({})") if as_jsonb else sql.SQL("{}")
        return [sql.SQL("{} AS {}").format(wrap.format(expr), sql.Identifier(name))
                for expr, name in self._embed_values(embed)]

    def _embed_values(self, embed: EmbedNode) -> list[tuple[sql.Composable, str]]:
        if not embed.spec.items:  # `rel()`, `rel!inner()`: filters at most, adds no key (PostgREST)
            return []
        rows = self.rows(embed.node)
        sub = sql.Identifier(self.aliases.next("e"))
        if embed.spec.spread and embed.relationship.cardinality == "one":
            return [(sql.SQL("(SELECT {}.{} FROM ({}) {})").format(sub, sql.Identifier(col), rows, sub), col)
                    for col in self.output_names(embed.node)]
        if embed.spec.spread:  # to-many (PostgREST 13): one array per column, all in the embed's order
            return [(sql.SQL("COALESCE((SELECT json_agg({}.{}) FROM ({}) {}), '[]'::json)").format(
                sub, sql.Identifier(col), rows, sub), col) for col in self.output_names(embed.node)]
        if embed.relationship.cardinality == "one":
            return [(sql.SQL("(SELECT row_to_json({}) FROM ({}) {})").format(sub, rows, sub), embed.spec.output_name)]
        return [(sql.SQL("COALESCE((SELECT json_agg({}) FROM ({}) {}), '[]'::json)").format(sub, rows, sub),
                 embed.spec.output_name)]

    def output_names(self, node: ReadNode) -> list[str]:
        names: list[str] = []
        for item in node.items:
            if isinstance(item, SelectStar):
                names.extend(node.columns)
            elif isinstance(item, SelectColumn):
                names.append(item.output_name)
            elif item.spread:
                names.extend(self.output_names(node.embeds[item.output_name].node))
            elif item.items:
                names.append(item.output_name)
        return names

    def where_clause(self, node: ReadNode) -> sql.Composable:
        conditions = list(node.where)
        conditions.extend(self.exists(e.node) for e in node.embeds.values() if e.inner)
        if not conditions:
            return sql.SQL("")
        return sql.SQL(" WHERE ") + sql.SQL(" AND ").join(conditions)

    def exists(self, node: ReadNode) -> sql.Composable:
        return sql.SQL("EXISTS (SELECT 1 FROM {}{})").format(node.from_clause, self.where_clause(node))

    def rows(self, node: ReadNode, select: sql.Composable | None = None) -> sql.Composable:
        query = sql.SQL("SELECT {} FROM {}{}").format(
            select if select is not None else self.select_list(node), node.from_clause, self.where_clause(node))
        if node.count_only:
            return query
        if select is None:
            query = query + self._group_by(node)
        if node.order:
            query = query + sql.SQL(" ORDER BY ") + sql.SQL(", ").join(node.order)
        if node.limit is not None:
            query = query + sql.SQL(" LIMIT {}").format(self.params.add(node.limit))
        if node.offset:
            query = query + sql.SQL(" OFFSET {}").format(self.params.add(node.offset))
        return query

    def count(self, node: ReadNode) -> sql.Composable:
        return sql.SQL("(SELECT count(*) FROM {}{})").format(node.from_clause, self.where_clause(node))

    def read(self, node: ReadNode, *, with_count: bool, strip_nulls: bool = False,
             prefix: sql.Composable | None = None, csv: bool = False) -> sql.Composable:
        """The whole read: body text, rows on this page and (optionally) the total.

        With `csv`, the body is the rows as CSV lines (Postgres' record text form, as
        PostgREST emits it); the caller adds the header from `output_names`.
        """
        total = self.count(node) if with_count else sql.SQL("NULL::bigint")
        if csv and not node.scalar:
            query = sql.SQL(
                "SELECT COALESCE(string_agg(substr(_r::text, 2, length(_r::text) - 2), E'\\n'), '') AS body,"
                " count(*) AS page_total, {} AS total FROM ({}) _r"
            ).format(total, self.rows(node))
            return prefix + query if prefix is not None else query
        row = sql.SQL("_r")
        if node.scalar:
            row = sql.SQL("_r.v")
        elif strip_nulls:
            row = sql.SQL("json_strip_nulls(row_to_json(_r))")
        query = sql.SQL(
            "SELECT COALESCE(json_agg({}), '[]')::text AS body, count(*) AS page_total, {} AS total"
            " FROM ({}) _r"
        ).format(row, total, self.rows(node))
        return prefix + query if prefix is not None else query


# ------------------------------------------------------------------------------ mutations


def payload_columns(relation: Relation, rows: list[dict[str, Any]], columns: list[str] | None) -> list[str]:
    """Columns to write: `columns=` if given, else every key seen in the payload."""
    names = columns if columns is not None else list(dict.fromkeys(k for row in rows for k in row))
    for name in names:
        if name not in relation.columns:
            raise unknown_payload_column(relation.name, name)
    return names


def insert_sql(builder: QueryBuilder, relation: Relation, rows: list[dict[str, Any]],
               columns: list[str], *, missing_default: bool, on_conflict: list[str] | None,
               resolution: str | None, returning: bool) -> sql.Composable:
    """The INSERT (or upsert); a merging upsert also returns, per row, whether it was
    inserted (`pgrst_inserted`), which decides 201 or 200 (see upsert_outcome)."""
    target = sql.Identifier(relation.schema, relation.name)
    body = builder.params.add(json.dumps(rows))
    values = []
    for name in columns:
        populated = sql.SQL("_p.{}").format(sql.Identifier(name))
        default = relation.columns[name].default
        if missing_default:
            values.append(sql.SQL("CASE WHEN _j.doc ? {} THEN {} ELSE {} END").format(
                builder.params.add(name), populated, sql.SQL(default) if default else sql.SQL("NULL")))
        else:
            values.append(populated)
    if columns:
        query = sql.SQL(
            "INSERT INTO {} AS _t ({}) SELECT {} FROM jsonb_array_elements({}::jsonb) WITH ORDINALITY"
            " AS _j(doc, ord) CROSS JOIN LATERAL jsonb_populate_record(NULL::{}, _j.doc) AS _p ORDER BY _j.ord"
        ).format(target, sql.SQL(", ").join(sql.Identifier(c) for c in columns),
                 sql.SQL(", ").join(values), body, target)
    else:  # only empty objects: one row of defaults each
        query = sql.SQL("INSERT INTO {} AS _t SELECT FROM jsonb_array_elements({}::jsonb)").format(target, body)
    # as PostgREST: with neither on_conflict nor a primary key there is no conflict to resolve
    conflict_cols = (on_conflict or list(relation.primary_key)) if resolution else []
    if conflict_cols:
        for name in conflict_cols:
            if name not in relation.columns:  # Postgres' own words for it
                raise RestError(400, "42703", f'column "{name}" does not exist', catalog_miss=True)
        conflict = sql.SQL(", ").join(sql.Identifier(c) for c in conflict_cols)
        updates = [c for c in columns if c not in conflict_cols] if resolution == "merge-duplicates" else []
        if resolution == "merge-duplicates" and updates:
            query = query + sql.SQL(" ON CONFLICT ({}) DO UPDATE SET {}").format(
                conflict, sql.SQL(", ").join(
                    sql.SQL("{} = EXCLUDED.{}").format(sql.Identifier(c), sql.Identifier(c)) for c in updates))
        elif resolution == "merge-duplicates":
            query = query + sql.SQL(" ON CONFLICT ({}) DO UPDATE SET {} = EXCLUDED.{}").format(
                conflict, sql.Identifier(conflict_cols[0]), sql.Identifier(conflict_cols[0]))
        else:
            query = query + sql.SQL(" ON CONFLICT ({}) DO NOTHING").format(conflict)
    if resolution == "merge-duplicates":  # a row updated by ON CONFLICT carries the upsert's xmax
        return query + sql.SQL(" RETURNING _t.*, (_t.xmax = 0) AS pgrst_inserted")
    return query + sql.SQL(" RETURNING _t.*" if returning else "")


def upsert_outcome(upsert: sql.Composable, relation: Relation, read: sql.Composable | None) -> sql.Composable:
    """A merging upsert as one row of `body`, `page_total` and `inserted` (how many rows
    were new): PostgREST answers 200 instead of 201 when it only updated. `read` renders
    the representation from `pgrst_source`; without it the body is NULL (return=minimal)."""
    columns = sql.SQL(", ").join(sql.Identifier(name) for name in relation.columns)
    written = sql.SQL("WITH pgrst_written AS ({}), pgrst_source AS (SELECT {} FROM pgrst_written) ").format(
        upsert, columns)
    inserted = sql.SQL("(SELECT count(*) FILTER (WHERE pgrst_inserted) FROM pgrst_written) AS inserted")
    if read is None:
        return written + sql.SQL("SELECT NULL::text AS body, count(*) AS page_total, {} FROM pgrst_written").format(
            inserted)
    return written + sql.SQL("SELECT _q.*, {} FROM ({}) _q").format(inserted, read)


def update_sql(builder: QueryBuilder, relation: Relation, row: dict[str, Any], columns: list[str],
               where: sql.Composable, *, returning: bool) -> sql.Composable:
    target = sql.Identifier(relation.schema, relation.name)
    assignments = sql.SQL(", ").join(
        sql.SQL("{} = _p.{}").format(sql.Identifier(c), sql.Identifier(c)) for c in columns)
    query = sql.SQL("UPDATE {} AS {} SET {} FROM (SELECT * FROM jsonb_populate_record(NULL::{}, {}::jsonb)) _p{}"
                    ).format(target, sql.Identifier("_t"), assignments, target,
                             builder.params.add(json.dumps(row)), where)
    return query + sql.SQL(" RETURNING _t.*" if returning else "")


def delete_sql(relation: Relation, where: sql.Composable, *, returning: bool) -> sql.Composable:
    query = sql.SQL("DELETE FROM {} AS _t{}").format(sql.Identifier(relation.schema, relation.name), where)
    return query + sql.SQL(" RETURNING _t.*" if returning else "")


# ------------------------------------------------------------------------------------ RPC


def function_from_clause(builder: QueryBuilder, function: Function, arguments: RpcArguments,
                         alias: str) -> sql.Composable:
    """`fn(a => _a.a, ...) AS alias`, arguments decoded by Postgres from one JSON param; a
    function with one unnamed parameter gets the whole body, cast to that parameter's type."""
    name = sql.Identifier(function.schema, function.name)
    alias_sql = sql.Identifier(alias)
    column_alias = sql.SQL("(v)") if function.return_kind in ("scalar", "void") else sql.SQL("")
    if has_one_unnamed_parameter(function):
        call = sql.SQL("{}({}::{})").format(name, builder.params.add(arguments.positional),
                                            sql.SQL(function.args[0].type))
        return sql.SQL("{} AS {}{}").format(call, alias_sql, column_alias)
    args = arguments.named or {}
    used = [arg for arg in function.args if arg.name in args]
    if not used:
        return sql.SQL("{}() AS {}{}").format(name, alias_sql, column_alias)
    record = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(arg.name), sql.SQL(arg.type)) for arg in used)
    call_args = sql.SQL(", ").join(
        sql.SQL("{} => _a.{}").format(sql.Identifier(arg.name), sql.Identifier(arg.name)) for arg in used)
    payload = {arg.name: args[arg.name] for arg in used}
    return sql.SQL("json_to_record({}::json) AS _a({}) CROSS JOIN LATERAL {}({}) AS {}{}").format(
        builder.params.add(json.dumps(payload)), record, name, call_args, alias_sql, column_alias)
