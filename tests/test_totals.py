"""Daily totals: laws (hypothesis) and worked examples."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose import Dose, Regimen, daily_totals, parse_item
from mpsdose.clinical.totals import findings
from tests.strategies import oral_items, regimens


def _drug_totals(regimen):
    return {
        t.drug.name: (t.scheduled.mg_per_day, t.with_prn.mg_per_day, t.scheduled.unknown)
        for t in daily_totals(regimen).drugs
    }


@given(oral_items(), st.sampled_from([("mg", 1.0), ("g", 1e-3), ("mcg", 1e3)]))
def test_the_same_dose_in_g_mg_or_mcg_gives_the_same_totals(item, unit_and_scale):
    unit, scale = unit_and_scale
    if item.is_rate:
        unit = unit + "/day"
    rewritten = item.with_dose(Dose.of(item.ingredients[0].dose.canonical * scale, unit))
    before, after = _drug_totals(Regimen((item,))), _drug_totals(Regimen((rewritten,)))
    assert before.keys() == after.keys()
    for name in before:
        assert after[name][0] == pytest.approx(before[name][0], rel=1e-9)
        assert after[name][1] == pytest.approx(before[name][1], rel=1e-9)


@given(regimens, st.floats(min_value=0.01, max_value=10))
def test_totals_scale_linearly_with_dose(regimen, factor):
    scaled = Regimen(tuple(item.scaled(factor) for item in regimen.items))
    before, after = _drug_totals(regimen), _drug_totals(scaled)
    for name, (scheduled, with_prn, unknown) in before.items():
        assert after[name][0] == pytest.approx(scheduled * factor, rel=1e-9)
        assert after[name][1] == pytest.approx(with_prn * factor, rel=1e-9)
        assert after[name][2] == unknown


@given(regimens, st.randoms())
def test_totals_do_not_depend_on_item_order(regimen, random):
    shuffled = list(regimen.items)
    random.shuffle(shuffled)
    before, after = _drug_totals(regimen), _drug_totals(Regimen(tuple(shuffled)))
    assert before.keys() == after.keys()
    for name in before:
        assert after[name][0] == pytest.approx(before[name][0])
        assert after[name][1] == pytest.approx(before[name][1])


@given(regimens)
def test_prn_is_never_in_the_scheduled_total_and_never_lowers_the_total(regimen):
    for total in daily_totals(regimen).drugs:
        scheduled = sum(r.daily.mg_per_day for r in total.items if not r.prn)
        assert total.scheduled.mg_per_day == pytest.approx(scheduled)
        assert total.with_prn.mg_per_day >= total.scheduled.mg_per_day - 1e-9


def test_prn_at_maximum_is_totalled_apart():
    regimen = Regimen.parse([
        "oxycodone er 10 mg po q12h",
        "oxycodone ir 5 mg po prn max 4/day",
    ])
    total = daily_totals(regimen).drug("oxycodone")
    assert total.scheduled.format() == "20 mg/day"
    assert total.with_prn.mg_per_day == pytest.approx(20 + 5 * 4)


def test_unknown_dose_is_never_a_zero_total():
    regimen = Regimen.parse(["fentanyl iv continuous dose unknown"])
    total = daily_totals(regimen).drug("fentanyl")
    assert total.scheduled.value is None
    assert total.scheduled.format() == "dose unknown"
    assert not total.scheduled.complete
    assert "dose-unknown" in {f.code for f in findings(daily_totals(regimen))}


def test_prn_without_maximum_makes_the_prn_total_a_lower_bound():
    regimen = Regimen.parse(["oxycodone 20 mg/day", "rescue oxycodone 5 mg prn"])
    total = daily_totals(regimen).drug("oxycodone")
    assert total.scheduled.format() == "20 mg/day"
    assert total.with_prn.format().startswith("≥ 20")
    assert not total.with_prn.complete


def test_natural_units():
    totals = daily_totals(Regimen.parse([
        "acetaminophen 1 g po qid", "fentanyl 25 mcg/h td q72h", "paracetamol 500 mg po q6h prn"
    ]))
    assert totals.drug("acetaminophen").scheduled.format() == "4 g/day"
    assert totals.drug("acetaminophen").with_prn.format() == "6 g/day"
    assert totals.drug("fentanyl").scheduled.format() == "25 mcg/h"


def test_combination_components_join_their_drugs_totals():
    totals = daily_totals(Regimen.parse([
        "2 tab oxycodone/acetaminophen 5/325 mg po q6h", "acetaminophen 1 g po bid"
    ]))
    assert totals.drug("acetaminophen").scheduled.mg_per_day == pytest.approx(2600 + 2000)
    assert totals.drug("oxycodone").scheduled.mg_per_day == pytest.approx(40)


def test_classes_group_drugs_without_adding_different_drugs():
    totals = daily_totals(Regimen.parse(["naproxen 300 mg/day", "loxoprofen 60 mg po tid"]))
    (nsaids,) = totals.classes
    assert nsaids.drug_class == "nsaid"
    assert {t.drug.name for t in nsaids.drugs} == {"naproxen", "loxoprofen"}


def test_unlisted_items_are_kept_and_not_totalled():
    item = parse_item("foobarinib 10 mg po daily", allow_unlisted=True)
    totals = daily_totals(Regimen((item,)))
    assert totals.unlisted == (item,)
    assert totals.drugs == ()
