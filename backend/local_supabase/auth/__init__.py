"""/auth/v1: the stand-in for Supabase Auth (GoTrue).

app.py serves sign-up, token grants, the user and logout; admin.py the admin users API;
links.py generated links and /verify. Users, sessions and refresh tokens live in auth.* tables.
"""
