"""The laxatives fixlax added to the catalogue (issue 13): docusate, lactulose, sodium picosulfate
and lubiprostone, each judged by its sourced rows and contraindicated in bowel obstruction.

- docusate: above the UK SmPCs' 500 mg a day a warning (``dose_limits.csv``, market uk); within
  it quiet; with ``--market us`` (no US source seen) the UK maximum is applied and named.
- lactulose: a usual range in grams by the SmPC's own 3.3 g/5 mL (top: the hepatic
  encephalopathy 50 mL three times a day, 99 g); a volume with its concentration is read as the
  mass it holds; a bare volume ('15 mL') is refused, not guessed (concentrations differ).
- sodium picosulfate: the palliative usual range (Twycross: titrated to 30 mg a day), not the
  label's 10 mg; the Japanese 0.75% solution in mL read by its percentage.
- lubiprostone: 24 micrograms twice daily the most the US label and the Japanese insert give (a
  warning above, information at it), in either market and by the Japanese product count.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.io.japanese import parse_japanese
from mpsdose.model.errors import UnitError
from mpsdose.model.findings import Finding, Severity
from tests.checking import found as _found
from tests.checking import severities

ADULT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none")


def _raised(found: list[Finding], drug: str) -> list[tuple[str, Severity]]:
    return [(f.code, f.severity) for f in found
            if f.severity is not Severity.INFO and f.code.startswith(drug.replace(" ", "-"))]


# -- docusate ------------------------------------------------------------------------------------
@pytest.mark.parametrize("market", ["uk", None])
@pytest.mark.parametrize(("item", "above"), [
    ("docusate 100 mg po tid", False), ("docusate 250 mg po bid", False),
    ("docusate sodium 500 mg po daily", False), ("dulcoease 100 mg po qid", False),
    ("docusate 200 mg po tid", True), ("colace 300 mg po bid", True),
    ("dioctyl 100 mg po 6 times daily", True)])
def test_docusate_above_500_mg_a_day_warns(item, above, market):
    found = _found([item], patient=ADULT, market=market)
    assert severities(found, "docusate-above-max") == ([Severity.WARNING] if above else [])


def test_with_no_us_row_the_uk_maximum_is_applied_and_named():
    found = _found(["docusate 200 mg po tid"], patient=ADULT, market="us")
    assert severities(found, "docusate-above-max") == [Severity.WARNING]
    above = next(f for f in found if f.code == "docusate-above-max")
    assert "the UK source's is applied" in above.message


# -- lactulose -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("item", "above"), [
    ("lactulose 10 g po bid", False), ("lactulose 33 g po tid", False),
    ("lactulose 15 mL of 667 mg/mL po bid", False), ("lactulose 50 mL of 660 mg/mL po tid", False),
    ("lactulose 34 g po tid", True), ("lactulose 60 mL of 667 mg/mL po tid", True),
    ("lactulose 100 g po daily", True)])
def test_lactulose_above_the_encephalopathy_day_warns(item, above):
    found = _found([item], patient=ADULT)
    assert _raised(found, "lactulose") == ([("lactulose-above-usual", Severity.WARNING)]
                                          if above else [])


def test_a_bare_volume_of_lactulose_is_refused_not_guessed():
    with pytest.raises(UnitError, match="concentration"):
        Regimen.parse(["lactulose 15 ml po bid"])


# -- sodium picosulfate ----------------------------------------------------------------------------
@pytest.mark.parametrize("market", ["uk", "jp", None])
@pytest.mark.parametrize(("item", "above"), [
    ("sodium picosulfate 10 mg po at night", False), ("picosulfate 15 mg po daily", False),
    ("dulcolax pico 30 mg po daily", False), ("sodium picosulfate 35 mg po daily", True),
    ("dulcolax pico 20 mg po bid", True)])
def test_picosulfate_is_judged_by_the_palliative_titration(item, above, market):
    found = _found([item], patient=ADULT, market=market)
    assert _raised(found, "sodium picosulfate") == (
        [("sodium-picosulfate-above-usual", Severity.WARNING)] if above else [])


@pytest.mark.parametrize(("ml", "above"), [("1", False), ("4", False), ("5", True)])
def test_the_japanese_solution_in_ml_is_read_by_its_percentage(ml, above):
    item = parse_japanese(f"ラキソベロン内用液0.75% 1回{ml}mL 1日1回 就寝前")
    found = check(Regimen((item,)), ADULT, market="jp")
    assert bool(_raised(found, "sodium picosulfate")) is above


# -- lubiprostone ---------------------------------------------------------------------------------
@pytest.mark.parametrize("market", ["us", "jp", None])
@pytest.mark.parametrize(("item", "expected"), [
    ("lubiprostone 8 mcg po bid", []), ("lubiprostone 24 mcg po daily", []),
    ("amitiza 24 mcg po bid", [Severity.INFO]), ("lubiprostone 24 mcg po tid", [Severity.WARNING]),
    ("lubiprostone 48 mcg po bid", [Severity.WARNING])])
def test_lubiprostone_above_24_micrograms_twice_daily_warns(item, expected, market):
    found = _found([item], patient=ADULT, market=market)
    codes = severities(found, "lubiprostone-above-max") + severities(found, "lubiprostone-at-max")
    assert codes == expected


@pytest.mark.parametrize(("times", "above"), [("1", False), ("2", False), ("3", True)])
def test_the_japanese_capsule_count_is_judged(times, above):
    item = parse_japanese(f"アミティーザカプセル24μg 1回1カプセル 1日{times}回")
    found = check(Regimen((item,)), ADULT, market="jp")
    assert bool(severities(found, "lubiprostone-above-max")) is above


# -- bowel obstruction ----------------------------------------------------------------------------
@pytest.mark.parametrize("order", ["docusate 100 mg po bid", "lactulose 10 g po bid",
                                   "sodium picosulfate 10 mg po at night",
                                   "lubiprostone 24 mcg po bid"])
@pytest.mark.parametrize("condition", ["bowel-obstruction", "partial-bowel-obstruction"])
def test_every_new_laxative_is_contraindicated_in_bowel_obstruction(order, condition):
    obstructed = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none",
                         conditions=(condition,))
    assert "condition-contraindicated" in {f.code for f in _found([order], patient=obstructed)}
    assert "condition-contraindicated" not in {f.code for f in _found([order], patient=ADULT)}


@pytest.mark.parametrize("name", ["colace", "dulcoease", "dioctyl", "duphalac", "dulcolax pico",
                                  "ラキソベロン", "ピコスルファートナトリウム", "amitiza", "アミティーザ",
                                  "ルビプロストン"])
def test_the_brands_and_japanese_names_read(name):
    unit = "mcg" if name in {"amitiza", "アミティーザ", "ルビプロストン"} else "mg"
    assert Regimen.parse([f"{name} 10 {unit} po daily"]).items[0].listed
