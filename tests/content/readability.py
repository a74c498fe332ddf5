"""Every piece of patient-facing text in the pack, as plain text, for the reading-level and claim tests."""

from __future__ import annotations

import re
from collections.abc import Iterator

from service.content.pack import ContentPack

_LIST_MARKER = re.compile(r"^(?:[-*+]|\d+\.)\s+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(?<!\w)[*_]+|[*_]+(?!\w)")


def plain_text(markdown: str) -> str:
    """Markdown as prose: markers and emphasis gone, each heading or list item its own sentence."""
    lines = []
    for raw_line in markdown.splitlines():
        unmarked = _LIST_MARKER.sub("", raw_line.strip().lstrip("#").strip())
        line = _EMPHASIS.sub("", _LINK.sub(r"\1", unmarked).replace("`", ""))
        if line:
            lines.append(line if line[-1] in ".!?:" else line + ".")
    return " ".join(lines)


def sections(pack: ContentPack, locale: str) -> Iterator[tuple[str, str]]:
    """(where, Markdown) for every text a reader sees: summaries, sections, rationales, steps, signs."""
    for item in pack.items:
        text = item.texts[locale]
        where = f"{item.kind} {item.slug}"
        yield f"{where}: summary", text["summary"]
        for key, value in text.get("sections", {}).items():
            yield f"{where}: sections.{key}", value
        for key, value in text.get("treatment_rationale", {}).items():
            yield f"{where}: treatment_rationale.{key}", value
        if item.kind == "care_pathway":
            yield f"{where}: body", text["body"]
            yield f"{where}: when_to_see_a_doctor", text["when_to_see_a_doctor"]
            for key, step in text["steps"].items():
                yield f"{where}: steps.{key}.description", step["description"]
            for key, value in text["urgent_signs"].items():
                yield f"{where}: urgent_signs.{key}", value
