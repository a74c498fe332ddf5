"""Upsert a validated content pack: versions bump only for items whose content changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, delete, func, literal, literal_column, select
from sqlalchemy.dialects.postgresql import REGCONFIG, insert
from sqlalchemy.orm import Session

# Full-text configuration per locale (stemming in each language): pack/locales.yaml.
from service.content.locales import TEXT_SEARCH_CONFIGS
from service.content.models import (
    Citation,
    ConditionSymptom,
    ConditionTreatment,
    ContentItem,
    ContentTranslation,
    Symptom,
    content_change_seq,
)
from service.content.pack import ContentPack, PackItem


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return ", ".join(
            f"{len(getattr(self, name))} {name}"
            for name in ("created", "updated", "unchanged", "withdrawn")
        )


def sync_pack(*, session: Session, pack: ContentPack, now: dt.datetime | None = None) -> SyncReport:
    """Make the database hold exactly `pack`. Flushes; the caller commits."""
    now = now or dt.datetime.now(dt.UTC)
    report = SyncReport()
    _upsert_reference_data(session, pack)

    existing = {(item.kind, item.slug): item for item in session.scalars(select(ContentItem)).all()}
    items_by_key: dict[tuple[str, str], ContentItem] = {}
    changed: set[tuple[str, str]] = set()
    # Treatments first: conditions point at them.
    pathway = [pack.care_pathway] if pack.care_pathway else []
    for pack_item in [*pack.treatments, *pack.conditions, *pathway]:
        key = (pack_item.kind, pack_item.slug)
        row = existing.pop(key, None)
        label = f"{pack_item.kind}:{pack_item.slug}"
        if row is None:
            row = ContentItem(kind=pack_item.kind, slug=pack_item.slug, version=1)
            session.add(row)
            report.created.append(label)
        elif row.content_hash == pack_item.content_hash and row.withdrawn_at is None:
            report.unchanged.append(label)
            items_by_key[key] = row
            continue
        else:
            row.version += 1
            row.withdrawn_at = None
            report.updated.append(label)
        _apply_structure(row, pack_item)
        row.content_hash = pack_item.content_hash
        row.change_seq = content_change_seq.next_value()
        row.changed_at = now
        items_by_key[key] = row
        changed.add(key)

    session.flush()
    pack_items = {(item.kind, item.slug): item for item in pack.items}
    for key in changed:
        _replace_translations(session, items_by_key[key], pack_items[key])
    for pack_item in pack.conditions:
        if ("condition", pack_item.slug) in changed:
            _replace_condition_relations(session, items_by_key, pack_item)

    # Whatever the pack no longer has is withdrawn, not deleted: apps syncing offline must hear of it.
    for (kind, slug), row in existing.items():
        if row.withdrawn_at is None:
            row.withdrawn_at = now
            row.change_seq = content_change_seq.next_value()
            row.changed_at = now
            report.withdrawn.append(f"{kind}:{slug}")
    session.flush()
    return report


def _upsert_reference_data(session: Session, pack: ContentPack) -> None:
    if pack.citations:
        columns = ("id", "title", "source", "year", "url")
        statement = insert(Citation).values(
            [{c: row[c] for c in columns} for row in pack.citations]
        )
        session.execute(
            statement.on_conflict_do_update(
                index_elements=[Citation.id],
                set_={c: statement.excluded[c] for c in ("title", "source", "year", "url")},
            )
        )
    if pack.symptoms:
        statement = insert(Symptom).values(
            [{"slug": slug, "names": names} for slug, names in pack.symptoms.items()]
        )
        session.execute(
            statement.on_conflict_do_update(
                index_elements=[Symptom.slug], set_={"names": statement.excluded.names}
            )
        )


def _apply_structure(row: ContentItem, item: PackItem) -> None:
    structure = item.structure
    row.reviewed_on = structure["reviewed_on"]
    row.next_review_on = structure["next_review_on"]
    row.citation_ids = list(structure.get("citations", []))
    row.codes = list(structure.get("codes", []))
    row.family = structure.get("family")
    row.therapy_kind = structure.get("kind")
    row.care_step = structure.get("care_step")
    row.requires = list(structure.get("requires", []))
    row.structure = {"adapted_from": list(structure.get("adapted_from", []))}
    if item.kind == "care_pathway":
        row.structure |= {
            "conservative_care_weeks": structure["conservative_care_weeks"],
            "steps": structure["steps"],
            "urgent_signs": structure["urgent_signs"],
        }


def _replace_translations(session: Session, row: ContentItem, pack_item: PackItem) -> None:
    session.execute(delete(ContentTranslation).where(ContentTranslation.item_id == row.id))
    for locale, text in pack_item.texts.items():
        name = text.get("name") or text["title"]
        sections = text.get("sections") or {
            "body": text["body"],
            "when_to_see_a_doctor": text["when_to_see_a_doctor"],
        }
        extras = {
            k: v for k, v in text.items() if k not in ("name", "title", "summary", "sections")
        }
        body = searchable_body(sections, extras)
        config = literal(TEXT_SEARCH_CONFIGS[locale]).cast(REGCONFIG)
        session.add(
            ContentTranslation(
                item_id=row.id,
                locale=locale,
                name=name,
                summary=text["summary"],
                sections=sections,
                extras=extras,
                # Name outranks summary, summary outranks body.
                search_vector=_weighted(config, name, "A")
                .op("||")(_weighted(config, text["summary"], "B"))
                .op("||")(_weighted(config, body, "C")),
            )
        )
    session.flush()


def _weighted(config: ColumnElement[Any], text: str, weight: str) -> ColumnElement[Any]:
    # setweight takes a "char"; a bound parameter would arrive as varchar.
    return func.setweight(func.to_tsvector(config, text), literal_column(f"'{weight}'"))


def searchable_body(sections: dict[str, str], extras: dict[str, Any]) -> str:
    """The text indexed below name and summary; search snippets are cut from the same text."""
    return "\n\n".join([*sections.values(), *_extra_text(extras)])


def _extra_text(extras: dict[str, Any]) -> list[str]:
    parts: list[str] = []
    for value in extras.values():
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            parts.extend(str(v) for v in value)
        elif isinstance(value, dict):
            parts.extend(_extra_text(value))
    return parts


def _replace_condition_relations(
    session: Session, items: dict[tuple[str, str], ContentItem], pack_item: PackItem
) -> None:
    condition = items[("condition", pack_item.slug)]
    session.execute(
        delete(ConditionTreatment).where(ConditionTreatment.condition_id == condition.id)
    )
    session.execute(delete(ConditionSymptom).where(ConditionSymptom.condition_id == condition.id))
    for position, relation in enumerate(pack_item.structure["treatments"]):
        session.add(
            ConditionTreatment(
                condition_id=condition.id,
                treatment_id=items[("treatment", relation["treatment"])].id,
                care_step=relation["care_step"],
                position=position,
                citation_ids=relation["citations"],
            )
        )
    for position, symptom in enumerate(pack_item.structure["symptoms"]):
        session.add(
            ConditionSymptom(condition_id=condition.id, symptom_slug=symptom, position=position)
        )
    session.flush()
