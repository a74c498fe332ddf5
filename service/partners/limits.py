"""Per-partner rate limits: requests per minute and a daily quota, one budget across operations.

Both are fixed windows: the current UTC minute and the current UTC day. Counters live in Redis
when REDIS_URL is set, so every worker and replica shares them. Otherwise they live in memory:
under gunicorn a small file-backed table that every worker of the server maps and locks
(`SharedCounters`, its file made by gunicorn.conf.py), so 2 workers allow 60/min, not 120;
elsewhere the process's own. Without Redis each server counts on its own: N servers behind a
load balancer allow up to N times a limit. If Redis fails, counting falls back to memory rather
than failing requests (what Redis had counted in the current window is not known there, so that
window may allow up to twice the limit), and Redis is tried again a few seconds later.

With Redis, a worker does not ask Redis about every request: it leases a few tokens of the
window at a time (about 1 % of the limit, at most 100, one for limits under 200) and spends them
locally. Redis counts the tokens leased, never more than the limit (the last lease is cut to
what is left), so a partner never gets more than its limit; what it may get a little early is a
429 while another worker still holds a few unspent tokens. The `r` of the `RateLimit` field is
exact for one worker and approximate across several, by at most the tokens they hold.

Why counted here and not with Flask-Limiter (used before): the profile of a cached content read
showed Flask-Limiter at about a third of the request's CPU, resolving route, blueprint and
exemption declarations on every request, and making three Redis round trips (a moving-window hit
per limit, then one for the headers). Even one round trip per request cost a cached read about
0.2 ms of worker CPU under load, more than the read itself. We have exactly one budget per
partner, known as soon as the key is checked. Moving windows also stored one entry per request
for the whole window: a daily quota of 1,000,000 meant a list of up to a million entries per
partner. The price of fixed windows: a client may spend a minute's budget at the end of one
minute and again at the start of the next.

Every counted response (429 included) says where the partner stands in both windows, in the
fields of draft-ietf-httpapi-ratelimit-headers (-11): `RateLimit-Policy` names each quota
(`"minute";q=600;w=60, "day";q=100000;w=86400`) and `RateLimit` what is left of it and for how
many seconds (`"minute";r=599;t=42, "day";r=99990;t=51234`), both Structured Field lists. The
older drafts' `RateLimit-Limit`/`RateLimit-Remaining` and `X-RateLimit-Reset` are not sent:
one convention, the current one.
"""

from __future__ import annotations

import fcntl
import logging
import mmap
import os
import struct
import threading
import time
from dataclasses import dataclass
from typing import NamedTuple

import redis
from flask import Flask

from service.errors import Problem
from service.settings import Settings

MINUTE, DAY = 60, 86_400
LEASE_FRACTION = 100  # a lease is 1/100 of the limit…
LEASE_MAX = 100  # …and at most this many tokens
REDIS_RETRY_SECONDS = 5.0
# Slow Redis must not hold requests: give up quickly and count in memory instead.
REDIS_TIMEOUT_SECONDS = 0.25
# Policy names in the RateLimit fields (Structured Field strings), and their windows.
MINUTE_POLICY, DAY_POLICY = "minute", "day"
RATE_LIMIT_HEADER_DOCS = {
    "RateLimit": {
        "description": "What is left of each quota (draft-ietf-httpapi-ratelimit-headers): a "
        "Structured Field list, one item per policy of `RateLimit-Policy`, `r` the requests left "
        "and `t` the seconds until the window resets. Approximate across workers by the few "
        "tokens each holds.",
        "schema": {"type": "string"},
        "example": '"minute";r=599;t=42, "day";r=99990;t=51234',
    },
    "RateLimit-Policy": {
        "description": "The partner's quotas (draft-ietf-httpapi-ratelimit-headers): `q` "
        "requests per `w` seconds, in fixed windows (the UTC minute and the UTC day), one budget "
        "across every operation.",
        "schema": {"type": "string"},
        "example": '"minute";q=600;w=60, "day";q=100000;w=86400',
    },
}

# Adds each lease to its window's count in one round trip. Both keys share a Redis Cluster hash
# slot through the `{…}` tag in their names. ARGV: amount, expiry, amount, expiry…
LEASE_SCRIPT = """
local totals = {}
for i, key in ipairs(KEYS) do
    local amount = tonumber(ARGV[2 * i - 1])
    totals[i] = redis.call('INCRBY', key, amount)
    if totals[i] == amount then redis.call('EXPIRE', key, ARGV[2 * i]) end
end
return totals
"""

log = logging.getLogger(__name__)


class RateLimited(Problem):
    status = 429
    code = "rate_limited"


class Window(NamedTuple):  # built twice per request: a tuple is the cheapest record
    """One limit as this request saw it."""

    limit: int
    used: int  # by this partner in this window, this request included when it was allowed
    resets_at: int  # epoch seconds
    spent: bool  # this request found no token left

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


@dataclass
class Lease:
    """This worker's tokens of one partner's window."""

    index: int  # which window (epoch seconds // length)
    tokens: int = 0  # leased, not yet spent
    leased_by_all: int = 0  # the window's shared count after this worker's last lease
    exhausted: bool = False  # every token of the window is leased: asking again is pointless


class MemoryCounters:
    """Counts per (partner, window length) for the current window only: O(1) per partner."""

    def __init__(self):
        self._counts: dict[tuple[int, int], tuple[int, int]] = {}
        self._lock = threading.Lock()

    def add(self, partner_id: int, leases: list[tuple[int, int, int]]) -> list[int]:
        totals = []
        with self._lock:
            for length, index, amount in leases:
                stored_index, count = self._counts.get((partner_id, length), (index, 0))
                count = (count if stored_index == index else 0) + amount
                self._counts[(partner_id, length)] = (index, count)
                totals.append(count)
        return totals


class SharedCounters:
    """MemoryCounters for every process that maps one file: a fixed table of (partner, window
    length, window index, count) slots under an fcntl lock (released by the kernel if a worker
    dies holding it). A slot whose window has passed is reused; when a partner's probe finds no
    free slot (over `SLOTS` partners active in one window) it counts in process memory."""

    SLOT = struct.Struct("<qqqq")
    SLOTS = 8192
    PROBES = 32

    def __init__(self, path: str):
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        size = self.SLOT.size * self.SLOTS
        if os.fstat(self._fd).st_size < size:
            os.ftruncate(self._fd, size)  # zeroes: every slot free
        self._table = mmap.mmap(self._fd, size)
        self._lock = threading.Lock()  # fcntl locks are per process: threads need their own
        self._overflow = MemoryCounters()

    def add(self, partner_id: int, leases: list[tuple[int, int, int]]) -> list[int]:
        with self._lock:
            fcntl.lockf(self._fd, fcntl.LOCK_EX)
            try:
                totals = [self._add(partner_id, *lease) for lease in leases]
            finally:
                fcntl.lockf(self._fd, fcntl.LOCK_UN)
        return totals

    def _add(self, partner_id: int, length: int, index: int, amount: int) -> int:
        owner = partner_id + 1  # 0 marks a free slot
        start = (owner * 1_000_003 + length) % self.SLOTS  # the same in every process
        reusable = None
        for probe in range(self.PROBES):
            offset = ((start + probe) % self.SLOTS) * self.SLOT.size
            slot_owner, slot_length, slot_index, count = self.SLOT.unpack_from(self._table, offset)
            if (slot_owner, slot_length) == (owner, length):
                count = (count if slot_index == index else 0) + amount
                self.SLOT.pack_into(self._table, offset, owner, length, index, count)
                return count
            stale = slot_owner == 0 or slot_index < int(time.time() // slot_length)
            if stale and reusable is None:
                reusable = offset
        if reusable is None:
            return self._overflow.add(partner_id, [(length, index, amount)])[0]
        self.SLOT.pack_into(self._table, reusable, owner, length, index, amount)
        return amount


class RedisCounters:
    def __init__(self, url: str, key_prefix: str):
        self.key_prefix = key_prefix
        client = redis.Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
        )
        self._lease = client.register_script(LEASE_SCRIPT)

    def add(self, partner_id: int, leases: list[tuple[int, int, int]]) -> list[int]:
        tag = f"{{{self.key_prefix}:rate:{partner_id}}}"
        keys = [f"{tag}:{length}:{index}" for length, index, _ in leases]
        # A window's key outlives it slightly, so a late lease never restarts a count.
        args = [value for length, _, amount in leases for value in (amount, length + 60)]
        return [int(total) for total in self._lease(keys=keys, args=args)]


class RateLimiter:
    def __init__(self, settings: Settings):
        self.memory = (
            SharedCounters(settings.rate_limit_counters_file)
            if settings.rate_limit_counters_file
            else MemoryCounters()
        )
        self.redis = (
            RedisCounters(settings.redis_url, settings.rate_limit_key_prefix)
            if settings.redis_url
            else None
        )
        self._redis_down_until = 0.0
        self._leases: dict[tuple[int, int], Lease] = {}
        self._lock = threading.Lock()

    def count(self, partner_id: int, per_minute: int, per_day: int) -> tuple[Window, Window]:
        """Spend a token of each window, leasing more where this worker has none left."""
        now = time.time()
        with self._lock:
            minute = self._lease(partner_id, MINUTE, int(now // MINUTE))
            day = self._lease(partner_id, DAY, int(now // DAY))
            if not (minute.tokens and day.tokens):  # the usual case: both still hold tokens
                wanted = [
                    (lease, length, limit)
                    for lease, length, limit in ((minute, MINUTE, per_minute), (day, DAY, per_day))
                    if lease.tokens == 0 and not lease.exhausted
                ]
                if wanted:
                    self._refill(partner_id, wanted)
            allowed = minute.tokens > 0 and day.tokens > 0
            if allowed:
                minute.tokens -= 1
                day.tokens -= 1
            return (
                self._window(minute, MINUTE, per_minute, allowed),
                self._window(day, DAY, per_day, allowed),
            )

    @staticmethod
    def _window(lease: Lease, length: int, limit: int, allowed: bool) -> Window:
        # Leased by every worker, less what this one has not spent yet (a limit lowered
        # mid-window takes effect once the tokens already leased are spent).
        used = max(0, min(lease.leased_by_all, limit) - lease.tokens)
        spent = not allowed and lease.tokens == 0
        return Window(limit, used, (lease.index + 1) * length, spent)

    def _lease(self, partner_id: int, length: int, index: int) -> Lease:
        lease = self._leases.get((partner_id, length))
        if lease is None or lease.index != index:  # a new window: earlier tokens are void
            lease = self._leases[(partner_id, length)] = Lease(index)
        return lease

    def _refill(self, partner_id: int, wanted: list[tuple[Lease, int, int]]) -> None:
        # Called with the lock held: a worker's threads wait for one lease rather than each
        # fetching its own. Redis answers within REDIS_TIMEOUT_SECONDS or is set aside.
        redis_counters = self.redis
        shared = redis_counters is not None and time.monotonic() >= self._redis_down_until
        amounts = [
            max(1, min(LEASE_MAX, limit // LEASE_FRACTION)) if shared else 1
            for _, _, limit in wanted
        ]
        request = [
            (length, lease.index, amount)
            for (lease, length, _), amount in zip(wanted, amounts, strict=True)
        ]
        totals = None
        if shared and redis_counters is not None:
            try:
                totals = redis_counters.add(partner_id, request)
            except redis.RedisError:
                log.warning(
                    "rate-limit counters unavailable in Redis; counting in memory", exc_info=True
                )
                self._redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS
                request = [(length, index, 1) for length, index, _ in request]
        if totals is None:
            totals = self.memory.add(partner_id, request)
        for (lease, _, limit), (_, _, amount), total in zip(wanted, request, totals, strict=True):
            granted = max(0, min(amount, limit - (total - amount)))  # the last lease is cut
            lease.tokens += granted
            lease.leased_by_all = total
            lease.exhausted = total >= limit


def enforce_rate_limit(state, limiter: RateLimiter) -> None:
    """Count the calling partner's request; refuse it when a window is spent. Open endpoints
    and unauthenticated calls (already refused with 401) are not counted. `state` is `g`."""
    partner = state.get("partner")
    if partner is None:
        return
    minute, day = limiter.count(partner.id, partner.rate_limit_per_minute, partner.daily_quota)
    state.rate_windows = (minute, day)
    if minute.spent or day.spent:
        spent = day if day.spent else minute
        retry_after = max(1, spent.resets_at - int(time.time()))
        policy = DAY_POLICY if spent is day else MINUTE_POLICY
        problem = RateLimited(
            f"Rate limit of {spent.limit} requests per {policy} exceeded; "
            f"retry in {retry_after} s.",
            violated_policies=[policy],
        )
        problem.headers = {"Retry-After": str(retry_after)}  # the rest: rate_limit_headers
        raise problem


def rate_limit_headers(state) -> list[tuple[str, str]]:
    """`RateLimit-Policy` and `RateLimit` for a counted request; none for the others."""
    windows = state.get("rate_windows")
    if windows is None:
        return []
    minute, day = windows
    now = int(time.time())
    policy = f'"{MINUTE_POLICY}";q={minute.limit};w={MINUTE}, "{DAY_POLICY}";q={day.limit};w={DAY}'
    left = (
        f'"{MINUTE_POLICY}";r={minute.remaining};t={max(0, minute.resets_at - now)}, '
        f'"{DAY_POLICY}";r={day.remaining};t={max(0, day.resets_at - now)}'
    )
    return [("RateLimit-Policy", policy), ("RateLimit", left)]


def init_app(app: Flask, settings: Settings) -> RateLimiter:
    limiter = app.extensions["rate_limiter"] = RateLimiter(settings)
    return limiter
