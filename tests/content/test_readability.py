"""Patients read the pack: every English section is at US grade 8 or below (Flesch-Kincaid)."""

import pytest
import textstat

from service.content.pack import read_pack
from tests.content.readability import plain_text, sections

MAX_GRADE = 8.0


@pytest.fixture(scope="module")
def pack():
    return read_pack()


def test_every_english_section_reads_at_grade_8_or_below(pack):
    textstat.set_lang("en_US")
    grades = sorted(
        (
            (textstat.flesch_kincaid_grade(plain_text(text)), where)
            for where, text in sections(pack, "en")
        ),
        reverse=True,
    )
    assert len(grades) > 200  # every section was measured, not a handful
    over = [f"{grade:5.1f}  {where}" for grade, where in grades if grade > MAX_GRADE]
    assert not over, f"{len(over)} section(s) above grade {MAX_GRADE}, worst first:\n" + "\n".join(
        over
    )


def test_plain_text_drops_markdown_and_ends_list_items():
    text = plain_text("Intro:\n\n- **Bold** item\n- [a link](https://example.org) item.\n")
    assert text == "Intro: Bold item. a link item."


def test_a_hard_sentence_is_caught():
    hard = (
        "Radiofrequency denervation of the lumbar zygapophysial joints, administered following "
        "confirmatory diagnostic medial branch blockade, demonstrates intermediate-duration analgesia."
    )
    textstat.set_lang("en_US")
    assert textstat.flesch_kincaid_grade(plain_text(hard)) > MAX_GRADE
