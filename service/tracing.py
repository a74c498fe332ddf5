"""OpenTelemetry tracing: a server span per request, W3C trace context in and out, OTLP export.

Off by default. `create_app` imports this module only when `Settings.tracing_enabled` is true
(`TRACING_ENABLED`, or an `OTEL_EXPORTER_OTLP_ENDPOINT` set), so a service without tracing
neither imports OpenTelemetry nor runs a single extra hook.

- The span continues the caller's trace when the request carries a valid `traceparent` (and
  `tracestate`); otherwise it starts a new one. Every response carries the `traceparent` of the
  server span, so a caller can find its request in the tracing backend.
- The span is named by the route rule (`GET /v1/conditions/<slug>`, never the raw path: one
  name per operation), with the HTTP semantic-convention attributes and the request id.
- The provider is built lazily, on a process's first request: under gunicorn that is in each
  worker after the fork, so the batch exporter's thread lives in the process that uses it.
  Sampling and the exporter's headers, timeout and compression follow the standard `OTEL_*`
  variables (`OTEL_TRACES_SAMPLER`, `OTEL_EXPORTER_OTLP_HEADERS`, ...).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, MutableMapping
from typing import Any

from flask import Flask, Response, g, request
from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.propagators.textmap import Getter
from opentelemetry.sdk.resources import (
    SERVICE_NAME,
    SERVICE_VERSION,
    OTELResourceDetector,
    Resource,
)
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from service.api import API_VERSION
from service.settings import Settings

SERVICE = "spinecare-partner-api"
TRACEPARENT_HEADER = "traceparent"
REQUEST_ID_ATTRIBUTE = "spinecare.request_id"
# W3C Trace Context only (not OTEL_PROPAGATORS): what callers send and what we promise back.
PROPAGATOR = TraceContextTextMapPropagator()


class EnvironGetter(Getter[dict[str, Any]]):
    """Reads `traceparent`/`tracestate` straight from the WSGI environ."""

    def get(self, carrier: dict[str, Any], key: str) -> list[str] | None:
        value = carrier.get("HTTP_" + key.upper().replace("-", "_"))
        return None if value is None else [value]

    def keys(self, carrier: dict[str, Any]) -> list[str]:
        return [name[5:].lower().replace("_", "-") for name in carrier if name.startswith("HTTP_")]


ENVIRON_GETTER = EnvironGetter()


def otlp_span_processor(settings: Settings) -> SpanProcessor:
    """The production processor: batches, exported over OTLP/HTTP (protobuf)."""
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    endpoint = settings.otlp_endpoint
    # As the OTLP spec does with OTEL_EXPORTER_OTLP_ENDPOINT: a base URL, the signal path added.
    # Unset, the exporter reads OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or uses localhost:4318.
    exporter = OTLPSpanExporter(endpoint=f"{endpoint.rstrip('/')}/v1/traces" if endpoint else None)
    return BatchSpanProcessor(exporter)


class RequestTracing:
    """The app's tracer, built on first use in each process."""

    def __init__(self, make_processor: Callable[[], SpanProcessor]):
        self._make_processor = make_processor
        self._lock = threading.Lock()
        self.provider: TracerProvider | None = None
        self._tracer: trace.Tracer | None = None
        # A forked child (gunicorn with preload_app) builds its own provider and exporter thread.
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        self.provider = self._tracer = None
        self._lock = threading.Lock()

    def start(self, processor: SpanProcessor | None = None) -> trace.Tracer:
        """Build this process's provider (with `processor`, else the configured one)."""
        with self._lock:
            if self._tracer is None:
                defaults = Resource.create({SERVICE_NAME: SERVICE, SERVICE_VERSION: API_VERSION})
                # OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the defaults.
                provider = TracerProvider(resource=defaults.merge(OTELResourceDetector().detect()))
                provider.add_span_processor(processor or self._make_processor())
                self.provider = provider
                self._tracer = provider.get_tracer("service", API_VERSION)
            return self._tracer

    @property
    def tracer(self) -> trace.Tracer:
        return self._tracer or self.start()

    def shutdown(self) -> None:
        """Export what is queued and stop (also run at interpreter exit by the provider)."""
        if self.provider is not None:
            self.provider.shutdown()


def start_span() -> None:
    """before_request, registered before the edge's: every request gets a span, refusals too."""
    environ = request.environ
    method = request.method
    rule = request.url_rule.rule if request.url_rule is not None else None
    attributes = {
        "http.request.method": method,
        "url.path": request.path,
        "url.scheme": request.scheme,
    }
    if rule is not None:
        attributes["http.route"] = rule
    if user_agent := environ.get("HTTP_USER_AGENT"):
        attributes["user_agent.original"] = user_agent
    if client := environ.get("REMOTE_ADDR"):
        attributes["client.address"] = client
    parent = PROPAGATOR.extract(environ, getter=ENVIRON_GETTER)
    tracer = _tracing().tracer
    span = tracer.start_span(
        f"{method} {rule}" if rule is not None else method,
        context=parent,
        kind=SpanKind.SERVER,
        attributes=attributes,
    )
    g.trace_span = span
    g.trace_token = otel_context.attach(trace.set_span_in_context(span, parent))


def finish_span(response: Response) -> Response:
    """after_request, run after the edge's: the status, the request id and `traceparent`."""
    span = g.get("trace_span")
    if span is None:
        return response
    status = response.status_code
    span.set_attribute("http.response.status_code", status)
    if request_id := g.get("request_id"):
        span.set_attribute(REQUEST_ID_ATTRIBUTE, request_id)
    if status >= 500:  # a server span's 4xx is the caller's error, not ours
        span.set_status(Status(StatusCode.ERROR))
    carrier: dict[str, str] = {}
    PROPAGATOR.inject(carrier)
    if TRACEPARENT_HEADER in carrier:
        response.headers[TRACEPARENT_HEADER] = carrier[TRACEPARENT_HEADER]
    return response


def end_span(error: BaseException | None) -> None:
    """teardown_request, the last one: the span ends once the response and its log line exist."""
    span = g.pop("trace_span", None)
    token = g.pop("trace_token", None)
    if span is not None:
        if error is not None:  # escaped every handler (answered with a 500 problem)
            span.record_exception(error)
            span.set_status(Status(StatusCode.ERROR, type(error).__name__))
        span.end()
    if token is not None:
        otel_context.detach(token)


def add_trace_ids(
    _logger: object, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """structlog processor: the current span's trace and span ids on every log line."""
    span_context = trace.get_current_span().get_span_context()
    if span_context.is_valid:
        event_dict["trace_id"] = format(span_context.trace_id, "032x")
        event_dict["span_id"] = format(span_context.span_id, "016x")
    return event_dict


def _tracing() -> RequestTracing:
    from flask import current_app

    tracing: RequestTracing = current_app.extensions["tracing"]
    return tracing


def init_app(app: Flask, settings: Settings) -> RequestTracing:
    """Call before `edge.init_app`: Flask runs after/teardown hooks in reverse, so the span
    opens before the edge's steps and closes after them (the access log line included)."""
    tracing = RequestTracing(lambda: otlp_span_processor(settings))
    app.extensions["tracing"] = tracing
    app.before_request(start_span)
    app.after_request(finish_span)
    app.teardown_request(end_span)
    return tracing
