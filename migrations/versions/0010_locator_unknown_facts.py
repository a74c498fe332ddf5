"""A physician's `accepting_new_patients` and `telehealth` may be unknown (NULL).

NPPES says neither, and a partner may not say: stored as false they were shown to patients as
"not accepting new patients". Search filters match known values only (`IS true` / `IS false`).
The NPPES loader's rows (source `nppes`) never knew either fact: they become NULL here (a
re-load would not rewrite them, their record hashes are unchanged). A partner's rows keep their
values: which of them were the import's old defaults (true, false) cannot be told now; a
re-import of a record that leaves the fields out stores NULL (its record hash changes).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 12:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("locator_providers", "locator_locations")
COLUMNS = ("accepting_new_patients", "telehealth")


def upgrade() -> None:
    for table in TABLES:
        for column in COLUMNS:
            op.alter_column(table, column, existing_type=sa.Boolean(), nullable=True)
    op.execute(
        "UPDATE locator_providers SET accepting_new_patients = NULL, telehealth = NULL"
        " WHERE source = 'nppes'"
    )
    op.execute(
        "UPDATE locator_locations AS l SET accepting_new_patients = NULL, telehealth = NULL"
        " FROM locator_providers AS p WHERE p.id = l.provider_id AND p.source = 'nppes'"
    )


def downgrade() -> None:
    # The old schema cannot say "unknown": an unknown becomes false (not accepting, no
    # telehealth), which is what the NPPES loader wrote before this revision.
    for table in TABLES:
        for column in COLUMNS:
            # the names are this module's constants, not input
            op.execute(f"UPDATE {table} SET {column} = false WHERE {column} IS NULL")  # noqa: S608
            op.alter_column(table, column, existing_type=sa.Boolean(), nullable=False)
