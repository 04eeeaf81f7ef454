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
    plausibility
        The ``opioid-implausible-dose`` errors ``check`` raises for the same items (a unit or
        decimal slip to confirm): a total of such a dose is shown, never passed as ordinary.
    """

    regimen: Regimen
    totals: DailyTotals
    equivalent: RegimenEquivalent
    plausibility: tuple[Finding, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The plausibility errors, the totals' findings (what was assumed, what could not be
        counted), then the OME's."""
        return (*self.plausibility, *findings(self.totals), *self.equivalent.findings)


@checked
def summarize(regimen: Regimen | Iterable[Item], table: str | ConversionTable | None = None, *,
              threshold_context: str | None = None, judge_plausibility: bool = True,
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
    judge_plausibility
        Judge the opioid doses as ``check`` judges their plausibility
        (:func:`mpsdose.clinical.ranges.implausible_doses`, every market's rows, the regimen's
        patient): an implausible dose is an error finding (``--strict``: exit 1), an amount
        beyond any unit slip is refused. False where ``check`` runs beside it (the web page).
    knowledge
        The clinical knowledge to use; None: the shipped data.

    Returns
    -------
    Summary

    Raises
    ------
    UnknownTableError
        An unknown table id or threshold context.
    DoseError
        An opioid amount beyond any single unit slip (not a dose), as ``check`` refuses it.
    """
    if not isinstance(regimen, Regimen):
        regimen = Regimen(tuple(regimen))
    plausibility: tuple[Finding, ...] = ()
    if judge_plausibility:
        from mpsdose.clinical.ranges import implausible_doses  # the range rows load on first use

        named = table if isinstance(table, str) else None
        plausibility = tuple(implausible_doses(regimen.items, regimen.patient, table=named,
                                               knowledge=knowledge))
    return Summary(regimen, daily_totals(regimen),
                   oral_morphine_equivalent(regimen, table, threshold_context=threshold_context,
                                            knowledge=knowledge, count_once=True),
                   plausibility)
