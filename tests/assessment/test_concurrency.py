"""Sessions under concurrent writers, through a real gunicorn with several workers."""

from __future__ import annotations

import concurrent.futures
import json
import urllib.request
import uuid

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from service.partners.service import create_partner, issue_key
from tests.support.servers import Gunicorn

SCREEN_BOOLEANS = (
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
    "burning_pain",
    "touch_or_cold_painful",
    "diabetes",
)


@pytest.fixture(scope="module")
def server(database_url):
    engine = create_engine(database_url)
    with Session(engine) as session, session.begin():
        partner = create_partner(session=session, slug=f"race-{uuid.uuid4().hex[:8]}", name="Race")
        token = issue_key(
            session=session, partner=partner, scopes=["assessment:read", "assessment:write"]
        ).token
    engine.dispose()
    gunicorn = Gunicorn("service.wsgi:app", database_url, workers=2, quiet=True)
    yield gunicorn, token
    gunicorn.stop()


def _call(url: str, token: str, method: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={"X-API-Key": token, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_parallel_puts_each_setting_one_answer_all_survive(server):
    """Before the row lock, 20 parallel PUTs kept 4-7 of 20 answers while answering 200."""
    gunicorn, token = server
    created = _call(gunicorn.url + "/v1/assessments", token, "POST", {"answers": {}})
    url = f"{gunicorn.url}/v1/assessments/{created['id']}"
    updates = [{name: False} for name in SCREEN_BOOLEANS] + [{"age": 44}]
    with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
        list(
            pool.map(
                lambda answers: _call(url + "/answers", token, "PUT", {"answers": answers}), updates
            )
        )
    stored = _call(url, token, "GET")["answers"]
    assert len(updates) == 20
    assert stored == {name: value for update in updates for name, value in update.items()}
