"""What a locator search is made of: its origin, filters, keyset cursor and the fields it shows.

Both the SQL (sql.py) and the row-to-dict mapping (providers.py) import these; neither imports
the other's module, so there is no import loop.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections import namedtuple
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from service import inputs
from service.errors import InvalidParameterProblem

MAX_RADIUS_MILES = 250.0
CURSOR_VERSION = 1
MAX_CURSOR_DISTANCE_KM = 20_100.0  # no two points on Earth are farther apart

# --- fields -------------------------------------------------------------------------------
# One list each: search selects these columns in this order, the API shows them in this order,
# and imports write the record fields among them.

# Provider columns the API shows as stored.
PROVIDER_FIELDS = (
    "id",
    "source",
    "external_id",
    "npi",
    "name",
    "credentials",
    "gender",
    "languages",
    "accepting_new_patients",
    "telehealth",
    "bio",
)
# Shown transformed: codes as specialty objects, slugs as links, the timestamp as ISO 8601.
PROVIDER_COLUMNS = (*PROVIDER_FIELDS, "specialties", "therapies", "updated_at")
# What an import record sets (the rest is bookkeeping: id, source, updated_at).
PROVIDER_RECORD_FIELDS = tuple(
    name for name in PROVIDER_COLUMNS if name not in ("id", "source", "updated_at")
)

# Location columns the API shows as stored (the ZIP is shown as `zip`).
LOCATION_FIELDS = (
    "id",
    "name",
    "address_line1",
    "address_line2",
    "city",
    "state",
    "phone",
    "lat",
    "lon",
    "geo_precision",
)
LOCATION_COLUMNS = (*LOCATION_FIELDS, "zip_code")
# What an import's location sets, besides its position and `zip_code` (the record's `zip`).
LOCATION_RECORD_FIELDS = LOCATION_FIELDS[1:]

if TYPE_CHECKING:
    # Named from the one list of columns each: mypy wants literal field names, so to it a row
    # is Any (providers.py reads it by name).
    ProviderColumns: TypeAlias = Any
    LocationColumns: TypeAlias = Any
else:
    ProviderColumns = namedtuple("ProviderColumns", PROVIDER_COLUMNS)  # noqa: PYI024 - see above
    LocationColumns = namedtuple("LocationColumns", LOCATION_COLUMNS)  # noqa: PYI024
# A page row: distance_km, then the provider's columns, then the location's.
PROVIDER_SLICE = slice(1, 1 + len(PROVIDER_COLUMNS))
LOCATION_SLICE = slice(PROVIDER_SLICE.stop, PROVIDER_SLICE.stop + len(LOCATION_COLUMNS))


# --- origin and filters -------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    lat: float
    lon: float
    method: str  # "zip", "city" or "coordinates"
    zip_code: str | None = None
    # How the point was found: zip_centroid, city_centroid, or exact (coordinates given).
    precision: str = "exact"
    city: str | None = None
    state: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "zip": self.zip_code,
            "city": self.city,
            "state": self.state,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
        }


@dataclass(frozen=True)
class Filters:
    specialty: tuple[str, ...] = ()
    therapy: tuple[str, ...] = ()
    language: str | None = None
    accepting_new_patients: bool | None = None
    telehealth: bool | None = None
    q: str | None = None
    npi: str | None = None

    @classmethod
    def from_arguments(cls, arguments: dict[str, Any]) -> Filters:
        """From parsed query arguments; repeatable values are de-duplicated and sorted."""
        return cls(
            specialty=tuple(sorted(set(arguments.get("specialty", ())))),
            therapy=tuple(sorted(set(arguments.get("therapy", ())))),
            language=arguments.get("language"),
            accepting_new_patients=arguments.get("accepting_new_patients"),
            telehealth=arguments.get("telehealth"),
            q=arguments.get("q"),
            npi=arguments.get("npi"),
        )


# --- keyset cursors -----------------------------------------------------------------------

# The last row of a page: (distance_km, provider_id); the next page starts after it.
Keyset = tuple[float, int]


def filters_fingerprint(**parameters: Any) -> str:
    canonical = json.dumps(parameters, sort_keys=True, default=list, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def encode_cursor(distance_km: float, provider_id: int, fingerprint: str) -> str:
    payload = json.dumps(
        {"v": CURSOR_VERSION, "d": distance_km, "i": provider_id, "f": fingerprint}
    )
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, fingerprint: str) -> Keyset:
    # Cursors come back from clients, and anyone can build one: what the search then compares
    # with must be a distance and a provider id PostgreSQL can take (NaN, -Infinity or an id past
    # bigint were 500s).
    try:
        payload = inputs.loads_json(
            base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        )
        distance_km, provider_id = float(payload["d"]), payload["i"]
        version, bound_to = payload["v"], payload["f"]
        if not (0 <= distance_km <= MAX_CURSOR_DISTANCE_KM) or type(provider_id) is not int:
            raise ValueError(payload)
        if not 0 <= provider_id <= inputs.BIGINT_MAX:
            raise ValueError(payload)
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        raise InvalidParameterProblem("cursor", "not a cursor from this API") from None
    if version != CURSOR_VERSION:
        raise InvalidParameterProblem("cursor", "expired cursor format; start again")
    if bound_to != fingerprint:
        raise InvalidParameterProblem(
            "cursor", "belongs to a search with other parameters; start again without it"
        )
    return distance_km, provider_id
