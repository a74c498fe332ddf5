"""Liveness (/healthz, no database) and readiness (/readyz, database and migrations)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import marshmallow as ma
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from service.api import Blueprint, Resource
from service.db import get_db
from service.errors import problem_response

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

blp = Blueprint("health", __name__, description="Liveness and readiness probes for orchestrators.")


class HealthSchema(ma.Schema):
    status = ma.fields.String(required=True, metadata={"example": "ok"})


class ReadinessSchema(ma.Schema):
    status = ma.fields.String(required=True)
    checks = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(), required=True)


@lru_cache(maxsize=1)
def migration_heads() -> frozenset[str]:
    return frozenset(ScriptDirectory(str(MIGRATIONS_DIR)).get_heads())


def readiness_checks() -> dict[str, str]:
    """Each check's outcome; the service is ready when all are "ok"."""
    database = get_db()
    checks = _database_checks(database.engine)
    if database.replica_engine is not None:
        checks["replica"] = _database_checks(database.replica_engine)["database"]
    return checks


def _database_checks(engine) -> dict[str, str]:
    try:
        # A short-lived connection, not the request session: a probe must not hold a transaction.
        with engine.connect() as connection:
            try:
                current = set(
                    connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
                )
            except ProgrammingError:  # no alembic_version table: never migrated
                current = set()
    except DBAPIError:
        return {"database": "unreachable", "migrations": "unknown"}
    return {
        "database": "ok",
        "migrations": "ok" if current == set(migration_heads()) else "not_at_head",
    }


@blp.route("/healthz")
class Liveness(Resource):
    @blp.doc(operationId="getLiveness", security=[])
    @blp.response(200, HealthSchema, example={"status": "ok"})
    def get(self):
        """Report that the process is up (never touches the database).

        For liveness probes: 200 while the process can answer, whatever PostgreSQL does.
        """
        return {"status": "ok"}


@blp.route("/readyz")
class Readiness(Resource):
    @blp.doc(operationId="getReadiness", security=[])
    @blp.response(
        200,
        ReadinessSchema,
        example={"status": "ready", "checks": {"database": "ok", "migrations": "ok"}},
    )
    @blp.alt_response(503, response="SERVICE_UNAVAILABLE")
    def get(self):
        """Report whether the database answers and its schema is at the latest migration.

        For readiness probes and load balancers: 503 `not_ready` with `checks` until the
        database (and the replica, when configured) answers and is migrated to head.
        """
        checks = readiness_checks()
        if any(outcome != "ok" for outcome in checks.values()):
            return problem_response(
                503,
                code="not_ready",
                detail="The service is not ready to take traffic.",
                headers={"Retry-After": "5"},
                checks=checks,
            )
        return {"status": "ready", "checks": checks}
