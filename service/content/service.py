"""Read side of the content domain: plain functions over a session, returning plain dicts."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any

from sqlalchemy import Select, and_, func, literal, select
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.orm import Session

from service.content.loader import searchable_body
from service.content.locales import CONTENT_DISCLAIMERS, TEXT_SEARCH_CONFIGS
from service.content.models import (
    Citation,
    ConditionSymptom,
    ConditionTreatment,
    ContentItem,
    ContentTranslation,
    Symptom,
)
from service.errors import GoneProblem, InvalidParameterProblem, NotFoundProblem

# Shown with every piece of content: education, never a diagnosis.
DISCLAIMERS = CONTENT_DISCLAIMERS  # pack/locales.yaml
HREF_PREFIX = {"condition": "/v1/conditions/", "treatment": "/v1/treatments/"}


def href(kind: str, slug: str) -> str:
    return HREF_PREFIX[kind] + slug if kind in HREF_PREFIX else "/v1/care-pathway"


def _localised(locale: str) -> Select[ContentItem, ContentTranslation]:
    return select(ContentItem, ContentTranslation).join(
        ContentTranslation,
        and_(ContentTranslation.item_id == ContentItem.id, ContentTranslation.locale == locale),
    )


def _summary(item: ContentItem, text: ContentTranslation) -> dict[str, Any]:
    summary = {
        "slug": item.slug,
        "name": text.name,
        "summary": text.summary,
        "version": item.version,
        "reviewed_on": item.reviewed_on,
        "next_review_on": item.next_review_on,
        "href": href(item.kind, item.slug),
    }
    if item.kind == "condition":
        summary["codes"] = item.codes
    if item.kind == "treatment":
        summary |= {"family": item.family, "kind": item.therapy_kind, "care_step": item.care_step}
    return summary


def list_items(
    *,
    session: Session,
    kind: str,
    locale: str,
    page: int,
    page_size: int,
    family: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """One page of live items of a kind, by localised name; returns (page, total)."""
    query = _localised(locale).where(ContentItem.kind == kind, ContentItem.withdrawn_at.is_(None))
    if family:
        query = query.where(ContentItem.family == family)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(
        query.order_by(ContentTranslation.name, ContentItem.slug)
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return [_summary(item, text) for item, text in rows], total


def _get(
    session: Session, kind: str, slug: str, locale: str
) -> tuple[ContentItem, ContentTranslation]:
    row = session.execute(
        _localised(locale).where(ContentItem.kind == kind, ContentItem.slug == slug)
    ).first()
    if row is None:
        raise NotFoundProblem(f"There is no {kind.replace('_', ' ')} '{slug}'.")
    item, text = row
    if item.withdrawn_at is not None:
        raise GoneProblem(
            f"The {kind} '{slug}' was withdrawn on {item.withdrawn_at:%Y-%m-%d}.",
            withdrawn_at=item.withdrawn_at.isoformat(),
        )
    return item, text


def _citations_by_id(session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
    """Every citation named, in one query (never one per relation)."""
    if not ids:
        return {}
    return {
        c.id: {"id": c.id, "title": c.title, "source": c.source, "year": c.year, "url": c.url}
        for c in session.scalars(select(Citation).where(Citation.id.in_(ids))).all()
    }


def _citations(session: Session, ids: list[str]) -> list[dict[str, Any]]:
    by_id = _citations_by_id(session, set(ids))
    return [by_id[i] for i in ids if i in by_id]


def _adapted_from(session: Session, item: ContentItem) -> list[dict[str, Any]]:
    return _citations(session, item.structure.get("adapted_from", []))


def get_condition(*, session: Session, slug: str, locale: str) -> dict[str, Any]:
    item, text = _get(session, "condition", slug, locale)
    symptoms = session.execute(
        select(Symptom)
        .join(ConditionSymptom, ConditionSymptom.symptom_slug == Symptom.slug)
        .where(ConditionSymptom.condition_id == item.id)
        .order_by(ConditionSymptom.position)
    ).scalars()
    return _summary(item, text) | {
        "locale": locale,
        "sections": text.sections,
        "symptoms": [{"slug": s.slug, "name": s.names.get(locale, s.slug)} for s in symptoms],
        "risk_factors": text.extras.get("risk_factors", []),
        "treatments": _condition_treatments(session, item, text, locale),
        "citations": _citations(session, item.citation_ids),
        "adapted_from": _adapted_from(session, item),
        "disclaimer": DISCLAIMERS[locale],
    }


def list_condition_treatments(*, session: Session, slug: str, locale: str) -> list[dict[str, Any]]:
    item, text = _get(session, "condition", slug, locale)
    return _condition_treatments(session, item, text, locale)


def _condition_treatments(
    session: Session, condition: ContentItem, condition_text: ContentTranslation, locale: str
) -> list[dict[str, Any]]:
    rows = session.execute(
        _localised(locale)
        .add_columns(ConditionTreatment)
        .join(ConditionTreatment, ConditionTreatment.treatment_id == ContentItem.id)
        .where(ConditionTreatment.condition_id == condition.id, ContentItem.withdrawn_at.is_(None))
        .order_by(ConditionTreatment.position)
    ).all()
    rationale = condition_text.extras.get("treatment_rationale", {})
    citations = _citations_by_id(
        session, {c for *_, relation in rows for c in relation.citation_ids}
    )
    return [
        {
            "treatment": _summary(treatment, text),
            "care_step": relation.care_step,
            "rationale": rationale.get(treatment.slug, ""),
            "citations": [citations[c] for c in relation.citation_ids if c in citations],
        }
        for treatment, text, relation in rows
    ]


def get_treatment(*, session: Session, slug: str, locale: str) -> dict[str, Any]:
    item, text = _get(session, "treatment", slug, locale)
    conditions = session.execute(
        _localised(locale)
        .add_columns(ConditionTreatment.care_step)
        .join(ConditionTreatment, ConditionTreatment.condition_id == ContentItem.id)
        .where(ConditionTreatment.treatment_id == item.id, ContentItem.withdrawn_at.is_(None))
        .order_by(ContentTranslation.name)
    ).all()
    return _summary(item, text) | {
        "locale": locale,
        "sections": text.sections,
        "requires": item.requires,
        "conditions": [
            {
                "slug": condition.slug,
                "name": condition_text.name,
                "care_step": care_step,
                "href": href("condition", condition.slug),
            }
            for condition, condition_text, care_step in conditions
        ],
        "citations": _citations(session, item.citation_ids),
        "adapted_from": _adapted_from(session, item),
        "disclaimer": DISCLAIMERS[locale],
    }


def get_care_pathway(*, session: Session, locale: str) -> dict[str, Any]:
    item, text = _get(session, "care_pathway", "care-pathway", locale)
    step_slugs = {s for step in item.structure["steps"] for s in step["treatments"]}
    treatments = {
        treatment.slug: _summary(treatment, treatment_text)
        for treatment, treatment_text in session.execute(
            _localised(locale).where(
                ContentItem.kind == "treatment",
                ContentItem.slug.in_(step_slugs),
                ContentItem.withdrawn_at.is_(None),
            )
        ).all()
    }
    citations = _citations_by_id(
        session, {c for step in item.structure["steps"] for c in step["citations"]}
    )
    steps = [
        {
            "key": step["key"],
            "order": order,
            "name": text.extras["steps"][step["key"]]["name"],
            "description": text.extras["steps"][step["key"]]["description"],
            "treatments": [treatments[s] for s in step["treatments"] if s in treatments],
            "citations": [citations[c] for c in step["citations"] if c in citations],
        }
        for order, step in enumerate(item.structure["steps"], start=1)
    ]
    return {
        "locale": locale,
        "title": text.name,
        "summary": text.summary,
        "body": text.sections["body"],
        "when_to_see_a_doctor": text.sections["when_to_see_a_doctor"],
        "conservative_care_weeks": item.structure["conservative_care_weeks"],
        "steps": steps,
        "urgent_signs": [
            sign | {"text": text.extras["urgent_signs"][sign["key"]]}
            for sign in item.structure["urgent_signs"]
        ],
        "citations": _citations(session, item.citation_ids),
        "adapted_from": _adapted_from(session, item),
        "version": item.version,
        "reviewed_on": item.reviewed_on,
        "next_review_on": item.next_review_on,
        "disclaimer": DISCLAIMERS[locale],
    }


def search(
    *, session: Session, q: str, locale: str, page: int, page_size: int, kind: str | None = None
) -> tuple[list[dict[str, Any]], int]:
    """Full-text search in the locale's language (stemmed), best match first."""
    config = literal(TEXT_SEARCH_CONFIGS[locale]).cast(REGCONFIG)
    query = func.websearch_to_tsquery(config, q)
    rank = func.ts_rank_cd(ContentTranslation.search_vector, query).label("rank")
    matches = (
        _localised(locale)
        .add_columns(rank)
        .where(ContentItem.withdrawn_at.is_(None), ContentTranslation.search_vector.op("@@")(query))
    )
    if kind:
        matches = matches.where(ContentItem.kind == kind)
    total = session.execute(select(func.count()).select_from(matches.subquery())).scalar_one()
    rows = session.execute(
        matches.order_by(rank.desc(), ContentItem.kind, ContentItem.slug)
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    results = []
    for item, text, score in rows:
        # Headlines are costly, so only for the page being returned.
        document = "\n\n".join(
            [text.name, text.summary, searchable_body(text.sections, text.extras)]
        )
        snippet = session.scalar(
            select(
                func.ts_headline(
                    config,
                    document,
                    query,
                    "StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2",
                )
            )
        )
        results.append(
            {
                "kind": item.kind,
                "slug": item.slug,
                "name": text.name,
                "summary": text.summary,
                "snippet": snippet,
                "rank": round(float(score), 6),
                "href": href(item.kind, item.slug),
            }
        )
    return results, total


def encode_cursor(change_seq: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"seq": change_seq}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        seq = json.loads(base64.urlsafe_b64decode(padded.encode()))["seq"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise InvalidParameterProblem(
            "since", "not a timestamp or a cursor from this API"
        ) from None
    if not isinstance(seq, int) or seq < 0:
        raise InvalidParameterProblem("since", "not a timestamp or a cursor from this API")
    return seq


def _parse_since(since: str | None) -> tuple[int | None, dt.datetime | None]:
    if not since:
        return 0, None
    try:
        moment = dt.datetime.fromisoformat(since)  # 3.11+ reads a trailing Z
    except ValueError:
        return decode_cursor(since), None
    if moment.tzinfo is None:
        raise InvalidParameterProblem("since", "a timestamp needs a time zone (e.g. `Z`)")
    return None, moment


def list_changes(*, session: Session, since: str | None, limit: int) -> dict[str, Any]:
    """Items upserted or withdrawn after `since`, oldest change first, for offline sync."""
    after_seq, after_time = _parse_since(since)
    query = select(ContentItem).order_by(ContentItem.change_seq).limit(limit + 1)
    if after_seq is not None:
        query = query.where(ContentItem.change_seq > after_seq)
    else:
        query = query.where(ContentItem.changed_at > after_time)
    items = session.scalars(query).all()
    page = items[:limit]
    if page:
        next_cursor = encode_cursor(page[-1].change_seq)
    elif after_seq is not None:
        next_cursor = encode_cursor(after_seq)
    else:
        # Nothing after that moment: the cursor stands at the latest change there is.
        next_cursor = encode_cursor(session.scalar(select(func.max(ContentItem.change_seq))) or 0)
    return {
        "changes": [
            {
                "kind": item.kind,
                "slug": item.slug,
                "change": "withdrawn" if item.withdrawn_at else "upserted",
                "version": item.version,
                "changed_at": item.changed_at,
                "href": href(item.kind, item.slug),
            }
            for item in page
        ],
        "next_cursor": next_cursor,
        "has_more": len(items) > limit,
    }
