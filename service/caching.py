"""Cache-Control for every GET and HEAD: a view that knows better sets its own (content and the
questionnaire are `public`, assessment sessions `no-store`); everything else is about the calling
partner, so shared caches must not keep it and a browser revalidates it with its ETag."""

from __future__ import annotations

PARTNER_SPECIFIC = "private, no-cache"
# An error is about one request at one moment: never worth keeping, and a cached 401 or 429
# would outlive the reason for it.
ERROR = "no-store"


def default_cache_control(method: str, status: int, present: set[str]) -> str | None:
    """The Cache-Control a response still lacks, or None; `present` holds its header names."""
    if method not in ("GET", "HEAD") or "cache-control" in present:
        return None
    return ERROR if status >= 400 else PARTNER_SPECIFIC
