from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.assessment_urgency_level import AssessmentUrgencyLevel, check_assessment_urgency_level
from ..models.assessment_urgency_minimum_level_type_0 import (
    AssessmentUrgencyMinimumLevelType0,
    check_assessment_urgency_minimum_level_type_0,
)

if TYPE_CHECKING:
    from ..models.urgency_trigger import UrgencyTrigger


T = TypeVar("T", bound="AssessmentUrgency")


@_attrs_define
class AssessmentUrgency:
    """
    Attributes:
        emergency_number (str): The number to call in the partner's country (default US: 911).
        label (str):
        level (AssessmentUrgencyLevel): Most urgent first: emergency_ambulance, emergency_department, urgent_same_day,
            see_doctor_soon, routine_consultation, self_care. `screening_incomplete` is not advice: red-flag questions are
            still unanswered.
        minimum_level (AssessmentUrgencyMinimumLevelType0 | None): The most urgent level any rule has fired so far; null
            if none.
        safety_net (list[str]):
        service (str):
        timeframe (str):
        timeframe_hours (int | None):
        triggers (list[UrgencyTrigger]):
    """

    emergency_number: str
    label: str
    level: AssessmentUrgencyLevel
    minimum_level: AssessmentUrgencyMinimumLevelType0 | None
    safety_net: list[str]
    service: str
    timeframe: str
    timeframe_hours: int | None
    triggers: list[UrgencyTrigger]

    def to_dict(self) -> dict[str, Any]:
        emergency_number = self.emergency_number

        label = self.label

        level: str = self.level

        minimum_level: None | str
        if isinstance(self.minimum_level, str):
            minimum_level = self.minimum_level
        else:
            minimum_level = self.minimum_level

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
                "emergency_number": emergency_number,
                "label": label,
                "level": level,
                "minimum_level": minimum_level,
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
        emergency_number = d.pop("emergency_number")

        label = d.pop("label")

        level = check_assessment_urgency_level(d.pop("level"))

        def _parse_minimum_level(data: object) -> AssessmentUrgencyMinimumLevelType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                minimum_level_type_0 = check_assessment_urgency_minimum_level_type_0(data)

                return minimum_level_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssessmentUrgencyMinimumLevelType0 | None, data)

        minimum_level = _parse_minimum_level(d.pop("minimum_level"))

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
            emergency_number=emergency_number,
            label=label,
            level=level,
            minimum_level=minimum_level,
            safety_net=safety_net,
            service=service,
            timeframe=timeframe,
            timeframe_hours=timeframe_hours,
            triggers=triggers,
        )

        return assessment_urgency
