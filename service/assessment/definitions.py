"""Read the questionnaire and the ruleset from YAML, validate them, and compile every `when`."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, cast

import yaml
from marshmallow import Schema, ValidationError

from service.assessment import definition_schema as ds
from service.assessment.expressions import (
    BANDS,
    Batch,
    Predicate,
    WhenCompiler,
    batch,
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
    ruleset.index.update(_index(ruleset))
    ruleset.plan.update(_plan(ruleset))
    problems += compiler.problems
    problems += _screen_problems(path.name, ruleset)
    problems += _catalogue_problems(path.name, raw)
    if problems:
        raise DefinitionError(problems)
    return ruleset


def _candidate_values(question: Question, rules: list[Rule]) -> list[Any]:
    """Answers that exercise every rule reading the question: all choices, every threshold."""
    if question.type == "boolean":
        return [True, False]
    if question.type == "single":
        return list(question.options)
    if question.type == "multi":
        return [[option] for option in question.options]
    # A comparison with t changes its outcome only at t or t + 1: one answer per interval.
    low, high = cast(int, question.min), cast(int, question.max)  # set on integer questions
    thresholds = {low}
    for rule in rules:
        thresholds |= {
            t + d for t in rule.data.get("_thresholds", {}).get(question.id, []) for d in (0, 1)
        }
    return sorted(v for v in thresholds if low <= v <= high)


def _index(ruleset: Ruleset) -> dict[str, dict[str, Any]]:
    """Per question: the scores, urgency rules, features, steps and options that read it."""
    index = {}
    for question in ruleset.questionnaire.questions:
        qid = question.id
        scores = [
            (f"score:{s['id']}", [item for item in s["items"] if qid in item.questions])
            for s in ruleset.scores
            if any(qid in item.questions for item in s["items"])
        ]
        refs = {qid} | {key for key, _ in scores}
        urgency = [
            r for r in (*ruleset.red_flags, *ruleset.urgency_rules) if refs & set(r.questions)
        ]
        conditions = {
            c["slug"]: {
                "features": [f for f in c["features"] if refs & set(f.questions)],
                "priors": any(refs & set(rule.questions) for rule in c["priors"]),
                "limits": any(refs & set(rule.questions) for rule in c["band_limits"]),
            }
            for c in ruleset.conditions
            if refs & c["_reads"]
        }
        steps = [i for i, rule in enumerate(ruleset.pathway_steps) if qid in rule.questions]
        options = [rule for rule in ruleset.options if qid in rule.questions]
        referrals = [rule for rule in ruleset.referrals if qid in rule.questions]
        every = [*urgency, *options, *referrals]
        every += [
            rule
            for c in ruleset.conditions
            if c["slug"] in conditions
            for rule in (*c["features"], *c["priors"], *c["band_limits"])
        ]
        every += [ruleset.pathway_steps[i] for i in steps]
        every += [item for _, items in scores for item in items]
        index[qid] = {
            "scores": scores,
            "urgency": urgency,
            "conditions": conditions,  # slug -> the features, priors and limits reading it
            "urgency_ranks": [ruleset.urgency_rank[rule.data["urgency"]] for rule in urgency],
            "max_urgency": max(
                (ruleset.urgency_rank[r.data["urgency"]] for r in urgency), default=-1
            ),
            "pathway": bool(steps or options or referrals),
            "steps": steps,
            "options": options,
            "referrals": referrals,
            "values": _candidate_values(question, every),
        }
    return index


def _plan(ruleset: Ruleset) -> dict[str, Any]:
    """What the engine needs on every evaluation, built once (see `Ruleset.plan`).

    Each section's rules are also compiled together (`batch`): one call gives all their results.
    """
    conditions = []
    for condition in ruleset.conditions:
        features, priors, limits = (
            condition["features"],
            condition["priors"],
            condition["band_limits"],
        )
        conditions.append(
            {
                "condition": condition,
                "slug": condition["slug"],
                "key": f"condition:{condition['slug']}",
                "href": f"/v1/conditions/{condition['slug']}",
                # results: features, then priors, then band limits
                "tests": batch(
                    f"conditions.{condition['slug']}",
                    [rule.test for rule in (*features, *priors, *limits)],
                ),
                # (rule, weight, then what a driver shows: lr, rounded weight, validated, source)
                "features": tuple(
                    (
                        f,
                        f.data["_weight"],
                        f.data["lr"],
                        round(f.data["_weight"], 3),
                        f.data["validated"],
                        f.data["source"],
                    )
                    for f in features
                ),
                # (slot in the tests' results, prior, source, log-odds)
                "priors": tuple(
                    (
                        len(features) + i,
                        rule.data["prior"],
                        rule.data["source"],
                        rule.data["_prior_logit"],
                    )
                    for i, rule in enumerate(priors)
                ),
                # (slot, max band, rule)
                "limits": tuple(
                    (len(features) + len(priors) + i, rule.data["_max_band"], rule)
                    for i, rule in enumerate(limits)
                ),
            }
        )
    steps = ds.PATHWAY_STEPS
    return {
        "question_ids": tuple(q.id for q in ruleset.questionnaire.questions),
        "enabled": batch("enable_when", [q.enabled for q in ruleset.questionnaire.questions]),
        "urgency": batch(
            "red_flags+urgency_rules",
            [r.test for r in (*ruleset.red_flags, *ruleset.urgency_rules)],
        ),
        "scores": tuple(
            (
                score,
                f"score:{score['id']}",
                batch(f"scores.{score['id']}", [item.test for item in score["items"]]),
                tuple((item.id, item.data["points"], item.questions) for item in score["items"]),
            )
            for score in ruleset.scores
        ),
        "conditions": tuple(conditions),
        # results: steps, then options, then referrals
        "pathway": batch(
            "pathway",
            [r.test for r in (*ruleset.pathway_steps, *ruleset.options, *ruleset.referrals)],
        ),
        "contradictions": batch("contradictions", [r.test for r in ruleset.contradictions]),
        "options_by_id": {rule.id: rule for rule in ruleset.options},
        "next_step": {
            step: steps[i + 1] if i + 1 < len(steps) else None for i, step in enumerate(steps)
        },
        "band_of": (
            ruleset.scoring["total_cap"],
            ruleset.scoring["_likely_logit"],
            ruleset.scoring["_possible_logit"],
        ),
        "trials": {
            question.id: _trials(ruleset, question.id, ruleset.index[question.id], conditions)
            for question in ruleset.questionnaire.questions
        },
    }


def _stable(rule: Rule, *refs: str) -> bool:
    """Whether a rule reads none of these kinds of derived value (`score`, `condition`).

    Such a rule gives the same result whenever it is tested during one evaluation, so the
    missing-answer search may reuse the result found earlier instead of testing it again.
    """
    return not any(q.partition(":")[0] in refs for q in rule.questions if ":" in q)


class Trials(NamedTuple):
    """One question's rules, laid out for the engine's missing-answer search (`_trials`)."""

    # (candidate answer, the tests of what it can change, the same for the conditions only)
    values: tuple[tuple[Any, Batch, Batch], ...]
    scores: tuple[
        tuple[Any, ...], ...
    ]  # (key, item tests, their points, (position, test, points, stable))
    urgency_above: dict[int, int]  # level rank -> how many of the first slots are above it
    # (slug, feature slots, features for the sum without the answer, prior slots, default prior
    # log-odds, limit slots)
    conditions: tuple[tuple[Any, ...], ...]
    first_step: int  # the slot of the first pathway step that reads the question
    steps_before: dict[int, int]  # step position -> how many of those slots are steps before it
    options: tuple[tuple[int, int], ...]  # (slot, position in ruleset.options)
    referrals: tuple[tuple[int, int], ...]  # (slot, position in ruleset.referrals)


def _trials(
    ruleset: Ruleset, qid: str, entry: dict[str, Any], condition_plans: list[dict[str, Any]]
) -> Trials:
    """One question's `index` entry, laid out for the engine's missing-answer search.

    Every rule a trial answer can change (apart from score items, which come first because
    rules read their scores) is compiled into one `tests` batch; the slots say where each
    rule's result is in it.
    """
    tests: list[Predicate] = []
    rules: list[Rule] = []

    def slot(rule: Rule) -> int:
        tests.append(rule.test)
        rules.append(rule)
        return len(tests) - 1

    # Urgency rules, most urgent first (stable): those above the level fired so far are a prefix.
    ranked = sorted(
        zip(entry["urgency_ranks"], entry["urgency"], strict=True), key=lambda pair: -pair[0]
    )
    for _, rule in ranked:
        slot(rule)
    urgency_above = {
        rank: sum(1 for level, _ in ranked if level > rank)
        for rank in ruleset.urgency_rank.values()
    }
    plans = {plan["slug"]: plan for plan in condition_plans}
    conditions = []
    for slug, reading in entry["conditions"].items():
        condition = plans[slug]["condition"]
        reads = {id(f) for f in reading["features"]}
        conditions.append(
            (
                slug,
                # (slot, weight) of the features that read the question or a score it feeds,
                # in feature order (the order the evidence is summed in)
                tuple(
                    (slot(f), f.data["_weight"]) for f in condition["features"] if id(f) in reads
                ),
                # the same features for the sum without the trial answer:
                # (position among the condition's features, test, weight, stable)
                tuple(
                    (i, f.test, f.data["_weight"], _stable(f, "condition"))
                    for i, f in enumerate(condition["features"])
                    if id(f) in reads
                ),
                # (slot, log-odds) of every prior, when one reads the question
                tuple((slot(r), r.data["_prior_logit"]) for r in condition["priors"])
                if reading["priors"]
                else None,
                condition["_prior_logit"],
                # (slot, max band) of every band limit, when one reads the question
                tuple((slot(r), r.data["_max_band"]) for r in condition["band_limits"])
                if reading["limits"]
                else None,
            )
        )
    first_step = len(tests)
    for i in entry["steps"]:
        slot(ruleset.pathway_steps[i])
    # steps before position p in the pathway: a prefix of those slots (entry["steps"] is sorted)
    steps_before = {
        p: sum(1 for i in entry["steps"] if i < p) for p in range(len(ruleset.pathway_steps))
    }
    options = tuple(
        (slot(rule), i)
        for i, rule in enumerate(ruleset.options)
        if any(rule is other for other in entry["options"])
    )
    referrals = tuple(
        (slot(rule), i)
        for i, rule in enumerate(ruleset.referrals)
        if any(rule is other for other in entry["referrals"])
    )
    by_key = {f"score:{s['id']}": s for s in ruleset.scores}
    scores = []
    for key, items in entry["scores"]:
        reads = {id(item) for item in items}
        in_order = [item for item in by_key[key]["items"] if id(item) in reads]
        scores.append(
            (
                key,
                batch(f"{qid}: {key}", [item.test for item in in_order]),
                tuple(item.data["points"] for item in in_order),
                # (position among the score's items, test, points, stable): the points now
                tuple(
                    (i, item.test, item.data["points"], _stable(item, "score", "condition"))
                    for i, item in enumerate(by_key[key]["items"])
                    if id(item) in reads
                ),
            )
        )
    # Per candidate answer, its own batch: a rule that reads nothing but this question has the
    # same result on every context with this answer, so it is compiled in as a constant.
    # A second batch leaves out the urgency rules and the pathway (the slots outside the
    # conditions'): most questions can change neither, and the engine then uses that one.
    alone = [i for i, test in enumerate(tests) if set(rules[i].questions) <= {qid}]
    outside = {i: False for i in range(len(tests)) if not len(ranked) <= i < first_step}
    values = []
    for value in entry["values"]:
        known = {i: tests[i]({qid: value}) for i in alone}
        known = {i: result for i, result in known.items() if type(result) is bool}
        values.append(
            (
                value,
                batch(f"trials.{qid}={value!r}", tests, known),
                batch(f"trials.{qid}={value!r} (conditions)", tests, known | outside),
            )
        )
    return Trials(
        tuple(values),
        tuple(scores),
        urgency_above,
        tuple(conditions),
        first_step,
        steps_before,
        options,
        referrals,
    )


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
