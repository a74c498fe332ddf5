"""SpineCare Partner API client.

The operations (`spinecare_client.api.<tag>.<operation>`) and models (`spinecare_client.models`)
are generated from the API's OpenAPI document; `connect`, `ProblemError`, `unwrap`,
`iter_pages` and `iter_items` are written by hand (clients/python/sdk/ in the API's repository).
"""

from __future__ import annotations

from typing import Any

from .client import AuthenticatedClient, Client
from .models.problem_code import PROBLEM_CODE_VALUES, ProblemCode
from .pagination import iter_items, iter_pages
from .problems import ProblemError, unwrap

__all__ = (
    "PROBLEM_CODE_VALUES",
    "AuthenticatedClient",
    "Client",
    "ProblemCode",
    "ProblemError",
    "connect",
    "iter_items",
    "iter_pages",
    "unwrap",
)


def connect(base_url: str, api_key: str, **options: Any) -> AuthenticatedClient:
    """A client that sends `api_key` as `X-API-Key` on every request.

    `base_url` is where the API is served, without `/v1` (e.g. `https://api.example.com`).
    `options` go to `AuthenticatedClient` (`timeout`, `headers`, `httpx_args`, ...). Use a
    secret key (`sck_...`) here: this client runs on your servers, never in a browser.
    """
    return AuthenticatedClient(
        base_url=base_url.rstrip("/"),
        token=api_key,
        auth_header_name="X-API-Key",
        prefix="",
        **options,
    )
