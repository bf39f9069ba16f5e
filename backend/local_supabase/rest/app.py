"""/rest/v1: a PostgREST-compatible API over the stack's database.

Each request is authenticated from its JWT (auth), parsed (query), validated
against the schema cache (schema) and turned into one SQL statement (sql), then
run in ONE transaction as the JWT's role, so Postgres enforces grants and RLS exactly as
on Supabase. Responses follow PostgREST (http, errors): bodies, Content-Range,
statuses and the `{"code","details","hint","message"}` error shape.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import psycopg
from psycopg import sql
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import request_body
from ..context import StackContext
from .auth import VerifiedTokens, authenticate
from .errors import SCHEMA_CACHE_HINT, RestError, from_database, parse_error, unknown_table
from .http import (
    CSV_TYPE,
    JSON_BODY_TYPES,
    JSON_TYPE,
    OBJECT_TYPE,
    MediaChoice,
    content_range,
    csv_field,
    json_error,
    media_type,
    negotiate,
    page_window,
    parse_json,
    parse_range_header,
    respond,
    single_body,
)
from .query import (
    LogicTree,
    Preferences,
    QueryParams,
    SelectStar,
    parse_columns_param,
    parse_prefer,
    parse_select,
    sort_params,
)
from .rpc import RpcArguments, body_arguments, choose_function, query_arguments
from .schema import Function, Relation, SchemaCache, listen_for_reloads
from .sql import (
    QueryBuilder,
    ReadNode,
    delete_sql,
    function_from_clause,
    insert_sql,
    payload_columns,
    update_sql,
    upsert_outcome,
)

logger = logging.getLogger(__name__)

TABLE_METHODS = ("GET", "HEAD", "POST", "PATCH", "DELETE")
T = TypeVar("T")


# ---------------------------------------------------------------------------- request data


@dataclass
class RestRequest:
    """Everything a handler needs, read from the HTTP request on the event loop."""

    method: str
    path: str
    name: str
    params: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes
    claims: dict[str, Any] = field(default_factory=dict)
    prefer: list[str] = field(default_factory=list)  # every Prefer header, in order

    @property
    def authenticated(self) -> bool:
        return self.claims.get("role", "anon") != "anon"


@dataclass
class RpcPlan:
    builder: QueryBuilder
    function: Function
    query: sql.Composable
    node: ReadNode | None = None  # set when the result is rows (set-returning or composite)
    offset: int = 0
    csv_header: str | None = None


class _Rollback(Exception):
    """Raised inside the transaction to roll it back while still answering `response`."""

    def __init__(self, response: Response) -> None:
        super().__init__("rollback")
        self.response = response


# ------------------------------------------------------------------------------------ app


class RestApi:
    def __init__(self, ctx: StackContext, schemas: tuple[str, ...]) -> None:
        self.ctx = ctx
        self.schemas = schemas
        self.cache = SchemaCache(ctx.db.as_admin, list(schemas))
        self.tokens = VerifiedTokens(ctx.keys.decode)
        self.max_rows = ctx.config.max_rows
        self.aggregates_enabled = ctx.config.db_aggregates_enabled
        self.max_body = ctx.config.max_json_body_bytes

    # -- entry ---------------------------------------------------------------------------
    async def table_endpoint(self, request: Request) -> Response:
        return await self.dispatch(request, self.handle_table)

    async def rpc_endpoint(self, request: Request) -> Response:
        return await self.dispatch(request, self.handle_rpc)

    async def dispatch(self, request: Request, handler: Callable[[RestRequest], Response]) -> Response:
        """Authenticate and read the request here; do the database work on a worker thread."""
        try:
            claims = self.authenticate(request)
            body = await self.read_body(request)
        except RestError as error:
            return json_error(error)
        rest_request = RestRequest(
            method=request.method,
            path=request.url.path,
            name=request.path_params.get("name", ""),
            params=list(request.query_params.multi_items()),
            headers={k.lower(): v for k, v in request.headers.items()},
            body=body,
            claims=claims,
            prefer=request.headers.getlist("prefer"),
        )
        return await run_in_threadpool(self.guarded, handler, rest_request)

    def authenticate(self, request: Request) -> dict[str, Any]:
        return authenticate(request, self.tokens)

    async def read_body(self, request: Request) -> bytes:
        """The body, refused past the stack's cap. PostgREST itself has no body limit (on
        Supabase a gateway sits in front), so there is no upstream code: 413 in its shape."""
        if request.method in ("GET", "HEAD"):
            return b""
        try:
            return await request_body.read_body(request, self.max_body)
        except request_body.BodyTooLarge as exc:
            raise RestError(413, "PGRST413", "Request body too large",
                            details=f"The request body is larger than {exc.limit} bytes") from None

    def guarded(self, handler: Callable[[RestRequest], Response], request: RestRequest) -> Response:
        """Run a handler, turning every failure into PostgREST's error shape."""
        try:
            return handler(request)
        except RestError as error:
            return json_error(error)
        except _Rollback as rollback:
            return rollback.response
        except psycopg.Error as exc:
            return json_error(from_database(exc, authenticated=request.authenticated))
        except Exception:
            logger.exception("unexpected error in /rest/v1")
            return json_error(RestError(500, "PGRSTX00", "Internal server error"))

    def schema_for(self, request: RestRequest) -> str:
        header = "accept-profile" if request.method in ("GET", "HEAD") else "content-profile"
        schema = request.headers.get(header) or self.schemas[0]
        if schema not in self.schemas:
            raise RestError(406, "PGRST106", f"The schema must be one of the following: {', '.join(self.schemas)}")
        return schema

    def with_reload(self, plan: Callable[[], T]) -> T:
        """Plan against the cache; if an identifier is missing and the catalogs changed
        since the cache was loaded, reload once and plan again."""
        generation = self.cache.generation
        try:
            return plan()
        except RestError as error:
            if not error.catalog_miss:
                raise
            if not self.cache.refresh(generation):
                raise
            return plan()

    def relation(self, schema: str, name: str) -> Relation:
        relation = self.cache.relation(schema, name)
        if relation is None:
            raise unknown_table(schema, name)
        return relation

    def run(self, request: RestRequest, work: Callable[[psycopg.Cursor], Response],
            prefs: Preferences, *, read_only: bool = False) -> Response:
        with self.ctx.db.as_role(request.claims, headers=request.headers, method=request.method,
                                 path=request.path) as cur:
            if read_only:
                cur.execute("SET TRANSACTION READ ONLY")
            response = work(cur)
            if prefs.tx == "rollback":
                raise _Rollback(response)
            return response

    # -- tables --------------------------------------------------------------------------
    def handle_table(self, request: RestRequest) -> Response:
        if request.method not in TABLE_METHODS:
            raise RestError(405, "PGRST117", f"Unsupported HTTP method: {request.method}")
        schema = self.schema_for(request)
        prefs = parse_prefer(request.prefer)
        params = sort_params(request.params)
        media = negotiate(request.headers)
        if request.method in ("GET", "HEAD"):
            return self.read_table(request, schema, params, prefs, media)
        return self.write_table(request, schema, params, prefs, media.single, media.strip_nulls)

    def build_read(self, builder: QueryBuilder, root: ReadNode, params: QueryParams,
                   window: tuple[int, int | None]) -> None:
        """Attach filters, orders and limits (root and embedded) to a planned tree."""
        for path, item in params.filters:
            node = builder.find_embed(root, list(path))
            node.where.append(builder.logic(node, item) if isinstance(item, LogicTree)
                              else builder.condition(node, item))
        for path, terms in params.orders:
            node = builder.find_embed(root, list(path))
            node.order.extend(builder.order_term(node, term) for term in terms)
        for path, limit in params.limits.items():
            if path:
                builder.find_embed(root, list(path)).limit = limit
        for path, offset in params.offsets.items():
            if path:
                builder.find_embed(root, list(path)).offset = offset
        root.offset, root.limit = window

    def read_table(self, request: RestRequest, schema: str, params: QueryParams, prefs: Preferences,
                   media: MediaChoice) -> Response:
        range_header = parse_range_header(request.headers.get("range"))
        window = page_window(params, range_header, self.max_rows)

        def plan() -> tuple[QueryBuilder, ReadNode]:
            relation = self.relation(schema, request.name)
            builder = QueryBuilder(self.cache, aggregates_enabled=self.aggregates_enabled)
            root = builder.relation_node(relation, parse_select(params.select or "*"))
            self.build_read(builder, root, params, window)
            return builder, root

        builder, root = self.with_reload(plan)
        query = builder.read(root, with_count=prefs.count is not None, strip_nulls=media.strip_nulls,
                             csv=media.csv)
        csv_header = ",".join(csv_field(name) for name in builder.output_names(root)) if media.csv else None
        return self.run(request, lambda cur: self.read_response(
            cur, request, builder, query, window[0], prefs, media.single, csv_header=csv_header), prefs)

    def read_response(self, cur: psycopg.Cursor, request: RestRequest, builder: QueryBuilder,
                      query: sql.Composable, offset: int, prefs: Preferences, single: bool,
                      *, object_result: bool = False, csv_header: str | None = None,
                      rows_are_affected: bool = False) -> Response:
        row = cur.execute(query, builder.params.values).fetchone()
        body, count, total = row["body"], row["page_total"], row["total"]
        if rows_are_affected:
            enforce_max_affected(prefs, count)
        headers = read_headers(prefs, content_range(offset, count, total))
        status = 200
        if total is not None:
            if offset > total:
                raise RestError(
                    416, "PGRST103", "Requested range not satisfiable",
                    details=f"An offset of {offset} was requested, but there are only {total} rows.",
                    headers={"Content-Range": f"*/{total}"},
                )
            if count < total:
                status = 206
        content_type = JSON_TYPE
        if single:
            body = single_body(body, count)
            content_type = f"{OBJECT_TYPE}; charset=utf-8"
        elif object_result:
            body = body[1:-1].strip() if count else "null"
        elif csv_header is not None:
            body = f"{csv_header}\n{body}" if body else csv_header
            content_type = CSV_TYPE
        if request.method == "HEAD":
            return Response(status_code=status, headers={**headers, "content-type": content_type})
        return respond(status, body, headers, content_type)

    def write_table(self, request: RestRequest, schema: str, params: QueryParams, prefs: Preferences,
                    single: bool, strip_nulls: bool) -> Response:
        payload = self.json_body(request) if request.method in ("POST", "PATCH") else None
        representation = prefs.return_ == "representation"
        if any(path for path, _ in params.filters):
            raise parse_error("Filters on embedded resources are not allowed when writing")
        if request.method == "POST" and (params.limits or params.offsets):
            raise parse_error("limit and offset do not apply to inserts")

        merging = request.method == "POST" and prefs.resolution == "merge-duplicates"

        def plan() -> tuple[QueryBuilder, sql.Composable | None, ReadNode | None]:
            relation = self.relation(schema, request.name)
            builder = QueryBuilder(self.cache, aggregates_enabled=self.aggregates_enabled)
            statement = self.mutation(builder, request, relation, params, prefs, payload, representation)
            if statement is None:
                return builder, None, None
            if not representation:
                return builder, upsert_outcome(statement, relation, None) if merging else statement, None
            alias = builder.aliases.next()
            source = sql.SQL("pgrst_source AS {}").format(sql.Identifier(alias))
            node = builder.source_node(relation.name, relation.columns, source, alias,
                                       parse_select(params.select or "*"), relation)
            for _path, terms in params.orders:
                node.order.extend(builder.order_term(node, term) for term in terms)
            if merging:
                read = builder.read(node, with_count=False, strip_nulls=strip_nulls)
                return builder, upsert_outcome(statement, relation, read), node
            prefix = sql.SQL("WITH pgrst_source AS ({}) ").format(statement)
            return builder, builder.read(node, with_count=False, strip_nulls=strip_nulls, prefix=prefix), node

        builder, query, node = self.with_reload(plan)
        created = request.method == "POST"
        return self.run(request, lambda cur: self.write_response(
            cur, builder, query, node, prefs, single, created, representation, merging), prefs)

    def mutation(self, builder: QueryBuilder, request: RestRequest, relation: Relation, params: QueryParams,
                 prefs: Preferences, payload: Any, returning: bool) -> sql.Composable | None:
        columns = parse_columns_param(params.columns) if params.columns else None
        if request.method == "POST":
            rows = payload if isinstance(payload, list) else [payload]
            if not all(isinstance(row, dict) for row in rows):
                raise RestError(400, "PGRST102", "All object keys must match")
            names = payload_columns(relation, rows, columns)
            on_conflict = parse_columns_param(params.on_conflict) if params.on_conflict else None
            if not rows:
                return None
            return insert_sql(builder, relation, rows, names, missing_default=prefs.missing == "default",
                              on_conflict=on_conflict, resolution=prefs.resolution, returning=returning)
        if params.limits or params.offsets:
            where = self.limited_rows(builder, relation, params)
        else:
            target = builder.source_node(relation.name, relation.columns, sql.SQL(""), "_t", [])
            self.apply_filters(builder, target, params)
            where = builder.where_clause(target)
        if request.method == "PATCH":
            if not isinstance(payload, dict):
                raise RestError(400, "PGRST102", "Empty or invalid json")
            names = payload_columns(relation, [payload], columns)
            if not names:
                return None
            return update_sql(builder, relation, payload, names, where, returning=returning)
        return delete_sql(relation, where, returning=returning)

    @staticmethod
    def apply_filters(builder: QueryBuilder, node: ReadNode, params: QueryParams) -> None:
        for _, item in params.filters:
            node.where.append(builder.logic(node, item) if isinstance(item, LogicTree)
                              else builder.condition(node, item))

    def limited_rows(self, builder: QueryBuilder, relation: Relation, params: QueryParams) -> sql.Composable:
        """PostgREST's limited update/delete: only the first rows by an order on a unique key."""
        if any(params.limits) or any(params.offsets):
            raise parse_error("limit and offset on embedded resources do not apply to writes")
        terms = [term for path, group in params.orders if not path for term in group]
        ordered = {t.field.name for t in terms if t.relation is None and not t.field.json_path}
        if not relation.is_table or not any(key <= ordered for key in relation.unique_keys):
            raise RestError(400, "PGRST109", "A 'limit' was applied without an explicit 'order'",
                            hint="Apply an 'order' using unique column(s)")
        inner = builder.relation_node(relation, [])
        self.apply_filters(builder, inner, params)
        inner.order = [builder.order_term(inner, term) for term in terms]
        inner.limit, inner.offset = params.limits.get(()), params.offsets.get((), 0)
        chosen = builder.rows(inner, select=sql.SQL("{}.ctid").format(sql.Identifier(inner.alias)))
        return sql.SQL(" WHERE _t.ctid = ANY(ARRAY({}))").format(chosen)

    def write_response(self, cur: psycopg.Cursor, builder: QueryBuilder, query: sql.Composable | None,
                       node: ReadNode | None, prefs: Preferences, single: bool, created: bool,
                       representation: bool, merging: bool = False) -> Response:
        """`merging`: the query is an upsert_outcome, which says whether any row was new."""
        body, inserted = None, None
        if query is None:  # nothing to write (empty payload)
            count = 0
            body = "[]"
        elif node is None and not merging:
            cur.execute(query, builder.params.values)
            count = cur.rowcount
        else:
            row = cur.execute(query, builder.params.values).fetchone()
            body, count = row["body"], row["page_total"]
            inserted = row["inserted"] if merging else None
        if created:  # PostgREST: 201, but 200 for an upsert that only updated rows
            status = 200 if inserted == 0 else 201
        else:
            status = 200 if representation else 204
            enforce_max_affected(prefs, count)
        content_type = JSON_TYPE
        if single:  # one row or nothing: raising here rolls the write back
            body = single_body(body or "[]", count) if representation else single_body("[]", count)
            content_type = f"{OBJECT_TYPE}; charset=utf-8"
        total = count if prefs.count else None
        headers = {"Content-Range": content_range(0, count, total) if representation
                   else f"*/{total if total is not None else '*'}"}
        applied = [p for p in prefs.applied if not p.startswith(("handling=", "max-affected="))]
        if applied:
            headers["Preference-Applied"] = ", ".join(applied)
        return respond(status, body if representation else None, headers, content_type)

    @staticmethod
    def json_body(request: RestRequest) -> Any:
        content_type = media_type(request.headers.get("content-type"))
        if content_type not in JSON_BODY_TYPES:
            raise RestError(415, "PGRST107", f"Content-Type not acceptable: {content_type}")
        if not request.body.strip():
            raise RestError(400, "PGRST102", "Empty or invalid json")
        return parse_json(request.body)

    # -- RPC ------------------------------------------------------------------------------
    def handle_rpc(self, request: RestRequest) -> Response:
        if request.method not in ("GET", "HEAD", "POST"):
            raise RestError(405, "PGRST101", "Only GET, HEAD or POST are allowed for RPC")
        schema = self.schema_for(request)
        prefs = parse_prefer(request.prefer)
        media = negotiate(request.headers)
        body = body_arguments(request.headers.get("content-type"), request.body) if request.method == "POST" else None
        range_header = parse_range_header(request.headers.get("range"))
        plan = self.with_reload(lambda: self.plan_rpc(schema, request, body, range_header, media, prefs))

        def work(cur: psycopg.Cursor) -> Response:
            values = plan.builder.params.values
            if plan.function.return_kind == "void":
                cur.execute(plan.query, values)
                return Response(status_code=204)
            if plan.node is None:  # one scalar value: one row, counted as such when asked
                body_text = cur.execute(plan.query, values).fetchone()["body"]
                headers = read_headers(prefs, content_range(0, 1, 1 if prefs.count else None))
                if request.method == "HEAD":
                    return Response(status_code=200, headers={**headers, "content-type": JSON_TYPE})
                return respond(200, body_text, headers)
            return self.read_response(cur, request, plan.builder, plan.query, plan.offset, prefs, media.single,
                                      object_result=not plan.function.returns_set and plan.csv_header is None,
                                      csv_header=plan.csv_header, rows_are_affected=True)

        return self.run(request, work, prefs, read_only=request.method in ("GET", "HEAD"))

    def plan_rpc(self, schema: str, request: RestRequest, body: RpcArguments | None,
                 range_header: tuple[int, int | None] | None, media: MediaChoice, prefs: Preferences) -> RpcPlan:
        """The call as SQL: a scalar, or rows that select/filters/order/limits apply to."""
        function, args, rest = self.resolve_function(schema, request, body)
        if prefs.strict_max_affected is not None and not function.returns_set:
            raise RestError(400, "PGRST128", "Function must return SETOF or TABLE when max-affected preference"
                                             " is used with handling=strict")
        params = sort_params(rest)
        offset, limit = page_window(params, range_header, self.max_rows)
        builder = QueryBuilder(self.cache, aggregates_enabled=self.aggregates_enabled)
        alias = builder.aliases.next()
        from_clause = function_from_clause(builder, function, args, alias)
        if function.return_kind == "void":
            query = sql.SQL("SELECT 1 FROM {}").format(from_clause)
            return RpcPlan(builder, function, query)
        if function.return_kind == "scalar" and not function.returns_set:
            query = sql.SQL("SELECT to_json({}.v)::text AS body FROM {}").format(sql.Identifier(alias), from_clause)
            return RpcPlan(builder, function, query)
        relation = self.cache.relation(*function.return_relation) if function.return_relation else None
        scalar = function.return_kind == "scalar"
        items = [SelectStar()] if scalar else parse_select(params.select or "*")
        node = builder.source_node(function.name, function.return_columns, from_clause, alias, items, relation)
        node.scalar = scalar
        self.build_read(builder, node, params, (offset, limit))
        csv = media.csv and not scalar
        query = builder.read(node, with_count=prefs.count is not None, strip_nulls=media.strip_nulls, csv=csv)
        header = ",".join(csv_field(n) for n in builder.output_names(node)) if csv else None
        return RpcPlan(builder, function, query, node, offset, header)

    def resolve_function(self, schema: str, request: RestRequest,
                         body: RpcArguments | None) -> tuple[Function, RpcArguments, list[tuple[str, str]]]:
        """The overload the arguments fit (rpc.choose_function); PGRST202 when none does.
        Returns it with its arguments and the query parameters left for filters etc."""
        candidates = self.cache.functions(schema, request.name)
        if body is not None:
            arguments, rest = body, request.params
        else:
            parameter_names = {a.name for f in candidates for a in f.args}
            arguments = query_arguments({k: v for k, v in request.params if k in parameter_names})
            rest = [(k, v) for k, v in request.params if k not in parameter_names]
        function = choose_function(candidates, arguments)
        if function is None:
            raise self.function_missing(schema, request.name, sorted(arguments.names))
        return function, arguments, rest

    @staticmethod
    def function_missing(schema: str, name: str, provided: list[str]) -> RestError:
        signature = f"({', '.join(provided)})" if provided else " without parameters"
        described = f"with parameters {', '.join(provided)}" if provided else "without parameters"
        return RestError(
            404, "PGRST202",
            f"Could not find the function {schema}.{name}{signature} in the schema cache",
            details=f"Searched for the function {schema}.{name} {described}, but no matches were found"
                    " in the schema cache.",
            hint=SCHEMA_CACHE_HINT, catalog_miss=True,
        )

    async def root(self, request: Request) -> Response:
        try:
            self.authenticate(request)
        except RestError as error:
            return json_error(error)
        catalog = await run_in_threadpool(lambda: self.cache.catalog)
        paths = {f"/{name}": {} for (schema, name) in catalog.relations if schema == self.schemas[0]}
        paths.update({f"/rpc/{name}": {} for (schema, name) in catalog.functions if schema == self.schemas[0]})
        return JSONResponse({"swagger": "2.0", "info": {"title": "local-supabase", "version": "local"},
                             "basePath": "/", "paths": paths})


def read_headers(prefs: Preferences, range_header: str) -> dict[str, str]:
    """Content-Range and the Preference-Applied a read reports (count and tx)."""
    headers = {"Content-Range": range_header}
    applied = [p for p in prefs.applied if p.startswith(("count=", "tx="))]
    if applied:
        headers["Preference-Applied"] = ", ".join(applied)
    return headers


def enforce_max_affected(prefs: Preferences, affected: int) -> None:
    """`Prefer: handling=strict, max-affected=n`: refuse (and so roll back) a request that
    touched more rows; for an RPC the rows are those of its result set, as in PostgREST."""
    if prefs.strict_max_affected is not None and affected > prefs.strict_max_affected:
        raise RestError(400, "PGRST124", "Query result exceeds max-affected preference constraint",
                        details=f"The query affects {affected} rows")


# Response headers the clients read from a browser (CORS is applied once, in server.py).
EXPOSED_HEADERS = ["Content-Range", "Content-Location", "Location", "Preference-Applied", "Range-Unit"]


def build_app(ctx: StackContext) -> Starlette:
    api = RestApi(ctx, ctx.config.db_schemas)
    listen_for_reloads(ctx.db.dsn, api.cache, lambda: ctx.db.api.closed)
    methods = ["GET", "HEAD", "POST", "PATCH", "DELETE", "PUT"]
    return Starlette(
        routes=[
            Route("/", api.root, methods=["GET", "HEAD"]),
            Route("/rpc/{name}", api.rpc_endpoint, methods=methods),
            Route("/{name}", api.table_endpoint, methods=methods),
        ],
    )
