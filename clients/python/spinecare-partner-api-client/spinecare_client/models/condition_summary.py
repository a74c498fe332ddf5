from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.code import Code


T = TypeVar("T", bound="ConditionSummary")


@_attrs_define
class ConditionSummary:
    """
    Attributes:
        codes (list[Code]):
        href (str):
        name (str):
        next_review_on (datetime.date):
        reviewed_on (datetime.date):
        slug (str):
        summary (str):
        version (int): Bumps whenever the item's content changes.
    """

    codes: list[Code]
    href: str
    name: str
    next_review_on: datetime.date
    reviewed_on: datetime.date
    slug: str
    summary: str
    version: int

    def to_dict(self) -> dict[str, Any]:
        codes = []
        for codes_item_data in self.codes:
            codes_item = codes_item_data.to_dict()
            codes.append(codes_item)

        href = self.href

        name = self.name

        next_review_on = self.next_review_on.isoformat()

        reviewed_on = self.reviewed_on.isoformat()

        slug = self.slug

        summary = self.summary

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "codes": codes,
                "href": href,
                "name": name,
                "next_review_on": next_review_on,
                "reviewed_on": reviewed_on,
                "slug": slug,
                "summary": summary,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code import Code  # noqa: PLC0415

        d = dict(src_dict)
        codes = []
        _codes = d.pop("codes")
        for codes_item_data in _codes:
            codes_item = Code.from_dict(codes_item_data)

            codes.append(codes_item)

        href = d.pop("href")

        name = d.pop("name")

        next_review_on = datetime.date.fromisoformat(d.pop("next_review_on"))

        reviewed_on = datetime.date.fromisoformat(d.pop("reviewed_on"))

        slug = d.pop("slug")

        summary = d.pop("summary")

        version = d.pop("version")

        condition_summary = cls(
            codes=codes,
            href=href,
            name=name,
            next_review_on=next_review_on,
            reviewed_on=reviewed_on,
            slug=slug,
            summary=summary,
            version=version,
        )

        return condition_summary
