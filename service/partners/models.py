"""Partners, their API keys (hashed secrets only), daily usage counters and the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.db import Base

SCOPES = (
    "content:read",
    "assessment:write",
    "assessment:read",
    "locator:read",
    "locator:write",
    "admin",
)
# A publishable key lives in a web page, so anyone can read it: it may only do what a patient
# using the partner's portal does (read content, take an assessment, find a physician).
PUBLISHABLE_SCOPES = ("content:read", "assessment:write", "assessment:read", "locator:read")
KEY_KINDS = ("secret", "publishable")


class Partner(Base):
    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    # Browser origins allowed by CORS, exact strings such as "https://portal.example.org".
    allowed_origins: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    rate_limit_per_minute: Mapped[int] = mapped_column(Integer, default=600)
    daily_quota: Mapped[int] = mapped_column(Integer, default=100_000)
    # ISO 3166-1 alpha-2: the emergency number patients are told to call follows it.
    country: Mapped[str] = mapped_column(String(2), default="US", server_default="US")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    keys: Mapped[list[ApiKey]] = relationship(back_populates="partner")


class ApiKey(Base):
    """A key is `sck_<prefix>_<secret>` (secret) or `pk_<prefix>_<secret>` (publishable, for
    browsers): the prefix is public (logs, support), the secret is hashed."""

    __tablename__ = "partner_api_keys"
    __table_args__ = (
        CheckConstraint("kind IN ('secret', 'publishable')", name="kind"),
        # The scope limit of a publishable key holds in the database too, whoever writes it.
        CheckConstraint(
            "kind <> 'publishable' OR scopes <@ ARRAY["
            + ", ".join(f"'{scope}'" for scope in PUBLISHABLE_SCOPES)
            + "]::varchar(32)[]",
            name="publishable_scopes",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), index=True
    )
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    # SHA-256 of the secret: secrets are 256 random bits, so a slow hash would add nothing.
    secret_hash: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    # "secret" (server-side only) or "publishable" (browsers, from the partner's origins only).
    kind: Mapped[str] = mapped_column(String(16), default="secret", server_default="secret")
    label: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    rotated_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner_api_keys.id", ondelete="SET NULL")
    )

    partner: Mapped[Partner] = relationship(back_populates="keys", lazy="joined")


class UsageDaily(Base):
    """Requests per partner, day and operation; incremented in batches, never a row per request."""

    __tablename__ = "partner_usage_daily"

    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    operation: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_count: Mapped[int] = mapped_column(BigInteger, default=0)


class AuditEvent(Base):
    """Who did what, when, and how it ended: admin actions and imports."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), index=True
    )
    actor: Mapped[str] = mapped_column(Text)  # "key:<prefix>" or "cli:<os user>"
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(16))  # success | failure
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
