"""Assessment sessions: answers only, no identity; each expires and is purged."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base


class AssessmentSession(Base):
    """One person's answers while they fill in the questionnaire (nothing identifies them)."""

    __tablename__ = "assessment_sessions"
    __table_args__ = (Index("ix_assessment_sessions_expires_at", "expires_at"),)

    # Random ids: a session's id is its only credential, so it must not be guessable.
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    # The partner whose app started it: no other partner can read or change it.
    partner_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("partners.id", ondelete="CASCADE"), index=True
    )
    questionnaire_version: Mapped[str] = mapped_column(String(20))
    # question id -> answer, only those enabled by the other answers
    answers: Mapped[dict[str, Any]] = mapped_column(JSONB)

    # Lifetime: renewed on every change of answers
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
