from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ProviderReference")


@_attrs_define
class ProviderReference:
    """
    Attributes:
        href (str):
        id (int):
        name (str):
    """

    href: str
    id: int
    name: str

    def to_dict(self) -> dict[str, Any]:
        href = self.href

        id = self.id

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "href": href,
                "id": id,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        href = d.pop("href")

        id = d.pop("id")

        name = d.pop("name")

        provider_reference = cls(
            href=href,
            id=id,
            name=name,
        )

        return provider_reference
