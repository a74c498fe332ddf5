"""Prometheus metrics: requests by operation and status, latency histograms, DB pool use.

Under gunicorn (PROMETHEUS_MULTIPROC_DIR set by gunicorn.conf.py) every worker writes its samples
to files and the master serves the sum on METRICS_PORT, a port of its own that is not published
with the API. Elsewhere (tests, `flask run`) the app keeps its own registry. `/metrics` on the
public port only when METRICS_PUBLIC_PATH is true.

Requests are observed by `service.edge` through `RequestMetrics.observe`, on prometheus_client
directly. prometheus-flask-exporter did this before with hooks of its own; per request it
resolved label names, excluded paths and "already reported" flags, about 9 % of a cached read's
CPU under gunicorn. The metric names and labels are the ones it exported.
"""

from __future__ import annotations

import os

from flask import Flask, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

from service.db import on_twin_made
from service.settings import Settings

PREFIX = "spinecare"
# Paths whose requests are not observed: the scrape itself and the docs' static assets.
UNOBSERVED_PREFIXES = ("/metrics", "/docs")


class RequestMetrics:
    """The request metrics of one app, with each label combination's child kept at hand.

    prometheus_client's `labels()` validates and locks on every call; the combinations seen
    (method, route, status) are few, so each child is looked up once and remembered.
    """

    def __init__(self, registry: CollectorRegistry):
        self.duration = Histogram(
            f"{PREFIX}_http_request_duration_seconds",
            "HTTP request duration in seconds",
            ("method", "url_rule", "status"),
            registry=registry,
        )
        self.total = Counter(
            f"{PREFIX}_http_request_total",
            "Total number of HTTP requests",
            ("method", "status"),
            registry=registry,
        )
        self.exceptions = Counter(
            f"{PREFIX}_http_request_exceptions_total",
            "HTTP requests that ended in an unhandled exception (answered with 500)",
            ("method", "status"),
            registry=registry,
        )
        self._children: dict[tuple[str, str, int], tuple[Histogram, Counter]] = {}

    def observe(self, method: str, url_rule: str, status: int, seconds: float) -> None:
        key = (method, url_rule, status)
        children = self._children.get(key)
        if children is None:
            if len(self._children) > 5_000:  # methods and routes are bounded; just in case
                self._children.clear()
            children = self._children[key] = (
                self.duration.labels(method, url_rule, str(status)),
                self.total.labels(method, str(status)),
            )
        duration, total = children
        duration.observe(max(seconds, 0.0))
        total.inc()

    def count_exception(self, method: str) -> None:
        self.exceptions.labels(method, "500").inc()


def is_observed(path: str) -> bool:
    return not path.startswith(UNOBSERVED_PREFIXES)


def collecting_registry() -> CollectorRegistry:
    """What a scrape reads: every worker's files under gunicorn, else this process's metrics."""
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # unannotated
    return registry


def init_app(app: Flask, settings: Settings, engine: Engine) -> RequestMetrics:
    multiprocess_mode = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
    registry = CollectorRegistry()
    metrics = app.extensions["metrics"] = RequestMetrics(registry)
    _instrument_pool(engine, registry)
    if settings.metrics_public_path:

        @app.get("/metrics")
        def serve_metrics() -> Response:
            scraped = collecting_registry() if multiprocess_mode else registry
            return Response(generate_latest(scraped), mimetype=CONTENT_TYPE_LATEST)

    return metrics


def _instrument_pool(engine: Engine, registry: CollectorRegistry) -> None:
    checked_out = Gauge(
        f"{PREFIX}_db_pool_checked_out",
        "Database connections in use by requests.",
        registry=registry,
        multiprocess_mode="livesum",
    )
    pool_size = Gauge(
        f"{PREFIX}_db_pool_size",
        "Database connections the pools may keep.",
        registry=registry,
        multiprocess_mode="livesum",
    )

    def instrument(pooled: Engine) -> None:
        if isinstance(pooled.pool, QueuePool):  # service.db's engines; a NullPool keeps none
            pool_size.inc(pooled.pool.size())

        @event.listens_for(pooled, "checkout")
        def _checkout(*_args: object) -> None:
            checked_out.inc()

        @event.listens_for(pooled, "checkin")
        def _checkin(*_args: object) -> None:
            checked_out.dec()

    instrument(engine)
    # First-page searches' pool (db.statement_engine), made in a worker at its first search.
    on_twin_made(engine, instrument)
