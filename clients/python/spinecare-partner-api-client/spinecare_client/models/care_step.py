from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.citation import Citation
    from ..models.treatment_summary import TreatmentSummary


T = TypeVar("T", bound="CareStep")


@_attrs_define
class CareStep:
    """
    Attributes:
        citations (list[Citation]):
        description (str):
        key (str):
        name (str):
        order (int):
        treatments (list[TreatmentSummary]):
    """

    citations: list[Citation]
    description: str
    key: str
    name: str
    order: int
    treatments: list[TreatmentSummary]

    def to_dict(self) -> dict[str, Any]:
        citations = []
        for citations_item_data in self.citations:
            citations_item = citations_item_data.to_dict()
            citations.append(citations_item)

        description = self.description

        key = self.key

        name = self.name

        order = self.order

        treatments = []
        for treatments_item_data in self.treatments:
            treatments_item = treatments_item_data.to_dict()
            treatments.append(treatments_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "citations": citations,
                "description": description,
                "key": key,
                "name": name,
                "order": order,
                "treatments": treatments,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation import Citation  # noqa: PLC0415
        from ..models.treatment_summary import TreatmentSummary  # noqa: PLC0415

        d = dict(src_dict)
        citations = []
        _citations = d.pop("citations")
        for citations_item_data in _citations:
            citations_item = Citation.from_dict(citations_item_data)

            citations.append(citations_item)

        description = d.pop("description")

        key = d.pop("key")

        name = d.pop("name")

        order = d.pop("order")

        treatments = []
        _treatments = d.pop("treatments")
        for treatments_item_data in _treatments:
            treatments_item = TreatmentSummary.from_dict(treatments_item_data)

            treatments.append(treatments_item)

        care_step = cls(
            citations=citations,
            description=description,
            key=key,
            name=name,
            order=order,
            treatments=treatments,
        )

        return care_step
