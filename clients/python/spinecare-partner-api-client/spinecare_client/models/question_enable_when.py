from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="QuestionEnableWhen")


@_attrs_define
class QuestionEnableWhen:
    """
    Attributes:
        operator (str): FHIR R4 operator; on a multiple-choice question `=` means 'includes'.
        question (str):
        answer (Any | Unset): true/false, an integer, an option value, or a list of option values.
    """

    operator: str
    question: str
    answer: Any | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        operator = self.operator

        question = self.question

        answer = self.answer

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "operator": operator,
                "question": question,
            }
        )
        if answer is not UNSET:
            field_dict["answer"] = answer

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        operator = d.pop("operator")

        question = d.pop("question")

        answer = d.pop("answer", UNSET)

        question_enable_when = cls(
            operator=operator,
            question=question,
            answer=answer,
        )

        return question_enable_when
