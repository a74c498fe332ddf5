from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.treatment_family import TreatmentFamily, check_treatment_family
from ..models.treatment_kind import TreatmentKind, check_treatment_kind

if TYPE_CHECKING:
    from ..models.citation import Citation
    from ..models.related_condition import RelatedCondition
    from ..models.treatment_sections import TreatmentSections


T = TypeVar("T", bound="Treatment")


@_attrs_define
class Treatment:
    """
    Attributes:
        adapted_from (list[Citation]): Pages our wording was adapted from (provenance, such as a manufacturer's patient
            page). Never evidence: what the text rests on is in `citations`.
        care_step (str): Earliest care-pathway step that offers it.
        citations (list[Citation]):
        conditions (list[RelatedCondition]):
        disclaimer (str):
        family (TreatmentFamily):
        href (str):
        kind (TreatmentKind):
        locale (str):
        name (str):
        next_review_on (datetime.date):
        requires (list[str]): Treatments that come first.
        reviewed_on (datetime.date):
        sections (TreatmentSections): Markdown by section key: overview, how_it_works, who_it_helps, what_to_expect,
            risks.
        slug (str):
        summary (str):
        version (int): Bumps whenever the item's content changes.
    """

    adapted_from: list[Citation]
    care_step: str
    citations: list[Citation]
    conditions: list[RelatedCondition]
    disclaimer: str
    family: TreatmentFamily
    href: str
    kind: TreatmentKind
    locale: str
    name: str
    next_review_on: datetime.date
    requires: list[str]
    reviewed_on: datetime.date
    sections: TreatmentSections
    slug: str
    summary: str
    version: int

    def to_dict(self) -> dict[str, Any]:
        adapted_from = []
        for adapted_from_item_data in self.adapted_from:
            adapted_from_item = adapted_from_item_data.to_dict()
            adapted_from.append(adapted_from_item)

        care_step = self.care_step

        citations = []
        for citations_item_data in self.citations:
            citations_item = citations_item_data.to_dict()
            citations.append(citations_item)

        conditions = []
        for conditions_item_data in self.conditions:
            conditions_item = conditions_item_data.to_dict()
            conditions.append(conditions_item)

        disclaimer = self.disclaimer

        family: str = self.family

        href = self.href

        kind: str = self.kind

        locale = self.locale

        name = self.name

        next_review_on = self.next_review_on.isoformat()

        requires = self.requires

        reviewed_on = self.reviewed_on.isoformat()

        sections = self.sections.to_dict()

        slug = self.slug

        summary = self.summary

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "adapted_from": adapted_from,
                "care_step": care_step,
                "citations": citations,
                "conditions": conditions,
                "disclaimer": disclaimer,
                "family": family,
                "href": href,
                "kind": kind,
                "locale": locale,
                "name": name,
                "next_review_on": next_review_on,
                "requires": requires,
                "reviewed_on": reviewed_on,
                "sections": sections,
                "slug": slug,
                "summary": summary,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation import Citation  # noqa: PLC0415
        from ..models.related_condition import RelatedCondition  # noqa: PLC0415
        from ..models.treatment_sections import TreatmentSections  # noqa: PLC0415

        d = dict(src_dict)
        adapted_from = []
        _adapted_from = d.pop("adapted_from")
        for adapted_from_item_data in _adapted_from:
            adapted_from_item = Citation.from_dict(adapted_from_item_data)

            adapted_from.append(adapted_from_item)

        care_step = d.pop("care_step")

        citations = []
        _citations = d.pop("citations")
        for citations_item_data in _citations:
            citations_item = Citation.from_dict(citations_item_data)

            citations.append(citations_item)

        conditions = []
        _conditions = d.pop("conditions")
        for conditions_item_data in _conditions:
            conditions_item = RelatedCondition.from_dict(conditions_item_data)

            conditions.append(conditions_item)

        disclaimer = d.pop("disclaimer")

        family = check_treatment_family(d.pop("family"))

        href = d.pop("href")

        kind = check_treatment_kind(d.pop("kind"))

        locale = d.pop("locale")

        name = d.pop("name")

        next_review_on = datetime.date.fromisoformat(d.pop("next_review_on"))

        requires = cast(list[str], d.pop("requires"))

        reviewed_on = datetime.date.fromisoformat(d.pop("reviewed_on"))

        sections = TreatmentSections.from_dict(d.pop("sections"))

        slug = d.pop("slug")

        summary = d.pop("summary")

        version = d.pop("version")

        treatment = cls(
            adapted_from=adapted_from,
            care_step=care_step,
            citations=citations,
            conditions=conditions,
            disclaimer=disclaimer,
            family=family,
            href=href,
            kind=kind,
            locale=locale,
            name=name,
            next_review_on=next_review_on,
            requires=requires,
            reviewed_on=reviewed_on,
            sections=sections,
            slug=slug,
            summary=summary,
            version=version,
        )

        return treatment
