"""Oxycodone/naloxone prolonged-release tablets (Targin, Targinact, Targiniq) in ``check`` (issue 13).

The combination is carried as the catalogue carries every combination product
(``combination_products.csv``: the name, its components and their strengths), so its rules are the
components' rules:

- its oral morphine equivalent is the oxycodone's (naloxone is no opioid agonist and has no
  factor), so the switch, titration, naive-start and two-long-acting rules see it as oxycodone ER;
- its day is held on the naloxone by mouth (``dose_limits.csv``: the UK label's 80 mg naloxone =
  160 mg oxycodone a day);
- by mouth naloxone is avoided in moderate and severe hepatic impairment (the Targin SmPC and the
  Targiniq label contraindicate it; Australian Prescriber: less first-pass clearance lets naloxone
  into the circulation), in every market, while mild impairment stays a caution and plain oxycodone
  is not held to the naloxone's row.

An item names the product and both strengths with their unit (``targin 20/10 mg po q12h``), as
``co-codamol 30/500 mg``; a strength without its unit is refused, as it is for every combination.
"""

from __future__ import annotations

import attrs
import pytest

from mpsdose import MpsdoseError, Regimen, oral_morphine_equivalent
from mpsdose.model.findings import Severity
from tests.checking import NAIVE, TOLERANT, found, of, severities

AVOID = "naloxone-avoid"
NAMES = ("targin", "targinact", "oxycodone/naloxone")


def _hepatic(grade: str, *, tolerant: bool = True):
    return attrs.evolve(TOLERANT if tolerant else NAIVE, hepatic=grade)


# -- the oral morphine equivalent is the oxycodone's ---------------------------------------------
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("combination", "oxycodone"), [("5/2.5", "5"), ("10/5", "10"),
                                                         ("20/10", "20"), ("40/20", "40")])
@pytest.mark.parametrize("table", ["spcg", "jspm2010"])
def test_the_equivalent_is_the_oxycodone_component_alone(name, combination, oxycodone, table):
    both = oral_morphine_equivalent(Regimen.parse([f"{name} {combination} mg po q12h"]), table)
    alone = oral_morphine_equivalent(Regimen.parse([f"oxycodone er {oxycodone} mg po q12h"]), table)
    assert both.scheduled == alone.scheduled


# -- moderate and severe hepatic impairment: the naloxone by mouth is avoided --------------------
@pytest.mark.parametrize("market", [None, "eu", "uk", "us", "au"])
@pytest.mark.parametrize("grade", ["moderate", "severe"])
@pytest.mark.parametrize("order", ["targin 5/2.5 mg po q12h", "targinact 10/5 mg po q12h",
                                   "oxycodone/naloxone 20/10 mg po q12h"])
def test_moderate_or_severe_hepatic_impairment_avoids_oral_naloxone(market, grade, order):
    shown = of(found([order], _hepatic(grade), market=market), AVOID)
    # an error since the audit (fixseverity): the labels contraindicate it; with --market uk, which
    # has no row of its own, the EU row is borrowed and says so as a warning
    assert [f.severity for f in shown] == [Severity.WARNING if market == "uk" else Severity.ERROR]
    assert f"{grade} hepatic impairment" in shown[0].message


@pytest.mark.parametrize("market", [None, "eu", "uk", "us", "au"])
@pytest.mark.parametrize("grade", ["none", "mild"])
def test_no_or_mild_hepatic_impairment_is_not_this_rule(market, grade):
    # the labels contraindicate moderate to severe impairment; mild is a caution, said elsewhere
    assert of(found(["targin 10/5 mg po q12h"], _hepatic(grade), market=market), AVOID) == []


@pytest.mark.parametrize("grade", ["moderate", "severe"])
def test_plain_oxycodone_is_not_held_to_the_naloxone_row(grade):
    # the row is the naloxone's: oxycodone alone keeps its own hepatic rules
    assert of(found(["oxycodone er 10 mg po q12h"], _hepatic(grade), market="eu"), AVOID) == []


def test_the_hepatic_rows_are_sourced_by_market():
    for market, source in (("eu", "HPRA"), ("us", "TARGINIQ"), ("au", "Australian Prescriber")):
        shown = of(found(["targin 10/5 mg po q12h"], _hepatic("severe"), market=market), AVOID)
        assert source in shown[0].source


# -- the labelled day: 160 mg oxycodone / 80 mg naloxone -----------------------------------------
@pytest.mark.parametrize("market", ["uk", "eu"])
@pytest.mark.parametrize(("order", "flagged"), [
    ("targinact 40/20 mg po q12h", False),     # 40 mg naloxone a day
    ("targin 80/40 mg po q12h", False),        # 80: the maximum itself
    ("targin 80/40 mg po q8h", True),          # 120
    ("2 tab targinact 40/20 mg po q8h", True),  # 120, made of two tablets a dose
], ids=["40", "80", "120", "120 two tablets"])
def test_the_day_is_held_to_the_labels_80_mg_naloxone(market, order, flagged):
    if market == "eu" and order.startswith(("targinact", "2 tab targinact")):
        order = order.replace("targinact", "targin")
    shown = [s for s in severities(found([order], TOLERANT, market=market), "naloxone-above-max")
             if s is not Severity.INFO]
    assert bool(shown) is flagged


# -- the naive start, the two-long-acting rule and a switch see oxycodone ------------------------
@pytest.mark.parametrize("market", ["eu", "uk"])
def test_the_labelled_naive_start_is_quiet(market):
    name = "targin" if market == "eu" else "targinact"
    raised = [f for f in found([f"{name} 10/5 mg po q12h"], NAIVE, market=market)
              if f.severity is not Severity.INFO]
    assert raised == []


@pytest.mark.parametrize("strength", ["40/20", "60/30"])
def test_a_tolerant_only_dose_in_a_naive_patient_is_an_error(strength):
    assert Severity.ERROR in severities(
        found([f"targin {strength} mg po q12h"], NAIVE, market="eu"), "opioid-tolerant-only")


@pytest.mark.parametrize("other", ["ms contin 30 mg po q12h", "morphine er 30 mg po q12h",
                                   "hydromorphone er 8 mg po daily"])
def test_with_another_long_acting_opioid_it_is_two_long_acting_opioids(other):
    assert severities(found(["targin 20/10 mg po q12h", other], market="eu"),
                      "two-long-acting-opioids") == [Severity.WARNING]


def test_with_an_immediate_release_rescue_it_is_not_two_long_acting_opioids():
    shown = found(["targinact 20/10 mg po q12h", "oxynorm 5 mg po q4h prn max 6/day"], market="uk")
    assert of(shown, "two-long-acting-opioids") == []


@pytest.mark.parametrize(("new", "warned"), [
    ("morphine er 120 mg po q12h", True),   # 240 mg OME from 160: unreduced
    ("morphine er 60 mg po q12h", False),   # 120 from 160: reduced by a quarter
], ids=["unreduced", "reduced"])
def test_a_switch_from_it_is_judged_by_its_oxycodone(new, warned):
    shown = severities(found([new], market="eu", previous=["targin 40/20 mg po q12h"]),
                       "equianalgesic-switch")
    assert (Severity.WARNING in shown) is warned


def test_a_fourfold_rise_of_the_product_is_a_titration_step():
    shown = found(["targin 40/20 mg po q12h"], market="eu", previous=["targin 10/5 mg po q12h"])
    assert severities(shown, "opioid-titration-step") == [Severity.WARNING]


# -- how an item is written -----------------------------------------------------------------------
@pytest.mark.parametrize("order", ["targinact 10/5 mg po q12h", "1 tab targinact 10/5 mg po q12h",
                                   "co-codamol 30/500 mg 2 tab po qid"])
def test_a_combination_is_written_with_the_unit_after_its_strengths(order):
    assert Regimen.parse([order]).items


@pytest.mark.parametrize("order", ["targinact 10/5 po q12h", "co-codamol 30/500 2 tablets po qid"])
def test_strengths_without_a_unit_are_refused(order):
    with pytest.raises(MpsdoseError, match="has no unit"):
        Regimen.parse([order])


def test_a_strength_the_brand_is_not_sold_in_is_refused():
    with pytest.raises(MpsdoseError, match="not marketed as 60/30 mg"):
        found(["targinact 60/30 mg po q12h"], market="uk")
