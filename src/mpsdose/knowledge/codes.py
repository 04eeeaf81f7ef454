"""What codes mean: product tables and FHIR vocabularies, as objects.

- ``rxnorm_products.csv`` → :class:`~mpsdose.model.products.ProductRecord` by RxCUI;
- ``ndc_products.csv`` → :class:`NdcProduct` by 11-digit NDC;
- ``fhir_statuses.csv`` → :class:`StatusRule` (which orders are in force, with the FHIR R4
  definition);
- ``fhir_timing_codes.csv`` → :class:`TimingCode` (``BID``, ``Q4H`` …);
- ``fhir_observations.csv`` → LOINC code → what it measures.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from mpsdose.knowledge.loader import Row
from mpsdose.model.products import IngredientStrength, ProductRecord
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

__all__ = ["NDC", "RXNORM", "NdcProduct", "StatusRule", "TimingCode", "ndc_table",
           "normal_ndc", "observation_codes", "rxnorm_table", "status_rules", "timing_codes"]

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
NDC = "http://hl7.org/fhir/sid/ndc"


def rxnorm_table(rows: Iterable[Row]) -> Mapping[str, ProductRecord]:
    """RxCUI → product, its ingredients in the order of the file."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row["rxcui"]].append(row)
    table = {}
    for code, group in grouped.items():
        first = group[0]
        table[code] = ProductRecord(
            first["name"],
            tuple(IngredientStrength(row["ingredient"], row["strength"], row["unit"])
                  for row in group),
            first.get("dose_form"), first.get("route"), first.get("form"), first.get("release"),
            first.get("hours"), code, RXNORM, f"{first['source']} ({first.where})")
    return MappingProxyType(table)


@attrs.frozen(repr=False, eq=False)
class NdcProduct(Value):
    """One NDC of the CDC NDC/MME file: the opioid, its strength per unit and how it is used."""

    ndc: str
    product: str
    ingredient: str
    combination: bool
    strength: float | None
    unit: str | None
    route: Route | None
    form: str | None
    release: str | None
    wear_days: float | None
    file_factor: float | None
    source: str
    where: str = ""

    @classmethod
    def from_row(cls, row: Row) -> NdcProduct:
        if (row.get("strength") is None) != (row.get("unit") is None):
            raise row.error("strength and unit go together", "unit")
        return cls(row["ndc"], row["product"], row["ingredient"],
                   row.get("combination") == "yes", row.get("strength"),
                   row.get("unit"), row.get("route"), row.get("form"), row.get("release"),
                   row.get("wear_days"), row.get("file_factor"), row["source"], row.where)


def ndc_table(rows: Iterable[Row]) -> Mapping[str, NdcProduct]:
    """11-digit NDC → product."""
    table = {}
    for row in rows:
        if not re.fullmatch(r"\d{11}", row["ndc"]):
            raise row.error("an NDC is 11 digits, without hyphens", "ndc")
        table[row["ndc"]] = NdcProduct.from_row(row)
    return MappingProxyType(table)


#: NDC layouts with hyphens → how each part is padded to 5-4-2.
_NDC_LAYOUTS = {(4, 4, 2): (1, 0, 0), (5, 3, 2): (0, 1, 0), (5, 4, 1): (0, 0, 1),
                (5, 4, 2): (0, 0, 0)}


def normal_ndc(text: object) -> str | None:
    """An NDC as its 11 digits (the HIPAA 5-4-2 form), or None.

    11 digits, or 5-4-2 with hyphens, are kept; a hyphenated 10-digit NDC (4-4-2, 5-3-2 or
    5-4-1) is padded with the zero the HIPAA 11-digit form adds; anything else (10 bare digits
    are ambiguous) is None.

    >>> normal_ndc("0406-0552-01"), normal_ndc("00406055201"), normal_ndc("4060552011")
    ('00406055201', '00406055201', None)
    """
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, int):
        text = str(text)  # a number column lost its leading zeros: only 11 digits are safe
        return text if len(text) == 11 else None
    value = str(text).strip()
    if re.fullmatch(r"\d{11}", value):
        return value
    parts = value.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        layout = tuple(len(p) for p in parts)
        padding = _NDC_LAYOUTS.get(layout)  # type: ignore[arg-type]
        if padding is not None:
            return "".join("0" * pad + part for pad, part in zip(padding, parts, strict=True))
    return None


@attrs.frozen(repr=False, eq=False)
class StatusRule(Value):
    """Whether an order with this status (or intent) counts, and the FHIR R4 definition."""

    resource: str
    element: str
    code: str
    counts: str  #: "yes", "no" or "in-cds-request"
    definition: str
    source: str


def status_rules(rows: Iterable[Row]) -> Mapping[tuple[str, str, str], StatusRule]:
    """(resource, element, code) → rule."""
    return MappingProxyType({
        (row["resource"], row["element"], row["code"]): StatusRule(
            row["resource"], row["element"], row["code"], row["counts"], row["definition"],
            row["source"]) for row in rows})


@attrs.frozen(repr=False, eq=False)
class TimingCode(Value):
    """A timing abbreviation: ``frequency`` per ``period`` ``period_unit`` (and a ``when``)."""

    code: str
    frequency: float
    period: float
    period_unit: str
    when: str | None
    definition: str
    source: str


def timing_codes(rows: Iterable[Row]) -> Mapping[str, TimingCode]:
    """Code (upper case) → timing."""
    return MappingProxyType({
        row["code"].upper(): TimingCode(row["code"].upper(), row["frequency"], row["period"],
                                        row["period_unit"], row.get("when"), row["definition"],
                                        row["source"]) for row in rows})


def observation_codes(rows: Iterable[Row]) -> Mapping[str, str]:
    """LOINC code → measure (``weight_kg``, ``crcl_ml_min``, ``egfr``)."""
    return MappingProxyType({row["loinc"]: row["measure"] for row in rows})
