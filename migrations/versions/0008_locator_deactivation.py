"""Physicians can be deactivated (soft delete): `active` on providers and their locations.

The point index covers active locations only: search never reads a departed physician's.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("locator_providers", "locator_locations"):
        op.add_column(
            table, sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    op.add_column(
        "locator_providers", sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.drop_index("ix_locator_locations_point", table_name="locator_locations")
    op.create_index(
        "ix_locator_locations_point",
        "locator_locations",
        [sa.literal_column("point(lon, lat)")],
        postgresql_using="gist",
        postgresql_where=sa.text("active"),
    )


def downgrade() -> None:
    op.drop_index("ix_locator_locations_point", table_name="locator_locations")
    op.execute("DELETE FROM locator_providers WHERE NOT active")
    op.create_index(
        "ix_locator_locations_point",
        "locator_locations",
        [sa.literal_column("point(lon, lat)")],
        postgresql_using="gist",
    )
    op.drop_column("locator_providers", "deactivated_at")
    for table in ("locator_locations", "locator_providers"):
        op.drop_column(table, "active")
