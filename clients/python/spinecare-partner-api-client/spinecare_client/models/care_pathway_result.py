from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.care_pathway_result_pathway_step_type_0 import (
    CarePathwayResultPathwayStepType0,
    check_care_pathway_result_pathway_step_type_0,
)
from ..models.care_pathway_result_step import CarePathwayResultStep, check_care_pathway_result_step
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.referral import Referral
    from ..models.treatment_option import TreatmentOption


T = TypeVar("T", bound="CarePathwayResult")


@_attrs_define
class CarePathwayResult:
    """
    Attributes:
        options_to_discuss (list[TreatmentOption]):
        pathway_step (CarePathwayResultPathwayStepType0 | None): The same step in the vocabulary of `GET /v1/care-
            pathway` (`steps[].key`): where to read about it. null for an emergency, the unanswered screen or out of scope
            (see the pathway's `urgent_signs`).
        referrals (list[Referral]): Another specialty to see where the pattern fits.
        source (str):
        step (CarePathwayResultStep): `red_flag_screening`: the red-flag screen is not answered yet; `out_of_scope`: the
            check is not for this person (see `out_of_scope`).
        why (str):
        next_step (None | str | Unset):
        weeks_elapsed (int | None | Unset):
    """

    options_to_discuss: list[TreatmentOption]
    pathway_step: CarePathwayResultPathwayStepType0 | None
    referrals: list[Referral]
    source: str
    step: CarePathwayResultStep
    why: str
    next_step: None | str | Unset = UNSET
    weeks_elapsed: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        options_to_discuss = []
        for options_to_discuss_item_data in self.options_to_discuss:
            options_to_discuss_item = options_to_discuss_item_data.to_dict()
            options_to_discuss.append(options_to_discuss_item)

        pathway_step: None | str
        if isinstance(self.pathway_step, str):
            pathway_step = self.pathway_step
        else:
            pathway_step = self.pathway_step

        referrals = []
        for referrals_item_data in self.referrals:
            referrals_item = referrals_item_data.to_dict()
            referrals.append(referrals_item)

        source = self.source

        step: str = self.step

        why = self.why

        next_step: None | str | Unset
        if isinstance(self.next_step, Unset):
            next_step = UNSET
        else:
            next_step = self.next_step

        weeks_elapsed: int | None | Unset
        if isinstance(self.weeks_elapsed, Unset):
            weeks_elapsed = UNSET
        else:
            weeks_elapsed = self.weeks_elapsed

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "options_to_discuss": options_to_discuss,
                "pathway_step": pathway_step,
                "referrals": referrals,
                "source": source,
                "step": step,
                "why": why,
            }
        )
        if next_step is not UNSET:
            field_dict["next_step"] = next_step
        if weeks_elapsed is not UNSET:
            field_dict["weeks_elapsed"] = weeks_elapsed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.referral import Referral  # noqa: PLC0415
        from ..models.treatment_option import TreatmentOption  # noqa: PLC0415

        d = dict(src_dict)
        options_to_discuss = []
        _options_to_discuss = d.pop("options_to_discuss")
        for options_to_discuss_item_data in _options_to_discuss:
            options_to_discuss_item = TreatmentOption.from_dict(options_to_discuss_item_data)

            options_to_discuss.append(options_to_discuss_item)

        def _parse_pathway_step(data: object) -> CarePathwayResultPathwayStepType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                pathway_step_type_0 = check_care_pathway_result_pathway_step_type_0(data)

                return pathway_step_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CarePathwayResultPathwayStepType0 | None, data)

        pathway_step = _parse_pathway_step(d.pop("pathway_step"))

        referrals = []
        _referrals = d.pop("referrals")
        for referrals_item_data in _referrals:
            referrals_item = Referral.from_dict(referrals_item_data)

            referrals.append(referrals_item)

        source = d.pop("source")

        step = check_care_pathway_result_step(d.pop("step"))

        why = d.pop("why")

        def _parse_next_step(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_step = _parse_next_step(d.pop("next_step", UNSET))

        def _parse_weeks_elapsed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        weeks_elapsed = _parse_weeks_elapsed(d.pop("weeks_elapsed", UNSET))

        care_pathway_result = cls(
            options_to_discuss=options_to_discuss,
            pathway_step=pathway_step,
            referrals=referrals,
            source=source,
            step=step,
            why=why,
            next_step=next_step,
            weeks_elapsed=weeks_elapsed,
        )

        return care_pathway_result
