"""`when` clauses compiled into predicates over a context of answers and derived values.

A clause is [question, operator, value] (FHIR R4 operators; on a multiple-choice question `=`
means "includes") or {any: [...]} / {all: [...]}; a list of clauses must all hold.
"""

from __future__ import annotations

import itertools
import math
import weakref
from collections.abc import Callable
from typing import Any

BANDS = ("unlikely", "possible", "likely")  # index = rank
Predicate = Callable[[dict[str, Any]], bool]


class WhenCompiler:
    """Turns `when` clauses into predicates over a context of answers and derived values.

    The context holds answers by question id, `score:<id>` (points) and `condition:<slug>` (band
    rank). A clause about a missing value never holds: the engine never assumes an answer.

    Each `when` becomes one Python function, generated as source and compiled once at load: the
    engine tests some 300 predicates per evaluation, and a tree of closures (one call per clause)
    cost more than everything else it does. `GENERATED[test][0]` is the source, for debugging.
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
        constants: dict[str, Any] = {}
        expression = self._all(where, clauses, reads, constants)
        return _function(where, expression, constants), tuple(dict.fromkeys(reads))

    def _all(self, where: str, clauses: Any, reads: list[str], constants: dict[str, Any]) -> str:
        if not isinstance(clauses, list):
            self.problems.append(f"{where}: `when` must be a list of clauses")
            return "False"
        tests = [
            self._clause(f"{where}[{i}]", clause, reads, constants)
            for i, clause in enumerate(clauses)
        ]
        # `and` of bools is a bool, like all(); an empty list always holds.
        return "(" + " and ".join(tests) + ")" if tests else "True"

    def _clause(  # noqa: PLR0911 (one return per form a clause can take)
        self, where: str, clause: Any, reads: list[str], constants: dict[str, Any]
    ) -> str:
        if isinstance(clause, dict) and len(clause) == 1 and set(clause) <= {"any", "all"}:
            ((combinator, inner),) = clause.items()
            if combinator == "all":
                return self._all(where, inner, reads, constants)
            tests = [
                self._clause(f"{where}.any[{i}]", c, reads, constants)
                for i, c in enumerate(inner or [])
            ]
            return "(" + " or ".join(tests) + ")" if tests else "False"  # any([]) is False
        if not (isinstance(clause, list) and len(clause) == 3 and clause[1] in self.OPERATORS):
            self.problems.append(f"{where}: a clause is [question, operator, value] or any/all")
            return "False"
        name, operator, value = clause
        kind, _, ref = str(name).partition(":")
        if kind == "score" and ref in self.scores:
            reads.append(name)
            return _scalar_source(name, operator, value, constants)
        if kind == "condition" and ref in self.conditions and value in BANDS:
            reads.append(name)
            return _scalar_source(name, operator, BANDS.index(value), constants)
        question = self.questions.get(name)
        if question is None:
            self.problems.append(f"{where}: unknown question or reference '{name}'")
            return "False"
        reads.append(name)
        qtype, options = question
        if isinstance(value, dict) and set(value) == {"answer_of"}:
            # Compares two answers (contradiction checks): both must be integers.
            other = value["answer_of"]
            if qtype != "integer" or self.questions.get(other, ("",))[0] != "integer":
                self.problems.append(f"{where}: answer_of compares two integer questions")
                return "False"
            reads.append(other)
            first, second = _literal(name, constants), _literal(other, constants)
            return (
                f"((a := get({first})) is not None and (b := get({second})) is not None"
                f" and a {_PYTHON[operator]} b)"
            )
        if not _value_fits(qtype, options, operator, value):
            self.problems.append(f"{where}: {value!r} cannot be compared to '{name}' ({qtype})")
        if qtype == "multi" and operator in ("=", "!="):
            membership = "in" if operator == "=" else "not in"  # `=` means "includes"
            return (
                f"((v := get({_literal(name, constants)})) is not None"
                f" and {_literal(value, constants)} {membership} v)"
            )
        return _scalar_source(name, operator, value, constants)


def logit(probability: float) -> float:
    return math.log(probability / (1 - probability))


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


_CONSTANT_NAMES = itertools.count()
_PYTHON = {"=": "==", "!=": "!=", ">": ">", "<": "<", ">=": ">=", "<=": "<="}


def _literal(value: Any, constants: dict[str, Any]) -> str:
    """Source for a value: a literal for str/int/bool (exact `repr`), else a bound name."""
    if type(value) in (str, int, bool):
        return repr(value)
    name = f"_k{next(_CONSTANT_NAMES)}"  # unique across predicates, so `batch` can merge them
    constants[name] = value
    return name


def _scalar_source(name: str, operator: str, value: Any, constants: dict[str, Any]) -> str:
    """`name` compared to a constant; a missing (or None) value never holds."""
    key = _literal(name, constants)
    if operator == "exists":
        # (answer is not None) is value: for a non-bool value (invalid data) never true.
        if value is True:
            return f"(get({key}) is not None)"
        if value is False:
            return f"(get({key}) is None)"
        return "False"
    if operator == "=" and type(value) in (str, int, bool):
        # The same as the form below: a missing answer (None) never equals a literal.
        return f"(get({key}) == {value!r})"
    return f"((v := get({key})) is not None and v {_PYTHON[operator]} {_literal(value, constants)})"


# Each compiled predicate's expression and constants, for `batch` (and its source, to debug).
GENERATED: weakref.WeakKeyDictionary[Callable[..., Any], tuple[str, str, dict[str, Any]]] = (
    weakref.WeakKeyDictionary()
)


def _compile(where: str, source: str, constants: dict[str, Any]) -> Callable[..., Any]:
    # Constants go in the function's globals; no builtins: the source only compares values.
    namespace = {"__builtins__": {}, **constants}
    # S102: the source is built here from validated definitions; values enter only as repr()
    # literals of str/int/bool or as names bound in `namespace`, and there are no builtins.
    exec(compile(source, f"<when {where}>", "exec"), namespace)  # noqa: S102
    function: Callable[..., Any] = namespace["test"]
    return function


def _function(where: str, expression: str, constants: dict[str, Any]) -> Predicate:
    source = f"def test(context):\n    get = context.get\n    return {expression}\n"
    test = _compile(where, source, constants)
    GENERATED[test] = (source, expression, constants)
    return test


Batch = Callable[[dict[str, Any]], tuple[bool, ...]]


def batch(
    where: str,
    tests: list[Predicate] | tuple[Predicate, ...],
    known: dict[int, bool] | None = None,
) -> Batch:
    """One function giving the results of several compiled predicates, as a tuple in their order.

    The engine tests a whole section (all red flags, all of a condition's features) at once: one
    call instead of one per rule. Each predicate's expression is self-contained (its walrus
    names are assigned before they are read), so their sources can simply be put side by side.
    `known` gives results already known (by position), compiled in as constants.
    """
    known = known or {}
    parts = [GENERATED[test] for test in tests]
    constants = {
        name: value
        for i, (_, _, own) in enumerate(parts)
        if i not in known
        for name, value in own.items()
    }
    expressions = "".join(
        f"\n        {known.get(i, expression)}," for i, (_, expression, _) in enumerate(parts)
    )
    source = f"def test(context):\n    get = context.get\n    return ({expressions}\n    )\n"
    results = _compile(where, source, constants)
    GENERATED[results] = (source, "", {})
    return results
