"""Severities as CONTRACT.md §2 defines them, and the range OME's null explained (the audit,
findings 8 and 12).

A finding that reports a contraindication its label states is an error; a label's "avoid" or
"not recommended" is a warning, and so is a contraindication whose own exception the order could
be (a direct oral anticoagulant beside another one while switching). Where a conversion table
gives a factor range, the single OME figure is null and an ``ome-factor-range`` finding says so.
The severities are the rows' (``data/safety_rules.csv``, ``data/dose_limits.csv``).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from mpsdose import Patient, Regimen, Severity, check, summarize
from mpsdose.cli import main
from tests.jsoncheck import validate


def _severity(items, code, patient=None, **kwargs):
    """The severity of the finding ``code`` (None where there is none)."""
    found = [f for f in check(Regimen.parse(items), patient, **kwargs) if f.code == code]
    assert len(found) <= 1, found
    return found[0].severity if found else None


# -- interactions a label contraindicates: errors ---------------------------------------------
@pytest.mark.parametrize(("items", "code"), [
    (["domperidone 10 mg po tid", "fluconazole 200 mg po daily"],
     "cyp3a4-inhibitor-contraindicated"),
    (["domperidone 10 mg po tid", "clarithromycin 500 mg po bid"],
     "cyp3a4-inhibitor-contraindicated"),
    (["duloxetine 60 mg po daily", "fluvoxamine 100 mg po daily"],
     "cyp1a2-inhibitor-contraindicated"),
    (["domperidone 10 mg po tid", "haloperidol 1 mg po daily"], "qt-prolonging-contraindicated"),
    (["citalopram 20 mg po daily", "haloperidol 1 mg po daily"], "qt-prolonging-contraindicated"),
    (["methadone 10 mg po q8h", "haloperidol 1 mg po daily"], "methadone-qt"),
], ids=["domperidone-fluconazole", "domperidone-clarithromycin", "duloxetine-fluvoxamine",
        "domperidone-haloperidol", "citalopram-haloperidol", "methadone-haloperidol"])
def test_an_interaction_the_label_contraindicates_is_an_error(items, code):
    # fixregress (second audit finding 3): with --market uk, whose labels state each of these;
    # duloxetine's, haloperidol's and citalopram's are EU/UK only, a warning elsewhere
    assert _severity(items, code, market="uk") is Severity.ERROR
    scoped = {"duloxetine", "haloperidol", "citalopram"}
    label_of = [i.split()[0] for i in items]
    alone = not ({"domperidone"} & set(label_of))
    expected = Severity.WARNING if alone and scoped & set(label_of) else Severity.ERROR
    assert _severity(items, code) is expected


@pytest.mark.parametrize("items", [
    ["domperidone 10 mg po tid", "ondansetron 4 mg po bid"],  # known risk: contraindicated
], ids=["domperidone-ondansetron"])
def test_domperidone_with_a_known_risk_qt_drug_is_an_error(items):
    assert _severity(items, "qt-prolonging-contraindicated") is Severity.ERROR


def test_methadone_with_a_qt_drug_whose_label_does_not_contraindicate_it_stays_a_warning():
    # ondansetron's own label does not contraindicate QT-prolonging drugs: the methadone boxed
    # warning's review, not a contraindication
    assert _severity(["methadone 10 mg po q8h", "ondansetron 4 mg po bid"],
                     "methadone-qt") is Severity.WARNING


@pytest.mark.parametrize("items", [
    ["domperidone 10 mg po tid"],
    ["domperidone 10 mg po tid", "paracetamol 1 g po qid"],
    ["duloxetine 60 mg po daily", "paracetamol 1 g po qid"],
], ids=["alone", "with-paracetamol", "duloxetine-paracetamol"])
def test_no_partner_no_contraindication(items):
    for code in ("cyp3a4-inhibitor-contraindicated", "cyp1a2-inhibitor-contraindicated",
                 "qt-prolonging-contraindicated"):
        assert _severity(items, code) is None


def test_a_route_the_source_does_not_contraindicate_stays_information():
    # the clarithromycin SmPCs contraindicate oral midazolam only; SC: monitor, adjust
    assert _severity(["midazolam 10 mg/day sc continuous", "clarithromycin 500 mg po bid"],
                     "cyp3a4-inhibitor-contraindicated") is Severity.INFO
    assert _severity(["midazolam 7.5 mg po at night", "clarithromycin 500 mg po bid"],
                     "cyp3a4-inhibitor-contraindicated") is Severity.ERROR


# -- a condition the label contraindicates: error; without the condition, nothing -------------
@pytest.mark.parametrize(("item", "condition"), [
    ("metoclopramide 10 mg po tid", "bowel-obstruction"),
    ("bisacodyl 10 mg po at night", "partial-bowel-obstruction"),
    ("domperidone 10 mg po tid", "heart-failure"),
    ("citalopram 20 mg po daily", "long-qt"),
])
def test_a_condition_the_label_contraindicates_is_an_error(item, condition):
    assert _severity([item], "condition-contraindicated",
                     Patient(conditions=(condition,))) is Severity.ERROR
    assert _severity([item], "condition-contraindicated", Patient()) is None


def test_metoclopramide_in_partial_obstruction_is_not_contraindicated():
    assert _severity(["metoclopramide 10 mg po tid"], "condition-contraindicated",
                     Patient(conditions=("partial-bowel-obstruction",))) is None


def test_nsaid_in_heart_failure_stays_a_warning_and_says_why():
    found = [f for f in check(Regimen.parse(["ibuprofen 400 mg po tid"]),
                              Patient(conditions=("heart-failure",)))
             if f.code == "nsaid-heart-failure"]
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "without its class" in found[0].message


# -- a DOAC with another anticoagulant: error, unless the order could be the exception --------
@pytest.mark.parametrize("items", [
    ["apixaban 5 mg po bid", "enoxaparin 40 mg sc daily"],
    ["rivaroxaban 20 mg po daily", "dalteparin 5000 units sc daily"],
    ["dabigatran 150 mg po bid", "warfarin 5 mg po daily"],
    ["edoxaban 60 mg po daily", "heparin 5000 units sc bid"],
], ids=["apixaban-enoxaparin", "rivaroxaban-dalteparin", "dabigatran-warfarin",
        "edoxaban-sc-heparin"])
def test_a_doac_with_another_anticoagulant_is_an_error(items):
    assert _severity(items, "anticoagulant-duplication") is Severity.ERROR


def test_a_switch_from_previous_is_a_warning_that_names_the_exception():
    items = ["apixaban 5 mg po bid", "enoxaparin 40 mg sc daily"]
    found = [f for f in check(Regimen.parse(items), None,
                              previous=Regimen.parse(["enoxaparin 40 mg sc daily"]))
             if f.code == "anticoagulant-duplication"]
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "contraindicated except when switching" in found[0].message
    # a previous regimen with neither anticoagulant is no switch between them
    assert _severity(items, "anticoagulant-duplication",
                     previous=Regimen.parse(["paracetamol 1 g po qid"])) is Severity.ERROR


def test_iv_heparin_could_keep_a_catheter_open():
    found = [f for f in check(Regimen.parse(["apixaban 5 mg po bid",
                                             "heparin 500 units iv daily"]))
             if f.code == "anticoagulant-duplication"]
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "catheter" in found[0].message


def test_warfarin_bridged_with_a_heparin_is_not_flagged():
    assert _severity(["warfarin 5 mg po daily", "enoxaparin 80 mg sc bid"],
                     "anticoagulant-duplication") is None


# -- a maximum of 0: the row's severity; its word follows it ----------------------------------
@pytest.mark.parametrize(("item", "patient", "code"), [
    ("dabigatran 110 mg po bid", Patient(crcl_ml_min=20), "dabigatran-avoid"),
    ("domperidone 10 mg po tid", Patient(hepatic="severe"), "domperidone-avoid"),
    ("domperidone 10 mg po tid", Patient(hepatic="moderate"), "domperidone-avoid"),
    ("diclofenac 50 mg po tid", Patient(hepatic="severe"), "diclofenac-avoid"),
])
def test_a_zero_maximum_a_label_contraindicates_is_an_error(item, patient, code):
    found = [f for f in check(Regimen.parse([item]), patient, market="uk") if f.code == code]
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "contraindicated" in found[0].message


@pytest.mark.parametrize(("item", "patient", "code"), [
    ("dabigatran 110 mg po bid", Patient(crcl_ml_min=40), "dabigatran-avoid"),
    ("domperidone 10 mg po tid", Patient(hepatic="mild"), "domperidone-avoid"),
])
def test_outside_the_band_there_is_no_avoid_finding(item, patient, code):
    assert code not in {f.code for f in check(Regimen.parse([item]), patient, market="uk")}


@pytest.mark.parametrize(("item", "patient", "code", "market"), [
    ("duloxetine 60 mg po daily", Patient(crcl_ml_min=20), "duloxetine-avoid", None),
    ("tapentadol 50 mg po q6h", Patient(crcl_ml_min=20), "tapentadol-avoid", "us"),
    ("rivaroxaban 20 mg po daily", Patient(hepatic="moderate"), "rivaroxaban-avoid", None),
])
def test_a_zero_maximum_a_label_says_avoid_is_a_warning(item, patient, code, market):
    found = [f for f in check(Regimen.parse([item]), patient, market=market) if f.code == code]
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "not recommended" in found[0].message


# -- finding 12: a factor range gives a null single figure, and a finding says so ----------------
RANGE_ITEMS = ["fentanyl 25 mcg/h td q72h", "hydromorphone 2 mg po q4h"]


@pytest.mark.parametrize(("table", "items"), [
    ("spcg", RANGE_ITEMS),
    ("pdq", ["oxycodone 10 mg po q4h", "morphine 10 mg po q4h"]),
    ("jspm2010", ["morphine 10 mg/day sc continuous", "oxycodone 5 mg po q6h"]),
])
def test_every_range_item_has_the_finding_and_the_figure_is_null(table, items):
    summary = summarize(Regimen.parse(items), table)
    ranged = [row for row in summary.equivalent.items
              if row.factor is not None and row.factor.factor is None and row.factor.is_range]
    assert ranged
    said = {f.item for f in summary.findings if f.code == "ome-factor-range"}
    assert said == {str(row.item) for row in ranged}
    assert all(f.severity is Severity.INFO for f in summary.findings
               if f.code == "ome-factor-range")
    assert all(row.ome.value is None for row in ranged)


def test_a_range_beside_a_single_factor_gives_the_figure_and_no_finding():
    # SPCG prints SC oxycodone as 1.5-2 times oral (factor 3.33-5) and a figure (4): no null
    summary = summarize(Regimen.parse(["oxycodone 10 mg/day sc continuous"]), "spcg")
    assert summary.equivalent.scheduled.value is not None
    assert "ome-factor-range" not in {f.code for f in summary.findings}


@pytest.mark.parametrize("table", ["cdc2022", "cdc2016", "spcg"])
def test_a_single_factor_item_never_has_the_finding(table):
    summary = summarize(Regimen.parse(["morphine 10 mg po q4h", "oxycodone er 10 mg po q12h"]),
                        table)
    singles = {str(row.item) for row in summary.equivalent.items
               if row.factor is not None and row.factor.factor is not None}
    said = {f.item for f in summary.findings if f.code == "ome-factor-range"}
    assert not said & singles


def test_the_json_validates_and_pairs_every_null_with_its_finding():
    result = CliRunner().invoke(main, ["total", *RANGE_ITEMS, "oxycodone er 10 mg po q12h",
                                       "--table", "spcg", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    validate("total", document)
    said = {f["item"] for f in document["findings"] if f["code"] == "ome-factor-range"}
    for item in document["items"]:
        if item.get("ome_range_mg_per_day") is not None and item["ome_mg_per_day"] is None:
            assert item["input"] in said
        elif item["ome_mg_per_day"] is not None:
            assert item["input"] not in said
    assert document["total_ome_mg_per_day"] is None
    assert document["total_ome_range_mg_per_day"] is not None
