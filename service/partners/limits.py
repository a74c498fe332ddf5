"""Per-partner rate limits (requests/minute and a daily quota) with Flask-Limiter.

Counters live in Redis when REDIS_URL is set, so every worker and replica shares them; otherwise
in process memory (fine for one process, per-worker under gunicorn).
"""

from __future__ import annotations

from flask import Flask, g
from flask_limiter import HeaderNames, Limiter

from service.settings import Settings

HEADER_NAMES = {
    HeaderNames.LIMIT: "RateLimit-Limit",
    HeaderNames.REMAINING: "RateLimit-Remaining",
    # Flask-Limiter reports an epoch timestamp, which is what X-RateLimit-Reset means elsewhere.
    HeaderNames.RESET: "X-RateLimit-Reset",
    HeaderNames.RETRY_AFTER: "Retry-After",
}


def _partner_key() -> str:
    partner = g.get("partner")
    return f"partner:{partner.id}" if partner is not None else "anonymous"


def _partner_limits() -> str:
    partner = g.get("partner")
    if partner is None:  # evaluated even for exempt requests; never counted against anyone
        return "1/second"
    return f"{partner.rate_limit_per_minute}/minute;{partner.daily_quota}/day"


def _no_partner() -> bool:
    # Health, docs and the spec are open; unauthenticated calls were already refused with 401.
    return g.get("partner") is None


def init_app(app: Flask, settings: Settings) -> Limiter:
    limiter = Limiter(
        key_func=_partner_key,
        # Application limits: one budget per partner across all operations (default limits
        # would give each route its own).
        application_limits=[_partner_limits],
        application_limits_exempt_when=_no_partner,
        headers_enabled=True,
        header_name_mapping=HEADER_NAMES,
        storage_uri=settings.redis_url or "memory://",
        strategy="moving-window",
        key_prefix=settings.rate_limit_key_prefix,
        # A Redis outage must not take the API down with it: fall back to per-process counters.
        in_memory_fallback_enabled=bool(settings.redis_url),
    )
    limiter.init_app(app)
    return limiter
