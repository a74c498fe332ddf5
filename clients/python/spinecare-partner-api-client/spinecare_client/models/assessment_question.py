from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.assessment_question_type import AssessmentQuestionType, check_assessment_question_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.answer_option import AnswerOption
    from ..models.question_enable_when import QuestionEnableWhen


T = TypeVar("T", bound="AssessmentQuestion")


@_attrs_define
class AssessmentQuestion:
    """
    Attributes:
        enable_when (list[QuestionEnableWhen]): Shown only when all of these hold; otherwise hidden and unanswerable.
        exclusive_options (list[str]): Options that must be chosen alone.
        help_ (str):
        id (str): Stable public id; partners pre-fill it.
        options (list[AnswerOption]):
        red_flag (bool): Part of the red-flag screen: no disposition is given until every enabled screen question has an
            answer. The screen comes first.
        text (str):
        type_ (AssessmentQuestionType):
        max_ (int | None | Unset):
        min_ (int | None | Unset):
        unit (None | str | Unset):
    """

    enable_when: list[QuestionEnableWhen]
    exclusive_options: list[str]
    help_: str
    id: str
    options: list[AnswerOption]
    red_flag: bool
    text: str
    type_: AssessmentQuestionType
    max_: int | None | Unset = UNSET
    min_: int | None | Unset = UNSET
    unit: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        enable_when = []
        for enable_when_item_data in self.enable_when:
            enable_when_item = enable_when_item_data.to_dict()
            enable_when.append(enable_when_item)

        exclusive_options = self.exclusive_options

        help_ = self.help_

        id = self.id

        options = []
        for options_item_data in self.options:
            options_item = options_item_data.to_dict()
            options.append(options_item)

        red_flag = self.red_flag

        text = self.text

        type_: str = self.type_

        max_: int | None | Unset
        if isinstance(self.max_, Unset):
            max_ = UNSET
        else:
            max_ = self.max_

        min_: int | None | Unset
        if isinstance(self.min_, Unset):
            min_ = UNSET
        else:
            min_ = self.min_

        unit: None | str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        else:
            unit = self.unit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "enable_when": enable_when,
                "exclusive_options": exclusive_options,
                "help": help_,
                "id": id,
                "options": options,
                "red_flag": red_flag,
                "text": text,
                "type": type_,
            }
        )
        if max_ is not UNSET:
            field_dict["max"] = max_
        if min_ is not UNSET:
            field_dict["min"] = min_
        if unit is not UNSET:
            field_dict["unit"] = unit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.answer_option import AnswerOption  # noqa: PLC0415
        from ..models.question_enable_when import QuestionEnableWhen  # noqa: PLC0415

        d = dict(src_dict)
        enable_when = []
        _enable_when = d.pop("enable_when")
        for enable_when_item_data in _enable_when:
            enable_when_item = QuestionEnableWhen.from_dict(enable_when_item_data)

            enable_when.append(enable_when_item)

        exclusive_options = cast(list[str], d.pop("exclusive_options"))

        help_ = d.pop("help")

        id = d.pop("id")

        options = []
        _options = d.pop("options")
        for options_item_data in _options:
            options_item = AnswerOption.from_dict(options_item_data)

            options.append(options_item)

        red_flag = d.pop("red_flag")

        text = d.pop("text")

        type_ = check_assessment_question_type(d.pop("type"))

        def _parse_max_(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_ = _parse_max_(d.pop("max", UNSET))

        def _parse_min_(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_ = _parse_min_(d.pop("min", UNSET))

        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))

        assessment_question = cls(
            enable_when=enable_when,
            exclusive_options=exclusive_options,
            help_=help_,
            id=id,
            options=options,
            red_flag=red_flag,
            text=text,
            type_=type_,
            max_=max_,
            min_=min_,
            unit=unit,
        )

        return assessment_question
