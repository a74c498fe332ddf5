"""The triage engine: pure, deterministic functions of (ruleset, answers). No I/O, no clock.

Pipeline (docs/clinical/clinical-basis.md): scope → validated scores → safety gate and urgency →
per-condition bands from a prior plus capped ln(LR) evidence → care-pathway step, options,
referrals and locator filters → the unanswered questions that could still change the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from service.assessment.answers import next_questions
from service.assessment.definition_schema import (
    OUT_OF_SCOPE_STEP,
    PATHWAY_STEPS,
    SCREENING_LEVEL,
    SCREENING_STEP,
)
from service.assessment.definitions import BANDS, Rule, Ruleset

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
    return {q: context[q] for q in rule.questions if q in context}


def _scores(ruleset: Ruleset, context: dict[str, Any]) -> list[dict[str, Any]]:
    results = []
    for score in ruleset.scores:
        fired = [item for item in score["items"] if item.test(context)]
        value = sum(item.data["points"] for item in fired)
        context[f"score:{score['id']}"] = value
        results.append(
            {
                "id": score["id"],
                "value": value,
                "cutoff": score["cutoff"],
                "positive": value >= score["cutoff"],
                "items": [item.id for item in fired],
                "unanswered_items": [
                    item.id
                    for item in score["items"]
                    if item not in fired and any(q not in context for q in item.questions)
                ],
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
    triggers = [_trigger(r, context, red_flag=True) for r in ruleset.red_flags if r.test(context)]
    triggers += [
        _trigger(r, context, red_flag=False) for r in ruleset.urgency_rules if r.test(context)
    ]
    if scope is not None:
        triggers.append(_trigger(scope, context, red_flag=False))
    rank = ruleset.urgency_rank
    # Most urgent first; the sort is stable, so data order holds within a level.
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


def _band_of(
    ruleset: Ruleset, prior_logit: float, evidence: float, positive: bool, limit: Rule | None
) -> tuple[int, bool, float]:
    """(band rank, whether a band limit lowered it, log-odds).

    log-odds = logit(prior for these answers) + Σ capped ln(LR), the sum capped too; compared in
    log-odds (p > 0.5 and p >= 0.15 are the same tests as on the probability). A band above
    "unlikely" needs at least one positive driver: a prior alone never makes a condition possible.
    Band limits (for example "at most possible under 50") apply last.
    """
    total_cap = ruleset.scoring["total_cap"]
    log_odds = prior_logit + max(-total_cap, min(total_cap, evidence))
    if not positive:
        band = 0
    elif log_odds > ruleset.scoring["_likely_logit"]:
        band = 2
    elif log_odds >= ruleset.scoring["_possible_logit"]:
        band = 1
    else:
        band = 0
    if limit is not None and band > limit.data["_max_band"]:
        return limit.data["_max_band"], True, log_odds
    return band, False, log_odds


def _prior(condition: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    rule = next((rule for rule in condition["priors"] if rule.test(context)), None)
    if rule is None:
        return {k: condition[k] for k in ("prior", "prior_source", "_prior_logit")}
    return {"prior": rule.data["prior"], "prior_source": rule.data["source"],
            "_prior_logit": rule.data["_prior_logit"]}


def _limit(condition: dict[str, Any], context: dict[str, Any]) -> Rule | None:
    held = [rule for rule in condition["band_limits"] if rule.test(context)]
    return min(held, key=lambda rule: rule.data["_max_band"]) if held else None


def _fit(ruleset: Ruleset, condition: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    """How well the answers fit one condition's pattern, from scratch (see `_band_of`)."""
    prior = _prior(condition, context)
    fired = [feature for feature in condition["features"] if feature.test(context)]
    evidence = sum(feature.data["_weight"] for feature in fired)
    limit = _limit(condition, context)
    positive = any(feature.data["_weight"] > 0 for feature in fired)
    band, capped, log_odds = _band_of(ruleset, prior["_prior_logit"], evidence, positive, limit)
    return prior | {
        "band": band,
        "capped": capped,
        "cap_source": limit.data["source"] if capped else None,
        "log_odds": log_odds,
        "fired": fired,
        "evidence": evidence,
        "limit": limit,
    }


def _trial_base(fit: dict[str, Any], reading: dict[str, Any], context: dict[str, Any]) -> tuple:
    """What stays fixed while one question's candidate answers are tried against a condition."""
    features = reading["features"]
    before = sum(f.data["_weight"] for f in features if f.test(context))
    positive_elsewhere = any(f.data["_weight"] > 0 and f not in features for f in fit["fired"])
    return fit["evidence"] - before, positive_elsewhere


def _trial_band(
    ruleset: Ruleset,
    condition: dict[str, Any],
    fit: dict[str, Any],
    reading: dict[str, Any],
    base: tuple,
    trial: dict[str, Any],
) -> int:
    """The band with one more answer, recomputing only what reads that answer's question."""
    evidence, positive = base
    for feature in reading["features"]:
        if feature.test(trial):
            evidence += feature.data["_weight"]
            positive = positive or feature.data["_weight"] > 0
    prior_logit = (
        _prior(condition, trial)["_prior_logit"] if reading["priors"] else fit["_prior_logit"]
    )
    limit = _limit(condition, trial) if reading["limits"] else fit["limit"]
    return _band_of(ruleset, prior_logit, evidence, positive, limit)[0]


def _condition(
    ruleset: Ruleset,
    condition: dict[str, Any],
    context: dict[str, Any],
    fits: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """One condition's result; its fit is kept in `fits` for the missing-answer search."""
    fit = _fit(ruleset, condition, context)
    fits[condition["slug"]] = fit
    drivers, counter = [], []
    for feature in fit["fired"]:
        weight = feature.data["_weight"]
        answers = _answers_of(feature, context)
        first = next(iter(answers))
        (drivers if weight > 0 else counter).append(
            {
                "feature": feature.id,
                "question": first,
                "answer": answers[first],
                "answers": answers,
                "lr": feature.data["lr"],
                "weight": round(weight, 3),
                "validated": feature.data["validated"],
                "source": feature.data["source"],
            }
        )
    band = fit["band"]
    context[f"condition:{condition['slug']}"] = band
    return {
        "slug": condition["slug"],
        "band": BANDS[band],
        "band_capped": fit["capped"],
        "band_cap_source": fit["cap_source"],
        "confirmation": condition["confirmation"],
        "log_odds": round(fit["log_odds"], 3),
        "prior": fit["prior"],
        "prior_source": fit["prior_source"],
        "drivers": sorted(drivers, key=lambda d: -d["weight"]),
        "counter_evidence": sorted(counter, key=lambda d: d["weight"]),
        "href": f"/v1/conditions/{condition['slug']}",
    }


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


def _pathway(
    ruleset: Ruleset, urgency: dict[str, Any], context: dict[str, Any], scope: Rule | None
) -> tuple[dict, Rule | None]:
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
            "next_step": None,
            "weeks_elapsed": weeks,
            "source": held[1],
            "options_to_discuss": [],
            "referrals": [],
        }, None
    step = next(rule for rule in ruleset.pathway_steps if rule.test(context))
    if step.id == SPECIALIST_STEP:
        options = [
            _option(slug, rule, rule.data.get("requires", {}).get(slug, []))
            for rule in ruleset.options
            if rule.test(context)
            for slug in rule.data["treatments"]
        ]
    else:
        options = [_option(slug, step, []) for slug in step.data["treatments"]]
    position = PATHWAY_STEPS.index(step.id)
    return {
        "step": step.id,
        "next_step": PATHWAY_STEPS[position + 1] if position + 1 < len(PATHWAY_STEPS) else None,
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
            for rule in ruleset.referrals
            if rule.test(context)
        ],
    }, step


def _locator(
    ruleset: Ruleset, pathway: dict[str, Any], step: Rule | None
) -> dict[str, list[str]] | None:
    """Filters GET /v1/physicians accepts verbatim; None when a physician search is not the advice."""
    if step is None or pathway["step"] in NO_LOCATOR_STEPS:
        return None
    specialties = list(step.data["specialties"])
    therapy: list[str] = []
    options_by_rule = {rule.id: rule for rule in ruleset.options}
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
    query = [("specialty", code) for code in locator["specialty"]]
    query += [("therapy", slug) for slug in locator["therapy"]]
    return "/v1/physicians" + (f"?{urlencode(query)}" if query else "")


def _missing(
    ruleset: Ruleset,
    context: dict[str, Any],
    urgency: dict,
    fits: dict[str, dict[str, Any]],
    step: Rule | None,
) -> list[dict[str, Any]]:
    """Enabled unanswered questions for which some answer changes the urgency, a band or the step.

    Each candidate answer (every choice, every integer threshold in the rules) is tried against the
    rules that read the question, through the scores that read it (one level deep).
    """
    unanswered = next_questions(ruleset.questionnaire, context)
    definitions = {condition["slug"]: condition for condition in ruleset.conditions}
    current = ruleset.pathway_steps.index(step) if step is not None else None
    specialist = step is not None and step.id == SPECIALIST_STEP
    missing = []
    for question in unanswered:
        entry = ruleset.index[question]
        affects: list[str] = []
        check_urgency = entry["max_urgency"] > urgency["rank"]
        reach = check_urgency + len(entry["conditions"]) + (current is not None and entry["pathway"])
        base_options = [option.test(context) for option in entry["options"]] if specialist else []
        bases = {
            slug: _trial_base(fits[slug], reading, context)
            for slug, reading in entry["conditions"].items()
            if slug in fits
        }
        trial = dict(context)
        for value in entry["values"]:
            trial[question] = value
            for key, items in entry["scores"]:
                trial[key] = (
                    context[key]
                    + sum(item.data["points"] for item in items if item.test(trial))
                    - sum(item.data["points"] for item in items if item.test(context))
                )
            if (
                check_urgency
                and "urgency" not in affects
                and any(
                    level > urgency["rank"] and rule.test(trial)
                    for rule, level in zip(entry["urgency"], entry["urgency_ranks"])
                )
            ):
                affects.append("urgency")
            for slug, reading in entry["conditions"].items():
                key = f"condition:{slug}"
                if key in affects or slug not in fits:
                    continue
                band = _trial_band(
                    ruleset, definitions[slug], fits[slug], reading, bases[slug], trial
                )
                if band != fits[slug]["band"]:
                    affects.append(key)
            if (
                current is not None
                and "care_pathway" not in affects
                and (
                    any(
                        i < current and ruleset.pathway_steps[i].test(trial) for i in entry["steps"]
                    )
                    or any(o.test(trial) != b for o, b in zip(entry["options"], base_options))
                    or any(r.test(trial) != r.test(context) for r in entry["referrals"])
                )
            ):
                affects.append("care_pathway")
            if len(affects) == reach:
                break
        if question in ruleset.screen_questions and "urgency" not in affects:
            affects.append("urgency")  # no disposition is given until the screen is answered
        if affects:
            missing.append({"question": question, "affects": sorted(affects)})
    return missing


def _warnings(ruleset: Ruleset, context: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"code": rule.data["code"], "rule_id": rule.id, "fields": list(rule.data["fields"])}
        for rule in ruleset.contradictions
        if rule.test(context)
    ]


def evaluate(ruleset: Ruleset, answers: dict[str, Any]) -> Result:
    """Evaluate answers already checked by `resolve_answers` (unknown ids are ignored)."""
    context = dict(answers)
    unanswered = next_questions(ruleset.questionnaire, context)
    screen = ruleset.screen_questions
    screened = not any(question in screen for question in unanswered)
    scope = next((rule for rule in ruleset.out_of_scope if rule.test(context)), None)
    scores = _scores(ruleset, context)
    urgency = _urgency(ruleset, context, scope, screened)
    fits: dict[str, dict[str, Any]] = {}
    conditions = (
        []
        if scope is not None
        else [_condition(ruleset, condition, context, fits) for condition in ruleset.conditions]
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
    missing = [] if should_stop else _missing(ruleset, context, urgency, fits, step)
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
