"""The es pack says what the en pack says, as plainly: same shape, same numbers, same urgency, short sentences.

Fernández-Huerta (textstat, set_lang("es")) is Flesch reading ease refitted for Spanish: 206.84 - 60 x
syllables per word - 1.02 x words per sentence; 60-70 reads as "normal", 70-80 as "fairly easy". It is not a
US grade and is not comparable to the English check; it catches long sentences and long words. After the
es rewrite of the grade-8 English the worst section scored 62.7 and the median 82.1, so the bound is 60.
"""

import re
from collections import Counter

import pytest
import textstat

from service.content.pack import read_pack
from tests.content.readability import plain_text, sections

MIN_FERNANDEZ_HUERTA = 60.0

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n\s*\n")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")

# An urgency level named in an en section (the README's four levels) -> what its es section must say.
LEVELS = {
    re.compile(r"\b911\b"): "911",
    re.compile(r"emergency department", re.IGNORECASE): "sala de emergencias",
    re.compile(r"same day", re.IGNORECASE): "el mismo día",
    re.compile(r"within (?:a|the next) week or two", re.IGNORECASE): "próxima semana o dos",
}


@pytest.fixture(scope="module")
def pack():
    return read_pack()


@pytest.fixture(scope="module")
def pairs(pack):
    english = dict(sections(pack, "en"))
    found = [(where, english[where], text) for where, text in sections(pack, "es")]
    assert len(found) == len(english) > 200  # every section was compared, not a handful
    return found


def shape(markdown: str) -> tuple[int, int]:
    """(list items, blocks): a block is a paragraph, a list or a heading between blank lines."""
    blocks = [block for block in _BLANK_LINE.split(markdown.strip()) if block.strip()]
    return len(_LIST_ITEM.findall(markdown)), len(blocks)


def test_every_spanish_section_reads_easily(pairs):
    textstat.set_lang("es")
    scores = sorted((textstat.fernandez_huerta(plain_text(es)), where) for where, _, es in pairs)
    under = [f"{score:5.1f}  {where}" for score, where in scores if score < MIN_FERNANDEZ_HUERTA]
    assert not under, (
        f"{len(under)} es section(s) below Fernández-Huerta {MIN_FERNANDEZ_HUERTA}, worst first:\n"
        + "\n".join(under)
    )


def test_every_spanish_section_has_the_shape_of_its_english_section(pairs):
    differ = [
        f"{where}: es has {shape(es)[0]} list items in {shape(es)[1]} blocks, "
        f"en has {shape(en)[0]} in {shape(en)[1]}"
        for where, en, es in pairs
        if shape(es) != shape(en)
    ]
    assert not differ, "\n".join(differ)


def test_every_spanish_section_carries_the_numbers_of_its_english_section(pairs):
    differ = []
    for where, en, es in pairs:
        es_numbers, en_numbers = Counter(_NUMBER.findall(es)), Counter(_NUMBER.findall(en))
        if es_numbers != en_numbers:
            differ.append(
                f"{where}: only in es {sorted((es_numbers - en_numbers).elements())}, "
                f"only in en {sorted((en_numbers - es_numbers).elements())}"
            )
    assert not differ, "\n".join(differ)


def test_every_spanish_section_names_the_urgency_levels_of_its_english_section(pairs):
    differ = [
        f"{where}: en names '{level.pattern}', es {'lacks' if level.search(en) else 'adds'} '{spanish}'"
        for where, en, es in pairs
        for level, spanish in LEVELS.items()
        if bool(level.search(en)) != (spanish in es)
    ]
    assert not differ, "\n".join(differ)


def test_shape_counts_list_items_and_blocks():
    assert shape("Intro:\n\n- one\n- two\n\n1. three\n\nEnd.\n") == (3, 4)
    assert shape("One paragraph.") == (0, 1)


def test_a_hard_spanish_sentence_is_caught():
    hard = (
        "La desnervación por radiofrecuencia de las articulaciones cigapofisarias lumbares, administrada "
        "tras un bloqueo diagnóstico confirmatorio de la rama medial, demuestra analgesia de duración intermedia."
    )
    textstat.set_lang("es")
    assert textstat.fernandez_huerta(plain_text(hard)) < MIN_FERNANDEZ_HUERTA
