from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.assessment_answers_answers import AssessmentAnswersAnswers


T = TypeVar("T", bound="AssessmentAnswers")


@_attrs_define
class AssessmentAnswers:
    """
    Attributes:
        answers (AssessmentAnswersAnswers | Unset): Question id -> answer. Checked against the questionnaire.
    """

    answers: AssessmentAnswersAnswers | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        answers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.answers, Unset):
            answers = self.answers.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if answers is not UNSET:
            field_dict["answers"] = answers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assessment_answers_answers import AssessmentAnswersAnswers  # noqa: PLC0415

        d = dict(src_dict)
        _answers = d.pop("answers", UNSET)
        answers: AssessmentAnswersAnswers | Unset
        if isinstance(_answers, Unset):
            answers = UNSET
        else:
            answers = AssessmentAnswersAnswers.from_dict(_answers)

        assessment_answers = cls(
            answers=answers,
        )

        return assessment_answers
