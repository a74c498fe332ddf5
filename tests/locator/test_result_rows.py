"""A search row as the API shows it: result_dict reads the row by position, and must show what
provider_dict and location_dict show for the same columns read by name."""

from __future__ import annotations

from service.locator import geo, search, zips
from service.locator.providers import location_dict, provider_dict, result_dict
from service.locator.query import (
    LOCATION_SLICE,
    PROVIDER_SLICE,
    Filters,
    LocationColumns,
    Origin,
    ProviderColumns,
)

NYC = zips.lookup("10001")


def test_a_row_read_by_position_shows_what_the_named_columns_show(db_session, make_provider):
    make_provider(
        (NYC.lat + 0.01, NYC.lon),
        (NYC.lat + 0.02, NYC.lon),
        name="Dr. Ana Núñez",
        specialties=("208VP0014X", "207LP2900X"),
        therapies=("physical-therapy", "acupuncture"),
        languages=("en", "es"),
        accepting_new_patients=None,
    )
    make_provider((NYC.lat - 0.03, NYC.lon + 0.01), therapies=(), specialties=("208100000X",))
    rows = search.search_rows(
        db_session,
        Origin(NYC.lat, NYC.lon, "zip", "10001"),
        geo.to_km(25, "mi"),
        Filters(),
        after=None,
        limit=10,
    )
    assert len(rows) == 2
    for row in rows:
        for locale in ("en", "es"):
            expected = {
                "distance": round(geo.from_km(row.distance_km, "km"), 3),
                "provider": provider_dict(ProviderColumns._make(row[PROVIDER_SLICE]), locale),
                "location": location_dict(LocationColumns._make(row[LOCATION_SLICE])),
            }
            assert result_dict(row, "km", locale) == expected
    shown = result_dict(rows[0], "mi", "es")["provider"]
    assert shown["name"] == "Dr. Ana Núñez"
    assert [s["code"] for s in shown["specialties"]] == ["208VP0014X", "207LP2900X"]
    assert shown["therapies"][1] == {"slug": "acupuncture", "href": "/v1/treatments/acupuncture"}
    assert shown["accepting_new_patients"] is None
    assert shown["href"] == f"/v1/physicians/{shown['id']}"


def test_the_cursor_fingerprint_is_the_one_cursors_were_issued_with():
    # search() hashes vars(filters); cursors issued when it hashed dataclasses.asdict stay valid.
    import dataclasses

    from service.locator.query import filters_fingerprint

    filters = Filters(specialty=("207LP2900X", "208VP0014X"), therapy=("tens",), language="es")
    origin = Origin(NYC.lat, NYC.lon, "zip", "10001").as_dict()
    assert filters_fingerprint(
        origin=origin, radius=25, unit="mi", **vars(filters)
    ) == filters_fingerprint(origin=origin, radius=25, unit="mi", **dataclasses.asdict(filters))
