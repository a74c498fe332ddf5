"""`flask partners …` and `flask keys …`: the admin side of partner access (every action audited)."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sys
from contextlib import contextmanager
from typing import cast

import click
from flask.cli import AppGroup
from sqlalchemy import select

from service.db import get_db
from service.errors import Problem
from service.partners import service
from service.partners.models import KEY_KINDS, PUBLISHABLE_SCOPES, SCOPES, ApiKey, Partner

partners_cli = AppGroup("partners", help="Manage partners.")
origins_cli = AppGroup(
    "origins", help="The browser origins a partner's publishable keys work from."
)
partners_cli.add_command(origins_cli)
keys_cli = AppGroup("keys", help="Issue, list, revoke and rotate partner API keys.")


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # containers run as a numeric uid with no passwd entry
        return f"cli:uid-{os.getuid()}"


def _partner_concerned(session, action: str, target: str) -> int | None:
    """The partner an action is about (its admins see it in their audit log), if one exists."""
    if action in ("key.revoke", "key.rotate"):  # the target is a key prefix
        return cast(
            "int | None", session.scalar(select(ApiKey.partner_id).where(ApiKey.prefix == target))
        )
    return cast("int | None", session.scalar(select(Partner.id).where(Partner.slug == target)))


@contextmanager
def _audited(action: str, target: str):
    """One transaction per command; the outcome is audited even when the command fails."""
    session = get_db().session_factory()
    try:
        with session.begin():
            yield session
            service.record_audit(
                session=session,
                actor=_actor(),
                action=action,
                target=target,
                outcome="success",
                partner_id=_partner_concerned(session, action, target),
            )
    except Problem as problem:
        with session.begin():
            service.record_audit(
                session=session,
                actor=_actor(),
                action=action,
                target=target,
                outcome="failure",
                details={"error": problem.detail},
                partner_id=_partner_concerned(session, action, target),
            )
        click.echo(f"error: {problem.detail}", err=True)
        sys.exit(1)
    finally:
        session.close()


@partners_cli.command("create")
@click.argument("slug")
@click.option("--name", required=True)
@click.option("--origin", "origins", multiple=True, help="Allowed browser origin (repeatable).")
@click.option("--rate-limit", default=600, show_default=True, help="Requests per minute.")
@click.option("--daily-quota", default=100_000, show_default=True, help="Requests per UTC day.")
@click.option(
    "--country",
    default="US",
    show_default=True,
    help="ISO 3166-1 alpha-2; sets the emergency number patients are told to call.",
)
def create_partner(*, slug, name, origins, rate_limit, daily_quota, country):  # click: keywords
    """Create a partner."""
    with _audited("partner.create", slug) as session:
        service.create_partner(
            session=session,
            slug=slug,
            name=name,
            allowed_origins=list(origins),
            rate_limit_per_minute=rate_limit,
            daily_quota=daily_quota,
            country=country,
        )
    click.echo(f"partner '{slug}' created")


@partners_cli.command("demo")
def demo_partner():
    """Create the local demo partner and print its documented keys (for `make run` only)."""
    with _audited("partner.demo", service.DEMO_PARTNER_SLUG) as session:
        token = service.ensure_demo_partner(session=session)
    click.echo(f"demo partner key (local development only): {token}")
    click.echo(
        f"demo publishable key (browsers on {', '.join(service.DEMO_ORIGINS)}): "
        f"{service.DEMO_PUBLISHABLE_KEY}"
    )


@origins_cli.command("add")
@click.argument("partner_slug")
@click.argument("origins", nargs=-1, required=True)
def add_origins(partner_slug, origins):
    """Register browser origins, exactly as browsers send them (https://portal.example.org)."""
    with _audited("partner.origins.add", partner_slug) as session:
        partner = service.get_partner(session=session, slug=partner_slug)
        registered = service.add_origins(session=session, partner=partner, origins=list(origins))
    click.echo("\n".join(registered))


@origins_cli.command("list")
@click.argument("partner_slug")
def list_origins(partner_slug):
    """List a partner's registered browser origins."""
    with get_db().session_factory() as session:
        try:
            partner = service.get_partner(session=session, slug=partner_slug)
        except Problem as problem:
            click.echo(f"error: {problem.detail}", err=True)
            sys.exit(1)
        for origin in partner.allowed_origins:
            click.echo(origin)


@origins_cli.command("remove")
@click.argument("partner_slug")
@click.argument("origins", nargs=-1, required=True)
def remove_origins(partner_slug, origins):
    """Unregister browser origins; publishable keys stop working there within
    API_KEY_CACHE_SECONDS."""
    with _audited("partner.origins.remove", partner_slug) as session:
        partner = service.get_partner(session=session, slug=partner_slug)
        remaining = service.remove_origins(session=session, partner=partner, origins=list(origins))
    click.echo("\n".join(remaining) or f"'{partner_slug}' has no origins left")


@keys_cli.command("issue")
@click.argument("partner_slug")
@click.option(
    "--kind",
    type=click.Choice(KEY_KINDS),
    default="secret",
    show_default=True,
    help="secret: servers only, any scope. publishable: browsers on the partner's "
    f"registered origins, scopes {', '.join(PUBLISHABLE_SCOPES)} only (all of them "
    "when no --scope is given).",
)
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    type=click.Choice(SCOPES),
    help="Repeatable; required for a secret key.",
)
@click.option("--label", default="")
@click.option("--expires-in-days", type=click.IntRange(min=1), default=None)
def issue(partner_slug, kind, scopes, label, expires_in_days):
    """Issue a key; it is printed once and cannot be shown again."""
    expires_at = service.now() + dt.timedelta(days=expires_in_days) if expires_in_days else None
    if kind == "publishable" and not scopes:
        scopes = PUBLISHABLE_SCOPES
    with _audited("key.issue", partner_slug) as session:
        partner = service.get_partner(session=session, slug=partner_slug)
        issued = service.issue_key(
            session=session,
            partner=partner,
            scopes=list(scopes),
            kind=kind,
            label=label,
            expires_at=expires_at,
        )
        origins = list(partner.allowed_origins)
    click.echo(issued.token)
    if kind == "publishable" and not origins:
        click.echo(
            f"warning: '{partner_slug}' has no registered origins, so this key is refused "
            f"everywhere until `flask partners origins add {partner_slug} <origin>`",
            err=True,
        )


@keys_cli.command("list")
@click.argument("partner_slug")
def list_keys(partner_slug):
    """List a partner's keys (prefixes only; secrets are never stored)."""
    with get_db().session_factory() as session:
        partner = service.get_partner(session=session, slug=partner_slug)
        keys = session.scalars(
            select(ApiKey).where(ApiKey.partner_id == partner.id).order_by(ApiKey.created_at)
        ).all()
        for key in keys:
            state = (
                "revoked"
                if key.revoked_at
                else ("expired" if key.expires_at and key.expires_at <= service.now() else "active")
            )
            click.echo(
                f"{key.prefix}  {key.kind:11} {state:8} scopes={','.join(key.scopes)} "
                f"label={key.label!r} "
                f"expires={key.expires_at or '-'} last_used={key.last_used_at or '-'}"
            )


@keys_cli.command("revoke")
@click.argument("prefix")
def revoke(prefix):
    """Revoke a key at once."""
    with _audited("key.revoke", prefix) as session:
        service.revoke_key(session=session, prefix=prefix)
    click.echo(f"key {prefix} revoked")


@keys_cli.command("rotate")
@click.argument("prefix")
@click.option(
    "--overlap-hours",
    default=24,
    show_default=True,
    type=click.IntRange(min=0),
    help="How long the old key keeps working.",
)
def rotate(prefix, overlap_hours):
    """Issue a replacement key; the old one expires after the overlap window."""
    with _audited("key.rotate", prefix) as session:
        issued = service.rotate_key(
            session=session, prefix=prefix, overlap=dt.timedelta(hours=overlap_hours)
        )
    click.echo(issued.token)
