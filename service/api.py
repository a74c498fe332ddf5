"""Our flask-smorest Api/Blueprint: problem+json errors, Link pagination, complete operation docs."""

from __future__ import annotations

import hashlib
import http
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import flask_smorest
import marshmallow as ma
from apispec import BasePlugin
from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest.exceptions import NotModified
from flask_smorest.pagination import PaginationMetadataSchema
from flask_smorest.utils import prepare_response
from webargs import core as webargs_core
from webargs.flaskparser import FlaskParser, is_json_request

from service import errors, inputs, json_provider
from service.db import commit_request_session
from service.partners.limits import RATE_LIMIT_HEADER_DOCS

API_TITLE = "SpineCare Partner API"
API_VERSION = "1.0.0"
OPENAPI_VERSION = "3.0.3"
# Pages are numbered from 1; the offset of the last must fit PostgreSQL's bigint (and an int32
# keeps generated clients simple).
MAX_PAGE = 2**31 - 1


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details, with a stable `code` and the request id."""

    class Meta:
        # RFC 9457 extension members (e.g. `checks`, `required_scope`, an import's counts).
        unknown = ma.INCLUDE

    type = ma.fields.String(
        required=True, metadata={"description": "URI identifying the problem type."}
    )
    title = ma.fields.String(required=True)
    status = ma.fields.Integer(required=True)
    detail = ma.fields.String(required=True)
    instance = ma.fields.String(metadata={"description": "The request path."})
    # Open: a `ProblemCode` or any other string, so a client built before a new code was added
    # still reads the problem (a closed enum made openapi-python-client's models raise on it).
    code = ma.fields.String(
        required=True,
        metadata={
            "openapi_schema": {
                "description": "Stable machine-readable problem code: one of `ProblemCode`; "
                "clients should treat a code they do not know like its HTTP status.",
                "anyOf": [{"$ref": "#/components/schemas/ProblemCode"}, {"type": "string"}],
            }
        },
    )
    request_id = ma.fields.String(allow_none=True)
    errors = ma.fields.List(
        ma.fields.Dict(),
        metadata={"description": "Field errors: `in` (query, path, json…), `name`, `message`."},
    )


def problem_example(
    status: int, code: str | None = None, detail: str | None = None
) -> dict[str, Any]:
    code = code or errors.CODES_BY_STATUS.get(status, "error")
    example = {
        "type": errors.problem_type(code),
        "title": http.HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or http.HTTPStatus(status).description,
        "instance": "/v1/conditions/unknown",
        "code": code,
        "request_id": "5f0c6a8e9b2d4c1f8e7a6b5c4d3e2f1a",
    }
    if status == 422:
        example["errors"] = [
            {"in": "query", "name": "page_size", "message": "Must be between 1 and 100."}
        ]
    return example


ACCEPT_LANGUAGE_PARAMETER = {
    "in": "header",
    "name": "Accept-Language",
    "required": False,
    "schema": {"type": "string"},
    "example": "es-MX,es;q=0.9,en;q=0.5",
    "description": "Preferred locales (q-values honoured); `en` and `es` are served, `en` "
    "otherwise. The locale served is echoed in `Content-Language`.",
}


# A response documented with this header is localised; the plugin then documents Accept-Language.
CONTENT_LANGUAGE = {
    "Content-Language": {"description": "Locale of the texts.", "schema": {"type": "string"}}
}
# On every response to a request counted against a partner's limits (see partners/limits.py).
RATE_LIMIT_HEADERS = {"RateLimit": "RATE_LIMIT", "RateLimit-Policy": "RATE_LIMIT_POLICY"}
LOCATION = {
    "Location": {"description": "Where the created resource lives.", "schema": {"type": "string"}}
}
# A cursor-paginated list: `Link: <…>; rel="next"`, as page-numbered lists carry their links.
NEXT_LINK = {
    "Link": {
        "description": 'RFC 8288 `<…>; rel="next"`: the same request with the next cursor '
        "(absent on the last page).",
        "schema": {"type": "string"},
    }
}


def next_link(parameter: str, cursor: str | None) -> dict[str, str]:
    """The Link header to the next page of a cursor-paginated list: the request's own query
    with `parameter` set to `cursor`; none when there is no next page."""
    if cursor is None:
        return {}
    query = [(k, v) for k, v in request.args.items(multi=True) if k != parameter]
    query.append((parameter, cursor))
    return {"Link": f'<{request.path}?{urlencode(query)}>; rel="next"'}


# The 429 policy, where a partner reads it: what is counted, and how far the bound holds.
TOO_MANY_REQUESTS = (
    "Over the partner's per-minute limit or daily quota (`violated_policies` names which; "
    "`Retry-After` says when to retry). Requests refused for their key (401, 403) are not "
    "counted; all others are, error answers included. With "
    "Redis (`REDIS_URL`) the limits hold across every worker and replica; without it, across "
    "the workers of one server, so N servers allow up to N times each limit."
)


class OperationDocsPlugin(BasePlugin):
    """Fills what every operation must carry: an explicit `security` list, problem responses,
    and Accept-Language wherever the response is localised (documents `Content-Language`)."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        for method, operation in (operations or {}).items():
            responses = operation.get("responses", {})
            success: Any = next((responses[c] for c in (200, 201) if c in responses), {})
            if isinstance(success, dict):
                success.setdefault("headers", {})["X-Request-ID"] = "REQUEST_ID"
                if method == "get":  # service.caching gives every GET one
                    success["headers"]["Cache-Control"] = "CACHE_CONTROL"
                if "x-required-scope" in operation:  # counted against the partner's limits
                    success["headers"] |= RATE_LIMIT_HEADERS
                if "Content-Language" in success["headers"]:
                    operation.setdefault("parameters", []).append(ACCEPT_LANGUAGE_PARAMETER)
            # No partner keys yet: say so explicitly rather than leave security undefined.
            operation.setdefault("security", [])
            operation.setdefault("responses", {}).setdefault("406", "NOT_ACCEPTABLE")
            # Any path, query or key can carry a NUL character (422 `invalid_character`) or be
            # unparseable (400); any request line or header can be over gunicorn's limits (414,
            # 431, answered by service.gunicorn_worker in the same problem shape).
            for code, name in (
                ("400", "BAD_REQUEST"),
                ("422", "UNPROCESSABLE_ENTITY"),
                ("414", "REQUEST_URI_TOO_LONG"),
                ("431", "REQUEST_HEADER_FIELDS_TOO_LARGE"),
            ):
                operation["responses"].setdefault(code, name)
            if "requestBody" in operation:
                # Any body can also be malformed, too large or of the wrong media type.
                for code, name in (
                    ("413", "REQUEST_ENTITY_TOO_LARGE"),
                    ("415", "UNSUPPORTED_MEDIA_TYPE"),
                ):
                    operation["responses"].setdefault(code, name)
            operation["responses"].setdefault("500", "INTERNAL_SERVER_ERROR")
            operation["responses"].setdefault("503", "SERVICE_UNAVAILABLE")


def explicit_field_schema(self, field, ret, **kwargs):
    """A field whose `metadata["openapi_schema"]` states its schema outright gets exactly that.

    For values no single OpenAPI 3.0 type describes (an answer may be a boolean, a number, a
    choice or a list of choices, or null), where the generated `nullable` without a `type` is
    invalid.
    """
    explicit = field.metadata.get("openapi_schema")
    if explicit is None:
        return {}
    ret.clear()
    return dict(explicit)


# `null` and nothing else, spelled for OpenAPI 3.0 (`nullable` needs a `type`): generators read
# it as None, not as a model or a choice of their own.
NULL_ONLY = {"type": "object", "nullable": True, "enum": [None]}


def nullable_reference(self, field, ret, **kwargs):
    """A nullable nested schema as `anyOf: [{$ref}, NULL_ONLY]`.

    apispec's `anyOf: [{$ref}, {type: object, nullable: true}]` admits any object besides the
    reference, which generated clients turned into an extra empty model
    (`AssessmentResultOutOfScopeType0Type0`).
    """
    any_of = ret.get("anyOf")
    nullable_object = {"type": "object", "nullable": True}
    if not field.allow_none or not isinstance(any_of, list) or nullable_object not in any_of:
        return {}
    return {"anyOf": [NULL_ONLY if schema == nullable_object else schema for schema in any_of]}


def nullable_choice(self, field, ret, **kwargs):
    """A nullable choice as `anyOf: [{type, enum}, NULL_ONLY]`, no null among the choices.

    apispec's `enum: [..., null]` beside `nullable` gave generated clients three copies of the
    choice (`ProviderGenderType1`, `…Type2Type1`, `…Type3Type1`).
    """
    enum = ret.get("enum")
    if not field.allow_none or not isinstance(enum, list) or None not in enum or "type" not in ret:
        return {}
    values = [value for value in ret.pop("enum") if value is not None]
    ret.pop("nullable", None)
    return {"anyOf": [{"type": ret.pop("type"), "enum": values}, NULL_ONLY]}


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ProblemSchema

    def _init_spec(self, **kwargs):
        super()._init_spec(**kwargs)
        self.spec.components.schema(
            "ProblemCode",
            {
                "type": "string",
                "enum": list(errors.PROBLEM_CODES),
                "description": "Every `code` a problem of this API can carry today. New codes "
                "may be added without a new API version.",
            },
        )

    # Every error is documented per status; a catch-all `default` would only repeat them.
    DEFAULT_ERROR_RESPONSE_NAME = None

    def handle_http_exception(self, error):
        return errors.handle_http_exception(error)

    def _register_responses(self):
        """Error responses documented as application/problem+json, each with an example."""
        # Called by _init_spec right after the converter is made, and ERROR_SCHEMA is
        # converted below at once: our field conversions must be in place before.
        self.ma_plugin.converter.add_attribute_function(explicit_field_schema)
        self.ma_plugin.converter.add_attribute_function(nullable_reference)
        self.ma_plugin.converter.add_attribute_function(nullable_choice)
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
                response["example"] = problem_example(status)
                response["headers"] = {"X-Request-ID": "REQUEST_ID"}
                if status == 405:
                    response["headers"] |= {
                        "Allow": {"description": "Allowed methods", "schema": {"type": "string"}}
                    }
                if status in (429, 503):
                    response["headers"] |= {
                        "Retry-After": {
                            "description": "Seconds to wait before retrying",
                            "schema": {"type": "integer"},
                        }
                    }
                if status == 429:
                    response["headers"] |= RATE_LIMIT_HEADERS
                    response["description"] = TOO_MANY_REQUESTS
                    response["example"] = response["example"] | {
                        "detail": "Rate limit of 600 requests per minute exceeded; retry in 18 s.",
                        "violated_policies": ["minute"],
                    }
            prepare_response(response, self.spec, errors.PROBLEM_MEDIA_TYPE)
            self.spec.components.response(status.name, response, lazy=True)

    def _register_pagination_header(self):
        for name, header in RATE_LIMIT_HEADER_DOCS.items():
            self.spec.components.header(RATE_LIMIT_HEADERS[name], header, lazy=True)
        self.spec.components.header(
            "CACHE_CONTROL",
            {
                "description": "Who may keep this response, and for how long. Shared content and "
                "the questionnaire: `public, max-age=N`; anything about the calling partner or "
                "its searches: `private, no-cache` (revalidate with `If-None-Match`); assessment "
                "sessions and every error: `no-store`.",
                "schema": {"type": "string"},
            },
            lazy=True,
        )
        self.spec.components.header(
            "REQUEST_ID",
            {
                "description": "The request's id: the caller's `X-Request-ID` when it is 1-128 "
                "characters of `A-Za-z0-9._:-`, otherwise one we generate. Quote it in support requests.",
                "schema": {"type": "string"},
            },
            lazy=True,
        )
        # X-Pagination is JSON, so it is documented as content, not as a plain string.
        self.spec.components.header(
            "PAGINATION",
            {
                "description": "Pagination metadata (JSON).",
                "content": {"application/json": {"schema": PaginationMetadataSchema}},
            },
            lazy=True,
        )
        self.spec.components.header(
            "LINK",
            {
                "description": "RFC 8288 links to the first, prev, next and last pages.",
                "schema": {"type": "string"},
            },
            lazy=True,
        )


@dataclass(frozen=True)
class Representation:
    """A response body serialised once, with the digest its strong ETag is made from.

    Views whose data rarely changes cache these, so a request neither dumps nor hashes again.
    """

    body: bytes
    digest: str
    mimetype: str = "application/json"

    @classmethod
    def of(cls, data, mimetype: str = "application/json", *, extra=None) -> Representation:
        body = json_provider.dumps_bytes(data)
        # `extra` is what the body does not show but the response does (e.g. a list's total).
        digest = hashlib.sha256(body + repr(extra).encode()).hexdigest()
        return cls(body, digest, mimetype)


class ArgumentsParser(FlaskParser):
    """webargs' Flask parser, reading JSON bodies with `inputs.loads_json_body`: bounded depth
    and numbers, no NUL or unpaired surrogate (each a 400 problem instead of a 500)."""

    def _raw_load_json(self, req):
        if not is_json_request(req):
            return webargs_core.missing
        return inputs.loads_json_body(req.get_data(cache=True))


class Blueprint(flask_smorest.Blueprint):
    """Adds an RFC 8288 `Link` header next to `X-Pagination`, and the ETag on 304 responses."""

    ARGUMENTS_PARSER = ArgumentsParser()

    def paginate(self, pager=None, *, page=None, page_size=None, max_page_size=None):
        """flask-smorest's, with page numbers at most MAX_PAGE (a 422 past it): the offset of
        `?page=9223372036854775808` overflowed PostgreSQL's bigint and answered 500."""
        decorate = super().paginate(
            pager, page=page, page_size=page_size, max_page_size=max_page_size
        )

        def decorator(func):
            wrapper = decorate(func)
            # The schema class is made for this one view by flask-smorest; its instances (the
            # parser's and the spec's) copy this field.
            schema = wrapper._apidoc["pagination"]["parameters"]["schema"]
            schema._declared_fields["page"].validators = [ma.validate.Range(min=1, max=MAX_PAGE)]
            return wrapper

        return decorator

    def send(self, representation: Representation) -> Response:
        """Answer with a prepared representation, or 304 when If-None-Match holds its ETag.

        The ETag comes from the digest, not from re-hashing the body, and is set here on either
        response. The 304 is returned rather than raised (as set_etag would): the exception's
        trip through Flask's error handling was the larger part of a 304's cost.
        """
        etag = representation.digest
        quoted = f'"{etag}"'
        if_none_match = request.environ.get("HTTP_IF_NONE_MATCH")  # werkzeug's lookup raises
        if (
            if_none_match
            and request.method in self.METHODS_CHECKING_NOT_MODIFIED
            # The usual revalidation sends back exactly the one ETag it got: compared as text
            # before parsing the header for lists, weak tags and `*`. Weak comparison (RFC 9110
            # §13.1.2): a proxy that compresses turns our strong tag into W/"…", still a match.
            and (if_none_match == quoted or request.if_none_match.contains_weak(etag))
        ):
            return Response(status=304, headers=[("ETag", quoted)])
        return Response(
            representation.body, mimetype=representation.mimetype, headers=[("ETag", quoted)]
        )

    def _is_etag_enabled(self):
        # flask-smorest finds the current Api by walking the request's blueprints, on every
        # request; the setting is in the app's config (one Api, no config prefix).
        return not current_app.config.get("ETAG_DISABLED", False)

    def _set_etag_in_response(self, response):
        # `send` has set it already; flask-smorest computes it for the other views.
        if response.headers.get("ETag") is None:
            super()._set_etag_in_response(response)

    def send_json(self, data, status: int = 200) -> Response:
        """Answer with data that is already exactly its documented shape, without the schema's
        dump (a hot view's service builds that shape itself; a test holds it to the schema)."""
        return Response(json_provider.dumps_bytes(data), status=status, mimetype="application/json")

    def _check_not_modified(self, etag):
        # RFC 9110 §15.4.5: a 304 carries the ETag the 200 would have carried.
        if (
            request.method in self.METHODS_CHECKING_NOT_MODIFIED
            and request.if_none_match.contains_weak(etag)
        ):  # weak comparison, as in `send`
            not_modified = Response(status=304)
            not_modified.set_etag(etag)
            raise NotModified(response=not_modified)

    def _set_pagination_metadata(self, page_params, result, headers):
        result, headers = super()._set_pagination_metadata(page_params, result, headers)
        metadata = json.loads(headers[self.PAGINATION_HEADER_NAME])
        links = []
        for rel, key in (
            ("first", "first_page"),
            ("prev", "previous_page"),
            ("next", "next_page"),
            ("last", "last_page"),
        ):
            if key in metadata:
                query = request.args.to_dict(flat=False)
                query["page"] = [str(metadata[key])]
                query["page_size"] = [str(page_params.page_size)]
                url = f"{request.base_url}?{urlencode(query, doseq=True)}"
                links.append(f'<{url}>; rel="{rel}"')
        if links:
            headers["Link"] = ", ".join(links)
        return result, headers

    def _document_pagination_metadata(self, spec, resp_doc):
        super()._document_pagination_metadata(spec, resp_doc)
        resp_doc["headers"]["Link"] = "LINK"


class Resource(MethodView):
    """Base view: commits the request's session once the view succeeded (the edge of a request).

    `media_types` lists what the view can produce; the first is the default and any other
    Accept value is answered with 406. `consumes` lists the body media types it reads; any other
    is answered with 415.
    """

    media_types: tuple[str, ...] = ("application/json",)
    consumes: tuple[str, ...] = ("application/json",)

    def dispatch_request(self, *args, **kwargs):
        response = super().dispatch_request(*args, **kwargs)
        commit_request_session()
        return response
