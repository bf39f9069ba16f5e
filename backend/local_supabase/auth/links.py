"""E-mail action links without e-mail: admin `generate_link` and the `/verify` that redeems them.

As in GoTrue, a link carries a hashed token (sha224 of e-mail + six-digit OTP) stored in
the user's confirmation/recovery/email-change column; `/verify` finds the user by it,
applies the action (confirm, sign in, change e-mail) and issues a session. Tokens are
single-use and expire after a day. The local stack never mails them: an admin hands the
`action_link` or `email_otp` on. A few wrong e-mail OTPs void the code (otp_attempts.py).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

from psycopg import Cursor, sql
from starlette.responses import JSONResponse, RedirectResponse, Response

from . import store
from .accounts import (
    change_email,
    check_password_strength,
    confirm_email,
    create_email_user,
    hash_password,
    is_e164,
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
from .otp_attempts import OtpAttempts
from .service import AuthCall, AuthService
from .users import is_banned, user_json

TOKEN_LIFETIME = timedelta(days=1)
LINK_TYPES = ("signup", "invite", "magiclink", "recovery", "email_change_current", "email_change_new")
# verification type -> (token column, time column) of auth.users
_TOKEN_COLUMNS = {
    "signup": ("confirmation_token", "confirmation_sent_at"),
    "invite": ("confirmation_token", "confirmation_sent_at"),
    "magiclink": ("recovery_token", "recovery_sent_at"),
    "recovery": ("recovery_token", "recovery_sent_at"),
    "email_change": ("email_change_token_new", "email_change_sent_at"),
}


def safe_redirect(service: AuthService, candidate: object) -> str:
    """`redirect_to` when allowed (site URL, allow list, loopback), else the site URL."""
    site_url = service.config.site_url or service.ctx.public_url
    if not isinstance(candidate, str) or not candidate:
        return site_url
    parsed = urlsplit(candidate)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return site_url
    if parsed.hostname in ("localhost", "127.0.0.1", "::1"):
        return candidate
    allowed = (site_url, service.ctx.public_url, *service.config.uri_allow_list)
    if any(candidate == prefix or candidate.startswith(prefix.rstrip("/") + "/") for prefix in allowed):
        return candidate
    return site_url


def token_hash(email: str, otp: str) -> str:
    return hashlib.sha224((email + otp).encode()).hexdigest()


def generate_link(service: AuthService, cur: Cursor, call: AuthCall) -> dict[str, Any]:
    body = call.body
    kind = body.get("type")
    if kind not in LINK_TYPES:
        raise validation_failed(f"Invalid email action link type requested: {kind}")
    email = validate_email(body.get("email"))
    config = service.config
    user = store.find_user_by_email(cur, email, config.audience)
    data = body.get("data") if isinstance(body.get("data"), dict) else {}
    otp = f"{secrets.randbelow(1_000_000):06d}"
    now = store.now_utc()
    if kind in ("signup", "invite"):
        if user is not None and user["email_confirmed_at"] is not None:
            raise unprocessable("email_exists", DUPLICATE_EMAIL_MESSAGE)
        password = body.get("password")
        if kind == "signup":
            if not isinstance(password, str) or not password:
                raise validation_failed("Signup requires a valid password")
            check_password_strength(config, password)
        if user is None:
            user = create_email_user(cur, config, email=email, password=password if kind == "signup" else None,
                                     user_metadata=data, confirm=False, invited=kind == "invite")
        elif kind == "signup":
            user = store.update_user(cur, str(user["id"]), encrypted_password=hash_password(password))
        fields: dict[str, Any] = {"confirmation_token": token_hash(email, otp), "confirmation_sent_at": now}
        if kind == "invite":
            fields["invited_at"] = now
        verification = kind
    elif kind in ("magiclink", "recovery"):
        if user is None:
            raise not_found("user_not_found", "User with this email not found")
        fields = {"recovery_token": token_hash(email, otp), "recovery_sent_at": now}
        verification = kind
    else:
        if user is None:
            raise not_found("user_not_found", "User with this email not found")
        new_email = validate_email(body.get("new_email"))
        if store.email_taken(cur, new_email, except_user=str(user["id"])):
            raise unprocessable("email_exists", DUPLICATE_EMAIL_MESSAGE)
        current = kind == "email_change_current"
        fields = {"email_change": new_email, "email_change_sent_at": now,
                  "email_change_token_current": token_hash(email, otp) if current else "",
                  "email_change_token_new": "" if current else token_hash(new_email, otp)}
        verification = "email_change"
    user = store.update_user(cur, str(user["id"]), **fields)
    hashed = next(fields[column] for column in (
        "confirmation_token", "recovery_token", "email_change_token_current", "email_change_token_new",
    ) if fields.get(column))
    redirect_to = safe_redirect(service, call.query.get("redirect_to"))
    action_link = f"{service.ctx.auth_issuer}/verify?" + urlencode(  # the link's type is the verify type
        {"token": hashed, "type": verification, "redirect_to": redirect_to})
    return {
        **user_json(user, store.identities_of(cur, str(user["id"]))),
        "action_link": action_link,
        "email_otp": otp,
        "hashed_token": hashed,
        "verification_type": kind,
        "redirect_to": redirect_to,
    }


def _find_by_token(cur: Cursor, kind: str, hashed: str) -> dict[str, Any] | None:
    column, sent_column = _TOKEN_COLUMNS[kind]
    cur.execute(
        sql.SQL("select * from auth.users where {col} = %s and {col} <> '' for update")
        .format(col=sql.Identifier(column)),
        (hashed,),
    )
    user = cur.fetchone()
    if user is None and kind == "email_change":
        cur.execute(
            "select * from auth.users where email_change_token_current = %s"
            " and email_change_token_current <> '' for update",
            (hashed,),
        )
        user = cur.fetchone()
    if user is None or user[sent_column] is None or user[sent_column] + TOKEN_LIFETIME < store.now_utc():
        return None
    return user


def redeem(service: AuthService, cur: Cursor, call: AuthCall, params: dict[str, Any]) -> dict[str, Any]:
    """Apply a verification and return the session it grants."""
    kind = params.get("type")
    if kind not in _TOKEN_COLUMNS:
        raise validation_failed("Unsupported verification type")
    hashed = params.get("token_hash") or ""
    if not hashed and params.get("email") and params.get("token"):
        email = validate_email(params["email"])
        hashed = token_hash(email, str(params["token"]))
    elif not hashed:
        hashed = str(params.get("token") or "")
    user = _find_by_token(cur, kind, hashed) if hashed else None
    if user is None:
        raise forbidden("otp_expired", "Token has expired or is invalid")
    if is_banned(user):
        raise forbidden("user_banned", "User is banned")
    user_id = str(user["id"])
    if kind in ("signup", "invite", "magiclink"):
        column = _TOKEN_COLUMNS[kind][0]
        user = store.update_user(cur, user_id, **{column: ""})
        if user["email_confirmed_at"] is None:
            user = confirm_email(cur, user)
    elif kind == "recovery":
        user = store.update_user(cur, user_id, recovery_token="")
        if user["email_confirmed_at"] is None:
            user = confirm_email(cur, user)
    else:
        if store.email_taken(cur, user["email_change"], except_user=user_id):
            raise unprocessable("email_exists", DUPLICATE_EMAIL_MESSAGE)
        user = change_email(cur, user, user["email_change"], confirmed=True)
    method = {"signup": "otp", "invite": "otp", "magiclink": "otp", "recovery": "recovery",
              "email_change": "otp"}[kind]
    return service.issue_session(cur, user, method, call)


def _redeem(service: AuthService, call: AuthCall, params: dict[str, Any], attempts: OtpAttempts) -> dict[str, Any]:
    try:
        with service.ctx.db.as_admin() as cur:
            return redeem(service, cur, call, params)
    except AuthError as error:
        if error.code == "otp_expired" and params.get("email") and params.get("token") and not params.get("token_hash"):
            with service.ctx.db.as_admin() as cur:  # its own transaction: the refusal rolled the first back
                _count_wrong_otp(service, cur, attempts, params)
        raise


def _count_wrong_otp(service: AuthService, cur: Cursor, attempts: OtpAttempts, params: dict[str, Any]) -> None:
    """Charge a wrong e-mail OTP to the address's outstanding code of that type; void it at the cap."""
    kind, email = params["type"], str(params["email"]).lower()
    if kind == "email_change":  # the code was mailed to the current or to the new address
        cur.execute("select * from auth.users where (lower(email) = %s or lower(email_change) = %s)"
                    " and is_sso_user = false for update", (email, email))
        columns = ("email_change_token_current", "email_change_token_new")
    else:
        cur.execute("select * from auth.users where lower(email) = %s and is_sso_user = false"
                    " and coalesce(aud, %s) = %s for update",
                    (email, service.config.audience, service.config.audience))
        columns = (_TOKEN_COLUMNS[kind][0],)
    for user in cur.fetchall():
        void = {column: "" for column in columns if attempts.wrong_guess(user[column] or "")}
        if void:
            store.update_user(cur, str(user["id"]), **void)


def verify_endpoint(service: AuthService, call: AuthCall, attempts: OtpAttempts) -> Response:
    """POST answers with the session; GET (a clicked link) redirects with it in the fragment.

    A wrong e-mail OTP (email + token) counts towards `attempts`' cap on that code.
    """
    params = {**call.query, **call.body}
    if not params.get("type"):
        raise validation_failed("Verify requires a verification type")
    if not (params.get("token") or params.get("token_hash")):
        raise validation_failed("Verify requires a token or a token hash")
    if params.get("phone"):
        if not is_e164(str(params["phone"])):
            raise validation_failed("Invalid phone number format (E.164 required)")
        raise forbidden("otp_expired", "Token has expired or is invalid")  # no SMS OTPs are issued
    if call.request.method == "POST":
        return JSONResponse(_redeem(service, call, params, attempts))
    redirect_to = safe_redirect(service, params.get("redirect_to"))
    try:
        session = _redeem(service, call, params, attempts)
    except AuthError as error:
        fragment = {"error": "access_denied" if error.status == 403 else "server_error",
                    "error_code": error.code, "error_description": error.message}
        return RedirectResponse(f"{redirect_to}#{urlencode(fragment)}", status_code=303)
    fragment = {key: session[key] for key in ("access_token", "expires_at", "expires_in",
                                              "refresh_token", "token_type")}
    fragment["type"] = params["type"]
    return RedirectResponse(f"{redirect_to}#{urlencode(fragment)}", status_code=303)
