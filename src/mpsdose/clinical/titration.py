"""A non-opioid raised beyond its label's titration step in one change (``--previous``).

Opioids have their palliative titration step (``opioid-titration-step``, 30-50%). Other drugs
of a palliative regimen are titrated by their labels: pregabalin from 150 mg/day, doubling the
day at most a step (150 -> 300 -> 600 mg/day, EU SmPC and US label); mirogabalin from 5 mg twice
daily, up by 5 mg a dose at intervals of at least a week (Japanese package insert); gabapentin
from 900 mg/day, by 300 mg/day every 2-3 days (EU SmPC) or to the US label's named doses (300 ->
600 -> 900 -> 1800 mg/day, at most a doubling each).
``data/titration_steps.csv`` holds those steps. Where the previous regimen and the new one both
schedule the drug by the route, a rise of the scheduled day within one step (or to the label's
start, which a first dose may be) is silent; beyond it is a warning naming the label's step and
its interval. The item language has no dates, so a change is judged as one step.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import Item
from mpsdose.model.vocabulary import Route

if TYPE_CHECKING:  # the record type loads with its file, on first use
    from mpsdose.knowledge.limits import TitrationStep

__all__ = ["titration_step_findings"]

#: The code of the finding: a labelled titration step of a non-opioid skipped.
CODE = "non-opioid-titration-step"


def _release(item: Item) -> str | None:
    """The item's release, an oral item of none stated read as immediate release."""
    return item.release or ("ir" if item.route is Route.ORAL else None)


def _scheduled(items: Sequence[Item], row: TitrationStep) -> list[Item]:
    """The scheduled (not as-needed) items of the row's drug, route and release."""
    return [item for item in items
            if item.listed and not item.prn and len(item.drugs) == 1
            and item.drug.name == row.drug and item.route is row.route
            and (row.release is None or _release(item) == row.release)]


def titration_step_findings(items: Sequence[Item], previous: Sequence[Item],
                            market: str | None = None, *,
                            knowledge: Knowledge | None = None) -> list[Finding]:
    """Warnings for a non-opioid whose scheduled dose rises beyond its label's titration step.

    Parameters
    ----------
    items
        The new regimen.
    previous
        The regimen it replaces (``--previous``).
    market
        The chosen market: its rows judge (the rise must be within each); where it has none for
        the drug, route and release, every other market's rows are borrowed, and the rise warns
        only where it is beyond every one of them (the finding names them). None: every
        market's rows, the rise within each.
    knowledge
        Where the steps come from (``titration_steps.csv``; default: the shipped data).

    Returns
    -------
    list of Finding
        One ``non-opioid-titration-step`` warning a drug whose scheduled day [mg/day] (and, for a
        per-dose step, whose dose [mg]) rises beyond a labelled step, naming the step, its
        interval and its source.

    References
    ----------
    .. [1] Each step is a row of ``data/titration_steps.csv`` with its label and grade.
    """
    k = resolve(knowledge)
    found: list[Finding] = []
    groups: dict[tuple[str, Route, str | None], list[TitrationStep]] = {}
    for row in k.titration_steps:
        groups.setdefault((row.drug, row.route, row.release), []).append(row)
    for (drug, route, _), rows in groups.items():
        new, old = _scheduled(items, rows[0]), _scheduled(previous, rows[0])
        if not new or not old:
            continue
        new_days, old_days = [i.daily() for i in new], [i.daily() for i in old]
        if None in new_days or None in old_days:
            continue  # a day not known is not judged (the dose checks say so)
        new_day = sum(d for d in new_days if d is not None)
        old_day = sum(d for d in old_days if d is not None)
        if new_day <= old_day * (1 + 1e-6):
            continue
        single = len(new) == 1 and len(old) == 1
        new_dose = new[0].per_dose() if single else None
        old_dose = old[0].per_dose() if single else None
        per_day = new[0].schedule.doses_per_day if single else None
        own = [row for row in rows if market is None or row.market in (None, market)]
        judged = own or rows  # no label of the chosen market's own: every other market's
        beyond = [row for row in judged
                  if not row.allows(old_dose, new_dose, old_day, new_day, per_day)]
        if not beyond or (not own and len(beyond) < len(judged)):
            # a market with no label of its own is not held to the strictest foreign one:
            # a borrowed judgement warns only where the rise is beyond every market's step
            continue
        labels = ", ".join(sorted({(row.market or "any").upper() for row in beyond}))
        borrowed = (f" (borrowed: no {market.upper()} row is shipped)"
                    if market is not None and not own else "")
        doses = (f" ({significant(old_dose, 4)} -> {significant(new_dose, 4)} mg a dose)"
                 if old_dose is not None and new_dose is not None else "")
        steps = "; ".join(f"{(row.market or 'any').upper()}: {row.describe()}" for row in beyond)
        found.append(Finding(
            # a label's titration step is advice on tolerability: beyond it is a review, never an
            # error (the drug's maximum and renal bands are the dose limits' to judge)
            Severity.WARNING, CODE,
            f"{drug} {route.value} rises from {significant(old_day, 4)} to "
            f"{significant(new_day, 4)} mg/day{doses} in one change, beyond the {labels} "
            f"source's titration step{borrowed} ({steps}): a step is skipped. Judged per change "
            "(the items carry no dates): raise by one step at a time, or confirm the "
            "intermediate dose was given for the source's interval (label or guideline, named "
            "below).",
            " ; also: ".join(dict.fromkeys(row.source for row in beyond)),
            item=str(new[0]) if len(new) == 1 else None))
    return found
