"""OpenTelemetry tracing: the caller's trace continued, `traceparent` returned, the request id kept.

Spans go to the real SDK's in-memory exporter through a simple (synchronous) processor.
"""

import json
import logging
import os
import subprocess
import sys
import uuid

import pytest
import structlog
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from sqlalchemy.orm import sessionmaker

from service import create_app, observability
from service.settings import Settings, SettingsError

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_SPAN_ID = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE_ID}-{PARENT_SPAN_ID}-01"


@pytest.fixture(scope="module")
def exporter():
    return InMemorySpanExporter()


@pytest.fixture(scope="module")
def traced_app(settings, exporter):
    app = create_app(settings.replace(tracing_enabled=True))
    app.extensions["tracing"].start(SimpleSpanProcessor(exporter))
    yield app
    app.extensions["tracing"].shutdown()


@pytest.fixture
def traced_client(traced_app, connection, exporter, issue_key):
    """A client of the traced app, in the test's rolled-back transaction, with a content key."""
    database = traced_app.extensions["db"]
    original = database.session_factory
    database.session_factory = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    exporter.clear()
    client = traced_app.test_client()
    client.environ_base["HTTP_X_API_KEY"] = issue_key("content:read")
    yield client
    traced_app.extensions["usage_recorder"].discard_pending()
    database.session_factory = original


def only_span(exporter):
    (span,) = exporter.get_finished_spans()
    return span


def test_a_request_continues_the_callers_trace(traced_client, exporter):
    response = traced_client.get(
        "/v1/conditions/sciatica",
        headers={"traceparent": TRACEPARENT, "tracestate": "vendor=abc", "X-Request-ID": "req-7"},
    )
    assert response.status_code == 200
    span = only_span(exporter)
    assert format(span.context.trace_id, "032x") == TRACE_ID
    assert format(span.parent.span_id, "016x") == PARENT_SPAN_ID
    assert span.parent.is_remote
    assert span.context.trace_state.get("vendor") == "abc"
    assert span.kind is SpanKind.SERVER
    assert span.name == "GET /v1/conditions/<slug>"
    assert span.attributes["http.route"] == "/v1/conditions/<slug>"
    assert span.attributes["http.request.method"] == "GET"
    assert span.attributes["url.path"] == "/v1/conditions/sciatica"
    assert span.attributes["http.response.status_code"] == 200
    assert span.attributes["spinecare.request_id"] == "req-7"
    assert response.headers["X-Request-ID"] == "req-7"
    # The response names this span, in the caller's trace.
    version, trace_id, span_id, flags = response.headers["traceparent"].split("-")
    assert (version, trace_id, flags) == ("00", TRACE_ID, "01")
    assert span_id == format(span.context.span_id, "016x") != PARENT_SPAN_ID


def test_without_a_traceparent_a_new_trace_starts(traced_client, exporter):
    response = traced_client.get("/healthz")
    span = only_span(exporter)
    assert span.parent is None
    assert span.name == "GET /healthz"
    trace_id = format(span.context.trace_id, "032x")
    assert response.headers["traceparent"].split("-")[1] == trace_id != TRACE_ID
    # Our own request id, as the response says.
    assert span.attributes["spinecare.request_id"] == response.headers["X-Request-ID"]


@pytest.mark.parametrize(
    "traceparent",
    [
        "garbage",
        f"00-{'0' * 32}-{PARENT_SPAN_ID}-01",
        f"00-{TRACE_ID}-{'0' * 16}-01",
        "00-xyz-abc-01",
    ],
)
def test_an_invalid_traceparent_is_ignored_not_refused(traced_client, exporter, traceparent):
    response = traced_client.get("/healthz", headers={"traceparent": traceparent})
    assert response.status_code == 200
    span = only_span(exporter)
    assert span.parent is None
    assert response.headers["traceparent"].split("-")[1] == format(span.context.trace_id, "032x")


def test_refused_and_failed_requests_have_spans_with_their_status(traced_client, exporter):
    anonymous = traced_client.application.test_client()
    response = anonymous.get("/v1/conditions", headers={"traceparent": TRACEPARENT})
    assert response.status_code == 401
    span = only_span(exporter)
    assert span.attributes["http.response.status_code"] == 401
    assert span.status.status_code is StatusCode.UNSET  # the caller's error, not the server's
    assert response.headers["traceparent"].split("-")[1] == TRACE_ID

    exporter.clear()
    response = traced_client.get("/v1/no-such-thing")
    assert response.status_code == 404
    span = only_span(exporter)
    assert span.name == "GET"  # no route: the method alone (never the raw path)
    assert "http.route" not in span.attributes
    assert span.attributes["http.response.status_code"] == 404


def test_an_unsampled_caller_gets_its_trace_back_but_nothing_is_exported(traced_client, exporter):
    response = traced_client.get(
        "/healthz", headers={"traceparent": f"00-{TRACE_ID}-{PARENT_SPAN_ID}-00"}
    )
    assert response.status_code == 200
    assert exporter.get_finished_spans() == ()
    assert response.headers["traceparent"].startswith(f"00-{TRACE_ID}-")
    assert response.headers["traceparent"].endswith("-00")


def test_log_lines_carry_the_trace_id(traced_app, traced_client, settings, capsys, monkeypatch):
    root = logging.getLogger()
    saved_handlers, saved_level, saved_structlog = (
        root.handlers[:],
        root.level,
        structlog.get_config(),
    )
    observability.configure_logging(settings.replace(tracing_enabled=True, log_json=True))
    # The module's logger may already be bound to an earlier configuration (cached on first use).
    monkeypatch.setattr(observability, "access_log", structlog.get_logger())
    try:
        root.handlers[0].setStream(sys.stdout)
        traced_client.get("/healthz", headers={"traceparent": TRACEPARENT, "X-Request-ID": "req-9"})
        logging.getLogger("spinecare.outside").warning("outside any request")
        lines = [
            json.loads(line)
            for line in capsys.readouterr().out.splitlines()
            if line.startswith("{")
        ]
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        structlog.configure(**saved_structlog)
    (access,) = [line for line in lines if line.get("event") == "request"]
    assert access["request_id"] == "req-9"
    assert access["trace_id"] == TRACE_ID
    assert len(access["span_id"]) == 16 and access["span_id"] != PARENT_SPAN_ID
    (outside,) = [line for line in lines if line.get("event") == "outside any request"]
    assert "trace_id" not in outside


def test_tracing_is_off_by_default(client):
    response = client.get("/healthz", headers={"traceparent": TRACEPARENT})
    assert response.status_code == 200
    assert "traceparent" not in response.headers
    assert "tracing" not in client.application.extensions


def test_disabled_tracing_loads_neither_our_tracing_nor_the_sdks(database_url):
    # redis-py imports the OpenTelemetry API and metrics SDK itself when they are installed;
    # what tracing would add (our module, the tracing SDK, the OTLP exporter) stays out.
    program = (
        "import sys\n"
        "from service import create_app\n"
        "from service.settings import Settings\n"
        f"app = create_app(Settings(database_url={database_url!r}, testing=True))\n"
        "app.test_client().get('/healthz')\n"
        "print(sorted(name for name in sys.modules if name == 'service.tracing'\n"
        "             or name.startswith(('opentelemetry.sdk.trace', 'opentelemetry.exporter'))))\n"
    )
    environment = {key: value for key, value in os.environ.items() if not key.startswith("OTEL_")}
    environment.pop("TRACING_ENABLED", None)
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, env=environment
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout


@pytest.mark.parametrize(
    ("environment", "enabled"),
    [
        ({}, False),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, True),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"}, True),
        ({"TRACING_ENABLED": "true"}, True),
        (
            {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "TRACING_ENABLED": "false"},
            False,
        ),
    ],
)
def test_tracing_is_enabled_by_an_otlp_endpoint_or_explicitly(monkeypatch, environment, enabled):
    for name in (
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "TRACING_ENABLED",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"postgresql://localhost/{uuid.uuid4().hex}")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert Settings.from_env().tracing_enabled is enabled


def test_an_otlp_endpoint_must_be_an_http_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://localhost/spinecare")
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318")
    with pytest.raises(SettingsError, match="OTEL_EXPORTER_OTLP_ENDPOINT"):
        Settings.from_env()


def test_the_production_processor_exports_over_otlp_http(settings):
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    from service.tracing import otlp_span_processor

    processor = otlp_span_processor(settings.replace(otlp_endpoint="http://collector:4318/"))
    try:
        assert isinstance(processor, BatchSpanProcessor)
        exporter = processor.span_exporter
        assert isinstance(exporter, OTLPSpanExporter)
        assert exporter._endpoint == "http://collector:4318/v1/traces"
    finally:
        processor.shutdown()


@pytest.mark.parametrize(
    ("environment", "service_name"),
    [
        ({}, "spinecare-partner-api"),
        ({"OTEL_SERVICE_NAME": "api-eu"}, "api-eu"),
        ({"OTEL_RESOURCE_ATTRIBUTES": "service.name=api-us,deployment.environment=prod"}, "api-us"),
    ],
)
def test_spans_name_the_service_and_the_environment_may_rename_it(
    monkeypatch, environment, service_name
):
    from service.tracing import RequestTracing

    for name in ("OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    exporter = InMemorySpanExporter()
    tracing = RequestTracing(make_processor=lambda: SimpleSpanProcessor(exporter))
    try:
        tracing.tracer.start_span("probe").end()
        (span,) = exporter.get_finished_spans()
    finally:
        tracing.shutdown()
    assert span.resource.attributes["service.name"] == service_name
    assert span.resource.attributes["service.version"]
