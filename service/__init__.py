"""SpineCare Partner API: one source of truth for lower-back and leg pain."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask, Response, send_from_directory
from swagger_ui_bundle import swagger_ui_path

from service import edge, errors, inputs, metrics, observability, query_params
from service.api import API_TITLE, API_VERSION, OPENAPI_VERSION, Api, OperationDocsPlugin
from service.content import cache as content_cache
from service.db import Database, make_engine
from service.json_provider import JSONProvider
from service.partners import auth, limits, usage
from service.settings import Settings

# The top of /docs: keys, scopes, limits, first calls and conventions (Markdown).
API_DESCRIPTION = (Path(__file__).parent / "getting_started.md").read_text("utf-8")

DOCS_ASSETS_URL = "/docs/assets/"


class SpineCareApp(Flask):
    """Flask, remembering which functions are plain `def`s.

    Flask asks `inspect.iscoroutinefunction` about every hook and view on every request (22
    times per request here); the answer never changes for a function. Requests are
    `inputs.BoundedRequest`s (JSON bodies through our loader, no silently cut bodies); response
    JSON is written by orjson (`service.json_provider`).
    """

    request_class = inputs.BoundedRequest
    json_provider_class = JSONProvider

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain_functions: set[object] = set()

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        function = getattr(func, "__func__", func)  # a bound method is new on every request
        if function in self._plain_functions:
            return func
        synced = super().ensure_sync(func)
        if synced is func and len(self._plain_functions) < 10_000:  # bounded, just in case
            self._plain_functions.add(function)
        return synced


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = SpineCareApp(__name__)
    # `<int:…>` only matches what fits PostgreSQL's bigint (a larger id is a 404, not a 500).
    app.url_map.converters["int"] = inputs.BigintConverter
    app.config.update(
        SETTINGS=settings,
        TESTING=settings.testing,
        # Unhandled errors become 500 problems in tests too, exactly as in production.
        PROPAGATE_EXCEPTIONS=False,
        MAX_CONTENT_LENGTH=settings.max_request_body_bytes,
        API_TITLE=API_TITLE,
        API_VERSION=API_VERSION,
        OPENAPI_VERSION=OPENAPI_VERSION,
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        # Swagger UI is served from the packaged swagger-ui-bundle: no CDN at run time.
        OPENAPI_SWAGGER_UI_URL=DOCS_ASSETS_URL,
        API_SPEC_OPTIONS={
            "info": {
                "description": API_DESCRIPTION,
                "license": {"name": "Proprietary"},
                "contact": {"name": "SpineCare API team"},
            },
            "servers": [{"url": "/", "description": "This server"}],
        },
    )
    if not settings.testing:
        observability.configure_logging(settings)
    if settings.tracing_enabled:  # off by default: then service.tracing and the SDK stay unloaded
        from service import tracing

        # Before the edge: its span opens first and closes last (see tracing.init_app).
        tracing.init_app(app, settings)
    # First: every later hook and error has a request id. One hook each way runs what every
    # request goes through (request id, key, negotiation, limits; headers, usage, metrics, log).
    edge.init_app(app)
    errors.init_app(app)
    engine = make_engine(settings)
    replica = (
        make_engine(settings, settings.database_replica_url)
        if settings.database_replica_url
        else None
    )
    Database(engine, replica).init_app(app)
    metrics.init_app(app, settings, engine)
    auth.init_app(app, settings.api_key_cache_seconds)
    limits.init_app(app, settings)
    content_cache.init_app(app, settings.content_cache_check_seconds)
    usage.init_app(app, settings.usage_flush_seconds)

    api = Api(app, spec_kwargs={"extra_plugins": [OperationDocsPlugin()]})
    auth.document(api.spec)  # key kinds (security schemes) and the 403s a key can get
    register_blueprints(api)
    query_params.init_app(app, api.spec.to_dict())  # what each operation documents, once
    register_cli(app)
    from service.examples.routes import blp as examples_blp

    app.register_blueprint(examples_blp)  # /examples/portal: a page, not in the OpenAPI document

    @app.get(f"{DOCS_ASSETS_URL}<path:filename>")
    def docs_assets(filename: str) -> Response:
        return send_from_directory(swagger_ui_path, filename, max_age=86400)

    return app


def register_blueprints(api: Api) -> None:
    from service import health
    from service.assessment.routes import blp as assessment_blp
    from service.content.routes import blp as content_blp
    from service.fhir.routes import blp as fhir_blp
    from service.locator.routes import blp as locator_blp
    from service.partners.routes import blp as partners_blp

    api.register_blueprint(health.blp)
    api.register_blueprint(content_blp, url_prefix="/v1")
    api.register_blueprint(partners_blp, url_prefix="/v1")
    api.register_blueprint(assessment_blp, url_prefix="/v1")
    api.register_blueprint(locator_blp, url_prefix="/v1")
    api.register_blueprint(fhir_blp, url_prefix="/v1/fhir")


def register_cli(app: Flask) -> None:
    from service.assessment.cli import assessment_cli
    from service.content.cli import content_cli
    from service.locator.cli import locator_cli
    from service.partners.cli import keys_cli, partners_cli

    app.cli.add_command(content_cli)
    app.cli.add_command(partners_cli)
    app.cli.add_command(keys_cli)
    app.cli.add_command(assessment_cli)
    app.cli.add_command(locator_cli)
