from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OutOfScope")


@_attrs_define
class OutOfScope:
    """
    Attributes:
        code (str): For example `under_16`.
        message (str): Where to go instead.
        source (str):
    """

    code: str
    message: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "message": message,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        source = d.pop("source")

        out_of_scope = cls(
            code=code,
            message=message,
            source=source,
        )

        return out_of_scope
