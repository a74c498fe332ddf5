"""Partner imports: decode, parse CSV or NDJSON, validate every row, then upsert all or nothing."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import marshmallow as ma
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from service import inputs
from service.errors import Problem
from service.locator import zips
from service.locator.models import Location, Provider
from service.locator.origins import zip_problem
from service.locator.providers import deactivate, live_therapy_slugs
from service.locator.query import LOCATION_RECORD_FIELDS, PROVIDER_RECORD_FIELDS
from service.locator.schemas import ProviderRecordSchema

CSV = "text/csv"
NDJSON = "application/x-ndjson"
MEDIA_TYPES = (CSV, NDJSON)
LIST_SEPARATOR = ";"
# CSV columns: the record's provider fields by their own names, then its location's.
PROVIDER_COLUMNS = PROVIDER_RECORD_FIELDS
LIST_COLUMNS = {"languages", "specialties", "therapies"}
LOCATION_COLUMNS = {
    "location_name": "name",
    "address_line1": "address_line1",
    "address_line2": "address_line2",
    "city": "city",
    "state": "state",
    "zip": "zip",
    "phone": "phone",
    "lat": "lat",
    "lon": "lon",
}
RECORD_SCHEMA = ProviderRecordSchema()
DEFAULT_CHARSET = "utf-8"
# First key of the two-key advisory lock an import of one source holds (the second is a hash of
# the source): any constant other code does not use; "import" in ASCII.
IMPORT_LOCK_NAMESPACE = 0x696D7074


class ImportRejectedProblem(Problem):
    """At least one row is invalid, so nothing was written."""

    status = 422
    code = "import_rejected"


class UnsupportedCharsetProblem(Problem):
    status = 415
    code = "unsupported_media_type"


@dataclass
class ImportReport:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    mode: str = "merge"
    errors: list[dict[str, Any]] = field(default_factory=list)

    def error(self, line: int, field_name: str | None, message: str) -> None:
        self.errors.append({"line": line, "field": field_name, "message": message})

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deactivated": self.deactivated,
            "mode": self.mode,
            "errors": self.errors,
        }


@dataclass
class RawRecord:
    line: int
    data: dict[str, Any]
    csv: bool = False
    # CSV: the row of each location, so an error points at the row that holds it
    location_lines: list[int] = field(default_factory=list)

    def error_at(self, field_name: str | None) -> tuple[int, str | None]:
        """(line, field) for an error; CSV location errors name their own row and column."""
        if self.csv and field_name and field_name.startswith("locations["):
            index, _, column = field_name.removeprefix("locations[").partition("].")
            return self.location_lines[int(index)], column or None
        return self.line, field_name


# --- decoding and parsing -----------------------------------------------------------------


def decode(body: bytes, charset: str | None, report: ImportReport) -> str | None:
    """The body as text in its declared charset (UTF-8 by default, a BOM skipped); None, with the
    line of the first undecodable byte reported, rather than text with U+FFFD in it."""
    charset = charset or DEFAULT_CHARSET
    try:
        encoding = codecs.lookup(charset).name
        if encoding == "utf-8":
            encoding = "utf-8-sig"
        return body.decode(encoding)
    except LookupError:  # unknown, or not a text encoding (rot13, base64)
        raise UnsupportedCharsetProblem(
            f"Unsupported charset '{charset}'; send UTF-8 (the default) or another text encoding."
        ) from None
    except UnicodeDecodeError as error:
        line = body[: error.start].decode(encoding, errors="replace").count("\n") + 1
        byte = body[error.start : error.start + 1].hex()
        report.error(line, None, f"Not valid {charset} (byte 0x{byte}): {error.reason}.")
        return None


def drop_unstorable(body: str, report: ImportReport) -> str:
    """PostgreSQL text cannot hold NUL or an unpaired surrogate: name their lines, drop them."""
    found = inputs.UNSTORABLE.search(body)
    while found is not None:
        line = body.count("\n", 0, found.start()) + 1
        message = (
            "NUL character."
            if found.group() == "\x00"
            else inputs.unstorable_message(found.group()) or ""
        )
        report.error(line, None, message)
        found = inputs.UNSTORABLE.search(body, body.find("\n", found.start()) + 1 or len(body))
    return inputs.UNSTORABLE.sub("", body) if report.errors else body


def parse_ndjson(body: str, report: ImportReport) -> list[RawRecord]:
    records = []
    for line_number, line in enumerate(body.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = inputs.loads_json(line)
        except json.JSONDecodeError as exc:
            report.error(line_number, None, f"Not JSON: {exc.msg}.")
            continue
        except inputs.JSONInputError as exc:
            report.error(line_number, exc.path, exc.message)
            continue
        if not isinstance(data, dict):
            report.error(line_number, None, "Each line must be a JSON object.")
            continue
        records.append(RawRecord(line_number, data))
    return records


class _CountedLines:
    """The body's lines, counting how many the csv reader has taken: a parser error happens on
    the last one taken (the reader's own `line_num` is not updated when it raises)."""

    def __init__(self, body: str):
        self._lines = iter(io.StringIO(body))
        self.taken = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken += 1
        return line


def parse_csv(body: str, report: ImportReport) -> list[RawRecord]:
    """One row per practice location; rows sharing a key are one provider's locations."""
    lines = _CountedLines(body)
    reader = csv.DictReader(lines)
    try:
        return _read_csv_rows(reader, report)
    except csv.Error as error:
        # A bare CR in an unquoted field, a field over csv.field_size_limit(): the reader cannot
        # go on after either, and the rows before it are not imported alone.
        message = str(error)
        if "field larger than field limit" in message:
            message = f"A field is longer than {csv.field_size_limit()} characters."
        elif "new-line character seen in unquoted field" in message:
            message = "Line break (CR) inside an unquoted field; quote the field."
        report.error(lines.taken, None, message)
        return []


def _read_csv_rows(reader: csv.DictReader[str], report: ImportReport) -> list[RawRecord]:
    missing = {"name", "zip"} - set(reader.fieldnames or ())
    if missing:
        report.error(1, None, f"Missing column(s): {', '.join(sorted(missing))}.")
        return []
    by_key: dict[str, RawRecord] = {}
    records = []
    for row in reader:
        values = {k: v.strip() for k, v in row.items() if k and v is not None and v.strip()}
        provider = {k: values[k] for k in PROVIDER_COLUMNS if k in values}
        for name in LIST_COLUMNS & provider.keys():
            provider[name] = [
                item.strip() for item in provider[name].split(LIST_SEPARATOR) if item.strip()
            ]
        location = {
            target: values[column]
            for column, target in LOCATION_COLUMNS.items()
            if column in values
        }
        key = provider.get("external_id") or provider.get("npi")
        first = by_key.get(key) if key else None
        if first is None:
            record = RawRecord(
                reader.line_num,
                provider | {"locations": [location]},
                csv=True,
                location_lines=[reader.line_num],
            )
            records.append(record)
            if key:
                by_key[key] = record
        elif {k: v for k, v in first.data.items() if k != "locations"} != provider:
            report.error(
                reader.line_num,
                None,
                f"Same provider as line {first.line} but with different provider columns.",
            )
        else:
            first.data["locations"].append(location)
            first.location_lines.append(reader.line_num)
    return records


def parse(body: str, media_type: str, report: ImportReport) -> list[RawRecord]:
    return parse_csv(body, report) if media_type == CSV else parse_ndjson(body, report)


# --- validation ---------------------------------------------------------------------------


def _field_errors(messages: Any, prefix: str = "") -> Iterable[tuple[str | None, str]]:
    if isinstance(messages, dict):
        for key, child in messages.items():
            name = key if key != "_schema" else ""
            path = f"{prefix}.{name}" if prefix and name != "" else (prefix or name)
            if isinstance(key, int):
                path = f"{prefix}[{key}]"
            yield from _field_errors(child, path)
    elif isinstance(messages, list):
        for message in messages:
            yield from _field_errors(message, prefix)
    else:
        yield (prefix or None), str(messages)


def geocode(location: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """Fills lat/lon from the ZIP's centroid when missing: (location, None), or (None, why not).

    Coordinates the partner gives are kept whatever the ZIP: they are the better location.
    """
    zip5 = zips.normalise_zip(location["zip"]) if location["zip"] else None
    if location["lat"] is not None:
        return location | {"zip": zip5, "geo_precision": "exact"}, None
    found = zips.record(location["zip"])
    if found is None:
        return None, "Unknown ZIP code; give lat and lon."
    if found.centroid is None:
        refusal = zip_problem(found)
        why = refusal.errors[0]["message"] if refusal.errors else refusal.detail
        return None, f"{why} Or give lat and lon."
    return location | {
        "zip": zip5,
        "lat": found.centroid.lat,
        "lon": found.centroid.lon,
        "geo_precision": found.centroid.precision,
    }, None


def validate_record(
    raw: RawRecord, therapies: set[str], report: ImportReport
) -> dict[str, Any] | None:
    try:
        record: dict[str, Any] = RECORD_SCHEMA.load(
            raw.data, unknown=ma.EXCLUDE if raw.csv else ma.RAISE
        )
    except ma.ValidationError as exc:
        for name, message in _field_errors(exc.messages):
            report.error(*raw.error_at(name), message)
        return None
    ok = True
    for slug in sorted(set(record["therapies"]) - therapies):
        report.error(raw.line, "therapies", f"Unknown treatment slug `{slug}`; see /v1/therapies.")
        ok = False
    geocoded = []
    for index, location in enumerate(record["locations"]):
        located, why_not = geocode(location)
        if located is None:
            report.error(*raw.error_at(f"locations[{index}].zip"), why_not or "Not located.")
            ok = False
        geocoded.append(located)
    if not ok:
        return None
    record["locations"] = geocoded
    # Order never matters for these lists: normalising keeps re-imports unchanged.
    for name in ("languages", "specialties", "therapies"):
        record[name] = sorted(set(record[name]))
    record["hash"] = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
    record["line"] = raw.line
    return record


def _check_keys(
    records: list[dict[str, Any]], existing: list[Provider], report: ImportReport
) -> None:
    """One record per key in the file; an NPI never moves to another external id silently."""
    seen_external: dict[str, int] = {}
    seen_npi: dict[str, int] = {}
    for record in records:
        for key, seen in ((record["external_id"], seen_external), (record["npi"], seen_npi)):
            if key and key in seen:
                name = "external_id" if seen is seen_external else "npi"
                report.error(record["line"], name, f"Also on line {seen[key]}.")
            elif key:
                seen[key] = record["line"]
    for record in records:
        if not (record["npi"] and record["external_id"]):
            continue
        for provider in existing:
            if provider.npi == record["npi"] and provider.external_id != record["external_id"]:
                report.error(
                    record["line"],
                    "npi",
                    f"This NPI belongs to external_id `{provider.external_id}` of this source.",
                )


# --- applying -----------------------------------------------------------------------------


def _match(
    record: dict[str, Any], by_external: dict[str, Any], by_npi: dict[str, Any]
) -> Provider | None:
    if record["external_id"]:
        return by_external.get(record["external_id"])
    return by_npi.get(record["npi"])


def _assign(provider: Provider, record: dict[str, Any]) -> None:
    for name in PROVIDER_RECORD_FIELDS:
        setattr(provider, name, record[name])
    provider.record_hash = record["hash"]
    provider.locations = [
        Location(
            position=position,
            zip_code=loc["zip"],
            **{name: loc[name] for name in LOCATION_RECORD_FIELDS},
        )
        for position, loc in enumerate(record["locations"])
    ]
    provider.copy_search_columns()


def import_records(
    *,
    session: Session,
    source: str,
    raw_records: list[RawRecord],
    report: ImportReport | None = None,
    mode: str = "merge",
) -> ImportReport:
    """Validate every record, then upsert them all; or raise ImportRejectedProblem (no writes).

    `sync` also deactivates the source's active records the file does not list, in the same
    transaction: a rejected sync deactivates nothing. A record that comes back is reactivated.

    Imports of one source run one at a time (a transaction-level advisory lock, released at
    commit or rollback): two at once both found a new record missing, both inserted it, and
    the second failed on the unique key. The second now waits and finds the first's rows.
    """
    report = report or ImportReport(source)
    report.mode = mode
    therapies = live_therapy_slugs(session)
    records = [r for r in (validate_record(raw, therapies, report) for raw in raw_records) if r]
    session.execute(
        select(func.pg_advisory_xact_lock(IMPORT_LOCK_NAMESPACE, func.hashtext(source)))
    )
    external_ids = [r["external_id"] for r in records if r["external_id"]]
    npis = [r["npi"] for r in records if r["npi"]]
    existing = list(
        session.scalars(
            select(Provider)
            .where(
                Provider.source == source,
                or_(Provider.external_id.in_(external_ids), Provider.npi.in_(npis)),
            )
            .options(selectinload(Provider.locations))
        )
    )
    _check_keys(records, existing, report)
    if mode == "sync" and not raw_records and not report.errors:
        report.error(
            1,
            None,
            "A sync import of no records would deactivate the whole directory; "
            "deactivate records one by one with DELETE /v1/physicians/{id}.",
        )
    if report.errors:
        raise _rejected(report)
    by_external = {p.external_id: p for p in existing if p.external_id}
    by_npi = {p.npi: p for p in existing if p.npi}
    now = dt.datetime.now(dt.UTC)
    listed: list[Provider] = []
    for record in records:
        provider = _match(record, by_external, by_npi)
        if provider is None:
            provider = Provider(source=source)
            _assign(provider, record)
            session.add(provider)
            report.created += 1
        elif provider.record_hash == record["hash"] and provider.active:
            report.unchanged += 1
        else:
            provider.active, provider.deactivated_at = True, None
            _assign(provider, record)
            provider.updated_at = now
            report.updated += 1
        listed.append(provider)
    session.flush()
    if mode == "sync":  # after the flush: new records have their ids
        ids = {provider.id for provider in listed}
        report.deactivated = _deactivate_unlisted(session, source, ids, now)
    return report


def _deactivate_unlisted(session: Session, source: str, listed: set[int], now: dt.datetime) -> int:
    departed = session.scalars(
        select(Provider)
        .where(Provider.source == source, Provider.active, Provider.id.not_in(listed))
        .options(selectinload(Provider.locations))
    ).all()
    for provider in departed:
        deactivate(provider, now)
    session.flush()
    return len(departed)


def _rejected(report: ImportReport) -> ImportRejectedProblem:
    report.errors.sort(key=lambda error: error["line"])
    return ImportRejectedProblem(
        f"{len(report.errors)} error(s); nothing was imported.",
        errors=report.errors,
        created=0,
        updated=0,
        unchanged=0,
        deactivated=0,
    )


def import_body(
    *,
    session: Session,
    source: str,
    body: str | bytes,
    media_type: str,
    charset: str | None = None,
    mode: str = "merge",
) -> ImportReport:
    """Import a request's or file's body: bytes are decoded in `charset` (UTF-8 by default)."""
    report = ImportReport(source)
    text = decode(body, charset, report) if isinstance(body, bytes) else body
    raw_records = (
        parse(drop_unstorable(text, report), media_type, report) if text is not None else []
    )
    return import_records(
        session=session, source=source, raw_records=raw_records, report=report, mode=mode
    )
