"""The label rules of one market (``market_rules.csv``), as objects.

Each row is one rule of a family the code reads by name (:data:`~mpsdose.knowledge.schema.
MARKET_RULES`): the market's default rotation and patch tables, a rescue fraction, a maximum daily
or single dose (for every patient, a CrCl band, or one indication only), an opioid-naive starting
maximum, "switch only" products, the methadone label's switching rules, and the lowest patch a
market's label and tables start from a previous oral morphine equivalent (``patch_low_start``).
What each family needs is checked here, when the row becomes an object, with the row's file and
line.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from mpsdose.knowledge.loader import Row
from mpsdose.knowledge.schema import Interval
from mpsdose.model.findings import Severity
from mpsdose.model.numbers import bounds
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

__all__ = ["MarketRule", "MarketRules"]

#: What each family needs besides its market: a drug, a value (or a range), a table, a band.
_NEEDS: dict[str, tuple[str, ...]] = {
    "rotation_table": ("table",),
    "patch_table": ("table",),
    "rescue_fraction": ("drug", "value"),
    "naive_start_max": ("drug", "value"),
    "switch_only": ("drug",),
    "methadone_min_prior_ome": ("value",),
    "methadone_start": ("value", "band"),
    "methadone_no_increase_days": ("value",),
    "patch_low_start": ("drug", "value", "band"),
    "naive_start_low_end": ("band",),
    "concentrate_indication": ("drug", "value"),
}


@attrs.frozen(repr=False, eq=False)
class MarketRule(Value):
    """One label rule of a market, with its source."""

    market: str
    rule: str
    drug: str | None
    route: Route | None
    release: str | None
    interval_h: float | None
    condition: str  #: any, age, crcl_ml_min, indication, prior_ome_mg_per_day
    band: Interval
    indication: str | None
    value: float | None
    low: float | None
    high: float | None
    unit: str
    table: str | None
    severity: Severity
    product: str
    statement: str
    source: str
    notes: str = ""
    where: str = ""

    @classmethod
    def from_row(cls, row: Row) -> MarketRule:
        rule = row["rule"]
        value, low, high = row.get("value"), row.get("value_low"), row.get("value_high")
        band: Interval = row.get("condition_band", Interval())
        condition = row["condition"]
        for need in _NEEDS[rule]:
            if need == "value" and value is None and low is None:
                raise row.error(f"a {rule} rule needs a value or value_low and value_high",
                                "value")
            if need == "band" and band.unbounded:
                raise row.error(f"a {rule} rule needs its condition_band", "condition_band")
            if need in ("drug", "table") and row.get(need) is None:
                raise row.error(f"a {rule} rule needs its {need}", need)
        if condition == "indication" and not row.get("indication"):
            raise row.error("an indication rule names its indication", "indication")
        if condition in ("age", "crcl_ml_min", "prior_ome_mg_per_day") and band.unbounded:
            raise row.error(f"a {condition} rule needs its band", "condition_band")
        return cls(row["market"], rule, row.get("drug"), row.get("route"), row.get("release"),
                   row.get("interval_h"), condition, band, row.get("indication"), value, low,
                   high, row.get("unit", ""), row.get("table"), Severity(row["severity"]),
                   row.get("product", ""), row["statement"], row["source"],
                   row.get("notes", ""), row.where)

    @property
    def bounds(self) -> tuple[float, float]:
        """(low, high): the range where the row gives one, else the point value twice."""
        return bounds(self.value, self.low, self.high)

    def matches(self, drug: str, route: Route | None = None, release: str | None = None,
                interval_h: float | None = None) -> bool:
        """True where the rule is for this drug, route, release and (for a patch) interval."""
        if self.drug is not None and self.drug != drug:
            return False
        if self.route is not None and route is not None and self.route is not route:
            return False
        if self.release is not None and (release or "ir") != self.release:
            return False
        return not (self.interval_h is not None and interval_h is not None
                    and abs(self.interval_h - interval_h) > 1e-9)


@attrs.frozen(repr=False, eq=False)
class MarketRules(Value):
    """The rows of ``market_rules.csv`` in file order."""

    rows: tuple[MarketRule, ...] = ()

    @classmethod
    def from_rows(cls, rows: Sequence[Row]) -> MarketRules:
        return cls(tuple(MarketRule.from_row(row) for row in rows))

    def of(self, market: str | None, rule: str) -> list[MarketRule]:
        """Every row of one family in one market, in file order."""
        return [r for r in self.rows if r.market == market and r.rule == rule]

    def first(self, market: str | None, rule: str, drug: str | None = None,
              route: Route | None = None, release: str | None = None) -> MarketRule | None:
        """The first row of a family for a drug (or the market as a whole), or None."""
        for row in self.of(market, rule):
            if drug is None or row.matches(drug, route, release):
                return row
        return None

    @property
    def markets(self) -> frozenset[str]:
        return frozenset(row.market for row in self.rows)
