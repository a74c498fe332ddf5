"""Content read results kept per worker until the content changes.

Content changes only when `flask content load` runs, yet every read would otherwise cost several
queries. Each worker keeps what it computed and, at most every CONTENT_CACHE_CHECK_SECONDS, asks
the database for the latest change number: when it moved, everything is dropped. So a load shows
within that many seconds, and a read costs no query at all in between.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from flask import Flask, current_app
from sqlalchemy import func, select

from service.content.models import ContentItem
from service.db import get_session

MAX_ENTRIES = 2_000  # search queries are open-ended: the oldest entries go first


class ContentCache:
    def __init__(self, check_seconds: float):
        self.check_seconds = check_seconds
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._generation: int | None = None
        self._checked_at = float("-inf")
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        self._revalidate()
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = compute()
        with self._lock:
            self._entries[key] = value
            if len(self._entries) > MAX_ENTRIES:
                self._entries.popitem(last=False)
        return value

    def _revalidate(self) -> None:
        if time.monotonic() - self._checked_at < self.check_seconds:
            return
        generation = get_session().scalar(select(func.max(ContentItem.change_seq)))
        with self._lock:
            if generation != self._generation:
                self._entries.clear()
                self._generation = generation
            self._checked_at = time.monotonic()


def cached(key: Hashable, compute: Callable[[], Any]) -> Any:
    """`compute()`'s result for `key`, from this worker's cache while the content is unchanged.

    Errors (404, 410) are not cached: they raise before anything is stored.
    """
    return current_app.extensions["content_cache"].get(key, compute)


def init_app(app: Flask, check_seconds: float) -> None:
    app.extensions["content_cache"] = ContentCache(check_seconds)
