"""Safety checks: a regimen and a patient against dose limits, duplications and risky combinations.

``check(regimen, patient)`` returns findings (severity, code, message, source); ``enforce`` raises
:class:`SafetyError` when any is an error. Every limit and rule is data with its source:

- ``data/dose_limits.csv``: maximum single and daily doses, per kg, duration, by age, weight,
  CrCl, hepatic function and dialysis;
- ``data/safety_rules.csv``: the rule behind each interaction check, with its threshold;
- ``data/drug_properties.csv``: serotonergic, QT risk, gastroprotective, renal metabolites,
  respiratory depressant;
- ``data/usual_ranges.csv`` and ``data/corticosteroid_equivalence.csv``.

Where several rows give the same limit from different sources, the **first** is applied and the
others are context. Missing patient context never invents a value: a check that needs CrCl and has
none says so as an ``info`` finding. A proposed switch is checked with ``previous=``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

import attrs

from mpsdose.clinical.dosing import DEFAULT_ROTATION_TABLE
from mpsdose.clinical.equivalence import oral_morphine_equivalent
from mpsdose.clinical.market import market_findings
from mpsdose.clinical.methadone import start_cap
from mpsdose.clinical.rescue import check_rescue
from mpsdose.clinical.totals import daily_totals
from mpsdose.clinical.totals import findings as total_findings
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.knowledge.limits import DoseLimit, SafetyRule
from mpsdose.model.boundary import checked
from mpsdose.model.errors import MpsdoseError
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import Course, Hepatic, Item, Patient, Regimen, State
from mpsdose.model.vocabulary import Route

__all__ = ["SafetyError", "check", "check_course", "enforce"]


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


def _rule(k: Knowledge, check: str, *, threshold: bool = False) -> SafetyRule:
    """The first (default) row of a check in ``safety_rules.csv``; with ``threshold``, the first
    row that gives one."""
    return k.safety_rules.first(check, threshold=threshold)


def _ruled(k: Knowledge, check: str, text: str, *, code: str | None = None,
           rule: SafetyRule | None = None) -> Finding:
    """A finding of a check: what was found, then what its source says, with the source."""
    rule = rule or _rule(k, check)
    return Finding(rule.severity, code or check, f"{text}. {rule.statement}", rule.source)


# -- the checks ---------------------------------------------------------------------------------
def _daily_by_drug(items: Sequence[Item], drug: str, route: Route | None = None,
                   release: str | None = None) -> tuple[float, bool]:
    """(daily mg with PRN at their maximum, complete?) of one drug, over matching items."""
    total, complete = 0.0, True
    for item in items:
        if not item.listed:
            continue
        if route is not None and item.route is not route:
            continue
        if release is not None and (item.release or "ir") != release:
            # a limit for one release applies to items of that release; an item that does not
            # say is immediate release, the form a plain prescription gets
            continue
        for ingredient in item.ingredients:
            if ingredient.drug.name != drug:
                continue
            daily = item.daily(ingredient)
            if daily is None:
                complete = False
            else:
                total += daily
    return total, complete


def _limit_findings(k: Knowledge, items: Sequence[Item], patient: Patient) -> list[Finding]:
    found: list[Finding] = []
    drugs = {d.name for item in items if item.listed for d in item.drugs}
    first: dict[tuple[object, ...], DoseLimit] = {}
    for limit in k.dose_limits:
        if limit.drug in drugs:
            first.setdefault(limit.key, limit)
    unknown_context: dict[tuple[str, str], str] = {}
    measured: list[tuple[Finding, float | None]] = []
    for limit in first.values():
        applies = limit.applies(patient)
        if applies is None:
            unknown_context.setdefault((limit.drug, limit.condition), limit.source)
        elif applies:
            measured.extend(_one_limit(items, limit, patient))
    found.extend(_strictest(measured))
    for (drug, condition), source in sorted(unknown_context.items()):
        what = {"age": "age", "weight_kg": "weight", "crcl_ml_min": "creatinine clearance",
                "hepatic": "hepatic function"}.get(condition, condition)
        found.append(Finding(Severity.INFO, "limit-not-checked",
                             f"{drug}: {what} not given, so its {what} limits were not checked",
                             source))
    return found


def _strictest(measured: list[tuple[Finding, float | None]]) -> list[Finding]:
    """One finding per drug, code and item: the strictest limit that applies.

    Several rows may apply at once (a route-any and a route-specific row, a general and a
    weight-band row, two sources): the pharmacist needs the lowest ceiling that is crossed, and
    an "at maximum" only where no maximum is exceeded.
    """
    best: dict[tuple[str, str | None], tuple[Finding, float | None]] = {}
    for finding, ceiling in measured:
        key = (finding.code, finding.item)
        held = best.get(key)
        if held is None or (ceiling is not None and held[1] is not None and ceiling < held[1]):
            best[key] = (finding, ceiling)
    exceeded = {code.removesuffix("-above-max") for code, _ in best if
                code.endswith("-above-max")}
    return [finding for (code, _), (finding, _) in best.items()
            if not (code.endswith("-at-max") and code.removesuffix("-at-max") in exceeded)]


def _one_limit(items: Sequence[Item], limit: DoseLimit,
               patient: Patient) -> list[tuple[Finding, float | None]]:
    """Findings of one limit row, each with the ceiling it was measured against."""
    found: list[tuple[Finding, float | None]] = []
    drug = limit.drug
    where = f" ({limit.route.value})" if limit.route else ""
    who = limit.describe_condition()
    daily, complete = _daily_by_drug(items, drug, limit.route, limit.release)
    with_prn = " (PRN at their maximum)" if any(
        item.prn for item in items if drug in {d.name for d in item.drugs}) else ""
    ceilings: list[tuple[float, str]] = []
    if limit.max_daily_mg is not None:
        ceilings.append((limit.max_daily_mg, f"{significant(limit.max_daily_mg, 4)} mg/day"))
    if limit.max_daily_mg_per_kg is not None and patient.weight_kg is not None:
        cap = limit.max_daily_mg_per_kg * patient.weight_kg
        ceilings.append((cap, f"{significant(limit.max_daily_mg_per_kg, 4)} mg/kg/day = "
                              f"{significant(cap, 4)} mg/day at {significant(patient.weight_kg, 4)} kg"))
    for ceiling, text in ceilings:
        if ceiling == 0:
            if daily > 0:
                found.append((Finding(Severity.WARNING, f"{drug}-avoid",
                                      f"{drug}{where}: not recommended for {who}", limit.source),
                              0.0))
            continue
        if daily > ceiling * (1 + 1e-9):
            found.append((Finding(
                Severity.ERROR, f"{drug}-above-max",
                f"{drug}{where} {significant(daily, 4)} mg/day{with_prn} is above the maximum "
                f"of {text} for {who}", limit.source), ceiling))
        elif abs(daily - ceiling) <= ceiling * 1e-9:
            found.append((Finding(
                Severity.WARNING, f"{drug}-at-max",
                f"{drug}{where} {significant(daily, 4)} mg/day is at the maximum of {text} for {who}",
                limit.source), ceiling))
        elif not complete:
            found.append((Finding(
                Severity.INFO, f"{drug}-max-not-checked",
                f"{drug}{where}: a PRN maximum or a dose is not known, so the total is at least "
                f"{significant(daily, 4)} mg/day against a maximum of {text}", limit.source), ceiling))
    if limit.max_single_mg is not None:
        for item in items:
            if not item.listed or (limit.route is not None and item.route is not limit.route):
                continue
            for ingredient in item.ingredients:
                if ingredient.drug.name != drug:
                    continue
                dose = item.per_dose(ingredient)
                if dose is not None and dose > limit.max_single_mg * (1 + 1e-9):
                    found.append((Finding(
                        Severity.ERROR, f"{drug}-single-dose-above-max",
                        f"{item}: {significant(dose, 4)} mg a dose is above the maximum single dose of "
                        f"{significant(limit.max_single_mg, 4)} mg for {who}", limit.source,
                        item=str(item)), limit.max_single_mg))
    if limit.max_days is not None:
        for item in items:
            if not item.listed or drug not in {d.name for d in item.drugs}:
                continue
            if limit.route is not None and item.route is not limit.route:
                continue
            if item.duration_days is not None and item.duration_days > limit.max_days:
                found.append((Finding(
                    Severity.ERROR, f"{drug}-duration-above-max",
                    f"{item}: {item.duration_days:g} days is above the maximum of "
                    f"{limit.max_days:g} days", limit.source, item=str(item)), None))
            elif item.duration_days is None:
                found.append((Finding(
                    Severity.INFO, f"{drug}-duration-not-stated",
                    f"{item}: no duration written; {drug}{where} is limited to "
                    f"{limit.max_days:g} days", limit.source, item=str(item)), None))
    return found


def _hepatic_opioids(k: Knowledge, opioids: Sequence[str], patient: Patient) -> list[Finding]:
    """Opioids in hepatic impairment: a warning when severe or moderate, info when mild."""
    names = ", ".join(opioids)
    if patient.hepatic is None:
        return [Finding(Severity.INFO, "hepatic-opioid-not-checked",
                        f"hepatic function not given: {names} in hepatic impairment not checked",
                        _rule(k, "hepatic-opioid").source)]
    if patient.hepatic is Hepatic.SEVERE:
        return [_ruled(k, "hepatic-opioid", f"{names} with severe hepatic impairment")]
    if patient.hepatic is Hepatic.MODERATE:
        return [_ruled(k, "hepatic-opioid-specialist", f"{names} with moderate hepatic impairment",
                       code="hepatic-opioid")]
    if patient.hepatic is Hepatic.MILD:
        return [_ruled(k, "hepatic-opioid-caution",
                       f"{names} with {patient.hepatic.value} hepatic impairment")]
    return []


def _classes(items: Sequence[Item], drug_class: str) -> list[str]:
    return sorted({d.name for item in items if item.listed for d in item.drugs
                   if d.drug_class == drug_class})


def _with_property(k: Knowledge, items: Sequence[Item], name: str) -> list[str]:
    return sorted({d.name for item in items if item.listed for d in item.drugs
                   if k.drug_properties.get(d.name, name) is not None})


_RESPIRATORY = {"copd", "asthma", "sleep-apnoea", "sleep-apnea", "sleep apnoea", "sleep apnea",
                "respiratory-disease", "respiratory disease", "respiratory failure"}


def _interaction_findings(k: Knowledge, items: Sequence[Item], patient: Patient) -> list[Finding]:
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
        rule = _rule(k, "nsaid-renal", threshold=True)
        assert rule.threshold is not None
        if patient.crcl_ml_min is None:
            found.append(Finding(Severity.INFO, "nsaid-renal-not-checked",
                                 "creatinine clearance not given: NSAID in renal impairment not "
                                 "checked", rule.source))
        elif patient.crcl_ml_min < rule.threshold:
            found.append(_ruled(k, "nsaid-renal", f"{', '.join(nsaids)} with CrCl "
                                f"{patient.crcl_ml_min:g} mL/min (< {rule.threshold:g})",
                                rule=rule))
        age_rule = _rule(k, "nsaid-age", threshold=True)
        assert age_rule.threshold is not None
        if patient.age is not None and patient.age >= age_rule.threshold and not protective:
            found.append(_ruled(k, "nsaid-age", f"{', '.join(nsaids)} at age {patient.age:g} "
                                "without gastroprotection", rule=age_rule))
    renal = _with_property(k, items, "renally_cleared_active_metabolite")
    if renal:
        rule = _rule(k, "renal-opioid", threshold=True)
        assert rule.threshold is not None
        if patient.crcl_ml_min is None:
            found.append(Finding(Severity.INFO, "renal-opioid-not-checked",
                                 f"creatinine clearance not given: {', '.join(renal)} in renal "
                                 "impairment not checked", rule.source))
        elif patient.crcl_ml_min < rule.threshold:
            for drug in renal:
                value, source = k.drug_properties.get(drug, "renally_cleared_active_metabolite")  # type: ignore
                # "avoid" or "caution": either needs review (a warning, CONTRACT.md §2)
                found.append(Finding(Severity.WARNING, "renal-opioid",
                                     f"{drug} with CrCl {patient.crcl_ml_min:g} mL/min: {value} "
                                     "(active metabolites accumulate)", source))
    if opioids:
        found.extend(_hepatic_opioids(k, opioids, patient))
    long_acting = _long_acting_opioids(k, items)
    if len(long_acting) > 1:
        found.append(_ruled(k, "two-long-acting-opioids",
                            f"two long-acting opioids: {'; '.join(long_acting)}"))
    benzodiazepines = _classes(items, "benzodiazepine")
    if opioids and benzodiazepines:
        found.append(_ruled(k, "opioid-benzodiazepine",
                            f"{', '.join(opioids)} with {', '.join(benzodiazepines)}"))
    gabapentinoids = _classes(items, "gabapentinoid")
    if opioids and gabapentinoids:
        found.extend(_gabapentinoid(k, opioids, gabapentinoids, benzodiazepines, patient))
    serotonergic = _with_property(k, items, "serotonergic")
    serotonergic_opioids = [d for d in serotonergic if d in opioids]
    others = [d for d in serotonergic if d not in serotonergic_opioids]
    if serotonergic_opioids and others:
        found.append(_ruled(k, "serotonergic", f"{', '.join(serotonergic_opioids)} with "
                            f"{', '.join(others)}: serotonin syndrome risk"))
    if "methadone" in opioids:
        qt = [d for d in _with_property(k, items, "qt_risk") if d != "methadone"]
        if qt:
            found.append(_ruled(k, "methadone-qt", f"methadone with QT-prolonging {', '.join(qt)}"))
    found.extend(_patch_findings(k, items, patient))
    found.extend(_usual_range_findings(k, items))
    found.extend(_steroid_findings(k, items))
    return found


def _long_acting_opioids(k: Knowledge, items: Sequence[Item]) -> list[str]:
    shown = []
    for item in items:
        if not item.listed or item.prn or not item.drug.is_opioid:
            continue
        inherent = k.drug_properties.get(item.drug.name, "long_acting") is not None
        if item.release == "er" or item.route is Route.TRANSDERMAL or inherent:
            shown.append(str(item))
    return shown


def _gabapentinoid(k: Knowledge, opioids: list[str], gabapentinoids: list[str], benzodiazepines: list[str],
                   patient: Patient) -> list[Finding]:
    rule = _rule(k, "opioid-gabapentinoid", threshold=True)
    assert rule.threshold is not None
    risks = []
    if patient.age is not None and patient.age >= rule.threshold:
        risks.append(f"age {patient.age:g}")
    respiratory = sorted(set(patient.conditions) & _RESPIRATORY)
    risks.extend(respiratory)
    if benzodiazepines:
        risks.append(", ".join(benzodiazepines))
    if risks:
        return [_ruled(k, "opioid-gabapentinoid", f"{', '.join(opioids)} with "
                       f"{', '.join(gabapentinoids)} and added respiratory risk "
                       f"({'; '.join(risks)})", rule=rule)]
    if patient.age is None:
        return [Finding(Severity.INFO, "opioid-gabapentinoid-not-checked",
                        f"{', '.join(opioids)} with {', '.join(gabapentinoids)}: age not given, "
                        "so the added risk of older age was not checked", rule.source)]
    return []


def _patch_findings(k: Knowledge, items: Sequence[Item], patient: Patient) -> list[Finding]:
    found: list[Finding] = []
    patches = [i for i in items if i.listed and i.drug.name == "fentanyl"
               and i.route is Route.TRANSDERMAL]
    if not patches:
        return found
    rule = _rule(k, "fentanyl-patch-naive")
    if patient.opioid_tolerant is False:
        found.append(attrs.evolve(_ruled(k, "fentanyl-patch-naive",
                                         f"{patches[0]} in an opioid-naive patient", rule=rule),
                                  item=str(patches[0])))
    elif patient.opioid_tolerant is None:
        found.append(Finding(Severity.INFO, "fentanyl-patch-tolerance-not-checked",
                             "opioid tolerance not given: the fentanyl patch's requirement of "
                             "opioid tolerance was not checked", rule.source))
    return found


def _usual_range_findings(k: Knowledge, items: Sequence[Item]) -> list[Finding]:
    found = []
    ranges = k.usual_ranges
    for drug in sorted({d.name for i in items if i.listed for d in i.drugs
                        if d.drug_class == "antipsychotic"}):
        rows = [r for r in ranges if r.drug == drug]
        if not rows:
            continue
        daily, _ = _daily_by_drug(items, drug)
        top = max(rows, key=lambda r: r.high)
        if daily > top.high * (1 + 1e-9):
            rule = _rule(k, "antipsychotic-palliative-max")
            found.append(Finding(rule.severity if rule.severity is not Severity.ERROR
                                 else Severity.WARNING, "antipsychotic-above-usual",
                                 f"{drug} {significant(daily, 4)} mg/day is above the usual "
                                 f"palliative maximum of {top.high:g} mg/day ({top.indication})",
                                 top.source))
    return found


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
    missing = []
    for drug in steroids:
        daily, _ = _daily_by_drug(items, drug)
        own = equivalents.get(drug)
        if own is None:
            missing.append(drug)
            continue
        low += daily * dexamethasone[0] / own[1]
        high += daily * dexamethasone[1] / own[0]
    total = (significant(low, 3) if math.isclose(low, high)
             else f"{significant(low, 3)}–{significant(high, 3)}")
    found = [Finding(Severity.INFO, "corticosteroid-dexamethasone-equivalent",
                     f"corticosteroids {', '.join(steroids)} ≈ dexamethasone {total} mg/day "
                     f"(table {table})" + (f"; no equivalent for {', '.join(missing)}"
                                           if missing else ""), source)]
    rule = _rule(k, "corticosteroid-dexamethasone-equivalent", threshold=True)
    assert rule.threshold is not None
    if low > rule.threshold:
        found.append(_ruled(k, "corticosteroid-dexamethasone-equivalent",
                            f"dexamethasone equivalent {total} mg/day is above "
                            f"{rule.threshold:g} mg/day", code="corticosteroid-above-usual",
                            rule=rule))
    return found


def _switch_findings(k: Knowledge, items: Sequence[Item], previous: Sequence[Item], patient: Patient,
                     table: str | None) -> list[Finding]:
    """A proposed switch from ``previous`` to ``items``."""
    found: list[Finding] = []
    chosen = table or DEFAULT_ROTATION_TABLE
    before = oral_morphine_equivalent(previous, chosen, knowledge=k)
    after = oral_morphine_equivalent(items, chosen, knowledge=k)
    old = {d.name for i in previous if i.listed for d in i.drugs if d.is_opioid}
    new = {d.name for i in items if i.listed for d in i.drugs if d.is_opioid}
    old_bounds, new_bounds = before.scheduled.bounds, after.scheduled.bounds
    if new - old and old_bounds and new_bounds and new_bounds[0] >= old_bounds[0] * (1 - 1e-9):
        found.append(_ruled(k, "equianalgesic-switch",
                            f"the new opioids ({', '.join(sorted(new - old))}) give OME "
                            f"{after.scheduled.format()}, at or above the unreduced "
                            f"{before.scheduled.format()} of the old ({chosen})"))
    new_patch = any(i.drug.name == "fentanyl" and i.route is Route.TRANSDERMAL for i in items)
    old_patch = any(i.drug.name == "fentanyl" and i.route is Route.TRANSDERMAL for i in previous)
    if new_patch and not old_patch and old_bounds is not None:
        found.extend(_first_patch(k, items, old_bounds[0]))
    if new_patch and not old_patch:
        rule = _rule(k, "fentanyl-patch-naive", threshold=True)
        assert rule.threshold is not None
        if old_bounds is not None and old_bounds[1] < rule.threshold:
            found.append(_ruled(k, "fentanyl-patch-naive",
                                f"a fentanyl patch started from OME {before.scheduled.format()}, "
                                f"below the {rule.threshold:g} mg/day of opioid tolerance",
                                code="fentanyl-patch-low-ome", rule=rule))
    if "methadone" in new and "methadone" not in old:
        cap = start_cap(k)  # flagged above the top of the cap range; planners start at its low end
        daily, _ = _daily_by_drug(items, "methadone")
        if daily > cap.bounds[1] * (1 + 1e-9):
            found.append(Finding(Severity.ERROR, "methadone-start-above-cap",
                                 f"methadone started at {significant(daily, 4)} mg/day, above the "
                                 f"maximum starting dose of {cap.bounds[1]:g} mg/day",
                                 cap.source))
    return found


def _first_patch(k: Knowledge, items: Sequence[Item], ome: float) -> list[Finding]:
    """A first fentanyl patch stronger than the label's table gives for the previous OME."""
    bands = sorted((b for b in k.patch_bands if b.table == "duragesic-us"
                    and b.from_drug == "morphine" and b.from_route is Route.ORAL),
                   key=lambda b: b.from_min)
    reached = [b for b in bands if ome >= b.from_min]
    allowed = reached[-1].patch_mcg_h if reached else 0.0
    rate = sum(item.daily() or 0.0 for item in items if item.drug.name == "fentanyl"
               and item.route is Route.TRANSDERMAL) * 1000 / 24
    if rate <= allowed + 1e-9:
        return []
    source = reached[-1].source if reached else bands[0].source
    return [Finding(Severity.WARNING, "fentanyl-patch-first-dose",
                    f"a first fentanyl patch of {significant(rate, 4)} mcg/h is above the "
                    f"{significant(allowed, 4)} mcg/h the Duragesic table gives for the previous oral "
                    f"morphine equivalent of {significant(ome, 4)} mg/day", source)]


@checked
def check(
    regimen: Regimen | Iterable[Item],
    patient: Patient | None = None,
    *,
    previous: Regimen | Iterable[Item] | None = None,
    table: str | None = None,
    threshold_context: str | None = None,
    knowledge: Knowledge | None = None,
    market: str | None = None,
) -> list[Finding]:
    """Safety findings for a regimen and a patient, most severe first.

    Parameters
    ----------
    regimen
        Items, or a regimen (whose patient is used when ``patient`` is None).
    patient
        Age, weight, CrCl, hepatic function, opioid tolerance, conditions; nothing is assumed.
    previous
        The regimen being switched from, to check the switch itself.
    table, threshold_context
        The conversion table for OME, and a threshold context (see
        :func:`mpsdose.oral_morphine_equivalent`).
    knowledge
        Where limits, rules and tables come from (default: the shipped data).
    market
        Also check the label rules of this market (``jp``: ``data/market_rules.csv``).

    Returns
    -------
    list of Finding
        Dose limits (with age, weight, CrCl, hepatic function), duplications, risky combinations,
        rescue doses, OME thresholds and the switch; a check that needs context not given says
        so (info) instead of guessing.

    Raises
    ------
    UnknownTableError
        An unknown table id or threshold context.

    References
    ----------
    .. [1] Every limit and rule is a row of ``data/dose_limits.csv`` or ``data/safety_rules.csv``
       with its source (labels, guidelines, the AGS Beers Criteria); each finding carries the
       source of the row that made it.

    Examples
    --------
    >>> import mpsdose
    >>> regimen = mpsdose.Regimen.parse(["acetaminophen 1 g po qid"])
    >>> [f.code for f in mpsdose.check(regimen, mpsdose.Patient(age=60)) if f.severity.value != "info"]
    ['acetaminophen-at-max']
    """
    k = resolve(knowledge)
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    if patient is None:
        patient = regimen.patient if isinstance(regimen, Regimen) else Patient()
    found: list[Finding] = []
    found.extend(_limit_findings(k, items, patient))
    found.extend(_interaction_findings(k, items, patient))
    found.extend(check_rescue(items, knowledge=k))
    found.extend(f for f in total_findings(daily_totals(Regimen(tuple(items))))
                 if f.code == "dose-unknown")
    if any(i.listed and i.drug.is_opioid for i in items):
        ome = oral_morphine_equivalent(items, table, threshold_context=threshold_context,
                                       knowledge=k)
        found.extend(f for f in ome.findings if f.code.startswith("ome-threshold"))
    if previous is not None:
        before = previous.items if isinstance(previous, Regimen) else tuple(previous)
        found.extend(_switch_findings(k, items, before, patient, None))
    found.extend(market_findings(items, patient, market, k, previous=previous))
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda f: -f.severity.rank)


@checked
def check_course(course: Course, *, table: str | None = None,
                 knowledge: Knowledge | None = None, market: str | None = None) -> list[Finding]:
    """Findings across a course: each state, each switch between states, titration intervals.

    Parameters
    ----------
    course
        A course; its patient is used for every state.
    table
        The conversion table for OME (default ``cdc2022``).
    knowledge
        Where limits, rules and tables come from (default: the shipped data).
    market
        Also check the label rules of this market (``jp``) in every state.

    Returns
    -------
    list of Finding
        Most severe first; each message starts with its state's label (``[titrated] …``).
    """
    k = resolve(knowledge)
    found: list[Finding] = []
    previous: Regimen | None = None
    for state in course.states:
        for finding in check(state.regimen, course.patient, previous=previous, table=table,
                             knowledge=k, market=market):
            found.append(attrs.evolve(finding, message=f"[{state.label}] {finding.message}"))
        previous = state.regimen
    found.extend(_methadone_titration(k, course))
    return sorted(list(dict.fromkeys(found)), key=lambda f: -f.severity.rank)


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
        old, _ = _daily_by_drug(before.regimen.items, "methadone")
        new, _ = _daily_by_drug(after.regimen.items, "methadone")
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
