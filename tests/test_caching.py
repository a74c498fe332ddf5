"""Every GET says who may cache it (Cache-Control), and revalidation compares ETags weakly."""

from __future__ import annotations

import json
import re

from service.openapi_export import render

PARTNER_SPECIFIC = {"/v1/partners/me", "/v1/partners/me/usage", "/v1/audit-events"}


def get_paths(app, provider_id: int, assessment_id: str) -> list[str]:
    """Every GET path of the app's spec, with its path parameters filled by a value that exists."""
    values = {"slug": "sciatica", "provider_id": str(provider_id), "assessment_id": assessment_id}
    spec = json.loads(render(app))
    paths = []
    for path, item in spec["paths"].items():
        if "get" not in item:
            continue
        filled = re.sub(r"\{([^}]+)\}", lambda m: values.get(m.group(1), "1"), path)
        paths.append(filled)
    return paths


def test_every_get_in_the_spec_answers_with_cache_control(app, every_scope_client, make_provider):
    provider = make_provider((40.75, -73.99))
    created = every_scope_client.post("/v1/assessments", json={"answers": {"age": 40}})
    paths = get_paths(app, provider.id, created.get_json()["id"])
    assert len(paths) >= 15
    missing = {}
    for path in paths:
        query = (
            "zip=10001" if path == "/v1/physicians" else "q=back" if path == "/v1/search" else ""
        )
        response = every_scope_client.get(path, query_string=query)
        control = response.headers.get("Cache-Control")
        if control is None:
            missing[path] = response.status_code
        elif path in PARTNER_SPECIFIC:
            assert control.startswith("private"), (path, control)
        elif path.startswith("/v1/assessments/"):
            assert control == "no-store", (path, control)  # answers about someone's health
        elif response.status_code >= 400:
            assert control == "no-store", (path, response.status_code, control)
    assert not missing, f"GETs without Cache-Control: {missing}"


def test_shared_content_is_public_and_partner_data_private(every_scope_client, make_provider):
    make_provider((40.75, -73.99))
    assert every_scope_client.get("/v1/conditions").headers["Cache-Control"].startswith("public")
    search = every_scope_client.get("/v1/physicians?zip=10001")
    assert search.headers["Cache-Control"] == "private, no-cache"
    assert every_scope_client.get("/v1/partners/me").headers["Cache-Control"] == "private, no-cache"


def test_an_error_is_never_cached(every_scope_client, anonymous_client):
    assert every_scope_client.get("/v1/conditions/nope").headers["Cache-Control"] == "no-store"
    assert every_scope_client.get("/v1/physicians?zip=00000").headers["Cache-Control"] == "no-store"


def test_if_none_match_compares_weakly(every_scope_client, make_provider):
    """RFC 9110 §13.1.2: a proxy that compresses sends back W/"…" for our strong tag."""
    make_provider((40.75, -73.99))
    for path in ("/v1/conditions/sciatica", "/v1/physicians?zip=10001", "/v1/partners/me"):
        first = every_scope_client.get(path)
        strong = first.headers["ETag"]
        assert not strong.startswith("W/"), path
        weak = every_scope_client.get(path, headers={"If-None-Match": f"W/{strong}"})
        assert weak.status_code == 304, (path, weak.status_code)
        assert weak.headers["ETag"] == strong
        listed = every_scope_client.get(path, headers={"If-None-Match": f'W/"x", W/{strong}'})
        assert listed.status_code == 304, path
        other = every_scope_client.get(path, headers={"If-None-Match": 'W/"other"'})
        assert other.status_code == 200, path


def test_cursor_lists_link_their_next_page(every_scope_client, make_provider):
    """One list convention: page-numbered and cursor lists alike carry RFC 8288 `Link`."""
    for _ in range(3):
        make_provider((40.75, -73.99))
    first = every_scope_client.get("/v1/physicians?zip=10001&limit=2&specialty=208VP0014X")
    cursor = first.get_json()["next_cursor"]
    assert first.headers["Link"] == (
        f'</v1/physicians?zip=10001&limit=2&specialty=208VP0014X&cursor={cursor}>; rel="next"'
    )
    target = first.headers["Link"].split(">")[0][1:]
    second = every_scope_client.get(target)
    assert second.status_code == 200 and len(second.get_json()["results"]) == 1
    assert second.get_json()["next_cursor"] is None and "Link" not in second.headers

    changes = every_scope_client.get("/v1/content/changes?limit=2")
    link = changes.headers["Link"]
    assert link.endswith('; rel="next"') and "since=" in link and "limit=2" in link
    following = every_scope_client.get(link.split(">")[0][1:])
    assert following.status_code == 200
    assert following.get_json()["changes"][0] != changes.get_json()["changes"][0]
    listed = every_scope_client.get("/v1/conditions?page_size=2")
    assert 'rel="next"' in listed.headers["Link"]
