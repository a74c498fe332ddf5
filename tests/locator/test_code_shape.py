"""Code shape: the SQL and the output mapping share one field list and import no loop."""

import subprocess
import sys

from service.locator import query
from service.locator.schemas import LocationSchema, ProviderSchema


def test_sql_and_output_import_without_the_service_facade():
    # Before, sql.py needed service.py's types and service.py needed sql.py's statements.
    imported = subprocess.run(
        [
            sys.executable,
            "-c",
            (
                "import sys, service.locator.sql, service.locator.providers; "
                "print('service.locator.service' in sys.modules)"
            ),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert imported == "False"


def test_the_field_lists_are_what_the_schemas_document():
    shown = {*query.PROVIDER_COLUMNS, "href"}
    assert shown == set(ProviderSchema().fields)
    assert {*query.LOCATION_FIELDS, "zip"} == set(LocationSchema().fields)
    assert set(query.PROVIDER_RECORD_FIELDS) < set(query.PROVIDER_COLUMNS)
