from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.citation import Citation
    from ..models.code import Code
    from ..models.condition_sections import ConditionSections
    from ..models.condition_treatment import ConditionTreatment
    from ..models.symptom import Symptom


T = TypeVar("T", bound="Condition")


@_attrs_define
class Condition:
    """
    Attributes:
        adapted_from (list[Citation]): Pages our wording was adapted from (provenance, such as a manufacturer's patient
            page). Never evidence: what the text rests on is in `citations`.
        citations (list[Citation]):
        codes (list[Code]):
        disclaimer (str):
        href (str):
        locale (str):
        name (str):
        next_review_on (datetime.date):
        reviewed_on (datetime.date):
        risk_factors (list[str]):
        sections (ConditionSections): Markdown by section key: overview, causes, symptoms, risk_factors, diagnosis,
            when_to_see_a_doctor (and types where a condition has forms).
        slug (str):
        summary (str):
        symptoms (list[Symptom]):
        treatments (list[ConditionTreatment]):
        version (int): Bumps whenever the item's content changes.
    """

    adapted_from: list[Citation]
    citations: list[Citation]
    codes: list[Code]
    disclaimer: str
    href: str
    locale: str
    name: str
    next_review_on: datetime.date
    reviewed_on: datetime.date
    risk_factors: list[str]
    sections: ConditionSections
    slug: str
    summary: str
    symptoms: list[Symptom]
    treatments: list[ConditionTreatment]
    version: int

    def to_dict(self) -> dict[str, Any]:
        adapted_from = []
        for adapted_from_item_data in self.adapted_from:
            adapted_from_item = adapted_from_item_data.to_dict()
            adapted_from.append(adapted_from_item)

        citations = []
        for citations_item_data in self.citations:
            citations_item = citations_item_data.to_dict()
            citations.append(citations_item)

        codes = []
        for codes_item_data in self.codes:
            codes_item = codes_item_data.to_dict()
            codes.append(codes_item)

        disclaimer = self.disclaimer

        href = self.href

        locale = self.locale

        name = self.name

        next_review_on = self.next_review_on.isoformat()

        reviewed_on = self.reviewed_on.isoformat()

        risk_factors = self.risk_factors

        sections = self.sections.to_dict()

        slug = self.slug

        summary = self.summary

        symptoms = []
        for symptoms_item_data in self.symptoms:
            symptoms_item = symptoms_item_data.to_dict()
            symptoms.append(symptoms_item)

        treatments = []
        for treatments_item_data in self.treatments:
            treatments_item = treatments_item_data.to_dict()
            treatments.append(treatments_item)

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "adapted_from": adapted_from,
                "citations": citations,
                "codes": codes,
                "disclaimer": disclaimer,
                "href": href,
                "locale": locale,
                "name": name,
                "next_review_on": next_review_on,
                "reviewed_on": reviewed_on,
                "risk_factors": risk_factors,
                "sections": sections,
                "slug": slug,
                "summary": summary,
                "symptoms": symptoms,
                "treatments": treatments,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation import Citation  # noqa: PLC0415
        from ..models.code import Code  # noqa: PLC0415
        from ..models.condition_sections import ConditionSections  # noqa: PLC0415
        from ..models.condition_treatment import ConditionTreatment  # noqa: PLC0415
        from ..models.symptom import Symptom  # noqa: PLC0415

        d = dict(src_dict)
        adapted_from = []
        _adapted_from = d.pop("adapted_from")
        for adapted_from_item_data in _adapted_from:
            adapted_from_item = Citation.from_dict(adapted_from_item_data)

            adapted_from.append(adapted_from_item)

        citations = []
        _citations = d.pop("citations")
        for citations_item_data in _citations:
            citations_item = Citation.from_dict(citations_item_data)

            citations.append(citations_item)

        codes = []
        _codes = d.pop("codes")
        for codes_item_data in _codes:
            codes_item = Code.from_dict(codes_item_data)

            codes.append(codes_item)

        disclaimer = d.pop("disclaimer")

        href = d.pop("href")

        locale = d.pop("locale")

        name = d.pop("name")

        next_review_on = datetime.date.fromisoformat(d.pop("next_review_on"))

        reviewed_on = datetime.date.fromisoformat(d.pop("reviewed_on"))

        risk_factors = cast(list[str], d.pop("risk_factors"))

        sections = ConditionSections.from_dict(d.pop("sections"))

        slug = d.pop("slug")

        summary = d.pop("summary")

        symptoms = []
        _symptoms = d.pop("symptoms")
        for symptoms_item_data in _symptoms:
            symptoms_item = Symptom.from_dict(symptoms_item_data)

            symptoms.append(symptoms_item)

        treatments = []
        _treatments = d.pop("treatments")
        for treatments_item_data in _treatments:
            treatments_item = ConditionTreatment.from_dict(treatments_item_data)

            treatments.append(treatments_item)

        version = d.pop("version")

        condition = cls(
            adapted_from=adapted_from,
            citations=citations,
            codes=codes,
            disclaimer=disclaimer,
            href=href,
            locale=locale,
            name=name,
            next_review_on=next_review_on,
            reviewed_on=reviewed_on,
            risk_factors=risk_factors,
            sections=sections,
            slug=slug,
            summary=summary,
            symptoms=symptoms,
            treatments=treatments,
            version=version,
        )

        return condition
