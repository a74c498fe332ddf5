"""Per revision, the oldest code that runs on its schema, so a rolling release's older pods
stay ready once the migration Job has run (service/schema_versions.py).

This migration only adds a table that code at 0010 never reads, so 0010's code runs on it: it
is the first to say so. (Pods at 0010 do not read declarations yet; from the release after this
one, older pods do.)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 22:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from service.schema_versions import declare_serves_code_from

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "schema_compatibility",
        sa.Column("revision", sa.String(length=32), nullable=False),
        sa.Column("serves_code_from", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("revision", name=op.f("pk_schema_compatibility")),
    )
    declare_serves_code_from(op, revision, code_head=down_revision)


def downgrade() -> None:
    op.drop_table("schema_compatibility")
