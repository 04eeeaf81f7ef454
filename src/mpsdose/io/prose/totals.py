"""Each state's oral morphine equivalent, and the totals a text prints checked against it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from mpsdose.clinical.equivalence import oral_morphine_equivalent
from mpsdose.clinical.ranges import CHECK_CODES, opioid_range_findings
from mpsdose.io.prose.result import Comparison, PrintedTotal, ReadItem, ReadState
from mpsdose.knowledge.bundle import Knowledge
from mpsdose.model.errors import DoseError
from mpsdose.model.regimen import Item

__all__ = ["AGREEMENT", "compare_totals", "implausible_doses", "state_totals"]

#: A printed total agrees with a computed one within this fraction of the printed value (case
#: reports round their totals).
AGREEMENT = 0.05


def _items(state: ReadState) -> list[Item]:
    return [item.item for item in state.items if item.item is not None]


def state_totals(state: ReadState, table: str, knowledge: Knowledge) -> ReadState:
    """The state with its total OME under ``table`` (scheduled, and with PRN at maximum) and
    each opioid item's OME; what could not be counted is listed, never counted as 0."""
    items = _items(state)
    equivalent = oral_morphine_equivalent(items, table, knowledge=knowledge)
    by_item = {id(row.item): row.ome.value for row in equivalent.items}
    missing = list(equivalent.with_prn.missing)
    for item in state.items:
        if item.item is None and item.drug.is_opioid:
            missing.append(f"{item.as_written!r}: not an item the tables can read (route or dose "
                           "not given)")
    read_items = tuple(
        attrs.evolve(item, ome_mg_per_day=by_item.get(id(item.item))) if item.item is not None
        else item for item in state.items)
    scheduled_missing = [m for m in equivalent.scheduled.missing] + [
        m for m, item in ((m, i) for i in state.items if i.item is None and i.drug.is_opioid
                          and not i.prn for m in [i.as_written])]
    scheduled = equivalent.scheduled.known_value if not scheduled_missing else None
    with_prn = equivalent.with_prn.known_value if not missing else None
    return attrs.evolve(state, items=read_items, total_ome_mg_per_day=scheduled,
                        total_ome_mg_per_day_with_prn=with_prn,
                        ome_not_counted=tuple(dict.fromkeys(missing)))


def implausible_doses(states: Sequence[ReadState], knowledge: Knowledge
                      ) -> list[tuple[ReadItem, str]]:
    """Each opioid item read (not carried) whose dose is above the plausibility ceiling of
    ``opioid_dose_ranges.csv`` (its ``plausible`` rows, judged as ``check`` judges them), with
    what the check says: a reading so far above any plausible dose suggests a misprint or a unit
    slip in the text (or a misreading), never a dose to pass on silently."""
    found = []
    for state in states:
        for read in state.items:
            if read.carried or read.item is None or not read.drug.is_opioid:
                continue
            try:
                findings = opioid_range_findings([read.item], knowledge=knowledge)
            except DoseError as error:  # beyond any single unit slip: not a dose at all
                found.append((read, str(error)))
                continue
            found += [(read, f.message) for f in findings
                      if f.code == CHECK_CODES["plausible"]]
    return found


def compare_totals(printed: Sequence[tuple[PrintedTotal, int]], states: Sequence[ReadState],
                   state_at: Mapping[int, int], knowledge: Knowledge) -> list[PrintedTotal]:
    """Each printed total with the state it follows and, for an OME, a daily total or a use,
    the computed one under every conversion table (or for its drug)."""
    result = []
    for total, sentence in printed:
        index = _state_for(sentence, state_at)
        total = attrs.evolve(total, state=index)
        if index is None or total.kind not in ("ome", "daily", "use"):
            why = ("a figure of a series or a change, not one state's total"
                   if total.kind in ("series", "change", "cumulative") else
                   "parenteral morphine equivalents: no table here computes them"
                   if total.kind == "parenteral-ome" else "no state to compare it with")
            result.append(attrs.evolve(total, note=_join(total.note, f"not compared: {why}")))
            continue
        state = states[index]
        if total.kind == "ome":
            comparisons = tuple(_ome(total, state, table_id, knowledge)
                                for table_id in knowledge.conversion_tables)
        else:
            comparisons = (_drug(total, state),)
        result.append(attrs.evolve(total, comparisons=comparisons))
    return result


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _state_for(sentence: int, state_at: Mapping[int, int]) -> int | None:
    known = [s for s in state_at if s <= sentence]
    return state_at[max(known)] if known else None


def _agreement(printed: float, computed: float | None, with_prn: float | None,
               table: str | None, why: str = "") -> Comparison:
    candidates = [c for c in (computed, with_prn) if c is not None]
    if not candidates:
        return Comparison(table, None, None, None, None, None, why or "not computable")
    best = min(candidates, key=lambda c: abs(printed - c))
    difference = printed - best
    pct = None if best == 0 else 100 * difference / best
    agrees = abs(difference) <= AGREEMENT * abs(printed)
    return Comparison(table, computed, with_prn, difference, pct, agrees, why)


def _ome(total: PrintedTotal, state: ReadState, table_id: str, knowledge: Knowledge) -> Comparison:
    equivalent = oral_morphine_equivalent(_items(state), table_id, knowledge=knowledge)
    unread = [i.as_written for i in state.items if i.item is None and i.drug.is_opioid]
    missing = list(equivalent.with_prn.missing) + unread
    scheduled = equivalent.scheduled.known_value if not equivalent.scheduled.missing and not [
        i for i in state.items if i.item is None and i.drug.is_opioid and not i.prn] else None
    with_prn = equivalent.with_prn.known_value if not missing else None
    why = "" if scheduled is not None or with_prn is not None else "; ".join(
        dict.fromkeys(missing)) or "no opioid in the state"
    return _agreement(total.value, scheduled, with_prn, table_id, why)


def _drug(total: PrintedTotal, state: ReadState) -> Comparison:
    if total.drug is None:
        return Comparison(None, None, None, None, None, None, "the total names no drug")
    scheduled = 0.0
    with_prn = 0.0
    complete = complete_prn = False
    for item in state.items:
        if item.drug.name != total.drug:
            continue
        if item.item is None:
            complete = complete_prn = False
            break
        daily = item.item.daily()
        if daily is None:
            if not item.prn:
                complete = False
                break
            complete_prn = False
            continue
        with_prn += daily
        complete_prn = True
        if not item.prn:
            scheduled += daily
            complete = True
    unit_scale = {"mg/day": 1.0, "g/day": 1000.0, "mcg/day": 1e-3, "mg": 1.0, "g": 1000.0,
                  "mcg": 1e-3}.get(total.unit)
    if unit_scale is None:
        return Comparison(None, None, None, None, None, None, f"unit {total.unit} not compared")
    printed_mg = total.value * unit_scale
    result = _agreement(printed_mg, scheduled if complete else None,
                        with_prn if complete_prn else None, None,
                        "" if complete or complete_prn else f"{total.drug}: daily total not known")
    return attrs.evolve(result, table=f"daily {total.drug} [mg/day]")
