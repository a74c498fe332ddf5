"""Locations may be placed at their city's centroid (a live ZIP the dataset has no centroid for).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 10:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLE = "locator_locations"
# The naming convention (ck_%(table_name)s_%(constraint_name)s) completes the short name.
CONSTRAINT = "geo_precision_known"


def upgrade() -> None:
    op.drop_constraint(CONSTRAINT, TABLE, type_="check")
    op.create_check_constraint(
        "geo_precision_known", TABLE, "geo_precision IN ('exact', 'zip_centroid', 'city_centroid')"
    )


def downgrade() -> None:
    op.execute(  # TABLE is this module's constant, not input
        f"UPDATE {TABLE} SET geo_precision = 'zip_centroid' WHERE geo_precision = 'city_centroid'"  # noqa: S608
    )
    op.drop_constraint(CONSTRAINT, TABLE, type_="check")
    op.create_check_constraint(
        "geo_precision_known", TABLE, "geo_precision IN ('exact', 'zip_centroid')"
    )
