"""Fixtures of the partners tests: publishable keys bound to registered origins."""

from __future__ import annotations

import uuid

import pytest

from service.partners.models import PUBLISHABLE_SCOPES
from service.partners.service import create_partner, issue_key

PORTAL = "https://portal.acme.example"


@pytest.fixture
def publishable_key(db_session):
    """Make a partner with `origins` and a publishable key with `scopes`; returns its token."""

    def issue(*scopes: str, origins: tuple[str, ...] = (PORTAL,), **partner_options) -> str:
        partner = create_partner(
            session=db_session,
            slug=f"test-{uuid.uuid4().hex[:10]}",
            name="Test portal",
            allowed_origins=list(origins),
            **partner_options,
        )
        return issue_key(
            session=db_session,
            partner=partner,
            kind="publishable",
            scopes=list(scopes or PUBLISHABLE_SCOPES),
        ).token

    return issue
