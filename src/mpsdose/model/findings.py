"""Findings: what a computation or a check wants a person to see (CONTRACT.md §2)."""

from __future__ import annotations

import enum

import attrs

__all__ = ["Finding", "Severity"]


class Severity(enum.Enum):
    """``error``: exceeds a hard limit or is contraindicated; ``warning``: needs review; ``info``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


@attrs.frozen
class Finding:
    """One finding: a stable ``code`` for machines, a ``message`` for people, and its ``source``."""

    severity: Severity
    code: str
    message: str
    source: str = ""
    item: str | None = None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "severity": self.severity.value, "code": self.code, "message": self.message,
            "source": self.source,
        }
        if self.item is not None:
            data["item"] = self.item
        return data
