from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="AssessmentScore")


@_attrs_define
class AssessmentScore:
    """
    Attributes:
        cutoff (int):
        id (str):
        items (list[str]):
        not_asked (list[str]):
        positive (bool):
        source (str):
        unanswered_items (list[str]):
        value (int):
    """

    cutoff: int
    id: str
    items: list[str]
    not_asked: list[str]
    positive: bool
    source: str
    unanswered_items: list[str]
    value: int

    def to_dict(self) -> dict[str, Any]:
        cutoff = self.cutoff

        id = self.id

        items = self.items

        not_asked = self.not_asked

        positive = self.positive

        source = self.source

        unanswered_items = self.unanswered_items

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cutoff": cutoff,
                "id": id,
                "items": items,
                "not_asked": not_asked,
                "positive": positive,
                "source": source,
                "unanswered_items": unanswered_items,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cutoff = d.pop("cutoff")

        id = d.pop("id")

        items = cast(list[str], d.pop("items"))

        not_asked = cast(list[str], d.pop("not_asked"))

        positive = d.pop("positive")

        source = d.pop("source")

        unanswered_items = cast(list[str], d.pop("unanswered_items"))

        value = d.pop("value")

        assessment_score = cls(
            cutoff=cutoff,
            id=id,
            items=items,
            not_asked=not_asked,
            positive=positive,
            source=source,
            unanswered_items=unanswered_items,
            value=value,
        )

        return assessment_score
