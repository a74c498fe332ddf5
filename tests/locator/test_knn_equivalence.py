"""The KNN-walk search returns what a brute force over every row says, page by page (issue 17).

A few thousand generated providers in dense clusters (where the rings and the walk's candidate
counts matter), ties at shared points, unknown facts, deactivated records, and clusters across
the antimeridian and near a pole (where search falls back to rings). Every page of every search
(up to MAX_PAGES a search) is compared with the page cut from all rows in Python: providers,
nearest location, order, distance, whether there is a next page, and the cursor's exact
(distance, id).
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from service.locator import geo, specialties
from service.locator import search as search_module
from service.locator.providers import deactivate
from service.locator.query import Filters, decode_cursor, filters_fingerprint

MAX_PAGES = 25
THERAPIES = ("physical-therapy", "acupuncture", "tens")
SPECIALTIES = ("208VP0014X", "2081P0004X", "2081H0002X", "207L00000X")
QUERY_SPECIALTIES = ("208VP0014X", "208100000X", "2081P0004X", "207L00000X")  # one a parent
LANGUAGES = ("en", "es", "zh")
SURNAMES = ("Smith", "Garcia", "Nguyen", "O'Brien", "Kowalski")
# (lat, lon, spread in degrees, providers): a dense downtown, a sparser metro, a state, the
# Aleutians across the antimeridian, and near the North Pole.
CLUSTERS = (
    (40.7484, -73.9967, 0.02, 1400),
    (41.8858, -87.6181, 0.3, 500),
    (39.0, -77.5, 2.5, 400),
    (51.8549, -179.6, 1.0, 120),
    (88.5, 20.0, 0.8, 60),
)
ORIGINS = (
    {"zip_code": "10001"},
    {"zip_code": "60601"},
    {"zip_code": "99546"},  # Adak: its box crosses the antimeridian
    {"zip_code": "96910"},  # Guam: nothing near
    {"city": "New York", "state": "NY"},
)
FILTER_CHOICES = {
    "specialty": [(), (), ("208100000X",), ("208VP0014X", "207L00000X"), ("2081H0002X",)],
    "therapy": [(), (), ("tens",), ("acupuncture", "physical-therapy")],
    "language": [None, None, "es", "zh"],
    "accepting_new_patients": [None, None, True, False],
    "telehealth": [None, None, True, False],
    "q": [None, None, None, None, "garcia", "o'b", "%"],
}


@pytest.fixture
def directory(db_session, make_provider):
    """The generated providers, as plain tuples for the brute force (ids after the flush)."""
    rng = random.Random(17)
    shared_points: list[tuple[float, float]] = []  # the same point for several providers: ties
    providers = []
    for lat, lon, spread, count in CLUSTERS:
        for _ in range(count):
            points = []
            for _ in range(rng.choice((1, 1, 1, 2, 3))):
                if shared_points and rng.random() < 0.1:
                    points.append(rng.choice(shared_points))
                    continue
                point_lon = (lon + rng.gauss(0, spread * 2) + 180) % 360 - 180
                point = (max(-89.9, min(89.9, lat + rng.gauss(0, spread))), point_lon)
                points.append(point)
                if rng.random() < 0.05:
                    shared_points.append(point)
            provider = make_provider(
                *points,
                name=f"Dr. {rng.choice(SURNAMES)} {rng.randrange(1000)}",
                specialties=tuple(rng.sample(SPECIALTIES, rng.choice((1, 1, 2)))),
                therapies=tuple(rng.sample(THERAPIES, rng.choice((0, 1, 1, 2)))),
                languages=tuple(rng.sample(LANGUAGES, rng.choice((1, 1, 2)))),
                accepting_new_patients=rng.choice((True, False, None)),
                telehealth=rng.choice((True, False, None)),
            )
            if rng.random() < 0.04:
                deactivate(provider, dt.datetime.now(dt.UTC))
            providers.append(provider)
    db_session.flush()
    return [
        (
            provider.id,
            provider.active,
            provider.name,
            set(provider.specialties),
            set(provider.therapies),
            set(provider.languages),
            provider.accepting_new_patients,
            provider.telehealth,
            [(location.id, location.lat, location.lon) for location in provider.locations],
        )
        for provider in providers
    ]


def expected_rows(directory, origin, radius_km, filters):
    """All (distance_km, provider id, location id) of the search, in the API's order."""
    codes = set(specialties.expand(filters.specialty)) if filters.specialty else None
    rows = []
    for pid, active, name, codes_of, slugs, languages, accepting, telehealth, places in directory:
        if not active or (codes is not None and not codes & codes_of):
            continue
        if filters.therapy and not set(filters.therapy) & slugs:
            continue
        if filters.language and filters.language not in languages:
            continue
        # `IS true` / `IS false`: an unknown (None) matches neither.
        if filters.accepting_new_patients is not None and accepting is not (
            filters.accepting_new_patients
        ):
            continue
        if filters.telehealth is not None and telehealth is not filters.telehealth:
            continue
        if filters.q and filters.q.casefold() not in name.casefold():
            continue
        distances = [
            (geo.haversine_km(origin["lat"], origin["lon"], lat, lon), location_id)
            for location_id, lat, lon in places
        ]
        inside = [pair for pair in distances if pair[0] <= radius_km]
        if inside:
            distance_km, location_id = min(inside)
            rows.append((distance_km, pid, location_id))
    return sorted(rows)


def walk_and_compare(db_session, directory, rng, searches):
    paths = {"knn": 0, "rings": 0}
    knn_rows, ring_rows = search_module.knn_rows, search_module.ring_rows

    def counted_knn(*args, **kwargs):
        rows = knn_rows(*args, **kwargs)
        paths["knn"] += rows is not None
        return rows

    def counted_rings(*args, **kwargs):
        paths["rings"] += 1
        return ring_rows(*args, **kwargs)

    search_module.knn_rows, search_module.ring_rows = counted_knn, counted_rings
    try:
        for _ in range(searches):
            one_search(db_session, directory, rng)
    finally:
        search_module.knn_rows, search_module.ring_rows = knn_rows, ring_rows
    return paths


def one_search(db_session, directory, rng):
    place = dict(rng.choice(ORIGINS))
    if rng.random() < 0.4:  # coordinates near a cluster
        lat, lon, spread, _ = rng.choice(CLUSTERS)
        place = {"lat": lat + rng.gauss(0, spread), "lon": lon + rng.gauss(0, spread)}
        place["lon"] = max(-180.0, min(180.0, place["lon"]))
    unit = rng.choice(("mi", "km"))
    radius = rng.choice((0.5, 1.0, 3.0, 10.0, 25.0, 100.0, 250.0))
    filters = Filters(**{name: rng.choice(values) for name, values in FILTER_CHOICES.items()})
    limit = rng.choice((1, 2, 5, 20, 50, 100))
    arguments = dict(place, radius=radius, unit=unit, filters=filters, limit=limit)
    cursor, pages, seen = None, 0, []
    while True:
        page = search_module.search(
            session=db_session, cursor=cursor, known_therapies=frozenset(THERAPIES), **arguments
        )
        origin = page["metadata"]["origin"]
        if pages == 0:
            expected = expected_rows(directory, origin, geo.to_km(radius, unit), filters)
        chunk = expected[pages * limit : (pages + 1) * limit]
        got = [
            (result["distance"], result["provider"]["id"], result["location"]["id"])
            for result in page["results"]
        ]
        want = [(round(geo.from_km(d, unit), 3), pid, lid) for d, pid, lid in chunk]
        assert got == want, (arguments, pages)
        seen += got
        more = (pages + 1) * limit < len(expected)
        assert (page["next_cursor"] is not None) == more, (arguments, pages)
        if not expected:
            assert page["metadata"]["zero_result_hint"] is not None
        if not more:
            assert len(seen) == len(expected)
            return
        if pages + 1 == MAX_PAGES:  # a 1-row walk of 1,400 providers: its first pages suffice
            return
        # The cursor carries the last row's exact distance (the same floats as Python's).
        fingerprint = filters_fingerprint(origin=origin, radius=radius, unit=unit, **vars(filters))
        assert decode_cursor(page["next_cursor"], fingerprint) == chunk[-1][:2], arguments
        cursor, pages = page["next_cursor"], pages + 1


def test_every_page_is_the_brute_force_page(db_session, directory):
    paths = walk_and_compare(db_session, directory, random.Random(1), searches=160)
    assert paths["knn"] > 60 and paths["rings"] > 10, paths  # both strategies were exercised


def test_short_walks_grow_and_fall_back_to_rings_exactly(db_session, directory, monkeypatch):
    # One candidate a row and two attempts: most walks cannot prove a page at first, many never.
    monkeypatch.setattr(search_module, "CANDIDATES_PER_ROW", 1)
    monkeypatch.setattr(search_module, "MIN_CANDIDATES", 1)
    monkeypatch.setattr(search_module, "KNN_ATTEMPTS", 2)
    paths = walk_and_compare(db_session, directory, random.Random(2), searches=80)
    assert paths["knn"] > 10 and paths["rings"] > 10, paths
