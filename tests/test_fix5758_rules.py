"""Issue 13, rounds 57 and 58: a transmucosal fentanyl titration read by the product the item names
(VA18, Abstral 100 to 400 micrograms), a Japanese label's opioid-naive start that no longer judges
a titration of the same product (UB47, ナルサス 6 to 8 mg/day), and a label's switch ratio that
the label halves for some patients (UB06, OPANA ER from oral oxycodone).

The titration doses and the label switch of the first tests are tiny data of this file's own: their
numbers make each boundary obvious and are not clinical figures. The later tests read the shipped
rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Knowledge, Patient
from mpsdose.model.errors import DataError
from mpsdose.model.findings import Severity
from tests.checking import TOLERANT, found, header, knowledge_with, of, severities

NAIVE = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=False)
BACKGROUND = "morphine er 30 mg po q12h"

# -- titration doses scoped to a product (tiny rows) ------------------------------------------
RANGES = header("opioid_dose_ranges", omit=("opioids", "basis"))
#: one titration dose of a product named abstral (300 micrograms) and one of no product (700)
TITRATION = (RANGES
             + "titration-dose,fentanyl,sublingual,,,jp,0.3,,,,warning,Test label [P],P,,abstral\n"
             + "titration-dose,fentanyl,sublingual,,,jp,0.7,,,,warning,Test any [P],P,,\n"
             + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,,\n")


@pytest.fixture
def titration(tmp_path) -> Knowledge:
    return knowledge_with(tmp_path, opioid_dose_ranges=TITRATION)


def _sublingual(k: Knowledge, name: str, old: int, new: int) -> list[Severity]:
    return severities(found([f"{name} {new} mcg sl prn", BACKGROUND], TOLERANT,
                            previous=[f"{name} {old} mcg sl prn", BACKGROUND], market="jp",
                            knowledge=k), "opioid-titration-step")


@pytest.mark.parametrize(("name", "old", "new", "warned"), [
    ("abstral", 200, 400, True),     # past its own 300
    ("abstral", 100, 200, False),
    ("subsys", 200, 400, False),     # another brand: abstral's 300 is no step of it
    ("fentanyl", 200, 400, True),    # no product named: every product's doses
    ("subsys", 600, 800, True),      # a row of no product is every product's
], ids=["named, past its dose", "named, below it", "another brand", "unnamed",
        "another brand, a row of no product"])
def test_an_item_written_with_a_brand_reads_only_its_products_titration_doses(
        titration, name, old, new, warned):
    assert _sublingual(titration, name, old, new) == ([Severity.WARNING] if warned else [])


def test_a_product_belongs_to_a_titration_dose_or_naive_start_row_of_one_drug(tmp_path):
    # fix115116: a naive-start row may name a combination product (its own label's start)
    bad = RANGES + "usual,morphine,oral,,,,10,,,,warning,Test [P],P,,abstral\n"
    with pytest.raises(DataError, match="product"):
        _ = knowledge_with(tmp_path, opioid_dose_ranges=bad).opioid_ranges


# -- a label's switch halved for some patients (tiny row) ---------------------------------------
SWITCHES = (header("label_switches")
            + 'half-us,us,Test ER,oxymorphone,oral,er,oxycodone,oral,,"[0, )",,0.5,,Test label [P],'
              'P,,older hepatic renal-severe\n')


@pytest.mark.parametrize(("patient", "severity"), [
    (Patient(age=55, crcl_ml_min=85, hepatic="none", opioid_tolerant=True), Severity.INFO),
    (Patient(age=70, crcl_ml_min=85, hepatic="none", opioid_tolerant=True), Severity.WARNING),
    (Patient(age=55, crcl_ml_min=85, hepatic="mild", opioid_tolerant=True), Severity.WARNING),
    (Patient(age=55, crcl_ml_min=20, hepatic="none", opioid_tolerant=True), Severity.WARNING),
    (Patient(age=55, opioid_tolerant=True), Severity.WARNING),
], ids=["under 65, normal function", "65 or older", "hepatic impairment", "CrCl below 30",
        "function not given"])
def test_a_label_switch_halved_for_some_patients_is_information_only_for_the_others(
        tmp_path, patient, severity):
    k = knowledge_with(tmp_path, label_switches=SWITCHES)
    shown = of(found(["oxymorphone er 10 mg po q12h"], patient,
                     previous=["oxycodone er 20 mg po q12h"], market="us", knowledge=k),
               "equianalgesic-switch")
    assert [f.severity for f in shown] == [severity]
    if severity is Severity.WARNING:
        assert "half its conversion" in shown[0].message


def test_halved_for_names_known_groups(tmp_path):
    bad = SWITCHES.replace("older hepatic renal-severe", "children")
    with pytest.raises(DataError, match="halved_for"):
        _ = knowledge_with(tmp_path, label_switches=bad).label_switches


# -- the shipped rows ---------------------------------------------------------------------------
@pytest.mark.parametrize(("old", "new", "warned"), [
    (100, 400, True), (100, 200, False), (200, 300, False), (300, 400, False), (400, 800, True),
], ids=["skips 200 and 300", "100 to 200", "200 to 300", "300 to 400", "skips 600"])
def test_abstral_is_titrated_through_its_japanese_labels_doses(old, new, warned):
    # the アブストラル insert: 100, 200, 300, 400, 600, 800 micrograms, one step at a time (VA18)
    shown = _sublingual(Knowledge.default(), "abstral", old, new)
    assert shown == ([Severity.WARNING] if warned else [])


def test_subsys_is_not_judged_by_abstrals_doses():
    # Subsys (US sublingual spray) titrates 200 to 400 micrograms; abstral's 300 is not its step
    k = Knowledge.default()
    for market in ("us", "jp", None):
        assert severities(found(["subsys 400 mcg sl prn", BACKGROUND], TOLERANT,
                                previous=["subsys 200 mcg sl prn", BACKGROUND], market=market,
                                knowledge=k), "opioid-titration-step") == []


def test_every_titration_product_is_a_brand_of_its_drug():
    k = Knowledge.default()
    for row in k.opioid_ranges:
        for name in row.products:
            if row.check == "naive-start":  # fix115116: a combination product holding the drug
                products = k.catalogue.product(name)
                assert products and all(row.drug in p.components for p in products), name
                continue
            assert name in k.catalogue.brands and k.catalogue.names[name] == row.drug, name


@pytest.mark.parametrize(("new", "previous", "warned"), [
    ("narusus 8 mg po daily", "narusus 6 mg po daily", False),   # a titration of it (UB47)
    ("narusus 8 mg po daily", None, True),                       # a start above the label's 4
    ("narusus 8 mg po daily", "hydromorphone 1 mg po q4h prn", True),  # IR only as needed
    # fix8586: a scheduled opioid before (IR hydromorphone 6 mg/day) makes the patient not
    # opioid-naive: the switch and titration rules judge 6 to 8 mg/day (+33%), not the start
    ("narusus 8 mg po daily", "hydromorphone 1 mg po q4h", False),  # another product (IR)
], ids=["titrated", "no previous regimen", "as needed before", "switched from another product"])
def test_the_japanese_naive_start_judges_a_start_not_a_titration(new, previous, warned):
    shown = severities(found([new], NAIVE, previous=[previous] if previous else None,
                             market="jp"), "jp-naive-start-above-label")
    assert shown == ([Severity.WARNING] if warned else [])
