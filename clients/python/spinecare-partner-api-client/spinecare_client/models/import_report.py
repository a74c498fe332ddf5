from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.import_report_mode import ImportReportMode, check_import_report_mode

if TYPE_CHECKING:
    from ..models.import_error import ImportError_


T = TypeVar("T", bound="ImportReport")


@_attrs_define
class ImportReport:
    """
    Attributes:
        created (int):
        deactivated (int): Records not in a `sync` file (0 for merge).
        errors (list[ImportError_]):
        mode (ImportReportMode):
        source (str):
        unchanged (int):
        updated (int):
    """

    created: int
    deactivated: int
    errors: list[ImportError_]
    mode: ImportReportMode
    source: str
    unchanged: int
    updated: int

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        deactivated = self.deactivated

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        mode: str = self.mode

        source = self.source

        unchanged = self.unchanged

        updated = self.updated

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created": created,
                "deactivated": deactivated,
                "errors": errors,
                "mode": mode,
                "source": source,
                "unchanged": unchanged,
                "updated": updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_error import ImportError_  # noqa: PLC0415

        d = dict(src_dict)
        created = d.pop("created")

        deactivated = d.pop("deactivated")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = ImportError_.from_dict(errors_item_data)

            errors.append(errors_item)

        mode = check_import_report_mode(d.pop("mode"))

        source = d.pop("source")

        unchanged = d.pop("unchanged")

        updated = d.pop("updated")

        import_report = cls(
            created=created,
            deactivated=deactivated,
            errors=errors,
            mode=mode,
            source=source,
            unchanged=unchanged,
            updated=updated,
        )

        return import_report
