"""The NUCC taxonomy: well-formed, unique codes in a hierarchy; a parent code finds its children."""

import pytest
import yaml

from service.locator import imports, service, specialties
from service.locator.npi import npi_check_digit
from service.locator.query import Filters

NYC = (40.7484, -73.9967)


def test_every_code_is_a_well_formed_nucc_code_listed_once():
    raw = yaml.safe_load(specialties.SPECIALTIES_FILE.read_text(encoding="utf-8"))
    codes = [
        code
        for group in raw
        for classification in group["classifications"]
        for code in [classification.get("code")]
        + [entry["code"] for entry in classification["specializations"]]
        if code is not None
    ]
    assert len(codes) == len(set(codes)) == len(specialties.entries()) >= 50
    for code in codes:
        assert len(code) == 10 and code.endswith("X") and code[:3].isdigit(), code
        assert specialties.NUCC_CODE.match(code), code


def test_every_code_has_a_parent_chain_up_to_its_grouping():
    by_code = {entry.code: entry for entry in specialties.entries()}
    classification_codes = {
        (entry.grouping, entry.classification): entry.code
        for entry in by_code.values()
        if entry.level == specialties.CLASSIFICATION
    }
    for entry in by_code.values():
        assert entry.grouping and entry.classification and entry.display_name
        assert entry.display_name_es and entry.display_name_es != entry.display_name
        if entry.level == specialties.CLASSIFICATION:
            assert entry.parent is None
            continue
        assert entry.specialization
        # The parent is the classification's own code, when the file lists one.
        assert entry.parent == classification_codes.get((entry.grouping, entry.classification))
        if entry.parent is not None:
            parent = by_code[entry.parent]
            assert parent.level == specialties.CLASSIFICATION and parent.parent is None
            assert (parent.grouping, parent.classification) == (
                entry.grouping,
                entry.classification,
            )
            assert entry.code in specialties.children()[entry.parent]


def test_the_hierarchy_is_nuccs_for_the_main_pain_specialties():
    children = specialties.children()
    assert {"207LP2900X", "207LH0002X"} <= set(children["207L00000X"])
    assert {"2081P2900X", "2081S0010X", "2081P0010X"} <= set(children["208100000X"])
    assert {"207XS0117X", "207XX0005X"} <= set(children["207X00000X"])
    assert {"111NX0800X"} <= set(children["111N00000X"])
    assert {"2251X0800X"} <= set(children["225100000X"])
    assert {"103TH0004X"} <= set(children["103T00000X"])
    assert children["208VP0000X"] == ("208VP0014X",)
    # NUCC has no code for the Psychiatry & Neurology classification itself.
    assert specialties._entries()["2084P2900X"].parent is None
    assert specialties.expand(["207LP2900X"]) == ["207LP2900X"]


def test_a_malformed_or_duplicate_entry_is_refused_at_load(tmp_path, monkeypatch):
    entry = {
        "code": "207LP2900X",
        "specialization": "Pain Medicine",
        "display_name": "x",
        "display_name_es": "y",
    }
    broken = [
        {
            "grouping": "G",
            "classifications": [{"classification": "C", "specializations": [entry, entry]}],
        }
    ]
    path = tmp_path / "specialties.yaml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    monkeypatch.setattr(specialties, "SPECIALTIES_FILE", path)
    specialties._entries.cache_clear()
    try:
        with pytest.raises(ValueError, match="bad entry"):
            specialties._entries()
        path.write_text(
            yaml.safe_dump(
                [
                    {
                        "grouping": "G",
                        "classifications": [
                            {
                                "classification": "C",
                                "specializations": [entry | {"code": "207LP2900"}],
                            }
                        ],
                    }
                ]
            )
        )
        with pytest.raises(ValueError, match="bad entry"):
            specialties._entries()
    finally:
        monkeypatch.undo()
        specialties._entries.cache_clear()


def ids(page):
    return {result["provider"]["id"] for result in page["results"]}


def test_a_parent_code_finds_its_children_and_a_child_not_the_parent_only(
    db_session, make_provider
):
    general = make_provider(NYC, specialties=("207L00000X",))
    pain = make_provider(NYC, specialties=("207LP2900X",))
    palliative = make_provider(NYC, specialties=("207LH0002X",))
    other = make_provider(NYC, specialties=("2081P2900X",))

    def search(*codes):
        return ids(
            service.search(
                session=db_session, lat=NYC[0], lon=NYC[1], filters=Filters(specialty=codes)
            )
        )

    assert search("207L00000X") == {general.id, pain.id, palliative.id}
    assert search("207LP2900X") == {pain.id}
    assert search("207LP2900X", "208100000X") == {pain.id, other.id}
    interventional = make_provider(NYC, specialties=("208VP0014X",))
    assert search("208VP0000X") == {interventional.id}
    assert search("208VP0014X") == {interventional.id}


def test_the_zero_result_hint_and_npi_lookup_expand_parent_codes(db_session, make_provider):
    far = make_provider((34.05, -118.24), specialties=("207XS0117X",))
    page = service.search(
        session=db_session, lat=NYC[0], lon=NYC[1], filters=Filters(specialty=("207X00000X",))
    )
    assert page["results"] == []
    assert page["metadata"]["zero_result_hint"]["nearest"]["provider"]["id"] == far.id
    npi = "123456789" + npi_check_digit("123456789")
    imports.import_body(
        session=db_session,
        source="test-npi",
        media_type=imports.CSV,
        body=f"npi,name,specialties,zip\n{npi},Dr. Spine,207XS0117X,10001\n",
    )
    found = service.search(session=db_session, filters=Filters(npi=npi, specialty=("207X00000X",)))
    assert [r["provider"]["npi"] for r in found["results"]] == [npi]
    none = service.search(session=db_session, filters=Filters(npi=npi, specialty=("207L00000X",)))
    assert none["results"] == []


def test_specialties_endpoint_shows_parent_and_children(client, make_provider):
    listed = {item["code"]: item for item in client.get("/v1/specialties").get_json()}
    assert listed["207L00000X"]["level"] == "classification"
    assert listed["207L00000X"]["parent"] is None
    assert "207LP2900X" in listed["207L00000X"]["children"]
    assert listed["207LP2900X"] | {"children": None} == {
        "code": "207LP2900X",
        "grouping": "Allopathic & Osteopathic Physicians",
        "classification": "Anesthesiology",
        "specialization": "Pain Medicine",
        "display_name": "Pain Medicine (Anesthesiology) Physician",
        "level": "specialization",
        "parent": "207L00000X",
        "children": None,
    }
    assert listed["2251X0800X"]["grouping"] == (
        "Respiratory, Developmental, Rehabilitative and Restorative Service Providers"
    )
    spanish = client.get("/v1/specialties", headers={"Accept-Language": "es"}).get_json()
    assert {item["code"]: item["display_name"] for item in spanish}["111N00000X"] == "Quiropráctico"
    pain = make_provider(NYC, specialties=("207LP2900X",))
    page = client.get(f"/v1/physicians?lat={NYC[0]}&lon={NYC[1]}&specialty=207L00000X").get_json()
    assert ids(page) == {pain.id}
    # A physician's specialties are shown as before: no hierarchy fields in search results.
    assert set(page["results"][0]["provider"]["specialties"][0]) == {
        "code",
        "grouping",
        "classification",
        "specialization",
        "display_name",
    }
