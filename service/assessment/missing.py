"""The missing-answer search: which unanswered questions could change the result.

The engine's hot loop (about half an evaluation), in a module of its own; `engine.evaluate`
calls it with what the evaluation so far computed (the fits, the scores held, the step).
"""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING, Any

from service.assessment.definitions import Ruleset
from service.assessment.expressions import BANDS

if TYPE_CHECKING:
    from service.assessment.engine import _Fit, _Step

NO_LIMIT = len(BANDS)  # the "max band" when no band limit holds: above every band


def missing_answers(  # noqa: PLR0912, PLR0915 (one loop on purpose: see the docstring)
    ruleset: Ruleset,
    context: dict[str, Any],
    unanswered: list[str],
    *,
    urgency: dict[str, Any],
    fits: dict[str, _Fit],
    scores_held: dict[str, tuple[bool, ...]],
    step: _Step | None,
) -> list[dict[str, Any]]:
    """Enabled unanswered questions for which some answer changes the urgency, a band or the step.

    Each candidate answer (every choice, every integer threshold in the rules) is tried against the
    rules that read the question, through the scores that read it (one level deep). `affects` is
    a set (returned sorted), so a target (the urgency, one condition, the care step) is no longer
    looked at once an answer has changed it.

    How (for speed, see plans._trials): the trial answer is written into `context` itself
    and taken out after each question, as copying the context per question cost more than the
    trials; one call of the answer's batch (`Trials.values`) gives every rule it can change; and
    what the context gives without the answer (score points, evidence, options, referrals) is
    taken from the evaluation so far, re-testing only a rule that reads a derived value that was
    still being computed then (not `stable`).

    This is the engine's hot loop (about half its time), so it is one function: splitting it
    into helpers cost a fifth of an evaluation in calls alone.
    """
    all_trials = ruleset.plan["trials"]
    total_cap, likely_logit, possible_logit = ruleset.plan["band_of"]
    rank = urgency["rank"]
    missing = []
    for question in unanswered:
        (
            values,
            score_trials,
            urgency_above,
            condition_trials,
            first_step,
            steps_before,
            option_trials,
            referral_trials,
        ) = all_trials[question]
        # Scores that read the question: (key, value now, item tests, their points, points now)
        scores = []
        for key, item_tests, points, items in score_trials:
            held = scores_held[key]
            before = 0
            for position, test, item_points, stable in items:
                if held[position] if stable else test(context):
                    before += item_points
            scores.append((key, context[key], item_tests, points, before))
        # A screen question affects the urgency whatever its answer: no disposition is given
        # until the screen is answered. Otherwise: do rules above the level fired so far fire?
        screen_question = question in ruleset.screen_questions
        urgency_slots = 0 if screen_question else urgency_above[rank]
        # What stays fixed while the answers are tried on each condition that reads the
        # question: after each answer only the features that read it are added to the evidence
        # left without them, and the prior and band limits are re-read only if they read it.
        conditions = []
        for (
            slug,
            feature_slots,
            features,
            prior_slots,
            default_logit,
            limit_slots,
        ) in condition_trials:
            band, prior_logit, evidence, held, max_band, positives = fits[slug]
            before = 0  # evidence of the features that read the question, now (as sum() did)
            for position, test, weight, stable in features:
                if held[position] if stable else test(context):
                    before += weight
                if weight > 0 and held[position]:
                    positives -= 1  # leaves the positive drivers that do not read it
            conditions.append(
                (
                    slug,
                    band,
                    feature_slots,
                    evidence - before,
                    positives > 0,
                    prior_slots,  # None: the prior does not read the question, it is fit's
                    prior_logit if prior_slots is None else default_logit,
                    limit_slots,  # None: nor do the band limits
                    max_band if limit_slots is None else NO_LIMIT,
                )
            )
        # The care step changes when an earlier step holds, or an option or referral flips.
        after_steps, flips = first_step, []  # flips: (slot, what it gave without the answer)
        if step is not None:
            after_steps += steps_before[step.position]
            if step.options_held is not None and option_trials:
                flips += [(slot, step.options_held[i]) for slot, i in option_trials]
            if referral_trials:
                flips += [(slot, step.referrals_held[i]) for slot, i in referral_trials]
        pathway_live = bool(first_step < after_steps or flips)

        urgency_changed = pathway_changed = False
        changed: list[str] = []  # slugs of the conditions whose band an answer changed
        # when neither the urgency nor the step can change, only the conditions' rules are tested
        conditions_only = not (urgency_slots or pathway_live)
        for value, all_tests, condition_tests in values:
            if not (urgency_slots or conditions or pathway_live):
                break  # every target that can change has changed
            context[question] = value
            for key, base, item_tests, points, before in scores:
                context[key] = base + sum(compress(points, item_tests(context))) - before
            held = condition_tests(context) if conditions_only else all_tests(context)
            if urgency_slots and True in held[:urgency_slots]:
                urgency_changed, urgency_slots = True, 0
            for (
                slug,
                band_now,
                feature_slots,
                base_evidence,
                base_positive,
                prior_slots,
                base_prior_logit,
                limit_slots,
                base_max_band,
            ) in conditions:
                evidence, positive = base_evidence, base_positive
                for slot, weight in feature_slots:
                    if held[slot]:
                        evidence += weight
                        positive = positive or weight > 0
                prior_logit = base_prior_logit
                if prior_slots is not None:  # the first prior that holds, else the default
                    for slot, logit in prior_slots:
                        if held[slot]:
                            prior_logit = logit
                            break
                max_band = base_max_band
                if limit_slots is not None:  # the lowest band limit that holds
                    for slot, limit_band in limit_slots:
                        if limit_band < max_band and held[slot]:
                            max_band = limit_band
                # _band, inlined: the same float operations, min(cap, e) and max(-cap, m)
                # written as comparisons (no calls)
                capped = evidence if evidence < total_cap else total_cap  # noqa: FURB136
                capped = capped if capped > -total_cap else -total_cap  # noqa: FURB136
                log_odds = prior_logit + capped
                band = 0
                if positive:
                    band = 2 if log_odds > likely_logit else 1 if log_odds >= possible_logit else 0
                if min(band, max_band) != band_now:
                    changed.append(slug)
            if changed:
                conditions = [trial for trial in conditions if trial[0] not in changed]
            if pathway_live and (
                True in held[first_step:after_steps]
                or any(held[slot] != before for slot, before in flips)
            ):
                pathway_changed, pathway_live = True, False
        # Back to the context as it was, for the next question and the warnings.
        context.pop(question, None)
        if scores:
            context.update({key: base for key, base, *_ in scores})
        affects = [f"condition:{slug}" for slug in changed]
        if urgency_changed or screen_question:
            affects.append("urgency")
        if pathway_changed:
            affects.append("care_pathway")
        if affects:
            missing.append({"question": question, "affects": sorted(affects)})
    return missing
