"""Partner imports: validate everything, then all or nothing; upserts; idempotent re-imports."""

import json

import pytest
from sqlalchemy import func, select

from service.locator import imports, zips
from service.locator.demo import load_demo
from service.locator.models import Location, Provider

CSV_BODY = """\
external_id,npi,name,credentials,gender,languages,accepting_new_patients,telehealth,specialties,therapies,location_name,address_line1,city,state,zip,phone,lat,lon
p-1,1234567893,Dr. Avery Sampleton,MD,female,en;es,true,false,208VP0014X,spinal-cord-stimulation;physical-therapy,Main,1 Example St,New York,NY,10001,+1-212-555-0100,,
p-1,1234567893,Dr. Avery Sampleton,MD,female,en;es,true,false,208VP0014X,spinal-cord-stimulation;physical-therapy,Annex,2 Example St,New York,NY,10016,,40.745,-73.978
p-2,,Dr. Jordan Demoford,DO,,en,no,yes,207T00000X;207XS0117X,,Clinic,3 Example Ave,Hagatna,GU,96910,,,
"""


def ndjson(*records):
    return "\n".join(json.dumps(record) for record in records) + "\n"


def count(db_session, model):
    return db_session.scalar(select(func.count()).select_from(model))


def run(db_session, body, media_type=imports.CSV, source="acme"):
    return imports.import_body(session=db_session, source=source, body=body, media_type=media_type)


def test_csv_rows_of_one_provider_become_its_locations_and_zips_are_geocoded(db_session):
    report = run(db_session, CSV_BODY)
    assert report.as_dict() == {
        "source": "acme",
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "deactivated": 0,
        "mode": "merge",
        "errors": [],
    }
    avery = db_session.scalar(select(Provider).where(Provider.external_id == "p-1"))
    assert avery.npi == "1234567893" and avery.languages == ["en", "es"]
    assert avery.therapies == ["physical-therapy", "spinal-cord-stimulation"]
    main, annex = avery.locations
    centroid = zips.lookup("10001")
    assert (main.lat, main.lon, main.geo_precision) == (centroid.lat, centroid.lon, "zip_centroid")
    assert (annex.lat, annex.lon, annex.geo_precision) == (40.745, -73.978, "exact")
    jordan = db_session.scalar(select(Provider).where(Provider.external_id == "p-2"))
    assert (jordan.accepting_new_patients, jordan.telehealth) == (False, True)
    assert jordan.locations[0].state == "GU"


def test_reimporting_the_same_file_changes_nothing(db_session):
    run(db_session, CSV_BODY)
    before = db_session.execute(select(Location.id, Location.lat).order_by(Location.id)).all()
    report = run(db_session, CSV_BODY)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert (
        db_session.execute(select(Location.id, Location.lat).order_by(Location.id)).all() == before
    )


def test_a_changed_record_is_updated_and_others_are_unchanged(db_session):
    run(db_session, CSV_BODY)
    report = run(
        db_session, CSV_BODY.replace("Dr. Jordan Demoford", "Dr. Jordan Demoford-Testwood")
    )
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert db_session.scalar(select(Provider.name).where(Provider.external_id == "p-2")).endswith(
        "Testwood"
    )


def test_one_bad_row_writes_nothing_and_every_error_is_reported(db_session):
    body = (
        CSV_BODY + "p-3,1234567890,Dr. Bad,MD,,en,true,false,208VP0014X,laser-magic,,,,,00000,,,\n"
    )
    with pytest.raises(imports.ImportRejectedProblem) as rejected:
        run(db_session, body)
    assert count(db_session, Provider) == 0
    assert rejected.value.status == 422
    assert rejected.value.errors == [
        {
            "line": 5,
            "field": "npi",
            "message": "Not a valid NPI (10 digits with the Luhn check digit).",
        },
    ]
    body = CSV_BODY + "p-3,,Dr. Bad,MD,,en,true,false,208VP0014X,laser-magic,,,,,00000,,,\n"
    with pytest.raises(imports.ImportRejectedProblem) as rejected:
        run(db_session, body)
    assert [(e["line"], e["field"]) for e in rejected.value.errors] == [
        (5, "therapies"),
        (5, "zip"),
    ]
    assert count(db_session, Provider) == 0


def test_ndjson_upserts_by_npi_when_there_is_no_external_id(db_session):
    record = {
        "npi": "1234567893",
        "name": "Dr. Riley Notreal",
        "specialties": ["208VP0000X"],
        "locations": [{"lat": 51.88, "lon": -176.65}],
    }
    assert run(db_session, ndjson(record), imports.NDJSON).created == 1
    report = run(db_session, ndjson(record | {"telehealth": True}), imports.NDJSON)
    assert (report.created, report.updated) == (0, 1)
    assert count(db_session, Provider) == 1


def test_ndjson_errors_name_line_and_field(db_session):
    body = (
        ndjson(
            {"external_id": "a", "name": "Dr. Ok", "locations": [{"zip": "10001"}]},
            {"external_id": "b", "name": "", "specialties": ["XYZ"], "locations": [{"lat": 10}]},
            {"external_id": "a", "name": "Dr. Twice", "locations": [{"zip": "10001"}], "extra": 1},
        )
        + "not json\n"
    )
    with pytest.raises(imports.ImportRejectedProblem) as rejected:
        run(db_session, body, imports.NDJSON)
    errors = {(e["line"], e["field"]) for e in rejected.value.errors}
    assert errors == {
        (2, "name"),
        (2, "specialties[0]"),
        (2, "locations[0].lat"),
        (3, "extra"),
        (4, None),
    }
    assert count(db_session, Provider) == 0


def test_an_npi_cannot_move_to_another_external_id(db_session):
    run(db_session, CSV_BODY)
    body = ndjson(
        {
            "external_id": "p-9",
            "npi": "1234567893",
            "name": "Dr. Copy",
            "locations": [{"zip": "10001"}],
        }
    )
    with pytest.raises(imports.ImportRejectedProblem) as rejected:
        run(db_session, body, imports.NDJSON)
    assert rejected.value.errors[0]["field"] == "npi"


def test_sources_are_separate_namespaces(db_session):
    run(db_session, CSV_BODY, source="acme")
    assert run(db_session, CSV_BODY, source="other").created == 2
    assert count(db_session, Provider) == 4


def test_demo_directory_is_deterministic_and_idempotent(db_session):
    first = load_demo(session=db_session, count=40, seed=7)
    assert first.created == 40
    names = db_session.scalars(select(Provider.name).order_by(Provider.external_id)).all()
    assert all(name.endswith("(demo)") for name in names)
    again = load_demo(session=db_session, count=40, seed=7)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 40)
    assert db_session.scalars(select(Provider.name).order_by(Provider.external_id)).all() == names


def test_zips_that_are_no_place_are_row_errors_unless_coordinates_are_given(db_session):
    body = (
        "external_id,name,zip,lat,lon\n"
        "r-1,Dr. Retired Zip,10048,,\n"
        "r-2,Dr. Military Zip,09001,,\n"
        "r-3,Dr. Island Zip,96917,,\n"
        "r-4,Dr. Coordinates,10048,40.71,-74.01\n"
    )
    with pytest.raises(imports.ImportRejectedProblem) as rejected:
        run(db_session, body)
    errors = rejected.value.errors
    assert [(e["line"], e["field"]) for e in errors] == [(2, "zip"), (3, "zip"), (4, "zip")]
    assert "retired ZIP code" in errors[0]["message"]
    assert "APO/FPO/DPO" in errors[1]["message"]
    assert "no location" in errors[2]["message"] and "give lat and lon" in errors[2]["message"]


def test_a_live_zip_without_a_centroid_is_placed_at_its_city(db_session):
    run(db_session, "external_id,name,zip\nl-1,Dr. Livingston,77352\n")
    (location,) = db_session.scalar(select(Provider)).locations
    assert location.geo_precision == "city_centroid" and (location.lat, location.lon) != (0, 0)
