from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.specialty_node_level import SpecialtyNodeLevel, check_specialty_node_level
from ..types import UNSET, Unset

T = TypeVar("T", bound="SpecialtyNode")


@_attrs_define
class SpecialtyNode:
    """
    Attributes:
        children (list[str]): Codes a search for this one also finds.
        classification (str):
        code (str):  Example: 208VP0014X.
        display_name (str):
        grouping (str):
        level (SpecialtyNodeLevel): Its level in NUCC's hierarchy (groupings have no codes).
        parent (None | str): The classification's code; null for a classification, or when NUCC's classification has no
            code of its own or is not pain-relevant as a whole.
        specialization (None | str | Unset):
    """

    children: list[str]
    classification: str
    code: str
    display_name: str
    grouping: str
    level: SpecialtyNodeLevel
    parent: None | str
    specialization: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        children = self.children

        classification = self.classification

        code = self.code

        display_name = self.display_name

        grouping = self.grouping

        level: str = self.level

        parent: None | str
        parent = self.parent

        specialization: None | str | Unset
        if isinstance(self.specialization, Unset):
            specialization = UNSET
        else:
            specialization = self.specialization

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "children": children,
                "classification": classification,
                "code": code,
                "display_name": display_name,
                "grouping": grouping,
                "level": level,
                "parent": parent,
            }
        )
        if specialization is not UNSET:
            field_dict["specialization"] = specialization

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        children = cast(list[str], d.pop("children"))

        classification = d.pop("classification")

        code = d.pop("code")

        display_name = d.pop("display_name")

        grouping = d.pop("grouping")

        level = check_specialty_node_level(d.pop("level"))

        def _parse_parent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent = _parse_parent(d.pop("parent"))

        def _parse_specialization(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        specialization = _parse_specialization(d.pop("specialization", UNSET))

        specialty_node = cls(
            children=children,
            classification=classification,
            code=code,
            display_name=display_name,
            grouping=grouping,
            level=level,
            parent=parent,
            specialization=specialization,
        )

        return specialty_node
