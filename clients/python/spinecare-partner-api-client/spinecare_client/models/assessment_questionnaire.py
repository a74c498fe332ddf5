from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.assessment_question import AssessmentQuestion


T = TypeVar("T", bound="AssessmentQuestionnaire")


@_attrs_define
class AssessmentQuestionnaire:
    """
    Attributes:
        locale (str):
        questions (list[AssessmentQuestion]):
        title (str):
        version (str):
    """

    locale: str
    questions: list[AssessmentQuestion]
    title: str
    version: str

    def to_dict(self) -> dict[str, Any]:
        locale = self.locale

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        title = self.title

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "locale": locale,
                "questions": questions,
                "title": title,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assessment_question import AssessmentQuestion  # noqa: PLC0415

        d = dict(src_dict)
        locale = d.pop("locale")

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = AssessmentQuestion.from_dict(questions_item_data)

            questions.append(questions_item)

        title = d.pop("title")

        version = d.pop("version")

        assessment_questionnaire = cls(
            locale=locale,
            questions=questions,
            title=title,
            version=version,
        )

        return assessment_questionnaire
