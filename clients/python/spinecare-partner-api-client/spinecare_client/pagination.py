"""Every page of a list, following the API's own links: `iter_pages` and `iter_items`.

Every list sends an RFC 8288 `Link` header whose `rel="next"` target is the next page: the
page-numbered lists (`/v1/conditions`, `/v1/treatments`, `/v1/search`, `/v1/audit-events`) and
the keyset ones (`/v1/physicians`, `/v1/content/changes`). Its query is requested next, on this
client's base URL (a proxy in front of the API cannot misdirect the key). Without a `Link`, a
keyset page's `next_cursor` is sent back as `cursor` (`/v1/physicians`) or `since`
(`/v1/content/changes`). The change feed always links on (to where the next sync starts), so
its pages end where it says `has_more: false`.

The generated operations are used as they are: their `_get_kwargs` builds the first request and
their `_build_response` parses each page into the generated models.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .client import AuthenticatedClient, Client
from .problems import ProblemError
from .types import Unset

# The query parameter a keyset list takes its `next_cursor` back in, by operation.
CURSOR_PARAMETERS = {"list_content_changes": "since"}
DEFAULT_CURSOR_PARAMETER = "cursor"
# Lists whose items are in a member of the page rather than the page itself.
ITEM_MEMBERS = ("results", "changes", "items")


def next_link_query(link_header: str | None) -> dict[str, list[str]] | None:
    """The query of the `rel="next"` target in a `Link` header, or None when there is none."""
    for link in (link_header or "").split(","):
        target, *parameters = (part.strip() for part in link.split(";"))
        rels: set[str] = set()
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "rel":
                rels.update(value.strip().strip('"').split())
        if "next" in rels and target.startswith("<") and target.endswith(">"):
            return parse_qs(urlsplit(target[1:-1]).query, keep_blank_values=True)
    return None


def _module_name(operation: ModuleType) -> str:
    return operation.__name__.rsplit(".", 1)[-1]


def iter_pages(
    operation: ModuleType, *, client: AuthenticatedClient | Client, **arguments: Any
) -> Iterator[Any]:
    """Yield each page of a list operation, from the first (as `arguments` ask) to the last.

        from spinecare_client.api.content import list_conditions
        for page in iter_pages(list_conditions, client=client, page_size=50):
            ...  # list[ConditionSummary]

    `operation` is the generated module (`list_conditions`, `search_physicians`, ...) and
    `arguments` are its keyword arguments. A page that is an error raises ProblemError; the
    pages before it have been yielded.
    """
    if not hasattr(operation, "_get_kwargs") or not hasattr(operation, "_build_response"):
        raise TypeError(f"{operation!r} is not a generated operation module")
    request = operation._get_kwargs(**arguments)
    cursor_parameter: str | None = CURSOR_PARAMETERS.get(
        _module_name(operation), DEFAULT_CURSOR_PARAMETER
    )
    if cursor_parameter not in inspect.signature(operation._get_kwargs).parameters:
        cursor_parameter = None  # a page-numbered list: only its Link leads on
    http = client.get_httpx_client()
    while True:
        raw = http.request(**request)
        response = operation._build_response(client=client, response=raw)
        if not 200 <= int(response.status_code) < 300:
            raise ProblemError.from_response(response)
        page = response.parsed
        yield page
        if getattr(page, "has_more", None) is False:
            return  # the change feed links on to where the next sync starts: not a page now
        query = next_link_query(raw.headers.get("link"))
        cursor = getattr(page, "next_cursor", None)
        if query is not None:
            request = {**request, "params": query}
        elif cursor_parameter and isinstance(cursor, str):
            request = {**request, "params": {**request["params"], cursor_parameter: cursor}}
        else:
            return
        # A revalidation header was for the first page only.
        request["headers"] = {
            k: v for k, v in request.get("headers", {}).items() if k.lower() != "if-none-match"
        }


def iter_items(
    operation: ModuleType, *, client: AuthenticatedClient | Client, **arguments: Any
) -> Iterator[Any]:
    """Yield the items of every page: the list itself, or its `results`, `changes` or `items`.

    for found in iter_items(search_physicians, client=client, zip_="10001", limit=50):
        print(found.distance, found.provider.name)
    """
    for page in iter_pages(operation, client=client, **arguments):
        if isinstance(page, list):
            yield from page
            continue
        for member in ITEM_MEMBERS:
            items = getattr(page, member, None)
            if items is not None and not isinstance(items, Unset):
                yield from items
                break
        else:
            raise TypeError(f"{type(page).__name__} is not a page of items")
