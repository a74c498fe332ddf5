"""US ZIP centroids (states and territories) from the `zipcodes` package: offline, loaded once."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from dataclasses import dataclass

ZIP_PATTERN = re.compile(r"^(\d{5})(?:-\d{4})?$")

ATTRIBUTION = {
    "dataset": "US ZIP code centroids",
    "provider": "GeoNames (www.geonames.org), via the `zipcodes` Python package",
    "license": "CC BY 4.0",
    "license_url": "https://creativecommons.org/licenses/by/4.0/",
    "source_url": "https://www.geonames.org/",
    "notice": "ZIP code coordinates © GeoNames, licensed under CC BY 4.0. Centroids are "
    "approximate; distances from a ZIP are measured from its centroid.",
}


@dataclass(frozen=True, slots=True)
class ZipCentroid:
    zip_code: str
    lat: float
    lon: float
    city: str
    state: str


# Run in a child process: `zipcodes` keeps every field of every ZIP (~140 MB of dicts) for the
# life of the process, and the allocator seldom returns that memory, so a worker that imported it
# would stay that large. The child prints only what the locator needs.
_EXTRACT = """
import json, sys, zipcodes
json.dump([[r["zip_code"], float(r["lat"]), float(r["long"]), r["city"], r["state"]]
           for r in zipcodes.list_all() if r["lat"] and r["long"]], sys.stdout)
"""


@functools.cache
def _centroids() -> dict[str, ZipCentroid]:
    rows = json.loads(
        subprocess.run([sys.executable, "-c", _EXTRACT], capture_output=True, check=True).stdout
    )
    return {row[0]: ZipCentroid(*row) for row in rows}


def normalise_zip(value: str) -> str | None:
    """'12345' or '12345-6789' -> '12345'; anything else -> None."""
    match = ZIP_PATTERN.match(value.strip())
    return match.group(1) if match else None


def lookup(value: str) -> ZipCentroid | None:
    """The centroid of a 5-digit ZIP or ZIP+4, or None when malformed or unknown."""
    zip5 = normalise_zip(value)
    return _centroids().get(zip5) if zip5 else None


def all_centroids() -> list[ZipCentroid]:
    return sorted(_centroids().values(), key=lambda centroid: centroid.zip_code)
