"""/rest/v1: the stand-in for Supabase's PostgREST.

app.py serves the API; a request is authenticated (auth), parsed (query), checked against the
schema cache (schema), turned into SQL (sql) and answered as PostgREST does (http, errors).
"""
