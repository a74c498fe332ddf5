""" "When to go now" is said once, in the care pathway's urgent signs, and agrees with the triage engine."""

import re
import shutil

import pytest
import yaml

from service.assessment.definitions import default_ruleset
from service.content.pack import PACK_DIR, PackError, read_pack
from service.content.pack_schema import URGENT_SIGN_LEVELS


@pytest.fixture(scope="module")
def pack():
    return read_pack()


@pytest.fixture(scope="module")
def signs(pack):
    return pack.care_pathway.structure["urgent_signs"]


@pytest.fixture(scope="module")
def red_flag_levels():
    return {rule.id: rule.data["urgency"] for rule in default_ruleset().red_flags}


def test_every_rule_a_sign_names_is_a_red_flag_with_the_signs_level(signs, red_flag_levels):
    problems = [
        f"{sign['key']}: {rule} "
        + (
            f"raises {red_flag_levels[rule]}, not {sign['level']}"
            if rule in red_flag_levels
            else "is not a red-flag rule of the ruleset"
        )
        for sign in signs
        for rule in sign["rules"]
        if red_flag_levels.get(rule) != sign["level"]
    ]
    assert not problems, "\n".join(problems)


def test_every_go_now_or_same_day_red_flag_is_in_a_sign(signs, red_flag_levels):
    named = {rule for sign in signs for rule in sign["rules"]}
    missing = sorted(
        f"{rule} ({level})"
        for rule, level in red_flag_levels.items()
        if level in URGENT_SIGN_LEVELS and rule not in named
    )
    assert not missing, f"red flags no urgent sign names: {missing}"


def test_every_locale_has_text_for_every_sign(pack, signs):
    keys = {sign["key"] for sign in signs}
    for locale, text in pack.care_pathway.texts.items():
        assert set(text["urgent_signs"]) == keys, locale
        assert all(value.strip() for value in text["urgent_signs"].values()), locale
    english, spanish = (pack.care_pathway.texts[loc]["urgent_signs"] for loc in ("en", "es"))
    assert all(english[key] != spanish[key] for key in keys)  # translated, not copied


def test_signs_come_most_urgent_first_and_cover_every_level(signs):
    levels = [sign["level"] for sign in signs]
    assert levels == sorted(levels, key=URGENT_SIGN_LEVELS.index)
    assert set(levels) == set(URGENT_SIGN_LEVELS)


# The prose must point at the emergency advice in words a reader acts on, whatever else it says.
EMERGENCY = re.compile(r"\b911\b|\bemergency department\b", re.IGNORECASE)


def test_care_pathway_prose_names_each_level(pack):
    advice = pack.care_pathway.texts["en"]["when_to_see_a_doctor"]
    assert "911" in advice
    assert "emergency department" in advice.lower()
    assert "same day" in advice.lower()


def test_every_condition_points_to_the_emergency_advice(pack):
    silent = [
        item.slug
        for item in pack.conditions
        if not EMERGENCY.search(item.texts["en"]["sections"]["when_to_see_a_doctor"])
    ]
    assert not silent, (
        f"when_to_see_a_doctor says nothing of 911 or the emergency department: {silent}"
    )


def test_spanish_prose_keeps_the_same_levels(pack):
    texts = [pack.care_pathway.texts["es"]["when_to_see_a_doctor"]] + [
        item.texts["es"]["sections"]["when_to_see_a_doctor"] for item in pack.conditions
    ]
    for text in texts:
        assert "911" in text or "sala de emergencias" in text


@pytest.fixture
def pack_copy(tmp_path):
    target = tmp_path / "pack"
    shutil.copytree(PACK_DIR, target)
    return target


def _edit(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def _problems(pack_copy) -> str:
    with pytest.raises(PackError) as caught:
        read_pack(pack_copy)
    return "\n".join(caught.value.problems)


def test_a_locale_missing_a_signs_text_is_refused(pack_copy):
    _edit(
        pack_copy / "locales" / "es" / "care_pathway.yaml", lambda d: d["urgent_signs"].pop("fever")
    )
    assert "locales/es/care_pathway.yaml: urgent_signs must be exactly" in _problems(pack_copy)


def test_a_sign_with_an_unknown_level_is_refused(pack_copy):
    _edit(
        pack_copy / "care_pathway.yaml",
        lambda d: d["urgent_signs"][0].update(level="see_doctor_soon"),
    )
    assert "care_pathway.yaml" in _problems(pack_copy)


def test_a_rule_in_two_signs_or_signs_out_of_order_are_refused(pack_copy):
    def change(data):
        data["urgent_signs"][1]["rules"].append("RF_AAA_SUDDEN_SEVERE_PAIN")
        data["urgent_signs"].append(data["urgent_signs"].pop(0) | {"key": "moved"})

    def also_text(data):
        data["urgent_signs"]["moved"] = "Moved."

    _edit(pack_copy / "care_pathway.yaml", change)
    for locale in ("en", "es"):
        _edit(pack_copy / "locales" / locale / "care_pathway.yaml", also_text)
    problems = _problems(pack_copy)
    assert "'RF_AAA_SUDDEN_SEVERE_PAIN' is in more than one sign" in problems
    assert "most urgent first" in problems
