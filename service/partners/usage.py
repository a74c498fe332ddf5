"""Usage per partner, day and operation, and keys' last use: counted in memory, written in batches.

A row per request would double the writes of a read-heavy API. Each worker keeps counters and
writes them at most every USAGE_FLUSH_SECONDS (and before answering a usage query), so a partner's
usage lags by at most that interval per worker.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import threading
import time
from collections import Counter

from flask import Flask, current_app
from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import OperationalError

from service.db import get_db
from service.partners.models import ApiKey, UsageDaily

LAST_USED_RESOLUTION_SECONDS = 60
log = logging.getLogger(__name__)


class UsageRecorder:
    def __init__(self, flush_seconds: float):
        self.flush_seconds = flush_seconds
        self._lock = threading.Lock()
        self._counts: Counter[tuple[int, dt.date, str]] = Counter()
        self._key_used: dict[int, dt.datetime] = {}  # key id -> last use not yet written
        self._key_written: dict[int, float] = {}  # key id -> monotonic time of last write
        self._last_flush = time.monotonic()

    def count(self, partner_id: int, key_id: int, operation: str) -> None:
        moment = dt.datetime.now(dt.UTC)
        with self._lock:
            self._counts[(partner_id, moment.date(), operation)] += 1
            written = self._key_written.get(key_id)
            if written is None or time.monotonic() - written >= LAST_USED_RESOLUTION_SECONDS:
                self._key_used[key_id] = moment

    def due(self) -> bool:
        return time.monotonic() - self._last_flush >= self.flush_seconds or bool(self._key_used)

    def flush(self) -> None:
        """Write pending counts and last-use times in one short transaction of their own."""
        with self._lock:
            counts, self._counts = self._counts, Counter()
            key_used, self._key_used = self._key_used, {}
            self._last_flush = time.monotonic()
            for key_id in key_used:
                self._key_written[key_id] = self._last_flush
        if not counts and not key_used:
            return
        try:
            with get_db().session_factory() as session, session.begin():
                if counts:
                    statement = insert(UsageDaily).values(
                        [
                            {"partner_id": p, "day": d, "operation": op, "request_count": n}
                            for (p, d, op), n in counts.items()
                        ]
                    )
                    session.execute(
                        statement.on_conflict_do_update(
                            index_elements=["partner_id", "day", "operation"],
                            set_={
                                "request_count": UsageDaily.request_count
                                + statement.excluded.request_count
                            },
                        )
                    )
                for key_id, moment in key_used.items():
                    session.execute(
                        update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=moment)
                    )
        except OperationalError:  # database away: keep the counts for the next flush
            log.warning("usage counters not written, will retry", exc_info=True)
            with self._lock:
                self._counts.update(counts)
        except Exception:  # usage must never fail a request; these counts cannot be written
            log.exception("usage counters dropped")

    def discard_pending(self) -> None:
        with self._lock:
            self._counts.clear()
            self._key_used.clear()


def recorder() -> UsageRecorder:
    usage: UsageRecorder = current_app.extensions["usage_recorder"]
    return usage


def count_request(usage: UsageRecorder, state, method: str, url_rule: str | None) -> None:
    """Count a partner's request against its usage, under its operation. `state` is `g`."""
    key = state.get("api_key")
    if key is not None and url_rule is not None:
        usage.count(key.partner_id, key.id, f"{method} {url_rule}")
        if usage.due():
            usage.flush()


def init_app(app: Flask, flush_seconds: float) -> None:
    usage = app.extensions["usage_recorder"] = UsageRecorder(flush_seconds)

    def flush_on_exit() -> None:  # a worker's last counts survive a graceful shutdown
        with app.app_context():
            usage.flush()

    atexit.register(flush_on_exit)
