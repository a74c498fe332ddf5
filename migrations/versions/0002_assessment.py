"""Assessment sessions: anonymous answers with an expiry (purged by `flask assessment purge`).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 10:49:37.715581
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_sessions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("questionnaire_version", sa.String(length=20), nullable=False),
        sa.Column("answers", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_sessions")),
    )
    op.create_index(
        "ix_assessment_sessions_expires_at", "assessment_sessions", ["expires_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_assessment_sessions_expires_at", table_name="assessment_sessions")
    op.drop_table("assessment_sessions")
