from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RelatedCondition")


@_attrs_define
class RelatedCondition:
    """
    Attributes:
        care_step (str):
        href (str):
        name (str):
        slug (str):
    """

    care_step: str
    href: str
    name: str
    slug: str

    def to_dict(self) -> dict[str, Any]:
        care_step = self.care_step

        href = self.href

        name = self.name

        slug = self.slug

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "care_step": care_step,
                "href": href,
                "name": name,
                "slug": slug,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        care_step = d.pop("care_step")

        href = d.pop("href")

        name = d.pop("name")

        slug = d.pop("slug")

        related_condition = cls(
            care_step=care_step,
            href=href,
            name=name,
            slug=slug,
        )

        return related_condition
