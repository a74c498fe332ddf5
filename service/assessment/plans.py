"""What a loaded ruleset precomputes so each evaluation is cheap: which rules read which
question (`index`), each section as one compiled batch (`plan`), and per question the trial
layout the missing-answer search runs its candidate answers through (`Trials`).

Built once per ruleset by `definitions.read_ruleset`; the engine only reads them.
"""

from __future__ import annotations

from typing import Any, NamedTuple, cast

from service.assessment import definition_schema as ds
from service.assessment.definitions import Question, Rule, Ruleset
from service.assessment.expressions import Batch, Predicate, batch


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


def index(ruleset: Ruleset) -> dict[str, dict[str, Any]]:
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


def plan(ruleset: Ruleset) -> dict[str, Any]:
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
