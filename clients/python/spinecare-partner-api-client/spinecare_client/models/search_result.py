from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.search_result_kind import SearchResultKind, check_search_result_kind

T = TypeVar("T", bound="SearchResult")


@_attrs_define
class SearchResult:
    """
    Attributes:
        href (str):
        kind (SearchResultKind):
        name (str):
        rank (float):
        slug (str):
        snippet (str): Matching text, matches wrapped in <mark>…</mark>.
        summary (str):
    """

    href: str
    kind: SearchResultKind
    name: str
    rank: float
    slug: str
    snippet: str
    summary: str

    def to_dict(self) -> dict[str, Any]:
        href = self.href

        kind: str = self.kind

        name = self.name

        rank = self.rank

        slug = self.slug

        snippet = self.snippet

        summary = self.summary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "href": href,
                "kind": kind,
                "name": name,
                "rank": rank,
                "slug": slug,
                "snippet": snippet,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        href = d.pop("href")

        kind = check_search_result_kind(d.pop("kind"))

        name = d.pop("name")

        rank = d.pop("rank")

        slug = d.pop("slug")

        snippet = d.pop("snippet")

        summary = d.pop("summary")

        search_result = cls(
            href=href,
            kind=kind,
            name=name,
            rank=rank,
            slug=slug,
            snippet=snippet,
            summary=summary,
        )

        return search_result
