"""Two regimens side by side, and a course as a timeline of its states.

Per drug: the scheduled daily total before and after, the change in percent, and whether the drug
started, stopped or changed; for the opioids, the OME before and after under one table.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from mpsdose.clinical.equivalence import OralMorphineEquivalent, oral_morphine_equivalent
from mpsdose.clinical.totals import Total, daily_totals
from mpsdose.knowledge.bundle import Knowledge
from mpsdose.knowledge.conversion import ConversionTable
from mpsdose.model.boundary import checked
from mpsdose.model.regimen import Course, Regimen
from mpsdose.model.value import Value

__all__ = ["Change", "Comparison", "Timeline", "compare", "timeline"]


@attrs.frozen(repr=False, eq=False)
class Change(Value):
    """One drug's daily total before and after (None: not in that regimen): scheduled, and with
    its PRN doses at their maximum (a PRN-only drug has a scheduled total of 0 and changes only
    there).

    Attributes
    ----------
    drug
        Canonical drug name.
    drug_class
        The drug's class.
    before, after
        The scheduled daily totals; None where the drug is not in that regimen.
    before_with_prn, after_with_prn
        The daily totals with PRN doses at their maximum; None where the drug is not in that
        regimen (or not given).
    """

    drug: str
    drug_class: str
    before: Total | None
    after: Total | None
    before_with_prn: Total | None = None
    after_with_prn: Total | None = None

    @property
    def status(self) -> str:
        """``started``, ``stopped``, ``changed``, ``unchanged`` or ``unknown``."""
        if self.before is None:
            return "started"
        if self.after is None:
            return "stopped"
        pairs = [(self.before, self.after)]
        if self.before_with_prn is not None and self.after_with_prn is not None:
            pairs.append((self.before_with_prn, self.after_with_prn))
        if any(_differ(a, b) for a, b in pairs if a.complete and b.complete):
            return "changed"
        if not all(a.complete and b.complete for a, b in pairs):
            return "unknown"
        return "unchanged"

    @property
    def prn_only(self) -> bool:
        """True where the drug is given only as needed, before and after (scheduled 0)."""
        return all(total is not None and total.mg_per_day == 0 and total.complete
                   for total in (self.before, self.after)) and \
            self.before_with_prn is not None and self.after_with_prn is not None

    @property
    def change_pct(self) -> float | None:
        """(after − before) / before × 100 of the scheduled totals, or for a PRN-only drug of
        the totals with PRN at maximum; None where either is missing or not known."""
        before, after = self.before, self.after
        if self.prn_only:
            before, after = self.before_with_prn, self.after_with_prn
        if before is None or after is None or not (before.complete and after.complete):
            return None
        if before.mg_per_day == 0:
            return None
        return (after.mg_per_day - before.mg_per_day) / before.mg_per_day * 100


def _differ(before: Total, after: Total) -> bool:
    return abs(after.mg_per_day - before.mg_per_day) > 1e-9 * max(before.mg_per_day, 1.0)


@attrs.frozen(repr=False, eq=False)
class Comparison(Value):
    """Two regimens compared under one conversion table.

    Attributes
    ----------
    before, after
        The regimens.
    changes
        One per drug of either regimen, in the order first named.
    ome_before, ome_after
        The scheduled OME of each [mg/day].
    table
        The conversion table used.
    """

    before: Regimen
    after: Regimen
    changes: tuple[Change, ...]
    ome_before: OralMorphineEquivalent
    ome_after: OralMorphineEquivalent
    table: ConversionTable
    ome_before_with_prn: OralMorphineEquivalent | None = None  #: PRN doses at their maximum
    ome_after_with_prn: OralMorphineEquivalent | None = None

    @property
    def ome_change_pct(self) -> float | None:
        """The change of the scheduled OME [%]; None where either is not known or the first is
        0."""
        a, b = self.ome_before.value, self.ome_after.value
        if a is None or b is None or a == 0:
            return None
        return (b - a) / a * 100


@checked
def compare(before: Regimen, after: Regimen,
            table: str | ConversionTable | None = None, *,
            knowledge: Knowledge | None = None) -> Comparison:
    """Per-drug daily totals and OME of two regimens, with what started, stopped or changed.

    Parameters
    ----------
    before, after
        The two regimens.
    table
        A conversion table id (default ``cdc2022``) or a loaded table, for the OME.
    knowledge
        The clinical knowledge to use; None: the shipped data.

    Returns
    -------
    Comparison

    Raises
    ------
    UnknownTableError
        An unknown table id.
    """
    old = {t.drug.name: t for t in daily_totals(before).drugs}
    new = {t.drug.name: t for t in daily_totals(after).drugs}
    changes = []
    for name in list(dict.fromkeys([*old, *new])):
        total = old.get(name) or new[name]
        changes.append(Change(
            name, total.drug.drug_class,
            None if name not in old else old[name].scheduled,
            None if name not in new else new[name].scheduled,
            None if name not in old else old[name].with_prn,
            None if name not in new else new[name].with_prn,
        ))
    # a single dose (once, stat) counted on its day, as in the drug totals above
    ome_before = oral_morphine_equivalent(before, table, knowledge=knowledge, count_once=True)
    ome_after = oral_morphine_equivalent(after, table, knowledge=knowledge, count_once=True)
    return Comparison(before, after, tuple(changes), ome_before.scheduled, ome_after.scheduled,
                      ome_after.table, ome_before.with_prn, ome_after.with_prn)


@attrs.frozen(repr=False, eq=False)
class Timeline(Value):
    """A course, state by state: each state's comparison with the one before.

    Attributes
    ----------
    course
        The course.
    steps
        ``steps[i]`` compares state i−1 (an empty regimen for i = 0) with state i.
    """

    course: Course
    steps: tuple[Comparison, ...]  #: steps[i] compares state i−1 (empty for i = 0) with state i

    @property
    def labels(self) -> Sequence[str]:
        """The states' labels, in order."""
        return [state.label for state in self.course.states]


@checked
def timeline(course: Course, table: str | ConversionTable | None = None, *,
             knowledge: Knowledge | None = None) -> Timeline:
    """Every state of a course compared with the state before it (the first with nothing).

    Parameters
    ----------
    course
        A course (``mpsdose.load`` reads one from a course file).
    table
        A conversion table id (default ``cdc2022``) or a loaded table, for the OME.
    knowledge
        The clinical knowledge to use; None: the shipped data.

    Returns
    -------
    Timeline

    Raises
    ------
    UnknownTableError
        An unknown table id.
    """
    steps = []
    previous = Regimen()
    for state in course.states:
        steps.append(compare(previous, state.regimen, table, knowledge=knowledge))
        previous = state.regimen
    return Timeline(course, tuple(steps))
