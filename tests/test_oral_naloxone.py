"""Oxycodone/naloxone prolonged-release tablets on tiny data of their own: a product of two
ingredients given by mouth, whose naloxone counts no OME, is judged by its own oral row and is
never read as a reversal dose (the injection rows stay with the injection routes)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mpsdose import Knowledge, Patient, Regimen, RouteError, check, oral_morphine_equivalent

SHIPPED_DRUGS = Path(__file__).parents[1] / "data" / "drugs.csv"
PRODUCTS = """name,components,strengths_mg,market,source,grade,notes
brandx,oxycodone/naloxone,10/5,,test source,S,
brandx,oxycodone/naloxone,40/20,,test source,S,
"""
LIMITS = """\
drug,route,release,condition,condition_band,condition_value,max_single_mg,max_daily_mg,\
max_daily_mg_per_kg,max_days,scope,market,severity,source,grade,notes
naloxone,iv,,any,,,2,,,,,,,tiny injection source,S,
naloxone,oral,,any,,,,80,,,,,,tiny tablet source,S,
"""
ADULT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=True)


def _knowledge(tmp_path, *, oral: bool = True) -> Knowledge:
    """A folder over the shipped data: its own product and naloxone limits; without ``oral``,
    the shipped catalogue with naloxone's oral route taken away."""
    if not oral:
        rows = list(csv.reader(SHIPPED_DRUGS.open(encoding="utf-8")))
        for row in rows:
            if row[0] == "naloxone":
                row[3] = " ".join(r for r in row[3].split() if r != "oral")
        with (tmp_path / "drugs.csv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
    (tmp_path / "combination_products.csv").write_text(PRODUCTS)
    (tmp_path / "dose_limits.csv").write_text(LIMITS)
    return Knowledge.load(tmp_path)


def _codes(items: list[str], k: Knowledge) -> dict[str, str]:
    found = check(Regimen.parse(items, knowledge=k), ADULT, knowledge=k)
    return {f.code: f.message for f in found}


def test_without_an_oral_route_the_combination_is_refused(tmp_path):
    k = _knowledge(tmp_path, oral=False)
    with pytest.raises(RouteError, match="naloxone has no oral route"):
        Regimen.parse(["oxycodone/naloxone 10/5 mg po q12h"], knowledge=k)


def test_the_product_and_its_ingredients_parse_to_the_same_two_doses(tmp_path):
    k = _knowledge(tmp_path)
    for text in ("oxycodone/naloxone 10/5 mg po q12h", "brandx 10/5 mg po q12h"):
        item = Regimen.parse([text], knowledge=k).items[0]
        assert [(i.drug.name, i.dose.value) for i in item.ingredients] == [
            ("oxycodone", 10.0), ("naloxone", 5.0)]
        assert item.route.value == "oral"


def test_the_naloxone_adds_no_ome(tmp_path):
    k = _knowledge(tmp_path)
    combined = oral_morphine_equivalent(
        Regimen.parse(["brandx 40/20 mg po q12h"], knowledge=k), "cdc2022", knowledge=k)
    plain = oral_morphine_equivalent(
        Regimen.parse(["oxycodone 40 mg po q12h"], knowledge=k), "cdc2022", knowledge=k)
    assert combined.scheduled.value == plain.scheduled.value
    assert combined.scheduled.value is not None and combined.scheduled.value > 0


def test_above_the_oral_day_is_flagged_by_the_oral_row_not_the_injection_one(tmp_path):
    k = _knowledge(tmp_path)
    codes = _codes(["oxycodone/naloxone 90/45 mg po q12h"], k)
    assert "naloxone-above-max" in codes and "80 mg/day" in codes["naloxone-above-max"]
    # 45 mg by mouth is far above the 2 mg injection bolus, and must not be read as one
    assert "naloxone-single-dose-above-max" not in codes


def test_within_the_oral_day_nothing_about_naloxone(tmp_path):
    k = _knowledge(tmp_path)
    codes = _codes(["brandx 40/20 mg po q12h"], k)
    assert not [c for c in codes if c.startswith("naloxone-")]


def test_an_injected_reversal_dose_is_judged_as_before(tmp_path):
    k = _knowledge(tmp_path)
    assert not [c for c in _codes(["naloxone 0.4 mg iv prn"], k) if c.startswith("naloxone-")]
    assert "naloxone-single-dose-above-max" in _codes(["naloxone 4 mg iv prn"], k)
