from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.provider_detail_gender_type_0 import ProviderDetailGenderType0, check_provider_detail_gender_type_0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.location import Location
    from ..models.provider_therapy import ProviderTherapy
    from ..models.specialty import Specialty


T = TypeVar("T", bound="ProviderDetail")


@_attrs_define
class ProviderDetail:
    """
    Attributes:
        accepting_new_patients (bool | None): Whether they accept new patients; null: not known (e.g. loaded from NPPES,
            which does not say).
        href (str):
        id (int):
        languages (list[str]):
        locations (list[Location]):
        name (str):
        source (str): The listing partner (its import namespace).
        specialties (list[Specialty]):
        telehealth (bool | None): Whether they offer telehealth visits; null: not known (e.g. loaded from NPPES, which
            does not say).
        therapies (list[ProviderTherapy]):
        updated_at (datetime.datetime): When an import or deactivation last changed it (ISO 8601).
        bio (None | str | Unset):
        credentials (None | str | Unset):
        external_id (None | str | Unset): The partner's own id for the record.
        gender (None | ProviderDetailGenderType0 | Unset):
        npi (None | str | Unset):
    """

    accepting_new_patients: bool | None
    href: str
    id: int
    languages: list[str]
    locations: list[Location]
    name: str
    source: str
    specialties: list[Specialty]
    telehealth: bool | None
    therapies: list[ProviderTherapy]
    updated_at: datetime.datetime
    bio: None | str | Unset = UNSET
    credentials: None | str | Unset = UNSET
    external_id: None | str | Unset = UNSET
    gender: None | ProviderDetailGenderType0 | Unset = UNSET
    npi: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        accepting_new_patients: bool | None
        accepting_new_patients = self.accepting_new_patients

        href = self.href

        id = self.id

        languages = self.languages

        locations = []
        for locations_item_data in self.locations:
            locations_item = locations_item_data.to_dict()
            locations.append(locations_item)

        name = self.name

        source = self.source

        specialties = []
        for specialties_item_data in self.specialties:
            specialties_item = specialties_item_data.to_dict()
            specialties.append(specialties_item)

        telehealth: bool | None
        telehealth = self.telehealth

        therapies = []
        for therapies_item_data in self.therapies:
            therapies_item = therapies_item_data.to_dict()
            therapies.append(therapies_item)

        updated_at = self.updated_at.isoformat()

        bio: None | str | Unset
        if isinstance(self.bio, Unset):
            bio = UNSET
        else:
            bio = self.bio

        credentials: None | str | Unset
        if isinstance(self.credentials, Unset):
            credentials = UNSET
        else:
            credentials = self.credentials

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        gender: None | str | Unset
        if isinstance(self.gender, Unset):
            gender = UNSET
        elif isinstance(self.gender, str):
            gender = self.gender
        else:
            gender = self.gender

        npi: None | str | Unset
        if isinstance(self.npi, Unset):
            npi = UNSET
        else:
            npi = self.npi

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "accepting_new_patients": accepting_new_patients,
                "href": href,
                "id": id,
                "languages": languages,
                "locations": locations,
                "name": name,
                "source": source,
                "specialties": specialties,
                "telehealth": telehealth,
                "therapies": therapies,
                "updated_at": updated_at,
            }
        )
        if bio is not UNSET:
            field_dict["bio"] = bio
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if gender is not UNSET:
            field_dict["gender"] = gender
        if npi is not UNSET:
            field_dict["npi"] = npi

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.location import Location  # noqa: PLC0415
        from ..models.provider_therapy import ProviderTherapy  # noqa: PLC0415
        from ..models.specialty import Specialty  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_accepting_new_patients(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        accepting_new_patients = _parse_accepting_new_patients(d.pop("accepting_new_patients"))

        href = d.pop("href")

        id = d.pop("id")

        languages = cast(list[str], d.pop("languages"))

        locations = []
        _locations = d.pop("locations")
        for locations_item_data in _locations:
            locations_item = Location.from_dict(locations_item_data)

            locations.append(locations_item)

        name = d.pop("name")

        source = d.pop("source")

        specialties = []
        _specialties = d.pop("specialties")
        for specialties_item_data in _specialties:
            specialties_item = Specialty.from_dict(specialties_item_data)

            specialties.append(specialties_item)

        def _parse_telehealth(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        telehealth = _parse_telehealth(d.pop("telehealth"))

        therapies = []
        _therapies = d.pop("therapies")
        for therapies_item_data in _therapies:
            therapies_item = ProviderTherapy.from_dict(therapies_item_data)

            therapies.append(therapies_item)

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_bio(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bio = _parse_bio(d.pop("bio", UNSET))

        def _parse_credentials(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        credentials = _parse_credentials(d.pop("credentials", UNSET))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        def _parse_gender(data: object) -> None | ProviderDetailGenderType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                gender_type_0 = check_provider_detail_gender_type_0(data)

                return gender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProviderDetailGenderType0 | Unset, data)

        gender = _parse_gender(d.pop("gender", UNSET))

        def _parse_npi(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        npi = _parse_npi(d.pop("npi", UNSET))

        provider_detail = cls(
            accepting_new_patients=accepting_new_patients,
            href=href,
            id=id,
            languages=languages,
            locations=locations,
            name=name,
            source=source,
            specialties=specialties,
            telehealth=telehealth,
            therapies=therapies,
            updated_at=updated_at,
            bio=bio,
            credentials=credentials,
            external_id=external_id,
            gender=gender,
            npi=npi,
        )

        return provider_detail
