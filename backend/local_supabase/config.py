"""Settings of the local stack, read once from the environment when a stack starts.

| variable                               | what                                                  | default  |
|----------------------------------------|-------------------------------------------------------|----------|
| LOCAL_SUPABASE_MAX_ROWS                | rows a /rest/v1 read returns at most (Supabase's "Max rows"); 0 = no cap | 1000 |
| LOCAL_SUPABASE_DB_SCHEMAS              | schemas /rest/v1 serves (PostgREST's db-schemas); the first is the default | public |
| LOCAL_SUPABASE_DB_AGGREGATES_ENABLED   | allow aggregate functions in /rest/v1 selects (PostgREST's db-aggregates-enabled, off on Supabase) | false |
| LOCAL_SUPABASE_STORAGE_FILE_SIZE_LIMIT | stack-wide upload cap in bytes (self-hosted Storage's FILE_SIZE_LIMIT) | 524288000 |
| LOCAL_SUPABASE_MAX_JSON_BODY_BYTES     | largest JSON/form body /rest/v1 reads (PostgREST has no cap of its own); /auth/v1 and storage's JSON endpoints keep their servers' 1 MiB, or this if lower | 4194304 |
| LOCAL_AUTH_*                           | /auth/v1 settings: see `auth/config.py`               |          |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from .auth.config import AuthConfig
from .environment import env_bool, env_int, env_list

DEFAULT_MAX_ROWS = 1000
DEFAULT_STORAGE_FILE_SIZE_LIMIT = 500 * 1024 * 1024  # the largest recording (RECORDINGS_MAX_VIDEO_BYTES)
DEFAULT_MAX_JSON_BODY_BYTES = 4 * 1024 * 1024
# GoTrue wraps every body in http.MaxBytesReader(1 << 20) (internal/api/api.go); Supabase
# Storage runs Fastify with its default bodyLimit, 1 MiB, for its JSON routes.
AUTH_MAX_BODY_BYTES = 1 << 20
STORAGE_MAX_JSON_BODY_BYTES = 1 << 20


@dataclass(frozen=True)
class StackConfig:
    auth: AuthConfig = field(default_factory=AuthConfig)
    max_rows: int | None = DEFAULT_MAX_ROWS  # None: no cap
    db_schemas: tuple[str, ...] = ("public",)
    db_aggregates_enabled: bool = False
    storage_file_size_limit: int = DEFAULT_STORAGE_FILE_SIZE_LIMIT
    max_json_body_bytes: int = DEFAULT_MAX_JSON_BODY_BYTES

    def __post_init__(self) -> None:
        if self.max_rows is not None and self.max_rows < 1:
            raise ValueError("max_rows must be positive (or None for no cap)")
        if not self.db_schemas:
            raise ValueError("db_schemas must name at least one schema")
        if self.storage_file_size_limit < 1:
            raise ValueError("storage_file_size_limit must be positive")
        if self.max_json_body_bytes < 1:
            raise ValueError("max_json_body_bytes must be positive")

    @property
    def auth_max_body_bytes(self) -> int:
        return min(self.max_json_body_bytes, AUTH_MAX_BODY_BYTES)

    @property
    def storage_max_json_body_bytes(self) -> int:
        return min(self.max_json_body_bytes, STORAGE_MAX_JSON_BODY_BYTES)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> StackConfig:
        max_rows = env_int("LOCAL_SUPABASE_MAX_ROWS", DEFAULT_MAX_ROWS, environ)
        return cls(
            auth=AuthConfig.from_env(environ),
            max_rows=max_rows or None,
            db_schemas=env_list("LOCAL_SUPABASE_DB_SCHEMAS", ("public",), environ),
            db_aggregates_enabled=env_bool("LOCAL_SUPABASE_DB_AGGREGATES_ENABLED", False, environ),
            storage_file_size_limit=env_int(
                "LOCAL_SUPABASE_STORAGE_FILE_SIZE_LIMIT", DEFAULT_STORAGE_FILE_SIZE_LIMIT, environ
            ),
            max_json_body_bytes=env_int(
                "LOCAL_SUPABASE_MAX_JSON_BODY_BYTES", DEFAULT_MAX_JSON_BODY_BYTES, environ
            ),
        )
