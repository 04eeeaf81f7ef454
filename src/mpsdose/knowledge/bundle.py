"""The knowledge bundle: every clinical fact mpsdose uses, as one object that can be swapped.

``Knowledge.default()`` is the shipped ``data/``; ``Knowledge.load(folder)`` is the shipped data
with the files of ``folder`` in place of the shipped files of the same name (a hospital's own
``dose_limits.csv`` or ``drugs.csv``). Every public function that uses clinical knowledge takes
``knowledge=`` (default: the shipped bundle), and every CLI command ``--knowledge DIR``.

Each file is read on first use and kept (so ``mpsdose check`` never reads the conversion tables it
does not need); a loaded folder is checked whole when it is loaded, so a malformed local file is
refused at once with its file, line and column.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from mpsdose.knowledge.catalogue import build_catalogue
from mpsdose.knowledge.conversion import (
    ConversionTable,
    RotationTable,
    Threshold,
    build_tables,
    table_by_id,
    thresholds_from_rows,
)
from mpsdose.knowledge.loader import DATA_DIR, Row, read_table
from mpsdose.knowledge.schema import SCHEMAS
from mpsdose.model.boundary import checked
from mpsdose.model.drugs import Catalogue, OtherDrug, normal_name, without_salt
from mpsdose.model.errors import DataError, UnknownDrugError, UnknownTableError
from mpsdose.model.vocabulary import Route

if TYPE_CHECKING:
    from pathlib import Path

    from mpsdose.knowledge.codes import NdcProduct, StatusRule, TimingCode
    from mpsdose.knowledge.limits import (
        DoseLimit,
        DrugProperties,
        HepaticDose,
        OpioidRange,
        RenalDose,
        SafetyRules,
        SteroidTable,
        TitrationStep,
        UsualRange,
    )
    from mpsdose.knowledge.market import MarketRules
    from mpsdose.knowledge.practice import (
        LabelSwitch,
        PatchBand,
        Rules,
        Strength,
        StrengthProduct,
        Tier,
        UsualSchedule,
    )
    from mpsdose.knowledge.products import Products
    from mpsdose.model.products import ProductRecord

# The record types of the sections a command may not use (limits, practice, products, market,
# codes)
# are imported by the property that builds them, on first use: a command pays at start-up only
# for the sections it reads (``mpsdose total`` reads no limit).

__all__ = [
    "REQUIRED_RULES",
    "Knowledge",
    "conversion_table",
    "conversion_tables",
    "default_catalogue",
    "load_table_file",
    "resolve",
    "thresholds",
]

T = TypeVar("T")

#: The rules the clinical code reads by name, per rules file: each must have at least one row, in
#: the shipped data and in a hospital's own file (``tests/test_knowledge.py`` holds this list to
#: the code).
REQUIRED_RULES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "rotation_rules.csv": (
        "breakthrough_fraction", "breakthrough_interval_h", "cross_tolerance_reduction",
        "fentanyl_patch_opioid_tolerance", "infusion_rescue_hours", "titration_step",
    ),
    "methadone_rules.csv": (
        "fudin_angle", "fudin_constant", "fudin_divisor", "fudin_exponent", "fudin_knee_1_mg",
        "fudin_knee_2_mg", "fudin_weight_1", "fudin_weight_2", "interval_h",
        "max_start_mg_per_day", "titration_interval_days",
    ),
    "safety_rules.csv": (
        "acetaminophen-max", "anticoagulant-antiplatelet", "anticoagulant-duplication",
        "anticoagulant-duplication-switch",
        "anticoagulant-thrombocytopenia",
        "anticoagulant-nsaid",
        "anticoagulant-cyp3a4-pgp-inhibitor", "anticoagulant-ssri",
        "antiplatelet-nsaid",
        "anticholinergic-antidepressant-older", "anticholinergic-combination-older",
        "antimuscarinic-prokinetic", "benzodiazepine-duplication",
        "benzodiazepine-duplication-cross-taper", "benzodiazepine-older",
        "antiplatelet-nsaid-protected",
        "antipsychotic-duplication", "antipsychotic-duplication-cross-taper",
        "antipsychotic-palliative-max",
        "corticosteroid-dexamethasone-equivalent", "cyp1a2-inhibitor-contraindicated",
        "cyp2c19-inhibitor-prodrug",
        "cyp2c9-inhibitor",
        "cyp3a4-inducer-avoid", "cyp3a4-inhibitor-avoid",
        "cyp3a4-inhibitor-caution", "cyp3a4-inhibitor-contraindicated",
        "cyp3a4-inhibitor-inr", "cyp3a4-inhibitor-monitor", "cyp3a4-inhibitor-reduce-dose",
        "dose-not-checked", "single-dose-not-checked", "not-in-catalogue", "nothing-checked",
        "nothing-checked-state",
        "dose-range",
        "dual-antiplatelet-nsaid",
        "equianalgesic-switch",
        "fentanyl-patch-naive", "gabapentinoid-cns-depressant",
        "gabapentinoid-cns-depressant-standard", "gabapentinoid-duplication", "hepatic-opioid",
        "hepatic-opioid-caution",
        "hepatic-opioid-specialist", "hypnotic-older", "kidney-failure-dialysis",
        "maoi-serotonergic", "methadone-qt",
        "iv-lidocaine-other-local-anaesthetic", "methadone-titration",
        "neuraxial-antiplatelet",
        "neuraxial-catheter-anticoagulant", "neuraxial-catheter-anticoagulant-not-judged",
        "neuraxial-catheter-anticoagulant-timed", "nsaid-age",
        "nsaid-avoid-older", "nsaid-duplication", "nsaid-heart-failure", "nsaid-renal",
        "nsaid-steroid-gastroprotection",
        "modified-release-interval-short", "modified-release-prn", "same-drug-two-names",
        "parenteral-benzodiazepine-not-recommended", "patch-changed-early",
        "qt-prolonging-contraindicated",
        "opioid-benzodiazepine", "opioid-benzodiazepine-end-of-life",
        "opioid-benzodiazepine-older", "opioid-cns-depressant", "opioid-cyp3a4-inducer",
        "opioid-cyp3a4-inducer-stopped", "opioid-cyp3a4-inducer-withdrawal", "opioid-cyp3a4-inhibitor",
        "opioid-dose-not-a-dose", "opioid-dose-range-not-checked", "opioid-gabapentinoid",
        "opioid-gabapentinoid-older", "opioid-gabapentinoid-standard", "opioid-naive-not-applied",
        "opioid-mixed-agonist-antagonist", "strong-opioid-no-laxative",
        "opioid-route-change",
        "opioid-route-change-neuraxial",
        "opioid-tenfold-rise",
        "opioid-titration-step", "opioid-tolerance-not-met", "opioid-tolerant-only-product",
        "opioid-use-disorder-analgesic-dose", "opioid-use-disorder-rescue",
        "opioid-use-disorder-treatment",
        "rapid-onset-fentanyl-switch",
        "renal-opioid", "serotonergic", "ssri-duplication", "ssri-duplication-cross-taper",
        "ssri-nsaid",
        "switch-from-methadone", "two-long-acting-opioids", "two-long-acting-opioids-patch",
        "usual-palliative-range",
    ),
})


#: The large product tables: a shipped one is read when first used (tests/shipped checks it),
#: so that loading a folder of one's own files does not read 14,000 NDCs.
_CHECKED_WHEN_USED = frozenset({"ndc_products.csv", "rxnorm_products.csv"})


class Knowledge:
    """The catalogue, conversion tables, limits, rules, strengths and schedules mpsdose uses.

    Build it with :meth:`default` (the shipped data) or :meth:`load` (a folder of your own files
    over the shipped ones); pass it as ``knowledge=`` to any function. Instances are read-only once
    built, safe to share between threads, and pickle (Dask workers reload the files they use).
    Each file is read on first use and kept. The files and their columns are described in
    :mod:`mpsdose.knowledge.schema` (and on the documentation's data page).

    Parameters
    ----------
    files
        Data file name (``dose_limits.csv``) → path; every name must be one of the shipped files.
    local
        The names of ``files`` that are the user's own (named by their path in errors and sources).
    folder
        The folder the local files come from.

    Raises
    ------
    DataError
        A file name that is not a data file of mpsdose.

    Examples
    --------
    >>> import mpsdose
    >>> knowledge = mpsdose.Knowledge.default()
    >>> knowledge.conversion_table("cdc2022").purpose
    'surveillance'

    A hospital's own maximum doses, over the shipped data (the folder holds ``dose_limits.csv``)::

        knowledge = mpsdose.Knowledge.load("our-formulary")
        mpsdose.check(regimen, patient, knowledge=knowledge)
    """

    def __init__(self, files: Mapping[str, str | os.PathLike[str]], *,
                 local: Iterable[str] = (), folder: Path | None = None) -> None:
        unknown = sorted(set(files) - set(SCHEMAS))
        if unknown:
            raise DataError(f"not a data file of mpsdose: {', '.join(unknown)}; the files are "
                            f"{', '.join(sorted(SCHEMAS))}", path=str(folder or DATA_DIR))
        # The paths as given (the shipped ones as strings: pathlib is not imported to start a
        # command); :attr:`files` shows them as Paths.
        self._paths: dict[str, str | os.PathLike[str]] = dict(files)
        self.local: frozenset[str] = frozenset(local)
        self.folder = folder
        self._cache: dict[str, Any] = {}

    @property
    def files(self) -> Mapping[str, Path]:
        """Data file name (``dose_limits.csv``) → its path."""
        def paths() -> Mapping[str, Path]:
            from pathlib import Path

            return MappingProxyType({name: Path(path) for name, path in self._paths.items()})

        return self._cached("files", paths)

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def default(cls) -> Knowledge:
        """The shipped knowledge (``data/``), built once and shared.

        Returns
        -------
        Knowledge
        """
        return _default()

    @classmethod
    def shipped_files(cls) -> dict[str, Path]:
        """Data file name → path of the shipped file."""
        from pathlib import Path

        return {name: Path(DATA_DIR, name) for name in SCHEMAS}

    @classmethod
    @checked
    def load(cls, folder: str | Path, *, shipped: bool = True) -> Knowledge:
        """The shipped knowledge with the files of ``folder`` in place of those of the same name.

        Every file of the folder must be a known data file (``*.csv`` named as in ``data/``) in
        the shipped format; the whole bundle is checked at once. With ``shipped=False`` the bundle
        is the folder's files alone (tiny data for tests, or a complete set of one's own): what
        needs a file it lacks says so when asked.

        Parameters
        ----------
        folder
            A folder of ``*.csv`` files named as in ``data/``.
        shipped
            Start from the shipped files (True) or from nothing (False).

        Returns
        -------
        Knowledge
            Checked whole: every file read, every cross-file reference resolved.

        Raises
        ------
        DataError
            A missing folder, an unknown file name, or a malformed file (file, line, column).
        """
        from pathlib import Path

        path = Path(folder)
        if not path.is_dir():
            raise DataError("not a folder of data files", path=str(folder))
        local = {file.name: file for file in sorted(path.glob("*.csv"))}
        if not local:
            raise DataError("no data files (*.csv) in the folder; their names are "
                            f"{', '.join(sorted(SCHEMAS))}", path=str(folder))
        files = {**cls.shipped_files(), **local} if shipped else local
        knowledge = cls(files, local=local, folder=path)
        knowledge.validate()
        return knowledge

    def __repr__(self) -> str:
        where = "shipped" if not self.local else f"{self.folder} over shipped"
        return f"<Knowledge {where}: {len(self._paths)} files>"

    def __getstate__(self) -> dict[str, Any]:
        return {"files": dict(self._paths), "local": sorted(self.local), "folder": self.folder}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["files"], local=state["local"],  # type: ignore[misc]
                      folder=state["folder"])

    def _cached(self, key: str, build: Callable[[], T]) -> T:
        try:
            return self._cache[key]  # type: ignore[no-any-return]
        except KeyError:
            value = build()
            self._cache[key] = value
            return value

    def label(self, name: str) -> str:
        """How errors and sources name a file: ``dose_limits.csv``, or its local path.

        Parameters
        ----------
        name
            A data file name.
        """
        return os.fspath(self._paths[name]) if name in self.local else name

    def rows(self, name: str) -> tuple[Row, ...]:
        """The typed rows of one data file (its drug names checked against the catalogue).

        Parameters
        ----------
        name
            A data file name (``dose_limits.csv``).

        Returns
        -------
        tuple of Row
            Cells typed by the file's schema (numbers, routes, intervals, canonical drug names).

        Raises
        ------
        DataError
            The bundle has no such file, or the file breaks its schema (file, line, column).
        """
        if name not in self._paths:
            raise DataError(f"this knowledge has no {name}", path=str(self.folder or DATA_DIR))

        def read() -> tuple[Row, ...]:
            if name in ("drugs.csv", "combination_products.csv"):  # no drug column
                names = None
            elif name == "drug_names.csv":
                names = {row["drug"].lower(): row["drug"].lower()
                         for row in self.rows("drugs.csv")}
            else:
                names = dict(self.catalogue.names)
            return read_table(self._paths[name], SCHEMAS[name], label=self.label(name),
                              names=names)

        return self._cached(f"rows:{name}", read)

    # -- the catalogue -----------------------------------------------------------------------
    @property
    def catalogue(self) -> Catalogue:
        """The drugs, their names and the combination products."""
        return self._cached("catalogue", lambda: build_catalogue(
            self.rows("drugs.csv"), self._optional("drug_names.csv"),
            self._optional("combination_products.csv")))

    @property
    def other_drugs(self) -> Mapping[str, OtherDrug]:
        """Drugs the catalogue does not know (``other_drug_names.csv``), by every name they go
        by (lower case; with and without salt words). Empty where the bundle lacks the file.

        Raises
        ------
        DataError
            A name the catalogue knows (file and line): the catalogue's drug is checked, so its
            name must not be read as a drug the catalogue does not know.
        """
        return self._cached("other_drugs", lambda: _other_drugs(
            self._optional("other_drug_names.csv"), self.catalogue))

    @property
    def drug_vocabulary(self) -> Mapping[str, OtherDrug]:
        """Names of medicines the catalogue does not know from a public vocabulary
        (``drug_vocabulary.csv``), lower case → the medicine; the names ``other_drug_names.csv``
        gives are left to it. Empty where the bundle lacks the file.

        Raises
        ------
        DataError
            A name the catalogue knows (file and line).
        """
        return self._cached("drug_vocabulary", lambda: _vocabulary(
            self._optional("drug_vocabulary.csv"), self.catalogue, self.other_drugs))

    def medicine(self, name: str) -> OtherDrug | None:
        """The medicine a name the catalogue lacks stands for, where the knowledge knows it as one
        (``other_drug_names.csv`` first, then ``drug_vocabulary.csv``), as written or without
        the salt words after it ("tamsulosin hydrochloride"); None where it is no known medicine
        (a misspelling of a catalogue drug, "oxycodon", is none). Nor is a name the vocabulary
        gives to a drug the catalogue holds under other names ("epanutin", phenytoin): that drug
        is covered, and must not be kept unchecked under a name the catalogue lacks.

        Parameters
        ----------
        name
            A drug name as written.

        Returns
        -------
        OtherDrug or None
        """
        found = self._named_medicine(name)
        if found is None or self.catalogue.get(found.name) is not None:
            return None
        return found

    def _named_medicine(self, name: str) -> OtherDrug | None:
        """The medicine ``other_drug_names.csv`` or ``drug_vocabulary.csv`` gives a name the
        catalogue lacks (as written, then without its salt words), whichever drug it is."""
        key = normal_name(name)
        if not key or self.catalogue.get(key) is not None:
            return None
        for each in dict.fromkeys((key, without_salt(key))):
            found = self.other_drugs.get(each) or self.drug_vocabulary.get(each)
            if found is not None:
                return found
        return None

    def unknown_drug(self, name: str, *, text: str | None = None) -> UnknownDrugError:
        """The error for a name the catalogue does not know: a medicine the knowledge knows
        besides the catalogue is named as one, with no suggestions (they would name another
        drug: baclofen is not diclofenac); any other name gets the catalogue names close enough to
        be a misspelling of it (:meth:`Catalogue.suggest`), each with the drug it is.

        Parameters
        ----------
        name
            The name as written.
        text
            The item the name was in.

        Returns
        -------
        UnknownDrugError
        """
        key = normal_name(name)
        other = self._named_medicine(key)
        nearest = self.catalogue.suggest(key)
        books = self.catalogue
        if other is not None and books.get(other.name) is not None:
            # another name of a catalogue drug ("epanutin": phenytoin): that drug first
            drug = books.resolve(other.name).name
            named = [other.name, *(n for n in nearest if books.resolve(n).name != drug)][:3]
            return UnknownDrugError(key, named, text=text,
                                    suggested_drugs=books.describe_all(named))
        if other is not None:
            return UnknownDrugError(key, text=text, medicine=other.name,
                                    medicine_source=other.source)
        return UnknownDrugError(key, nearest, text=text,
                                suggested_drugs=books.describe_all(nearest))

    def _optional(self, name: str) -> tuple[Row, ...]:
        """The rows of a file a section can do without (none where the bundle lacks it)."""
        return self.rows(name) if name in self._paths else ()

    # -- conversion --------------------------------------------------------------------------
    @property
    def conversion_tables(self) -> Mapping[str, ConversionTable]:
        """The conversion tables by id."""
        return self._cached("tables", lambda: MappingProxyType(build_tables(
            self.rows("opioid_equivalence.csv"), self.catalogue,
            self.rows("equivalence_tables.csv"))))

    def conversion_table(self, table: str | ConversionTable | None = None) -> ConversionTable:
        """A table by id (``cdc2022`` when None), or the table itself.

        Parameters
        ----------
        table
            A table id (``mpsdose tables`` lists them), a table, or None for ``cdc2022``.

        Returns
        -------
        ConversionTable

        Raises
        ------
        UnknownTableError
            Listing the known ids.
        """
        if isinstance(table, ConversionTable):
            return table
        try:
            return table_by_id(self.conversion_tables, table)
        except UnknownTableError as error:
            described = {row["table"]: row for row in self._optional("equivalence_tables.csv")}
            row = described.get(error.table)
            if row is None:
                raise
            # A table the project describes but ships no rows of (one that could not be verified
            # against its source) says why, rather than that it is unknown.
            raise UnknownTableError(error.table, error.known, reason=(
                f"({row['title']}) has no rows: {row.get('notes') or 'none were verified'} "
                f"[{row['source']}]")) from None

    @property
    def rotation_tables(self) -> tuple[RotationTable, ...]:
        """The tables whose purpose is rotation (``spcg``, ``jspm2010``, ``pdq`` …)."""
        return tuple(t for t in self.conversion_tables.values() if isinstance(t, RotationTable))

    @property
    def thresholds(self) -> tuple[Threshold, ...]:
        """Every OME threshold of ``ome_thresholds.csv``."""
        return self._cached("thresholds", lambda: thresholds_from_rows(
            self.rows("ome_thresholds.csv")))

    def thresholds_of(self, context: str | None = None) -> list[Threshold]:
        """The thresholds of one context (all when None); ``palliative`` has none, by design.

        Parameters
        ----------
        context
            A guideline context (``cdc2022``, ``cdc2016``, ``opioids-aware``, ``palliative``).

        Raises
        ------
        UnknownTableError
            An unknown context, listing the known ones.
        """
        rows = self.thresholds
        if context is None:
            return list(rows)
        known = {row.context for row in rows} | {"palliative"}
        if context not in known:
            raise UnknownTableError(context, sorted(known))
        return [row for row in rows if row.context == context]

    # -- practice ----------------------------------------------------------------------------
    @property
    def strengths(self) -> tuple[Strength, ...]:
        """Marketed strengths (``strengths.csv``), for rounding down to what can be given."""
        from mpsdose.knowledge.practice import Strength

        return self._cached("strengths", lambda: tuple(
            Strength.from_row(row) for row in self.rows("strengths.csv")))

    @property
    def strength_products(self) -> tuple[StrengthProduct, ...]:
        """Which product each strengths row is and the salt it is labelled in
        (``strength_products.csv``; none where the bundle lacks the file)."""
        from mpsdose.knowledge.practice import StrengthProduct

        return self._cached("strength_products", lambda: tuple(
            StrengthProduct.from_row(row) for row in self._optional("strength_products.csv")))

    @property
    def schedules(self) -> tuple[UsualSchedule, ...]:
        """Usual dosing intervals (``schedules.csv``)."""
        from mpsdose.knowledge.practice import UsualSchedule

        return self._cached("schedules", lambda: tuple(
            UsualSchedule.from_row(row) for row in self.rows("schedules.csv")))

    def usual_schedule(self, drug: str, route: Route, release: str | None = None,
                       form: str | None = None, *,
                       as_needed: bool = False) -> UsualSchedule | None:
        """The best-matching usual schedule (see :func:`~mpsdose.knowledge.practice.best_schedule`).

        Parameters
        ----------
        drug
            Canonical drug name.
        route
            The route.
        release
            ``ir``, ``er`` or None.
        form
            A canonical dosage form or None.
        as_needed
            Only rows that state an interval for as-needed doses (``prn_interval_h``).

        Returns
        -------
        UsualSchedule or None
            None where no row matches.
        """
        from mpsdose.knowledge.practice import best_schedule

        rows = self.schedules
        if as_needed:
            rows = tuple(row for row in rows if row.prn_interval_h is not None)
        return best_schedule(rows, drug, route, release, form)

    @property
    def rotation_rules(self) -> Rules:
        """The rules of opioid rotation (``rotation_rules.csv``): cross-tolerance reduction,
        breakthrough fraction, titration step …"""
        from mpsdose.knowledge.practice import Rule, Rules

        return self._cached("rotation_rules", lambda: Rules("rotation_rules.csv", tuple(
            Rule.from_row(row) for row in self.rows("rotation_rules.csv"))))

    @property
    def methadone_rules(self) -> Rules:
        """Methadone constants, caps and intervals (``methadone_rules.csv``)."""
        from mpsdose.knowledge.practice import Rule, Rules

        return self._cached("methadone_rules", lambda: Rules("methadone_rules.csv", tuple(
            Rule.from_row(row) for row in self.rows("methadone_rules.csv"))))

    @property
    def patch_bands(self) -> tuple[PatchBand, ...]:
        """The manufacturers' patch conversion bands (``patch_conversion.csv``)."""
        from mpsdose.knowledge.practice import PatchBand

        return self._cached("patch_bands", lambda: tuple(
            PatchBand.from_row(row) for row in self.rows("patch_conversion.csv")))

    @property
    def label_switches(self) -> tuple[LabelSwitch, ...]:
        """Product labels' own oral switching tables, by market (``label_switches.csv``)."""
        from mpsdose.knowledge.practice import LabelSwitch

        return self._cached("label_switches", lambda: tuple(
            LabelSwitch.from_row(row) for row in self.rows("label_switches.csv")))

    @property
    def methadone_tiers(self) -> tuple[Tier, ...]:
        """The dose tiers of the methadone methods (``methadone_methods.csv``)."""
        from mpsdose.knowledge.practice import Tier

        return self._cached("tiers", lambda: tuple(
            Tier.from_row(row) for row in self.rows("methadone_methods.csv")))

    @property
    def products(self) -> Products:
        """Marketed products by name and content-labelled patches (none where the files are
        absent)."""
        from mpsdose.knowledge.products import Products

        return self._cached("products", lambda: Products.build(
            self._optional("products.csv"), self._optional("patch_products.csv")))

    @property
    def name_kinds(self) -> Mapping[str, str]:
        """Each other name of ``drug_names.csv`` (lower case) → its kind (``brand``, ``jan``,
        ``brand-jp`` …; empty where the row gives none)."""
        return self._cached("name_kinds", lambda: MappingProxyType({
            " ".join(row["name"].lower().split()): row.get("kind") or ""
            for row in self._optional("drug_names.csv")}))

    @property
    def market_rules(self) -> MarketRules:
        """The label rules of each market (``--market``); none where the file is absent."""
        from mpsdose.knowledge.market import MarketRules

        return self._cached("market_rules", lambda: MarketRules.from_rows(
            self._optional("market_rules.csv")))

    # -- safety ------------------------------------------------------------------------------
    @property
    def dose_limits(self) -> tuple[DoseLimit, ...]:
        """Maximum doses by age, weight, CrCl and hepatic function (``dose_limits.csv``)."""
        return self._cached("limits", lambda: self._limits(self.rows("dose_limits.csv")))

    @property
    def setting_limits(self) -> tuple[DoseLimit, ...]:
        """Maximum doses of a care setting whose practice exceeds the licence
        (``setting_limits.csv``), or that a label limits more strictly (an outpatient maximum);
        in their settings the licence rows they replace step down to info (a stricter row stands
        beside its licence row). None where the file is absent."""
        return self._cached("setting_limits",
                            lambda: self._limits(self._optional("setting_limits.csv")))

    def _limits(self, rows: Iterable[Row]) -> tuple[DoseLimit, ...]:
        """Maximum-dose rows as limits, those of a drug dosed in units counting in units."""
        from mpsdose.knowledge.limits import DoseLimit

        units = frozenset(d.name for d in self.catalogue.drugs.values() if d.dosed_in_units)
        return tuple(DoseLimit.from_row(row, units_dosed=units) for row in rows)

    @property
    def safety_rules(self) -> SafetyRules:
        """The rule behind each safety check, with its source (``safety_rules.csv``)."""
        from mpsdose.knowledge.limits import SafetyRule, SafetyRules

        return self._cached("safety_rules", lambda: SafetyRules(tuple(
            SafetyRule.from_row(row) for row in self.rows("safety_rules.csv"))))

    @property
    def drug_properties(self) -> DrugProperties:
        """Serotonergic, QT risk, gastroprotective … per drug (``drug_properties.csv``)."""
        from mpsdose.knowledge.limits import DrugProperties

        return self._cached("properties", lambda: DrugProperties.from_rows(
            self.rows("drug_properties.csv")))

    @property
    def usual_ranges(self) -> tuple[UsualRange, ...]:
        """Usual palliative daily doses (``usual_ranges.csv``)."""
        from mpsdose.knowledge.limits import UsualRange

        return self._cached("usual_ranges", lambda: tuple(
            UsualRange.from_row(row) for row in self.rows("usual_ranges.csv")))

    @property
    def opioid_ranges(self) -> tuple[OpioidRange, ...]:
        """The rows of ``opioid_dose_ranges.csv``: starts, usual tops and plausibility ceilings."""
        from mpsdose.knowledge.limits import OpioidRange

        return self._cached("opioid_ranges", lambda: tuple(
            OpioidRange.from_row(row) for row in self.rows("opioid_dose_ranges.csv")))

    @property
    def renal_opioid_doses(self) -> tuple[RenalDose, ...]:
        """Doses a source gives for a renally cleared opioid below a creatinine clearance
        (``renal_opioid_doses.csv``): at or below one, the renal caution is met. Empty where the
        file is absent."""
        from mpsdose.knowledge.limits import RenalDose

        return self._cached("renal_opioid_doses", lambda: tuple(
            RenalDose.from_row(row) for row in self._optional("renal_opioid_doses.csv")))

    @property
    def hepatic_opioid_doses(self) -> tuple[HepaticDose, ...]:
        """Reduced doses a label or guideline gives for an opioid in hepatic impairment
        (``hepatic_opioid_doses.csv``): at or below one, the label's hepatic reduction is
        applied. Empty where the file is absent."""
        from mpsdose.knowledge.limits import HepaticDose

        return self._cached("hepatic_opioid_doses", lambda: tuple(
            HepaticDose.from_row(row) for row in self._optional("hepatic_opioid_doses.csv")))

    @property
    def titration_steps(self) -> tuple[TitrationStep, ...]:
        """The labelled titration steps of non-opioids (``titration_steps.csv``): how far one
        change of the dose may go. Empty where the file is absent."""
        from mpsdose.knowledge.limits import TitrationStep

        return self._cached("titration_steps", lambda: tuple(
            TitrationStep.from_row(row) for row in self._optional("titration_steps.csv")))

    @property
    def steroid_tables(self) -> tuple[SteroidTable, ...]:
        """Corticosteroid equivalence tables (``corticosteroid_equivalence.csv``)."""
        from mpsdose.knowledge.limits import steroid_tables

        return self._cached("steroids", lambda: steroid_tables(
            self.rows("corticosteroid_equivalence.csv")))

    # -- codes -------------------------------------------------------------------------------
    @property
    def rxnorm(self) -> Mapping[str, str]:
        """RxNorm ingredient code → drug (canonical name)."""
        return self._cached("rxnorm", lambda: MappingProxyType(
            {row["rxcui"]: row["drug"] for row in self.rows("rxnorm.csv")}))

    @property
    def snomed_routes(self) -> Mapping[str, Route]:
        """SNOMED CT route code → route."""
        return self._cached("snomed", lambda: MappingProxyType(
            {row["snomed_code"]: row["route"] for row in self.rows("fhir_routes.csv")}))

    @property
    def route_codes(self) -> Mapping[Route, tuple[str, str]]:
        """Route → (SNOMED CT code, display)."""
        return self._cached("route_codes", lambda: MappingProxyType(
            {row["route"]: (row["snomed_code"], row["display"])
             for row in self.rows("fhir_routes.csv")}))

    @property
    def rxnorm_products(self) -> Mapping[str, ProductRecord]:
        """RxCUI of a clinical or branded drug → its ingredients, strengths and dose form."""
        from mpsdose.knowledge.codes import rxnorm_table

        return self._cached("rxnorm_products", lambda: rxnorm_table(
            self._optional("rxnorm_products.csv")))

    @property
    def ndc_products(self) -> Mapping[str, NdcProduct]:
        """11-digit NDC → the opioid product of the CDC NDC/MME file."""
        from mpsdose.knowledge.codes import ndc_table

        return self._cached("ndc_products", lambda: ndc_table(
            self._optional("ndc_products.csv")))

    @property
    def fhir_statuses(self) -> Mapping[tuple[str, str, str], StatusRule]:
        """(resource, element, code) → whether an order with it is in force."""
        from mpsdose.knowledge.codes import status_rules

        return self._cached("fhir_statuses", lambda: status_rules(
            self._optional("fhir_statuses.csv")))

    @property
    def timing_codes(self) -> Mapping[str, TimingCode]:
        """FHIR timing abbreviation (BID, Q4H …) → its frequency."""
        from mpsdose.knowledge.codes import timing_codes

        return self._cached("timing_codes", lambda: timing_codes(
            self._optional("fhir_timing_codes.csv")))

    @property
    def observation_codes(self) -> Mapping[str, str]:
        """LOINC code → what it measures for the patient context (weight_kg, crcl_ml_min, egfr)."""
        from mpsdose.knowledge.codes import observation_codes

        return self._cached("observation_codes", lambda: observation_codes(
            self._optional("fhir_observations.csv")))

    # -- the whole -----------------------------------------------------------------------------
    def validate(self) -> Knowledge:
        """Read every file and check what files say about each other; return self.

        Returns
        -------
        Knowledge
            ``self``.

        Raises
        ------
        DataError
            The first problem: a malformed row (file, line, column), a drug no catalogue file
            knows, a rule the code needs that a rules file lacks.
        """
        for name in self._paths:
            if name in _CHECKED_WHEN_USED and name not in self.local:
                continue
            self.rows(name)
        sections: dict[str, Callable[[], object]] = {
            "drugs.csv": lambda: self.catalogue,
            "other_drug_names.csv": lambda: self.other_drugs,
            "drug_vocabulary.csv": lambda: self.drug_vocabulary,
            "opioid_equivalence.csv": lambda: self.conversion_tables,
            "ome_thresholds.csv": lambda: self.thresholds,
            "strengths.csv": lambda: self.strengths,
            "schedules.csv": lambda: self.schedules,
            "patch_conversion.csv": lambda: self.patch_bands,
            "label_switches.csv": lambda: self.label_switches,
            "methadone_methods.csv": lambda: self.methadone_tiers,
            "dose_limits.csv": lambda: self.dose_limits,
            "setting_limits.csv": lambda: self.setting_limits,
            "drug_properties.csv": lambda: self.drug_properties,
            "usual_ranges.csv": lambda: self.usual_ranges,
            "opioid_dose_ranges.csv": lambda: self.opioid_ranges,
            "renal_opioid_doses.csv": lambda: self.renal_opioid_doses,
            "hepatic_opioid_doses.csv": lambda: self.hepatic_opioid_doses,
            "titration_steps.csv": lambda: self.titration_steps,
            "corticosteroid_equivalence.csv": lambda: self.steroid_tables,
            "rxnorm.csv": lambda: self.rxnorm,
            "products.csv": lambda: self.products,
            "patch_products.csv": lambda: self.products,
            "market_rules.csv": lambda: self.market_rules,
            "fhir_routes.csv": lambda: self.snomed_routes,
            "rxnorm_products.csv": lambda: self.rxnorm_products,
            "ndc_products.csv": lambda: self.ndc_products,
            "fhir_statuses.csv": lambda: self.fhir_statuses,
            "fhir_timing_codes.csv": lambda: self.timing_codes,
            "fhir_observations.csv": lambda: self.observation_codes,
        }
        for name, build in sections.items():
            if name in self._paths and not (name in _CHECKED_WHEN_USED and name not in self.local):
                build()
        present = {
            "rotation_rules.csv": lambda: {rule.rule for rule in self.rotation_rules.rows},
            "methadone_rules.csv": lambda: {rule.rule for rule in self.methadone_rules.rows},
            "safety_rules.csv": lambda: {rule.check for rule in self.safety_rules.rows},
        }
        for name, required in REQUIRED_RULES.items():
            if name not in self._paths:
                continue
            missing = sorted(set(required) - present[name]())
            if missing:
                raise DataError(f"rule(s) {', '.join(missing)} missing: mpsdose reads them",
                                path=self.label(name))
        return self


@functools.cache
def _default() -> Knowledge:
    return Knowledge({name: os.path.join(DATA_DIR, name) for name in SCHEMAS})


def resolve(knowledge: Knowledge | None) -> Knowledge:
    """``knowledge``, or the shipped bundle where it is None.

    Parameters
    ----------
    knowledge
        A bundle, or None.

    Returns
    -------
    Knowledge
    """
    return _default() if knowledge is None else knowledge


# -- the public accessors of the top-level API ----------------------------------------------------
@checked
def default_catalogue(knowledge: Knowledge | None = None) -> Catalogue:
    """The catalogue of ``knowledge`` (the shipped one by default).

    Parameters
    ----------
    knowledge
        The clinical knowledge to use; None: the shipped data.

    Returns
    -------
    Catalogue
        The drugs, every name they go by, and the combination products.
    """
    return resolve(knowledge).catalogue


@checked
def conversion_tables(knowledge: Knowledge | None = None) -> Mapping[str, ConversionTable]:
    """The conversion tables of ``knowledge`` by id (the shipped ones by default).

    Parameters
    ----------
    knowledge
        The clinical knowledge to use; None: the shipped data.

    Returns
    -------
    Mapping of str to ConversionTable
        Surveillance (MME) and rotation tables, by id.
    """
    return resolve(knowledge).conversion_tables


@checked
def conversion_table(table: str | ConversionTable | None = None, *,
                     knowledge: Knowledge | None = None) -> ConversionTable:
    """A table by id (``cdc2022`` when None), or the table itself.

    Parameters
    ----------
    table
        A table id (``cdc2022``, ``cdc2016``, ``nihheal``, ``anzca2021``, ``spcg`` …; ``mpsdose
        tables`` lists them), a table, or None for ``cdc2022``.
    knowledge
        The clinical knowledge to use; None: the shipped data.

    Returns
    -------
    ConversionTable

    Raises
    ------
    UnknownTableError
        An unknown id, listing the known ids.

    Examples
    --------
    >>> import mpsdose
    >>> mpsdose.conversion_table("cdc2022").lookup("oxycodone", mpsdose.Route.ORAL).factor
    1.5
    """
    return resolve(knowledge).conversion_table(table)


@checked
def thresholds(context: str | None = None, *,
               knowledge: Knowledge | None = None) -> list[Threshold]:
    """The OME thresholds of one guideline context (all when None); ``palliative`` has none.

    Parameters
    ----------
    context
        ``cdc2022``, ``cdc2016``, ``opioids-aware`` or ``palliative``; None: every context.
    knowledge
        The clinical knowledge to use; None: the shipped data.

    Returns
    -------
    list of Threshold
        Each with its threshold [mg OME/day], severity, meaning and source.

    Raises
    ------
    UnknownTableError
        An unknown context, listing the known ones.
    """
    return resolve(knowledge).thresholds_of(context)


@checked
def load_table_file(path: str | Path, *, purpose: str = "surveillance",
                    knowledge: Knowledge | None = None) -> dict[str, ConversionTable]:
    """A user's own table(s) from a CSV file in the format of CONTRACT.md §3.

    Every row is checked as the shipped ones are (its drugs against the catalogue of
    ``knowledge``); an error names the file, line and column. Columns beyond the format are
    allowed (the contract says so) and ``grade`` is optional. Each table's version is the file
    name and its hash the hash of its rows.

    Parameters
    ----------
    path
        A CSV file with the columns ``table``, ``drug``, ``route``, ``unit``, ``factor`` (or
        ``factor_low``/``factor_high``), optionally ``daily_dose_min``/``daily_dose_max``, and
        ``source``.
    purpose
        ``surveillance`` (MME for risk and totals) or ``rotation`` (switching opioids).
    knowledge
        The clinical knowledge whose catalogue names the drugs; None: the shipped data.

    Returns
    -------
    dict of str to ConversionTable
        The file's tables by id.

    Raises
    ------
    DataError
        A malformed file (file, line, column), or one with no rows.
    """
    from pathlib import Path

    knowledge = resolve(knowledge)
    file = Path(path)
    schema = SCHEMAS["opioid_equivalence.csv"]
    rows = read_table(file, schema.for_table_files(), label=str(path),
                      names=knowledge.catalogue.names)
    if not rows:
        raise DataError("no rows", path=str(path))
    return build_tables(rows, knowledge.catalogue, purpose=purpose, version=file.name)


def _vocabulary(rows: Iterable[Row], catalogue: Catalogue,
                curated: Mapping[str, OtherDrug]) -> Mapping[str, OtherDrug]:
    """Every name of ``drug_vocabulary.csv`` → its medicine, but the names
    ``other_drug_names.csv`` gives (curated, one source a row: those win, and a medicine it
    names is its row's, so "Diamox (acetazolamide)" names one drug); a name the catalogue knows
    is refused with its line."""
    found: dict[str, OtherDrug] = {}
    medicines: dict[str, OtherDrug] = {}
    for row in rows:
        name = row["name"].strip().lower()
        if catalogue.get(name) is not None:
            raise row.error(f"{name!r} is a name the catalogue knows (drugs.csv, "
                            "drug_names.csv): it is read and checked as that drug", "name")
        if name in curated:
            continue
        drug = row["drug"].strip().lower()
        if drug not in medicines:  # "Diamox": a brand of a medicine the curated list names
            medicines[drug] = curated.get(drug) or OtherDrug(
                drug, (), "", f"{row['source']}: {row['identifier']}")
        found[name] = medicines[drug]
    return MappingProxyType(found)


def _other_drugs(rows: Iterable[Row], catalogue: Catalogue) -> Mapping[str, OtherDrug]:
    """Every name of ``other_drug_names.csv``'s rows → its drug; a name the catalogue knows,
    or one given to two drugs, is refused with its line."""
    found: dict[str, OtherDrug] = {}
    for row in rows:
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
        drug = OtherDrug(row["name"].strip().lower(), aliases, row["drug_class"], row["source"])
        for name in drug.names:
            if catalogue.get(name) is not None:
                raise row.error(f"{name!r} is a name the catalogue knows (drugs.csv, "
                                "drug_names.csv): it is read and checked as that drug, so it "
                                "cannot be a drug the catalogue does not know", "name")
            if name in found and found[name].name != drug.name:
                raise row.error(f"{name!r} is also a name of {found[name].name}", "aliases")
            found[name] = drug
    return MappingProxyType(found)
