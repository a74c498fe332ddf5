"""`flask assessment check|purge`: validate the definitions; delete expired sessions."""

from __future__ import annotations

import datetime as dt
import sys

import click
from flask.cli import AppGroup

from service.assessment.definitions import DefinitionError, read_ruleset
from service.assessment.service import purge_expired
from service.db import get_db

assessment_cli = AppGroup("assessment", help="Manage the symptom assessment.")


@assessment_cli.command("check")
def check() -> None:
    """Validate the questionnaire and the ruleset without touching the database."""
    try:
        ruleset = read_ruleset()
    except DefinitionError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(
        f"assessment definitions OK: questionnaire {ruleset.questionnaire.version} "
        f"({len(ruleset.questionnaire.questions)} questions), ruleset {ruleset.version}"
    )


@assessment_cli.command("purge")
def purge() -> None:
    """Delete assessment sessions that have expired (ASSESSMENT_TTL_DAYS after their last change)."""
    session = get_db().session_factory()
    with session.begin():
        count = purge_expired(session=session, now=dt.datetime.now(dt.UTC))
    click.echo(f"purged {count} expired assessment session(s)")
