"""Physician locator: providers and practice locations, GiST index on point(lon, lat).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:57:03.817375
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "locator_providers",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=True),
        sa.Column("npi", sa.String(length=10), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("credentials", sa.String(length=80), nullable=True),
        sa.Column("gender", sa.String(length=16), nullable=True),
        sa.Column("languages", postgresql.ARRAY(sa.String(length=8)), nullable=False),
        sa.Column("bio", sa.Text(), nullable=True),
        sa.Column("specialties", postgresql.ARRAY(sa.String(length=10)), nullable=False),
        sa.Column("therapies", postgresql.ARRAY(sa.String(length=80)), nullable=False),
        sa.Column("accepting_new_patients", sa.Boolean(), nullable=False),
        sa.Column("telehealth", sa.Boolean(), nullable=False),
        sa.Column("record_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "gender IN ('female', 'male', 'nonbinary')",
            name=op.f("ck_locator_providers_gender_known"),
        ),
        sa.CheckConstraint("npi ~ '^[0-9]{10}$'", name=op.f("ck_locator_providers_npi_digits")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locator_providers")),
        sa.UniqueConstraint(
            "source", "external_id", name=op.f("uq_locator_providers_source_external_id")
        ),
        sa.UniqueConstraint("source", "npi", name=op.f("uq_locator_providers_source_npi")),
    )
    op.create_table(
        "locator_locations",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("provider_id", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("address_line1", sa.String(length=200), nullable=True),
        sa.Column("address_line2", sa.String(length=200), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("state", sa.String(length=2), nullable=True),
        sa.Column("zip_code", sa.String(length=5), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("geo_precision", sa.String(length=16), nullable=False),
        sa.Column("specialties", postgresql.ARRAY(sa.String(length=10)), nullable=False),
        sa.Column("therapies", postgresql.ARRAY(sa.String(length=80)), nullable=False),
        sa.Column("languages", postgresql.ARRAY(sa.String(length=8)), nullable=False),
        sa.Column("accepting_new_patients", sa.Boolean(), nullable=False),
        sa.Column("telehealth", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "geo_precision IN ('exact', 'zip_centroid')",
            name=op.f("ck_locator_locations_geo_precision_known"),
        ),
        sa.CheckConstraint(
            "lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180",
            name=op.f("ck_locator_locations_coordinates"),
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["locator_providers.id"],
            name=op.f("fk_locator_locations_provider_id_locator_providers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locator_locations")),
    )
    # Expression index: radius search finds candidates with point(lon, lat) <@ box(...).
    op.create_index(
        "ix_locator_locations_point",
        "locator_locations",
        [sa.literal_column("point(lon, lat)")],
        unique=False,
        postgresql_using="gist",
    )
    op.create_index(
        "ix_locator_locations_provider_id", "locator_locations", ["provider_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_locator_locations_provider_id", table_name="locator_locations")
    op.drop_index(
        "ix_locator_locations_point", table_name="locator_locations", postgresql_using="gist"
    )
    op.drop_table("locator_locations")
    op.drop_table("locator_providers")
