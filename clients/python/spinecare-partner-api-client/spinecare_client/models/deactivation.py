from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Deactivation")


@_attrs_define
class Deactivation:
    """
    Attributes:
        active (bool): Always false.
        deactivated_at (datetime.datetime):
        href (str): Answers 410 from now on.
        id (int):
        external_id (None | str | Unset):
    """

    active: bool
    deactivated_at: datetime.datetime
    href: str
    id: int
    external_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        deactivated_at = self.deactivated_at.isoformat()

        href = self.href

        id = self.id

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "active": active,
                "deactivated_at": deactivated_at,
                "href": href,
                "id": id,
            }
        )
        if external_id is not UNSET:
            field_dict["external_id"] = external_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        deactivated_at = datetime.datetime.fromisoformat(d.pop("deactivated_at"))

        href = d.pop("href")

        id = d.pop("id")

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        deactivation = cls(
            active=active,
            deactivated_at=deactivated_at,
            href=href,
            id=id,
            external_id=external_id,
        )

        return deactivation
