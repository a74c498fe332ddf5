from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.search_fhir_locations_format import SearchFhirLocationsFormat
from ...models.search_fhir_locations_include_item import (
    SearchFhirLocationsIncludeItem,
)
from ...models.search_fhir_locations_response_200 import SearchFhirLocationsResponse200
from ...models.search_fhir_locations_revinclude_item import (
    SearchFhirLocationsRevincludeItem,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    field_format_: SearchFhirLocationsFormat | Unset = UNSET,
    field_count: int | Unset = 20,
    field_cursor: str | Unset = UNSET,
    field_id: list[str] | Unset = UNSET,
    near: str | Unset = UNSET,
    field_include: list[SearchFhirLocationsIncludeItem] | Unset = UNSET,
    field_revinclude: list[SearchFhirLocationsRevincludeItem] | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    json_field_format_: str | Unset = UNSET
    if not isinstance(field_format_, Unset):
        json_field_format_ = field_format_

    params["_format"] = json_field_format_

    params["_count"] = field_count

    params["_cursor"] = field_cursor

    json_field_id: list[str] | Unset = UNSET
    if not isinstance(field_id, Unset):
        json_field_id = field_id

    params["_id"] = json_field_id

    params["near"] = near

    json_field_include: list[str] | Unset = UNSET
    if not isinstance(field_include, Unset):
        json_field_include = []
        for field_include_item_data in field_include:
            field_include_item: str = field_include_item_data
            json_field_include.append(field_include_item)

    params["_include"] = json_field_include

    json_field_revinclude: list[str] | Unset = UNSET
    if not isinstance(field_revinclude, Unset):
        json_field_revinclude = []
        for field_revinclude_item_data in field_revinclude:
            field_revinclude_item: str = field_revinclude_item_data
            json_field_revinclude.append(field_revinclude_item)

    params["_revinclude"] = json_field_revinclude

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/fhir/Location",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | SearchFhirLocationsResponse200 | None:
    if response.status_code == 200:
        response_200 = SearchFhirLocationsResponse200.from_dict(response.json())

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
) -> Response[Any | Problem | SearchFhirLocationsResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    field_format_: SearchFhirLocationsFormat | Unset = UNSET,
    field_count: int | Unset = 20,
    field_cursor: str | Unset = UNSET,
    field_id: list[str] | Unset = UNSET,
    near: str | Unset = UNSET,
    field_include: list[SearchFhirLocationsIncludeItem] | Unset = UNSET,
    field_revinclude: list[SearchFhirLocationsRevincludeItem] | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Problem | SearchFhirLocationsResponse200]:
    """Search Locations `near` a point, nearest first: the locator's radius search.

     Requires a key with scope `locator:read`.

    Args:
        field_format_ (SearchFhirLocationsFormat | Unset):
        field_count (int | Unset):  Default: 20.
        field_cursor (str | Unset):
        field_id (list[str] | Unset):
        near (str | Unset):
        field_include (list[SearchFhirLocationsIncludeItem] | Unset):
        field_revinclude (list[SearchFhirLocationsRevincludeItem] | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | SearchFhirLocationsResponse200]
    """

    kwargs = _get_kwargs(
        field_format_=field_format_,
        field_count=field_count,
        field_cursor=field_cursor,
        field_id=field_id,
        near=near,
        field_include=field_include,
        field_revinclude=field_revinclude,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    field_format_: SearchFhirLocationsFormat | Unset = UNSET,
    field_count: int | Unset = 20,
    field_cursor: str | Unset = UNSET,
    field_id: list[str] | Unset = UNSET,
    near: str | Unset = UNSET,
    field_include: list[SearchFhirLocationsIncludeItem] | Unset = UNSET,
    field_revinclude: list[SearchFhirLocationsRevincludeItem] | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | Problem | SearchFhirLocationsResponse200 | None:
    """Search Locations `near` a point, nearest first: the locator's radius search.

     Requires a key with scope `locator:read`.

    Args:
        field_format_ (SearchFhirLocationsFormat | Unset):
        field_count (int | Unset):  Default: 20.
        field_cursor (str | Unset):
        field_id (list[str] | Unset):
        near (str | Unset):
        field_include (list[SearchFhirLocationsIncludeItem] | Unset):
        field_revinclude (list[SearchFhirLocationsRevincludeItem] | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | SearchFhirLocationsResponse200
    """

    return sync_detailed(
        client=client,
        field_format_=field_format_,
        field_count=field_count,
        field_cursor=field_cursor,
        field_id=field_id,
        near=near,
        field_include=field_include,
        field_revinclude=field_revinclude,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    field_format_: SearchFhirLocationsFormat | Unset = UNSET,
    field_count: int | Unset = 20,
    field_cursor: str | Unset = UNSET,
    field_id: list[str] | Unset = UNSET,
    near: str | Unset = UNSET,
    field_include: list[SearchFhirLocationsIncludeItem] | Unset = UNSET,
    field_revinclude: list[SearchFhirLocationsRevincludeItem] | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Problem | SearchFhirLocationsResponse200]:
    """Search Locations `near` a point, nearest first: the locator's radius search.

     Requires a key with scope `locator:read`.

    Args:
        field_format_ (SearchFhirLocationsFormat | Unset):
        field_count (int | Unset):  Default: 20.
        field_cursor (str | Unset):
        field_id (list[str] | Unset):
        near (str | Unset):
        field_include (list[SearchFhirLocationsIncludeItem] | Unset):
        field_revinclude (list[SearchFhirLocationsRevincludeItem] | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | SearchFhirLocationsResponse200]
    """

    kwargs = _get_kwargs(
        field_format_=field_format_,
        field_count=field_count,
        field_cursor=field_cursor,
        field_id=field_id,
        near=near,
        field_include=field_include,
        field_revinclude=field_revinclude,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    field_format_: SearchFhirLocationsFormat | Unset = UNSET,
    field_count: int | Unset = 20,
    field_cursor: str | Unset = UNSET,
    field_id: list[str] | Unset = UNSET,
    near: str | Unset = UNSET,
    field_include: list[SearchFhirLocationsIncludeItem] | Unset = UNSET,
    field_revinclude: list[SearchFhirLocationsRevincludeItem] | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | Problem | SearchFhirLocationsResponse200 | None:
    """Search Locations `near` a point, nearest first: the locator's radius search.

     Requires a key with scope `locator:read`.

    Args:
        field_format_ (SearchFhirLocationsFormat | Unset):
        field_count (int | Unset):  Default: 20.
        field_cursor (str | Unset):
        field_id (list[str] | Unset):
        near (str | Unset):
        field_include (list[SearchFhirLocationsIncludeItem] | Unset):
        field_revinclude (list[SearchFhirLocationsRevincludeItem] | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | SearchFhirLocationsResponse200
    """

    return (
        await asyncio_detailed(
            client=client,
            field_format_=field_format_,
            field_count=field_count,
            field_cursor=field_cursor,
            field_id=field_id,
            near=near,
            field_include=field_include,
            field_revinclude=field_revinclude,
            if_none_match=if_none_match,
        )
    ).parsed
