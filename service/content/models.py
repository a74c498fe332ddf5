"""Content tables: items (conditions, treatments, the care pathway), their translations, relations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Sequence,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.db import Base

ITEM_KINDS = ("condition", "treatment", "care_pathway")

# Every upsert or withdrawal takes the next value: the changes feed pages by it, so two changes
# in the same millisecond can never be skipped or repeated.
content_change_seq = Sequence("content_change_seq", metadata=Base.metadata)


class Citation(Base):
    __tablename__ = "content_citations"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str | None] = mapped_column(Text)


class Symptom(Base):
    __tablename__ = "content_symptoms"

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    # locale -> display name
    names: Mapped[dict[str, str]] = mapped_column(JSONB)


class ContentItem(Base):
    """One condition, treatment or the care pathway, with the facts that do not depend on language."""

    __tablename__ = "content_items"
    __table_args__ = (
        UniqueConstraint("kind", "slug"),
        CheckConstraint("kind IN ('condition', 'treatment', 'care_pathway')", name="kind_known"),
        Index("ix_content_items_change_seq", "change_seq"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    slug: Mapped[str] = mapped_column(String(80))

    # treatments only
    family: Mapped[str | None] = mapped_column(String(20))
    therapy_kind: Mapped[str | None] = mapped_column(String(20))
    care_step: Mapped[str | None] = mapped_column(String(40))

    # conditions: [{system, code, display}]; treatments: prerequisite slugs; pathway: steps etc.
    codes: Mapped[list[dict[str, str]]] = mapped_column(JSONB, default=list)
    requires: Mapped[list[str]] = mapped_column(JSONB, default=list)
    structure: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    citation_ids: Mapped[list[str]] = mapped_column(ARRAY(String(80)), default=list)

    # review and versioning
    reviewed_on: Mapped[dt.date] = mapped_column(Date)
    next_review_on: Mapped[dt.date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    content_hash: Mapped[str] = mapped_column(String(64))
    change_seq: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    translations: Mapped[list[ContentTranslation]] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )


class ContentTranslation(Base):
    """The text of one item in one locale, with its full-text search vector."""

    __tablename__ = "content_translations"
    __table_args__ = (
        Index("ix_content_translations_search_vector", "search_vector", postgresql_using="gin"),
    )

    item_id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    # section key -> Markdown
    sections: Mapped[dict[str, str]] = mapped_column(JSONB)
    # risk_factors, treatment_rationale, care-pathway step texts, …
    extras: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    search_vector: Mapped[str] = mapped_column(TSVECTOR)

    item: Mapped[ContentItem] = relationship(back_populates="translations")


class ConditionTreatment(Base):
    """Why and at which care step a treatment fits a condition (the text lives in translations)."""

    __tablename__ = "content_condition_treatments"

    condition_id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE"), primary_key=True
    )
    treatment_id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE"), primary_key=True
    )
    care_step: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer)
    citation_ids: Mapped[list[str]] = mapped_column(ARRAY(String(80)), default=list)


class ConditionSymptom(Base):
    __tablename__ = "content_condition_symptoms"

    condition_id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE"), primary_key=True
    )
    symptom_slug: Mapped[str] = mapped_column(
        ForeignKey("content_symptoms.slug", ondelete="RESTRICT"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer)
