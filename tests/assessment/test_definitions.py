"""The questionnaire and ruleset files are validated on load, with every problem reported."""

from __future__ import annotations

import pytest
import yaml

from service.assessment.definitions import (
    DATA_DIR,
    DefinitionError,
    read_questionnaire,
    read_ruleset,
)

CONTRACT_IDS = {
    "age",
    "sex",
    "pain_duration_weeks",
    "pain_intensity",
    "pain_locations",
    "leg_pain_side",
    "leg_pain_worse_than_back",
    "numbness_or_tingling",
    "burning_pain",
    "touch_or_cold_painful",
    "skin_colour_or_temperature_change",
    "leg_weakness",
    "worse_standing_or_walking",
    "relief_sitting_or_bending_forward",
    "worse_at_night",
    "began_after_injury_or_surgery",
    "diabetes",
    "chemotherapy_or_radiation",
    "conservative_care_tried",
    "conservative_care_weeks",
    "bladder_or_bowel_change",
    "saddle_numbness",
    "progressive_leg_weakness",
    "fever_or_chills",
    "iv_drug_use_or_immunosuppressed",
    "cancer_history",
    "unexplained_weight_loss",
    "significant_trauma",
    "osteoporosis_or_long_term_steroids",
    "sudden_severe_abdominal_or_back_pain",
}


def edited(tmp_path, name, edit):
    data = yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_packaged_definitions_keep_the_public_contract(ruleset):
    questions = ruleset.questionnaire.by_id
    assert set(questions) >= CONTRACT_IDS
    assert questions["pain_locations"].options == (
        "lower_back",
        "buttocks",
        "thigh",
        "below_knee",
        "foot",
    )
    assert questions["leg_pain_side"].options == ("none", "left", "right", "both")
    assert questions["conservative_care_tried"].options == (
        "medication",
        "physical_therapy",
        "behavioral_therapy",
        "none",
    )
    assert (questions["pain_intensity"].min, questions["pain_intensity"].max) == (0, 10)
    assert all(rule.data["source"] for rule in (*ruleset.red_flags, *ruleset.urgency_rules))


def test_no_proprietary_instrument_is_embedded():
    text = " ".join(path.read_text(encoding="utf-8") for path in DATA_DIR.glob("*.yaml")).lower()
    for name in ("paindetect", "dn4", "oswestry", "odi ", "start back", "startback"):
        assert name not in text


def test_question_problems_are_all_reported(tmp_path):
    def edit(data):
        data["questions"][0]["text"].pop("es")
        data["questions"][1]["enable_when"] = [["no_such_question", "=", True]]
        data["questions"].append(data["questions"][0] | {"id": "late_flag", "red_flag": True})

    with pytest.raises(DefinitionError) as raised:
        read_questionnaire(edited(tmp_path, "questionnaire.yaml", edit))
    assert any("needs exactly the locales" in p for p in raised.value.problems)


def test_enable_when_may_only_look_back_and_red_flags_come_first(tmp_path):
    def edit(data):
        data["questions"][1]["enable_when"] = [["pain_intensity", ">=", 6]]  # it comes later
        data["questions"].append(data["questions"][0] | {"id": "late_flag"})

    with pytest.raises(DefinitionError) as raised:
        read_questionnaire(edited(tmp_path, "questionnaire.yaml", edit))
    problems = "\n".join(raised.value.problems)
    assert "unknown question or reference 'pain_intensity'" in problems
    assert "red-flag questions must come first" in problems


def test_red_flag_rules_read_only_the_screen(tmp_path):
    """A red flag reading a later question could fire after a result was shown as advice."""

    def edit(data):
        data["red_flags"][0]["when"] = [["pain_intensity", ">=", 9]]

    with pytest.raises(DefinitionError) as raised:
        read_ruleset(edited(tmp_path, "ruleset.yaml", edit))
    assert any(
        "RF_AAA_SUDDEN_SEVERE_PAIN: reads 'pain_intensity', which is not in the red-flag screen"
        in p
        for p in raised.value.problems
    )


def test_ruleset_problems_name_the_rule(tmp_path):
    def edit(data):
        data["red_flags"][0]["when"] = [["saddle_numbness", "=", "yes"]]
        data["red_flags"][1]["when"] = [["no_such_question", "=", True]]
        data["pathway"]["options"][0]["treatments"] = ["laser-spine-surgery"]
        data["conditions"][0]["slug"] = "back-ache"

    with pytest.raises(DefinitionError) as raised:
        read_ruleset(edited(tmp_path, "ruleset.yaml", edit))
    problems = "\n".join(raised.value.problems)
    assert "red_flags[0][0]: 'yes' cannot be compared to 'saddle_numbness' (boolean)" in problems
    assert "red_flags[1][0]: unknown question or reference 'no_such_question'" in problems
    assert "unknown treatment 'laser-spine-surgery'" in problems
    assert "'back-ache' is not in the content catalogue" in problems


def test_urgency_levels_are_exactly_the_six(tmp_path):
    with pytest.raises(DefinitionError, match="urgency_levels must be exactly"):
        read_ruleset(edited(tmp_path, "ruleset.yaml", lambda data: data["urgency_levels"].pop()))


def _spanish_strings(node, where=""):
    """Every string under an `es` key of the definitions, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{where}.{key}" if where else str(key)
            if key == "es":
                yield from ((f"{here}", text) for text in _all_strings(value))
            else:
                yield from _spanish_strings(value, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _spanish_strings(value, f"{where}[{index}]")


def _all_strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _all_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _all_strings(value)


def test_questionnaire_and_rules_speak_the_products_one_spanish():
    """Neutral Latin-American Spanish, as in the content pack (same banned forms)."""
    from tests.content.test_spanish_variety import spain_only_forms

    found = []
    for name in ("questionnaire.yaml", "ruleset.yaml"):
        data = yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))
        strings = list(_spanish_strings(data))
        assert len(strings) > 40
        found += [
            f"{name}: {where}: {form}" for where, text in strings for form in spain_only_forms(text)
        ]
    assert found == []


def test_emergency_and_same_day_levels_say_what_to_do_if_you_cannot_get_there(ruleset):
    for level in ruleset.urgency_levels[:3]:
        english = " ".join(level["safety_net"]["en"])
        assert "cannot" in english and "{emergency_number}" in english, level["code"]
        assert len(level["safety_net"]["es"]) == len(level["safety_net"]["en"])


def test_every_option_and_referral_names_a_guideline(ruleset):
    guideline = ("NICE", "NASS", "guideline", "Cochrane")
    for rule in (*ruleset.options, *ruleset.referrals):
        assert any(word in rule.data["source"] for word in guideline), rule.id
    for rule in ruleset.options:
        assert rule.data["evidence"], rule.id
    # Neutral: no option is a device alone; the spacer is shown with decompression's rule too.
    treatments = {t for rule in ruleset.options for t in rule.data["treatments"]}
    assert {"decompression-surgery", "epidural-steroid-injection"} <= treatments
