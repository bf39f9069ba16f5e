"""/storage/v1: the stand-in for Supabase Storage.

app.py serves buckets (buckets), objects (objects, uploads, render) and signed URLs (signed);
metadata rows live in storage.objects, written as the caller's role so storage RLS decides.
"""
