from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.urgency_trigger_urgency import UrgencyTriggerUrgency, check_urgency_trigger_urgency

if TYPE_CHECKING:
    from ..models.urgency_trigger_answers import UrgencyTriggerAnswers


T = TypeVar("T", bound="UrgencyTrigger")


@_attrs_define
class UrgencyTrigger:
    """
    Attributes:
        answers (UrgencyTriggerAnswers): The answers that fired it.
        red_flag (bool):
        rule_id (str):
        source (str):
        urgency (UrgencyTriggerUrgency):
    """

    answers: UrgencyTriggerAnswers
    red_flag: bool
    rule_id: str
    source: str
    urgency: UrgencyTriggerUrgency

    def to_dict(self) -> dict[str, Any]:
        answers = self.answers.to_dict()

        red_flag = self.red_flag

        rule_id = self.rule_id

        source = self.source

        urgency: str = self.urgency

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answers": answers,
                "red_flag": red_flag,
                "rule_id": rule_id,
                "source": source,
                "urgency": urgency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.urgency_trigger_answers import UrgencyTriggerAnswers  # noqa: PLC0415

        d = dict(src_dict)
        answers = UrgencyTriggerAnswers.from_dict(d.pop("answers"))

        red_flag = d.pop("red_flag")

        rule_id = d.pop("rule_id")

        source = d.pop("source")

        urgency = check_urgency_trigger_urgency(d.pop("urgency"))

        urgency_trigger = cls(
            answers=answers,
            red_flag=red_flag,
            rule_id=rule_id,
            source=source,
            urgency=urgency,
        )

        return urgency_trigger
