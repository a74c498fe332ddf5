from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Referral")


@_attrs_define
class Referral:
    """
    Attributes:
        rule_id (str):
        source (str):
        specialty (str): rheumatology, vascular or neurology.
        specialty_codes (list[str]): NUCC.
    """

    rule_id: str
    source: str
    specialty: str
    specialty_codes: list[str]

    def to_dict(self) -> dict[str, Any]:
        rule_id = self.rule_id

        source = self.source

        specialty = self.specialty

        specialty_codes = self.specialty_codes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rule_id": rule_id,
                "source": source,
                "specialty": specialty,
                "specialty_codes": specialty_codes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rule_id = d.pop("rule_id")

        source = d.pop("source")

        specialty = d.pop("specialty")

        specialty_codes = cast(list[str], d.pop("specialty_codes"))

        referral = cls(
            rule_id=rule_id,
            source=source,
            specialty=specialty,
            specialty_codes=specialty_codes,
        )

        return referral
