"""The clinical safety case (docs/clinical/): safety vignettes and the hazard log's controls.

Each vignette in safety_vignettes.yaml is checked against its bounds; then the hazard log is
checked against the ruleset and the tests it cites; then the controls that no vignette can show
(incomplete screens, stopping, contradictions, age scope, emergency numbers, Spanish words,
versions, neutral options) are tested directly.
"""

from __future__ import annotations

import re

import pytest

from service.assessment import engine
from service.assessment import service as assessment_service
from service.assessment.answers import next_questions, resolve_answers
from tests.assessment.safety import (
    BANDS,
    CATEGORIES,
    LIKELIHOODS,
    NODE_ID,
    ROOT,
    SCREENING_LEVEL,
    SEVERITIES,
    VIGNETTE_KEYS,
    check,
    evaluate,
    hazard_rules,
    load_bases,
    load_hazard_log,
    load_vignettes,
    risk,
)

VIGNETTES = load_vignettes()
BY_ID = {vignette["id"]: vignette for vignette in VIGNETTES}
HAZARDS = load_hazard_log()
EMERGENCY_LEVELS = ("emergency_ambulance", "emergency_department")
PER_VIGNETTE = ("test_safety_vignette", "test_a_partly_answered_screen_is_never_advice")


def _result(ruleset, answers):
    result, errors = evaluate(ruleset, answers)
    assert errors == [], f"a vignette must be a valid answer set: {errors}"
    return result


# ---------------------------------------------------------------- the vignettes


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_safety_vignette(ruleset, vignette):
    misses = check(ruleset, vignette, _result(ruleset, vignette["answers"]))
    assert not misses, "\n".join(
        f"{m['check']}: expected {m['expected']}, got {m['got']}" for m in misses
    )


def test_the_suite_is_large_enough_and_has_every_category():
    assert len(VIGNETTES) >= 120
    assert {v["category"] for v in VIGNETTES} == set(CATEGORIES)


def test_vignettes_are_well_formed(ruleset):
    assert len(BY_ID) == len(VIGNETTES), "vignette ids must be unique"
    levels = set(ruleset.urgency_rank)
    rules = {rule.id for rule in ruleset.red_flags}
    slugs = {condition["slug"] for condition in ruleset.conditions}
    bases = load_bases()
    screen = [q.id for q in ruleset.questionnaire.questions if q.red_flag]
    for v in VIGNETTES:
        where = v["id"]
        assert set(v) - {"given"} <= VIGNETTE_KEYS, where
        assert v["category"] in CATEGORIES and v.get("source"), where
        base = v.get("base", [])
        assert set([base] if isinstance(base, str) else base) <= set(bases), where
        if v["category"] in ("red_flag", "boundary"):
            assert "min_urgency" in v or "max_urgency" in v, where
        if v["category"] == "red_flag":
            assert "min_urgency" in v and v.get("rules"), where
        if v["category"] in ("benign", "phenotype"):
            assert "max_urgency" in v, where
        assert {v.get("min_urgency"), v.get("max_urgency")} - {None} <= levels, where
        if "min_urgency" in v and "max_urgency" in v:
            rank = ruleset.urgency_rank
            assert rank[v["min_urgency"]] <= rank[v["max_urgency"]], where
        assert set(v.get("rules", [])) <= rules, where
        assert set(v.get("bands", {})) <= slugs, where
        for band in v.get("bands", {}).values():
            assert set([band] if isinstance(band, str) else band) <= set(BANDS), where
        # Every enabled screen question answered, so the result is a real disposition.
        kept, errors = resolve_answers(ruleset.questionnaire, v["answers"])
        assert errors == [], (where, errors)
        enabled = {q.id for q in ruleset.questionnaire.questions if q.enabled(kept)}
        assert [q for q in screen if q in enabled and q not in kept] == [], where


def test_every_red_flag_rule_has_a_hazard_and_vignettes_that_fire_it(ruleset):
    rules = {rule.id for rule in ruleset.red_flags}
    assert rules <= hazard_rules(HAZARDS), "red-flag rules with no hazard-log control"
    named = {rule for v in VIGNETTES for rule in v.get("rules", [])}
    assert rules <= named, "red-flag rules no vignette names"
    fired = {
        flag["rule_id"]
        for v in VIGNETTES
        for flag in _result(ruleset, v["answers"]).red_flags
        if flag["rule_id"] in v.get("rules", [])
    }
    assert rules <= fired, "red-flag rules no vignette fires"
    every_rule = rules | {rule.id for rule in ruleset.urgency_rules}
    assert hazard_rules(HAZARDS) <= every_rule, "the hazard log names rules the ruleset lacks"


# ---------------------------------------------------------------- the hazard log


def test_hazard_log_is_well_formed():
    ids = [hazard["id"] for hazard in HAZARDS]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"HAZ-\d{3}", i) for i in ids)
    for hazard in HAZARDS:
        where = hazard["id"]
        for key in ("hazard", "cause", "effect"):
            assert isinstance(hazard[key], str) and hazard[key].strip(), (where, key)
        for prefix in ("", "residual_"):
            severity = hazard[f"{prefix}severity"]
            assert severity["level"] in SEVERITIES, where
            assert severity["name"] == SEVERITIES[severity["level"]], where
            assert hazard[f"{prefix}likelihood"] in LIKELIHOODS, where
            assert hazard[f"{prefix}risk"] == risk(
                severity["level"], hazard[f"{prefix}likelihood"]
            ), (where, f"{prefix}risk is derived from the matrix")
        assert hazard["residual_risk"] <= hazard["risk"], where
        assert hazard["controls"], where
        for control in hazard["controls"]:
            assert control.get("rules") or control.get("mechanism"), where
            assert control.get("description"), where
        assert hazard["tests"], f"{where}: a hazard needs tests that prove its controls"


@pytest.mark.parametrize("hazard", HAZARDS, ids=[h["id"] for h in HAZARDS])
def test_hazard_log_test_references_resolve(hazard):
    for reference in hazard["tests"]:
        node = NODE_ID.match(reference)
        if node is None:
            assert reference in BY_ID, f"{hazard['id']}: no vignette '{reference}'"
            continue
        path = ROOT / node["path"]
        assert path.is_file(), f"{hazard['id']}: no test file {node['path']}"
        source = path.read_text(encoding="utf-8")
        assert re.search(rf"^def {node['name']}\(", source, re.MULTILINE), reference
        if node["param"] and node["name"] in PER_VIGNETTE:
            assert node["param"] in BY_ID, reference


# ---------------------------------------------------------------- controls beyond vignettes


def _walk_screen(ruleset, answers):
    """Results after each answer, asked one at a time in order, until the screen is done."""
    questionnaire = ruleset.questionnaire
    answered, results = {}, []
    while True:
        pending = [
            q for q in next_questions(questionnaire, answered) if questionnaire.by_id[q].red_flag
        ]
        if not pending:
            return results
        answered[pending[0]] = answers[pending[0]]
        results.append(engine.evaluate(ruleset, answered))
        if results[-1].should_stop:
            return results


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_a_partly_answered_screen_is_never_advice(ruleset, vignette):
    """HAZ: incomplete answers shown as advice. Until every enabled screen question is answered
    the level is `screening_incomplete`, unless the result says to stop (emergency, age)."""
    final = _result(ruleset, vignette["answers"])
    final_rank = ruleset.urgency_rank.get(final.urgency["level"], -1)
    for result in _walk_screen(ruleset, vignette["answers"]):
        if result.should_stop:
            assert result.urgency["level"] in EMERGENCY_LEVELS or result.out_of_scope
            continue
        if not result.red_flags_screened:
            assert result.urgency["level"] == SCREENING_LEVEL
            assert result.care_pathway["options_to_discuss"] == []
        minimum = result.urgency.get("minimum_level")
        if minimum is not None:
            assert ruleset.urgency_rank[minimum] <= final_rank


def test_no_disposition_until_the_screen_is_answered(ruleset):
    result = engine.evaluate(ruleset, {"age": 45, "pain_duration_weeks": 3})
    assert result.red_flags_screened is False
    assert result.urgency["level"] == SCREENING_LEVEL
    assert result.urgency["minimum_level"] is None
    assert not result.complete and not result.should_stop


def test_an_incomplete_screen_reports_the_level_fired_so_far(ruleset):
    answers = dict(BY_ID["iv_drug_use_chronic_pain_no_neuro"]["answers"])
    del answers["osteoporosis_or_long_term_steroids"]  # the last screen question
    result = _result(ruleset, answers)
    assert result.urgency["level"] == SCREENING_LEVEL
    assert result.urgency["minimum_level"] == "see_doctor_soon"
    assert next_questions(ruleset.questionnaire, answers)[0] == "osteoporosis_or_long_term_steroids"


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        (
            {"age": 60, "pain_duration_weeks": 0, "sudden_severe_abdominal_or_back_pain": True},
            "emergency_ambulance",
        ),
        (
            {
                "age": 45,
                "pain_duration_weeks": 1,
                "sudden_severe_abdominal_or_back_pain": False,
                "bladder_or_bowel_change": True,
            },
            "emergency_department",
        ),
    ],
    ids=["aaa", "ces"],
)
def test_an_emergency_flag_is_shown_at_once_and_stops(ruleset, answers, level):
    result = _result(ruleset, answers)
    assert result.urgency["level"] == level
    assert result.should_stop is True and result.complete is True
    assert result.care_pathway["options_to_discuss"] == [] and result.locator is None


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        (
            {
                "sudden_severe_abdominal_or_back_pain": False,
                "collapse_faint_or_known_aneurysm": True,
            },
            "collapse_faint_or_known_aneurysm",
        ),
        (
            {"progressive_leg_weakness": False, "weakness_in_both_legs": True},
            "weakness_in_both_legs",
        ),
        ({"numbness_or_tingling": False, "numbness_course": "stable_both_feet"}, "numbness_course"),
    ],
    ids=["collapse", "both_legs", "numbness_course"],
)
def test_a_follow_up_answered_while_disabled_is_an_error(ruleset, answers, field):
    _, errors = resolve_answers(ruleset.questionnaire, answers)
    assert [e["name"] for e in errors] == [f"answers.{field}"]


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        (
            {"leg_pain_side": "none", "pain_locations": ["lower_back", "below_knee"]},
            {"leg_pain_side", "pain_locations"},
        ),
        (
            {
                "pain_duration_weeks": 4,
                "conservative_care_tried": ["physical_therapy"],
                "conservative_care_weeks": 10,
            },
            {"conservative_care_weeks", "pain_duration_weeks"},
        ),
        (
            {
                "leg_weakness": False,
                "progressive_leg_weakness": True,
                "weakness_in_both_legs": False,
            },
            {"progressive_leg_weakness", "leg_weakness"},
        ),
    ],
    ids=["leg_side_vs_locations", "care_longer_than_pain", "worsening_without_weakness"],
)
def test_contradictory_answers_are_reported(ruleset, changes, fields):
    answers = BY_ID["simple_back_pain_1_week_age_30"]["answers"] | changes
    result = _result(ruleset, answers)
    reported = [w for w in result.warnings if w["code"] == "contradictory_answers"]
    assert [set(w["fields"]) for w in reported] == [fields]
    body = assessment_service.localise(result, locale="es", ruleset=ruleset)
    assert all(w["message"] for w in body["warnings"])


def test_under_16_is_out_of_scope_at_once(ruleset):
    result = engine.evaluate(ruleset, {"age": 12})
    assert result.out_of_scope["code"] == "under_16"
    assert result.should_stop is True
    assert ruleset.urgency_rank[result.urgency["level"]] >= ruleset.urgency_rank["see_doctor_soon"]
    for locale in ("en", "es"):
        body = assessment_service.localise(result, locale=locale, ruleset=ruleset)
        assert "911" in body["out_of_scope"]["message"], "the go-now signs, with the number"


def test_every_advice_level_repeats_the_go_now_signs(ruleset):
    """GIRFT 2023: tell people which cauda equina signs mean going now, whatever the result."""
    below = [
        level
        for level in ruleset.urgency_levels
        if ruleset.urgency_rank[level["code"]] < ruleset.urgency_rank["emergency_department"]
    ]
    for level in [*below, ruleset.screening_incomplete]:
        for locale in ("en", "es"):
            lines = level["safety_net"][locale]
            assert any("genital" in line and "{emergency_number}" in line for line in lines), (
                level.get("code", SCREENING_LEVEL),
                locale,
            )


@pytest.mark.parametrize(
    ("country", "number"),
    [(None, "911"), ("US", "911"), ("GB", "999"), ("ES", "112"), ("AU", "000"), ("ZZ", "911")],
)
def test_the_emergency_number_follows_the_partner_country(ruleset, country, number):
    result = _result(ruleset, BY_ID["aaa_sudden_severe_back_pain_man_72"]["answers"])
    others = {"911", "999", "112", "000"} - {number}
    for locale in ("en", "es"):
        body = assessment_service.localise(result, locale=locale, ruleset=ruleset, country=country)
        urgency = body["urgency"]
        assert urgency["emergency_number"] == number
        text = " ".join([urgency["label"], urgency["service"], *urgency["safety_net"]])
        assert number in text and not any(other in text for other in others), text
        assert "{emergency_number}" not in text


def test_every_question_and_level_has_spanish_words(ruleset):
    for question in ruleset.questionnaire.questions:
        for locale in ("en", "es"):
            words = question.texts[locale]
            assert words["text"].strip(), (question.id, locale)
            assert set(words["option_labels"]) >= set(question.options), (question.id, locale)
    for level in ruleset.urgency_levels:
        en, es = level["text"]["en"], level["text"]["es"]
        assert set(en) == set(es) and all(v.strip() for v in es.values()), level["code"]
        assert len(level["safety_net"]["es"]) == len(level["safety_net"]["en"]), level["code"]
    assert ruleset.disclaimer["es"].strip()


def test_results_carry_the_ruleset_and_questionnaire_versions(ruleset):
    result = _result(ruleset, BY_ID["simple_back_pain_1_week_age_30"]["answers"])
    assert result.ruleset_version == ruleset.version
    assert result.questionnaire_version == ruleset.questionnaire.version
    assert result.disclaimer_code == "not_diagnosis"


PRIMARY_SOURCE = re.compile(
    r"NICE|GIRFT|ACP|Chou|Henschke|Downie|Darouiche|Suri|Konno|Sugioka|Cook|Konstantinou|Stynes"
    r"|Harden|Finnerup|Machado|Cochrane|Bogduk|Kongsted"
)


def test_every_red_flag_rule_cites_a_primary_source(ruleset):
    for rule in ruleset.red_flags:
        assert PRIMARY_SOURCE.search(rule.data["source"]), rule.id


def test_options_are_neutral_and_follow_the_specialist_rules(ruleset):
    """HAZ: manufacturer-biased options. A device is never the only option shown for its
    condition (Machado 2016 Cochrane: spacers are not better than decompression), radiofrequency
    ablation always needs a diagnostic block first, and red flags show no options."""
    results = [_result(ruleset, v["answers"]) for v in VIGNETTES]
    for result in results:
        options = result.care_pathway["options_to_discuss"]
        slugs = [option["treatment"] for option in options]
        if result.care_pathway["step"] == engine.ESCALATION_STEP:
            assert options == []
        if "interspinous-spacer" in slugs:
            assert "decompression-surgery" in slugs, slugs
        for option in options:
            if option["treatment"] == "radiofrequency-ablation":
                assert "diagnostic-nerve-block" in option["requires"]
            assert PRIMARY_SOURCE.search(option["source"]), option
    stenosis = _result(ruleset, BY_ID["stenosis_after_6_months_physio_age_74"]["answers"])
    assert stenosis.care_pathway["step"] == "specialist_pain_or_spine_referral"
    assert "decompression-surgery" in [
        o["treatment"] for o in stenosis.care_pathway["options_to_discuss"]
    ]


def test_the_quick_path_asks_fewer_questions_and_never_skips_the_screen(ruleset):
    """Seed's quick quiz: a complete result in few answers (median was 32 when every question
    was asked), and a complete result without a stop always has the whole screen answered."""
    from tests.assessment.safety import answers_to_result, median

    counts = [answers_to_result(ruleset, v["answers"]) for v in VIGNETTES]
    assert median(counts) <= 25
    screen = len([q for q in ruleset.questionnaire.questions if q.red_flag and not q.enable_when])
    for vignette in VIGNETTES:
        result = _result(ruleset, vignette["answers"])
        if result.complete and not result.should_stop:
            assert result.red_flags_screened, vignette["id"]
    assert min(counts) >= 1 and screen <= max(counts)
