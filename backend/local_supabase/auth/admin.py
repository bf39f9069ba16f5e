"""Admin endpoints of the local /auth/v1 (service_role or supabase_admin tokens only)."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import store
from .accounts import (
    banned_until_for,
    change_email,
    check_password_strength,
    confirm_email,
    create_email_user,
    hash_password,
    load_user_json,
    parse_ban_duration,
    parse_uuid,
    validate_email,
)
from .errors import (
    DUPLICATE_EMAIL_MESSAGE,
    AuthError,
    forbidden,
    not_found,
    unprocessable,
    validation_failed,
)
from .links import generate_link
from .service import AuthCall, AuthService
from .tokens import bearer_token, verify_jwt
from .users import user_json

DEFAULT_PER_PAGE = 50


class AdminEndpoints:
    def __init__(self, service: AuthService) -> None:
        self.service = service
        self.config = service.config
        self.db = service.ctx.db

    def require_admin(self, call: AuthCall) -> None:
        """GoTrue's requireAdmin: a correctly signed token whose role is an admin role."""
        claims = verify_jwt(self.service.keys, bearer_token(call.request.headers.get("authorization")))
        if claims.get("role") not in self.config.admin_roles:
            raise forbidden("not_admin", "User not allowed")
        call.claims = claims

    # /admin/users ----------------------------------------------------------------------
    def list_users(self, call: AuthCall) -> Response:
        self.require_admin(call)
        page = _positive_int(call.query.get("page"), 1)
        per_page = _positive_int(call.query.get("per_page"), DEFAULT_PER_PAGE)
        with self.db.as_admin() as cur:
            rows, total = store.list_users(
                cur, self.config.audience, page=page, per_page=per_page,
                filter_text=call.query.get("filter", ""),
            )
            users = [user_json(row, store.identities_of(cur, str(row["id"]))) for row in rows]
        headers = _pagination_headers(call.request.url.path, call.query, page, per_page, total)
        return JSONResponse({"users": users, "aud": self.config.audience}, headers=headers)

    def create_user(self, call: AuthCall) -> Response:
        self.require_admin(call)
        body = call.body
        if body.get("phone"):
            raise AuthError(400, "phone_provider_disabled", "Phone logins are disabled")
        if not body.get("email"):
            raise validation_failed("Cannot create a user without either an email or phone")
        email = validate_email(body["email"])
        password = body.get("password")
        if password is not None and body.get("password_hash"):
            raise validation_failed("Only a password or a password hash should be provided")
        if password is not None:
            if not isinstance(password, str):
                raise validation_failed("password must be a string")
            check_password_strength(self.config, password)
        ban = parse_ban_duration(body.get("ban_duration"))
        user_id = None
        if body.get("id"):
            user_id = parse_uuid(body["id"], "ID must conform to the uuid v4 format")
        with self.db.as_admin() as cur:
            if store.email_taken(cur, email):
                raise unprocessable("email_exists", DUPLICATE_EMAIL_MESSAGE)
            row = create_email_user(
                cur, self.config, email=email, password=password or None,
                user_metadata=_object(body.get("user_metadata"), "user_metadata"),
                app_metadata=_object(body.get("app_metadata"), "app_metadata"),
                confirm=bool(body.get("email_confirm")), role=_role(body.get("role")),
                banned_until=banned_until_for(ban) if ban is not None else None, user_id=user_id,
            )
            if body.get("password_hash"):
                row = store.update_user(cur, str(row["id"]), encrypted_password=_bcrypt_hash(body["password_hash"]))
            return JSONResponse(load_user_json(cur, str(row["id"])))

    def get_user(self, call: AuthCall) -> Response:
        self.require_admin(call)
        user_id = parse_uuid(call.request.path_params["user_id"])
        with self.db.as_admin() as cur:
            return JSONResponse(load_user_json(cur, user_id))

    def update_user(self, call: AuthCall) -> Response:
        self.require_admin(call)
        user_id = parse_uuid(call.request.path_params["user_id"])
        body = call.body
        email = validate_email(body["email"]) if body.get("email") else ""
        if body.get("phone"):
            raise AuthError(400, "phone_provider_disabled", "Phone logins are disabled")
        password = body.get("password")
        if password is not None:
            if not isinstance(password, str):
                raise validation_failed("password must be a string")
            check_password_strength(self.config, password)
        ban = parse_ban_duration(body.get("ban_duration"))
        with self.db.as_admin() as cur:
            user = store.find_user(cur, user_id, lock=True)
            if user is None:
                raise not_found("user_not_found", "User not found")
            if email and store.email_taken(cur, email, except_user=user_id):
                raise unprocessable("email_exists", DUPLICATE_EMAIL_MESSAGE)
            if body.get("role"):
                user = store.update_user(cur, user_id, role=_role(body["role"]))
            if body.get("email_confirm"):
                user = confirm_email(cur, user)
            if password is not None:
                user = store.update_user(cur, user_id, encrypted_password=hash_password(password))
            if body.get("password_hash"):
                user = store.update_user(cur, user_id, encrypted_password=_bcrypt_hash(body["password_hash"]))
            if email:
                user = change_email(cur, user, email, confirmed=bool(body.get("email_confirm")))
                if user["is_anonymous"] and body.get("email_confirm"):
                    user = store.update_user(cur, user_id, is_anonymous=False)
            if body.get("app_metadata") is not None:
                merged = store.merge_metadata(user["raw_app_meta_data"], _object(body["app_metadata"], "app_metadata"))
                user = store.update_user(cur, user_id, raw_app_meta_data=merged)
            if body.get("user_metadata") is not None:
                merged = store.merge_metadata(user["raw_user_meta_data"], _object(body["user_metadata"], "user_metadata"))
                user = store.update_user(cur, user_id, raw_user_meta_data=merged)
            if ban is not None:
                store.update_user(cur, user_id, banned_until=banned_until_for(ban))
            return JSONResponse(load_user_json(cur, user_id))

    def delete_user(self, call: AuthCall) -> Response:
        self.require_admin(call)
        user_id = parse_uuid(call.request.path_params["user_id"])
        with self.db.as_admin() as cur:
            if store.find_user(cur, user_id, lock=True) is None:
                raise not_found("user_not_found", "User not found")
            if call.body.get("should_soft_delete") is True:
                store.soft_delete_user(cur, user_id)
            else:
                store.delete_user(cur, user_id)
        return JSONResponse({})

    def list_factors(self, call: AuthCall) -> Response:
        """MFA is not offered by the local stack, so no user has factors."""
        self.require_admin(call)
        user_id = parse_uuid(call.request.path_params["user_id"])
        with self.db.as_admin() as cur:
            if store.find_user(cur, user_id) is None:
                raise not_found("user_not_found", "User not found")
        return JSONResponse([])

    # Invitations and links -----------------------------------------------------------------
    def invite(self, call: AuthCall) -> Response:
        """Create (or re-invite) an unconfirmed user; the local stack sends no e-mail."""
        self.require_admin(call)
        email = validate_email(call.body.get("email"))
        data = _object(call.body.get("data"), "data")
        with self.db.as_admin() as cur:
            user = store.find_user_by_email(cur, email, self.config.audience)
            if user is not None:
                if user["email_confirmed_at"] is not None:
                    raise unprocessable("email_exists", DUPLICATE_EMAIL_MESSAGE)
                user = store.update_user(cur, str(user["id"]), invited_at=store.now_utc(),
                                         confirmation_token=store.new_token_hash(),
                                         confirmation_sent_at=store.now_utc())
            else:
                user = create_email_user(cur, self.config, email=email, password=None,
                                         user_metadata=data, confirm=False, invited=True)
            return JSONResponse(load_user_json(cur, str(user["id"])))

    def generate_link(self, call: AuthCall) -> Response:
        self.require_admin(call)
        with self.db.as_admin() as cur:
            return JSONResponse(generate_link(self.service, cur, call))


def admin_routes(service: AuthService) -> list[Route]:
    admin = AdminEndpoints(service)
    route = service.route
    return [
        route("/admin/users", admin.list_users, ["GET"]),
        route("/admin/users", admin.create_user, ["POST"]),
        route("/admin/users/{user_id}", admin.get_user, ["GET"]),
        route("/admin/users/{user_id}", admin.update_user, ["PUT"]),
        route("/admin/users/{user_id}", admin.delete_user, ["DELETE"]),
        route("/admin/users/{user_id}/factors", admin.list_factors, ["GET"]),
        route("/admin/generate_link", admin.generate_link, ["POST"]),
        route("/invite", admin.invite, ["POST"]),
    ]


def _positive_int(raw: str | None, default: int) -> int:
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise validation_failed(f"Bad Pagination Parameters: invalid number {raw!r}") from None
    if value < 1:
        raise validation_failed(f"Bad Pagination Parameters: {raw!r} must be positive")
    return value


def _pagination_headers(path: str, query: dict[str, str], page: int, per_page: int, total: int) -> dict[str, str]:
    """GoTrue's Link (next, last) and X-Total-Count headers."""
    last = max(1, math.ceil(total / per_page))

    def link(target: int) -> str:
        params = dict(query, page=str(target), per_page=str(per_page))
        return f"<{path}?{urlencode(sorted(params.items()))}>"

    parts = []
    if last > page:
        parts.append(f'{link(page + 1)}; rel="next"')
    parts.append(f'{link(last)}; rel="last"')
    return {"link": ", ".join(parts), "x-total-count": str(total)}


def _object(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise validation_failed(f"{name} must be a JSON object")
    return value


def _role(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or len(value) > 255:
        raise validation_failed("role must be a string")
    return value


def _bcrypt_hash(value: Any) -> str:
    if not isinstance(value, str) or not value.startswith(("$2a$", "$2b$", "$2y$")):
        raise validation_failed("Only bcrypt password hashes are supported")
    return value
