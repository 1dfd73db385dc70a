"""Who may use the UI, and what protects it: passwords (argon2), HTTP Basic, a bearer token for
``/api/`` with a login form for pages, CSRF tokens on every form, security headers.

``/healthz`` and ``/metrics`` stay as they always were (no login, no extra headers) for health
checks and scrapers; ``/feedback/<token>`` needs no login, its signature is the credential.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Callable
from urllib.parse import quote

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.concurrency import run_in_threadpool
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp

from monitor.config.models import AuthConfig

CSRF_COOKIE = "monitor_csrf"
CSRF_FIELD = "csrf"
SESSION_COOKIE = "monitor_session"
SESSION_TTL_S = 12 * 3600
PLUMBING = ("/healthz", "/metrics")  # served exactly as before the UI existed
OPEN_PREFIXES = ("/feedback/", "/static/", "/login")
SECURITY_HEADERS = {
    # No inline script or style anywhere: a title that slips through escaping cannot run.
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash for ``server.auth.users[].password_hash``."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


class Guard(BaseHTTPMiddleware):
    """Authentication, the CSRF cookie and the security headers, for every route but the
    plumbing. ``auth`` is read per request: a config reload takes effect at once."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        auth: Callable[[], AuthConfig],
        secret: Callable[[], str],
        secure_cookies: Callable[[], bool],
    ) -> None:
        super().__init__(app)
        self.auth = auth
        self.secret = secret
        self.secure_cookies = secure_cookies
        # argon2 is slow by design (~50 ms); a browser sends Basic credentials with every
        # request. Accepted ones are remembered by a keyed digest, never in the clear.
        self._cache_key = secrets.token_bytes(32)
        self._accepted: dict[bytes, str] = {}

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        path = request.url.path
        if path in PLUMBING:
            return await call_next(request)
        nonce = request.cookies.get(CSRF_COOKIE)
        fresh_nonce = None
        if not nonce or len(nonce) > 64:
            nonce = fresh_nonce = secrets.token_urlsafe(24)
        request.state.csrf = csrf_token(self.secret(), nonce)
        request.state.user = None
        if not path.startswith(OPEN_PREFIXES):
            refused = await self._authenticate(request)
            if refused is not None:
                return _secured(refused)
        response = await call_next(request)
        if fresh_nonce is not None:
            response.set_cookie(
                CSRF_COOKIE,
                fresh_nonce,
                httponly=True,
                samesite="strict",
                secure=self.secure_cookies(),
                path="/",
            )
        return _secured(response)

    async def _authenticate(self, request: Request) -> Response | None:
        """None when the request may go on, else the answer that refuses it."""
        auth = self.auth()
        api = request.url.path.startswith("/api/")
        if auth.type == "none":
            return None
        if auth.type == "basic":
            user = await self._basic_user(request.headers.get("authorization", ""), auth)
            if user is not None:
                request.state.user = user
                return None
            challenge = {"WWW-Authenticate": 'Basic realm="monitor", charset="UTF-8"'}
            if api:
                return JSONResponse({"error": "authentication required"}, 401, challenge)
            return PlainTextResponse("authentication required\n", 401, challenge)
        token = (auth.token.get_secret_value() if auth.token else "").encode()
        header = request.headers.get("authorization", "")
        if header[:7].lower() == "bearer " and hmac.compare_digest(header[7:].encode(), token):
            request.state.user = "token"
            return None
        if not api and self.valid_session(request.cookies.get(SESSION_COOKIE, "")):
            request.state.user = "session"
            return None
        if api:
            return JSONResponse(
                {"error": "authentication required"}, 401, {"WWW-Authenticate": "Bearer"}
            )
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", 303)

    async def _basic_user(self, header: str, auth: AuthConfig) -> str | None:
        if header[:6].lower() != "basic ":
            return None
        try:
            name, _, password = base64.b64decode(header[6:], validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        for user in auth.users:
            if not hmac.compare_digest(user.name.encode(), name.encode()):
                continue
            stored = user.password_hash.get_secret_value()
            key = hmac.digest(self._cache_key, f"{stored}\0{name}\0{password}".encode(), "sha256")
            if key in self._accepted:
                return name
            if await run_in_threadpool(verify_password, stored, password):
                if len(self._accepted) > 1000:
                    self._accepted.clear()
                self._accepted[key] = name
                return name
        return None

    def valid_session(self, cookie: str) -> bool:
        if not cookie:
            return False
        try:
            return bool(_sessions(self.secret()).loads(cookie, max_age=SESSION_TTL_S) == "session")
        except BadSignature:
            return False


def _sessions(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="monitor.session")


def session_cookie(secret: str) -> str:
    """The cookie a successful token login sets (signed, expires after SESSION_TTL_S)."""
    return str(_sessions(secret).dumps("session"))


def csrf_token(secret: str, nonce: str) -> str:
    """The form token of a browser's CSRF cookie: a cross-site page can neither read the
    cookie nor, without the server's secret, make the token of one it planted."""
    return hmac.new(secret.encode(), f"csrf\0{nonce}".encode(), hashlib.sha256).hexdigest()


def csrf_ok(request: Request, submitted: object) -> bool:
    expected = getattr(request.state, "csrf", None)
    return (
        isinstance(submitted, str)
        and isinstance(expected, str)
        and CSRF_COOKIE in request.cookies
        and hmac.compare_digest(submitted.encode(), expected.encode())
    )


def _secured(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
