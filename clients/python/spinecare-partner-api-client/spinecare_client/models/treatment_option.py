from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="TreatmentOption")


@_attrs_define
class TreatmentOption:
    """
    Attributes:
        evidence (None | str): What the evidence says about it, in plain words.
        href (str):
        requires (list[str]): Treatments that must come first.
        rule_id (str):
        source (str):
        treatment (str):
    """

    evidence: None | str
    href: str
    requires: list[str]
    rule_id: str
    source: str
    treatment: str

    def to_dict(self) -> dict[str, Any]:
        evidence: None | str
        evidence = self.evidence

        href = self.href

        requires = self.requires

        rule_id = self.rule_id

        source = self.source

        treatment = self.treatment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "evidence": evidence,
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

        def _parse_evidence(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        evidence = _parse_evidence(d.pop("evidence"))

        href = d.pop("href")

        requires = cast(list[str], d.pop("requires"))

        rule_id = d.pop("rule_id")

        source = d.pop("source")

        treatment = d.pop("treatment")

        treatment_option = cls(
            evidence=evidence,
            href=href,
            requires=requires,
            rule_id=rule_id,
            source=source,
            treatment=treatment,
        )

        return treatment_option
