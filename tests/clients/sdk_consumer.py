"""Run by tests/clients/test_packages.py in a fresh virtualenv with only the built wheel (and its
requirements) installed: what a partner's code does. Prints what it saw as one JSON object."""

from __future__ import annotations

import json
import os
import sys
from itertools import islice

import spinecare_client
from spinecare_client import ProblemError, connect, iter_items, iter_pages, unwrap
from spinecare_client.api.content import list_conditions, list_content_changes
from spinecare_client.api.locator import get_physician, search_physicians
from spinecare_client.api.partners import list_audit_events

client = connect(os.environ["SPINECARE_BASE_URL"], os.environ["SPINECARE_API_KEY"])
seen: dict = {"module": spinecare_client.__file__, "prefix": sys.prefix}
with client:
    # Page-numbered: follows the Link header, page by page.
    pages = list(iter_pages(list_conditions, client=client, page_size=2))
    seen["condition_pages"] = [[condition.slug for condition in page] for page in pages]
    seen["all_conditions"] = [
        c.slug for c in unwrap(list_conditions.sync_detailed(client=client, page_size=100))
    ]
    # The change feed: links on forever (where the next sync starts), ends at has_more false.
    changes = list(iter_pages(list_content_changes, client=client, limit=10))
    seen["changes"] = [[len(page.changes), page.has_more] for page in changes]
    seen["all_changes"] = len(
        unwrap(list_content_changes.sync_detailed(client=client, limit=500)).changes
    )
    # Keyset: follows Link (or next_cursor); only the first 12 results (three pages of 5).
    found = list(islice(iter_items(search_physicians, client=client, zip_="10001", limit=5), 12))
    seen["physicians"] = [[result.provider.id, result.distance] for result in found]
    # Typed errors, from unwrap and from a paginated list.
    for name, call in (
        ("not_found", lambda: unwrap(get_physician.sync_detailed(999_999_999, client=client))),
        ("scope", lambda: next(iter_pages(list_audit_events, client=client))),
    ):
        try:
            call()
        except ProblemError as error:
            seen[name] = {
                "status": error.status,
                "code": error.code,
                "type": error.type,
                "detail": error.detail,
                "known": error.known,
                "request_id": error.request_id,
            }
sys.stdout.write(json.dumps(seen) + "\n")
