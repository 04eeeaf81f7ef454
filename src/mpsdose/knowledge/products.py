"""Marketed products by name, and patches labelled by their drug content.

- ``products.csv``: one row per marketed strength of a product (オキシコンチンTR錠 10 mg, オプソ内服液
  5 mg/2.5 mL). A prescription that names a product and counts its units (1回2錠, 2A, 1包) is read
  through these strengths; a strength the file does not list is refused, never guessed.
- ``patch_products.csv``: the release rate the package insert states for each labelled content
  (フェントステープ 1 mg = 12.5 mcg/h, labelled in mg of fentanyl *citrate*; デュロテップMTパッチ
  4.2 mg = 25 mcg/h, in mg of fentanyl base). The same mg stands for different rates in different
  products, so a content is only ever read through its own product's row.

Names are matched after Unicode NFKC (full-width letters and digits, ㎎ → mg) and case folding.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import attrs

from mpsdose.knowledge.loader import Row
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

__all__ = ["PatchProduct", "ProductStrength", "Products", "fold"]


def fold(text: str) -> str:
    """A name as the product index keys it: NFKC, lower case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


@attrs.frozen(repr=False, eq=False)
class ProductStrength(Value):
    """One marketed strength of a named product."""

    product: str
    market: str
    drug: str
    route: Route
    release: str | None
    form: str
    strength: float  #: drug per dosage unit, in ``unit``
    unit: str  #: ``mg`` or ``mcg``
    volume_ml: float | None  #: volume of one unit of a liquid or injection [mL]
    source: str
    notes: str = ""

    @classmethod
    def from_row(cls, row: Row) -> ProductStrength:
        return cls(row["product"], row["market"], row["drug"], row["route"], row.get("release"),
                   row["form"], row["strength"], row["unit"], row.get("volume_ml"),
                   row["source"], row.get("notes", ""))

    @property
    def strength_mg(self) -> float:
        """The strength in mg."""
        return self.strength / 1000 if self.unit == "mcg" else self.strength

    @property
    def concentration_mg_per_ml(self) -> float | None:
        """mg/mL of a liquid or injection; None where the row gives no volume."""
        if self.volume_ml is None:
            return None
        return self.strength_mg / self.volume_ml


@attrs.frozen(repr=False, eq=False)
class PatchProduct(Value):
    """The release rate its package insert states for one content label of a patch."""

    product: str
    market: str
    drug: str
    content_mg: float
    content_basis: str  #: ``base`` or ``citrate``
    release_mcg_h: float
    interval_h: float
    conversion_table: str | None
    source: str
    notes: str = ""
    also_written: tuple[str, ...] = ()  #: other names it is written by (fentos, フェントス)

    @classmethod
    def from_row(cls, row: Row) -> PatchProduct:
        also = tuple(filter(None, (n.strip() for n in (row.get("also_written") or "").split("|"))))
        return cls(row["product"], row["market"], row["drug"], row["content_mg"],
                   row["content_basis"], row["release_mcg_h"], row["interval_h"],
                   row.get("conversion_table"), row["source"], row.get("notes", ""), also)


@attrs.frozen(repr=False, eq=False)
class Products(Value):
    """The named products and content-labelled patches, indexed by folded name."""

    strengths: tuple[ProductStrength, ...] = ()
    patches: tuple[PatchProduct, ...] = ()
    by_name: Mapping[str, tuple[ProductStrength, ...]] = attrs.field(
        factory=lambda: MappingProxyType({}), repr=False)
    patches_by_name: Mapping[str, tuple[PatchProduct, ...]] = attrs.field(
        factory=lambda: MappingProxyType({}), repr=False)

    @classmethod
    def build(cls, strength_rows: Sequence[Row], patch_rows: Sequence[Row]) -> Products:
        """From typed rows of ``products.csv`` and ``patch_products.csv``."""
        strengths = tuple(ProductStrength.from_row(row) for row in strength_rows)
        patches = tuple(PatchProduct.from_row(row) for row in patch_rows)
        by_name: dict[str, list[ProductStrength]] = {}
        for strength in strengths:
            by_name.setdefault(fold(strength.product), []).append(strength)
        patch_names: dict[str, list[PatchProduct]] = {}
        for patch in patches:
            # the product by its own name and by the others it is written by ("fentos 2 mg td")
            for name in dict.fromkeys(fold(n) for n in (patch.product, *patch.also_written)):
                patch_names.setdefault(name, []).append(patch)
        for row in strength_rows:
            if fold(row["product"]) in patch_names:
                raise row.error(f"{row['product']} is also a patch of patch_products.csv",
                                "product")
        return cls(strengths, patches,
                   MappingProxyType({k: tuple(v) for k, v in by_name.items()}),
                   MappingProxyType({k: tuple(v) for k, v in patch_names.items()}))

    def named(self, name: str, market: str | None = None) -> tuple[ProductStrength, ...]:
        """Every marketed strength of a product (of one market, or any), by name."""
        rows = self.by_name.get(fold(name), ())
        return tuple(r for r in rows if market is None or r.market == market)

    def patch_rows(self, name: str, market: str | None = None) -> tuple[PatchProduct, ...]:
        """Every content label of a patch product, by name."""
        rows = self.patches_by_name.get(fold(name), ())
        return tuple(r for r in rows if market is None or r.market == market)

    def patch(self, name: str, content_mg: float,
              market: str | None = None) -> PatchProduct | None:
        """The row of one content label of a patch product, or None where it is not listed."""
        for row in self.patch_rows(name, market):
            if abs(row.content_mg - content_mg) <= 1e-9 * max(1.0, content_mg):
                return row
        return None

    def names(self) -> tuple[str, ...]:
        """Every folded product name (products and patches), longest first."""
        return tuple(sorted({*self.by_name, *self.patches_by_name}, key=lambda n: (-len(n), n)))

    def for_table(self, table: str) -> tuple[PatchProduct, ...]:
        """The patch rows whose package insert prints a given conversion table."""
        return tuple(row for row in self.patches if row.conversion_table == table)
