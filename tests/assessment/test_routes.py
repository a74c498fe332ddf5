"""Assessment endpoints over HTTP: questionnaire (JSON, FHIR), evaluation, sessions, 422s."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from service.partners.service import PartnerError, create_partner
from tests.assessment.strategies import answer_sets

STENOSIS = {
    "age": 72,
    "leg_pain_side": "both",
    "leg_symptoms_walking_eased_by_rest": True,
    "relief_sitting_or_bending_forward": True,
    "worse_standing_or_walking": True,
}
SCREEN_CLEAR = {
    "pain_duration_weeks": 8,
    **dict.fromkeys(
        (
            "sudden_severe_abdominal_or_back_pain",
            "bladder_or_bowel_change",
            "saddle_numbness",
            "new_sexual_dysfunction",
            "bilateral_leg_symptoms_new",
            "leg_weakness",
            "progressive_leg_weakness",
            "numbness_or_tingling",
            "fever_or_chills",
            "iv_drug_use_or_immunosuppressed",
            "recent_spinal_procedure_or_infection",
            "cancer_history",
            "unexplained_weight_loss",
            "worse_at_night",
            "significant_trauma",
            "osteoporosis_or_long_term_steroids",
        ),
        False,
    ),
}
# Screened, five months of stenosis symptoms after physical therapy: a specialist referral.
STENOSIS_REFERRAL = (
    STENOSIS
    | SCREEN_CLEAR
    | {
        "pain_duration_weeks": 20,
        "pain_intensity": 6,
        "pain_locations": ["lower_back", "buttocks", "thigh"],
        "conservative_care_tried": ["physical_therapy"],
        "conservative_care_weeks": 14,
    }
)


def test_questionnaire_is_localised_versioned_and_red_flags_come_first(client):
    english = client.get("/v1/assessment/questionnaire")
    spanish = client.get("/v1/assessment/questionnaire", headers={"Accept-Language": "es-MX"})
    assert english.status_code == spanish.status_code == 200
    assert spanish.headers["Content-Language"] == "es"
    body, cuerpo = english.get_json(), spanish.get_json()
    assert body["version"] == cuerpo["version"] == "2026.12.1"
    assert [q["id"] for q in body["questions"]] == [q["id"] for q in cuerpo["questions"]]
    assert body["questions"][0]["text"] != cuerpo["questions"][0]["text"]
    flags = [q["red_flag"] for q in body["questions"]]
    assert flags == sorted(flags, reverse=True) and flags.count(True) == 21
    assert body["questions"][0]["id"] == "age"  # under 16 ends the check at once
    by_id = {q["id"]: q for q in body["questions"]}
    assert by_id["pain_intensity"] | {"text": "", "help": ""} == {
        "id": "pain_intensity",
        "type": "integer",
        "red_flag": False,
        "text": "",
        "help": "",
        "options": [],
        "exclusive_options": [],
        "min": 0,
        "max": 10,
        "unit": None,
        "enable_when": [],
    }
    assert by_id["leg_pain_worse_than_back"]["enable_when"] == [
        {"question": "leg_pain_side", "operator": "!=", "answer": "none"}
    ]
    assert by_id["conservative_care_tried"]["exclusive_options"] == ["none"]


def test_questionnaire_etag_answers_304(client):
    first = client.get("/v1/assessment/questionnaire")
    again = client.get(
        "/v1/assessment/questionnaire", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and again.headers["ETag"] == first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("public, max-age=")


def test_questionnaire_as_fhir_r4(client):
    response = client.get(
        "/v1/assessment/questionnaire",
        headers={"Accept": "application/fhir+json", "Accept-Language": "es"},
    )
    assert response.status_code == 200
    assert response.mimetype == "application/fhir+json"
    assert "Accept" in response.headers["Vary"]
    plain = client.get("/v1/assessment/questionnaire", headers={"Accept-Language": "es"})
    assert response.headers["ETag"] != plain.headers["ETag"]
    resource = response.get_json()
    assert resource["resourceType"] == "Questionnaire" and resource["language"] == "es"
    assert resource["version"] == "2026.12.1" and resource["status"] == "active"
    items = {item["linkId"]: item for item in resource["item"]}
    assert (
        items["pain_locations"]["type"] == "choice" and items["pain_locations"]["repeats"] is True
    )
    assert items["age"]["extension"][0] == {
        "url": "http://hl7.org/fhir/StructureDefinition/minValue",
        "valueInteger": 0,  # under 16 is answered with where to go instead
    }
    assert items["swelling_or_sweating_change"]["enableWhen"] == [
        {"question": "began_after_injury_or_surgery", "operator": "=", "answerBoolean": True}
    ]
    assert items["leg_pain_side"]["answerOption"][0]["valueCoding"]["display"] == "Ninguna"
    assert items["age"]["item"][0]["type"] == "display"  # help text


def test_unsupported_media_type_is_406(client):
    response = client.get("/v1/assessment/questionnaire", headers={"Accept": "text/html"})
    assert response.status_code == 406
    assert response.mimetype == "application/problem+json"


def test_evaluate_is_stateless_and_explains_itself(client):
    response = client.post("/v1/assessments/evaluate", json={"answers": STENOSIS})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["disclaimer_code"] == "not_diagnosis" and body["disclaimer"].startswith(
        "This is triage"
    )
    assert body["ruleset_version"] == "2026.12.1"
    stenosis = body["conditions"][0]
    assert stenosis["slug"] == "lumbar-spinal-stenosis" and stenosis["band"] == "likely"
    assert stenosis["href"] == "/v1/conditions/lumbar-spinal-stenosis"
    assert stenosis["drivers"][0] == {
        "feature": "relief_flexion",
        "question": "relief_sitting_or_bending_forward",
        "answer": True,
        "answers": {"relief_sitting_or_bending_forward": True},
        "lr": 6.4,
        "weight": 1.856,
        "validated": True,
        "source": "Suri 2010 (JAMA 304:2628): better bending forward LR 6.4",
    }
    # The red-flag screen is unanswered: no advice yet, and it says so.
    assert body["red_flags_screened"] is False and body["should_stop"] is False
    assert body["urgency"]["level"] == "screening_incomplete"
    assert body["urgency"]["label"] == "Answer the safety questions first"
    assert body["urgency"]["minimum_level"] == "routine_consultation"  # fired, not yet shown
    assert any("911" in line for line in body["urgency"]["safety_net"])
    assert body["care_pathway"]["step"] == "red_flag_screening" and body["locator"] is None
    assert "/v1/conditions/lumbar-spinal-stenosis" in body["content_links"]
    assert {"question": "saddle_numbness", "affects": ["urgency"]} in body["missing_answers"]
    assert body["complete"] is False

    screened = client.post("/v1/assessments/evaluate", json={"answers": STENOSIS | SCREEN_CLEAR})
    body = screened.get_json()
    assert body["red_flags_screened"] is True
    assert body["urgency"]["level"] == "routine_consultation"  # age over 50, a weak flag alone
    assert body["care_pathway"]["step"] == "primary_care_physio"
    assert {m["question"] for m in body["missing_answers"]} & {"saddle_numbness", "age"} == set()


def test_evaluate_red_flag_in_spanish(client):
    response = client.post(
        "/v1/assessments/evaluate",
        json={"answers": {"saddle_numbness": True}},
        headers={"Accept-Language": "es"},
    )
    body = response.get_json()
    assert response.headers["Content-Language"] == "es"
    assert body["urgency"]["level"] == "emergency_department"
    assert body["urgency"]["label"] == "Vaya ahora a una sala de emergencias"
    assert body["should_stop"] is True and body["complete"] is True
    assert body["red_flags_screened"] is False  # shown at once all the same
    assert body["urgency"]["emergency_number"] == "911"
    assert any("llame al 911" in line for line in body["urgency"]["safety_net"])
    assert (
        body["urgency"]["triggers"]
        == body["red_flags"]
        == [
            {
                "rule_id": "RF_CES_SADDLE_NUMBNESS",
                "urgency": "emergency_department",
                "red_flag": True,
                "answers": {"saddle_numbness": True},
                "source": "GIRFT National Suspected Cauda Equina Syndrome Pathway (2023): "
                "saddle or genital numbness → emergency department now",
            }
        ]
    )
    assert body["care_pathway"]["step"] == "red_flag_escalation"
    assert body["care_pathway"]["why"].startswith("Una señal de alarma")
    assert body["locator"] is None


def test_invalid_answers_are_422_naming_each_field(client):
    response = client.post(
        "/v1/assessments/evaluate",
        json={
            "answers": {
                "pain_intensity": 12,
                "favourite_colour": "blue",
                "leg_pain_worse_than_back": True,
            }
        },
    )
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["code"] == "validation_failed"
    assert {e["name"] for e in body["errors"]} == {
        "answers.pain_intensity",
        "answers.favourite_colour",
        "answers.leg_pain_worse_than_back",
    }
    assert all(e["in"] == "json" and e["message"] for e in body["errors"])


def test_answers_must_be_an_object(client):
    response = client.post("/v1/assessments/evaluate", json={"answers": ["age", 40]})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["name"] == "answers"


def test_session_lifecycle(client):
    created = client.post("/v1/assessments", json={"answers": {"age": 70, "leg_pain_side": "left"}})
    assert created.status_code == 201 and created.headers["Cache-Control"] == "no-store"
    body = created.get_json()
    assert created.headers["Location"] == f"/v1/assessments/{body['id']}"
    assert body["answers"] == {"age": 70, "leg_pain_side": "left"}
    assert body["next_questions"][0] == "pain_duration_weeks"  # the red-flag screen first
    # The quick path: a follow-up that can move a band is offered; one that cannot is not.
    assert "leg_symptoms_walking_eased_by_rest" in body["next_questions"]
    assert "leg_pain_worse_than_back" not in body["next_questions"]
    assert "leg_pain_worse_than_back" not in {
        m["question"] for m in body["result"]["missing_answers"]
    }
    assert body["complete"] is False and body["result"]["disclaimer_code"] == "not_diagnosis"
    url = f"/v1/assessments/{body['id']}"

    changed = client.put(f"{url}/answers", json={"answers": {"leg_pain_worse_than_back": True}})
    assert changed.get_json()["answers"]["leg_pain_worse_than_back"] is True
    again = client.put(f"{url}/answers", json={"answers": {"leg_pain_worse_than_back": True}})
    assert again.get_json() == changed.get_json(), "PUT is idempotent"

    hidden = client.put(f"{url}/answers", json={"answers": {"leg_pain_side": "none"}}).get_json()
    assert hidden["answers"] == {"age": 70, "leg_pain_side": "none"}, "follow-up dropped"
    removed = client.put(f"{url}/answers", json={"answers": {"age": None}}).get_json()
    assert removed["answers"] == {"leg_pain_side": "none"}

    fetched = client.get(url, headers={"Accept-Language": "es"})
    assert fetched.status_code == 200 and fetched.headers["Content-Language"] == "es"
    assert fetched.get_json()["answers"] == {"leg_pain_side": "none"}
    assert fetched.get_json()["result"]["locale"] == "es"


def test_a_session_is_invisible_to_other_partners(client, anonymous_client, issue_key):
    url = f"/v1/assessments/{client.post('/v1/assessments', json={}).get_json()['id']}"
    other = {"X-API-Key": issue_key("assessment:read", "assessment:write")}
    assert anonymous_client.get(url, headers=other).status_code == 404
    put = anonymous_client.put(f"{url}/answers", json={"answers": {"age": 50}}, headers=other)
    assert put.status_code == 404
    assert client.get(url).get_json()["answers"] == {}


def test_session_put_rejects_unknown_and_not_enabled_answers(client):
    url = f"/v1/assessments/{client.post('/v1/assessments', json={}).get_json()['id']}"
    response = client.put(
        f"{url}/answers", json={"answers": {"conservative_care_weeks": 4, "x": None}}
    )
    assert response.status_code == 422
    assert [e["name"] for e in response.get_json()["errors"]] == ["answers.x"]
    response = client.put(f"{url}/answers", json={"answers": {"conservative_care_weeks": 4}})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["name"] == "answers.conservative_care_weeks"
    assert client.get(url).get_json()["answers"] == {}, "a rejected PUT changes nothing"


def test_unknown_session_is_404(client):
    response = client.get("/v1/assessments/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404 and response.get_json()["code"] == "not_found"
    assert client.get("/v1/assessments/not-a-uuid").status_code == 404


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=answer_sets())
def test_stored_session_and_stateless_call_agree(client, answers):
    stateless = client.post("/v1/assessments/evaluate", json={"answers": answers}).get_json()
    created = client.post("/v1/assessments", json={}).get_json()
    stored = client.put(
        f"/v1/assessments/{created['id']}/answers", json={"answers": answers}
    ).get_json()
    assert stored["answers"] == answers
    assert stored["result"] == stateless
    assert client.get(f"/v1/assessments/{created['id']}").get_json()["result"] == stateless


def test_emergency_number_follows_the_partners_country(anonymous_client, issue_key):
    """A partner in the UK must not tell patients to call 911 (and a US one not 999)."""
    british = {"X-API-Key": issue_key("assessment:write", country="GB")}
    body = anonymous_client.post(
        "/v1/assessments/evaluate",
        json={"answers": {"sudden_severe_abdominal_or_back_pain": True, "age": 71}},
        headers=british,
    ).get_json()
    assert body["urgency"]["level"] == "emergency_ambulance"
    assert body["urgency"]["emergency_number"] == "999"
    assert body["urgency"]["label"] == "Call 999 for an ambulance now"
    assert not any("911" in line for line in body["urgency"]["safety_net"])
    american = {"X-API-Key": issue_key("assessment:write")}
    body = anonymous_client.post(
        "/v1/assessments/evaluate", json={"answers": {"saddle_numbness": True}}, headers=american
    ).get_json()
    assert body["urgency"]["emergency_number"] == "911"
    assert any("call 911" in line for line in body["urgency"]["safety_net"])


def test_an_unknown_country_is_refused_when_the_partner_is_made(db_session):
    with pytest.raises(PartnerError, match="No emergency number is known for country 'XX'"):
        create_partner(session=db_session, slug="far-away", name="Far away", country="XX")


def test_session_etag_and_if_match_detect_a_lost_update(client):
    """Two clients read the same version; the second to write with If-Match gets 412."""
    created = client.post("/v1/assessments", json={"answers": {"age": 40}})
    etag = created.headers["ETag"]
    url = f"/v1/assessments/{created.get_json()['id']}"
    assert client.get(url).headers["ETag"] == etag  # reading does not change the version

    first = client.put(
        f"{url}/answers", json={"answers": {"fever_or_chills": False}}, headers={"If-Match": etag}
    )
    assert first.status_code == 200 and first.headers["ETag"] != etag
    second = client.put(
        f"{url}/answers", json={"answers": {"cancer_history": False}}, headers={"If-Match": etag}
    )
    assert second.status_code == 412
    assert second.mimetype == "application/problem+json"
    assert second.get_json()["code"] == "session_changed"
    assert "cancer_history" not in client.get(url).get_json()["answers"], "nothing written"
    # With the current ETag, or `*`, or no If-Match at all, the write goes through.
    current = first.headers["ETag"]
    assert (
        client.put(
            f"{url}/answers",
            json={"answers": {"cancer_history": False}},
            headers={"If-Match": current},
        ).status_code
        == 200
    )
    assert (
        client.put(
            f"{url}/answers", json={"answers": {"cancer_history": True}}, headers={"If-Match": "*"}
        ).status_code
        == 200
    )
    assert client.put(f"{url}/answers", json={"answers": {"age": 41}}).status_code == 200


def test_a_bad_body_is_a_422_even_with_a_stale_if_match(client):
    """Validation before the precondition: the client learns what to fix, not just to re-read."""
    created = client.post("/v1/assessments", json={"answers": {"age": 40}})
    stale = created.headers["ETag"]
    url = f"/v1/assessments/{created.get_json()['id']}/answers"
    assert client.put(url, json={"answers": {"age": 41}}).status_code == 200
    for answers in ({"no_such_question": True}, {"age": "forty"}):
        response = client.put(url, json={"answers": answers}, headers={"If-Match": stale})
        assert response.status_code == 422, response.get_json()
        assert response.get_json()["errors"][0]["name"].startswith("answers.")
    # A valid body with the same stale ETag is still refused.
    assert (
        client.put(url, json={"answers": {"age": 42}}, headers={"If-Match": stale}).status_code
        == 412
    )


def test_the_results_locator_link_is_a_search_the_locator_accepts(client):
    answers = STENOSIS_REFERRAL
    body = client.post("/v1/assessments/evaluate", json={"answers": answers}).get_json()
    assert body["care_pathway"]["step"] == "specialist_pain_or_spine_referral"
    href = body["locator_href"]
    assert href.startswith("/v1/physicians?specialty=")
    search = client.get(href + "&zip=10001")
    assert search.status_code == 200, search.get_json()
