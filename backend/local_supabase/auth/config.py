"""Settings of the local /auth/v1, mirroring the GoTrue settings a Supabase project exposes.

Defaults match a fresh Supabase project with e-mail auto-confirmation on (the Supabase
CLI's local default). Each setting can be changed with an environment variable, read once when the stack
starts (`config.StackConfig.from_env`), or by giving the stack a `StackConfig`:

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
| LOCAL_AUTH_RATE_LIMIT_TOKEN_REFRESH | GOTRUE_RATE_LIMIT_TOKEN_REFRESH (/token, per 5 min per IP) | 150 |
| LOCAL_AUTH_RATE_LIMIT_VERIFY      | GOTRUE_RATE_LIMIT_VERIFY (/verify, per 5 min per IP) | 30   |
| LOCAL_AUTH_RATE_LIMIT_OTP         | GOTRUE_RATE_LIMIT_OTP (e-mail sign-up, /recover, /resend, PUT /user; per 5 min per IP, each) | 30 |
| LOCAL_AUTH_RATE_LIMIT_ANONYMOUS_USERS | GOTRUE_RATE_LIMIT_ANONYMOUS_USERS (per hour per IP, also the burst) | 30 |
| LOCAL_AUTH_RATE_LIMIT_BURST       | GoTrue's fixed bucket size for the limits above but anonymous | 30 |
| LOCAL_AUTH_RATE_LIMIT_HEADER      | GOTRUE_RATE_LIMIT_HEADER (trusted proxy header keying the limits; empty = peer address) | empty |
| LOCAL_AUTH_OTP_MAX_ATTEMPTS       | none: wrong e-mail OTPs before the code is voided (0 = never; stricter than GoTrue) | 5 |

Rate limits: see `rate_limits.py` for GoTrue's algorithm and where each applies.

Redirects after a clicked e-mail link go to `redirect_to` only when it starts with the site URL
or an allow-list entry, or points at a loopback host (a local front end); otherwise to the site
URL, so a crafted link cannot turn /verify into an open redirect.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..environment import env_bool, env_float, env_int, env_list


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
    rate_limit_token_refresh: float = 150
    rate_limit_verify: float = 30
    rate_limit_otp: float = 30
    rate_limit_anonymous_users: float = 30
    rate_limit_burst: int = 30
    rate_limit_header: str = ""
    otp_max_attempts: int = 5
    admin_roles: tuple[str, ...] = ("service_role", "supabase_admin")
    audience: str = "authenticated"

    def __post_init__(self) -> None:
        if self.jwt_algorithm not in ("ES256", "HS256"):
            raise ValueError("jwt_algorithm must be ES256 or HS256")
        if self.jwt_exp <= 0 or self.password_min_length < 1:
            raise ValueError("jwt_exp and password_min_length must be positive")
        rates = (self.rate_limit_token_refresh, self.rate_limit_verify, self.rate_limit_otp,
                 self.rate_limit_anonymous_users)
        if min(rates) <= 0 or self.rate_limit_burst < 1:
            raise ValueError("rate limits and rate_limit_burst must be positive")
        if self.otp_max_attempts < 0:
            raise ValueError("otp_max_attempts must be 0 (no cap) or positive")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> AuthConfig:
        return cls(
            jwt_exp=env_int("LOCAL_AUTH_JWT_EXP", cls.jwt_exp, environ),
            autoconfirm=env_bool("LOCAL_AUTH_AUTOCONFIRM", cls.autoconfirm, environ),
            disable_signup=env_bool("LOCAL_AUTH_DISABLE_SIGNUP", cls.disable_signup, environ),
            anonymous_users=env_bool("LOCAL_AUTH_ANONYMOUS_USERS", cls.anonymous_users, environ),
            email_enabled=env_bool("LOCAL_AUTH_EMAIL_ENABLED", cls.email_enabled, environ),
            password_min_length=env_int("LOCAL_AUTH_PASSWORD_MIN_LENGTH", cls.password_min_length, environ),
            jwt_algorithm=environ.get("LOCAL_AUTH_JWT_ALGORITHM", cls.jwt_algorithm).strip().upper(),
            require_apikey=env_bool("LOCAL_AUTH_REQUIRE_APIKEY", cls.require_apikey, environ),
            site_url=environ.get("LOCAL_AUTH_SITE_URL", "").strip(),
            uri_allow_list=env_list("LOCAL_AUTH_URI_ALLOW_LIST", (), environ),
            rate_limit_token_refresh=env_float(
                "LOCAL_AUTH_RATE_LIMIT_TOKEN_REFRESH", cls.rate_limit_token_refresh, environ),
            rate_limit_verify=env_float("LOCAL_AUTH_RATE_LIMIT_VERIFY", cls.rate_limit_verify, environ),
            rate_limit_otp=env_float("LOCAL_AUTH_RATE_LIMIT_OTP", cls.rate_limit_otp, environ),
            rate_limit_anonymous_users=env_float(
                "LOCAL_AUTH_RATE_LIMIT_ANONYMOUS_USERS", cls.rate_limit_anonymous_users, environ),
            rate_limit_burst=env_int("LOCAL_AUTH_RATE_LIMIT_BURST", cls.rate_limit_burst, environ),
            rate_limit_header=environ.get("LOCAL_AUTH_RATE_LIMIT_HEADER", "").strip(),
            otp_max_attempts=env_int("LOCAL_AUTH_OTP_MAX_ATTEMPTS", cls.otp_max_attempts, environ),
        )

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
