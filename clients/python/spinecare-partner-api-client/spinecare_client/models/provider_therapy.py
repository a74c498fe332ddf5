from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ProviderTherapy")


@_attrs_define
class ProviderTherapy:
    """
    Attributes:
        href (str):
        slug (str):
    """

    href: str
    slug: str

    def to_dict(self) -> dict[str, Any]:
        href = self.href

        slug = self.slug

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "href": href,
                "slug": slug,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        href = d.pop("href")

        slug = d.pop("slug")

        provider_therapy = cls(
            href=href,
            slug=slug,
        )

        return provider_therapy
