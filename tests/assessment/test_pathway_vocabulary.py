"""A result's care step and GET /v1/care-pathway speak one vocabulary (`pathway_step`)."""

from __future__ import annotations

import pytest

from service.assessment.definition_schema import (
    CONTENT_PATHWAY_STEPS,
    OUT_OF_SCOPE_STEP,
    PATHWAY_STEPS,
    SCREENING_STEP,
)
from service.content.pack import read_pack
from tests.assessment.test_routes import SCREEN_CLEAR, STENOSIS_REFERRAL


def test_every_step_is_mapped_and_every_mapping_is_a_published_step():
    assert set(CONTENT_PATHWAY_STEPS) == {*PATHWAY_STEPS, SCREENING_STEP, OUT_OF_SCOPE_STEP}
    published = [step["key"] for step in read_pack().care_pathway.structure["steps"]]
    mapped = {key for key in CONTENT_PATHWAY_STEPS.values() if key is not None}
    assert mapped <= set(published), mapped - set(published)
    # Interventional care is discussed at the specialist consultation, never a triage step.
    assert set(published) - mapped == {"interventional_care"}


@pytest.mark.parametrize(
    ("answers", "step", "pathway_step"),
    [
        ({}, SCREENING_STEP, None),
        (
            STENOSIS_REFERRAL,
            "specialist_pain_or_spine_referral",
            "specialist_consultation",
        ),
        ({**SCREEN_CLEAR, "age": 40, "bladder_or_bowel_change": True}, "red_flag_escalation", None),
    ],
)
def test_the_results_pathway_step_is_a_step_of_the_care_pathway(
    client, answers, step, pathway_step
):
    result = client.post("/v1/assessments/evaluate", json={"answers": answers}).get_json()
    assert result["care_pathway"]["step"] == step
    assert result["care_pathway"]["pathway_step"] == pathway_step
    if pathway_step is not None:
        published = client.get("/v1/care-pathway").get_json()
        assert pathway_step in [s["key"] for s in published["steps"]]
