"""Publishable keys: a key has a kind, `secret` (server-side) or `publishable` (browsers).

A publishable key works only from its partner's registered origins (`partners.allowed_origins`,
already there) and only with the read and assessment scopes; both kinds are checked here too.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

PUBLISHABLE_SCOPES = ("content:read", "assessment:write", "assessment:read", "locator:read")


def upgrade() -> None:
    op.add_column(
        "partner_api_keys",
        sa.Column("kind", sa.String(length=16), server_default="secret", nullable=False),
    )
    op.create_check_constraint(
        op.f("ck_partner_api_keys_kind"), "partner_api_keys", "kind IN ('secret', 'publishable')"
    )
    scopes = ", ".join(f"'{scope}'" for scope in PUBLISHABLE_SCOPES)
    op.create_check_constraint(
        op.f("ck_partner_api_keys_publishable_scopes"),
        "partner_api_keys",
        f"kind <> 'publishable' OR scopes <@ ARRAY[{scopes}]::varchar(32)[]",
    )


def downgrade() -> None:
    # Publishable keys cannot become secret ones: they are removed with the column's meaning.
    op.execute("DELETE FROM partner_api_keys WHERE kind = 'publishable'")
    op.drop_constraint(
        op.f("ck_partner_api_keys_publishable_scopes"), "partner_api_keys", type_="check"
    )
    op.drop_constraint(op.f("ck_partner_api_keys_kind"), "partner_api_keys", type_="check")
    op.drop_column("partner_api_keys", "kind")
