"""Session operations called directly: expiry, renewal on change, purge, and the CLI."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from service.assessment import service
from service.assessment.models import AssessmentSession
from service.errors import NotFoundProblem

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


def create(db_session, answers=None, now=NOW):
    return service.create_session(
        session=db_session, answers=answers or {}, locale="en", now=now, ttl_days=30
    )


def test_sessions_store_answers_only_and_expire_after_the_ttl(db_session):
    view = create(db_session, {"age": 50})
    record = db_session.get(AssessmentSession, view["id"])
    assert record.answers == {"age": 50} and record.expires_at == NOW + dt.timedelta(days=30)
    assert service.get_session(
        session=db_session, session_id=view["id"], locale="en", now=NOW + dt.timedelta(days=29)
    )["answers"] == {"age": 50}
    with pytest.raises(NotFoundProblem):
        service.get_session(
            session=db_session, session_id=view["id"], locale="en", now=NOW + dt.timedelta(days=30)
        )


def test_a_change_renews_the_expiry_and_a_no_op_does_not(db_session):
    view = create(db_session)
    later = NOW + dt.timedelta(days=10)
    kwargs = {"session": db_session, "session_id": view["id"], "locale": "en", "now": later}
    kwargs["ttl_days"] = 30
    assert service.put_answers(answers={}, **kwargs)["expires_at"] == NOW + dt.timedelta(days=30)
    assert service.put_answers(answers={"age": 61}, **kwargs)["expires_at"] == later + dt.timedelta(
        days=30
    )


def test_invalid_answers_raise_a_422_problem(db_session):
    with pytest.raises(service.AnswersInvalidProblem) as raised:
        create(db_session, {"age": 121})
    assert raised.value.status == 422
    assert raised.value.errors == [
        {"in": "json", "name": "answers.age", "message": "Must be between 0 and 120."}
    ]


def test_purge_deletes_only_expired_sessions(db_session):
    old = create(db_session, now=NOW - dt.timedelta(days=31))
    fresh = create(db_session)
    assert service.purge_expired(session=db_session, now=NOW) == 1
    ids = set(db_session.scalars(select(AssessmentSession.id)))
    assert fresh["id"] in ids and old["id"] not in ids


def test_cli_purge_and_check(runner, db_session):
    create(db_session, now=NOW - dt.timedelta(days=400))
    db_session.commit()
    result = runner.invoke(args=["assessment", "purge"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "purged 1 expired assessment session(s)"
    check = runner.invoke(args=["assessment", "check"])
    assert check.exit_code == 0 and "assessment definitions OK" in check.output
