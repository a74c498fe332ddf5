"""The content pack: complete in both locales, and a broken pack is refused with every problem named."""

import shutil

import pytest
import yaml

from service.content.pack import PACK_DIR, PackError, read_pack

CONDITIONS = {
    "lumbar-degeneration",
    "herniated-disk",
    "sciatica",
    "lumbar-spinal-stenosis",
    "neuropathic-pain",
    "inflammatory-back-pain",
}
TREATMENT_FAMILIES = {"medication", "restorative", "behavioral", "interventional"}


@pytest.fixture(scope="module")
def pack():
    return read_pack()


def test_pack_has_every_condition_in_both_locales(pack):
    assert {item.slug for item in pack.conditions} == CONDITIONS
    for item in pack.conditions:
        assert set(item.texts) == {"en", "es"}
        assert item.texts["en"]["name"] != item.texts["es"]["name"] or item.slug == "sciatica"


def test_pack_covers_every_treatment_family_and_the_named_procedures(pack):
    assert {item.structure["family"] for item in pack.treatments} == TREATMENT_FAMILIES
    slugs = {item.slug for item in pack.treatments}
    for required in (
        "physical-therapy",
        "massage",
        "acupuncture",
        "tens",
        "heat-and-cold-therapy",
        "mindfulness",
        "coping-skills-training",
        "cognitive-behavioral-therapy",
        "app-based-therapy",
        "virtual-reality-therapy",
        "diagnostic-nerve-block",
        "radiofrequency-ablation",
        "spinal-cord-stimulation",
        "interspinous-spacer",
    ):
        assert required in slugs


def test_radiofrequency_ablation_requires_a_diagnostic_block(pack):
    rfa = next(item for item in pack.treatments if item.slug == "radiofrequency-ablation")
    assert rfa.structure["requires"] == ["diagnostic-nerve-block"]


def test_care_pathway_holds_the_twelve_week_conservative_care_rule(pack):
    pathway = pack.care_pathway.structure
    assert pathway["conservative_care_weeks"] == 12
    assert [s["key"] for s in pathway["steps"]] == [
        "self_care",
        "conservative_care",
        "specialist_consultation",
        "interventional_care",
    ]


def test_every_condition_has_an_icd10_code_and_a_when_to_see_a_doctor_section(pack):
    for item in pack.conditions:
        assert any(code["system"] == "icd-10-cm" for code in item.structure["codes"])
        for text in item.texts.values():
            assert text["sections"]["when_to_see_a_doctor"].strip()


def test_neuropathic_pain_explains_its_forms_and_crps(pack):
    neuropathic = next(item for item in pack.conditions if item.slug == "neuropathic-pain")
    types = neuropathic.texts["en"]["sections"]["types"].lower()
    assert "complex regional pain syndrome" in types
    assert "symmetric" in types or "both sides" in types


@pytest.fixture
def pack_copy(tmp_path):
    target = tmp_path / "pack"
    shutil.copytree(PACK_DIR, target)
    return target


def _edit(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def test_broken_pack_lists_every_problem(pack_copy):
    _edit(
        pack_copy / "conditions" / "sciatica.yaml",
        lambda d: d["treatments"].append(
            {"treatment": "no-such-treatment", "care_step": "self_care"}
        ),
    )
    _edit(pack_copy / "treatments" / "massage.yaml", lambda d: d.update(family="surgery"))
    (pack_copy / "locales" / "es" / "conditions" / "herniated-disk.yaml").unlink()

    with pytest.raises(PackError) as caught:
        read_pack(pack_copy)

    problems = "\n".join(caught.value.problems)
    assert "conditions/sciatica.yaml: unknown treatment 'no-such-treatment'" in problems
    assert "treatments/massage.yaml" in problems and "family" in problems
    assert "locales/es/conditions/herniated-disk.yaml: file is missing" in problems


def test_a_translation_missing_a_section_is_refused(pack_copy):
    _edit(
        pack_copy / "locales" / "es" / "conditions" / "sciatica.yaml",
        lambda d: d["sections"].pop("diagnosis"),
    )
    with pytest.raises(PackError) as caught:
        read_pack(pack_copy)
    assert any(
        "locales/es/conditions/sciatica.yaml" in p and "diagnosis" in p
        for p in caught.value.problems
    )


def test_unknown_keys_are_refused_not_ignored(pack_copy):
    _edit(pack_copy / "treatments" / "tens.yaml", lambda d: d.update(familly="restorative"))
    with pytest.raises(PackError) as caught:
        read_pack(pack_copy)
    assert any("treatments/tens.yaml" in p and "familly" in p for p in caught.value.problems)
