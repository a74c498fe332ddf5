"""Per-partner rate limits: requests per minute and a daily quota, one budget across operations.

Both are fixed windows: the current UTC minute and the current UTC day. Counters live in Redis
when REDIS_URL is set, so every worker and replica shares them, and otherwise in process memory
(fine for one process; per worker under gunicorn). If Redis fails, counting falls back to memory
rather than failing requests, and Redis is tried again a few seconds later.

Why counted here and not with Flask-Limiter (used before): the profile of a cached content read
showed Flask-Limiter at about a third of the request's CPU, resolving route, blueprint and
exemption declarations on every request, and making three Redis round trips (a moving-window hit
per limit, then one for the headers). We have exactly one budget per partner, known as soon as the
key is checked, so one short Lua script increments both counters in one round trip. Moving
windows also stored one entry per request for the whole window: a daily quota of 1,000,000 meant
a list of up to a million entries per partner. The price of fixed windows: a client may spend a
minute's budget at the end of one minute and again at the start of the next.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import redis
from flask import Flask, Response, current_app, g

from service.errors import Problem
from service.settings import Settings

MINUTE, DAY = 60, 86_400
REDIS_RETRY_SECONDS = 5.0
# Slow Redis must not hold requests: give up quickly and count in memory instead.
REDIS_TIMEOUT_SECONDS = 0.25
HEADERS = ("RateLimit-Limit", "RateLimit-Remaining", "X-RateLimit-Reset")

# Both counters share a Redis Cluster hash slot through the `{…}` tag in their keys.
INCREMENT_BOTH = """
local counts = {}
for i, key in ipairs(KEYS) do
    counts[i] = redis.call('INCR', key)
    if counts[i] == 1 then redis.call('EXPIRE', key, ARGV[i]) end
end
return counts
"""

log = logging.getLogger(__name__)


class RateLimited(Problem):
    status = 429
    code = "rate_limited"


@dataclass(frozen=True)
class Window:
    """One limit's state after this request was counted."""

    limit: int
    used: int
    resets_at: int  # epoch seconds

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


class MemoryCounters:
    """Counts per (partner, window length) for the current window only: O(1) per partner."""

    def __init__(self):
        self._counts: dict[tuple[int, int], tuple[int, int]] = {}
        self._lock = threading.Lock()

    def increment(self, partner_id: int, windows: tuple[tuple[int, int], ...]) -> list[int]:
        counts = []
        with self._lock:
            for length, index in windows:
                stored_index, count = self._counts.get((partner_id, length), (index, 0))
                count = count + 1 if stored_index == index else 1
                self._counts[(partner_id, length)] = (index, count)
                counts.append(count)
        return counts


class RedisCounters:
    def __init__(self, url: str, key_prefix: str):
        self.key_prefix = key_prefix
        client = redis.Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
        )
        self._increment_both = client.register_script(INCREMENT_BOTH)

    def increment(self, partner_id: int, windows: tuple[tuple[int, int], ...]) -> list[int]:
        tag = f"{{{self.key_prefix}:rate:{partner_id}}}"
        keys = [f"{tag}:{length}:{index}" for length, index in windows]
        # A window's key outlives it slightly, so a late increment never restarts a count.
        return [int(n) for n in self._increment_both(keys=keys, args=[l + 60 for l, _ in windows])]


class RateLimiter:
    def __init__(self, settings: Settings):
        self.memory = MemoryCounters()
        self.redis = (
            RedisCounters(settings.redis_url, settings.rate_limit_key_prefix)
            if settings.redis_url
            else None
        )
        self._redis_down_until = 0.0

    def count(self, partner_id: int, per_minute: int, per_day: int) -> tuple[Window, Window]:
        now = time.time()
        windows = ((MINUTE, int(now // MINUTE)), (DAY, int(now // DAY)))
        minute_count, day_count = self._increment(partner_id, windows)
        return (
            Window(per_minute, minute_count, (windows[0][1] + 1) * MINUTE),
            Window(per_day, day_count, (windows[1][1] + 1) * DAY),
        )

    def _increment(self, partner_id: int, windows) -> list[int]:
        if self.redis is not None and time.monotonic() >= self._redis_down_until:
            try:
                return self.redis.increment(partner_id, windows)
            except redis.RedisError:
                log.warning("rate-limit counters unavailable in Redis; counting in memory",
                            exc_info=True)
                self._redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS
        return self.memory.increment(partner_id, windows)


def enforce_rate_limit() -> None:
    """Count the calling partner's request; refuse it when a window is spent. Open endpoints
    and unauthenticated calls (already refused with 401) are not counted."""
    partner = g.get("partner")
    if partner is None:
        return
    minute, day = current_app.extensions["rate_limiter"].count(
        partner.id, partner.rate_limit_per_minute, partner.daily_quota
    )
    # The headers describe whichever window is nearer to running out.
    g.rate_window = min(minute, day, key=lambda window: window.remaining)
    if minute.used > minute.limit or day.used > day.limit:
        spent = day if day.used > day.limit else minute
        retry_after = max(1, spent.resets_at - int(time.time()))
        problem = RateLimited(
            f"Rate limit of {spent.limit} requests per "
            f"{'day' if spent is day else 'minute'} exceeded; retry in {retry_after} s."
        )
        problem.headers = {"Retry-After": str(retry_after)}  # the rest: add_rate_limit_headers
        raise problem


def _headers(window: Window) -> dict[str, str]:
    return dict(zip(HEADERS, (str(window.limit), str(window.remaining), str(window.resets_at))))


def add_rate_limit_headers(response: Response) -> Response:
    window = g.get("rate_window")
    if window is not None:
        response.headers.update(_headers(window))
    return response


def init_app(app: Flask, settings: Settings) -> RateLimiter:
    limiter = app.extensions["rate_limiter"] = RateLimiter(settings)
    app.before_request(enforce_rate_limit)
    app.after_request(add_rate_limit_headers)
    return limiter
