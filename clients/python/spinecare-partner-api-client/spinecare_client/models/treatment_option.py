from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="TreatmentOption")


@_attrs_define
class TreatmentOption:
    """
    Attributes:
        href (str):
        requires (list[str]): Treatments that must come first.
        rule_id (str):
        source (str):
        treatment (str):
    """

    href: str
    requires: list[str]
    rule_id: str
    source: str
    treatment: str

    def to_dict(self) -> dict[str, Any]:
        href = self.href

        requires = self.requires

        rule_id = self.rule_id

        source = self.source

        treatment = self.treatment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "href": href,
                "requires": requires,
                "rule_id": rule_id,
                "source": source,
                "treatment": treatment,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        href = d.pop("href")

        requires = cast(list[str], d.pop("requires"))

        rule_id = d.pop("rule_id")

        source = d.pop("source")

        treatment = d.pop("treatment")

        treatment_option = cls(
            href=href,
            requires=requires,
            rule_id=rule_id,
            source=source,
            treatment=treatment,
        )

        return treatment_option
