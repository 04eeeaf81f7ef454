"""The general rules behind the fixes after held-out rounds 101 and 102 (issue 13).

- A drug whose label contraindicates CYP1A2 inhibitors from a strength on (``drug_properties.csv``
  ``cyp1a2_inhibitor_contraindicated``; duloxetine, the Cymbalta SmPC 4.3) with an inhibitor of
  that strength or stronger (``cyp1a2_inhibitor``; fluvoxamine) is the rule
  ``cyp1a2-inhibitor-contraindicated``; a weaker inhibitor, or either drug alone, is not.
- Australia's own ketorolac injection labels: the IM injections' 90 mg a day (their CMIs); an IV
  day in Australia is held to the same 90 mg as a warning (no AU IV label); elsewhere the rows of
  before still judge, and the parenteral 2 days judge in every market.
- The AU morphine injection label's usual IV dose (2.5-15 mg) read at its low end as the start
  of an IV morphine dose in an opioid-naive patient in Australia.

The tiny rows of the CYP1A2 tests are this file's own, not clinical claims: a test drug that is
not duloxetine shows that the rule follows the data, not a drug name in the code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Knowledge, Patient
from mpsdose.knowledge.loader import DATA_DIR
from mpsdose.model.findings import Severity
from tests.checking import NAIVE, found, header, knowledge_with, of, severities

CODE = "cyp1a2-inhibitor-contraindicated"
PROPERTIES = header("drug_properties")
ROWS = ("duloxetine,cyp1a2_inhibitor_contraindicated,strong,Test label [P],P,\n"
        "fluvoxamine,cyp1a2_inhibitor,strong,Test list [P],P,\n"
        "citalopram,cyp1a2_inhibitor,weak,Test list [P],P,\n")
ADULT = Patient(age=52, weight_kg=70, crcl_ml_min=95, hepatic="none")


def _tiny(tmp_path: Path, rows: str = ROWS, **files: str) -> Knowledge:
    return knowledge_with(tmp_path, drug_properties=PROPERTIES + rows, **files)


# -- CYP1A2: a label's contraindication with potent inhibitors ----------------------------------
@pytest.mark.parametrize(("inhibitor", "flagged"), [
    ("fluvoxamine 50 mg po at night", True),
    ("fluvoxamine 100 mg po bid", True),
    ("citalopram 20 mg po daily", False),
], ids=["strong, low dose", "strong, usual dose", "weaker than the label names"])
def test_a_contraindicated_drug_with_an_inhibitor_of_the_labels_strength_warns(
        tmp_path, inhibitor, flagged):
    shown = of(found(["duloxetine 60 mg po daily", inhibitor], ADULT, knowledge=_tiny(tmp_path)),
               CODE)
    assert [f.severity for f in shown] == ([Severity.ERROR] if flagged else [])
    if flagged:
        assert "duloxetine with the strong CYP1A2 inhibitor fluvoxamine" in shown[0].message


def test_neither_drug_alone_is_flagged(tmp_path):
    k = _tiny(tmp_path)
    assert of(found(["duloxetine 60 mg po daily"], ADULT, knowledge=k), CODE) == []
    assert of(found(["fluvoxamine 100 mg po bid"], ADULT, knowledge=k), CODE) == []


def test_the_label_strength_is_read_from_the_row(tmp_path):
    # a row naming weak inhibitors makes the weak one contraindicated too
    rows = ROWS.replace("cyp1a2_inhibitor_contraindicated,strong", "cyp1a2_inhibitor_contraindicated,weak")
    shown = of(found(["duloxetine 60 mg po daily", "citalopram 20 mg po daily"], ADULT,
                     knowledge=_tiny(tmp_path, rows)), CODE)
    assert [f.severity for f in shown] == [Severity.ERROR]
    assert "weak or stronger CYP1A2 inhibitor citalopram" in shown[0].message


def test_the_contraindicated_drugs_are_whatever_the_properties_file_names(tmp_path):
    rows = ROWS.replace("duloxetine,cyp1a2_inhibitor_contraindicated",
                        "venlafaxine,cyp1a2_inhibitor_contraindicated")
    k = _tiny(tmp_path, rows)
    assert of(found(["duloxetine 60 mg po daily", "fluvoxamine 100 mg po bid"], ADULT,
                    knowledge=k), CODE) == []
    assert severities(found(["venlafaxine 75 mg po daily", "fluvoxamine 100 mg po bid"], ADULT,
                            knowledge=k), CODE) == [Severity.ERROR]


def test_the_severity_is_the_rule_rows(tmp_path):
    shipped = Path(DATA_DIR, "safety_rules.csv").read_text(encoding="utf-8")
    assert f"\n{CODE},error," in shipped  # an error since the audit (fixseverity)
    rules = shipped.replace(f"\n{CODE},error,", f"\n{CODE},info,")
    shown = of(found(["duloxetine 60 mg po daily", "fluvoxamine 100 mg po bid"], ADULT,
                     knowledge=_tiny(tmp_path, safety_rules=rules)), CODE)
    assert [f.severity for f in shown] == [Severity.INFO]


@pytest.mark.parametrize("market", [None, "eu", "uk", "us", "jp"])
@pytest.mark.parametrize("duloxetine", ["30", "60", "120"])
def test_shipped_duloxetine_with_fluvoxamine_warns_in_every_market_and_dose(market, duloxetine):
    shown = of(found([f"duloxetine {duloxetine} mg po daily", "fluvoxamine 50 mg po daily"],
                     ADULT, market=market), CODE)
    # fixregress (second audit finding 3): an error where the label contraindicates it (the
    # EU/UK Cymbalta SmPC 4.3); the US label says avoid, and with no market the labels
    # disagree: a warning naming the EU/UK label, flagged in every market all the same
    expected = Severity.ERROR if market in ("eu", "uk") else Severity.WARNING
    assert [f.severity for f in shown] == [expected]
    assert "Cymbalta" in shown[0].source and "4.3" in shown[0].source


@pytest.mark.parametrize("other", ["sertraline 50 mg po daily", "citalopram 20 mg po daily",
                                   "escitalopram 10 mg po daily", "mirtazapine 15 mg po at night"])
def test_shipped_duloxetine_with_an_ordinary_antidepressant_is_not_this_rule(other):
    # the label names potent CYP1A2 inhibitors only: no noise on other antidepressant pairs
    assert of(found(["duloxetine 60 mg po daily", other], ADULT, market="eu"), CODE) == []


# -- ketorolac: Australia's own labels ----------------------------------------------------------
@pytest.mark.parametrize(("order", "code", "severity"), [
    ("ketorolac 15 mg im q6h for 2 days", "ketorolac-above-max", None),      # 60 mg/day
    ("ketorolac 30 mg im q8h for 2 days", "ketorolac-above-max", None),      # 90: at the max
    ("ketorolac 30 mg im q6h for 2 days", "ketorolac-above-max", Severity.ERROR),    # 120
    ("ketorolac 20 mg iv q8h for 2 days", "ketorolac-above-max", None),      # 60
    ("ketorolac 30 mg iv q6h for 2 days", "ketorolac-above-max", Severity.WARNING),  # no AU IV label
], ids=["im 60", "im 90", "im 120", "iv 60", "iv 120"])
def test_ketorolac_in_australia_follows_the_australian_labels(order, code, severity):
    shown = [f for f in of(found([order], ADULT, market="au"), code)
             if f.severity is not Severity.INFO]
    assert [f.severity for f in shown] == ([] if severity is None else [severity])
    if severity is not None and code == "ketorolac-above-max":
        assert "90 mg/day" in shown[0].message and "nps.org.au" in shown[0].source


@pytest.mark.parametrize("market", [None, "uk", "eu", "au"])
@pytest.mark.parametrize(("days", "flagged"), [(2, False), (3, True)])
def test_the_parenteral_two_days_judge_in_every_market(market, days, flagged):
    # the AU ARTG record's 5 days are of oral and IM use together, as the no-market row's
    shown = severities(found([f"ketorolac 15 mg iv q6h for {days} days"], ADULT, market=market),
                       "ketorolac-duration-above-max")
    assert (Severity.ERROR in shown) is flagged


@pytest.mark.parametrize("market", [None, "uk", "eu", "us"])
def test_outside_australia_an_iv_day_of_120_mg_is_not_held_to_90(market):
    shown = [f for f in of(found(["ketorolac 30 mg iv q6h for 2 days"], ADULT, market=market),
                           "ketorolac-above-max") if f.severity is not Severity.INFO]
    assert shown == []


# -- IV morphine in an opioid-naive patient in Australia ---------------------------------------
@pytest.mark.parametrize(("dose", "warned"), [
    ("1", False), ("2", False), ("2.5", False), ("3", True), ("5", True), ("10", True),
], ids=["1 mg", "2 mg", "2.5 mg (the label's low end)", "3 mg", "5 mg", "10 mg"])
def test_iv_morphine_in_a_naive_patient_in_australia_reads_the_au_injection_label(dose, warned):
    shown = of(found([f"morphine {dose} mg iv q4h prn max 6/day"], NAIVE, market="au"),
               "opioid-naive-start")
    assert (Severity.WARNING in [f.severity for f in shown]) is warned
    if warned:
        assert "2.5 mg a dose" in shown[0].message


def test_the_au_iv_row_does_not_change_the_au_sc_start():
    # eTG's SC start (2.5-5 mg a dose) still judges SC morphine: 5 mg quiet, 7.5 mg warned
    assert of(found(["morphine 5 mg sc q4h prn max 6/day"], NAIVE, market="au"),
              "opioid-naive-start") == []
    assert severities(found(["morphine 7.5 mg sc q4h prn max 6/day"], NAIVE, market="au"),
                      "opioid-naive-start") == [Severity.WARNING]
