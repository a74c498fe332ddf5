"""Locator tables: providers (one per partner record) and their practice locations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.db import Base

GEO_PRECISIONS = ("exact", "zip_centroid", "city_centroid")
GENDERS = ("female", "male", "nonbinary")
# merge: upsert the file's records; sync: also deactivate the source's records not in the file.
IMPORT_MODES = ("merge", "sync")
# The expression the GiST index is built on; search must use exactly this to hit it.
LOCATION_POINT_SQL = "point(lon, lat)"
# Provider facts that search filters on, copied onto each location: the radius query then reads
# one table (measured at 1M providers: the join to providers was most of a filtered search).
# `active`: a deactivated physician's locations are not searched (the point index omits them).
SEARCH_COLUMNS = (
    "specialties",
    "therapies",
    "languages",
    "accepting_new_patients",
    "telehealth",
    "active",
)


class Provider(Base):
    """A clinician as one partner lists them; `source` is the partner's external-id namespace."""

    __tablename__ = "locator_providers"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        UniqueConstraint("source", "npi"),
        CheckConstraint("npi ~ '^[0-9]{10}$'", name="npi_digits"),
        CheckConstraint("gender IN ('female', 'male', 'nonbinary')", name="gender_known"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)

    # identity
    source: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str | None] = mapped_column(String(128))
    npi: Mapped[str | None] = mapped_column(String(10))

    # who they are
    name: Mapped[str] = mapped_column(String(200))
    credentials: Mapped[str | None] = mapped_column(String(80))
    gender: Mapped[str | None] = mapped_column(String(16))
    languages: Mapped[list[str]] = mapped_column(ARRAY(String(8)), default=list)
    bio: Mapped[str | None] = mapped_column(Text)

    # what they offer: NUCC taxonomy codes and content-pack treatment slugs
    specialties: Mapped[list[str]] = mapped_column(ARRAY(String(10)), default=list)
    therapies: Mapped[list[str]] = mapped_column(ARRAY(String(80)), default=list)
    # None: not known (NPPES does not say; a partner's record may not): never shown as false
    accepting_new_patients: Mapped[bool | None] = mapped_column(Boolean)
    telehealth: Mapped[bool | None] = mapped_column(Boolean)

    # listed until the partner deactivates them (soft delete: DELETE, or a sync import without them)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    deactivated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    # import bookkeeping: the hash of the normalised record decides updated vs unchanged
    record_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    locations: Mapped[list[Location]] = relationship(
        back_populates="provider",
        cascade="all, delete-orphan",
        order_by="Location.position",
    )

    def copy_search_columns(self) -> None:
        """Copy the filterable facts onto every location; call after changing either."""
        for location in self.locations:
            for name in SEARCH_COLUMNS:
                setattr(location, name, getattr(self, name))


class Location(Base):
    """A practice location; lat/lon are the partner's, or the ZIP centroid when they gave none."""

    __tablename__ = "locator_locations"
    __table_args__ = (
        CheckConstraint("lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180", name="coordinates"),
        CheckConstraint(
            "geo_precision IN ('exact', 'zip_centroid', 'city_centroid')",
            name="geo_precision_known",
        ),
        # Candidates for a radius come from this index (core PostgreSQL: point <@ box).
        Index(
            "ix_locator_locations_point",
            text(LOCATION_POINT_SQL),
            postgresql_using="gist",
            postgresql_where=text("active"),
        ),
        Index("ix_locator_locations_provider_id", "provider_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("locator_providers.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str | None] = mapped_column(String(200))
    address_line1: Mapped[str | None] = mapped_column(String(200))
    address_line2: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str | None] = mapped_column(String(2))
    zip_code: Mapped[str | None] = mapped_column(String(5))
    phone: Mapped[str | None] = mapped_column(String(32))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    geo_precision: Mapped[str] = mapped_column(String(16))

    # copies of the provider's SEARCH_COLUMNS (Provider.copy_search_columns keeps them equal)
    specialties: Mapped[list[str]] = mapped_column(ARRAY(String(10)), default=list)
    therapies: Mapped[list[str]] = mapped_column(ARRAY(String(80)), default=list)
    languages: Mapped[list[str]] = mapped_column(ARRAY(String(8)), default=list)
    accepting_new_patients: Mapped[bool | None] = mapped_column(Boolean)
    telehealth: Mapped[bool | None] = mapped_column(Boolean)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    provider: Mapped[Provider] = relationship(back_populates="locations")
