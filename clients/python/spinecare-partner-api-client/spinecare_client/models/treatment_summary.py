from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.treatment_summary_family import TreatmentSummaryFamily, check_treatment_summary_family
from ..models.treatment_summary_kind import TreatmentSummaryKind, check_treatment_summary_kind

T = TypeVar("T", bound="TreatmentSummary")


@_attrs_define
class TreatmentSummary:
    """
    Attributes:
        care_step (str): Earliest care-pathway step that offers it.
        family (TreatmentSummaryFamily):
        href (str):
        kind (TreatmentSummaryKind):
        name (str):
        next_review_on (datetime.date):
        reviewed_on (datetime.date):
        slug (str):
        summary (str):
        version (int): Bumps whenever the item's content changes.
    """

    care_step: str
    family: TreatmentSummaryFamily
    href: str
    kind: TreatmentSummaryKind
    name: str
    next_review_on: datetime.date
    reviewed_on: datetime.date
    slug: str
    summary: str
    version: int

    def to_dict(self) -> dict[str, Any]:
        care_step = self.care_step

        family: str = self.family

        href = self.href

        kind: str = self.kind

        name = self.name

        next_review_on = self.next_review_on.isoformat()

        reviewed_on = self.reviewed_on.isoformat()

        slug = self.slug

        summary = self.summary

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "care_step": care_step,
                "family": family,
                "href": href,
                "kind": kind,
                "name": name,
                "next_review_on": next_review_on,
                "reviewed_on": reviewed_on,
                "slug": slug,
                "summary": summary,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        care_step = d.pop("care_step")

        family = check_treatment_summary_family(d.pop("family"))

        href = d.pop("href")

        kind = check_treatment_summary_kind(d.pop("kind"))

        name = d.pop("name")

        next_review_on = datetime.date.fromisoformat(d.pop("next_review_on"))

        reviewed_on = datetime.date.fromisoformat(d.pop("reviewed_on"))

        slug = d.pop("slug")

        summary = d.pop("summary")

        version = d.pop("version")

        treatment_summary = cls(
            care_step=care_step,
            family=family,
            href=href,
            kind=kind,
            name=name,
            next_review_on=next_review_on,
            reviewed_on=reviewed_on,
            slug=slug,
            summary=summary,
            version=version,
        )

        return treatment_summary
