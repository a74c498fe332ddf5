"""API schemas of the locator: search arguments, responses, and the partner import record."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate, validates_schema

from service.locator import geo, languages
from service.locator.models import GENDERS, GEO_PRECISIONS, IMPORT_MODES
from service.locator.npi import is_valid_npi
from service.locator.query import MAX_RADIUS_MILES
from service.locator.specialties import specialties
from service.locator.zips import STATE_PATTERN, ZIP_PATTERN


class LanguageCode(fields.String):
    """An ISO 639-1, 639-2 or 639-3 code (or a tag such as `es-MX`), loaded as the stored form."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).setdefault(
            "description",
            "ISO 639-1, 639-2 or 639-3 code (`es`, `spa`); stored as the 639-1 code when there "
            "is one.",
        )
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        code = languages.normalise(super()._deserialize(value, attr, data, **kwargs))
        if code is None:
            raise ma.ValidationError("Not an ISO 639 language code such as `es` or `spa`.")
        return code


SOURCE_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"
# accepting_new_patients and telehealth: a record may not say, and then nothing is claimed.
UNKNOWN_FACT = "null: not known (e.g. loaded from NPPES, which does not say)."
ACCEPTING_DESCRIPTION = f"Whether they accept new patients; {UNKNOWN_FACT}"
TELEHEALTH_DESCRIPTION = f"Whether they offer telehealth visits; {UNKNOWN_FACT}"


def _known_specialty(code: str) -> None:
    if code not in specialties():
        raise ma.ValidationError("Unknown NUCC taxonomy code; see /v1/specialties.")


def _known_specialties(codes: list[str]) -> None:
    unknown = sorted(set(codes) - specialties().keys())
    if unknown:
        raise ma.ValidationError(
            f"Unknown NUCC taxonomy code(s): {', '.join(unknown)}; see /v1/specialties."
        )


def _valid_npi(value: str) -> None:
    if not is_valid_npi(value):
        raise ma.ValidationError("Not a valid NPI (10 digits with the Luhn check digit).")


class PhysicianQueryArgsSchema(ma.Schema):
    zip = fields.String(
        validate=validate.Regexp(ZIP_PATTERN, error="5 digits or ZIP+4 (12345-6789)."),
        metadata={"description": "Origin ZIP code (or give `lat` and `lon`)."},
    )
    city = fields.String(
        validate=[
            validate.Length(1, 100),
            validate.Regexp(r"^[^\x00-\x1f]*$", error="No control characters."),
        ],
        metadata={"description": "Origin city (with `state`), measured from its ZIPs' centroid."},
    )
    state = fields.String(
        validate=validate.Regexp(STATE_PATTERN, error="A two-letter USPS code such as `TX`."),
        metadata={"description": "The city's state or territory (USPS code), with `city`."},
    )
    lat = fields.Float(validate=validate.Range(-90, 90), metadata={"example": 40.7484})
    lon = fields.Float(validate=validate.Range(-180, 180), metadata={"example": -73.9967})
    npi = fields.String(
        validate=_valid_npi,
        metadata={
            "description": "Exact NPI. With no origin: every record of that NPI, anywhere "
            "(`distance` and `metadata.origin` are then null)."
        },
    )
    radius = fields.Float(
        load_default=25.0,
        validate=validate.Range(min=0, min_inclusive=False),
        metadata={"description": f"Search radius in `unit`; at most {MAX_RADIUS_MILES:g} mi."},
    )
    unit = fields.String(load_default="mi", validate=validate.OneOf(geo.UNITS))
    specialty = fields.List(
        fields.String(),
        load_default=list,
        validate=_known_specialties,
        metadata={
            "description": "NUCC taxonomy code; repeat for any of several. A classification's "
            "code (207L00000X) also finds its specializations (see /v1/specialties)."
        },
    )
    therapy = fields.List(
        fields.String(validate=validate.Length(1, 80)),
        load_default=list,
        metadata={"description": "Treatment slug from /v1/therapies; repeat for any of several."},
    )
    language = LanguageCode()
    accepting_new_patients = fields.Boolean(
        metadata={
            "description": "`true`: only physicians known to accept new patients; `false`: only "
            "those known not to. A physician whose record does not say (null) matches neither."
        }
    )
    telehealth = fields.Boolean(
        metadata={
            "description": "`true`: only physicians known to offer telehealth; `false`: only "
            "those known not to. A physician whose record does not say (null) matches neither."
        }
    )
    q = fields.String(
        validate=[
            validate.Length(1, 100),
            validate.Regexp(r"^[^\x00-\x1f]*$", error="No control characters."),
        ],
        metadata={"description": "Part of the name."},
    )
    limit = fields.Integer(load_default=20, validate=validate.Range(1, 50))
    cursor = fields.String(
        validate=validate.Length(1, 500),
        metadata={"description": "`next_cursor` of the previous page, with the same parameters."},
    )

    @validates_schema
    def _origin_and_radius(self, data, **_kwargs):
        given = [
            name
            for name, keys in (
                ("zip", ("zip",)),
                ("city", ("city", "state")),
                ("lat", ("lat", "lon")),
            )
            if any(key in data for key in keys)
        ]
        if len(given) > 1:
            raise ma.ValidationError(
                "Give one origin: `zip`, `city`+`state`, or `lat`+`lon`.", given[0]
            )
        if not given and "npi" not in data:
            raise ma.ValidationError(
                "Required: give `zip`, `city`+`state`, or both `lat` and `lon` (or an `npi`).",
                "zip",
            )
        pairs = {"city": ("city", "state"), "lat": ("lat", "lon")}
        for name in pairs.get(given[0] if given else "", ()):
            if name not in data:
                raise ma.ValidationError(f"Required with `{pairs[given[0]][0]}`.", name)
        if geo.to_km(data["radius"], data["unit"]) > geo.to_km(MAX_RADIUS_MILES, "mi") + 1e-9:
            raise ma.ValidationError(f"At most {MAX_RADIUS_MILES:g} mi (402.336 km).", "radius")


# --- responses ----------------------------------------------------------------------------


class SpecialtySchema(ma.Schema):
    code = fields.String(required=True, metadata={"example": "208VP0014X"})
    grouping = fields.String(required=True)
    classification = fields.String(required=True)
    specialization = fields.String(allow_none=True)
    display_name = fields.String(required=True)


class SpecialtyNodeSchema(SpecialtySchema):
    level = fields.String(
        required=True,
        validate=validate.OneOf(("classification", "specialization")),
        metadata={"description": "Its level in NUCC's hierarchy (groupings have no codes)."},
    )
    parent = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "The classification's code; null for a classification, or when "
            "NUCC's classification has no code of its own or is not pain-relevant as a whole."
        },
    )
    children = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Codes a search for this one also finds."},
    )


class ProviderTherapySchema(ma.Schema):
    slug = fields.String(required=True)
    href = fields.String(required=True)


class LocationSchema(ma.Schema):
    id = fields.Integer(required=True)
    name = fields.String(allow_none=True)
    address_line1 = fields.String(allow_none=True)
    address_line2 = fields.String(allow_none=True)
    city = fields.String(allow_none=True)
    state = fields.String(allow_none=True)
    zip = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    lat = fields.Float(required=True)
    lon = fields.Float(required=True)
    geo_precision = fields.String(
        required=True,
        validate=validate.OneOf(GEO_PRECISIONS),
        metadata={"description": "`zip_centroid` when the partner gave no coordinates."},
    )


class ProviderSchema(ma.Schema):
    id = fields.Integer(required=True)
    source = fields.String(
        required=True, metadata={"description": "The listing partner (its import namespace)."}
    )
    external_id = fields.String(
        allow_none=True, metadata={"description": "The partner's own id for the record."}
    )
    npi = fields.String(allow_none=True)
    name = fields.String(required=True)
    credentials = fields.String(allow_none=True)
    gender = fields.String(allow_none=True, validate=validate.OneOf(GENDERS))
    languages = fields.List(fields.String(), required=True)
    accepting_new_patients = fields.Boolean(
        required=True, allow_none=True, metadata={"description": ACCEPTING_DESCRIPTION}
    )
    telehealth = fields.Boolean(
        required=True, allow_none=True, metadata={"description": TELEHEALTH_DESCRIPTION}
    )
    bio = fields.String(allow_none=True)
    specialties = fields.List(fields.Nested(SpecialtySchema), required=True)
    therapies = fields.List(fields.Nested(ProviderTherapySchema), required=True)
    href = fields.String(required=True)
    # A string already: search pages are sent without a dump (routes.py), so the service
    # writes the ISO 8601 text a DateTime field would.
    updated_at = fields.String(
        required=True,
        metadata={
            "format": "date-time",
            "description": "When an import or deactivation last changed it (ISO 8601).",
        },
    )


class ProviderDetailSchema(ProviderSchema):
    locations = fields.List(fields.Nested(LocationSchema), required=True)


class PhysicianResultSchema(ma.Schema):
    distance = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "In the requested unit; null for an NPI lookup (no origin)."},
    )
    provider = fields.Nested(ProviderSchema, required=True)
    location = fields.Nested(
        LocationSchema, required=True, metadata={"description": "Nearest matching location."}
    )


class OriginSchema(ma.Schema):
    method = fields.String(
        required=True,
        validate=validate.OneOf(("zip", "city", "coordinates")),
        metadata={
            "description": "How the origin was given: `zip`, `city`+`state`, or `lat`+`lon`."
        },
    )
    zip = fields.String(allow_none=True)
    city = fields.String(allow_none=True, metadata={"description": "The ZIP's or the city's."})
    state = fields.String(allow_none=True)
    lat = fields.Float(required=True)
    lon = fields.Float(required=True)
    precision = fields.String(
        required=True,
        validate=validate.OneOf(("exact", "zip_centroid", "city_centroid")),
        metadata={
            "description": "`zip_centroid`: the ZIP's centroid; `city_centroid`: its city's, for "
            "a live ZIP the centroid data has no location for; `exact`: the coordinates given."
        },
    )


class ProviderReferenceSchema(ma.Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    href = fields.String(required=True)


class NearestMatchSchema(ma.Schema):
    distance = fields.Float(required=True, metadata={"description": "In the requested unit."})
    provider = fields.Nested(ProviderReferenceSchema, required=True)


class ZeroResultHintSchema(ma.Schema):
    nearest = fields.Nested(
        NearestMatchSchema,
        allow_none=True,
        metadata={"description": "The closest match anywhere; null when nothing matches."},
    )
    suggested_radius = fields.Float(
        allow_none=True,
        metadata={
            "description": f"A radius (whole units) that reaches `nearest`; null when it is "
            f"farther than the maximum, {MAX_RADIUS_MILES:g} mi."
        },
    )
    message = fields.String(required=True, metadata={"description": "The hint in a sentence."})


class PhysicianSearchMetadataSchema(ma.Schema):
    origin = fields.Nested(
        OriginSchema,
        required=True,
        allow_none=True,
        metadata={"description": "Null for an NPI lookup without an origin."},
    )
    radius = fields.Float(required=True, allow_none=True)
    unit = fields.String(required=True)
    count = fields.Integer(required=True)
    nearest_outside_radius = fields.Float(
        allow_none=True,
        metadata={"description": "When nothing is in range: distance to the closest match."},
    )
    zero_result_hint = fields.Nested(
        ZeroResultHintSchema,
        allow_none=True,
        metadata={"description": "On a first page with no results: what to try instead."},
    )
    attribution = fields.String(allow_none=True)


class PhysicianSearchPageSchema(ma.Schema):
    results = fields.List(fields.Nested(PhysicianResultSchema), required=True)
    next_cursor = fields.String(
        allow_none=True, metadata={"description": "Pass as `cursor` for the next page (opaque)."}
    )
    metadata = fields.Nested(PhysicianSearchMetadataSchema, required=True)


class AttributionSchema(ma.Schema):
    data = fields.List(fields.Dict(), required=True)


class ImportErrorSchema(ma.Schema):
    line = fields.Integer(required=True)
    field = fields.String(allow_none=True)
    message = fields.String(required=True)


class DeactivationSchema(ma.Schema):
    id = fields.Integer(required=True)
    external_id = fields.String(allow_none=True)
    active = fields.Boolean(required=True, metadata={"description": "Always false."})
    deactivated_at = fields.String(required=True, metadata={"format": "date-time"})
    href = fields.String(required=True, metadata={"description": "Answers 410 from now on."})


class ImportQueryArgsSchema(ma.Schema):
    mode = fields.String(
        load_default="merge",
        validate=validate.OneOf(IMPORT_MODES),
        metadata={
            "description": "`merge` upserts the file's records; `sync` also deactivates the "
            "partner's physicians the file does not list."
        },
    )


class ImportReportSchema(ma.Schema):
    source = fields.String(required=True)
    mode = fields.String(required=True, validate=validate.OneOf(IMPORT_MODES))
    created = fields.Integer(required=True)
    updated = fields.Integer(required=True)
    unchanged = fields.Integer(required=True)
    deactivated = fields.Integer(
        required=True, metadata={"description": "Records not in a `sync` file (0 for merge)."}
    )
    errors = fields.List(fields.Nested(ImportErrorSchema), required=True)


# --- the partner import record (one NDJSON line; CSV rows are mapped onto it) --------------


class LocationRecordSchema(ma.Schema):
    name = fields.String(load_default=None, validate=validate.Length(max=200))
    address_line1 = fields.String(load_default=None, validate=validate.Length(max=200))
    address_line2 = fields.String(load_default=None, validate=validate.Length(max=200))
    city = fields.String(load_default=None, validate=validate.Length(max=100))
    state = fields.String(load_default=None, validate=validate.Regexp(r"^[A-Z]{2}$"))
    zip = fields.String(load_default=None, validate=validate.Regexp(ZIP_PATTERN))
    phone = fields.String(load_default=None, validate=validate.Length(max=32))
    lat = fields.Float(load_default=None, validate=validate.Range(-90, 90))
    lon = fields.Float(load_default=None, validate=validate.Range(-180, 180))

    @validates_schema
    def _coordinates_or_zip(self, data, **_kwargs):
        if (data["lat"] is None) != (data["lon"] is None):
            raise ma.ValidationError("Give both `lat` and `lon`, or neither.", "lat")
        if data["lat"] is None and data["zip"] is None:
            raise ma.ValidationError("Give `lat`+`lon` or a `zip` to geocode.", "zip")


class ProviderRecordSchema(ma.Schema):
    external_id = fields.String(load_default=None, validate=validate.Length(1, 128))
    npi = fields.String(load_default=None, validate=_valid_npi)
    name = fields.String(required=True, validate=validate.Length(1, 200))
    credentials = fields.String(load_default=None, validate=validate.Length(max=80))
    gender = fields.String(load_default=None, validate=validate.OneOf(GENDERS))
    languages = fields.List(LanguageCode(), load_default=list)
    # Absent or null: not known (stored null, matched by neither filter value); never a default
    # that claims something the partner did not say.
    accepting_new_patients = fields.Boolean(
        load_default=None,
        allow_none=True,
        metadata={"description": f"{ACCEPTING_DESCRIPTION} Absent or empty: null."},
    )
    telehealth = fields.Boolean(
        load_default=None,
        allow_none=True,
        metadata={"description": f"{TELEHEALTH_DESCRIPTION} Absent or empty: null."},
    )
    bio = fields.String(load_default=None, validate=validate.Length(max=4000))
    specialties = fields.List(fields.String(validate=_known_specialty), load_default=list)
    therapies = fields.List(fields.String(validate=validate.Length(1, 80)), load_default=list)
    locations = fields.List(
        fields.Nested(LocationRecordSchema), required=True, validate=validate.Length(1, 20)
    )

    @validates_schema
    def _has_key(self, data, **_kwargs):
        if not data.get("external_id") and not data.get("npi"):
            raise ma.ValidationError(
                "Give `external_id` or `npi` to identify the record.", "external_id"
            )
