"""/rest/v1 reads through the official client: select grammar, filters, embeds, counts, errors.

Every test talks real HTTP to the local stack and real PostgreSQL; raw httpx is used only
for what the client cannot express (Range header, bad JWTs, missing keys).
"""

from __future__ import annotations

import time

import httpx
import jwt
import pytest
from postgrest.exceptions import APIError

pytestmark = pytest.mark.usefixtures("rest_tables")


def ids(response) -> list[int]:
    return [row["id"] for row in response.data]


# ---------------------------------------------------------------------------- select list


def test_select_columns_alias_cast_and_json_path(service_client):
    res = (
        service_client.table("rt_author")
        .select("id, who:name, born::text, city:profile->>city, first_lang:profile->langs->>0, profile->langs")
        .eq("id", 1)
        .execute()
    )
    assert res.data == [
        {"id": 1, "who": "Ada", "born": "1815", "city": "London", "first_lang": "en", "langs": ["en", "fr"]}
    ]


def test_select_star_returns_all_columns_with_json_types(service_client):
    res = service_client.table("rt_book").select("*").eq("id", 1).execute()
    assert res.data == [
        {"id": 1, "title": "Notes", "author_id": 1, "editor_id": 2, "pages": 60, "rating": 4.5}
    ]


# -------------------------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda q: q.eq("country", "AR"), [2]),
        (lambda q: q.neq("country", "AR"), [1, 3, 4]),
        (lambda q: q.gt("born", 1815), [2, 3]),
        (lambda q: q.gte("born", 1899), [2, 3]),
        (lambda q: q.lt("born", 1899), [1]),
        (lambda q: q.lte("born", 1899), [1, 2]),
        (lambda q: q.like("name", "%D%"), [4]),
        (lambda q: q.ilike("name", "%D%"), [1, 4]),
        (lambda q: q.filter("name", "like", "B*"), [2]),
        (lambda q: q.filter("name", "ilike", "*d*"), [1, 4]),
        (lambda q: q.filter("name", "match", "^[AB]"), [1, 2]),
        (lambda q: q.filter("name", "imatch", "^c"), [3]),
        (lambda q: q.is_("born", None), [4]),
        (lambda q: q.not_.is_("born", None), [1, 2, 3]),
        (lambda q: q.in_("name", ["Ada", "Dickinson, Emily"]), [1, 4]),
        (lambda q: q.not_.in_("country", ["UK", "US"]), [2, 3]),
        (lambda q: q.contains("tags", ["fiction"]), [2, 3]),
        (lambda q: q.contained_by("tags", ["poetry", "math", "x"]), [1, 4]),
        (lambda q: q.overlaps("tags", ["essays", "math"]), [1, 3]),
        (lambda q: q.contains("profile", {"city": "London"}), [1]),
        (lambda q: q.eq("profile->>city", "Buenos Aires"), [2]),
        (lambda q: q.or_("country.eq.UK,born.gt.1900"), [1, 3]),
        (lambda q: q.or_("name.eq.Ada,and(country.eq.IT,born.lt.1930)"), [1, 3]),
        (lambda q: q.or_('name.in.("Dickinson, Emily",Ada),tags.cs.{fiction,essays}'), [1, 3, 4]),
        (lambda q: q.not_.or_("country.eq.UK,country.eq.AR"), [3, 4]),
        (lambda q: q.filter("born", "gt(any)", "{1900,1850}"), [2, 3]),
        (lambda q: q.filter("name", "like(all)", "{*a*,C*}"), [3]),
        (lambda q: q.filter("born", "isdistinct", "1815"), [2, 3, 4]),
    ],
)
def test_horizontal_filters(service_client, build, expected):
    res = build(service_client.table("rt_author").select("id")).order("id").execute()
    assert ids(res) == expected


def test_empty_in_list_matches_nothing(rest_http):
    r = rest_http.get("/rt_author", params={"select": "id", "id": "in.()"})
    assert (r.status_code, r.json()) == (200, [])
    r = rest_http.get("/rt_author", params={"select": "id", "id": "not.in.()", "order": "id"})
    assert (r.status_code, r.json()) == (200, [{"id": 1}, {"id": 2}, {"id": 3}, {"id": 4}])


def test_unknown_cast_type_is_42704(rest_http):
    r = rest_http.get("/rt_author", params={"select": "id::no_such_type"})
    assert r.status_code == 400
    assert r.json() == {"code": "42704", "details": None, "hint": None, "message": 'type "no_such_type" does not exist'}


def test_and_param_and_nested_not(rest_http):
    r = rest_http.get("/rt_author", params={"select": "id", "and": "(born.gte.1800,not.or(country.eq.AR,country.eq.IT))"})
    assert r.status_code == 200
    assert [row["id"] for row in r.json()] == [1]


@pytest.mark.parametrize(
    ("method", "value", "expected"),
    [("sl", "(10,20)", [1, 2]), ("sr", "(10,15)", [3]), ("adj", "(10,20)", [3]), ("nxr", "(1,6)", [1]),
     ("nxl", "(4,6)", [2, 3]), ("ov", "[3,6)", [1, 2])],
)
def test_range_operators(service_client, method, value, expected):
    res = service_client.table("rt_range").select("id").filter("span", method, value).order("id").execute()
    assert ids(res) == expected


@pytest.mark.parametrize(
    ("operator", "query", "expected"),
    [("fts(simple)", "quick & brown", [1]), ("plfts", "quick fox", [1, 3]), ("phfts", "brown fox", [1]),
     ("wfts", '"quick brown" -dog', [1]), ("fts(english)", "fox & quick", [1, 3]),
     ("not.plfts(english)", "foxes", [2])],
)
def test_full_text_search(service_client, operator, query, expected):
    res = service_client.table("rt_doc").select("id").filter("body", operator, query).order("id").execute()
    assert ids(res) == expected


def test_text_search_helper_with_config(service_client):
    res = (
        service_client.table("rt_doc").select("id")
        .text_search("body", "'fox' & 'quick'", options={"config": "english"}).order("id").execute()
    )
    assert ids(res) == [1, 3]


# ----------------------------------------------------------------------- order and paging


def test_order_with_nulls_and_multiple_columns(service_client):
    res = service_client.table("rt_author").select("id").order("born", desc=True, nullsfirst=False).execute()
    assert ids(res) == [3, 2, 1, 4]
    res = service_client.table("rt_author").select("id").order("born", nullsfirst=True).execute()
    assert ids(res) == [4, 1, 2, 3]
    res = service_client.table("rt_book").select("id").order("author_id", desc=True).order("pages").execute()
    assert ids(res) == [4, 5, 3, 2, 1]


def test_limit_offset_and_exact_count(service_client):
    res = service_client.table("rt_item").select("id", count="exact").order("id").range(10, 19).execute()
    assert ids(res) == list(range(11, 21))
    assert res.count == 57
    res = service_client.table("rt_item").select("id", count="exact").eq("n", 3).limit(2).execute()
    assert res.count == 8 and len(res.data) == 2


def test_content_range_statuses(rest_http):
    r = rest_http.get("/rt_item", params={"select": "id", "order": "id", "limit": 10}, headers={"Prefer": "count=exact"})
    assert r.status_code == 206 and r.headers["content-range"] == "0-9/57"
    r = rest_http.get("/rt_item", params={"select": "id", "limit": 10})
    assert r.status_code == 200 and r.headers["content-range"] == "0-9/*"
    r = rest_http.get("/rt_item", params={"select": "id", "n": "eq.99"}, headers={"Prefer": "count=exact"})
    assert r.status_code == 200 and r.headers["content-range"] == "*/0" and r.json() == []
    r = rest_http.get("/rt_item", params={"select": "id"}, headers={"Prefer": "count=exact"})
    assert r.status_code == 200 and r.headers["content-range"] == "0-56/57"
    r = rest_http.get("/rt_item", params={"offset": 100}, headers={"Prefer": "count=exact"})
    assert r.status_code == 416
    assert r.json()["code"] == "PGRST103" and r.headers["content-range"] == "*/57"
    assert r.headers["content-type"].startswith("application/json")


def test_range_header(rest_http):
    r = rest_http.get("/rt_item", params={"select": "id", "order": "id"},
                      headers={"Range": "5-7", "Range-Unit": "items", "Prefer": "count=exact"})
    assert r.status_code == 206
    assert [row["id"] for row in r.json()] == [6, 7, 8]
    assert r.headers["content-range"] == "5-7/57"
    r = rest_http.get("/rt_item", params={"select": "id"}, headers={"Range": "7-5"})
    assert r.status_code == 416 and r.json()["code"] == "PGRST103"


def test_reads_are_capped_at_max_rows_like_supabase(rest_http, db):
    db.execute("drop table if exists rt_many; create table rt_many as select g as id from generate_series(1, 1205) g")
    try:
        r = rest_http.get("/rt_many", params={"select": "id", "order": "id"}, headers={"Prefer": "count=exact"})
        assert r.status_code == 206 and r.headers["content-range"] == "0-999/1205"
        assert len(r.json()) == 1000
        r = rest_http.get("/rt_many", params={"select": "id", "order": "id", "offset": 1000})
        assert r.status_code == 200 and r.headers["content-range"] == "1000-1204/*"
        r = rest_http.get("/rt_many", params={"select": "id", "limit": 5})
        assert len(r.json()) == 5
    finally:
        db.execute("drop table rt_many")


def test_head_count_only(service_client):
    res = service_client.table("rt_item").select("*", count="exact", head=True).gt("n", 4).execute()
    assert res.count == 16
    assert res.data == []


def test_planned_and_estimated_counts_are_answered(service_client):
    for method in ("planned", "estimated"):
        res = service_client.table("rt_item").select("id", count=method).limit(1).execute()
        assert res.count == 57


# -------------------------------------------------------------------------------- embeds


def test_one_to_many_and_many_to_one_embeds(service_client):
    res = (
        service_client.table("rt_author")
        .select("name, publisher:rt_publisher(name), rt_book!rt_book_author_id_fkey(title)")
        .eq("id", 2)
        .order("id", foreign_table="rt_book")
        .execute()
    )
    assert res.data == [
        {"name": "Borges", "publisher": {"name": "Tor"}, "rt_book": [{"title": "Ficciones"}, {"title": "Aleph"}]}
    ]
    res = service_client.table("rt_author").select("name, rt_publisher(*)").eq("id", 4).execute()
    assert res.data == [{"name": "Dickinson, Emily", "rt_publisher": None}]


def test_ambiguous_embed_needs_a_hint(service_client):
    with pytest.raises(APIError) as err:
        service_client.table("rt_author").select("name, rt_book(title)").execute()
    assert err.value.code == "PGRST201"
    res = (
        service_client.table("rt_book")
        .select("title, author:rt_author!author_id(name), editor:rt_author!rt_book_editor_id_fkey(name)")
        .eq("id", 1)
        .execute()
    )
    assert res.data == [{"title": "Notes", "author": {"name": "Ada"}, "editor": {"name": "Borges"}}]


def test_ambiguous_embeds_list_every_candidate_as_postgrest_does(rest_http):
    """PGRST201's details: one object per candidate (PostgREST's `compressedRel`), hint in the same order."""
    r = rest_http.get("/rt_author", params={"select": "name,rt_book(title)"})
    assert r.status_code == 300, r.text
    body = r.json()
    by_fk = {"rt_book_author_id_fkey": "author_id", "rt_book_editor_id_fkey": "editor_id"}
    assert sorted(body["details"], key=lambda d: d["relationship"]) == [
        {"embedding": "rt_author with rt_book", "cardinality": "one-to-many",
         "relationship": f"{fk} using rt_author(id) and rt_book({column})"} for fk, column in by_fk.items()
    ]
    order = ", ".join(f"'rt_book!{d['relationship'].split()[0]}'" for d in body["details"])
    assert body == {
        "code": "PGRST201", "details": body["details"],
        "hint": f"Try changing 'rt_book' to one of the following: {order}. Find the desired relationship in the 'details' key.",
        "message": "Could not embed because more than one relationship was found for 'rt_author' and 'rt_book'",
    }
    r = rest_http.get("/rt_book", params={"select": "title,rt_author(name)"})
    assert r.status_code == 300
    assert sorted(r.json()["details"], key=lambda d: d["relationship"]) == [
        {"embedding": "rt_book with rt_author", "cardinality": "many-to-one",
         "relationship": f"{fk} using rt_book({column}) and rt_author(id)"} for fk, column in by_fk.items()
    ]


def test_ambiguity_between_composite_keys_names_every_column(rest_http, db):
    db.execute("create table rt_k_c (x int, y int, primary key (x, y));"
               " create table rt_k_d (id int primary key, x1 int, y1 int, x2 int, y2 int,"
               "   foreign key (x1, y1) references rt_k_c, foreign key (x2, y2) references rt_k_c);"
               " notify pgrst, 'reload schema';")
    try:
        r = rest_http.get("/rt_k_d", params={"select": "id,rt_k_c(x)"})
        assert r.status_code == 300, r.text
        assert sorted(r.json()["details"], key=lambda d: d["relationship"]) == [
            {"embedding": "rt_k_d with rt_k_c", "cardinality": "many-to-one",
             "relationship": f"rt_k_d_{x}_{y}_fkey using rt_k_d({x}, {y}) and rt_k_c(x, y)"}
            for x, y in (("x1", "y1"), ("x2", "y2"))
        ]
    finally:
        db.execute("drop table rt_k_d, rt_k_c")


def test_ambiguity_between_one_to_one_and_many_to_many(rest_http, db):
    db.execute(
        "create table rt_m_a (id int primary key);"
        " create table rt_m_b (id int primary key, a_id int unique references rt_m_a (id));"
        " create table rt_m_ab1 (a_id int references rt_m_a (id), b_id int references rt_m_b (id), primary key (a_id, b_id));"
        " create table rt_m_ab2 (a_id int references rt_m_a (id), b_id int references rt_m_b (id), primary key (b_id, a_id));"
        " notify pgrst, 'reload schema';"
    )
    try:
        junctions = [
            {"cardinality": "many-to-many",
             "relationship": f"{j} using {j}_{first}_id_fkey({first}_id) and {j}_{second}_id_fkey({second}_id)"}
            for j in ("rt_m_ab1", "rt_m_ab2") for first, second in [("a", "b")]
        ]
        r = rest_http.get("/rt_m_a", params={"select": "id,rt_m_b(id)"})
        assert r.status_code == 300, r.text
        assert sorted(r.json()["details"], key=lambda d: d["relationship"]) == [
            {"embedding": "rt_m_a with rt_m_b", **rel} for rel in junctions
        ] + [{"embedding": "rt_m_a with rt_m_b", "cardinality": "one-to-one",
              "relationship": "rt_m_b_a_id_fkey using rt_m_a(id) and rt_m_b(a_id)"}]
        hint = r.json()["hint"]
        assert hint.startswith("Try changing 'rt_m_b' to one of the following: ")
        assert sorted(hint.split(": ")[1].split(". ")[0].split(", ")) == [
            "'rt_m_b!rt_m_ab1'", "'rt_m_b!rt_m_ab2'", "'rt_m_b!rt_m_b_a_id_fkey'"]
        r = rest_http.get("/rt_m_b", params={"select": "id,rt_m_a(id)"})
        assert r.status_code == 300, r.text
        assert sorted(r.json()["details"], key=lambda d: d["relationship"]) == [
            {"embedding": "rt_m_b with rt_m_a", "cardinality": "many-to-many",
             "relationship": f"{j} using {j}_b_id_fkey(b_id) and {j}_a_id_fkey(a_id)"} for j in ("rt_m_ab1", "rt_m_ab2")
        ] + [{"embedding": "rt_m_b with rt_m_a", "cardinality": "one-to-one",
              "relationship": "rt_m_b_a_id_fkey using rt_m_b(a_id) and rt_m_a(id)"}]
        db.execute("insert into rt_m_a values (1), (2); insert into rt_m_b values (10, 1), (20, null), (30, null);"
                   " insert into rt_m_ab1 values (1, 20); insert into rt_m_ab2 values (1, 30), (2, 30)")
        for hint, expected in [("rt_m_ab1", [[{"id": 20}], []]), ("rt_m_ab2", [[{"id": 30}], [{"id": 30}]])]:
            r = rest_http.get("/rt_m_a", params={"select": f"id,rt_m_b!{hint}(id)", "order": "id"})
            assert r.status_code == 200, r.text
            assert r.json() == [{"id": 1, "rt_m_b": expected[0]}, {"id": 2, "rt_m_b": expected[1]}]
        r = rest_http.get("/rt_m_a", params={"select": "id,rt_m_b!rt_m_b_a_id_fkey(id)", "order": "id"})
        assert r.json() == [{"id": 1, "rt_m_b": {"id": 10}}, {"id": 2, "rt_m_b": None}]
    finally:
        db.execute("drop table rt_m_ab1, rt_m_ab2, rt_m_b, rt_m_a")


def test_nested_embeds_and_embedded_filters(service_client):
    res = (
        service_client.table("rt_publisher")
        .select("name, rt_author(name, books:rt_book!author_id(title, pages))")
        .eq("id", 1)
        .gt("rt_author.rt_book.pages", 100)
        .order("name", foreign_table="rt_author")
        .execute()
    )
    assert res.data == [{"name": "Penguin", "rt_author": [
        {"name": "Ada", "books": []},
        {"name": "Calvino", "books": [{"title": "Invisible Cities", "pages": 170},
                                      {"title": "If on a winter's night", "pages": 260}]},
    ]}]


def test_inner_embed_filters_parent_rows(service_client):
    res = (
        service_client.table("rt_author")
        .select("name, rt_book!author_id!inner(title)")
        .eq("rt_book.title", "Aleph")
        .execute()
    )
    assert res.data == [{"name": "Borges", "rt_book": [{"title": "Aleph"}]}]
    res = service_client.table("rt_author").select("id, rt_book!author_id(title)").eq("rt_book.title", "Aleph").order("id").execute()
    assert [len(row["rt_book"]) for row in res.data] == [0, 1, 0, 0]


def test_empty_embeds_filter_without_adding_a_key(rest_http):
    """PostgREST: `rel()` adds nothing to the rows; `rel!inner()` only keeps the parents that
    have a related row (matching the embed's filters)."""
    r = rest_http.get("/rt_book", params={"select": "title,rt_author!author_id()", "id": "lt.3", "order": "id"})
    assert (r.status_code, r.json()) == (200, [{"title": "Notes"}, {"title": "Ficciones"}])
    r = rest_http.get("/rt_author", params={"select": "name,rt_book!author_id!inner()", "rt_book.pages": "gt.160",
                                            "order": "id"})
    assert (r.status_code, r.json()) == (200, [{"name": "Borges"}, {"name": "Calvino"}])
    r = rest_http.get("/rt_author", params={"select": "id,rt_publisher!inner()", "rt_publisher.name": "eq.Tor"})
    assert (r.status_code, r.json()) == (200, [{"id": 2}])
    r = rest_http.get("/rt_author", params={"select": "id,rt_publisher()"}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.text.splitlines()[0] == "id"


@pytest.mark.parametrize("select", ["count()", "total:id.sum()", "name,rt_book!author_id(pages.max())",
                                    "born::numeric.avg()::int"])
def test_aggregates_are_refused_while_disabled(rest_http, select):
    """Supabase runs PostgREST with db-aggregates-enabled off: PGRST123."""
    r = rest_http.get("/rt_author", params={"select": select})
    assert r.status_code == 400
    assert r.json() == {"code": "PGRST123", "details": None, "hint": None,
                        "message": "Use of aggregate functions is not allowed"}


def test_unknown_aggregate_is_a_parse_error(rest_http):
    r = rest_http.get("/rt_author", params={"select": "id.median()"})
    assert (r.status_code, r.json()["code"]) == (400, "PGRST100")


def test_embedded_or_limit_and_null_filter(service_client):
    res = (
        service_client.table("rt_author")
        .select("id, rt_book!author_id!inner(title)")
        .or_("pages.lt.100,rating.gt.4.8", reference_table="rt_book")
        .order("id")
        .execute()
    )
    assert res.data == [{"id": 1, "rt_book": [{"title": "Notes"}]}, {"id": 2, "rt_book": [{"title": "Ficciones"}]}]
    res = service_client.table("rt_author").select("id, rt_book!author_id(id)").limit(1, foreign_table="rt_book").eq("id", 3).execute()
    assert len(res.data[0]["rt_book"]) == 1
    res = service_client.table("rt_author").select("id, rt_publisher(id)").is_("rt_publisher", None).execute()
    assert ids(res) == [4]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("is.null", [4]), ("not.is.null", [1, 2, 3]), ("is.not_null", [1, 2, 3]), ("not.is.not_null", [4])],
)
def test_null_filters_on_an_embed(rest_http, value, expected):
    r = rest_http.get("/rt_author", params={"select": "id,rt_publisher(id)", "rt_publisher": value, "order": "id"})
    assert r.status_code == 200, r.text
    assert [row["id"] for row in r.json()] == expected


def test_other_filters_on_an_embed_are_pgrst120(rest_http):
    r = rest_http.get("/rt_author", params={"select": "id,rt_publisher(id)", "rt_publisher": "is.true"})
    assert r.status_code == 400
    assert r.json() == {
        "code": "PGRST120", "details": "Only is null or not is null filters are allowed on embedded resources",
        "hint": None, "message": "Bad operator on the 'rt_publisher' embedded resource",
    }


def test_order_by_many_to_one_embedded_column(rest_http):
    r = rest_http.get("/rt_book", params={"select": "id,rt_author!author_id(name)", "order": "rt_author(name).desc,id.asc"})
    assert r.status_code == 200, r.text
    assert [row["id"] for row in r.json()] == [4, 5, 2, 3, 1]


def test_related_orders_need_a_to_one_relationship(rest_http):
    r = rest_http.get("/rt_author", params={"select": "id,rt_book!author_id(title)", "order": "rt_book(title)"})
    assert r.status_code == 400
    assert r.json() == {"code": "PGRST118", "hint": None,
                        "details": "'rt_author' and 'rt_book' do not form a many-to-one or one-to-one relationship",
                        "message": "A related order on 'rt_book' is not possible"}


def test_spread_to_many_gives_correlated_arrays(rest_http):
    """PostgREST 13: spreading a to-many embed turns each of its columns into an array, all
    in the embed's order (`[]` without related rows); nested to-many spreads nest arrays."""
    r = rest_http.get("/rt_author", params={"select": "id,...rt_book!author_id(titles:title,pages)",
                                            "id": "in.(2,3,4)", "order": "id", "rt_book.order": "pages.desc"})
    assert (r.status_code, r.json()) == (200, [
        {"id": 2, "titles": ["Ficciones", "Aleph"], "pages": [200, 150]},
        {"id": 3, "titles": ["If on a winter's night", "Invisible Cities"], "pages": [260, 170]},
        {"id": 4, "titles": [], "pages": []}])
    r = rest_http.get("/rt_author", params={"select": "name,...rt_book!author_id(title,...rt_tag(tag:name))",
                                            "id": "eq.2", "rt_book.order": "id", "rt_book.rt_tag.order": "id"})
    assert (r.status_code, r.json()) == (200, [{"name": "Borges", "title": ["Ficciones", "Aleph"],
                                                "tag": [["classic", "short"], []]}])


def test_related_order_with_nulls_placement(rest_http):
    params = {"select": "id,editor:rt_author!editor_id(born)", "order": "editor(born).desc.nullslast,id"}
    r = rest_http.get("/rt_book", params=params)
    assert r.status_code == 200, r.text
    assert [row["id"] for row in r.json()] == [3, 1, 4, 2, 5]
    r = rest_http.get("/rt_book", params={**params, "order": "editor(born).asc.nullsfirst,id"})
    assert [row["id"] for row in r.json()] == [2, 5, 4, 1, 3]


def test_spread_embed(rest_http):
    r = rest_http.get("/rt_book", params={"select": "id,...rt_author!author_id(author_name:name)", "id": "eq.2"})
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 2, "author_name": "Borges"}]


def test_spread_of_star_nested_spreads_and_embeds_inside_a_spread(rest_http):
    r = rest_http.get("/rt_author_bio", params={"select": "bio,...rt_author(*)", "author_id": "eq.1"})
    assert r.status_code == 200, r.text
    assert r.json() == [{"bio": "Analyst", "id": 1, "name": "Ada", "country": "UK", "born": 1815,
                         "tags": ["math", "poetry"], "profile": {"city": "London", "langs": ["en", "fr"]},
                         "publisher_id": 1}]
    r = rest_http.get("/rt_book", params={
        "select": "title,...rt_author!author_id(author:name,...rt_publisher(publisher:name))", "id": "eq.2"})
    assert r.status_code == 200, r.text
    assert r.json() == [{"title": "Ficciones", "author": "Borges", "publisher": "Tor"}]
    r = rest_http.get("/rt_book", params={"select": "title,...rt_author!author_id(name,rt_publisher(name))", "id": "eq.2"})
    assert r.status_code == 200, r.text
    assert r.json() == [{"title": "Ficciones", "name": "Borges", "rt_publisher": {"name": "Tor"}}]


def test_one_to_one_embeds_are_objects(service_client):
    res = service_client.table("rt_author").select("id, rt_author_bio(bio)").in_("id", [1, 2]).order("id").execute()
    assert res.data == [{"id": 1, "rt_author_bio": {"bio": "Analyst"}}, {"id": 2, "rt_author_bio": None}]
    res = service_client.table("rt_author_bio").select("bio, rt_author(name)").eq("author_id", 3).execute()
    assert res.data == [{"bio": "Oulipo", "rt_author": {"name": "Calvino"}}]


def test_embedded_count(service_client):
    res = service_client.table("rt_author").select("name, rt_book!author_id(count)").order("id").execute()
    assert [row["rt_book"] for row in res.data] == [[{"count": 1}], [{"count": 2}], [{"count": 2}], [{"count": 0}]]
    res = (
        service_client.table("rt_author").select("id, books:rt_book!author_id(total:count)")
        .gt("rt_book.pages", 160).eq("id", 3).execute()
    )
    assert res.data == [{"id": 3, "books": [{"total": 2}]}]


def test_a_column_named_count_is_selected_not_counted(service_client, db):
    db.execute("create table rt_tally (id int primary key, author_id int references rt_author (id), count int);"
               " insert into rt_tally values (1, 1, 7), (2, 1, 9); notify pgrst, 'reload schema'")
    try:
        res = service_client.table("rt_author").select("id, rt_tally(count)").eq("id", 1).order("id", foreign_table="rt_tally").execute()
        assert res.data == [{"id": 1, "rt_tally": [{"count": 7}, {"count": 9}]}]
    finally:
        db.execute("drop table rt_tally")


def test_many_to_many_through_junction_table(service_client):
    res = (
        service_client.table("rt_book").select("title, rt_tag(name)")
        .in_("id", [2, 3, 4]).order("id").order("name", foreign_table="rt_tag").execute()
    )
    assert res.data == [
        {"title": "Ficciones", "rt_tag": [{"name": "classic"}, {"name": "short"}]},
        {"title": "Aleph", "rt_tag": []},
        {"title": "Invisible Cities", "rt_tag": [{"name": "classic"}, {"name": "italian"}]},
    ]
    res = service_client.table("rt_tag").select("name, rt_book!inner(id)").eq("rt_book.id", 1).execute()
    assert res.data == [{"name": "short", "rt_book": [{"id": 1}]}]


def test_many_to_many_with_composite_keys_and_shared_column_names(service_client, db):
    """The junction's columns are named like the target's (dept, num, student_id): every join
    condition must say which table it means."""
    db.execute(
        "create table rt_cm_student (id int primary key, name text);"
        " create table rt_cm_course (dept text, num int, title text, student_id int, primary key (dept, num));"
        " create table rt_cm_enrolment (student_id int references rt_cm_student (id), dept text, num int,"
        "   foreign key (dept, num) references rt_cm_course (dept, num), primary key (student_id, dept, num));"
        " insert into rt_cm_student values (1, 'Ann'), (2, 'Bo');"
        " insert into rt_cm_course values ('cs', 1, 'Intro', 2), ('cs', 2, 'Compilers', null), ('ma', 1, 'Calculus', 1);"
        " insert into rt_cm_enrolment values (1, 'cs', 1), (1, 'ma', 1), (2, 'cs', 2);"
        " notify pgrst, 'reload schema';"
    )
    try:
        res = (
            service_client.table("rt_cm_student").select("name, rt_cm_course(dept, num, title)")
            .order("id").order("title", foreign_table="rt_cm_course").execute()
        )
        assert res.data == [
            {"name": "Ann", "rt_cm_course": [{"dept": "ma", "num": 1, "title": "Calculus"},
                                             {"dept": "cs", "num": 1, "title": "Intro"}]},
            {"name": "Bo", "rt_cm_course": [{"dept": "cs", "num": 2, "title": "Compilers"}]},
        ]
        res = service_client.table("rt_cm_course").select("title, rt_cm_student(name)").order("title").execute()
        assert res.data == [
            {"title": "Calculus", "rt_cm_student": [{"name": "Ann"}]},
            {"title": "Compilers", "rt_cm_student": [{"name": "Bo"}]},
            {"title": "Intro", "rt_cm_student": [{"name": "Ann"}]},
        ]
        # a related order through the composite key: each row's own course decides
        r = service_client.table("rt_cm_enrolment").select("student_id, rt_cm_course(title)").order(
            "rt_cm_course(title)").execute()
        assert r.data == [{"student_id": 1, "rt_cm_course": {"title": "Calculus"}},
                          {"student_id": 2, "rt_cm_course": {"title": "Compilers"}},
                          {"student_id": 1, "rt_cm_course": {"title": "Intro"}}]
    finally:
        db.execute("drop table rt_cm_enrolment, rt_cm_course, rt_cm_student")


def test_a_junction_of_three_tables_links_each_pair(rest_http, db):
    db.execute(
        "create table rt_tw_student (id int primary key); create table rt_tw_term (id int primary key);"
        " create table rt_tw_course (id int primary key);"
        " create table rt_tw_enrol (student_id int references rt_tw_student (id), term_id int references rt_tw_term (id),"
        "   course_id int references rt_tw_course (id), primary key (student_id, term_id, course_id));"
        " insert into rt_tw_student values (1); insert into rt_tw_term values (7); insert into rt_tw_course values (30);"
        " insert into rt_tw_enrol values (1, 7, 30); notify pgrst, 'reload schema';"
    )
    try:
        for parent, target, row_id, target_id in [("rt_tw_student", "rt_tw_course", 1, 30),
                                                   ("rt_tw_student", "rt_tw_term", 1, 7),
                                                   ("rt_tw_course", "rt_tw_term", 30, 7),
                                                   ("rt_tw_term", "rt_tw_student", 7, 1)]:
            r = rest_http.get(f"/{parent}", params={"select": f"id,{target}(id)"})
            assert r.status_code == 200, (parent, target, r.text)
            assert r.json() == [{"id": row_id, target: [{"id": target_id}]}]
    finally:
        db.execute("drop table rt_tw_enrol, rt_tw_student, rt_tw_term, rt_tw_course")


def test_only_the_junction_key_inside_the_primary_key_links(rest_http, db):
    """rt_j2_ab references rt_j2_b twice; only b_id is part of its primary key, so only it links."""
    db.execute(
        "create table rt_j2_a (id int primary key); create table rt_j2_b (id int primary key);"
        " create table rt_j2_ab (a_id int references rt_j2_a (id), old_b_id int references rt_j2_b (id),"
        "   b_id int references rt_j2_b (id), primary key (a_id, b_id));"
        " insert into rt_j2_a values (1); insert into rt_j2_b values (5), (6); insert into rt_j2_ab values (1, 5, 6);"
        " notify pgrst, 'reload schema';"
    )
    try:
        r = rest_http.get("/rt_j2_a", params={"select": "id,rt_j2_b(id)"})
        assert (r.status_code, r.json()) == (200, [{"id": 1, "rt_j2_b": [{"id": 6}]}])
    finally:
        db.execute("drop table rt_j2_ab, rt_j2_a, rt_j2_b")


def test_a_child_referencing_two_tables_is_not_a_junction(service_client, db):
    """Only keys inside the junction's primary key make many-to-many (as PostgREST):
    a table that merely references both sides must not make the direct embed ambiguous."""
    db.execute(
        "create table rt_session (id int primary key);"
        " create table rt_answer (id int primary key, session_id int not null references rt_session (id));"
        " create table rt_note (id int primary key, session_id int references rt_session (id),"
        "   answer_id int references rt_answer (id));"
        " insert into rt_session values (1); insert into rt_answer values (10, 1), (11, 1);"
        " insert into rt_note values (100, 1, 10);"
        " notify pgrst, 'reload schema';"
    )
    try:
        res = service_client.table("rt_session").select("id, rt_answer(id)").order("id", foreign_table="rt_answer").execute()
        assert res.data == [{"id": 1, "rt_answer": [{"id": 10}, {"id": 11}]}]
    finally:
        db.execute("drop table rt_note, rt_answer, rt_session")


def test_embeds_through_views(service_client):
    res = service_client.table("rt_book_view").select("title, rt_author(name)").order("id").limit(2).execute()
    assert res.data == [{"title": "Ficciones", "rt_author": {"name": "Borges"}},
                        {"title": "Aleph", "rt_author": {"name": "Borges"}}]
    res = service_client.table("rt_author").select("name, rt_book_view(title)").eq("id", 1).execute()
    assert res.data == [{"name": "Ada", "rt_book_view": []}]  # the view hides short books


def test_csv_output(service_client, rest_http):
    res = service_client.table("rt_author").select("id, name, born").in_("id", [1, 4]).order("id").csv().execute()
    assert res.data == 'id,name,born\n1,Ada,1815\n4,"Dickinson, Emily",'
    r = rest_http.get("/rt_author", params={"select": "id", "id": "eq.0"}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.text == "id"
    assert r.headers["content-type"] == "text/csv; charset=utf-8"


# -------------------------------------------------------------------------- single object


def test_single_and_maybe_single(service_client):
    assert service_client.table("rt_author").select("name").eq("id", 3).single().execute().data == {"name": "Calvino"}
    with pytest.raises(APIError) as err:
        service_client.table("rt_author").select("name").eq("id", 99).single().execute()
    assert err.value.code == "PGRST116" and err.value.details == "The result contains 0 rows"
    with pytest.raises(APIError) as err:
        service_client.table("rt_author").select("name").single().execute()
    assert err.value.code == "PGRST116" and err.value.details == "The result contains 4 rows"
    assert service_client.table("rt_author").select("name").eq("id", 99).maybe_single().execute() is None


def test_single_object_status_and_content_type(rest_http):
    r = rest_http.get("/rt_author", params={"id": "eq.1", "select": "id"}, headers={"Accept": "application/vnd.pgrst.object+json"})
    assert r.status_code == 200 and r.json() == {"id": 1}
    assert r.headers["content-type"] == "application/vnd.pgrst.object+json; charset=utf-8"
    r = rest_http.get("/rt_author", headers={"Accept": "application/vnd.pgrst.object+json"})
    assert r.status_code == 406 and r.json()["code"] == "PGRST116"


def test_strip_nulls(service_client):
    res = service_client.table("rt_author").select("id, born").eq("id", 4).strip_nulls().execute()
    assert res.data == [{"id": 4}]


# ------------------------------------------------------------------------- error handling


def test_unknown_table_column_and_relationship(service_client):
    with pytest.raises(APIError) as err:
        service_client.table("rt_missing").select("*").execute()
    assert err.value.code == "PGRST205"
    assert err.value.message == "Could not find the table 'public.rt_missing' in the schema cache"
    with pytest.raises(APIError) as err:
        service_client.table("rt_author").select("nope").execute()
    assert err.value.code == "42703" and err.value.message == "column rt_author.nope does not exist"
    with pytest.raises(APIError) as err:
        service_client.table("rt_author").select("id").eq("nope", 1).execute()
    assert err.value.code == "42703"
    with pytest.raises(APIError) as err:
        service_client.table("rt_author").select("id").order("nope").execute()
    assert err.value.code == "42703"
    with pytest.raises(APIError) as err:
        service_client.table("rt_doc").select("*, rt_author(*)").execute()
    assert err.value.code == "PGRST200"


def test_embed_without_relationship_is_pgrst200(rest_http):
    r = rest_http.get("/rt_doc", params={"select": "*,rt_author(*)"})
    assert r.status_code == 400
    assert r.json() == {
        "code": "PGRST200", "hint": None,
        "details": "Searched for a foreign key relationship between 'rt_doc' and 'rt_author' in the schema 'public',"
                   " but no matches were found.",
        "message": "Could not find a relationship between 'rt_doc' and 'rt_author' in the schema cache",
    }
    r = rest_http.get("/rt_author", params={"select": "*,zzzz(*)"})
    assert r.status_code == 400
    assert r.json() == {
        "code": "PGRST200", "hint": None,
        "details": "Searched for a foreign key relationship between 'rt_author' and 'zzzz' in the schema 'public',"
                   " but no matches were found.",
        "message": "Could not find a relationship between 'rt_author' and 'zzzz' in the schema cache",
    }
    r = rest_http.get("/rt_book", params={"select": "*,rt_author!nope(*)"})
    assert r.status_code == 400
    assert r.json() == {
        "code": "PGRST200", "hint": None,
        "details": "Searched for a foreign key relationship between 'rt_book' and 'rt_author' using the hint 'nope'"
                   " in the schema 'public', but no matches were found.",
        "message": "Could not find a relationship between 'rt_book' and 'rt_author' in the schema cache",
    }


def test_self_referencing_table_embeds_children_by_name_and_parent_by_column(rest_http):
    """PostgREST's convention for a self-referencing key: the table's name embeds the
    children (to-many), the key column embeds the parent (to-one)."""
    r = rest_http.get("/rt_collection", params={"select": "id,rt_collection(id)", "id": "in.(1,2,4)",
                                                "order": "id", "rt_collection.order": "id"})
    assert (r.status_code, r.json()) == (200, [{"id": 1, "rt_collection": [{"id": 2}, {"id": 3}]},
                                               {"id": 2, "rt_collection": [{"id": 4}]},
                                               {"id": 4, "rt_collection": []}])
    r = rest_http.get("/rt_collection", params={"select": "name,parent:parent_id(name),children:rt_collection!parent_id(name)",
                                                "id": "eq.2"})
    assert (r.status_code, r.json()) == (200, [{"name": "books", "parent": {"name": "root"},
                                                "children": [{"name": "novels"}]}])
    r = rest_http.get("/rt_collection", params={"select": "id,parent_id(id)", "id": "eq.1"})
    assert (r.status_code, r.json()) == (200, [{"id": 1, "parent_id": None}])


def test_embed_by_foreign_key_column_or_constraint_name(rest_http):
    """PostgREST resolves an embed named after the origin's key column or the constraint."""
    r = rest_http.get("/rt_post", params={"select": "id,username(id)", "order": "id"})
    assert (r.status_code, r.json()) == (200, [{"id": 1, "username": {"id": 1}}, {"id": 2, "username": {"id": 1}},
                                               {"id": 3, "username": {"id": 2}}])
    r = rest_http.get("/rt_best_friend", params={"select": "id,x:rt_best_friend_first_user_fkey(id),"
                                                           "y:rt_best_friend_second_user_fkey(username)",
                                                 "order": "id"})
    assert (r.status_code, r.json()) == (200, [{"id": 1, "x": {"id": 1}, "y": {"username": "bo"}},
                                               {"id": 2, "x": {"id": 3}, "y": {"username": "ada"}}])
    r = rest_http.get("/rt_member", params={"select": "username,rt_post_username_fkey(id)", "id": "eq.1"})
    assert r.status_code == 200, r.text
    assert sorted(p["id"] for p in r.json()[0]["rt_post_username_fkey"]) == [1, 2]
    # the key is also rt_book_view's (a view of rt_book), but a constraint name only reaches tables
    r = rest_http.get("/rt_author", params={"select": "id,rt_book_author_id_fkey(id)", "id": "eq.2"})
    assert r.status_code == 200, r.text
    assert sorted(b["id"] for b in r.json()[0]["rt_book_author_id_fkey"]) == [2, 3]


def test_computed_fields_select_filter_and_order(rest_http):
    """PostgREST: `f(table)` is a virtual column, left out of `*`, usable in select (with
    alias and cast), filters, orders, embeds and a write's representation."""
    r = rest_http.get("/rt_author", params={"select": "id,label:rt_label::varchar",
                                            "rt_label": "like.*(*", "order": "rt_label.desc"})
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 4, "label": "Dickinson, Emily (US)"}, {"id": 3, "label": "Calvino (IT)"},
                        {"id": 2, "label": "Borges (AR)"}, {"id": 1, "label": "Ada (UK)"}]
    r = rest_http.get("/rt_author", params={"select": "*", "id": "eq.1"})
    assert "rt_label" not in r.json()[0]
    r = rest_http.get("/rt_book", params={"select": "id,rt_author!author_id(rt_label)", "id": "eq.4"})
    assert r.json() == [{"id": 4, "rt_author": {"rt_label": "Calvino (IT)"}}]
    r = rest_http.post("/rt_author", params={"select": "rt_label"}, json={"id": 9, "name": "Eco"},
                       headers={"Prefer": "return=representation, tx=rollback"})
    assert (r.status_code, r.json()) == (201, [{"rt_label": "Eco (?)"}])
    r = rest_http.get("/rt_author", params={"select": "rt_labels"})
    assert (r.status_code, r.json()["code"]) == (400, "42703")


def test_computed_relationships_embed_the_function_rows(rest_http):
    """PostgREST: `f(parent) returns setof target` embeds as `f(...)`: to-many, or to-one
    with `rows 1`; filters, !inner and related orders apply to it as to any embed."""
    r = rest_http.get("/rt_author", params={"select": "name,rt_books_of(title)", "id": "in.(2,4)", "order": "id",
                                            "rt_books_of.order": "id"})
    assert (r.status_code, r.json()) == (200, [{"name": "Borges", "rt_books_of": [{"title": "Ficciones"},
                                                                                   {"title": "Aleph"}]},
                                               {"name": "Dickinson, Emily", "rt_books_of": []}])
    r = rest_http.get("/rt_author", params={"select": "id,books:rt_books_of!inner(id)", "books.pages": "gt.200",
                                            "order": "id"})
    assert (r.status_code, r.json()) == (200, [{"id": 3, "books": [{"id": 5}]}])
    r = rest_http.get("/rt_book", params={"select": "id,rt_writer(name)", "id": "lt.3", "order": "rt_writer(name).desc"})
    assert (r.status_code, r.json()) == (200, [{"id": 2, "rt_writer": {"name": "Borges"}},
                                               {"id": 1, "rt_writer": {"name": "Ada"}}])


def test_a_computed_relationship_named_like_a_table_overrides_the_foreign_key(rest_http, db):
    db.execute("create table rt_director (id int primary key, name text);"
               " create table rt_film (id int primary key, director_id int references rt_director);"
               " insert into rt_director values (1, 'Varda'), (2, 'Ozu'); insert into rt_film values (10, 1);"
               " create function rt_director(rt_film) returns setof rt_director rows 1 language sql stable"
               "   as $$ select * from rt_director where id <> $1.director_id $$")
    try:
        r = rest_http.get("/rt_film", params={"select": "id,rt_director(name)"})
        assert (r.status_code, r.json()) == (200, [{"id": 10, "rt_director": {"name": "Ozu"}}])
    finally:
        db.execute("drop table rt_film, rt_director cascade")


def test_a_new_foreign_key_is_embeddable_without_a_reload_notice(rest_http, db):
    """As on Supabase, whose DDL event trigger reloads PostgREST's cache: no `notify pgrst` here."""
    db.execute("create table rt_fk_parent (id int primary key); create table rt_fk_child (id int primary key, parent_id int);"
               " insert into rt_fk_parent values (1); insert into rt_fk_child values (10, 1)")
    try:
        assert rest_http.get("/rt_fk_parent", params={"select": "id,rt_fk_child(id)"}).status_code == 400
        db.execute("alter table rt_fk_child add foreign key (parent_id) references rt_fk_parent (id)")
        r = rest_http.get("/rt_fk_parent", params={"select": "id,rt_fk_child(id)"})
        assert r.status_code == 200, r.text
        assert r.json() == [{"id": 1, "rt_fk_child": [{"id": 10}]}]
    finally:
        db.execute("drop table rt_fk_child, rt_fk_parent")


def test_filters_and_orders_name_an_embed_by_alias_or_not_at_all(rest_http):
    r = rest_http.get("/rt_author", params={"select": "id,books:rt_book!author_id!inner(title)",
                                            "books.title": "eq.Aleph"})
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 2, "books": [{"title": "Aleph"}]}]
    r = rest_http.get("/rt_author", params={"select": "id", "rt_book.title": "eq.x"})
    assert r.status_code == 400
    assert r.json() == {"code": "PGRST108", "details": None,
                        "hint": "Verify that 'rt_book' is included in the 'select' query parameter.",
                        "message": "'rt_book' is not an embedded resource in this request"}


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"select": "id,(name"}, "PGRST100"),
        ({"id": "equals.1"}, "PGRST100"),
        ({"id": "is.maybe"}, "PGRST100"),
        ({"or": "id.eq.1"}, "PGRST100"),
        ({"limit": "-1"}, "PGRST100"),
        ({"order": "id.sideways,"}, "PGRST100"),
        ({"id": "eq.not-a-number"}, "22P02"),
        ({"name": "eq.nul\x00byte"}, "22021"),
        ({"select": "id::no_such_type"}, "42704"),
        ({"rt_book.title": "eq.x"}, "PGRST108"),
        ({"select": "id," + "a(" * 400 + "*" + ")" * 400}, "PGRST100"),
        ({"or": "(" + "and(" * 400 + "id.eq.1" + ")" * 401}, "PGRST100"),
    ],
)
def test_bad_requests_are_clean_400s(rest_http, params, code):
    r = rest_http.get("/rt_author", params=params)
    assert r.status_code == 400, r.text
    body = r.json()
    assert set(body) == {"code", "details", "hint", "message"}
    assert body["code"] == code


@pytest.mark.parametrize(
    "identifier",
    ['x"; drop table rt_item; --', 'id"); delete from rt_item; --', "rt_item; drop table rt_item"],
)
def test_injection_through_identifiers_runs_no_sql(rest_http, db, identifier):
    before = db.execute("select count(*) from rt_item").fetchone()[0]
    for params in ({"select": identifier}, {identifier: "eq.1"}, {"order": identifier}):
        r = rest_http.get("/rt_item", params=params)
        assert 400 <= r.status_code < 500, r.text
    r = rest_http.get(f"/{identifier}")
    assert r.status_code in (400, 404)
    r = rest_http.post("/rt_item", json={identifier: 1})
    assert r.status_code == 400 and r.json()["code"] == "PGRST204"
    assert db.execute("select count(*) from rt_item").fetchone()[0] == before == 57


def test_bad_identifiers_never_reach_a_request_transaction(local_stack, rest_http, monkeypatch):
    """Proof that no request SQL runs: the per-request transaction is never opened."""
    opened = []
    real = local_stack.ctx.db.as_role

    def spy(*args, **kwargs):
        opened.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(local_stack.ctx.db, "as_role", spy)
    bad = [
        ("get", "/rt_item", {"select": 'id,"x""; drop table rt_item; --"'}),
        ("get", "/rt_item", {'x"; drop table rt_item; --': "eq.1"}),
        ("get", "/rt_item", {"order": "id;drop"}),
        ("get", "/rt_item;drop", {}),
        ("get", "/rt_item", {"select": "*,rt_item(*)"}),
        ("get", "/rt_item", {"select": "id::text;drop"}),
        ("post", "/rpc/pg_sleep", {}),
    ]
    for method, path, params in bad:
        r = rest_http.request(method.upper(), path, params=params, json={} if method == "post" else None)
        assert 400 <= r.status_code < 500, (path, params, r.text)
        assert set(r.json()) == {"code", "details", "hint", "message"}
    assert opened == []
    assert rest_http.get("/rt_item", params={"select": "id", "limit": 1}).status_code == 200
    assert len(opened) == 1


def test_values_are_bound_not_interpolated(service_client, db):
    res = service_client.table("rt_author").select("id").eq("name", "x'; drop table rt_author; --").execute()
    assert res.data == []
    res = service_client.table("rt_author").select("id").in_("name", ["a') or true --", "Ada"]).execute()
    assert ids(res) == [1]
    assert db.execute("select count(*) from rt_author").fetchone()[0] == 4


def test_new_tables_are_found_without_restart(service_client, db):
    db.execute("drop table if exists rt_late; create table rt_late (id int primary key, v text)")
    db.execute("insert into rt_late values (1, 'late')")
    assert service_client.table("rt_late").select("*").execute().data == [{"id": 1, "v": "late"}]
    db.execute("alter table rt_late add column extra int default 7")
    assert service_client.table("rt_late").select("extra").execute().data == [{"extra": 7}]
    db.execute("alter table rt_late rename column v to renamed")
    assert service_client.table("rt_late").select("renamed").execute().data == [{"renamed": "late"}]
    db.execute("drop table rt_late")


def test_unknown_names_do_not_reload_an_unchanged_catalog(local_stack, service_client):
    service_client.table("rt_item").select("id").limit(1).execute()
    cache = _rest_cache(local_stack)
    before = cache.generation
    for _ in range(3):
        with pytest.raises(APIError):
            service_client.table("rt_never_created").select("*").execute()
    assert cache.generation == before


def test_notify_reloads_schema_cache(local_stack, service_client, db):
    service_client.table("rt_item").select("id").limit(1).execute()
    api_cache = _rest_cache(local_stack)
    before = api_cache.generation
    db.execute("notify pgrst, 'reload schema'")
    deadline = time.monotonic() + 5
    while api_cache.generation == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert api_cache.generation > before


def _rest_cache(local_stack):
    """The running /rest/v1 app's schema cache (found through the mounted routes)."""
    app = local_stack._server.config.app
    for route in app.routes:
        if getattr(route, "path", "") == "/rest/v1":
            sub = route.app
            for inner in sub.routes:
                endpoint = getattr(inner, "endpoint", None)
                if endpoint is not None and hasattr(endpoint, "__self__"):
                    return endpoint.__self__.cache
    raise AssertionError("rest app not found")


# ------------------------------------------------------------------------------------ auth


def test_missing_key_is_401(stack_settings):
    r = httpx.get(f"{stack_settings.url}/rest/v1/rt_author")
    assert r.status_code == 401
    assert r.json() == {"message": "No API key found in request",
                        "hint": "No `apikey` request header or url param was found."}


def test_bad_and_expired_jwts_are_401(stack_settings):
    url = f"{stack_settings.url}/rest/v1/rt_author"
    forged = jwt.encode({"role": "service_role", "exp": int(time.time()) + 60}, "wrong-secret", algorithm="HS256")
    r = httpx.get(url, headers={"apikey": stack_settings.anon_key, "Authorization": f"Bearer {forged}"})
    assert r.status_code == 401 and r.json()["code"] == "PGRST301"
    assert set(r.json()) == {"code", "details", "hint", "message"}
    expired = jwt.encode({"role": "anon", "exp": int(time.time()) - 10}, stack_settings.jwt_secret, algorithm="HS256")
    r = httpx.get(url, headers={"apikey": expired})
    assert r.status_code == 401 and r.json()["code"] == "PGRST303" and r.json()["message"] == "JWT expired"
    r = httpx.get(url, headers={"apikey": "not-a-jwt"})
    assert r.status_code == 401 and r.json()["code"] == "PGRST301"
    none_alg = jwt.encode({"role": "service_role", "exp": int(time.time()) + 60}, None, algorithm="none")
    r = httpx.get(url, headers={"apikey": none_alg})
    assert r.status_code == 401


def test_a_verified_token_still_expires(stack_settings):
    """Verified claims are cached per token; the cache must not outlive `exp`."""
    url = f"{stack_settings.url}/rest/v1/rt_author"
    token = jwt.encode({"role": "anon", "exp": int(time.time()) + 2}, stack_settings.jwt_secret, algorithm="HS256")
    assert httpx.get(url, params={"select": "id"}, headers={"apikey": token}).status_code == 200
    time.sleep(max(0.0, jwt.decode(token, options={"verify_signature": False})["exp"] - time.time()) + 0.2)
    r = httpx.get(url, params={"select": "id"}, headers={"apikey": token})
    assert r.status_code == 401 and r.json()["code"] == "PGRST303"


def test_privilege_errors_are_401_for_anon_403_for_users(anon_client, make_user, db):
    db.execute("drop table if exists rt_secret; create table rt_secret (id int primary key)")
    db.execute("revoke all on rt_secret from anon, authenticated")
    with pytest.raises(APIError) as err:
        anon_client.table("rt_secret").select("*").execute()
    assert err.value.code == "42501"
    r = httpx.get(f"{anon_client.rest_url}rt_secret" if str(anon_client.rest_url).endswith("/") else f"{anon_client.rest_url}/rt_secret",
                  headers={"apikey": anon_client.supabase_key})
    assert r.status_code == 401
    user = make_user()
    r = httpx.get(f"{str(anon_client.rest_url).rstrip('/')}/rt_secret",
                  headers={"apikey": anon_client.supabase_key, "Authorization": f"Bearer {user.access_token}"})
    assert r.status_code == 403 and r.json()["code"] == "42501"
    db.execute("drop table rt_secret")


def test_profiles_select_other_exposed_schemas(local_stack, db, stack_settings):
    from dataclasses import replace

    from starlette.testclient import TestClient

    from backend.local_supabase.rest.app import build_app

    db.execute("create schema if not exists rt_api; grant usage on schema rt_api to service_role;"
               " drop table if exists rt_api.rt_item; create table rt_api.rt_item (id int primary key, v text);"
               " grant all on rt_api.rt_item to service_role; insert into rt_api.rt_item values (1, 'other')")
    headers = {"apikey": stack_settings.service_key}
    ctx = replace(local_stack.ctx, config=replace(local_stack.ctx.config, db_schemas=("public", "rt_api")))
    with TestClient(build_app(ctx)) as client:
        r = client.get("/rt_item", params={"id": "eq.1"}, headers={**headers, "Accept-Profile": "rt_api"})
        assert r.status_code == 200 and r.json() == [{"id": 1, "v": "other"}]
        r = client.post("/rt_item", json={"id": 2, "v": "w"}, headers={**headers, "Content-Profile": "rt_api"})
        assert r.status_code == 201
        r = client.get("/rt_item", params={"id": "eq.1", "select": "n"}, headers=headers)
        assert r.status_code == 200  # public.rt_item has `n`; rt_api.rt_item does not
    assert db.execute("select v from rt_api.rt_item where id = 2").fetchone() == ("w",)
    db.execute("drop schema rt_api cascade")


def test_writes_and_junctions_stay_in_the_profile_schema(local_stack, db, stack_settings):
    """rt_api's tables are named like public's (searched first by the search path): every statement
    must name the schema of the profile it serves."""
    from dataclasses import replace

    from starlette.testclient import TestClient

    from backend.local_supabase.rest.app import build_app

    db.execute(
        "drop schema if exists rt_api cascade; create schema rt_api; grant usage on schema rt_api to service_role;"
        " create table rt_api.rt_item (id int primary key, n int, label text);"
        " create table rt_api.rt_book (id int primary key, title text);"
        " create table rt_api.rt_tag (id int primary key, name text);"
        " create table rt_api.rt_book_tag (book_id int references rt_api.rt_book (id),"
        "   tag_id int references rt_api.rt_tag (id), primary key (book_id, tag_id));"
        " grant all on all tables in schema rt_api to service_role;"
        " insert into rt_api.rt_item values (1, 0, 'api 1'), (2, 0, 'api 2'), (3, 0, 'api 3');"
        " insert into rt_api.rt_book values (1, 'API book'); insert into rt_api.rt_tag values (1, 'api-tag'), (2, 'other');"
        " insert into rt_api.rt_book_tag values (1, 1);"
        " create function rt_api.rt_which() returns text language sql as $$select 'rt_api'$$;"
        " create or replace function public.rt_which() returns text language sql as $$select 'public'$$"
    )
    public_items = db.execute("select id, n, label from public.rt_item order by id").fetchall()
    read = {"apikey": stack_settings.service_key, "Accept-Profile": "rt_api"}
    write = {"apikey": stack_settings.service_key, "Content-Profile": "rt_api"}
    ctx = replace(local_stack.ctx, config=replace(local_stack.ctx.config, db_schemas=("public", "rt_api")))
    try:
        with TestClient(build_app(ctx)) as client:
            r = client.get("/rt_book", params={"select": "title,rt_tag(name)"}, headers=read)
            assert r.status_code == 200 and r.json() == [{"title": "API book", "rt_tag": [{"name": "api-tag"}]}]
            r = client.patch("/rt_item", params={"id": "eq.1"}, json={"n": 5, "label": "patched"}, headers=write)
            assert r.status_code == 204, r.text
            r = client.delete("/rt_item", params={"id": "eq.2"}, headers=write)
            assert r.status_code == 204, r.text
            r = client.post("/rt_item", json=[{"id": 4, "label": "new"}], headers=write)
            assert r.status_code == 201, r.text
            r = client.post("/rpc/rt_which", json={}, headers=write)
            assert (r.status_code, r.json()) == (200, "rt_api")
        assert db.execute("select id, n, label from rt_api.rt_item order by id").fetchall() == [
            (1, 5, "patched"), (3, 0, "api 3"), (4, None, "new")]
        assert db.execute("select id, n, label from public.rt_item order by id").fetchall() == public_items
    finally:
        db.execute("drop schema rt_api cascade; drop function public.rt_which")


def test_accept_profile_for_unexposed_schema_is_406(rest_http):
    r = rest_http.get("/rt_author", headers={"Accept-Profile": "auth"})
    assert r.status_code == 406 and r.json()["code"] == "PGRST106"
