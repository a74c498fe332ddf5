from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="UsageRow")


@_attrs_define
class UsageRow:
    """
    Attributes:
        day (datetime.date):
        operation (str):  Example: GET /v1/conditions/<slug>.
        requests (int):
    """

    day: datetime.date
    operation: str
    requests: int

    def to_dict(self) -> dict[str, Any]:
        day = self.day.isoformat()

        operation = self.operation

        requests = self.requests

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "day": day,
                "operation": operation,
                "requests": requests,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        day = datetime.date.fromisoformat(d.pop("day"))

        operation = d.pop("operation")

        requests = d.pop("requests")

        usage_row = cls(
            day=day,
            operation=operation,
            requests=requests,
        )

        return usage_row
