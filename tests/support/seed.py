"""A database for generated requests (the contract test, `make hostile-run`): migrated, with the
content pack, 200 demo physicians and one partner whose limits a run never reaches."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from service.content.loader import sync_pack
from service.content.pack import read_pack
from service.locator.demo import load_demo
from service.partners.service import create_partner, issue_key
from tests.conftest import alembic_config


def seed_generated_requests_database(url: str, *, slug: str, name: str) -> str:
    """Migrate and fill the database at `url`; the partner's admin key."""
    command.upgrade(alembic_config(url), "head")
    engine = create_engine(url)
    with Session(engine) as session, session.begin():
        sync_pack(session=session, pack=read_pack())
        load_demo(session=session, count=200)
        partner = create_partner(
            session=session,
            slug=slug,
            name=name,
            rate_limit_per_minute=10_000_000,
            daily_quota=1_000_000_000,
        )
        token = issue_key(session=session, partner=partner, scopes=["admin"]).token
    engine.dispose()
    return token
