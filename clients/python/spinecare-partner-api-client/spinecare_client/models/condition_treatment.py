from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.citation import Citation
    from ..models.treatment_summary import TreatmentSummary


T = TypeVar("T", bound="ConditionTreatment")


@_attrs_define
class ConditionTreatment:
    """
    Attributes:
        care_step (str): Step of the care pathway where it fits.
        citations (list[Citation]):
        rationale (str): Why it fits this condition (Markdown).
        treatment (TreatmentSummary):
    """

    care_step: str
    citations: list[Citation]
    rationale: str
    treatment: TreatmentSummary

    def to_dict(self) -> dict[str, Any]:
        care_step = self.care_step

        citations = []
        for citations_item_data in self.citations:
            citations_item = citations_item_data.to_dict()
            citations.append(citations_item)

        rationale = self.rationale

        treatment = self.treatment.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "care_step": care_step,
                "citations": citations,
                "rationale": rationale,
                "treatment": treatment,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation import Citation  # noqa: PLC0415
        from ..models.treatment_summary import TreatmentSummary  # noqa: PLC0415

        d = dict(src_dict)
        care_step = d.pop("care_step")

        citations = []
        _citations = d.pop("citations")
        for citations_item_data in _citations:
            citations_item = Citation.from_dict(citations_item_data)

            citations.append(citations_item)

        rationale = d.pop("rationale")

        treatment = TreatmentSummary.from_dict(d.pop("treatment"))

        condition_treatment = cls(
            care_step=care_step,
            citations=citations,
            rationale=rationale,
            treatment=treatment,
        )

        return condition_treatment
