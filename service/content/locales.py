"""The supported locales, owned by the content pack (`pack/locales.yaml`) and read once.

Everything that serves or checks a language imports them from here: negotiation, full-text
search, the content disclaimers, the questionnaire and ruleset schemas, the specialty names.
"""

from __future__ import annotations

from pathlib import Path

import yaml

LOCALES_FILE = Path(__file__).parent / "pack" / "locales.yaml"


class LocalesError(ValueError):
    """pack/locales.yaml is malformed: the service cannot start without knowing its languages."""


def _load(path: Path = LOCALES_FILE) -> tuple[str, dict[str, dict[str, str]]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    locales = raw.get("locales") or {}
    default = raw.get("default")
    if default not in locales:
        raise LocalesError(f"{path.name}: the default locale {default!r} is not listed")
    for code, entry in locales.items():
        missing = {"name", "text_search_config", "disclaimer"} - set(entry or {})
        if missing:
            raise LocalesError(f"{path.name}: locale {code!r} lacks {sorted(missing)}")
    return default, locales


DEFAULT_LOCALE, _LOCALES = _load()
# The default first: it is what an unmatched Accept-Language gets, and the reference others follow.
SUPPORTED_LOCALES: tuple[str, ...] = (
    DEFAULT_LOCALE,
    *(code for code in _LOCALES if code != DEFAULT_LOCALE),
)
TEXT_SEARCH_CONFIGS = {code: entry["text_search_config"] for code, entry in _LOCALES.items()}
CONTENT_DISCLAIMERS = {code: entry["disclaimer"] for code, entry in _LOCALES.items()}
LOCALE_NAMES = {code: entry["name"] for code, entry in _LOCALES.items()}
