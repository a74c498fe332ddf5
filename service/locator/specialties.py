"""The NUCC taxonomy codes the locator accepts, read once from specialties.yaml."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

SPECIALTIES_FILE = Path(__file__).with_name("specialties.yaml")
NUCC_CODE = re.compile(r"^[0-9]{3}[0-9A-Z]{6}X$")
FIELDS = {"code", "classification", "specialization", "display_name"}


@functools.cache
def specialties() -> dict[str, dict]:
    """code -> {code, classification, specialization, display_name}, in file order."""
    entries = yaml.safe_load(SPECIALTIES_FILE.read_text(encoding="utf-8"))
    by_code: dict[str, dict] = {}
    for entry in entries:
        if set(entry) != FIELDS or not NUCC_CODE.match(entry["code"]) or entry["code"] in by_code:
            raise ValueError(f"{SPECIALTIES_FILE.name}: bad entry {entry!r}")
        by_code[entry["code"]] = dict(entry, grouping="Allopathic & Osteopathic Physicians")
    return by_code
