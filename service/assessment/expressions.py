"""`when` clauses compiled into predicates over a context of answers and derived values.

A clause is [question, operator, value] (FHIR R4 operators; on a multiple-choice question `=`
means "includes") or {any: [...]} / {all: [...]}; a list of clauses must all hold.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

BANDS = ("unlikely", "possible", "likely")  # index = rank
Predicate = Callable[[dict[str, Any]], bool]


class WhenCompiler:
    """Turns `when` clauses into predicates over a context of answers and derived values.

    The context holds answers by question id, `score:<id>` (points) and `condition:<slug>` (band
    rank). A clause about a missing value never holds: the engine never assumes an answer.
    """

    OPERATORS = ("=", "!=", ">", "<", ">=", "<=", "exists")

    def __init__(
        self,
        questions: dict[str, tuple[str, tuple[str, ...]]],  # id -> (type, options)
        scores: set[str],
        conditions: set[str],
    ):
        self.questions = questions
        self.scores = scores
        self.conditions = conditions
        self.problems: list[str] = []

    def compile(self, where: str, clauses: Any) -> tuple[Predicate, tuple[str, ...]]:
        reads: list[str] = []
        test = self._all(where, clauses, reads)
        return test, tuple(dict.fromkeys(reads))

    def _all(self, where: str, clauses: Any, reads: list[str]) -> Predicate:
        if not isinstance(clauses, list):
            self.problems.append(f"{where}: `when` must be a list of clauses")
            return lambda context: False
        tests = [self._clause(f"{where}[{i}]", clause, reads) for i, clause in enumerate(clauses)]
        return _conjunction(tests)

    def _clause(self, where: str, clause: Any, reads: list[str]) -> Predicate:
        if isinstance(clause, dict) and len(clause) == 1 and set(clause) <= {"any", "all"}:
            ((combinator, inner),) = clause.items()
            if combinator == "all":
                return self._all(where, inner, reads)
            tests = [self._clause(f"{where}.any[{i}]", c, reads) for i, c in enumerate(inner or [])]
            return lambda context: any(test(context) for test in tests)
        if not (isinstance(clause, list) and len(clause) == 3 and clause[1] in self.OPERATORS):
            self.problems.append(f"{where}: a clause is [question, operator, value] or any/all")
            return lambda context: False
        name, operator, value = clause
        kind, _, ref = str(name).partition(":")
        if kind == "score" and ref in self.scores:
            reads.append(name)
            return _scalar_test(name, operator, value)
        if kind == "condition" and ref in self.conditions and value in BANDS:
            reads.append(name)
            return _scalar_test(name, operator, BANDS.index(value))
        question = self.questions.get(name)
        if question is None:
            self.problems.append(f"{where}: unknown question or reference '{name}'")
            return lambda context: False
        reads.append(name)
        qtype, options = question
        if isinstance(value, dict) and set(value) == {"answer_of"}:
            # Compares two answers (contradiction checks): both must be integers.
            other = value["answer_of"]
            if qtype != "integer" or self.questions.get(other, ("",))[0] != "integer":
                self.problems.append(f"{where}: answer_of compares two integer questions")
                return lambda context: False
            reads.append(other)
            return _answers_test(name, operator, other)
        if not _value_fits(qtype, options, operator, value):
            self.problems.append(f"{where}: {value!r} cannot be compared to '{name}' ({qtype})")
        if qtype == "multi" and operator in ("=", "!="):
            wanted = operator == "="

            def includes(context: dict[str, Any]) -> bool:
                answer = context.get(name)
                return answer is not None and (value in answer) is wanted

            return includes
        return _scalar_test(name, operator, value)


def logit(probability: float) -> float:
    return math.log(probability / (1 - probability))


def _conjunction(tests: list[Predicate]) -> Predicate:
    # Unrolled for the common short cases: the engine runs these thousands of times a second.
    if not tests:
        return lambda context: True
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda context: first(context) and second(context)
    return lambda context: all(test(context) for test in tests)


def thresholds(clauses: Any, found: dict[str, list[int]] | None = None) -> dict[str, list[int]]:
    """Integer values compared against, by question id (candidate answers for missing ones)."""
    found = {} if found is None else found
    for clause in clauses if isinstance(clauses, list) else []:
        if isinstance(clause, dict):
            for inner in clause.values():
                thresholds(inner, found)
        elif isinstance(clause, list) and len(clause) == 3 and type(clause[2]) is int:
            found.setdefault(clause[0], []).append(clause[2])
    return found


def _value_fits(qtype: str, options, operator: str, value: Any) -> bool:
    if operator == "exists":
        return isinstance(value, bool)
    if qtype == "boolean":
        return operator in ("=", "!=") and isinstance(value, bool)
    if qtype in ("single", "multi"):
        return operator in ("=", "!=") and value in options
    return isinstance(value, int) and not isinstance(value, bool)


_COMPARE = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
}


def _answers_test(name: str, operator: str, other: str) -> Predicate:
    compare = _COMPARE[operator]

    def test(context: dict[str, Any]) -> bool:
        first, second = context.get(name), context.get(other)
        return first is not None and second is not None and compare(first, second)

    return test


def _scalar_test(name: str, operator: str, value: Any) -> Predicate:
    if operator == "exists":
        return lambda context: (context.get(name) is not None) is value
    compare = {
        "=": lambda a: a == value,
        "!=": lambda a: a != value,
        ">": lambda a: a > value,
        "<": lambda a: a < value,
        ">=": lambda a: a >= value,
        "<=": lambda a: a <= value,
    }[operator]

    def test(context: dict[str, Any]) -> bool:
        answer = context.get(name)
        return answer is not None and compare(answer)

    return test
