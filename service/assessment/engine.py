"""The triage engine: pure, deterministic functions of (ruleset, answers). No I/O, no clock.

Pipeline (docs/clinical/clinical-basis.md): scope → validated scores → safety gate and urgency →
per-condition bands from a prior plus capped ln(LR) evidence → care-pathway step, options,
referrals and locator filters → the unanswered questions that could still change the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Any, NamedTuple
from urllib.parse import urlencode

from service.assessment.definition_schema import (
    CONTENT_PATHWAY_STEPS,
    OUT_OF_SCOPE_STEP,
    SCREENING_LEVEL,
    SCREENING_STEP,
)
from service.assessment.definitions import Rule, Ruleset
from service.assessment.expressions import BANDS
from service.assessment.missing import NO_LIMIT, missing_answers

DISCLAIMER_CODE = "not_diagnosis"
ESCALATION_STEP = "red_flag_escalation"
ESCALATION_LEVEL = "urgent_same_day"  # and above: red flags bypass the care pathway
EMERGENCY_LEVEL = "emergency_department"  # and above: stop asking, send the person now
SPECIALIST_STEP = "specialist_pain_or_spine_referral"  # the step whose options follow NICE rules
NO_LOCATOR_STEPS = (ESCALATION_STEP, SCREENING_STEP, OUT_OF_SCOPE_STEP, "self_management_education")


@dataclass(frozen=True)
class Result:
    """Locale-free result; `localise` adds the words for one locale."""

    ruleset_version: str
    questionnaire_version: str
    urgency: dict[str, Any]
    red_flags: list[dict[str, Any]]
    conditions: list[dict[str, Any]]
    scores: list[dict[str, Any]]
    care_pathway: dict[str, Any]
    locator: dict[str, list[str]] | None
    locator_href: str | None  # the same filters as a ready GET /v1/physicians link (add a place)
    content_links: list[str]
    missing_answers: list[dict[str, Any]]
    # What to ask next, in order: the red-flag screen, then only questions whose answer can
    # still change the urgency, a band or the care step (the quick path). Empty after a stop.
    next_questions: list[str]
    # Nothing left worth asking: `next_questions` is empty (every answer that could change the
    # result is in, one question at a time), or `should_stop`.
    complete: bool
    # False while an enabled red-flag-screen question is unanswered: the level is then
    # `screening_incomplete`, never advice, unless an emergency flag has already fired.
    red_flags_screened: bool
    # True after an emergency-level flag (or for someone the check is not for): ask nothing more.
    should_stop: bool
    warnings: list[dict[str, Any]]  # contradictory answers, reported instead of silently weighed
    out_of_scope: dict[str, Any] | None
    disclaimer_code: str = DISCLAIMER_CODE


def _answers_of(rule: Rule, context: dict[str, Any]) -> dict[str, Any]:
    """The values the rule read, in its order. (A loop: a comprehension is one more call.)"""
    answers = {}
    for question in rule.questions:
        if question in context:
            answers[question] = context[question]
    return answers


def _by_weight(driver: dict[str, Any]) -> Any:
    return driver["weight"]


def _by_weight_descending(driver: dict[str, Any]) -> Any:
    return -driver["weight"]


def _scores(
    ruleset: Ruleset, context: dict[str, Any], held: dict[str, tuple[bool, ...]]
) -> list[dict[str, Any]]:
    """Each score's points; which items held is kept in `held` for the missing-answer search."""
    results = []
    for score, key, tests, items in ruleset.plan["scores"]:
        holds = tests(context)
        held[key] = holds
        # compress() keeps the items that held, in order (faster than zip(), and C code)
        fired = [item_id for item_id, _, _ in compress(items, holds)]
        value = sum(points for _, points, _ in compress(items, holds))  # ints: order is moot
        context[key] = value
        unanswered_items = []
        for position, (item_id, _, questions) in enumerate(items):
            if not holds[position]:
                for question in questions:
                    if question not in context:
                        unanswered_items.append(item_id)
                        break
        results.append(
            {
                "id": score["id"],
                "value": value,
                "cutoff": score["cutoff"],
                "positive": value >= score["cutoff"],
                "items": fired,
                "unanswered_items": unanswered_items,
                "not_asked": list(score["not_asked"]),
                "source": score["source"],
            }
        )
    return results


def _trigger(rule: Rule, context: dict[str, Any], *, red_flag: bool) -> dict[str, Any]:
    return {
        "rule_id": rule.id,
        "urgency": rule.data["urgency"],
        "red_flag": red_flag,
        "answers": _answers_of(rule, context),
        "source": rule.data["source"],
    }


def _urgency(
    ruleset: Ruleset, context: dict[str, Any], scope: Rule | None, screened: bool
) -> dict[str, Any]:
    """The level fired so far (`minimum_level`) and the level shown (`level`).

    `rank` is the fired level's: what the missing-answer search compares against.
    """
    held = ruleset.plan["urgency"](context)  # red flags, then the other urgency rules
    flags = len(ruleset.red_flags)
    triggers = [
        _trigger(rule, context, red_flag=True)
        for rule in compress(ruleset.red_flags, held)  # the first results of held
    ]
    triggers += [
        _trigger(rule, context, red_flag=False)
        for rule in compress(ruleset.urgency_rules, held[flags:])
    ]
    if scope is not None:
        triggers.append(_trigger(scope, context, red_flag=False))
    rank = ruleset.urgency_rank
    # Most urgent first; the sort is stable, so data order holds within a level.
    if len(triggers) > 1:
        triggers.sort(key=lambda trigger: -rank[trigger["urgency"]])
    fired = triggers[0]["urgency"] if triggers else None
    level = fired or "self_care"
    stop = rank[level] >= rank[EMERGENCY_LEVEL] or scope is not None
    return {
        "level": level if screened or stop else SCREENING_LEVEL,
        "minimum_level": fired,
        "rank": rank[level],
        "should_stop": stop,
        "triggers": triggers,
    }


def _band(
    constants: tuple[float, float, float], prior_logit: float, evidence: float, positive: bool
) -> tuple[int, float]:
    """(band rank before any band limit, log-odds).

    log-odds = logit(prior for these answers) + Σ capped ln(LR), the sum capped too; compared in
    log-odds (p > 0.5 and p >= 0.15 are the same tests as on the probability). A band above
    "unlikely" needs at least one positive driver: a prior alone never makes a condition possible.
    Band limits (for example "at most possible under 50") apply last, by the caller.
    """
    total_cap, likely_logit, possible_logit = constants
    log_odds = prior_logit + max(-total_cap, min(total_cap, evidence))
    if not positive:
        return 0, log_odds
    if log_odds > likely_logit:
        return 2, log_odds
    if log_odds >= possible_logit:
        return 1, log_odds
    return 0, log_odds


class _Fit(NamedTuple):
    """One condition's fit, kept for the missing-answer search."""

    band: int  # after the band limit
    prior_logit: float
    evidence: float  # Σ capped ln(LR) of the features that held, before the total cap
    held: tuple[bool, ...]  # by feature position (and then the priors' and limits' results)
    max_band: int  # of the band limit that held (3 when none)
    positives: int  # how many features with a positive weight held


def _condition(
    ruleset: Ruleset, plan: dict[str, Any], context: dict[str, Any], fits: dict[str, _Fit]
) -> dict[str, Any]:
    """One condition's result: how well the answers fit its pattern (see `_band`)."""
    condition = plan["condition"]
    results = plan["tests"](context)  # features, then priors, then band limits
    features = plan["features"]
    held = results  # by position: the features come first
    prior, prior_source, prior_logit = (
        condition["prior"],
        condition["prior_source"],
        condition["_prior_logit"],
    )
    for slot, rule_prior, rule_source, rule_logit in plan["priors"]:
        if results[slot]:  # the first prior that holds
            prior, prior_source, prior_logit = rule_prior, rule_source, rule_logit
            break
    max_band, limit = NO_LIMIT, None  # the lowest band limit that holds; the first on a tie
    for slot, limit_band, rule in plan["limits"]:
        if limit_band < max_band and results[slot]:
            max_band, limit = limit_band, rule
    evidence = 0  # a running sum in feature order, exactly as sum() added them
    positives = 0
    drivers: list[dict[str, Any]] = []
    counter: list[dict[str, Any]] = []
    for shown in compress(features, held):  # the features that held (their results come first)
        feature, weight, lr, shown_weight, validated, source = shown
        evidence += weight
        if weight > 0:
            positives += 1
        answers = _answers_of(feature, context)
        first = next(iter(answers))
        (drivers if weight > 0 else counter).append(
            {
                "feature": feature.id,
                "question": first,
                "answer": answers[first],
                "answers": answers,
                "lr": lr,
                "weight": shown_weight,
                "validated": validated,
                "source": source,
            }
        )
    band, log_odds = _band(ruleset.plan["band_of"], prior_logit, evidence, positives > 0)
    capped = band > max_band
    if capped:
        band = max_band
    fits[plan["slug"]] = _Fit(band, prior_logit, evidence, held, max_band, positives)
    context[plan["key"]] = band
    return {
        "slug": plan["slug"],
        "band": BANDS[band],
        "band_capped": capped,
        "band_cap_source": limit.data["source"] if capped and limit is not None else None,
        "confirmation": condition["confirmation"],
        "log_odds": round(log_odds, 3),
        "prior": prior,
        "prior_source": prior_source,
        # sorted (stably) in place: both lists were built for this result alone
        "drivers": _sorted(drivers, _by_weight_descending),
        "counter_evidence": _sorted(counter, _by_weight),
        "href": plan["href"],
    }


def _sorted(
    items: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any]
) -> list[dict[str, Any]]:
    if len(items) > 1:
        items.sort(key=key)
    return items


def _neuropathic_phenotype(context: dict[str, Any], budapest_positive: bool) -> str | None:
    """A design rule (Finnerup 2016): no validated self-report tool separates these patterns."""
    if budapest_positive:
        return "crps_features"
    side = context.get("leg_pain_side")
    at_risk = context.get("diabetes") or context.get("chemotherapy_or_radiation")
    if at_risk and (side == "both" or "foot" in context.get("pain_locations", [])):
        return "symmetric_polyneuropathy"
    if context.get("began_after_injury_or_surgery") and side in ("left", "right"):
        return "asymmetric_focal"
    return None


def _option(slug: str, rule: Rule, requires: list[str]) -> dict[str, Any]:
    return {
        "treatment": slug,
        "href": f"/v1/treatments/{slug}",
        "requires": requires,
        "rule_id": rule.id,
        "source": rule.data["source"],
        "evidence": rule.data.get("evidence"),
    }


class _Step(NamedTuple):
    """The care step, and what the missing-answer search compares its trials with."""

    rule: Rule
    position: int  # in ruleset.pathway_steps
    options_held: tuple[bool, ...] | None  # by option position; only at the specialist step
    referrals_held: tuple[bool, ...]  # by referral position


def _pathway(
    ruleset: Ruleset, urgency: dict[str, Any], context: dict[str, Any], scope: Rule | None
) -> tuple[dict[str, Any], _Step | None]:
    weeks = context.get("pain_duration_weeks")
    held = None  # a step that is not care: out of scope, red flag, or screen unanswered
    if scope is not None:
        held = (OUT_OF_SCOPE_STEP, scope.data["source"])
    elif urgency["rank"] >= ruleset.urgency_rank[ESCALATION_LEVEL] and (
        urgency["level"] != SCREENING_LEVEL
    ):
        held = (ESCALATION_STEP, ruleset.red_flag_escalation["source"])
    elif urgency["level"] == SCREENING_LEVEL:
        held = (SCREENING_STEP, "NHS Pathways: life-threatening questions first")
    if held is not None:
        return {
            "step": held[0],
            "pathway_step": CONTENT_PATHWAY_STEPS[held[0]],
            "next_step": None,
            "weeks_elapsed": weeks,
            "source": held[1],
            "options_to_discuss": [],
            "referrals": [],
        }, None
    held = ruleset.plan["pathway"](context)  # steps, then options, then referrals
    steps, first_referral = (
        len(ruleset.pathway_steps),
        len(ruleset.pathway_steps) + len(ruleset.options),
    )
    position = next(i for i, yes in enumerate(held[:steps]) if yes)  # the first step that holds
    step = ruleset.pathway_steps[position]
    options_held = None
    if step.id == SPECIALIST_STEP:
        options_held = held[steps:first_referral]
        options = [
            _option(slug, rule, rule.data.get("requires", {}).get(slug, []))
            for rule in compress(ruleset.options, options_held)
            for slug in rule.data["treatments"]
        ]
    else:
        options = [_option(slug, step, []) for slug in step.data["treatments"]]
    referrals_held = held[first_referral:]
    return {
        "step": step.id,
        "pathway_step": CONTENT_PATHWAY_STEPS[step.id],
        "next_step": ruleset.plan["next_step"][step.id],
        "weeks_elapsed": weeks,
        "source": step.data["source"],
        "options_to_discuss": options,
        "referrals": [
            {
                "specialty": rule.data["specialty"],
                "specialty_codes": list(rule.data["specialties"]),
                "rule_id": rule.id,
                "source": rule.data["source"],
            }
            for rule in compress(ruleset.referrals, referrals_held)
        ],
    }, _Step(step, position, options_held, referrals_held)


def _locator(
    ruleset: Ruleset, pathway: dict[str, Any], step: _Step | None
) -> dict[str, list[str]] | None:
    """Filters GET /v1/physicians accepts verbatim; None when a physician search is not the advice."""
    if step is None or pathway["step"] in NO_LOCATOR_STEPS:
        return None
    specialties = list(step.rule.data["specialties"])
    therapy: list[str] = []
    options_by_rule = ruleset.plan["options_by_id"]
    for option in pathway["options_to_discuss"]:
        if option["rule_id"] in options_by_rule:
            specialties += options_by_rule[option["rule_id"]].data["specialties"]
            therapy.append(option["treatment"])
    for referral in pathway["referrals"]:
        specialties += referral["specialty_codes"]
    return {"specialty": list(dict.fromkeys(specialties)), "therapy": list(dict.fromkeys(therapy))}


def _locator_href(locator: dict[str, list[str]] | None) -> str | None:
    if locator is None:
        return None
    return _physicians_href(tuple(locator["specialty"]), tuple(locator["therapy"]))


@lru_cache(maxsize=1024)
def _physicians_href(specialties: tuple[str, ...], therapies: tuple[str, ...]) -> str:
    """A pure function of a few dozen code combinations: memoised, as urlencode is slow."""
    query = [("specialty", code) for code in specialties]
    query += [("therapy", slug) for slug in therapies]
    return "/v1/physicians" + (f"?{urlencode(query)}" if query else "")


def _warnings(ruleset: Ruleset, context: dict[str, Any]) -> list[dict[str, Any]]:
    held = ruleset.plan["contradictions"](context)
    return [
        {"code": rule.data["code"], "rule_id": rule.id, "fields": list(rule.data["fields"])}
        for rule in compress(ruleset.contradictions, held)
    ]


def evaluate(ruleset: Ruleset, answers: dict[str, Any]) -> Result:
    """Evaluate answers already checked by `resolve_answers` (unknown ids are ignored)."""
    context = dict(answers)
    # As answers.next_questions(): enabled, unanswered questions in order (red flags first).
    enabled = ruleset.plan["enabled"](context)
    unanswered = [
        qid for qid in compress(ruleset.plan["question_ids"], enabled) if qid not in context
    ]
    screen = ruleset.screen_questions
    screened = screen.isdisjoint(unanswered)
    scope = next((rule for rule in ruleset.out_of_scope if rule.test(context)), None)
    scores_held: dict[str, tuple[bool, ...]] = {}
    scores = _scores(ruleset, context, scores_held)
    urgency = _urgency(ruleset, context, scope, screened)
    fits: dict[str, _Fit] = {}
    conditions = (
        []
        if scope is not None
        else [_condition(ruleset, plan, context, fits) for plan in ruleset.plan["conditions"]]
    )
    budapest = next(
        (s["positive"] for s in scores if s["id"] == "budapest_symptom_categories"), False
    )
    for condition in conditions:
        if condition["slug"] == "neuropathic-pain":
            condition["phenotype"] = (
                _neuropathic_phenotype(context, budapest)
                if condition["band"] != "unlikely"
                else None
            )
    pathway, step = _pathway(ruleset, urgency, context, scope)
    should_stop = urgency.pop("should_stop")
    missing = (
        []
        if should_stop
        else missing_answers(
            ruleset,
            context,
            unanswered,
            urgency=urgency,
            fits=fits,
            scores_held=scores_held,
            step=step,
        )
    )
    worth_asking = {m["question"] for m in missing}
    ask = [q for q in unanswered if q in screen or q in worth_asking] if not should_stop else []
    locator = _locator(ruleset, pathway, step)
    links = [c["href"] for c in conditions if c["band"] != "unlikely"]
    links += [o["href"] for o in pathway["options_to_discuss"]] + ["/v1/care-pathway"]
    return Result(
        ruleset_version=ruleset.version,
        questionnaire_version=ruleset.questionnaire.version,
        urgency=urgency,
        red_flags=[t for t in urgency["triggers"] if t["red_flag"]],
        conditions=conditions,
        scores=scores,
        care_pathway=pathway,
        locator=locator,
        locator_href=_locator_href(locator),
        content_links=list(dict.fromkeys(links)),
        missing_answers=missing,
        next_questions=ask,
        complete=not ask,
        red_flags_screened=screened,
        should_stop=should_stop,
        warnings=_warnings(ruleset, context),
        out_of_scope=(
            {"code": scope.id, "source": scope.data["source"]} if scope is not None else None
        ),
    )
