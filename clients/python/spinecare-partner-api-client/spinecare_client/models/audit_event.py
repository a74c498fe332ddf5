from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.audit_event_details import AuditEventDetails


T = TypeVar("T", bound="AuditEvent")


@_attrs_define
class AuditEvent:
    """
    Attributes:
        action (str):
        actor (str):
        details (AuditEventDetails):
        id (int):
        occurred_at (datetime.datetime):
        outcome (str):
        target (str):
    """

    action: str
    actor: str
    details: AuditEventDetails
    id: int
    occurred_at: datetime.datetime
    outcome: str
    target: str

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor = self.actor

        details = self.details.to_dict()

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        outcome = self.outcome

        target = self.target

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "details": details,
                "id": id,
                "occurred_at": occurred_at,
                "outcome": outcome,
                "target": target,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_event_details import AuditEventDetails  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action")

        actor = d.pop("actor")

        details = AuditEventDetails.from_dict(d.pop("details"))

        id = d.pop("id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        outcome = d.pop("outcome")

        target = d.pop("target")

        audit_event = cls(
            action=action,
            actor=actor,
            details=details,
            id=id,
            occurred_at=occurred_at,
            outcome=outcome,
            target=target,
        )

        return audit_event
