"""Settings of the local /auth/v1, mirroring the GoTrue settings a Supabase project exposes.

Defaults match a fresh Supabase project with e-mail auto-confirmation on (the Supabase
CLI's local default). Each setting can be changed with an environment variable read when
the app is built, or by putting an `AuthConfig` on the stack context as `ctx.auth_config`:

| variable                          | GoTrue equivalent                    | default  |
|-----------------------------------|--------------------------------------|----------|
| LOCAL_AUTH_JWT_EXP                | GOTRUE_JWT_EXP                       | 3600     |
| LOCAL_AUTH_AUTOCONFIRM            | GOTRUE_MAILER_AUTOCONFIRM            | true     |
| LOCAL_AUTH_DISABLE_SIGNUP         | GOTRUE_DISABLE_SIGNUP                | false    |
| LOCAL_AUTH_ANONYMOUS_USERS        | GOTRUE_EXTERNAL_ANONYMOUS_USERS_ENABLED | true  |
| LOCAL_AUTH_EMAIL_ENABLED          | GOTRUE_EXTERNAL_EMAIL_ENABLED        | true     |
| LOCAL_AUTH_PASSWORD_MIN_LENGTH    | GOTRUE_PASSWORD_MIN_LENGTH           | 6        |
| LOCAL_AUTH_JWT_ALGORITHM          | signing key type: ES256 (asymmetric, current projects) or HS256 (legacy JWT secret) | ES256 |
| LOCAL_AUTH_REQUIRE_APIKEY         | the API gateway's `apikey` check; false = talk to GoTrue directly | true |
| LOCAL_AUTH_SITE_URL               | GOTRUE_SITE_URL (default redirect target) | the stack's URL |
| LOCAL_AUTH_URI_ALLOW_LIST         | GOTRUE_URI_ALLOW_LIST (comma-separated URL prefixes allowed as `redirect_to`) | none |

Redirects after a clicked e-mail link go to `redirect_to` only when it starts with the site URL
or an allow-list entry, or points at a loopback host (a local front end); otherwise to the site
URL, so a crafted link cannot turn /verify into an open redirect.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    return default


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


@dataclass(frozen=True)
class AuthConfig:
    jwt_exp: int = 3600
    autoconfirm: bool = True
    disable_signup: bool = False
    anonymous_users: bool = True
    email_enabled: bool = True
    password_min_length: int = 6
    jwt_algorithm: str = "ES256"
    require_apikey: bool = True
    site_url: str = ""
    uri_allow_list: tuple[str, ...] = ()
    admin_roles: tuple[str, ...] = ("service_role", "supabase_admin")
    audience: str = "authenticated"

    def __post_init__(self) -> None:
        if self.jwt_algorithm not in ("ES256", "HS256"):
            raise ValueError("jwt_algorithm must be ES256 or HS256")
        if self.jwt_exp <= 0 or self.password_min_length < 1:
            raise ValueError("jwt_exp and password_min_length must be positive")

    @classmethod
    def from_env(cls) -> AuthConfig:
        return cls(
            jwt_exp=_env_int("LOCAL_AUTH_JWT_EXP", cls.jwt_exp),
            autoconfirm=_env_bool("LOCAL_AUTH_AUTOCONFIRM", cls.autoconfirm),
            disable_signup=_env_bool("LOCAL_AUTH_DISABLE_SIGNUP", cls.disable_signup),
            anonymous_users=_env_bool("LOCAL_AUTH_ANONYMOUS_USERS", cls.anonymous_users),
            email_enabled=_env_bool("LOCAL_AUTH_EMAIL_ENABLED", cls.email_enabled),
            password_min_length=_env_int("LOCAL_AUTH_PASSWORD_MIN_LENGTH", cls.password_min_length),
            jwt_algorithm=os.environ.get("LOCAL_AUTH_JWT_ALGORITHM", cls.jwt_algorithm).strip().upper(),
            require_apikey=_env_bool("LOCAL_AUTH_REQUIRE_APIKEY", cls.require_apikey),
            site_url=os.environ.get("LOCAL_AUTH_SITE_URL", "").strip(),
            uri_allow_list=tuple(
                entry.strip() for entry in os.environ.get("LOCAL_AUTH_URI_ALLOW_LIST", "").split(",")
                if entry.strip()
            ),
        )

    @classmethod
    def for_context(cls, ctx: Any) -> AuthConfig:
        """`ctx.auth_config` when the context carries one, else the environment."""
        configured = getattr(ctx, "auth_config", None)
        return configured if isinstance(configured, AuthConfig) else cls.from_env()

    def settings_json(self) -> dict[str, Any]:
        """The body of GET /settings, in GoTrue's shape."""
        providers = ("anonymous_users", "apple", "azure", "bitbucket", "discord", "facebook",
                     "figma", "fly", "github", "gitlab", "google", "keycloak", "kakao",
                     "linkedin", "linkedin_oidc", "notion", "spotify", "slack", "slack_oidc",
                     "workos", "twitch", "twitter", "x", "zoom", "email", "phone")
        external = {name: False for name in providers}
        external["email"] = self.email_enabled
        external["anonymous_users"] = self.anonymous_users
        return {
            "external": external,
            "disable_signup": self.disable_signup,
            "mailer_autoconfirm": self.autoconfirm,
            "phone_autoconfirm": False,
            "sms_provider": "",
            "saml_enabled": False,
        }
