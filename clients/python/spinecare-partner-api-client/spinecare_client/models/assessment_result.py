from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.assessment_result_disclaimer_code import (
    AssessmentResultDisclaimerCode,
    check_assessment_result_disclaimer_code,
)

if TYPE_CHECKING:
    from ..models.answer_warning import AnswerWarning
    from ..models.assessment_score import AssessmentScore
    from ..models.assessment_urgency import AssessmentUrgency
    from ..models.care_pathway_result import CarePathwayResult
    from ..models.condition_result import ConditionResult
    from ..models.locator_filter import LocatorFilter
    from ..models.missing_answer import MissingAnswer
    from ..models.out_of_scope import OutOfScope
    from ..models.urgency_trigger import UrgencyTrigger


T = TypeVar("T", bound="AssessmentResult")


@_attrs_define
class AssessmentResult:
    """
    Attributes:
        care_pathway (CarePathwayResult):
        complete (bool): The result is stable: `next_questions` is empty (no single unanswered question can change it),
            or `should_stop`.
        conditions (list[ConditionResult]):
        content_links (list[str]):
        disclaimer (str):
        disclaimer_code (AssessmentResultDisclaimerCode):
        locale (str):
        locator (LocatorFilter | None): Query parameters for GET /v1/physicians; null when a physician search is not the
            advice (emergency, self-care).
        locator_href (None | str): `locator` as a ready link to GET /v1/physicians; add `zip` (or `lat`/`lon`) and
            `radius`. Null with `locator`.
        missing_answers (list[MissingAnswer]):
        next_questions (list[str]): What to ask next, in order: every unanswered red-flag question, then only questions
            whose answer can still change the urgency, a band or the care step. Empty after `should_stop`.
        out_of_scope (None | OutOfScope):
        questionnaire_version (str):
        red_flags (list[UrgencyTrigger]):
        red_flags_screened (bool): Every enabled red-flag question has an answer. Until then the level is
            `screening_incomplete` (unless an emergency flag fired).
        ruleset_version (str):
        scores (list[AssessmentScore]):
        should_stop (bool): Stop the questionnaire and show the urgency now: an emergency flag fired, or the check is
            not for this person.
        urgency (AssessmentUrgency):
        warnings (list[AnswerWarning]): Answers that contradict each other; ask the person to check.
    """

    care_pathway: CarePathwayResult
    complete: bool
    conditions: list[ConditionResult]
    content_links: list[str]
    disclaimer: str
    disclaimer_code: AssessmentResultDisclaimerCode
    locale: str
    locator: LocatorFilter | None
    locator_href: None | str
    missing_answers: list[MissingAnswer]
    next_questions: list[str]
    out_of_scope: None | OutOfScope
    questionnaire_version: str
    red_flags: list[UrgencyTrigger]
    red_flags_screened: bool
    ruleset_version: str
    scores: list[AssessmentScore]
    should_stop: bool
    urgency: AssessmentUrgency
    warnings: list[AnswerWarning]

    def to_dict(self) -> dict[str, Any]:
        from ..models.locator_filter import LocatorFilter  # noqa: PLC0415
        from ..models.out_of_scope import OutOfScope  # noqa: PLC0415

        care_pathway = self.care_pathway.to_dict()

        complete = self.complete

        conditions = []
        for conditions_item_data in self.conditions:
            conditions_item = conditions_item_data.to_dict()
            conditions.append(conditions_item)

        content_links = self.content_links

        disclaimer = self.disclaimer

        disclaimer_code: str = self.disclaimer_code

        locale = self.locale

        locator: dict[str, Any] | None
        if isinstance(self.locator, LocatorFilter):
            locator = self.locator.to_dict()
        else:
            locator = self.locator

        locator_href: None | str
        locator_href = self.locator_href

        missing_answers = []
        for missing_answers_item_data in self.missing_answers:
            missing_answers_item = missing_answers_item_data.to_dict()
            missing_answers.append(missing_answers_item)

        next_questions = self.next_questions

        out_of_scope: dict[str, Any] | None
        if isinstance(self.out_of_scope, OutOfScope):
            out_of_scope = self.out_of_scope.to_dict()
        else:
            out_of_scope = self.out_of_scope

        questionnaire_version = self.questionnaire_version

        red_flags = []
        for red_flags_item_data in self.red_flags:
            red_flags_item = red_flags_item_data.to_dict()
            red_flags.append(red_flags_item)

        red_flags_screened = self.red_flags_screened

        ruleset_version = self.ruleset_version

        scores = []
        for scores_item_data in self.scores:
            scores_item = scores_item_data.to_dict()
            scores.append(scores_item)

        should_stop = self.should_stop

        urgency = self.urgency.to_dict()

        warnings = []
        for warnings_item_data in self.warnings:
            warnings_item = warnings_item_data.to_dict()
            warnings.append(warnings_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "care_pathway": care_pathway,
                "complete": complete,
                "conditions": conditions,
                "content_links": content_links,
                "disclaimer": disclaimer,
                "disclaimer_code": disclaimer_code,
                "locale": locale,
                "locator": locator,
                "locator_href": locator_href,
                "missing_answers": missing_answers,
                "next_questions": next_questions,
                "out_of_scope": out_of_scope,
                "questionnaire_version": questionnaire_version,
                "red_flags": red_flags,
                "red_flags_screened": red_flags_screened,
                "ruleset_version": ruleset_version,
                "scores": scores,
                "should_stop": should_stop,
                "urgency": urgency,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.answer_warning import AnswerWarning  # noqa: PLC0415
        from ..models.assessment_score import AssessmentScore  # noqa: PLC0415
        from ..models.assessment_urgency import AssessmentUrgency  # noqa: PLC0415
        from ..models.care_pathway_result import CarePathwayResult  # noqa: PLC0415
        from ..models.condition_result import ConditionResult  # noqa: PLC0415
        from ..models.locator_filter import LocatorFilter  # noqa: PLC0415
        from ..models.missing_answer import MissingAnswer  # noqa: PLC0415
        from ..models.out_of_scope import OutOfScope  # noqa: PLC0415
        from ..models.urgency_trigger import UrgencyTrigger  # noqa: PLC0415

        d = dict(src_dict)
        care_pathway = CarePathwayResult.from_dict(d.pop("care_pathway"))

        complete = d.pop("complete")

        conditions = []
        _conditions = d.pop("conditions")
        for conditions_item_data in _conditions:
            conditions_item = ConditionResult.from_dict(conditions_item_data)

            conditions.append(conditions_item)

        content_links = cast(list[str], d.pop("content_links"))

        disclaimer = d.pop("disclaimer")

        disclaimer_code = check_assessment_result_disclaimer_code(d.pop("disclaimer_code"))

        locale = d.pop("locale")

        def _parse_locator(data: object) -> LocatorFilter | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                locator_type_0 = LocatorFilter.from_dict(data)

                return locator_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LocatorFilter | None, data)

        locator = _parse_locator(d.pop("locator"))

        def _parse_locator_href(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        locator_href = _parse_locator_href(d.pop("locator_href"))

        missing_answers = []
        _missing_answers = d.pop("missing_answers")
        for missing_answers_item_data in _missing_answers:
            missing_answers_item = MissingAnswer.from_dict(missing_answers_item_data)

            missing_answers.append(missing_answers_item)

        next_questions = cast(list[str], d.pop("next_questions"))

        def _parse_out_of_scope(data: object) -> None | OutOfScope:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                out_of_scope_type_1 = OutOfScope.from_dict(data)

                return out_of_scope_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OutOfScope, data)

        out_of_scope = _parse_out_of_scope(d.pop("out_of_scope"))

        questionnaire_version = d.pop("questionnaire_version")

        red_flags = []
        _red_flags = d.pop("red_flags")
        for red_flags_item_data in _red_flags:
            red_flags_item = UrgencyTrigger.from_dict(red_flags_item_data)

            red_flags.append(red_flags_item)

        red_flags_screened = d.pop("red_flags_screened")

        ruleset_version = d.pop("ruleset_version")

        scores = []
        _scores = d.pop("scores")
        for scores_item_data in _scores:
            scores_item = AssessmentScore.from_dict(scores_item_data)

            scores.append(scores_item)

        should_stop = d.pop("should_stop")

        urgency = AssessmentUrgency.from_dict(d.pop("urgency"))

        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in _warnings:
            warnings_item = AnswerWarning.from_dict(warnings_item_data)

            warnings.append(warnings_item)

        assessment_result = cls(
            care_pathway=care_pathway,
            complete=complete,
            conditions=conditions,
            content_links=content_links,
            disclaimer=disclaimer,
            disclaimer_code=disclaimer_code,
            locale=locale,
            locator=locator,
            locator_href=locator_href,
            missing_answers=missing_answers,
            next_questions=next_questions,
            out_of_scope=out_of_scope,
            questionnaire_version=questionnaire_version,
            red_flags=red_flags,
            red_flags_screened=red_flags_screened,
            ruleset_version=ruleset_version,
            scores=scores,
            should_stop=should_stop,
            urgency=urgency,
            warnings=warnings,
        )

        return assessment_result
