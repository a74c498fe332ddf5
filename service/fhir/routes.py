"""FHIR R4 endpoints under /v1/fhir: thin views over service.py (reads and searches only)."""

from __future__ import annotations

from typing import Any

from flask import current_app, request, url_for

from service.api import Blueprint, ProblemSchema, Representation, Resource
from service.db import get_session
from service.errors import PROBLEM_MEDIA_TYPE
from service.fhir import capability, examples, service
from service.fhir.schemas import (
    FhirArgsSchema,
    LocationSearchArgsSchema,
    PractitionerRoleSearchArgsSchema,
    PractitionerSearchArgsSchema,
)
from service.negotiation import JSON, preferred_media_type
from service.partners.auth import require_scope

FHIR_JSON = "application/fhir+json"
# FHIR clients may name the version (FHIR R4 3.1.0.7): R4 is "4.0"; any other version is a 406.
FHIR_R4_JSON = f"{FHIR_JSON}; fhirVersion=4.0"

blp = Blueprint(
    "FHIR",
    __name__,
    description="A read-only FHIR R4 view of the physician directory in the Da Vinci Plan-Net "
    "shape: Practitioner, PractitionerRole, HealthcareService, Location (with `near`), "
    "Organization and the "
    "CapabilityStatement. Bodies are `application/fhir+json` (or `application/json`). Errors "
    "are `application/problem+json` with a stable `code` like the rest of this API, not FHIR "
    "OperationOutcome: one error contract for every partner, whatever the endpoint.",
)

FHIR_RESOURCE = {
    "type": "object",
    "required": ["resourceType"],
    "properties": {"resourceType": {"type": "string"}, "id": {"type": "string"}},
    "additionalProperties": True,
    "description": "A FHIR R4 resource (JSON); see the Plan-Net profile in `meta.profile`.",
}


def _problem(description: str, example: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": description,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": ProblemSchema, "example": example}},
        "headers": {"X-Request-ID": "REQUEST_ID"},
    }


UNSUPPORTED = {
    "400": _problem(
        "A parameter this server does not support (named in `errors`, with the `supported` list).",
        examples.UNSUPPORTED_PARAMETER,
    ),
}
READ_ERRORS = UNSUPPORTED | {
    "404": "NOT_FOUND",
    "410": _problem("The physician was deactivated by their partner.", examples.DEACTIVATED),
}
SEARCH_ERRORS = UNSUPPORTED


def _doc(operation_id: str, example: dict[str, Any], errors: dict[str, Any] | None = None):
    content = {"schema": FHIR_RESOURCE, "example": example}
    success = {
        "description": f"A FHIR `{example['resourceType']}`.",
        "content": {FHIR_JSON: content, JSON: content},
    }
    responses: dict[Any, Any] = {200: success, **(errors or {})}
    return blp.doc(operationId=operation_id, responses=responses)


def _base_url() -> str:
    """Where this FHIR server lives, for `fullUrl` and paging links."""
    path = url_for("FHIR.Metadata").removesuffix("/metadata")
    public = current_app.config["SETTINGS"].public_base_url.rstrip("/")
    return (public or request.host_url.rstrip("/")) + path


def _query() -> list[tuple[str, str]]:
    return list(request.args.items(multi=True))


def _send(resource: dict[str, Any]):
    media_type = FHIR_JSON if preferred_media_type() == FHIR_R4_JSON else preferred_media_type()
    # Two representations (same JSON, two media types) get two ETags.
    return blp.send(Representation.of(resource, media_type, extra=media_type))


class FhirResource(Resource):
    media_types = (FHIR_JSON, JSON, FHIR_R4_JSON)


@blp.route("/metadata")
class Metadata(FhirResource):
    @require_scope("locator:read")
    @blp.etag
    @_doc("getFhirCapabilityStatement", examples.CAPABILITY_STATEMENT, UNSUPPORTED)
    @blp.arguments(FhirArgsSchema(), location="query", as_kwargs=True)
    def get(self):
        """Get the FHIR CapabilityStatement: exactly the reads and searches served here."""
        return _send(capability.capability_statement(_base_url()))


@blp.route("/Practitioner")
class Practitioners(FhirResource):
    @require_scope("locator:read")
    @blp.etag
    @_doc("searchFhirPractitioners", examples.PRACTITIONER_BUNDLE, SEARCH_ERRORS)
    @blp.arguments(PractitionerSearchArgsSchema(), location="query", as_kwargs=True)
    def get(self, **arguments):
        """Search Practitioners by NPI `identifier` or `_id` (all, by id, without either)."""
        return _send(
            service.search_practitioners(
                session=get_session(), base_url=_base_url(), query=_query(), **arguments
            )
        )


@blp.route("/Practitioner/<int:provider_id>")
class PractitionerById(FhirResource):
    @require_scope("locator:read")
    @blp.etag
    @_doc("getFhirPractitioner", examples.PRACTITIONER, READ_ERRORS)
    @blp.arguments(FhirArgsSchema(), location="query", as_kwargs=True)
    def get(self, provider_id):
        """Get a Practitioner (Plan-Net): name, NPI, degrees, languages."""
        return _send(service.read_practitioner(session=get_session(), provider_id=provider_id))


@blp.route("/PractitionerRole")
class PractitionerRoles(FhirResource):
    @require_scope("locator:read")
    @blp.etag
    @_doc("searchFhirPractitionerRoles", examples.PRACTITIONER_ROLE_BUNDLE, SEARCH_ERRORS)
    @blp.arguments(PractitionerRoleSearchArgsSchema(), location="query", as_kwargs=True)
    def get(self, **arguments):
        """Search PractitionerRoles by NUCC `specialty`, `location` or `practitioner`."""
        return _send(
            service.search_practitioner_roles(
                session=get_session(), base_url=_base_url(), query=_query(), **arguments
            )
        )


@blp.route("/PractitionerRole/<int:provider_id>")
class PractitionerRoleById(FhirResource):
    @require_scope("locator:read")
    @blp.etag
    @_doc("getFhirPractitionerRole", examples.PRACTITIONER_ROLE, READ_ERRORS)
    @blp.arguments(FhirArgsSchema(), location="query", as_kwargs=True)
    def get(self, provider_id):
        """Get a PractitionerRole (Plan-Net): specialties, locations, accepting new patients."""
        return _send(service.read_practitioner_role(session=get_session(), provider_id=provider_id))


@blp.route("/HealthcareService/<int:provider_id>")
class HealthcareServiceById(FhirResource):
    @require_scope("locator:read")
    @blp.etag
    @_doc("getFhirHealthcareService", examples.HEALTHCARE_SERVICE, READ_ERRORS)
    @blp.arguments(FhirArgsSchema(), location="query", as_kwargs=True)
    def get(self, provider_id):
        """Get a HealthcareService (Plan-Net): a physician's treatments, in person or virtual."""
        return _send(
            service.read_healthcare_service(session=get_session(), provider_id=provider_id)
        )


@blp.route("/Location")
class Locations(FhirResource):
    @require_scope("locator:read")
    @blp.etag
    @_doc("searchFhirLocations", examples.LOCATION_BUNDLE, SEARCH_ERRORS)
    @blp.arguments(LocationSearchArgsSchema(), location="query", as_kwargs=True)
    def get(self, **arguments):
        """Search Locations `near` a point, nearest first: the locator's radius search."""
        return _send(
            service.search_locations(
                session=get_session(), base_url=_base_url(), query=_query(), **arguments
            )
        )


@blp.route("/Location/<int:location_id>")
class LocationById(FhirResource):
    @require_scope("locator:read")
    @blp.etag
    @_doc("getFhirLocation", examples.LOCATION_RESOURCE, READ_ERRORS)
    @blp.arguments(FhirArgsSchema(), location="query", as_kwargs=True)
    def get(self, location_id):
        """Get a Location (Plan-Net): address, position, phone, practice."""
        return _send(service.read_location(session=get_session(), location_id=location_id))


@blp.route("/Organization/<int:organization_id>")
class OrganizationById(FhirResource):
    @require_scope("locator:read")
    @blp.etag
    @_doc("getFhirOrganization", examples.ORGANIZATION, READ_ERRORS)
    @blp.arguments(FhirArgsSchema(), location="query", as_kwargs=True)
    def get(self, organization_id):
        """Get an Organization (Plan-Net): the practice at a named location (same id)."""
        return _send(
            service.read_organization(session=get_session(), organization_id=organization_id)
        )
