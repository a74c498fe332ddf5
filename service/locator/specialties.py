"""The NUCC taxonomy codes the locator accepts, read once from specialties.yaml."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

SPECIALTIES_FILE = Path(__file__).with_name("specialties.yaml")
NUCC_CODE = re.compile(r"^[0-9]{3}[0-9A-Z]{6}X$")
FIELDS = {"code", "classification", "specialization", "display_name", "display_name_es"}
LOCALES = ("en", "es")


@functools.cache
def _entries() -> tuple[dict, ...]:
    entries = yaml.safe_load(SPECIALTIES_FILE.read_text(encoding="utf-8"))
    seen: set[str] = set()
    for entry in entries:
        if set(entry) != FIELDS or not NUCC_CODE.match(entry["code"]) or entry["code"] in seen:
            raise ValueError(f"{SPECIALTIES_FILE.name}: bad entry {entry!r}")
        seen.add(entry["code"])
    return tuple(entries)


@functools.cache
def specialties(locale: str = "en") -> dict[str, dict]:
    """code -> {code, grouping, classification, specialization, display_name}, in file order.

    `display_name` is in `locale`; NUCC's classification and specialization stay its own.
    """
    if locale not in LOCALES:
        raise ValueError(f"no specialty names in {locale!r}")
    by_code: dict[str, dict] = {}
    for entry in _entries():
        shown = {k: v for k, v in entry.items() if k != "display_name_es"}
        if locale == "es":
            shown["display_name"] = entry["display_name_es"]
        by_code[entry["code"]] = dict(shown, grouping="Allopathic & Osteopathic Physicians")
    return by_code
