"""Practice data as objects: what can be given, how often, the rules of switching, patch tables.

- ``strengths.csv``: marketed strengths by drug, route, release, form and market;
- ``schedules.csv``: the usual interval of each product type (ER oral q12h, patch 72 h …);
- ``rotation_rules.csv`` and ``methadone_rules.csv``: rules with a value or a range; a rule may
  have several rows, one per source: the **first row of a rule is its default**;
- ``patch_conversion.csv``: the manufacturers' direction-dependent patch tables;
- ``methadone_methods.csv``: the tiers of the dose-tiered methadone methods.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from mpsdose.knowledge.loader import Row
from mpsdose.knowledge.schema import Interval
from mpsdose.model.numbers import bounds
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

__all__ = [
    "PatchBand",
    "Rule",
    "Rules",
    "Strength",
    "Tier",
    "UsualSchedule",
    "best_schedule",
]


@attrs.frozen(repr=False, eq=False)
class Strength(Value):
    """The marketed strengths of one product type in one market."""

    drug: str
    route: Route
    release: str | None
    form: str
    market: str
    strengths: tuple[float, ...]
    #: ``mg`` (a dosage unit), ``mcg/h`` (a patch), ``mg/mL`` (a liquid or injection), ``mg/g``
    #: (a powder by its percentage)
    unit: str
    step_mg: float | None  #: smallest measurable dose of a liquid or injection [mg]
    source: str

    @classmethod
    def from_row(cls, row: Row) -> Strength:
        return cls(row["drug"], row["route"], row.get("release"), row["form"], row["market"],
                   row["strengths"], row["unit"], row.get("step"), row["source"])

    @property
    def countable(self) -> bool:
        """Tablets, capsules, suppositories and patches: given as whole units."""
        return self.unit in ("mg", "mcg/h")


@attrs.frozen(repr=False, eq=False)
class StrengthProduct(Value):
    """Which product a strengths row is, whether it is the reference family of its drug, and
    the salt its strengths are labelled in (``strength_products.csv``)."""

    drug: str
    route: Route
    release: str | None
    form: str
    market: str
    product: str
    reference: bool
    #: mg of the labelled moiety per mg as mpsdose computes the drug (Xtampza ER: 0.9)
    labelled_per_computed: float
    source: str

    @classmethod
    def from_row(cls, row: Row) -> StrengthProduct:
        return cls(row["drug"], row["route"], row.get("release"), row["form"], row["market"],
                   row["product"], row.get("reference") == "yes",
                   row["labelled_per_computed"], row["source"])

    @property
    def key(self) -> tuple[str, Route, str | None, str, str]:
        return (self.drug, self.route, self.release, self.form, self.market)


@attrs.frozen(repr=False, eq=False)
class UsualSchedule(Value):
    """The usual scheduled interval of a product type (None: a continuous infusion)."""

    drug: str
    route: Route
    release: str | None
    form: str | None
    interval_h: float | None
    interval_h_max: float | None
    prn_interval_h: float | None
    source: str
    notes: str = ""
    #: the brand names (lower case) whose label gives this interval; empty: none named
    products: frozenset[str] = frozenset()
    #: the one market where the product is marketed (the Fentos one-day patch: jp); None: any
    market: str | None = None

    @classmethod
    def from_row(cls, row: Row) -> UsualSchedule:
        return cls(row["drug"], row["route"], row.get("release"), row.get("form"),
                   row.get("interval_h"), row.get("interval_h_max"), row.get("prn_interval_h"),
                   row["source"], row.get("notes", ""), row.names("products"),
                   row.get("market"))

    @property
    def interval_range(self) -> tuple[float, float] | None:
        """(shortest, longest) interval [h]; None for a continuous infusion."""
        if self.interval_h is None:
            return None
        return self.interval_h, self.interval_h_max or self.interval_h


def best_schedule(rows: Sequence[UsualSchedule], drug: str, route: Route,
                  release: str | None = None, form: str | None = None) -> UsualSchedule | None:
    """The best-matching usual schedule, or None.

    A row for the exact release wins over one for any release; a row for the asked form over a
    row for any form; where no form is asked, the first row of any form serves. Rows for another
    release, or another form than the one asked, never match.
    """
    best: tuple[int, UsualSchedule] | None = None
    for row in rows:
        if row.drug != drug or row.route is not route:
            continue
        if row.release is not None and row.release != release:
            continue
        if form is not None and row.form is not None and row.form != form:
            continue
        rank = (row.release is not None) * 2 + (form is not None and row.form == form)
        if best is None or rank > best[0]:
            best = (rank, row)
    return None if best is None else best[1]


@attrs.frozen(repr=False, eq=False)
class Rule(Value):
    """One rule of practice with its source: a value or a range (fractions, hours, mg/day)."""

    rule: str
    drug: str | None
    value: float | None
    low: float | None
    high: float | None
    unit: str
    source: str
    notes: str = ""
    market: str | None = None  #: the market whose source the row is; None: no market
    #: the patients the source's rule is for (``opioid-tolerant``); None: any patient
    population: str | None = None

    @classmethod
    def from_row(cls, row: Row) -> Rule:
        value, low, high = row.get("value"), row.get("value_low"), row.get("value_high")
        if value is None and low is None:
            raise row.error("a rule needs a value or value_low and value_high", "value")
        return cls(row["rule"], row.get("drug"), value, low, high, row.get("unit", ""),
                   row["source"], row.get("notes", ""), row.get("market"),
                   row.get("population"))

    @property
    def bounds(self) -> tuple[float, float]:
        """(low, high): the range where the row gives one, else the point value twice."""
        return bounds(self.value, self.low, self.high)


@attrs.frozen(repr=False, eq=False)
class Rules(Value):
    """The rows of a rules file, in file order, and the rule names its readers need."""

    file: str
    rows: tuple[Rule, ...]

    def all(self, name: str, drug: str | None = None) -> list[Rule]:
        """Every row of one rule (for one drug, or for any opioid), in file order; the first is
        the default. ``LookupError`` where the file has none."""
        found = [r for r in self.rows if r.rule == name and (r.drug is None or r.drug == drug)]
        if not found:
            raise LookupError(f"no rule {name!r} in {self.file}")
        return found

    def first(self, name: str, drug: str | None = None) -> Rule:
        """The default (first) row of a rule; ``LookupError`` where there is none."""
        return self.all(name, drug)[0]

    def for_market(self, name: str, drug: str | None = None,
                   market: str | None = None) -> Rule:
        """The row of a rule for a market: that market's row for the drug, else its row for any
        opioid, else the rule's default (first) row. Without a market, the default row."""
        rows = self.all(name, drug)
        if market is not None:
            mine = [r for r in rows if r.market == market]
            for row in sorted(mine, key=lambda r: r.drug is None):
                return row
        return rows[0]

    def get(self, name: str, drug: str | None = None) -> Rule | None:
        """The default row of a rule, or None where the file has none (an optional rule)."""
        try:
            return self.first(name, drug)
        except LookupError:
            return None


#: The patient groups a label switch row may start at half its dose (column halved_for).
HALVED_FOR = frozenset({"older", "hepatic", "renal-severe"})


@attrs.frozen(repr=False, eq=False)
class LabelSwitch(Value):
    """One row of a product label's own switching table (``label_switches.csv``): the new
    product's daily dose for a band of the previous opioid's daily dose, as a ratio or a dose."""

    table: str
    market: str
    product: str
    drug: str
    route: Route
    release: str | None
    from_drug: str
    from_route: Route
    from_release: str | None
    band: Interval
    ratio: float | None
    daily_mg: float | None
    source: str
    notes: str = ""
    #: "ome" where the band is the previous regimen's oral morphine equivalent (every opioid of
    #: it), as a label converting from a morphine sulfate equivalent reads it; None where it is
    #: mg/day of ``from_drug`` itself
    basis: str | None = None
    #: patients the label starts at half the row's dose: "older" (65 or more), "hepatic" (any
    #: impairment), "renal-severe" (CrCl below 30 mL/min)
    halved_for: frozenset[str] = frozenset()

    @classmethod
    def from_row(cls, row: Row) -> LabelSwitch:
        ratio, daily = row.get("ratio"), row.get("daily_mg")
        if (ratio is None) == (daily is None):
            raise row.error("a label switch gives a ratio or a daily_mg (one of them)", "ratio")
        basis = row.get("basis")
        if basis == "ome" and (row["from_drug"], row["from_route"]) != ("morphine", Route.ORAL):
            raise row.error("a band of oral morphine equivalents names morphine, oral as its "
                            "from_drug and from_route", "from_drug")
        halved = frozenset((row.get("halved_for") or "").split())
        unknown = halved - HALVED_FOR
        if unknown:
            raise row.error(f"halved_for names {sorted(unknown)}; use of: "
                            f"{', '.join(sorted(HALVED_FOR))}", "halved_for")
        return cls(row["table"], row["market"], row["product"], row["drug"], row["route"],
                   row.get("release"), row["from_drug"], row["from_route"],
                   row.get("from_release"), row["band"], ratio, daily, row["source"],
                   row.get("notes", ""), basis, halved)

    def halved(self, age: float | None, hepatic_impaired: bool | None,
               crcl_ml_min: float | None) -> bool:
        """Whether the label starts this patient at half the row's dose (a value not given
        reads as the group's: the half)."""
        return (("older" in self.halved_for and (age is None or age >= 65))
                or ("hepatic" in self.halved_for and hepatic_impaired is not False)
                or ("renal-severe" in self.halved_for
                    and (crcl_ml_min is None or crcl_ml_min < 30)))

    def allowed(self, previous_mg_day: float) -> float | None:
        """The new daily dose [mg] the label gives for the previous daily dose, or None where
        the dose is outside the row's band."""
        if not self.band.contains(previous_mg_day):
            return None
        return previous_mg_day * self.ratio if self.ratio is not None else self.daily_mg


@attrs.frozen(repr=False, eq=False)
class PatchBand(Value):
    """One row of a manufacturer's patch table: a band of current daily dose → a patch."""

    table: str
    drug: str
    direction: str
    from_drug: str
    from_route: Route
    band: Interval
    unit: str
    patch_mcg_h: float
    source: str
    notes: str = ""

    @classmethod
    def from_row(cls, row: Row) -> PatchBand:
        band: Interval = row["band"]
        if band.low is None:
            raise row.error("a patch band starts at a dose (write '[0, 45)' for 'below 45')",
                            "band")
        return cls(row["table"], row["drug"], row["direction"], row["from_drug"],
                   row["from_route"], band, row["unit"], row["patch_mcg_h"], row["source"],
                   row.get("notes", ""))

    @property
    def from_min(self) -> float:
        assert self.band.low is not None
        return self.band.low


@attrs.frozen(repr=False, eq=False)
class Tier(Value):
    """One tier of a dose-tiered methadone method: an OME band → a ratio or a percentage."""

    method: str
    band: Interval
    ratio: tuple[float, float] | None  #: oral morphine : oral methadone (low, high)
    percent: tuple[float, float] | None  #: methadone daily dose as % of the OME (low, high)
    source: str
    notes: str = ""
    #: the fraction the method's source then takes off the dose (low, high); None: none given
    reduction: tuple[float, float] | None = None

    @classmethod
    def from_row(cls, row: Row) -> Tier:
        ratio = percent = None
        if row.get("ratio") is not None:
            ratio = (row["ratio"], row["ratio"])
        elif row.get("ratio_low") is not None:
            ratio = (row["ratio_low"], row["ratio_high"])
        if row.get("percent_low") is not None:
            percent = (row["percent_low"], row["percent_high"])
        if ratio is None and percent is None:
            raise row.error("a tier needs a ratio or a percentage", "ratio")
        reduction = None
        if row.get("reduction_low") is not None:
            if row["reduction_high"] >= 100:
                raise row.error("a reduction of 100% or more leaves no dose", "reduction_high")
            reduction = (row["reduction_low"] / 100, row["reduction_high"] / 100)
        return cls(row["method"], row.get("ome_band", Interval()), ratio, percent, row["source"],
                   row.get("notes", ""), reduction)

    @property
    def ome_max(self) -> float | None:
        return self.band.high

    def applies_to(self, ome: float) -> bool:
        return bool(self.band.contains(ome))
