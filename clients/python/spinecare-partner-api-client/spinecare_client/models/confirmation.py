from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Confirmation")


@_attrs_define
class Confirmation:
    """
    Attributes:
        by (list[str]): What would confirm the pattern: examination, imaging, diagnostic_block, nerve_conduction_study,
            blood_tests.
        self_report_certainty (None | str): The certainty self-report can claim where a grading system sets one
            (NeuPSIG: `possible`), whatever the band.
        source (str):
    """

    by: list[str]
    self_report_certainty: None | str
    source: str

    def to_dict(self) -> dict[str, Any]:
        by = self.by

        self_report_certainty: None | str
        self_report_certainty = self.self_report_certainty

        source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "by": by,
                "self_report_certainty": self_report_certainty,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        by = cast(list[str], d.pop("by"))

        def _parse_self_report_certainty(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        self_report_certainty = _parse_self_report_certainty(d.pop("self_report_certainty"))

        source = d.pop("source")

        confirmation = cls(
            by=by,
            self_report_certainty=self_report_certainty,
            source=source,
        )

        return confirmation
