"""The label rules of one market (``--market jp``), checked against a regimen and a patient.

``market_findings(items, patient, "jp")`` reads ``data/market_rules.csv`` and returns findings,
each with its row's source and the label's own words:

- the label **maxima** are rows of ``dose_limits.csv`` with market ``jp`` (checked with every other
  limit, the strictest crossed reported once), not rules of this file;
- **rescue fractions** (オキノーム散 1/8–1/4 of the scheduled daily oral oxycodone): a rescue dose
  outside the label's range is a warning, one inside it but outside the generic range of
  ``rotation_rules.csv`` is information;
- **opioid-naive starts** (フェントステープ 0.5 mg = 6.25 mcg/h, ナルサス 4 mg/day …) and products for
  switching only (メサペイン, 3-day fentanyl patches), in a patient recorded as opioid-naive;
- **methadone** (メサペイン) with ``previous``: no switch from below 60 mg/day oral morphine, and the
  label's fixed starting dose for the previous oral morphine equivalent.

A check whose patient context is missing says so once (information) where the regimen could be
above the rule; otherwise rules that do not apply stay silent (alert fatigue is a defect).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from mpsdose.clinical.equivalence import oral_morphine_equivalent
from mpsdose.clinical.totals import drug_daily
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.boundary import checked
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import Item, Patient, Regimen
from mpsdose.model.units import lookup_unit
from mpsdose.model.vocabulary import Route, parse_condition

if TYPE_CHECKING:  # the market's record type loads with the market's rules, on first use
    from mpsdose.knowledge.market import MarketRule

__all__ = ["already_held", "market_findings", "market_table", "methadone_label_start",
           "naive_start_allowed", "naive_start_label", "scheduled_opioids"]


def market_table(market: str | None, kind: str, knowledge: Knowledge | None = None,
                 drug: str | None = None) -> MarketRule | None:
    """The market's default table of a kind (``rotation_table``, ``patch_table``), or None.

    With ``drug``, a row for another drug is passed over (the UK's buprenorphine patch table is
    not its fentanyl one); a row of no drug is the market's table for every drug."""
    if market is None:
        return None
    return resolve(knowledge).market_rules.first(market, kind, drug)


def _items(regimen: Regimen | Iterable[Item] | None) -> tuple[Item, ...]:
    if regimen is None:
        return ()
    return regimen.items if isinstance(regimen, Regimen) else tuple(regimen)


def _matching(items: Sequence[Item], rule: MarketRule, *, prn: bool | None = None) -> list[Item]:
    """The listed items of the rule's drug, route, release and patch interval."""
    found = []
    for item in items:
        if not item.listed or (prn is not None and item.prn is not prn):
            continue
        interval = item.schedule.value if item.route is Route.TRANSDERMAL else None
        if any(rule.matches(d.name, item.route, item.release, interval) for d in item.drugs) and (
                rule.route is None or item.route is rule.route):
            found.append(item)
    return found


def already_held(item: Item, previous: Iterable[Item] | None) -> bool:
    """Whether the previous regimen holds the same opioid product as a scheduled item: same
    drug, route, release, form and product name, both scheduled (a titration of it, not a first
    opioid). A titration is judged by the titration step, not by a label's opioid-naive start."""
    if previous is None or item.prn:
        return False
    return any(not old.prn and old.listed and old.drug == item.drug and old.route is item.route
               and old.release == item.release and old.form == item.form
               and old.product == item.product for old in previous)


def scheduled_opioids(previous: Iterable[Item] | None) -> list[Item]:
    """The opioid items of the regimen being changed from that are scheduled (not as needed):
    a patient who holds one is not opioid-naive, whatever his recorded tolerance says.

    Opioid-naive patients are "not chronically receiving opioid analgesics on a daily basis"
    (NCCN, ``opioid-naive-not-applied`` in ``safety_rules.csv``); one whose previous regimen
    schedules an opioid may still fall short of the labels' definition of tolerance (60 mg oral
    morphine a day for a week or longer, ``opioid-tolerance-not-met``): not tolerant, and not
    naive either. A dose of it not known still counts: the opioid is taken."""
    return [old for old in previous or () if old.listed and not old.prn
            and any(d.is_opioid for d in old.drugs)]


def _label(rule: MarketRule) -> str:
    return f"the {rule.product} label" if rule.product else "the label"


def _finding(rule: MarketRule, code: str, text: str, severity: Severity | None = None,
             item: Item | None = None) -> Finding:
    return Finding(severity or rule.severity, code, f"{text} ({rule.market}: {rule.statement})",
                   rule.source, item=None if item is None else str(item))


@checked
def market_findings(regimen: Regimen | Iterable[Item], patient: Patient | None, market: str | None,
                    knowledge: Knowledge | None = None, *,
                    previous: Regimen | Iterable[Item] | None = None) -> list[Finding]:
    """The findings of one market's label rules for a regimen and a patient.

    Parameters
    ----------
    regimen
        The items to check.
    patient
        CrCl, opioid tolerance and conditions (``--condition`` names an indication) where known.
    market
        ``jp``; a market without rules in ``market_rules.csv`` (or None) gives no findings.
    knowledge
        Where the rules come from (default: the shipped data).
    previous
        The regimen being switched from, for the methadone label's switching rules; an item it
        already holds as the same product is a titration, not an opioid-naive start.
    """
    k = resolve(knowledge)
    rules = [r for r in k.market_rules.rows if r.market == market]
    if not rules:
        return []
    items = tuple(i for i in _items(regimen) if i.listed)
    patient = patient or Patient()
    found: list[Finding] = []
    found.extend(_rescue(k, rules, items))
    found.extend(_naive(rules, items, patient, _items(previous) if previous is not None else None))
    found.extend(_methadone(k, rules, items, _items(previous)))
    found.extend(_concentrate(rules, items, patient))
    return found


def _concentrate(rules: Sequence[MarketRule], items: Sequence[Item],
                 patient: Patient) -> list[Finding]:
    """A liquid ordered at a concentration whose label is for another indication only.

    A ``concentrate_indication`` rule of ``market_rules.csv`` (the US methadone oral concentrate,
    10 mg/mL: detoxification and maintenance treatment of opioid addiction only) names the
    drug, the lowest such concentration (``value``, in ``unit``) and the label's one
    indication. An item written as a volume of a concentration ("2.5 mL of 10 mg/mL") at or above
    it, for a patient not recorded (``--condition``) to have that indication, is a warning naming
    the label: a product for another indication, and the mix-up of the concentrate with the
    ordinary solution (the volume kept, the dose multiplied). An item written in mg alone says
    no concentration and is not judged.
    """
    found: list[Finding] = []
    for rule in rules:
        if rule.rule != "concentrate_indication" or rule.value is None:
            continue
        if rule.indication is not None and parse_condition(rule.indication) in patient.conditions:
            continue
        # the rule's concentration in mg/mL, the canonical unit of a concentration
        limit = rule.value * lookup_unit(rule.unit or "mg/mL").scale
        for item in _matching(items, rule):
            for ingredient in item.ingredients:
                concentration = ingredient.dose.concentration if ingredient.dose else None
                if concentration is None or ingredient.drug.name != rule.drug:
                    continue
                strength, unit = concentration
                if strength * unit.scale < limit * (1 - 1e-9):
                    continue
                who = (f"a patient not recorded to have {rule.indication} (--condition "
                       f"{rule.indication})" if rule.indication else "this patient")
                found.append(_finding(rule, f"{rule.market}-concentrate-indication", (
                    f"{item}: {significant(strength, 4)} {unit.symbol} is a concentration "
                    f"labelled for another indication, ordered for {who}; check that the "
                    "concentrate is meant and not the ordinary solution (the same volume of "
                    "the concentrate is a several-fold dose)"), item=item))
    return found


def _rescue(k: Knowledge, rules: Sequence[MarketRule], items: Sequence[Item]) -> list[Finding]:
    found: list[Finding] = []
    generic = k.rotation_rules.get("breakthrough_fraction")
    for rule in rules:
        if rule.rule != "rescue_fraction" or rule.low is None or rule.high is None:
            continue  # a point ("1/6を目安") sizes a rescue dose; it does not flag one
        assert rule.drug is not None
        scheduled = [i for i in _matching(items, rule, prn=False)
                     if len(i.ingredients) == 1]
        daily, complete = drug_daily(scheduled, rule.drug)
        if daily <= 0 or not complete:
            continue
        for item in _matching(items, rule, prn=True):
            dose = item.per_dose()
            if dose is None or len(item.ingredients) != 1:
                continue
            share = dose / daily
            low, high = rule.bounds
            text = (f"{item}: {significant(dose, 4)} mg is {significant(share * 100, 3)}% of "
                    f"{rule.drug} {significant(daily, 4)} mg/day")
            if share < low - 1e-9 or share > high + 1e-9:
                found.append(_finding(rule, f"rescue-share-{rule.market}-label",
                                      f"{text}, outside the {_fraction(low)}–{_fraction(high)} of "
                                      f"{_label(rule)}", item=item))
            elif generic is not None and not (generic.bounds[0] - 1e-9 <= share
                                              <= generic.bounds[1] + 1e-9):
                found.append(_finding(rule, f"rescue-share-within-{rule.market}-label",
                                      f"{text}: within the {_fraction(low)}–{_fraction(high)} of "
                                      f"{_label(rule)}, though outside the generic "
                                      f"{significant(generic.bounds[0] * 100, 3)}–"
                                      f"{significant(generic.bounds[1] * 100, 3)}% "
                                      "(rotation_rules.csv)", Severity.INFO, item=item))
    return found


def _fraction(value: float) -> str:
    for denominator in (2, 3, 4, 6, 8, 10, 12):
        if abs(value * denominator - 1) < 1e-3:
            return f"1/{denominator}"
    return f"{significant(value * 100, 3)}%"


def naive_start_allowed(item: Item, market: str | None,
                        knowledge: Knowledge | None = None) -> MarketRule | None:
    """The market's label rule that allows ``item`` as an opioid-naive start (フェントステープ
    0.5 mg in Japan), or None: the generic rule (a fentanyl patch is for opioid-tolerant patients
    only, the US and EU labels) then stands."""
    if market is None or item.prn or not item.listed:
        return None
    daily = item.daily()
    if daily is None:
        return None
    for rule in resolve(knowledge).market_rules.rows:
        if rule.market != market or rule.rule != "naive_start_max" or not _matching([item], rule):
            continue
        amount = daily * 1000 / 24 if rule.unit == "mcg/h" else daily
        if amount <= rule.bounds[1] * (1 + 1e-9):
            return rule
    return None


def naive_start_label(item: Item, market: str | None,
                      knowledge: Knowledge | None = None) -> MarketRule | None:
    """The market's label rule on starting ``item`` in an opioid-naive patient, or None.

    A ``naive_start_max`` (ナルサス: 4 mg/day) or ``switch_only`` (メサペイン) rule of
    ``market_rules.csv`` for the item's drug, route, release and patch interval, whatever the
    dose: the market's own label judges that start (:func:`market_findings`), so the dose-range
    check does not read another market's start in its place.
    """
    if market is None or item.prn or not item.listed:
        return None
    for rule in resolve(knowledge).market_rules.rows:
        if rule.market == market and rule.rule in ("naive_start_max", "switch_only") \
                and _matching([item], rule):
            return rule
    return None


def _naive(rules: Sequence[MarketRule], items: Sequence[Item], patient: Patient,
           previous: Sequence[Item] | None = None) -> list[Finding]:
    """Labelled opioid-naive starting doses, and products for switching only.

    A scheduled item the previous regimen already holds as the same product (a patient
    opioid-naive at the start, now titrated: ナルサス 6 → 8 mg/day) is not a start: the
    titration step judges it, as the general ``opioid-naive-start`` rule does. A product for
    switching only is still named. A previous regimen that schedules an opioid makes the
    patient not opioid-naive (:func:`scheduled_opioids`): the new regimen is a switch or a
    titration, which the switch rules judge, not a naive start."""
    if patient.opioid_tolerant is not False or scheduled_opioids(previous):
        return []
    found: list[Finding] = []
    for rule in rules:
        if rule.rule not in ("naive_start_max", "switch_only"):
            continue
        for item in _matching(items, rule, prn=False):
            if rule.rule == "switch_only":
                found.append(_finding(rule, f"{rule.market}-switch-only",
                                      f"{item} in an opioid-naive patient: {_label(rule)} is for "
                                      "switching from another opioid only", item=item))
                continue
            daily = item.daily()
            if daily is None:
                continue
            amount = daily * 1000 / 24 if rule.unit == "mcg/h" else daily
            unit = rule.unit or "mg/day"
            if amount > rule.bounds[1] * (1 + 1e-9):
                if already_held(item, previous):
                    continue  # a titration of the same product: the titration step judges it
                found.append(_finding(rule, f"{rule.market}-naive-start-above-label",
                                      f"{item}: {significant(amount, 4)} {unit} in an opioid-naive "
                                      f"patient is above the start of {_label(rule)} "
                                      f"({significant(rule.bounds[1], 4)} {unit})", item=item))
            elif item.route is Route.TRANSDERMAL:
                found.append(_finding(rule, f"{rule.market}-naive-start-within-label",
                                      f"{item}: {_label(rule)} allows this opioid-naive start "
                                      f"({significant(rule.bounds[1], 4)} {unit}), so the "
                                      "generic rule (a fentanyl patch for opioid-tolerant "
                                      "patients only) does not apply",
                                      Severity.INFO, item=item))
    return found


def methadone_label_start(previous: Regimen | Iterable[Item], market: str | None,
                          knowledge: Knowledge | None = None) -> tuple[float, MarketRule, str] | None:
    """The methadone starting dose the market's label gives for a switch from ``previous``
    [mg/day], its rule, and the previous oral morphine equivalent in words; None where the market
    has no such rule or the equivalent cannot be computed.

    Parameters
    ----------
    previous
        The regimen switched from.
    market
        ``jp`` (メサペイン: 15, 30 or 45 mg/day by the previous equivalent); None or a market
        without ``methadone_start`` rules: None.
    knowledge
        Where the rules come from (default: the shipped data).
    """
    if market is None:
        return None
    k = resolve(knowledge)
    bands = [r for r in k.market_rules.rows if r.market == market
             and r.rule == "methadone_start"]
    if not bands:
        return None
    table = next((r.table for r in k.market_rules.rows if r.market == market
                  and r.rule == "rotation_table"), None)
    ome = oral_morphine_equivalent(_items(previous), table, knowledge=k).scheduled
    bounds = ome.bounds
    if bounds is None or not ome.complete:
        return None
    starts = [r for r in bands if r.band.contains(bounds[0]) or r.band.contains(bounds[1])]
    if not starts:
        return None
    rule = max(starts, key=lambda r: r.bounds[1])
    return rule.bounds[1], rule, f"oral morphine equivalent {ome.format()} ({table})"


def _methadone(k: Knowledge, rules: Sequence[MarketRule], items: Sequence[Item],
               previous: Sequence[Item]) -> list[Finding]:
    """The methadone label's switching rules, for a switch to methadone from ``previous``."""
    given = [i for i in items if not i.prn and any(d.name == "methadone" for d in i.drugs)]
    if not given or not previous or any(d.name == "methadone" for i in previous for d in i.drugs):
        return []
    minimum = next((r for r in rules if r.rule == "methadone_min_prior_ome"), None)
    bands = [r for r in rules if r.rule == "methadone_start"]
    table = next((r.table for r in rules if r.rule == "rotation_table"), None)
    if minimum is None and not bands:
        return []
    ome = oral_morphine_equivalent(previous, table, knowledge=k).scheduled
    bounds = ome.bounds
    if bounds is None or not ome.complete:
        rule = minimum or bands[0]
        return [_finding(rule, f"methadone-{rule.market}-label-not-checked",
                         "the previous regimen's oral morphine equivalent could not be computed "
                         f"({table}), so the methadone label's switching rules were not checked",
                         Severity.INFO)]
    found: list[Finding] = []
    daily, _ = drug_daily(given, "methadone")
    where = f"oral morphine equivalent {ome.format()} ({table})"
    if minimum is not None and bounds[1] < minimum.bounds[0]:
        found.append(_finding(minimum, f"methadone-{minimum.market}-switch-below-label-minimum",
                              f"a switch to methadone from {where}, below the "
                              f"{significant(minimum.bounds[0], 4)} mg/day of {_label(minimum)}"))
        return found
    starts = [r for r in bands if r.band.contains(bounds[0]) or r.band.contains(bounds[1])]
    if starts:
        top = max(r.bounds[1] for r in starts)
        rule = max(starts, key=lambda r: r.bounds[1])
        if daily > top * (1 + 1e-9):
            found.append(_finding(rule, f"methadone-{rule.market}-start-above-label",
                                  f"methadone {significant(daily, 4)} mg/day started from {where}: "
                                  f"above the {significant(top, 4)} mg/day {_label(rule)} gives",
                                  item=given[0]))
    return found
