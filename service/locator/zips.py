"""US ZIP codes (states and territories) from the `zipcodes` package: offline, loaded once.

Every ZIP the package lists has a status. Only a `located` ZIP is an origin or a centroid:
- `military`: APO/FPO/DPO, mail for units overseas or at sea, with no place to measure from;
- `retired`: no longer in use (e.g. 10048, the World Trade Center's);
- `not_locatable`: live, but the package has no centroid (it lists 0,0) and its city has none.
A live ZIP without a centroid whose city has located ZIPs is placed at the city's centroid
(`precision: city_centroid`), e.g. 77352 Livingston TX, 11805 Hicksville NY.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

ZIP_PATTERN = re.compile(r"^(\d{5})(?:-\d{4})?$")
STATE_PATTERN = re.compile(r"^[A-Z]{2}$")

ATTRIBUTION = {
    "dataset": "US ZIP code centroids",
    "provider": "GeoNames (www.geonames.org), via the `zipcodes` Python package",
    "license": "CC BY 4.0",
    "license_url": "https://creativecommons.org/licenses/by/4.0/",
    "source_url": "https://www.geonames.org/",
    "notice": "ZIP code coordinates © GeoNames, licensed under CC BY 4.0. Centroids are "
    "approximate; distances from a ZIP are measured from its centroid, or from its city's "
    "when the ZIP has none.",
}

LOCATED, MILITARY, RETIRED, NOT_LOCATABLE = "located", "military", "retired", "not_locatable"
ZIP_CENTROID, CITY_CENTROID = "zip_centroid", "city_centroid"
# USPS "states" of military mail; some APO/DPO ZIPs are filed under NJ as PO boxes.
MILITARY_STATES = frozenset({"AA", "AE", "AP"})
MILITARY_CITIES = frozenset({"APO", "FPO", "DPO"})


@dataclass(frozen=True, slots=True)
class ZipCentroid:
    zip_code: str
    lat: float
    lon: float
    city: str
    state: str
    precision: str = ZIP_CENTROID  # or CITY_CENTROID


@dataclass(frozen=True, slots=True)
class ZipRecord:
    """What the dataset says about one ZIP; `centroid` only when `status` is located."""

    zip_code: str
    city: str
    state: str
    status: str
    centroid: ZipCentroid | None = None


@dataclass(frozen=True, slots=True)
class CityCentroid:
    city: str
    state: str
    lat: float
    lon: float
    zip_count: int


# Run in a child process: `zipcodes` keeps every field of every ZIP (~140 MB of dicts) for the
# life of the process, and the allocator seldom returns that memory, so a worker that imported it
# would stay that large. The child prints only what the locator needs, a line per ZIP (no field
# holds a tab or a line break; floats as repr, so they read back exactly), and the parent reads
# it line by line. Parsing it all first (one JSON list of 42,789 rows) and then building the
# tables cost each worker 55 MB of RSS, most of it freed but fragmented memory; line by line,
# with the names shared, 36 MB.
_EXTRACT = r"""
import sys, zipcodes
for r in zipcodes.list_all():
    fields = (r["zip_code"], repr(float(r["lat"] or 0)), repr(float(r["long"] or 0)), r["city"],
              r["state"], str(int(r["active"])), r["zip_code_type"])
    sys.stdout.write("\t".join(fields) + "\n")
"""


def _extracted_rows(output: str) -> Iterator[tuple[str, float, float, str, str, bool, str]]:
    # Names repeat (18,762 cities and 62 states for 42,789 ZIPs): one string each, shared.
    names: dict[str, str] = {}
    for line in output.splitlines():
        zip_code, lat, lon, city, state, active, zip_type = line.split("\t")
        city, state = names.setdefault(city, city), names.setdefault(state, state)
        yield zip_code, float(lat), float(lon), city, state, active == "1", zip_type


def _is_military(city: str, state: str, zip_type: str) -> bool:
    return zip_type == "MILITARY" or state in MILITARY_STATES or city.upper() in MILITARY_CITIES


def _city_key(city: str, state: str) -> tuple[str, str]:
    return " ".join(city.split()).casefold(), state.upper()


@dataclass(frozen=True)
class _Tables:
    records: dict[str, ZipRecord]
    cities: dict[tuple[str, str], CityCentroid]


@functools.cache
def _tables() -> _Tables:
    rows = _extracted_rows(
        subprocess.run(
            [sys.executable, "-c", _EXTRACT], capture_output=True, check=True, text=True
        ).stdout
    )
    records: dict[str, ZipRecord] = {}
    city_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    city_names: dict[tuple[str, str], str] = {}
    unplaced = []
    for zip_code, lat, lon, city, state, active, zip_type in rows:
        if _is_military(city, state, zip_type):
            records[zip_code] = ZipRecord(zip_code, city, state, MILITARY)
        elif not active:
            records[zip_code] = ZipRecord(zip_code, city, state, RETIRED)
        elif lat == 0 and lon == 0:  # the package's "unknown"; no US ZIP lies in the Gulf of Guinea
            unplaced.append((zip_code, city, state))
        else:
            centroid = ZipCentroid(zip_code, lat, lon, city, state)
            records[zip_code] = ZipRecord(zip_code, city, state, LOCATED, centroid)
            key = _city_key(city, state)
            city_points[key].append((lat, lon))
            city_names[key] = city
    # A city's centroid is the mean of its located ZIPs' centroids: no US city spans the
    # antimeridian, and within a city the mean of a few points is as good as a spherical one.
    cities = {
        key: CityCentroid(
            city_names[key],
            key[1],
            round(sum(p[0] for p in points) / len(points), 6),
            round(sum(p[1] for p in points) / len(points), 6),
            len(points),
        )
        for key, points in city_points.items()
    }
    for zip_code, city, state in unplaced:
        at_city = cities.get(_city_key(city, state))
        if at_city is None:
            records[zip_code] = ZipRecord(zip_code, city, state, NOT_LOCATABLE)
        else:
            centroid = ZipCentroid(zip_code, at_city.lat, at_city.lon, city, state, CITY_CENTROID)
            records[zip_code] = ZipRecord(zip_code, city, state, LOCATED, centroid)
    return _Tables(records, cities)


def normalise_zip(value: str) -> str | None:
    """'12345' or '12345-6789' -> '12345'; anything else -> None."""
    match = ZIP_PATTERN.match(value.strip())
    return match.group(1) if match else None


def record(value: str) -> ZipRecord | None:
    """What is known of a 5-digit ZIP or ZIP+4, or None when malformed or not a ZIP at all."""
    zip5 = normalise_zip(value)
    return _tables().records.get(zip5) if zip5 else None


def lookup(value: str) -> ZipCentroid | None:
    """The centroid of a live, locatable ZIP (or ZIP+4); None for any other."""
    found = record(value)
    return found.centroid if found is not None else None


def city(name: str, state: str) -> CityCentroid | None:
    """The centroid of a city's located ZIPs (case and spacing ignored), or None."""
    return _tables().cities.get(_city_key(name, state))


def all_records() -> list[ZipRecord]:
    return sorted(_tables().records.values(), key=lambda found: found.zip_code)


def all_centroids() -> list[ZipCentroid]:
    """The centroids of every ZIP with one of its own (not those placed at their city's)."""
    return [
        found.centroid
        for found in all_records()
        if found.centroid is not None and found.centroid.precision == ZIP_CENTROID
    ]
