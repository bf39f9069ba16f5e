"""What every part of the local stack's HTTP API shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import StackConfig
from .db import Database
from .keys import StackKeys


@dataclass
class StackContext:
    keys: StackKeys
    db: Database
    data_dir: Path
    public_url: str  # e.g. http://127.0.0.1:54321, no trailing slash
    config: StackConfig = field(default_factory=StackConfig)

    @property
    def storage_root(self) -> Path:
        return self.data_dir / "storage"

    @property
    def auth_issuer(self) -> str:
        return f"{self.public_url}/auth/v1"
