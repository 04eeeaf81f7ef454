"""Findings: what a computation or a check wants a person to see (CONTRACT.md §2)."""

from __future__ import annotations

import enum

import attrs

from mpsdose.model.value import Value

__all__ = ["Finding", "Severity"]


class Severity(enum.Enum):
    """How much a finding matters.

    ``error``: exceeds a hard limit or is contraindicated (``mpsdose check`` exits 1);
    ``warning``: needs review; ``info``: what was assumed or could not be checked.
    """

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error: sort by it, most severe last."""
        return list(Severity).index(self)


def _code(code: str) -> str:
    """A code as the contract writes it, lower-case words joined by hyphens: a code built from a
    drug's name of two words ("hyoscine butylbromide-above-max") joins them too."""
    return "-".join(code.split())


@attrs.frozen(repr=False, eq=False)
class Finding(Value):
    """One finding: a stable ``code`` for machines, a ``message`` for people, and its ``source``.

    Attributes
    ----------
    severity
        Error, warning or info.
    code
        A stable identifier (``acetaminophen-at-max``): programs match on it, never on the message.
        Spaces (a drug of two words) become hyphens (``sodium-picosulfate-above-usual``).
    message
        For people: what was found, with the numbers.
    source
        Where the rule or the limit comes from (a guideline, a label, a data file's row).
    item
        The item the finding is about, where it is about one.
    """

    severity: Severity
    code: str = attrs.field(converter=_code)
    message: str
    source: str = ""
    item: str | None = None

    def to_json(self) -> dict[str, object]:
        """The finding as in ``--json`` output: ``severity``, ``code``, ``message``, ``source`` and
        ``item`` where there is one."""
        data: dict[str, object] = {
            "severity": self.severity.value, "code": self.code, "message": self.message,
            "source": self.source,
        }
        if self.item is not None:
            data["item"] = self.item
        return data
