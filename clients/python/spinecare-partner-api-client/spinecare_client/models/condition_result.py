from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.condition_result_band import ConditionResultBand, check_condition_result_band
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.condition_evidence import ConditionEvidence
    from ..models.confirmation import Confirmation


T = TypeVar("T", bound="ConditionResult")


@_attrs_define
class ConditionResult:
    """
    Attributes:
        band (ConditionResultBand): How well the answers fit the pattern; not a diagnosis (see `confirmation`).
        band_capped (bool): A band limit applied (for example at most possible under 50).
        band_label (str): The band in hedged words for patients.
        confirmation (Confirmation):
        counter_evidence (list[ConditionEvidence]):
        drivers (list[ConditionEvidence]):
        href (str):
        log_odds (float):
        prior (float):
        prior_source (str):
        slug (str):
        band_cap_source (None | str | Unset):
        phenotype (None | str | Unset):
    """

    band: ConditionResultBand
    band_capped: bool
    band_label: str
    confirmation: Confirmation
    counter_evidence: list[ConditionEvidence]
    drivers: list[ConditionEvidence]
    href: str
    log_odds: float
    prior: float
    prior_source: str
    slug: str
    band_cap_source: None | str | Unset = UNSET
    phenotype: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        band: str = self.band

        band_capped = self.band_capped

        band_label = self.band_label

        confirmation = self.confirmation.to_dict()

        counter_evidence = []
        for counter_evidence_item_data in self.counter_evidence:
            counter_evidence_item = counter_evidence_item_data.to_dict()
            counter_evidence.append(counter_evidence_item)

        drivers = []
        for drivers_item_data in self.drivers:
            drivers_item = drivers_item_data.to_dict()
            drivers.append(drivers_item)

        href = self.href

        log_odds = self.log_odds

        prior = self.prior

        prior_source = self.prior_source

        slug = self.slug

        band_cap_source: None | str | Unset
        if isinstance(self.band_cap_source, Unset):
            band_cap_source = UNSET
        else:
            band_cap_source = self.band_cap_source

        phenotype: None | str | Unset
        if isinstance(self.phenotype, Unset):
            phenotype = UNSET
        else:
            phenotype = self.phenotype

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "band": band,
                "band_capped": band_capped,
                "band_label": band_label,
                "confirmation": confirmation,
                "counter_evidence": counter_evidence,
                "drivers": drivers,
                "href": href,
                "log_odds": log_odds,
                "prior": prior,
                "prior_source": prior_source,
                "slug": slug,
            }
        )
        if band_cap_source is not UNSET:
            field_dict["band_cap_source"] = band_cap_source
        if phenotype is not UNSET:
            field_dict["phenotype"] = phenotype

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.condition_evidence import ConditionEvidence  # noqa: PLC0415
        from ..models.confirmation import Confirmation  # noqa: PLC0415

        d = dict(src_dict)
        band = check_condition_result_band(d.pop("band"))

        band_capped = d.pop("band_capped")

        band_label = d.pop("band_label")

        confirmation = Confirmation.from_dict(d.pop("confirmation"))

        counter_evidence = []
        _counter_evidence = d.pop("counter_evidence")
        for counter_evidence_item_data in _counter_evidence:
            counter_evidence_item = ConditionEvidence.from_dict(counter_evidence_item_data)

            counter_evidence.append(counter_evidence_item)

        drivers = []
        _drivers = d.pop("drivers")
        for drivers_item_data in _drivers:
            drivers_item = ConditionEvidence.from_dict(drivers_item_data)

            drivers.append(drivers_item)

        href = d.pop("href")

        log_odds = d.pop("log_odds")

        prior = d.pop("prior")

        prior_source = d.pop("prior_source")

        slug = d.pop("slug")

        def _parse_band_cap_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        band_cap_source = _parse_band_cap_source(d.pop("band_cap_source", UNSET))

        def _parse_phenotype(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phenotype = _parse_phenotype(d.pop("phenotype", UNSET))

        condition_result = cls(
            band=band,
            band_capped=band_capped,
            band_label=band_label,
            confirmation=confirmation,
            counter_evidence=counter_evidence,
            drivers=drivers,
            href=href,
            log_odds=log_odds,
            prior=prior,
            prior_source=prior_source,
            slug=slug,
            band_cap_source=band_cap_source,
            phenotype=phenotype,
        )

        return condition_result
