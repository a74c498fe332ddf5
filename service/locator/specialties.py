"""The NUCC taxonomy codes the locator accepts and their hierarchy, read once from specialties.yaml.

NUCC's hierarchy is grouping -> classification -> specialization. A classification with a code of
its own (207L00000X Anesthesiology) is the parent of its specializations' codes: a search for it
finds them too (`expand`). Groupings have no codes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from service.content.locales import SUPPORTED_LOCALES

SPECIALTIES_FILE = Path(__file__).with_name("specialties.yaml")
NUCC_CODE = re.compile(r"^[0-9]{3}[0-9A-Z]{6}X$")
CLASSIFICATION, SPECIALIZATION = "classification", "specialization"

GROUPING_FIELDS = {"grouping", "classifications"}
# A classification without a code of its own lists only its specializations.
CLASSIFICATION_FIELDS = {"classification", "specializations"}
CLASSIFICATION_CODE_FIELDS = {"code", "display_name", "display_name_es"}
SPECIALIZATION_FIELDS = {"code", "specialization", "display_name", "display_name_es"}


@dataclass(frozen=True)
class Specialty:
    code: str
    grouping: str
    classification: str
    specialization: str | None
    display_name: str
    display_name_es: str
    level: str  # CLASSIFICATION or SPECIALIZATION
    parent: str | None  # the classification's code, when it has one

    def shown(self, locale: str) -> dict[str, Any]:
        """As the API shows a physician's specialty (key order kept: responses are hashed)."""
        return {
            "code": self.code,
            "classification": self.classification,
            "specialization": self.specialization,
            "display_name": self.display_name_es if locale == "es" else self.display_name,
            "grouping": self.grouping,
        }


def _bad(what: object) -> ValueError:
    return ValueError(f"{SPECIALTIES_FILE.name}: bad entry {what!r}")


def _check_fields(
    entry: object, required: set[str], optional: frozenset[str] | set[str] = frozenset()
) -> dict[str, Any]:
    if not isinstance(entry, dict) or not required <= set(entry) <= required | optional:
        raise _bad(entry)
    return entry


def _classification_entries(grouping: str, classification: dict[str, Any]) -> Iterable[Specialty]:
    name = classification["classification"]
    parent = classification.get("code")
    if parent is not None:
        yield Specialty(
            parent,
            grouping,
            name,
            classification.get("specialization"),
            classification["display_name"],
            classification["display_name_es"],
            CLASSIFICATION,
            None,
        )
    for raw_entry in classification["specializations"]:
        entry = _check_fields(raw_entry, SPECIALIZATION_FIELDS)
        yield Specialty(
            entry["code"],
            grouping,
            name,
            entry["specialization"],
            entry["display_name"],
            entry["display_name_es"],
            SPECIALIZATION,
            parent,
        )


@functools.cache
def _entries() -> dict[str, Specialty]:
    """Every code in file order; the file's shape, code pattern and uniqueness checked."""
    by_code: dict[str, Specialty] = {}
    for raw_group in yaml.safe_load(SPECIALTIES_FILE.read_text(encoding="utf-8")):
        group = _check_fields(raw_group, GROUPING_FIELDS)
        for raw_classification in group["classifications"]:
            has_code = isinstance(raw_classification, dict) and "code" in raw_classification
            classification = _check_fields(
                raw_classification,
                CLASSIFICATION_FIELDS | (CLASSIFICATION_CODE_FIELDS if has_code else set()),
                {"specialization"} if has_code else set(),
            )
            for specialty in _classification_entries(group["grouping"], classification):
                if not NUCC_CODE.match(specialty.code) or specialty.code in by_code:
                    raise _bad(specialty)
                by_code[specialty.code] = specialty
    return by_code


def entries() -> list[Specialty]:
    return list(_entries().values())


@functools.cache
def specialties(locale: str = "en") -> dict[str, dict[str, Any]]:
    """code -> {code, classification, specialization, display_name, grouping}, in file order.

    `display_name` is in `locale`; NUCC's grouping, classification and specialization stay its
    own.
    """
    if locale not in SUPPORTED_LOCALES:  # other than the default: display_name_<code>
        raise ValueError(f"no specialty names in {locale!r}")
    return {code: specialty.shown(locale) for code, specialty in _entries().items()}


@functools.cache
def children() -> dict[str, tuple[str, ...]]:
    """code -> the codes whose parent it is (in file order); () for a specialization."""
    found: dict[str, list[str]] = {code: [] for code in _entries()}
    for specialty in _entries().values():
        if specialty.parent is not None:
            found[specialty.parent].append(specialty.code)
    return {code: tuple(codes) for code, codes in found.items()}


def expand(codes: Iterable[str]) -> list[str]:
    """The codes and all their descendants, sorted: what a search for `codes` matches."""
    found = set()
    pending = list(codes)
    while pending:
        code = pending.pop()
        if code not in found:
            found.add(code)
            pending.extend(children().get(code, ()))
    return sorted(found)


@functools.cache
def tree(locale: str = "en") -> list[dict[str, Any]]:
    """Every code as GET /v1/specialties shows it: with its level, parent and children."""
    return [
        specialties(locale)[code]
        | {"level": specialty.level, "parent": specialty.parent, "children": list(children()[code])}
        for code, specialty in _entries().items()
    ]
