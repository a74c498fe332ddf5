"""Per-partner rate limits, CORS from each partner's origins, security headers."""

import time
from dataclasses import replace

import pytest

from service.partners.limits import MemoryCounters, RateLimiter


def test_rate_limit_per_partner_gives_429_problem_with_headers(anonymous_client, issue_key, settings):
    slow = issue_key("content:read", rate_limit_per_minute=3)
    other = issue_key("content:read", rate_limit_per_minute=3)
    statuses = [anonymous_client.get("/healthz").status_code]  # open endpoints are not counted
    for _ in range(3):
        response = anonymous_client.get("/v1/care-pathway", headers={"X-API-Key": slow})
        statuses.append(response.status_code)
    assert statuses == [200, 200, 200, 200]
    assert response.headers["RateLimit-Limit"] == "3"
    assert response.headers["RateLimit-Remaining"] == "0"

    limited = anonymous_client.get("/v1/care-pathway", headers={"X-API-Key": slow})
    assert limited.status_code == 429
    assert limited.mimetype == "application/problem+json"
    assert limited.get_json()["code"] == "rate_limited"
    assert 0 < int(limited.headers["Retry-After"]) <= 60

    # The budget is the partner's, across operations.
    assert anonymous_client.get("/v1/conditions", headers={"X-API-Key": slow}).status_code == 429
    # Another partner has its own budget.
    assert anonymous_client.get("/v1/care-pathway", headers={"X-API-Key": other}).status_code == 200


def test_daily_quota_is_enforced(anonymous_client, issue_key):
    token = issue_key("content:read", daily_quota=2)
    responses = [anonymous_client.get("/v1/care-pathway", headers={"X-API-Key": token})
                 for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    # The headers describe the window nearer to running out: here the day, not the minute.
    assert responses[0].headers["RateLimit-Limit"] == "2"
    assert responses[0].headers["RateLimit-Remaining"] == "1"
    day_ends = (int(time.time()) // 86_400 + 1) * 86_400
    assert int(responses[2].headers["X-RateLimit-Reset"]) == day_ends
    assert "per day" in responses[2].get_json()["detail"]
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
    windows = [limiter.count(partner_id=43, per_minute=10_000, per_day=10**6)[0]
               for _ in range(5)]
    assert [w.remaining for w in windows] == [9_999, 9_998, 9_997, 9_996, 9_995]
    client = redis.Redis.from_url(shared_settings.redis_url)
    (key,) = client.keys(f"{{{shared_settings.rate_limit_key_prefix}:rate:43}}:60:*")
    assert int(client.get(key)) == 100  # one lease of 1 % covered all five requests


ORIGIN = "https://portal.acme.example"


@pytest.fixture
def browser_key(issue_key):
    return issue_key("content:read", allowed_origins=[ORIGIN])


def test_cors_allows_the_partners_own_origin_only(anonymous_client, browser_key):
    allowed = anonymous_client.get("/v1/conditions",
                                   headers={"X-API-Key": browser_key, "Origin": ORIGIN})
    assert allowed.headers["Access-Control-Allow-Origin"] == ORIGIN
    exposed = {h.strip() for h in allowed.headers["Access-Control-Expose-Headers"].split(",")}
    assert {"ETag", "X-Request-ID", "Retry-After", "X-Pagination", "Link"} <= exposed
    assert "Access-Control-Allow-Credentials" not in allowed.headers
    assert "Origin" in allowed.headers["Vary"]

    foreign = anonymous_client.get("/v1/conditions",
                                   headers={"X-API-Key": browser_key, "Origin": "https://evil.example"})
    assert foreign.status_code == 200
    assert "Access-Control-Allow-Origin" not in foreign.headers


def test_preflight_from_a_partner_origin(anonymous_client, browser_key):
    response = anonymous_client.options("/v1/conditions", headers={
        "Origin": ORIGIN,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "X-API-Key, Accept-Language",
    })
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    allowed = response.headers["Access-Control-Allow-Headers"].lower()
    assert "x-api-key" in allowed and "accept-language" in allowed
    assert response.headers["Access-Control-Allow-Origin"] != "*"


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
