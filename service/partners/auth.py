"""Who is calling: API keys on every /v1 request, the scope each operation declares, CORS."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, Request, Response, current_app, request
from flask_cors.core import get_cors_options, set_cors_headers
from flask_smorest import Blueprint as SmorestBlueprint
from flask_smorest.utils import prepare_response
from sqlalchemy import select

from service.api import ProblemSchema, problem_example
from service.db import get_db, get_session
from service.errors import PROBLEM_MEDIA_TYPE, Problem
from service.partners.models import PUBLISHABLE_SCOPES, Partner
from service.partners.origins import RefusalAudit, check_origin
from service.partners.service import find_valid_key, hash_secret, now

KEY_KINDS_DESCRIPTION = (
    "Two kinds of key. A **secret** key `sck_<prefix>_<secret>` is for servers only: it may have "
    "any scope, and a request carrying it from another site's page (an `Origin` header naming "
    "another origin) is refused with 403 `secret_key_in_browser`. A **publishable** key "
    "`pk_<prefix>_<secret>` is for browsers: it may only have "
    + ", ".join(f"`{scope}`" for scope in PUBLISHABLE_SCOPES)
    + ", and works only when the request's `Origin` is one of the partner's registered origins "
    "(403 `origin_not_allowed` when it is absent or another); CORS answers exactly that origin."
)
API_KEY_SCHEMES = {
    "ApiKeyHeader": {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": f"A partner key. {KEY_KINDS_DESCRIPTION}",
    },
    "BearerKey": {
        "type": "http",
        "scheme": "bearer",
        "description": "The same partner key as `Authorization: Bearer <key>` (either kind).",
    },
}
# Either header works; OpenAPI 3.0 carries scopes only for OAuth2, so the required scope is
# stated in `x-required-scope` and the description.
KEY_SECURITY: list[dict[str, list[str]]] = [{"ApiKeyHeader": []}, {"BearerKey": []}]
ANY_SCOPE = "any"
EXPOSED_HEADERS = [
    "ETag",
    "X-Request-ID",
    "Retry-After",
    "X-Pagination",
    "Link",
    "Content-Language",
    "RateLimit",
    "RateLimit-Policy",
    "traceparent",  # only sent with tracing on; a page can then quote the trace to support
]
ORIGINS_CACHE_SECONDS = 60


class Unauthorized(Problem):
    status = 401
    code = "unauthorized"

    def __init__(self, detail: str, *, invalid: bool):
        super().__init__(detail)
        error = ', error="invalid_token"' if invalid else ""
        self.headers = {"WWW-Authenticate": f'Bearer realm="spinecare"{error}'}


class Forbidden(Problem):
    status = 403
    code = "insufficient_scope"


# The 403 answers an operation documents: a missing scope, or a key used from the wrong page.
FORBIDDEN_DESCRIPTION = (
    "`insufficient_scope`: the key lacks the operation's scope (or is a publishable key and the "
    "operation needs a secret one); `origin_not_allowed`: a publishable key without an `Origin` "
    "or from an origin the partner has not registered; `secret_key_in_browser`: a secret key "
    "sent from a web page."
)


def document(spec) -> None:
    """The key security schemes, and KEY_FORBIDDEN: the 403 of every operation needing a key."""
    for name, scheme in API_KEY_SCHEMES.items():
        spec.components.security_scheme(name, scheme)
    # One example (OpenAPI 3.0 has `example` or `examples`, and every problem here has one);
    # the description names the other codes.
    example = problem_example(
        403,
        "origin_not_allowed",
        "The origin 'https://elsewhere.example' is not registered for this publishable key's "
        "partner (`flask partners origins add`).",
    )
    example |= {"instance": "/v1/conditions", "origin": "https://elsewhere.example"}
    response = {
        "description": f"Forbidden. {FORBIDDEN_DESCRIPTION}",
        "schema": ProblemSchema,
        "example": example,
        "headers": {"X-Request-ID": "REQUEST_ID"},
    }
    prepare_response(response, spec, PROBLEM_MEDIA_TYPE)
    spec.components.response("KEY_FORBIDDEN", response)


def require_scope(scope: str) -> Callable[..., Any]:
    """Declare (docs) the scope a view method needs; `authenticate` enforces it before the view.

    `ANY_SCOPE` means any valid key, whatever its scopes (e.g. a partner reading its own usage).
    """

    def decorator(func):
        func.required_scope = scope
        detail = (
            "any valid secret key (not a publishable one)"
            if scope == ANY_SCOPE
            else f"a key with scope `{scope}`"
        )
        return SmorestBlueprint.doc(
            security=KEY_SECURITY,
            responses={401: "UNAUTHORIZED", 403: "KEY_FORBIDDEN", 429: "TOO_MANY_REQUESTS"},
            **{"x-required-scope": scope},
            description=f"Requires {detail}.",
        )(func)

    return decorator


def required_scope(view, method: str, path: str) -> str | None:
    """The scope the routed view method declares; None for an open one."""
    view_class = getattr(view, "view_class", None)
    handler = getattr(view_class, method.lower(), None) if view_class else view
    if handler is None and method == "HEAD" and view_class:
        handler = getattr(view_class, "get", None)  # MethodView answers HEAD with its GET
    scope = getattr(handler, "required_scope", None)
    if scope is None and path.startswith("/v1/"):
        return "admin"  # fail closed: an operation that forgot to declare a scope is admin-only
    return scope


def presented_token(environ: dict[str, Any]) -> str | None:
    # Headers straight from the WSGI environ: werkzeug's lookup of an absent header raises and
    # catches a KeyError, which showed up in every request's profile.
    authorization = environ.get("HTTP_AUTHORIZATION", "")
    if authorization[:7].lower() == "bearer ":
        return authorization[7:].strip() or None
    return environ.get("HTTP_X_API_KEY") or None


@dataclass(frozen=True)
class CallingPartner:
    id: int
    slug: str
    name: str
    allowed_origins: tuple[str, ...]
    rate_limit_per_minute: int
    daily_quota: int
    country: str = "US"


@dataclass(frozen=True)
class CallingKey:
    id: int
    partner_id: int
    prefix: str
    label: str
    scopes: tuple[str, ...]
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    kind: str = "secret"


class CredentialCache:
    """Keys already checked, by the hash of the token, for `seconds`; 0 turns it off.

    A read-heavy API would otherwise pay a database round trip per request to learn what it
    knew a moment ago. The price: a revoked key or a changed limit takes effect within `seconds`
    in every worker; expiry is still checked on every request.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._entries: dict[str, tuple[float, CallingKey, CallingPartner]] = {}
        self._lock = threading.Lock()

    def get(self, token: str) -> tuple[CallingKey, CallingPartner] | None:
        if self.seconds <= 0:
            return self._load(token)
        digest = hash_secret(token)
        entry = self._entries.get(digest)
        if entry is None or entry[0] < time.monotonic():
            loaded = self._load(token)
            if loaded is None:
                self._entries.pop(digest, None)
                return None
            with self._lock:
                if len(self._entries) > 10_000:  # bounded: unknown tokens are never stored
                    self._entries.clear()
                self._entries[digest] = (time.monotonic() + self.seconds, *loaded)
            return loaded
        _, key, partner = entry
        if key.expires_at is not None and key.expires_at <= now():
            return None
        return key, partner

    @staticmethod
    def _load(token: str) -> tuple[CallingKey, CallingPartner] | None:
        key = find_valid_key(session=get_session(), token=token)
        if key is None:
            return None
        partner = key.partner
        return (
            CallingKey(
                key.id,
                key.partner_id,
                key.prefix,
                key.label,
                tuple(key.scopes),
                key.created_at,
                key.expires_at,
                key.last_used_at,
                key.kind,
            ),
            CallingPartner(
                partner.id,
                partner.slug,
                partner.name,
                tuple(partner.allowed_origins),
                partner.rate_limit_per_minute,
                partner.daily_quota,
                partner.country,
            ),
        )


def authenticate(
    request: Request, state, view, credentials: CredentialCache, refusals: RefusalAudit
) -> None:
    """Who is calling, for a view that declares a scope: sets `partner` and `api_key` on
    `state` (`g`), or raises 401/403. `view` is the routed view function, None for no route."""
    if view is None or request.method == "OPTIONS":
        return  # preflights carry no key; unknown routes are 404 whoever asks
    scope = required_scope(view, request.method, request.path)
    if scope is None:
        return
    token = presented_token(request.environ)
    if token is None:
        raise Unauthorized("This operation needs a partner API key.", invalid=False)
    found = credentials.get(token)
    if found is None:
        raise Unauthorized("The API key is unknown, revoked or expired.", invalid=True)
    key, partner = found
    # A refused key is not counted (rate limit, usage) and gets no CORS headers.
    check_origin(request, key, partner, refusals)
    state.partner, state.api_key = partner, key
    if scope == ANY_SCOPE and key.kind == "publishable":
        # The partner's own account (limits, usage) is not for anyone who opens its pages.
        raise Forbidden(
            "This operation needs a secret key; publishable keys cannot call it.",
            required_scope="secret key",
        )
    if scope != ANY_SCOPE and scope not in key.scopes and "admin" not in key.scopes:
        raise Forbidden(f"This operation needs the scope '{scope}'.", required_scope=scope)


def _preflight_origins() -> list[str]:
    """Every live partner's origins; a preflight carries no key, so it cannot be narrower."""
    cached = current_app.extensions.get("partner_origins")
    if cached and cached[0] > time.monotonic():
        origins: list[str] = cached[1]
        return origins
    with get_db().session_factory() as session:
        rows = session.scalars(
            select(Partner.allowed_origins).where(Partner.disabled_at.is_(None))
        ).all()
    origins = sorted({origin for row in rows for origin in row})
    current_app.extensions["partner_origins"] = (time.monotonic() + ORIGINS_CACHE_SECONDS, origins)
    return origins


def apply_cors(response: Response, partner: CallingPartner | None) -> None:
    """For a browser's call (it sent Origin) under /v1: flask-cors' header logic, fed with the
    calling partner's own origins (explicit, no '*'); for a preflight, every partner's."""
    response.vary.add("Origin")  # the answer depends on who asks, even when it says no
    origins = list(partner.allowed_origins) if partner is not None else None
    if origins is None and request.method == "OPTIONS":
        origins = _preflight_origins()
    if not origins:
        return
    options = get_cors_options(
        current_app,
        {
            "origins": origins,
            "expose_headers": EXPOSED_HEADERS,
            "allow_headers": [
                "Authorization",
                "X-API-Key",
                "Content-Type",
                "If-None-Match",
                "Accept-Language",
                "X-Request-ID",
            ],
            "supports_credentials": False,
            "max_age": 600,
            "vary_header": True,
        },
    )
    set_cors_headers(response, options)


SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
)
# The docs page loads only its own packaged scripts and styles.
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def security_headers(path: str, present: set[str], is_secure: bool) -> list[tuple[str, str]]:
    """The security headers a response still lacks; `present` holds its header names, lowered."""
    if path.startswith("/docs"):
        added = [("Content-Security-Policy", DOCS_CONTENT_SECURITY_POLICY)]
        present = present | {"content-security-policy"}
    else:
        added = []
    added += [(name, value) for name, value in SECURITY_HEADERS if name.lower() not in present]
    if is_secure:
        added.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    return added


def init_app(app: Flask, cache_seconds: float) -> None:
    app.extensions["credential_cache"] = CredentialCache(cache_seconds)
    app.extensions["origin_refusals"] = RefusalAudit()
