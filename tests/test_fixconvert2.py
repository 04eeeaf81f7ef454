"""Second audit, finding 1: a conversion rounds to the strengths of ONE product family, in that
product's labelled units — OxyContin (oxycodone HCl) for generic 'oxycodone er' and 'oxycontin';
Xtampza ER (labelled as oxycodone base, 9 mg = 10 mg HCl) is never mixed in, and is refused by
name rather than rounded to as if it were HCl (data/strength_products.csv)."""

from __future__ import annotations

import pytest

from mpsdose.clinical.dosing import RotationError, givable_range, product_rows, strength_rows
from mpsdose.clinical.rotation import Target
from mpsdose.knowledge.bundle import Knowledge
from mpsdose.model.vocabulary import Route

K = Knowledge.default()
OXYCONTIN_US = {10, 15, 20, 30, 40, 60, 80}



@pytest.mark.parametrize("per_dose", [(9.5, 12.0), (15.0, 22.5), (22.5, 33.75), (45.0, 67.5),
                                      (100.0, 150.0)])
def test_generic_oxycodone_er_rounds_to_the_reference_family_only(per_dose):
    (low, high), how, _ = givable_range(K, per_dose, "oxycodone", Route.ORAL, "er", "us")
    for value in (low, high):
        # a sum of at most 3 OxyContin tablets: never a base-labelled capsule amount
        assert any(abs(value - (a + b + c)) < 1e-9
                   for a in OXYCONTIN_US | {0} for b in OXYCONTIN_US | {0}
                   for c in OXYCONTIN_US | {0})
        assert value <= per_dose[1] + 1e-9
    assert "capsule" not in how


def test_a_product_labelled_in_another_salt_is_refused_not_rounded():
    rows = strength_rows(K, "oxycodone", Route.ORAL, "er", "us", ["mg"])
    assert {row.form for row in rows} == {"tablet", "capsule"}
    assert {row.form for row in product_rows(K, rows)} == {"tablet"}
    assert {row.form for row in product_rows(K, rows, "OxyContin")} == {"tablet"}
    with pytest.raises(RotationError, match=r"Xtampza ER.*0\.9"):
        product_rows(K, rows, "Xtampza ER")
    with pytest.raises(RotationError, match="not a product"):
        product_rows(K, rows, "Roxybond")


def test_rows_no_product_names_are_unchanged():
    rows = strength_rows(K, "oxycodone", Route.ORAL, "er", "uk", ["mg"])
    assert product_rows(K, rows) == rows
    rows = strength_rows(K, "morphine", Route.ORAL, "er", "us", ["mg"])
    assert product_rows(K, rows) == rows


def test_the_base_salt_factor_is_the_labels():
    xtampza = [p for p in K.strength_products if p.product == "Xtampza ER"]
    assert len(xtampza) == 1 and xtampza[0].labelled_per_computed == pytest.approx(36 / 40)
    reference = [p for p in K.strength_products if p.reference]
    assert [p.product for p in reference] == ["OxyContin"]


@pytest.mark.parametrize("to, product", [("oxycodone er po", None), ("oxycontin po", "oxycontin"),
                                         ("xtampza po", "xtampza")])
def test_target_keeps_the_product_written(to, product):
    assert Target.parse(to, K.catalogue).product == product
