from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Code")


@_attrs_define
class Code:
    """
    Attributes:
        code (str):  Example: M51.26.
        display (str):
        system (str):  Example: icd-10-cm.
    """

    code: str
    display: str
    system: str

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        display = self.display

        system = self.system

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "display": display,
                "system": system,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        display = d.pop("display")

        system = d.pop("system")

        code = cls(
            code=code,
            display=display,
            system=system,
        )

        return code
