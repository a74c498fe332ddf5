"""Condition content: items, translations with full-text vectors, relations, citations.

Revision ID: 0001
Revises:
Create Date: 2026-11-26 10:36:49.771968
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Numbers every upsert and withdrawal for the changes feed (autogenerate does not see it).
    op.execute(sa.schema.CreateSequence(sa.Sequence("content_change_seq")))
    op.create_table(
        "content_citations",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_citations")),
    )
    op.create_table(
        "content_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("family", sa.String(length=20), nullable=True),
        sa.Column("therapy_kind", sa.String(length=20), nullable=True),
        sa.Column("care_step", sa.String(length=40), nullable=True),
        sa.Column("codes", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("requires", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("structure", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("citation_ids", postgresql.ARRAY(sa.String(length=80)), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("next_review_on", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('condition', 'treatment', 'care_pathway')",
            name=op.f("ck_content_items_kind_known"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_items")),
        sa.UniqueConstraint("kind", "slug", name=op.f("uq_content_items_kind_slug")),
    )
    op.create_index("ix_content_items_change_seq", "content_items", ["change_seq"], unique=False)
    op.create_table(
        "content_symptoms",
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("names", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_content_symptoms")),
    )
    op.create_table(
        "content_condition_symptoms",
        sa.Column("condition_id", sa.Integer(), nullable=False),
        sa.Column("symptom_slug", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["condition_id"],
            ["content_items.id"],
            name=op.f("fk_content_condition_symptoms_condition_id_content_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["symptom_slug"],
            ["content_symptoms.slug"],
            name=op.f("fk_content_condition_symptoms_symptom_slug_content_symptoms"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "condition_id", "symptom_slug", name=op.f("pk_content_condition_symptoms")
        ),
    )
    op.create_table(
        "content_condition_treatments",
        sa.Column("condition_id", sa.Integer(), nullable=False),
        sa.Column("treatment_id", sa.Integer(), nullable=False),
        sa.Column("care_step", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("citation_ids", postgresql.ARRAY(sa.String(length=80)), nullable=False),
        sa.ForeignKeyConstraint(
            ["condition_id"],
            ["content_items.id"],
            name=op.f("fk_content_condition_treatments_condition_id_content_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["treatment_id"],
            ["content_items.id"],
            name=op.f("fk_content_condition_treatments_treatment_id_content_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "condition_id", "treatment_id", name=op.f("pk_content_condition_treatments")
        ),
    )
    op.create_table(
        "content_translations",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("sections", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("extras", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("search_vector", postgresql.TSVECTOR(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["content_items.id"],
            name=op.f("fk_content_translations_item_id_content_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "locale", name=op.f("pk_content_translations")),
    )
    op.create_index(
        "ix_content_translations_search_vector",
        "content_translations",
        ["search_vector"],
        unique=False,
        postgresql_using="gin",
    )


def downgrade() -> None:
    op.drop_index(
        "ix_content_translations_search_vector",
        table_name="content_translations",
        postgresql_using="gin",
    )
    op.drop_table("content_translations")
    op.drop_table("content_condition_treatments")
    op.drop_table("content_condition_symptoms")
    op.drop_table("content_symptoms")
    op.drop_index("ix_content_items_change_seq", table_name="content_items")
    op.drop_table("content_items")
    op.drop_table("content_citations")
    op.execute(sa.schema.DropSequence(sa.Sequence("content_change_seq")))
