"""Build the drug catalogue from ``drugs.csv``, ``drug_names.csv`` and ``combination_products.csv``."""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType

from mpsdose.knowledge.loader import Row
from mpsdose.model.drugs import Catalogue, Drug, Product, normal_name
from mpsdose.model.units import UNITS
from mpsdose.model.vocabulary import Route

__all__ = ["build_catalogue", "drug_from_row"]


def drug_from_row(row: Row) -> Drug:
    """A :class:`Drug` from a typed row of ``drugs.csv``.

    An opioid is dosed in mass: one marked as dosed in units would be converted to morphine
    equivalents from units, so the row is refused (CONTRACT.md §1: an opioid dose in U/IU is an
    input error).
    """
    if row.get("natural_unit") == "units/day" and row["drug_class"] == "opioid":
        raise row.error("an opioid is dosed in mg (or mcg), never in units", "natural_unit")
    return Drug(
        name=row["drug"].lower(),
        drug_class=row["drug_class"],
        routes=row["routes"],
        forms=row.get("forms", frozenset()),
        natural_unit=UNITS[row.get("natural_unit", "mg/day")],
        atc_code=row.get("atc_code", ""),
        source=row["source"],
    )


def build_catalogue(drug_rows: Sequence[Row], name_rows: Sequence[Row],
                    product_rows: Sequence[Row]) -> Catalogue:
    """The catalogue of typed rows; ``name_rows`` and ``product_rows`` name drugs of ``drug_rows``.

    A name is an error where it already stands for another drug, and a product where its name is
    also a drug's name or a component is unknown (each names its ``file:line``). A name's
    ``release`` is an error on a drug's own name (every item of the drug would take it) and on a
    drug with no oral route (the release is that of the brand's oral forms).
    """
    drugs = {row["drug"].lower(): drug_from_row(row) for row in drug_rows}
    names: dict[str, str] = {name: name for name in drugs}
    releases: dict[str, str] = {}
    brands: set[str] = set()
    for row in name_rows:
        name = normal_name(row["name"])
        target = row["drug"]
        if names.get(name, target) != target:
            raise row.error(f"name {name!r} is already {names[name]!r}", "name")
        names[name] = target
        if row.get("kind") in ("brand", "brand-jp"):
            brands.add(name)
        release = row.get("release")
        if release:
            if name in drugs:
                raise row.error(f"{name!r} is a drug's own name: a release belongs to a brand",
                                "release")
            if Route.ORAL not in drugs[target].routes:
                raise row.error(f"{target} has no oral route: a brand's release is that of its "
                                "oral forms", "release")
            releases[name] = release
    products: dict[str, list[Product]] = {}
    for row in product_rows:
        name = normal_name(row["name"])
        if name in names:
            raise row.error(f"product {name!r} is also a drug name", "name")
        components = tuple(part.strip().lower() for part in row["components"].split("/"))
        unknown = [c for c in components if c not in drugs]
        if unknown:
            raise row.error(f"unknown component(s) {unknown}", "components")
        try:
            strengths = tuple(float(part) for part in row["strengths_mg"].split("/"))
        except ValueError:
            raise row.error(f"{row['strengths_mg']!r} is not numbers separated by '/'",
                            "strengths_mg") from None
        if len(strengths) != len(components) or min(strengths) <= 0:
            raise row.error("one positive strength per component", "strengths_mg")
        products.setdefault(name, []).append(
            Product(name, components, strengths, row.get("market", ""), row["source"],
                    row.get("release")))
    return Catalogue(MappingProxyType(drugs), MappingProxyType(names),
                     MappingProxyType({k: tuple(v) for k, v in products.items()}),
                     MappingProxyType(releases), frozenset(brands))
