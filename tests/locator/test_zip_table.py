"""The worker's ZIP table against the `zipcodes` package it is extracted from (a child process
prints it line by line, see service/locator/zips.py): every ZIP, every field, exactly."""

from __future__ import annotations

import subprocess
import sys

import zipcodes

from service.locator import zips


def test_every_zip_reads_back_exactly_as_the_package_has_it():
    package = {row["zip_code"]: row for row in zipcodes.list_all()}
    records = {record.zip_code: record for record in zips.all_records()}
    assert records.keys() == package.keys()
    for zip_code, row in package.items():
        record = records[zip_code]
        assert (record.city, record.state) == (row["city"], row["state"]), zip_code
        if record.status == zips.RETIRED:
            assert row["active"] is False, zip_code
        if record.centroid is not None and record.centroid.precision == zips.ZIP_CENTROID:
            # the same float, bit for bit, through the child's text
            assert record.centroid.lat == float(row["lat"]), zip_code
            assert record.centroid.lon == float(row["long"]), zip_code


def test_repeated_names_are_one_string_each():
    records = zips.all_records()
    states = {id(record.state) for record in records}
    assert len(states) == len({record.state for record in records})
    cities = {(record.city, id(record.city)) for record in records}
    assert len(cities) == len({record.city for record in records})


def test_the_worker_never_imports_the_package():
    # The package keeps ~140 MB of dicts for the life of a process that imports it.
    probe = (
        "import sys; from service.locator import zips; zips.lookup('10001'); "
        "sys.exit('zipcodes' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", probe], check=False).returncode == 0
