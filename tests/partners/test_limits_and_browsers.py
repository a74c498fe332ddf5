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
    assert counters.increment(7, ((60, 100), (86_400, 5))) == [1, 1]
    assert counters.increment(7, ((60, 100), (86_400, 5))) == [2, 2]
    assert counters.increment(7, ((60, 101), (86_400, 5))) == [1, 3]  # next minute, same day
    assert counters.increment(8, ((60, 101), (86_400, 5))) == [1, 1]  # another partner


def test_a_redis_outage_falls_back_to_counting_in_memory(settings):
    # Nothing listens on port 1: every Redis call fails at once.
    limiter = RateLimiter(replace(settings, redis_url="redis://127.0.0.1:1/0"))
    first, _ = limiter.count(partner_id=1, per_minute=2, per_day=100)
    second, _ = limiter.count(partner_id=1, per_minute=2, per_day=100)
    third, day = limiter.count(partner_id=1, per_minute=2, per_day=100)
    assert [first.remaining, second.remaining, third.remaining] == [1, 0, 0]
    assert third.used == 3 and day.used == 3


def test_counters_live_in_redis_when_configured(anonymous_client, issue_key, settings):
    if not settings.redis_url:
        pytest.skip("no Redis on 127.0.0.1:6379")
    import redis

    token = issue_key("content:read")
    anonymous_client.get("/v1/care-pathway", headers={"X-API-Key": token})
    keys = redis.Redis.from_url(settings.redis_url).keys(f"*{settings.rate_limit_key_prefix}*")
    assert keys, "the limiter should keep its counters in Redis"


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
