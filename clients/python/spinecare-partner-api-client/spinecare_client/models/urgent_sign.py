from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.urgent_sign_level import UrgentSignLevel, check_urgent_sign_level

T = TypeVar("T", bound="UrgentSign")


@_attrs_define
class UrgentSign:
    """
    Attributes:
        key (str):  Example: saddle_numbness.
        level (UrgentSignLevel): What to do: call an ambulance (the emergency number), go to an emergency department
            now, or see a doctor the same day. Most urgent first.
        rules (list[str]): Ids of the assessment's red-flag rules that raise this level.
        text (str): The sign, in plain words.
    """

    key: str
    level: UrgentSignLevel
    rules: list[str]
    text: str

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        level: str = self.level

        rules = self.rules

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key": key,
                "level": level,
                "rules": rules,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        level = check_urgent_sign_level(d.pop("level"))

        rules = cast(list[str], d.pop("rules"))

        text = d.pop("text")

        urgent_sign = cls(
            key=key,
            level=level,
            rules=rules,
            text=text,
        )

        return urgent_sign
