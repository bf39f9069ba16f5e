"""The schema meets Supabase Auth: signing up through /auth/v1 creates the profile, and
deleting the account through the admin API leaves nothing of the user behind."""

from __future__ import annotations

import uuid

from psycopg import sql

from tests.conftest import make_client
from tests.schema.seed_rows import PRODUCT_TABLES, seed_user_rows


def test_sign_up_through_auth_creates_the_profile(stack_settings, db):
    client = make_client(stack_settings.url, stack_settings.anon_key)
    wanted = f"Signup{uuid.uuid4().hex[:6]}"
    response = client.auth.sign_up({
        "email": f"{wanted.lower()}@example.test",
        "password": "a-long-enough-password-1",
        "options": {"data": {"username": wanted, "full_name": "Sign Up"}},
    })
    user_id = response.user.id
    row = db.execute("select username, full_name from public.profiles where id = %s", (user_id,)).fetchone()
    assert row == (wanted, "Sign Up")

    # the stack auto-confirms e-mail (as a fresh project does): the new user reads their
    # own profile with the token Auth gave them
    assert response.session is not None
    mine = make_client(stack_settings.url, stack_settings.anon_key, access_token=response.session.access_token)
    assert mine.table("profiles").select("id, username").execute().data == [{"id": user_id, "username": wanted}]


def test_deleting_the_account_removes_everything_of_the_user(service_client, make_user, db):
    alice, bob = make_user(), make_user()
    alice_rows = seed_user_rows(db, alice.id)
    bob_rows = seed_user_rows(db, bob.id)
    service_client.auth.admin.delete_user(alice.id)
    for table in PRODUCT_TABLES:
        query = sql.SQL("select count(*) from public.{} where id = %s").format(sql.Identifier(table))
        assert db.execute(query, (alice_rows.row_id(table),)).fetchone()[0] == 0, table
        assert db.execute(query, (bob_rows.row_id(table),)).fetchone()[0] == 1, table
    assert db.execute("select count(*) from auth.users where id = %s", (alice.id,)).fetchone()[0] == 0
