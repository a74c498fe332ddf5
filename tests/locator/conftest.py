"""Locator fixtures: providers written straight through the models, inside the test transaction."""

from __future__ import annotations

import itertools

import pytest

from service.locator.models import Location, Provider

_numbers = itertools.count(1)


@pytest.fixture
def make_provider(db_session):
    def make(
        *points: tuple[float, float],
        name: str | None = None,
        specialties: tuple[str, ...] = ("208VP0014X",),
        therapies: tuple[str, ...] = ("physical-therapy",),
        languages: tuple[str, ...] = ("en",),
        accepting_new_patients: bool | None = True,
        telehealth: bool | None = False,
        geo_precision: str = "exact",
    ) -> Provider:
        number = next(_numbers)
        provider = Provider(
            source="test",
            external_id=f"t-{number}",
            name=name or f"Dr. Test {number}",
            specialties=list(specialties),
            therapies=list(therapies),
            languages=list(languages),
            accepting_new_patients=accepting_new_patients,
            telehealth=telehealth,
            record_hash="-",
            locations=[
                Location(position=i, lat=lat, lon=lon, geo_precision=geo_precision)
                for i, (lat, lon) in enumerate(points)
            ],
        )
        provider.copy_search_columns()
        db_session.add(provider)
        db_session.flush()
        return provider

    return make
