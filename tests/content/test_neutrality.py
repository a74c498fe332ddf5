"""A commercial page is where wording came from (adapted_from), never the evidence (citations)."""

import shutil

import pytest
import yaml

from service.content.pack import PACK_DIR, PackError, read_pack


@pytest.fixture(scope="module")
def pack():
    return read_pack()


def _evidence(item) -> set[str]:
    structure = item.structure
    return {
        *structure.get("citations", []),
        *(c for relation in structure.get("treatments", []) for c in relation["citations"]),
        *(c for step in structure.get("steps", []) for c in step["citations"]),
    }


def test_no_item_rests_on_a_commercial_source(pack):
    commercial = {c["id"] for c in pack.citations if c["commercial"]}
    assert "bsci-lower-back-leg-pain" in commercial
    leaning = {item.slug: _evidence(item) & commercial for item in pack.items}
    assert not {slug: ids for slug, ids in leaning.items() if ids}


def test_every_item_still_has_independent_evidence(pack):
    commercial = {c["id"] for c in pack.citations if c["commercial"]}
    assert all(set(item.structure["citations"]) - commercial for item in pack.items)
    for item in pack.conditions:
        for relation in item.structure["treatments"]:
            assert relation["citations"], f"{item.slug} -> {relation['treatment']} cites nothing"


def test_provenance_is_kept_where_the_wording_came_from(pack):
    adapted = [item.slug for item in pack.items if item.structure["adapted_from"]]
    assert "care-pathway" in adapted and "sciatica" in adapted


@pytest.fixture
def pack_copy(tmp_path):
    target = tmp_path / "pack"
    shutil.copytree(PACK_DIR, target)
    return target


def _edit(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def test_a_commercial_source_cited_as_evidence_is_refused(pack_copy):
    _edit(
        pack_copy / "treatments" / "massage.yaml",
        lambda d: d["citations"].append("bsci-lower-back-leg-pain"),
    )
    _edit(
        pack_copy / "conditions" / "sciatica.yaml",
        lambda d: d["treatments"][0]["citations"].append("bsci-lower-back-leg-pain"),
    )
    with pytest.raises(PackError) as caught:
        read_pack(pack_copy)
    problems = "\n".join(caught.value.problems)
    assert "treatments/massage.yaml: 'bsci-lower-back-leg-pain' is a commercial source" in problems
    assert "conditions/sciatica.yaml: 'bsci-lower-back-leg-pain' is a commercial source" in problems


def test_adapted_from_must_name_a_known_citation(pack_copy):
    _edit(pack_copy / "treatments" / "tens.yaml", lambda d: d.update(adapted_from=["no-such-page"]))
    with pytest.raises(PackError) as caught:
        read_pack(pack_copy)
    assert "treatments/tens.yaml: unknown citation 'no-such-page'" in caught.value.problems
