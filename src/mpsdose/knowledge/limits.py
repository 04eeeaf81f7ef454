"""Safety data as objects: dose limits, the rules behind the checks, drug properties, usual ranges
and corticosteroid equivalence tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

import attrs

from mpsdose.knowledge.loader import Row
from mpsdose.knowledge.schema import Interval
from mpsdose.model.findings import Severity
from mpsdose.model.regimen import Patient
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

__all__ = [
    "DoseLimit",
    "DrugProperties",
    "SafetyRule",
    "SafetyRules",
    "SteroidTable",
    "UsualRange",
    "steroid_tables",
]

_CONDITION_UNITS = {"age": "years", "weight_kg": "kg", "crcl_ml_min": "mL/min"}
_CONDITION_NAMES = {"age": "age", "weight_kg": "weight", "crcl_ml_min": "CrCl"}


@attrs.frozen(repr=False, eq=False)
class DoseLimit(Value):
    """One row of ``dose_limits.csv``: a maximum for a drug, route and release, for the patients
    its condition band selects."""

    drug: str
    route: Route | None
    release: str | None
    condition: str  #: any, age, weight_kg, crcl_ml_min, hepatic, dialysis
    band: Interval  #: the patient's value the row applies to (age, weight, CrCl)
    value: str | None  #: for hepatic: mild, moderate, severe
    max_single_mg: float | None
    max_daily_mg: float | None
    max_daily_mg_per_kg: float | None
    max_days: float | None
    source: str
    notes: str = ""
    where: str = ""

    @classmethod
    def from_row(cls, row: Row) -> DoseLimit:
        condition = row["condition"]
        band: Interval = row.get("condition_band", Interval())
        if condition in _CONDITION_UNITS and band.unbounded:
            raise row.error(f"a {condition} limit needs its band", "condition_band")
        if condition not in _CONDITION_UNITS and not band.unbounded:
            raise row.error(f"a band belongs to an age, weight or CrCl limit, not {condition}",
                            "condition_band")
        if (condition == "hepatic") != (row.get("condition_value") is not None):
            raise row.error("condition_value (mild, moderate, severe) goes with hepatic",
                            "condition_value")
        single, daily = row.get("max_single_mg"), row.get("max_daily_mg")
        per_kg, days = row.get("max_daily_mg_per_kg"), row.get("max_days")
        if single is None and daily is None and per_kg is None and days is None:
            raise row.error("a limit row needs a maximum", "max_daily_mg")
        return cls(row["drug"], row.get("route"), row.get("release"), condition, band,
                   row.get("condition_value"), single, daily, per_kg, days, row["source"],
                   row.get("notes", ""), row.where)

    @property
    def key(self) -> tuple[object, ...]:
        """What a limit is of: rows with the same key are the same limit from other sources."""
        return (self.drug, self.route, self.release, self.condition, self.band, self.value)

    def applies(self, patient: Patient) -> bool | None:
        """True/False for this patient; None where the patient's value is not known."""
        if self.condition == "any":
            return True
        if self.condition == "dialysis":
            return bool({"dialysis", "haemodialysis", "hemodialysis"} & set(patient.conditions))
        if self.condition == "hepatic":
            return None if patient.hepatic is None else patient.hepatic.value == self.value
        value = {"age": patient.age, "weight_kg": patient.weight_kg,
                 "crcl_ml_min": patient.crcl_ml_min}[self.condition]
        return self.band.contains(value)

    def describe_condition(self) -> str:
        """``adults``, ``severe hepatic``, ``CrCl 30–<60 mL/min``, ``age ≥65 years``."""
        if self.condition == "any":
            return "adults"
        if self.condition in ("hepatic", "dialysis"):
            return f"{self.value or ''} {self.condition}".strip()
        return f"{_CONDITION_NAMES[self.condition]} {self.band.format(_CONDITION_UNITS[self.condition])}"


@attrs.frozen(repr=False, eq=False)
class SafetyRule(Value):
    """The rule behind a check: its severity, threshold and what its source says."""

    check: str
    severity: Severity
    threshold: float | None
    unit: str
    statement: str
    source: str

    @classmethod
    def from_row(cls, row: Row) -> SafetyRule:
        return cls(row["check"], Severity(row["severity"]), row.get("threshold"),
                   row.get("threshold_unit", ""), row["statement"], row["source"])


@attrs.frozen(repr=False, eq=False)
class SafetyRules(Value):
    """The rows of ``safety_rules.csv`` in file order; the first row of a check is its default."""

    rows: tuple[SafetyRule, ...]

    def first(self, check: str, *, threshold: bool = False) -> SafetyRule:
        """The default row of a check; with ``threshold``, the first row that gives one."""
        for row in self.rows:
            if row.check == check and (not threshold or row.threshold is not None):
                return row
        raise LookupError(f"no rule {check!r}{' with a threshold' if threshold else ''} in "
                          "safety_rules.csv")


@attrs.frozen(repr=False, eq=False)
class DrugProperties(Value):
    """drug → property → (value, source), from ``drug_properties.csv`` (first row wins)."""

    table: Mapping[str, Mapping[str, tuple[str, str]]]

    @classmethod
    def from_rows(cls, rows: Sequence[Row]) -> DrugProperties:
        found: dict[str, dict[str, tuple[str, str]]] = {}
        for row in rows:
            found.setdefault(row["drug"], {}).setdefault(row["property"],
                                                         (row["value"], row["source"]))
        return cls(MappingProxyType({k: MappingProxyType(v) for k, v in found.items()}))

    def get(self, drug: str, name: str) -> tuple[str, str] | None:
        return self.table.get(drug, {}).get(name)


@attrs.frozen(repr=False, eq=False)
class UsualRange(Value):
    """A usual palliative daily dose range of a drug for an indication [mg/day]."""

    drug: str
    route: Route | None
    indication: str
    low: float
    high: float
    source: str

    @classmethod
    def from_row(cls, row: Row) -> UsualRange:
        return cls(row["drug"], row.get("route"), row["indication"], row["daily_mg_low"],
                   row["daily_mg_high"], row["source"])


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
