"""The drug catalogue: drugs, their classes, routes and forms, and every name they go by.

Loaded once, on first use, from ``data/drugs.csv`` and ``data/drug_names.csv`` (every row with its
source) into read-only objects. Routes and forms are the vocabulary of the item language.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

import attrs

from mpsdose.knowledge.loader import data_file, read_rows, require
from mpsdose.model.errors import DataError, UnknownDrugError
from mpsdose.model.units import UNITS, Unit, UnitKind

__all__ = [
    "DRUG_CLASSES",
    "FORMS",
    "RELEASES",
    "Catalogue",
    "Drug",
    "Product",
    "Route",
    "default_catalogue",
    "parse_form",
    "parse_route",
]


class Route(enum.Enum):
    """Route of administration. The value is the canonical spelling mpsdose writes."""

    ORAL = "oral"
    SUBLINGUAL = "sublingual"
    BUCCAL = "buccal"
    INTRANASAL = "intranasal"
    RECTAL = "rectal"
    TRANSDERMAL = "transdermal"
    TOPICAL = "topical"
    IV = "iv"
    SC = "sc"
    IM = "im"
    EPIDURAL = "epidural"
    INTRATHECAL = "intrathecal"

    def __str__(self) -> str:
        return self.value

    @property
    def short(self) -> str:
        """The abbreviation a prescription uses (po, iv, sc, td, sl, pr …)."""
        return _ROUTE_SHORT.get(self, self.value)


_ROUTE_SHORT = {
    Route.ORAL: "po",
    Route.SUBLINGUAL: "sl",
    Route.TRANSDERMAL: "td",
    Route.RECTAL: "pr",
}

#: Every spelling of a route in the item language and in data files (lower case).
ROUTE_SPELLINGS: Mapping[str, Route] = MappingProxyType(
    {
        **{route.value: route for route in Route},
        "po": Route.ORAL, "p.o.": Route.ORAL, "per os": Route.ORAL, "by mouth": Route.ORAL,
        "sl": Route.SUBLINGUAL,
        "nasal": Route.INTRANASAL,
        "pr": Route.RECTAL, "per rectum": Route.RECTAL,
        "td": Route.TRANSDERMAL,
        "intravenous": Route.IV, "i.v.": Route.IV,
        "subcut": Route.SC, "subcutaneous": Route.SC, "s.c.": Route.SC, "sq": Route.SC,
        "csci": Route.SC,
        "intramuscular": Route.IM, "i.m.": Route.IM,
    }
)

#: Route groups that conversion tables may use for a row that applies to several routes alike.
ROUTE_GROUPS: Mapping[str, frozenset[Route]] = MappingProxyType(
    {"parenteral": frozenset({Route.IV, Route.SC, Route.IM})}
)


def parse_route(spelling: str) -> Route:
    """The :class:`Route` for a spelling (``po``, ``subcut``, ``TD`` …); ``ValueError`` if none."""
    key = " ".join(spelling.strip().lower().split())
    try:
        return ROUTE_SPELLINGS[key]
    except KeyError:
        raise ValueError(
            f"unknown route {spelling!r}; known routes: "
            + ", ".join(sorted({r.value for r in Route} | {"po", "sc", "td", "sl", "pr"}))
        ) from None


#: Release characteristics: immediate (ir) or extended/modified (er).
RELEASES: Mapping[str, str] = MappingProxyType(
    {
        "ir": "ir", "immediate-release": "ir", "immediate release": "ir",
        "short-acting": "ir", "short acting": "ir", "normal-release": "ir",
        "er": "er", "sr": "er", "cr": "er", "la": "er", "mr": "er", "xr": "er", "xl": "er",
        "long-acting": "er", "long acting": "er", "extended-release": "er",
        "extended release": "er", "modified-release": "er", "modified release": "er",
        "sustained-release": "er", "sustained release": "er", "controlled-release": "er",
        "controlled release": "er", "prolonged-release": "er", "prolonged release": "er",
    }
)

#: Dosage forms (the catalogue's ``forms`` column uses the canonical values).
FORMS: Mapping[str, str] = MappingProxyType(
    {
        "tablet": "tablet", "tablets": "tablet", "tab": "tablet", "tabs": "tablet",
        "capsule": "capsule", "capsules": "capsule", "cap": "capsule", "caps": "capsule",
        "liquid": "liquid", "solution": "liquid", "oral solution": "liquid", "syrup": "liquid",
        "drops": "liquid", "elixir": "liquid",
        "injection": "injection", "inj": "injection",
        "patch": "patch", "patches": "patch", "plaster": "patch", "tape": "patch",
        "suppository": "suppository", "suppositories": "suppository", "supp": "suppository",
        "lozenge": "lozenge", "troche": "lozenge",
        "film": "film",
        "spray": "spray",
    }
)

_FORM_ROUTE = {"patch": Route.TRANSDERMAL, "suppository": Route.RECTAL}


def parse_form(spelling: str) -> tuple[str | None, str | None]:
    """``(release, form)`` for a form word: ``"er"`` → ("er", None), ``"patch"`` → (None, "patch")."""
    key = " ".join(spelling.strip().lower().split())
    if key in RELEASES:
        return RELEASES[key], None
    if key in FORMS:
        return None, FORMS[key]
    raise ValueError(f"unknown form {spelling!r}")


#: The drug classes of the catalogue, with the label shown to people.
DRUG_CLASSES: Mapping[str, str] = MappingProxyType(
    {
        "opioid": "Opioids",
        "nsaid": "NSAIDs",
        "acetaminophen": "Acetaminophen (paracetamol)",
        "gabapentinoid": "Gabapentinoids",
        "corticosteroid": "Corticosteroids",
        "antipsychotic": "Antipsychotics",
        "nmda-antagonist": "NMDA antagonists",
        "antidepressant": "Antidepressants",
        "local-anaesthetic": "Local anaesthetics",
        "benzodiazepine": "Benzodiazepines",
        "antiemetic": "Antiemetics",
        "proton-pump-inhibitor": "Proton-pump inhibitors",
        "h2-antagonist": "H2-receptor antagonists",
        "prostaglandin-analogue": "Prostaglandin analogues",
        "unlisted": "Not in the catalogue",
    }
)


@attrs.frozen
class Drug:
    """One drug of the catalogue (or an unlisted name the caller chose to keep).

    Attributes
    ----------
    name
        Canonical lower-case name (USAN where it differs from the INN: acetaminophen, meperidine).
    drug_class
        A key of :data:`DRUG_CLASSES`.
    routes
        Routes with a marketed product or in routine palliative use.
    forms
        Canonical dosage forms (``tablet``, ``patch`` …).
    natural_unit
        The daily-dose unit a pharmacist reads for this drug (``g/day`` for acetaminophen).
    atc_code, source
        WHO ATC code and where the row's facts come from.
    listed
        False for an unlisted item: kept and shown, never totalled or converted.
    """

    name: str
    drug_class: str
    routes: frozenset[Route] = frozenset()
    forms: frozenset[str] = frozenset()
    natural_unit: Unit = attrs.field(default=UNITS["mg/day"])
    atc_code: str = ""
    source: str = ""
    listed: bool = True

    @classmethod
    def unlisted(cls, name: str) -> Drug:
        """A drug the catalogue does not know, kept by the caller's choice."""
        return cls(name=name, drug_class="unlisted", listed=False, source="not in the catalogue")

    @classmethod
    def from_row(cls, row: Mapping[str, str], *, path: str, line: int) -> Drug:
        """Build a drug from a row of ``data/drugs.csv``; schema errors name ``path:line``."""
        name = require(row, "drug", path=path, line=line).lower()
        drug_class = require(row, "drug_class", path=path, line=line)
        if drug_class not in DRUG_CLASSES or drug_class == "unlisted":
            raise DataError(f"unknown drug_class {drug_class!r}", path=path, line=line)
        routes = []
        for word in require(row, "routes", path=path, line=line).split():
            try:
                routes.append(Route(word))
            except ValueError:
                raise DataError(f"unknown route {word!r}", path=path, line=line) from None
        forms = row.get("forms", "").split()
        bad_forms = [form for form in forms if FORMS.get(form) != form]
        if bad_forms:
            raise DataError(f"unknown form(s) {bad_forms}", path=path, line=line)
        unit_symbol = row.get("natural_unit") or "mg/day"
        unit = UNITS.get(unit_symbol)
        if unit is None or unit.kind is not UnitKind.RATE:
            raise DataError(f"natural_unit {unit_symbol!r} is not a daily unit", path=path,
                            line=line)
        return cls(
            name=name,
            drug_class=drug_class,
            routes=frozenset(routes),
            forms=frozenset(forms),
            natural_unit=unit,
            atc_code=row.get("atc_code", ""),
            source=require(row, "source", path=path, line=line),
        )

    @property
    def is_opioid(self) -> bool:
        return self.drug_class == "opioid"

    @property
    def default_route(self) -> Route | None:
        """Oral where the drug has an oral form, else None: the route must then be written."""
        return Route.ORAL if Route.ORAL in self.routes else None

    def route_for_form(self, form: str | None) -> Route | None:
        """The route a dosage form implies for this drug (a patch is transdermal), if any."""
        route = _FORM_ROUTE.get(form or "")
        if route is Route.TRANSDERMAL and Route.TRANSDERMAL not in self.routes:
            return Route.TOPICAL if Route.TOPICAL in self.routes else route
        return route

    def __str__(self) -> str:
        return self.name


@attrs.frozen
class Product:
    """A marketed combination product: its components and their strengths per unit [mg]."""

    name: str
    components: tuple[str, ...]
    strengths: tuple[float, ...]
    market: str
    source: str


@attrs.frozen
class Catalogue:
    """Drugs by canonical name, every known name → canonical name, and combination products."""

    drugs: Mapping[str, Drug]
    names: Mapping[str, str]
    products: Mapping[str, tuple[Product, ...]] = MappingProxyType({})

    def product(self, name: str) -> tuple[Product, ...]:
        """The marketed strengths of a combination product by name (empty if unknown)."""
        return self.products.get(_normal(name), ())

    @classmethod
    def from_files(cls, drugs_csv: Path, names_csv: Path,
                   products_csv: Path | None = None) -> Catalogue:
        drugs: dict[str, Drug] = {}
        for line, row in read_rows(drugs_csv, ("drug", "drug_class", "routes", "source")):
            drug = Drug.from_row(row, path=drugs_csv.name, line=line)
            if drug.name in drugs:
                raise DataError(f"duplicate drug {drug.name!r}", path=drugs_csv.name, line=line)
            drugs[drug.name] = drug
        names: dict[str, str] = {name: name for name in drugs}
        for line, row in read_rows(names_csv, ("name", "drug", "source")):
            name = _normal(require(row, "name", path=names_csv.name, line=line))
            target = require(row, "drug", path=names_csv.name, line=line).lower()
            if target not in drugs:
                raise DataError(f"name {name!r} points to unknown drug {target!r}",
                                path=names_csv.name, line=line)
            if names.get(name, target) != target:
                raise DataError(f"name {name!r} is already {names[name]!r}",
                                path=names_csv.name, line=line)
            require(row, "source", path=names_csv.name, line=line)
            names[name] = target
        products: dict[str, list[Product]] = {}
        if products_csv is not None:
            label = products_csv.name
            for line, row in read_rows(products_csv, ("name", "components", "strengths_mg",
                                                      "source")):
                name = _normal(require(row, "name", path=label, line=line))
                if name in names:
                    raise DataError(f"product {name!r} is also a drug name", path=label,
                                    line=line)
                components = tuple(part.strip().lower() for part in
                                   require(row, "components", path=label, line=line).split("/"))
                unknown = [c for c in components if c not in drugs]
                if unknown:
                    raise DataError(f"unknown component(s) {unknown}", path=label, line=line)
                try:
                    strengths = tuple(float(part) for part in
                                      require(row, "strengths_mg", path=label,
                                              line=line).split("/"))
                except ValueError:
                    raise DataError(f"strengths_mg {row['strengths_mg']!r}", path=label,
                                    line=line) from None
                if len(strengths) != len(components) or min(strengths) <= 0:
                    raise DataError("one positive strength per component", path=label, line=line)
                products.setdefault(name, []).append(Product(
                    name, components, strengths, row.get("market", ""),
                    require(row, "source", path=label, line=line)))
        return cls(MappingProxyType(drugs), MappingProxyType(names),
                   MappingProxyType({k: tuple(v) for k, v in products.items()}))

    def resolve(self, name: str, *, text: str | None = None) -> Drug:
        """The drug a name stands for (INN, USAN, brand, salt spelling; case-insensitive).

        Raises
        ------
        UnknownDrugError
            With the nearest known names as suggestions.
        """
        key = _normal(name)
        try:
            return self.drugs[self.names[key]]
        except KeyError:
            raise UnknownDrugError(key, self.suggest(key), text=text) from None

    def get(self, name: str) -> Drug | None:
        canonical = self.names.get(_normal(name))
        return None if canonical is None else self.drugs[canonical]

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Up to ``n`` known names nearest to ``name`` (by spelling)."""
        import difflib  # only on the error path

        return difflib.get_close_matches(_normal(name), list(self.names), n=n, cutoff=0.6)

    def by_class(self, drug_class: str | None = None) -> list[Drug]:
        drugs: Iterable[Drug] = self.drugs.values()
        if drug_class is not None:
            drugs = (drug for drug in drugs if drug.drug_class == drug_class)
        return sorted(drugs, key=lambda drug: (drug.drug_class, drug.name))

    def aliases(self, drug: str) -> list[str]:
        """Every other name that resolves to ``drug``."""
        return sorted(name for name, target in self.names.items() if target == drug != name)


def _normal(name: str) -> str:
    return " ".join(name.strip().lower().split())


@functools.cache
def default_catalogue() -> Catalogue:
    """The shipped catalogue, loaded on first use and cached."""
    return Catalogue.from_files(data_file("drugs.csv"), data_file("drug_names.csv"),
                                data_file("combination_products.csv"))
