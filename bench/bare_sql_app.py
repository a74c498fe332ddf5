"""The locator's anchor: a bare Flask endpoint running bench/raw_locator.py's SQL through psycopg.

    GET /bare/physicians?lat=40.75&lon=-73.99&radius_km=40.2&therapy=physical-therapy&limit=20

Served by the same gunicorn config as the API (`make bench`). One psycopg connection per
gunicorn thread, autocommit, no ORM, no validation beyond what Python's float()/int() do, no
authentication, rate limits, logging or metrics: what the search costs with nothing around it.
"""

from __future__ import annotations

import os
import threading

import psycopg
from flask import Flask, request

from bench.raw_locator import RawFilters, connect, search

APPLICATION_NAME = "spinecare-bench-bare-sql"
app = Flask(__name__)
_local = threading.local()


def connection() -> psycopg.Connection:
    if getattr(_local, "connection", None) is None or _local.connection.closed:
        _local.connection = connect(
            os.environ["DATABASE_URL"], autocommit=True, application_name=APPLICATION_NAME
        )
    return _local.connection


def optional_bool(name: str) -> bool | None:
    value = request.args.get(name)
    return None if value is None else value == "true"


@app.get("/bare/physicians")
def physicians():
    args = request.args
    filters = RawFilters(
        specialty=tuple(args.getlist("specialty")),
        therapy=tuple(args.getlist("therapy")),
        language=args.get("language"),
        accepting_new_patients=optional_bool("accepting_new_patients"),
        telehealth=optional_bool("telehealth"),
    )
    limit = int(args.get("limit", 20))
    try:
        # limit + 1, as the API asks, to know whether there is a next page.
        page = search(
            connection(),
            float(args["lat"]),
            float(args["lon"]),
            float(args["radius_km"]),
            filters,
            limit + 1,
        )
    except ValueError as error:
        return {"error": str(error)}, 400
    return {
        "results": page.rows[:limit],
        "has_more": len(page.rows) > limit,
        "statements": page.statements,
    }


@app.get("/healthz")
def healthz():
    return {"status": "ok"}
