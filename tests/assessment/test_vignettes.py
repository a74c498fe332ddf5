"""Clinical vignettes (tests/assessment/vignettes.yaml): answers in, expected triage out."""

from __future__ import annotations

import pytest

from service.assessment import engine
from service.assessment.answers import resolve_answers
from tests.assessment.conftest import VIGNETTES


def _evaluate(ruleset, answers):
    kept, errors = resolve_answers(ruleset.questionnaire, answers)
    assert errors == [], "a vignette must be a valid answer set"
    return engine.evaluate(ruleset, kept)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_vignette(ruleset, vignette):
    result = _evaluate(ruleset, vignette["answers"])
    expect = vignette["expect"]
    bands = {c["slug"]: c["band"] for c in result.conditions}
    missing = {m["question"] for m in result.missing_answers}
    options = result.care_pathway["options_to_discuss"]
    if "urgency" in expect:
        assert result.urgency["level"] == expect["urgency"]
    if "red_flags" in expect:
        assert [t["rule_id"] for t in result.red_flags] == expect["red_flags"]
    for slug, band in expect.get("bands", {}).items():
        assert bands[slug] == band, slug
    if "phenotype" in expect:
        neuropathic = next(c for c in result.conditions if c["slug"] == "neuropathic-pain")
        assert neuropathic["phenotype"] == expect["phenotype"]
    for score_id, value in expect.get("scores", {}).items():
        assert next(s for s in result.scores if s["id"] == score_id)["value"] == value, score_id
    if "step" in expect:
        assert result.care_pathway["step"] == expect["step"]
    if "options" in expect:
        assert [o["treatment"] for o in options] == expect["options"]
    for slug, first in expect.get("requires", {}).items():
        assert next(o for o in options if o["treatment"] == slug)["requires"] == first
    if "locator" in expect:
        assert result.locator == expect["locator"]
        if expect["locator"] is None:
            assert result.locator_href is None
        else:
            codes = expect["locator"]["specialty"] + expect["locator"]["therapy"]
            assert result.locator_href.startswith("/v1/physicians?")
            assert all(f"={code}" in result.locator_href for code in codes)
    if "complete" in expect:
        assert result.complete is expect["complete"]
    for flag in ("red_flags_screened", "should_stop"):
        if flag in expect:
            assert getattr(result, flag) is expect[flag], flag
    if "referrals" in expect:
        assert [r["specialty"] for r in result.care_pathway["referrals"]] == expect["referrals"]
    if "warnings" in expect:
        assert [w["rule_id"] for w in result.warnings] == expect["warnings"]
    assert set(expect.get("missing_includes", [])) <= missing
    assert not set(expect.get("missing_excludes", [])) & missing


def test_vignettes_cover_every_red_flag_condition_and_step(ruleset):
    results = [_evaluate(ruleset, v["answers"]) for v in VIGNETTES]
    fired = {t["rule_id"] for r in results for t in r.red_flags}
    assert fired == {rule.id for rule in ruleset.red_flags}
    # Every yes/no screen question is answered "yes" somewhere, and every screen choice chosen.
    screen = [q for q in ruleset.questionnaire.questions if q.red_flag]
    yes = {q for v in VIGNETTES for q, a in v["answers"].items() if a is True}
    assert {q.id for q in screen if q.type == "boolean"} <= yes
    chosen = {(q, a) for v in VIGNETTES for q, a in v["answers"].items() if isinstance(a, str)}
    assert {(q.id, o) for q in screen for o in q.options} <= chosen
    not_unlikely = {c["slug"] for r in results for c in r.conditions if c["band"] != "unlikely"}
    assert not_unlikely == {c["slug"] for c in ruleset.conditions}
    assert {"likely", "possible", "unlikely"} <= {c["band"] for r in results for c in r.conditions}
    steps = {r.care_pathway["step"] for r in results}
    assert steps == {
        "red_flag_escalation",
        "red_flag_screening",
        "out_of_scope",
        *(rule.id for rule in ruleset.pathway_steps),
    }
    assert len(VIGNETTES) >= 40
