"""Coded medicinal products: what one unit of a product holds (RxNorm, NDC, a FHIR Medication).

The objects only. The shipped product tables (``data/rxnorm_products.csv``,
``data/ndc_products.csv``) are read into them by :mod:`mpsdose.knowledge`; a product name written
the RxNorm way ("acetaminophen 325 MG / oxycodone hydrochloride 5 MG Oral Tablet [Percocet]") is
parsed into them by :mod:`mpsdose.io.products`.

An ingredient's strength keeps the unit the source writes, normalised to one spelling: a mass per
unit (``mg``, ``mcg``, ``g``; a tablet, a capsule, an actuation, a suppository), a concentration
(``mg/mL``, ``mcg/mL``), or a patch's release rate (``mcg/h``). Strengths in other units (``unt/mL``,
``meq``) are kept and shown, and give no mass.
"""

from __future__ import annotations

import attrs

from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

__all__ = ["MASS_UNITS", "IngredientStrength", "ProductRecord", "STRENGTH_UNITS"]

#: Mass units of a strength per unit → mg.
MASS_UNITS = {"mg": 1.0, "mcg": 0.001, "g": 1000.0}
#: Concentration units → mg per mL.
CONCENTRATION_UNITS = {"mg/mL": 1.0, "mcg/mL": 0.001, "g/mL": 1000.0}
#: Every strength unit the product tables and the name parser write.
STRENGTH_UNITS = (*MASS_UNITS, *CONCENTRATION_UNITS, "mcg/h", "mg/actuat", "mcg/actuat",
                  "unt", "unt/mL", "unt/g", "unt/mg", "meq", "meq/mL", "mg/g", "%")


@attrs.frozen(repr=False, eq=False)
class IngredientStrength(Value):
    """One ingredient of a product and its strength per unit of the product.

    ``ingredient`` is the name as the source writes it (``oxycodone hydrochloride``): the
    catalogue resolves it (salt spellings included) when the product is read.
    """

    ingredient: str
    value: float
    unit: str

    @property
    def mass_mg(self) -> float | None:
        """Mass per unit of the product [mg] (a tablet, an actuation); None if not a mass."""
        if self.unit in MASS_UNITS:
            return self.value * MASS_UNITS[self.unit]
        if self.unit in ("mg/actuat", "mcg/actuat"):
            return self.value * MASS_UNITS[self.unit.split("/")[0]]
        return None

    @property
    def concentration_mg_ml(self) -> float | None:
        """Concentration [mg/mL] of a liquid; None if the strength is not one."""
        factor = CONCENTRATION_UNITS.get(self.unit)
        return None if factor is None else self.value * factor

    @property
    def rate_mcg_h(self) -> float | None:
        """Release rate of a patch [mcg/h]; None if the strength is not one."""
        return self.value if self.unit == "mcg/h" else None

    def format(self) -> str:
        return f"{self.ingredient} {self.value:g} {self.unit}"


@attrs.frozen(repr=False, eq=False)
class ProductRecord(Value):
    """A product: its ingredients with their strengths per unit, and its dose form.

    Attributes
    ----------
    name
        As the source writes it.
    ingredients
        One per ingredient, in the order of the name.
    dose_form
        The source's dose form (``Extended Release Oral Tablet``, ``Transdermal System``).
    route, form, release
        What the dose form says in mpsdose's words (oral, patch, er), where it says it.
    hours
        The duration a product's name states (``72 HR`` patch, ``12 HR`` tablet).
    code, system
        The code the product was found by (an RxCUI, an NDC) and its system.
    source
        Where the record comes from (a table row's source, or "the document").
    """

    name: str
    ingredients: tuple[IngredientStrength, ...]
    dose_form: str | None = None
    route: Route | None = None
    form: str | None = None
    release: str | None = None
    hours: float | None = None
    code: str | None = None
    system: str | None = None
    source: str = ""

    @property
    def strengths_known(self) -> bool:
        return bool(self.ingredients)
