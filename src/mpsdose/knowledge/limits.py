"""Safety data as objects: dose limits, the rules behind the checks, drug properties, usual ranges
and corticosteroid equivalence tables."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from types import MappingProxyType

import attrs

from mpsdose.knowledge.loader import Row
from mpsdose.knowledge.schema import Interval
from mpsdose.model.findings import Severity
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import Hepatic, Patient
from mpsdose.model.units import UNITS
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import CONDITIONS, ROUTE_GROUPS, Route

__all__ = [
    "DoseLimit",
    "DrugProperties",
    "OpioidRange",
    "HepaticDose",
    "RenalDose",
    "SafetyRule",
    "SafetyRules",
    "SteroidTable",
    "TitrationStep",
    "UsualRange",
    "steroid_tables",
]

_CONDITION_UNITS = {"age": "years", "weight_kg": "kg", "crcl_ml_min": "mL/min",
                    "daily_dose": "mg/day"}
_HEPATIC_VALUES = ("mild", "moderate", "severe", "impaired")
_CONDITION_NAMES = {"age": "age", "weight_kg": "weight", "crcl_ml_min": "CrCl",
                    "daily_dose": "a daily dose"}
#: Conditions whose condition_value is required (and allowed).
_VALUED = ("hepatic", "risk_factor", "daily_dose", "with_drug")


@attrs.frozen(repr=False, eq=False)
class DoseLimit(Value):
    """One row of ``dose_limits.csv``: a maximum for a drug, route and release, for the patients
    its condition band selects, in its market and for its scope (indication or product)."""

    drug: str
    route: Route | None
    release: str | None
    condition: str  #: any, age, weight_kg, crcl_ml_min, hepatic, dialysis, risk_factor,
    #: opioid_tolerant (patients on long-term opioids), daily_dose (an item's own daily dose),
    #: with_drug (the regimen also lists another drug, whose label sets this maximum)
    #: the patient's value the row applies to (age, weight, CrCl), or the item's daily dose
    #: [dose_unit/day] (daily_dose)
    band: Interval
    #: hepatic: mild, moderate, severe, impaired; risk_factor: a condition; daily_dose: the
    #: regimen the band is, as its label writes it; with_drug: the partner drug
    value: str | None
    max_single_mg: float | None
    max_daily_mg: float | None
    max_daily_mg_per_kg: float | None
    max_days: float | None
    source: str
    notes: str = ""
    where: str = ""
    scope: str = ""  #: the one indication or product the row is limited to; "" = general
    market: str | None = None
    severity: Severity = Severity.ERROR  #: how a dose above the row is reported
    dose_unit: str = "mg"  #: what the max_* amounts count: mg, or units (a heparin)
    #: the care settings the row is limited to (``setting_limits.csv``); empty: every setting
    settings: frozenset[str] = frozenset()
    #: set by ``check``, never read from data: an error row of another market applied as a
    #: warning because the chosen market has no row of its own
    demoted: bool = False
    #: a second band (age, weight_kg, crcl_ml_min) the patient must also be in: a label's dose
    #: for patients with two characteristics together; None: the condition alone
    and_condition: str | None = None
    and_band: Interval = attrs.field(factory=Interval)
    #: what the row does not know and the finding asks to confirm (the indication)
    caveat: str = ""
    #: a maximum of one dose per kg of body weight [dose_unit/kg]: the 1-5 mg/kg of an IV
    #: lidocaine infusion for pain, whose flat amount depends on the patient
    max_single_mg_per_kg: float | None = None

    @classmethod
    def from_row(cls, row: Row, *, units_dosed: frozenset[str] = frozenset()) -> DoseLimit:
        """The limit of a typed row; ``units_dosed`` names the drugs dosed in units, whose rows
        count in units (and only theirs: a ``dose_unit`` cell, where the file has one, must
        agree)."""
        dose_unit = "units" if row["drug"] in units_dosed else "mg"
        if row.get("dose_unit", dose_unit) != dose_unit:
            raise row.error(f"{row['drug']} is dosed in {dose_unit} (drugs.csv natural_unit), "
                            f"not {row['dose_unit']}", "dose_unit")
        condition = row["condition"]
        band: Interval = row.get("condition_band", Interval())
        if condition in _CONDITION_UNITS and band.unbounded:
            raise row.error(f"a {condition} limit needs its band", "condition_band")
        if condition not in _CONDITION_UNITS and not band.unbounded:
            raise row.error(f"a band belongs to an age, weight or CrCl limit, not {condition}",
                            "condition_band")
        value = row.get("condition_value")
        if (condition in _VALUED) != (value is not None):
            raise row.error("condition_value goes with hepatic (mild, moderate, severe, "
                            "impaired), risk_factor (a condition), daily_dose (the regimen) and "
                            "with_drug (the partner drug)", "condition_value")
        if condition == "with_drug" and value == row["drug"]:
            raise row.error("a with_drug row names another drug than its own",
                            "condition_value")
        if condition == "hepatic" and value not in _HEPATIC_VALUES:
            raise row.error(f"hepatic {value!r}; use one of {', '.join(_HEPATIC_VALUES)}",
                            "condition_value")
        if condition == "risk_factor" and value not in CONDITIONS:
            raise row.error(f"unknown condition {value!r}; known conditions: "
                            f"{', '.join(CONDITIONS)}", "condition_value")
        single, daily = row.get("max_single_mg"), row.get("max_daily_mg")
        per_kg, days = row.get("max_daily_mg_per_kg"), row.get("max_days")
        single_per_kg = row.get("max_single_mg_per_kg")
        if single is None and daily is None and per_kg is None and days is None \
                and single_per_kg is None:
            raise row.error("a limit row needs a maximum", "max_daily_mg")
        and_condition = row.get("and_condition")
        and_band: Interval = row.get("and_condition_band", Interval())
        if (and_condition is None) != and_band.unbounded:
            raise row.error("and_condition and and_condition_band go together",
                            "and_condition_band")
        if and_condition is not None and (condition not in ("age", "weight_kg", "crcl_ml_min",
                                                            "daily_dose")
                                          or and_condition == condition):
            raise row.error("and_condition joins a second band of another kind to an age, "
                            "weight, CrCl or daily_dose row", "and_condition")
        if condition == "daily_dose" and and_condition is not None:
            # the regimen the band is (prophylaxis, told from treatment by its dose) reduced for
            # the patients of the second band (CrCl <30): its day's maximum, below the band's top
            if daily is None or single is not None or per_kg is not None \
                    or single_per_kg is not None or days is not None:
                raise row.error("a daily_dose row with a second band gives max_daily_mg, the "
                                "reduced day of the band's regimen, and no other maximum",
                                "max_daily_mg")
            if band.high is not None and daily >= band.high:
                raise row.error("max_daily_mg of a daily_dose row must lie below its band's "
                                "top (else it restates the band)", "max_daily_mg")
        elif condition == "daily_dose" and (days is None or single is not None
                                            or daily is not None or per_kg is not None
                                            or single_per_kg is not None):
            # a band of the daily dose limits how long it is given; a dose maximum within a
            # band of the dose would only restate the band
            raise row.error("a daily_dose row limits the days of the band's dose: max_days, "
                            "and no other maximum", "max_days")
        return cls(row["drug"], row.get("route"), row.get("release"), condition, band, value,
                   single, daily, per_kg, days, row["source"], row.get("notes", ""), row.where,
                   row.get("scope", ""), row.get("market"),
                   Severity(row.get("severity", "error")), dose_unit,
                   row.get("settings", frozenset()), and_condition=and_condition,
                   and_band=and_band, caveat=row.get("caveat", ""),
                   max_single_mg_per_kg=single_per_kg)

    @property
    def when(self) -> tuple[object, ...]:
        """The patients the row is for: its condition, band and value, and its second band."""
        return (self.condition, self.band, self.value, self.and_condition, self.and_band)

    @property
    def key(self) -> tuple[object, ...]:
        """What a limit is of: rows with the same key are the same limit from other sources
        (another market's label, another guideline)."""
        return (self.drug, self.route, self.release, *self.when, self.scope, self.settings)

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds of maximum the row gives: ``single`` (a dose, or a dose per kg), ``daily``
        (per day or per kg a day), ``days``."""
        given = {"single": self.max_single_mg is not None or self.max_single_mg_per_kg is not None,
                 "daily": self.max_daily_mg is not None or self.max_daily_mg_per_kg is not None,
                 "days": self.max_days is not None}
        return frozenset(kind for kind, present in given.items() if present)

    def speaks_for(self, other: DoseLimit) -> bool:
        """Whether this market's row gives, for the patients and products of ``other`` (a row of
        no market), the same limit: same drug, condition and scope, this row's route and release
        covering the other's. Its maxima then stand in the market for the other's of the same
        field (``without``)."""
        return (self.market is not None and other.market is None
                and not self.settings and not other.settings
                and other.drug == self.drug and other.scope == self.scope
                and (self.route is None or other.route is self.route)
                and (self.release is None or other.release == self.release)
                and other.when == self.when)

    def without(self, fields: Sequence[str]) -> DoseLimit | None:
        """This row with the maxima ``fields`` (max_single_mg, max_single_mg_per_kg,
        max_daily_mg, max_daily_mg_per_kg, max_days) taken out; None if no maximum is left."""
        if not fields:
            return self
        gone = set(fields)
        left = attrs.evolve(
            self,
            max_single_mg=None if "max_single_mg" in gone else self.max_single_mg,
            max_single_mg_per_kg=(None if "max_single_mg_per_kg" in gone
                                  else self.max_single_mg_per_kg),
            max_daily_mg=None if "max_daily_mg" in gone else self.max_daily_mg,
            max_daily_mg_per_kg=(None if "max_daily_mg_per_kg" in gone
                                 else self.max_daily_mg_per_kg),
            max_days=None if "max_days" in gone else self.max_days)
        return left if left.kinds else None

    def replaces(self, other: DoseLimit) -> bool:
        """Whether this care-setting row stands in, in its settings, for ``other``: a licence
        row (no settings) of the same drug, route, release and condition, of any market."""
        return (bool(self.settings) and not other.settings and other.drug == self.drug
                and other.route is self.route and other.release == self.release
                and other.when == self.when)

    def applies(self, patient: Patient, *, dialysis_crcl: float | None = None) -> bool | None:
        """True/False for this patient; None where the patient's value is not known.

        A risk factor is a condition the patient record lists; one it does not list is taken as
        absent (conditions are recorded, not measured), and the findings say which were read.
        With ``dialysis_crcl`` [mL/min], a patient recorded on dialysis whose CrCl is not given
        is read as below it (kidney failure: safety rule ``kidney-failure-dialysis``), so a CrCl
        band applies where it reaches below that value. A row of care settings applies only in
        them.
        """
        if self.settings and patient.setting not in self.settings:
            return False
        if self.and_condition is not None:
            # both bands: outside either, the row does not apply; not known only where the
            # patient is in one band and the other's value is not given (neither given: no
            # claim that the row applies, and no finding for it)
            second = _patient_value(patient, self.and_condition)
            if (second is None and self.and_condition == "crcl_ml_min"
                    and dialysis_crcl is not None and "dialysis" in patient.conditions):
                # a patient on dialysis with no CrCl is read below it, as for the own band
                inside: bool | None = self.and_band.overlaps(Interval(None, dialysis_crcl))
            else:
                inside = self.and_band.contains(second)
            both = (self._own_applies(patient, dialysis_crcl), inside)
            if False in both or both == (None, None):
                return False
            return None if None in both else True
        return self._own_applies(patient, dialysis_crcl)

    def unknown_condition(self, patient: Patient) -> str:
        """The condition whose value the patient record lacks, where :meth:`applies` is None."""
        if self.and_condition is not None \
                and _patient_value(patient, self.and_condition) is None:
            return self.and_condition
        return self.condition

    def _own_applies(self, patient: Patient, dialysis_crcl: float | None) -> bool | None:
        if (self.condition == "crcl_ml_min" and patient.crcl_ml_min is None
                and dialysis_crcl is not None and "dialysis" in patient.conditions):
            return self.band.overlaps(Interval(None, dialysis_crcl))
        if self.condition == "any":
            return True
        if self.condition == "dialysis":
            return "dialysis" in patient.conditions
        if self.condition == "risk_factor":
            return self.value in patient.conditions
        if self.condition == "opioid_tolerant":
            return patient.opioid_tolerant
        if self.condition in ("daily_dose", "with_drug"):
            # a condition of the item (covers_daily) or of the regimen (partnered), not of the
            # patient
            return True
        if self.condition == "hepatic":
            if patient.hepatic is None:
                return None
            if self.value == "impaired":
                return patient.hepatic is not Hepatic.NONE
            return patient.hepatic.value == self.value
        return self.band.contains(_patient_value(patient, self.condition))

    def partnered(self, drugs: Collection[str]) -> bool:
        """Whether the row's partner is among ``drugs`` (the regimen's): a ``with_drug`` row
        (the ticagrelor labels' maximum of aspirin) applies only beside its partner; every other
        row is partnered."""
        return self.condition != "with_drug" or self.value in drugs

    def covers_daily(self, daily: float) -> bool:
        """Whether an item's own daily dose [dose_unit/day] is one the row limits: in the band
        of a ``daily_dose`` row; any dose for every other condition."""
        return self.condition != "daily_dose" or self.band.contains(daily) is True

    def describe_condition(self) -> str:
        """``adults``, ``severe hepatic``, ``CrCl 30–<60 mL/min``, ``age ≥65 years``, ``a daily
        dose >10 mg/day (10 mg twice daily for the first 7 days ...)``."""
        if self.condition == "any":
            return "adults"
        if self.condition == "daily_dose":
            text = (f"a daily dose {self.band.format(f'{self.dose_unit}/day')} "
                    f"(the source's regimen: {self.value})")
            if self.and_condition is not None:
                text += (f" and {_CONDITION_NAMES[self.and_condition]} "
                         f"{self.and_band.format(_CONDITION_UNITS[self.and_condition])}")
            return text
        if self.condition == "risk_factor":
            return f"{self.value}"
        if self.condition == "with_drug":
            return f"use with {self.value}"
        if self.condition == "hepatic":
            return ("hepatic impairment" if self.value == "impaired"
                    else f"{self.value} hepatic impairment")
        if self.condition == "dialysis":
            return "dialysis"
        if self.condition == "opioid_tolerant":
            return "patients on long-term opioids"
        text = f"{_CONDITION_NAMES[self.condition]} {self.band.format(_CONDITION_UNITS[self.condition])}"
        if self.and_condition is not None:
            text += (f" and {_CONDITION_NAMES[self.and_condition]} "
                     f"{self.and_band.format(_CONDITION_UNITS[self.and_condition])}")
        return text


def _patient_value(patient: Patient, condition: str) -> float | None:
    """The patient's age [years], weight [kg] or CrCl [mL/min]."""
    return {"age": patient.age, "weight_kg": patient.weight_kg,
            "crcl_ml_min": patient.crcl_ml_min}[condition]


@attrs.frozen(repr=False, eq=False)
class SafetyRule(Value):
    """The rule behind a check: its severity, threshold and what its source says."""

    check: str
    severity: Severity
    threshold: float | None
    unit: str
    statement: str
    source: str
    excluded_settings: frozenset[str] = frozenset()  #: settings the source excludes
    exclusion_source: str = ""

    @classmethod
    def from_row(cls, row: Row) -> SafetyRule:
        return cls(row["check"], Severity(row["severity"]), row.get("threshold"),
                   row.get("threshold_unit", ""), row["statement"], row["source"],
                   row.get("excluded_settings", frozenset()), row.get("exclusion_source", ""))


@attrs.frozen(repr=False, eq=False)
class SafetyRules(Value):
    """The rows of ``safety_rules.csv`` in file order; the first row of a check is its default."""

    rows: tuple[SafetyRule, ...]

    def all(self, check: str) -> list[SafetyRule]:
        """Every row of a check, in file order (``LookupError`` where there is none)."""
        found = [row for row in self.rows if row.check == check]
        if not found:
            raise LookupError(f"no rule {check!r} in safety_rules.csv")
        return found

    def first(self, check: str, *, threshold: bool = False) -> SafetyRule:
        """The default row of a check; with ``threshold``, the first row that gives one."""
        for row in self.rows:
            if row.check == check and (not threshold or row.threshold is not None):
                return row
        raise LookupError(f"no rule {check!r}{' with a threshold' if threshold else ''} in "
                          "safety_rules.csv")


@attrs.frozen(repr=False, eq=False)
class DrugProperties(Value):
    """drug → property → (value, source), from ``drug_properties.csv`` (first row wins for
    :meth:`get`; :meth:`all` gives every row of a drug and property, in file order, for the
    properties a drug may have several rows of, each with its own source:
    ``contraindicated_conditions``)."""

    table: Mapping[str, Mapping[str, tuple[str, str]]]  #: the first row of each
    every: Mapping[tuple[str, str], tuple[tuple[str, str], ...]]  #: (drug, property) → rows

    @classmethod
    def from_rows(cls, rows: Sequence[Row]) -> DrugProperties:
        found: dict[str, dict[str, tuple[str, str]]] = {}
        every: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for row in rows:
            pair = (row["value"], row["source"])
            found.setdefault(row["drug"], {}).setdefault(row["property"], pair)
            every.setdefault((row["drug"], row["property"]), []).append(pair)
        return cls(MappingProxyType({k: MappingProxyType(v) for k, v in found.items()}),
                   MappingProxyType({k: tuple(v) for k, v in every.items()}))

    def get(self, drug: str, name: str) -> tuple[str, str] | None:
        return self.table.get(drug, {}).get(name)

    def all(self, drug: str, name: str) -> tuple[tuple[str, str], ...]:
        """Every (value, source) row of a drug and property, in file order (none: empty)."""
        return self.every.get((drug, name), ())


@attrs.frozen(repr=False, eq=False)
class RenalDose(Value):
    """One row of ``renal_opioid_doses.csv``: a dose a source gives for a renally cleared opioid
    below a creatinine clearance (a start, or the renally adjusted maximum), per dose and per
    scheduled day, no more often than ``min_interval_h``."""

    drug: str
    route: Route
    release: str | None
    band: Interval  #: the creatinine clearances it is given for [mL/min]
    basis: str  #: start or maximum
    min_interval_h: float | None  #: [h]
    per_dose: float | None  #: [mg]
    per_day: float | None  #: [mg/day]
    settings: frozenset[str]  #: empty: every care setting
    source: str
    notes: str = ""
    where: str = ""

    @classmethod
    def from_row(cls, row: Row) -> RenalDose:
        per_dose, per_day = row.get("per_dose"), row.get("per_day")
        if per_dose is None and per_day is None:
            raise row.error("a renal dose row needs per_dose or per_day", "per_day")
        band: Interval = row["crcl_band"]
        if band.high is None:
            raise row.error("a renal dose is for a creatinine clearance below a value: the band "
                            "needs its upper end", "crcl_band")
        return cls(row["drug"], row["route"], row.get("release"), band, row["basis"],
                   row.get("min_interval_h"), per_dose, per_day,
                   row.get("settings", frozenset()), row["source"], row.get("notes", ""),
                   row.where)

    def applies_to(self, patient: Patient) -> bool:
        """Whether the patient's CrCl is in the row's band and the patient's care setting among
        its settings (where it names any). A CrCl not given is in no band, except for a patient
        on dialysis, who is in a band open at its lower end (kidney failure)."""
        if self.settings and patient.setting not in self.settings:
            return False
        if patient.crcl_ml_min is None:
            return "dialysis" in patient.conditions and self.band.low is None
        return bool(self.band.contains(patient.crcl_ml_min))

    def describe(self) -> str:
        """``5 mg a dose, 15 mg/day`` with the interval where the row sets one."""
        return _describe_dose(self)


def _describe_dose(row: RenalDose | HepaticDose) -> str:
    """A renal or hepatic dose row in words: its drug, release and route, per dose, per day and
    the shortest interval it allows."""
    parts = []
    if row.per_dose is not None:
        parts.append(f"{row.per_dose:g} mg a dose")
    if row.per_day is not None:
        parts.append(f"{row.per_day:g} mg/day")
    if row.min_interval_h is not None:
        parts.append(f"no more often than every {row.min_interval_h:g} h")
    release = f" {row.release}" if row.release else ""
    return f"{row.drug}{release} {row.route.value}: {', '.join(parts)}"


#: The hepatic impairment grades a hepatic_opioid_doses.csv row may name.
HEPATIC_GRADES = ("mild", "moderate", "severe")


@attrs.frozen(repr=False, eq=False)
class HepaticDose(Value):
    """One row of ``hepatic_opioid_doses.csv``: a reduced dose a label or guideline gives for an
    opioid in hepatic impairment (a start, or an adjusted maximum), per dose and per scheduled
    day, no more often than ``min_interval_h``."""

    drug: str
    route: Route
    release: str | None
    grades: frozenset[str]  #: the hepatic impairment grades it is given for
    basis: str  #: start or maximum
    min_interval_h: float | None  #: [h]
    per_dose: float | None  #: [mg]
    per_day: float | None  #: [mg/day]
    source: str
    notes: str = ""
    where: str = ""

    @classmethod
    def from_row(cls, row: Row) -> HepaticDose:
        per_dose, per_day = row.get("per_dose"), row.get("per_day")
        if per_dose is None and per_day is None:
            raise row.error("a hepatic dose row needs per_dose or per_day", "per_day")
        grades = frozenset(str(row["hepatic"]).split())
        unknown = sorted(grades - set(HEPATIC_GRADES))
        if unknown:
            raise row.error(f"unknown hepatic grade {', '.join(unknown)}; use "
                            f"{', '.join(HEPATIC_GRADES)}", "hepatic")
        return cls(row["drug"], row["route"], row.get("release"), grades, row["basis"],
                   row.get("min_interval_h"), per_dose, per_day, row["source"],
                   row.get("notes", ""), row.where)

    def applies_to(self, patient: Patient) -> bool:
        """Whether the patient's hepatic impairment grade is among the row's."""
        return patient.hepatic is not None and patient.hepatic.value in self.grades

    def describe(self) -> str:
        """``1 mg a dose, 6 mg/day`` with the interval where the row sets one."""
        return _describe_dose(self)


@attrs.frozen(repr=False, eq=False)
class TitrationStep(Value):
    """One row of ``titration_steps.csv``: the largest change of a non-opioid's dose that one
    labelled titration step takes.

    A rise is within the step where the new scheduled day is at most the label's start
    (``start_daily``), or at most ``factor`` times the old day, or at most ``step_mg`` more (per
    day, or per dose and then the day by ``step_mg`` times the new doses a day)."""

    drug: str
    route: Route
    release: str | None
    market: str | None
    start_daily: float  #: [mg/day]
    factor: float | None  #: [x] of the old scheduled day
    step_mg: float | None  #: [mg]
    step_per: str | None  #: dose or day
    min_interval_days: float | None  #: [days]
    source: str
    notes: str = ""
    where: str = ""

    @classmethod
    def from_row(cls, row: Row) -> TitrationStep:
        factor, step, per = row.get("step_factor"), row.get("step_mg"), row.get("step_per")
        if (factor is None) == (step is None):
            raise row.error("a titration step row needs step_factor or step_mg (one of them)",
                            "step_factor")
        if (step is None) != (per is None):
            raise row.error("step_mg needs step_per (dose or day), and step_per needs step_mg",
                            "step_per")
        return cls(row["drug"], row["route"], row.get("release"), row.get("market"),
                   row["start_daily_mg"], factor, step, per, row.get("min_interval_days"),
                   row["source"], row.get("notes", ""), row.where)

    def allows(self, old_dose: float | None, new_dose: float | None, old_day: float,
               new_day: float, doses_per_day: float | None) -> bool:
        """Whether a change from ``old_day`` to ``new_day`` [mg/day] (and ``old_dose`` to
        ``new_dose`` [mg], where each item gives one dose) stays within one labelled step."""
        slack = 1 + 1e-6
        if new_day <= self.start_daily * slack:
            return True
        if self.factor is not None:
            return new_day <= old_day * self.factor * slack
        assert self.step_mg is not None
        if self.step_per == "day":
            return new_day - old_day <= self.step_mg * slack
        if old_dose is None or new_dose is None or doses_per_day is None:
            return False  # a per-dose step needs a dose on each side
        return (new_dose - old_dose <= self.step_mg * slack
                and new_day - old_day <= self.step_mg * doses_per_day * slack)

    def describe(self) -> str:
        """The label's step in words: ``at most double the day a step from a start of 150
        mg/day, steps at least 3 days apart``."""
        if self.factor is not None:
            step = ("at most double the day" if abs(self.factor - 2) < 1e-9
                    else f"at most {significant(self.factor, 3)} times the day")
        else:
            assert self.step_mg is not None
            step = f"at most +{significant(self.step_mg, 3)} mg a {self.step_per}"
        text = f"{step} a step from a start of {significant(self.start_daily, 3)} mg/day"
        if self.min_interval_days is not None:
            text += f", steps at least {significant(self.min_interval_days, 3)} days apart"
        return text


@attrs.frozen(repr=False, eq=False)
class UsualRange(Value):
    """A usual palliative daily dose range of a drug for an indication [mg/day]."""

    drug: str
    route: Route | None
    indication: str
    low: float
    high: float
    source: str
    #: The market whose practice the source describes; None: every market.
    market: str | None = None
    #: The ages the row judges [years]; None: every age.
    age_band: Interval | None = None

    @classmethod
    def from_row(cls, row: Row) -> UsualRange:
        return cls(row["drug"], row.get("route"), row["indication"], row["daily_mg_low"],
                   row["daily_mg_high"], row["source"], row.get("market"), row.get("age_band"))

    def applies_to(self, patient: Patient) -> bool:
        """Whether the row judges the patient: every patient where it has no age band; else a
        patient whose age is given and in the band (quetiapine's delirium doses judge older
        adults, not a younger patient's psychiatric dose)."""
        if self.age_band is None:
            return True
        return bool(self.age_band.contains(patient.age))

    def applies_in(self, market: str | None) -> bool:
        """Whether the row applies with ``--market`` ``market``: a row without a market
        everywhere; a market's row only there (never where no market is given: a usual range
        is the most generous row, so another market's practice would loosen it)."""
        return self.market is None or self.market == market


@attrs.frozen(repr=False, eq=False)
class SteroidTable(Value):
    """One corticosteroid equivalence table: drug → equivalent dose (low, high) [mg]."""

    id: str
    doses: Mapping[str, tuple[float, float]]
    source: str


def steroid_tables(rows: Sequence[Row]) -> tuple[SteroidTable, ...]:
    """The tables of ``corticosteroid_equivalence.csv`` in file order (the first is the default)."""
    tables: dict[str, dict[str, tuple[float, float]]] = {}
    sources: dict[str, str] = {}
    for row in rows:
        tables.setdefault(row["table"], {})[row["drug"]] = (row["equivalent_mg_low"],
                                                            row["equivalent_mg_high"])
        sources.setdefault(row["table"], row["source"])
    return tuple(SteroidTable(name, MappingProxyType(doses), sources[name])
                 for name, doses in tables.items())


@attrs.frozen(repr=False, eq=False)
class OpioidRange(Value):
    """One row of ``opioid_dose_ranges.csv``: a per-dose and/or per-day ceiling of one check.

    Without a drug the ceilings are in mg of oral morphine equivalent (OME) and apply to every
    opioid by its route's own factor; a drug's own row replaces them for the items it applies to.
    ``per_day`` is held in mg/day (a rate row's mg/h or mcg/h converted), and ``rate`` says that
    the row applies only to items written as a rate (an infusion, a patch).
    """

    check: str
    drug: str | None
    route: str | None  #: a route or a group (parenteral), as written
    routes: frozenset[Route] | None
    release: str | None
    interval_h: float | None
    market: str | None
    per_dose: float | None  #: [mg], or [mg OME] without a drug
    per_day: float | None  #: [mg/day], or [mg OME/day] without a drug
    day_unit: str
    severity: Severity
    source: str
    notes: str = ""
    where: str = ""
    #: [mg], or [mg OME] without a drug: the low end of a naive start's printed range
    start_low: float | None = None
    #: a titration-dose row's product, by the brand names an item is written with; a
    #: naive-start row's combination product (``combination_products.csv`` names), lower case
    products: frozenset[str] = frozenset()
    #: a row of every opioid whose source speaks of strong opioids alone: it does not judge a
    #: step-2 (weak) opioid (``who_step`` 2 in ``drug_properties.csv``)
    strong_only: bool = False
    #: a naive-start or titration-step row's kind of source: "label", "guideline" or None
    #: (not stated; a titration-step row without one is a product label's increment)
    basis: str | None = None

    @classmethod
    def from_row(cls, row: Row) -> OpioidRange:
        per_dose, per_day = row.get("per_dose"), row.get("per_day")
        if per_dose is None and per_day is None:
            raise row.error("a range row needs per_dose or per_day", "per_day")
        start_low = row.get("start_low")
        if row["check"] == "pca-demand-per-kg" and (row.get("drug") is None or per_dose is None
                                                    or per_day is not None):
            raise row.error("a pca-demand-per-kg row is one drug's demand dose per kg of body "
                            "weight: per_dose, no per_day", "per_dose")
        if start_low is not None and (row["check"] not in ("naive-start", "pca-demand",
                                                           "pca-demand-per-kg")
                                      or per_dose is None
                                      or start_low > per_dose):
            raise row.error("start_low is the low end of a naive-start or pca-demand row's "
                            "per-dose range: at most its per_dose", "start_low")
        unit = row.get("day_unit", "mg/day")
        if unit != "mg/day" and per_day is None:
            raise row.error("day_unit goes with per_day", "day_unit")
        drug = row.get("drug")
        if drug is None and unit != "mg/day":
            raise row.error("a row for every opioid is in mg OME/day", "day_unit")
        product = row.get("product")
        if product is not None and (row["check"] not in ("titration-dose", "naive-start")
                                    or drug is None):
            raise row.error("product names the label of a titration-dose or naive-start row of "
                            "one drug", "product")
        products = row.names("product")
        strong_only = row.get("opioids") == "strong"
        if strong_only and drug is not None:
            raise row.error("opioids (strong) scopes a row of every opioid, not one drug's",
                            "opioids")
        route = row.get("route")
        routes = None if route is None else (ROUTE_GROUPS.get(route) or frozenset({Route(route)}))
        canonical = None if per_day is None else UNITS[unit].to_canonical(per_day)
        basis = row.get("basis")
        if basis is not None and (row["check"] not in {"naive-start", "titration-step"}
                                  or drug is None):
            raise row.error("basis (label or guideline) is said of a naive-start or "
                            "titration-step row of one drug", "basis")
        return cls(row["check"], drug, route, routes, row.get("release"), row.get("interval_h"),
                   row.get("market"), per_dose, canonical, unit, Severity(row["severity"]),
                   row["source"], row.get("notes", ""), row.where, start_low, products,
                   strong_only, basis)

    @property
    def rate(self) -> bool:
        """True where the row is a rate (mg/h, mcg/h): it applies to infusions and patches."""
        return self.day_unit != "mg/day"

    @property
    def generic(self) -> bool:
        """True for a row of every opioid (in OME)."""
        return self.drug is None

    def describe_day(self) -> str:
        """The per-day ceiling as the source writes it (``10 mg/h``, ``300 mg OME/day``)."""
        assert self.per_day is not None
        value = UNITS[self.day_unit].from_canonical(self.per_day)
        unit = "mg OME/day" if self.generic else self.day_unit
        return f"{value:g} {unit}"
