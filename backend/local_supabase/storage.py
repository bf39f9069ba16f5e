"""Placeholder: being built (see issue 2)."""
from starlette.applications import Starlette


def build_app(ctx):
    return Starlette(routes=[])
