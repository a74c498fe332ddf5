"""Run a symptom assessment, then search physicians with the result's `locator` filters.

    pip install ./clients/python/spinecare-partner-api-client    (or put it on PYTHONPATH)
    SPINECARE_BASE_URL=http://127.0.0.1:8000 SPINECARE_API_KEY=sck_... \
        python clients/python/examples/assess_and_find.py

The key needs the scopes `assessment:write` and `locator:read`.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from spinecare_client import AuthenticatedClient
from spinecare_client.api.assessment import evaluate_assessment
from spinecare_client.api.locator import search_physicians
from spinecare_client.models import (
    AssessmentAnswers,
    AssessmentAnswersAnswers,
    AssessmentResult,
    LocatorFilter,
    PhysicianSearchPage,
)

# Leg pain on walking, eased by rest and by bending forward, for 20 weeks. Every red-flag
# question is answered: until then the result is `screening_incomplete`, never advice.
ANSWERS = {
    "age": 68,
    "pain_duration_weeks": 20,
    "sudden_severe_abdominal_or_back_pain": False,
    "bladder_or_bowel_change": False,
    "saddle_numbness": False,
    "new_sexual_dysfunction": False,
    "bilateral_leg_symptoms_new": False,
    "leg_weakness": False,
    "progressive_leg_weakness": False,
    "numbness_or_tingling": False,
    "fever_or_chills": False,
    "iv_drug_use_or_immunosuppressed": False,
    "recent_spinal_procedure_or_infection": False,
    "cancer_history": False,
    "unexplained_weight_loss": False,
    "worse_at_night": False,
    "significant_trauma": False,
    "osteoporosis_or_long_term_steroids": False,
    "pain_intensity": 6,
    "pain_locations": ["lower_back", "buttocks", "thigh"],
    "leg_pain_side": "both",
    "leg_symptoms_walking_eased_by_rest": True,
    "relief_sitting_or_bending_forward": True,
    "conservative_care_tried": ["physical_therapy", "medication"],
    "conservative_care_weeks": 14,
}


def fail(what: str, response) -> NoReturn:
    sys.exit(
        f"{what} failed: HTTP {response.status_code} {response.content.decode(errors='replace')}"
    )


def main() -> None:
    base_url, api_key = os.environ.get("SPINECARE_BASE_URL"), os.environ.get("SPINECARE_API_KEY")
    if not base_url or not api_key:
        sys.exit("Set SPINECARE_BASE_URL and SPINECARE_API_KEY.")
    zip_code = os.environ.get("SPINECARE_ZIP", "10001")
    # The key goes in X-API-Key (`Authorization: Bearer <key>` works as well).
    client = AuthenticatedClient(
        base_url=base_url.rstrip("/"), token=api_key, auth_header_name="X-API-Key", prefix=""
    )
    with client:
        body = AssessmentAnswers(answers=AssessmentAnswersAnswers.from_dict(ANSWERS))
        response = evaluate_assessment.sync_detailed(client=client, body=body)
        if not isinstance(response.parsed, AssessmentResult):
            fail("assessment", response)
        result = response.parsed
        print(f"urgency: {result.urgency.level} ({result.urgency.label})")
        likely = [condition.slug for condition in result.conditions if condition.band == "likely"]
        print(f"likely: {', '.join(likely) or 'none'}")

        # None (or {}) when a physician search is not the advice (an emergency, or self-care).
        if not isinstance(result.locator, LocatorFilter):
            print("physicians: no search advised")
            return
        response = search_physicians.sync_detailed(
            client=client,
            zip_=zip_code,
            specialty=result.locator.specialty,
            therapy=result.locator.therapy,
        )
        if not isinstance(response.parsed, PhysicianSearchPage):
            fail("physician search", response)
        page = response.parsed
        meta = page.metadata
        within = f"within {meta.radius:g} {meta.unit} of {zip_code}"
        print(f"physicians: {meta.count} on the first page, {within}")
        for found in page.results[:5]:
            print(
                f"  {found.distance:.1f} {meta.unit}  {found.provider.name},"
                f" {found.location.city} {found.location.state}"
            )


if __name__ == "__main__":
    main()
