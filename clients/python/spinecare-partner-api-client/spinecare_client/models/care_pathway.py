from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.care_step import CareStep
    from ..models.citation import Citation
    from ..models.urgent_sign import UrgentSign


T = TypeVar("T", bound="CarePathway")


@_attrs_define
class CarePathway:
    """
    Attributes:
        adapted_from (list[Citation]): Pages our wording was adapted from (provenance, such as a manufacturer's patient
            page). Never evidence: what the text rests on is in `citations`.
        body (str): Markdown.
        citations (list[Citation]):
        conservative_care_weeks (int):
        disclaimer (str):
        locale (str):
        next_review_on (datetime.date):
        reviewed_on (datetime.date):
        steps (list[CareStep]):
        summary (str):
        title (str):
        urgent_signs (list[UrgentSign]): When to get care now or today, as a list (most urgent first).
        version (int): Bumps whenever the item's content changes.
        when_to_see_a_doctor (str): Markdown.
    """

    adapted_from: list[Citation]
    body: str
    citations: list[Citation]
    conservative_care_weeks: int
    disclaimer: str
    locale: str
    next_review_on: datetime.date
    reviewed_on: datetime.date
    steps: list[CareStep]
    summary: str
    title: str
    urgent_signs: list[UrgentSign]
    version: int
    when_to_see_a_doctor: str

    def to_dict(self) -> dict[str, Any]:
        adapted_from = []
        for adapted_from_item_data in self.adapted_from:
            adapted_from_item = adapted_from_item_data.to_dict()
            adapted_from.append(adapted_from_item)

        body = self.body

        citations = []
        for citations_item_data in self.citations:
            citations_item = citations_item_data.to_dict()
            citations.append(citations_item)

        conservative_care_weeks = self.conservative_care_weeks

        disclaimer = self.disclaimer

        locale = self.locale

        next_review_on = self.next_review_on.isoformat()

        reviewed_on = self.reviewed_on.isoformat()

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        summary = self.summary

        title = self.title

        urgent_signs = []
        for urgent_signs_item_data in self.urgent_signs:
            urgent_signs_item = urgent_signs_item_data.to_dict()
            urgent_signs.append(urgent_signs_item)

        version = self.version

        when_to_see_a_doctor = self.when_to_see_a_doctor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "adapted_from": adapted_from,
                "body": body,
                "citations": citations,
                "conservative_care_weeks": conservative_care_weeks,
                "disclaimer": disclaimer,
                "locale": locale,
                "next_review_on": next_review_on,
                "reviewed_on": reviewed_on,
                "steps": steps,
                "summary": summary,
                "title": title,
                "urgent_signs": urgent_signs,
                "version": version,
                "when_to_see_a_doctor": when_to_see_a_doctor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.care_step import CareStep  # noqa: PLC0415
        from ..models.citation import Citation  # noqa: PLC0415
        from ..models.urgent_sign import UrgentSign  # noqa: PLC0415

        d = dict(src_dict)
        adapted_from = []
        _adapted_from = d.pop("adapted_from")
        for adapted_from_item_data in _adapted_from:
            adapted_from_item = Citation.from_dict(adapted_from_item_data)

            adapted_from.append(adapted_from_item)

        body = d.pop("body")

        citations = []
        _citations = d.pop("citations")
        for citations_item_data in _citations:
            citations_item = Citation.from_dict(citations_item_data)

            citations.append(citations_item)

        conservative_care_weeks = d.pop("conservative_care_weeks")

        disclaimer = d.pop("disclaimer")

        locale = d.pop("locale")

        next_review_on = datetime.date.fromisoformat(d.pop("next_review_on"))

        reviewed_on = datetime.date.fromisoformat(d.pop("reviewed_on"))

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = CareStep.from_dict(steps_item_data)

            steps.append(steps_item)

        summary = d.pop("summary")

        title = d.pop("title")

        urgent_signs = []
        _urgent_signs = d.pop("urgent_signs")
        for urgent_signs_item_data in _urgent_signs:
            urgent_signs_item = UrgentSign.from_dict(urgent_signs_item_data)

            urgent_signs.append(urgent_signs_item)

        version = d.pop("version")

        when_to_see_a_doctor = d.pop("when_to_see_a_doctor")

        care_pathway = cls(
            adapted_from=adapted_from,
            body=body,
            citations=citations,
            conservative_care_weeks=conservative_care_weeks,
            disclaimer=disclaimer,
            locale=locale,
            next_review_on=next_review_on,
            reviewed_on=reviewed_on,
            steps=steps,
            summary=summary,
            title=title,
            urgent_signs=urgent_signs,
            version=version,
            when_to_see_a_doctor=when_to_see_a_doctor,
        )

        return care_pathway
