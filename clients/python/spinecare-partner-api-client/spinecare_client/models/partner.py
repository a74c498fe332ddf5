from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.key import Key


T = TypeVar("T", bound="Partner")


@_attrs_define
class Partner:
    """
    Attributes:
        allowed_origins (list[str]):
        country (str): ISO 3166-1 alpha-2; results name this country's emergency number.
        daily_quota (int):
        key (Key):
        name (str):
        rate_limit_per_minute (int):
        slug (str):
    """

    allowed_origins: list[str]
    country: str
    daily_quota: int
    key: Key
    name: str
    rate_limit_per_minute: int
    slug: str

    def to_dict(self) -> dict[str, Any]:
        allowed_origins = self.allowed_origins

        country = self.country

        daily_quota = self.daily_quota

        key = self.key.to_dict()

        name = self.name

        rate_limit_per_minute = self.rate_limit_per_minute

        slug = self.slug

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "allowed_origins": allowed_origins,
                "country": country,
                "daily_quota": daily_quota,
                "key": key,
                "name": name,
                "rate_limit_per_minute": rate_limit_per_minute,
                "slug": slug,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.key import Key  # noqa: PLC0415

        d = dict(src_dict)
        allowed_origins = cast(list[str], d.pop("allowed_origins"))

        country = d.pop("country")

        daily_quota = d.pop("daily_quota")

        key = Key.from_dict(d.pop("key"))

        name = d.pop("name")

        rate_limit_per_minute = d.pop("rate_limit_per_minute")

        slug = d.pop("slug")

        partner = cls(
            allowed_origins=allowed_origins,
            country=country,
            daily_quota=daily_quota,
            key=key,
            name=name,
            rate_limit_per_minute=rate_limit_per_minute,
            slug=slug,
        )

        return partner
