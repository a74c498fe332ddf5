"""Problem details (RFC 9457): the one shape of every error this API returns."""

from __future__ import annotations

import http
import logging
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from flask import Flask, Response, g, json, request
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as WerkzeugResponse

PROBLEM_MEDIA_TYPE = "application/problem+json"
# URNs: stable identifiers that never pretend to be a page someone must keep online.
PROBLEM_TYPE_PREFIX = "urn:spinecare:problem:"
DATABASE_RETRY_AFTER_SECONDS = 5

# HTTP status -> the stable `code` clients switch on when nothing more specific applies.
CODES_BY_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    410: "gone",
    412: "precondition_failed",
    413: "payload_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    417: "expectation_failed",
    422: "validation_failed",
    428: "precondition_required",
    429: "rate_limited",
    431: "header_fields_too_large",
    500: "internal_error",
    501: "not_implemented",
    503: "service_unavailable",
}
# Every more specific `code` a problem can carry (a Problem subclass's, a problem_response's).
# With CODES_BY_STATUS they are the spec's `ProblemCode` enum, which the SDKs type errors by.
# A new code is one line here: tests/test_error_codes.py fails on a code used but not listed.
DOMAIN_CODES = (
    # requests and keys
    "invalid_character",
    "invalid_parameter",
    "insufficient_scope",
    "origin_not_allowed",
    "secret_key_in_browser",
    "database_unavailable",
    "not_ready",
    # content
    "content_withdrawn",
    # assessment
    "session_changed",
    # locator
    "unknown_value",
    "unknown_city",
    "zip_military",
    "zip_retired",
    "zip_not_locatable",
    "physician_deactivated",
    "import_rejected",
    # FHIR views
    "unsupported_search_parameter",
)
# A status missing from CODES_BY_STATUS answers `error` (see problem_document).
PROBLEM_CODES = tuple(sorted({*CODES_BY_STATUS.values(), *DOMAIN_CODES, "error"}))

log = logging.getLogger(__name__)


class Problem(Exception):
    """A domain error that maps to a problem response; services raise its subclasses."""

    status = 400
    code = "bad_request"
    # Per subclass or per instance (assigned whole, never changed in place).
    headers: Mapping[str, str] = MappingProxyType({})

    def __init__(
        self, detail: str, *, errors: list[dict[str, Any]] | None = None, **extensions: Any
    ):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.extensions = extensions


class NotFoundProblem(Problem):
    status = 404
    code = "not_found"


class GoneProblem(Problem):
    status = 410
    code = "content_withdrawn"


class InvalidParameterProblem(Problem):
    """A query parameter that parsed but makes no sense (e.g. a cursor from elsewhere).

    422 like every other refused value: 400 is kept for requests that do not parse."""

    status = 422
    code = "invalid_parameter"

    def __init__(self, parameter: str, message: str):
        super().__init__(
            f"Invalid value for '{parameter}': {message}",
            errors=[{"in": "query", "name": parameter, "message": message}],
        )


def problem_type(code: str) -> str:
    return PROBLEM_TYPE_PREFIX + code


def problem_document(
    status: int,
    *,
    code: str | None = None,
    detail: str | None = None,
    instance: str | None = None,
    request_id: str | None = None,
) -> dict[str, Any]:
    """The body of a problem; also written outside Flask (gunicorn's own errors)."""
    code = code or CODES_BY_STATUS.get(status, "error")
    body: dict[str, Any] = {
        "type": problem_type(code),
        "title": http.HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or http.HTTPStatus(status).description,
    }
    if instance is not None:
        body["instance"] = instance
    body.update(code=code, request_id=request_id)
    return body


def problem_response(
    status: int,
    *,
    code: str | None = None,
    detail: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> Response:
    body = problem_document(
        status, code=code, detail=detail, instance=request.path, request_id=g.get("request_id")
    )
    if errors:
        body["errors"] = errors
    body.update(extensions)
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def flatten_validation_messages(messages: dict[str, Any]) -> list[dict[str, Any]]:
    """webargs' {"query": {"page_size": ["..."]}} -> [{"in", "name", "message"}], nested names dotted."""
    flat: list[dict[str, Any]] = []

    def walk(location: str, prefix: str, node: Any) -> None:
        if isinstance(node, dict):
            for key, child in node.items():
                walk(location, f"{prefix}.{key}" if prefix else str(key), child)
        elif isinstance(node, list) and all(isinstance(item, str) for item in node):
            flat.extend({"in": location, "name": prefix or None, "message": m} for m in node)
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(location, f"{prefix}[{index}]", child)
        else:
            flat.append({"in": location, "name": prefix or None, "message": str(node)})

    for location, fields in messages.items():
        walk(location, "", fields)
    return flat


def handle_http_exception(error: HTTPException) -> Response | WerkzeugResponse:
    if error.code is not None and error.code < 400:
        return error.get_response()  # 304 Not Modified and friends carry no body
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    headers = dict(data.get("headers") or {})
    if status == 405:
        # RFC 9110: a 405 must say which methods are allowed.
        headers.update({k: v for k, v in error.get_headers() if k == "Allow"})
    errors = None
    if "messages" in data or "errors" in data:
        errors = flatten_validation_messages(data.get("errors") or data["messages"])
    detail = data.get("message") or (
        "The request did not pass validation; see `errors`." if errors else error.description
    )
    if status >= 500:
        log.error("unhandled error", exc_info=getattr(error, "original_exception", None))
        detail = "An unexpected error occurred; quote the request_id when reporting it."
    return problem_response(status, detail=detail, errors=errors, headers=headers)


def handle_problem(problem: Problem) -> Response:
    return problem_response(
        problem.status,
        code=problem.code,
        detail=problem.detail,
        errors=problem.errors,
        headers=problem.headers,
        **problem.extensions,
    )


def handle_database_unavailable(error: sa_exc.DBAPIError) -> Response:
    # Connection-level failures (server down, restarting, network) are transient: say so,
    # and let the client retry instead of reporting a server bug.
    log.warning("database unavailable", extra={"error": str(error.orig or error)[:200]})
    return problem_response(
        503,
        code="database_unavailable",
        detail="The database is unavailable; retry shortly.",
        headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
    )


def handle_database_error(error: sa_exc.DBAPIError) -> Response:
    if isinstance(error, (sa_exc.OperationalError, sa_exc.InterfaceError)) or (
        error.connection_invalidated
    ):
        return handle_database_unavailable(error)
    log.error("database error", exc_info=error)
    return problem_response(
        500, detail="An unexpected error occurred; quote the request_id when reporting it."
    )


def init_app(app: Flask) -> None:
    app.register_error_handler(Problem, handle_problem)
    app.register_error_handler(sa_exc.DBAPIError, handle_database_error)
    # HTTPException (incl. 500 for unhandled errors) is registered by our Api subclass.
