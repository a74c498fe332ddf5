from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.physician_result import PhysicianResult
    from ..models.physician_search_metadata import PhysicianSearchMetadata


T = TypeVar("T", bound="PhysicianSearchPage")


@_attrs_define
class PhysicianSearchPage:
    """
    Attributes:
        metadata (PhysicianSearchMetadata):
        results (list[PhysicianResult]):
        next_cursor (None | str | Unset): Pass as `cursor` for the next page (opaque).
    """

    metadata: PhysicianSearchMetadata
    results: list[PhysicianResult]
    next_cursor: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        metadata = self.metadata.to_dict()

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "metadata": metadata,
                "results": results,
            }
        )
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.physician_result import PhysicianResult  # noqa: PLC0415
        from ..models.physician_search_metadata import PhysicianSearchMetadata  # noqa: PLC0415

        d = dict(src_dict)
        metadata = PhysicianSearchMetadata.from_dict(d.pop("metadata"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = PhysicianResult.from_dict(results_item_data)

            results.append(results_item)

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor", UNSET))

        physician_search_page = cls(
            metadata=metadata,
            results=results,
            next_cursor=next_cursor,
        )

        return physician_search_page
