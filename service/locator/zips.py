"""US ZIP centroids (states and territories) from the `zipcodes` package: offline, loaded once."""

from __future__ import annotations

import functools
import re
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


@dataclass(frozen=True)
class ZipCentroid:
    zip_code: str
    lat: float
    lon: float
    city: str
    state: str


@functools.cache
def _centroids() -> dict[str, ZipCentroid]:
    import zipcodes  # ~0.4 s to load; only when a ZIP is first needed

    return {
        row["zip_code"]: ZipCentroid(
            row["zip_code"], float(row["lat"]), float(row["long"]), row["city"], row["state"]
        )
        for row in zipcodes.list_all()
        if row["lat"] and row["long"]
    }


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
