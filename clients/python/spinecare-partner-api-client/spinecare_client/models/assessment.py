from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.assessment_answer_map import AssessmentAnswerMap
    from ..models.assessment_result import AssessmentResult


T = TypeVar("T", bound="Assessment")


@_attrs_define
class Assessment:
    """
    Attributes:
        answers (AssessmentAnswerMap):
        complete (bool):
        created_at (datetime.datetime):
        expires_at (datetime.datetime):
        id (UUID):
        next_questions (list[str]):
        questionnaire_version (str):
        result (AssessmentResult):
        updated_at (datetime.datetime):
    """

    answers: AssessmentAnswerMap
    complete: bool
    created_at: datetime.datetime
    expires_at: datetime.datetime
    id: UUID
    next_questions: list[str]
    questionnaire_version: str
    result: AssessmentResult
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        answers = self.answers.to_dict()

        complete = self.complete

        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        id = str(self.id)

        next_questions = self.next_questions

        questionnaire_version = self.questionnaire_version

        result = self.result.to_dict()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answers": answers,
                "complete": complete,
                "created_at": created_at,
                "expires_at": expires_at,
                "id": id,
                "next_questions": next_questions,
                "questionnaire_version": questionnaire_version,
                "result": result,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assessment_answer_map import AssessmentAnswerMap  # noqa: PLC0415
        from ..models.assessment_result import AssessmentResult  # noqa: PLC0415

        d = dict(src_dict)
        answers = AssessmentAnswerMap.from_dict(d.pop("answers"))

        complete = d.pop("complete")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = UUID(d.pop("id"))

        next_questions = cast(list[str], d.pop("next_questions"))

        questionnaire_version = d.pop("questionnaire_version")

        result = AssessmentResult.from_dict(d.pop("result"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        assessment = cls(
            answers=answers,
            complete=complete,
            created_at=created_at,
            expires_at=expires_at,
            id=id,
            next_questions=next_questions,
            questionnaire_version=questionnaire_version,
            result=result,
            updated_at=updated_at,
        )

        return assessment
