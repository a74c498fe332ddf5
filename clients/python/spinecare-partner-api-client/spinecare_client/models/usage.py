from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.usage_row import UsageRow


T = TypeVar("T", bound="Usage")


@_attrs_define
class Usage:
    """
    Attributes:
        days (list[UsageRow]):
        from_ (datetime.date):
        partner (str):
        to (datetime.date):
        total (int):
    """

    days: list[UsageRow]
    from_: datetime.date
    partner: str
    to: datetime.date
    total: int

    def to_dict(self) -> dict[str, Any]:
        days = []
        for days_item_data in self.days:
            days_item = days_item_data.to_dict()
            days.append(days_item)

        from_ = self.from_.isoformat()

        partner = self.partner

        to = self.to.isoformat()

        total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "days": days,
                "from": from_,
                "partner": partner,
                "to": to,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_row import UsageRow  # noqa: PLC0415

        d = dict(src_dict)
        days = []
        _days = d.pop("days")
        for days_item_data in _days:
            days_item = UsageRow.from_dict(days_item_data)

            days.append(days_item)

        from_ = datetime.date.fromisoformat(d.pop("from"))

        partner = d.pop("partner")

        to = datetime.date.fromisoformat(d.pop("to"))

        total = d.pop("total")

        usage = cls(
            days=days,
            from_=from_,
            partner=partner,
            to=to,
            total=total,
        )

        return usage
