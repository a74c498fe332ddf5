from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.condition_evidence_answers import ConditionEvidenceAnswers


T = TypeVar("T", bound="ConditionEvidence")


@_attrs_define
class ConditionEvidence:
    """
    Attributes:
        answers (ConditionEvidenceAnswers):
        feature (str):
        lr (float): Likelihood ratio (or design weight).
        question (str):
        source (str):
        validated (bool): false: a conservative design weight, not a published LR.
        weight (float): ln(LR), capped at ±ln 8.
        answer (Any | Unset): true/false, an integer, an option value, or a list of option values.
    """

    answers: ConditionEvidenceAnswers
    feature: str
    lr: float
    question: str
    source: str
    validated: bool
    weight: float
    answer: Any | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        answers = self.answers.to_dict()

        feature = self.feature

        lr = self.lr

        question = self.question

        source = self.source

        validated = self.validated

        weight = self.weight

        answer = self.answer

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answers": answers,
                "feature": feature,
                "lr": lr,
                "question": question,
                "source": source,
                "validated": validated,
                "weight": weight,
            }
        )
        if answer is not UNSET:
            field_dict["answer"] = answer

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.condition_evidence_answers import ConditionEvidenceAnswers  # noqa: PLC0415

        d = dict(src_dict)
        answers = ConditionEvidenceAnswers.from_dict(d.pop("answers"))

        feature = d.pop("feature")

        lr = d.pop("lr")

        question = d.pop("question")

        source = d.pop("source")

        validated = d.pop("validated")

        weight = d.pop("weight")

        answer = d.pop("answer", UNSET)

        condition_evidence = cls(
            answers=answers,
            feature=feature,
            lr=lr,
            question=question,
            source=source,
            validated=validated,
            weight=weight,
            answer=answer,
        )

        return condition_evidence
