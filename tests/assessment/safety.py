"""The clinical safety case as data: the safety vignettes, the hazard log, and how one result is
checked against one vignette. Shared by test_safety_vignettes.py and tools/clinical_report.py.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path
from typing import Any

import yaml

from service.assessment import engine
from service.assessment.answers import resolve_answers
from service.assessment.definitions import Question, Ruleset

ROOT = Path(__file__).resolve().parents[2]
VIGNETTES_PATH = Path(__file__).resolve().parent / "safety_vignettes.yaml"
HAZARD_LOG_PATH = ROOT / "docs" / "clinical" / "hazard-log.yaml"

CATEGORIES = ("red_flag", "phenotype", "benign", "boundary")
SCREENING_LEVEL = "screening_incomplete"  # the non-advice state while the screen is unanswered
BANDS = ("unlikely", "possible", "likely")
VIGNETTE_KEYS = {"id", "category", "base", "answers", "source", "min_urgency", "max_urgency"}
VIGNETTE_KEYS |= {"rules", "bands", "phenotype", "out_of_scope", "warnings", "note"}

# DCB0129 severity (consequence) names, and the 5x5 matrix of the NHS DCB0129/DCB0160
# implementation guidance: risk 1 (very low) .. 5 (very high) by likelihood, then severity 1..5.
SEVERITIES = {1: "minor", 2: "significant", 3: "considerable", 4: "major", 5: "catastrophic"}
LIKELIHOODS = ("very_low", "low", "medium", "high", "very_high")
RISK_MATRIX = {
    "very_high": (3, 4, 4, 5, 5),
    "high": (2, 3, 3, 4, 5),
    "medium": (2, 2, 3, 3, 4),
    "low": (1, 2, 2, 3, 4),
    "very_low": (1, 1, 2, 2, 3),
}
NODE_ID = re.compile(r"^(?P<path>[\w./-]+\.py)::(?P<name>\w+)(?:\[(?P<param>[^\]]+)\])?$")


def risk(severity: int, likelihood: str) -> int:
    """The DCB0129 risk rating (1-5) of a severity (1-5) and a likelihood name."""
    return RISK_MATRIX[likelihood][severity - 1]


def load_vignettes(path: Path = VIGNETTES_PATH) -> list[dict[str, Any]]:
    """Vignettes with their bases merged: `answers` is the full set, `given` the vignette's own."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    vignettes = []
    for vignette in data["vignettes"]:
        base = vignette.get("base", [])
        answers: dict[str, Any] = {}
        for name in [base] if isinstance(base, str) else base:
            answers |= data["bases"][name]
        vignettes.append(vignette | {"answers": answers | vignette["answers"]})
        vignettes[-1]["given"] = vignette["answers"]
    return vignettes


def load_bases(path: Path = VIGNETTES_PATH) -> dict[str, dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["bases"]


def load_hazard_log(path: Path = HAZARD_LOG_PATH) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["hazards"]


def hazard_rules(hazards: list[dict[str, Any]]) -> set[str]:
    """Every rule id the hazard log's controls rely on."""
    return {rule for h in hazards for control in h["controls"] for rule in control.get("rules", [])}


def evaluate(
    ruleset: Ruleset, answers: dict[str, Any]
) -> tuple[engine.Result | None, list[dict[str, str]]]:
    """(result, answer errors); no result when an answer is invalid."""
    kept, errors = resolve_answers(ruleset.questionnaire, answers)
    return (None if errors else engine.evaluate(ruleset, kept)), errors


def _rank(ruleset: Ruleset, level: str) -> int | None:
    return ruleset.urgency_rank.get(level) if level != SCREENING_LEVEL else None


def urgency_ok(ruleset: Ruleset, vignette: dict[str, Any], level: str) -> dict[str, bool]:
    """Whether the level meets the vignette's min_urgency and max_urgency (True when unset)."""
    rank = _rank(ruleset, level)
    checks = {}
    if "min_urgency" in vignette:
        checks["min_urgency"] = (
            rank is not None and rank >= ruleset.urgency_rank[vignette["min_urgency"]]
        )
    if "max_urgency" in vignette:
        checks["max_urgency"] = (
            rank is not None and rank <= ruleset.urgency_rank[vignette["max_urgency"]]
        )
    return checks


def check(
    ruleset: Ruleset, vignette: dict[str, Any], result: engine.Result
) -> list[dict[str, Any]]:
    """What in `result` differs from what the vignette expects: [{check, expected, got}]."""
    misses: list[dict[str, Any]] = []
    level = result.urgency["level"]
    if level == SCREENING_LEVEL or not getattr(result, "red_flags_screened", False):
        misses.append({"check": "screened", "expected": "a disposition", "got": level})
    for name, ok in urgency_ok(ruleset, vignette, level).items():
        if not ok:
            misses.append({"check": name, "expected": vignette[name], "got": level})
    fired = [flag["rule_id"] for flag in result.red_flags]
    if absent := [rule for rule in vignette.get("rules", []) if rule not in fired]:
        misses.append({"check": "rules", "expected": absent, "got": fired})
    bands = {condition["slug"]: condition["band"] for condition in result.conditions}
    for slug, expected in vignette.get("bands", {}).items():
        allowed = [expected] if isinstance(expected, str) else expected
        if bands.get(slug) not in allowed:
            misses.append({"check": f"band {slug}", "expected": expected, "got": bands.get(slug)})
    if "phenotype" in vignette:
        neuropathic = next((c for c in result.conditions if c["slug"] == "neuropathic-pain"), {})
        if neuropathic.get("phenotype") != vignette["phenotype"]:
            misses.append(
                {
                    "check": "phenotype",
                    "expected": vignette["phenotype"],
                    "got": neuropathic.get("phenotype"),
                }
            )
    if "out_of_scope" in vignette:
        got = (getattr(result, "out_of_scope", None) or {}).get("code")
        if got != vignette["out_of_scope"]:
            misses.append(
                {"check": "out_of_scope", "expected": vignette["out_of_scope"], "got": got}
            )
    codes = [warning.get("code") for warning in getattr(result, "warnings", [])]
    if absent := [code for code in vignette.get("warnings", []) if code not in codes]:
        misses.append({"check": "warnings", "expected": absent, "got": codes})
    return misses


def default_answer(question: Question) -> Any:
    """What the simulated client answers to a question the vignette leaves open."""
    if question.type == "boolean":
        return False
    if question.type == "integer":
        return question.min
    if question.type == "single":
        return question.options[0]
    return [question.options[0]]


def answers_to_result(ruleset: Ruleset, answers: dict[str, Any]) -> int:
    """How many questions a client asks, one at a time in the engine's order, before the result
    is complete or says to stop; answers come from `answers`, else `default_answer`."""
    questionnaire = ruleset.questionnaire
    by_id = questionnaire.by_id
    answered: dict[str, Any] = {}
    pending = engine.evaluate(ruleset, answered).next_questions
    for count in range(1, len(questionnaire.questions) + 1):
        if not pending:
            return count - 1
        question = pending[0]
        answered[question] = (
            answers[question] if question in answers else default_answer(by_id[question])
        )
        result = engine.evaluate(ruleset, answered)
        if result.complete or result.should_stop:
            return count
        pending = result.next_questions
    return len(questionnaire.questions)


def median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None
