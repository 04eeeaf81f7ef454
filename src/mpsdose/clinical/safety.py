"""Safety checks: a regimen and a patient against dose limits, dose ranges, duplications and risky
combinations.

``check(regimen, patient)`` returns findings (severity, code, message, source); ``enforce`` raises
:class:`SafetyError` when any is an error. Every limit and rule is data with its source. The rule
families:

- **limits** (``data/dose_limits.csv``): maximum single and daily doses, per kg, duration, by age,
  weight, CrCl, hepatic function, dialysis and risk factors (chronic alcohol use, malnutrition,
  dehydration); a patient on dialysis with no CrCl given is read as kidney failure (rule
  ``kidney-failure-dialysis``). *Every* row that applies is checked and the strictest limit
  crossed is named; a dose above one market's label but within another's is a warning naming
  both; a row scoped to one indication or product (loxoprofen's 180 mg/day for acute upper
  respiratory inflammation, over-the-counter caps) is reported only where the drug has no
  general maximum of that kind; the labelled maximum reached with no risk factor is information.
- **opioid dose ranges** (``data/opioid_dose_ranges.csv``, :mod:`mpsdose.clinical.ranges`): every
  opioid and route per dose and per day, in oral morphine equivalents with the route's own factor
  and by the drug's own label; opioid-naive, tolerant or not known.
- **switches** (``previous=`` and the states of a course): a route change of the same opioid at
  the same mg (as-needed doses dose for dose), an increase beyond the published titration step,
  a switch judged in the chosen table and under the most cautious rotation table, a switch from
  methadone; a switch to methadone by its starting-dose cap and the chosen market's label.
- **rescue doses** (:func:`mpsdose.clinical.rescue.check_rescue`) in equivalents across drugs and
  routes, with the market's usual share.
- **interactions** (``data/safety_rules.csv``, ``data/drug_properties.csv``): NSAIDs with each
  other, corticosteroids, anticoagulants, antiplatelets, SSRIs/SNRIs, renal function and age;
  opioids with benzodiazepines, gabapentinoids, serotonergic and QT-prolonging drugs; renal and
  hepatic impairment (a caution-class opioid below CrCl 30 is information where given only as
  needed or where every dose is within a renal source's start or renally adjusted maximum,
  ``data/renal_opioid_doses.csv``: :mod:`mpsdose.clinical.renal`; an opioid in moderate hepatic
  impairment likewise where every dose is within a label's reduced hepatic start,
  ``data/hepatic_opioid_doses.csv``: :mod:`mpsdose.clinical.hepatic`); products for opioid-tolerant
  patients only (transmucosal fentanyl) beside the regimen that makes a patient tolerant.

**Settings.** A rule whose source excludes the patient's care setting (``Patient.setting``; the
Beers Criteria exclude hospice and end-of-life care) steps down to info and says so. An opioid and
a benzodiazepine both by continuous subcutaneous infusion are read as the syringe driver of
end-of-life care when no setting is given. A maximum of the patient's care setting
(``data/setting_limits.csv``: palliative guidance's SC metoclopramide 100 mg/24 h) applies there,
and the licence maximum it stands in for (of the same drug, route and condition, each kind the
setting's row gives) steps down to info, naming it.

Missing patient context never invents a value: a check that needs what was not given says so once,
as ``info``.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

from mpsdose.clinical.dosing import (
    scheduled_ome,
    scheduled_opioid_days,
    switch_tables,
)
from mpsdose.clinical.equivalence import oral_morphine_equivalent
from mpsdose.clinical.hepatic import hepatic_dose_met
from mpsdose.clinical.market import (
    market_findings,
    market_table,
    methadone_label_start,
    naive_start_allowed,
    scheduled_opioids,
)
from mpsdose.clinical.ranges import (
    PreviousOpioids,
    borrowed_titration_markets,
    label_step_up_start,
    label_titration_step,
    labelled_wear,
    naive_start_rows,
    opioid_range_findings,
    previous_opioids,
    step_up_guidelines_above,
    written_brands,
)
from mpsdose.clinical.renal import renal_dose_met
from mpsdose.clinical.rescue import check_rescue
from mpsdose.clinical.titration import titration_step_findings
from mpsdose.clinical.totals import daily_totals, drug_daily
from mpsdose.clinical.totals import findings as total_findings
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.knowledge.conversion import RotationTable
from mpsdose.knowledge.limits import DoseLimit, HepaticDose, OpioidRange, SafetyRule
from mpsdose.knowledge.market import MarketRule
from mpsdose.knowledge.practice import LabelSwitch, PatchBand, UsualSchedule
from mpsdose.knowledge.schema import Interval
from mpsdose.model.boundary import checked
from mpsdose.model.errors import MpsdoseError, short_source
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import (
    PATIENT_BOUNDS,
    Course,
    Hepatic,
    Ingredient,
    Item,
    Patient,
    Regimen,
    ScheduleKind,
    State,
)
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import CONDITIONS, ROUTE_GROUPS, Route, parse_condition

__all__ = ["FOLDS", "SafetyError", "check", "check_course", "enforce"]

_TOLERANCE = 1e-9


class SafetyError(MpsdoseError, ValueError):
    """Raised by :func:`enforce` when a regimen has error-level findings.

    A :class:`ValueError` whose ``exit_code`` is 1, as ``mpsdose check`` exits with error-level
    findings.

    Parameters
    ----------
    findings
        Every finding of the check (kept as ``findings``); the message lists the errors.
    """

    exit_code = 1

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        super().__init__("; ".join(f"{f.code}: {f.message}" for f in errors))


def _and_rule_source(source: str, rule: SafetyRule) -> str:
    """A property row's source, and the rule's where it is another."""
    return source if source == rule.source else f"{source} ; also: {rule.source}"


def _rule(k: Knowledge, check: str, *, threshold: bool = False) -> SafetyRule:
    """The first (default) row of a check in ``safety_rules.csv``; with ``threshold``, the first
    row that gives one."""
    return k.safety_rules.first(check, threshold=threshold)


def _ruled(k: Knowledge, check: str, text: str, *, code: str | None = None,
           rule: SafetyRule | None = None, patient: Patient | None = None) -> Finding:
    """A finding of a check: what was found, then what its source says, with the source.

    Where the patient's care setting is one the rule's source excludes (the Beers Criteria
    exclude hospice and end-of-life care), the finding steps down to info and says why.
    """
    rule = rule or _rule(k, check)
    message = f"{text}. {rule.statement}"
    severity = rule.severity
    source = rule.source
    if patient is not None and patient.setting in rule.excluded_settings \
            and severity is not Severity.INFO:
        severity = Severity.INFO
        message += (f" Stepped down to info: the source excludes {patient.setting} care "
                    f"[{rule.exclusion_source or rule.source}].")
    return Finding(severity, code or check, message, source)


# -- the checks ---------------------------------------------------------------------------------
_CONDITION_WORDS = {"age": "age", "weight_kg": "weight", "crcl_ml_min": "creatinine clearance",
                    "hepatic": "hepatic function", "opioid_tolerant": "opioid tolerance"}


def _limit_findings(k: Knowledge, items: Sequence[Item], patient: Patient,
                    market: str | None) -> list[Finding]:
    """Every applicable row of ``dose_limits.csv``: the strictest crossed wins.

    Rows of another market than ``market`` are left out. A row scoped to one indication or
    product is reported only where the drug has no general row of that kind (mpsdose does not
    know the indication). A crossed row whose twin of another market (same drug, route, release,
    condition and scope) allows the dose steps down to a warning naming both, and a row that is
    itself a warning (a usual dose the label lets be adjusted) to information; a maximum borrowed
    from another market because the chosen one has none (:func:`_risk_rows_elsewhere`) stays a
    warning.
    """
    items = [item for item in items if not _by_the_plaster(item)]
    given = {(d.name, item.route) for item in items if item.listed for d in item.drugs}
    drugs = {drug for drug, _ in given}
    rows = [row for row in k.dose_limits if row.drug in drugs and row.partnered(drugs)
            and (row.route is None or (row.drug, row.route) in given)
            and (market is None or row.market in (None, market))]
    if market is not None:
        rows = _market_speaks(rows)
        rows += _risk_rows_elsewhere(k, rows, given, market, patient)
    rows += [row for row in k.setting_limits if patient.setting in row.settings
             and row.drug in drugs and row.partnered(drugs)
             and (row.route is None or (row.drug, row.route) in given)
             and (market is None or row.market in (None, market))]
    unknown_context: dict[tuple[str, str], str] = {}
    applying: list[DoseLimit] = []
    failure = _kidney_failure(k, patient)
    dialysis_crcl = None if failure is None else failure.threshold
    read_as_failure: set[str] = set()
    for row in rows:
        applies = row.applies(patient, dialysis_crcl=dialysis_crcl)
        if dialysis_crcl is not None and row.condition == "crcl_ml_min" and applies:
            read_as_failure.add(row.drug)
        if applies is None:
            unknown_context.setdefault((row.drug, row.unknown_condition(patient)), row.source)
            top = _top_band(row)
            if top is not None:
                applying.append(top)
        elif applies:
            applying.append(row)
            if (row.max_daily_mg_per_kg is not None or row.max_single_mg_per_kg is not None) \
                    and patient.weight_kg is None:
                unknown_context.setdefault((row.drug, "weight_kg"), row.source)
    applying += _across_releases(applying, items)
    applying += _across_routes(k, applying, items)
    measured: list[_Measured] = []
    for row in applying:
        measured.extend(_one_limit(items, row, patient, _own_release_rows(row, applying),
                                   _rule(k, "usual-palliative-range", threshold=True).threshold))
    measured = [_stepped_down(m, applying, patient) for m in measured]
    found = _strictest(measured, applying, patient, market)
    found.extend(_below_every_band(rows, patient))
    if failure is not None and read_as_failure:
        found.append(_dialysis_read(failure, sorted(read_as_failure)))
    for (drug, condition), source in sorted(unknown_context.items()):
        what = _CONDITION_WORDS.get(condition, condition)
        found.append(Finding(Severity.INFO, "limit-not-checked",
                             f"{drug}: {what} not given, so its {what} limits were not checked",
                             source))
    return found


def _by_the_plaster(item: Item) -> bool:
    """Whether an item is a plaster put on the skin by a route other than transdermal (a
    lidocaine 5% plaster, topical): it is dosed by the plaster, and the mg it holds is not the
    dose the mg maxima of its route are written in (a 700 mg lidocaine plaster is not 700 mg of
    lidocaine given; the topical maxima are those of the solutions and gels, whose mg are the
    dose). Such an item is measured by no dose_limits row and is said to be not checked."""
    return item.form == "patch" and item.route is not Route.TRANSDERMAL


_ACROSS_RELEASES = "Every release together"


def _given_releases(items: Sequence[Item], drug: str, route: Route | None) -> set[str]:
    """The releases in which the listed items give ``drug`` by ``route`` (None: any), an item
    that does not say read as immediate release (as :func:`drug_daily` reads it)."""
    return {item.release or "ir" for item in items
            if item.listed and (route is None or item.route is route)
            and drug in {d.name for d in item.drugs}}


def _across_releases(applying: Sequence[DoseLimit], items: Sequence[Item]) -> list[DoseLimit]:
    """A daily maximum of the drug whatever its release, where its label gives one daily maximum
    per release and the regimen gives the drug in more than one of them.

    A release's daily maximum counts only that release's items: the NUCYNTA ER label's
    500 mg/day sees the ER tablets and the NUCYNTA (immediate-release) label's 600 mg/day the IR
    ones, so ER 500 mg/day beside IR 600 mg/day (1100 mg of tapentadol a day) crossed neither.
    The drug's day over every release is judged against the largest of its release maxima of
    the same market, route and patient condition: no label of the drug allows more of it in a
    day (the ER label also says to stop every other tapentadol product). Only where the
    limits rows give such maxima: a drug whose releases have no daily maximum (morphine or
    oxycodone, MR with an IR rescue) gets none, and a drug with a daily maximum of no release
    already counts every release.
    """
    groups: dict[tuple[object, ...], list[DoseLimit]] = {}
    for row in applying:
        if row.release is not None and row.max_daily_mg is not None and not row.scope \
                and not row.settings:
            groups.setdefault((row.drug, row.route, row.market, row.when), []).append(row)
    found = []
    for (drug, route, market, when), rows in groups.items():
        releases = {row.release for row in rows}
        if len(releases) < 2 or len(_given_releases(items, str(drug), rows[0].route)
                                    & {str(r) for r in releases}) < 2:
            continue
        if any(row.release is None and row.max_daily_mg is not None and row.drug == drug
               and row.route in (None, route) and row.market == market
               and row.when == when for row in applying):
            continue  # a maximum of the drug whatever its release already counts every release
        top = max(rows, key=lambda row: row.max_daily_mg or 0.0)
        each = ", ".join(f"{str(row.release).upper()} {significant(row.max_daily_mg or 0, 4)} "
                         f"{row.dose_unit}/day" for row in sorted(rows, key=lambda r: str(r.release)))
        found.append(attrs.evolve(
            top, release=None, max_single_mg=None, max_daily_mg_per_kg=None, max_days=None,
            max_single_mg_per_kg=None,
            source=" ; ".join(dict.fromkeys(row.source for row in rows)),
            notes=(f"{_ACROSS_RELEASES}: the largest of the release maxima ({each}), as no label "
                   f"of a release allows more of the drug in a day. {top.notes}").strip()))
    return found


_ACROSS_ROUTES = "Every route together"


def _across_routes(k: Knowledge, applying: Sequence[DoseLimit],
                   items: Sequence[Item]) -> list[DoseLimit]:
    """A route's daily maximum applied to the drug's day by every route, where the drug's labels
    count its daily maximum from every route and product (``drug_properties.csv``
    ``daily_maximum_all_routes``, by market) and the regimen gives it by more than one route.

    A row of one route counts only that route's items: the UK oral paracetamol 4 g/day sees the
    tablets and the UK IV 4 g/day the infusions, so 4 g by mouth beside 4 g IV (8 g a day)
    crossed neither. Each applying daily maximum of a route given (not a single dose, not a
    duration, not a contraindication, not one indication's or care setting's) also judges the
    day by every route, and the strictest crossed wins as for any row. Only for the drugs and
    markets the data names: the route maxima of other drugs measure different exposures
    (methylnaltrexone SC and oral; the opioids are judged in OME). A market whose maximum has no
    route (US, AU) already counts every route and is left as it is.
    """
    routes: dict[str, set[Route]] = {}
    for item in items:
        if item.listed:
            for drug in item.drugs:
                routes.setdefault(drug.name, set()).add(item.route)
    found = []
    for row in applying:
        given = routes.get(row.drug, set())
        shared = k.drug_properties.get(row.drug, "daily_maximum_all_routes")
        if (shared is None or len(given) < 2 or row.route not in given or row.release is not None
                or row.scope or row.settings or row.max_daily_mg == 0
                or (row.max_daily_mg is None and row.max_daily_mg_per_kg is None)
                or (row.market is not None and row.market not in shared[0].split())):
            continue
        if any(other.drug == row.drug and other.route is None and other.release is None
               and other.market == row.market and other.when == row.when
               and not other.scope and not other.settings
               and (other.max_daily_mg or other.max_daily_mg_per_kg) for other in applying):
            continue  # a maximum of the drug by no route already counts every route
        parts = " + ".join(
            f"{route.value} {significant(drug_daily(items, row.drug, route)[0], 4)}"
            for route in sorted(given, key=lambda r: r.value))
        found.append(attrs.evolve(
            row, route=None, max_single_mg=None, max_single_mg_per_kg=None, max_days=None,
            source=f"{row.source} ; also: {shared[1]}",
            notes=(f"{_ACROSS_ROUTES} ({parts} {row.dose_unit}/day), judged by the "
                   f"{row.route.value if row.route else ''} maximum: the labels count the day "
                   f"from every route and product. {row.notes}").strip()))
    return found


def _stepped_down(measured: _Measured, applying: Sequence[DoseLimit],
                  patient: Patient) -> _Measured:
    """A licence maximum stepped down to info where a row of the patient's care setting
    (``setting_limits.csv``) gives that kind of maximum in its place.

    Palliative guidance gives subcutaneous metoclopramide 30-100 mg/24 h where the licence
    allows 30 mg/day: in palliative care the licence's daily maximum is named as information and
    the palliative one is the maximum. A maximum the setting's row does not give (a single
    dose), and rows of another condition (a renal band), stay as they are. A setting's row
    stricter than the licence row (trazodone's US outpatient maximum of 400 mg/day in the
    community, beside the label's inpatient 600) is a maximum of its own, not one in the
    licence row's place: the licence row crossed stays as it is.
    """
    if measured.row.severity is Severity.INFO:
        return measured
    licence = _ceiling(measured.row, measured.kind, patient)
    ceilings = [row for row in applying
                if row.replaces(measured.row) and measured.kind in row.kinds
                and (licence is None
                     or (_ceiling(row, measured.kind, patient) or math.inf) >= licence)]
    if not ceilings:
        return measured
    return attrs.evolve(measured, row=attrs.evolve(measured.row, severity=Severity.INFO),
                        instead=min(ceilings, key=lambda row: _ceiling(
                            row, measured.kind, patient) or math.inf))


def _below_every_band(rows: Sequence[DoseLimit], patient: Patient) -> list[Finding]:
    """A warning for each drug whose CrCl bands all lie above the patient's CrCl.

    A label that doses a drug by CrCl bands down to 15 mL/min and says nothing below (edoxaban,
    "not recommended" under 15) leaves a patient at 11 mL/min judged by no renal row at all: the
    general maximum would pass the dose in silence. Where the patient's CrCl is below the lowest
    band a drug's rows give, that is said, naming the lowest band's source.
    """
    crcl = patient.crcl_ml_min
    if crcl is None:
        return []
    banded: dict[str, list[DoseLimit]] = {}
    for row in rows:
        if row.condition == "crcl_ml_min":
            banded.setdefault(row.drug, []).append(row)
    found = []
    for drug, own in sorted(banded.items()):
        lows = [row.band.low for row in own if row.band.low is not None]
        if len(lows) < len(own) or crcl >= min(lows):  # a band open below, or one under the CrCl
            continue
        lowest = own[lows.index(min(lows))]
        found.append(Finding(Severity.WARNING, f"{drug}-below-renal-bands", (
            f"{drug}: CrCl {crcl:g} mL/min is below every CrCl band of its limits (the lowest, "
            f"{lowest.describe_condition()}): the source gives no dose below it, which labels "
            "often mean as not recommended. Check the label before giving it"), lowest.source))
    return found


_ANY_CRCL = "CrCl not given"


def _top_band(row: DoseLimit) -> DoseLimit | None:
    """The row of the highest CrCl band (no upper edge: normal renal function) as a maximum for
    any CrCl, where the patient's CrCl is not given; None for any other row.

    No renal function allows more than normal renal function does, so the label's maximum at
    normal function (gabapentin 3600 mg/day at CrCl ≥60 mL/min) bounds every patient: a dose
    above it is above the maximum whatever the CrCl. The lower bands still need the CrCl, and
    the finding that they were not checked stays.
    """
    if row.condition != "crcl_ml_min" or row.band.high is not None or row.band.low is None:
        return None
    return attrs.evolve(row, condition="any", band=Interval(), notes=(
        f"{_ANY_CRCL}: the maximum at {row.describe_condition()} (normal renal function) "
        f"bounds any CrCl. {row.notes}").strip())


def _kidney_failure(k: Knowledge, patient: Patient) -> SafetyRule | None:
    """The kidney-failure rule where the patient is recorded on dialysis with no CrCl given:
    such a patient is read as below its CrCl (K/DOQI stage 5: below 15 mL/min or dialysis)."""
    if patient.crcl_ml_min is not None or "dialysis" not in patient.conditions:
        return None
    return _rule(k, "kidney-failure-dialysis", threshold=True)


def _dialysis_read(rule: SafetyRule, drugs: Sequence[str]) -> Finding:
    assert rule.threshold is not None
    return Finding(Severity.INFO, "crcl-read-from-dialysis",
                   f"{', '.join(drugs)}: CrCl not given for a patient on dialysis, read as below "
                   f"{rule.threshold:g} mL/min. {rule.statement}", rule.source)


def _crcl_below(k: Knowledge, patient: Patient, threshold: float) -> bool | None:
    """Whether the patient's CrCl is below ``threshold`` [mL/min]; None where not known. A
    patient on dialysis with no CrCl given is below any threshold at or above kidney failure's."""
    if patient.crcl_ml_min is not None:
        return patient.crcl_ml_min < threshold
    failure = _kidney_failure(k, patient)
    if failure is not None and failure.threshold is not None and failure.threshold <= threshold:
        return True
    return None


def _crcl_text(patient: Patient) -> str:
    if patient.crcl_ml_min is not None:
        return f"CrCl {patient.crcl_ml_min:g} mL/min"
    return "dialysis (CrCl not given: kidney failure)"


@attrs.frozen(repr=False, eq=False)
class _Measured(Value):
    """One limit row measured against a drug's dose: crossed, at the maximum, or not known."""

    row: DoseLimit
    kind: str  #: daily, single, days
    state: str  #: above, at, unknown, avoid
    amount: float
    ceiling: float
    ceiling_text: str
    text: str  #: what was measured, for the message
    item: str | None = None
    instead: DoseLimit | None = None  #: the care setting's row that stepped this one down
    release: str | None = None  #: a single dose's item's release as written (None: not written)

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.row.drug, self.kind, self.item)


def _own_release_rows(row: DoseLimit, applying: Sequence[DoseLimit]) -> frozenset[str]:
    """The releases whose single doses a row of no release leaves to a row of their own.

    A label's single-dose maximum for one release (the AU modified-release paracetamol 665 mg
    tablets: 2 tablets, 1330 mg, every 6-8 hours) judges the doses of that release in place of
    the same market's maximum for the drug as a whole (1 g a dose, the immediate-release
    products). The daily maximum of the whole drug still counts every release.
    """
    if row.release is not None or row.max_single_mg is None:
        return frozenset()
    return frozenset(
        other.release for other in applying
        if other.release is not None and other.max_single_mg is not None
        and other.drug == row.drug and other.market == row.market
        and (row.route is None or other.route is None or other.route is row.route)
        and (other.when, other.scope, other.settings) == (row.when, row.scope, row.settings))


def _uncounted(item: Item, ingredient: Ingredient) -> bool:
    """Whether :func:`_limit_daily` leaves an item's ingredient out of a day's total: its
    amount is not known, or it is as needed with no ``max N/day``."""
    return item.daily(ingredient) is None or (item.prn and item.max_prn_per_day is None)


def _usual_prn_day(items: Sequence[Item], drug: str, limit: DoseLimit,
                   prn_doses: float | None) -> tuple[float, int] | None:
    """([mg/day], how many orders) of a limit's drug from its as-needed items with no
    ``max N/day``, a known dose and a frequency, each counted at ``prn_doses`` doses a day or
    fewer where its frequency allows fewer; None where there is none or no count is given."""
    if prn_doses is None:
        return None
    total, orders = 0.0, 0
    for item in items:
        if not item.listed or not item.prn or item.max_prn_per_day is not None:
            continue
        if limit.route is not None and item.route is not limit.route:
            continue
        if limit.release is not None and (item.release or "ir") != limit.release:
            continue
        for ingredient in item.ingredients:
            dose = item.per_dose(ingredient)
            if ingredient.drug.name != drug or dose is None:
                continue
            allowed = item.schedule.doses_per_day
            if allowed is None:  # no frequency (once, or none written): not counted, as before
                continue
            total += dose * min(prn_doses, allowed)
            orders += 1
    return (total, orders) if orders else None


def _limit_daily(items: Sequence[Item], drug: str, route: Route | None,
                 release: str | None) -> tuple[float, bool]:
    """(daily amount [mg/day], complete?) of one drug for a maximum: as :func:`drug_daily`, but
    an as-needed item with no ``max N/day`` is not counted (``complete`` is then False): its
    frequency ("q1h prn") says how soon a dose may be repeated, not how many doses a day will be
    given, so a day of 24 doses is no total to judge (the usual-range rule counts a few PRN
    doses; here the maximum is said not checked, and one PRN dose above a day's maximum is still
    above it, :func:`_largest_uncounted_prn_dose`)."""
    stated = [item for item in items if not (item.prn and item.max_prn_per_day is None)]
    unstated = [item for item in items if item.prn and item.max_prn_per_day is None]
    daily, complete = drug_daily(stated, drug, route, release)
    uncounted, known = drug_daily(unstated, drug, route, release)
    return daily, complete and known and uncounted == 0


def _uncounted_doses(items: Sequence[Item], drug: str,
                     limit: DoseLimit) -> Iterator[tuple[Item, float | None]]:
    """Each item of a limit's drug, route and release that :func:`_limit_daily` does not count,
    with the ingredient's dose [mg] (None where not known)."""
    for item in items:
        if not item.listed or (limit.route is not None and item.route is not limit.route):
            continue
        if limit.release is not None and (item.release or "ir") != limit.release:
            continue
        for ingredient in item.ingredients:
            if ingredient.drug.name == drug and _uncounted(item, ingredient):
                yield item, item.per_dose(ingredient)


def _single_doses(items: Sequence[Item], drug: str, limit: DoseLimit) -> list[float] | None:
    """The doses [mg] of the single-dose (``once``) items that :func:`_limit_daily` does not
    count for a limit's drug, route and release, where every uncounted item is one with a
    known dose; None where any other item (a PRN dose with no maximum, a dose not known) is
    uncounted."""
    doses: list[float] = []
    for item, dose in _uncounted_doses(items, drug, limit):
        if item.schedule.kind is not ScheduleKind.ONCE or dose is None:
            return None
        doses.append(dose)
    return doses or None


def _largest_uncounted_prn_dose(items: Sequence[Item], drug: str,
                                limit: DoseLimit) -> float | None:
    """The largest known dose [mg] of the PRN items that :func:`_limit_daily` does not count
    (no PRN maximum a day) for a limit's drug, route and release; None where there is none."""
    return max((dose for item, dose in _uncounted_doses(items, drug, limit)
                if item.prn and dose is not None), default=None)


def _one_limit(items: Sequence[Item], limit: DoseLimit, patient: Patient,
               own_release: frozenset[str] = frozenset(),
               prn_doses: float | None = None) -> list[_Measured]:
    """The measurements of one limit row; ``own_release``: the releases whose single doses a
    row of their own judges instead (:func:`_own_release_rows`); ``prn_doses``: how many doses
    a day an as-needed item with no ``max N/day`` is counted at (never more than its interval
    allows; ``usual-palliative-range``'s 3, eTG: more than 3 as-required doses in 24 h call for
    regular therapy), so that a day above the maximum even at those few doses is above it,
    while a day reached only at the interval's count (q1h: 24) is not judged."""
    found: list[_Measured] = []
    drug = limit.drug
    counted = limit.dose_unit  # "mg", or "units" for a heparin: never mixed, never converted
    where = f" ({limit.route.value})" if limit.route else ""
    daily, complete = _limit_daily(items, drug, limit.route, limit.release)
    with_prn = " (PRN at their maximum)" if any(
        item.prn and item.max_prn_per_day is not None
        for item in items if drug in {d.name for d in item.drugs}) else ""
    ceilings: list[tuple[float, str]] = []
    # a daily_dose row's day is the reduced day of the regimen its band is (enoxaparin
    # prophylaxis at CrCl <30): a day outside the band is another regimen (a treatment dose,
    # judged per kg by its own rows), and a day not known cannot be told to be in it
    own_regimen = limit.condition != "daily_dose" or (complete and limit.covers_daily(daily))
    if limit.max_daily_mg is not None and own_regimen:
        ceilings.append((limit.max_daily_mg, f"{significant(limit.max_daily_mg, 4)} {counted}/day"))
    if limit.max_daily_mg_per_kg is not None and patient.weight_kg is not None:
        cap = limit.max_daily_mg_per_kg * patient.weight_kg
        ceilings.append((cap, f"{significant(limit.max_daily_mg_per_kg, 4)} {counted}/kg/day = "
                              f"{significant(cap, 4)} {counted}/day at "
                              f"{significant(patient.weight_kg, 4)} kg"))
    releases = _given_releases(items, drug, limit.route)
    together = (f" ({' and '.join(sorted(r.upper() for r in releases))} together)"
                if limit.release is None and len(releases) > 1 else "")
    measured = f"{drug}{where} {significant(daily, 4)} {counted}/day{together}{with_prn}"
    if limit.max_daily_mg_per_kg is not None and patient.weight_kg is None:
        # No weight given: a day above the per-kg maximum at the heaviest plausible adult is
        # above it whatever the weight (the lighter patients' limits stay not checked).
        heaviest = PATIENT_BOUNDS["weight_kg"][1]
        cap = limit.max_daily_mg_per_kg * heaviest
        if daily > cap * (1 + _TOLERANCE):
            found.append(_Measured(limit, "daily", "above", daily, cap, (
                f"{significant(limit.max_daily_mg_per_kg, 4)} {counted}/kg/day = {significant(cap, 4)} "
                f"{counted}/day even at {heaviest:g} kg, the heaviest plausible adult (weight not given)"),
                measured))
    for ceiling, text in ceilings:
        if ceiling == 0:
            if daily > 0:
                found.append(_Measured(limit, "daily", "avoid", daily, 0.0, text,
                                       f"{drug}{where}"))
            continue
        if daily > ceiling * (1 + _TOLERANCE):
            found.append(_Measured(limit, "daily", "above", daily, ceiling, text, measured))
        elif complete and abs(daily - ceiling) <= ceiling * _TOLERANCE:
            found.append(_Measured(limit, "daily", "at", daily, ceiling, text, measured))
        elif not complete:
            # something not counted (an as-needed dose with no maximum a day, a single dose, a
            # dose not known): no total to bound. A counted day already AT the maximum is judged
            # here too, so that a PRN order of the same drug beside it (glycopyrronium 1.2 mg/24h
            # by syringe driver and 200 micrograms q2h prn) is counted as below, not left out
            total = (f"total is at least {significant(daily, 4)} {counted}/day" if daily > 0
                     else "day's total is not known")
            singles = _single_doses(items, drug, limit)
            if singles is not None and daily + max(singles) > ceiling * (1 + _TOLERANCE):
                # the day of a single dose holds at least that dose: one dose alone above a
                # day's maximum is above it, whatever else the day holds
                least = daily + max(singles)
                found.append(_Measured(limit, "daily", "above", least, ceiling, text, (
                    f"{drug}{where} at least {significant(least, 4)} {counted}/day (the day of a "
                    f"single dose of {significant(max(singles), 4)} {counted}, once)")))
                continue
            prn_dose = _largest_uncounted_prn_dose(items, drug, limit)
            if prn_dose is not None and daily + prn_dose > ceiling * (1 + _TOLERANCE):
                # a PRN dose with no maximum a day: the day it is given holds at least that one
                # dose, so one dose alone above a day's maximum is above it (a unit slip, as
                # micrograms written in mg), whatever the PRN maximum would have been
                least = daily + prn_dose
                found.append(_Measured(limit, "daily", "above", least, ceiling, text, (
                    f"{drug}{where} at least {significant(least, 4)} {counted}/day (the day of one "
                    f"PRN dose of {significant(prn_dose, 4)} {counted}, no PRN maximum given)")))
                continue
            usual = _usual_prn_day(items, drug, limit, prn_doses)
            if usual is not None and daily + usual[0] > ceiling * (1 + _TOLERANCE):
                # even a few doses a day of the PRN order (no maximum written) cross the maximum:
                # a scheduled dose of the drug beside a PRN product that also holds it (a
                # hydrocodone/acetaminophen tablet beside regular acetaminophen)
                least = daily + usual[0]
                found.append(_Measured(limit, "daily", "above", least, ceiling, text, (
                    f"{drug}{where} at least {significant(least, 4)} {counted}/day (its PRN "
                    f"order{'s' if usual[1] > 1 else ''} counted at {prn_doses:g} doses a day, "
                    "no PRN maximum given)")))
                continue
            if singles is not None:
                # only single doses (once, stat) are uncounted: their dose is known, but a
                # single dose is no schedule, so it has no day of its own to judge
                what = "a single dose" if len(singles) == 1 else "single doses"
                given = " and ".join(f"{significant(d, 4)} {counted}" for d in singles)
                reason = (f"{what} ({given}, once) {'has' if len(singles) == 1 else 'have'} no "
                          "day of its own to judge (its dose was judged against the per-dose "
                          "limits, where they exist), so the")
            elif usual is not None:
                reason = "no PRN maximum (max N/day) is written for its as-needed order, so the"
            else:
                reason = "a PRN maximum or a dose is not known, so the"
            found.append(_Measured(limit, "daily", "unknown", daily, ceiling, text,
                                   f"{drug}{where}: {reason} {total}"))
    single = _single_ceiling(limit, patient)
    if single is not None:
        ceiling_single, single_text = single
        for item in items:
            if not item.listed or (limit.route is not None and item.route is not limit.route):
                continue
            release = item.release or "ir"  # as drug_daily reads an item that does not say
            if (limit.release is not None and release != limit.release) or release in own_release:
                continue
            for ingredient in item.ingredients:
                if ingredient.drug.name != drug:
                    continue
                dose = item.per_dose(ingredient)
                if dose is not None and dose > ceiling_single * (1 + _TOLERANCE):
                    found.append(_Measured(
                        limit, "single", "above", dose, ceiling_single, single_text,
                        f"{item}: {significant(dose, 4)} {counted} a dose", str(item),
                        release=item.release))
    if limit.max_days is not None and not limit.scope:
        limited = (f"{limit.max_days:g} days" if limit.condition != "daily_dose"
                   else f"{limit.max_days:g} days at {limit.describe_condition()}")
        judged = []
        for item in items:
            if not item.listed or drug not in {d.name for d in item.drugs}:
                continue
            if limit.route is not None and item.route is not limit.route:
                continue
            judged.append(item)
            own, _ = drug_daily([item], drug, limit.route, limit.release)
            if not limit.covers_daily(own):  # a loading regimen's days limit its dose only
                continue
            days = item.duration_days
            state = "unknown" if days is None else "above" if days > limit.max_days else ""
            if state:
                found.append(_Measured(limit, "days", state, days or 0.0, limit.max_days,
                                       limited, str(item), str(item)))
        found.extend(_loading_day_of_items(limit, judged, drug, limited))
    return found


def _loading_day_of_items(limit: DoseLimit, items: Sequence[Item], drug: str,
                          limited: str) -> list[_Measured]:
    """The days of a loading regimen (a ``daily_dose`` condition with ``max_days``) reached by
    the day's total of several items of the drug, none of which reaches it alone (audit finding
    6: apixaban 5 mg twice daily ordered twice, under its name and its brand, is the label's
    7-day 20 mg day, as one 10 mg twice-daily item is). One finding names every item; its days
    are the longest written, or unknown where any item writes none."""
    if limit.condition != "daily_dose" or limit.max_days is None or len(items) < 2:
        return []
    if any(limit.covers_daily(drug_daily([i], drug, limit.route, limit.release)[0])
           for i in items):
        return []  # judged item by item above
    total, _ = drug_daily(list(items), drug, limit.route, limit.release)
    if not limit.covers_daily(total):
        return []
    written = [i.duration_days for i in items]
    days = None if any(d is None for d in written) else max(d for d in written if d is not None)
    state = "unknown" if days is None else "above" if days > limit.max_days else ""
    if not state:
        return []
    names = " + ".join(str(i) for i in items)
    return [_Measured(limit, "days", state, days or 0.0, limit.max_days, limited,
                      f"{names} (together {significant(total, 4)} {limit.dose_unit}/day)",
                      names)]


def _single_ceiling(limit: DoseLimit, patient: Patient) -> tuple[float, str] | None:
    """The most one dose may be by ``limit`` [dose_unit], with its words: the flat maximum, or
    the maximum per kg at the patient's weight, whichever is lower. Without a weight, a maximum
    per kg is taken at the heaviest plausible adult: a dose above it is above it whatever the
    weight (the lighter patients' limit stays not checked, said by ``limit-not-checked``)."""
    counted = limit.dose_unit
    found: list[tuple[float, str]] = []
    if limit.max_single_mg is not None:
        found.append((limit.max_single_mg, f"{significant(limit.max_single_mg, 4)} {counted}"))
    per_kg = limit.max_single_mg_per_kg
    if per_kg is not None:
        weight = patient.weight_kg
        at = (f"at {significant(weight, 4)} kg" if weight is not None else
              f"even at {PATIENT_BOUNDS['weight_kg'][1]:g} kg, the heaviest plausible adult "
              "(weight not given)")
        weight = weight if weight is not None else PATIENT_BOUNDS["weight_kg"][1]
        found.append((per_kg * weight, f"{significant(per_kg, 4)} {counted}/kg a dose = "
                                       f"{significant(per_kg * weight, 4)} {counted} {at}"))
    return min(found, key=lambda pair: pair[0]) if found else None


_LIMIT_FIELDS = ("max_single_mg", "max_single_mg_per_kg", "max_daily_mg", "max_daily_mg_per_kg",
                 "max_days")


def _market_speaks(rows: Sequence[DoseLimit]) -> list[DoseLimit]:
    """The rows with the chosen market's own maxima in place of a no-market row's of the same
    field.

    A row of no market applies in every market; where the chosen market's own row gives the same
    limit (same drug, condition and scope, its route covering the other's) and the same field,
    the market's label speaks for that field: the US ketorolac label's 5 days of combined use is
    the maximum with ``--market us``, not the 2 parenteral days of a foreign Toradol label kept
    as a row of no market. The no-market row's other maxima still apply.
    """
    kept = []
    for row in rows:
        own = [r for r in rows if r.speaks_for(row)]
        spoken = [f for f in _LIMIT_FIELDS
                  if getattr(row, f) is not None and any(getattr(r, f) is not None for r in own)]
        left = row.without(spoken)
        if left is not None:
            kept.append(left)
    return kept


def _risk_rows_elsewhere(k: Knowledge, rows: Sequence[DoseLimit],
                         given: set[tuple[str, Route]], market: str,
                         patient: Patient) -> list[DoseLimit]:
    """Another market's rows that the chosen market's sources say nothing about, as warnings: a
    patient state (hepatic impairment, a risk factor, a weight or CrCl band) its rows do not
    name, or a general maximum of a drug and route it has no row for at all.

    Choosing a market chooses its labels, not silence about the patient: the US acetaminophen
    label gives no number for hepatic impairment (only caution), the EU label lowers the day to
    3 g; with ``--market us`` and hepatic impairment recorded, 4 g/day is a warning naming the EU
    source and why it is used, not "no risk factor that lowers it was found". A row of the
    chosen market that does not apply to the patient (a CrCl band, an age band the patient is
    outside) is not a general maximum: the US enoxaparin rows are a CrCl band only, so at CrCl
    80 the EU per-kg maximum judges a 400 mg day.
    """
    covered = {(r.drug, r.condition, r.value) for r in rows}
    drugs = {drug for drug, _ in given}
    found = []
    for row in k.dose_limits:
        if (row.market in (None, market) or row.scope or not row.partnered(drugs)
                or (row.condition not in ("any", "age")
                    and (row.drug, row.condition, row.value) in covered)
                or not any(drug == row.drug and (row.route is None or route is row.route)
                           for drug, route in given)):
            continue
        if row.condition in ("any", "age"):
            # a general maximum only where the chosen market has no general row for the drug,
            # route and release (an EU prolonged-release tramadol row says nothing of the
            # tablets; a CrCl band of no market says nothing of a patient outside the band); a
            # duration only where the market's rows give no duration (the Japanese injection
            # insert's dose of metoclopramide says nothing of the EU's 5 days)
            speaks = _gives_a_dose if _gives_a_dose(row) else _gives_a_duration
            if any(r.drug == row.drug and r.condition in ("any", "age")
                   and r.applies(patient) is not False and speaks(r)
                   and (r.route is None or row.route is None or r.route is row.route)
                   and (r.release is None or row.release is None or r.release == row.release)
                   for r in rows):
                continue
            silent_on = (row.drug + (f" by the {row.route.value} route" if row.route else "")
                         + (f" ({row.release.upper()})" if row.release else ""))
        else:
            silent_on = row.describe_condition()
        demoted = row.severity is Severity.ERROR
        given_as = ("Severity warning, not error, because the" if demoted else
                    f"Severity {row.severity.value}, as its row sets it, and the")
        reason = (f"{given_as} {market.upper()} sources give no maximum for {silent_on}: the "
                  f"{str(row.market).upper()} source's is applied")
        found.append(attrs.evolve(row, severity=Severity.WARNING if demoted else row.severity,
                                  notes=f"{reason}. {row.notes}", demoted=demoted))
    return found


def _twin_allows(row: DoseLimit, measured: _Measured, applying: Sequence[DoseLimit],
                 patient: Patient, market: str | None = None) -> DoseLimit | None:
    """Another market's row of the same limit that allows the dose, or a row of the dose's
    own release that allows it (:func:`_release_stands_in`); None if there is none.

    With no market chosen, a row of no market (every market's) whose route covers the row's
    is such a twin too: the Japanese insert's 400 mg/day of oral fluconazole crossed by 800 mg,
    within the EU-style SmPC's 800 mg/day kept for every market, is a warning naming both. With
    a market chosen, the market's own row judges (an error stays an error). A row of the same
    market and limit from another source, of the same severity, is a twin too
    (:func:`_same_standing`: two guidelines of one market that disagree)."""
    if row.market is None:
        return None
    for other in applying:
        if other is row:
            continue
        if market is None and other.market is None and _covers(other, row):
            pass
        elif other.key == row.key:
            if other.market is None or (other.market == row.market
                                        and not _same_standing(other, row)):
                continue
        elif not _release_stands_in(row, other, measured):
            continue
        ceiling = _ceiling(other, measured.kind, patient)
        if ceiling is not None and measured.amount <= ceiling * (1 + _TOLERANCE):
            return other
    return None


def _same_standing(other: DoseLimit, row: DoseLimit) -> bool:
    """Whether ``other``, a row of ``row``'s market and limit, is another source's reading of it
    with the same standing (the same severity): two guidelines of one market that disagree
    (Glasgow's 30 mg/kg/day and the Scottish Palliative Care Guidelines' 2 g/day of paracetamol
    in severe hepatic impairment), not a market's usual maximum (a warning row) beside its hard
    one (an error row), where the dose between them is meant to warn. A row whose severity was
    lowered where it stands in for another market (``demoted``: an error read as a warning) keeps
    its own standing: the US fluconazole 400 mg/day error row is not a twin of the 200 mg/day
    warning row beside it."""
    return (other.source != row.source and other.severity is row.severity
            and not other.demoted and not row.demoted)


def _covers(general: DoseLimit, row: DoseLimit) -> bool:
    """Whether ``general`` is the same limit as ``row`` for a route covering ``row``'s (its own,
    or every route)."""
    return (general.route in (None, row.route)
            and general.key[2:] == row.key[2:] and general.drug == row.drug)


def _release_stands_in(row: DoseLimit, other: DoseLimit, measured: _Measured) -> bool:
    """Whether ``other``, a single-dose maximum for one release, gives ``row``'s limit (a
    maximum for the drug whatever its release) for the dose measured.

    A dose of a release written (``sr``) is judged by another market's row of that release where
    the row's own market has none (the markets' labels disagree); a dose whose release is not
    written is read as immediate release, and a row of another release of its own market that
    allows it (AU paracetamol 665 mg modified-release tablets, 1330 mg a dose) makes the
    crossing a warning that asks for the release, not an error.
    """
    if (measured.kind != "single" or row.release is not None or other.release is None
            or (measured.release is not None and other.release != measured.release)
            or (measured.release is not None and other.market == row.market)):
        return False
    return (other.drug == row.drug and other.market is not None
            and (row.route is None or other.route is None or other.route is row.route)
            and (other.when, other.scope, other.settings) == (row.when, row.scope, row.settings))


def _ceiling(row: DoseLimit, kind: str, patient: Patient) -> float | None:
    if kind == "single":
        single = _single_ceiling(row, patient)
        return None if single is None else single[0]
    if kind == "days":
        return row.max_days
    caps = [row.max_daily_mg] if row.max_daily_mg is not None else []
    if row.max_daily_mg_per_kg is not None and patient.weight_kg is not None:
        caps.append(row.max_daily_mg_per_kg * patient.weight_kg)
    return min(caps) if caps else None


def _strictest(measured: Sequence[_Measured], applying: Sequence[DoseLimit],
               patient: Patient, market: str | None = None) -> list[Finding]:
    """One finding per drug, kind (daily, single, days) and item.

    Every crossed row is weighed: its severity (from the row; stepped down one level, an error
    to a warning and a warning to information, where another market's row of the same limit
    allows the dose), and the finding names the
    strictest (lowest) limit crossed among those of the highest severity. Rows scoped to one
    indication or product count only where no general row of that kind applies.
    """
    general = {(m.row.drug, m.kind) for m in measured
               if not m.row.scope or _indicated(m.row, patient)}
    general |= {(row.drug, kind) for row in applying if not row.scope
                for kind in ("daily", "single", "days")
                if _ceiling(row, kind, patient) is not None}
    groups: dict[tuple[str, str, str | None], list[_Measured]] = {}
    for m in measured:
        if m.row.scope and not _indicated(m.row, patient) and (m.row.drug, m.kind) in general:
            continue
        groups.setdefault(m.key, []).append(m)
    found = []
    for (drug, kind, _), group in groups.items():
        above = [m for m in group if m.state in ("above", "avoid")]
        if above:
            found.append(_above(drug, kind, above, applying, patient, market))
            continue
        # at a maximum printed for another indication: not this patient's maximum, so no finding;
        # nor at a row whose indication the data cannot know (a caveat): the reduced dose given
        # (apixaban 2.5 mg twice daily at 80 years and 60 kg) is the label's, nothing to confirm
        at = [m for m in group if m.state == "at" and not m.row.caveat
              and not (m.row.scope and not _indicated(m.row, patient))]
        if at:
            found.append(_at(drug, min(at, key=lambda m: m.ceiling), patient))
            continue
        unknown = [m for m in group if m.state == "unknown"]
        if unknown:
            first = min(unknown, key=lambda m: m.ceiling)
            if kind == "days":
                found.append(Finding(Severity.INFO, f"{drug}-duration-not-stated",
                                     f"{first.text}: no duration written; {drug} is limited to "
                                     f"{first.ceiling_text}", first.row.source, item=first.item))
            else:
                found.append(Finding(Severity.INFO, f"{drug}-max-not-checked",
                                     f"{first.text} against a maximum of {first.ceiling_text}",
                                     first.row.source))
    return found


def _indicated(row: DoseLimit, patient: Patient) -> bool:
    """Whether the patient is recorded (``--condition``) to have the one indication a scoped row
    is for: the row then applies as a general one would."""
    if not row.scope:
        return False
    try:
        return parse_condition(row.scope) in patient.conditions
    except ValueError:  # a product scope (an OTC product), not an indication
        return False


def _scope_text(row: DoseLimit, patient: Patient) -> str:
    who = row.describe_condition()
    if row.notes.startswith(_ANY_CRCL):
        who = f"adults of any CrCl ({row.notes.split('. ')[0]})"
    elif row.notes.startswith((_ACROSS_RELEASES, _ACROSS_ROUTES)):
        who += f" — {row.notes.split('. ')[0][0].lower()}{row.notes.split('. ')[0][1:]}"
    if row.settings:
        who += f" in {patient.setting} care"
    market = f" ({row.market.upper()} source)" if row.market else ""
    if row.caveat:
        market += f" ({row.caveat})"
    if not row.scope:
        scope = ""
    elif _indicated(row, patient):
        scope = f" — the maximum for {row.scope}, which the patient is recorded to have"
    else:
        scope = (f" — a maximum for {row.scope} only (not recorded for this patient: "
                 "--condition); the label gives no general maximum")
    return f"for {who}{market}{scope}"


def _above(drug: str, kind: str, above: Sequence[_Measured], applying: Sequence[DoseLimit],
           patient: Patient, market: str | None = None) -> Finding:
    weighed = []
    for m in above:
        severity = m.row.severity
        allowed = _twin_allows(m.row, m, applying, patient, market)
        if m.row.scope and severity is Severity.ERROR and not _indicated(m.row, patient):
            severity = Severity.WARNING  # the indication is not known
        if allowed is not None and severity is Severity.ERROR:
            severity = Severity.WARNING
        elif (allowed is not None and severity is Severity.WARNING and not m.row.scope
              and not m.row.demoted):
            # a market's usual dose that its label lets be adjusted (a warning row in the data),
            # another market's maximum allowing the dose: information. A maximum of another
            # market applied as a warning because the chosen market has none
            # (:func:`_risk_rows_elsewhere`) stays a warning: it is the only maximum there is
            severity = Severity.INFO
        weighed.append((severity, m, allowed))
    top = max(s.rank for s, _, _ in weighed)
    severity, m, allowed = min((w for w in weighed if w[0].rank == top),
                               key=lambda w: w[1].ceiling)
    code = {"daily": f"{drug}-above-max", "single": f"{drug}-single-dose-above-max",
            "days": f"{drug}-duration-above-max"}[kind]
    if m.state == "avoid":
        # a maximum of 0: the row's severity says which (CONTRACT.md §2): an error row is a
        # contraindication its label states; a warning row is a label's "avoid" or "not
        # recommended". Another market's row applied for want of the chosen market's, or a
        # label of another market that gives a dose here, makes it a warning that says so.
        stated = m.row.severity is Severity.ERROR or m.row.demoted
        text = (f"{m.text}: {'contraindicated' if stated else 'not recommended'} "
                f"{_scope_text(m.row, patient)}")
        sources = [m.row.source]
        if allowed is not None:
            other = _ceiling(allowed, kind, patient)
            named = allowed.market.upper() if allowed.market else "any-market"
            text += (f"; the {named} label gives up to {significant(other or 0, 4)} "
                     f"{allowed.dose_unit}/day here: the markets' labels disagree, so it is "
                     f"{'information only' if severity is Severity.INFO else 'a warning'}")
            sources.append(allowed.source)
        elif m.row.demoted:
            text += f" ({_severity_reason(m.row)})"
        return Finding(severity, f"{drug}-avoid", text, " ; also: ".join(sources))
    if kind == "days":
        text = f"{m.text}: {significant(m.amount, 4)} days is above the maximum of {m.ceiling_text}"
    else:
        text = (f"{m.text} is above the maximum of {m.ceiling_text} "
                f"{_scope_text(m.row, patient)}")
    sources = [m.row.source]
    stricter = [w for w in weighed if w[1].ceiling < m.ceiling]
    if stricter:
        low = min(stricter, key=lambda w: w[1].ceiling)[1]
        text += f"; also above {low.ceiling_text} {_scope_text(low.row, patient)}, a softer limit"
        sources.append(low.row.source)
    if allowed is not None:
        other = _ceiling(allowed, kind, patient)
        named = allowed.market.upper() if allowed.market else "any-market"
        unit = {"single": allowed.dose_unit, "daily": f"{allowed.dose_unit}/day",
                "days": "days"}[kind]
        within = f"within the {named} maximum of {significant(other or 0, 4)} {unit}"
        if allowed.release == m.row.release:
            kind_of = "information only" if severity is Severity.INFO else "a warning"
            who = (f"{within} of another source: the sources disagree"
                   if allowed.market == m.row.market else f"{within}: the markets' labels disagree")
            text += f"; {who}, so it is {kind_of}"
        elif m.release is None:
            text += (f"; the release is not written, so the dose is read as immediate release; "
                     f"{within} for the {str(allowed.release).upper()} form, so it is a warning: "
                     "write the release (e.g. sr) if it is that product")
        else:
            text += (f"; {within} for the {m.release.upper()} form, for which the "
                     f"{str(m.row.market).upper()} source gives no maximum of its own: the "
                     "markets' labels disagree, so it is a warning")
        sources.append(allowed.source)
    if m.instead is not None:
        given = _ceiling(m.instead, kind, patient)
        counted = m.instead.dose_unit
        unit = {"single": counted, "daily": f"{counted}/day", "days": "days"}[kind]
        text += (f" (stepped down to info in {patient.setting} care: for "
                 f"{m.instead.describe_condition()} there, the care setting's source gives up "
                 f"to {significant(given or 0, 4)} {unit}, the maximum that applies instead)")
        sources.append(m.instead.source)
    elif m.row.severity is not Severity.ERROR and not m.row.scope:
        text += f" ({_severity_reason(m.row)})"
    return Finding(severity, code, text, " ; also: ".join(dict.fromkeys(sources)),
                   item=m.item if kind != "daily" else None)


def _severity_reason(row: DoseLimit) -> str:
    """Why a row is not an error, as its notes say (the sentence that starts 'Severity')."""
    match = re.search(r"Severity [^.(]*(?:\([^)]*\))?[^.]*(?:'[^']*')?[^.]*\.?", row.notes)
    shown = row.where.partition(":")[0] or "dose_limits.csv"
    return (match.group(0).rstrip(".") if match
            else f"severity {row.severity.value}, as {shown} sets for this row")


_RISK_WORDS = ("weight under 50 kg, hepatic impairment, chronic alcohol use, malnutrition or "
               "dehydration")


def _at(drug: str, m: _Measured, patient: Patient) -> Finding:
    """The labelled maximum reached: information, not a warning, where nothing lowers it."""
    text = (f"{m.text} is at the maximum of {m.ceiling_text} {_scope_text(m.row, patient)}: "
            "allowed by the label")
    if drug == "acetaminophen":
        read = []
        if patient.weight_kg is not None:
            read.append(f"weight {significant(patient.weight_kg, 4)} kg")
        if patient.hepatic is not None:
            read.append(f"hepatic {patient.hepatic.value}")
        read.append("conditions: " + (", ".join(patient.conditions) or "none recorded"))
        text += (f"; no risk factor that lowers it was found ({'; '.join(read)}). A risk factor "
                 f"({_RISK_WORDS}) lowers it")
    return Finding(Severity.INFO, f"{drug}-at-max", text, m.row.source)


def _hepatic_opioids(k: Knowledge, items: Sequence[Item], opioids: Sequence[str],
                     patient: Patient) -> list[Finding]:
    """Opioids in hepatic impairment: a warning when severe or moderate, info when mild.

    The warning is information where every item of every opioid lies within a reduced dose a
    label or a liver guideline gives for the patient's grade (``hepatic_opioid_doses.csv``):
    that hepatic reduction is already applied. An opioid without such a row keeps the warning.
    """
    names = ", ".join(opioids)
    if patient.hepatic is None:
        return [Finding(Severity.INFO, "hepatic-opioid-not-checked",
                        f"hepatic function not given: {names} in hepatic impairment not checked",
                        _rule(k, "hepatic-opioid").source)]
    if patient.hepatic in (Hepatic.SEVERE, Hepatic.MODERATE):
        check = "hepatic-opioid" if patient.hepatic is Hepatic.SEVERE \
            else "hepatic-opioid-specialist"
        text = f"{names} with {patient.hepatic.value} hepatic impairment"
        met = _hepatic_met(k, items, opioids, patient)
        if met is None:
            return [_ruled(k, check, text, code="hepatic-opioid")]
        rule = _rule(k, check)
        within = "; ".join(f"the {r.basis} of {r.describe()}" for r in met)
        return [Finding(Severity.INFO, "hepatic-opioid", (
            f"{text}; every dose is within the reduced dose a label or liver guideline gives "
            f"for {patient.hepatic.value} hepatic impairment ({within}): that hepatic "
            f"reduction is applied, so it is information. {rule.statement}"),
            " ; also: ".join([rule.source, *(r.source for r in met)]))]
    if patient.hepatic is Hepatic.MILD:
        return [_ruled(k, "hepatic-opioid-caution",
                       f"{names} with {patient.hepatic.value} hepatic impairment")]
    return []


def _hepatic_met(k: Knowledge, items: Sequence[Item], opioids: Sequence[str],
                 patient: Patient) -> list[HepaticDose] | None:
    """The hepatic_opioid_doses.csv rows every opioid's items lie within (each row once), or
    None where an opioid has an item within none."""
    rows: list[HepaticDose] = []
    for drug in opioids:
        given = [i for i in items if i.listed and drug in {d.name for d in i.drugs}]
        met = hepatic_dose_met(k, drug, given, patient)
        if met is None:
            return None
        rows.extend(met)
    return list(dict.fromkeys(rows))


def _nsaid_renal_rule(k: Knowledge, patient: Patient) -> SafetyRule:
    """The ``nsaid-renal`` row whose words fit the patient: the Beers Criteria's ("in older
    adults") from the Beers age (``nsaid-age``'s threshold, 65), else the first row with a
    threshold from another source (a guideline for every adult), so that a 40-year-old is not
    told what holds "in older adults"; the first row where there is no other."""
    rows = [row for row in k.safety_rules.all("nsaid-renal") if row.threshold is not None]
    older = _rule(k, "nsaid-age", threshold=True).threshold
    if patient.age is not None and older is not None and patient.age >= older:
        return rows[0]
    return next((row for row in rows if "Beers" not in row.source), rows[0])


def _classes(items: Sequence[Item], drug_class: str) -> list[str]:
    return sorted({d.name for item in items if item.listed for d in item.drugs
                   if d.drug_class == drug_class})


def _with_property(k: Knowledge, items: Sequence[Item], name: str) -> list[str]:
    return sorted({d.name for item in items if item.listed for d in item.drugs
                   if k.drug_properties.get(d.name, name) is not None})


_RESPIRATORY = frozenset({"copd", "asthma", "sleep-apnoea", "respiratory-disease"})


def _interaction_findings(k: Knowledge, items: Sequence[Item], patient: Patient,
                          limits: Sequence[Finding], market: str | None,
                          previous: Sequence[Item] | None = None,
                          prior: PreviousOpioids | None = None,
                          laxative: Sequence[Finding] = ()) -> list[Finding]:
    found: list[Finding] = []
    nsaids = _classes(items, "nsaid")
    steroids = _classes(items, "corticosteroid")
    opioids = _classes(items, "opioid")
    protective = _with_property(k, items, "gastroprotective")
    if len(nsaids) > 1:
        found.append(_ruled(k, "nsaid-duplication", f"two NSAIDs together: {', '.join(nsaids)}"))
    if nsaids and steroids and not protective:
        found.append(_ruled(k, "nsaid-steroid-gastroprotection",
                            f"{', '.join(nsaids)} with {', '.join(steroids)} and no "
                            "gastroprotection"))
    if nsaids:
        found.extend(_bleeding(k, items, nsaids, protective))
        rule = _nsaid_renal_rule(k, patient)
        assert rule.threshold is not None
        below = _crcl_below(k, patient, rule.threshold)
        if below is None:
            found.append(Finding(Severity.INFO, "nsaid-renal-not-checked",
                                 "creatinine clearance not given: NSAID in renal impairment not "
                                 "checked", rule.source))
        elif below:
            found.append(_ruled(k, "nsaid-renal", f"{', '.join(nsaids)} with "
                                f"{_crcl_text(patient)} (< {rule.threshold:g})",
                                rule=rule, patient=patient))
        systemic = sorted({d.name for item in items if item.listed
                           and item.route is not Route.TOPICAL
                           for d in item.drugs if d.drug_class == "nsaid"})
        if systemic and "heart-failure" in patient.conditions:
            found.append(_ruled(k, "nsaid-heart-failure",
                                f"{', '.join(systemic)} in a patient with heart failure",
                                patient=patient))
        # Beers: ketorolac is avoided from 65 by any route, a PPI or not; the other NSAIDs'
        # criterion is chronic oral use without gastroprotection
        avoided = [d for d in nsaids if k.drug_properties.get(d, "nsaid_avoid_older")]
        avoid_rule = _rule(k, "nsaid-avoid-older", threshold=True)
        assert avoid_rule.threshold is not None
        if avoided and patient.age is not None and patient.age >= avoid_rule.threshold:
            found.append(_ruled(k, "nsaid-avoid-older", f"{', '.join(avoided)} at age "
                                f"{patient.age:g}", rule=avoid_rule, patient=patient))
        # the Beers criterion for chronic use without gastroprotection is for non-COX-selective
        # oral NSAIDs; a COX-2 selective NSAID (a coxib, ATC M01AH) is not in it (its heart
        # failure and CrCl criteria name coxibs: nsaid-renal above judges the CrCl one)
        selective = [d for d in nsaids if d not in avoided
                     and k.drug_properties.get(d, "cox2_selective")]
        others = [d for d in nsaids if d not in avoided and d not in selective]
        age_rule = _rule(k, "nsaid-age", threshold=True)
        assert age_rule.threshold is not None
        older = patient.age is not None and patient.age >= age_rule.threshold
        if others and older and not protective:
            found.append(_ruled(k, "nsaid-age", f"{', '.join(others)} at age {patient.age:g} "
                                "without gastroprotection", rule=age_rule, patient=patient))
        if selective and older and not protective:
            found.append(_cox2_selective_older(k, selective, patient))
    renal = _with_property(k, items, "renally_cleared_active_metabolite")
    if renal:
        rule = _rule(k, "renal-opioid", threshold=True)
        assert rule.threshold is not None
        below = _crcl_below(k, patient, rule.threshold)
        if below is None:
            found.append(Finding(Severity.INFO, "renal-opioid-not-checked",
                                 f"creatinine clearance not given: {', '.join(renal)} in renal "
                                 "impairment not checked", rule.source))
        elif below:
            for drug in renal:
                value, source = k.drug_properties.get(drug, "renally_cleared_active_metabolite")  # type: ignore
                text = (f"{drug} with {_crcl_text(patient)}: {value} (active "
                        "metabolites accumulate)")
                # "avoid", or "caution" in regular use, needs review (a warning, CONTRACT.md §2).
                # The caution (start low, extend the interval; EPERC: "for chronic use") is met
                # by a drug given only as needed: that is information.
                given = [i for i in items if i.listed and drug in {d.name for d in i.drugs}]
                if value == "caution" and given and all(i.prn for i in given):
                    found.append(Finding(Severity.INFO, "renal-opioid",
                                         f"{text}; given only as needed, so the caution for "
                                         "regular use is met: start low, extend the interval",
                                         source))
                    continue
                # the caution in numbers: a dose a source gives in this renal function (a
                # start, or the renally adjusted maximum) that every item is within
                met = renal_dose_met(k, drug, given, patient) if value == "caution" else None
                if met is not None:
                    rows = list(dict.fromkeys(met))
                    within = "; ".join(f"the {r.basis} of {r.describe()}" for r in rows)
                    found.append(Finding(Severity.INFO, "renal-opioid", (
                        f"{text}; every dose is within what the renal sources give for "
                        f"{_crcl_text(patient)} ({within}): the caution (start low, extend the "
                        "interval, titrate slowly) is met, so it is information"),
                        " ; also: ".join([source, *(r.source for r in rows)])))
                    continue
                found.append(Finding(Severity.WARNING, "renal-opioid", text, source))
    if opioids:
        found.extend(_hepatic_opioids(k, items, opioids, patient))
    long_acting = _long_acting_opioids(k, items)
    if len(long_acting) > 1:
        # the source fits the regimen: the fentanyl patch label where a patch is one of them,
        # else the extended-release labels' own instruction
        patch = any(i.listed and not i.prn and i.drug.is_opioid and i.route is Route.TRANSDERMAL
                    for i in items)
        found.append(_ruled(k, "two-long-acting-opioids-patch" if patch
                            else "two-long-acting-opioids",
                            f"two long-acting opioids: {'; '.join(long_acting)}",
                            code="two-long-acting-opioids"))
    benzodiazepines = _classes(items, "benzodiazepine")
    if opioids and benzodiazepines:
        found.extend(_benzodiazepine(k, items, opioids, benzodiazepines, patient))
    if opioids:
        found.extend(_other_depressants(k, items, opioids))
        found.extend(_cyp3a4(k, items, opioids))
        found.extend(_cyp3a4_inducers(k, items, opioids, previous))
    found.extend(_cyp3a4_contraindicated(k, items))
    found.extend(_cyp3a4_reduce_dose(k, items))
    found.extend(_cyp3a4_caution(k, items))
    found.extend(_cyp3a4_monitor_inr(k, items))
    found.extend(_cyp3a4_avoid_and_monitor(k, items))
    found.extend(_cyp2c9(k, items))
    found.extend(_cyp2c19_prodrug(k, items))
    found.extend(_anticoagulant_cyp3a4_pgp(k, items))
    found.extend(_anticoagulant_ssri(k, items))
    found.extend(_cyp1a2_contraindicated(k, items, market))
    found.extend(_class_duplication(k, items, previous, benzodiazepines,
                                    "benzodiazepine-duplication", "benzodiazepines"))
    ssris = [d for d in _with_property(k, items, "serotonin_reuptake_inhibitor")
             if _property_value(k, d, "serotonin_reuptake_inhibitor") == "ssri"]
    found.extend(_class_duplication(k, items, previous, ssris, "ssri-duplication",
                                    "selective serotonin reuptake inhibitors"))
    # two regular antipsychotics (eTG, WHO mhGAP, STOPP v3 A3); a PRN antiemetic or delirium
    # dose of one beside a regular other is palliative practice and is not counted
    found.extend(_class_duplication(k, items, previous, _classes(items, "antipsychotic"),
                                    "antipsychotic-duplication", "antipsychotics"))
    gabapentinoids = _classes(items, "gabapentinoid")
    if len(gabapentinoids) > 1:
        found.append(_ruled(k, "gabapentinoid-duplication",
                            f"two gabapentinoids together: {', '.join(gabapentinoids)}"))
    if opioids and gabapentinoids:
        found.extend(_gabapentinoid(k, items, opioids, gabapentinoids, patient, limits))
    elif gabapentinoids:
        found.extend(_gabapentinoid_depressant(k, items, gabapentinoids, patient, limits))
    serotonergic = _with_property(k, items, "serotonergic")
    serotonergic_opioids = [d for d in serotonergic if d in opioids]
    others = [d for d in serotonergic if d not in serotonergic_opioids]
    if serotonergic_opioids and others:
        found.append(_ruled(k, "serotonergic", f"{', '.join(serotonergic_opioids)} with "
                            f"{', '.join(others)}: serotonin syndrome risk"))
    found.extend(_maoi_serotonergic(k, items, serotonergic, serotonergic_opioids))
    if "methadone" in opioids:
        found.extend(_methadone_qt(k, items, market))
    found.extend(_qt_contraindicated(k, items, market))
    found.extend(_condition_findings(k, items, patient))
    found.extend(_parenteral_benzodiazepine(k, items))
    anticoagulants = _classes(items, "anticoagulant")
    antiplatelets = _classes(items, "antiplatelet")
    found.extend(_anticoagulant_duplication(k, items, anticoagulants, previous))
    if anticoagulants and "thrombocytopenia" in patient.conditions:
        found.append(_ruled(k, "anticoagulant-thrombocytopenia",
                            f"{', '.join(anticoagulants)} in a patient with thrombocytopenia",
                            patient=patient))
    found.extend(_neuraxial_catheter_anticoagulant(k, items, anticoagulants))
    found.extend(_neuraxial_antiplatelet(k, items, antiplatelets))
    found.extend(_iv_local_anaesthetic_with_another(k, items))
    if anticoagulants and antiplatelets:
        found.append(_anticoagulant_antiplatelet(k, items, anticoagulants, antiplatelets))
    found.extend(_anticholinergic_older(k, items, patient))
    found.extend(_antimuscarinic_prokinetic(k, items))
    found.extend(_anticholinergic_combination_older(k, items, patient))
    found.extend(laxative)  # judged on every item, the unlisted too (check)
    if benzodiazepines and not opioids:  # with an opioid, the combination's rules judge it
        found.extend(_benzodiazepine_older(k, items, benzodiazepines, patient))
    hypnotics = _classes(items, "hypnotic")
    if hypnotics and not opioids:  # with an opioid, opioid-cns-depressant judges it
        found.extend(_hypnotic_older(k, hypnotics, patient))
    found.extend(_patch_findings(k, items, patient, market, prior))
    found.extend(_tolerant_only_products(k, items, patient, prior, previous))
    found.extend(_mixed_agonist_antagonist(k, items, patient, previous))
    found.extend(_usual_range_findings(k, items, market, patient))
    found.extend(_steroid_findings(k, items))
    return found


def _full_agonists(k: Knowledge, items: Sequence[Item]) -> list[str]:
    """The full-agonist opioids scheduled in items: an opioid without an ``opioid_agonism``
    row in ``drug_properties.csv`` (a mixed agonist-antagonist or a partial agonist has one)."""
    return sorted({d.name for item in items if item.listed and not item.prn for d in item.drugs
                   if d.is_opioid and _property_value(k, d.name, "opioid_agonism") is None})


def _mixed_agonist_antagonist(k: Knowledge, items: Sequence[Item], patient: Patient,
                              previous: Sequence[Item] | None) -> list[Finding]:
    """A mixed agonist-antagonist opioid (``opioid_agonism`` 'mixed': pentazocine, butorphanol)
    beside a scheduled full agonist, after one (the previous regimen), or for a patient recorded
    as opioid-tolerant: a warning (``opioid-mixed-agonist-antagonist``; the labels: it may
    precipitate withdrawal and reduce analgesia in a patient dependent on opioids). A naive
    patient given one alone is not judged by it; a partial agonist (buprenorphine) is judged
    by its own rules."""
    mixed = sorted({d.name for item in items if item.listed for d in item.drugs
                    if _property_value(k, d.name, "opioid_agonism") == "mixed"})
    if not mixed:
        return []
    names = ", ".join(mixed)
    now = _full_agonists(k, items)
    if now:
        text = f"{names} with the full agonist {', '.join(now)}"
    elif previous is not None and (before := _full_agonists(k, previous)):
        text = f"{names} after the full agonist {', '.join(before)} of the previous regimen"
    elif patient.opioid_tolerant is True:
        text = f"{names} for a patient recorded as opioid-tolerant"
    else:
        return []
    return [_ruled(k, "opioid-mixed-agonist-antagonist", text)]


def _property_value(k: Knowledge, drug: str, name: str) -> str | None:
    found = k.drug_properties.get(drug, name)
    return None if found is None else found[0]


def _daily_of(items: Sequence[Item], drug: str) -> float | None:
    """The scheduled daily amount of one drug over its regular items [mg/day], or None where
    one of them cannot be read."""
    total, complete = drug_daily([item for item in items if not item.prn], drug)
    return total if complete else None


def _class_duplication(k: Knowledge, items: Sequence[Item], previous: Sequence[Item] | None,
                       drugs: Sequence[str], check: str, plural: str) -> list[Finding]:
    """Two drugs of one class given regularly together: a duplicate drug class (STOPP v3 A3,
    "for daily regular use (as distinct from PRN use)"; the class's own label or interaction
    source for every age), a warning.

    An as-needed item is not counted (STOPP leaves PRN use out). With ``--previous`` holding one
    of them regularly, the order is read as a switch: where that drug is now given at a lower
    daily dose than before and every other one is new, it is a cross-taper, the planned switch
    the ``<check>-cross-taper`` row's source describes, and the finding is information naming
    it; any other overlap stays a warning that names the switch.
    """
    regular = sorted({d for d in drugs for item in items
                      if item.listed and not item.prn and d in {x.name for x in item.drugs}})
    if len(regular) < 2:
        return []
    text = f"two {plural} given regularly together: {', '.join(regular)}"
    held = [d for d in regular if previous is not None and (_daily_of(previous, d) or 0) > 0]
    if held:
        started = [d for d in regular if d not in held]
        tapered = [d for d in held
                   if (now := _daily_of(items, d)) is not None
                   and (before := _daily_of(previous or (), d)) is not None and now < before]
        if len(held) == 1 and tapered and started:
            before, now = _daily_of(previous or (), held[0]), _daily_of(items, held[0])
            return [_ruled(k, f"{check}-cross-taper", (
                f"{text}: {held[0]} reduced from {before:g} to {now:g} mg/day as "
                f"{', '.join(started)} starts, a cross-taper (a planned switch)"), code=check)]
        text += (f"; switching from {', '.join(held)}"
                 + (f" to {', '.join(started)}" if started else "")
                 + f"? {', '.join(held)} is not reduced, so this is not a cross-taper")
    return [_ruled(k, check, text)]


#: the anticoagulant the direct oral anticoagulant labels allow beside them to keep a catheter
#: open (Pradaxa SmPC 4.3; the Eliquis HCP guide), named in safety_rules.csv
#: anticoagulant-duplication-switch
_CATHETER_HEPARIN = "heparin"


def _anticoagulant_duplication(k: Knowledge, items: Sequence[Item], anticoagulants: list[str],
                               previous: Sequence[Item] | None) -> list[Finding]:
    """Two anticoagulants together where one's label contraindicates any other anticoagulant
    (the direct oral anticoagulants): the contraindication's error, naming each such label.
    Where the order could be the labels' own exception it is a warning that says so
    (``anticoagulant-duplication-switch``): with ``--previous`` holding one of them, a
    changeover (by the labels a switch starts the new drug as the old one stops, so an overlap is
    still to be reviewed); with unfractionated heparin given intravenously, a catheter kept open.
    Two anticoagulants neither of whose labels says so (warfarin bridged with a heparin) are left
    alone."""
    if len(anticoagulants) < 2:
        return []
    labels = {d: k.drug_properties.get(d, "other_anticoagulants_contraindicated")
              for d in anticoagulants}
    forbidding = [d for d in anticoagulants if labels[d] is not None]
    if not forbidding:
        return []
    before = set(_classes(previous or (), "anticoagulant"))
    others = [d for d in anticoagulants if d not in forbidding]
    text = (f"{' and '.join(anticoagulants)} together" if not others else
            f"{', '.join(forbidding)} with the anticoagulant {', '.join(others)}")
    text += (f": contraindicated by the {', '.join(forbidding)} "
             f"label{'s' if len(forbidding) > 1 else ''}")
    held = sorted(before & set(anticoagulants))
    # the labels' own exceptions: a switch (a previous regimen holds one of them) and
    # unfractionated heparin keeping a catheter open (a lock or flush is intravenous)
    flushed = sorted({d.name for item in items if item.listed and item.route is Route.IV
                      for d in item.drugs if d.name == _CATHETER_HEPARIN and d.name in others})
    if held:
        started = [d for d in anticoagulants if d not in before]
        text += (f"; contraindicated except when switching: switching from {', '.join(held)}"
                 + (f" to {', '.join(started)}" if started else "")
                 + "? by the labels a switch starts the new anticoagulant when the old one stops "
                   "(at its next scheduled dose; from warfarin once the INR has fallen), not "
                   "alongside it")
    if flushed:
        text += ("; contraindicated except when unfractionated heparin keeps a central venous or "
                 "arterial catheter open: is the intravenous heparin a lock or flush dose?")
    check = ("anticoagulant-duplication-switch" if held or flushed
             else "anticoagulant-duplication")
    finding = _ruled(k, check, text, code="anticoagulant-duplication")
    label_sources = [labels[d][1] for d in forbidding]  # type: ignore[index]
    return [attrs.evolve(finding, source="; ".join([*label_sources, finding.source]))]


#: the routes whose continuous (rate) item is read as an indwelling neuraxial catheter
_NEURAXIAL_ROUTES = (Route.EPIDURAL, Route.INTRATHECAL)


def _neuraxial_catheter_anticoagulant(k: Knowledge, items: Sequence[Item],
                                      anticoagulants: Sequence[str]) -> list[Finding]:
    """An anticoagulant given while a neuraxial catheter is in place (spinal/epidural haematoma).

    A continuous (rate) epidural or intrathecal item is read as an indwelling catheter. Each
    anticoagulant's day is judged against the most of it a catheter allows
    (``drug_properties.csv`` ``neuraxial_catheter_daily_max``, from the ASRA guidance):
    enoxaparin's once-daily prophylactic 40 mg is allowed with timing (information), a treatment
    dose or twice-daily dosing is not (a warning); no dose of a direct oral factor Xa inhibitor
    is (a warning). An anticoagulant with no such figure is reported, not passed. A single
    neuraxial injection is not judged: its timing against the anticoagulant's doses is not
    known.
    """
    catheters = [item for item in items
                 if item.listed and item.route in _NEURAXIAL_ROUTES and item.is_rate]
    if not catheters or not anticoagulants:
        return []
    where = f"a neuraxial catheter in place ({'; '.join(str(item) for item in catheters)})"
    found = []
    for drug in anticoagulants:
        allowed = k.drug_properties.get(drug, "neuraxial_catheter_daily_max")
        if allowed is None:
            found.append(_ruled(k, "neuraxial-catheter-anticoagulant-not-judged",
                                f"{drug} with {where}"))
            continue
        value, source = allowed
        ceiling = float(value)
        given = [item for item in items if item.listed and drug in {d.name for d in item.drugs}]
        daily, complete = drug_daily(given, drug, None, None)
        if not complete:  # a single dose (once) counts as its day; an unknown dose is not within
            doses = [item.per_dose() for item in given if item.daily() is None]
            daily += sum(dose for dose in doses if dose is not None)
            complete = all(dose is not None for dose in doses)
        amount = f"{drug} {significant(daily, 4)} mg/day"
        if complete and ceiling > 0 and daily <= ceiling * (1 + _TOLERANCE):
            finding = _ruled(k, "neuraxial-catheter-anticoagulant-timed", (
                f"{amount} with {where}: within the {significant(ceiling, 4)} mg/day a catheter "
                "allows"))
        else:
            allows = (f"above the {significant(ceiling, 4)} mg/day with which a catheter may stay "
                      "in" if ceiling > 0 else "no dose of it is given with a catheter in place")
            finding = _ruled(k, "neuraxial-catheter-anticoagulant",
                             f"{amount if complete else drug} with {where}: {allows}")
        found.append(attrs.evolve(finding, source=f"{source}; {finding.source}"))
    return found


def _neuraxial_antiplatelet(k: Knowledge, items: Sequence[Item],
                            antiplatelets: Sequence[str]) -> list[Finding]:
    """A P2Y12 inhibitor listed beside a neuraxial (epidural or intrathecal) item.

    Unlike an anticoagulant's, a P2Y12 inhibitor's effect is irreversible for the platelet's
    life, so its timing against a single neuraxial injection is not in doubt: a regimen that
    lists both did not stop the drug for the days the guidance asks
    (``drug_properties.csv`` ``neuraxial_block_stop_days``). An antiplatelet without that
    property (aspirin, and the NSAIDs, not antiplatelets here) is not judged: alone they are
    not a contraindication.
    """
    neuraxial = [item for item in items if item.listed and item.route in _NEURAXIAL_ROUTES]
    if not neuraxial or not antiplatelets:
        return []
    where = "; ".join(str(item) for item in neuraxial)
    found = []
    for drug in antiplatelets:
        stop = k.drug_properties.get(drug, "neuraxial_block_stop_days")
        if stop is None:
            continue
        days, source = stop
        finding = _ruled(k, "neuraxial-antiplatelet", (
            f"{drug} with a neuraxial injection or catheter ({where}): {drug} is stopped "
            f"{days} days before a neuraxial block"))
        found.append(attrs.evolve(finding, source=f"{source}; {finding.source}"))
    return found


def _iv_local_anaesthetic_with_another(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """An intravenous local anaesthetic (lidocaine) with another local anaesthetic given by
    injection or infusion: the IV lidocaine consensus keeps IV lidocaine apart from every other
    local anaesthetic intervention (systemic toxicity is additive). A topical (skin) local
    anaesthetic is not counted."""
    given = [item for item in items if item.listed and item.route is not Route.TOPICAL
             and any(d.drug_class == "local-anaesthetic" for d in item.drugs)]
    intravenous = [item for item in given if item.route is Route.IV]
    others = [item for item in given if item not in intravenous[:1]]
    if not intravenous or not others:
        return []
    return [_ruled(k, "iv-lidocaine-other-local-anaesthetic", (
        f"{intravenous[0]} with {'; '.join(str(item) for item in others)}: two local "
        "anaesthetics together"))]


def _cox2_selective_older(k: Knowledge, selective: Sequence[str], patient: Patient) -> Finding:
    """A COX-2 selective NSAID from 65 without gastroprotection: information, naming why the
    Beers criterion for non-COX-selective oral NSAIDs (``nsaid-age``) is not applied."""
    _, source = k.drug_properties.get(selective[0], "cox2_selective")  # type: ignore[misc]
    return Finding(Severity.INFO, "nsaid-age-cox2-selective", (
        f"{', '.join(selective)} at age {patient.age:g} without gastroprotection: "
        "COX-2 selective, so not under the Beers criterion for non-COX-selective "
        "oral NSAIDs (nsaid-age); the NSAID bleeding, renal and interaction rules still apply"),
        source)


#: The classes whose respiratory depression beside an opioid has its own rule.
_OWN_RULE_CLASSES = frozenset({"benzodiazepine", "gabapentinoid"})


def _other_depressants(k: Knowledge, items: Sequence[Item], opioids: list[str]) -> list[Finding]:
    """Opioids with a CNS depressant that no other rule judges (a Z-drug hypnotic): the opioid
    labels' boxed warning names benzodiazepines *or other CNS depressants*."""
    classes = {d.name: d.drug_class for item in items if item.listed for d in item.drugs}
    others = [d for d in _with_property(k, items, "respiratory_depressant")
              if classes.get(d) not in _OWN_RULE_CLASSES]
    if not others:
        return []
    return [_ruled(k, "opioid-cns-depressant",
                   f"{', '.join(opioids)} with the CNS depressant {', '.join(others)}")]


def _cyp3a4(k: Knowledge, items: Sequence[Item], opioids: list[str]) -> list[Finding]:
    """An opioid cleared by CYP3A4 (fentanyl, methadone) with a CYP3A4 inhibitor."""
    substrates = [d for d in _with_property(k, items, "cyp3a4_substrate") if d in opioids]
    inhibitors = _with_property(k, items, "cyp3a4_inhibitor")
    if not substrates or not inhibitors:
        return []
    return [_ruled(k, "opioid-cyp3a4-inhibitor",
                   f"{', '.join(substrates)} with the CYP3A4 inhibitor {', '.join(inhibitors)}")]


#: CYP3A4 inhibitor strengths, weakest first.
_INHIBITOR_STRENGTHS = ("weak", "moderate", "strong")


def _strengths(k: Knowledge, items: Sequence[Item], prop: str) -> dict[str, str]:
    """The drugs among the items that have ``prop`` (an inhibitor's or inducer's strength:
    ``cyp3a4_inhibitor``, ``cyp3a4_inducer``, ``cyp1a2_inhibitor``), each with its value."""
    return {d: v[0] for d in _with_property(k, items, prop)
            if (v := k.drug_properties.get(d, prop)) is not None}


def _inhibitors(k: Knowledge, items: Sequence[Item]) -> dict[str, str]:
    """The CYP3A4 inhibitors among the items, each with its strength (``cyp3a4_inhibitor``)."""
    return _strengths(k, items, "cyp3a4_inhibitor")


def _at_least(inhibitors: dict[str, str], strength: str, drug: str) -> list[str]:
    """The inhibitors (but ``drug``) of ``strength`` or stronger."""
    weakest = _INHIBITOR_STRENGTHS.index(strength)
    return [d for d, v in inhibitors.items() if d != drug and v in _INHIBITOR_STRENGTHS
            and _INHIBITOR_STRENGTHS.index(v) >= weakest]


def _cyp3a4_inducers(k: Knowledge, items: Sequence[Item], opioids: list[str],
                     previous: Sequence[Item] | None) -> list[Finding]:
    """CYP3A4 inducers (``cyp3a4_inducer``) beside opioids cleared by CYP3A4
    (``cyp3a4_substrate``).

    With a previous regimen (``--previous`` or the state before in a course) that held an
    inducer the new one no longer holds, while the same CYP3A4-substrate opioid goes on: a
    warning (``opioid-cyp3a4-inducer-stopped``; the opioid labels' boxed warning: as the
    induction wears off the opioid's concentration rises). An inducer given now beside such an
    opioid: information (``opioid-cyp3a4-inducer``: less effect, a known and common
    combination), but a warning for an opioid whose source names withdrawal with an inducer
    (``cyp3a4_inducer_withdrawal``: methadone)."""
    substrates = [d for d in _with_property(k, items, "cyp3a4_substrate") if d in opioids]
    if not substrates:
        return []
    inducers = _with_property(k, items, "cyp3a4_inducer")
    found = []
    if previous is not None:
        before = set(_with_property(k, previous, "cyp3a4_inducer"))
        stopped = sorted(before - set(inducers))
        kept = sorted(set(substrates)
                      & set(_with_property(k, previous, "cyp3a4_substrate"))
                      & set(_classes(previous, "opioid")))
        if stopped and kept:
            found.append(_ruled(k, "opioid-cyp3a4-inducer-stopped",
                                f"the CYP3A4 inducer {', '.join(stopped)} of the previous regimen "
                                f"is stopped while {', '.join(kept)} (cleared by CYP3A4) goes on"))
    if inducers:
        withdrawal = [d for d in substrates
                      if k.drug_properties.get(d, "cyp3a4_inducer_withdrawal") is not None]
        if withdrawal:
            found.append(_ruled(k, "opioid-cyp3a4-inducer-withdrawal",
                                f"{', '.join(withdrawal)} with the CYP3A4 inducer "
                                f"{', '.join(inducers)}"))
        others = [d for d in substrates if d not in withdrawal]
        if others:
            found.append(_ruled(k, "opioid-cyp3a4-inducer",
                                f"{', '.join(others)} (cleared by CYP3A4) with the CYP3A4 inducer "
                                f"{', '.join(inducers)}"))
    return found


def _cyp3a4_contraindicated(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """A drug whose source contraindicates CYP3A4 inhibitors from a strength on (domperidone:
    potent ones, MHRA 2014) with an inhibitor of that strength or stronger.

    Where the source contraindicates the combination by some routes of the drug only
    (``cyp3a4_inhibitor_contraindicated_routes``: the clarithromycin SmPCs contraindicate
    *oral* midazolam and ask for close monitoring and dose adjustment with intravenous or
    oromucosal midazolam), the drug by those routes is flagged; by the other routes alone the
    finding is information saying what the source asks (a midazolam syringe driver with
    clarithromycin: monitor, adjust the dose)."""
    inhibitors = _inhibitors(k, items)
    rule = _rule(k, "cyp3a4-inhibitor-contraindicated")
    found = []
    for drug in _with_property(k, items, "cyp3a4_inhibitor_contraindicated"):
        value, property_source = k.drug_properties.get(  # type: ignore[misc]
            drug, "cyp3a4_inhibitor_contraindicated")
        if value not in _INHIBITOR_STRENGTHS:
            continue
        strong = _at_least(inhibitors, value, drug)
        also = k.drug_properties.get(drug, "cyp3a4_inhibitor_contraindicated_named")
        listed = set(also[0].split()) if also else set()
        by_name = [d for d in inhibitors if d in listed and d not in strong]
        scoped = k.drug_properties.get(drug, "cyp3a4_inhibitor_contraindicated_routes")
        if scoped is not None:
            routes = set(scoped[0].split())
            given = sorted({item.route.value for item in items if item.listed
                            and any(d.name == drug for d in item.drugs)})
            if not routes & set(given):
                if strong or by_name:
                    found.append(Finding(Severity.INFO, "cyp3a4-inhibitor-contraindicated", (
                        f"{drug} by {', '.join(given)} with the CYP3A4 inhibitor "
                        f"{', '.join(strong + by_name)}: its source contraindicates the "
                        f"combination by the {' '.join(sorted(routes))} route only; by "
                        f"{', '.join(given)} its exposure still rises, so monitor for deeper "
                        "and longer sedation and adjust the dose"), scoped[1]))
                continue
            drug_words = f"{drug} ({' '.join(sorted(routes & set(given)))})"
        else:
            drug_words = drug
        if strong:
            text = (f"{drug_words} with the {value}{' or stronger' if value != 'strong' else ''} "
                    f"CYP3A4 inhibitor {', '.join(strong)}: contraindicated")
            if property_source == rule.source:
                found.append(_ruled(k, "cyp3a4-inhibitor-contraindicated", text))
            else:  # the drug's own source, not the rule's statement about another drug
                found.append(Finding(rule.severity, "cyp3a4-inhibitor-contraindicated", (
                    f"{text} by {drug}'s own source: its exposure rises with the inhibitor; use "
                    "another drug or stop the inhibitor"), f"{property_source} ; also: {rule.source}"))
        if by_name and also:
            found.append(Finding(rule.severity, "cyp3a4-inhibitor-contraindicated", (
                f"{drug} with the CYP3A4 inhibitor {', '.join(by_name)}, which {drug}'s label "
                f"names among the inhibitors it is contraindicated with: contraindicated. "
                f"{rule.statement}"), f"{also[1]} ; also: {rule.source}"))
    return found


def _cyp3a4_reduce_dose(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """A drug whose label asks for a reduced dose with CYP3A4 inhibitors from a strength on
    (``cyp3a4_inhibitor_reduce_dose``: quetiapine, one sixth of the dose with a strong
    inhibitor) given with an inhibitor of that strength or stronger.

    Not a contraindication: the label's own words (reduce the dose) with the rule's severity,
    and the drug's own source first; a weaker inhibitor than the label names is not flagged."""
    return _cyp3a4_label_asks(k, items, "cyp3a4_inhibitor_reduce_dose",
                              "cyp3a4-inhibitor-reduce-dose", "a reduced dose")


def _cyp3a4_caution(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """A drug whose label asks for caution with CYP3A4 inhibitors from a strength on
    (``cyp3a4_inhibitor_caution``: clonazepam, whose US label says inhibitors of CYP3A, notably
    oral antifungal agents, 'should be used cautiously') given with an inhibitor of that strength
    or stronger.

    Neither a contraindication nor a dose reduction: the label's own words (use cautiously:
    watch for deeper and longer sedation) with the rule's severity, the drug's own source first;
    an inhibitor weaker than the row's strength is not flagged."""
    return _cyp3a4_label_asks(k, items, "cyp3a4_inhibitor_caution", "cyp3a4-inhibitor-caution",
                              "caution")


def _cyp3a4_monitor_inr(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """An anticoagulant whose label asks for close INR monitoring with CYP3A4 inhibitors
    (``cyp3a4_inhibitor_monitor_inr``: warfarin, whose R-enantiomer is cleared by CYP3A4; its US
    label names clarithromycin, itraconazole, ketoconazole, posaconazole, ritonavir and
    voriconazole among them) given with an inhibitor of the row's strength or stronger.

    From ``strong`` on only: the label's CYP3A4 list also holds weak inhibitors (alprazolam,
    amlodipine, atorvastatin) that would warn on ordinary regimens."""
    return _cyp3a4_label_asks(k, items, "cyp3a4_inhibitor_monitor_inr", "cyp3a4-inhibitor-inr",
                              "close INR monitoring")


def _cyp3a4_label_asks(k: Knowledge, items: Sequence[Item], prop: str, code: str,
                       asks: str, *, kind: str = "inhibitor",
                       stricter: str | None = None) -> list[Finding]:
    """The drugs of ``prop`` (a CYP3A4 inhibitor strength, or with ``kind="inducer"`` an
    inducer strength, from which their label asks for something short of a contraindication)
    given with a partner of that strength or stronger: the rule ``code``'s severity, in the
    label's words ("asks for ``asks``"). With ``stricter`` (another property of the same drug,
    a strength from which its label asks more), the partners it names are left to it."""
    partners = _inhibitors(k, items) if kind == "inhibitor" else _inducers(k, items)
    found = []
    for drug in _with_property(k, items, prop):
        value, source = k.drug_properties.get(drug, prop)  # type: ignore[misc]
        if value not in _INHIBITOR_STRENGTHS:
            continue
        named = _at_least(partners, value, drug)
        above = _property_value(k, drug, stricter) if stricter else None
        if above in _INHIBITOR_STRENGTHS:
            named = [d for d in named if d not in _at_least(partners, above, drug)]
        if not named:
            continue
        rule = _rule(k, code)
        found.append(Finding(rule.severity, code, (
            f"{drug} with the {value}{' or stronger' if value != 'strong' else ''} CYP3A4 "
            f"{kind} {', '.join(named)}: {drug}'s label asks for {asks} with such an "
            f"{kind}. {rule.statement}"),
            _and_rule_source(source, rule)))
    return found


def _inducers(k: Knowledge, items: Sequence[Item]) -> dict[str, str]:
    """The CYP3A4 inducers among the items, each with its strength (``cyp3a4_inducer``)."""
    return _strengths(k, items, "cyp3a4_inducer")


def _cyp3a4_avoid_and_monitor(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """A drug cleared by CYP3A4 whose label asks to avoid CYP3A4 inducers or inhibitors from a
    strength on, or to monitor with inhibitors from a strength on (naldemedine: the Symproic
    label avoids strong inducers, whose lowered exposure costs its effect, and monitors with
    moderate or strong inhibitors; the EU SmPC avoids strong inhibitors).

    ``cyp3a4_inducer_avoid`` and ``cyp3a4_inhibitor_avoid``: the label's "avoid" or "not
    recommended", a warning (``cyp3a4-inducer-avoid``, ``cyp3a4-inhibitor-avoid``).
    ``cyp3a4_inhibitor_monitor``: the label's "monitor for adverse reactions", information
    (``cyp3a4-inhibitor-monitor``), for the inhibitors no avoid row of the drug already names.
    """
    found = _cyp3a4_label_asks(k, items, "cyp3a4_inducer_avoid", "cyp3a4-inducer-avoid",
                               "the combination to be avoided", kind="inducer")
    found.extend(_cyp3a4_label_asks(
        k, items, "cyp3a4_inhibitor_avoid", "cyp3a4-inhibitor-avoid",
        "the combination to be avoided (and monitoring where it cannot be)"))
    found.extend(_cyp3a4_label_asks(
        k, items, "cyp3a4_inhibitor_monitor", "cyp3a4-inhibitor-monitor",
        "monitoring for its adverse reactions", stricter="cyp3a4_inhibitor_avoid"))
    return found


def _maoi_serotonergic(k: Knowledge, items: Sequence[Item], serotonergic: list[str],
                       serotonergic_opioids: list[str]) -> list[Finding]:
    """An MAO inhibitor (``serotonergic`` = ``maoi``: linezolid, a reversible non-selective
    one) with another serotonergic drug that is not an opioid (an opioid beside it is the
    ``serotonergic`` rule's): serotonin syndrome, by the MAO inhibitor's label."""
    maoi = [d for d in serotonergic
            if (v := k.drug_properties.get(d, "serotonergic")) is not None and v[0] == "maoi"]
    others = [d for d in serotonergic if d not in maoi and d not in serotonergic_opioids]
    if not maoi or not others:
        return []
    return [_ruled(k, "maoi-serotonergic", f"the MAO inhibitor {', '.join(maoi)} with "
                   f"{', '.join(others)}: serotonin syndrome risk")]


def _cyp2c9(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """A drug whose label warns that CYP2C9 inhibitors raise its effect (warfarin: the more potent
    S-enantiomer is cleared by CYP2C9; phenytoin, whose saturable metabolism by CYP2C9 and
    CYP2C19 makes a small inhibition a large rise) with such an inhibitor (fluconazole,
    fluvoxamine). A drug whose own source is not the rule's is told in its label's words (serum
    level, dose), not the rule's statement about warfarin's INR.

    CYP2C9 only: the warfarin label's CYP3A4 and CYP1A2 lists hold weak inhibitors (alprazolam,
    amlodipine, ...) that would warn on ordinary regimens; ``drug_properties.csv`` names as
    ``cyp2c9_inhibitor`` only what a sensitive drug's label names or a source rates moderate or
    stronger.
    """
    inhibitors = _with_property(k, items, "cyp2c9_inhibitor")
    rule = _rule(k, "cyp2c9-inhibitor")
    found = []
    for drug in _with_property(k, items, "cyp2c9_substrate"):
        others = [d for d in inhibitors if d != drug]
        if not others:
            continue
        text = f"{drug} with the CYP2C9 inhibitor {', '.join(others)}: {drug}'s exposure rises"
        _, property_source = k.drug_properties.get(drug, "cyp2c9_substrate")  # type: ignore[misc]
        if drug in rule.statement:  # the rule's statement is about this drug (warfarin)
            found.append(_ruled(k, "cyp2c9-inhibitor", text))
        else:  # the drug's own label, not the rule's statement about warfarin's INR
            found.append(Finding(rule.severity, "cyp2c9-inhibitor", (
                f"{text} by {drug}'s own label: the inhibitor slows its clearance, so its serum "
                "level may reach toxicity; monitor the level and adjust the dose when the "
                "inhibitor is started, changed or stopped"), f"{property_source} ; also: {rule.source}"))
    return found


def _anticoagulant_cyp3a4_pgp(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """An anticoagulant given with a strong inhibitor of both CYP3A4 and P-gp that its own label
    names (``cyp3a4_pgp_inhibitors_avoided``: apixaban and rivaroxaban with the azole
    antimycotics and HIV protease inhibitors; the EU SmPCs do not recommend it, the US apixaban
    label halves the dose or avoids it; dabigatran, cleared by P-gp alone, with systemic
    ketoconazole and itraconazole, which the Pradaxa SmPC contraindicates).

    Only the inhibitors the row names: fluconazole (a moderate inhibitor, which the rivaroxaban
    label lets be co-administered) and clarithromycin (no apixaban dose change, by the US label)
    are not flagged."""
    found = []
    given = {d.name for item in items if item.listed for d in item.drugs}
    for drug in _with_property(k, items, "cyp3a4_pgp_inhibitors_avoided"):
        value, source = k.drug_properties.get(drug, "cyp3a4_pgp_inhibitors_avoided")  # type: ignore[misc]
        named = sorted(set(value.split()) & given - {drug})
        if not named:
            continue
        rule = _rule(k, "anticoagulant-cyp3a4-pgp-inhibitor")
        found.append(Finding(rule.severity, "anticoagulant-cyp3a4-pgp-inhibitor", (
            f"{drug} with {', '.join(named)}: strong inhibitors of both CYP3A4 and P-gp that "
            f"{drug}'s label names among those it does not recommend or contraindicates. "
            f"{rule.statement}"),
            _and_rule_source(source, rule)))
    return found


#: ``antiplatelet_labelled_regimen`` values: "<dose> mg <times> daily with <antiplatelet>
#: <low>-<high> mg/day" (rivaroxaban: "2.5 mg twice daily with aspirin 75-100 mg/day").
_LABELLED_REGIMEN = re.compile(
    r"^(?P<dose>\d+(?:\.\d+)?) mg (?P<times>once|twice|three times) daily with "
    r"(?P<partner>[a-z-]+) (?P<low>\d+(?:\.\d+)?)-(?P<high>\d+(?:\.\d+)?) mg/day$")
_TIMES_A_DAY = {"once": 1.0, "twice": 2.0, "three times": 3.0}


def labelled_regimen(value: str) -> tuple[float, float, str, float, float] | None:
    """An ``antiplatelet_labelled_regimen`` value read: (dose [mg], times a day, antiplatelet,
    its lowest and highest day [mg/day]); None where the value is not of that form."""
    match = _LABELLED_REGIMEN.match(value)
    if match is None:
        return None
    return (float(match["dose"]), _TIMES_A_DAY[match["times"]], match["partner"],
            float(match["low"]), float(match["high"]))


def _scheduled(items: Sequence[Item], drug: str) -> list[tuple[float | None, float | None]]:
    """(dose [mg], day [mg/day]) of every scheduled (not as-needed) item of ``drug``."""
    return [(item.per_dose(ingredient), item.daily(ingredient))
            for item in items if item.listed and not item.prn
            for ingredient in item.ingredients if ingredient.drug.name == drug]


def _anticoagulant_antiplatelet(k: Knowledge, items: Sequence[Item], anticoagulants: list[str],
                                antiplatelets: list[str]) -> Finding:
    """STOPP's anticoagulant with an antiplatelet (``anticoagulant-antiplatelet``), stepped down
    to information where the pair is a regimen the anticoagulant's own label gives
    (``antiplatelet_labelled_regimen``: rivaroxaban 2.5 mg twice daily with aspirin 75-100
    mg/day, the Xarelto CAD/PAD regimen of COMPASS).

    Only when the one anticoagulant and the one antiplatelet are the label's, every scheduled
    item of the anticoagulant is the label's dose at the label's frequency and the
    antiplatelet's day lies within the label's range; any other dose, partner or a third drug
    keeps STOPP's warning."""
    text = (f"{', '.join(anticoagulants)} with {', '.join(antiplatelets)}: is dual therapy "
            "intended?")
    if len(anticoagulants) == 1 and len(antiplatelets) == 1:
        drug, partner = anticoagulants[0], antiplatelets[0]
        row = k.drug_properties.get(drug, "antiplatelet_labelled_regimen")
        regimen = labelled_regimen(row[0]) if row is not None else None
        if row is not None and regimen is not None and regimen[2] == partner:
            dose, times, _, low, high = regimen
            given = _scheduled(items, drug)
            partner_days = [day for _, day in _scheduled(items, partner)]
            tolerance = 1e-6
            if given and all(d is not None and day is not None
                             and math.isclose(d, dose, rel_tol=tolerance)
                             and math.isclose(day, dose * times, rel_tol=tolerance)
                             for d, day in given) \
                    and partner_days and None not in partner_days \
                    and low * (1 - tolerance) <= sum(partner_days) <= high * (1 + tolerance):  # type: ignore[arg-type]
                rule = _rule(k, "anticoagulant-antiplatelet")
                return Finding(Severity.INFO, "anticoagulant-antiplatelet", (
                    f"{drug} {significant(dose, 4)} mg {_times_word(times)} daily with {partner} "
                    f"{significant(sum(partner_days), 4)} mg/day: the regimen {drug}'s label "  # type: ignore[arg-type]
                    f"gives ({partner} {significant(low, 4)}-{significant(high, 4)} mg/day), so "
                    f"STOPP's warning steps down to information. {rule.statement}"),
                    _and_rule_source(row[1], rule))
    prophylactic = _prophylactic_anticoagulation(k, items, anticoagulants)
    if prophylactic is not None:
        rule = _rule(k, "anticoagulant-antiplatelet")
        return Finding(Severity.INFO, "anticoagulant-antiplatelet", (
            f"{text} {prophylactic[0]}: STOPP's criterion (a vitamin K antagonist, direct "
            "thrombin inhibitor or factor Xa inhibitor, i.e. long-term therapeutic "
            "anticoagulation, with an antiplatelet) is not written for thromboprophylaxis, so "
            f"this is information, not a warning. {rule.statement}"),
            _and_rule_source(prophylactic[1], rule))
    return _ruled(k, "anticoagulant-antiplatelet", text)


def _prophylactic_anticoagulation(k: Knowledge, items: Sequence[Item],
                                  anticoagulants: Sequence[str]) -> tuple[str, str] | None:
    """(words, sources) where every anticoagulant is a heparin at a prophylactic day: each has a
    ``prophylactic_daily_max`` row (``drug_properties.csv``: enoxaparin 40 mg, dalteparin 5,000
    units, the labels' once-daily thromboprophylaxis) and every item of it is scheduled, of a
    known day, the drug's whole day within it (audit 2, finding 9). None otherwise: a treatment
    dose, an as-needed or unknown dose, or an anticoagulant with no prophylactic row (a DOAC,
    warfarin) keeps STOPP's warning."""
    said, sources = [], []
    for drug in anticoagulants:
        row = k.drug_properties.get(drug, "prophylactic_daily_max")
        if row is None:
            return None
        given = [item for item in items if item.listed and drug in {d.name for d in item.drugs}]
        if not given or any(item.prn for item in given):
            return None
        daily, complete = drug_daily(given, drug, None, None)
        ceiling = float(row[0])
        if not complete or daily <= 0 or daily > ceiling * (1 + _TOLERANCE):
            return None
        unit = "units" if given[0].drugs[0].dosed_in_units else "mg"
        said.append(f"{drug} {significant(daily, 4)} {unit}/day is a prophylactic dose (at most "
                    f"{significant(ceiling, 4)} {unit}/day)")
        sources.append(row[1])
    return ("; ".join(said), " ; ".join(dict.fromkeys(sources))) if said else None


def _times_word(times: float) -> str:
    return next(word for word, n in _TIMES_A_DAY.items() if n == times)


def _anticoagulant_ssri(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """An anticoagulant with an SSRI or SNRI where the anticoagulant's label speaks of them
    (``serotonin_reuptake_inhibitor_bleeding``): ``monitor`` (warfarin: the label lists them
    among the drugs that increase bleeding risk and asks for close monitoring) takes the rule's
    severity; ``caution`` (rivaroxaban: 'care is to be taken') is information. An anticoagulant
    whose label was not read for it says nothing."""
    reuptake = _with_property(k, items, "serotonin_reuptake_inhibitor")
    if not reuptake:
        return []
    rule = _rule(k, "anticoagulant-ssri")
    found = []
    for drug in _with_property(k, items, "serotonin_reuptake_inhibitor_bleeding"):
        value, source = k.drug_properties.get(drug, "serotonin_reuptake_inhibitor_bleeding")  # type: ignore[misc]
        text = f"{drug} with {', '.join(reuptake)}: "
        if value == "monitor":
            found.append(Finding(rule.severity, "anticoagulant-ssri",
                                 f"{text}{rule.statement}",
                                 source if source == rule.source
                                 else f"{source} ; also: {rule.source}"))
        else:
            found.append(Finding(Severity.INFO, "anticoagulant-ssri", (
                f"{text}{drug}'s label asks for care with serotonin reuptake inhibitors (both "
                "affect haemostasis); watch for bleeding"), source))
    return found


def _cyp2c19_prodrug(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """A drug activated by CYP2C19 given with a CYP2C19 inhibitor its label says to avoid
    (``cyp2c19_inhibitors_avoided``: clopidogrel, whose active metabolite is formed mainly by
    CYP2C19; the FDA's 2009-2012 label changes say avoid omeprazole and esomeprazole).

    Only the inhibitors the row names: the FDA says its advice does not apply to every proton
    pump inhibitor and names pantoprazole (a weak CYP2C19 inhibitor) as an alternative, so
    clopidogrel with pantoprazole or lansoprazole is not flagged."""
    found = []
    given = {d.name for item in items if item.listed for d in item.drugs}
    for drug in _with_property(k, items, "cyp2c19_inhibitors_avoided"):
        value, source = k.drug_properties.get(drug, "cyp2c19_inhibitors_avoided")  # type: ignore[misc]
        named = [d for d in sorted(set(value.split())) if d in given and d != drug]
        if not named:
            continue
        rule = _rule(k, "cyp2c19-inhibitor-prodrug")
        found.append(Finding(rule.severity, "cyp2c19-inhibitor-prodrug", (
            f"{drug} with the CYP2C19 inhibitor {', '.join(named)}, which {drug}'s label says to "
            f"avoid: {drug} is a prodrug activated by CYP2C19, so its effect falls. "
            f"{rule.statement}"),
            _and_rule_source(source, rule)))
    return found


def _cyp1a2_contraindicated(k: Knowledge, items: Sequence[Item],
                            market: str | None = None) -> list[Finding]:
    """A drug whose label contraindicates CYP1A2 inhibitors from a strength on
    (``cyp1a2_inhibitor_contraindicated``: duloxetine, whose EU SmPC 4.3 contraindicates the
    potent CYP1A2 inhibitors fluvoxamine, ciprofloxacin and enoxacin) given with an inhibitor
    (``cyp1a2_inhibitor``) of that strength or stronger.

    An inhibitor weaker than the row's strength, or a drug with no such row (another
    antidepressant beside fluvoxamine), is not flagged: the label names potent inhibitors only.
    """
    inhibitors = _strengths(k, items, "cyp1a2_inhibitor")
    found = []
    for drug in _with_property(k, items, "cyp1a2_inhibitor_contraindicated"):
        value, source = k.drug_properties.get(  # type: ignore[misc]
            drug, "cyp1a2_inhibitor_contraindicated")
        if value not in _INHIBITOR_STRENGTHS:
            continue
        named = _at_least(inhibitors, value, drug)
        if not named:
            continue
        rule = _rule(k, "cyp1a2-inhibitor-contraindicated")
        severity, where, also = _contraindicated_where(
            k, drug, "cyp1a2_inhibitor_contraindicated", market, rule.severity)
        found.append(Finding(severity, "cyp1a2-inhibitor-contraindicated", (
            f"{drug} with the {value}{' or stronger' if value != 'strong' else ''} CYP1A2 "
            f"inhibitor {', '.join(named)}: contraindicated by {drug}'s label{where}. "
            f"{rule.statement}"), " ; also: ".join([_and_rule_source(source, rule), *also])))
    return found


def _contraindicated_where(k: Knowledge, drug: str, prop: str, market: str | None,
                           severity: Severity) -> tuple[Severity, str, list[str]]:
    """The severity of a contraindication a drug's label states (``prop``), by market; the
    words that say whose label states it; the sources that say where.

    A ``<prop>_markets`` row names the markets whose labels state the contraindication (the
    EU/UK haloperidol SmPC contraindicates QT-prolonging drugs; the US and Japanese labels do
    not). There it keeps the rule's severity (an error); with another ``--market`` it is a
    warning naming the markets whose labels state it; with no market chosen the markets'
    labels disagree, so it is a warning too, as a dose one market's label allows and another's
    does not (CONTRACT.md section 2: an error is a contraindication the label states). No such
    row: the source speaks for every market, as a dose limit of no market does."""
    row = k.drug_properties.get(drug, f"{prop}_markets")
    if row is None or severity is not Severity.ERROR:
        return severity, "", []
    markets = row[0].split()
    if market in markets:
        return severity, f" (the {market.upper()} label)", []
    named = "/".join(m.upper() for m in markets)
    labels = f"the {named} label{'s' if len(markets) > 1 else ''}"
    if market is None:
        words = (f"; stated by {labels} only, not by other markets' labels: a warning, not "
                 f"the error of a contraindication (with --market {' or '.join(markets)}: "
                 "an error)")
    else:
        words = (f"; stated by {labels} only, not by the {market.upper()} label: a warning, "
                 "not the error of a contraindication")
    return Severity.WARNING, words, [row[1]]


#: CredibleMeds' category of drugs with a risk of torsades de pointes only under conditions
#: (excessive dose, hypokalaemia, congenital long QT, a drug that blocks their metabolism).
_CONDITIONAL_QT = "conditional"


def _methadone_qt(k: Knowledge, items: Sequence[Item],
                 market: str | None = None) -> list[Finding]:
    """Methadone with QT-prolonging drugs: a warning for a known or possible risk of torsades
    de pointes (CredibleMeds), information for a conditional one.

    A conditional risk is, by CredibleMeds' definition, a risk only under further conditions
    (excessive dose, hypokalaemia, congenital long QT syndrome, or a drug that inhibits its
    metabolism) that the regimen does not show: metoclopramide for opioid nausea beside methadone
    needs the awareness Krantz 2009 asks for, not a warning on every such regimen.
    """
    found = []
    named = {d: k.drug_properties.get(d, "qt_risk") for d in _with_property(k, items, "qt_risk")
             if d != "methadone"}
    risky = [d for d, v in named.items() if v is not None and v[0] != _CONDITIONAL_QT]
    conditional = [d for d, v in named.items() if v is not None and v[0] == _CONDITIONAL_QT]
    if risky:
        finding = _ruled(k, "methadone-qt", f"methadone with QT-prolonging {', '.join(risky)}")
        forbidding = _forbidding_qt(k, "methadone", risky)
        if forbidding:  # the pair's one finding: the partner's own contraindication is named here
            owners = " and ".join(f"{d}'s" for d in forbidding)
            verb = "source contraindicates" if len(forbidding) == 1 else "sources contraindicate"
            # a contraindication the partner's label states: that rule's severity (an error)
            # where the chosen market's label states it (every market's where none is chosen)
            rule = _rule(k, "qt-prolonging-contraindicated")
            judged = [_contraindicated_where(k, d, "qt_prolonging_contraindicated", market,
                                             rule.severity) for d in forbidding]
            stated = max((j[0] for j in judged), key=lambda s: s.rank)
            where = next((j[1] for j in judged if j[0] is stated), "")
            finding = Finding(max(finding.severity, stated, key=lambda s: s.rank), finding.code, (
                f"{finding.message.rstrip('.')}; {owners} own {verb} medicines known to "
                f"prolong the QT interval: contraindicated{where}."),
                " ; also: ".join([finding.source, *forbidding.values(),
                                  *dict.fromkeys(a for j in judged for a in j[2])]))
        found.append(finding)
    if conditional:
        rule = _rule(k, "methadone-qt")
        source = k.drug_properties.get(conditional[0], "qt_risk")[1]  # type: ignore[index]
        found.append(Finding(Severity.INFO, "methadone-qt", (
            f"methadone with {', '.join(conditional)}, of conditional risk of torsades de pointes "
            "(CredibleMeds: only with excessive dose, hypokalaemia, congenital long QT or a drug "
            f"that blocks its metabolism): information, not a warning. {rule.statement}"),
            f"{source} ; also: {rule.source}"))
    return found


def _forbidding_qt(k: Knowledge, drug: str, partners: Sequence[str]) -> dict[str, str]:
    """The partners whose own source contraindicates QT-prolonging drugs of ``drug``'s
    CredibleMeds category, with that source."""
    risk = k.drug_properties.get(drug, "qt_risk")
    found = {}
    for partner in partners:
        forbids = k.drug_properties.get(partner, "qt_prolonging_contraindicated")
        if risk is not None and forbids is not None and risk[0] in forbids[0].split():
            found[partner] = forbids[1]
    return found


def _qt_contraindicated(k: Knowledge, items: Sequence[Item],
                        market: str | None = None) -> list[Finding]:
    """A drug whose source contraindicates QT-prolonging drugs (``qt_prolonging_contraindicated``:
    domperidone, by the 2014 EU/UK restriction) given with a drug of a CredibleMeds category the
    source names (``qt_risk``: known risk of torsades de pointes, for "medicines known to prolong
    the QT interval"; citalopram and escitalopram, by the 2011 MHRA/EMA review); a drug of a
    lesser category is not flagged. A pair whose two drugs both carry the property (citalopram
    with domperidone) is one finding, under the first drug's source, not two; a pair with
    methadone is the ``methadone-qt`` finding's, which names this source too."""
    found = []
    said: set[frozenset[str]] = set()
    # a drug whose contraindication holds in every market first: a pair of two such drugs
    # (citalopram with domperidone) is judged by the label that states it most widely
    for drug in sorted(_with_property(k, items, "qt_prolonging_contraindicated"),
                       key=lambda d: k.drug_properties.get(
                           d, "qt_prolonging_contraindicated_markets") is not None):
        value, source = k.drug_properties.get(  # type: ignore[misc]
            drug, "qt_prolonging_contraindicated")
        categories = set(value.split())
        others = [d for d in _with_property(k, items, "qt_risk") if d != drug
                  and d != "methadone"  # the methadone-qt finding names the pair, and this label
                  and frozenset((drug, d)) not in said
                  and (v := k.drug_properties.get(d, "qt_risk")) is not None
                  and v[0] in categories]
        if not others:
            continue
        said.update(frozenset((drug, d)) for d in others)
        rule = _rule(k, "qt-prolonging-contraindicated")
        severity, where, also = _contraindicated_where(
            k, drug, "qt_prolonging_contraindicated", market, rule.severity)
        text = (f"{drug} with the QT-prolonging {', '.join(others)} (CredibleMeds: "
                f"{' or '.join(sorted(categories))} risk of torsades de pointes): contraindicated")
        if source == rule.source and not also:
            found.append(_ruled(k, "qt-prolonging-contraindicated", text, rule=rule))
        else:  # the drug's own source, then the rule's
            found.append(Finding(severity, "qt-prolonging-contraindicated",
                                 f"{text} by {drug}'s own source{where}. {rule.statement}",
                                 " ; also: ".join([source, rule.source, *also])))
    return found


_CONDITION_PROPERTIES = (("contraindicated_conditions", "condition-contraindicated",
                          "contraindicated"),
                         ("monitored_conditions", "condition-monitoring",
                          "to be monitored"))


def _condition_findings(k: Knowledge, items: Sequence[Item],
                        patient: Patient) -> list[Finding]:
    """A drug whose own source contraindicates it in a condition the patient is recorded to have
    (``contraindicated_conditions``: domperidone in heart failure or a long QT interval, by the
    2014 EU/UK restriction; citalopram and escitalopram in a long QT interval, by the 2011 MHRA
    review), or asks for monitoring in it (``monitored_conditions``: methadone with a long QT
    interval, an ECG by Medsafe's advice). A drug may have several rows of a property, each with
    its own source (metoclopramide: bowel obstruction by its mechanical-obstruction wording,
    Parkinson's disease by the EU SmPC): one finding a row whose conditions the patient has,
    naming those conditions and that row's source, then the rule's statement."""
    found = []
    for name, check, verb in _CONDITION_PROPERTIES:
        for drug in _with_property(k, items, name):
            for value, source in k.drug_properties.all(drug, name):
                met = [c for c in value.split() if c in patient.conditions]
                if not met:
                    continue
                rule = _rule(k, check)
                named = " and ".join(CONDITIONS[c].split(" (")[0] for c in met)
                text = f"{drug} in a patient with {named}: {verb} by {drug}'s own source"
                found.append(Finding(rule.severity, check, f"{text}. {rule.statement}", source))
    return found


def _parenteral_benzodiazepine(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """A drug given by a route whose label advises against a benzodiazepine by injection
    (``parenteral_benzodiazepine_not_recommended``: IM olanzapine, by the Zyprexa injection
    labels) with a benzodiazepine given IV, IM or SC. The same drug by another route, or an oral
    benzodiazepine, is not flagged: the labels speak of the injection with the injection."""
    injected = ROUTE_GROUPS["parenteral"]
    benzodiazepines = sorted({d.name for i in items if i.listed and i.route in injected
                              for d in i.drugs if d.drug_class == "benzodiazepine"})
    if not benzodiazepines:
        return []
    found = []
    for drug in _with_property(k, items, "parenteral_benzodiazepine_not_recommended"):
        value, source = k.drug_properties.get(  # type: ignore[misc]
            drug, "parenteral_benzodiazepine_not_recommended")
        routes = set(value.split())
        given = sorted({i.route.value for i in items if i.listed and i.route.value in routes
                        and any(d.name == drug for d in i.drugs)})
        if not given:
            continue
        rule = _rule(k, "parenteral-benzodiazepine-not-recommended")
        text = (f"{drug} ({', '.join(given)}) with the injected benzodiazepine "
                f"{', '.join(benzodiazepines)}: not recommended by {drug}'s label")
        if source == rule.source:
            found.append(_ruled(k, "parenteral-benzodiazepine-not-recommended", text, rule=rule))
        else:
            found.append(Finding(rule.severity, "parenteral-benzodiazepine-not-recommended",
                                 f"{text}. {rule.statement}", f"{source} ; also: {rule.source}"))
    return found


def _anticholinergic_older(k: Knowledge, items: Sequence[Item],
                           patient: Patient) -> list[Finding]:
    """Antidepressants with strong anticholinergic activity from 65 (the Beers Criteria, which
    exclude hospice and end-of-life care); age not given: said once, as info."""
    drugs = _with_property(k, items, "strong_anticholinergic_antidepressant")
    if not drugs:
        return []
    rule = _rule(k, "anticholinergic-antidepressant-older", threshold=True)
    assert rule.threshold is not None
    if patient.age is None:
        return [Finding(Severity.INFO, "anticholinergic-antidepressant-older-not-checked",
                        f"{', '.join(drugs)}: age not given, so the Beers Criteria "
                        f"({rule.threshold:g} and older) were not checked", rule.source)]
    if patient.age < rule.threshold:
        return []
    return [_ruled(k, "anticholinergic-antidepressant-older",
                   f"{', '.join(drugs)} at age {patient.age:g}", rule=rule, patient=patient)]


def _regular_with_property(k: Knowledge, items: Sequence[Item], name: str) -> list[str]:
    """The drugs with a property in ``drug_properties.csv`` given regularly (not as needed)."""
    return sorted({d.name for item in items if item.listed and not item.prn for d in item.drugs
                   if k.drug_properties.get(d.name, name) is not None})


def _antimuscarinic_prokinetic(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """An antimuscarinic (``antimuscarinic``: the hyoscines, glycopyrronium, cyclizine) given
    regularly with a prokinetic (``prokinetic``: metoclopramide, domperidone) given regularly:
    a warning naming both (``antimuscarinic-prokinetic``; palliative guidance: do not combine a
    prokinetic with an anticholinergic, which blocks its cholinergic prokinetic effect). An
    as-needed order on either side is not counted: an anticipatory PRN (hyoscine for secretions
    beside an antiemetic) is the palliative practice, not the combination the guidance means."""
    antimuscarinics = _regular_with_property(k, items, "antimuscarinic")
    prokinetics = [d for d in _regular_with_property(k, items, "prokinetic")
                   if d not in antimuscarinics]
    if not antimuscarinics or not prokinetics:
        return []
    return [_ruled(k, "antimuscarinic-prokinetic",
                   f"the antimuscarinic {', '.join(antimuscarinics)} with the prokinetic "
                   f"{', '.join(prokinetics)}")]


def _anticholinergic_combination_older(k: Knowledge, items: Sequence[Item],
                                       patient: Patient) -> list[Finding]:
    """Two or more drugs with strong anticholinergic properties (``strong_anticholinergic``: the
    Beers Criteria's Table 7 drugs in the catalogue) from 65, as-needed orders included: a
    warning (``anticholinergic-combination-older``); in hospice and end-of-life care, which the
    Beers Criteria exclude, information (:func:`_ruled`). Age not given: said once, as info."""
    drugs = _with_property(k, items, "strong_anticholinergic")
    if len(drugs) < 2:
        return []
    rule = _rule(k, "anticholinergic-combination-older", threshold=True)
    assert rule.threshold is not None
    if patient.age is None:
        return [Finding(Severity.INFO, "anticholinergic-combination-older-not-checked",
                        f"{', '.join(drugs)}: {len(drugs)} drugs with strong anticholinergic "
                        f"properties; age not given, so the Beers Criteria ({rule.threshold:g} "
                        "and older) were not checked", rule.source)]
    if patient.age < rule.threshold:
        return []
    return [_ruled(k, "anticholinergic-combination-older",
                   f"{len(drugs)} drugs with strong anticholinergic properties together "
                   f"({', '.join(drugs)}) at age {patient.age:g}", rule=rule, patient=patient)]


def _opioid_no_laxative(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """A strong opioid (an opioid without a ``who_step`` 2 row) given regularly and no regular
    laxative (class ``laxative``) in the regimen: information (``strong-opioid-no-laxative``, NICE
    CG140), never a warning, since a check often holds one order of a longer chart.

    Regular means scheduled: an as-needed dose or a single dose (``stat``, ``once``) is not a
    regular opioid, and an as-needed or single-dose laxative is not a regular laxative (CG140:
    a laxative "taken regularly"). An item the catalogue does not know (kept with
    ``allow_unlisted``) may be the laxative: the finding says so rather than "no laxative"."""
    def regular(item: Item) -> bool:
        return item.listed and not item.prn and item.schedule.kind is not ScheduleKind.ONCE

    strong = sorted({d.name for item in items if regular(item)
                     for d in item.drugs if d.is_opioid
                     and _property_value(k, d.name, "who_step") != "2"})
    if not strong or any(regular(item) for item in items
                         if any(d.drug_class == "laxative" for d in item.drugs)):
        return []
    def laxatives(prn: bool) -> list[str]:
        return sorted({d.name for item in items if item.listed and not regular(item)
                       and item.prn is prn for d in item.drugs if d.drug_class == "laxative"})

    said = [f"the {kind} laxative {', '.join(names)}" for kind, names in
            (("as-needed", laxatives(True)), ("single-dose", laxatives(False))) if names]
    irregular = bool(said)
    unknown = [str(item) for item in items if not item.listed]
    held = (f"only {' and '.join(said)}" if said else "no laxative the catalogue knows")
    if unknown:
        held += (f" (not in the catalogue, so not judged: {'; '.join(repr(u) for u in unknown)}; "
                 "if one of them is a regular laxative, this does not apply)")
    elif not irregular:
        held = "no laxative"
    return [_ruled(k, "strong-opioid-no-laxative",
                   f"the strong opioid {', '.join(strong)} is given regularly and the regimen "
                   f"holds {held}")]


def _benzodiazepine_older(k: Knowledge, items: Sequence[Item], benzodiazepines: list[str],
                          patient: Patient) -> list[Finding]:
    """A benzodiazepine from 65 (the Beers Criteria: avoid; they exclude hospice and end-of-life
    care). With no setting given, a benzodiazepine run only by continuous subcutaneous infusion
    is read as the syringe driver of end-of-life care, as beside an opioid: information."""
    rule = _rule(k, "benzodiazepine-older", threshold=True)
    assert rule.threshold is not None
    if patient.age is None or patient.age < rule.threshold:
        return []
    named = f"{', '.join(benzodiazepines)} at age {patient.age:g}"
    chosen = [i for i in items if i.listed and not i.prn and i.drug.name in benzodiazepines]
    if patient.setting is None and chosen and all(
            i.route is Route.SC and i.schedule.kind is ScheduleKind.CONTINUOUS for i in chosen):
        rule = attrs.evolve(rule, severity=Severity.INFO)
        named += (", by continuous subcutaneous infusion: read as the syringe driver of "
                  "end-of-life care, which the Beers Criteria exclude (no setting given; give "
                  "--setting if it is not)")
    return [_ruled(k, "benzodiazepine-older", named, rule=rule, patient=patient)]


def _hypnotic_older(k: Knowledge, hypnotics: list[str], patient: Patient) -> list[Finding]:
    """A Z-drug hypnotic (zolpidem) from 65: the Beers Criteria say avoid, as for the
    benzodiazepines (falls, fractures, delirium; little gain in sleep); they exclude hospice
    and end-of-life care, where :func:`_ruled` steps the finding down to information."""
    rule = _rule(k, "hypnotic-older", threshold=True)
    assert rule.threshold is not None
    if patient.age is None or patient.age < rule.threshold:
        return []
    return [_ruled(k, "hypnotic-older", f"{', '.join(hypnotics)} at age {patient.age:g}",
                   rule=rule, patient=patient)]


def _bleeding(k: Knowledge, items: Sequence[Item], nsaids: list[str],
              protective: list[str]) -> list[Finding]:
    """NSAIDs with anticoagulants, antiplatelet drugs and SSRIs/SNRIs."""
    found = []
    named = ", ".join(nsaids)
    anticoagulants = _classes(items, "anticoagulant")
    if anticoagulants:
        found.append(_ruled(k, "anticoagulant-nsaid", f"{named} with the anticoagulant "
                            f"{', '.join(anticoagulants)}" + (
                                f" (gastroprotection with {', '.join(protective)} reduces the "
                                "GI risk, not the bleeding risk)" if protective else "")))
    antiplatelets = _classes(items, "antiplatelet")
    if len(antiplatelets) >= 2:
        # dual antiplatelet therapy: the NSAID's bleeding risk is not the GI risk a PPI covers
        # (STOPP's PPI exception is for one antiplatelet drug)
        found.append(_ruled(k, "dual-antiplatelet-nsaid", f"{named} with the antiplatelet "
                            f"drugs {', '.join(antiplatelets)}" + (
                                f" (gastroprotection with {', '.join(protective)} reduces the "
                                "GI risk, not the bleeding risk)" if protective else "")))
    elif antiplatelets:
        if protective:
            found.append(_ruled(k, "antiplatelet-nsaid-protected",
                                f"{named} with {', '.join(antiplatelets)} and "
                                f"{', '.join(protective)}"))
        else:
            found.append(_ruled(k, "antiplatelet-nsaid", f"{named} with the antiplatelet "
                                f"{', '.join(antiplatelets)} and no gastroprotection"))
    reuptake = _with_property(k, items, "serotonin_reuptake_inhibitor")
    if reuptake and not protective:
        found.append(_ruled(k, "ssri-nsaid", f"{named} with {', '.join(reuptake)} and no "
                            "gastroprotection"))
    return found


def _long_acting_opioids(k: Knowledge, items: Sequence[Item]) -> list[str]:
    """The long-acting opioids of a regimen, one entry per drug and route: two patches of one
    drug worn together (25 + 12 mcg/h) or two strengths of one ER tablet are one long-acting
    opioid, not a duplication."""
    shown: dict[tuple[str, Route], list[str]] = {}
    for item in items:
        if not item.listed or item.prn or not item.drug.is_opioid:
            continue
        inherent = k.drug_properties.get(item.drug.name, "long_acting") is not None
        if item.release == "er" or item.route is Route.TRANSDERMAL or inherent:
            shown.setdefault((item.drug.name, item.route), []).append(str(item))
    return [" + ".join(texts) for texts in shown.values()]


_END_OF_LIFE = frozenset({"end-of-life", "hospice"})


def _syringe_driver(items: Sequence[Item], opioids: list[str],
                    benzodiazepines: list[str]) -> bool:
    """True where every opioid and benzodiazepine runs as a continuous subcutaneous infusion."""
    def csci(names: list[str]) -> bool:
        chosen = [i for i in items if i.listed and not i.prn and i.drug.name in names]
        return bool(chosen) and all(i.route is Route.SC and i.schedule.kind is
                                    ScheduleKind.CONTINUOUS for i in chosen)
    return csci(opioids) and csci(benzodiazepines)


def _benzodiazepine(k: Knowledge, items: Sequence[Item], opioids: list[str],
                    benzodiazepines: list[str], patient: Patient) -> list[Finding]:
    """Opioid + benzodiazepine: the FDA boxed warning; at end of life, standard care (info)."""
    pair = f"{', '.join(opioids)} with {', '.join(benzodiazepines)}"
    if patient.setting in _END_OF_LIFE:
        return [_ruled(k, "opioid-benzodiazepine-end-of-life",
                       f"{pair} in {patient.setting} care (setting given): the opioid and "
                       "benzodiazepine rules step down to info; the FDA boxed warning applies "
                       "outside end-of-life care")]
    if patient.setting is None and _syringe_driver(items, opioids, benzodiazepines):
        return [_ruled(k, "opioid-benzodiazepine-end-of-life",
                       f"{pair}, both by continuous subcutaneous infusion: read as the syringe "
                       "driver of end-of-life care (no setting given; give --setting if it is "
                       "not, and the FDA boxed warning applies)")]
    found = [_ruled(k, "opioid-benzodiazepine", pair)]
    older = _rule(k, "opioid-benzodiazepine-older", threshold=True)
    assert older.threshold is not None
    if patient.age is not None and patient.age >= older.threshold:
        found.append(_ruled(k, "opioid-benzodiazepine-older", f"{pair} at age {patient.age:g}",
                            rule=older, patient=patient))
    return found


def _gabapentinoid(k: Knowledge, items: Sequence[Item], opioids: list[str],
                   gabapentinoids: list[str], patient: Patient,
                   limits: Sequence[Finding]) -> list[Finding]:
    """Opioid + gabapentinoid, by the patient's further respiratory risk.

    A further risk (lung disease, another respiratory depressant, a gabapentinoid above its renal
    maximum) is a warning at any age (FDA 2019); from 65, the Beers Criteria's "avoid" is a
    warning outside hospice and end-of-life care; otherwise it is information.
    """
    pair = f"{', '.join(opioids)} with {', '.join(gabapentinoids)}"
    risks = sorted(set(patient.conditions) & _RESPIRATORY)
    depressants = [d for d in _with_property(k, items, "respiratory_depressant")
                   if d not in gabapentinoids[:1]]
    risks += [f"also {d}" for d in depressants]
    risks += [f"{f.code.removesuffix('-above-max')} above its maximum"
              for f in limits if f.severity is not Severity.INFO and f.code.endswith("-above-max")
              and f.code.removesuffix("-above-max") in gabapentinoids]
    found = []
    if risks:
        found.append(_ruled(k, "opioid-gabapentinoid", f"{pair} and a further respiratory risk "
                            f"({'; '.join(risks)})"))
    older = _rule(k, "opioid-gabapentinoid-older", threshold=True)
    assert older.threshold is not None
    if patient.age is not None and patient.age >= older.threshold:
        found.append(_ruled(k, "opioid-gabapentinoid-older", f"{pair} at age {patient.age:g} "
                            "(unless the gabapentinoid replaces or reduces the opioid)",
                            rule=older, patient=patient))
    elif patient.age is None and not risks:
        found.append(Finding(Severity.INFO, "opioid-gabapentinoid-not-checked",
                             f"{pair}: age not given, so the Beers Criteria (65 and older) were "
                             "not checked", older.source))
    if not found:
        found.append(_ruled(k, "opioid-gabapentinoid-standard",
                            f"{pair} at age {patient.age:g}" if patient.age is not None
                            else pair))
    return found


def _gabapentinoid_depressant(k: Knowledge, items: Sequence[Item], gabapentinoids: list[str],
                              patient: Patient, limits: Sequence[Finding]) -> list[Finding]:
    """A gabapentinoid with another CNS depressant and no opioid (an opioid's own rule judges
    it: :func:`_gabapentinoid`), by the patient's further respiratory risk.

    The FDA (2019) names the use of other CNS depressants, lung disease and older age as the
    gabapentinoids' respiratory risk factors, and the MHRA (2021) the same with renal impairment
    (judged, as for the opioid, by the gabapentinoid's renal maximum). Neither says to avoid the
    combination: start low, consider the dose, monitor. So one other depressant alone is
    information; with a further risk (lung disease, a third depressant, the gabapentinoid above
    its maximum, age from the rule's threshold) it is a warning.
    """
    depressants = [d for d in _with_property(k, items, "respiratory_depressant")
                   if d not in gabapentinoids]
    if not depressants:
        return []
    pair = f"{', '.join(gabapentinoids)} with the CNS depressant {', '.join(depressants)}"
    rule = _rule(k, "gabapentinoid-cns-depressant", threshold=True)
    assert rule.threshold is not None
    risks = sorted(set(patient.conditions) & _RESPIRATORY)
    risks += [f"also {d}" for d in depressants[1:]]
    risks += [f"{f.code.removesuffix('-above-max')} above its maximum"
              for f in limits if f.severity is not Severity.INFO and f.code.endswith("-above-max")
              and f.code.removesuffix("-above-max") in gabapentinoids]
    if patient.age is not None and patient.age >= rule.threshold:
        risks.append(f"age {patient.age:g}")
    if risks:
        return [_ruled(k, "gabapentinoid-cns-depressant", f"{pair} and a further respiratory "
                       f"risk ({'; '.join(risks)})", rule=rule)]
    return [_ruled(k, "gabapentinoid-cns-depressant-standard",
                   f"{pair}, no opioid" + (f", at age {patient.age:g}"
                                           if patient.age is not None else ""))]


def _patch_findings(k: Knowledge, items: Sequence[Item], patient: Patient,
                    market: str | None, prior: PreviousOpioids | None = None) -> list[Finding]:
    """The fentanyl patch in a patient recorded as not opioid-tolerant (the labels: not to be
    initiated in opioid non-tolerant patients), or whose tolerance is not given (information).

    ``prior``: the scheduled opioids of the previous regimen of a patient recorded as not
    tolerant. Where their day reaches the labels' definition of tolerance the patch is a switch
    from them, which the switch rules judge against the previous oral morphine equivalent
    (information says why the rule did not apply); below it the rule stays, naming them."""
    found: list[Finding] = []
    patches = [i for i in items if i.listed and i.drug.name == "fentanyl"
               and i.route is Route.TRANSDERMAL]
    if not patches:
        return found
    rule = _rule(k, "fentanyl-patch-naive")
    if patient.opioid_tolerant is False and prior is not None and prior.meets_tolerance:
        why = k.safety_rules.first("opioid-naive-not-applied")
        found.append(Finding(Severity.INFO, "opioid-naive-not-applied", (
            f"{patches[0]}: the previous regimen schedules {prior.names()}; {prior.day()}: the "
            "fentanyl patch's rule for opioid non-tolerant patients does not apply (the switch "
            "rules judge the first patch against the previous oral morphine equivalent)"),
            f"{why.source} ; also: {rule.source}", item=str(patches[0])))
    elif patient.opioid_tolerant is False:
        # a market's label may allow a naive start (フェントステープ 0.5 mg): its own rule says so
        refused = [p for p in patches if naive_start_allowed(p, market, k) is None]
        if refused and _market_starts_patch_from(k, items, prior, market):
            # not naive, below tolerance, and the chosen market's own label and tables give
            # this first patch for the previous day (the UK: 12 mcg/h for 30-60 mg/day of oral
            # morphine): the switch rules report that label; the US contraindication is not
            # the market's rule
            refused = []
        if refused:
            found.append(attrs.evolve(_ruled(k, "fentanyl-patch-naive",
                                             f"{refused[0]} in {_not_tolerant(prior)}",
                                             rule=rule), item=str(refused[0])))
    elif patient.opioid_tolerant is None:
        found.append(Finding(Severity.INFO, "fentanyl-patch-tolerance-not-checked",
                             "opioid tolerance not given: the fentanyl patch's requirement of "
                             "opioid tolerance was not checked", rule.source))
    return found


def _patch_changed_early(k: Knowledge, items: Sequence[Item],
                         market: str | None) -> list[Finding]:
    """A scheduled transdermal order changed more often than its patch's labelled wear time
    (``schedules.csv``; :func:`~mpsdose.clinical.ranges.labelled_wear`): a warning naming the
    wear time and its source.

    A patch delivers its rate over its whole wear time; one changed early is a larger dose
    than written (the old patch is left on, or the new one is a fresh depot each day). A
    named brand is judged by its own label (Butrans 7 days); a drug named by no brand by the
    shortest wear time of any patch of it in the chosen market (fentanyl 72 h, 24 h in Japan,
    where the one-day Fentos is marketed). A longer interval than the label's is not judged.
    """
    found = []
    rule = _rule(k, "patch-changed-early")
    for item in items:
        interval = item.schedule.interval_h
        if item.prn or interval is None:
            continue
        wear = labelled_wear(k, item, market)
        if wear is None or interval >= wear[0] * (1 - 1e-6):
            continue
        hours, row, brand = wear
        product = (f"{brand} is a patch worn {significant(hours, 3)} hours by its label"
                   if brand is not None else
                   f"no {item.drug.name} patch{'' if market is None else ' of ' + market} is "
                   f"labelled to be worn less than {significant(hours, 3)} hours")
        text = f"{item}: changed every {significant(interval, 3)} hours, but {product}"
        found.append(attrs.evolve(_ruled(k, "patch-changed-early", text, rule=rule),
                                  source=_and_rule_source(row.source, rule), item=str(item)))
    return found


def _shortest_release_interval(k: Knowledge, item: Item, market: str | None
                               ) -> tuple[float, UsualSchedule] | None:
    """The shortest labelled interval [h] of any ``schedules.csv`` row of the item's drug,
    route and modified release (``er``) marketed in the chosen market (every row where none is
    chosen), with that row; None where no row gives an interval.

    The shortest, not the usual: MS Contin's US label allows every 8 hours beside its usual 12
    (a row of market ``us``), Palladone SR and UK tramadol MR are 12-hourly beside once-daily
    products of the same drug, so a drug named by no brand is judged by its most frequent
    labelled product in the market.
    """
    rows = [s for s in k.schedules
            if s.drug == item.drug.name and s.route is item.route and s.release == "er"
            and s.interval_h is not None and (market is None or s.market in (None, market))]
    if not rows:
        return None
    row = min(rows, key=lambda s: s.interval_h or 0.0)
    return row.interval_h or 0.0, row


def _modified_release_orders(k: Knowledge, items: Sequence[Item],
                             market: str | None) -> list[Finding]:
    """Order shapes a modified-release opioid's label excludes (audit finding 5): a scheduled
    oral MR item given more often than the shortest labelled interval of its drug in the market
    (``modified-release-interval-short``, the row's source with the finding), and an MR or
    transdermal opioid ordered as needed (``modified-release-prn``: the labels' "not indicated
    as an as-needed (prn) analgesic"). A longer interval is not judged; nor are the immediate-
    release and breakthrough (buccal, sublingual, intranasal) products."""
    found = []
    for item in items:
        if not item.listed or not item.drug.is_opioid:
            continue
        modified = item.release == "er"
        if item.prn and (modified or item.route is Route.TRANSDERMAL):
            kind = ("a patch" if item.route is Route.TRANSDERMAL
                    else "a modified-release product")
            found.append(attrs.evolve(_ruled(
                k, "modified-release-prn",
                f"{item}: ordered as needed, but {item.drug.name} here is {kind}"),
                item=str(item)))
            continue
        interval = item.schedule.interval_h
        if not modified or item.prn or interval is None or item.route is not Route.ORAL:
            continue
        shortest = _shortest_release_interval(k, item, market)
        if shortest is None or interval >= shortest[0] * (1 - 1e-6):
            continue
        hours, row = shortest
        where = "" if market is None else f" (market {market})"
        rule = _rule(k, "modified-release-interval-short")
        text = (f"{item}: every {significant(interval, 3)} hours, but no modified-release "
                f"{item.drug.name}{where} is labelled more often than every "
                f"{significant(hours, 3)} hours ({significant(24 / interval, 3)} doses a day, "
                f"not {significant(24 / hours, 3)})")
        found.append(attrs.evolve(_ruled(k, "modified-release-interval-short", text, rule=rule),
                                  source=_and_rule_source(row.source, rule), item=str(item)))
    return found


def _same_drug_two_names(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    """The same drug ordered twice under two names (audit finding 6): two scheduled
    single-ingredient items of one drug, route, release and interval, one written by a brand
    and the other by another brand, or by a brand and the drug's own name at the same dose
    (``same-drug-two-names``, naming both items). The duplication ISMP and the case reports
    describe: a brand and its generic (or two brands) taken together, the dose doubled.

    Not judged, because they are ordinary: two items written with the same name (two strengths
    making one dose, ``morphine sr 30 mg`` + ``morphine sr 10 mg``), an as-needed item beside a
    regular one (a rescue), items at different intervals (a loading dose and maintenance), and
    a brand beside the generic name at another dose (two strengths of one product).
    """
    found = []
    scheduled = [item for item in items
                 if item.listed and not item.prn and len(item.ingredients) == 1
                 and item.schedule.interval_h is not None]
    for first, second in itertools.combinations(scheduled, 2):
        drug = first.drug.name
        if (second.drug.name != drug or second.route is not first.route
                or (first.release or "ir") != (second.release or "ir")
                or abs((first.schedule.interval_h or 0.0) - (second.schedule.interval_h or 0.0))
                > 1e-6):
            continue
        names = written_brands(k, first, drug), written_brands(k, second, drug)
        if names[0] == names[1]:
            continue  # the same name twice: strengths of one product, not a duplication
        one_generic = not names[0] or not names[1]
        first_dose, second_dose = first.per_dose(first.ingredients[0]), \
            second.per_dose(second.ingredients[0])
        if one_generic and (first_dose is None or second_dose is None
                            or abs(first_dose - second_dose) > 1e-6 * max(first_dose, 1.0)):
            continue  # a brand and the generic at another dose: two strengths of one product
        how = ("two brands of it" if not one_generic
               else "a brand and its own name, at the same dose")
        text = (f"{first} and {second}: the same drug ({drug}, {first.route.value}"
                f"{', ' + first.release if first.release else ''}) ordered twice under two "
                f"names, {how}, at the same times")
        found.append(attrs.evolve(_ruled(k, "same-drug-two-names", text),
                                  item=f"{first} + {second}"))
    return found


def _market_starts_patch_from(k: Knowledge, items: Sequence[Item],
                              prior: PreviousOpioids | None, market: str | None) -> bool:
    """Whether the chosen market's own fentanyl patch start (``patch_low_start`` or its patch
    table: :func:`_market_low_patch`) gives the first patch for the previous regimen's scheduled
    opioids, read in the default rotation table as the switch rules read them; or, in a market
    with no patch start of its own, whether another market's label gives it
    (:func:`_borrowed_low_patch`, a warning)."""
    if prior is None or market is None:
        return False
    old_bounds = scheduled_ome(k, switch_tables(k, None)[0], scheduled_opioid_days(prior.items))
    # a market with no patch start of its own (AU, NZ) borrows the other markets' labels: where
    # one gives this first patch, the switch rules' warning (``_borrowed_low_patch``) says so and
    # asks to confirm the tolerance, and the US contraindication is not raised as an error too
    return old_bounds is not None and (
        _market_low_patch(k, items, old_bounds, market) is not None
        or _borrowed_low_patch(k, items, old_bounds, market) is not None)


def _not_tolerant(prior: PreviousOpioids | None) -> str:
    """The patient recorded as not opioid-tolerant, in words: opioid-naive where no previous
    regimen schedules an opioid, else what it schedules and how its day reads."""
    if prior is None:
        return "an opioid-naive patient"
    return f"a patient recorded as not opioid-tolerant ({prior.state()}; {prior.day()})"


def _tolerant_only_products(k: Knowledge, items: Sequence[Item], patient: Patient,
                            prior: PreviousOpioids | None = None,
                            previous: Sequence[Item] | None = None) -> list[Finding]:
    """Products the labels reserve for opioid-tolerant patients (transmucosal fentanyl: the
    drug's ``opioid_tolerant_only_routes``): an error in a patient recorded as opioid-naive, or
    as not tolerant where the previous regimen's scheduled opioids (``prior``) stay below the
    labels' definition of tolerance; otherwise a warning where the scheduled opioids beside them
    stay below that definition under every reading of the rotation tables (the most cautious,
    the largest factors), or where none is scheduled.

    Where none is scheduled and the previous regimen scheduled opioids, the warning names them:
    the labels require patients to remain on around-the-clock opioids while taking the product,
    and an order that drops them may be an omission."""
    products = []
    for item in items:
        if not item.listed:
            continue
        for drug in item.drugs:
            routes = k.drug_properties.get(drug.name, "opioid_tolerant_only_routes")
            if routes is not None and item.route.value in routes[0].split():
                products.append(item)
    if not products:
        return []
    named = ", ".join(str(p) for p in products)
    if patient.opioid_tolerant is False and (prior is None or not prior.meets_tolerance):
        return [attrs.evolve(_ruled(k, "opioid-tolerant-only-product",
                                    f"{named} in {_not_tolerant(prior)}"),
                             code="opioid-tolerant-only", item=str(products[0]))]
    rule = _rule(k, "opioid-tolerance-not-met", threshold=True)
    assert rule.threshold is not None
    scheduled = [(i, d, mg) for i, d, mg in scheduled_opioid_days(items) if i not in products]
    if not scheduled:
        dropped = [old for old in scheduled_opioids(previous) if old not in products]
        gone = ("" if not dropped else
                f"; the around-the-clock {', '.join(str(old) for old in dropped)} of the "
                f"previous regimen {'is' if len(dropped) == 1 else 'are'} not in this one (left "
                "out of the order?)")
        return [_ruled(k, "opioid-tolerance-not-met",
                       f"{named} with no opioid scheduled around the clock{gone}", rule=rule)]
    readings = [r for t in switch_tables(k, None)
                if (r := scheduled_ome(k, t, scheduled)) is not None]
    if not readings:
        return []
    top = max(r[1] for r in readings)
    if top >= rule.threshold * (1 - _TOLERANCE):
        return []
    return [_ruled(k, "opioid-tolerance-not-met", (
        f"{named} beside scheduled opioids of at most {significant(top, 4)} mg/day oral morphine "
        f"equivalent (the largest reading of {', '.join(switch_tables(k, None))}), below the "
        f"{rule.threshold:g} mg/day of opioid tolerance"), rule=rule)]


def _usual_range_findings(k: Knowledge, items: Sequence[Item], market: str | None = None,
                          patient: Patient | None = None) -> list[Finding]:
    """Each drug against the top of its usual palliative daily range (``usual_ranges.csv``, the
    most generous row for the routes given, of the rows without a market and those of
    ``market``: a market's own practice, such as the Japanese delirium guidance's haloperidol
    injection, applies only there; a row with an age band only to a patient of those ages): a
    warning.

    A usual day is the scheduled doses and as many as-needed doses as the guidance expects
    before it changes the regimen (``usual-palliative-range``: 3, eTG; fewer where the order
    allows fewer) — not an hourly PRN order at its theoretical 24 doses. Antipsychotics take
    their severity from ``antipsychotic-palliative-max`` (never an error: the ranges are guidance,
    not a label's maximum). The corticosteroids are judged together, as dexamethasone
    equivalents (``_steroid_findings``).
    """
    rule = _rule(k, "usual-palliative-range", threshold=True)
    assert rule.threshold is not None
    found = []
    routes: dict[str, set[Route]] = {}
    classes: dict[str, str] = {}
    for item in items:
        for listed in (d for d in item.drugs if item.listed and d.drug_class != "corticosteroid"):
            routes.setdefault(listed.name, set()).add(item.route)
            classes[listed.name] = listed.drug_class
    for drug, given in sorted(routes.items()):
        rows = [r for r in k.usual_ranges
                if r.drug == drug and (r.route is None or r.route in given)
                and r.applies_in(market)
                and (r.age_band is None or (patient is not None and r.applies_to(patient)))]
        if not rows:
            continue
        daily = _usual_day(items, drug, rule.threshold)
        top = max(rows, key=lambda r: r.high)
        if daily <= top.high * (1 + 1e-9):
            continue
        text = (f"{drug} {significant(daily, 4)} mg/day (scheduled, and at most "
                f"{rule.threshold:g} as-needed doses) is above the usual palliative maximum of "
                f"{top.high:g} mg/day ({top.indication}"
                + ("" if top.route is None else f", {top.route.value}")
                + ("" if top.market is None else f", {top.market}") + ")")
        if classes[drug] == "antipsychotic":
            anti = _rule(k, "antipsychotic-palliative-max")
            severity = anti.severity if anti.severity is not Severity.ERROR else Severity.WARNING
            found.append(Finding(severity, "antipsychotic-above-usual", text, top.source))
        else:
            found.append(Finding(rule.severity, f"{drug}-above-usual", (
                f"{text}: review. A usual day counts at most {rule.threshold:g} as-needed doses "
                "(beyond them the guidance starts or increases regular therapy)"),
                f"{top.source} ; also: {rule.source}"))
    return found


def _usual_day(items: Sequence[Item], drug: str, prn_doses: float) -> float:
    """A usual day of one drug [mg/day]: its scheduled amounts, its single doses (once, stat: the
    day holds at least that dose) and at most ``prn_doses`` of each as-needed dose (fewer where
    the order allows fewer)."""
    total = 0.0
    for item in items:
        if not item.listed:
            continue
        for ingredient in item.ingredients:
            if ingredient.drug.name != drug:
                continue
            if not item.prn:
                daily = item.daily(ingredient)
                if daily is None and item.schedule.kind is ScheduleKind.ONCE:
                    # the day of a single dose holds at least that dose (as for a maximum)
                    daily = item.per_dose(ingredient)
                total += daily or 0.0
                continue
            dose = item.per_dose(ingredient)
            allowed = item.max_doses_per_day
            count = prn_doses if allowed is None else min(prn_doses, allowed)
            total += (dose or 0.0) * count
    return total


def _steroid_findings(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    steroids = _classes(items, "corticosteroid")
    if not steroids:
        return []
    default = k.steroid_tables[0]
    table, equivalents, source = default.id, default.doses, default.source
    dexamethasone = equivalents.get("dexamethasone")
    if dexamethasone is None:
        return []
    low = high = 0.0
    single_low = single_high = 0.0
    missing = []
    for drug in steroids:
        daily, _ = drug_daily(items, drug)
        own = equivalents.get(drug)
        if own is None:
            missing.append(drug)
            continue
        low += daily * dexamethasone[0] / own[1]
        high += daily * dexamethasone[1] / own[0]
        # a single dose (once, stat) has no daily amount: said as what it is, never as 0 mg/day
        once = sum(item.per_dose(ingredient) or 0.0 for item in items
                   if item.listed and item.schedule.kind is ScheduleKind.ONCE
                   for ingredient in item.ingredients if ingredient.drug.name == drug)
        single_low += once * dexamethasone[0] / own[1]
        single_high += once * dexamethasone[1] / own[0]

    def _amount(lower: float, upper: float) -> str:
        return (significant(lower, 3) if math.isclose(lower, upper)
                else f"{significant(lower, 3)}–{significant(upper, 3)}")

    total = _amount(low, high)
    said = []
    if low > 0 or single_low == 0:
        said.append(f"{total} mg/day")
    if single_low > 0:
        said.append(f"{_amount(single_low, single_high)} mg as a single dose (once; its day's "
                    "total is not known)")
    # dexamethasone alone is its own equivalent: "dexamethasone ≈ dexamethasone" says nothing
    found = [] if steroids == ["dexamethasone"] else [Finding(
        Severity.INFO, "corticosteroid-dexamethasone-equivalent",
        f"corticosteroids {', '.join(steroids)} ≈ dexamethasone {' and '.join(said)} "
        f"(table {table})" + (f"; no equivalent for {', '.join(missing)}" if missing else ""),
        source)]
    rule = _rule(k, "corticosteroid-dexamethasone-equivalent", threshold=True)
    assert rule.threshold is not None
    if low > rule.threshold:
        found.append(_ruled(k, "corticosteroid-dexamethasone-equivalent",
                            f"dexamethasone equivalent {total} mg/day is above "
                            f"{rule.threshold:g} mg/day", code="corticosteroid-above-usual",
                            rule=rule))
    return found


def _all_continued(before: Sequence[tuple[Item, str, float]],
                   after: Sequence[tuple[Item, str, float]]) -> bool:
    """Whether every previous scheduled opioid continues unchanged (drug, route, form, mg/day):
    the new regimen adds an opioid, it switches nothing.

    In the last days of life a fentanyl patch is kept and SC morphine is added by syringe driver
    for extra need: an addition, judged by the titration step on the total, not as a switch.
    """
    return all(any(drug == new_drug and item.route is new_item.route
                   and item.form == new_item.form and math.isclose(daily, new_daily)
                   for new_item, new_drug, new_daily in after)
               for item, drug, daily in before)


def _range_top_total(k: Knowledge, table_id: str,
                     opioids: Sequence[tuple[Item, str, float]]) -> float | None:
    """The scheduled OME under one table with each factor the source gives only as a range read
    at the top of it (the others at their lower reading) [mg/day]; None where a factor is
    missing or no factor is a range only."""
    table = k.conversion_table(table_id)
    total, ranged = 0.0, False
    for item, drug, daily in opioids:
        factor = table.lookup(drug, item.route, item.form, daily)
        if factor is None:
            return None
        # a patch's range is the band of doses one strength replaces (SPCG: 25 mcg/h for
        # 60-125 mg of oral morphine), the conversion's own rounding, not a set of ratios
        only_range = (factor.factor is None and factor.bounds[1] > factor.bounds[0]
                      and not factor.unit.per_hour)
        ranged = ranged or only_range
        total += factor.unit.from_canonical(daily) * factor.bounds[1 if only_range else 0]
    return total if ranged else None


_Readings = dict[str, tuple[tuple[float, float], tuple[float, float]]]


def _readings(k: Knowledge, tables: Sequence[str], before: Sequence[tuple[Item, str, float]],
              after: Sequence[tuple[Item, str, float]]) -> _Readings:
    """(old, new) scheduled OME under each table that has a factor for every opioid of both."""
    return {t: (b, a) for t in tables
            if (b := scheduled_ome(k, t, before)) is not None
            and (a := scheduled_ome(k, t, after)) is not None and b[0] > 0}


def _tenfold_rise(k: Knowledge, readings: _Readings) -> list[Finding]:
    """An error where the new scheduled opioid day is at least the threshold of
    ``opioid-tenfold-rise`` (ten) times the previous one at its most lenient reading (audit
    finding 4): under every table read, each end of the new day against the same end of the old
    (a table's range of factors read at one end for both days), the least of them.
    A 60% rise and a 2000% rise were both the step's or the switch's warning; a rise of the size
    of a tenfold dosing error (a slipped zero, morphine read as hydromorphone) is not a step."""
    if not readings:
        return []
    rule = _rule(k, "opioid-tenfold-rise", threshold=True)
    assert rule.threshold is not None
    ratios = {t: min(a[0] / b[0], a[1] / b[1]) for t, (b, a) in readings.items()
              if b[0] > 0 and b[1] > 0}
    if not ratios or len(ratios) < len(readings):
        return []
    table_id = min(ratios, key=lambda t: ratios[t])
    least = ratios[table_id]
    if least < rule.threshold * (1 - _TOLERANCE):
        return []
    before, after = readings[table_id]
    return [_ruled(k, "opioid-tenfold-rise", (
        f"the scheduled opioids go from OME {_range_text(before)} to {_range_text(after)} "
        f"mg/day, at least {significant(least, 3)} times the previous day under every table "
        f"read ({', '.join(readings)}; least by {table_id}), at or above "
        f"{rule.threshold:g} times"), rule=rule)]


def _switch_findings(k: Knowledge, items: Sequence[Item], previous: Sequence[Item],
                     patient: Patient, table: str | None,
                     market: str | None = None) -> list[Finding]:
    """A proposed switch from ``previous`` to ``items``: judged in the chosen table and under the
    most cautious reading of every rotation table that covers both regimens; where none does, in
    the surveillance (MME) tables that do, saying so (as the dose ranges read them). A switch to
    methadone is not judged by surveillance factors (methadone's equivalence rises with the dose
    and is not reversible; CDC: calculated MME does not set the dose of a new opioid): its
    starting-dose cap and the chosen market's label judge it."""
    found: list[Finding] = []
    before_items, after_items = scheduled_opioid_days(previous), scheduled_opioid_days(items)
    old = {drug for _, drug, _ in before_items}
    new = {drug for _, drug, _ in after_items}
    if "methadone" in old and (new - old or "methadone" not in new):
        found.append(_ruled(k, "switch-from-methadone",
                            f"a switch from methadone to {', '.join(sorted(new - {'methadone'}))}"
                            if new - {"methadone"} else "methadone stopped"))
    tables = switch_tables(k, table)
    routes = _route_changes(k, before_items, after_items, tables[0])
    found.extend(routes)
    # as-needed doses too, dose for dose: an oral rescue rewritten SC at the same mg
    changed = {d for _, d, _ in before_items} & {d for _, d, _ in after_items}
    found.extend(_route_changes(k, _as_needed_opioids(previous, changed),
                                _as_needed_opioids(items, changed), tables[0], per="dose"))
    found.extend(_as_needed_label_steps(k, previous, items, market))
    found.extend(_rapid_onset_switches(k, previous, items, patient, market))
    if before_items and after_items and "methadone" in old and new == old:
        found.extend(_methadone_step(k, before_items, after_items, market))
    elif before_items and after_items and "methadone" not in old:
        readings = _readings(k, tables, before_items, after_items)
        surveillance: list[str] = []
        if not readings:
            surveillance = [t.id for t in k.conversion_tables.values()
                            if t.id not in tables and not isinstance(t, RotationTable)]
            readings = _readings(k, surveillance, before_items, after_items)
        found.extend(_tenfold_rise(k, readings))
        neuraxial = [] if readings else _neuraxial_switch(k, tables, before_items, after_items)
        found.extend(neuraxial)
        if not readings and not neuraxial:
            found.append(Finding(
                Severity.INFO, "switch-not-judged",
                "the switch was not judged in oral morphine equivalents: no conversion table "
                f"({', '.join([*tables, *surveillance])}) has a factor for every opioid of both "
                "regimens", _rule(k, "opioid-dose-range-not-checked").source))
            if not routes:
                found.extend(_own_unit_step(k, before_items, after_items))
        elif (new - old and not _all_continued(before_items, after_items)
              and surveillance and "methadone" in new - old):
            # a switch to methadone that only the surveillance tables read: not judged in their
            # factors (methadone's rise with the dose), and no titration of the same opioids
            # either — a change of drug is not a dose step. Its starting-dose cap and the
            # published switching methods judge it below
            pass
        elif new - old and not _all_continued(before_items, after_items):
            same = _same_active_drug(k, new - old, old - new)
            found.extend(_by_naive_start(k, _by_step_up(k, _by_label_switch(k, _by_patch_table(k, _unreduced(
                k, readings, sorted(new - old), tables[0], surveillance=bool(surveillance),
                after_items=after_items, same_active=same, weigh_tables=True,
                chosen_by_user=table is not None), before_items, after_items,
                {} if surveillance else readings, market), before_items, after_items, market,
                patient),
                before_items, items, patient, market, table), previous, items, patient,
                market, table))
        elif not routes:
            found.extend(_titration(k, readings, tables[0], surveillance=bool(surveillance),
                                    before_items=before_items, after_items=after_items,
                                    market=market, chosen_by_user=table is not None))
    elif after_items and not before_items:
        found.extend(_unreduced_from_as_needed(k, previous, after_items, tables))
    if before_items and after_items and market is not None:
        found.extend(_above_label_switch_start(k, before_items, after_items, tables, market))
    chosen = tables[0]
    old_bounds = scheduled_ome(k, chosen, before_items) if before_items else None
    new_patch = any(i.drug.name == "fentanyl" and i.route is Route.TRANSDERMAL for i in items)
    old_patch = any(i.drug.name == "fentanyl" and i.route is Route.TRANSDERMAL for i in previous)
    low_start = (_market_low_patch(k, items, old_bounds, market, chosen)
                 or _borrowed_low_patch(k, items, old_bounds, market, chosen)
                 if new_patch and not old_patch and old_bounds is not None else None)
    if low_start is not None:
        found.append(low_start)
    elif new_patch and not old_patch and old_bounds is not None:
        found.extend(_first_patch(k, items, old_bounds[0]))
    if new_patch and not old_patch and low_start is None:
        rule = _rule(k, "fentanyl-patch-naive", threshold=True)
        assert rule.threshold is not None
        if old_bounds is not None and old_bounds[1] < rule.threshold:
            found.append(_ruled(k, "fentanyl-patch-naive",
                                f"a fentanyl patch started from OME "
                                f"{_range_text(old_bounds)} mg/day, below the "
                                f"{rule.threshold:g} mg/day of opioid tolerance",
                                code="fentanyl-patch-low-ome", rule=rule))
    if "methadone" in new and "methadone" not in old:
        from mpsdose.clinical.methadone import start_cap  # loaded only for a switch to methadone

        cap = start_cap(k)  # flagged above the top of the cap range; planners start at its low end
        daily, _ = drug_daily(items, "methadone")
        if daily > cap.bounds[1] * (1 + _TOLERANCE):
            text = (f"methadone started at {significant(daily, 4)} mg/day, above the maximum "
                    f"starting dose of {cap.bounds[1]:g} mg/day")
            label = methadone_label_start(previous, market, knowledge=k)
            if label is not None and daily <= label[0] * (1 + _TOLERANCE):
                # the chosen market's own label gives this start for the previous equivalent
                start, label_rule, where = label
                found.append(Finding(
                    Severity.INFO, "methadone-start-above-cap",
                    f"{text}, but at the {significant(start, 4)} mg/day the {label_rule.product} "
                    f"label ({market}) gives for a switch from {where}: the sources disagree and "
                    "the chosen market's label is followed",
                    f"{cap.source} ; also: {label_rule.source}"))
            else:
                found.append(Finding(Severity.ERROR, "methadone-start-above-cap", text,
                                     cap.source))
        else:
            found.extend(_methadone_above_methods(k, previous, daily, market))
    return found


def _methadone_above_methods(k: Knowledge, previous: Sequence[Item], daily: float,
                             market: str | None) -> list[Finding]:
    """A switch to methadone above the most that any published switching method gives for the
    previous regimen: a warning naming the method and the table.

    Within the maximum starting dose, methadone is judged against the methods of
    :func:`~mpsdose.clinical.methadone.methadone_switch` (the label's percentage table, the
    tiered ratios, Fudin's formula, the three-day switch), each read under every rotation table
    that totals the previous regimen; only a start above the largest of all (the least cautious
    method under the table that reads the old regimen highest) is flagged: the methods disagree
    by up to an order of magnitude, and a start within any of them is a published choice.
    """
    from mpsdose.clinical.methadone import methadone_switch  # loaded only for a methadone switch

    # the uncapped daily doses do not depend on the market's strengths (only the rounding of a
    # dose does): a market with no strengths of its own is read with the US ones
    strengths = {row.market for row in k.strengths}
    read_as = market if market in strengths else "us"
    tops: list[tuple[float, str, str, str, tuple[float, float]]] = []
    for table in k.rotation_tables:
        try:
            switch = methadone_switch(previous, table=table.id, market=read_as, knowledge=k)
        except MpsdoseError:  # no scheduled opioid, no factor: the switch cannot be read
            continue
        # a method that then reduces its ratio's dose (Ayonrinde-type, MSD six tiers) is read at
        # the ratio's dose: the most generous reading of each method bounds the published choices
        tops.extend(((m.equianalgesic or m.daily_uncapped)[1], m.title, m.source,
                     switch.table.id, switch.ome)
                    for m in switch.methods if m.daily_uncapped is not None)
    if not tops:
        return []
    top, title, source, table_id, ome = max(tops, key=lambda t: t[0])
    if daily <= top * (1 + _TOLERANCE):
        return []
    return [Finding(Severity.WARNING, "methadone-start-above-methods", (
        f"methadone started at {significant(daily, 4)} mg/day, above the "
        f"{significant(top, 4)} mg/day that the most generous published switching method "
        f"({title}) gives for the previous regimen's oral morphine equivalent of "
        f"{_range_text(ome)} mg/day ({table_id}, the rotation table that reads it highest): "
        "every method would start lower"), source)]


def _unreduced_from_as_needed(k: Knowledge, previous: Sequence[Item],
                              after_items: Sequence[tuple[Item, str, float]],
                              tables: list[str]) -> list[Finding]:
    """A switch from an as-needed-only opioid regimen to another opioid given regularly.

    The previous regimen is read at the most it allowed (each as-needed opioid at its maximum a
    day, :meth:`Item.daily`): a new regimen at or above even that equivalent is unreduced under
    any reading of what was taken, and is flagged as a switch above the old day would be.
    Methadone has its own starting rules, so it is not judged here.

    A change to the same drugs (as-needed to regular: the first regular opioid of palliative
    titration) is judged by the titration step (``opioid-titration-step``) and the tenfold rise
    against the same reading (audit 2, finding 6): NICE CG140 and the EAPC convert the previous
    day's immediate-release use, regular and rescue, into the new regular dose, so a regular day
    beyond the step above the most the as-needed orders allowed is a step skipped whatever was
    taken. Only where every previous as-needed opioid's day is known (its ``max N/day``, or
    the most its interval allows): one not known is no day to judge from."""
    needed = _as_needed_opioids(previous, set())
    most = [(item, drug, daily) for item, drug, _ in needed
            if (daily := item.daily(next(i for i in item.ingredients
                                         if i.drug.name == drug))) is not None]
    old = {drug for _, drug, _ in most}
    new = {drug for _, drug, _ in after_items}
    if not most or "methadone" in new:
        return []
    readings = _readings(k, tables, most, after_items)
    if not readings:
        return []
    said = " (the previous as-needed opioids read at the most they allowed a day)"
    if not new - old:
        if len(most) < len(needed):
            return []  # an as-needed order with no maximum a day: the old day is not known
        return [attrs.evolve(f, message=f"{f.message}{said}")
                for f in [*_tenfold_rise(k, readings),
                          *_titration(k, readings, tables[0], before_items=most,
                                      after_items=after_items)]]
    return [attrs.evolve(f, message=f"{f.message}{said}")
            for f in _unreduced(k, readings, sorted(new - old), tables[0])]


def _patch_table_rate(k: Knowledge, before_items: Sequence[tuple[Item, str, float]],
                      after_items: Sequence[tuple[Item, str, float]], readings: _Readings,
                      market: str | None) -> tuple[float, list[PatchBand], str] | None:
    """(the most cautious rate [mcg/h], the bands that give it, what they were read from) of
    the manufacturers' patch tables (``patch_conversion.csv``) for a switch to patches of one
    drug alone; None where no table has a band holding the previous daily dose.

    A fentanyl table is read by its column for the previous opioid (one drug by one route): the
    Duragesic table prints oral morphine, oxycodone, hydromorphone … each in its own mg. A table
    of another patch drug is read in the oral morphine equivalent its label converts through
    (Butrans: 'total daily dose of opioids … of oral morphine equivalent'), at the previous
    regimen's lowest reading of the rotation tables, the most cautious: where the chosen market
    has a ``patch_table`` row of its own for the drug, only that market's table is read (the
    Butrans label with ``--market us``, the Butec SmPC's lowest strength with ``--market uk``);
    otherwise every table of the drug, the most cautious first. A table whose bands start above
    the previous dose (the US label's 60 mg/day of oral morphine) gives no patch there: the patch
    checks for a low previous equivalent judge that.
    """
    drugs = {drug for _, drug, _ in after_items}
    if len(drugs) != 1 or any(item.route is not Route.TRANSDERMAL for item, _, _ in after_items):
        return None
    (patch,) = drugs
    worn = {item.schedule.interval_h for item, _, _ in after_items}

    def for_this_patch(rule: MarketRule) -> bool:
        return all(rule.matches(patch, Route.TRANSDERMAL, interval_h=i) for i in worn)

    # a market's patch table is for its own product's wear (Butrans, Butec: 7 days; Transtec: 4
    # days or twice a week): it does not judge a patch worn for another interval, as the
    # label-switch check reads it (:func:`_above_label_switch_start`); a table with rows for
    # several wears is for each of them
    tabled = [r for r in k.market_rules.rows
              if r.rule == "patch_table" and r.table and r.drug == patch]
    other_wear = ({r.table for r in tabled if not for_this_patch(r)}
                  - {r.table for r in tabled if for_this_patch(r)})
    written = [b for b in k.patch_bands if b.drug == patch and b.direction == "to_patch"
               and b.table not in other_wear]
    if patch == "fentanyl":
        sources = {(drug, item.route) for item, drug, _ in before_items}
        if len(sources) != 1:
            return None
        ((drug, route),) = sources
        amount = sum(daily for _, _, daily in before_items)
        bands = [b for b in written if b.from_drug == drug and b.from_route is route
                 and b.band.contains(amount)]
        (item, _, _) = before_items[0]
        read = f"{drug} {item.route.value} {significant(amount, 4)} mg/day"
    else:
        if not readings:
            return None
        table_id, (before, _) = min(readings.items(), key=lambda pair: pair[1][0][0])
        amount = before[0]
        own = next((r.table for r in k.market_rules.of(market, "patch_table")
                    if r.drug == patch and for_this_patch(r)), None)
        if own is not None and any(b.table == own for b in written):
            written = [b for b in written if b.table == own]
        bands = [b for b in written if b.from_drug == "morphine" and b.from_route is Route.ORAL
                 and b.band.contains(amount)]
        read = (f"the previous oral morphine equivalent, {significant(amount, 4)} mg/day by "
                f"{table_id}, the lowest reading of the rotation tables,")
    if not bands:
        return None
    rate = min(b.patch_mcg_h for b in bands)
    return rate, [b for b in bands if b.patch_mcg_h == rate], read


def _by_patch_table(k: Knowledge, findings: list[Finding],
                    before_items: Sequence[tuple[Item, str, float]],
                    after_items: Sequence[tuple[Item, str, float]], readings: _Readings,
                    market: str | None) -> list[Finding]:
    """An unreduced switch to a patch that the manufacturers' conversion tables give.

    The Duragesic and Durogesic labels print a table from the current opioid's daily dose to
    the first patch (60-134 mg/day of oral morphine: 25 mcg/h), conservative by design and used
    without a further reduction; a patch read at its OME band's low end can equal the old OME
    and look unreduced. The buprenorphine patch labels do the same from the oral morphine
    equivalent (Butrans: 10 mcg/h for 30-80 mg/day) or start every patient at the lowest
    strength (Butec SmPC: 5 mcg/h). A patch no stronger than every table holding the previous
    dose gives (the most cautious, :func:`_patch_table_rate`) is information naming the tables;
    a stronger patch stays a warning, naming the rate the tables give.
    """
    switches = [f for f in findings if f.code == "equianalgesic-switch"
                and f.severity is Severity.WARNING]
    reading = (_patch_table_rate(k, before_items, after_items, readings, market)
               if switches else None)
    if reading is None:
        return findings
    allowed, bands, read = reading
    rate = sum(daily for _, _, daily in after_items) * 1000 / 24
    patch = after_items[0][1]
    tables = ", ".join(dict.fromkeys(b.table for b in bands))
    given = (f"{significant(allowed, 4)} mcg/h the manufacturers' patch tables give for "
             f"{read} (the most cautious reading: {tables})")
    sources = " ; also: ".join(dict.fromkeys(b.source for b in bands))
    return _restated_by_label(
        findings, switches, within=rate <= allowed * (1 + _TOLERANCE),
        info=(f"{patch} patch {significant(rate, 4)} mcg/h is no stronger than the {given}: the "
              "labels' own conversion, conservative by design and used without a further "
              "reduction, so not an unreduced switch"),
        above=f"The patch, {significant(rate, 4)} mcg/h, is also above the {given}.",
        source=sources)


def _restated_by_label(findings: list[Finding], switches: list[Finding], *, within: bool,
                       info: str, above: str, source: str) -> list[Finding]:
    """The findings with each unreduced-switch warning restated by a label's own conversion:
    information where the new regimen is within it (quoting the warning it replaces, read in
    equivalents), the warning with the label's figure added where it is above."""
    kept = []
    for finding in findings:
        if finding not in switches:
            kept.append(finding)
        elif within:
            kept.append(Finding(Severity.INFO, "equianalgesic-switch",
                                f"{info} (read in equivalents: {finding.message})",
                                f"{source} ; also: {finding.source}"))
        else:
            kept.append(attrs.evolve(finding, message=f"{finding.message} {above}",
                                     source=f"{finding.source} ; also: {source}"))
    return kept


def _release(item: Item) -> str:
    return item.release or ("ir" if item.route is Route.ORAL else "")


def _by_step_up(k: Knowledge, findings: list[Finding],
                before_items: Sequence[tuple[Item, str, float]], items: Sequence[Item],
                patient: Patient, market: str | None, table: str | None) -> list[Finding]:
    """An unreduced switch from weak opioids (step 2 of the ladder) to a strong opioid started
    within its starting doses for an opioid-naive patient: information.

    Where a step-2 opioid (``who_step`` in ``drug_properties.csv``: codeine, dihydrocodeine) no
    longer controls the pain, the guidelines stop it and start a strong opioid at its usual
    start (the Scottish guidelines: 'Stop any step 2 opioid … If starting with modified release
    oral morphine prescribe 10 to 15mg, 12 hourly'): a step up the ladder, not a rotation whose
    dose is reduced for incomplete cross-tolerance. Where every opioid of the old regimen is a
    step-2 opioid, none of the new one is, every scheduled new opioid has a starting dose of its
    own among the starts the naive-start check reads for the chosen market
    (:func:`naive_start_rows`; an all-opioid day in oral morphine equivalents is not enough: the
    UK has none for a seven-day buprenorphine patch), and the naive-start check finds
    the new regimen within those starts (no warning), the unreduced-switch warning is information
    naming the starts; otherwise it stays.
    """
    switches = [f for f in findings if f.code == "equianalgesic-switch"
                and f.severity is Severity.WARNING]
    if not switches:
        return findings

    def step_two(drug: str) -> bool:
        found = k.drug_properties.get(drug, "who_step")
        return found is not None and found[0] == "2"

    old = {drug for _, drug, _ in before_items}
    new = {d.name for item in items if item.listed for d in item.drugs if d.is_opioid}
    if not old or not new or not all(step_two(d) for d in old) or any(step_two(d) for d in new):
        return findings
    starts = {item: naive_start_rows(item, market, table=table, knowledge=k) for item in items
              if item.listed and any(d.is_opioid for d in item.drugs)}
    scheduled = [item for item in starts if not item.prn]
    if not all(any(row.drug == item.drug.name for row in starts[item]) for item in scheduled):
        return findings  # a start of the drug's own is needed: an all-opioid day is not enough
    naive = opioid_range_findings(items, attrs.evolve(patient, opioid_tolerant=False),
                                  market=market, table=table, knowledge=k)
    raised = [f for f in naive if f.severity is not Severity.INFO]
    unchecked = [f for f in naive if f.code == "opioid-naive-start-not-checked"]
    if scheduled and raised and not unchecked and market is not None:
        return _by_label_step_up(k, findings, switches, sorted(old), items, scheduled, raised,
                                 patient, market, table)
    if not scheduled or raised or unchecked:
        return findings
    steps = "; ".join(dict.fromkeys((k.drug_properties.get(d, "who_step") or ("", ""))[1]
                                    for d in sorted(old)))
    # a start above the market's own that the naive-start check steps down to information (a
    # guideline's start below another market's label start, borrowed): that check names the label
    lent = [f for f in naive if f.code == "opioid-naive-start"]
    read = "; ".join(dict.fromkeys([*(row.source for rows in starts.values() for row in rows),
                                    *(f.source for f in lent)]))
    where = f"the {market.upper()} sources" if market else "every market's sources"
    borrowed = sorted({row.market for rows in starts.values() for row in rows
                       if market and row.drug and row.market not in (None, market)})
    if borrowed:  # a start the market has none of its own for, read from another market's
        where += f" (borrowing the {', '.join(m.upper() for m in borrowed)} start where it has none)"
    beyond = (", or above them but within another market's label start that the opioid-naive "
              "check reads as information (its finding names the label)" if lent else "")
    return _restated_by_label(
        findings, switches, within=True,
        info=(f"a step up from a step-2 opioid ({', '.join(sorted(old))}) to a strong opioid "
              f"started within the starting doses {where} give an opioid-naive patient{beyond}: "
              "the step-2 opioid is stopped and the strong opioid started, not an unreduced "
              "switch"),
        above="", source=f"{steps} ; also: {read}" if read else steps)


def _by_naive_start(k: Knowledge, findings: list[Finding], previous: Sequence[Item],
                    items: Sequence[Item], patient: Patient, market: str | None,
                    table: str | None) -> list[Finding]:
    """An unreduced switch in a patient not opioid-tolerant to new opioids started within their
    own labelled starts for the opioid-naive: information naming the starts.

    A patient recorded as not tolerant whose previous day is below the labels' definition of
    tolerance (:func:`~mpsdose.clinical.ranges.previous_opioids`) may be given what a patient
    with no opioid at all may be given: the new drug's own starting dose for the opioid-naive
    (the Nucynta ER US label starts 'patients not currently taking opioid analgesics' at 50 mg
    twice daily). Where every scheduled new opioid has a naive-start row of its own among the
    rows the naive-start check reads for the chosen market (:func:`naive_start_rows`; an
    all-opioid start in OME is not enough) and that check, run as for an opioid-naive patient,
    finds the new regimen within them (no warning, nothing unchecked), the unreduced-switch
    warning is information; above a start, or for a tolerant patient, it stays.
    """
    switches = [f for f in findings if f.code == "equianalgesic-switch"
                and f.severity is Severity.WARNING]
    if not switches or patient.opioid_tolerant is not False:
        return findings
    prior = previous_opioids(previous, knowledge=k)
    if prior is None or prior.top is None or prior.top >= prior.threshold:
        return findings
    starts = {item: naive_start_rows(item, market, table=table, knowledge=k) for item in items
              if item.listed and any(d.is_opioid for d in item.drugs)}
    scheduled = [item for item in starts if not item.prn]
    if not scheduled or not all(any(row.drug == item.drug.name for row in starts[item])
                                for item in scheduled):
        return findings
    naive = opioid_range_findings(items, attrs.evolve(patient, opioid_tolerant=False),
                                  market=market, table=table, knowledge=k)
    if any(f.severity is not Severity.INFO or f.code == "opioid-naive-start-not-checked"
           for f in naive):
        return findings
    own = [row for item in scheduled for row in starts[item] if row.drug == item.drug.name]
    borrowed = sorted({row.market for row in own if market and row.market not in (None, market)})
    where = f"the {market.upper()} label starts" if market else "the label starts"
    if borrowed:
        where += f" (borrowing the {', '.join(m.upper() for m in borrowed)} start)"
    read = "; ".join(dict.fromkeys(row.source for row in own))
    return _restated_by_label(
        findings, switches, within=True,
        info=(f"the previous opioids come to {significant(prior.top, 4)} mg/day OME at most, "
              f"below the {prior.threshold:g} mg/day of opioid tolerance, and the new regimen "
              f"({', '.join(sorted({i.drug.name for i in scheduled}))}) is within {where} for "
              "an opioid-naive patient: a start a patient with no opioid may be given, not an "
              "unreduced conversion"),
        above="", source=read)


def _by_label_step_up(k: Knowledge, findings: list[Finding], switches: list[Finding],
                      old: list[str], items: Sequence[Item], scheduled: list[Item],
                      raised: list[Finding], patient: Patient, market: str,
                      table: str | None) -> list[Finding]:
    """A step up from step-2 opioids above the chosen market's naive starts but within a
    product label's (or a palliative guideline's) start for pain uncontrolled by weaker
    opioids: information naming both.

    The UK SmPCs of oxycodone prolonged-release tablets start 'opioid naive patients or patients
    presenting with severe pain uncontrolled by weaker opioids' at 10 mg 12-hourly
    (:func:`~mpsdose.clinical.ranges.label_step_up_start`); Australia's shipped start of the
    product is a guideline's 5 mg twice daily (eTG), and no Australian label start is shipped.
    A guideline may give that start too: the Leeds PILLS eBook starts MST 15-20 mg 12-hourly
    after the maximum day of codeine (240 mg), below the UK MST CONTINUS label's 30 mg. The
    drug's own label outranks a generic guideline: an item within the label start and above the
    guideline's is information naming the stricter guideline; above every source, the warning
    stays; a guideline bounds the step up only where no label start is shipped.
    As a label's titration step is borrowed for the same product where the chosen market has
    none, and a dose within one market's label and above another's is information naming both,
    the step up is information where every scheduled strong opioid whose naive start is raised
    is within the label start (the market's own, else borrowed, said so), every raised naive
    finding is of the naive start, and the other opioids of the new regimen are within their
    naive starts; otherwise the warning stays.
    """
    covered: dict[Item, list[OpioidRange]] = {}
    for item in scheduled:
        rows = label_step_up_start(item, market, knowledge=k)
        if rows:
            covered[item] = rows
    if not covered or any(f.code != "opioid-naive-start" for f in raised):
        return findings
    rest = [item for item in items if item not in covered]
    if rest and any(f.severity is not Severity.INFO or f.code == "opioid-naive-start-not-checked"
                    for f in opioid_range_findings(rest, attrs.evolve(patient,
                                                                      opioid_tolerant=False),
                                                   market=market, table=table, knowledge=k)):
        return findings
    labels = [row for rows in covered.values() for row in rows]
    stricter = [row for item in covered
                for row in step_up_guidelines_above(item, market, knowledge=k)]
    lent = sorted({row.market for row in labels if row.market not in (None, market)})
    # a step-up-start row is a product label's start or a palliative guideline's day after the
    # maximum step-2 day (the Leeds PILLS MST start): the finding names neither kind alone
    whose = (f"the {', '.join(m.upper() for m in lent)} label or guideline start (borrowed: no "
             f"{market.upper()} label or guideline start for the product is shipped)" if lent
             else f"the {market.upper()} label or guideline start")
    own = "; ".join(dict.fromkeys(f.source for f in raised))
    steps = "; ".join(dict.fromkeys((k.drug_properties.get(d, "who_step") or ("", ""))[1]
                                    for d in old))
    return _restated_by_label(
        findings, switches, within=True,
        info=(f"a step up from a step-2 opioid ({', '.join(old)}) to a strong opioid started "
              f"within {whose} for pain uncontrolled by weaker opioids, though above the "
              f"{market.upper()} opioid-naive start shipped (the source names both): the "
              "step-2 opioid is stopped and the strong opioid started, not an unreduced switch"
              + ("; a stricter palliative guideline starts it lower ("
                 + "; ".join(dict.fromkeys(_step_up_words(r) for r in stricter))
                 + "): the product's own label outranks it, so it is named, not applied"
                 if stricter else "")),
        above="", source=(f"{steps} ; also: "
                          + "; ".join(dict.fromkeys(r.source for r in labels))
                          + (" ; stricter guideline named: "
                             + "; ".join(dict.fromkeys(r.source for r in stricter))
                             if stricter else "")
                          + f" ; the {market.upper()} start exceeded: {own}"))


def _step_up_words(row: OpioidRange) -> str:
    """A guideline's step-up start in words: its dose and day [mg]."""
    parts = [f"{significant(row.per_dose, 4)} mg a dose" if row.per_dose is not None else "",
             f"{significant(row.per_day, 4)} mg/day" if row.per_day is not None else ""]
    return ", ".join(p for p in parts if p)


def _by_label_switch(k: Knowledge, findings: list[Finding],
                     before_items: Sequence[tuple[Item, str, float]],
                     after_items: Sequence[tuple[Item, str, float]],
                     market: str | None, patient: Patient | None = None) -> list[Finding]:
    """An unreduced switch that the new product's own label gives, in the chosen market.

    A product label's switching table (``label_switches.csv``: the Japanese OxyContin TR insert's
    two-thirds of the oral morphine day, the Japanese Tapenta insert's bands from oxycodone and
    morphine) is the regulator-approved conversion for that product in that market. A switch
    from one opioid by one route to one product, at or below what its label gives for the
    previous daily dose, is information naming the label; above it, the warning stays and says
    what the label gives. Without ``--market`` (or in another market) nothing changes: the
    switch is judged under every published ratio, as the issue's rule asks. A row that the label
    halves for some patients (``halved_for``: 65 or older, hepatic or severe renal impairment,
    the OPANA ER conversion) gives half for them, and for a patient whose age or function is not
    given.
    """
    switches = [f for f in findings if f.code == "equianalgesic-switch"
                and f.severity is Severity.WARNING]
    if market is None or not switches:
        return findings
    sources = {(drug, item.route, _release(item)) for item, drug, _ in before_items}
    targets = {(drug, item.route, _release(item)) for item, drug, _ in after_items}
    if len(sources) != 1 or len(targets) != 1:
        return findings
    ((from_drug, from_route, from_release),) = sources
    ((drug, route, release),) = targets
    amount = sum(daily for _, _, daily in before_items)
    new_day = sum(daily for _, _, daily in after_items)
    rows = [r for r in k.label_switches if r.basis is None and r.market == market
            and r.drug == drug and r.route is route and r.release in (None, release)
            and r.from_drug == from_drug
            and r.from_route is from_route and r.from_release in (None, from_release)
            and r.allowed(amount) is not None]
    if not rows:
        return findings
    person = patient or Patient()
    hepatic = None if person.hepatic is None else person.hepatic is not Hepatic.NONE

    def given_for(r: LabelSwitch) -> float:
        full = r.allowed(amount) or 0.0
        return full / 2 if r.halved(person.age, hepatic, person.crcl_ml_min) else full

    row = min(rows, key=given_for)
    allowed = given_for(row)
    halved = allowed < (row.allowed(amount) or 0.0)

    def shown(mg_per_day: float) -> str:  # a patch by its rate, as it is written
        if route is Route.TRANSDERMAL:
            return f"{significant(mg_per_day * 1000 / 24, 4)} mcg/h"
        return f"{significant(mg_per_day, 4)} mg/day"

    given = (f"the {shown(allowed)} the {row.product} label ({market}, "
             f"{row.table}) gives for {from_drug} {from_route.value} "
             f"{significant(amount, 4)} mg/day"
             + (" (half its conversion: the label halves the start at 65 or older, in hepatic "
                "or severe renal impairment, and the patient is, or age or function is not "
                "given)" if halved else ""))
    return _restated_by_label(
        findings, switches, within=new_day <= allowed * (1 + _TOLERANCE),
        info=(f"{drug} {shown(new_day)} is no more than {given}: the product's "
              "own approved conversion in the chosen market, so not an unreduced switch"),
        above=f"The new dose, {shown(new_day)}, is also above {given}.",
        source=row.source)


def _above_label_switch_start(k: Knowledge, before_items: Sequence[tuple[Item, str, float]],
                              after_items: Sequence[tuple[Item, str, float]],
                              tables: Sequence[str], market: str) -> list[Finding]:
    """A switch to a product above the start its own label gives for the previous regimen's oral
    morphine equivalent, in the chosen market: a warning naming the label.

    Some labels convert from the previous opioids' morphine sulfate equivalent (MSE) by bands to
    a starting dose, whatever the equivalence tables would give: the Belbuca label
    (``label_switches.csv`` rows of basis ``ome``: below 30, 30-89 and 90-160 mg MSE to 75, 150
    and 300 micrograms every 12 hours, titrated from there) and the Butrans label (the market's
    ``patch_table`` in ``market_rules.csv``: below 30 and 30-80 mg to 5 and 10 mcg/h). The
    labels do not say which factors give the equivalent, so the previous regimen is read at its
    highest reading among the rotation tables that total it (the surveillance tables where none
    does): a start is flagged only where it is above the label's start under every reading
    (oxycodone 20 mg/day is 20 mg OME by PDQ and 30 by CDC; Butrans 10 mcg/h from it is the
    label's own start for 30-80 mg, not a warning). Above every band
    the label gives no start (Belbuca: consider another analgesic above 160 mg MSE): its largest
    start is then the most it gives. Fentanyl patches have their own first-patch checks and are
    not read here; a drug the old regimen already holds is a titration, not a switch.
    """
    targets = {(drug, item.route, _release(item)) for item, drug, _ in after_items}
    if len(targets) != 1:
        return []
    ((drug, route, release),) = targets
    if drug == "fentanyl" or drug in {d for _, d, _ in before_items}:
        return []
    starts: list[tuple[Interval, float, str, str, str]] = [
        (r.band, r.daily_mg, "mg/day", r.product, r.source) for r in k.label_switches
        if r.basis == "ome" and r.market == market and r.drug == drug and r.route is route
        and r.release in (None, release) and r.daily_mg is not None]
    if route is Route.TRANSDERMAL:
        worn = {item.schedule.interval_h for item, _, _ in after_items}
        for own in k.market_rules.of(market, "patch_table"):
            # a market's table is for its product's wear (Butrans: 7 days), not a 4-day patch
            if own.drug == drug and own.table and all(
                    own.matches(drug, route, interval_h=interval) for interval in worn):
                starts.extend((b.band, b.patch_mcg_h, "mcg/h", own.product or own.table,
                               b.source) for b in k.patch_bands
                              if b.table == own.table and b.drug == drug
                              and b.direction == "to_patch" and b.from_drug == "morphine"
                              and b.from_route is Route.ORAL)
    if not starts:
        return []
    read = [(t, b[0]) for t in tables if (b := scheduled_ome(k, t, before_items)) is not None]
    if not read:
        read = [(t.id, b[0]) for t in k.conversion_tables.values()
                if not isinstance(t, RotationTable)
                and (b := scheduled_ome(k, t.id, before_items)) is not None]
    if not read:
        return []
    table_id, amount = max(read, key=lambda pair: pair[1])
    held = [start for start in starts if start[0].contains(amount)]
    beyond = ""
    if not held:
        if any(start[0].high is None or amount <= start[0].high for start in starts):
            return []  # below every band: no start is given to judge by
        top = max(start[1] for start in starts)
        held = [start for start in starts if start[1] == top]
        beyond = ", above every band the label gives (its largest start is the most it gives)"
    band, allowed, unit, product, source = min(held, key=lambda start: start[1])
    new_day = sum(daily for _, _, daily in after_items)
    given = new_day * 1000 / 24 if unit == "mcg/h" else new_day
    if given <= allowed * (1 + _TOLERANCE):
        return []
    return [Finding(Severity.WARNING, "opioid-above-label-switch-start", (
        f"{drug} {route.value} {significant(given, 4)} {unit} after a switch from OME "
        f"{significant(amount, 4)} mg/day ({table_id}, the highest reading){beyond}: above the "
        f"{significant(allowed, 4)} {unit} the {product} label ({market.upper()}) starts for "
        f"{band.format('mg/day')} of oral morphine equivalent; the label titrates from its "
        "start"), source)]


def _range_text(bounds: tuple[float, float]) -> str:
    low, high = bounds
    if math.isclose(low, high):
        return f"{significant(low, 4)}"
    return f"{significant(low, 4)}–{significant(high, 4)}"


def _same_active_drug(k: Knowledge, new: set[str], old: set[str]) -> tuple[str, str] | None:
    """(the property's source, what converts to what) where every new opioid converts without
    reduction with an old one (``converts_unreduced_with`` in ``drug_properties.csv``: diamorphine
    is converted to and from morphine at the table's ratio, not reduced for incomplete
    cross-tolerance, as a different opioid is), or None."""
    if not new:
        return None
    pairs, sources = [], []
    for drug in sorted(new):
        partner = None
        for other in sorted(old):
            for a, b in ((drug, other), (other, drug)):
                found = k.drug_properties.get(a, "converts_unreduced_with")
                if found is not None and found[0] == b:
                    partner = other
                    sources.append(found[1])
        if partner is None:
            return None
        pairs.append(f"{partner} to {drug}")
    return " ; also: ".join(dict.fromkeys(sources)), ", ".join(pairs)


def _unreduced(k: Knowledge, readings: _Readings, drugs: list[str], chosen: str, *,
               surveillance: bool = False,
               after_items: Sequence[tuple[Item, str, float]] = (),
               same_active: tuple[str, str] | None = None,
               weigh_tables: bool = False, chosen_by_user: bool = False) -> list[Finding]:
    """A switch to another opioid at or above the old OME under any table.

    Each table is read at its lower factors on both sides (a table's range around its own
    factor is its uncertainty, not a second ratio): a switch flagged here is unreduced by that
    table's own reading. Where a table gives a new opioid **only a range** (PDQ: hydrocodone
    30-45 mg for oral morphine 30 mg), every ratio in it is published and none is the table's
    own: the new opioid is read at the top of that range too (:func:`_range_top_total`), so a
    1:1 switch that PDQ's range allows is unreduced under that ratio (shown as its OME there).

    ``same_active`` (:func:`_same_active_drug`): the new opioid is the old one's prodrug or active
    drug, converted at the table's ratio without the reduction for cross-tolerance; only a switch
    above the old OME is flagged, and one at it is information naming the source.

    With ``weigh_tables`` (a switch between scheduled regimens), a switch that is unreduced under
    some rotation tables but reduced under another is information naming every ratio
    (:func:`_reduced_elsewhere`); a warning stays where it is unreduced under every table read,
    or under the table the user chose (``chosen_by_user``).
    """
    unreduced, shares = [], {}
    for table_id, (before, after) in readings.items():
        top = _range_top_total(k, table_id, after_items)
        read = after if top is None or top <= after[0] else (top, top)
        worst = shares[table_id] = read[0] / before[0]
        if worst >= 1 - _TOLERANCE if same_active is None else worst > 1 + _TOLERANCE:
            unreduced.append((table_id, before, read, worst, read is not after))
    if not unreduced:
        if same_active is None:
            return []
        source, pairs = same_active
        return [Finding(Severity.INFO, "equianalgesic-switch", (
            f"{pairs} at or below the old oral morphine equivalent under every table read "
            f"({', '.join(readings)}): converted at the table's ratio without a reduction for "
            "incomplete cross-tolerance, as the source converts between these (the reduction "
            "is for a change to a different opioid)"), source)]
    shown = "; ".join(f"{t}: the new regimen is {_range_text(a)} mg/day OME"
                      + (" (read at the top of the range the table gives for it: every ratio "
                         "in a published range is a published ratio)" if top else "")
                      + f", the old {_range_text(b)} mg/day OME, so the new day is "
                        f"{significant(w * 100, 3)}% of the old at its lowest reading"
                      for t, b, a, w, top in unreduced)
    if surveillance:
        where = (f"in the surveillance (MME) table {unreduced[0][0]}, read because no rotation "
                 "table has a factor for every opioid of both regimens")
    elif unreduced[0][0] == chosen:
        where = "in the chosen table"
    elif chosen not in readings:
        where = (f"under the most cautious reading of the rotation tables ({unreduced[0][0]}; "
                 f"{chosen} has no factor for every opioid of both regimens)")
    else:
        where = (f"under the most cautious reading of the rotation tables ({unreduced[0][0]}; "
                 f"{chosen} shows a reduction)")
    if weigh_tables and same_active is None and not surveillance \
            and not (chosen_by_user and chosen in {t for t, *_ in unreduced}):
        least, least_source = _least_reduction(k)
        reduced = [t for t, share in shares.items() if share <= 1 - least + _TOLERANCE]
        if reduced:
            return [_reduced_elsewhere(k, readings, drugs, reduced, shown, least, least_source)]
    if same_active is not None:
        return [_ruled(k, "equianalgesic-switch",
                       f"the new opioids ({', '.join(drugs)}) are above the old oral morphine "
                       f"equivalent {where} — {shown}; {same_active[1]} is converted at the "
                       "table's ratio without reduction, never above it")]
    return [_ruled(k, "equianalgesic-switch",
                   f"the new opioids ({', '.join(drugs)}) are not reduced for incomplete "
                   f"cross-tolerance {where} — {shown}")]


def _least_reduction(k: Knowledge) -> tuple[float, str]:
    """The low end of the default reduction for incomplete cross-tolerance (the first
    ``cross_tolerance_reduction`` row of ``rotation_rules.csv``, as :func:`~mpsdose.convert`
    applies it: Fine and Portenoy's window, 25-50%), with its source."""
    first = k.rotation_rules.all("cross_tolerance_reduction")[0]
    return first.bounds[0], first.source


def _reduced_elsewhere(k: Knowledge, readings: _Readings, drugs: list[str], reduced: list[str],
                       shown: str, least: float, least_source: str) -> Finding:
    """A switch that one rotation table reduces by a published reduction and another does not
    reduce: information naming both readings.

    The rotation tables disagree (morphine to oxycodone is 2:1 in the Scottish guidelines and
    1.5:1 in the JSPM and PDQ tables; morphine to hydromorphone 5:1 to 7.5:1), so a switch at one
    table's ratio less a published reduction (at least the smallest, 25%) can be unreduced under
    another's. Such a switch follows a published method; its most cautious reading is shown as
    information for the prescriber to weigh. A switch that no table reduces by that much stays a
    warning (:func:`_unreduced`).
    """
    rule = _rule(k, "equianalgesic-switch")
    less = "; ".join(f"{t}: the new regimen is {_range_text(a)} mg/day OME, the old "
                     f"{_range_text(b)} mg/day OME, {significant(a[0] / b[0] * 100, 3)}% of it"
                     for t in reduced for b, a in [readings[t]])
    titles = "; ".join(k.conversion_tables[t].title for t in reduced)
    return Finding(Severity.INFO, "equianalgesic-switch", (
        f"the new opioids ({', '.join(drugs)}) are reduced by at least "
        f"{significant(least * 100, 3)}% for incomplete cross-tolerance under {', '.join(reduced)}"
        f" ({less}) but not under the most cautious reading — {shown}. The rotation tables "
        "disagree on this ratio and the switch follows a published one less a published "
        f"reduction, so this is information, not a warning. {rule.statement}"),
        f"{titles}; {least_source}; {rule.source}")


#: How the routes of one opioid rank by the effect of the same mg: enteral, transmucosal and
#: transdermal routes (0) < subcutaneous, intravenous, intramuscular (1) < epidural (2) <
#: intrathecal (3). The ratios behind the order are the rules' statements
#: (``opioid-route-change``: oral to SC about 2:1; ``opioid-route-change-neuraxial``:
#: IV 100 : epidural 10 : intrathecal 1).
_ROUTE_RANK = {Route.SC: 1, Route.IV: 1, Route.IM: 1, Route.EPIDURAL: 2, Route.INTRATHECAL: 3}


def _as_needed_opioids(items: Sequence[Item],
                       skip: set[str]) -> list[tuple[Item, str, float]]:
    """(item, drug, mg a dose) of the as-needed opioids whose dose is known, but for the drugs
    in ``skip`` (judged already by their scheduled doses)."""
    found = []
    for item in items:
        if not item.listed or not item.prn:
            continue
        for ingredient in item.ingredients:
            dose = item.per_dose(ingredient)
            if ingredient.drug.is_opioid and dose is not None and ingredient.drug.name not in skip:
                found.append((item, ingredient.drug.name, dose))
    return found


def _as_needed_row(row: OpioidRange, check: str, drug: str, item: Item,
                   market: str | None) -> bool:
    """Whether ``row`` is a ``check`` row without an interval (an as-needed dose's) for the drug,
    route and release of ``item``, of the chosen market (or of no market; every market where
    none is chosen)."""
    return (row.check == check and row.drug == drug and row.interval_h is None
            and row.per_dose is not None
            and (row.routes is None or item.route in row.routes)
            and (row.release is None or row.release == item.release)
            and (market is None or row.market in (None, market)))


def _titration_doses(k: Knowledge, drug: str, item: Item, named: frozenset[str],
                     market: str | None) -> list[OpioidRange]:
    """The ``titration-dose`` rows of the item's drug, route and release in ``market`` (every
    market's where None), of the products its text names (every product's where it names
    none)."""
    return [row for row in k.opioid_ranges
            if _as_needed_row(row, "titration-dose", drug, item, market)
            and (not named or not row.products or named & row.products)]


def _as_needed_label_steps(k: Knowledge, previous: Sequence[Item], items: Sequence[Item],
                           market: str | None) -> list[Finding]:
    """An as-needed product's dose raised beyond its label's own titration increment: a skipped
    step.

    A transmucosal fentanyl label titrates the breakthrough dose one strength at a time (Fentora:
    100, 200, 400, 600, 800 micrograms); a ``titration-step`` row of ``opioid_dose_ranges.csv``
    without an interval gives the largest step. A rise of the same drug, route and release as
    needed by more than the row's ``per_dose`` skips a step, whatever the regular opioids do.

    A label may give its titration as a sequence of doses instead (Instanyl: 50, 100, 200
    micrograms; PecFent: 100, 200, 400, 800): ``titration-dose`` rows, one a dose. A rise past
    one of them (50 to 200 micrograms, past 100) skips that step. An item written with a brand
    name of the drug (``abstral``, ``instanyl``) names its product: only that product's
    sequence is read (a brand with no rows reads none), so another product's dose is not taken
    for a step of this one (Abstral's 300 micrograms is no step of Subsys's 200 to 400). An item
    written with the drug's own name does not name the product, so the sequences of every
    product of the drug and route (of the chosen market, of every market where none is chosen)
    are read together: a dose of any of them between the old and the new is a step skipped.
    Where the chosen market ships no sequence for the drug and route (of the named product), the
    other markets' sequences are borrowed, as label titration steps are, and the finding says so
    (the UK has PecFent's and Instanyl's EU-wide labels but no rows of its own).
    """
    step = _rule(k, "opioid-titration-step", threshold=True)
    found = []
    for item, drug, new in _as_needed_opioids(items, set()):
        same = [dose for old, d, dose in _as_needed_opioids(previous, set())
                if d == drug and old.route is item.route and old.release == item.release
                and not _other_product(k, old, item, drug)]
        if not same or new <= max(same) * (1 + _TOLERANCE):
            continue
        old_dose = max(same)
        unit = "mcg" if new < 1 else "mg"  # a breakthrough fentanyl dose reads in mcg
        scale = 1000 if unit == "mcg" else 1
        named = written_brands(k, item, drug)
        sequence = _titration_doses(k, drug, item, named, market)
        borrowed = market is not None and not sequence
        if borrowed:  # no label sequence of this market: every market's, as for titration steps
            sequence = _titration_doses(k, drug, item, named, None)
        passed = sorted((row for row in sequence
                         if old_dose * (1 + 1e-6) < (row.per_dose or 0) < new * (1 - 1e-6)),
                        key=lambda row: row.per_dose or 0)
        if passed:
            doses = sorted({row.per_dose or 0 for row in passed})
            lent = sorted({(row.market or "any").upper() for row in passed})
            found.append(Finding(step.severity, "opioid-titration-step", (
                f"{drug} {item.route.value} as needed rises from "
                f"{significant(old_dose * scale, 4)} to {significant(new * scale, 4)} {unit} a "
                f"dose, past the label's titration dose of "
                f"{', '.join(significant(d * scale, 4) for d in doses)} {unit}: a step is "
                "skipped. The label titrates the breakthrough dose one step at a time"
                + (f" (the {', '.join(lent)} label's sequence, borrowed: no "
                   f"{(market or '').upper()} row is shipped)" if borrowed else "")),
                " ; also: ".join(dict.fromkeys(row.source for row in passed))))
            continue
        rows = [row for row in k.opioid_ranges
                if _as_needed_row(row, "titration-step", drug, item, market)]
        if not rows or any(new - old_dose <= (row.per_dose or 0) * (1 + 1e-6) for row in rows):
            continue
        row = max(rows, key=lambda r: r.per_dose or 0)
        found.append(Finding(step.severity, "opioid-titration-step", (
            f"{drug} {item.route.value} as needed rises from {significant(old_dose * scale, 4)} "
            f"to {significant(new * scale, 4)} {unit} a dose, more than the label's own "
            f"titration step ({significant((row.per_dose or 0) * scale, 4)} {unit} at most): "
            f"a step is skipped. The label titrates the breakthrough dose one step at a time"),
            row.source))
    return found


def _other_product(k: Knowledge, old: Item, new: Item, drug: str) -> bool:
    """Whether two items of ``drug`` by the same route name two different products: each is
    written with a brand name of the drug and they share none (``actiq`` and ``fentora``, both
    buccal). An item written with the drug's own name names no product, so it is never
    another's."""
    before, after = written_brands(k, old, drug), written_brands(k, new, drug)
    return bool(before) and bool(after) and not before & after


def _label_initial_rows(k: Knowledge, drug: str, item: Item, market: str | None
                        ) -> tuple[list[OpioidRange], list[OpioidRange]]:
    """The ``initial`` rows that judge ``item`` (its drug, route and release; of the chosen
    market where it has some, else of every market) and every ``initial`` row of the drug."""
    every = [r for r in k.opioid_ranges if r.check == "initial" and r.drug == drug
             and r.per_dose is not None]
    rows = [r for r in every if (r.routes is None or item.route in r.routes)
            and (r.release is None or r.release == item.release)]
    rows = [r for r in rows if market is None or r.market in (None, market)] or rows
    return rows, every


def _rapid_onset_switches(k: Knowledge, previous: Sequence[Item], items: Sequence[Item],
                          patient: Patient, market: str | None) -> list[Finding]:
    """An as-needed rapid-onset product of a drug replaced by another above the new product's
    label start: the products are not interchangeable microgram for microgram.

    The routes of the drug's ``initial`` rows (``opioid_dose_ranges.csv``: fentanyl buccal,
    sublingual, intranasal) are its rapid-onset products'. A previous as-needed dose of the
    drug by one of them and a new one by another route (Abstral sublingual to E-fen buccal or
    PecFent intranasal), or by the same route under another brand (Actiq to Fentora), is a
    change of product; the labels (Abstral: no 1:1 switch, a new titration; PecFent: always
    100 micrograms, even from another fentanyl product; Fentora: 100 micrograms, or by its
    table from Actiq) start the new product at its first dose. A new dose above the largest
    ``initial`` row of its route (of the chosen market where it has one) is the rule's
    severity. Items written with the drug's own name by one route are not told apart: the
    titration rule judges them. An opioid-naive patient is left to the tolerant-only error.
    """
    if patient.opioid_tolerant is False:
        return []
    rule = _rule(k, "rapid-onset-fentanyl-switch")
    found = []
    for item, drug, new in _as_needed_opioids(items, set()):
        rows, every = _label_initial_rows(k, drug, item, market)
        routes = {route for r in every if r.routes for route in r.routes}
        if not rows or item.route not in routes:
            continue
        olds = [(old, dose) for old, d, dose in _as_needed_opioids(previous, set())
                if d == drug and old.route in routes
                and (old.route is not item.route or _other_product(k, old, item, drug))]
        top = max(rows, key=lambda r: r.per_dose or 0.0)
        start = top.per_dose or 0.0
        if not olds or new <= start * (1 + _TOLERANCE):
            continue
        old, dose = max(olds, key=lambda pair: pair[1])
        unit, scale = ("mcg", 1000) if start < 1 else ("mg", 1)
        label = ("largest first dose of the labels" if len(rows) > 1
                 else "first dose of the label")
        found.append(Finding(rule.severity, "rapid-onset-fentanyl-switch", (
            f"{item}: {significant(new * scale, 4)} {unit} a dose in place of {old} "
            f"({significant(dose * scale, 4)} {unit}), another {drug} product, above "
            f"{significant(start * scale, 4)} {unit}, the {label} of {drug} by the "
            f"{item.route.value} route. {rule.statement}"),
            " ; also: ".join(dict.fromkeys([rule.source] + [r.source for r in sorted(
                rows, key=lambda r: -(r.per_dose or 0.0))])),
            item=str(item)))
    return found


def _above_label_initial_dose(k: Knowledge, items: Sequence[Item],
                              previous: Sequence[Item] | None, patient: Patient,
                              market: str | None,
                              prior: PreviousOpioids | None = None) -> list[Finding]:
    """A product started above the dose its label starts every patient at.

    The transmucosal fentanyl labels (Fentora, Actiq, Abstral, PecFent, Instanyl) start every
    patient at their lowest strength, whatever the around-the-clock opioid, and titrate from
    there: the breakthrough dose is not predicted by the background one. An ``initial`` row of
    ``opioid_dose_ranges.csv`` gives a product's first dose; the item does not name the product,
    so the largest of its route's rows (of the chosen market where it has some, else of every
    market) is the one applied. A dose above it is a warning (the row's severity) where the
    previous regimen holds no such product — the drug by a route that has ``initial`` rows — or
    where no previous regimen is given: the order cannot be seen titrated, and a patient who was
    is described with ``--previous``. A previous regimen that holds one is judged by the label's
    titration step instead (``_as_needed_label_steps``). An opioid-naive patient is left to the
    tolerant-only error, which says more.
    """
    if patient.opioid_tolerant is False and (prior is None or not prior.meets_tolerance):
        return []  # the tolerant-only error says more
    found = []
    for item in items:
        if not item.listed:
            continue
        for ingredient in item.ingredients:
            drug, dose = ingredient.drug.name, item.per_dose(ingredient)
            rows, every = _label_initial_rows(k, drug, item, market)
            if dose is None or not rows:
                continue
            top = max(rows, key=lambda r: r.per_dose or 0.0)
            start = top.per_dose or 0.0
            if dose <= start * (1 + _TOLERANCE):
                continue
            routes = {route for r in every if r.routes for route in r.routes}
            if previous is not None and any(
                    old.listed and old.route in routes and drug in {d.name for d in old.drugs}
                    for old in previous):
                continue
            unit, scale = ("mcg", 1000) if start < 1 else ("mg", 1)
            named = "/".join(sorted(r.value for r in routes))
            context = ("no previous regimen is given, so the titration cannot be seen: if the "
                       "patient was titrated to this dose, give the regimen with --previous"
                       if previous is None else
                       f"the previous regimen holds no {drug} by the {named} routes: a new start")
            found.append(Finding(top.severity, "opioid-above-label-initial-dose", (
                f"{item}: {significant(dose * scale, 4)} {unit} a dose, above "
                f"{significant(start * scale, 4)} {unit}, the "
                f"{'largest first dose of the labels' if len(rows) > 1 else 'first dose of the label'}"
                f" of {drug} by the {item.route.value} route: every patient starts there, "
                f"whatever the opioids around the clock; {context}. The labels titrate from the "
                "first dose one strength at a time"),
                " ; also: ".join(dict.fromkeys(r.source for r in sorted(
                    rows, key=lambda r: -(r.per_dose or 0.0)))),
                item=str(item)))
    return found


def _route_changes(k: Knowledge, before_items: Sequence[tuple[Item, str, float]],
                   after_items: Sequence[tuple[Item, str, float]], chosen: str, *,
                   per: str = "day") -> list[Finding]:
    """The same opioid at about the same mg by a stronger route: oral to SC/IV/IM, systemic to
    epidural, epidural to intrathecal. Judged in mg of the drug, so no table is needed: mg a day
    for scheduled doses, mg a dose (``per="dose"``) for as-needed ones, whose largest dose each
    side is compared. Methadone is judged too: oral to parenteral methadone is 2:1 by the
    injection's label and palliative guidance (1:1 only below 80 mg/24 h, with titration), so the
    same mg by injection needs review as for any other opioid."""
    found: list[Finding] = []
    for drug in sorted({d for _, d, _ in before_items} & {d for _, d, _ in after_items}):
        old_routes = {i.route for i, d, _ in before_items if d == drug}
        new_routes = {i.route for i, d, _ in after_items if d == drug}
        top = max(_ROUTE_RANK.get(r, 0) for r in old_routes)
        gained = sorted((r for r in new_routes - old_routes if _ROUTE_RANK.get(r, 0) > top),
                        key=lambda r: -_ROUTE_RANK.get(r, 0))
        if not gained:
            continue
        total = sum if per == "day" else max
        old_mg = total(mg for _, d, mg in before_items if d == drug)
        new_mg = total(mg for _, d, mg in after_items if d == drug)
        route = gained[0]
        neuraxial = _ROUTE_RANK[route] >= _ROUTE_RANK[Route.EPIDURAL]
        unit = "mg/day" if per == "day" else "mg a dose as needed"
        delivered = (_patch_delivered(k, drug, before_items)
                     if per == "day" and not neuraxial else None)
        if delivered is not None:
            new_mg = sum(mg for _, d, mg in after_items if d == drug)
            found.extend(_from_patch(k, drug, route, delivered, new_mg))
            continue
        kept = sum(mg for i, d, mg in after_items if d == drug and i.route in old_routes)
        if neuraxial and per == "day" and 0 < kept < old_mg * 0.9:
            # a neuraxial start beside a reduced systemic day: the part moved is judged
            moved = sum(mg for i, d, mg in after_items if d == drug and i.route not in old_routes)
            found.extend(_neuraxial_excess(k, drug, old_routes, top, route, old_mg - kept,
                                           moved, unit, kept=kept))
            continue
        if new_mg < old_mg * 0.9:
            if neuraxial:  # reduced, but by less than the route ratios: still above equivalence
                found.extend(_neuraxial_excess(k, drug, old_routes, top, route, old_mg,
                                               new_mg, unit))
            continue
        from_route = max(old_routes, key=lambda r: (_ROUTE_RANK.get(r, 0), r.value))
        factors = "" if neuraxial else _route_factors(k, drug, from_route, route, chosen)
        rule = _rule(k, "opioid-route-change-neuraxial" if neuraxial else "opioid-route-change")
        found.append(_ruled(k, "opioid-route-change", (
            f"{drug} from {'/'.join(sorted(r.value for r in old_routes))} "
            f"{significant(old_mg, 4)} {unit} to {route.value} {significant(new_mg, 4)} {unit}: "
            f"the same drug at about the same mg by a stronger route{factors}"), rule=rule))
    return found


def _patch_delivered(k: Knowledge, drug: str, before_items: Sequence[tuple[Item, str, float]]
                     ) -> tuple[float, str, str] | None:
    """What the previous regimen's patches (and parenteral doses) of one drug deliver to the
    circulation a day [mg/day], with how it reads and the patch rule's source; None unless every
    old item of the drug is a patch whose label states that share (``patch_systemic_fraction`` of
    ``rotation_rules.csv``: a fentanyl patch delivers its rate, 12 mcg/h about 0.3 mg a day) or a
    parenteral dose, and one at least is a patch.

    Such a patch is not a weaker route than an injection of its drug: it delivers what an IV or
    SC dose of the same amount delivers (PDQ: parenteral doses approximately equal), so a move
    from the patch to the same amount by injection is no rise in effect.
    """
    total, parts, sources = 0.0, [], []
    for item, name, mg in before_items:
        if name != drug:
            continue
        if item.route is Route.TRANSDERMAL:
            rule = k.rotation_rules.get("patch_systemic_fraction", drug)
            if rule is None or rule.value is None or rule.drug != drug:
                return None
            total += mg * rule.value
            sources.append(rule.source)
            parts.append(f"{item} ≈ {significant(mg * rule.value, 4)} mg/day delivered")
        elif _ROUTE_RANK.get(item.route, 0) == 1:
            total += mg
            parts.append(f"{item} {significant(mg, 4)} mg/day")
        else:
            return None
    if not sources or total <= 0:
        return None
    return total, "; ".join(parts), " ; also: ".join(dict.fromkeys(sources))


def _from_patch(k: Knowledge, drug: str, route: Route, delivered: tuple[float, str, str],
                new_mg: float) -> list[Finding]:
    """A move from a patch (whose label states what it delivers) to its drug by injection,
    judged in the drug's own amount: within the titration step of what the patch delivered it is
    information (the same amount delivered, or a titration of it); beyond the step a warning."""
    amount, how, patch_source = delivered
    step = _rule(k, "opioid-titration-step", threshold=True)
    assert step.threshold is not None
    allowed = amount * (1 + step.threshold / 100)
    rise = (new_mg / amount - 1) * 100
    said = (f"{drug} from the patch ({how}: rotation_rules.csv patch_systemic_fraction, the "
            f"patch label's statement of what reaches the circulation) to {route.value} "
            f"{significant(new_mg, 4)} mg/day")
    if new_mg <= allowed * (1 + _TOLERANCE):
        return [Finding(Severity.INFO, "opioid-route-change", (
            f"{said}: {significant(rise, 3) if rise > 0 else 0}% above what the patch delivers, "
            f"within the {step.threshold:g}% titration step; the patch and the injection "
            "deliver the drug alike, so this is not the same mg by a stronger route"),
            f"{patch_source} ; also: {step.source}")]
    return [Finding(step.severity, "opioid-route-change", (
        f"{said}: {significant(rise, 3)}% above the {significant(amount, 4)} mg/day the patch "
        f"delivers, beyond the {step.threshold:g}% titration step. {step.statement}"),
        f"{patch_source} ; also: {step.source}")]


def _neuraxial_switch(k: Knowledge, tables: Sequence[str],
                      before_items: Sequence[tuple[Item, str, float]],
                      after_items: Sequence[tuple[Item, str, float]]) -> list[Finding]:
    """A switch to a new opioid by an epidural or intrathecal route (oral or SC oxycodone to
    intrathecal morphine), which no conversion table has a factor for: the neuraxial day is read
    as its parenteral equivalent at the most lenient reading of ``opioid-route-change-neuraxial``
    (each neuraxial step 10:1, so intrathecal morphine 1 mg/day is read as 100 mg/day IV, not
    Krames' 300 mg/day oral), then in each rotation table that covers both regimens so; a new day
    above the old one under every such table (the smallest rise) is a warning. Never computes a
    dose; silent where no table covers both, and for a drug the old regimen holds (its route
    change is judged in mg by :func:`_route_changes`)."""
    spinal = _rule(k, "opioid-route-change-neuraxial", threshold=True)
    assert spinal.threshold is not None
    old_drugs = {d for _, d, _ in before_items}
    moved = [(i, d, mg) for i, d, mg in after_items
             if _ROUTE_RANK.get(i.route, 0) >= _ROUTE_RANK[Route.EPIDURAL]]
    if not moved or any(d in old_drugs for _, d, _ in moved):
        return []
    parenteral = [r for r, rank in _ROUTE_RANK.items() if rank == 1]
    rises: list[tuple[float, str, float, float]] = []
    for table_id in tables:
        old = scheduled_ome(k, table_id, before_items)
        table = k.conversion_table(table_id)
        if old is None or old[1] <= 0:
            continue
        new = 0.0
        for item, drug, mg in after_items:
            steps = _ROUTE_RANK.get(item.route, 0) - 1
            systemic = mg * spinal.threshold ** steps if steps > 0 else mg
            routes = parenteral if steps > 0 else [item.route]
            factors = [f for r in routes
                       if (f := table.lookup(drug, r, None, systemic)) is not None]
            if not factors:
                break
            new += min(f.unit.from_canonical(systemic) * f.bounds[0] for f in factors)
        else:
            rises.append((new / old[1], table_id, old[1], new))
    if not rises:
        return []
    rise, table_id, old_ome, new_ome = min(rises)
    if rise <= 1 + _TOLERANCE:
        return []
    shown = ", ".join(f"{i} ≈ {significant(mg * spinal.threshold ** (_ROUTE_RANK[i.route] - 1), 4)}"
                      " mg/day parenteral" for i, _, mg in moved)
    return [_ruled(k, "opioid-route-change", (
        f"a switch to {', '.join(sorted({d for _, d, _ in moved}))} by a neuraxial route "
        f"({shown}, each neuraxial step read at {spinal.threshold:g}:1, the most lenient "
        f"reading of the route ratios): ≈ {significant(new_ome, 4)} mg OME/day against the "
        f"previous {significant(old_ome, 4)} mg OME/day, {significant(rise, 3)} times it even "
        f"under the most lenient of the rotation tables that cover both ({table_id}); no "
        "conversion table has a neuraxial factor, so this reads the new day at least as strong as "
        "the published ratios allow"), rule=spinal)]


def _neuraxial_excess(k: Knowledge, drug: str, old_routes: set[Route], top: int, route: Route,
                      old_mg: float, new_mg: float, unit: str, *,
                      kept: float = 0.0) -> list[Finding]:
    """A move to an epidural or intrathecal route whose mg is reduced, but by less than the
    published route ratios: above the equivalent of the old dose even at their most lenient
    reading. Each step of :data:`_ROUTE_RANK` is read at its rule's ratio: enteral to parenteral
    at ``opioid-route-change`` (2, the smaller of the published 2-3), each neuraxial step at
    ``opioid-route-change-neuraxial`` (10: IV 100 : epidural 10 : intrathecal 1), so oral
    morphine 60 mg/day is at most 0.3 mg/day intrathecally (Krames' 300:1 would say 0.2).

    ``kept`` [mg/day]: the part of the old day that stays by the old routes (an epidural started
    and the oral day halved): then ``old_mg`` is the part moved (the old day less what is kept)
    and ``new_mg`` the neuraxial day that replaces it, so a planned partial move is read as what
    it is, not as the whole day moved to the stronger route (issue 13 round 177)."""
    systemic = _rule(k, "opioid-route-change", threshold=True)
    spinal = _rule(k, "opioid-route-change-neuraxial", threshold=True)
    assert systemic.threshold is not None and spinal.threshold is not None
    ratio = 1.0
    for rank in range(top, _ROUTE_RANK[route]):
        ratio *= systemic.threshold if rank == 0 else spinal.threshold
    allowed = old_mg / ratio
    if new_mg <= allowed * (1 + _TOLERANCE):
        return []
    part = (f" (the part moved; the other {significant(kept, 4)} {unit} stays by the same route)"
            if kept > 0 else "")
    return [_ruled(k, "opioid-route-change", (
        f"{drug} from {'/'.join(sorted(r.value for r in old_routes))} "
        f"{significant(old_mg, 4)} {unit} to {route.value} {significant(new_mg, 4)} {unit}"
        f"{part}: {significant(new_mg / allowed, 3)} times the {significant(allowed, 3)} {unit} the route "
        f"ratios give at their most lenient reading (oral to parenteral "
        f"{systemic.threshold:g}:1, each neuraxial step {spinal.threshold:g}:1: "
        f"{significant(ratio, 4)}:1 in all)"), rule=spinal)]


def _titration(k: Knowledge, readings: _Readings, chosen: str, *,
               surveillance: bool = False,
               before_items: Sequence[tuple[Item, str, float]] = (),
               after_items: Sequence[tuple[Item, str, float]] = (),
               market: str | None = None, chosen_by_user: bool = False) -> list[Finding]:
    """The same opioids raised beyond the published titration step, in equivalents.

    One product raised within its own label's increment (:func:`label_titration_step`: Belbuca
    150 micrograms every 12 hours) is information naming the label, whatever its percentage.

    A route change of the same opioid (oral hydromorphone 12 mg/day to SC 6 mg/24 h) is read
    through each table's oral and parenteral factors, and the rotation tables disagree on them
    (hydromorphone oral:parenteral 2:1 in the Scottish guidelines, 5:1 in PDQ): where one rotation
    table reads the change as no rise at all, the change is a conversion at that table's published
    ratio and is information naming both readings, the most cautious one's rise included (as a
    switch that another table reads as reduced: :func:`_reduced_elsewhere`) — unless the table the
    user chose with ``--table`` reads it beyond the step, which stays a warning. A change that
    every rotation table reads as a rise (oral morphine 60 mg/day to SC 45 mg/24 h: +50% at the
    Scottish 2:1, +125% at PDQ's 3:1) stays a warning: it cannot be told from a conversion at the
    most lenient ratio plus a full step. Surveillance tables are not weighed so, nor a rise by the
    same routes (every table reads it alike)."""
    step = _rule(k, "opioid-titration-step", threshold=True)
    assert step.threshold is not None
    rises = [(t, b, a, a[0] / b[0]) for t, (b, a) in readings.items()]
    table_id, before, after, worst = max(rises, key=lambda r: r[3])
    if worst <= 1 + step.threshold / 100 + _TOLERANCE:
        return []
    how = ("" if table_id == chosen and not surveillance
           else f", the most cautious of {', '.join(readings)}")
    if len(before_items) == 1 and len(after_items) == 1:
        label = label_titration_step(before_items[0][0], after_items[0][0], market, knowledge=k)
        if label is not None:
            parts = [] if label.per_dose is None else [f"{significant(label.per_dose, 4)} mg a dose"]
            if label.per_day is not None:
                parts.append(label.describe_day())
            increment = " and ".join(parts)
            was, now = (before_items[0][0].schedule.interval_h,
                        after_items[0][0].schedule.interval_h)
            if was is not None and now is not None and abs(was - now) > _TOLERANCE:
                increment += (f"; from every {significant(was, 3)} h to the label's every "
                              f"{significant(now, 3)} h, the previous day read as doses at that "
                              "interval")
            whose, followed, borrowed, lent = _increment_words(k, label, market)
            return [Finding(Severity.INFO, "opioid-titration-step", (
                f"the opioids rise from OME {_range_text(before)} to {_range_text(after)} "
                f"mg/day (+{significant((worst - 1) * 100, 3)}% by {table_id}{how}), beyond the "
                f"{step.threshold:g}% step, but within {whose} "
                f"({increment}; {after_items[0][0].drug.name} {after_items[0][0].route.value}"
                f"{f' {label.release}' if label.release else ''}): the {followed} is "
                f"followed{lent}"),
                " ; ".join(dict.fromkeys(
                    [label.source, *(r.source for r in k.opioid_ranges
                                     if r.check == "titration-step" and r.market in borrowed
                                     and r.drug == label.drug and r.routes == label.routes
                                     and r.release == label.release
                                     and r.interval_h == label.interval_h)]))
                + f" ; also: {step.source}")]
    unraised = [t for t, (b, a) in readings.items() if a[0] / b[0] <= 1 + _TOLERANCE]
    if (unraised and not surveillance and _route_changed(before_items, after_items)
            and not (chosen_by_user and chosen not in unraised)):
        less = "; ".join(f"{t}: OME {_range_text(b)} to {_range_text(a)} mg/day "
                         f"({_signed_percent(a[0] / b[0])})"
                         for t in unraised for b, a in [readings[t]])
        titles = "; ".join(k.conversion_tables[t].title for t in unraised)
        return [Finding(Severity.INFO, "opioid-titration-step", (
            f"the opioids rise from OME {_range_text(before)} to {_range_text(after)} mg/day "
            f"(+{significant((worst - 1) * 100, 3)}% by {table_id}{how}), beyond the "
            f"{step.threshold:g}% step, but no rise under another rotation table ({less}). The "
            "route change of the same opioid is read through each table's route factors, and "
            "the rotation tables disagree on them; the change is a conversion at a published "
            f"ratio, so this is information, not a warning. {step.statement}"),
            f"{titles} ; also: {step.source}")]
    return [_ruled(k, "opioid-titration-step", (
        f"the opioids rise from OME {_range_text(before)} to {_range_text(after)} mg/day "
        f"(+{significant((worst - 1) * 100, 3)}% by {table_id}{how}), beyond the "
        f"{step.threshold:g}% step"), rule=step)]


def _signed_percent(ratio: float) -> str:
    """A ratio of new to old as a signed change: 1.0 -> '+0%', 0.8 -> '-20%'."""
    change = (ratio - 1) * 100
    return f"{'+' if change >= 0 else '-'}{significant(abs(change), 3)}%"


def _route_changed(before_items: Sequence[tuple[Item, str, float]],
                   after_items: Sequence[tuple[Item, str, float]]) -> bool:
    """Whether an opioid kept from the old regimen to the new is given by other routes."""
    def routes(items: Sequence[tuple[Item, str, float]], drug: str) -> set[Route]:
        return {item.route for item, d, _ in items if d == drug}
    kept = {d for _, d, _ in before_items} & {d for _, d, _ in after_items}
    return any(routes(before_items, d) != routes(after_items, d) for d in kept)


def _increment_words(k: Knowledge, label: OpioidRange, market: str | None
                     ) -> tuple[str, str, list[str], str]:
    """How a titration-step row followed is named: whose increment ("the product label's own
    increment", or "the guideline's increment for the product" for a row of basis
    ``guideline``: eTG's weekly 10 mg of once-daily morphine for breathlessness, a published
    methadone start protocol), what is followed (label or guideline), the markets it is
    borrowed from, and the words saying so (empty where the chosen market's own row judged)."""
    guideline = label.basis == "guideline"
    whose = ("the guideline's increment for the product" if guideline
             else "the product label's own increment")
    followed = "guideline" if guideline else "label"
    borrowed = borrowed_titration_markets(label, market, knowledge=k)
    lent = ("" if not borrowed or market is None else
            f" (borrowed: no {market.upper()} {followed} increment for the product is "
            f"shipped; the rise is within the increment of each of the "
            f"{', '.join(m.upper() for m in borrowed)} {followed}s)")
    return whose, followed, borrowed, lent


def _methadone_step(k: Knowledge, before_items: Sequence[tuple[Item, str, float]],
                    after_items: Sequence[tuple[Item, str, float]],
                    market: str | None = None) -> list[Finding]:
    """Methadone raised beyond the titration step, in mg of methadone: its conversion factors
    rise with the daily dose, so the rise in equivalents is larger than the rise in mg.

    One methadone item raised within a published increment in mg (a ``titration-step`` row of
    ``opioid_dose_ranges.csv``, :func:`label_titration_step`: a start protocol's 2.5 mg a dose
    every 8 or 12 hours, weekly) is information naming its source, whatever its percentage (2.5
    to 5 mg a dose is +100%); a larger rise stays a warning."""
    step = _rule(k, "opioid-titration-step", threshold=True)
    assert step.threshold is not None
    old_mg = sum(mg for _, d, mg in before_items if d == "methadone")
    new_mg = sum(mg for _, d, mg in after_items if d == "methadone")
    if old_mg <= 0 or new_mg <= old_mg * (1 + step.threshold / 100 + _TOLERANCE):
        return []
    rise = (f"methadone rises from {significant(old_mg, 4)} to {significant(new_mg, 4)} mg/day "
            f"(+{significant((new_mg / old_mg - 1) * 100, 3)}% in mg of methadone, whose "
            "conversion factors rise with the dose: the rise in equivalents is larger), beyond "
            f"the {step.threshold:g}% step")
    if len(before_items) == 1 and len(after_items) == 1:
        before, after = before_items[0][0], after_items[0][0]
        label = label_titration_step(before, after, market, knowledge=k)
        if label is not None and label.per_dose is not None:
            whose, followed, _, lent = _increment_words(k, label, market)
            every = ("" if label.interval_h is None
                     else f" every {significant(label.interval_h, 3)} h")
            return [Finding(Severity.INFO, "opioid-titration-step", (
                f"{rise}, but within {whose} ({significant(label.per_dose, 4)} mg a dose{every}; "
                f"methadone {after.route.value}): the {followed} is followed{lent}"),
                f"{label.source} ; also: {step.source}")]
    return [_ruled(k, "opioid-titration-step", rise, rule=step)]


def _own_unit_step(k: Knowledge, before_items: Sequence[tuple[Item, str, float]],
                   after_items: Sequence[tuple[Item, str, float]]) -> list[Finding]:
    """The same opioid by the same route and release raised beyond the titration step, judged
    in the drug's own daily amount where no conversion table gives equivalents for it.

    The titration step (``opioid-titration-step``: 25-50% a step, 30-50% in palliative
    titration) is a rise in the patient's opioid dose; equivalents are only the means of adding
    different opioids. Where one drug by one route (intrathecal morphine, which no table
    converts) is raised, the rise in its own mg a day is the rise in dose, as
    :func:`_methadone_step` judges methadone in mg of methadone."""
    step = _rule(k, "opioid-titration-step", threshold=True)
    assert step.threshold is not None
    found: list[Finding] = []
    keys = sorted({(d, i.route, _release(i)) for i, d, _ in before_items}
                  & {(d, i.route, _release(i)) for i, d, _ in after_items},
                  key=lambda key: (key[0], key[1].value, key[2]))
    def amount(items: Sequence[tuple[Item, str, float]], key: tuple[str, Route, str]) -> float:
        return sum(mg for i, d, mg in items if (d, i.route, _release(i)) == key)

    for drug, route, release in keys:
        old_mg = amount(before_items, (drug, route, release))
        new_mg = amount(after_items, (drug, route, release))
        if old_mg <= 0 or new_mg <= old_mg * (1 + step.threshold / 100 + _TOLERANCE):
            continue
        named = f"{drug} {route.value}{f' {release}' if release else ''}"
        factored = any(table.lookup(drug, route) is not None
                       for table in k.conversion_tables.values())
        why = ("no conversion table has a factor for every opioid of both regimens" if factored
               else f"no conversion table gives equivalents for {drug} by the {route.value} "
               "route")
        found.append(_ruled(k, "opioid-titration-step", (
            f"{named} rises from {significant(old_mg, 4)} to {significant(new_mg, 4)} mg/day "
            f"(+{significant((new_mg / old_mg - 1) * 100, 3)}% in mg of {drug}), beyond the "
            f"{step.threshold:g}% step: judged in the drug's own daily amount, since {why}"),
            rule=step))
    return found


def _route_factors(k: Knowledge, drug: str, old: Route, new: Route, chosen: str) -> str:
    """`` (spcg: oral 2, sc 4 mg OME per mg: × 2)`` where a table has both factors."""
    for table_id in switch_tables(k, chosen):
        table = k.conversion_table(table_id)
        before, after = table.lookup(drug, old), table.lookup(drug, new)
        if before is not None and after is not None and before.unit == after.unit:
            ratio = (after.bounds[0] / before.bounds[1], after.bounds[1] / before.bounds[0])
            return (f" ({table_id}: {old.value} {before.describe()}, {new.value} "
                    f"{after.describe()}: × {_range_text(ratio)})")
    return ""


def _patch_rate(items: Sequence[Item]) -> float:
    """The fentanyl patches' release rate [mcg/h]."""
    return sum(item.daily() or 0.0 for item in items if item.drug.name == "fentanyl"
               and item.route is Route.TRANSDERMAL) * 1000 / 24


def _market_low_patch(k: Knowledge, items: Sequence[Item], old_bounds: tuple[float, float],
                      market: str | None, table: str = "") -> Finding | None:
    """Information where the chosen market's own guidance gives the first patch for the previous
    oral morphine equivalent (``patch_low_start`` in ``market_rules.csv``), or None.

    The US label contraindicates a fentanyl patch below 60 mg OME/day; the UK label allows the
    lowest strength (12 mcg/h) even where a patient is not yet opioid-tolerant, and UK patch
    tables give 12 mcg/h for 30-60 mg/day of oral morphine. Where the market has such a row, the
    patch is no stronger than its value and the previous OME (its low reading) is in its band,
    the start follows that market's label and tables: the US contraindication and the US table's
    first dose are not that market's rule.
    """
    if market is None:
        return None
    rate = _patch_rate(items)
    for row in k.market_rules.of(market, "patch_low_start"):
        if _patch_start_allows(row, rate, old_bounds):
            assert row.value is not None
            return Finding(Severity.INFO, "fentanyl-patch-low-ome", (
                f"a first fentanyl patch of {significant(rate, 4)} mcg/h from OME "
                f"{_range_text(old_bounds)} mg/day{_by_table(table)}: below the US label's 60 "
                "mg/day of opioid "
                f"tolerance, but the {market.upper()} label and tables give "
                f"{significant(row.value, 4)} mcg/h for "
                f"{row.band.format('mg/day OME')} ({row.product}): {row.statement}"),
                row.source)
    return _market_patch_table_start(k, rate, old_bounds, market, table)


def _by_table(table: str) -> str:
    """`` (by spcg)``: the conversion table the previous oral morphine equivalent was read by,
    where one is named (the tables disagree: oral oxycodone is 2 mg OME per mg in the Scottish
    guidelines, 1.5 in ANZCA's and the CDC's)."""
    return f" (by {table})" if table else ""


def _patch_start_allows(row: MarketRule, rate: float, old_bounds: tuple[float, float]) -> bool:
    """Whether a market's ``patch_low_start`` row gives a first fentanyl patch of ``rate``
    [mcg/h] for the previous oral morphine equivalent (its low reading in the row's band)."""
    return bool(row.matches("fentanyl", Route.TRANSDERMAL) and row.value is not None
                and rate <= row.value * (1 + _TOLERANCE) and row.band.contains(old_bounds[0]))


def _borrowed_low_patch(k: Knowledge, items: Sequence[Item], old_bounds: tuple[float, float],
                        market: str | None, table: str = "") -> Finding | None:
    """A warning, not the US contraindication's error, where the chosen market has no patch
    start of its own (no ``patch_low_start`` or ``patch_table`` row: AU, NZ) and another
    market's label allows this first patch for the previous oral morphine equivalent (the UK and
    EU labels: 12 mcg/h below 45-60 mg/day); or None.

    The 60 mg/day of opioid tolerance is the US label's. In a market whose own label is not
    shipped it is borrowed, and a borrowed error counts only as a warning where another market's
    label gives the start (as for doses borrowed across markets): the finding names both and
    asks to confirm the tolerance and the market's own label. With no market chosen, or in the
    US, the error stands.
    """
    if market is None or market == "us" or k.market_rules.of(market, "patch_low_start") \
            or market_table(market, "patch_table", k, "fentanyl") is not None:
        return None
    rate = _patch_rate(items)
    allowing = [row for row in k.market_rules.rows if row.rule == "patch_low_start"
                and row.market != market and _patch_start_allows(row, rate, old_bounds)]
    if not allowing:
        return None
    rule = _rule(k, "fentanyl-patch-naive", threshold=True)
    labels = "; ".join(f"the {row.market.upper()} label gives {significant(row.value, 4)} mcg/h "
                       f"for {row.band.format('mg/day OME')} ({row.product})"
                       for row in allowing if row.value is not None)
    return Finding(Severity.WARNING, "fentanyl-patch-low-ome", (
        f"a first fentanyl patch of {significant(rate, 4)} mcg/h from OME "
        f"{_range_text(old_bounds)} mg/day{_by_table(table)}: below the US label's "
        f"{rule.threshold:g} mg/day of "
        f"opioid tolerance, under which it contraindicates the patch; {labels}. No "
        f"{market.upper()} patch start is shipped, so the US rule is borrowed and counts as a "
        f"warning, not an error: confirm the patient's opioid tolerance and the "
        f"{market.upper()} label"),
        " ; also: ".join([rule.source, *(row.source for row in allowing)]))


def _market_patch_table_start(k: Knowledge, rate: float, old_bounds: tuple[float, float],
                              market: str, table: str = "") -> Finding | None:
    """Information where the chosen market's own fentanyl patch table (its ``patch_table`` row
    in ``market_rules.csv``, e.g. the Japanese Fentos insert) gives a patch at least this strong
    for the previous oral morphine equivalent at its lowest reading, or None.

    A market whose label switches to its patch from a lower daily dose than the US label's 60
    mg/day (the Fentos insert from below 16 mg/day of oral morphine) is judged by that label: the
    US contraindication and the US table's first dose are not its rule. The table is read in its
    oral morphine column, at the previous equivalent's lowest reading, the cautious side.
    """
    own = market_table(market, "patch_table", k, "fentanyl")
    if own is None or not own.table:
        return None
    bands = [b for b in k.patch_bands if b.table == own.table and b.drug == "fentanyl"
             and b.direction == "to_patch" and b.from_drug == "morphine"
             and b.from_route is Route.ORAL and b.band.contains(old_bounds[0])]
    if not bands:
        return None
    allowed = min(b.patch_mcg_h for b in bands)
    if rate > allowed * (1 + _TOLERANCE):
        return None
    return Finding(Severity.INFO, "fentanyl-patch-low-ome", (
        f"a first fentanyl patch of {significant(rate, 4)} mcg/h from OME "
        f"{_range_text(old_bounds)} mg/day{_by_table(table)}: below the US label's 60 mg/day "
        "of opioid tolerance, "
        f"but the {market.upper()} label's switching table ({own.product}, {own.table}) gives "
        f"{significant(allowed, 4)} mcg/h for {bands[0].band.format('mg/day')} of oral morphine"),
        bands[0].source)


def _first_patch(k: Knowledge, items: Sequence[Item], ome: float) -> list[Finding]:
    """A first fentanyl patch stronger than the label's table gives for the previous OME."""
    bands = sorted((b for b in k.patch_bands if b.table == "duragesic-us"
                    and b.from_drug == "morphine" and b.from_route is Route.ORAL),
                   key=lambda b: b.from_min)
    if not bands:  # knowledge without the Duragesic table: nothing to judge the first patch by
        return []
    reached = [b for b in bands if ome >= b.from_min]
    allowed = reached[-1].patch_mcg_h if reached else 0.0
    rate = _patch_rate(items)
    if rate <= allowed + 1e-9:
        return []
    if not reached:  # below the table's first band: the table gives no patch at all
        return [Finding(Severity.WARNING, "fentanyl-patch-first-dose", (
            f"a first fentanyl patch of {significant(rate, 4)} mcg/h from a previous oral "
            f"morphine equivalent of {significant(ome, 4)} mg/day: the Duragesic table gives its "
            f"first patch, {significant(bands[0].patch_mcg_h, 4)} mcg/h, from "
            f"{significant(bands[0].from_min, 4)} mg/day"), bands[0].source)]
    return [Finding(Severity.WARNING, "fentanyl-patch-first-dose",
                    f"a first fentanyl patch of {significant(rate, 4)} mcg/h is above the "
                    f"{significant(allowed, 4)} mcg/h the Duragesic table gives for the previous oral "
                    f"morphine equivalent of {significant(ome, 4)} mg/day", reached[-1].source)]


@checked
def check(
    regimen: Regimen | Iterable[Item],
    patient: Patient | None = None,
    *,
    previous: Regimen | Iterable[Item] | None = None,
    table: str | None = None,
    threshold_context: str | None = None,
    market: str | None = None,
    allow_unlisted: bool = False,
    knowledge: Knowledge | None = None,
) -> list[Finding]:
    """Safety findings for a regimen and a patient, most severe first.

    Parameters
    ----------
    regimen
        Items, or a regimen (whose patient is used when ``patient`` is None).
    patient
        Age, weight, CrCl, hepatic function, opioid tolerance, conditions, care setting; nothing
        is assumed (a check that needs what is not given says so, once).
    previous
        The regimen being switched from, to check the switch itself.
    table
        The conversion table for OME: the switch is judged in it (and under the most cautious
        rotation table); a rotation table is read first for the dose ranges.
    threshold_context
        A context of ``data/ome_thresholds.csv`` to report the OME against.
    market
        ``us``, ``uk``, ``eu``, ``jp``, ``au``, ``nz``: keep that market's labels (limits,
        starting doses, rescue share). None: every market's, where a dose within one market's
        label but above another's is a warning or information naming both. The market's own
        label rules of ``data/market_rules.csv`` are checked too (``jp``: the Japanese package
        inserts).
    allow_unlisted
        Check a regimen that holds items of drugs the catalogue does not know (parsed with
        ``allow_unlisted=True``): each such item must be a medicine the knowledge knows besides
        the catalogue (``other_drug_names.csv``, ``drug_vocabulary.csv``); it is kept out of
        every rule (nothing about it is checked) and named by one ``not-in-catalogue``
        warning. False (the default): such items are passed to the rules, which judge only
        catalogue drugs, and each is still named by a ``not-in-catalogue`` warning (a name that
        is no known medicine too, as such), never passed over in silence.
    knowledge
        Where limits, rules and tables come from (default: the shipped data).

    Returns
    -------
    list of Finding
        Dose limits (with age, weight, CrCl, hepatic function, risk factors), opioid dose ranges,
        duplications, risky combinations, rescue doses, OME thresholds and the switch; a check
        that needs context not given says so (info) instead of guessing.

    Raises
    ------
    UnknownTableError
        An unknown table id or threshold context.
    UnknownDrugError
        With ``allow_unlisted``: an unlisted item (of the regimen or of ``previous``) whose
        name is no known medicine (a misspelling, "oxycodon"), with the nearest catalogue names.

    References
    ----------
    .. [1] Every limit, range and rule is a row of ``data/dose_limits.csv``,
       ``data/opioid_dose_ranges.csv`` or ``data/safety_rules.csv`` with its source (labels,
       guidelines, the AGS Beers Criteria); each finding carries the source of the row that made
       it (and of a row that disagrees, where one does).

    Examples
    --------
    >>> import mpsdose
    >>> regimen = mpsdose.Regimen.parse(["acetaminophen 1 g po qid"])
    >>> [(f.code, f.severity.value) for f in mpsdose.check(regimen, mpsdose.Patient(age=60))
    ...  if f.code.startswith("acetaminophen")]
    [('acetaminophen-at-max', 'info')]
    >>> drunk = mpsdose.Patient(age=60, conditions=["alcoholism"])
    >>> [f.code for f in mpsdose.check(regimen, drunk) if f.severity.value != "info"]
    ['acetaminophen-above-max']
    """
    k = resolve(knowledge)
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    if patient is None:
        patient = regimen.patient if isinstance(regimen, Regimen) else Patient()
    found: list[Finding] = []
    if not items:
        # an empty regimen: its silence would read as a clean check (audit finding 14)
        empty = _rule(k, "nothing-checked")
        found.append(Finding(empty.severity, "nothing-checked",
                             "no items (an empty regimen): nothing was checked", empty.source))
    before = (None if previous is None
              else previous.items if isinstance(previous, Regimen) else tuple(previous))
    # with every item, the unlisted too: one of them may be the laxative
    laxative = _opioid_no_laxative(k, items)
    if allow_unlisted:
        found.extend(_not_in_catalogue(k, items))
        _not_in_catalogue(k, before or ())  # refuses a name that is no medicine, says nothing
        items = tuple(item for item in items if item.listed)
        if before is not None:
            before = tuple(item for item in before if item.listed)
            previous = Regimen(before)
    else:  # a regimen parsed with unlisted items elsewhere: never silent about them
        found.extend(_not_in_catalogue(k, items, refuse=False))
    limits = _limit_findings(k, items, patient, market)
    found.extend(limits)
    # a patient recorded as not tolerant whose previous regimen schedules an opioid
    prior = previous_opioids(before, knowledge=k) if patient.opioid_tolerant is False else None
    found.extend(_interaction_findings(k, items, patient, limits, market, before, prior,
                                       laxative))
    found.extend(opioid_range_findings(items, patient, market=market, table=table,
                                       previous=before, knowledge=k))
    found.extend(check_rescue(items, market=market, table=table, previous=previous,
                              patient=patient, knowledge=k))
    ranged = _rule(k, "dose-range")
    for f in total_findings(daily_totals(Regimen(tuple(items)))):
        if f.code == "dose-unknown":
            found.append(f)
        elif f.code == "dose-range":  # said as check's rule says it, with its source
            found.append(attrs.evolve(f, severity=ranged.severity, source=ranged.source))
    if threshold_context is not None and any(i.listed and i.drug.is_opioid for i in items):
        ome = oral_morphine_equivalent(items, table, threshold_context=threshold_context,
                                       knowledge=k)
        found.extend(f for f in ome.findings if f.code.startswith("ome-threshold"))
    if before is not None:
        found.extend(_switch_findings(k, items, before, patient, table, market))
        found.extend(titration_step_findings(items, before, market, knowledge=k))
    found.extend(_patch_changed_early(k, items, market))
    found.extend(_modified_release_orders(k, items, market))
    found.extend(_same_drug_two_names(k, items))
    found.extend(_above_label_initial_dose(k, items, before, patient, market, prior))
    found.extend(market_findings(items, patient, market, k, previous=previous))
    found.extend(_unjudged_doses(k, items, patient, market))
    unique = _fold(list(dict.fromkeys(found)))
    return sorted(unique, key=lambda f: -f.severity.rank)


def _not_in_catalogue(k: Knowledge, items: Iterable[Item], *,
                      refuse: bool = True) -> list[Finding]:
    """One ``not-in-catalogue`` warning for each item of a drug the catalogue does not know
    that the knowledge knows as a medicine (``other_drug_names.csv``, ``drug_vocabulary.csv``):
    nothing about it was checked, and "0 warnings" must not say it was. A name that is no known
    medicine is refused (UnknownDrugError with the nearest names): keeping it would turn a
    misspelt catalogue drug ("oxycodon") into an item nobody checks. With ``refuse=False`` (a
    regimen a caller parsed with its unlisted items and passed to :func:`check` without
    ``allow_unlisted``) such a name is warned about as no medicine mpsdose knows instead."""
    found: list[Finding] = []
    for item in items:
        if item.listed:
            continue
        named: list[str] = []
        sources: list[str] = []
        for drug in item.drugs:
            if drug.listed:
                continue
            other = k.medicine(drug.name)
            if other is None:
                if refuse:
                    raise k.unknown_drug(drug.name, text=item.text or str(item))
                named.append(f"{drug.name}, no medicine mpsdose knows (a misspelling?)")
                continue
            label = drug.name if other.name == drug.name else f"{drug.name} ({other.name})"
            named.append(f"{label}, named as a medicine by {short_source(other.source)}")
            sources.append(other.source)
        rule = _rule(k, "not-in-catalogue")
        written = item.text or str(item)
        found.append(Finding(rule.severity, "not-in-catalogue", (
            f"{written!r}: {'; '.join(named)}: not in mpsdose's catalogue, kept unchecked. "
            f"{rule.statement}"),
            "; ".join(dict.fromkeys((rule.source, *sources))), item=str(item)))
    return found


#: Findings that repeat what a more specific finding about the same thing says, each with the
#: codes that say it better: a rescue above the market's label share is not also above the
#: guideline's share, a benzodiazepine with an opioid at 78 is one problem, not two (Beers and
#: the boxed warning), a dose read as a unit slip is not also "above the usual range". Alert
#: fatigue makes people skip the warning that matters, so the repeat is kept as information
#: naming the finding that raised it: its reason and source stay, its count does not.
FOLDS: dict[str, tuple[str, ...]] = {
    "opioid-above-usual": ("opioid-implausible-dose",),
    "opioid-naive-start": ("opioid-tolerant-only",),
    "opioid-benzodiazepine": ("opioid-benzodiazepine-older",),
    "opioid-gabapentinoid": ("opioid-gabapentinoid-older",),
    "rescue-share": ("rescue-share-jp-label",),
    "antipsychotic-above-usual": ("haloperidol-above-max",),
    "fentanyl-patch-first-dose": ("fentanyl-patch-low-ome",),
}


def _fold(found: list[Finding]) -> list[Finding]:
    """The findings with each repeat of ``FOLDS`` made information: a warning or error is
    folded into a finding of a code that says it better, at least as severe, about the same item
    (or about the regimen as a whole)."""
    def says_better(other: Finding, finding: Finding) -> bool:
        return (other.code in FOLDS.get(finding.code, ())
                and other.severity.rank >= finding.severity.rank
                and (None in (finding.item, other.item) or finding.item == other.item))

    folded: list[Finding] = []
    for finding in found:
        better = (None if finding.severity is Severity.INFO
                  else next((other for other in found if says_better(other, finding)), None))
        if better is not None:
            finding = attrs.evolve(finding, severity=Severity.INFO, message=(
                f"{finding.message} (a {finding.severity.value} said by {better.code} above, as "
                f"{better.severity.value}: not raised twice)"))
        folded.append(finding)
    return folded


def _gives_a_dose(row: DoseLimit) -> bool:
    """Whether a row gives a dose maximum (not only a duration, as the 5 days of metoclopramide)."""
    return any(v is not None for v in (row.max_single_mg, row.max_single_mg_per_kg,
                                       row.max_daily_mg, row.max_daily_mg_per_kg))


def _gives_a_duration(row: DoseLimit) -> bool:
    """Whether a row gives a maximum number of days (the 5 days of metoclopramide)."""
    return row.max_days is not None


def _unjudged_doses(k: Knowledge, items: Sequence[Item], patient: Patient,
                    market: str | None) -> list[Finding]:
    """The drugs (not opioids, which have their own ``opioid-dose-range-not-checked``) whose dose
    no row of the knowledge judges by the route given: no maximum in ``dose_limits.csv`` (of any
    market: another market's general maximum judges where the chosen one has none, see
    ``_risk_rows_elsewhere``), no usual range in ``usual_ranges.csv``, no
    dexamethasone equivalent for a corticosteroid. Said once, as information: "0 warnings" is a
    claim that the doses were checked, and these were not. So, apart
    (``single-dose-not-checked``), is a stat or as-needed dose whose only judge is a usual day
    (``usual_ranges.csv``): within the day it may still be far above any one dose given.
    """
    steroids = k.steroid_tables[0].doses if k.steroid_tables else {}
    unjudged: list[str] = []
    by_the_day: list[str] = []
    for item in items:
        if not (item.listed and item.dose_known):
            continue
        plaster = _by_the_plaster(item)  # measured by no maximum (see _limit_findings)
        for drug in item.drugs:
            name, route = drug.name, item.route
            if drug.is_opioid or (drug.drug_class == "corticosteroid" and name in steroids
                                  and "dexamethasone" in steroids):
                continue
            if not plaster and any(r.drug == name and (r.route is None or r.route is route)
                   and (market is None or r.market in (None, market) or not r.scope)
                   and r.condition != "with_drug"  # beside a partner only: not a general row
                   and r.applies(patient) is not False  # a band the patient is outside
                   and _gives_a_dose(r)  # not a duration only
                   and (r.kinds != {"single"} or item.per_dose() is not None)  # a rate: no dose
                   for r in k.dose_limits):  # another market's general rows apply (warnings)
                continue
            if any(r.drug == name and (r.route is None or r.route is route)
                   and r.applies_in(market) and r.applies_to(patient)
                   for r in k.usual_ranges):
                if _single_or_as_needed(item) and not plaster:
                    by_the_day.append(f"{name} ({route.value})")
                continue
            unjudged.append(f"{name} ({route.value} {item.form})" if plaster
                            else f"{name} ({route.value})")
    found: list[Finding] = []
    if unjudged:
        rule = _rule(k, "dose-not-checked")
        found.append(Finding(Severity.INFO, "dose-not-checked", (
            f"{', '.join(dict.fromkeys(unjudged))}: no maximum dose or usual range for "
            f"the drug and route in the knowledge, so the dose was not checked. "
            f"{rule.statement}"), rule.source))
    if by_the_day:
        rule = _rule(k, "single-dose-not-checked")
        found.append(Finding(Severity.INFO, "single-dose-not-checked", (
            f"{', '.join(dict.fromkeys(by_the_day))}: a single or as-needed dose, and the "
            f"knowledge holds only a usual day for the drug and route (usual_ranges.csv), no "
            f"maximum a dose: the dose itself was not checked, only the day it makes. "
            f"{rule.statement}"), rule.source))
    return found


def _single_or_as_needed(item: Item) -> bool:
    """A stat or as-needed dose with a dose: what a day range alone does not judge by itself."""
    return item.per_dose() is not None and (item.prn or item.schedule.kind is ScheduleKind.ONCE)


@checked
def check_course(course: Course, *, table: str | None = None, market: str | None = None,
                 allow_unlisted: bool = False,
                 knowledge: Knowledge | None = None) -> list[Finding]:
    """Findings across a course: each state, each switch between states, titration intervals.

    Parameters
    ----------
    course
        A course; its patient is used for every state.
    table
        The conversion table the switches between states are judged in (see :func:`check`).
    market
        As for :func:`check`: that market's labels, and its label rules, in every state.
    allow_unlisted
        As for :func:`check`: items of medicines the catalogue does not know are kept out of
        every rule and named (``not-in-catalogue``) in each state.
    knowledge
        Where limits, rules and tables come from (default: the shipped data).

    Returns
    -------
    list of Finding
        Most severe first; each message starts with its state's label (``[titrated] …``).
    """
    k = resolve(knowledge)
    found: list[Finding] = []
    previous: Regimen | None = None
    held = any(state.regimen.items for state in course.states)
    for state in course.states:
        for finding in check(state.regimen, course.patient, previous=previous, table=table,
                             market=market, allow_unlisted=allow_unlisted, knowledge=k):
            if finding.code == "nothing-checked" and held:
                # a state of a course that holds items elsewhere: every drug stopped, a real
                # state of the course, not an empty input (audit)
                finding = _empty_state(k, previous)
            found.append(attrs.evolve(finding, message=f"[{state.label}] {finding.message}"))
        previous = state.regimen
    found.extend(_methadone_titration(k, course))
    return sorted(list(dict.fromkeys(found)), key=lambda f: -f.severity.rank)


def _empty_state(k: Knowledge, previous: Regimen | None) -> Finding:
    """A state of a course with no items, in a course whose other states hold some: information
    (``nothing-checked-state``) naming what the state before it held, so stopped."""
    stopped = sorted({d.name for item in (previous.items if previous else ()) for d in item.drugs})
    text = ("no items: every drug of the previous state is stopped here "
            f"({', '.join(stopped)})" if stopped else "no items in this state")
    return _ruled(k, "nothing-checked-state", text, code="nothing-checked")


def _days_between(before: State, after: State) -> float | None:
    """Days from one state to the next: by ``day``, else by ISO ``date``; None if not known."""
    if before.day is not None and after.day is not None:
        return after.day - before.day
    if before.date and after.date:
        import datetime

        try:
            start = datetime.date.fromisoformat(before.date[:10])
            end = datetime.date.fromisoformat(after.date[:10])
        except ValueError:
            return None
        return float((end - start).days)
    return None


def _methadone_titration(k: Knowledge, course: Course) -> list[Finding]:
    rule = _rule(k, "methadone-titration", threshold=True)
    assert rule.threshold is not None
    found: list[Finding] = []
    for before, after in itertools.pairwise(course.states):
        old, _ = drug_daily(before.regimen.items, "methadone")
        new, _ = drug_daily(after.regimen.items, "methadone")
        if not (old > 0 and new > old):
            continue
        days = _days_between(before, after)
        if days is None:
            found.append(Finding(Severity.INFO, "methadone-titration-not-checked",
                                 f"methadone raised from {significant(old, 4)} to {significant(new, 4)} "
                                 f"mg/day between '{before.label}' and '{after.label}', whose "
                                 "days or dates are not given", rule.source))
        elif days < rule.threshold:
            found.append(_ruled(k, "methadone-titration",
                                f"methadone raised from {significant(old, 4)} to {significant(new, 4)} "
                                f"mg/day after {days:g} days "
                                f"('{before.label}' → '{after.label}')",
                                code="methadone-titration-too-soon", rule=rule))
    return found


@checked
def enforce(regimen: Regimen | Iterable[Item], patient: Patient | None = None,
            **kwargs: object) -> list[Finding]:
    """Like :func:`check`, but raise :class:`SafetyError` when any finding is an error.

    Parameters
    ----------
    regimen
        Items, or a regimen.
    patient
        What is known of the patient.
    **kwargs
        The keyword arguments of :func:`check`.

    Returns
    -------
    list of Finding
        The warnings and infos, where there is no error.

    Raises
    ------
    SafetyError
        Any error-level finding; the findings are in its ``findings``.
    """
    found = check(regimen, patient, **kwargs)  # type: ignore[arg-type]
    if any(f.severity is Severity.ERROR for f in found):
        raise SafetyError(found)
    return found
