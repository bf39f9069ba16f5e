"""Fixtures for the local stack's tests: the /rest/v1 tests' throwaway tables and raw HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import psycopg
import pytest

from backend.local_supabase.server import StackSettings

SCHEMA_SQL = """
drop table if exists rt_author_bio, rt_book_tag, rt_tag, rt_book, rt_author, rt_publisher, rt_range, rt_doc, rt_item,
  rt_collection, rt_best_friend, rt_post, rt_member cascade;
create table rt_publisher (id int primary key, name text not null);
create table rt_author (
  id int primary key,
  name text not null,
  country text,
  born int,
  tags text[] default '{}',
  profile jsonb,
  publisher_id int references rt_publisher (id)
);
create table rt_book (
  id int primary key,
  title text not null,
  author_id int not null references rt_author (id),
  editor_id int references rt_author (id),
  pages int,
  rating numeric
);
create table rt_range (id int primary key, span int4range);
create table rt_doc (id int primary key, body text);
create table rt_item (id int primary key, n int, label text);

create table rt_tag (id int primary key, name text not null);
create table rt_book_tag (
  book_id int references rt_book (id), tag_id int references rt_tag (id), primary key (book_id, tag_id)
);
create table rt_author_bio (author_id int primary key references rt_author (id), bio text);
create view rt_book_view with (security_invoker = true) as
  select id, title, author_id, pages from rt_book where pages > 100;

-- a self-referencing table, and keys on a non-primary column (embedded by column or constraint name)
create table rt_collection (id int primary key, name text not null, parent_id int references rt_collection (id));
create table rt_member (id int primary key, username text unique not null);
create table rt_post (id int primary key, body text, username text references rt_member (username));
create table rt_best_friend (
  id int primary key,
  first_user text references rt_member (username), second_user text references rt_member (username)
);

-- computed fields and relationships: functions of one table row (dropped with their tables;
-- search_path pinned as tests/schema requires of every public function)
create function rt_label(rt_author) returns text language sql stable set search_path = ''
  as $$ select $1.name || ' (' || coalesce($1.country, '?') || ')' $$;
create function rt_books_of(rt_author) returns setof rt_book language sql stable set search_path = ''
  as $$ select * from public.rt_book where author_id = $1.id $$;
create function rt_writer(rt_book) returns setof rt_author rows 1 language sql stable set search_path = ''
  as $$ select * from public.rt_author where id = $1.author_id $$;

insert into rt_publisher values (1, 'Penguin'), (2, 'Tor');
insert into rt_author values
  (1, 'Ada', 'UK', 1815, '{math,poetry}', '{"city": "London", "langs": ["en", "fr"]}', 1),
  (2, 'Borges', 'AR', 1899, '{fiction}', '{"city": "Buenos Aires"}', 2),
  (3, 'Calvino', 'IT', 1923, '{fiction,essays}', null, 1),
  (4, 'Dickinson, Emily', 'US', null, '{poetry}', '{}', null);
insert into rt_book values
  (1, 'Notes', 1, 2, 60, 4.5),
  (2, 'Ficciones', 2, null, 200, 4.9),
  (3, 'Aleph', 2, 3, 150, null),
  (4, 'Invisible Cities', 3, 1, 170, 4.7),
  (5, 'If on a winter''s night', 3, null, 260, 4.2);
insert into rt_author_bio values (1, 'Analyst'), (3, 'Oulipo');
insert into rt_tag values (1, 'classic'), (2, 'short'), (3, 'italian');
insert into rt_book_tag values (1, 2), (2, 1), (2, 2), (4, 1), (4, 3);
insert into rt_range values (1, '[1,5)'), (2, '[5,10)'), (3, '[20,30)');
insert into rt_doc values (1, 'The quick brown fox jumps'), (2, 'Lazy dogs sleep all day'),
  (3, 'Foxes are quick and clever');
insert into rt_collection values (1, 'root', null), (2, 'books', 1), (3, 'films', 1), (4, 'novels', 2);
insert into rt_member values (1, 'ada'), (2, 'bo'), (3, 'cy');
insert into rt_post values (1, 'hello', 'ada'), (2, 'again', 'ada'), (3, 'hi', 'bo');
insert into rt_best_friend values (1, 'ada', 'bo'), (2, 'cy', 'ada');
insert into rt_item select g, g % 7, 'item ' || g from generate_series(1, 57) g;
"""


@pytest.fixture(scope="module")
def rest_tables(stack_settings: StackSettings) -> Iterator[None]:
    with psycopg.connect(stack_settings.database_url, autocommit=True) as conn:
        conn.execute(SCHEMA_SQL)
    yield


@pytest.fixture
def rest_http(stack_settings: StackSettings) -> Iterator[httpx.Client]:
    """Raw HTTP to /rest/v1 with the service key, for what the client cannot express."""
    with httpx.Client(
        base_url=f"{stack_settings.url}/rest/v1",
        headers={"apikey": stack_settings.service_key, "Authorization": f"Bearer {stack_settings.service_key}"},
        timeout=10,
    ) as client:
        yield client
