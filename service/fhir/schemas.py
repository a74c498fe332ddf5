"""FHIR search parameters: tokens, references and `near`, parsed into what service.py takes.

FHIR's rules: a comma separates values of which any may match (OR); a repeated parameter must
match too (AND). A parameter we do not support is a 400 `unsupported_search_parameter` naming
it (never silently ignored: a client would read an unfiltered page as the answer).
"""

from __future__ import annotations

import math
import re
from typing import Any

import marshmallow as ma
from marshmallow import fields, post_load, pre_load, validate

from service.errors import Problem
from service.fhir import resources
from service.fhir.service import CURSOR_PARAMETER, Near, Paging, record_id
from service.locator import geo
from service.locator import service as locator_service

DEFAULT_COUNT = 20
MAX_COUNT = 50  # the locator's largest page
DEFAULT_NEAR_DISTANCE = (25.0, "mi")  # the locator's default radius
NEAR_UNITS = {"mi": "mi", "[mi_i]": "mi", "km": "km"}  # ours, and UCUM's
FORMATS = ("json", "application/json", "application/fhir+json")


class UnsupportedSearchParameterProblem(Problem):
    status = 400
    code = "unsupported_search_parameter"


class Token(fields.String):
    """`[system]|code` or `code`, comma-separated: a tuple of (system or None, code)."""

    def _deserialize(self, value, attr, data, **kwargs):
        tokens = []
        for part in super()._deserialize(value, attr, data, **kwargs).split(","):
            system, bar, code = part.rpartition("|")
            if not code:
                raise ma.ValidationError("Give `system|code` or `code`, comma-separated.")
            tokens.append((system or None if bar else None, code))
        return tuple(tokens)


class Ids(fields.String):
    """Comma-separated resource ids: the set of those we could have issued (others match
    nothing)."""

    def _deserialize(self, value, attr, data, **kwargs):
        parts = super()._deserialize(value, attr, data, **kwargs).split(",")
        return frozenset(found for part in parts if (found := record_id(part)) is not None)


class References(fields.String):
    """Comma-separated references to one resource type: `Location/7`, `7` or an absolute URL
    ending in `Location/7`."""

    def __init__(self, resource_type: str, **kwargs):
        self.resource_type = resource_type
        self.pattern = re.compile(rf"(?:(?:.*/)?{resource_type}/)?([0-9]+)")
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        ids = set()
        for part in super()._deserialize(value, attr, data, **kwargs).split(","):
            matched = self.pattern.fullmatch(part)
            if matched is None:
                raise ma.ValidationError(
                    f"A {self.resource_type} reference: `{self.resource_type}/7` or `7`."
                )
            if (found := record_id(matched.group(1))) is not None:
                ids.add(found)
        return frozenset(ids)


class NearPoint(fields.String):
    """`lat|lon|distance|unit` (FHIR R4 `near`): unit `mi`, `[mi_i]` or `km` (km when only the
    distance is given, as FHIR says); 25 mi without a distance; at most the locator's 250 mi."""

    def _deserialize(self, value, attr, data, **kwargs):
        parts = super()._deserialize(value, attr, data, **kwargs).split("|")
        if not 2 <= len(parts) <= 4:
            raise ma.ValidationError("Give `lat|lon|distance|unit`, e.g. `40.75|-73.99|10|mi`.")
        try:
            lat, lon = float(parts[0]), float(parts[1])
            distance, unit = (
                (float(parts[2]), parts[3] if len(parts) == 4 else "km")
                if len(parts) > 2
                else DEFAULT_NEAR_DISTANCE
            )
        except ValueError:
            raise ma.ValidationError("Latitude, longitude and distance must be numbers.") from None
        if not (
            math.isfinite(lat) and -90 <= lat <= 90 and math.isfinite(lon) and -180 <= lon <= 180
        ):
            raise ma.ValidationError("Latitude -90 to 90, longitude -180 to 180.")
        if unit not in NEAR_UNITS:
            raise ma.ValidationError("Unit `mi` (or UCUM `[mi_i]`) or `km`.")
        unit = NEAR_UNITS[unit]
        max_radius = locator_service.MAX_RADIUS_MILES
        if not (math.isfinite(distance) and distance > 0) or (
            geo.to_km(distance, unit) > geo.to_km(max_radius, "mi") + 1e-9
        ):
            raise ma.ValidationError(
                f"Distance above 0 and at most {max_radius:g} mi (402.336 km)."
            )
        return Near(lat, lon, distance, unit)


class FhirArgsSchema(ma.Schema):
    """What every FHIR interaction takes (`_format`); anything else is refused by name."""

    class Meta:
        unknown = ma.EXCLUDE  # refused before loading, in `_supported`

    format = fields.String(
        data_key="_format",
        validate=validate.OneOf(FORMATS),
        metadata={"description": "FHIR's `_format`; JSON only (Accept works too)."},
    )

    @pre_load
    def _supported(self, data, **_kwargs):
        supported = {field.data_key or name for name, field in self.fields.items()}
        unknown = sorted(set(data) - supported)
        if unknown:
            raise UnsupportedSearchParameterProblem(
                f"Unsupported parameter(s): {', '.join(unknown)}; see /v1/fhir/metadata.",
                errors=[
                    {"in": "query", "name": name, "message": "Not supported by this server."}
                    for name in unknown
                ],
                supported=sorted(supported),
            )
        return data

    @post_load
    def _arguments(self, data, **_kwargs):
        data.pop("format", None)  # JSON is all we serve
        return self.arguments(data)

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        """The loaded parameters as the service's keyword arguments."""
        return data


class SearchArgsSchema(FhirArgsSchema):
    """What every search takes: `_count` (capped at 50), `_cursor` (from a `next` link), `_id`."""

    count = fields.Integer(
        data_key="_count",
        load_default=DEFAULT_COUNT,
        validate=validate.Range(min=1),
        metadata={"description": f"Page size; larger values are served as {MAX_COUNT}."},
    )
    cursor = fields.String(
        data_key=CURSOR_PARAMETER,
        validate=validate.Length(1, 500),
        metadata={"description": "Opaque: follow the Bundle's `next` link rather than build it."},
    )
    ids = fields.List(
        Ids(),
        data_key="_id",
        load_default=list,
        metadata={"description": "Resource ids, comma-separated (any of them)."},
    )

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        """Paging, and each repeated parameter as a tuple (FHIR: all must match)."""
        paging = Paging(min(data.pop("count"), MAX_COUNT), data.pop("cursor", None))
        arguments = {
            name: tuple(value) if isinstance(value, list) else value for name, value in data.items()
        }
        for name in ("include", "revinclude"):
            if name in arguments:
                arguments[name] = frozenset(arguments[name])
        return arguments | {"paging": paging}


def include_field(*allowed: str, data_key: str = "_include") -> fields.List[Any]:
    return fields.List(
        fields.String(validate=validate.OneOf(allowed)),
        data_key=data_key,
        load_default=list,
        metadata={"description": f"`{'`, `'.join(allowed)}`."},
    )


class PractitionerSearchArgsSchema(SearchArgsSchema):
    identifier = fields.List(
        Token(),
        load_default=list,
        metadata={
            "description": f"`{resources.NPI_SYSTEM}|1234567893`, a bare NPI, or our id "
            f"(`{resources.PHYSICIAN_ID_SYSTEM}|42`)."
        },
    )


class PractitionerRoleSearchArgsSchema(SearchArgsSchema):
    practitioner = fields.List(
        References("Practitioner"),
        load_default=list,
        metadata={"description": "`Practitioner/42` (comma-separated: any of them)."},
    )
    location = fields.List(
        References("Location"),
        load_default=list,
        metadata={"description": "`Location/311` (comma-separated: any of them)."},
    )
    specialty = fields.List(
        Token(),
        load_default=list,
        metadata={
            "description": f"NUCC taxonomy code, `{resources.NUCC_SYSTEM}|208VP0014X` or "
            "`208VP0014X` (comma-separated: any of them)."
        },
    )
    include = include_field(
        "PractitionerRole:practitioner", "PractitionerRole:location", "PractitionerRole:service"
    )

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        # A code of another system is no NUCC code: it matches nothing (an empty group).
        data["specialty"] = [
            frozenset(code for system, code in group if system in (None, resources.NUCC_SYSTEM))
            for group in data["specialty"]
        ]
        return super().arguments(data)


class LocationSearchArgsSchema(SearchArgsSchema):
    near = NearPoint(
        metadata={
            "description": "`lat|lon|distance|unit`, unit `mi` or `km`, e.g. "
            "`40.7484|-73.9967|10|mi`: each physician's nearest location within the "
            "distance, nearest first (exactly /v1/physicians?lat=&lon=&radius=)."
        },
    )
    include = include_field("Location:organization")
    revinclude = include_field("PractitionerRole:location", data_key="_revinclude")
