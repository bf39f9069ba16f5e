"""/auth/v1: a Supabase Auth (GoTrue)-compatible API for the local stack.

Covers e-mail/password sign-up and sign-in, anonymous sign-in, refresh-token rotation,
the current user (get, update), sign-out, password recovery requests, and the admin user
API, with GoTrue's request shapes, JSON, status codes and error codes, so supabase-py and
supabase-js work unchanged. E-mail is never sent; phone, OTP, OAuth, SSO and MFA flows are
not provided. Settings: see `config.py`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import psycopg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..context import StackContext
from . import store
from .accounts import (
    change_email,
    check_password_strength,
    create_email_user,
    hash_password,
    password_matches,
    validate_email,
)
from .admin import admin_routes
from .config import AuthConfig
from .errors import (
    DUPLICATE_EMAIL_MESSAGE,
    INVALID_LOGIN_MESSAGE,
    AuthError,
    OAuthError,
    bad_request,
    error_response,
    forbidden,
    unprocessable,
    validation_failed,
)
from .links import verify_endpoint
from .otp_attempts import OtpAttempts
from .rate_limits import AuthRateLimits
from .service import AuthCall, AuthService, is_email_conflict
from .users import is_banned, user_json

GOTRUE_VERSION = "v2.187.0-local"
# Headers browsers may read cross-origin (what Supabase's gateway exposes for Auth).
# Response headers supabase-js reads from a browser (CORS is applied once, in server.py).
EXPOSED_HEADERS = ["x-total-count", "link", "x-sb-error-code", "x-supabase-api-version"]


class UserEndpoints(AuthService):
    """GoTrue's public and user endpoints; each runs in a worker thread with its own DB transaction(s).

    Rate limits are spent where GoTrue spends them (see rate_limits.py), so a request GoTrue
    refuses before its limiter (an unsupported grant type, anonymous sign-ins off) costs nothing.
    """

    def __init__(self, ctx: StackContext, config: AuthConfig) -> None:
        super().__init__(ctx, config)
        self.limits = AuthRateLimits(config)
        self.otp_attempts = OtpAttempts(config.otp_max_attempts)

    # Public endpoints ----------------------------------------------------------------
    def health(self, call: AuthCall) -> Response:
        return JSONResponse({"version": GOTRUE_VERSION, "name": "GoTrue",
                             "description": "GoTrue is a user registration and authentication API"})

    def settings(self, call: AuthCall) -> Response:
        return JSONResponse(self.config.settings_json())

    def jwks(self, call: AuthCall) -> Response:
        """The asymmetric key, also in HS256 mode (as GoTrue lists its verify-only keys); never the secret."""
        return JSONResponse(self.keys.jwks(), headers={"cache-control": "public, max-age=600"})

    def signup(self, call: AuthCall) -> Response:
        body = call.body
        email, phone = body.get("email") or "", body.get("phone") or ""
        if not email and not phone:
            return self._signup_anonymously(call)
        self.limits.check("signup", call.request)
        if self.config.disable_signup:
            raise unprocessable("signup_disabled", "Signups not allowed for this instance")
        password = body.get("password")
        if not isinstance(password, str) or password == "":
            raise validation_failed("Signup requires a valid password")
        if email and phone:
            raise validation_failed("Only an email address or phone number should be provided on signup.")
        if phone:
            raise bad_request("phone_provider_disabled", "Phone signups are disabled")
        if not self.config.email_enabled:
            raise bad_request("email_provider_disabled", "Email signups are disabled")
        email = validate_email(email)
        check_password_strength(self.config, password)
        data = _metadata(body.get("data"), "data")
        try:
            return self._create_signup(call, email, password, data)
        except psycopg.errors.UniqueViolation as exc:
            if not is_email_conflict(exc):
                raise
            # a concurrent sign-up for the same address won the race
            raise unprocessable("user_already_exists", "User already registered") from None

    def _create_signup(self, call: AuthCall, email: str, password: str, data: dict[str, Any]) -> Response:
        with self.ctx.db.as_admin() as cur:
            existing = store.find_user_by_email(cur, email, self.config.audience)
            if existing is not None:
                return self._repeated_signup(cur, existing, password, data)
            user = create_email_user(cur, self.config, email=email, password=password,
                                     user_metadata=data, confirm=self.config.autoconfirm)
            if self.config.autoconfirm:
                return JSONResponse(self.issue_session(cur, user, "password", call))
            return JSONResponse(user_json(user, store.identities_of(cur, str(user["id"]))))

    def _repeated_signup(self, cur, existing: dict[str, Any], password: str, data: dict[str, Any]) -> Response:
        """GoTrue: an error when confirmations are off; otherwise an answer that reveals nothing."""
        if self.config.autoconfirm:
            raise unprocessable("user_already_exists", "User already registered")
        if existing["email_confirmed_at"] is None and existing["deleted_at"] is None:
            # An unconfirmed sign-up may be repeated: it restarts confirmation.
            row = store.update_user(
                cur, str(existing["id"]), encrypted_password=hash_password(password),
                raw_user_meta_data=data or existing["raw_user_meta_data"] or {},
                confirmation_sent_at=store.now_utc(),
            )
            return JSONResponse(user_json(row, store.identities_of(cur, str(row["id"]))))
        now = store.now_utc()
        decoy = {**existing, "id": store.new_uuid(), "raw_app_meta_data": {}, "raw_user_meta_data": {},
                 "created_at": now, "updated_at": now, "confirmation_sent_at": now,
                 "email_confirmed_at": None, "confirmed_at": None, "last_sign_in_at": None,
                 "phone": None, "banned_until": None, "deleted_at": None, "invited_at": None,
                 "recovery_sent_at": None, "email_change": "", "email_change_sent_at": None}
        return JSONResponse(user_json(decoy, []))

    def _signup_anonymously(self, call: AuthCall) -> Response:
        if not self.config.anonymous_users:
            raise unprocessable("anonymous_provider_disabled", "Anonymous sign-ins are disabled")
        self.limits.check("anonymous", call.request)
        if self.config.disable_signup:
            raise unprocessable("signup_disabled", "Signups not allowed for this instance")
        data = _metadata(call.body.get("data"), "data")
        with self.ctx.db.as_admin() as cur:
            user = store.insert_user(
                cur, email=None, encrypted_password=None, user_metadata=data,
                app_metadata={"provider": "anonymous", "providers": ["anonymous"]},
                aud=self.config.audience, role="authenticated", confirmed=False, is_anonymous=True,
            )
            return JSONResponse(self.issue_session(cur, user, "anonymous", call))

    def token(self, call: AuthCall) -> Response:
        grant_type = call.query.get("grant_type") or str(call.body.get("grant_type") or "")
        grants = {"password": self._password_grant, "refresh_token": self._refresh_grant}
        if grant_type not in grants:
            raise bad_request("invalid_credentials", "unsupported_grant_type")
        self.limits.check("token", call.request)  # one bucket for every grant, as GoTrue's Token limiter
        return grants[grant_type](call)

    def _password_grant(self, call: AuthCall) -> Response:
        body = call.body
        email, phone = body.get("email") or "", body.get("phone") or ""
        password = body.get("password")
        password = password if isinstance(password, str) else ""
        if email and phone:
            raise validation_failed("Only an email address or phone number should be provided on login.")
        if phone:
            raise unprocessable("phone_provider_disabled", "Phone logins are disabled")
        if not email:
            raise validation_failed("missing email or phone")
        if not self.config.email_enabled:
            raise unprocessable("email_provider_disabled", "Email logins are disabled")
        if not isinstance(email, str):
            raise bad_request("invalid_credentials", INVALID_LOGIN_MESSAGE)
        with self.ctx.db.as_admin() as cur:
            user = store.find_user_by_email(cur, email, self.config.audience)
            encrypted = user["encrypted_password"] if user is not None else None
            if user is None or not encrypted:
                password_matches(password, None)  # same cost as a real check
                raise bad_request("invalid_credentials", INVALID_LOGIN_MESSAGE)
            if is_banned(user):
                raise bad_request("user_banned", "User is banned")
            if not password_matches(password, encrypted):
                raise bad_request("invalid_credentials", INVALID_LOGIN_MESSAGE)
            if user["email_confirmed_at"] is None:
                raise bad_request("email_not_confirmed", "Email not confirmed")
            return JSONResponse(self.issue_session(cur, user, "password", call))

    def _refresh_grant(self, call: AuthCall) -> Response:
        token = call.body.get("refresh_token")
        if not isinstance(token, str) or not token:
            raise OAuthError("invalid_request", "refresh_token required")
        reused = False
        with self.ctx.db.as_admin() as cur:
            row = store.find_refresh_token(cur, token)
            if row is None or row["session_id"] is None:
                raise bad_request("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found")
            session = store.find_session(cur, str(row["session_id"]), lock=True)
            user = store.find_user(cur, str(session["user_id"])) if session else None
            if session is None or user is None:
                raise bad_request("session_not_found", "Invalid Refresh Token: No Valid Session Found")
            if is_banned(user):
                raise bad_request("user_banned", "Invalid Refresh Token: User Banned")
            if row["revoked"]:
                # A rotated token presented again: treat the session as stolen and end it.
                store.delete_sessions(cur, user_id=str(user["id"]), only=str(session["id"]))
                reused = True
            else:
                store.revoke_refresh_token(cur, row["id"])
                new_token = store.issue_refresh_token(
                    cur, user_id=str(user["id"]), session_id=str(session["id"]), parent=token)
                store.mark_session_refreshed(cur, str(session["id"]))
                body = self._session_body(cur, user, str(session["id"]), new_token)
        if reused:  # raised after the commit so the revocation sticks
            raise bad_request("refresh_token_already_used", "Invalid Refresh Token: Already Used")
        return JSONResponse(body)

    def recover(self, call: AuthCall) -> Response:
        """Accept a password-recovery request; no e-mail is sent by the local stack."""
        self.limits.check("recover", call.request)
        if not self.config.email_enabled:
            raise unprocessable("email_provider_disabled", "Email logins are disabled")
        email = call.body.get("email")
        if not email:
            raise validation_failed("Password recovery requires an email")
        email = validate_email(email)
        with self.ctx.db.as_admin() as cur:
            user = store.find_user_by_email(cur, email, self.config.audience)
            if user is not None:
                store.update_user(cur, str(user["id"]), recovery_token=store.new_token_hash(),
                                  recovery_sent_at=store.now_utc())
        return JSONResponse({})

    def resend(self, call: AuthCall) -> Response:
        """Validate like GoTrue and answer as if sent (the local stack sends no mail or SMS)."""
        self.limits.check("resend", call.request)
        kind = call.body.get("type")
        email, phone = call.body.get("email"), call.body.get("phone")
        if kind not in ("signup", "email_change", "sms", "phone_change"):
            raise validation_failed("Missing one of these types: signup, email_change, sms, phone_change")
        if kind in ("signup", "email_change") and not email:
            raise validation_failed("Type provided requires an email address")
        if kind in ("sms", "phone_change") and not phone:
            raise validation_failed("Type provided requires a phone number")
        if email and phone:
            raise validation_failed("Only an email address or phone number should be provided.")
        if phone:
            raise bad_request("phone_provider_disabled", "Phone logins are disabled")
        validate_email(email)
        return JSONResponse({"message_id": None})

    def verify(self, call: AuthCall) -> Response:
        self.limits.check("verify", call.request)
        return verify_endpoint(self, call, self.otp_attempts)

    def sso(self, call: AuthCall) -> Response:
        raise AuthError(404, "saml_provider_disabled", "SAML 2.0 is disabled")

    # Authenticated user endpoints ----------------------------------------------------
    def get_user(self, call: AuthCall) -> Response:
        with self.ctx.db.as_admin() as cur:
            user, _ = self._authenticate_user(call, cur)
            return JSONResponse(user_json(user, store.identities_of(cur, str(user["id"]))))

    def update_user(self, call: AuthCall) -> Response:
        body = call.body
        with self.ctx.db.as_admin() as cur:
            user, _ = self._authenticate_user(call, cur)
            self.limits.check("user", call.request)  # GoTrue: requireAuthentication, then the limiter
            user_id = str(user["id"])
            if body.get("app_metadata") is not None and call.claims.get("role") not in self.config.admin_roles:
                raise forbidden("not_admin", "Updating app_metadata requires admin privileges")
            password = body.get("password")
            email = body.get("email") or ""
            if body.get("phone"):
                raise bad_request("phone_provider_disabled", "Phone logins are disabled")
            if password is not None:
                if not isinstance(password, str):
                    raise validation_failed("Password must be a string")
                if user["is_anonymous"] and not user["email"] and not email:
                    raise unprocessable(
                        "validation_failed",
                        "Updating password of an anonymous user without an email or phone is not allowed")
                check_password_strength(self.config, password)
                if password_matches(password, user["encrypted_password"]):
                    raise unprocessable("same_password", "New password should be different from the old password.")
            if email:
                email = validate_email(email)
                if email != (user["email"] or "") and store.email_taken(cur, email, except_user=user_id):
                    raise unprocessable("email_exists", DUPLICATE_EMAIL_MESSAGE)
            if body.get("data") is not None:
                merged = store.merge_metadata(user["raw_user_meta_data"], _metadata(body["data"], "data"))
                user = store.update_user(cur, user_id, raw_user_meta_data=merged)
            if password is not None:
                user = store.update_user(cur, user_id, encrypted_password=hash_password(password))
            if email and email != (user["email"] or ""):
                user = self._request_email_change(cur, user, email)
            return JSONResponse(user_json(user, store.identities_of(cur, user_id)))

    def _request_email_change(self, cur, user: dict[str, Any], email: str) -> dict[str, Any]:
        """With auto-confirm the address changes at once (as GoTrue does); else it awaits confirmation."""
        if self.config.autoconfirm:
            user = change_email(cur, user, email, confirmed=True)
            if user["is_anonymous"]:
                user = store.update_user(cur, str(user["id"]), is_anonymous=False)
            return user
        return store.update_user(cur, str(user["id"]), email_change=email,
                                 email_change_token_new=store.new_token_hash(),
                                 email_change_sent_at=store.now_utc())

    def logout(self, call: AuthCall) -> Response:
        scope = call.query.get("scope") or "global"
        if scope not in ("global", "local", "others"):
            raise validation_failed(f'Unsupported logout scope "{scope}"')
        with self.ctx.db.as_admin() as cur:
            user, session = self._authenticate_user(call, cur)
            user_id = str(user["id"])
            if session is not None and scope == "local":
                store.delete_sessions(cur, user_id=user_id, only=str(session["id"]))
            elif session is not None and scope == "others":
                store.delete_sessions(cur, user_id=user_id, keep=str(session["id"]))
            else:
                store.delete_sessions(cur, user_id=user_id)
        return Response(status_code=204)

    def reauthenticate(self, call: AuthCall) -> Response:
        """Record a reauthentication nonce request; the local stack sends no e-mail."""
        with self.ctx.db.as_admin() as cur:
            user, _ = self._authenticate_user(call, cur)
            if not user["email"]:
                raise validation_failed("Reauthentication requires the user to have an email or a phone number")
            if user["email_confirmed_at"] is None:
                raise unprocessable("email_not_confirmed", "Please verify your email first.")
            store.update_user(cur, str(user["id"]), reauthentication_token=store.new_token_hash(),
                              reauthentication_sent_at=store.now_utc())
        return JSONResponse({})


def _metadata(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise validation_failed(f"{name} must be a JSON object")
    return value



def _not_found_handler(service: AuthService) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def handler(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        code = "not_found" if status == 404 else "method_not_allowed"
        message = "Not Found" if status == 404 else "Method Not Allowed"
        return error_response(request, AuthError(status, code, message))

    return handler


def build_app(ctx: StackContext) -> Starlette:
    service = UserEndpoints(ctx, ctx.config.auth)
    route = service.route
    routes = [
        route("/health", service.health, ["GET"]),
        route("/settings", service.settings, ["GET"]),
        route("/.well-known/jwks.json", service.jwks, ["GET"], gateway_open=True),
        route("/signup", service.signup, ["POST"]),
        route("/token", service.token, ["POST"]),
        route("/recover", service.recover, ["POST"]),
        route("/resend", service.resend, ["POST"]),
        route("/verify", service.verify, ["GET", "POST"], gateway_open=True),
        route("/sso", service.sso, ["POST"]),
        route("/user", service.get_user, ["GET"]),
        route("/user", service.update_user, ["PUT"]),
        route("/logout", service.logout, ["POST"]),
        route("/reauthenticate", service.reauthenticate, ["GET"]),
        *admin_routes(service),
    ]
    handler = _not_found_handler(service)
    return Starlette(routes=routes, exception_handlers={404: handler, 405: handler})
