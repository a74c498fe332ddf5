"""Language codes: ISO 639-1, 639-2 (T or B) and 639-3 accepted, stored one way.

The stored code is the two-letter 639-1 code when the language has one (`spa`, `es` -> `es`),
else its 639-3 code (`yue`). A regional tag such as `es-MX` is its language (`es`).
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

LANGUAGES_FILE = Path(__file__).with_name("languages.tsv")
TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


@functools.cache
def _canonical_by_code() -> dict[str, str]:
    lines = (
        line
        for line in LANGUAGES_FILE.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    )
    canonical: dict[str, str] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        stored = row["alpha_2"] or row["alpha_3"]
        for code in (row["alpha_3"], row["alpha_2"], row["bibliographic"]):
            if code:
                canonical[code] = stored
    return canonical


def normalise(value: str) -> str | None:
    """The stored form of a language code or tag, or None when it names no language."""
    match = TAG.match(value.strip())
    return _canonical_by_code().get(match.group(1).lower()) if match else None
