"""The engine gives byte-identical results to the golden file written before it was optimised.

golden_results.jsonl.gz holds one line per answer set: its id, the answers and the canonical JSON
of the full `engine.Result` the engine gave when the file was written. The answer sets are every
clinical and safety vignette, every prefix of each (answers in questionnaire order: the path of
someone answering one question at a time), a derandomised hypothesis sample of
`strategies.answer_sets()` and seeded random answer sets biased towards a negative red-flag screen
(so that the missing-answer search, which a fired emergency flag skips, runs on most of them).

Regenerate only when a clinical change is intended and reviewed (never to make this test pass):
    .venv/bin/python -m tests.assessment.test_engine_equivalence --write
"""

from __future__ import annotations

import copy
import dataclasses
import gzip
import json
import random
import sys
from pathlib import Path
from typing import Any

from service.assessment import engine
from service.assessment.answers import resolve_answers
from service.assessment.definitions import Questionnaire, Ruleset, default_ruleset

GOLDEN_PATH = Path(__file__).resolve().parent / "golden_results.jsonl.gz"
RANDOM_SEED = 20261203
RANDOM_SETS = 3000
HYPOTHESIS_SETS = 1000


def canonical(value: Any) -> str:
    """Key order kept (not sorted): the order of keys in a result is part of what must not change."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def result_json(ruleset: Ruleset, answers: dict[str, Any]) -> str:
    return canonical(dataclasses.asdict(engine.evaluate(ruleset, answers)))


def _prefixes(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[dict[str, Any]]:
    ordered = [q.id for q in questionnaire.questions if q.id in answers]
    prefixes = []
    for size in range(len(ordered)):
        raw = {qid: answers[qid] for qid in ordered[:size]}
        prefixes.append(resolve_answers(questionnaire, raw, strict=set())[0])
    return prefixes


def _random_answer(rng: random.Random, ruleset: Ruleset, question, flag_rate: float) -> Any:
    if question.type == "boolean":
        return rng.random() < (flag_rate if question.red_flag else 0.5)
    if question.type == "integer":
        if rng.random() < 0.6:  # near a threshold the rules compare against, where bands flip
            return rng.choice(ruleset.index[question.id]["values"])
        return rng.randint(question.min, question.max)
    if question.type == "single":
        return rng.choice(question.options)
    plain = [o for o in question.options if o not in question.exclusive]
    if question.exclusive and rng.random() < 0.2:
        return [rng.choice(question.exclusive)]
    return rng.sample(plain, rng.randint(1, len(plain)))


def _random_sets(ruleset: Ruleset, count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    questionnaire = ruleset.questionnaire
    sets = []
    for _ in range(count):
        answered = rng.choice((0.2, 0.5, 0.8, 0.95, 1.0))
        flag_rate = rng.choice((0.0, 0.0, 0.02, 0.05, 0.2, 0.5))
        raw = {
            q.id: _random_answer(rng, ruleset, q, flag_rate)
            for q in questionnaire.questions
            if rng.random() < answered
        }
        sets.append(resolve_answers(questionnaire, raw, strict=set())[0])
    return sets


def _hypothesis_sets(count: int) -> list[dict[str, Any]]:
    from hypothesis import HealthCheck, Phase, given, settings

    from tests.assessment.strategies import answer_sets

    drawn: list[dict[str, Any]] = []

    @settings(
        derandomize=True,
        max_examples=count,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(answer_sets())
    def collect(answers):
        drawn.append(copy.deepcopy(answers))

    collect()
    return drawn


def answer_sets(ruleset: Ruleset) -> list[tuple[str, dict[str, Any]]]:
    """(id, answers) in a deterministic order, duplicates dropped (first id kept)."""
    from tests.assessment import safety
    from tests.assessment.conftest import load_vignettes

    questionnaire = ruleset.questionnaire
    named: list[tuple[str, dict[str, Any]]] = []
    sources = [("vignette", load_vignettes()), ("safety", safety.load_vignettes())]
    for prefix, vignettes in sources:
        for vignette in vignettes:
            kept = resolve_answers(questionnaire, vignette["answers"], strict=set())[0]
            named.append((f"{prefix}:{vignette['id']}", kept))
            for size, partial in enumerate(_prefixes(questionnaire, kept)):
                named.append((f"{prefix}:{vignette['id']}:first-{size}", partial))
    named += [(f"hypothesis:{i}", a) for i, a in enumerate(_hypothesis_sets(HYPOTHESIS_SETS))]
    named += [
        (f"random:{i}", a) for i, a in enumerate(_random_sets(ruleset, RANDOM_SETS, RANDOM_SEED))
    ]
    seen: set[str] = set()
    unique = []
    for name, answers in named:
        key = canonical(answers)
        if key not in seen:
            seen.add(key)
            unique.append((name, answers))
    return unique


def write_golden(path: Path = GOLDEN_PATH) -> int:
    ruleset = default_ruleset()
    lines = [
        canonical(
            {"id": name, "answers": answers, "result": json.loads(result_json(ruleset, answers))}
        )
        for name, answers in answer_sets(ruleset)
    ]
    # mtime=0: the same results give the same bytes, so the file only changes when they do.
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    return len(lines)


def read_golden(path: Path = GOLDEN_PATH) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


GOLDEN = read_golden() if GOLDEN_PATH.exists() else []


def _mismatches(ruleset: Ruleset, entries: list[dict[str, Any]]) -> list[str]:
    problems = []
    for entry in entries:
        answers = entry["answers"]
        before = canonical(answers)
        got = result_json(ruleset, answers)
        if got != canonical(entry["result"]):
            problems.append(
                f"{entry['id']}: answers {before}\n  want {canonical(entry['result'])}\n  got  {got}"
            )
        if canonical(answers) != before:
            problems.append(f"{entry['id']}: evaluate changed its answers argument")
    return problems


def test_the_golden_file_covers_every_kind_of_answer_set():
    kinds = {entry["id"].split(":")[0] for entry in GOLDEN}
    assert kinds == {"vignette", "safety", "hypothesis", "random"}
    assert len(GOLDEN) > 5000
    levels = {entry["result"]["urgency"]["level"] for entry in GOLDEN}
    assert len(levels) == 7  # every urgency level and screening_incomplete
    searched = [e for e in GOLDEN if e["result"]["missing_answers"]]
    assert len(searched) > 2000  # the missing-answer search ran and found something


def test_every_golden_result_is_reproduced_byte_for_byte(ruleset):
    problems = _mismatches(ruleset, GOLDEN)
    assert not problems, f"{len(problems)} of {len(GOLDEN)} differ; first:\n" + "\n".join(
        problems[:3]
    )


def test_results_do_not_depend_on_what_was_evaluated_before(ruleset):
    """Reverse order: no state (caches, reused buffers) may leak from one evaluation to the next."""
    problems = _mismatches(ruleset, GOLDEN[::-1])
    assert not problems, f"{len(problems)} differ; first:\n" + "\n".join(problems[:3])


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    print(f"wrote {write_golden()} results to {GOLDEN_PATH}")  # noqa: T201 - the script reports
