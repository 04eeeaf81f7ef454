"""Opioid rotation: equianalgesic conversion with a reduction for incomplete cross-tolerance.

``convert(regimen, "hydromorphone sc")`` totals the regimen's scheduled opioids to oral morphine
equivalents with a **rotation** table (never a surveillance/MME table: the types keep them apart),
reduces for incomplete cross-tolerance (none for a route change of the same drug), converts to the
target drug and route, rounds **down** to what can be given, writes a practical schedule and the
rescue dose, and records every step. Ranges travel end to end: a factor range or a reduction range
gives a low and a high result at every step, and ``daily_dose`` is the low end.

To a fentanyl or buprenorphine patch the manufacturer's table is used (direction-dependent and
already conservative), never a factor inverted; such a conversion is marked not bidirectional.

Every number comes from ``data/`` (:mod:`mpsdose.knowledge.practice`, :mod:`mpsdose.clinical.equivalence`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from mpsdose.clinical.dosing import (
    NoGivableDoseError,
    Range,
    RotationError,
    Step,
    factor_for,
    format_range,
    givable_range,
    opioid_base,
    rotation_table,
    round_down,
    strength_market,
    strength_rows,
)
from mpsdose.clinical.market import market_table
from mpsdose.clinical.ranges import refuse_implausible, step_up_starts
from mpsdose.clinical.rescue import Rescue, describe_rescue, rescue_for
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.knowledge.conversion import ConversionTable
from mpsdose.model.boundary import checked
from mpsdose.model.drugs import Catalogue, Drug
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import Dose, Ingredient, Item, Patient, Regimen, Schedule, ScheduleKind
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import FORMS, RELEASES, ROUTE_SPELLINGS, Route

if TYPE_CHECKING:  # record types loaded with their data, on first use
    from mpsdose.knowledge.limits import OpioidRange
    from mpsdose.knowledge.practice import PatchBand, Rule
    from mpsdose.knowledge.products import PatchProduct

__all__ = ["Rotation", "Target", "Titration", "convert", "titrate"]


@attrs.frozen(repr=False, eq=False)
class Target(Value):
    """What to rotate to: a drug, a route, and optionally a release (ir/er) or form (patch).

    Attributes
    ----------
    drug
        The target opioid.
    route
        Its route.
    release
        ``ir``, ``er`` or None.
    form
        A dosage form (``patch``) or None.
    """

    drug: Drug
    route: Route
    release: str | None = None
    form: str | None = None
    #: the product named (``oxycontin po``), lower case, where the name written is a brand and
    #: not the drug's own name; its strengths are the ones rounded to (data/strength_products.csv)
    product: str | None = None

    @classmethod
    def parse(cls, text: str, catalogue: Catalogue) -> Target:
        """``"hydromorphone sc"``, ``"oxycodone er po"``, ``"fentanyl patch"``, ``"morphine"``.

        Parameters
        ----------
        text
            A drug name with an optional route, release and form, in any order.
        catalogue
            The catalogue that names the drug.

        Returns
        -------
        Target
            Oral where no route is written and the drug has an oral form.

        Raises
        ------
        RotationError
            No drug named, not an opioid, a route the drug lacks, or no route where the drug has
            no oral form.
        UnknownDrugError
            An unknown drug name.
        """
        words = text.strip().lower().replace(",", " ").split()
        route = release = form = None
        name: list[str] = []
        for word in words:
            if word in ROUTE_SPELLINGS:
                route = ROUTE_SPELLINGS[word]
            elif word in RELEASES:
                release = RELEASES[word]
            elif word in FORMS:
                form = FORMS[word]
            else:
                name.append(word)
        if not name:
            raise RotationError(f"--to {text!r} names no drug; write e.g. 'hydromorphone sc'")
        drug = catalogue.resolve(" ".join(name), text=text)
        if not drug.is_opioid:
            raise RotationError(f"{drug.name} is not an opioid; rotation is between opioids")
        if form == "patch" and route is None:
            route = Route.TRANSDERMAL
        if route is None:
            route = drug.default_route
            if route is None:
                raise RotationError(f"--to {text!r}: {drug.name} has no oral form; write the "
                                    f"route ({', '.join(sorted(r.value for r in drug.routes))})")
        if route not in drug.routes:
            raise RotationError(f"{drug.name} has no {route.value} route in the catalogue")
        if route is Route.TRANSDERMAL:
            form = "patch"
        written = " ".join(name)
        product = written if written != drug.name else None
        return cls(drug, route, release, form, product)

    def __str__(self) -> str:
        return " ".join(w for w in (self.drug.name, self.release, self.form, self.route.value)
                        if w)


def _named_product(knowledge: Knowledge, target: Target) -> str | None:
    """The product of ``strength_products.csv`` the target's name writes (``oxycontin`` →
    OxyContin, ``xtampza`` → Xtampza ER), or None (the generic drug: the reference family)."""
    if target.product is None:
        return None
    for row in knowledge.strength_products:
        if row.drug == target.drug.name and (
                row.product.lower() == target.product
                or row.product.lower().split()[0] == target.product.split()[0]):
            return row.product
    return None


@attrs.frozen(repr=False, eq=False)
class Rotation(Value):
    """The result of :func:`convert`, with every step of the working.

    Daily amounts are mg/day, or mcg/h for a patch (``unit``). Each range is (low, high); the low
    end is the suggested start (``daily_dose``).

    Attributes
    ----------
    target
        The opioid rotated to.
    table
        The rotation table used.
    converted
        The scheduled opioid items converted.
    ome
        Their scheduled OME [mg/day oral morphine].
    reduction
        Fraction removed for incomplete cross-tolerance [fraction of 1].
    equianalgesic
        The target's daily dose before reduction [``unit``].
    reduced
        After reduction, before rounding [``unit``].
    daily
        After rounding down to what can be given [``unit``].
    per_dose
        Per administration [mg, or mcg/h for a patch]; None for an infusion.
    schedule
        The new item's schedule.
    unit
        ``mg/day``, or ``mcg/h`` for a patch.
    rescue
        The new breakthrough dose, where one applies.
    steps
        Every step of the working, each with its source.
    findings
        What the prescriber must know (a patch for an opioid-naive patient, a range kept).
    bidirectional
        False where a manufacturer's table was used in its one direction (a patch).
    """

    target: Target
    table: ConversionTable
    converted: tuple[Item, ...]
    ome: Range  #: scheduled OME of the converted items [mg/day oral morphine]
    reduction: Range  #: fraction removed for incomplete cross-tolerance
    equianalgesic: Range  #: the target's daily dose before reduction
    reduced: Range  #: after reduction, before rounding
    daily: Range  #: after rounding down to what can be given
    per_dose: Range | None
    schedule: Schedule
    unit: str
    rescue: Rescue | None
    steps: tuple[Step, ...]
    findings: tuple[Finding, ...]
    bidirectional: bool

    @property
    def daily_dose(self) -> float:
        """The suggested start: the low end of the givable range [``unit``]."""
        return self.daily[0]

    def items(self, end: int = 0) -> tuple[Item, ...]:
        """The proposed new opioid items (scheduled, and rescue), at the low (0) or high (1) end.

        Parameters
        ----------
        end
            0 for the low end of each range (the suggested start), 1 for the high end.
        """
        proposed: list[Item] = []
        amount = self.per_dose[end] if self.per_dose is not None else self.daily[end]
        if amount > 0:
            unit = self.unit if self.per_dose is None else (
                "mcg/h" if self.unit == "mcg/h" else "mg")
            proposed.append(Item(
                (Ingredient(self.target.drug, Dose.of(amount, unit)),), self.target.route,
                self.schedule, release=self.target.release, form=self.target.form,
            ))
        if self.rescue is not None and self.rescue.per_dose[end] > 0:
            proposed.append(self.rescue.item(end))
        return tuple(proposed)


def _reduction(value: float | Range | None, default: Sequence[Rule]) -> tuple[Range, str]:
    if value is None:
        first = default[0]
        return first.bounds, first.source
    bounds = (value, value) if isinstance(value, int | float) else tuple(value)
    low, high = float(bounds[0]), float(bounds[1])
    if not (0 <= low <= high < 1):
        raise RotationError(f"reduction {value!r}: a fraction from 0 to below 1 (0.25 = 25%)")
    return (low, high), "set by the caller"


@checked
def convert(
    regimen: Regimen | Iterable[Item],
    to: str | Target,
    *,
    table: str | ConversionTable | None = None,
    reduction: float | Range | None = None,
    market: str = "us",
    patient: Patient | None = None,
    patch_table: str | None = None,
    knowledge: Knowledge | None = None,
) -> Rotation:
    """Rotate the regimen's scheduled opioids to one target opioid, showing every step.

    Parameters
    ----------
    regimen
        The current regimen; its scheduled opioids are converted (PRN rescue doses are not part
        of the base: see :func:`titrate` to count rescue doses used).
    to
        The target, e.g. ``"hydromorphone sc"``, ``"oxycodone er po"``, ``"fentanyl patch"``.
    table
        A rotation table id (default ``spcg``, or the market's: ``jspm2010`` for ``jp``); an MME
        (surveillance) table is refused.
    reduction
        Fraction removed for incomplete cross-tolerance, a value or a (low, high) range; by default
        the range in ``data/rotation_rules.csv`` for a change of drug, none for a change of route
        of the same drug.
    market
        Whose marketed strengths to round to (``us``, ``uk``, ``jp``), and whose label rules and
        default tables apply (``data/market_rules.csv``).
    patient
        For the opioid-tolerance requirement of a fentanyl patch.
    patch_table
        The manufacturer's table for a conversion to a fentanyl patch (default ``duragesic-us``,
        or the market's: ``fentos-insert`` for ``jp``).
    knowledge
        Where tables, strengths, schedules and rules come from (default: the shipped data).

    Returns
    -------
    Rotation
        The target's daily dose as a range rounded down to what can be given (the low end is the
        suggested start), its schedule and rescue dose, and every step with its source.

    Raises
    ------
    RotationError
        A dose unknown, no scheduled opioid, no factor in the table, an MME table.
    UnknownDrugError
        An unknown target drug.
    UnknownTableError
        An unknown table id.

    References
    ----------
    .. [1] Fine PG, Portenoy RK, et al. Establishing "best practices" for opioid rotation:
       conclusions of an expert panel. J Pain Symptom Manage 2009;38(3):418–425, Table 1 (the
       default 25–50% reduction for incomplete cross-tolerance, ``rotation_rules.csv``).
    .. [2] Scottish Palliative Care Guidelines, opioid conversion tables (the default rotation
       table, ``spcg``).

    Examples
    --------
    >>> import mpsdose
    >>> rotation = mpsdose.convert(mpsdose.Regimen.parse(["oxycodone 60 mg/day"]), "morphine po")
    >>> rotation.ome, rotation.reduction, rotation.daily
    ((120.0, 120.0), (0.25, 0.5), (60.0, 90.0))
    """
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    patient = patient or (regimen.patient if isinstance(regimen, Regimen) else Patient())
    knowledge = resolve(knowledge)
    target = Target.parse(to, knowledge.catalogue) if isinstance(to, str) else to
    market_rotation = market_table(market, "rotation_table", knowledge) if table is None else None
    chosen = rotation_table(knowledge, table or (market_rotation.table if market_rotation
                                                  else None))
    if target.drug.name == "fentanyl" and target.route in (Route.BUCCAL, Route.SUBLINGUAL,
                                                           Route.INTRANASAL):
        raise RotationError("transmucosal fentanyl is not converted by ratio: its labels start "
                            "every patient at the lowest strength and titrate, whatever the "
                            "background opioid")
    if target.drug.name == "methadone":
        raise RotationError("methadone is not converted by a ratio: use `mpsdose methadone`, "
                            "which shows the published methods side by side")
    if any(item.listed and not item.prn and d.name == "methadone"
           for item in items for d in item.drugs):
        raise RotationError(
            "conversion from methadone is its own direction with its own rules; a to-methadone "
            "ratio is not inverted, and mpsdose has no from-methadone table yet: seek specialist "
            "advice")
    # the plausibility judgement check makes: a unit slip is not converted into a new drug
    refuse_implausible(items, patient, what="conversion", market=market, table=chosen.id,
                       knowledge=knowledge)
    base = opioid_base(knowledge, items, chosen, "a rotation")
    borrowed = strength_market(knowledge, market)
    scheduled, prn, parts = base.scheduled, base.prn, base.parts
    if not scheduled:
        raise RotationError("no scheduled opioid to convert (PRN doses alone are not a base)")
    steps: list[Step] = [part.step for part in parts]
    if borrowed is not None:
        steps.insert(0, Step("rounding", f"no {market.upper()} strengths in data/strengths.csv: "
                                         f"rounded to the {borrowed.upper()} market's (borrowed; "
                                         "check the products available)"))
    if market_rotation is not None:
        steps.insert(0, Step("table", f"{chosen.id}: the rotation table of --market {market} "
                                      f"({market_rotation.statement}) [{market_rotation.source}]"))
    findings: list[Finding] = []
    partners = _unreduced_partners(knowledge, target.drug.name, {p.drug.name for p in parts})
    same = [part for part in parts if part.drug == target.drug or part.drug.name in partners]
    other = [part for part in parts if part not in same]
    same_low, same_high = sum(p.low for p in same), sum(p.high for p in same)
    other_low, other_high = sum(p.low for p in other), sum(p.high for p in other)
    ome = (same_low + other_low, same_high + other_high)
    steps.append(Step("total", f"oral morphine equivalent of the scheduled opioids: {format_range(ome)}"))
    if prn:
        steps.append(Step("total", "PRN doses not counted: " + "; ".join(map(str, prn))))
    steps.extend(_patch_removal(knowledge, scheduled))

    if target.route is Route.TRANSDERMAL:
        return _to_patch(knowledge, target, chosen, tuple(scheduled), ome, reduction, market,
                         patient, patch_table, steps, findings)

    step_two = _step_two(knowledge, target, [p.drug.name for p in parts])
    if step_two is not None and reduction is None:
        cut, cut_source = (0.0, 0.0), step_two
    elif other_high > 0 or reduction is not None:
        cut, cut_source = _reduction(reduction,
                                     knowledge.rotation_rules.all("cross_tolerance_reduction"))
    elif partners:
        cut, cut_source = (0.0, 0.0), "; ".join(
            f"{drug} and {target.drug.name} are converted at the table's ratio without a "
            f"reduction for incomplete cross-tolerance (converts_unreduced_with, "
            f"data/drug_properties.csv) [{source}]" for drug, source in sorted(partners.items()))
    else:
        cut, cut_source = (0.0, 0.0), "same drug, change of route only"
    reduced_ome = (same_low + other_low * (1 - cut[1]), same_high + other_high * (1 - cut[0]))
    target_factor = factor_for(knowledge, chosen, target.drug, target.route, target.form, None)
    f_low, f_high = target_factor.bounds
    to_unit = target_factor.unit
    equianalgesic = (to_unit.to_canonical(ome[0] / f_high), to_unit.to_canonical(ome[1] / f_low))
    reduced = (to_unit.to_canonical(reduced_ome[0] / f_high),
               to_unit.to_canonical(reduced_ome[1] / f_low))
    steps.append(Step("reduction", (
        f"{significant(cut[0] * 100, 3)}–{significant(cut[1] * 100, 3)}% off the OME of other drugs "
        f"({cut_source}): {format_range(reduced_ome)} OME"
        + "".join(f"; none off {drug}: converted at the table's ratio with {target.drug.name} "
                  f"(converts_unreduced_with, data/drug_properties.csv) [{source}]"
                  for drug, source in sorted(partners.items())))
        if other_high > 0 and cut[1] > 0 else f"no reduction: {cut_source}"))
    steps.append(Step("factor", (
        f"÷ {target_factor.describe()} for {target.drug.name} {target.route.value} "
        f"[{chosen.id}: {target_factor.source}]: equianalgesic {format_range(equianalgesic)}, "
        f"reduced {format_range(reduced)}")))

    release, schedule, doses_per_day, schedule_note = _schedule_for(knowledge, target, market,
                                                                    reduced[0])
    steps.append(Step("schedule", schedule_note))
    if step_two is not None and reduction is None and doses_per_day is not None:
        reduced = _step_up_plan(knowledge, target, release, doses_per_day, market, reduced,
                                steps)
    if doses_per_day is None:  # continuous infusion: round the daily amount
        (daily_low, daily_high), how, raised = givable_range(
            knowledge, reduced, target.drug.name, target.route, release, market,
            _named_product(knowledge, target))
        per_dose = None
        steps.append(Step("rounding", f"daily {format_range(reduced)} rounded {how}: "
                                      f"{format_range((daily_low, daily_high))}"))
        unit_text = "mg/day"
    else:
        per_dose, how, raised = givable_range(
            knowledge, (reduced[0] / doses_per_day, reduced[1] / doses_per_day),
            target.drug.name, target.route, release, market, _named_product(knowledge, target))
        daily_low, daily_high = per_dose[0] * doses_per_day, per_dose[1] * doses_per_day
        steps.append(Step("rounding", (
            f"per dose {format_range((reduced[0] / doses_per_day, reduced[1] / doses_per_day), 'mg')} "
            f"rounded {how}: {format_range(per_dose, 'mg')} {schedule} = "
            f"{format_range((daily_low, daily_high))}")))
        unit_text = "mg a dose"
    if raised is not None:
        start = daily_low if per_dose is None else per_dose[0]
        findings.append(Finding(
            Severity.INFO, "below-smallest-strength",
            f"the low end ({significant(raised, 3)} {unit_text}) is below the smallest {market} "
            f"strength of {target.drug.name} {release or ''} {target.route.value}: the start is "
            f"that strength, {significant(start, 3)} {unit_text}, within the computed range; for "
            "a lower start use an immediate-release or liquid form".replace("  ", " "),
            "data/strengths.csv"))
    target_final = attrs.evolve(target, release=release)
    rescue = rescue_for(target.drug, target.route, (daily_low, daily_high), market,
                        knowledge=knowledge)
    steps.append(Step("rescue", describe_rescue(rescue)))
    findings.append(Finding(
        Severity.INFO, "rotation-review",
        "Equianalgesic tables are estimates: review within 24–72 h, titrate to effect, and use "
        "the rescue dose; the reduction range is wider when pain is controlled", chosen.source))
    bidirectional = all(
        item.route is not Route.TRANSDERMAL for item in scheduled)
    return Rotation(target_final, chosen, tuple(scheduled), ome, cut, equianalgesic, reduced,
                    (daily_low, daily_high), per_dose, schedule, "mg/day", rescue, tuple(steps),
                    tuple(findings), bidirectional)


def _step_two(knowledge: Knowledge, target: Target, drugs: Sequence[str]) -> str | None:
    """Why no cross-tolerance reduction is taken, where every scheduled opioid converted is a
    step-2 (weak) opioid of the analgesic ladder (``who_step`` 2 in ``drug_properties.csv``) and
    the target is not: a step up the ladder (the step-2 opioid stopped, the strong opioid
    started), not a rotation, as ``check`` reads it (``equianalgesic-switch``, step up); else
    None."""
    def step(drug: str) -> tuple[str, str] | None:
        found = knowledge.drug_properties.get(drug, "who_step")
        return found if found is not None and found[0] == "2" else None

    weak = {drug: step(drug) for drug in drugs}
    if not weak or step(target.drug.name) is not None:
        return None
    sources = [found[1] for found in weak.values() if found is not None]
    if len(sources) < len(weak):
        return None
    return (f"a step up from a step-2 opioid ({', '.join(sorted(weak))}) to a strong opioid: the "
            "step-2 opioid is stopped and the strong opioid started, not a rotation reduced for "
            f"incomplete cross-tolerance [{'; '.join(dict.fromkeys(sources))}]")


def _step_up_plan(knowledge: Knowledge, target: Target, release: str | None,
                  doses_per_day: float, market: str, equianalgesic: Range,
                  steps: list[Step]) -> Range:
    """The daily range [mg/day] to round after a step up from step-2 opioids: the published
    start of the target for pain weaker opioids no longer control (the label's
    ``step-up-start`` and the palliative guideline's ``step-up-guideline`` rows of
    ``opioid_dose_ranges.csv``, the rows ``check`` reads: the market's own, else borrowed, and
    said so), from the lowest start to the highest; where none is shipped for the target, the
    unreduced equianalgesic range, and a step says so."""
    labels, guides = step_up_starts(target.drug.name, target.route, release,
                                    24.0 / doses_per_day, market, knowledge=knowledge)
    rows = [*labels, *guides]
    name = f"{target.drug.name} {release or ''} {target.route.value}".replace("  ", " ")
    if not rows:
        steps.append(Step("step up", (
            f"no published start for pain uncontrolled by weaker opioids is shipped for {name} "
            f"(opioid_dose_ranges.csv, step-up-start or step-up-guideline): the equianalgesic "
            f"dose, unreduced, {format_range(equianalgesic)}")))
        return equianalgesic
    per_dose = [row.per_dose if row.per_dose is not None else (row.per_day or 0.0) / doses_per_day
                for row in rows]
    per_dose = [min(dose, row.per_day / doses_per_day) if row.per_day is not None else dose
                for dose, row in zip(per_dose, rows, strict=True)]
    start = (min(per_dose) * doses_per_day, max(per_dose) * doses_per_day)

    def words(row: OpioidRange, dose: float) -> str:
        kind = "label" if row.check == "step-up-start" else "guideline"
        lent = (f", borrowed: no {market.upper()} row" if row.market not in (None, market)
                else "")
        return (f"{significant(dose, 4)} mg a dose ({(row.market or 'any').upper()} {kind}"
                f"{lent}; {row.where}) [{row.source.split(' [')[0]}]")

    steps.append(Step("step up", (
        f"the published start of {name} for pain uncontrolled by weaker opioids, the plan from "
        f"a step-2 opioid instead of the equianalgesic {format_range(equianalgesic)}: "
        + "; ".join(words(row, dose) for row, dose in zip(rows, per_dose, strict=True))
        + f" = {format_range(start)}; the low end is the start")))
    return start


def _patch_removal(knowledge: Knowledge, scheduled: Iterable[Item]) -> list[Step]:
    """A step for each patch the plan removes: how slowly its drug falls after removal and when
    the sources start the new opioid (``patch_removal_half_fall_h``, ``patch_removal_start_h``
    in ``data/rotation_rules.csv``, optional rules: a file without them says so)."""
    steps = []
    for drug in dict.fromkeys(d.name for item in scheduled if item.route is Route.TRANSDERMAL
                              for d in item.drugs):
        rows = [r for r in knowledge.rotation_rules.rows if r.drug in (None, drug)]
        falls = [r for r in rows if r.rule == "patch_removal_half_fall_h"]
        starts = [r for r in rows if r.rule == "patch_removal_start_h"]
        said = [f"a {drug} patch keeps acting after removal"]
        said += [f"its serum concentration has fallen by only about half "
                 f"{format_range(r.bounds, 'h')} after removal [{r.source}]" for r in falls]
        said += [f"start the first regular dose of the new opioid {format_range(r.bounds, 'h')} "
                 f"after removal, with an immediate-release opioid as needed until then "
                 f"[{r.source}]" for r in starts]
        if not starts:
            said.append(f"data/rotation_rules.csv gives no time after removal to start the new "
                        f"opioid for {drug}: time the first dose with its fall in mind")
        if not falls and not starts:
            said[-1] = (f"data/rotation_rules.csv has no removal timing for {drug}: time the "
                        "first dose of the new opioid with care")
        steps.append(Step("removal", "; ".join(said)))
    return steps


def _unreduced_partners(knowledge: Knowledge, target: str, drugs: Iterable[str]) -> dict[str, str]:
    """{drug: source} of the current opioids that convert to and from the target without a
    reduction for incomplete cross-tolerance (``converts_unreduced_with`` in
    ``drug_properties.csv``, either direction: diamorphine, a morphine prodrug, and morphine).

    The same rows ``check`` reads for a switch between them; one source of truth for the pair."""
    found: dict[str, str] = {}
    for drug in drugs:
        if drug == target:
            continue
        for a, b in ((drug, target), (target, drug)):
            row = knowledge.drug_properties.get(a, "converts_unreduced_with")
            if row is not None and row[0] == b:
                found[drug] = row[1]
    return found


def _schedule_for(knowledge: Knowledge, target: Target, market: str,
                  low_per_day: float) -> tuple[str | None, Schedule, float | None, str]:
    """(release, schedule, doses a day or None for an infusion, explanation).

    SC and IV without a form: a continuous infusion where ``data/schedules.csv`` has one. Oral
    without a release: extended release where the market has it and its smallest strength fits
    the low end of the dose, else immediate release.
    """
    drug, route = target.drug.name, target.route
    if route in (Route.SC, Route.IV) and target.release is None and target.form is None:
        continuous = [row for row in knowledge.schedules if row.drug == drug
                      and row.route is route and row.interval_h is None]
        if continuous:
            return None, Schedule(ScheduleKind.CONTINUOUS), None, (
                f"continuous {route.value} infusion over 24 h [{continuous[0].source}]")
    release = target.release
    if route is Route.ORAL and release is None:
        release = "ir"
        er = knowledge.usual_schedule(drug, route, "er")
        if er is not None and er.interval_h:
            smallest = [min(row.strengths) for row in
                        strength_rows(knowledge, drug, route, "er", market, ["mg"])
                        if row.release == "er"]
            if smallest and min(smallest) <= low_per_day * er.interval_h / 24 + 1e-9:
                release = "er"
    row = knowledge.usual_schedule(drug, route, release, target.form)
    if row is None or row.interval_h is None:
        raise RotationError(f"no usual schedule for {drug} {release or ''} {route.value} in "
                            "data/schedules.csv".replace("  ", " "))
    schedule = Schedule.every(row.interval_h)
    return release, schedule, 24.0 / row.interval_h, (
        f"{drug} {release or ''} {route.value}: {schedule} [{row.source}]".replace("  ", " "))


def _band(bands: Sequence[PatchBand], amount: float) -> PatchBand | None:
    """The band that holds an amount, or None (below or above the table).

    Tables print integer bands with gaps (60–134, 135–224); the data writes them as
    ``[60, 135)``, ``[135, 225)``, so 134.5 takes the lower band: the safe direction.
    """
    return next((band for band in bands if band.band.contains(amount)), None)


def _to_patch(knowledge: Knowledge, target: Target, table: ConversionTable,
              scheduled: tuple[Item, ...], ome: Range, reduction: float | Range | None,
              market: str, patient: Patient, patch_table: str | None, steps: list[Step],
              findings: list[Finding]) -> Rotation:
    drug = target.drug.name
    market_patch = (market_table(market, "patch_table", knowledge, drug)
                    if patch_table is None and drug == "fentanyl" else None)
    if drug != "fentanyl":
        name = "butrans-us"
    else:
        name = patch_table or (market_patch.table if market_patch and market_patch.table
                               else "duragesic-us")
    # the market's own first patch below the table (patch_low_start, market_rules.csv: the UK
    # and EU labels' 12 mcg/h from 30 mg/day of oral morphine), the rows check reads
    low_starts = ([r for r in knowledge.market_rules.of(market, "patch_low_start")
                   if r.matches(drug, Route.TRANSDERMAL) and r.value is not None]
                  if patch_table is None and market_patch is None else [])
    if market_patch is not None and market_patch.table == name:
        steps.append(Step("table", f"{name}: the patch table of --market {market} "
                                   f"({market_patch.statement}) [{market_patch.source}]"))
    elif patch_table is None and drug == "fentanyl":
        own = "" if not low_starts else (
            f", with the {market.upper()} label's own first patch below it: " + "; ".join(
                f"{r.value:g} mcg/h for {r.band.format('mg/day OME')} ({r.product}) [{r.source}]"
                for r in low_starts))
        borrowed = (f"; no {market.upper()} fentanyl patch table is shipped, so the US label's "
                    "is borrowed" if market != "us" else "")
        steps.append(Step("table", f"{name}: the US label's patch table{own}{borrowed}"))
    written = [b for b in knowledge.patch_bands if b.table == name and b.drug == drug
               and b.direction == "to_patch"]
    source_drug, source_route, amount = _patch_source(scheduled, written, ome)
    bands = sorted((b for b in written if b.from_drug == source_drug
                    and b.from_route is source_route), key=lambda b: b.from_min)
    if not bands:
        raise RotationError(f"no to-patch table {name!r} for {drug} in data/patch_conversion.csv")
    if low_starts and (source_drug, source_route) != ("morphine", Route.ORAL) and \
            _band(bands, amount[0]) is None and amount[0] < bands[0].from_min:
        # below the table's column for this drug: the market's own first patch is written in
        # oral morphine equivalents, so the regimen is read through its OME
        source_drug, source_route, amount = "morphine", Route.ORAL, ome
        bands = sorted((b for b in written if b.from_drug == "morphine"
                        and b.from_route is Route.ORAL), key=lambda b: b.from_min)
    if low_starts and (source_drug, source_route) == ("morphine", Route.ORAL):
        bands = sorted([*(attrs.evolve(bands[0], band=r.band, patch_mcg_h=float(r.value or 0),
                                       source=r.source, notes=r.statement)
                          for r in low_starts), *bands], key=lambda b: b.from_min)
    cut: Range = (0.0, 0.0)
    base = amount
    if reduction is not None:
        cut, _ = _reduction(reduction, ())
        base = (amount[0] * (1 - cut[1]), amount[1] * (1 - cut[0]))
        steps.append(Step("reduction", f"{format_range(cut)} set by the caller: "
                                       f"{format_range(base)} {source_drug} {source_route.value}"))
    else:
        steps.append(Step("reduction", f"none added: the {name} table is the label's "
                                       "conversion and already conservative"))
    chosen = [_band(bands, base[0]), _band(bands, base[1])]
    if chosen[0] is None and base[0] < bands[0].from_min:
        raise NoGivableDoseError(
            f"{source_drug} {source_route.value} {format_range(base)} is below the smallest patch: "
            f"the {name} table{f' with the {market.upper()} label' if low_starts else ''} "
            f"starts at {bands[0].from_min:g} mg/day "
            f"({bands[0].patch_mcg_h:g} mcg/h)"
            f"{_lower_starts(knowledge, market, drug, ome[0])}")
    if chosen[0] is None:
        raise RotationError(
            f"{source_drug} {source_route.value} {format_range(base)} is outside the {name} table "
            f"({bands[0].from_min:g}–{bands[-1].band.high or float('inf'):g} mg/day)")
    high_band = chosen[1] or bands[-1]
    rates = (chosen[0].patch_mcg_h, high_band.patch_mcg_h)
    steps.append(Step("factor", f"{name}, written from {source_drug} {source_route.value}: "
                                f"{format_range(base)} → {format_range(rates, 'mcg/h')} "
                                f"[{chosen[0].source}]"))
    strengths_rows = strength_rows(knowledge, drug, Route.TRANSDERMAL, None, market, ["mcg/h"])
    if strengths_rows:
        units = sorted({s for row in strengths_rows for s in row.strengths})
        given = (round_down(rates[0], units), round_down(rates[1], units))
        steps.append(Step("rounding", f"patch strengths ({market}) "
                                      f"{', '.join(f'{u:g}' for u in units)} mcg/h: "
                                      f"{format_range(given, 'mcg/h')}"))
    else:
        given = rates
    products = knowledge.products.for_table(name)
    intervals = {p.interval_h for p in products}
    row = knowledge.usual_schedule(drug, Route.TRANSDERMAL, None, "patch")
    if len(intervals) == 1:
        (interval,) = intervals
        schedule = Schedule.every(interval)
        labels = [p for p in products if any(abs(p.release_mcg_h - g) < 1e-9 for g in given)]
        shown = "; ".join(f"{p.product} {p.content_mg:g} mg (content as fentanyl {p.content_basis})"
                          f" = {p.release_mcg_h:g} mcg/h" for p in labels)
        steps.append(Step("schedule", f"change every {interval:g} h" + (f"; {shown}" if shown
                                                                          else "")
                          + f" [{products[0].source}]"))
    else:
        schedule = Schedule() if row is None or row.interval_h is None else Schedule.every(
            row.interval_h)
        if row is not None:
            steps.append(Step("schedule", f"change every {row.interval_h:g} h [{row.source}]"))
    patch_factor = table.lookup(drug, Route.TRANSDERMAL)
    if patch_factor is not None:
        patch_ome = given[0] * patch_factor.bounds[0]
        if patch_ome >= ome[0] * (1 - 1e-9):
            findings.append(Finding(
                Severity.WARNING, "equianalgesic-switch",
                f"the {name} table adds no reduction: {format_range(given, 'mcg/h')} is "
                f"{format_range((patch_ome, patch_ome))} OME by {table.id}, not below the current "
                f"{format_range(ome)}; the label calls its table conservative, but watch for toxicity",
                chosen[0].source))
    own_start = next((r for r in low_starts if chosen[0].source == r.source), None)
    if drug == "fentanyl":
        tolerance = _patch_tolerance(knowledge, ome, patient, products)
        if own_start is not None:  # the market's label gives this first patch, as check reads it
            tolerance = [f for f in tolerance if f.code != "patch-not-tolerant"]
            tolerance.append(Finding(Severity.INFO, "fentanyl-patch-low-ome", (
                f"a first fentanyl patch of {given[0]:g} mcg/h from OME {format_range(ome)}: below "
                f"the US label's 60 mg/day of opioid tolerance, but the {market.upper()} label "
                f"and tables give {own_start.value:g} mcg/h for "
                f"{own_start.band.format('mg/day OME')} ({own_start.product}): "
                f"{own_start.statement}"), own_start.source))
        findings.extend(tolerance)
    for band in {id(b): b for b in chosen if b is not None}.values():
        if band.notes and (band is not chosen[0] or own_start is None):
            findings.append(Finding(Severity.INFO, "patch-table-note", f"{name}: {band.notes}",
                                    band.source))
    new_ome, how = _patch_equivalent(table, drug, given, chosen[0], high_band)
    rescue = rescue_for(knowledge.catalogue.drugs["morphine"], Route.ORAL, new_ome, market,
                        knowledge=knowledge)
    steps.append(Step("rescue", f"oral morphine, sized from the new patch ({how}), not from the "
                                f"old regimen: " + describe_rescue(rescue)))
    return Rotation(target, table, scheduled, ome, cut, rates, rates, given, given, schedule,
                    "mcg/h", rescue, tuple(steps), tuple(findings), bidirectional=False)


def _lower_starts(knowledge: Knowledge, market: str, drug: str, ome: float) -> str:
    """What to do below the smallest patch: stay on the current opioid, or the other markets
    whose label gives a first patch for this oral morphine equivalent (``patch_low_start``)."""
    rows = [r for r in knowledge.market_rules.rows if r.rule == "patch_low_start"
            and r.market != market and r.matches(drug, Route.TRANSDERMAL) and r.value is not None
            and r.band.contains(ome)]
    other = "".join(f"; or, where that label applies, --market {r.market}: {r.value:g} mcg/h for "
                    f"{r.band.format('mg/day OME')} ({r.product})" for r in rows)
    return (". Stay on the oral or parenteral opioid and titrate until the dose reaches the "
            f"table{other}")


def _patch_equivalent(table: ConversionTable, drug: str, given: Range, low_band: PatchBand,
                      high_band: PatchBand) -> tuple[Range, str]:
    """The oral morphine equivalent of the patch given [mg/day], for sizing its rescue dose.

    The rotation table's factor at its lower (more cautious, for a rescue) reading; where the
    table has none, the low edge of the manufacturer's band that gave each end, converted to oral
    morphine where the band is written from another drug (the Fentos table's oral oxycodone).
    """
    factor = table.lookup(drug, Route.TRANSDERMAL)
    if factor is not None:
        low = factor.bounds[0]
        ome = (given[0] * low, given[1] * low)
        return ome, (f"{format_range(given, 'mcg/h')} × {significant(low, 4)} mg OME/day per "
                     f"mcg/h, the lower reading of {table.id} = {format_range(ome)} OME")
    edges = (low_band.from_min, high_band.from_min)
    if (low_band.from_drug, low_band.from_route) == ("morphine", Route.ORAL):
        return edges, f"the low edge of the table's band, {format_range(edges)} oral morphine"
    source = table.lookup(low_band.from_drug, low_band.from_route)
    if source is None:
        raise RotationError(f"{table.id} has no factor for {drug} patches nor for "
                            f"{low_band.from_drug} {low_band.from_route.value}: the rescue "
                            "dose cannot be sized from the new patch")
    ome = (edges[0] * source.bounds[0], edges[1] * source.bounds[0])
    return ome, (f"the low edge of the table's band, {format_range(edges)} "
                 f"{low_band.from_drug} {low_band.from_route.value} × "
                 f"{significant(source.bounds[0], 4)} ({table.id}) = {format_range(ome)} OME")


def _patch_source(scheduled: Sequence[Item], bands: Sequence[PatchBand],
                  ome: Range) -> tuple[str, Route, Range]:
    """What a patch table is read from, in the direction it was written: the one drug and route
    of the regimen where the table has that column (the Fentos table's oral oxycodone bands),
    else oral morphine, through the oral morphine equivalent."""
    pairs = {(d.name, item.route) for item in scheduled for d in item.drugs if d.is_opioid}
    if len(pairs) == 1:
        ((drug, route),) = pairs
        if (drug, route) != ("morphine", Route.ORAL) and any(
                b.from_drug == drug and b.from_route is route for b in bands):
            daily = sum(item.daily(i) or 0.0 for item in scheduled for i in item.ingredients
                        if i.drug.name == drug)
            return drug, route, (daily, daily)
    return "morphine", Route.ORAL, ome


def _patch_tolerance(knowledge: Knowledge, base: Range, patient: Patient,
                     products: Sequence[PatchProduct] = ()) -> list[Finding]:
    found: list[Finding] = []
    if products:  # a patch whose own label starts opioid-naive patients (Fentos) is not held
        first = products[0]  # to another label's definition of opioid tolerance
        naive = knowledge.market_rules.first(first.market, "naive_start_max", first.drug,
                                             Route.TRANSDERMAL)
        if naive is not None and naive.interval_h == first.interval_h:
            return [Finding(Severity.INFO, "patch-label-naive-start",
                            f"{naive.product}: {naive.statement}; its switching table begins at "
                            "the lowest doses", naive.source)]
    rules = knowledge.rotation_rules
    threshold = next(r for r in rules.all("fentanyl_patch_opioid_tolerance", "morphine")
                     if r.unit == "mg/day")
    if patient.opioid_tolerant is False:
        found.append(Finding(Severity.ERROR, "patch-opioid-naive",
                             "a fentanyl patch is for opioid-tolerant patients only; the patient "
                             "is recorded as opioid-naive", threshold.source))
    if base[0] < threshold.bounds[0]:
        found.append(Finding(
            Severity.ERROR, "patch-not-tolerant",
            f"current oral morphine equivalent {format_range(base)} is below the "
            f"{threshold.bounds[0]:g} mg/day that defines opioid tolerance for a fentanyl patch",
            threshold.source))
    days = [r for r in rules.all("fentanyl_patch_opioid_tolerance") if r.unit == "days"]
    if days:
        found.append(Finding(Severity.INFO, "patch-tolerance-duration",
                             f"opioid tolerance means that dose for at least "
                             f"{days[0].bounds[0]:g} days", days[0].source))
    return found


@attrs.frozen(repr=False, eq=False)
class Titration(Value):
    """The next step up of a regimen's scheduled opioid, with its new rescue dose.

    Attributes
    ----------
    item
        The scheduled opioid item.
    current
        Its daily dose [mg/day].
    next_daily
        The proposed daily dose (low, high) [mg/day].
    rescue
        The rescue dose for the new daily dose.
    steps
        The working, each step with its source.
    """

    item: Item
    current: float  #: current daily dose [mg/day]
    next_daily: Range  #: proposed daily dose [mg/day]
    rescue: Rescue | None
    steps: tuple[Step, ...]


@checked
def titrate(regimen: Regimen | Iterable[Item], *, rescue_used_mg: float | None = None,
            step: float | Range | None = None, market: str = "us",
            knowledge: Knowledge | None = None) -> Titration:
    """The next step for the (single) scheduled opioid: +25–50%, or scheduled + rescue used.

    With ``rescue_used_mg`` (the total of rescue doses taken in the last 24 h, mg of the same
    opioid) the new daily dose is the scheduled dose plus that total, capped at the top of the
    titration step; otherwise the step range of ``data/rotation_rules.csv``.

    Parameters
    ----------
    regimen
        A regimen with exactly one scheduled single-drug opioid.
    rescue_used_mg
        Rescue doses taken in the last 24 h [mg of the same opioid].
    step
        The increase as a fraction or a (low, high) range (0.25 = 25%); default: the first
        ``titration_step`` row.
    market
        Whose marketed strengths the rescue dose is rounded to (``us``, ``uk``, ``jp``).
    knowledge
        The clinical knowledge to use; None: the shipped data.

    Returns
    -------
    Titration

    Raises
    ------
    RotationError
        Not exactly one scheduled single-drug opioid, or its dose unknown.
    """
    if rescue_used_mg is not None and rescue_used_mg < 0:
        raise RotationError(f"rescue_used_mg {rescue_used_mg!r} is negative")
    steps_given = () if step is None else (step,) if isinstance(step, int | float) else step
    if any(not 0 <= s <= 1 for s in steps_given):
        raise RotationError(f"step {step!r}: a fraction from 0 to 1 (0.25 for +25%)")
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    scheduled = [i for i in items if i.listed and i.drug.is_opioid and not i.prn]
    if len(scheduled) != 1 or len(scheduled[0].ingredients) != 1:
        raise RotationError("titrate() needs exactly one scheduled single-drug opioid")
    (item,) = scheduled
    current = item.daily()
    if current is None:
        raise RotationError(f"{item}: dose unknown")
    knowledge = resolve(knowledge)
    step_rule = knowledge.rotation_rules.first("titration_step")
    bounds = step_rule.bounds if step is None else (
        (step, step) if isinstance(step, int | float) else (float(step[0]), float(step[1])))
    steps = [Step("current", f"{item}: {significant(current, 4)} mg/day")]
    if rescue_used_mg is not None:
        proposed = current + rescue_used_mg
        ceiling = current * (1 + bounds[1])
        next_daily = (min(proposed, ceiling), min(proposed, ceiling))
        steps.append(Step("titration", (
            f"scheduled {significant(current, 4)} + rescue used {significant(rescue_used_mg, 4)} mg = "
            f"{significant(proposed, 4)} mg/day, not above +{significant(bounds[1] * 100, 3)}% "
            f"[{step_rule.source}]")))
    else:
        next_daily = (current * (1 + bounds[0]), current * (1 + bounds[1]))
        steps.append(Step("titration", f"+{significant(bounds[0] * 100, 3)}–"
                                       f"{significant(bounds[1] * 100, 3)}%: {format_range(next_daily)} "
                                       f"[{step_rule.source}]"))
    rescue = rescue_for(item.drug, item.route, next_daily, market, knowledge=knowledge)
    steps.append(Step("rescue", describe_rescue(rescue)))
    return Titration(item, current, next_daily, rescue, tuple(steps))
