"""Prometheus metrics: requests by operation and status, latency histograms, DB pool use.

Under gunicorn (PROMETHEUS_MULTIPROC_DIR set by gunicorn.conf.py) every worker writes its samples
to files and the master serves the sum on METRICS_PORT, a port of its own that is not published
with the API. Elsewhere (tests, `flask run`) the app keeps its own registry. `/metrics` on the
public port only when METRICS_PUBLIC_PATH is true.
"""

from __future__ import annotations

import os

from flask import Flask
from prometheus_client import CollectorRegistry, Gauge
from prometheus_flask_exporter import PrometheusMetrics
from prometheus_flask_exporter.multiprocess import GunicornPrometheusMetrics
from sqlalchemy import event
from sqlalchemy.engine import Engine

from service.settings import Settings


def init_app(app: Flask, settings: Settings, engine: Engine) -> PrometheusMetrics:
    multiprocess = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
    options = {
        "group_by": "url_rule",  # "/v1/conditions/<slug>", not every slug on its own
        "defaults_prefix": "spinecare",
        "excluded_paths": ["^/metrics$", "^/docs"],
    }
    if multiprocess:
        metrics = GunicornPrometheusMetrics(app, **options)
    else:
        metrics = PrometheusMetrics(app, path=None, registry=CollectorRegistry(), **options)
    if settings.metrics_public_path:
        metrics.register_endpoint("/metrics")
    _instrument_pool(engine, registry=None if multiprocess else metrics.registry)
    app.extensions["metrics"] = metrics
    return metrics


def _instrument_pool(engine: Engine, registry: CollectorRegistry | None) -> None:
    kwargs = {"multiprocess_mode": "livesum"}
    if registry is not None:
        kwargs["registry"] = registry
    checked_out = Gauge(
        "spinecare_db_pool_checked_out", "Database connections in use by requests.", **kwargs
    )
    pool_size = Gauge("spinecare_db_pool_size", "Database connections the pools may keep.", **kwargs)
    pool_size.set(engine.pool.size())

    @event.listens_for(engine, "checkout")
    def _checkout(*_args):
        checked_out.inc()

    @event.listens_for(engine, "checkin")
    def _checkin(*_args):
        checked_out.dec()
