from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.assessment_urgency_level import AssessmentUrgencyLevel, check_assessment_urgency_level

if TYPE_CHECKING:
    from ..models.urgency_trigger import UrgencyTrigger


T = TypeVar("T", bound="AssessmentUrgency")


@_attrs_define
class AssessmentUrgency:
    """
    Attributes:
        label (str):
        level (AssessmentUrgencyLevel):
        safety_net (list[str]):
        service (str):
        timeframe (str):
        timeframe_hours (int | None):
        triggers (list[UrgencyTrigger]):
    """

    label: str
    level: AssessmentUrgencyLevel
    safety_net: list[str]
    service: str
    timeframe: str
    timeframe_hours: int | None
    triggers: list[UrgencyTrigger]

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        level: str = self.level

        safety_net = self.safety_net

        service = self.service

        timeframe = self.timeframe

        timeframe_hours: int | None
        timeframe_hours = self.timeframe_hours

        triggers = []
        for triggers_item_data in self.triggers:
            triggers_item = triggers_item_data.to_dict()
            triggers.append(triggers_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
                "level": level,
                "safety_net": safety_net,
                "service": service,
                "timeframe": timeframe,
                "timeframe_hours": timeframe_hours,
                "triggers": triggers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.urgency_trigger import UrgencyTrigger  # noqa: PLC0415

        d = dict(src_dict)
        label = d.pop("label")

        level = check_assessment_urgency_level(d.pop("level"))

        safety_net = cast(list[str], d.pop("safety_net"))

        service = d.pop("service")

        timeframe = d.pop("timeframe")

        def _parse_timeframe_hours(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        timeframe_hours = _parse_timeframe_hours(d.pop("timeframe_hours"))

        triggers = []
        _triggers = d.pop("triggers")
        for triggers_item_data in _triggers:
            triggers_item = UrgencyTrigger.from_dict(triggers_item_data)

            triggers.append(triggers_item)

        assessment_urgency = cls(
            label=label,
            level=level,
            safety_net=safety_net,
            service=service,
            timeframe=timeframe,
            timeframe_hours=timeframe_hours,
            triggers=triggers,
        )

        return assessment_urgency
