"""Which page a key is used from: publishable keys only from their partner's registered
origins, secret keys never from another site's page.

A publishable key is in a web page, so anyone can read it; what binds it to the partner is the
`Origin` a browser puts on its requests (scripts cannot change it). A client outside a browser
can send any `Origin` it likes, so this does not make a publishable key secret: it stops other
sites from using it in their visitors' browsers, which is why a publishable key only has scopes
a patient on the portal uses anyway (see `PUBLISHABLE_SCOPES`).

A browser sends no `Origin` on a GET to its own origin; it sends `Sec-Fetch-Site: same-origin`
instead (a header no script can set). Such a request is taken as coming from this server's own
origin, so a page this server serves (the example portal of `make run`) can use a publishable
key when that origin is registered. Browsers send Sec-Fetch-* only to secure origins (HTTPS,
localhost, 127.0.0.1): a page served by this server over plain HTTP elsewhere gets its GETs
refused, as does a browser too old to send it.

Refusals are logged, and audited for the partner (`GET /v1/audit-events`, action
`key.refused`) once per key, problem and origin per `AUDIT_REPEAT_SECONDS` in each worker: a
publishable key is public, and the audit log must not be a table anyone can fill.
"""

from __future__ import annotations

import logging
import threading
import time

from flask import Request, g
from sqlalchemy.exc import SQLAlchemyError

from service.db import get_db
from service.errors import Problem
from service.partners.service import record_audit

AUDIT_REPEAT_SECONDS = 3600
MAX_AUDITED_ORIGIN_CHARS = 200

log = logging.getLogger(__name__)


class OriginNotAllowed(Problem):
    status = 403
    code = "origin_not_allowed"


class SecretKeyInBrowser(Problem):
    status = 403
    code = "secret_key_in_browser"


def own_origin(request: Request) -> str:
    """This server's origin as the request names it, e.g. `http://127.0.0.1:8000`."""
    return request.host_url.rstrip("/").lower()


def browser_origin(request: Request) -> str | None:
    """The origin of the page that sent the request; None when no browser says so."""
    environ = request.environ
    origin: str | None = environ.get("HTTP_ORIGIN")
    if origin:
        return origin
    if environ.get("HTTP_SEC_FETCH_SITE") == "same-origin":
        return own_origin(request)
    return None


def check_origin(request: Request, key, partner, refusals: RefusalAudit) -> None:
    """Raise the 403 that refuses `key` (a CallingKey of `partner`) from this request's page."""
    if key.kind != "publishable":
        origin = request.environ.get("HTTP_ORIGIN")
        if not origin or origin == own_origin(request):
            return  # a server (no Origin), or a page of this server (/docs)
        # A secret key a web page holds is a leaked key: every visitor can read it, and it may
        # import or administer. Refused loudly, the first time a developer tries it, rather
        # than noticed after abuse.
        shown = origin[:MAX_AUDITED_ORIGIN_CHARS]
        problem: Problem = SecretKeyInBrowser(
            f"A secret key must never be in a web page (this request comes from '{shown}'): "
            "revoke it if it was published, and use a publishable key "
            "(`flask keys issue … --kind publishable`) in browsers.",
            origin=shown,
        )
    else:
        origin = browser_origin(request)
        if origin is not None and origin in partner.allowed_origins:
            return
        if origin is None:
            problem = OriginNotAllowed(
                "A publishable key works only from a browser on one of the partner's registered "
                "origins, and this request names no Origin. On a server, use a secret key.",
                origin=None,
            )
        else:
            shown = origin[:MAX_AUDITED_ORIGIN_CHARS]
            problem = OriginNotAllowed(
                f"The origin '{shown}' is not registered for this publishable key's partner "
                "(`flask partners origins add`).",
                origin=shown,
            )
    refusals.record(key, partner, problem.code, problem.extensions["origin"], request.path)
    raise problem


class RefusalAudit:
    """Logs every refusal; audits each (key, problem, origin) once per `seconds` per worker."""

    def __init__(self, seconds: float = AUDIT_REPEAT_SECONDS):
        self.seconds = seconds
        self._audited: dict[tuple[int, str, str | None], float] = {}
        self._lock = threading.Lock()

    def record(self, key, partner, code: str, origin: str | None, path: str) -> None:
        log.warning(
            "key refused for its origin",
            extra={
                "code": code,
                "key_prefix": key.prefix,
                "partner": partner.slug,
                "origin": origin,
                "path": path,
            },
        )
        if not self._first_in_window((key.id, code, origin)):
            return
        # The request is refused: its reads (the key) are over. Ended first so the audit row,
        # written on the primary, is not inside the request's transaction (or savepoint).
        reads = g.pop("db_session", None)
        if reads is not None:
            reads.rollback()
            reads.close()
        try:
            with get_db().session_factory() as session, session.begin():
                record_audit(
                    session=session,
                    actor=f"key:{key.prefix}",
                    action="key.refused",
                    target=key.prefix,
                    outcome="failure",
                    partner_id=partner.id,
                    # NUL cannot be stored in jsonb; a header can carry one.
                    details={
                        "code": code,
                        "origin": origin and origin.replace("\x00", ""),
                        "path": path[:MAX_AUDITED_ORIGIN_CHARS],
                    },
                )
        except SQLAlchemyError:  # the refusal stands; only its audit row is lost
            log.warning("could not audit a key refusal", exc_info=True)

    def _first_in_window(self, entry: tuple[int, str, str | None]) -> bool:
        moment = time.monotonic()
        with self._lock:
            if self._audited.get(entry, 0.0) > moment:
                return False
            if len(self._audited) > 10_000:  # bounded: a flood of made-up origins
                self._audited.clear()
            self._audited[entry] = moment + self.seconds
            return True

    def forget(self) -> None:
        with self._lock:
            self._audited.clear()
