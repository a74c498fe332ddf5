"""Typed errors: every error of the API is an RFC 9457 problem with a stable `code`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from .models.problem import Problem
from .models.problem_code import PROBLEM_CODE_VALUES, ProblemCode
from .types import Response

T = TypeVar("T")


class ProblemError(Exception):
    """An error answer of the API (`application/problem+json`), raised by `unwrap` and `iter_pages`.

    `code` is one of `ProblemCode` (switch on it, not on `detail`, which is for people); a code
    newer than this client is kept as the string it is, with `known` False. `problem` is the
    whole body, extension members included (e.g. `required_scope`, an import's `errors`).
    """

    def __init__(
        self, status: int, problem: Mapping[str, Any], headers: Mapping[str, str] | None = None
    ):
        self.status = status
        self.problem = dict(problem)
        self.headers = dict(headers or {})
        self.code: ProblemCode | str = str(self.problem.get("code") or "error")
        self.type: str = str(self.problem.get("type") or f"urn:spinecare:problem:{self.code}")
        self.title: str = str(self.problem.get("title") or "")
        self.detail: str = str(self.problem.get("detail") or self.title or f"HTTP {status}")
        self.request_id: str | None = self.problem.get("request_id") or self.headers.get(
            "x-request-id"
        )
        self.errors: list[dict[str, Any]] = list(self.problem.get("errors") or [])
        super().__init__(f"{status} {self.code}: {self.detail}")

    @property
    def known(self) -> bool:
        """Whether `code` is one this client was generated with."""
        return self.code in PROBLEM_CODE_VALUES

    @property
    def retry_after(self) -> int | None:
        """Seconds to wait before retrying (429 `rate_limited`, 503), when the API says."""
        value = self.headers.get("retry-after")
        return int(value) if value and value.isdigit() else None

    @classmethod
    def from_response(cls, response: Response[Any]) -> ProblemError:
        """From an operation's `sync_detailed` (or `asyncio_detailed`) response."""
        headers = {name.lower(): value for name, value in response.headers.items()}
        try:
            body = json.loads(response.content)
        except ValueError:
            body = None
        if not isinstance(body, dict):  # not a problem (e.g. a proxy's page): keep the status
            text = response.content.decode("utf-8", "replace")[:200]
            body = {"title": "", "detail": text or f"HTTP {int(response.status_code)}"}
        return cls(int(response.status_code), body, headers)

    def __repr__(self) -> str:
        return f"ProblemError(status={self.status}, code={self.code!r}, detail={self.detail!r})"


def unwrap(response: Response[T | Problem]) -> T:
    """The parsed body of a 2xx response; raises ProblemError for anything else.

    condition = unwrap(get_condition.sync_detailed("sciatica", client=client))
    """
    if 200 <= int(response.status_code) < 300:
        return cast(T, response.parsed)
    raise ProblemError.from_response(response)
