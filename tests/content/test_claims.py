"""Every number a reader acts on (how long relief lasts, how long a visit takes) cites its source."""

import re
import shutil

import pytest
import yaml

from service.content.pack import PACK_DIR, PackError, read_pack
from tests.content.readability import sections

# A number with a unit of time, a percentage or a score, or a comparison a seller would make.
NUMERIC_CLAIM = re.compile(
    r"\b\d+(?:\.\d+)?(?:\s*(?:to|or|-|–)\s*\d+)?(?:\s+|-)?"
    r"(?:%|percent\b|minutes?\b|hours?\b|days?\b|weeks?\b|months?\b|years?\b|out of \d+|mg\b)"
    r"|\bless invasive\b|\bsuccess rates?\b|\bmore effective\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def pack():
    return read_pack()


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]


def test_every_numeric_claim_in_english_is_backed_by_a_cited_claim(pack):
    by_item = {f"{item.kind} {item.slug}": item.structure["claims"] for item in pack.items}
    uncovered = []
    for where, text in sections(pack, "en"):
        claims = by_item[where.split(":")[0]]
        covered = [span for claim in claims for span in _spans(text, claim["text_contains"])]
        uncovered.extend(
            f"{where}: '{match.group(0)}' in “{_sentence(text, match)}”"
            for match in NUMERIC_CLAIM.finditer(text)
            if not any(start <= match.start() and match.end() <= end for start, end in covered)
        )
    assert not uncovered, "numeric claims with no `claims:` entry:\n" + "\n".join(uncovered)


def _sentence(text: str, match: re.Match) -> str:
    start = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
    end = text.find(".", match.end())
    return text[start : end + 1 if end >= 0 else None].strip()


def test_the_detector_sees_the_claims_the_issue_names():
    for sentence in (
        "Relief often lasts about 6 to 12 months.",
        "It lasts about 30 to 90 minutes.",
        "About 70% of people improve.",
        "It is less invasive than surgery.",
        "An 8-week program.",
    ):
        assert NUMERIC_CLAIM.search(sentence), sentence
    assert not NUMERIC_CLAIM.search("You are 50 or older. Call 911.")


def test_radiofrequency_relief_cites_independent_evidence(pack):
    rfa = next(item for item in pack.treatments if item.slug == "radiofrequency-ablation")
    relief = next(c for c in rfa.structure["claims"] if "6 to 12 months" in c["text_contains"])
    commercial = {c["id"] for c in pack.citations if c["commercial"]}
    assert relief["citations"] and not set(relief["citations"]) & commercial


@pytest.fixture
def pack_copy(tmp_path):
    target = tmp_path / "pack"
    shutil.copytree(PACK_DIR, target)
    return target


def _edit(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def test_a_claim_not_in_the_text_or_citing_what_the_item_does_not_is_refused(pack_copy):
    def change(data):
        data["claims"] += [
            {"text_contains": "relief lasts 5 years", "citations": ["nice-ng59"]},
            {"text_contains": "about 6 to 12 months", "citations": ["nice-ng65"]},
        ]

    _edit(pack_copy / "treatments" / "radiofrequency-ablation.yaml", change)
    with pytest.raises(PackError) as caught:
        read_pack(pack_copy)
    problems = "\n".join(caught.value.problems)
    assert "claim 'relief lasts 5 years' is not in the en text" in problems
    assert "claim 'about 6 to 12 months' cites 'nice-ng65', not in citations" in problems


def test_a_claim_resting_on_a_commercial_source_is_refused(pack_copy):
    def change(data):
        data["citations"].append("bsci-lower-back-leg-pain")
        data["claims"][0]["citations"] = ["bsci-lower-back-leg-pain"]

    _edit(pack_copy / "treatments" / "radiofrequency-ablation.yaml", change)
    with pytest.raises(PackError) as caught:
        read_pack(pack_copy)
    assert any(
        "radiofrequency-ablation.yaml: 'bsci-lower-back-leg-pain' is a commercial source" in p
        for p in caught.value.problems
    )
