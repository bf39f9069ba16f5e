"""/rest/v1 aggregate functions with PostgREST's db-aggregates-enabled on.

Supabase keeps the setting off (tests/local_supabase/test_rest.py checks the PGRST123
refusal); these tests start a second stack on the session's database with it on.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from backend.local_supabase.config import StackConfig
from backend.local_supabase.server import LocalSupabase

pytestmark = pytest.mark.usefixtures("rest_tables")


@pytest.fixture(scope="module")
def aggregates_http(local_stack: LocalSupabase, tmp_path_factory) -> Iterator[httpx.Client]:
    stack = LocalSupabase(tmp_path_factory.mktemp("aggregates"), port=0, database_url=local_stack.ctx.db.dsn,
                          migrations_dir=None, config=StackConfig(db_aggregates_enabled=True))
    settings = stack.start()
    try:
        with httpx.Client(base_url=f"{settings.url}/rest/v1", timeout=10,
                          headers={"apikey": settings.service_key,
                                   "Authorization": f"Bearer {settings.service_key}"}) as client:
            yield client
    finally:
        stack.stop()


def test_count_over_all_rows_and_filtered_rows(aggregates_http):
    r = aggregates_http.get("/rt_book", params={"select": "count()"})
    assert (r.status_code, r.json()) == (200, [{"count": 5}])
    r = aggregates_http.get("/rt_book", params={"select": "books:count()", "pages": "gt.100"})
    assert (r.status_code, r.json()) == (200, [{"books": 4}])


def test_aggregates_group_by_the_other_selected_columns(aggregates_http):
    r = aggregates_http.get("/rt_book", params={
        "select": "author_id,count(),total:pages.sum(),pages.max(),pages.min(),avg_pages:pages.avg()::int,"
                  "rated:rating.count()",
        "order": "author_id"})
    assert r.status_code == 200, r.text
    assert r.json() == [
        {"author_id": 1, "count": 1, "total": 60, "max": 60, "min": 60, "avg_pages": 60, "rated": 1},
        {"author_id": 2, "count": 2, "total": 350, "max": 200, "min": 150, "avg_pages": 175, "rated": 1},
        {"author_id": 3, "count": 2, "total": 430, "max": 260, "min": 170, "avg_pages": 215, "rated": 2},
    ]


def test_cast_before_the_aggregate(aggregates_http):
    r = aggregates_http.get("/rt_author", params={"select": "born::numeric.sum()", "id": "in.(1,2)"})
    assert (r.status_code, r.json()) == (200, [{"sum": 3714}])


def test_aggregates_inside_an_embed_and_grouped_by_an_embed(aggregates_http):
    r = aggregates_http.get("/rt_author", params={"select": "name,rt_book!author_id(pages.sum())",
                                                  "id": "in.(2,4)", "order": "id"})
    assert (r.status_code, r.json()) == (200, [{"name": "Borges", "rt_book": [{"sum": 350}]},
                                               {"name": "Dickinson, Emily", "rt_book": [{"sum": None}]}])
    r = aggregates_http.get("/rt_book", params={"select": "pages.sum(),rt_author!author_id(country)"})
    assert r.status_code == 200, r.text
    assert sorted(r.json(), key=lambda row: row["sum"]) == [
        {"sum": 60, "rt_author": {"country": "UK"}}, {"sum": 350, "rt_author": {"country": "AR"}},
        {"sum": 430, "rt_author": {"country": "IT"}}]


def test_aggregate_of_an_unknown_column_or_type(aggregates_http):
    r = aggregates_http.get("/rt_book", params={"select": "nope.sum()"})
    assert (r.status_code, r.json()["code"]) == (400, "42703")
    r = aggregates_http.get("/rt_book", params={"select": "pages.sum()::nosuchtype"})
    assert (r.status_code, r.json()["code"]) == (400, "42704")


def test_aggregates_in_a_to_one_spread_are_hoisted_to_the_parent(aggregates_http):
    """PostgREST: inside a to-one spread the aggregates run over the parent's rows, grouped
    by the spread's other columns (and the parent's)."""
    r = aggregates_http.get("/rt_book", params={
        "select": "...rt_author!author_id(publisher_id,born.max(),born.min(),books:count(),oldest:born.min()::text)"})
    assert r.status_code == 200, r.text
    assert sorted(r.json(), key=lambda row: row["publisher_id"]) == [
        {"publisher_id": 1, "max": 1923, "min": 1815, "books": 3, "oldest": "1815"},
        {"publisher_id": 2, "max": 1899, "min": 1899, "books": 2, "oldest": "1899"}]
