"""Liveness (/healthz, no database) and readiness (/readyz, database and migrations)."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import Response
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, ProgrammingError

from service import schema_versions
from service.api import Blueprint, Resource
from service.db import get_db
from service.errors import problem_response

blp = Blueprint("health", __name__, description="Liveness and readiness probes for orchestrators.")


class HealthSchema(ma.Schema):
    status = ma.fields.String(required=True, metadata={"example": "ok"})


class ReadinessSchema(ma.Schema):
    status = ma.fields.String(required=True)
    checks = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(), required=True)


def readiness_checks() -> dict[str, str]:
    """Each check's outcome; the service is ready when all are "ok" (or, for migrations,
    "newer_compatible": see service/schema_versions.py)."""
    database = get_db()
    checks = _database_checks(database.engine)
    if database.replica_engine is not None:
        checks["replica"] = _database_checks(database.replica_engine)["database"]
    return checks


def _database_checks(engine: Engine) -> dict[str, str]:
    try:
        # A short-lived connection, not the request session: a probe must not hold a transaction.
        with engine.connect() as connection:
            try:
                current = set(
                    connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
                )
            except ProgrammingError:  # no alembic_version table: never migrated
                connection.rollback()
                current = set()
            migrations = schema_versions.schema_state(connection, current)
    except DBAPIError:
        return {"database": "unreachable", "migrations": "unknown"}
    return {"database": "ok", "migrations": migrations}


@blp.route("/healthz")
class Liveness(Resource):
    @blp.doc(operationId="getLiveness", security=[])
    @blp.response(200, HealthSchema, example={"status": "ok"})
    def get(self) -> dict[str, str]:
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
    def get(self) -> Response | dict[str, Any]:
        """Report whether the database answers and its schema is one this code can serve.

        For readiness probes and load balancers: 503 `not_ready` with `checks` until the
        database (and the replica, when configured) answers and is migrated to this code's
        head (`migrations: ok`), or to a newer schema whose migrations declared that this
        code still runs on it (`migrations: newer_compatible`, a rolling release's older pods).
        """
        checks = readiness_checks()
        if any(outcome not in schema_versions.SERVABLE for outcome in checks.values()):
            return problem_response(
                503,
                code="not_ready",
                detail="The service is not ready to take traffic.",
                headers={"Retry-After": "5"},
                checks=checks,
            )
        return {"status": "ready", "checks": checks}
