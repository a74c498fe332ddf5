"""Assessment operations: the questionnaire, stateless evaluation and anonymous sessions.

Plain functions over a session; they flush, never commit, and know nothing of HTTP.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from service.assessment import engine
from service.assessment.answers import resolve_answers
from service.assessment.definition_schema import OUT_OF_SCOPE_STEP, SCREENING_LEVEL, SCREENING_STEP
from service.assessment.definitions import Ruleset, default_ruleset
from service.assessment.models import AssessmentSession
from service.errors import NotFoundProblem, Problem


class SessionChangedProblem(Problem):
    """If-Match named a version of the session that is no longer the current one."""

    status = 412
    code = "session_changed"


class AnswersInvalidProblem(Problem):
    """Unknown question, wrong type, out of range, or not enabled: names every field."""

    status = 422
    code = "validation_failed"


def questionnaire(*, locale: str, ruleset: Ruleset | None = None) -> dict[str, Any]:
    """The questionnaire in one locale, red-flag questions first."""
    definition = (ruleset or default_ruleset()).questionnaire
    return {
        "version": definition.version,
        "locale": locale,
        "title": definition.title[locale],
        "questions": [
            {
                "id": q.id,
                "type": q.type,
                "red_flag": q.red_flag,
                "text": q.texts[locale]["text"],
                "help": q.texts[locale]["help"],
                "options": [
                    {"value": value, "label": q.texts[locale]["option_labels"][value]}
                    for value in q.options
                ],
                "exclusive_options": list(q.exclusive),
                "min": q.min,
                "max": q.max,
                "unit": q.unit,
                "enable_when": [
                    {"question": question, "operator": operator, "answer": answer}
                    for question, operator, answer in q.enable_when
                ],
            }
            for q in definition.questions
        ],
    }


def emergency_number(ruleset: Ruleset, country: str | None) -> str:
    """The emergency number of the partner's country; the default country's when unknown."""
    numbers = ruleset.emergency_numbers
    number: str = numbers["numbers"].get(
        country or "", numbers["numbers"][numbers["default_country"]]
    )
    return number


def localise(
    result: engine.Result,
    *,
    locale: str,
    ruleset: Ruleset | None = None,
    country: str | None = None,
) -> dict[str, Any]:
    """The engine's locale-free result with the words of one locale (and country) added."""
    ruleset = ruleset or default_ruleset()
    number = emergency_number(ruleset, country)

    def words(text: str) -> str:
        return text.replace("{emergency_number}", number)

    # Shallow: the engine built every value for this result alone; only a few dicts gain words.
    body = {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    code = result.urgency["level"]
    if code == SCREENING_LEVEL:
        level = ruleset.screening_incomplete | {"timeframe_hours": None}
    else:
        level = next(lv for lv in ruleset.urgency_levels if lv["code"] == code)
    # Exactly the documented shape (AssessmentResultSchema): views send it without a dump.
    body["urgency"] = (
        {key: value for key, value in result.urgency.items() if key != "rank"}
        | {key: words(text) for key, text in level["text"][locale].items()}
        | {
            "timeframe_hours": level["timeframe_hours"],
            "emergency_number": number,
            "safety_net": [words(line) for line in level["safety_net"][locale]],
        }
    )
    body["care_pathway"] = dict(result.care_pathway)
    step = result.care_pathway["step"]
    scopes = {rule.id: rule for rule in ruleset.out_of_scope}
    if step == engine.ESCALATION_STEP:
        why = ruleset.red_flag_escalation["why"][locale]
    elif step == SCREENING_STEP:
        why = ruleset.screening_incomplete["why"][locale]
    elif step == OUT_OF_SCOPE_STEP and result.out_of_scope is not None:
        why = scopes[result.out_of_scope["code"]].data["why"][locale]
    else:
        why = next(rule.data["why"][locale] for rule in ruleset.pathway_steps if rule.id == step)
    body["care_pathway"]["why"] = why
    if result.out_of_scope is not None:
        message = scopes[result.out_of_scope["code"]].data["message"][locale]
        body["out_of_scope"] = result.out_of_scope | {"message": words(message)}
    labels = ruleset.scoring["band_labels"][locale]
    body["conditions"] = [c | {"band_label": labels[c["band"]]} for c in result.conditions]
    if result.warnings:
        messages = {rule.id: rule.data["message"][locale] for rule in ruleset.contradictions}
        body["warnings"] = [w | {"message": messages[w["rule_id"]]} for w in result.warnings]
    return body | {"locale": locale, "disclaimer": ruleset.disclaimer[locale]}


def _resolve(answers: dict[str, Any], *, strict: set[str] | None = None) -> dict[str, Any]:
    kept, errors = resolve_answers(default_ruleset().questionnaire, answers, strict=strict)
    if errors:
        raise AnswersInvalidProblem("Some answers are not valid; see `errors`.", errors=errors)
    return kept


def evaluate(*, answers: dict[str, Any], locale: str, country: str | None = None) -> dict[str, Any]:
    """Stateless: validate the answers, evaluate them, store nothing."""
    result = engine.evaluate(default_ruleset(), _resolve(answers))
    return localise(result, locale=locale, country=country)


def session_etag(record: AssessmentSession) -> str:
    """The version of a session's answers: changes with every write that changes them."""
    digest = hashlib.sha256(
        json.dumps(
            [str(record.id), record.answers, record.updated_at.isoformat()], sort_keys=True
        ).encode()
    )
    return digest.hexdigest()[:32]


def _view(record: AssessmentSession, locale: str, country: str | None) -> dict[str, Any]:
    ruleset = default_ruleset()
    # Re-resolve: a newer questionnaire may have retired a question or changed a condition.
    known = {k: v for k, v in record.answers.items() if k in ruleset.questionnaire.by_id}
    answers, _ = resolve_answers(ruleset.questionnaire, known, strict=set())
    result = engine.evaluate(ruleset, answers)
    return {
        "id": record.id,
        "questionnaire_version": ruleset.questionnaire.version,
        "answers": answers,
        # The quick path: the screen, then only what can still change the result; nothing
        # after an emergency flag (or for someone the check is not for).
        "next_questions": result.next_questions,
        "complete": result.complete,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        "expires_at": record.expires_at,
        "result": localise(result, locale=locale, ruleset=ruleset, country=country),
        "etag": session_etag(record),  # sent as the ETag header, not in the body
    }


def create_session(
    *,
    session: Session,
    answers: dict[str, Any],
    locale: str,
    now: dt.datetime,
    ttl_days: int,
    partner_id: int | None = None,
    country: str | None = None,
) -> dict[str, Any]:
    """Start an anonymous session, optionally with pre-filled answers."""
    record = AssessmentSession(
        id=uuid.uuid4(),
        partner_id=partner_id,
        questionnaire_version=default_ruleset().questionnaire.version,
        answers=_resolve(answers),
        created_at=now,
        updated_at=now,
        expires_at=now + dt.timedelta(days=ttl_days),
    )
    session.add(record)
    session.flush()
    return _view(record, locale, country)


def _live(
    session: Session,
    session_id: uuid.UUID,
    now: dt.datetime,
    partner_id: int | None,
    *,
    for_update: bool = False,
) -> AssessmentSession:
    # for_update: concurrent PUTs merge one after another instead of each overwriting the
    # others' answers (read-merge-write under the row lock, released at the request's commit).
    record = session.get(
        AssessmentSession, session_id, with_for_update=for_update, populate_existing=for_update
    )
    # An expired session is gone whether or not the purge has run yet; another partner's session
    # is answered exactly like a missing one, so ids cannot be probed across partners.
    if record is None or record.expires_at <= now or record.partner_id != partner_id:
        raise NotFoundProblem(f"There is no assessment '{session_id}' (or it expired).")
    return record


def get_session(
    *,
    session: Session,
    session_id: uuid.UUID,
    locale: str,
    now: dt.datetime,
    partner_id: int | None = None,
    country: str | None = None,
) -> dict[str, Any]:
    return _view(_live(session, session_id, now, partner_id), locale, country)


def put_answers(
    *,
    session: Session,
    session_id: uuid.UUID,
    answers: dict[str, Any | None],
    locale: str,
    now: dt.datetime,
    ttl_days: int,
    partner_id: int | None = None,
    country: str | None = None,
    if_match: Callable[[str], bool] | None = None,
) -> dict[str, Any]:
    """Merge answers (null removes one); answers hidden by the new ones are dropped. Idempotent.

    `if_match(etag)` says whether the client's If-Match holds the current version: checked
    under the row lock, so two clients that read the same version cannot both write.
    """
    record = _live(session, session_id, now, partner_id, for_update=True)
    # A null for an unknown id is still a typo worth reporting, so check ids before merging.
    if unknown := [k for k in answers if k not in default_ruleset().questionnaire.by_id]:
        raise AnswersInvalidProblem(
            "Some answers are not valid; see `errors`.",
            errors=[
                {"in": "json", "name": f"answers.{k}", "message": "Unknown question."}
                for k in unknown
            ],
        )
    merged = {k: v for k, v in (record.answers | answers).items() if v is not None}
    kept = _resolve(merged, strict={k for k, v in answers.items() if v is not None})
    # After validation: a bad body is 422 whatever the version, so a client fixes it first.
    if if_match is not None and not if_match(session_etag(record)):
        raise SessionChangedProblem(
            "The session changed since you read it (If-Match does not hold its current ETag); "
            "GET it again and re-apply your answers."
        )
    if kept != record.answers:
        record.answers = kept
        record.questionnaire_version = default_ruleset().questionnaire.version
        record.updated_at = now
        record.expires_at = now + dt.timedelta(days=ttl_days)
        session.flush()
    return _view(record, locale, country)


def purge_expired(*, session: Session, now: dt.datetime) -> int:
    """Delete every session that expired before `now`; returns how many."""
    deleted = session.execute(
        delete(AssessmentSession)
        .where(AssessmentSession.expires_at <= now)
        .returning(AssessmentSession.id)
    )
    return len(deleted.all())
