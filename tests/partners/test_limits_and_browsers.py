"""Per-partner rate limits and their RateLimit headers, security headers (CORS and origins:
test_publishable_keys.py)."""

import re
import time
from dataclasses import replace

import pytest

from service.partners.limits import MemoryCounters, RateLimiter

POLICY = re.compile(r'^"minute";q=(\d+);w=60, "day";q=(\d+);w=86400$')
REMAINING = re.compile(r'^"minute";r=(\d+);t=(\d+), "day";r=(\d+);t=(\d+)$')
OLDER_DRAFTS = (
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
)


def rate_limit(response) -> tuple[tuple[int, int], tuple[int, int, int, int]]:
    """(minute quota, day quota), (minute r, minute t, day r, day t), from the exact syntax of
    draft-ietf-httpapi-ratelimit-headers; no header of the older drafts beside them."""
    assert not [name for name in OLDER_DRAFTS if name in response.headers]
    policy = POLICY.match(response.headers["RateLimit-Policy"])
    remaining = REMAINING.match(response.headers["RateLimit"])
    assert policy and remaining, dict(response.headers)
    return tuple(map(int, policy.groups())), tuple(map(int, remaining.groups()))


def test_rate_limit_per_partner_gives_429_problem_with_headers(
    anonymous_client, issue_key, settings
):
    slow = issue_key("content:read", rate_limit_per_minute=3)
    other = issue_key("content:read", rate_limit_per_minute=3)
    health = anonymous_client.get("/healthz")  # open endpoints are not counted
    assert health.status_code == 200
    assert "RateLimit" not in health.headers and "RateLimit-Policy" not in health.headers
    responses = [
        anonymous_client.get("/v1/care-pathway", headers={"X-API-Key": slow}) for _ in range(3)
    ]
    assert [r.status_code for r in responses] == [200, 200, 200]
    seen = [rate_limit(r) for r in responses]
    assert {policy for policy, _ in seen} == {(3, 100_000)}
    assert [left[0] for _, left in seen] == [2, 1, 0]  # r decreases, request by request
    assert [left[2] for _, left in seen] == [99_999, 99_998, 99_997]
    assert all(0 <= left[1] <= 60 and 0 <= left[3] <= 86_400 for _, left in seen)

    limited = anonymous_client.get("/v1/care-pathway", headers={"X-API-Key": slow})
    assert limited.status_code == 429
    assert limited.mimetype == "application/problem+json"
    body = limited.get_json()
    assert body["code"] == "rate_limited"
    assert body["violated_policies"] == ["minute"]
    assert 0 < int(limited.headers["Retry-After"]) <= 60
    policy, left = rate_limit(limited)  # the 429 says where the partner stands too
    assert policy == (3, 100_000)
    assert left[0] == 0 and left[2] == 99_997  # a refused request is not counted

    # The budget is the partner's, across operations.
    assert anonymous_client.get("/v1/conditions", headers={"X-API-Key": slow}).status_code == 429
    # Another partner has its own budget.
    fresh = anonymous_client.get("/v1/care-pathway", headers={"X-API-Key": other})
    assert fresh.status_code == 200
    assert rate_limit(fresh)[1][0] == 2


def test_errors_after_the_count_carry_the_headers_and_unauthenticated_ones_do_not(
    anonymous_client, issue_key
):
    token = issue_key("content:read")
    missing = anonymous_client.get("/v1/conditions/no-such-thing", headers={"X-API-Key": token})
    assert missing.status_code == 404
    assert rate_limit(missing)[1][0] == 599
    unauthorised = anonymous_client.get("/v1/conditions")
    assert unauthorised.status_code == 401
    assert "RateLimit" not in unauthorised.headers


def test_daily_quota_is_enforced(anonymous_client, issue_key):
    token = issue_key("content:read", daily_quota=2)
    responses = [
        anonymous_client.get("/v1/care-pathway", headers={"X-API-Key": token}) for _ in range(3)
    ]
    assert [r.status_code for r in responses] == [200, 200, 429]
    policy, left = rate_limit(responses[0])
    assert policy == (600, 2)
    assert left[0] == 599 and left[2] == 1
    _, spent = rate_limit(responses[2])
    assert spent[2] == 0
    seconds_to_midnight = (int(time.time()) // 86_400 + 1) * 86_400 - int(time.time())
    assert abs(spent[3] - seconds_to_midnight) <= 1
    assert "per day" in responses[2].get_json()["detail"]
    assert responses[2].get_json()["violated_policies"] == ["day"]
    assert 0 < int(responses[2].headers["Retry-After"]) <= 86_400


def test_counts_start_again_in_a_new_window():
    counters = MemoryCounters()
    assert counters.add(7, [(60, 100, 1), (86_400, 5, 1)]) == [1, 1]
    assert counters.add(7, [(60, 100, 1), (86_400, 5, 1)]) == [2, 2]
    assert counters.add(7, [(60, 101, 1), (86_400, 5, 1)]) == [1, 3]  # next minute, same day
    assert counters.add(8, [(60, 101, 5)]) == [5]  # another partner; a lease of 5


def test_a_redis_outage_falls_back_to_counting_in_memory(settings):
    # Nothing listens on port 1: every Redis call fails at once.
    limiter = RateLimiter(replace(settings, redis_url="redis://127.0.0.1:1/0"))
    first, _ = limiter.count(partner_id=1, per_minute=2, per_day=100)
    second, _ = limiter.count(partner_id=1, per_minute=2, per_day=100)
    third, day = limiter.count(partner_id=1, per_minute=2, per_day=100)
    assert [first.remaining, second.remaining, third.remaining] == [1, 0, 0]
    assert [first.spent, second.spent, third.spent] == [False, False, True]
    assert day.used == 2 and not day.spent  # a refused request is not counted


@pytest.fixture
def shared_settings(settings):
    if not settings.redis_url:
        pytest.skip("no Redis on 127.0.0.1:6379")
    return replace(settings, rate_limit_key_prefix=f"{settings.rate_limit_key_prefix}-lease")


def test_workers_lease_tokens_and_never_admit_more_than_the_limit(shared_settings):
    # Two workers (two limiters) share one partner's budget of 250 a minute through Redis.
    # Leases are 1 % of the limit: 2 tokens per trip to Redis.
    workers = [RateLimiter(shared_settings), RateLimiter(shared_settings)]
    admitted, refused = 0, 0
    started_in = int(time.time() // 60)
    for request in range(400):
        minute, _ = workers[request % 3 % 2].count(partner_id=42, per_minute=250, per_day=10**6)
        if minute.spent:
            refused += 1
        else:
            admitted += 1
    if int(time.time() // 60) == started_in:  # else a new window began halfway: no exact count
        assert admitted == 250 and refused == 150
    import redis

    keys = redis.Redis.from_url(shared_settings.redis_url).keys(
        f"{{{shared_settings.rate_limit_key_prefix}:rate:42}}:60:*"
    )
    assert keys, "the minute's count lives in Redis"


def test_a_lease_serves_many_requests_and_headers_stay_exact_for_one_worker(shared_settings):
    import redis

    limiter = RateLimiter(shared_settings)
    windows = [limiter.count(partner_id=43, per_minute=10_000, per_day=10**6)[0] for _ in range(5)]
    assert [w.remaining for w in windows] == [9_999, 9_998, 9_997, 9_996, 9_995]
    client = redis.Redis.from_url(shared_settings.redis_url)
    (key,) = client.keys(f"{{{shared_settings.rate_limit_key_prefix}:rate:43}}:60:*")
    assert int(client.get(key)) == 100  # one lease of 1 % covered all five requests


def test_security_headers(anonymous_client, client):
    response = client.get("/v1/conditions")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP

    docs = anonymous_client.get("/docs")
    csp = docs.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in docs.get_data(as_text=True)  # nothing inline for the CSP to block

    secure = client.get("/v1/conditions", base_url="https://api.example.org")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")
