"""Assessment endpoints under /v1: thin views over service.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Response, current_app, g, json, request

from service.api import CONTENT_LANGUAGE, LOCATION, Blueprint, ProblemSchema, Resource
from service.assessment import examples, fhir, service
from service.assessment.definitions import default_ruleset
from service.assessment.schemas import (
    AssessmentAnswersSchema,
    AssessmentQuestionnaireSchema,
    AssessmentResultSchema,
    AssessmentSchema,
)
from service.db import get_session
from service.errors import PROBLEM_MEDIA_TYPE
from service.negotiation import JSON, preferred_media_type, request_locale
from service.partners.auth import require_scope

FHIR_JSON = "application/fhir+json"

blp = Blueprint(
    "assessment",
    __name__,
    description="Symptom assessment: one versioned questionnaire and an explainable triage engine. "
    "Triage and education, never a diagnosis (`disclaimer_code: not_diagnosis`).",
)

# Response docs keyed by status code (flask-smorest's `responses=`).
INVALID: dict[str, Any] = {
    "422": {
        "description": "Unknown question, wrong type, out of range, or not enabled.",
        "content": {
            PROBLEM_MEDIA_TYPE: {"schema": ProblemSchema, "example": examples.INVALID_ANSWERS}
        },
        "headers": {"X-Request-ID": "REQUEST_ID"},
    }
}
NOT_FOUND_OR_INVALID: dict[str, Any] = {"404": "NOT_FOUND"} | INVALID
SESSION_ETAG = {
    "ETag": {
        "description": "The version of the session's answers. Send it back in `If-Match` on "
        "PUT .../answers to be told (412 `session_changed`) when someone else changed them.",
        "schema": {"type": "string"},
    }
}
CHANGED: dict[str, Any] = {
    "412": {
        "description": "If-Match does not hold the session's current ETag: GET it again.",
        "content": {
            PROBLEM_MEDIA_TYPE: {"schema": ProblemSchema, "example": examples.SESSION_CHANGED}
        },
        "headers": {"X-Request-ID": "REQUEST_ID"},
    }
}


def _with_etag(view: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None):
    """The session's body, and its version as a strong ETag header."""
    etag = view.pop("etag")
    return view, status, {"ETag": f'"{etag}"', **(headers or {})}


def _if_match():
    """The If-Match test for a PUT, or None when the client sent none (last writer wins)."""
    condition = request.if_match
    if not request.headers.get("If-Match"):
        return None
    return lambda etag: condition.star_tag or condition.contains(etag)


def _doc(operation_id: str, *, errors: dict[Any, Any] | None = None):
    return blp.doc(operationId=operation_id, responses=dict(errors or {}))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _ttl_days() -> int:
    days: int = current_app.config["SETTINGS"].assessment_ttl_days
    return days


@blp.after_request
def _cache_headers(response: Response) -> Response:
    if request.endpoint == "assessment.Questionnaire":
        max_age = current_app.config["SETTINGS"].content_cache_max_age
        response.headers["Cache-Control"] = f"public, max-age={max_age}"
    else:
        response.headers["Cache-Control"] = "no-store"  # answers about someone's health
    return response


@blp.route("/assessment/questionnaire")
class Questionnaire(Resource):
    media_types = (JSON, FHIR_JSON)

    @require_scope("assessment:read")
    @blp.etag
    @_doc(
        "getQuestionnaire",
        errors={
            200: {
                "content": {
                    FHIR_JSON: {
                        "schema": {"type": "object"},
                        "example": examples.FHIR_QUESTIONNAIRE,
                    }
                }
            }
        },
    )
    @blp.response(
        200, AssessmentQuestionnaireSchema, headers=CONTENT_LANGUAGE, example=examples.QUESTIONNAIRE
    )
    def get(self):
        """Get the questionnaire (red flags first), or a FHIR R4 Questionnaire."""
        locale = request_locale()
        if preferred_media_type() == FHIR_JSON:
            resource = fhir.questionnaire_resource(default_ruleset().questionnaire, locale)
            blp.set_etag(resource)  # its own ETag: another representation
            return Response(json.dumps(resource), mimetype=FHIR_JSON)
        return service.questionnaire(locale=locale)


@blp.route("/assessments/evaluate")
class AssessmentEvaluation(Resource):
    @require_scope("assessment:write")
    @_doc("evaluateAssessment", errors=INVALID)
    @blp.arguments(AssessmentAnswersSchema(), example=examples.ANSWERS)
    @blp.response(200, AssessmentResultSchema, headers=CONTENT_LANGUAGE, example=examples.RESULT)
    def post(self, body):
        """Evaluate answers without storing anything: urgency, conditions, pathway, reasons."""
        # The result is already AssessmentResultSchema's shape; dumping it again cost 0.18 ms.
        return blp.send_json(
            service.evaluate(
                answers=body["answers"], locale=request_locale(), country=g.partner.country
            )
        )


@blp.route("/assessments")
class Assessments(Resource):
    @require_scope("assessment:write")
    @_doc("createAssessment", errors=INVALID)
    @blp.arguments(AssessmentAnswersSchema(), example=examples.ANSWERS)
    @blp.response(
        201,
        AssessmentSchema,
        example=examples.ASSESSMENT,
        headers=CONTENT_LANGUAGE | LOCATION | SESSION_ETAG,
    )
    def post(self, body):
        """Start an anonymous assessment session, optionally with pre-filled answers."""
        created = service.create_session(
            session=get_session(),
            answers=body["answers"],
            locale=request_locale(),
            now=_now(),
            ttl_days=_ttl_days(),
            partner_id=g.partner.id,
            country=g.partner.country,
        )
        return _with_etag(created, 201, {"Location": f"/v1/assessments/{created['id']}"})


@blp.route("/assessments/<uuid:assessment_id>")
class AssessmentById(Resource):
    # A session is read right after it is written: a lagging replica would answer 404.
    reads_from_replica = False

    @require_scope("assessment:read")
    @_doc("getAssessment", errors={"404": "NOT_FOUND"})
    @blp.response(
        200, AssessmentSchema, headers=CONTENT_LANGUAGE | SESSION_ETAG, example=examples.ASSESSMENT
    )
    def get(self, assessment_id):
        """Get a session: answers, next questions, whether it is complete, the current result."""
        return _with_etag(
            service.get_session(
                session=get_session(),
                session_id=assessment_id,
                locale=request_locale(),
                now=_now(),
                partner_id=g.partner.id,
                country=g.partner.country,
            )
        )


@blp.route("/assessments/<uuid:assessment_id>/answers")
class AssessmentAnswers(Resource):
    @require_scope("assessment:write")
    @_doc("putAssessmentAnswers", errors=NOT_FOUND_OR_INVALID | CHANGED)
    @blp.arguments(AssessmentAnswersSchema(), example=examples.ANSWERS_UPDATE)
    @blp.doc(
        parameters=[
            {
                "in": "header",
                "name": "If-Match",
                "required": False,
                "schema": {"type": "string"},
                "description": "The ETag of the version you read; 412 if the session changed since.",
            }
        ]
    )
    @blp.response(
        200, AssessmentSchema, headers=CONTENT_LANGUAGE | SESSION_ETAG, example=examples.ASSESSMENT
    )
    def put(self, body, assessment_id):
        """Set or change answers (null removes one); answers hidden by the change are dropped."""
        return _with_etag(
            service.put_answers(
                session=get_session(),
                session_id=assessment_id,
                answers=body["answers"],
                locale=request_locale(),
                now=_now(),
                ttl_days=_ttl_days(),
                partner_id=g.partner.id,
                country=g.partner.country,
                if_match=_if_match(),
            )
        )
