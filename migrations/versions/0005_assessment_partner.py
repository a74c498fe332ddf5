"""Assessment sessions belong to the partner that started them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 11:02:31.917694
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("assessment_sessions", sa.Column("partner_id", sa.Integer(), nullable=True))
    op.create_index(
        op.f("ix_assessment_sessions_partner_id"),
        "assessment_sessions",
        ["partner_id"],
        unique=False,
    )
    op.create_foreign_key(
        op.f("fk_assessment_sessions_partner_id_partners"),
        "assessment_sessions",
        "partners",
        ["partner_id"],
        ["id"],
        ondelete="CASCADE",
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("fk_assessment_sessions_partner_id_partners"),
        "assessment_sessions",
        type_="foreignkey",
    )
    op.drop_index(op.f("ix_assessment_sessions_partner_id"), table_name="assessment_sessions")
    op.drop_column("assessment_sessions", "partner_id")
