"""Content endpoints over HTTP: locales, ETags, pagination, JSON-LD, search and the changes feed."""

import json

import pytest

from service.content.loader import sync_pack
from service.content.pack import read_pack

CONDITIONS = {
    "lumbar-degeneration",
    "herniated-disk",
    "sciatica",
    "lumbar-spinal-stenosis",
    "neuropathic-pain",
    "inflammatory-back-pain",
}


@pytest.mark.parametrize(
    ("accept_language", "locale"),
    [
        (None, "en"),
        ("es", "es"),
        ("es-MX", "es"),
        ("en;q=0.4, es;q=0.8", "es"),
        ("es;q=0.2, en;q=0.9", "en"),
        ("fr-FR, de", "en"),
    ],
)
def test_locale_follows_accept_language_with_q_values(client, accept_language, locale):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get("/v1/conditions/lumbar-spinal-stenosis", headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == locale
    assert "Accept-Language" in response.headers["Vary"]
    body = response.get_json()
    assert body["locale"] == locale
    assert body["name"] == (
        "Estenosis espinal lumbar" if locale == "es" else "Lumbar spinal stenosis"
    )


def test_list_conditions_serves_every_condition_in_both_locales(client):
    english = client.get("/v1/conditions").get_json()
    spanish = client.get("/v1/conditions", headers={"Accept-Language": "es"}).get_json()
    assert {c["slug"] for c in english} == {c["slug"] for c in spanish} == CONDITIONS
    herniated_en = next(c for c in english if c["slug"] == "herniated-disk")
    herniated_es = next(c for c in spanish if c["slug"] == "herniated-disk")
    assert herniated_en["name"] != herniated_es["name"]
    assert herniated_en["codes"] == herniated_es["codes"]
    assert herniated_en["href"] == "/v1/conditions/herniated-disk"


def test_get_is_cached_by_strong_etag_and_answers_304(client):
    first = client.get("/v1/conditions/sciatica")
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first.headers["Cache-Control"].startswith("public, max-age=")

    again = client.get("/v1/conditions/sciatica", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag

    # A list of ETags (a client holding several representations) and `*` match too.
    listed = client.get("/v1/conditions/sciatica", headers={"If-None-Match": f'"other", {etag}'})
    assert listed.status_code == 304 and listed.headers["ETag"] == etag
    assert client.get("/v1/conditions/sciatica", headers={"If-None-Match": "*"}).status_code == 304
    stale = client.get("/v1/conditions/sciatica", headers={"If-None-Match": '"other"'})
    assert stale.status_code == 200 and stale.headers["ETag"] == etag

    spanish = client.get(
        "/v1/conditions/sciatica", headers={"If-None-Match": etag, "Accept-Language": "es"}
    )
    assert spanish.status_code == 200, "another locale is another representation"
    assert spanish.headers["ETag"] != etag


def test_lists_are_paginated_with_headers_and_links(client):
    response = client.get("/v1/treatments?page=2&page_size=5")
    assert response.status_code == 200
    assert len(response.get_json()) == 5
    pagination = json.loads(response.headers["X-Pagination"])
    assert pagination == {
        "total": 18,
        "total_pages": 4,
        "first_page": 1,
        "last_page": 4,
        "page": 2,
        "previous_page": 1,
        "next_page": 3,
    }
    links = response.headers["Link"]
    assert 'page=3&page_size=5>; rel="next"' in links
    assert 'page=1&page_size=5>; rel="prev"' in links
    assert 'page=4&page_size=5>; rel="last"' in links


def test_pages_never_overlap_and_cover_everything(client):
    seen = []
    for page in range(1, 5):
        seen += [
            t["slug"] for t in client.get(f"/v1/treatments?page={page}&page_size=5").get_json()
        ]
    assert len(seen) == len(set(seen)) == 18


def test_page_size_is_bounded(client):
    response = client.get("/v1/conditions?page_size=101")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["errors"][0]["name"] == "page_size"


def test_treatments_filter_by_family(client):
    body = client.get("/v1/treatments?family=interventional&page_size=50").get_json()
    assert {t["slug"] for t in body} == {
        "diagnostic-nerve-block",
        "radiofrequency-ablation",
        "spinal-cord-stimulation",
        "interspinous-spacer",
        "epidural-steroid-injection",
        "decompression-surgery",
    }
    bad = client.get("/v1/treatments?family=surgery")
    assert bad.status_code == 422
    assert bad.get_json()["errors"][0]["name"] == "family"


def test_condition_detail_carries_sections_codes_symptoms_and_treatments(client):
    body = client.get("/v1/conditions/lumbar-degeneration").get_json()
    assert {
        "overview",
        "causes",
        "symptoms",
        "risk_factors",
        "diagnosis",
        "when_to_see_a_doctor",
    } <= set(body["sections"])
    assert body["version"] >= 1 and body["reviewed_on"] < body["next_review_on"]
    assert body["symptoms"] and all(s["name"] for s in body["symptoms"])
    assert body["citations"] and all(c["title"] for c in body["citations"])
    assert [c["id"] for c in body["adapted_from"]] == ["bsci-lower-back-leg-pain"]
    assert "bsci-lower-back-leg-pain" not in {c["id"] for c in body["citations"]}
    by_slug = {t["treatment"]["slug"]: t for t in body["treatments"]}
    rfa = by_slug["radiofrequency-ablation"]
    assert rfa["care_step"] == "interventional_care"
    assert rfa["rationale"].strip()
    assert "not a diagnosis" in body["disclaimer"]


def test_condition_treatments_endpoint_matches_the_detail(client):
    detail = client.get("/v1/conditions/lumbar-spinal-stenosis").get_json()
    treatments = client.get("/v1/conditions/lumbar-spinal-stenosis/treatments").get_json()
    assert treatments == detail["treatments"]
    assert "interspinous-spacer" in {t["treatment"]["slug"] for t in treatments}


def test_treatment_detail_lists_prerequisites_and_conditions(client):
    body = client.get("/v1/treatments/radiofrequency-ablation").get_json()
    assert body["requires"] == ["diagnostic-nerve-block"]
    assert body["family"] == "interventional"
    assert "lumbar-degeneration" in {c["slug"] for c in body["conditions"]}
    assert set(body["sections"]) == {
        "overview",
        "how_it_works",
        "who_it_helps",
        "what_to_expect",
        "risks",
    }


def test_unknown_slug_is_a_404_problem(client):
    response = client.get("/v1/treatments/leeches")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "not_found"


def test_condition_as_schema_org_jsonld(client):
    response = client.get("/v1/conditions/sciatica", headers={"Accept": "application/ld+json"})
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    assert "Accept" in response.headers["Vary"]
    doc = response.get_json(force=True)
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "MedicalCondition"
    assert doc["@id"].endswith("/v1/conditions/sciatica")
    assert {"codingSystem": "ICD-10-CM"}.items() <= doc["code"][0].items()
    assert doc["signOrSymptom"][0]["@type"] == "MedicalSignOrSymptom"
    assert doc["riskFactor"][0]["@type"] == "MedicalRiskFactor"
    types = {t["@type"] for t in doc["possibleTreatment"]}
    assert types <= {"MedicalTherapy", "TherapeuticProcedure"} and "TherapeuticProcedure" in types
    assert doc["lastReviewed"] == "2026-11-20"
    assert [w["publisher"] for w in doc["isBasedOn"]] == ["Boston Scientific"]
    assert "Boston Scientific" not in {w["publisher"] for w in doc["citation"]}

    json_etag = client.get("/v1/conditions/sciatica").headers["ETag"]
    assert response.headers["ETag"] != json_etag
    cached = client.get(
        "/v1/conditions/sciatica",
        headers={"Accept": "application/ld+json", "If-None-Match": response.headers["ETag"]},
    )
    assert cached.status_code == 304


def test_treatment_as_jsonld_uses_the_right_schema_org_type(client):
    procedure = client.get(
        "/v1/treatments/spinal-cord-stimulation", headers={"Accept": "application/ld+json"}
    )
    therapy = client.get("/v1/treatments/mindfulness", headers={"Accept": "application/ld+json"})
    assert procedure.get_json(force=True)["@type"] == "TherapeuticProcedure"
    assert therapy.get_json(force=True)["@type"] == "MedicalTherapy"


def test_jsonld_is_refused_where_it_is_not_offered(client):
    response = client.get("/v1/conditions", headers={"Accept": "application/ld+json"})
    assert response.status_code == 406
    assert response.mimetype == "application/problem+json"


def test_care_pathway_in_both_locales(client):
    english = client.get("/v1/care-pathway").get_json()
    spanish = client.get("/v1/care-pathway", headers={"Accept-Language": "es"}).get_json()
    assert english["conservative_care_weeks"] == spanish["conservative_care_weeks"] == 12
    assert [s["key"] for s in english["steps"]] == [s["key"] for s in spanish["steps"]]
    assert [s["order"] for s in english["steps"]] == [1, 2, 3, 4]
    assert english["steps"][0]["name"] != spanish["steps"][0]["name"]
    interventional = english["steps"][3]
    assert {"radiofrequency-ablation", "spinal-cord-stimulation", "interspinous-spacer"} <= {
        t["slug"] for t in interventional["treatments"]
    }


def test_care_pathway_lists_urgent_signs_with_level_text_and_rules(client):
    english = client.get("/v1/care-pathway").get_json()
    spanish = client.get("/v1/care-pathway", headers={"Accept-Language": "es"}).get_json()
    assert [(s["key"], s["level"], s["rules"]) for s in english["urgent_signs"]] == [
        (s["key"], s["level"], s["rules"]) for s in spanish["urgent_signs"]
    ]
    first = english["urgent_signs"][0]
    assert first["level"] == "emergency_ambulance"
    assert first["rules"] == ["RF_AAA_SUDDEN_SEVERE_PAIN"]
    assert "aneurysm" in first["text"] and "aneurisma" in spanish["urgent_signs"][0]["text"]
    saddle = next(s for s in english["urgent_signs"] if s["key"] == "saddle_numbness")
    assert saddle == {
        "key": "saddle_numbness",
        "level": "emergency_department",
        "text": "Numbness around the genitals, the back passage or the inner thighs. "
        "This is the area you sit on.",
        "rules": ["RF_CES_SADDLE_NUMBNESS"],
    }


@pytest.mark.parametrize(
    ("query", "locale", "expected"),
    [
        ("walks", "en", "lumbar-spinal-stenosis"),  # stemming: walks ~ walking
        ("narrowed canal", "en", "lumbar-spinal-stenosis"),  # narrowed ~ narrowing
        ("herniated disks", "en", "herniated-disk"),
        ("caminando", "es", "lumbar-spinal-stenosis"),  # caminando ~ caminar
        ("estimulación medular", "es", "spinal-cord-stimulation"),
        ("radiofrequency", "en", "radiofrequency-ablation"),
    ],
)
def test_search_stems_in_each_language(client, query, locale, expected):
    response = client.get(
        "/v1/search", query_string={"q": query}, headers={"Accept-Language": locale}
    )
    assert response.status_code == 200
    results = response.get_json()
    assert expected in [r["slug"] for r in results[:3]], [r["slug"] for r in results]
    assert all("<mark>" in r["snippet"] for r in results)
    ranks = [r["rank"] for r in results]
    assert ranks == sorted(ranks, reverse=True)


def test_search_filters_by_kind_and_requires_q(client):
    results = client.get("/v1/search?q=pain&kind=treatment&page_size=100").get_json()
    assert results and {r["kind"] for r in results} == {"treatment"}
    missing = client.get("/v1/search")
    assert missing.status_code == 422
    assert missing.get_json()["errors"][0]["name"] == "q"


def test_search_with_no_match_is_an_empty_list(client):
    response = client.get("/v1/search?q=xylophone")
    assert response.status_code == 200 and response.get_json() == []
    assert json.loads(response.headers["X-Pagination"])["total"] == 0


def test_changes_feed_pages_with_cursors_without_repeats(client):
    seen, cursor = [], None
    for _ in range(10):
        params = {"limit": 7} | ({"since": cursor} if cursor else {})
        body = client.get("/v1/content/changes", query_string=params).get_json()
        seen += [(c["kind"], c["slug"]) for c in body["changes"]]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    assert len(seen) == len(set(seen)) == len(read_pack().items)
    final = client.get("/v1/content/changes", query_string={"since": cursor}).get_json()
    assert final == {"changes": [], "next_cursor": cursor, "has_more": False}


def test_changes_feed_reports_withdrawals_and_accepts_timestamps(client, db_session):
    latest = client.get("/v1/content/changes?limit=500").get_json()["changes"][-1]["changed_at"]
    pack = read_pack()
    pack.treatments = [t for t in pack.treatments if t.slug != "massage"]
    for condition in pack.conditions:
        condition.structure["treatments"] = [
            r for r in condition.structure["treatments"] if r["treatment"] != "massage"
        ]
    for condition in pack.conditions:
        for text in condition.texts.values():
            text["treatment_rationale"].pop("massage", None)
    for step in pack.care_pathway.structure["steps"]:
        step["treatments"] = [s for s in step["treatments"] if s != "massage"]
    sync_pack(session=db_session, pack=pack)

    body = client.get("/v1/content/changes", query_string={"since": latest}).get_json()
    changes = {(c["kind"], c["slug"]): c["change"] for c in body["changes"]}
    assert changes[("treatment", "massage")] == "withdrawn"
    gone = client.get("/v1/treatments/massage")
    assert gone.status_code == 410
    assert gone.get_json()["code"] == "content_withdrawn"
    assert "massage" not in {
        t["slug"] for t in client.get("/v1/treatments?page_size=100").get_json()
    }


@pytest.mark.parametrize("since", ["not-a-cursor", "2026-01-01T00:00:00", "eyJzZXEiOiAiYSJ9"])
def test_changes_feed_rejects_bad_since(client, since):
    response = client.get("/v1/content/changes", query_string={"since": since})
    assert response.status_code == 422
    body = response.get_json()
    assert body["code"] == "invalid_parameter"
    assert body["errors"][0]["name"] == "since"
