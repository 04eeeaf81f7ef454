"""One call for what ``mpsdose total`` shows: daily totals and oral morphine equivalents."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from mpsdose.clinical.equivalence import RegimenEquivalent, oral_morphine_equivalent
from mpsdose.clinical.totals import DailyTotals, daily_totals, findings
from mpsdose.knowledge.bundle import Knowledge
from mpsdose.knowledge.conversion import ConversionTable
from mpsdose.model.boundary import checked
from mpsdose.model.findings import Finding
from mpsdose.model.regimen import Item, Regimen
from mpsdose.model.value import Value

__all__ = ["Summary", "summarize"]


@attrs.frozen(repr=False, eq=False)
class Summary(Value):
    """Daily totals per item, drug and class, the OME under one table, and every finding.

    Attributes
    ----------
    regimen
        The regimen summarised.
    totals
        Its daily totals.
    equivalent
        Its oral morphine equivalent under the table chosen.
    """

    regimen: Regimen
    totals: DailyTotals
    equivalent: RegimenEquivalent

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The totals' findings (what was assumed, what could not be counted), then the OME's."""
        return (*findings(self.totals), *self.equivalent.findings)


@checked
def summarize(regimen: Regimen | Iterable[Item], table: str | ConversionTable | None = None, *,
              threshold_context: str | None = None,
              knowledge: Knowledge | None = None) -> Summary:
    """Daily totals and OME of a regimen (the library function behind ``mpsdose total``).

    See :func:`mpsdose.daily_totals` and :func:`mpsdose.oral_morphine_equivalent`.

    Parameters
    ----------
    regimen
        A regimen, or items.
    table
        A conversion table id (default ``cdc2022``) or a loaded table.
    threshold_context
        A guideline context to report the OME against (``cdc2022``, ``cdc2016``,
        ``opioids-aware``); None or ``palliative``: none.
    knowledge
        The clinical knowledge to use; None: the shipped data.

    Returns
    -------
    Summary

    Raises
    ------
    UnknownTableError
        An unknown table id or threshold context.
    """
    if not isinstance(regimen, Regimen):
        regimen = Regimen(tuple(regimen))
    return Summary(regimen, daily_totals(regimen),
                   oral_morphine_equivalent(regimen, table, threshold_context=threshold_context,
                                            knowledge=knowledge, count_once=True))
