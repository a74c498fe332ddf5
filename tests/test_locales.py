"""The supported locales have one owner (service/content/pack/locales.yaml) and every part of the
product that speaks to a patient is complete in each: questionnaire, ruleset, content pack,
specialty names, disclaimers and full-text search."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from service.assessment import definitions
from service.content import locales
from service.content.pack import PackError, read_pack
from service.locator.specialties import specialties

SERVICE = Path(__file__).resolve().parent.parent / "service"
ASSESSMENT_DATA = SERVICE / "assessment" / "data"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
LOCALE_TUPLE = re.compile(r"""\(\s*["']en["']\s*,\s*["']es["']\s*\)""")


def localised_maps(node, where=""):
    """Every `{locale: text}` map in a YAML tree: a dict keyed by language codes, one of ours."""
    if isinstance(node, dict):
        keys = {str(key) for key in node}
        if keys & set(locales.SUPPORTED_LOCALES) and all(LANGUAGE_CODE.match(k) for k in keys):
            yield where, node
        else:
            for key, value in node.items():
                yield from localised_maps(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from localised_maps(value, f"{where}[{index}]")


def test_the_locales_are_listed_once():
    assert locales.SUPPORTED_LOCALES[0] == locales.DEFAULT_LOCALE
    hard_coded = [
        f"{path.relative_to(SERVICE)}:{number}"
        for path in SERVICE.rglob("*.py")
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if LOCALE_TUPLE.search(line)
    ]
    assert not hard_coded, f"locales listed outside pack/locales.yaml: {hard_coded}"


@pytest.mark.parametrize("name", ["questionnaire.yaml", "ruleset.yaml"])
def test_every_text_of_the_questionnaire_and_rules_is_in_every_locale(name):
    tree = yaml.safe_load((ASSESSMENT_DATA / name).read_text("utf-8"))
    maps = list(localised_maps(tree))
    assert len(maps) > 20, "found too few localised texts: the walk is wrong"
    incomplete = {
        where: sorted(set(locales.SUPPORTED_LOCALES) - set(texts))
        for where, texts in maps
        if set(texts) != set(locales.SUPPORTED_LOCALES)
    }
    assert not incomplete, incomplete
    empty = [where for where, texts in maps if any(not value for value in texts.values())]
    assert not empty, empty


def test_a_locale_added_without_its_texts_fails_to_load(monkeypatch):
    """What the loaders do when pack/locales.yaml gains a locale nobody translated yet."""
    with pytest.raises(PackError):
        read_pack(locales=(*locales.SUPPORTED_LOCALES, "fr"))
    tree = yaml.safe_load((ASSESSMENT_DATA / "questionnaire.yaml").read_text("utf-8"))
    missing_fr = [where for where, texts in localised_maps(tree) if "fr" not in texts]
    assert missing_fr, "the questionnaire walk would not notice a new locale"
    assert definitions.default_ruleset().questionnaire.version  # and the real one loads


def test_the_content_pack_is_complete_in_every_locale():
    pack = read_pack(locales=locales.SUPPORTED_LOCALES)  # raises on a missing or extra section
    for locale in locales.SUPPORTED_LOCALES:
        assert (SERVICE / "content" / "pack" / "locales" / locale).is_dir(), locale
    assert pack is not None


def coded_entries(node):
    if isinstance(node, dict):
        if "code" in node:
            yield node
        for value in node.values():
            yield from coded_entries(value)
    elif isinstance(node, list):
        for value in node:
            yield from coded_entries(value)


def test_every_specialty_is_named_in_every_locale():
    raw = yaml.safe_load((SERVICE / "locator" / "specialties.yaml").read_text("utf-8"))
    entries = list(coded_entries(raw))
    assert len(entries) >= 11
    for locale in locales.SUPPORTED_LOCALES:
        field = "display_name" if locale == locales.DEFAULT_LOCALE else f"display_name_{locale}"
        unnamed = [entry["code"] for entry in entries if not entry.get(field)]
        assert not unnamed, (locale, unnamed)
        names = {value["display_name"] for value in specialties(locale).values()}
        assert len(names) > len(entries) // 2, locale  # the API serves them, not one fallback


def test_each_locale_has_a_disclaimer_and_a_search_configuration_postgres_knows(db_session):
    for locale in locales.SUPPORTED_LOCALES:
        assert len(locales.CONTENT_DISCLAIMERS[locale]) > 40
        config = locales.TEXT_SEARCH_CONFIGS[locale]
        # Core PostgreSQL's configurations only (no extension): the cast fails for any other.
        assert db_session.execute(
            text("SELECT CAST(:c AS regconfig)::text"), {"c": config}
        ).scalar()


def test_a_malformed_locales_file_is_refused(tmp_path):
    broken = tmp_path / "locales.yaml"
    broken.write_text(
        "default: fr\nlocales:\n  en: {name: English, text_search_config: english, disclaimer: x}\n"
    )
    with pytest.raises(locales.LocalesError, match="default locale 'fr'"):
        locales._load(broken)
    broken.write_text("default: en\nlocales:\n  en: {name: English}\n")
    with pytest.raises(locales.LocalesError, match="lacks"):
        locales._load(broken)
