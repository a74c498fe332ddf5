"""Content endpoints under /v1: thin views over service.py."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import Response, current_app, request

from service.api import (
    CONTENT_LANGUAGE,
    NEXT_LINK,
    Blueprint,
    Representation,
    Resource,
    next_link,
)
from service.content import examples, jsonld, service
from service.content.cache import cached
from service.content.schemas import (
    CarePathwaySchema,
    ChangesPageSchema,
    ChangesQueryArgsSchema,
    ConditionSchema,
    ConditionSummarySchema,
    ConditionTreatmentSchema,
    SearchQueryArgsSchema,
    SearchResultSchema,
    TreatmentQueryArgsSchema,
    TreatmentSchema,
    TreatmentSummarySchema,
)
from service.db import get_session
from service.negotiation import JSON, JSON_LD, preferred_media_type, request_locale
from service.partners.auth import require_scope

blp = Blueprint(
    "content",
    __name__,
    description="Conditions, treatments and the care pathway, in English and Spanish "
    "(`Accept-Language`), with full-text search and a changes feed for offline apps.",
)

NOT_FOUND = {"404": "NOT_FOUND"}
NOT_FOUND_OR_GONE = {"404": "NOT_FOUND", "410": "GONE"}


def _doc(
    operation_id: str,
    *,
    errors: dict[str, str] | None = None,
    jsonld_example: dict[str, Any] | None = None,
):
    responses: dict[int | str, Any] = dict(errors.items()) if errors else {}
    if jsonld_example is not None:
        responses[200] = {
            "content": {JSON_LD: {"schema": {"type": "object"}, "example": jsonld_example}}
        }
    return blp.doc(operationId=operation_id, responses=responses)


def _base_url() -> str:
    return current_app.config["SETTINGS"].public_base_url.rstrip("/") or request.host_url.rstrip(
        "/"
    )


def _send_page(pagination_parameters, key: tuple[Any, ...], schema_class, fetch) -> Response:
    """One page of a list, from the worker's cache; `fetch(session=, locale=, page=, page_size=)`
    returns (items, total). The total is set on the pagination parameters (for X-Pagination).
    As in `_send_item`, the schema is built only on a cache miss."""
    locale, page, size = (
        request_locale(),
        pagination_parameters.page,
        pagination_parameters.page_size,
    )

    def compute() -> tuple[Representation, int]:
        items, total = fetch(session=get_session(), locale=locale, page=page, page_size=size)
        return Representation.of(schema_class(many=True).dump(items), extra=total), total

    representation, pagination_parameters.item_count = cached((*key, locale, page, size), compute)
    return blp.send(representation)


def _send_item(slug: str, load, schema_class, to_jsonld) -> Response:
    """One condition or treatment, as JSON or as schema.org JSON-LD, from the worker's cache.

    The schema is built only on a cache miss: building one costs more than serving a hit.
    """
    locale = request_locale()

    def loaded():
        return load(session=get_session(), slug=slug, locale=locale)

    if preferred_media_type() == JSON_LD:
        base = _base_url()
        return blp.send(
            cached(
                (load.__name__, "ld", slug, locale, base),
                lambda: Representation.of(to_jsonld(loaded(), base), JSON_LD),
            )
        )
    return blp.send(
        cached(
            (load.__name__, slug, locale), lambda: Representation.of(schema_class().dump(loaded()))
        )
    )


@blp.after_request
def _cache_headers(response: Response) -> Response:
    if request.method in ("GET", "HEAD") and response.status_code in (200, 304):
        if request.endpoint == "content.ContentChanges":
            response.headers["Cache-Control"] = "no-cache"  # always revalidate; 304 is cheap
        else:
            max_age = current_app.config["SETTINGS"].content_cache_max_age
            response.headers["Cache-Control"] = f"public, max-age={max_age}"
    return response


@blp.route("/conditions")
class Conditions(Resource):
    @require_scope("content:read")
    @blp.etag
    @_doc("listConditions")
    @blp.response(
        200,
        ConditionSummarySchema(many=True),
        headers=CONTENT_LANGUAGE,
        example=[examples.CONDITION_SUMMARY],
    )
    @blp.paginate()
    def get(self, pagination_parameters):
        """List conditions that cause lower-back and leg pain."""
        return _send_page(
            pagination_parameters,
            ("conditions",),
            ConditionSummarySchema,
            partial(service.list_items, kind="condition"),
        )


@blp.route("/conditions/<slug>")
class ConditionBySlug(Resource):
    media_types = (JSON, JSON_LD)

    @require_scope("content:read")
    @blp.etag
    @_doc("getCondition", errors=NOT_FOUND_OR_GONE, jsonld_example=examples.CONDITION_JSONLD)
    @blp.response(200, ConditionSchema, headers=CONTENT_LANGUAGE, example=examples.CONDITION)
    def get(self, slug):
        """Get a condition: sections, symptoms, codes, treatments and citations."""
        return _send_item(slug, service.get_condition, ConditionSchema, jsonld.condition_jsonld)


@blp.route("/conditions/<slug>/treatments")
class ConditionTreatments(Resource):
    @require_scope("content:read")
    @blp.etag
    @_doc("listConditionTreatments", errors=NOT_FOUND_OR_GONE)
    @blp.response(
        200,
        ConditionTreatmentSchema(many=True),
        headers=CONTENT_LANGUAGE,
        example=[examples.CONDITION_TREATMENT],
    )
    def get(self, slug):
        """List the treatments that fit a condition, why, and at which care step."""
        locale = request_locale()
        return blp.send(
            cached(
                ("condition-treatments", slug, locale),
                lambda: Representation.of(
                    ConditionTreatmentSchema(many=True).dump(
                        service.list_condition_treatments(
                            session=get_session(), slug=slug, locale=locale
                        )
                    )
                ),
            )
        )


@blp.route("/treatments")
class Treatments(Resource):
    @require_scope("content:read")
    @blp.etag
    @_doc("listTreatments")
    @blp.arguments(TreatmentQueryArgsSchema(), location="query", as_kwargs=True)
    @blp.response(
        200,
        TreatmentSummarySchema(many=True),
        headers=CONTENT_LANGUAGE,
        example=[examples.TREATMENT_SUMMARY],
    )
    @blp.paginate()
    def get(self, pagination_parameters, family=None):
        """List treatments, optionally of one family."""
        return _send_page(
            pagination_parameters,
            ("treatments", family),
            TreatmentSummarySchema,
            partial(service.list_items, kind="treatment", family=family),
        )


@blp.route("/treatments/<slug>")
class TreatmentBySlug(Resource):
    media_types = (JSON, JSON_LD)

    @require_scope("content:read")
    @blp.etag
    @_doc("getTreatment", errors=NOT_FOUND_OR_GONE, jsonld_example=examples.TREATMENT_JSONLD)
    @blp.response(200, TreatmentSchema, headers=CONTENT_LANGUAGE, example=examples.TREATMENT)
    def get(self, slug):
        """Get a treatment: how it works, who it helps, what to expect, risks."""
        return _send_item(slug, service.get_treatment, TreatmentSchema, jsonld.treatment_jsonld)


@blp.route("/care-pathway")
class CarePathway(Resource):
    @require_scope("content:read")
    @blp.etag
    @_doc("getCarePathway")
    @blp.response(200, CarePathwaySchema, headers=CONTENT_LANGUAGE, example=examples.CARE_PATHWAY)
    def get(self):
        """Get the care pathway: conservative care first, then a pain-specialist consultation."""
        locale = request_locale()
        return blp.send(
            cached(
                ("care-pathway", locale),
                lambda: Representation.of(
                    CarePathwaySchema().dump(
                        service.get_care_pathway(session=get_session(), locale=locale)
                    )
                ),
            )
        )


@blp.route("/search")
class Search(Resource):
    @require_scope("content:read")
    @blp.etag
    @_doc("searchContent")
    @blp.arguments(SearchQueryArgsSchema(), location="query", as_kwargs=True)
    @blp.response(
        200,
        SearchResultSchema(many=True),
        headers=CONTENT_LANGUAGE,
        example=examples.SEARCH_RESULTS,
    )
    @blp.paginate()
    def get(self, pagination_parameters, q, kind=None):
        """Search all content in the request's language, best match first."""
        return _send_page(
            pagination_parameters,
            ("search", q, kind),
            SearchResultSchema,
            partial(service.search, q=q, kind=kind),
        )


@blp.route("/content/changes")
class ContentChanges(Resource):
    @require_scope("content:read")
    @blp.etag
    @blp.doc(operationId="listContentChanges", responses={400: "BAD_REQUEST"})
    @blp.arguments(ChangesQueryArgsSchema(), location="query", as_kwargs=True)
    @blp.response(200, ChangesPageSchema, example=examples.CHANGES, headers=NEXT_LINK)
    def get(self, limit, since=None):
        """List what changed or was withdrawn since a timestamp or cursor (offline sync)."""
        page = service.list_changes(session=get_session(), since=since, limit=limit)
        # The feed never ends: `next` is where the next sync starts, even on an empty page.
        return page, 200, next_link("since", page["next_cursor"])
