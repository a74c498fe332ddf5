from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.physician_search_page import PhysicianSearchPage
from ...models.problem import Problem
from ...models.search_physicians_unit import SearchPhysiciansUnit
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    zip_: str | Unset = UNSET,
    city: str | Unset = UNSET,
    state: str | Unset = UNSET,
    lat: float | Unset = UNSET,
    lon: float | Unset = UNSET,
    npi: str | Unset = UNSET,
    radius: float | Unset = 25.0,
    unit: SearchPhysiciansUnit | Unset = "mi",
    specialty: list[str] | Unset = UNSET,
    therapy: list[str] | Unset = UNSET,
    language: str | Unset = UNSET,
    accepting_new_patients: bool | Unset = UNSET,
    telehealth: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    params: dict[str, Any] = {}

    params["zip"] = zip_

    params["city"] = city

    params["state"] = state

    params["lat"] = lat

    params["lon"] = lon

    params["npi"] = npi

    params["radius"] = radius

    json_unit: str | Unset = UNSET
    if not isinstance(unit, Unset):
        json_unit = unit

    params["unit"] = json_unit

    json_specialty: list[str] | Unset = UNSET
    if not isinstance(specialty, Unset):
        json_specialty = specialty

    params["specialty"] = json_specialty

    json_therapy: list[str] | Unset = UNSET
    if not isinstance(therapy, Unset):
        json_therapy = therapy

    params["therapy"] = json_therapy

    params["language"] = language

    params["accepting_new_patients"] = accepting_new_patients

    params["telehealth"] = telehealth

    params["q"] = q

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/physicians",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | PhysicianSearchPage | Problem | None:
    if response.status_code == 200:
        response_200 = PhysicianSearchPage.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 406:
        response_406 = Problem.from_dict(response.json())

        return response_406

    if response.status_code == 414:
        response_414 = Problem.from_dict(response.json())

        return response_414

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 431:
        response_431 = Problem.from_dict(response.json())

        return response_431

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | PhysicianSearchPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    zip_: str | Unset = UNSET,
    city: str | Unset = UNSET,
    state: str | Unset = UNSET,
    lat: float | Unset = UNSET,
    lon: float | Unset = UNSET,
    npi: str | Unset = UNSET,
    radius: float | Unset = 25.0,
    unit: SearchPhysiciansUnit | Unset = "mi",
    specialty: list[str] | Unset = UNSET,
    therapy: list[str] | Unset = UNSET,
    language: str | Unset = UNSET,
    accepting_new_patients: bool | Unset = UNSET,
    telehealth: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[Any | PhysicianSearchPage | Problem]:
    """Search physicians near a ZIP, a city or coordinates, nearest first (keyset-paginated).

     Requires a key with scope `locator:read`.

    Args:
        zip_ (str | Unset):
        city (str | Unset):
        state (str | Unset):
        lat (float | Unset):  Example: 40.7484.
        lon (float | Unset):  Example: -73.9967.
        npi (str | Unset):
        radius (float | Unset):  Default: 25.0.
        unit (SearchPhysiciansUnit | Unset):  Default: 'mi'.
        specialty (list[str] | Unset):
        therapy (list[str] | Unset):
        language (str | Unset):
        accepting_new_patients (bool | Unset):
        telehealth (bool | Unset):
        q (str | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):
        if_none_match (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | PhysicianSearchPage | Problem]
    """

    kwargs = _get_kwargs(
        zip_=zip_,
        city=city,
        state=state,
        lat=lat,
        lon=lon,
        npi=npi,
        radius=radius,
        unit=unit,
        specialty=specialty,
        therapy=therapy,
        language=language,
        accepting_new_patients=accepting_new_patients,
        telehealth=telehealth,
        q=q,
        limit=limit,
        cursor=cursor,
        if_none_match=if_none_match,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    zip_: str | Unset = UNSET,
    city: str | Unset = UNSET,
    state: str | Unset = UNSET,
    lat: float | Unset = UNSET,
    lon: float | Unset = UNSET,
    npi: str | Unset = UNSET,
    radius: float | Unset = 25.0,
    unit: SearchPhysiciansUnit | Unset = "mi",
    specialty: list[str] | Unset = UNSET,
    therapy: list[str] | Unset = UNSET,
    language: str | Unset = UNSET,
    accepting_new_patients: bool | Unset = UNSET,
    telehealth: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Any | PhysicianSearchPage | Problem | None:
    """Search physicians near a ZIP, a city or coordinates, nearest first (keyset-paginated).

     Requires a key with scope `locator:read`.

    Args:
        zip_ (str | Unset):
        city (str | Unset):
        state (str | Unset):
        lat (float | Unset):  Example: 40.7484.
        lon (float | Unset):  Example: -73.9967.
        npi (str | Unset):
        radius (float | Unset):  Default: 25.0.
        unit (SearchPhysiciansUnit | Unset):  Default: 'mi'.
        specialty (list[str] | Unset):
        therapy (list[str] | Unset):
        language (str | Unset):
        accepting_new_patients (bool | Unset):
        telehealth (bool | Unset):
        q (str | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):
        if_none_match (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | PhysicianSearchPage | Problem
    """

    return sync_detailed(
        client=client,
        zip_=zip_,
        city=city,
        state=state,
        lat=lat,
        lon=lon,
        npi=npi,
        radius=radius,
        unit=unit,
        specialty=specialty,
        therapy=therapy,
        language=language,
        accepting_new_patients=accepting_new_patients,
        telehealth=telehealth,
        q=q,
        limit=limit,
        cursor=cursor,
        if_none_match=if_none_match,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    zip_: str | Unset = UNSET,
    city: str | Unset = UNSET,
    state: str | Unset = UNSET,
    lat: float | Unset = UNSET,
    lon: float | Unset = UNSET,
    npi: str | Unset = UNSET,
    radius: float | Unset = 25.0,
    unit: SearchPhysiciansUnit | Unset = "mi",
    specialty: list[str] | Unset = UNSET,
    therapy: list[str] | Unset = UNSET,
    language: str | Unset = UNSET,
    accepting_new_patients: bool | Unset = UNSET,
    telehealth: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[Any | PhysicianSearchPage | Problem]:
    """Search physicians near a ZIP, a city or coordinates, nearest first (keyset-paginated).

     Requires a key with scope `locator:read`.

    Args:
        zip_ (str | Unset):
        city (str | Unset):
        state (str | Unset):
        lat (float | Unset):  Example: 40.7484.
        lon (float | Unset):  Example: -73.9967.
        npi (str | Unset):
        radius (float | Unset):  Default: 25.0.
        unit (SearchPhysiciansUnit | Unset):  Default: 'mi'.
        specialty (list[str] | Unset):
        therapy (list[str] | Unset):
        language (str | Unset):
        accepting_new_patients (bool | Unset):
        telehealth (bool | Unset):
        q (str | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):
        if_none_match (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | PhysicianSearchPage | Problem]
    """

    kwargs = _get_kwargs(
        zip_=zip_,
        city=city,
        state=state,
        lat=lat,
        lon=lon,
        npi=npi,
        radius=radius,
        unit=unit,
        specialty=specialty,
        therapy=therapy,
        language=language,
        accepting_new_patients=accepting_new_patients,
        telehealth=telehealth,
        q=q,
        limit=limit,
        cursor=cursor,
        if_none_match=if_none_match,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    zip_: str | Unset = UNSET,
    city: str | Unset = UNSET,
    state: str | Unset = UNSET,
    lat: float | Unset = UNSET,
    lon: float | Unset = UNSET,
    npi: str | Unset = UNSET,
    radius: float | Unset = 25.0,
    unit: SearchPhysiciansUnit | Unset = "mi",
    specialty: list[str] | Unset = UNSET,
    therapy: list[str] | Unset = UNSET,
    language: str | Unset = UNSET,
    accepting_new_patients: bool | Unset = UNSET,
    telehealth: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Any | PhysicianSearchPage | Problem | None:
    """Search physicians near a ZIP, a city or coordinates, nearest first (keyset-paginated).

     Requires a key with scope `locator:read`.

    Args:
        zip_ (str | Unset):
        city (str | Unset):
        state (str | Unset):
        lat (float | Unset):  Example: 40.7484.
        lon (float | Unset):  Example: -73.9967.
        npi (str | Unset):
        radius (float | Unset):  Default: 25.0.
        unit (SearchPhysiciansUnit | Unset):  Default: 'mi'.
        specialty (list[str] | Unset):
        therapy (list[str] | Unset):
        language (str | Unset):
        accepting_new_patients (bool | Unset):
        telehealth (bool | Unset):
        q (str | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):
        if_none_match (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | PhysicianSearchPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            zip_=zip_,
            city=city,
            state=state,
            lat=lat,
            lon=lon,
            npi=npi,
            radius=radius,
            unit=unit,
            specialty=specialty,
            therapy=therapy,
            language=language,
            accepting_new_patients=accepting_new_patients,
            telehealth=telehealth,
            q=q,
            limit=limit,
            cursor=cursor,
            if_none_match=if_none_match,
            accept_language=accept_language,
        )
    ).parsed
