"""Partners have a country: results name that country's emergency number.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 18:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "partners", sa.Column("country", sa.String(length=2), server_default="US", nullable=False)
    )


def downgrade() -> None:
    op.drop_column("partners", "country")
