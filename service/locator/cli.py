"""`flask locator import FILE --source S`, `flask locator load-nppes FILE`, `flask locator demo`."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click
from flask.cli import AppGroup
from sqlalchemy import select, text

from service.db import get_db
from service.locator import imports, nppes
from service.locator.demo import DEFAULT_SEED, load_demo
from service.locator.models import IMPORT_MODES
from service.locator.schemas import SOURCE_PATTERN
from service.partners.cli import _actor as cli_actor
from service.partners.models import Partner
from service.partners.service import record_audit

# AppGroup: every command runs in an app context, also under `app.test_cli_runner()`.
locator_cli = AppGroup("locator", help="Manage the physician directory.")
# Serialises concurrent loads of the same directory (several replicas running `make run`).
LOAD_LOCK_KEY = 0x10CA_7012
MEDIA_TYPES_BY_SUFFIX = {".csv": imports.CSV, ".ndjson": imports.NDJSON, ".jsonl": imports.NDJSON}


def _run_in_transaction(operation, on_rejected=None):
    session = get_db().session_factory()
    try:
        with session.begin():
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOAD_LOCK_KEY})
            return operation(session)
    except imports.ImportRejectedProblem as problem:
        if on_rejected is not None:  # nothing of the import is kept, but the rejection is
            with session.begin():
                on_rejected(session, problem)
        click.echo(f"import rejected: {problem.detail}", err=True)
        for error in problem.errors or []:
            click.echo(
                f"  line {error['line']}: {error['field'] or '-'}: {error['message']}", err=True
            )
        sys.exit(1)
    finally:
        session.close()


def _summary(report: imports.ImportReport) -> str:
    summary = f"created {report.created}, updated {report.updated}, unchanged {report.unchanged}"
    return f"{summary}, deactivated {report.deactivated}" if report.mode == "sync" else summary


def _audit_import(session, file: Path, source: str, outcome: str, details: dict[str, Any]) -> None:
    """As POST /v1/physicians/import audits: in the source partner's log, when there is one."""
    partner_id = session.scalar(select(Partner.id).where(Partner.slug == source))
    record_audit(
        session=session,
        actor=cli_actor(),
        action="locator.import",
        outcome=outcome,
        target=file.name,
        partner_id=partner_id,
        details=details,
    )


@locator_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", required=True, help="The partner's external-id namespace.")
@click.option(
    "--mode",
    type=click.Choice(IMPORT_MODES),
    default="merge",
    show_default=True,
    help="sync also deactivates the source's physicians the file does not list.",
)
def import_file(file: Path, source: str, mode: str) -> None:
    """Import a CSV or NDJSON directory: every row valid, then all applied, or nothing.

    `--mode sync` makes the file the whole directory of the source, as `?mode=sync` does over
    HTTP (same function, same transaction, audited).
    """
    if not re.match(SOURCE_PATTERN, source):
        raise click.BadParameter(
            "lowercase letters, digits, '.', '_' or '-'", param_hint="--source"
        )
    media_type = MEDIA_TYPES_BY_SUFFIX.get(file.suffix.lower())
    if media_type is None:
        raise click.BadParameter("use a .csv, .ndjson or .jsonl file", param_hint="FILE")
    body = file.read_bytes()  # decoded by the import: a bad byte is an error naming its line

    def run(session):
        report = imports.import_body(
            session=session, source=source, body=body, media_type=media_type, mode=mode
        )
        counts = report.as_dict()
        _audit_import(
            session,
            file,
            source,
            "success",
            {
                key: counts[key]
                for key in ("mode", "created", "updated", "unchanged", "deactivated")
            },
        )
        return report

    def rejected(session, problem):
        _audit_import(
            session,
            file,
            source,
            "failure",
            {"mode": mode, "error": problem.detail, "errors": len(problem.errors or [])},
        )

    report = _run_in_transaction(run, on_rejected=rejected)
    click.echo(f"imported {file.name} as {source} ({mode}): {_summary(report)}")


@locator_cli.command("demo")
@click.option("--count", type=click.IntRange(1, 200_000), default=3000, show_default=True)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True)
def demo(count: int, seed: int) -> None:
    """Load a deterministic, fictional demo directory (idempotent for the same count and seed)."""
    report = _run_in_transaction(lambda session: load_demo(session=session, count=count, seed=seed))
    click.echo(f"demo directory: {_summary(report)}")


@locator_cli.command("load-nppes")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def load_nppes(file: Path) -> None:
    """Load the public NPPES data file (npidata_pfile_*.csv): its pain-relevant providers.

    Streamed and COPY'd, then merged in one transaction (upsert by NPI, source `nppes`); a
    malformed file writes nothing.
    """
    try:
        report = _run_in_transaction(lambda session: nppes.load_file(session=session, path=file))
    except nppes.NppesFormatError as error:
        click.echo(f"load-nppes refused {file.name}: {error} Nothing was written.", err=True)
        sys.exit(1)
    counts = report.as_dict()
    skipped = ", ".join(f"{reason} {n}" for reason, n in counts["skipped"].items()) or "none"
    click.echo(
        f"loaded {file.name}: read {report.read}, kept {report.kept}, deactivation rows "
        f"{report.deactivation_rows}, skipped {sum(report.skipped.values())} ({skipped}); "
        f"inserted {report.inserted}, updated {report.updated}, unchanged {report.unchanged}, "
        f"deactivated {report.deactivated}, delisted {report.delisted}"
    )
