"""Load the public NPPES dissemination file (npidata_pfile_*.csv) into the directory.

Read as a stream (nppes_file.py: each row checked, filtered to the pain-relevant taxonomy codes,
placed at its practice ZIP's centroid) and COPY'd into a temporary staging table, which is then
merged into the providers and locations in the same transaction. A malformed file (a wrong
header, a short row, bytes that are not UTF-8, an NPI on two rows) raises NppesFormatError and
nothing is written: the caller's transaction is rolled back.

Every row is the NPI's current record, so the merge is an upsert by NPI (source `nppes`,
external_id = npi): a deactivated NPI, or one no longer pain-relevant or locatable, leaves
search. NPPES says nothing of new patients or telehealth: both are stored NULL (not known), so
neither "accepting" nor "not accepting" is claimed, and neither filter value matches them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from service.db import BoundedConnection
from service.locator.imports import IMPORT_LOCK_NAMESPACE
from service.locator.nppes_file import (
    COLUMNS,
    INDEX,
    STAGING_COLUMNS,
    NppesFormatError,
    NppesReport,
    staging_rows,
)

__all__ = ["COLUMNS", "INDEX", "NppesFormatError", "NppesReport", "load", "load_file"]

SOURCE = "nppes"
# A whole monthly file is millions of rows: the load's statements get this bound, not the API's.
BATCH_TIMEOUT_S = 1800

STAGING_TABLE = """
    CREATE TEMP TABLE nppes_staging (
        npi varchar(10) NOT NULL,
        action varchar(10) NOT NULL,  -- list, deactivate or drop
        name varchar(200),
        credentials varchar(80),
        gender varchar(16),
        specialties varchar(10)[],
        location_name varchar(200),
        address_line1 varchar(200),
        address_line2 varchar(200),
        city varchar(100),
        state varchar(2),
        zip_code varchar(5),
        phone varchar(32),
        lat float8,
        lon float8,
        geo_precision varchar(16),
        record_hash varchar(64)
    ) ON COMMIT DROP"""

# The providers this load inserted or changed (their one location is written anew).
TOUCHED_TABLE = """
    CREATE TEMP TABLE nppes_touched (id bigint, npi varchar(10), inserted boolean) ON COMMIT DROP"""

UNCHANGED = """
    SELECT count(*) FROM nppes_staging AS s
    JOIN locator_providers AS p ON p.source = :source AND p.npi = s.npi
    WHERE s.action = 'list' AND p.active AND p.record_hash = s.record_hash"""

# NPPES says nothing of languages, therapies, new patients or telehealth: nothing is claimed
# (empty lists; NULL, not known, for the two facts).
UPDATE_CHANGED = """
    WITH changed AS (
        UPDATE locator_providers AS p SET
            name = s.name, credentials = s.credentials, gender = s.gender,
            specialties = s.specialties, languages = '{}', therapies = '{}', bio = NULL,
            accepting_new_patients = NULL, telehealth = NULL, active = true,
            deactivated_at = NULL, record_hash = s.record_hash, updated_at = :now
        FROM nppes_staging AS s
        WHERE s.action = 'list' AND p.source = :source AND p.npi = s.npi
            AND (NOT p.active OR p.record_hash <> s.record_hash)
        RETURNING p.id, p.npi
    )
    INSERT INTO nppes_touched SELECT id, npi, false FROM changed"""

INSERT_NEW = """
    WITH inserted AS (
        INSERT INTO locator_providers (
            source, external_id, npi, name, credentials, gender, languages, bio, specialties,
            therapies, accepting_new_patients, telehealth, active, record_hash, created_at,
            updated_at
        )
        SELECT CAST(:source AS varchar), s.npi, s.npi, s.name, s.credentials, s.gender, '{}',
            NULL, s.specialties, '{}', NULL, NULL, true, s.record_hash, :now, :now
        FROM nppes_staging AS s
        WHERE s.action = 'list' AND NOT EXISTS (
            SELECT 1 FROM locator_providers AS p WHERE p.source = :source AND p.npi = s.npi
        )
        RETURNING id, npi
    )
    INSERT INTO nppes_touched SELECT id, npi, true FROM inserted"""

REPLACE_LOCATIONS = (
    "DELETE FROM locator_locations AS l USING nppes_touched AS t WHERE l.provider_id = t.id",
    # The provider's search facts are copied onto the location (models.SEARCH_COLUMNS).
    """
    INSERT INTO locator_locations (
        provider_id, position, name, address_line1, address_line2, city, state, zip_code, phone,
        lat, lon, geo_precision, specialties, therapies, languages, accepting_new_patients,
        telehealth, active
    )
    SELECT t.id, 0, s.location_name, s.address_line1, s.address_line2, s.city, s.state,
        s.zip_code, s.phone, s.lat, s.lon, s.geo_precision, s.specialties, '{}', '{}', NULL,
        NULL, true
    FROM nppes_touched AS t JOIN nppes_staging AS s ON s.npi = t.npi AND s.action = 'list'""",
)

# Out of search as DELETE /v1/physicians/{id} takes one (service.deactivate).
DEACTIVATE = """
    WITH gone AS (
        UPDATE locator_providers AS p SET active = false, deactivated_at = :now, updated_at = :now
        FROM nppes_staging AS s
        WHERE s.action = :action AND p.source = :source AND p.npi = s.npi AND p.active
        RETURNING p.id
    ), locations AS (
        UPDATE locator_locations AS l SET active = false FROM gone WHERE l.provider_id = gone.id
    )
    SELECT count(*) FROM gone"""


@contextmanager
def batch_bounds(session: Session) -> Iterator[Any]:
    """The load's connection with a batch job's bounds instead of a request's (restored)."""
    raw = session.connection().connection.driver_connection
    session.execute(text(f"SET LOCAL statement_timeout = '{BATCH_TIMEOUT_S}s'"))
    if not isinstance(raw, BoundedConnection):
        yield raw
        return
    # It stops waiting for a reply after the API's statement timeout: the load's is longer.
    previous, raw.reply_timeout = raw.reply_timeout, BATCH_TIMEOUT_S + 30
    try:
        yield raw
    finally:
        raw.reply_timeout = previous


def load(*, session: Session, lines: TextIO, now: dt.datetime | None = None) -> NppesReport:
    """Stage the file's rows, then merge them; raises NppesFormatError with nothing written.

    Runs in the session's transaction (the caller commits); loads of NPPES and partner
    imports of the `nppes` source run one at a time (the imports' advisory lock).
    """
    report = NppesReport()
    now = now or dt.datetime.now(dt.UTC)
    session.execute(
        select(func.pg_advisory_xact_lock(IMPORT_LOCK_NAMESPACE, func.hashtext(SOURCE)))
    )
    for table in ("nppes_staging", "nppes_touched"):  # left by an earlier load in this transaction
        session.execute(text(f"DROP TABLE IF EXISTS {table}"))
    session.execute(text(STAGING_TABLE))
    session.execute(text(TOUCHED_TABLE))
    with batch_bounds(session) as raw, raw.cursor() as cursor:
        with cursor.copy(f"COPY nppes_staging ({', '.join(STAGING_COLUMNS)}) FROM STDIN") as copy:
            for row in staging_rows(lines, report):
                copy.write_row(row)
        _merge(session, report, now)
    session.expire_all()  # the merge changed rows behind the ORM's back
    return report


def _merge(session: Session, report: NppesReport, now: dt.datetime) -> None:
    session.execute(text("CREATE INDEX ON nppes_staging (npi)"))
    session.execute(text("ANALYZE nppes_staging"))
    twice = session.scalar(
        text("SELECT npi FROM nppes_staging GROUP BY npi HAVING count(*) > 1 LIMIT 1")
    )
    if twice is not None:
        raise NppesFormatError(f"NPI {twice} is on more than one row; each NPI has one record.")
    params = {"source": SOURCE, "now": now}
    report.unchanged = session.scalar(text(UNCHANGED), params)
    session.execute(text(UPDATE_CHANGED), params)
    session.execute(text(INSERT_NEW), params)
    for statement in REPLACE_LOCATIONS:
        session.execute(text(statement))
    report.inserted, report.updated = session.execute(
        text(
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) "
            "FROM nppes_touched"
        )
    ).one()
    report.deactivated = session.scalar(text(DEACTIVATE), params | {"action": "deactivate"})
    report.delisted = session.scalar(text(DEACTIVATE), params | {"action": "drop"})
    for table in ("nppes_touched", "nppes_staging"):
        session.execute(text(f"DROP TABLE {table}"))


def load_file(*, session: Session, path: Path) -> NppesReport:
    """Load an npidata_pfile CSV from disk, read as a stream (UTF-8, a BOM skipped)."""
    with path.open(encoding="utf-8-sig", newline="") as lines:
        return load(session=session, lines=lines)
