"""A hand-made fuzz beside the schemathesis run: 2,400 hostile requests built from the app's own
spec (every operation, so new ones are covered without editing this file), none of which may
get a 5xx, and every refusal in the documented problem shape.

Seeded, so a failure names a request that reproduces. What it sends that schemathesis does not:
malformed percent-escapes, repeated and unknown parameters, wrong and absent media types,
truncated, nested and mistyped bodies, hostile conditional and negotiation headers, methods the
path does not allow, and traversal-looking paths.
"""

from __future__ import annotations

import json
import random
import re

import pytest

from service.openapi_export import render
from service.partners.models import SCOPES

REQUESTS = 2_400
PROBLEM = "application/problem+json"

HOSTILE_TEXT = [
    "",
    " ",
    "%00",
    "a%00b",
    "%",
    "%zz",
    "%c3%28",
    "%ed%a0%80",
    "..%2f..%2fetc%2fpasswd",
    "x" * 5_000,
    "\u202e\u0301",
    "😀" * 50,
    "-1",
    "0",
    "1e309",
    "NaN",
    "-Infinity",
    "9223372036854775808",
    "-9223372036854775809",
    "1.5",
    "true",
    "null",
    "[]",
    "{}",
    "'; DROP TABLE providers; --",
    "<script>alert(1)</script>",
    "%22%27%3C",
    "*",
    ",,,",
    "00000",
    "99999",
    "10001-",
    "ABCDE",
    "2026-13-45T99:99:99Z",
    "eyJ4IjogMX0",
    "   10001   ",
]
HOSTILE_HEADERS = [
    ("Accept", "application/xml"),
    ("Accept", "*/*;q=abc"),
    ("Accept", "text/html;q=0"),
    ("Accept-Language", "zz-ZZ;q=2"),
    ("Accept-Language", ";;;"),
    ("Accept-Language", "x" * 600),
    ("If-None-Match", "W/"),
    ("If-None-Match", '"unterminated'),
    ("If-None-Match", "*"),
    ("If-Match", '"nope"'),
    ("If-Match", 'W/"x", *'),
    ("If-Modified-Since", "yesterday"),
    ("X-Request-ID", "bad id with spaces"),
    ("X-Request-ID", "r" * 500),
    ("Content-Type", "application/json; charset=utf-7"),
    ("Content-Type", "multipart/form-data"),
    ("Range", "bytes=0-1"),
    ("Origin", "null"),
    ("Authorization", "Bearer "),
]
HOSTILE_BODIES = [
    b"",
    b"{",
    b"[1, 2",
    b'{"answers": ',
    b"null",
    b"[]",
    b"42",
    b'"text"',
    b"\xff\xfe\x00",
    b'{"answers": []}',
    b'{"answers": {"age": "old"}}',
    b'{"answers": {"age": 1e400}}',
    b'{"answers": {"age": ' + b"9" * 6000 + b"}}",
    b'{"answers": {"\\u0000": 1}}',
    b"[" * 5_000 + b"]" * 5_000,
    b'{"answers": {"pain_locations": [null, {}, []]}}',
    b'external_id,name\n"unterminated,x\n',
    b"a,b\rc,d\n",
    b"\xef\xbb\xbf" + b"x," * 10_000,
    b'{"external_id": "p", "locations": [{"zip": "%00"}]}\n{bad json}\n',
]
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]


def operations(spec: dict) -> list[tuple[str, str, dict]]:
    return [
        (method.upper(), path, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def hostile_request(rng: random.Random, method: str, path: str, operation: dict) -> dict:
    """One request: the operation's own path with some parts made hostile."""
    url = re.sub(r"\{[^}]+\}", lambda _: rng.choice([*HOSTILE_TEXT, "1", "sciatica"]), path)
    names = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"]
    query = []
    for name in rng.sample(names, k=min(len(names), rng.randint(0, 4))):
        query += [(name, rng.choice(HOSTILE_TEXT))] * rng.choice([1, 1, 2])
    if rng.random() < 0.2:
        query.append((rng.choice(["unknown", "%00", "page[size]", "__proto__"]), "1"))
    headers = dict(rng.sample(HOSTILE_HEADERS, k=rng.randint(0, 3)))
    request = {
        "method": rng.choice(METHODS) if rng.random() < 0.1 else method,
        "path": url,
        "query_string": "&".join(f"{k}={v}" for k, v in query),
        "headers": headers,
    }
    if "requestBody" in operation or rng.random() < 0.05:
        request["data"] = rng.choice(HOSTILE_BODIES)
        media_types = list(operation.get("requestBody", {}).get("content", {})) or ["text/plain"]
        headers.setdefault("Content-Type", rng.choice([*media_types, "application/octet-stream"]))
    return request


@pytest.fixture
def fuzz_client(anonymous_client, issue_key):
    # Every scope and limits far above the run, so requests reach the handlers instead of 429.
    anonymous_client.environ_base["HTTP_X_API_KEY"] = issue_key(
        *SCOPES, rate_limit_per_minute=10_000_000, daily_quota=1_000_000_000
    )
    return anonymous_client


def test_no_hostile_request_gets_a_server_error(app, fuzz_client):
    spec = json.loads(render(app))
    targets = operations(spec)
    assert len(targets) >= 20, "the spec lists too few operations to fuzz"
    rng = random.Random(20261203)
    failures, statuses = [], {}
    for number in range(REQUESTS):
        request = hostile_request(rng, *rng.choice(targets))
        response = fuzz_client.open(**request)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            failures.append((number, response.status_code, request, response.get_data()[:300]))
        elif response.status_code >= 400 and request["method"] != "HEAD":
            body = response.get_json(silent=True) or {}
            if response.mimetype != PROBLEM or not body.get("code"):
                failures.append((number, response.status_code, request, "not problem+json"))
    assert not failures, f"{len(failures)} of {REQUESTS}: {failures[:3]}"
    # The run must mostly be refusals, or it tested the happy path: a check on the fuzz itself.
    refused = sum(n for status, n in statuses.items() if 400 <= status < 500)
    assert refused >= REQUESTS // 2, statuses
