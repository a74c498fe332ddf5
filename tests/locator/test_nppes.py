"""The NPPES loader on a fixture in the dissemination file's exact layout (fictional providers)."""

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from service.errors import GoneProblem
from service.locator import nppes, service, zips
from service.locator.models import Location, Provider
from service.locator.npi import npi_check_digit
from service.locator.query import Filters

FIXTURE = Path(__file__).with_name("fixtures") / "npidata_pfile_sample.csv"
EXPECTED_SKIPPED = {
    "not_pain_relevant": 3,
    "outside_us": 1,
    "zip_military": 1,
    "zip_missing": 1,
    "zip_not_locatable": 1,
    "zip_retired": 1,
    "zip_unknown": 1,
}


def npi(number: int) -> str:
    first = f"1{number:08d}"
    return first + npi_check_digit(first)


def fixture_rows() -> tuple[list[str], list[list[str]]]:
    with FIXTURE.open(newline="") as lines:
        header, *rows = list(csv.reader(lines))
    return header, rows


def as_file(header: list[str], rows: list[list[str]]) -> io.StringIO:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL).writerows([header, *rows])
    out.seek(0)
    return out


def load(db_session, lines=None):
    if lines is None:
        return nppes.load_file(session=db_session, path=FIXTURE)
    return nppes.load(session=db_session, lines=lines)


def nppes_providers(db_session) -> dict[str, Provider]:
    providers = db_session.scalars(select(Provider).where(Provider.source == "nppes"))
    return {provider.npi: provider for provider in providers}


def near(db_session, zip_code, radius=5, **filters):
    page = service.search(
        session=db_session, zip_code=zip_code, radius=radius, filters=Filters(**filters), limit=50
    )
    return [result["provider"]["npi"] for result in page["results"]], page


def test_the_fixture_has_the_dissemination_files_exact_header():
    header, rows = fixture_rows()
    assert tuple(header) == nppes.COLUMNS and len(header) == 330
    # Positions from the layout of the NPPES Data Dissemination Readme (Feb 2025).
    assert header[41] == "Provider Sex Code"
    assert header[47] == "Healthcare Provider Taxonomy Code_1"
    assert header[106] == "Healthcare Provider Primary Taxonomy Switch_15"
    assert header[107] == "Other Provider Identifier_1"
    assert header[306] == "Other Provider Identifier Issuer_50"
    assert header[307] == "Is Sole Proprietor"
    assert header[314] == "Healthcare Provider Taxonomy Group_1"
    assert header[329] == "Certification Date"
    assert len(rows) == 20 and all(len(row) == 330 for row in rows)
    assert FIXTURE.read_text().startswith('"NPI","Entity Type Code","Replacement NPI",')


def test_a_load_reports_what_it_read_kept_skipped_and_wrote(db_session):
    report = load(db_session)
    assert report.as_dict() == {
        "read": 20,
        "kept": 10,
        "deactivation_rows": 1,
        "skipped": EXPECTED_SKIPPED,
        "inserted": 10,
        "updated": 0,
        "unchanged": 0,
        "deactivated": 0,
        "delisted": 0,
    }
    loaded = nppes_providers(db_session)
    assert set(loaded) == {npi(n) for n in range(1, 11)}
    for provider in loaded.values():
        assert provider.external_id == provider.npi and provider.active
        # NPPES says neither: not known (null), never claimed as false
        assert provider.accepting_new_patients is None and provider.telehealth is None
        [location] = provider.locations
        for column in (
            "specialties",
            "therapies",
            "languages",
            "active",
            "accepting_new_patients",
            "telehealth",
        ):
            assert getattr(location, column) == getattr(provider, column)


def test_loaded_providers_are_found_by_the_native_search_near_their_zip(db_session):
    load(db_session)
    found, page = near(db_session, "10001")
    assert sorted(found) == [npi(1), npi(2), npi(10)]  # 10 was deactivated, then reactivated
    first = next(r for r in page["results"] if r["provider"]["npi"] == npi(1))
    assert first["provider"] | {"id": None, "href": None, "updated_at": None} == {
        "id": None,
        "source": "nppes",
        "external_id": npi(1),
        "npi": npi(1),
        "name": "DR. AVERY J SAMPLETON",
        "credentials": "M.D.",
        "gender": "female",
        "languages": [],
        "accepting_new_patients": None,
        "telehealth": None,
        "bio": None,
        "specialties": [service.specialty_dict("208VP0014X")],
        "therapies": [],
        "href": None,
        "updated_at": None,
    }
    nyc = zips.lookup("10001")
    assert first["location"] | {"id": None} == {
        "id": None, "name": None, "address_line1": "1 EXAMPLE PLAZA", "address_line2": "SUITE 100",
        "city": "NEW YORK", "state": "NY", "zip": "10001", "phone": "2125550101",
        "lat": nyc.lat, "lon": nyc.lon, "geo_precision": "zip_centroid",
    }  # fmt: skip
    # Only the pain-relevant codes are kept (207R00000X Internal Medicine is not).
    assert [s["code"] for s in page["results"][found.index(npi(2))]["provider"]["specialties"]] == [
        "207LP2900X"
    ]
    assert near(db_session, "60601")[0] == [npi(3)]  # its postal code was ZIP+4, 606011234
    assert near(db_session, "77002")[0] == [npi(5)]
    organization = near(db_session, "77002")[1]["results"][0]
    assert organization["provider"]["name"] == "EXAMPLE SPINE AND PAIN ASSOCIATES LLC"
    assert organization["location"]["name"] == "EXAMPLE SPINE AND PAIN ASSOCIATES LLC"
    assert organization["provider"]["gender"] is None
    livingston = near(db_session, "77352")[1]["results"][0]
    assert livingston["location"]["geo_precision"] == "city_centroid"
    # A classification's code finds the file's specializations too.
    assert near(db_session, "10001", specialty=("208VP0000X",))[0] == [npi(1)]
    assert near(db_session, "19103", specialty=("103T00000X",))[0] == [npi(7)]


def test_a_reload_changes_nothing(db_session):
    load(db_session)
    before = {
        key: (p.id, p.updated_at, p.locations[0].id)
        for key, p in nppes_providers(db_session).items()
    }
    search_before = near(db_session, "10001", radius=250)[1]
    report = load(db_session)
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, 10)
    assert (report.deactivated, report.delisted) == (0, 0)
    after = {
        key: (p.id, p.updated_at, p.locations[0].id)
        for key, p in nppes_providers(db_session).items()
    }
    assert after == before
    assert near(db_session, "10001", radius=250)[1] == search_before


def test_a_later_file_updates_deactivates_and_delists(db_session):
    load(db_session)
    header, rows = fixture_rows()
    column = {name: position for position, name in enumerate(header)}
    by_npi = {row[0]: row for row in rows}
    # 1: deactivated by CMS (the row keeps only its NPI and the date)
    by_npi[npi(1)] = [npi(1)] + [""] * 329
    by_npi[npi(1)][column["NPI Deactivation Date"]] = "11/20/2026"
    # 3: moved to New York
    by_npi[npi(3)][column["Provider Business Practice Location Address Postal Code"]] = "10001"
    # 4: now lists a taxonomy that is not pain-relevant
    by_npi[npi(4)][column["Healthcare Provider Taxonomy Code_1"]] = "207Q00000X"
    report = load(db_session, as_file(header, list(by_npi.values())))
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 7)
    assert (report.deactivated, report.delisted) == (1, 1)
    assert sorted(near(db_session, "10001")[0]) == [npi(2), npi(3), npi(10)]
    assert near(db_session, "90012")[0] == []
    gone = nppes_providers(db_session)[npi(1)]
    with pytest.raises(GoneProblem):
        service.get_provider(session=db_session, provider_id=gone.id)
    # Listed again, the record comes back.
    report = load(db_session)
    assert (report.updated, report.unchanged) == (3, 7)
    assert sorted(near(db_session, "10001")[0]) == [npi(1), npi(2), npi(10)]


def count_nppes(db_session) -> int:
    return db_session.scalar(select(func.count()).where(Provider.source == "nppes"))


def test_a_wrong_header_is_refused_with_nothing_written(db_session, runner, tmp_path):
    header, rows = fixture_rows()
    renamed = header.copy()
    renamed[47] = "Taxonomy Code_1"
    bad = tmp_path / "npidata_pfile_bad.csv"
    bad.write_text(as_file(renamed, rows).getvalue())
    result = runner.invoke(args=["locator", "load-nppes", str(bad)])
    assert result.exit_code == 1
    assert (
        "Column 48 of the header is 'Taxonomy Code_1'; expected "
        "'Healthcare Provider Taxonomy Code_1'"
    ) in result.output
    assert "Nothing was written" in result.output
    assert count_nppes(db_session) == 0
    other = tmp_path / "pl_pfile.csv"
    other.write_text('"NPI","Provider Secondary Practice Location Address- Address Line 1"\n')
    result = runner.invoke(args=["locator", "load-nppes", str(other)])
    assert result.exit_code == 1 and "has 2 columns" in result.output


def test_a_damaged_row_late_in_the_file_writes_nothing(db_session, runner, tmp_path):
    result = runner.invoke(args=["locator", "load-nppes", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "read 20, kept 10" in result.output and "inserted 10" in result.output
    header, rows = fixture_rows()
    rows[0][header.index("Provider Credential Text")] = "CHANGED"
    rows[-1] = rows[-1][:100]  # cut short
    damaged = tmp_path / "npidata_pfile_damaged.csv"
    damaged.write_text(as_file(header, rows).getvalue())
    result = runner.invoke(args=["locator", "load-nppes", str(damaged)])
    assert result.exit_code == 1 and "Line 21 has 100 fields" in result.output
    db_session.expire_all()
    assert nppes_providers(db_session)[npi(1)].credentials == "M.D."
    assert (
        db_session.scalar(
            select(func.count())
            .select_from(Location)
            .join(Provider)
            .where(Provider.source == "nppes")
        )
        == 10
    )


def test_files_before_2025_name_column_42_provider_gender_code(db_session):
    header, rows = fixture_rows()
    header[41] = "Provider Gender Code"
    raw = db_session.connection().connection.driver_connection
    bound = raw.reply_timeout
    report = load(db_session, as_file(header, rows))
    assert report.inserted == 10
    assert nppes_providers(db_session)[npi(1)].gender == "female"
    assert raw.reply_timeout == bound, "the batch bound is the load's only"
