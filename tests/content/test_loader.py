"""Loading the pack: idempotent, versions bump only on change, removed items are withdrawn."""

import shutil

import pytest
import yaml
from sqlalchemy import select

from service.content.loader import sync_pack
from service.content.models import ContentItem
from service.content.pack import PACK_DIR, read_pack


def _versions(session):
    return {
        (item.kind, item.slug): (item.version, item.withdrawn_at)
        for item in session.scalars(select(ContentItem))
    }


def test_reloading_the_same_pack_changes_nothing(db_session):
    before = _versions(db_session)
    pack = read_pack()
    report = sync_pack(session=db_session, pack=pack)
    assert report.created == report.updated == report.withdrawn == []
    assert len(report.unchanged) == len(pack.items)  # every condition, treatment, the care pathway
    assert _versions(db_session) == before


@pytest.fixture
def pack_copy(tmp_path):
    target = tmp_path / "pack"
    shutil.copytree(PACK_DIR, target)
    return target


def test_an_edit_bumps_only_that_items_version(db_session, pack_copy):
    path = pack_copy / "locales" / "es" / "treatments" / "massage.yaml"
    text = yaml.safe_load(path.read_text())
    text["summary"] += " (revisado)"
    path.write_text(yaml.safe_dump(text, allow_unicode=True))
    before = _versions(db_session)

    report = sync_pack(session=db_session, pack=read_pack(pack_copy))

    assert report.updated == ["treatment:massage"]
    after = _versions(db_session)
    assert after[("treatment", "massage")][0] == before[("treatment", "massage")][0] + 1
    assert {k: v for k, v in after.items() if k != ("treatment", "massage")} == {
        k: v for k, v in before.items() if k != ("treatment", "massage")
    }


def test_removed_items_are_withdrawn_and_come_back_with_a_new_version(db_session, pack_copy):
    pack = read_pack(pack_copy)
    pack.treatments = [t for t in pack.treatments if t.slug != "virtual-reality-therapy"]
    for condition in pack.conditions:  # keep the reduced pack self-consistent
        condition.structure["treatments"] = [
            r
            for r in condition.structure["treatments"]
            if r["treatment"] != "virtual-reality-therapy"
        ]
    version = _versions(db_session)[("treatment", "virtual-reality-therapy")][0]

    report = sync_pack(session=db_session, pack=pack)
    assert report.withdrawn == ["treatment:virtual-reality-therapy"]
    assert _versions(db_session)[("treatment", "virtual-reality-therapy")][1] is not None

    report = sync_pack(session=db_session, pack=read_pack())
    assert "treatment:virtual-reality-therapy" in report.updated
    restored_version, withdrawn_at = _versions(db_session)[("treatment", "virtual-reality-therapy")]
    assert withdrawn_at is None and restored_version == version + 1
