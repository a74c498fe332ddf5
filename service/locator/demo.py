"""A deterministic, obviously fictional directory clustered around real ZIP centroids."""

from __future__ import annotations

import math
import random
from typing import Any

from sqlalchemy.orm import Session

from service.locator import geo, zips
from service.locator.imports import ImportReport, RawRecord, import_records
from service.locator.providers import live_therapy_slugs
from service.locator.specialties import specialties

DEMO_SOURCE = "demo"
DEFAULT_SEED = 20261126
# ZIPs the directory clusters around, with relative weights (bigger metros, more doctors).
HUBS = (
    ("10001", 9),
    ("90012", 8),
    ("60601", 6),
    ("77002", 5),
    ("85004", 4),
    ("19103", 4),
    ("78205", 3),
    ("92101", 3),
    ("75201", 4),
    ("95113", 3),
    ("78701", 3),
    ("32202", 2),
    ("43215", 2),
    ("28202", 2),
    ("94103", 4),
    ("98101", 3),
    ("80202", 3),
    ("20001", 4),
    ("02108", 4),
    ("37203", 2),
    ("97204", 2),
    ("89101", 2),
    ("48226", 3),
    ("30303", 4),
    ("33130", 4),
    ("55401", 3),
    ("63101", 2),
    ("70112", 2),
    ("84101", 2),
    ("99501", 1),
    ("96813", 1),
    ("00901", 1),
    ("96910", 1),
    ("99546", 1),
)
HUB_RADIUS_KM = 40.0
# The demo's doctors are physicians: the directory stays the same as the taxonomy grows.
DEMO_SPECIALTIES = (
    "208VP0014X",
    "208VP0000X",
    "207LP2900X",
    "2081P2900X",
    "2084P2900X",
    "207XS0117X",
    "207T00000X",
    "208100000X",
    "207RR0500X",
    "2086S0129X",
    "2084N0400X",
)
FIRST_NAMES = (
    "Avery",
    "Jordan",
    "Riley",
    "Casey",
    "Morgan",
    "Quinn",
    "Harper",
    "Rowan",
    "Sage",
    "Emerson",
    "Kai",
    "Reese",
    "Dakota",
    "Skyler",
    "Finley",
    "Ari",
)
# Surnames that no real directory would contain: nobody mistakes the demo for real doctors.
LAST_NAMES = (
    "Sampleton",
    "Demoford",
    "Fictionelli",
    "Placeholder",
    "Mockridge",
    "Testwood",
    "Exampleby",
    "Notreal",
    "Pretendsen",
    "Imaginato",
    "Fakesworth",
    "Dummington",
)
CREDENTIALS = ("MD", "DO", "MD, PhD")
EXTRA_LANGUAGES = ("zh", "vi", "ko", "ru", "fr", "tl", "ar")


def _hub_zips() -> list[tuple[list[zips.ZipCentroid], int]]:
    """For each hub, the real ZIP centroids within HUB_RADIUS_KM (sorted, so runs are stable)."""
    everything = zips.all_centroids()
    hubs = []
    for hub_zip, weight in HUBS:
        hub = zips.lookup(hub_zip)
        if hub is None:  # HUBS lists ZIPs the centroid data has
            raise LookupError(f"demo hub ZIP {hub_zip} has no centroid")
        box = geo.bounding_boxes(hub.lat, hub.lon, HUB_RADIUS_KM)
        nearby = [
            c
            for c in everything
            if any(b.contains(c.lat, c.lon) for b in box)
            and geo.haversine_km(hub.lat, hub.lon, c.lat, c.lon) <= HUB_RADIUS_KM
        ]
        hubs.append((nearby, weight))
    return hubs


def _jitter(rng: random.Random, centroid: zips.ZipCentroid) -> tuple[float, float]:
    """A point within ~3 km of the centroid (an address-level coordinate)."""
    distance_km, bearing = rng.uniform(0.1, 3.0), rng.uniform(0, 2 * math.pi)
    lat = centroid.lat + math.degrees(distance_km / geo.EARTH_RADIUS_KM) * math.cos(bearing)
    lon = centroid.lon + math.degrees(
        distance_km / geo.EARTH_RADIUS_KM / max(math.cos(math.radians(centroid.lat)), 0.01)
    ) * math.sin(bearing)
    lon = (lon + 180) % 360 - 180  # wrap across the antimeridian (Aleutians)
    return round(lat, 6), round(lon, 6)


def demo_records(
    count: int, therapies: list[str], seed: int = DEFAULT_SEED
) -> list[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311 - made-up demo data, reproducible by seed
    hubs = _hub_zips()
    codes = [code for code in DEMO_SPECIALTIES if code in specialties()]
    records = []
    for number in range(1, count + 1):
        centroids = rng.choices([h[0] for h in hubs], weights=[h[1] for h in hubs])[0]
        locations = []
        for _ in range(rng.choices((1, 2, 3), weights=(70, 22, 8))[0]):
            centroid = rng.choice(centroids)
            location: dict[str, Any] = {
                "name": f"{rng.choice(LAST_NAMES)} Spine & Pain Clinic (demo)",
                "address_line1": f"{rng.randint(1, 9999)} Example Street",
                "city": centroid.city,
                "state": centroid.state,
                "zip": centroid.zip_code,
                "phone": f"+1-555-01{rng.randint(0, 99):02d}",  # 555-01xx: reserved fictional
            }
            if rng.random() < 0.6:  # the rest sit exactly on the ZIP centroid: many ties
                location["lat"], location["lon"] = _jitter(rng, centroid)
            locations.append(location)
        languages = ["en"] + (["es"] if rng.random() < 0.3 else [])
        if rng.random() < 0.1:
            languages.append(rng.choice(EXTRA_LANGUAGES))
        records.append(
            {
                "external_id": f"demo-{number:06d}",
                "name": f"Dr. {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} (demo)",
                "credentials": rng.choice(CREDENTIALS),
                "gender": rng.choice(("female", "male", "nonbinary", None)),
                "languages": languages,
                "accepting_new_patients": rng.random() < 0.75,
                "telehealth": rng.random() < 0.4,
                "bio": "Fictional physician generated for demonstrations; not a real clinician.",
                "specialties": rng.sample(codes, rng.choice((1, 1, 2))),
                "therapies": rng.sample(therapies, min(len(therapies), rng.randint(2, 6))),
                "locations": locations,
            }
        )
    return records


def load_demo(*, session: Session, count: int, seed: int = DEFAULT_SEED) -> ImportReport:
    """Upsert the demo directory through the partner import (re-running changes nothing)."""
    therapies = sorted(live_therapy_slugs(session))
    raw = [
        RawRecord(line, record)
        for line, record in enumerate(demo_records(count, therapies, seed), 1)
    ]
    return import_records(session=session, source=DEMO_SOURCE, raw_records=raw)
