from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Specialty")


@_attrs_define
class Specialty:
    """
    Attributes:
        classification (str):
        code (str):  Example: 208VP0014X.
        display_name (str):
        grouping (str):
        specialization (None | str | Unset):
    """

    classification: str
    code: str
    display_name: str
    grouping: str
    specialization: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        classification = self.classification

        code = self.code

        display_name = self.display_name

        grouping = self.grouping

        specialization: None | str | Unset
        if isinstance(self.specialization, Unset):
            specialization = UNSET
        else:
            specialization = self.specialization

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "classification": classification,
                "code": code,
                "display_name": display_name,
                "grouping": grouping,
            }
        )
        if specialization is not UNSET:
            field_dict["specialization"] = specialization

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        classification = d.pop("classification")

        code = d.pop("code")

        display_name = d.pop("display_name")

        grouping = d.pop("grouping")

        def _parse_specialization(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        specialization = _parse_specialization(d.pop("specialization", UNSET))

        specialty = cls(
            classification=classification,
            code=code,
            display_name=display_name,
            grouping=grouping,
            specialization=specialization,
        )

        return specialty
