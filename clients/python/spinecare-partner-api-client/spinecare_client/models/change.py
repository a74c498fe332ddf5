from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.change_change import ChangeChange, check_change_change
from ..models.change_kind import ChangeKind, check_change_kind

T = TypeVar("T", bound="Change")


@_attrs_define
class Change:
    """
    Attributes:
        change (ChangeChange):
        changed_at (datetime.datetime):
        href (str):
        kind (ChangeKind):
        slug (str):
        version (int):
    """

    change: ChangeChange
    changed_at: datetime.datetime
    href: str
    kind: ChangeKind
    slug: str
    version: int

    def to_dict(self) -> dict[str, Any]:
        change: str = self.change

        changed_at = self.changed_at.isoformat()

        href = self.href

        kind: str = self.kind

        slug = self.slug

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "change": change,
                "changed_at": changed_at,
                "href": href,
                "kind": kind,
                "slug": slug,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        change = check_change_change(d.pop("change"))

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        href = d.pop("href")

        kind = check_change_kind(d.pop("kind"))

        slug = d.pop("slug")

        version = d.pop("version")

        change = cls(
            change=change,
            changed_at=changed_at,
            href=href,
            kind=kind,
            slug=slug,
            version=version,
        )

        return change
