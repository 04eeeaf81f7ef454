"""The declared schema of every data file: its columns, their types and units, and its key.

One schema per file of ``data/``, checked by one loader (:mod:`mpsdose.knowledge.loader`) when the
file is read — the shipped file or a hospital's own file of the same name (``--knowledge DIR``).
The conventions, the same in every file:

- **Every row has a source** (``source``: a publication, a label, a guideline page, or a public
  repository at a commit) and a **grade** (``grade``): ``P`` where the issuing body's own text was
  seen, ``S`` where only a copy or a summary was.
- **A range** of values is written as two columns ``<name>_low`` and ``<name>_high``, both
  included, with an optional point value ``<name>`` inside it (``factor``, ``factor_low``,
  ``factor_high``).
- **A band** (the interval of a measured quantity that selects a row: a patient's age, a daily
  dose) is written in one cell in interval notation, its brackets saying which edges are in:
  ``[30, 60)`` is 30 ≤ x < 60, ``(20, 40]`` is 20 < x ≤ 40, ``[65, )`` is x ≥ 65, and an empty
  cell is every value. Each table keeps the edges its source prints, read in the safe direction.
  The conversion-table format that other tools write (CONTRACT.md §3) keeps its two columns
  ``daily_dose_min`` and ``daily_dose_max``, read as ``(daily_dose_min, daily_dose_max]``.
- **Units**: a column whose unit is the same on every row declares it here (and in its name where
  that is how the file has always been read, ``max_daily_mg``); where the unit differs by row, a
  ``unit`` column beside the value says it.
- Blank lines and lines starting with ``#`` are skipped; every cell is trimmed.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Mapping

import attrs

from mpsdose.model.products import STRENGTH_UNITS
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import DRUG_CLASSES

__all__ = ["GRADES", "LIMIT_MARKETS", "MARKET_RULES", "OTHER_DRUG_CLASSES", "SCHEMAS", "Column",
           "Interval", "Kind", "Schema", "parse_interval"]

#: The source grades a row may have.
GRADES = {"P": "the issuing body's own text was seen", "S": "a copy or a summary was seen"}


class Kind(enum.Enum):
    """What a column holds, and how its cells are read."""

    TEXT = "text"
    NUMBER = "number"  #: a finite number
    POSITIVE = "positive"  #: a finite number > 0
    NONNEGATIVE = "non-negative"  #: a finite number ≥ 0
    NUMBERS = "numbers"  #: positive numbers separated by spaces ("5 10 20")
    DRUG = "drug"  #: a drug the catalogue knows (any of its names; read as the canonical name)
    ROUTE = "route"  #: a route spelling (oral, po, sc …)
    ROUTE_OR_GROUP = "route or group"  #: a route, or a group of routes (parenteral)
    ROUTES = "routes"  #: canonical route names separated by spaces
    FORM = "form"  #: a canonical dosage form (tablet, patch …)
    FORMS = "forms"  #: canonical dosage forms separated by spaces
    RELEASE = "release"  #: ir or er
    CHOICE = "choice"  #: one of the column's choices
    INTERVAL = "interval"  #: a band in interval notation, "[30, 60)"
    GRADE = "grade"  #: P or S
    DATE = "date"  #: an ISO date, or as much of one as the source gives (YYYY-MM, YYYY)
    SETTINGS = "settings"  #: care settings separated by spaces (end-of-life hospice)


@attrs.frozen(repr=False, eq=False)
class Column(Value):
    """One column of a data file.

    ``required`` columns must be present in the header and non-empty on every row; an optional
    column may be absent from the header (a hospital's own file) or empty on a row.
    """

    name: str
    kind: Kind = Kind.TEXT
    required: bool = True
    unit: str = ""
    choices: tuple[str, ...] = ()
    doc: str = ""


@attrs.frozen(repr=False, eq=False)
class Schema(Value):
    """The schema of one data file: its columns, the columns that identify a row, its ranges."""

    file: str
    title: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  #: no two rows may share these cells (empty: no key)
    ranges: tuple[str, ...] = ()  #: base names of <name>_low/<name>_high pairs
    doc: str = ""
    open: bool = False  #: columns beyond the schema are allowed (and ignored)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.file} has no column {name!r}")

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def for_table_files(self) -> Schema:
        """This schema as CONTRACT.md §3 reads a user's own table file: extra columns allowed,
        ``grade`` optional."""
        columns = tuple(attrs.evolve(c, required=False) if c.name == "grade" else c
                        for c in self.columns)
        return attrs.evolve(self, columns=columns, open=True)


@attrs.frozen(repr=False, eq=False)
class Interval(Value):
    """A band of a measured quantity: ``low`` and ``high`` (None: unbounded), and which edges are in.

    >>> band = parse_interval("[30, 60)")
    >>> (band.contains(30), band.contains(60))
    (True, False)
    """

    low: float | None = None
    high: float | None = None
    low_closed: bool = True
    high_closed: bool = False

    @classmethod
    def upper_closed(cls, low: float | None, high: float | None) -> Interval:
        """``(low, high]``: the convention of CONTRACT.md §3's ``daily_dose_min/max``."""
        return cls(low, high, low_closed=False, high_closed=True)

    @property
    def unbounded(self) -> bool:
        return self.low is None and self.high is None

    def contains(self, value: float | None) -> bool | None:
        """True or False; None where the value is not known and the band is bounded."""
        if self.unbounded:
            return True
        if value is None:
            return None
        if self.low is not None and (value < self.low or (value == self.low
                                                           and not self.low_closed)):
            return False
        return not (self.high is not None and (value > self.high or (value == self.high
                                                                     and not self.high_closed)))

    def overlaps(self, other: Interval) -> bool:
        """True where some value lies in both bands."""
        def below(a: Interval, b: Interval) -> bool:  # every value of a is below every one of b
            if a.high is None or b.low is None:
                return False
            return a.high < b.low or (a.high == b.low and not (a.high_closed and b.low_closed))

        return not (below(self, other) or below(other, self))

    def format(self, unit: str = "") -> str:
        """``"[30, 60)"``; with a unit, in words: ``"30–<60 mL/min"``, ``"≥65 years"``."""
        if not unit:
            low = "" if self.low is None else f"{self.low:g}"
            high = "" if self.high is None else f"{self.high:g}"
            return (f"{'[' if self.low_closed else '('}{low}, {high}"
                    f"{']' if self.high_closed else ')'}")
        if self.low is not None and self.high is not None:
            left = f"{self.low:g}" if self.low_closed else f">{self.low:g}"
            right = f"≤{self.high:g}" if self.high_closed else f"<{self.high:g}"
            return f"{left}–{right} {unit}"
        if self.low is not None:
            return f"{'≥' if self.low_closed else '>'}{self.low:g} {unit}"
        if self.high is not None:
            return f"{'≤' if self.high_closed else '<'}{self.high:g} {unit}"
        return f"any {unit}".strip()

    def __str__(self) -> str:
        return self.format()


_INTERVAL = re.compile(r"^([\[(])\s*([^,\s]*)\s*,\s*([^,\s\])]*)\s*([\])])$")


def parse_interval(text: str) -> Interval:
    """An :class:`Interval` from ``"[30, 60)"``, ``"(20, 40]"``, ``"[65, )"``; ``""`` = unbounded.

    Raises ``ValueError`` with the accepted form.
    """
    text = text.strip()
    if not text:
        return Interval()
    match = _INTERVAL.match(text)
    if match is None:
        raise ValueError(f"band {text!r} is not in interval notation such as '[30, 60)', "
                         "'(20, 40]' or '[65, )'")
    opening, low_text, high_text, closing = match.groups()
    bounds: list[float | None] = []
    for part in (low_text, high_text):
        if not part:
            bounds.append(None)
            continue
        try:
            value = float(part)
        except ValueError:
            raise ValueError(f"band {text!r}: {part!r} is not a number") from None
        if not math.isfinite(value):
            raise ValueError(f"band {text!r}: write an open end as empty, not {part!r}")
        bounds.append(value)
    low, high = bounds
    if low is not None and high is not None and (low > high or (low == high and not (
            opening == "[" and closing == "]"))):
        raise ValueError(f"band {text!r} is empty")
    if (low is None and opening == "[") or (high is None and closing == "]"):
        raise ValueError(f"band {text!r}: an open end takes a round bracket")
    return Interval(low, high, low_closed=opening == "[", high_closed=closing == "]")


# -- the files -----------------------------------------------------------------------------------
_SOURCE = (
    Column("source", doc="Where the row's facts come from: publication, label, guideline page "
                         "or a public repository at a commit."),
    Column("grade", Kind.GRADE, doc="P: the issuing body's own text was seen; S: a copy or a "
                                    "summary."),
    Column("notes", required=False, doc="What a reader should know: the wording of the source, "
                                        "disagreements, what was left out."),
)
_MARKETS = ("us", "uk", "jp", "eu")
#: The broad classes of ``other_drug_names.csv``: the sections of the WHO Model List of Essential
#: Medicines, shortened.
OTHER_DRUG_CLASSES = (
    "anaesthetic", "analgesic or antirheumatic", "antiallergic", "antidote", "anticonvulsant",
    "anti-infective", "antimigraine", "antineoplastic or immunosuppressive", "antiparkinsonian",
    "blood", "cardiovascular", "dermatological", "diuretic", "gastrointestinal",
    "hormone or antidiabetic", "muscle relaxant or cholinesterase inhibitor", "ophthalmological",
    "oxytocic or antioxytocic", "psychotropic", "respiratory", "vitamin or mineral",
    "ear, nose and throat", "neonatal care")
#: What a maximum dose row may be conditional on (dose_limits.csv, setting_limits.csv).
LIMIT_CONDITIONS = ("any", "age", "weight_kg", "crcl_ml_min", "hepatic", "dialysis", "risk_factor",
                    "opioid_tolerant", "daily_dose", "with_drug")
#: The banded conditions a dose_limits.csv row may join to its own (and_condition).
LIMIT_AND_CONDITIONS = ("age", "weight_kg", "crcl_ml_min")
#: Markets a limit or a starting dose may be scoped to (a label's country or region).
LIMIT_MARKETS = ("us", "uk", "eu", "jp", "au", "nz")
#: The rule families of ``market_rules.csv`` the code reads (mpsdose.clinical.market).
MARKET_RULES = (
    "rotation_table", "patch_table", "rescue_fraction", "naive_start_max", "switch_only",
    "methadone_min_prior_ome", "methadone_start", "methadone_no_increase_days",
    "patch_low_start", "naive_start_low_end", "concentrate_indication",
)
_DAILY_UNITS = ("mg/day", "mcg/day", "mcg/h")


def _schema(file: str, title: str, *columns: Column, key: tuple[str, ...] = (),
            ranges: tuple[str, ...] = (), doc: str = "", open: bool = False) -> Schema:
    return Schema(file, title, (*columns, *_SOURCE), key, ranges, doc, open)


SCHEMAS: Mapping[str, Schema] = {schema.file: schema for schema in (
    _schema(
        "drugs.csv", "The drug catalogue",
        Column("drug", doc="Canonical lower-case name (USAN where it differs from the INN)."),
        Column("drug_class", Kind.CHOICE, doc="The drug's class (see `mpsdose drugs`).",
               choices=tuple(c for c in DRUG_CLASSES if c != "unlisted")),
        Column("atc_code", required=False, doc="WHO ATC code."),
        Column("routes", Kind.ROUTES, doc="Routes with a marketed product or in routine "
                                          "palliative use."),
        Column("forms", Kind.FORMS, required=False, doc="Canonical dosage forms."),
        Column("natural_unit", Kind.CHOICE, required=False, choices=("mg/day", "g/day",
                                                                    "mcg/day", "units/day"),
               doc="The daily unit a pharmacist reads for this drug (default mg/day); "
                   "units/day: the drug is dosed in units of activity (heparin), its items "
                   "in units only and its dose limits in units (never an opioid)."),
        key=("drug",),
        doc="Every drug mpsdose knows; other files name drugs by any of their names.",
    ),
    _schema(
        "other_drug_names.csv", "Drugs the catalogue does not know, by name",
        Column("name", doc="The INN in lower case, its salt left off where the INN has none "
                           "(\"lithium carbonate\" keeps its own)."),
        Column("aliases", required=False,
               doc="Other names of the same drug, separated by ';' (\"divalproex sodium; "
                   "sodium valproate\"); a salt word after a name is stripped when it is read."),
        Column("drug_class", Kind.CHOICE, choices=OTHER_DRUG_CLASSES,
               doc="A broad class, from the section of the source list that holds the drug."),
        key=("name",),
        doc="Read by `mpsdose read` only: an amount given to one of these names is read as an "
            "item not in the catalogue — reported, never totalled, never checked. A name the "
            "catalogue knows is refused here.",
    ),
    _schema(
        "drug_vocabulary.csv", "A drug vocabulary: names of medicines the catalogue lacks",
        Column("name", doc="A name as written, lower case (a generic name, a brand, another "
                           "spelling the vocabulary gives)."),
        Column("drug", doc="The medicine it names, lower case: never a drug the catalogue knows."),
        Column("kind", Kind.CHOICE, choices=("generic", "other name"),
               doc="generic: the medicine's own name; other name: a brand or another name."),
        Column("identifier", doc="The medicine's entry in the vocabulary (DrugBank or "
                                 "MedlinePlus identifier)."),
        key=("name",),
        doc="Read by `mpsdose read` only, after `other_drug_names.csv` (whose rows win): an "
            "amount given to one of these names is read as an item not in the catalogue — "
            "reported, never totalled, never checked. Built by "
            "`scripts/build_drug_vocabulary.py` from a public vocabulary (DrugBank's open "
            "vocabulary, MeSH, MedlinePlus); its docstring says what it keeps and leaves out. "
            "A name the catalogue knows is refused here.",
    ),
    _schema(
        "drug_names.csv", "Other names of the drugs",
        Column("name", doc="A name as written (INN, USAN, salt, brand, abbreviation)."),
        Column("drug", Kind.DRUG, doc="The drug it stands for."),
        Column("kind", required=False, doc="canonical, inn, usan, salt, brand, abbreviation, "
               "illicit (the name of the drug as a substance of misuse: heroin) …"),
        Column("release", Kind.RELEASE, required=False,
               doc="A brand's release (ir or er) where every oral form of it has that one "
                   "(OxyContin er, OxyNorm ir), named by its label in ``source``; the item "
                   "language sets it on an oral item that writes none and refuses one that "
                   "writes the other. Empty where the brand spans release forms (Oramorph, "
                   "Oramorph SR) or is not an oral opioid."),
        key=("name",),
    ),
    _schema(
        "combination_products.csv", "Combination products",
        Column("name", doc="The product's name (percocet)."),
        Column("components", doc="Its drugs, separated by '/', in the order of the strengths."),
        Column("strengths_mg", unit="mg", doc="Strength of each component per unit, '/'-separated."),
        Column("market", Kind.CHOICE, choices=_MARKETS, required=False),
        Column("release", Kind.RELEASE, required=False,
               doc="The product's release (ir or er), named by its label in ``source``: the item "
                   "language sets it on an oral item of the product that writes none, and on one "
                   "written with its components ('oxycodone/naloxone 10/5 mg') where every "
                   "product of those components has that one release (Targin, Targinact, "
                   "Targiniq: prolonged-release); it refuses a product written with the other. "
                   "Empty where the label is not read for it."),
        key=("name", "strengths_mg"),
    ),
    _schema(
        "opioid_equivalence.csv", "Opioid conversion tables (CONTRACT.md §3)",
        Column("table", doc="The table's id (cdc2022, spcg …); described in "
                            "equivalence_tables.csv."),
        Column("drug", Kind.DRUG),
        Column("route", Kind.ROUTE_OR_GROUP),
        Column("form", Kind.FORM, required=False, doc="A row for one dosage form only."),
        Column("unit", Kind.CHOICE, choices=_DAILY_UNITS,
               doc="The unit of the daily amount the factor applies to; mcg/h for a patch."),
        Column("factor", Kind.POSITIVE, required=False, unit="mg OME/day per unit",
               doc="mg/day of oral morphine per one unit of the daily amount."),
        Column("factor_low", Kind.POSITIVE, required=False, unit="mg OME/day per unit"),
        Column("factor_high", Kind.POSITIVE, required=False, unit="mg OME/day per unit"),
        Column("daily_dose_min", Kind.NONNEGATIVE, required=False, unit="the row's unit",
               doc="The row applies when daily_dose_min < amount ≤ daily_dose_max."),
        Column("daily_dose_max", Kind.POSITIVE, required=False, unit="the row's unit"),
        key=("table", "drug", "route", "form", "daily_dose_min", "daily_dose_max"),
        ranges=("factor",), open=True,
        doc="The format other tools write too (CONTRACT.md §3): columns beyond these are allowed.",
    ),
    _schema(
        "equivalence_tables.csv", "The conversion tables: what each is for",
        Column("table"),
        Column("title"),
        Column("purpose", Kind.CHOICE, choices=("surveillance", "rotation"),
               doc="surveillance (MME for risk and totals) or rotation (switching opioids)."),
        Column("version", required=False),
        Column("effective_date", Kind.DATE, required=False),
        key=("table",),
    ),
    _schema(
        "ome_thresholds.csv", "OME thresholds by guideline context",
        Column("context", doc="cdc2022, cdc2016, opioids-aware …; palliative care has none."),
        Column("threshold_mg_per_day", Kind.POSITIVE, unit="mg OME/day"),
        Column("severity", Kind.CHOICE, choices=("info", "warning"),
               doc="The severity of the finding at or above the threshold."),
        Column("meaning", doc="What the guideline says at this level."),
        key=("context", "threshold_mg_per_day"),
    ),
    _schema(
        "strengths.csv", "Marketed strengths, for rounding to what can be given",
        Column("drug", Kind.DRUG),
        Column("route", Kind.ROUTE),
        Column("release", Kind.RELEASE, required=False),
        Column("form", Kind.FORM),
        Column("market", Kind.CHOICE, choices=_MARKETS),
        Column("strengths", Kind.NUMBERS, unit="the row's unit"),
        Column("unit", Kind.CHOICE, choices=("mg", "mcg/h", "mg/mL", "mcg/mL", "mg/g"),
               doc="mg/g: a powder weighed out by its percentage (細粒20% = 200 mg/g), used "
                   "only to check a percentage a prescription writes."),
        Column("step", Kind.POSITIVE, required=False, unit="mg",
               doc="Smallest measurable dose of a liquid or injection."),
        key=("drug", "route", "release", "form", "market", "unit", "strengths"),
    ),
    _schema(
        "strength_products.csv", "Which product a strengths row is, and the salt it is labelled in",
        Column("drug", Kind.DRUG),
        Column("route", Kind.ROUTE),
        Column("release", Kind.RELEASE, required=False),
        Column("form", Kind.FORM),
        Column("market", Kind.CHOICE, choices=_MARKETS),
        Column("product", doc="The product the strengths.csv row of this drug, route, release, "
                              "form and market is (OxyContin, Xtampza ER): a plan names it."),
        Column("reference", Kind.CHOICE, required=False, choices=("yes",),
               doc="yes: the family a plan to the generic drug rounds to where several "
                   "products' strengths are shipped (never mixed with another product's)."),
        Column("labelled_per_computed", Kind.POSITIVE, unit="mg labelled per mg computed",
               doc="mg of the labelled moiety per mg as mpsdose computes the drug (its "
                   "conversion factors' salt): Xtampza ER 9 mg oxycodone base = 10 mg "
                   "oxycodone HCl, 0.9; 1 where the label is in the computed salt."),
        key=("drug", "route", "release", "form", "market"),
        doc="A strengths row with no row here is the drug's product as computed (factor 1).",
    ),
    _schema(
        "schedules.csv", "Usual dosing intervals",
        Column("drug", Kind.DRUG),
        Column("route", Kind.ROUTE),
        Column("release", Kind.RELEASE, required=False),
        Column("form", Kind.FORM, required=False),
        Column("interval_h", Kind.POSITIVE, required=False, unit="h",
               doc="Empty: a continuous infusion."),
        Column("interval_h_max", Kind.POSITIVE, required=False, unit="h"),
        Column("prn_interval_h", Kind.POSITIVE, required=False, unit="h"),
        Column("products", required=False,
               doc="The brand names (of drug_names.csv, separated by '|') whose label gives "
                   "this interval ('butrans|norspan': a 7-day patch). An item written with one "
                   "of them and no interval is read as that product: the dose rows scoped to "
                   "an interval (opioid_dose_ranges.csv interval_h) apply only where their "
                   "interval lies between interval_h and interval_h_max."),
        Column("market", Kind.CHOICE, required=False, choices=LIMIT_MARKETS,
               doc="The one market where this product is marketed (the Japanese one-day "
                   "fentanyl patch: jp); empty: any market. A transdermal order of a drug "
                   "named by no brand is judged against the shortest wear time of the rows "
                   "of the chosen market (every row where none is chosen)."),
        key=("drug", "route", "release", "form", "source"),
        doc="Where several rows match a product, the first is its usual schedule.",
    ),
    _schema(
        "rotation_rules.csv", "Rules of opioid rotation",
        Column("rule", doc="The rule's name, as the code asks for it."),
        Column("drug", Kind.DRUG, required=False, doc="Empty: any opioid."),
        Column("value", Kind.NUMBER, required=False),
        Column("value_low", Kind.NUMBER, required=False),
        Column("value_high", Kind.NUMBER, required=False),
        Column("unit", required=False),
        Column("market", Kind.CHOICE, required=False, choices=_MARKETS,
               doc="The market whose source the row is (the rescue share of --market jp is the "
                   "Japanese label's); empty: no market."),
        Column("population", Kind.CHOICE, required=False, choices=("opioid-tolerant",),
               doc="The patients the source's rule is for, where it says: 'opioid-tolerant' "
                   "(a protocol for patients already on opioids) is not applied to a patient "
                   "known to be opioid-naive, and is named as an assumption where tolerance is "
                   "not known; empty: any patient."),
        ranges=("value",),
        doc="A rule may have several rows, one per source, where sources differ: the first row of "
            "a rule is its default and the others are shown for comparison; with a market, the "
            "first row of that market (a drug's own row first) is used.",
    ),
    _schema(
        "patch_conversion.csv", "Manufacturers' patch tables",
        Column("table"),
        Column("drug", Kind.DRUG, doc="The patch's drug."),
        Column("direction", Kind.CHOICE, choices=("to_patch", "from_patch", "rescue"),
               doc="to_patch: the band of the current daily dose that the table converts to the "
                   "patch; rescue: the rescue dose (mg a dose) of from_drug by from_route that "
                   "the table prints beside the patch (immediate release where oral)."),
        Column("from_drug", Kind.DRUG),
        Column("from_route", Kind.ROUTE),
        Column("band", Kind.INTERVAL, unit="the row's unit",
               doc="The band of the current daily dose, as printed and read in the safe "
                   "direction (an amount between two printed bands takes the lower patch); for "
                   "a rescue row, the printed rescue dose, inclusive."),
        Column("unit", Kind.CHOICE, choices=("mg/day", "mg")),
        Column("patch_mcg_h", Kind.POSITIVE, unit="mcg/h"),
        key=("table", "drug", "direction", "from_drug", "from_route", "band"),
    ),
    _schema(
        "label_switches.csv", "Product labels' own oral switching tables, by market",
        Column("table", doc="The label's table (one product in one market)."),
        Column("market", Kind.CHOICE, choices=LIMIT_MARKETS),
        Column("product", doc="The product the label is for, as printed."),
        Column("drug", Kind.DRUG, doc="The new opioid."),
        Column("route", Kind.ROUTE),
        Column("release", Kind.CHOICE, required=False, choices=("ir", "er"),
               doc="The new product's release, where the label is for one."),
        Column("from_drug", Kind.DRUG, doc="The previous opioid."),
        Column("from_route", Kind.ROUTE),
        Column("from_release", Kind.CHOICE, required=False, choices=("ir", "er"),
               doc="The previous product's release, where the label's table names one."),
        Column("band", Kind.INTERVAL, unit="mg/day of the previous opioid",
               doc="The previous daily dose the row is for ('[0, )' for any)."),
        Column("basis", Kind.CHOICE, required=False, choices=("ome",),
               doc="'ome': the band is the previous regimen's oral morphine equivalent, every "
                   "opioid of it (from_drug and from_route are then morphine, oral), as labels "
                   "that convert from a morphine sulfate equivalent read it; empty: mg/day of "
                   "from_drug itself."),
        Column("ratio", Kind.POSITIVE, required=False,
               doc="The new daily dose per mg of the previous one (2/3: 0.6667)."),
        Column("daily_mg", Kind.POSITIVE, required=False, unit="mg/day",
               doc="The new daily dose the label gives for the band."),
        Column("halved_for", required=False,
               doc="Patients the label starts at half of what the row gives, space-separated: "
                   "older (65 years or more), hepatic (any hepatic impairment), renal-severe "
                   "(creatinine clearance below 30 mL/min). A patient whose age, hepatic or "
                   "renal function is not given is read as one of them (the half)."),
        key=("table", "from_drug", "from_route", "band"),
        doc="A switch at or below what the new product's own label gives for the previous daily "
            "dose, with --market that label's market, is the regulator-approved conversion and "
            "is information naming the label; above it, the switch warning stays. A switch above "
            "the start an 'ome' row gives (Belbuca's bands of morphine sulfate equivalent) is a "
            "warning naming the label.",
    ),
    _schema(
        "methadone_methods.csv", "Dose-tiered methadone methods",
        Column("method"),
        Column("ome_band", Kind.INTERVAL, required=False, unit="mg OME/day"),
        Column("ratio", Kind.POSITIVE, required=False,
               doc="oral morphine : oral methadone."),
        Column("ratio_low", Kind.POSITIVE, required=False),
        Column("ratio_high", Kind.POSITIVE, required=False),
        Column("percent_low", Kind.NONNEGATIVE, required=False, unit="% of the OME"),
        Column("percent_high", Kind.POSITIVE, required=False, unit="% of the OME"),
        Column("reduction_low", Kind.NONNEGATIVE, required=False,
               unit="% off the dose the ratio gives",
               doc="The reduction the method's own source then applies to the dose its ratio "
                   "or percentage gives (Ayonrinde-type table: 25-50%; MSD six tiers: 75-90%); "
                   "the start is the reduced dose. Empty: the method's source gives none."),
        Column("reduction_high", Kind.NONNEGATIVE, required=False,
               unit="% off the dose the ratio gives"),
        key=("method", "ome_band"),
        ranges=("ratio", "percent", "reduction"),
    ),
    _schema(
        "methadone_rules.csv", "Methadone constants, caps and intervals",
        Column("rule"),
        Column("value", Kind.NUMBER, required=False),
        Column("value_low", Kind.NUMBER, required=False),
        Column("value_high", Kind.NUMBER, required=False),
        Column("unit", required=False),
        ranges=("value",),
        doc="The first row of a rule is its default.",
    ),
    _schema(
        "dose_limits.csv", "Maximum doses",
        Column("drug", Kind.DRUG),
        Column("route", Kind.ROUTE, required=False, doc="Empty: every route."),
        Column("release", Kind.RELEASE, required=False, doc="Empty: any release."),
        Column("condition", Kind.CHOICE, choices=LIMIT_CONDITIONS,
               doc="opioid_tolerant: patients on long-term opioids (the patient's "
                   "opioid_tolerant); not known where tolerance is not given. daily_dose: not "
                   "the patient but the item: an item whose own daily dose of the drug (route, "
                   "release) lies in condition_band, a loading regimen (apixaban above 10 mg/day "
                   "for VTE treatment), limited to max_days, the row's only maximum. with_drug: "
                   "not the patient but the regimen: the maximum another drug's label sets for "
                   "this one when both are given (aspirin with ticagrelor), applying only where "
                   "the regimen lists condition_value."),
        Column("condition_band", Kind.INTERVAL, required=False,
               unit="years, kg or mL/min (the condition's); daily_dose: mg/day (dose_unit/day)"),
        Column("condition_value", required=False,
               doc="For hepatic: mild, moderate, severe, or impaired (any of the three); for "
                   "risk_factor: a patient condition (chronic-alcohol-use, malnutrition …, see "
                   "mpsdose.model.vocabulary.CONDITIONS); for daily_dose: the regimen the band "
                   "is, as the label writes it (named in the finding); for with_drug: the "
                   "partner drug (canonical name in drugs.csv) whose label sets the maximum."),
        Column("and_condition", Kind.CHOICE, required=False, choices=LIMIT_AND_CONDITIONS,
               doc="A second band the patient must also be in for the row to apply (age, "
                   "weight_kg or crcl_ml_min; the row's own condition one of them too): a "
                   "label's reduced dose for patients with two characteristics together "
                   "(apixaban in NVAF: age >=80 years and body weight <=60 kg). A daily_dose "
                   "row may join one too and then gives max_daily_mg, below its band's top: the "
                   "reduced day of the regimen its band is for those patients (enoxaparin "
                   "prophylaxis, a day of at most 40 mg, at CrCl <30 mL/min). Empty: the row's "
                   "condition alone."),
        Column("and_condition_band", Kind.INTERVAL, required=False,
               unit="years, kg or mL/min (and_condition's)"),
        Column("max_single_mg", Kind.NONNEGATIVE, required=False, unit="mg (dose_unit)"),
        Column("max_single_mg_per_kg", Kind.POSITIVE, required=False,
               unit="mg/kg (dose_unit/kg)",
               doc="A maximum of one dose per kg of body weight (IV lidocaine for pain, 5 mg/kg); "
                   "with max_single_mg too, the lower of the two judges the dose."),
        Column("max_daily_mg", Kind.NONNEGATIVE, required=False, unit="mg/day (dose_unit/day)",
               doc="0: not recommended."),
        Column("max_daily_mg_per_kg", Kind.POSITIVE, required=False,
               unit="mg/kg/day (dose_unit/kg/day)"),
        Column("max_days", Kind.POSITIVE, required=False, unit="days"),
        Column("scope", required=False,
               doc="The one indication or product the row is limited to (acute upper respiratory "
                   "inflammation; self-medication (OTC)); empty: every indication. A scoped "
                   "maximum is reported (warning) only where the drug has no general maximum of "
                   "the same kind, since mpsdose does not know the indication."),
        Column("market", Kind.CHOICE, required=False, choices=LIMIT_MARKETS,
               doc="The market of the row's label; `check --market` keeps that market's rows. "
                   "Where markets disagree, a dose above one market's maximum but within "
                   "another's is a warning naming both, not an error."),
        Column("severity", Kind.CHOICE, required=False, choices=("info", "warning", "error"),
               doc="How a dose above the row is reported (default error); a guideline that "
                   "says 'consider' a lower dose is a warning."),
        Column("caveat", required=False,
               doc="What the row does not know and the reader must confirm, added to its "
                   "finding (a reduced dose of one indication on a row of no scope: 'for DVT/PE "
                   "treatment the reduction does not apply: confirm the indication')."),
        Column("dose_unit", Kind.CHOICE, required=False, choices=("mg", "units"),
               doc="What the max_* columns count: mg, or units for a drug dosed in units of "
                   "activity (natural_unit units/day in drugs.csv: heparin, dalteparin), whose "
                   "rows always count in units. Optional (the shipped file has no such column); "
                   "where given it must agree with the catalogue."),
        doc="Every row that applies to the patient is checked; the strictest limit crossed is "
            "reported, with its source.",
    ),
    _schema(
        "setting_limits.csv", "Maximum doses of a care setting whose practice exceeds the licence",
        Column("drug", Kind.DRUG),
        Column("route", Kind.ROUTE, required=False, doc="Empty: every route."),
        Column("release", Kind.RELEASE, required=False, doc="Empty: any release."),
        Column("condition", Kind.CHOICE, choices=LIMIT_CONDITIONS,
               doc="As in dose_limits.csv."),
        Column("condition_band", Kind.INTERVAL, required=False,
               unit="years, kg or mL/min (the condition's)"),
        Column("condition_value", required=False, doc="As in dose_limits.csv."),
        Column("settings", Kind.SETTINGS,
               doc="The care settings (palliative hospice end-of-life community ...) whose source "
                   "gives the row."),
        Column("max_single_mg", Kind.NONNEGATIVE, required=False, unit="mg"),
        Column("max_daily_mg", Kind.NONNEGATIVE, required=False, unit="mg/day"),
        Column("max_daily_mg_per_kg", Kind.POSITIVE, required=False, unit="mg/kg/day"),
        Column("max_days", Kind.POSITIVE, required=False, unit="days"),
        Column("market", Kind.CHOICE, required=False, choices=LIMIT_MARKETS,
               doc="Empty: every market."),
        Column("severity", Kind.CHOICE, required=False, choices=("info", "warning", "error"),
               doc="How a dose above the row is reported (default error)."),
        doc="Where the patient's care setting is one of a row's settings, the row applies as a "
            "maximum, and the dose_limits.csv rows of the same drug, route, release and "
            "condition (any market) step down to info for each maximum the row gives (single, "
            "daily, duration), saying so and naming this row and its source: a licence maximum "
            "that palliative practice exceeds (metoclopramide SC, 30 mg/day by the licence, "
            "30-100 mg/24 h by palliative guidance). A maximum the row does not give stays as "
            "dose_limits.csv sets it, as do rows of another condition (a renal band). A row "
            "stricter than the licence row (a label's outpatient maximum, in the community) "
            "applies beside it and does not step it down.",
    ),
    _schema(
        "renal_opioid_doses.csv",
        "Doses of a renally cleared opioid that a source gives below a creatinine clearance",
        Column("drug", Kind.DRUG),
        Column("route", Kind.ROUTE),
        Column("release", Kind.RELEASE, required=False, doc="Empty: any release."),
        Column("crcl_band", Kind.INTERVAL, unit="mL/min",
               doc="The creatinine clearances the source gives the dose for ('(, 30)': below "
                   "30, CKD stage 4-5 and dialysis)."),
        Column("basis", Kind.CHOICE, choices=("start", "maximum"),
               doc="start: the source's starting dose in that renal function; maximum: the "
                   "source's renally adjusted maximum (the tramadol label's every 12 hours, at "
                   "most 200 mg a day)."),
        Column("min_interval_h", Kind.POSITIVE, required=False, unit="h",
               doc="The shortest interval between doses the source allows (the interval it "
                   "extends to); empty: the source sets none."),
        Column("per_dose", Kind.POSITIVE, required=False, unit="mg"),
        Column("per_day", Kind.POSITIVE, required=False, unit="mg/day",
               doc="Of the drug's scheduled items by the route (as-needed doses are judged per "
                   "dose)."),
        Column("settings", Kind.SETTINGS, required=False,
               doc="The care settings whose guidance gives the row (end-of-life); empty: every "
                   "setting."),
        key=("drug", "route", "release", "crcl_band", "basis", "settings", "source"),
        doc="The renal-opioid rule (safety_rules.csv) warns on a caution-class opioid "
            "(drug_properties.csv renally_cleared_active_metabolite 'caution') in regular use "
            "below its threshold: the sources' caution is to start low, extend the interval and "
            "titrate slowly. Where every item of the drug is at or below one of these rows (its "
            "route and release, per dose, the scheduled day, no more often than "
            "min_interval_h; the patient's CrCl in the band and setting among the row's "
            "settings), the caution is met and the finding is info, naming the row. Drugs "
            "the sources say to avoid (codeine, dihydrocodeine, pethidine) and morphine "
            "(avoid where possible) have no rows.",
    ),
    _schema(
        "hepatic_opioid_doses.csv",
        "Reduced starting doses of an opioid that a label or guideline gives in hepatic "
        "impairment",
        Column("drug", Kind.DRUG),
        Column("route", Kind.ROUTE),
        Column("release", Kind.RELEASE, required=False, doc="Empty: any release."),
        Column("hepatic", doc="The hepatic impairment grades the source gives the dose for, "
                              "separated by spaces (mild moderate severe; e.g. 'moderate')."),
        Column("basis", Kind.CHOICE, choices=("start", "maximum"),
               doc="start: the source's reduced starting dose in that impairment; maximum: "
                   "its hepatically adjusted maximum."),
        Column("min_interval_h", Kind.POSITIVE, required=False, unit="h",
               doc="The shortest interval between doses the source allows; empty: none set."),
        Column("per_dose", Kind.POSITIVE, required=False, unit="mg"),
        Column("per_day", Kind.POSITIVE, required=False, unit="mg/day",
               doc="Of the drug's scheduled items by the route (as-needed doses are judged per "
                   "dose)."),
        key=("drug", "route", "release", "hepatic", "basis", "source"),
        doc="The hepatic-opioid rules (safety_rules.csv) warn on an opioid in moderate or "
            "severe hepatic impairment (NICE CG140: seek specialist advice). Where every item "
            "of every opioid concerned is at or below one of these rows (its route and release, "
            "per dose, the scheduled day, no more often than min_interval_h; the patient's "
            "hepatic grade among the row's), the hepatic reduction of a label or liver guideline "
            "(Frontline Gastroenterology's morphine 2.5 mg 4-6 hourly) is already applied "
            "and the finding is info, naming the rows. An opioid without a row keeps the "
            "warning; so does a grade no row of the drug names (severe, where only Belbuca's "
            "label gives numbers).",
    ),
    _schema(
        "titration_steps.csv",
        "The labelled titration step of a non-opioid: how far one change of the dose may go",
        Column("drug", Kind.DRUG),
        Column("route", Kind.ROUTE),
        Column("release", Kind.RELEASE, required=False,
               doc="Empty: any release (an oral item of no stated release is ir)."),
        Column("market", Kind.CHOICE, required=False, choices=LIMIT_MARKETS,
               doc="The market of the label. A market without a row of its own for the drug, "
                   "route and release is judged by every other market's rows (borrowed, and "
                   "named so)."),
        Column("start_daily_mg", Kind.POSITIVE, unit="mg/day",
               doc="The label's starting day: a rise to it from any lower dose is within the "
                   "label, as a first dose of it would be."),
        Column("step_factor", Kind.POSITIVE, required=False, unit="x",
               doc="The largest ratio of the new scheduled day to the old one that a labelled "
                   "step reaches (pregabalin 150 -> 300 -> 600 mg/day: 2)."),
        Column("step_mg", Kind.POSITIVE, required=False, unit="mg",
               doc="The largest rise a labelled step allows, per dose or per day (step_per)."),
        Column("step_per", Kind.CHOICE, required=False, choices=("dose", "day"),
               doc="What step_mg counts: a dose (mirogabalin: 5 mg a dose; the day may then "
                   "rise by step_mg times the new doses a day) or the day."),
        Column("min_interval_days", Kind.POSITIVE, required=False, unit="days",
               doc="The shortest interval the label sets between steps; named in the finding, "
                   "not checked (the item language has no dates). Empty: none set."),
        key=("drug", "route", "release", "market", "source"),
        doc="Judged only with --previous, where the old and the new regimen schedule the drug "
            "by the route (as-needed doses aside): a rise of the scheduled day (and dose) within "
            "a row's step, or to the row's start, is silent; beyond it, a warning naming the "
            "label's step and interval. A change is judged as one step, since the items carry no "
            "dates. Opioids have their own titration rules (opioid-titration-step).",
    ),
    _schema(
        "safety_rules.csv", "The rule behind each safety check",
        Column("check"),
        Column("severity", Kind.CHOICE, choices=("info", "warning", "error")),
        Column("threshold", Kind.NUMBER, required=False, unit="threshold_unit"),
        Column("threshold_unit", required=False),
        Column("statement", doc="What the source says, quoted or closely paraphrased."),
        Column("excluded_settings", Kind.SETTINGS, required=False,
               doc="Care settings the row's source excludes (hospice end-of-life: the Beers "
                   "Criteria); there its finding steps down to info, saying so."),
        Column("exclusion_source", required=False,
               doc="Where the exclusion is stated, when not in the row's own source."),
        doc="A check may have several rows, one per source: the first is its default.",
    ),
    _schema(
        "drug_properties.csv", "Drug properties used by the interaction checks",
        Column("drug", Kind.DRUG),
        Column("property", Kind.CHOICE, choices=("serotonergic", "qt_risk", "gastroprotective",
                                                 "renally_cleared_active_metabolite",
                                                 "respiratory_depressant",
                                                 "long_acting", "serotonin_reuptake_inhibitor",
                                                 "strong_anticholinergic_antidepressant",
                                                 "opioid_tolerant_only_routes",
                                                 "nsaid_avoid_older", "cox2_selective",
                                                 "cyp3a4_substrate",
                                                 "cyp3a4_inhibitor", "converts_unreduced_with",
                                                 "cyp3a4_inhibitor_contraindicated",
                                                 "cyp3a4_inhibitor_contraindicated_named",
                                                 "cyp3a4_inhibitor_contraindicated_routes",
                                                 "cyp3a4_inhibitor_reduce_dose",
                                                 "cyp3a4_inhibitor_caution",
                                                 "cyp3a4_inhibitor_monitor_inr",
                                                 "cyp3a4_inhibitor_avoid",
                                                 "cyp3a4_inhibitor_monitor",
                                                 "cyp3a4_inducer_avoid",
                                                 "cyp2c9_substrate", "cyp2c9_inhibitor",
                                                 "neuraxial_catheter_daily_max",
                                                 "neuraxial_block_stop_days",
                                                 "cyp1a2_inhibitor",
                                                 "cyp1a2_inhibitor_contraindicated",
                                                 "qt_prolonging_contraindicated",
                                                 "qt_prolonging_contraindicated_markets",
                                                 "cyp1a2_inhibitor_contraindicated_markets",
                                                 "parenteral_benzodiazepine_not_recommended",
                                                 "who_step",
                                                 "other_anticoagulants_contraindicated",
                                                 "contraindicated_conditions",
                                                 "monitored_conditions",
                                                 "cyp2c19_inhibitors_avoided",
                                                 "cyp3a4_inducer",
                                                 "cyp3a4_inducer_withdrawal",
                                                 "cyp3a4_pgp_inhibitors_avoided",
                                                 "serotonin_reuptake_inhibitor_bleeding",
                                                 "daily_maximum_all_routes",
                                                 "opioid_agonism",
                                                 "antiplatelet_labelled_regimen",
                                                 "prophylactic_daily_max",
                                                 "antimuscarinic", "prokinetic",
                                                 "strong_anticholinergic")),
        Column("value", doc="opioid_agonism: 'mixed' (a mixed agonist-antagonist, judged by "
                            "opioid-mixed-agonist-antagonist beside or after a full agonist) or "
                            "'partial' (a partial agonist, judged by its own rules); an opioid "
                            "without the row is a full agonist. "
                            "daily_maximum_all_routes: the markets (space-separated) whose "
                            "labels count the drug's daily maximum from every route and "
                            "product together, so that a day given by several routes is judged "
                            "against the strictest of the routes' daily maxima. "
                            "converts_unreduced_with: the opioid (a prodrug's active drug) that a "
                            "switch to or from this drug is converted to at the table's ratio "
                            "without the reduction for incomplete cross-tolerance. "
                            "cyp3a4_inhibitor_contraindicated: the weakest CYP3A4 inhibitor "
                            "strength (weak, moderate, strong) the source contraindicates. "
                            "cyp3a4_inhibitor_contraindicated_named: weaker inhibitors the "
                            "source names among the contraindicated ones, space-separated "
                            "(domperidone: fluconazole, a systemic azole antifungal). "
                            "cyp3a4_inhibitor_contraindicated_routes: the routes of the drug "
                            "the contraindication holds for, space-separated, where the source "
                            "limits it (midazolam: oral; by other routes the finding is info). "
                            "cyp3a4_inhibitor_reduce_dose: the weakest CYP3A4 inhibitor "
                            "strength with which the drug's label asks for a reduced dose "
                            "rather than contraindicating it (quetiapine: strong). "
                            "cyp3a4_inhibitor_caution: the weakest CYP3A4 inhibitor strength "
                            "with which the drug's label asks only for caution (clonazepam: "
                            "moderate, the oral azole antifungals it names). "
                            "cyp3a4_inhibitor_monitor_inr: the weakest CYP3A4 inhibitor "
                            "strength with which an anticoagulant's label asks for close INR "
                            "monitoring (warfarin: strong; the label's CYP3A4 list also holds "
                            "weak inhibitors, which are not read). "
                            "cyp3a4_inhibitor_avoid: the weakest CYP3A4 inhibitor strength "
                            "with which the drug's label says to avoid it or does not recommend "
                            "it (naldemedine, EU SmPC: strong). cyp3a4_inhibitor_monitor: the "
                            "weakest strength with which it asks only to monitor for adverse "
                            "reactions (naldemedine, US label: moderate); inhibitors an avoid "
                            "row of the drug names are left to it. cyp3a4_inducer_avoid: the "
                            "weakest CYP3A4 inducer strength (cyp3a4_inducer values) with which "
                            "the label says to avoid it (naldemedine, and the anticoagulants apixaban and "
                            "rivaroxaban, whose US labels avoid combined P-gp and strong CYP3A4 "
                            "inducers: strong). "
                            "cyp2c9_substrate: yes, for a drug whose label warns that CYP2C9 "
                            "inhibitors raise its effect (warfarin). cyp2c9_inhibitor: the "
                            "strength a source rates (weak, moderate, strong), or yes where a "
                            "cyp2c9_substrate drug's label names it without one; only inhibitors "
                            "such a label names or a source rates moderate or stronger. "
                            "cyp2c19_inhibitors_avoided: the CYP2C19 inhibitors, "
                            "space-separated, that the label of a drug activated by CYP2C19 "
                            "says to avoid (clopidogrel: omeprazole esomeprazole; other PPIs "
                            "are not named, so not flagged). "
                            "cyp3a4_pgp_inhibitors_avoided: the strong inhibitors of both "
                            "CYP3A4 and P-gp, space-separated, that an anticoagulant's label "
                            "does not recommend or contraindicates with it (apixaban, "
                            "rivaroxaban: the azole antimycotics and HIV protease inhibitors "
                            "named; fluconazole, a moderate inhibitor, is not; dabigatran: "
                            "systemic ketoconazole and itraconazole, among the strong P-gp "
                            "inhibitors its SmPC contraindicates). "
                            "serotonin_reuptake_inhibitor_bleeding: what an anticoagulant's "
                            "label asks with an SSRI or SNRI, monitor (warfarin: closely "
                            "monitor, a warning) or caution (rivaroxaban: care is to be taken, "
                            "information). "
                            "cyp1a2_inhibitor: the CYP1A2 inhibitor strength (weak, moderate, "
                            "strong) a source rates (fluvoxamine: strong, 'potent'). "
                            "cyp1a2_inhibitor_contraindicated: the weakest CYP1A2 inhibitor "
                            "strength the drug's label contraindicates (duloxetine: strong). "
                            "qt_prolonging_contraindicated: the CredibleMeds categories "
                            "(qt_risk values), space-separated, of the QT-prolonging drugs the "
                            "drug's source contraindicates with it (domperidone: known). "
                            "qt_prolonging_contraindicated_markets, "
                            "cyp1a2_inhibitor_contraindicated_markets: the markets "
                            "(space-separated) whose labels state that contraindication "
                            "(haloperidol: eu uk); with another --market or none it is a "
                            "warning naming them. No row: every market's. "
                            "parenteral_benzodiazepine_not_recommended: the routes of the drug, "
                            "space-separated, by which its label advises against a benzodiazepine "
                            "given by injection (olanzapine: im). "
                            "who_step: 2 for an opioid its source puts on step 2 of the "
                            "analgesic ladder (a weak opioid for mild to moderate pain). "
                            "other_anticoagulants_contraindicated: yes, for an anticoagulant "
                            "whose label contraindicates concomitant treatment with any other "
                            "anticoagulant, except while switching (the EU direct oral "
                            "anticoagulants); the source is that label. "
                            "contraindicated_conditions: the patient conditions (--condition "
                            "names), space-separated, in which the drug's source contraindicates "
                            "it (domperidone: heart-failure long-qt); a drug may have several "
                            "rows of it, one per source (metoclopramide: bowel-obstruction by "
                            "one, parkinsons-disease by another), each finding naming its own "
                            "row's source. monitored_conditions: the "
                            "conditions in which the drug's source asks for monitoring before "
                            "and during treatment (methadone: long-qt, an ECG). "
                            "cyp3a4_inducer: the CYP3A4 inducer strength a source rates "
                            "(carbamazepine, phenytoin, rifampicin, phenobarbital: strong). "
                            "cyp3a4_inducer_withdrawal: yes, for a CYP3A4-substrate opioid whose "
                            "source names opioid withdrawal with an inducer (methadone). "
                            "antiplatelet_labelled_regimen: a regimen of an anticoagulant with an "
                            "antiplatelet that the anticoagulant's label gives, as '<dose> mg "
                            "<once|twice|three times> daily with <antiplatelet> <low>-<high> "
                            "mg/day' (rivaroxaban: 2.5 mg twice daily with aspirin 75-100 "
                            "mg/day); there STOPP's anticoagulant-antiplatelet is information. "
                            "prophylactic_daily_max: the largest day [the drug's natural unit] "
                            "of a heparin's labelled once-daily thromboprophylaxis (enoxaparin "
                            "40 mg, dalteparin 5,000 units); an order within it beside an "
                            "antiplatelet is information, not STOPP's warning, which is written "
                            "for therapeutic anticoagulation."),
    ),
    _schema(
        "usual_ranges.csv", "Usual palliative daily doses",
        Column("drug", Kind.DRUG),
        Column("route", Kind.ROUTE, required=False),
        Column("indication"),
        Column("daily_mg_low", Kind.NONNEGATIVE, unit="mg/day"),
        Column("daily_mg_high", Kind.POSITIVE, unit="mg/day"),
        Column("market", Kind.CHOICE, required=False, choices=LIMIT_MARKETS,
               doc="The market whose practice the source describes (the Japanese delirium "
                   "guidance's haloperidol injection); the row then applies only with that "
                   "--market. Empty: every market."),
        Column("age_band", Kind.INTERVAL, required=False, unit="years",
               doc="The ages the row judges, in interval notation ('[65, )': older adults, "
                   "where a label asks for lower doses); a patient whose age is not given is "
                   "in no band. Empty: every age."),
        key=("drug", "route", "indication", "source"),
        ranges=("daily_mg",),
    ),
    _schema(
        "opioid_dose_ranges.csv", "Opioid dose ranges: starts, usual tops, plausibility",
        Column("check", Kind.CHOICE, choices=("usual", "plausible", "naive-start",
                                              "tolerant-only", "titration-step", "titration-dose",
                                              "initial", "pca-demand", "pca-demand-per-kg",
                                              "step-up-start",
                                              "step-up-guideline", "use-disorder-maximum"),
               doc="usual: above the usual range (warning); plausible: far above any plausible "
                   "dose, a unit slip (error); naive-start: above the start for an opioid-naive "
                   "patient (warning); tolerant-only: for opioid-tolerant patients only (error "
                   "in an opioid-naive patient); titration-step: the product label's own "
                   "increment of one dose (per_dose) or of the day (per_day), which a rise of "
                   "the same product within it meets whatever its percentage (info); a row "
                   "without interval_h also judges an as-needed dose of the product, whose rise "
                   "beyond per_dose skips a label step (warning); titration-dose: one dose "
                   "(per_dose) of a product label's titration sequence of an as-needed dose "
                   "(transmucosal fentanyl: one strength at a time); a rise of the drug by the "
                   "route as needed past a titration dose of its market's labels (of every market "
                   "where none is chosen) skips that step (warning; the item does not name the "
                   "product, so the rows of every product of the route are read together); "
                   "initial: the dose a product's "
                   "label starts every patient at, whatever the opioids before (transmucosal "
                   "fentanyl: titration from the lowest strength). A dose above the largest "
                   "initial per_dose of the drug's route (the item does not name the product) "
                   "with no such product in the previous regimen is a start above the label's "
                   "(the row's severity); pca-demand: the published PCA demand dose for an "
                   "opioid-naive adult (start_low its low end), which judges an as-needed dose "
                   "whose interval is a PCA lockout (safety rule pca-demand-dose): within it, "
                   "info, and the day is not counted at every lockout; above it, in an "
                   "opioid-naive patient, the row's severity; pca-demand-per-kg: the same, its "
                   "per_dose (and start_low) in mg per kg of body weight (the oxycodone "
                   "injection labels' 0.03 mg/kg), read at the patient's weight; a patient "
                   "without a weight is not judged by it; step-up-start: a product label's "
                   "start for a patient whose pain weaker (WHO step-2) opioids no longer "
                   "control (UK oxycodone prolonged-release SmPCs: 10 mg 12-hourly; MST "
                   "CONTINUS: 30 mg 12-hourly), the item judged within every label row of the "
                   "market; a step up from step-2 opioids to the product within it is "
                   "information, a market with no row of its own for the product borrowing the "
                   "other markets' rows (the finding names them and the market's own start it "
                   "exceeds); step-up-guideline: a palliative guideline's start of the same "
                   "kind (Leeds PILLS: MST 15-20 mg 12-hourly after codeine 240 mg/day), which "
                   "the product's own label outranks: where a label row judges the item, a "
                   "stricter guideline is named in the information, not applied; where none "
                   "does, the item is judged within every guideline row; use-disorder-maximum: "
                   "the top of a label's maintenance day for opioid use disorder (sublingual "
                   "buprenorphine: 24 mg/day), in the drug's own mg, which judges an order read "
                   "as treatment of the disorder (safety rule opioid-use-disorder-treatment) in "
                   "place of the thresholds for pain in OME; above it, the row's severity."),
        Column("drug", Kind.DRUG, required=False,
               doc="Empty: every opioid, its amounts in mg of oral morphine equivalent (OME) by "
                   "the route's own factor; a drug's own row replaces these for its route."),
        Column("route", Kind.ROUTE_OR_GROUP, required=False, doc="Empty: every route."),
        Column("release", Kind.RELEASE, required=False,
               doc="Empty: any release. A release judges the doses of that release only; ir also "
                   "judges an oral dose whose release is not written and a dose by a route with "
                   "no release (an injection), never a patch. A naive start for one release (the "
                   "immediate-release starts of every opioid) says nothing of the others: where "
                   "the chosen market has no start for an item's drug, route and release, the "
                   "other markets' starts judge it."),
        Column("interval_h", Kind.POSITIVE, required=False, unit="h",
               doc="The product's dosing or wear interval, where it tells products apart (a 7-day "
                   "buprenorphine patch is 168)."),
        Column("market", Kind.CHOICE, required=False, choices=LIMIT_MARKETS),
        Column("per_dose", Kind.POSITIVE, required=False, unit="mg (mg OME without a drug)",
               doc="pca-demand-per-kg rows: mg per kg of body weight."),
        Column("start_low", Kind.POSITIVE, required=False, unit="mg (mg OME without a drug)",
               doc="naive-start and pca-demand(-per-kg) rows only: the low end of the per-dose "
                   "range the "
                   "source prints (per_dose is its top; '15 to 30 mg' is 15 and 30), the start "
                   "of a patient the labelling sends to the low end of the range (65 and over, "
                   "renal impairment: safety rule naive-start-low-end). Empty where the source "
                   "prints one dose."),
        Column("per_day", Kind.POSITIVE, required=False,
               unit="day_unit (mg OME/day without a drug)"),
        Column("day_unit", Kind.CHOICE, required=False, choices=("mg/day", "mg/h", "mcg/h"),
               doc="mg/day by default; mg/h or mcg/h: a rate that applies to infusions and "
                   "patches only."),
        Column("severity", Kind.CHOICE, choices=("info", "warning", "error")),
        Column("product", required=False,
               doc="titration-dose rows: the product whose label gives the sequence, by "
                   "the brand names an item is written with ('abstral|アブストラル', names of "
                   "drug_names.csv). An item written with one of the drug's brand names reads "
                   "only the rows of that product (and rows of no product); an item written "
                   "with the drug's own name reads every product's rows of its route. "
                   "naive-start rows: a combination product (combination_products.csv names, "
                   "'ultracet'), whose own label's start judges an item of its components at "
                   "its strengths in place of the single-ingredient rows of the drug."),
        Column("opioids", Kind.CHOICE, required=False, choices=("strong",),
               doc="Rows of every opioid only (no drug): strong where the row's source speaks "
                   "of strong opioids alone (eTG's start of morphine and oxycodone). Such a row "
                   "does not judge a step-2 (weak) opioid (who_step 2 in drug_properties.csv: "
                   "codeine, dihydrocodeine, tramadol), whose own rows and the other markets' "
                   "starts judge it, as they judge a drug the chosen market's rows are silent "
                   "on. Empty: every opioid."),
        Column("basis", Kind.CHOICE, required=False, choices=("label", "guideline"),
               doc="naive-start rows of one drug: label where the source is the product's own "
                   "label (OxyContin US PI, Longtec SmPC), guideline where it is a clinical "
                   "guideline's start (eTG, NICE CG140). A dose above every guideline start of "
                   "its market, where that market ships no label start for the drug, but "
                   "within another market's label start (read at the low end of its range "
                   "for a patient the labelling starts there, a label printing one dose then "
                   "allowing nothing) steps down one severity, naming both and the market "
                   "borrowed. Empty: not stated (the row is not read either way). "
                   "titration-step rows: guideline where the increment is a clinical "
                   "guideline's (eTG's weekly step of once-daily morphine for breathlessness), "
                   "so the finding names a guideline, not a label; empty: the product "
                   "label's own increment."),
        doc="Every applicable row of a check is read; a dose above one source's number but "
            "within another's (markets, products) steps down one severity, naming both. A "
            "threshold that is mpsdose's own convention says so in its source.",
    ),
    _schema(
        "corticosteroid_equivalence.csv", "Corticosteroid equivalence tables",
        Column("table"),
        Column("drug", Kind.DRUG),
        Column("equivalent_mg_low", Kind.POSITIVE, unit="mg"),
        Column("equivalent_mg_high", Kind.POSITIVE, unit="mg"),
        key=("table", "drug"),
        ranges=("equivalent_mg",),
        doc="The dose of each corticosteroid equivalent to the others in the same table.",
    ),
    _schema(
        "rxnorm.csv", "RxNorm ingredient codes",
        Column("drug", Kind.DRUG),
        Column("rxcui", doc="RxNorm concept unique identifier (digits)."),
        Column("name", doc="The ingredient's RxNorm name."),
        key=("rxcui",),
    ),
    _schema(
        "products.csv", "Marketed products by name, for reading prescriptions that name them",
        Column("product", doc="The product's name as prescribers write it, without its strength "
                              "(オキシコンチンTR錠, カロナール錠); matched after Unicode NFKC."),
        Column("market", Kind.CHOICE, choices=_MARKETS),
        Column("drug", Kind.DRUG),
        Column("route", Kind.ROUTE, doc="The product's route. An injection's route is the one "
                                        "the prescription writes (持続皮下注, 静注), which it "
                                        "must write."),
        Column("release", Kind.RELEASE, required=False),
        Column("form", Kind.FORM),
        Column("strength", Kind.POSITIVE, unit="the row's unit",
               doc="Drug per dosage unit (tablet, sachet, pack, ampoule, bag), as labelled."),
        Column("unit", Kind.CHOICE, choices=("mg", "mcg")),
        Column("volume_ml", Kind.POSITIVE, required=False, unit="mL",
               doc="Volume of one unit of a liquid or injection (its concentration is "
                   "strength/volume)."),
        key=("product", "market", "strength", "unit", "volume_ml"),
        doc="One row per marketed strength (each is its own 販売名). A count (1回2錠, 2A) is "
            "read through these strengths; a strength not listed is refused, never guessed.",
    ),
    _schema(
        "patch_products.csv", "Patches labelled by drug content: the release rate of each",
        Column("product", doc="The patch product's name (フェントステープ, デュロテップMTパッチ)."),
        Column("market", Kind.CHOICE, choices=_MARKETS),
        Column("drug", Kind.DRUG),
        Column("content_mg", Kind.POSITIVE, unit="mg",
               doc="The content on the label, in mg of the salt basis below."),
        Column("content_basis", Kind.CHOICE, choices=("base", "citrate"),
               doc="What the labelled content is of: the base, or a salt (Fentos: citrate)."),
        Column("release_mcg_h", Kind.POSITIVE, unit="mcg/h",
               doc="The release rate the package insert states for this content."),
        Column("interval_h", Kind.POSITIVE, unit="h", doc="The labelled change interval."),
        Column("conversion_table", required=False,
               doc="The table of patch_conversion.csv that this product's insert prints."),
        Column("also_written", required=False,
               doc="Other names the product is written by, each a name of drug_names.csv for "
                   "the same drug, separated by | (フェントス|fentos)."),
        key=("product", "market", "content_mg"),
        doc="A patch written by its content is read as the release rate of its own row; a "
            "content label not listed is refused.",
    ),
    _schema(
        "market_rules.csv", "Label rules of one market (--market)",
        Column("market", Kind.CHOICE, choices=_MARKETS),
        Column("rule", Kind.CHOICE, choices=MARKET_RULES,
               doc="The rule family, as the code reads it."),
        Column("drug", Kind.DRUG, required=False, doc="Empty for a rule of the market as a "
                                                      "whole (rotation_table, patch_table)."),
        Column("route", Kind.ROUTE, required=False, doc="Empty: every route."),
        Column("release", Kind.RELEASE, required=False, doc="Empty: any release."),
        Column("interval_h", Kind.POSITIVE, required=False, unit="h",
               doc="For a patch rule: the change interval of the patches it is for."),
        Column("condition", Kind.CHOICE, choices=("any", "age", "crcl_ml_min", "indication",
                                                  "prior_ome_mg_per_day")),
        Column("condition_band", Kind.INTERVAL, required=False,
               unit="years, mL/min or mg OME/day (the condition's)"),
        Column("indication", required=False,
               doc="For condition 'indication': the patient condition (--condition) the rule "
                   "is for; the rule is silent for every other indication. For "
                   "concentrate_indication: the only indication the concentrate's label gives "
                   "(the rule warns a patient not recorded to have it)."),
        Column("value", Kind.NUMBER, required=False, unit="unit"),
        Column("value_low", Kind.NUMBER, required=False, unit="unit"),
        Column("value_high", Kind.NUMBER, required=False, unit="unit"),
        Column("unit", required=False),
        Column("table", required=False, doc="For rotation_table and patch_table: the table id."),
        Column("severity", Kind.CHOICE, choices=("info", "warning", "error")),
        Column("product", required=False, doc="The labelled product the rule comes from."),
        Column("statement", doc="What the label says, quoted or closely paraphrased."),
        ranges=("value",),
        doc="Read by `--market` (convert, methadone, check): each finding names its row's source.",
    ),
    _schema(
        "fhir_routes.csv", "SNOMED CT route codes for FHIR",
        Column("route", Kind.ROUTE),
        Column("snomed_code"),
        Column("display"),
        key=("snomed_code",),
    ),
    _schema(
        "fhir_statuses.csv", "FHIR R4 statuses and intents: which orders are in force",
        Column("resource", Kind.CHOICE, choices=("MedicationRequest", "MedicationStatement")),
        Column("element", Kind.CHOICE, choices=("status", "intent")),
        Column("code", doc="The FHIR code (active, completed, order, plan …)."),
        Column("counts", Kind.CHOICE, choices=("yes", "no", "in-cds-request"),
               doc="Whether an order with this code counts in the current regimen; "
                   "in-cds-request: only as an order being signed in a CDS Hooks request."),
        Column("definition", doc="The FHIR R4 definition, as written."),
        key=("resource", "element", "code"),
    ),
    _schema(
        "fhir_timing_codes.csv", "FHIR R4 timing abbreviations (Timing.code)",
        Column("code", doc="The v3 GTSAbbreviation code (BID, Q4H …)."),
        Column("frequency", Kind.POSITIVE, doc="Administrations per period."),
        Column("period", Kind.POSITIVE, unit="period_unit"),
        Column("period_unit", Kind.CHOICE, choices=("h", "d", "wk", "mo")),
        Column("when", required=False, doc="The EventTiming code it implies (MORN, HS)."),
        Column("definition", doc="The FHIR R4 definition, as written."),
        key=("code",),
    ),
    _schema(
        "fhir_observations.csv", "LOINC codes of the patient context read from FHIR",
        Column("loinc"),
        Column("measure", Kind.CHOICE, choices=("weight_kg", "crcl_ml_min", "egfr")),
        Column("display"),
        key=("loinc",),
    ),
    _schema(
        "rxnorm_products.csv", "RxNorm clinical and branded drugs: ingredients and strengths",
        Column("rxcui", doc="RxNorm concept unique identifier of the SCD/SBD (digits)."),
        Column("name", doc="The RxNorm name."),
        Column("ingredient", doc="The ingredient as the name writes it (a salt spelling); the "
                                 "catalogue resolves it, and one it does not know is unlisted."),
        Column("ingredient_rxcui", required=False, doc="The ingredient's RxCUI, where the "
                                                       "source gives it."),
        Column("strength", Kind.POSITIVE, unit="unit", doc="Per unit of the product."),
        Column("unit", Kind.CHOICE, choices=STRENGTH_UNITS,
               doc="mg (per tablet, capsule …), mg/mL, mcg/h (a patch), mg/actuat …"),
        Column("dose_form", required=False, doc="RxNorm dose form."),
        Column("route", Kind.ROUTE, required=False, doc="The route the dose form implies."),
        Column("form", Kind.FORM, required=False),
        Column("release", Kind.RELEASE, required=False),
        Column("hours", Kind.POSITIVE, required=False, unit="h",
               doc="The duration the name states (72 HR patch)."),
        key=("rxcui", "ingredient"),
        doc="Built by scripts/build_products.py from the CDC OMTK and CDC value sets.",
    ),
    _schema(
        "ndc_products.csv", "NDC opioid products of the CDC NDC/MME file",
        Column("ndc", doc="11 digits, no hyphens."),
        Column("product", doc="The product name, as the file writes it."),
        Column("ingredient", doc="The opioid (the file's Drug without SA/LA); the catalogue "
                                 "resolves it."),
        Column("combination", Kind.CHOICE, required=False, choices=("yes",),
               doc="yes: the product has other ingredients, whose strengths the file does not "
                   "give (its strength is the opioid's)."),
        Column("strength", Kind.POSITIVE, required=False, unit="unit",
               doc="Strength of the opioid per unit as the product is counted."),
        Column("unit", Kind.CHOICE, required=False, choices=("mg", "mcg", "mcg/h", "mg/mL")),
        Column("route", Kind.ROUTE, required=False),
        Column("form", Kind.FORM, required=False),
        Column("release", Kind.RELEASE, required=False),
        Column("wear_days", Kind.POSITIVE, required=False, unit="days",
               doc="Days one unit is worn (a patch), as the file's formula assumes."),
        Column("file_factor", Kind.POSITIVE, required=False,
               unit="MME per unit as the file writes it",
               doc="The file's own factor, kept so the cdc2018 table can be checked against it."),
        key=("ndc",),
        doc="Built by scripts/build_products.py from the CDC file (opioid sheet only).",
    ),
)}
