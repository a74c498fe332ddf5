"""Read the questionnaire and the ruleset from YAML, validate them, and compile every `when`."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from marshmallow import Schema, ValidationError

from service.assessment import definition_schema as ds
from service.assessment.expressions import (
    BANDS,
    Predicate,
    WhenCompiler,
    logit,
    thresholds,
)
from service.content.pack import PACK_DIR

DATA_DIR = Path(__file__).resolve().parent / "data"


class DefinitionError(Exception):
    """The questionnaire or the ruleset is invalid; `problems` lists every one found."""

    def __init__(self, problems: list[str]):
        super().__init__("invalid assessment definitions:\n- " + "\n- ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    red_flag: bool
    options: tuple[str, ...]
    exclusive: tuple[str, ...]
    min: int | None
    max: int | None
    unit: str | None
    enable_when: list[list[Any]]
    enabled: Predicate
    texts: dict[str, dict[str, Any]]  # locale -> {text, help, option_labels}


@dataclass(frozen=True)
class Questionnaire:
    version: str
    title: dict[str, str]
    questions: tuple[Question, ...]

    @property
    def by_id(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions}


@dataclass(frozen=True)
class Rule:
    """A compiled `when` with what it yields; `questions` are the ids it reads."""

    id: str
    test: Predicate
    questions: tuple[str, ...]
    data: dict[str, Any]


@dataclass(frozen=True)
class Ruleset:
    version: str
    questionnaire: Questionnaire
    disclaimer: dict[str, str]
    urgency_levels: tuple[dict[str, Any], ...]  # most urgent first
    red_flags: tuple[Rule, ...]
    urgency_rules: tuple[Rule, ...]
    scoring: dict[str, Any]
    conditions: tuple[dict[str, Any], ...]  # each with compiled `features`: tuple[Rule, ...]
    scores: tuple[dict[str, Any], ...]  # each with compiled `items`: tuple[Rule, ...]
    pathway_steps: tuple[Rule, ...]
    red_flag_escalation: dict[str, Any]
    options: tuple[Rule, ...]
    referrals: tuple[Rule, ...]  # to another specialty where the pattern fits, at any care step
    emergency_numbers: dict[str, Any]  # {default_country, numbers: {country: number}}
    screening_incomplete: dict[str, Any]  # the words of a result before the screen is answered
    out_of_scope: tuple[Rule, ...]  # by code: who the check is not for
    contradictions: tuple[Rule, ...]  # answer pairs that cannot both be true
    screen_questions: frozenset[str]  # the red-flag screen: questions marked red_flag
    urgency_rank: dict[str, int] = field(default_factory=dict)  # higher = more urgent
    # question id -> the rules its answer can change and the values worth trying (missing answers)
    index: dict[str, dict[str, Any]] = field(default_factory=dict)
    # What the engine derives from the definitions alone, once at load (`_plan`): it evaluates
    # thousands of answer sets a second and must not rebuild these per evaluation.
    plan: dict[str, Any] = field(default_factory=dict)


def _load_yaml(path: Path, schema: Schema, problems: list[str]) -> dict[str, Any] | None:
    try:
        loaded: dict[str, Any] = schema.load(yaml.safe_load(path.read_text(encoding="utf-8")))
        return loaded
    except (OSError, yaml.YAMLError) as exc:
        problems.append(f"{path.name}: cannot read: {exc}")
    except ValidationError as exc:
        problems.append(f"{path.name}: {json.dumps(exc.messages, sort_keys=True, default=str)}")
    return None


def read_questionnaire(path: Path = DATA_DIR / "questionnaire.yaml") -> Questionnaire:
    problems: list[str] = []
    raw = _load_yaml(path, ds.QuestionnaireSchema(), problems)
    if raw is None:
        raise DefinitionError(problems)
    questions: list[Question] = []
    seen: dict[str, tuple[str, tuple[str, ...]]] = {}
    for index, item in enumerate(raw["questions"]):
        where = f"{path.name}: questions[{index}] ({item['id']})"
        if item["id"] in seen:
            problems.append(f"{where}: duplicate id")
        # enable_when may only look back: answers flow top to bottom, like a form.
        compiler = WhenCompiler(seen, set(), set())
        enabled, _ = compiler.compile(f"{where}.enable_when", item["enable_when"])
        problems += compiler.problems
        seen[item["id"]] = (item["type"], tuple(item["options"]))
        questions.append(
            Question(
                id=item["id"],
                type=item["type"],
                red_flag=item["red_flag"],
                options=tuple(item["options"]),
                exclusive=tuple(item["exclusive"]),
                min=item.get("min"),
                max=item.get("max"),
                unit=item.get("unit"),
                enable_when=item["enable_when"],
                enabled=enabled,
                texts={
                    locale: {
                        "text": item["text"][locale],
                        "help": item["help"][locale],
                        "option_labels": item["option_labels"].get(locale, {}),
                    }
                    for locale in ds.LOCALES
                },
            )
        )
    flags = [question.red_flag for question in questions]
    if flags != sorted(flags, reverse=True):
        problems.append(f"{path.name}: red-flag questions must come first")
    if problems:
        raise DefinitionError(problems)
    return Questionnaire(version=raw["version"], title=raw["title"], questions=tuple(questions))


def read_ruleset(
    path: Path = DATA_DIR / "ruleset.yaml", questionnaire: Questionnaire | None = None
) -> Ruleset:
    """Read and validate the ruleset against the questionnaire; raise DefinitionError if invalid."""
    questionnaire = questionnaire or read_questionnaire()
    problems: list[str] = []
    raw = _load_yaml(path, ds.RulesetSchema(), problems)
    if raw is None:
        raise DefinitionError(problems)
    levels = [level["code"] for level in raw["urgency_levels"]]
    if tuple(levels) != ds.URGENCY_LEVELS:
        problems.append(f"{path.name}: urgency_levels must be exactly {list(ds.URGENCY_LEVELS)}")
    compiler = WhenCompiler(
        {q.id: (q.type, q.options) for q in questionnaire.questions},
        {score["id"] for score in raw["scores"]},
        {condition["slug"] for condition in raw["conditions"]},
    )

    feature_cap = math.log(raw["scoring"]["feature_lr_cap"])

    def rules(section: str, items: list[dict[str, Any]], key: str = "id") -> tuple[Rule, ...]:
        compiled = []
        for index, item in enumerate(items):
            test, reads = compiler.compile(f"{path.name}: {section}[{index}]", item["when"])
            derived: dict[str, Any] = {"_thresholds": thresholds(item["when"])}
            if "lr" in item:  # |ln LR| capped per feature (clinical-basis.md §6)
                derived["_weight"] = max(-feature_cap, min(feature_cap, math.log(item["lr"])))
            compiled.append(Rule(item[key], test, reads, item | derived))
        ids = [rule.id for rule in compiled]
        problems.extend(
            f"{path.name}: {section}: duplicate id '{d}'"
            for d in {i for i in ids if ids.count(i) > 1}
        )
        return tuple(compiled)

    def condition_rules(condition: dict[str, Any]) -> dict[str, Any]:
        where = f"conditions.{condition['slug']}"
        priors = rules(
            f"{where}.priors",
            [
                p | {"id": f"prior_{i}", "_prior_logit": logit(p["prior"])}
                for i, p in enumerate(condition["priors"])
            ],
        )
        limits = rules(f"{where}.band_limits", condition["band_limits"])
        for limit in limits:
            limit.data["_max_band"] = BANDS.index(limit.data["max_band"])
        features = rules(f"{where}.features", condition["features"])
        reads = {q for rule in (*priors, *limits, *features) for q in rule.questions}
        return condition | {
            "features": features,
            "priors": priors,
            "band_limits": limits,
            "_reads": frozenset(reads),
            "_prior_logit": logit(condition["prior"]),
        }

    conditions = tuple(condition_rules(condition) for condition in raw["conditions"])
    scores = tuple(
        score | {"items": rules(f"scores.{score['id']}", score["items"])} for score in raw["scores"]
    )
    ruleset = Ruleset(
        version=raw["version"],
        questionnaire=questionnaire,
        disclaimer=raw["disclaimer"],
        urgency_levels=tuple(raw["urgency_levels"]),
        red_flags=rules("red_flags", raw["red_flags"]),
        urgency_rules=rules("urgency_rules", raw["urgency_rules"]),
        scoring=raw["scoring"]
        | {
            "feature_cap": math.log(raw["scoring"]["feature_lr_cap"]),
            "total_cap": math.log(raw["scoring"]["total_lr_cap"]),
            "_possible_logit": logit(raw["scoring"]["bands"]["possible"]),
            "_likely_logit": logit(raw["scoring"]["bands"]["likely"]),
        },
        conditions=conditions,
        scores=scores,
        pathway_steps=rules("pathway.steps", raw["pathway"]["steps"], key="step"),
        red_flag_escalation=raw["pathway"]["red_flag_escalation"],
        options=rules("pathway.options", raw["pathway"]["options"]),
        referrals=rules("pathway.referrals", raw["pathway"]["referrals"]),
        emergency_numbers=raw["emergency_numbers"],
        screening_incomplete=raw["screening_incomplete"],
        out_of_scope=rules("out_of_scope", raw["out_of_scope"], key="code"),
        contradictions=rules("contradictions", raw["contradictions"]),
        screen_questions=frozenset(q.id for q in questionnaire.questions if q.red_flag),
        urgency_rank={code: len(levels) - 1 - rank for rank, code in enumerate(levels)},
    )
    from service.assessment import plans  # it builds on this module's types

    ruleset.index.update(plans.index(ruleset))
    ruleset.plan.update(plans.plan(ruleset))
    problems += compiler.problems
    problems += _screen_problems(path.name, ruleset)
    problems += _catalogue_problems(path.name, raw)
    if problems:
        raise DefinitionError(problems)
    return ruleset


def _screen_problems(name: str, ruleset: Ruleset) -> list[str]:
    """A red-flag or scope rule may read only red-flag-screen questions.

    The screen gates every disposition, so a rule reading a question outside it could fire after
    the result was already shown as advice: the under-triage this check exists to prevent.
    """
    screen = ruleset.screen_questions
    return [
        f"{name}: {rule.id}: reads '{question}', which is not in the red-flag screen"
        for rule in (*ruleset.red_flags, *ruleset.out_of_scope)
        for question in rule.questions
        if question not in screen
    ]


def _catalogue_problems(name: str, raw: dict[str, Any], pack_dir: Path = PACK_DIR) -> list[str]:
    """Condition and treatment slugs must exist in the content catalogue (its file names)."""
    conditions = {path.stem for path in (pack_dir / "conditions").glob("*.yaml")}
    treatments = {path.stem for path in (pack_dir / "treatments").glob("*.yaml")}
    problems = [
        f"{name}: conditions: '{c['slug']}' is not in the content catalogue"
        for c in raw["conditions"]
        if c["slug"] not in conditions
    ]
    if {c["slug"] for c in raw["conditions"]} != conditions:
        problems.append(
            f"{name}: conditions must cover the catalogue exactly: {sorted(conditions)}"
        )
    pathway = raw["pathway"]
    used = [slug for rule in pathway["steps"] + pathway["options"] for slug in rule["treatments"]]
    used += [
        slug
        for option in pathway["options"]
        for slugs in option.get("requires", {}).values()
        for slug in slugs
    ]
    problems += [
        f"{name}: pathway: unknown treatment '{slug}'" for slug in used if slug not in treatments
    ]
    return problems


@cache
def default_ruleset() -> Ruleset:
    """The packaged ruleset, read and validated once per process."""
    return read_ruleset()
