"""Which database schemas this code can serve: its own migration head, or a newer schema whose
migration declared that code of this head (or older) still runs on it.

Why: in a rolling release the migration Job runs first, so pods of the previous release meet a
schema newer than their own head. They cannot read the newer migration files (they do not have
them), so each migration that leaves the previous release's code working (it adds a table, a
nullable column or an index; it drops and renames nothing that code reads) records that fact in
the database itself: `schema_compatibility` holds, per revision, the oldest code head that still
runs on it. Readiness (service/health.py) then keeps those older pods in service until the
rollout replaces them. A migration that records nothing is taken as incompatible: the older pods
go unready as soon as it has run, which is the safe default (release such a change as expand,
then contract, each with its own declaration).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from alembic.operations import Operations
from alembic.script import ScriptDirectory
from sqlalchemy import String, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

AT_HEAD = "ok"
NEWER_AND_COMPATIBLE = "newer_compatible"  # ready too: see the module docstring
NOT_AT_HEAD = "not_at_head"
SERVABLE = frozenset({AT_HEAD, NEWER_AND_COMPATIBLE})


class SchemaCompatibility(Base):
    """Per migration revision, the oldest code (by its migration head) that runs on its schema."""

    __tablename__ = "schema_compatibility"

    revision: Mapped[str] = mapped_column(String(32), primary_key=True)
    serves_code_from: Mapped[str] = mapped_column(String(32), nullable=False)


def declare_serves_code_from(op: Operations, revision: str, code_head: str) -> None:
    """In a migration's upgrade(): code whose head is `code_head` (or newer) runs on this schema."""
    op.execute(sa.insert(SchemaCompatibility).values(revision=revision, serves_code_from=code_head))


def forget_declaration(op: Operations, revision: str) -> None:
    """In the same migration's downgrade()."""
    op.execute(sa.delete(SchemaCompatibility).where(SchemaCompatibility.revision == revision))


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS_DIR))


@lru_cache(maxsize=1)
def migration_heads() -> frozenset[str]:
    return frozenset(_script().get_heads())


@lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    """Every revision this code has, its heads and all they descend from."""
    return frozenset(revision.revision for revision in _script().walk_revisions())


def schema_state(connection: Connection, current: set[str]) -> str:
    """AT_HEAD, NEWER_AND_COMPATIBLE or NOT_AT_HEAD for the database's `current` revisions."""
    if current == migration_heads():
        return AT_HEAD
    # Behind (a revision this code has that is not its head), never migrated, or several heads:
    # this code needs its own schema first.
    if len(current) != 1 or current <= known_revisions():
        return NOT_AT_HEAD
    (revision,) = current
    try:
        serves_code_from = connection.execute(
            select(SchemaCompatibility.serves_code_from).where(
                SchemaCompatibility.revision == revision
            )
        ).scalar()
    except ProgrammingError:  # no such table: a schema from before declarations
        connection.rollback()
        return NOT_AT_HEAD
    # The code it serves must be this code's head or older: a revision this code has.
    return NEWER_AND_COMPATIBLE if serves_code_from in known_revisions() else NOT_AT_HEAD
