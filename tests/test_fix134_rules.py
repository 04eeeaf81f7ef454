"""Rules added by fix134 (issue 13, held-out round 134: head and neck cancer, oral mucositis).

- Lidocaine by the topical route written in mg (the viscous 2% oral solution swished, gargled or
  swallowed for mucositis; the other solutions and jellies on mucous membranes) is judged by the
  viscous label (``dose_limits.csv``): at most 300 mg and 4.5 mg/kg a dose, and 2400 mg a day
  (eight 15 mL doses; the AU Xylocaine Viscous 120 mL in 24 h). Above the day or the dose is an
  error in every market (a general row); at the day exactly is information.
- A plaster put on the skin (form ``patch`` by a route other than transdermal: a lidocaine 5%
  or diclofenac plaster written ``topical``) is dosed by the plaster: the mg it holds is not the
  dose, so no mg maximum measures it and it is said to be not checked (``dose-not-checked``).
- Roxanol, the US morphine oral concentrate, is a brand name of morphine.

Each rule is stated in general (several doses, weights, markets, both sides of each threshold)
against the shipped data whose sources the rows carry.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, check, parse_item
from mpsdose.model.findings import Finding, Severity


def _run(items: str, market: str | None = None, **patient: object) -> list[Finding]:
    person = Patient(**{"age": 58, "weight_kg": 70, "crcl_ml_min": 80,  # type: ignore[arg-type]
                        "hepatic": "none", **patient})
    return check([parse_item(text) for text in items.split(" | ")], person, market=market)


def _codes(found: list[Finding], severity: Severity | None = None) -> set[str]:
    return {f.code for f in found if severity is None or f.severity is severity}


# -- topical lidocaine in mg ---------------------------------------------------------------------
@pytest.mark.parametrize("items", [
    "lidocaine 300 mg topical q3h",                       # eight 15 mL doses: 2400 mg, at the day
    "lidocaine 200 mg topical q4h",                       # 1200 mg/day
    "xylocaine 200 mg topical q4h prn max 6/day",
    "lidocaine 100 mg topical qid",
    "lidocaine 300 mg topical q4h | lidocaine 300 mg topical q12h prn max 2/day",  # 2400 mg
])
@pytest.mark.parametrize("market", ["au", "nz", "jp", "us", "uk", None])
def test_topical_lidocaine_within_the_viscous_label_raises_nothing(items, market):
    found = _run(items, market)
    assert not _codes(found, Severity.ERROR) | _codes(found, Severity.WARNING), found
    assert "dose-not-checked" not in _codes(found)


@pytest.mark.parametrize("items, day", [
    ("lidocaine 300 mg topical q2h", 3600),
    ("lidocaine 200 mg topical q2h", 2400),               # 12 x 200 = 2400: at, not above
    ("lidocaine 250 mg topical q2h", 3000),
    ("lidocaine 300 mg topical q3h | lidocaine 300 mg topical q6h prn max 2/day", 3000),
])
@pytest.mark.parametrize("market", ["au", "jp", "us", None])
def test_a_topical_lidocaine_day_above_2400_mg_is_an_error(items, day, market):
    found = _run(items, market)
    if day > 2400:
        assert "lidocaine-above-max" in _codes(found, Severity.ERROR), found
    else:
        assert "lidocaine-above-max" not in _codes(found), found
        assert "lidocaine-at-max" in _codes(found, Severity.INFO), found


@pytest.mark.parametrize("dose, weight, above", [
    (300, 70, False),   # 4.5 mg/kg = 315 mg: the 300 mg cap judges, reached, not crossed
    (350, 90, True),    # above 300 mg whatever the weight
    (300, 60, True),    # 4.5 mg/kg = 270 mg at 60 kg
    (250, 60, False),
    (200, 40, True),    # 180 mg at 40 kg
    (150, 40, False),
])
def test_a_topical_lidocaine_dose_above_300_mg_or_4_5_mg_per_kg_is_an_error(dose, weight, above):
    found = _run(f"lidocaine {dose} mg topical q6h", weight_kg=weight)
    assert ("lidocaine-single-dose-above-max" in _codes(found, Severity.ERROR)) is above, found


# -- a plaster is dosed by the plaster -----------------------------------------------------------
@pytest.mark.parametrize("items, drug", [
    ("lidocaine patch 700 mg topical daily", "lidocaine"),
    ("lidocaine patch 2100 mg topical daily", "lidocaine"),   # three 700 mg plasters
    ("diclofenac patch 180 mg topical bid", "diclofenac"),    # a 180 mg plaster twice a day
    ("loxoprofen patch 100 mg topical daily", "loxoprofen"),
])
def test_a_plaster_on_the_skin_is_not_measured_in_mg_and_says_so(items, drug):
    found = _run(items)
    assert not any(f.code.endswith(("-above-max", "-single-dose-above-max")) for f in found), found
    unchecked = [f for f in found if f.code == "dose-not-checked"]
    assert unchecked and f"{drug} (topical patch)" in unchecked[0].message


def test_the_same_mg_as_a_solution_is_measured():
    """The plaster is left out because of its form, not its drug: the same amount written
    without the form is lidocaine given, and is judged."""
    assert "lidocaine-single-dose-above-max" in _codes(_run("lidocaine 700 mg topical daily"))


def test_a_transdermal_patch_is_still_measured_by_its_rows():
    """A patch by the transdermal route (clonidine, its US row) is not a plaster on the skin in
    this sense: its rows still judge it."""
    assert "dose-not-checked" not in _codes(_run("clonidine patch 4.2 mcg/h td q7d"))
    assert "clonidine-above-max" in _codes(_run("clonidine patch 50 mcg/h td q7d"))


# -- Roxanol -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["roxanol 10 mg po q4h", "Roxanol 5 mg po q1h prn"])
def test_roxanol_is_morphine(text):
    item = parse_item(text)
    assert [d.name for d in item.drugs] == ["morphine"]
