"""/examples/portal: one page, one script tag, a strict CSP, and no place in the API contract."""

from __future__ import annotations

from service.partners import service as partners


def test_the_portal_embeds_both_elements_with_one_script_tag(anonymous_client, app, monkeypatch):
    monkeypatch.setitem(app.config, "EXAMPLES_API_KEY", "pk_test0000_example")
    response = anonymous_client.get("/examples/portal?lang=es")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="es">' in html
    assert html.count("<script") == 1
    assert '<script src="/static/web/spinecare-elements.js" defer></script>' in html
    assert html.count('api-key="pk_test0000_example"') == 2
    assert '<spinecare-symptom-check id="check" lang="es"' in html
    assert 'locator-target="finder"' in html and '<spinecare-find-specialist id="finder"' in html
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["Cache-Control"] == "no-store"


def test_without_a_configured_key_the_page_uses_the_demo_partners_browser_key(anonymous_client):
    html = anonymous_client.get("/examples/portal?lang=xx").get_data(as_text=True)
    assert '<html lang="en">' in html  # unknown languages fall back to English
    expected = getattr(partners, "DEMO_PUBLISHABLE_KEY", None) or partners.DEMO_KEY
    assert f'api-key="{expected}"' in html


def test_the_bundle_and_the_page_style_are_served(anonymous_client):
    bundle = anonymous_client.get("/static/web/spinecare-elements.js")
    assert bundle.status_code == 200
    assert bundle.mimetype in ("text/javascript", "application/javascript")
    body = bundle.get_data(as_text=True)
    assert "spinecare-symptom-check" in body and "spinecare-find-specialist" in body
    css = anonymous_client.get("/examples/static/portal.css")
    assert css.status_code == 200 and "--spinecare-accent" in css.get_data(as_text=True)


def test_the_examples_are_not_in_the_openapi_document(anonymous_client):
    spec = anonymous_client.get("/openapi.json").get_json()
    assert not [path for path in spec["paths"] if path.startswith("/examples")]
