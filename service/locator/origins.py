"""Where a search measures distances from: a ZIP's centroid, a city's, or the coordinates given.

A ZIP the dataset knows but cannot place (military, retired, no centroid) is a 422 saying why;
imports report the same message per row.
"""

from __future__ import annotations

from service.errors import InvalidParameterProblem
from service.locator import zips
from service.locator.query import Origin


class UnknownValueProblem(InvalidParameterProblem):
    """A well-formed parameter naming something we do not know (a ZIP, a therapy)."""

    status = 422
    code = "unknown_value"


class ZipProblem(UnknownValueProblem):
    """A real ZIP code that is no place to measure distances from; `zip` names it."""

    message: str  # formatted with the ZIP's zip, city and state

    def __init__(self, zip_code: str, message: str):
        super().__init__("zip", message)
        self.extensions = {"zip": zip_code}


class ZipMilitaryProblem(ZipProblem):
    code = "zip_military"
    message = (
        "{zip} is an APO/FPO/DPO military ZIP code: it routes mail to a unit, not to a place, so "
        "there is nothing to measure distances from. Search by the city and state, or the "
        "coordinates, where care is wanted."
    )


class ZipRetiredProblem(ZipProblem):
    code = "zip_retired"
    message = (
        "{zip} ({city}, {state}) is a retired ZIP code, no longer in use; give the address's "
        "current ZIP code, or search by city and state."
    )


class ZipNotLocatableProblem(ZipProblem):
    code = "zip_not_locatable"
    message = (
        "{zip} ({city}, {state}) is a live ZIP code, but the ZIP centroid data has no location "
        "for it or its city; search by coordinates."
    )


ZIP_PROBLEMS: dict[str, type[ZipProblem]] = {
    zips.MILITARY: ZipMilitaryProblem,
    zips.RETIRED: ZipRetiredProblem,
    zips.NOT_LOCATABLE: ZipNotLocatableProblem,
}


def zip_problem(found: zips.ZipRecord) -> ZipProblem:
    """Why a ZIP the dataset lists is not located, as the problem the API answers."""
    problem_class = ZIP_PROBLEMS[found.status]
    message = problem_class.message.format(zip=found.zip_code, city=found.city, state=found.state)
    return problem_class(found.zip_code, message)


class UnknownCityProblem(UnknownValueProblem):
    code = "unknown_city"


def resolve_origin(
    *,
    zip_code: str | None = None,
    city: str | None = None,
    state: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
) -> Origin:
    """Where distances are measured from: a ZIP's centroid, a city's, or the coordinates."""
    if city is not None:
        found = zips.city(city, state or "")
        if found is None:
            raise UnknownCityProblem(
                "city", f"no city named {city!r} in {state} in the ZIP centroid data"
            )
        return Origin(
            found.lat, found.lon, "city", None, zips.CITY_CENTROID, found.city, found.state
        )
    if zip_code is not None:
        record = zips.record(zip_code)
        if record is None:
            raise UnknownValueProblem("zip", "not a known US ZIP code")
        if record.centroid is None:
            raise zip_problem(record)
        centroid = record.centroid
        return Origin(
            centroid.lat,
            centroid.lon,
            "zip",
            centroid.zip_code,
            centroid.precision,
            centroid.city,
            centroid.state,
        )
    if lat is None or lon is None:  # the query schema asks for a ZIP, a city or both
        raise InvalidParameterProblem("lat", "give a ZIP, a city, or both lat and lon")
    return Origin(lat, lon, "coordinates")
