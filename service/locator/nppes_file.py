"""The NPPES data file's layout, and each of its rows as a staging row (or why it is skipped).

The file (npidata_pfile_*.csv, CMS's monthly full or weekly incremental) has one quoted row per
NPI in 330 columns. A row is listed when one of its 15 taxonomy codes is pain-relevant
(specialties.yaml) and its practice ZIP has a centroid; nppes.py stages and merges the rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from service.locator import zips
from service.locator.npi import is_valid_npi
from service.locator.specialties import specialties

TAXONOMY_SLOTS = range(1, 16)
OTHER_IDENTIFIER_SLOTS = range(1, 51)
# The Data File layout of the NPPES Data Dissemination Readme, in file order (330 columns).
COLUMNS = (
    "NPI",
    "Entity Type Code",
    "Replacement NPI",
    "Employer Identification Number (EIN)",
    "Provider Organization Name (Legal Business Name)",
    "Provider Last Name (Legal Name)",
    "Provider First Name",
    "Provider Middle Name",
    "Provider Name Prefix Text",
    "Provider Name Suffix Text",
    "Provider Credential Text",
    "Provider Other Organization Name",
    "Provider Other Organization Name Type Code",
    "Provider Other Last Name",
    "Provider Other First Name",
    "Provider Other Middle Name",
    "Provider Other Name Prefix Text",
    "Provider Other Name Suffix Text",
    "Provider Other Credential Text",
    "Provider Other Last Name Type Code",
    "Provider First Line Business Mailing Address",
    "Provider Second Line Business Mailing Address",
    "Provider Business Mailing Address City Name",
    "Provider Business Mailing Address State Name",
    "Provider Business Mailing Address Postal Code",
    "Provider Business Mailing Address Country Code (If outside U.S.)",
    "Provider Business Mailing Address Telephone Number",
    "Provider Business Mailing Address Fax Number",
    "Provider First Line Business Practice Location Address",
    "Provider Second Line Business Practice Location Address",
    "Provider Business Practice Location Address City Name",
    "Provider Business Practice Location Address State Name",
    "Provider Business Practice Location Address Postal Code",
    "Provider Business Practice Location Address Country Code (If outside U.S.)",
    "Provider Business Practice Location Address Telephone Number",
    "Provider Business Practice Location Address Fax Number",
    "Provider Enumeration Date",
    "Last Update Date",
    "NPI Deactivation Reason Code",
    "NPI Deactivation Date",
    "NPI Reactivation Date",
    "Provider Sex Code",
    "Authorized Official Last Name",
    "Authorized Official First Name",
    "Authorized Official Middle Name",
    "Authorized Official Title or Position",
    "Authorized Official Telephone Number",
    *(
        name
        for slot in TAXONOMY_SLOTS
        for name in (
            f"Healthcare Provider Taxonomy Code_{slot}",
            f"Provider License Number_{slot}",
            f"Provider License Number State Code_{slot}",
            f"Healthcare Provider Primary Taxonomy Switch_{slot}",
        )
    ),
    *(
        name
        for slot in OTHER_IDENTIFIER_SLOTS
        for name in (
            f"Other Provider Identifier_{slot}",
            f"Other Provider Identifier Type Code_{slot}",
            f"Other Provider Identifier State_{slot}",
            f"Other Provider Identifier Issuer_{slot}",
        )
    ),
    "Is Sole Proprietor",
    "Is Organization Subpart",
    "Parent Organization LBN",
    "Parent Organization TIN",
    "Authorized Official Name Prefix Text",
    "Authorized Official Name Suffix Text",
    "Authorized Official Credential Text",
    *(f"Healthcare Provider Taxonomy Group_{slot}" for slot in TAXONOMY_SLOTS),
    "Certification Date",
)
# Files before 2025 name column 41 "Provider Gender Code"; the values are the same (M, F).
FORMER_NAMES = {41: "Provider Gender Code"}
INDEX = {name: position for position, name in enumerate(COLUMNS)}
TAXONOMY_COLUMNS = [INDEX[f"Healthcare Provider Taxonomy Code_{slot}"] for slot in TAXONOMY_SLOTS]
PRACTICE_COUNTRY = "Provider Business Practice Location Address Country Code (If outside U.S.)"
ORGANIZATION = "2"  # Entity Type Code; 1 is an individual
GENDERS = {"M": "male", "F": "female"}
POSTAL_CODE = re.compile(r"^(\d{5})(?:-?\d{4})?$")  # NPPES writes ZIP+4 as 9 digits

# Why a row read is not listed (the report counts each).
NOT_PAIN_RELEVANT = "not_pain_relevant"
INVALID_NPI = "invalid_npi"
OUTSIDE_US = "outside_us"
ZIP_MISSING = "zip_missing"
ZIP_UNKNOWN = "zip_unknown"
ZIP_REASONS = {
    zips.MILITARY: "zip_military",
    zips.RETIRED: "zip_retired",
    zips.NOT_LOCATABLE: "zip_not_locatable",
}


# A staging row: the NPI, what to do (list, deactivate or drop), what a listing sets.
STAGING_COLUMNS = (
    "npi", "action", "name", "credentials", "gender", "specialties", "location_name",
    "address_line1", "address_line2", "city", "state", "zip_code", "phone", "lat", "lon",
    "geo_precision", "record_hash",
)  # fmt: skip


class NppesFormatError(ValueError):
    """The file is not an NPPES data file (or is damaged); nothing was written."""


@dataclass
class NppesReport:
    read: int = 0
    kept: int = 0
    deactivation_rows: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0  # NPIs CMS deactivated that were listed
    delisted: int = 0  # listed NPIs whose current row is no longer pain-relevant or locatable

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "kept": self.kept,
            "deactivation_rows": self.deactivation_rows,
            "skipped": dict(sorted(self.skipped.items())),
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deactivated": self.deactivated,
            "delisted": self.delisted,
        }


# --- reading ------------------------------------------------------------------------------


def check_header(header: list[str] | None) -> None:
    if header is None:
        raise NppesFormatError("The file is empty; expected the NPPES header row.")
    if len(header) != len(COLUMNS):
        raise NppesFormatError(
            f"The header has {len(header)} columns; an NPPES data file (npidata_pfile) has "
            f"{len(COLUMNS)}. Is this the data file, not the FileHeader, other name or "
            "practice location file?"
        )
    for position, (found, expected) in enumerate(zip(header, COLUMNS, strict=True)):
        if found.strip() != expected and found.strip() != FORMER_NAMES.get(position):
            raise NppesFormatError(
                f"Column {position + 1} of the header is {found!r}; expected {expected!r}."
            )


def _deactivated(row: list[str]) -> bool:
    """Deactivated, and not reactivated since (NPPES dates are MM/DD/YYYY)."""
    deactivated_on = _date(row[INDEX["NPI Deactivation Date"]])
    if deactivated_on is None:
        return False
    reactivated_on = _date(row[INDEX["NPI Reactivation Date"]])
    return reactivated_on is None or reactivated_on < deactivated_on


def _date(value: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.datetime.strptime(value, "%m/%d/%Y").date()  # noqa: DTZ007 - a date, no time
    except ValueError:
        raise NppesFormatError(f"Not an NPPES date (MM/DD/YYYY): {value!r}.") from None


def _name(row: list[str]) -> str:
    if row[INDEX["Entity Type Code"]] == ORGANIZATION:
        return row[INDEX["Provider Organization Name (Legal Business Name)"]].strip()
    parts = [
        row[INDEX[column]].strip()
        for column in (
            "Provider Name Prefix Text",
            "Provider First Name",
            "Provider Middle Name",
            "Provider Last Name (Legal Name)",
        )
    ]
    name = " ".join(part for part in parts if part)
    suffix = row[INDEX["Provider Name Suffix Text"]].strip()
    return f"{name} {suffix}" if suffix else name


def _blank(value: str, limit: int) -> str | None:
    value = value.strip()
    return value[:limit] or None


def _listing(row: list[str], codes: list[str], centroid: zips.ZipCentroid) -> tuple[Any, ...]:
    """A staging row: what the provider and its one location are set to."""
    organization = row[INDEX["Entity Type Code"]] == ORGANIZATION
    state = row[INDEX["Provider Business Practice Location Address State Name"]].strip()
    record = {
        "name": _name(row)[:200] or f"NPI {row[0]}",
        "credentials": None if organization else _blank(row[INDEX["Provider Credential Text"]], 80),
        "gender": None if organization else GENDERS.get(row[INDEX["Provider Sex Code"]].strip()),
        "specialties": codes,
        "location_name": _name(row)[:200] if organization else None,
        "address_line1": _blank(
            row[INDEX["Provider First Line Business Practice Location Address"]], 200
        ),
        "address_line2": _blank(
            row[INDEX["Provider Second Line Business Practice Location Address"]], 200
        ),
        "city": _blank(row[INDEX["Provider Business Practice Location Address City Name"]], 100),
        "state": state if zips.STATE_PATTERN.match(state) else None,
        "zip_code": centroid.zip_code,
        "phone": _blank(
            row[INDEX["Provider Business Practice Location Address Telephone Number"]], 32
        ),
        "lat": centroid.lat,
        "lon": centroid.lon,
        "geo_precision": centroid.precision,
    }
    record_hash = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
    return (row[0].strip(), "list", *(record[name] for name in STAGING_COLUMNS[2:-1]), record_hash)


def staging_rows(lines: TextIO, report: NppesReport) -> Iterator[tuple[Any, ...]]:
    """Each row of the file as a staging row; rows neither listed nor deactivated are counted
    as skipped with their reason, and staged as `drop`: a listed NPI among them leaves search."""
    accepted = specialties()
    reader = csv.reader(lines)
    try:
        check_header(next(reader, None))
        for row in reader:
            if len(row) != len(COLUMNS):
                raise NppesFormatError(
                    f"Line {reader.line_num} has {len(row)} fields; the header has {len(COLUMNS)}."
                )
            report.read += 1
            try:
                staged = _classify(row, accepted, report)
            except NppesFormatError as error:
                raise NppesFormatError(f"Line {reader.line_num}: {error}") from None
            if staged is not None:
                yield staged
    except csv.Error as error:
        raise NppesFormatError(f"Line {reader.line_num}: {error}.") from None
    except UnicodeDecodeError as error:
        raise NppesFormatError(
            f"After line {reader.line_num}: not UTF-8 ({error.reason})."
        ) from None


def _notice(npi: str, action: str) -> tuple[Any, ...]:
    return (npi, action) + (None,) * (len(STAGING_COLUMNS) - 2)


def _classify(
    row: list[str], accepted: dict[str, Any], report: NppesReport
) -> tuple[Any, ...] | None:
    npi = row[0].strip()
    if not is_valid_npi(npi):
        report.skipped[INVALID_NPI] += 1
        return None
    if _deactivated(row):
        report.deactivation_rows += 1
        return _notice(npi, "deactivate")
    codes = sorted({row[i].strip() for i in TAXONOMY_COLUMNS} & accepted.keys())
    reason = None
    if not codes:
        reason = NOT_PAIN_RELEVANT
    elif row[INDEX[PRACTICE_COUNTRY]].strip() not in ("", "US"):
        reason = OUTSIDE_US
    else:
        postal = row[INDEX["Provider Business Practice Location Address Postal Code"]].strip()
        match = POSTAL_CODE.match(postal)
        found = zips.record(match.group(1)) if match else None
        if not postal:
            reason = ZIP_MISSING
        elif found is None:
            reason = ZIP_UNKNOWN
        elif found.centroid is None:
            reason = ZIP_REASONS[found.status]
        else:
            report.kept += 1
            return _listing(row, codes, found.centroid)
    report.skipped[reason] += 1
    return _notice(npi, "drop")
