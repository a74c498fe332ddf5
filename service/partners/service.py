"""Partner and key operations: plain functions over a session that flush and never commit."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.assessment.definitions import default_ruleset
from service.errors import NotFoundProblem, Problem
from service.partners.models import (
    KEY_KINDS,
    PUBLISHABLE_SCOPES,
    SCOPES,
    ApiKey,
    AuditEvent,
    Partner,
    UsageDaily,
)

KEY_SCHEME = "sck"
# The token's first part says its kind, so a leaked one is recognised at a glance (and by
# secret scanners), and a publishable token cannot be replayed as a secret one.
KEY_SCHEMES = {"secret": KEY_SCHEME, "publishable": "pk"}
KINDS_BY_SCHEME = {scheme: kind for kind, scheme in KEY_SCHEMES.items()}
# A partner's slug is also its namespace for imported records (locator external ids).
PARTNER_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
# Local development only (`make run`): a fixed, documented key so README examples work as written.
DEMO_PARTNER_SLUG = "demo"
DEMO_KEY_PREFIX = "demo0000"
DEMO_KEY_SECRET = "local-development-only-never-in-production"  # noqa: S105 - public demo key
DEMO_KEY = f"{KEY_SCHEME}_{DEMO_KEY_PREFIX}_{DEMO_KEY_SECRET}"
# The demo partner's browser key, for pages `make run` serves on port 8000 (the example portal).
DEMO_PUBLISHABLE_KEY_PREFIX = "demopub0"
DEMO_PUBLISHABLE_KEY_SECRET = "local-development-only-browser-key"  # noqa: S105 - public demo
DEMO_PUBLISHABLE_KEY = (
    f"{KEY_SCHEMES['publishable']}_{DEMO_PUBLISHABLE_KEY_PREFIX}_{DEMO_PUBLISHABLE_KEY_SECRET}"
)
# Locator sources that are not partners' own: a partner with one of these slugs would import into,
# sync away and deactivate records it never listed. The demo partner is made only by
# ensure_demo_partner (`flask partners demo`); the locator's constants are tested against these.
RESERVED_SLUGS = {
    "nppes": "the NPPES loader's public records (`flask locator load-nppes`, source `nppes`)",
    DEMO_PARTNER_SLUG: "the local demo partner and its fictional directory (`flask partners demo`)",
}
DEMO_ORIGINS = (
    "http://localhost:3000",
    "http://127.0.0.1:3000",
    "http://127.0.0.1:8000",
    "http://localhost:8000",
)


class PartnerError(Problem):
    status = 422
    code = "validation_failed"


@dataclass(frozen=True)
class IssuedKey:
    key: ApiKey
    token: str  # shown once, never stored


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_token(token: str) -> tuple[str, str, str] | None:
    """`sck_<prefix>_<secret>` -> ("secret", prefix, secret), `pk_…` -> ("publishable", …);
    None for anything else."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] not in KINDS_BY_SCHEME or not parts[1] or not parts[2]:
        return None
    return KINDS_BY_SCHEME[parts[0]], parts[1], parts[2]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def find_valid_key(*, session: Session, token: str, at: dt.datetime | None = None) -> ApiKey | None:
    """The live key `token` names, or None; the secret is compared in constant time."""
    parts = split_token(token)
    if parts is None:
        return None
    kind, prefix, secret = parts
    key = session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
    # Hash even when the prefix is unknown, so timing does not reveal which prefixes exist.
    presented = hash_secret(secret)
    if key is None or not hmac.compare_digest(presented, key.secret_hash):
        return None
    if key.kind != kind:  # `sck_` + a publishable key's parts must not escape its origin check
        return None
    at = at or now()
    if key.revoked_at is not None or (key.expires_at is not None and key.expires_at <= at):
        return None
    if key.partner.disabled_at is not None:
        return None
    return key


def validate_scopes(scopes: list[str], kind: str = "secret") -> list[str]:
    if kind not in KEY_KINDS:
        raise PartnerError(f"A key's kind is one of {', '.join(KEY_KINDS)}; got '{kind}'.")
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise PartnerError(
            f"Scopes must be some of {', '.join(SCOPES)}; got {', '.join(unknown) or 'none'}."
        )
    if kind == "publishable":
        refused = sorted(set(scopes) - set(PUBLISHABLE_SCOPES))
        if refused:
            raise PartnerError(
                f"A publishable key is readable by anyone who opens the page it is in, so it may "
                f"only have {', '.join(PUBLISHABLE_SCOPES)}; refused: {', '.join(refused)}. "
                "Use a secret key, on a server, for the others."
            )
    return sorted(set(scopes))


def normalise_origin(origin: str) -> str:
    """`https://Portal.Example.org:443` -> `https://portal.example.org`, as browsers send it;
    anything that is not exactly a scheme, a host and maybe a port is refused."""
    refused = PartnerError(f"'{origin}' is not an origin like https://portal.example.org")
    # Exact origins only: a wildcard would let any site call the API in a partner's name.
    if "*" in origin or origin != origin.strip() or "\\" in origin:
        raise refused
    try:
        parts = urlsplit(origin)
        port = parts.port
    except ValueError:
        raise refused from None
    if (
        parts.scheme not in ("https", "http")
        or not parts.hostname
        or parts.username is not None
        or parts.password is not None
        or origin.endswith("/")
        or parts.path
        or parts.query
        or parts.fragment
        or "?" in origin
        or "#" in origin
    ):
        raise refused
    default_port = {"https": 443, "http": 80}[parts.scheme]
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port not in (None, default_port) else "")


def validate_origins(origins: list[str]) -> list[str]:
    normalised: list[str] = []
    for given in origins:
        origin = normalise_origin(given)
        if origin not in normalised:
            normalised.append(origin)
    return normalised


def create_partner(
    *,
    session: Session,
    slug: str,
    name: str,
    allowed_origins: Sequence[str] = (),
    rate_limit_per_minute: int = 600,
    daily_quota: int = 100_000,
    country: str = "US",
) -> Partner:
    """A new partner; its slug is also the namespace of its locator records (imports)."""
    if slug in RESERVED_SLUGS:
        raise PartnerError(
            f"The slug '{slug}' is reserved: it is the locator source of {RESERVED_SLUGS[slug]}, "
            "and a partner with it would own those records. Choose another slug."
        )
    return _new_partner(
        session=session,
        slug=slug,
        name=name,
        allowed_origins=allowed_origins,
        rate_limit_per_minute=rate_limit_per_minute,
        daily_quota=daily_quota,
        country=country,
    )


def _new_partner(
    *,
    session: Session,
    slug: str,
    name: str,
    allowed_origins: Sequence[str] = (),
    rate_limit_per_minute: int = 600,
    daily_quota: int = 100_000,
    country: str = "US",
) -> Partner:
    if not PARTNER_SLUG.match(slug):
        raise PartnerError(
            f"'{slug}' is not a slug: lower-case letters, digits and '-', 2-64 long."
        )
    if session.scalar(select(Partner).where(Partner.slug == slug)) is not None:
        raise PartnerError(f"A partner '{slug}' already exists.")
    if rate_limit_per_minute < 1 or daily_quota < 1:
        raise PartnerError("Rate limit and daily quota must be positive.")
    if country not in default_ruleset().emergency_numbers["numbers"]:
        raise PartnerError(
            f"No emergency number is known for country '{country}' (ISO 3166-1 alpha-2); "
            "add it to the ruleset's emergency_numbers first."
        )
    partner = Partner(
        slug=slug,
        name=name,
        allowed_origins=validate_origins(list(allowed_origins)),
        rate_limit_per_minute=rate_limit_per_minute,
        daily_quota=daily_quota,
        country=country,
    )
    session.add(partner)
    session.flush()
    return partner


def add_origins(*, session: Session, partner: Partner, origins: list[str]) -> list[str]:
    """Register browser origins (idempotent); returns the partner's origins."""
    if not origins:
        raise PartnerError("Name at least one origin, like https://portal.example.org")
    # A new list, not an in-place append: the ARRAY column does not track mutations.
    partner.allowed_origins = validate_origins([*partner.allowed_origins, *origins])
    session.flush()
    return partner.allowed_origins


def remove_origins(*, session: Session, partner: Partner, origins: list[str]) -> list[str]:
    """Unregister browser origins; naming one the partner does not have is an error."""
    unknown = [o for o in origins if o not in partner.allowed_origins]
    if unknown or not origins:
        raise PartnerError(
            f"'{partner.slug}' has no origin {', '.join(unknown) or '(none named)'}; "
            f"it has {', '.join(partner.allowed_origins) or 'none'}."
        )
    partner.allowed_origins = [o for o in partner.allowed_origins if o not in origins]
    session.flush()
    return partner.allowed_origins


def get_partner(*, session: Session, slug: str) -> Partner:
    partner = session.scalar(select(Partner).where(Partner.slug == slug))
    if partner is None:
        raise NotFoundProblem(f"There is no partner '{slug}'.")
    return partner


def issue_key(
    *,
    session: Session,
    partner: Partner,
    scopes: list[str],
    kind: str = "secret",
    label: str = "",
    expires_at: dt.datetime | None = None,
    prefix: str | None = None,
    secret: str | None = None,
    rotated_from: ApiKey | None = None,
) -> IssuedKey:
    scopes = validate_scopes(scopes, kind)
    prefix = prefix or secrets.token_hex(4)
    secret = secret or secrets.token_urlsafe(32)
    key = ApiKey(
        partner_id=partner.id,
        prefix=prefix,
        secret_hash=hash_secret(secret),
        scopes=scopes,
        kind=kind,
        label=label,
        expires_at=expires_at,
        rotated_from_id=rotated_from.id if rotated_from else None,
    )
    session.add(key)
    session.flush()
    return IssuedKey(key=key, token=f"{KEY_SCHEMES[kind]}_{prefix}_{secret}")


def get_key(*, session: Session, prefix: str) -> ApiKey:
    key = session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
    if key is None:
        raise NotFoundProblem(f"There is no key with prefix '{prefix}'.")
    return key


def revoke_key(*, session: Session, prefix: str) -> ApiKey:
    key = get_key(session=session, prefix=prefix)
    key.revoked_at = key.revoked_at or now()
    session.flush()
    return key


def rotate_key(*, session: Session, prefix: str, overlap: dt.timedelta) -> IssuedKey:
    """A new key with the same scopes; the old one keeps working for `overlap`, then expires."""
    old = get_key(session=session, prefix=prefix)
    if old.revoked_at is not None:
        raise PartnerError(f"Key '{prefix}' is revoked; issue a new one instead.")
    issued = issue_key(
        session=session,
        partner=old.partner,
        scopes=old.scopes,
        kind=old.kind,
        label=old.label,
        expires_at=old.expires_at,
        rotated_from=old,
    )
    overlap_end = now() + overlap
    if old.expires_at is None or old.expires_at > overlap_end:
        old.expires_at = overlap_end
    session.flush()
    return issued


def ensure_demo_partner(*, session: Session) -> str:
    """The local demo partner, its documented secret key and its publishable key for pages on
    the demo origins (idempotent); returns the secret key."""
    partner = session.scalar(select(Partner).where(Partner.slug == DEMO_PARTNER_SLUG))
    if partner is None:  # the one partner with a reserved slug (RESERVED_SLUGS)
        partner = _new_partner(
            session=session,
            slug=DEMO_PARTNER_SLUG,
            name="Local demo partner",
            allowed_origins=list(DEMO_ORIGINS),
        )
    elif not set(DEMO_ORIGINS) <= set(partner.allowed_origins):  # made by an older version
        add_origins(session=session, partner=partner, origins=list(DEMO_ORIGINS))
    if session.scalar(select(ApiKey).where(ApiKey.prefix == DEMO_KEY_PREFIX)) is None:
        issue_key(
            session=session,
            partner=partner,
            scopes=list(SCOPES),
            label="local demo key",
            prefix=DEMO_KEY_PREFIX,
            secret=DEMO_KEY_SECRET,
        )
    if session.scalar(select(ApiKey).where(ApiKey.prefix == DEMO_PUBLISHABLE_KEY_PREFIX)) is None:
        issue_key(
            session=session,
            partner=partner,
            scopes=list(PUBLISHABLE_SCOPES),
            kind="publishable",
            label="local demo browser key",
            prefix=DEMO_PUBLISHABLE_KEY_PREFIX,
            secret=DEMO_PUBLISHABLE_KEY_SECRET,
        )
    return DEMO_KEY


def record_audit(
    *,
    session: Session,
    actor: str,
    action: str,
    outcome: str,
    target: str = "",
    partner_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    event = AuditEvent(
        actor=actor,
        action=action,
        outcome=outcome,
        target=target,
        partner_id=partner_id,
        details=details or {},
    )
    session.add(event)
    session.flush()
    return event


def list_audit_events(
    *, session: Session, partner_id: int, page: int, page_size: int, action: str | None = None
) -> tuple[list[AuditEvent], int]:
    """One partner's events: a partner's admin key must not read another partner's log."""
    query = select(AuditEvent).where(AuditEvent.partner_id == partner_id)
    if action:
        query = query.where(AuditEvent.action == action)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    events = session.scalars(
        query.order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return list(events), total


def usage_between(
    *, session: Session, partner_id: int, start: dt.date, end: dt.date
) -> list[dict[str, Any]]:
    rows = session.execute(
        select(UsageDaily.day, UsageDaily.operation, UsageDaily.request_count)
        .where(UsageDaily.partner_id == partner_id, UsageDaily.day.between(start, end))
        .order_by(UsageDaily.day, UsageDaily.operation)
    ).all()
    return [{"day": day, "operation": op, "requests": count} for day, op, count in rows]
