from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.answer_warning_code import AnswerWarningCode, check_answer_warning_code

T = TypeVar("T", bound="AnswerWarning")


@_attrs_define
class AnswerWarning:
    """
    Attributes:
        code (AnswerWarningCode):
        fields (list[str]): The question ids whose answers contradict each other.
        message (str):
        rule_id (str):
    """

    code: AnswerWarningCode
    fields: list[str]
    message: str
    rule_id: str

    def to_dict(self) -> dict[str, Any]:
        code: str = self.code

        fields = self.fields

        message = self.message

        rule_id = self.rule_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "fields": fields,
                "message": message,
                "rule_id": rule_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = check_answer_warning_code(d.pop("code"))

        fields = cast(list[str], d.pop("fields"))

        message = d.pop("message")

        rule_id = d.pop("rule_id")

        answer_warning = cls(
            code=code,
            fields=fields,
            message=message,
            rule_id=rule_id,
        )

        return answer_warning
