"""The schema cache: tables, views, columns, foreign keys and functions from pg_catalog.

Every identifier in a request is checked against it before SQL is built. It reloads when
a lookup misses (tests and migrations create objects at run time) and on
`NOTIFY pgrst, 'reload schema'`, as PostgREST does.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

import psycopg

logger = logging.getLogger(__name__)

JSON_BODY_TYPES = {"json", "jsonb"}


@dataclass
class Column:
    name: str
    type: str  # format_type(), trusted catalog text
    category: str  # pg_type.typcategory
    nullable: bool
    default: str | None  # pg_get_expr(adbin), trusted catalog text
    generated: bool


@dataclass
class Relation:
    """A table, view, materialized view or composite type in an exposed schema."""

    schema: str
    name: str
    kind: str
    columns: dict[str, Column] = field(default_factory=dict)
    primary_key: tuple[str, ...] = ()
    unique_keys: list[frozenset[str]] = field(default_factory=list)  # primary key included

    def is_unique(self, columns: tuple[str, ...]) -> bool:
        """Whether these columns identify at most one row (a one-to-one key)."""
        return frozenset(columns) in self.unique_keys

    @property
    def is_table(self) -> bool:
        return self.kind in ("r", "p", "f")


@dataclass(frozen=True)
class ForeignKey:
    name: str
    schema: str
    table: str
    columns: tuple[str, ...]
    ref_schema: str
    ref_table: str
    ref_columns: tuple[str, ...]


@dataclass
class FunctionArg:
    name: str
    type: str
    has_default: bool


@dataclass
class Function:
    schema: str
    name: str
    args: list[FunctionArg]  # input arguments, in order
    return_type: str
    returns_set: bool
    return_kind: str  # "scalar" | "composite" | "void"
    return_columns: dict[str, Column]
    volatility: str
    return_relation: tuple[str, str] | None = None  # set when it returns rows of a table/view

    @property
    def single_unnamed_json(self) -> bool:
        return len(self.args) == 1 and not self.args[0].name and self.args[0].type in JSON_BODY_TYPES


@dataclass
class Catalog:
    relations: dict[tuple[str, str], Relation]
    foreign_keys: list[ForeignKey]
    functions: dict[tuple[str, str], list[Function]]
    type_names: set[str]


# Relations in the exposed schemas, plus composite types that their functions return
# (e.g. `returns setof auth.users`), so such results have known columns.
_RELATION_OIDS = """
select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any(%(schemas)s) and c.relkind in ('r', 'v', 'm', 'f', 'p', 'c')
union
select t.typrelid from pg_proc p
join pg_namespace pn on pn.oid = p.pronamespace
join pg_type t on t.oid = p.prorettype
where pn.nspname = any(%(schemas)s) and t.typtype = 'c'
"""

_RELATIONS_SQL = f"""
select c.oid, n.nspname, c.relname, c.relkind
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.oid in ({_RELATION_OIDS})
"""

_COLUMNS_SQL = f"""
select a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod) as type,
       t.typcategory, not a.attnotnull as nullable,
       pg_get_expr(d.adbin, d.adrelid) as default_expr, a.attgenerated <> '' as generated
from pg_attribute a
join pg_type t on t.oid = a.atttypid
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where a.attrelid in ({_RELATION_OIDS}) and a.attnum > 0 and not a.attisdropped
order by a.attrelid, a.attnum
"""

_CONSTRAINTS_SQL = """
select con.conname, con.contype, con.conrelid, con.confrelid,
       array(select a.attname from unnest(con.conkey) with ordinality k(n, i)
             join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i)::text[] as cols,
       array(select a.attname from unnest(con.confkey) with ordinality k(n, i)
             join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i)::text[] as ref_cols
from pg_constraint con
join pg_namespace n on n.oid = con.connamespace
where n.nspname = any(%(schemas)s) and con.contype in ('p', 'u', 'f')
"""

_FUNCTIONS_SQL = """
select n.nspname, p.proname, p.proargnames, p.proargmodes, p.pronargs, p.pronargdefaults,
       p.proretset, p.provolatile, t.typtype, t.typrelid, format_type(p.prorettype, null) as rettype,
       array(select format_type(x.t, null) from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]))
             with ordinality x(t, i) order by x.i)::text[] as argtypes
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type t on t.oid = p.prorettype
where n.nspname = any(%(schemas)s) and p.prokind = 'f'
"""


def load_catalog(cur: psycopg.Cursor, schemas: list[str]) -> Catalog:
    """Read everything the REST layer validates against, in a handful of queries."""
    params = {"schemas": schemas}
    by_oid: dict[int, Relation] = {}
    for row in cur.execute(_RELATIONS_SQL, params).fetchall():
        by_oid[row["oid"]] = Relation(row["nspname"], row["relname"], row["relkind"])
    for row in cur.execute(_COLUMNS_SQL, params).fetchall():
        relation = by_oid.get(row["attrelid"])
        if relation is not None:
            relation.columns[row["attname"]] = Column(
                row["attname"], row["type"], row["typcategory"], row["nullable"],
                row["default_expr"], row["generated"],
            )
    foreign_keys = []
    for row in cur.execute(_CONSTRAINTS_SQL, params).fetchall():
        owner = by_oid.get(row["conrelid"])
        if owner is None:
            continue
        if row["contype"] in ("p", "u"):
            owner.unique_keys.append(frozenset(row["cols"]))
            if row["contype"] == "p":
                owner.primary_key = tuple(row["cols"])
        elif (target := by_oid.get(row["confrelid"])) is not None:
            foreign_keys.append(ForeignKey(
                row["conname"], owner.schema, owner.name, tuple(row["cols"]),
                target.schema, target.name, tuple(row["ref_cols"]),
            ))
    foreign_keys.extend(_view_foreign_keys(cur, by_oid, foreign_keys))
    functions: dict[tuple[str, str], list[Function]] = {}
    for row in cur.execute(_FUNCTIONS_SQL, params).fetchall():
        function = _function_from_row(row, by_oid)
        if function is not None:
            functions.setdefault((function.schema, function.name), []).append(function)
    type_names = {r["typname"] for r in cur.execute("select distinct typname from pg_type").fetchall()}
    relations = {(r.schema, r.name): r for r in by_oid.values() if r.kind != "c"}
    return Catalog(relations, foreign_keys, functions, type_names)


_VIEW_SOURCES_SQL = """
select distinct r.ev_class as view_oid, d.refobjid as table_oid, a.attname
from pg_rewrite r
join pg_class v on v.oid = r.ev_class and v.relkind in ('v', 'm')
join pg_depend d on d.objid = r.oid and d.classid = 'pg_rewrite'::regclass
  and d.refclassid = 'pg_class'::regclass and d.refobjsubid > 0 and d.refobjid <> r.ev_class
join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
"""


def _view_foreign_keys(cur: psycopg.Cursor, by_oid: dict[int, Relation],
                       table_keys: list[ForeignKey]) -> list[ForeignKey]:
    """Foreign keys carried over to views, so embeds work through views as in PostgREST.

    A view inherits a base table's key when it selects every key column of that table
    under the same name (a simplification of PostgREST's column-lineage analysis).
    """
    used: dict[tuple[int, int], set[str]] = {}
    for row in cur.execute(_VIEW_SOURCES_SQL).fetchall():
        used.setdefault((row["view_oid"], row["table_oid"]), set()).add(row["attname"])
    by_name = {(r.schema, r.name): oid for oid, r in by_oid.items()}
    derived = []
    for (view_oid, table_oid), columns in used.items():
        view, table = by_oid.get(view_oid), by_oid.get(table_oid)
        if view is None or table is None:
            continue
        exposed = columns & set(view.columns)
        for fk in table_keys:
            if by_name.get((fk.schema, fk.table)) == table_oid and set(fk.columns) <= exposed:
                derived.append(ForeignKey(fk.name, view.schema, view.name, fk.columns,
                                          fk.ref_schema, fk.ref_table, fk.ref_columns))
            if by_name.get((fk.ref_schema, fk.ref_table)) == table_oid and set(fk.ref_columns) <= exposed:
                derived.append(ForeignKey(fk.name, fk.schema, fk.table, fk.columns,
                                          view.schema, view.name, fk.ref_columns))
    return derived


def _function_from_row(row: dict, by_oid: dict[int, Relation]) -> Function | None:
    types: list[str] = row["argtypes"] or []
    modes: list[str] = row["proargmodes"] or ["i"] * len(types)
    names: list[str] = row["proargnames"] or [""] * len(types)
    inputs, outputs = [], {}
    for name, mode, type_ in zip(names, modes, types, strict=False):
        if mode in ("i", "b"):
            inputs.append(FunctionArg(name or "", type_, False))
        elif mode == "v":
            return None  # variadic functions are not callable through this layer
        if mode in ("o", "b", "t"):
            outputs[name] = Column(name, type_, "", True, None, False)
    for arg in inputs[len(inputs) - (row["pronargdefaults"] or 0):]:
        arg.has_default = True
    return_columns: dict[str, Column] = {}
    return_relation = None
    if row["typtype"] == "c" and row["typrelid"] in by_oid:
        kind = "composite"
        source = by_oid[row["typrelid"]]
        return_columns = dict(source.columns)
        if source.kind != "c":
            return_relation = (source.schema, source.name)
    elif row["rettype"] == "record" and outputs:
        kind = "composite"
        return_columns = outputs
    elif row["rettype"] == "void":
        kind = "void"
    elif row["typtype"] == "p" and row["rettype"] != "void":
        kind = "scalar" if row["rettype"] not in ("record", "trigger", "event_trigger") else ""
        if not kind:
            return None
    else:
        kind = "scalar"
    return Function(
        row["nspname"], row["proname"], inputs, row["rettype"], row["proretset"], kind,
        return_columns, row["provolatile"], return_relation,
    )


_FINGERPRINT_SQL = " union all ".join(
    f"select '{table}', sum(xmin::text::bigint), count(*) from pg_catalog.{table}"
    for table in ("pg_class", "pg_attribute", "pg_proc", "pg_constraint", "pg_namespace", "pg_type")
)


def catalog_fingerprint(cur: psycopg.Cursor) -> tuple:
    """Sum of row versions (xmin) and row count of the catalogs the cache reads.

    Any DDL inserts, updates or deletes rows there, which moves one of these numbers.
    """
    return tuple(tuple(row.values()) for row in cur.execute(_FINGERPRINT_SQL).fetchall())


class SchemaCache:
    """Thread-safe holder of the current Catalog, reloaded on demand."""

    def __init__(
        self,
        connect: Callable[[], AbstractContextManager[psycopg.Cursor]],
        schemas: list[str],
    ) -> None:
        self._connect = connect
        self.schemas = schemas
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None
        self._fingerprint: tuple | None = None
        self.generation = 0

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self.reload()
        assert self._catalog is not None
        return self._catalog

    def reload(self) -> None:
        with self._lock:
            self._load()

    def _load(self) -> None:
        """Caller holds the lock. The fingerprint is read first: DDL landing in between
        only makes the next check reload once more."""
        with self._connect() as cur:
            self._fingerprint = catalog_fingerprint(cur)
            self._catalog = load_catalog(cur, self.schemas)
        self.generation += 1

    def refresh(self, seen_generation: int) -> bool:
        """Bring the cache up to date after a miss; True when it now differs from the
        generation the caller planned with (reloaded here or by another thread meanwhile).

        Reloads only when the system catalogs changed, so a stream of requests naming
        unknown things does not cost a full reload each.
        """
        with self._lock:
            if self.generation != seen_generation:
                return True
            with self._connect() as cur:
                if catalog_fingerprint(cur) == self._fingerprint:
                    return False
            self._load()
            return True

    def relation(self, schema: str, name: str) -> Relation | None:
        return self.catalog.relations.get((schema, name))

    def functions(self, schema: str, name: str) -> list[Function]:
        return self.catalog.functions.get((schema, name), [])

    def foreign_keys(self) -> Iterator[ForeignKey]:
        return iter(self.catalog.foreign_keys)

    def is_type(self, name: str) -> bool:
        base = name.removesuffix("[]").strip().lower()
        aliases = {"int": "int4", "integer": "int4", "bigint": "int8", "smallint": "int2",
                   "boolean": "bool", "real": "float4", "double precision": "float8",
                   "character varying": "varchar", "timestamp with time zone": "timestamptz",
                   "timestamp without time zone": "timestamp", "decimal": "numeric",
                   "character": "bpchar", "char": "bpchar"}
        return aliases.get(base, base) in self.catalog.type_names


def listen_for_reloads(
    dsn: str, cache: SchemaCache, stopped: Callable[[], bool]
) -> threading.Thread:
    """Reload the cache on `NOTIFY pgrst, 'reload schema'` (PostgREST's channel).

    `stopped` tells the thread the stack is shutting down (e.g. the pool was closed).
    """

    def run() -> None:
        while not stopped():
            try:
                with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
                    conn.execute("listen pgrst")
                    while not stopped():
                        for note in conn.notifies(timeout=1.0, stop_after=1):
                            if note.payload in ("", "reload schema"):
                                cache.reload()
            except Exception:  # the database went away or a reload failed: retry later
                logger.debug("schema cache listener reconnecting", exc_info=True)
                time.sleep(1.0)

    thread = threading.Thread(target=run, name="rest-schema-listener", daemon=True)
    thread.start()
    return thread
