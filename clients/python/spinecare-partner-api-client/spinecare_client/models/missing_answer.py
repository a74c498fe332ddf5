from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="MissingAnswer")


@_attrs_define
class MissingAnswer:
    """
    Attributes:
        affects (list[str]): `urgency`, `care_pathway` or `condition:<slug>`.
        question (str):
    """

    affects: list[str]
    question: str

    def to_dict(self) -> dict[str, Any]:
        affects = self.affects

        question = self.question

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "affects": affects,
                "question": question,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        affects = cast(list[str], d.pop("affects"))

        question = d.pop("question")

        missing_answer = cls(
            affects=affects,
            question=question,
        )

        return missing_answer
