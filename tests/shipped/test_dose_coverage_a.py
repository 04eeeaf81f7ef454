"""Non-opioid drug/route pairs that ``check`` used to pass unjudged (issue 13, "Silence you can
trust"): anticoagulants, antiplatelets, benzodiazepines and a Z-drug, antipsychotics, the
clonidine patch and injection, the naloxone routes, each now held to a sourced maximum in
``data/dose_limits.csv``.

For each pair: the labelled top dose raises no warning and is no longer "not checked"; ten times
it is a warning or an error whose source is the row's (named here by a fragment of its address,
typed from the source, not from the code's output). Renal, weight and hepatic bands fire inside
the band and not outside it. Second readings of every number are in
``tests/data/dose_limits_check.csv`` (``tests/shipped/test_limit_sources.py``).
"""

from __future__ import annotations

import attrs
import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity

#: A patient no band or age rule touches: 60 years, 70 kg, CrCl 90 mL/min, no hepatic impairment.
PATIENT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none")
RAISED = (Severity.WARNING, Severity.ERROR)


@attrs.frozen
class Case:
    drug: str
    top: str  #: the largest labelled regimen, as the item language writes it
    tenfold: str  #: the same order with a ten-fold slip
    source: str  #: a fragment of the row's source address
    only_own: bool = False  #: other drugs in the item may warn (a combination product)

    @property
    def id(self) -> str:
        return self.top


CASES = [
    # anticoagulants: the treatment regimens (apixaban's first week, rivaroxaban's first 21 days)
    Case("apixaban", "apixaban 10 mg po bid", "apixaban 100 mg po bid",
         "mimsdev.com/thailand/drug/info/eliquis"),
    Case("rivaroxaban", "rivaroxaban 15 mg po bid", "rivaroxaban 150 mg po bid",
         "rxreasoner.com/monographs/xarelto"),
    Case("edoxaban", "edoxaban 60 mg po daily", "edoxaban 600 mg po daily",
         "themeditary.com/dosage-information/savaysa"),
    Case("enoxaparin", "enoxaparin 70 mg sc q12h", "enoxaparin 700 mg sc q12h", "halmed.hr"),
    Case("enoxaparin", "enoxaparin 30 mg iv once", "enoxaparin 300 mg iv once",
         "rxreasoner.com/indications/I-945684"),
    # antiplatelets: the loading doses
    Case("aspirin", "aspirin 650 mg po q4h", "aspirin 6500 mg po q4h", "drugs.com/dosage/aspirin"),
    Case("clopidogrel", "clopidogrel 300 mg po once", "clopidogrel 3000 mg po once",
         "Clopidogrel_dosage_and_administration"),
    Case("prasugrel", "prasugrel 60 mg po once", "prasugrel 600 mg po once",
         "drugs.com/dosage/effient"),
    Case("ticagrelor", "ticagrelor 90 mg po bid", "ticagrelor 900 mg po bid",
         "mimsdev.com/philippines/drug/info/bricor"),
    # benzodiazepines and the Z-drug
    Case("lorazepam", "lorazepam 2.5 mg po qid", "lorazepam 25 mg po qid",
         "infectiousdiseaseadvisor.com/drug/ativan"),
    Case("diazepam", "diazepam 20 mg po tid", "diazepam 200 mg po tid",
         "replek.com.mk/en/product/diazepam"),
    Case("midazolam", "midazolam 5 mg intranasal prn max 2/day",
         "midazolam 50 mg intranasal prn max 2/day", "drugs.com/dosage/nayzilam"),
    Case("midazolam", "midazolam 10 mg buccal prn", "midazolam 100 mg buccal prn",
         "medicines.org.uk/emc/product/100111"),
    Case("midazolam", "midazolam 15 mg po at night", "midazolam 150 mg po at night",
         "mimsdev.com/philippines/drug/info/dormicum"),
    Case("midazolam", "midazolam 60 mg/24h iv continuous", "midazolam 600 mg/24h iv continuous",
         "medicines.org.uk/emc/product/15365"),
    Case("diazepam", "diazepam 10 mg iv q4h", "diazepam 100 mg iv q4h", "rxreasoner.com/monographs/2739"),
    # with no market every market's row applies and the strictest crossed is named: the US
    # Diastat 20 mg (fix135136) before the UK Stesolid 30 mg (test_fix135136_rules: --market uk)
    Case("diazepam", "diazepam 20 mg rectal prn", "diazepam 200 mg rectal prn",
         "diastat.com/hcps"),
    Case("diazepam", "diazepam 20 mg im prn max 3/day", "diazepam 200 mg im prn max 3/day",
         "diazepam-injection-bp-95237"),
    Case("clonazepam", "clonazepam 1 mg iv prn max 13/day", "clonazepam 10 mg iv prn max 13/day",
         "rxreasoner.com/monographs/rivotril-sol"),
    Case("temazepam", "temazepam 30 mg po at night", "temazepam 300 mg po at night",
         "drugs.com/dosage/temazepam"),
    Case("zolpidem", "zolpidem 10 mg po at night", "zolpidem 100 mg po at night",
         "drugs.com/dosage/ambien"),
    # antipsychotics
    Case("levomepromazine", "levomepromazine 50 mg im q6h", "levomepromazine 500 mg im q6h",
         "medicines.org.uk/emc/product/1428"),
    Case("levomepromazine", "levomepromazine 50 mg iv q6h", "levomepromazine 500 mg iv q6h",
         "medicines.org.uk/emc/product/1428"),
    Case("quetiapine", "quetiapine 400 mg po bid", "quetiapine 4000 mg po bid",
         "imedi.co.uk/quetiapine-100-mg"),
    Case("risperidone", "risperidone 8 mg po bid", "risperidone 80 mg po bid",
         "recallguide.org"),
    # alpha-2 agonist patch (0.6 mg/day = 25 mcg/h) and the naloxone routes
    Case("clonidine", "clonidine 25 mcg/h td q7d", "clonidine 250 mcg/h td q7d",
         "drugs.com/dosage/catapres-tts"),
    Case("clonidine", "clonidine 250 mcg iv q8h", "clonidine 2500 mcg iv q8h",
         "rxreasoner.com/monographs/catapres-sol"),
    Case("dexmedetomidine", "dexmedetomidine 98 mcg/h iv continuous",
         "dexmedetomidine 980 mcg/h iv continuous", "rxreasoner.com/monographs/dexdor"),
    Case("naloxone", "naloxone 8 mg intranasal prn", "naloxone 80 mg intranasal prn",
         "kloxxado.com"),
    Case("naloxone", "3 tab buprenorphine/naloxone 8/2 mg sublingual daily",
         "30 tab buprenorphine/naloxone 8/2 mg sublingual daily",
         "medicines.lekovi.org", only_own=True),
]


def findings(item: str, patient: Patient = PATIENT):
    return check(Regimen.parse([item]), patient)


def raised(found, drug: str | None = None):
    return [f for f in found if f.severity in RAISED
            and (drug is None or f.code.startswith(f"{drug}-"))]


def unjudged(found, drug: str) -> bool:
    return any(f.code == "dose-not-checked" and f"{drug} (" in f.message for f in found)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_labelled_top_dose_is_judged_and_not_warned(case):
    found = findings(case.top)
    assert not raised(found, case.drug if case.only_own else None), case.top
    assert not unjudged(found, case.drug)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_ten_times_the_top_dose_is_flagged_naming_its_source(case):
    flagged = raised(findings(case.tenfold), case.drug)
    assert flagged, case.tenfold
    assert any(case.source in f.source for f in flagged), [f.source for f in flagged]


@pytest.mark.parametrize("item", ["aspirin 75 mg po daily", "clopidogrel 75 mg po daily",
                                  "ticagrelor 60 mg po bid", "apixaban 5 mg po bid",
                                  "rivaroxaban 20 mg po daily", "enoxaparin 40 mg sc daily"])
def test_maintenance_antithrombotic_doses_raise_nothing(item):
    assert not raised(findings(item))


# -- bands: inside they fire, outside they do not ----------------------------------------------
BANDS = [
    # (item, patient inside the band, patient outside, fragment of the band row's source)
    ("enoxaparin 70 mg sc q12h", attrs.evolve(PATIENT, crcl_ml_min=20),
     attrs.evolve(PATIENT, crcl_ml_min=45), "vtematters.ie"),
    ("edoxaban 60 mg po daily", attrs.evolve(PATIENT, crcl_ml_min=40),
     attrs.evolve(PATIENT, crcl_ml_min=60), "savaysa"),
    ("edoxaban 60 mg po daily", attrs.evolve(PATIENT, weight_kg=55),
     attrs.evolve(PATIENT, weight_kg=61), "lixiana"),
    ("rivaroxaban 20 mg po daily", attrs.evolve(PATIENT, crcl_ml_min=10),
     attrs.evolve(PATIENT, crcl_ml_min=20), "xareltohcp.com"),
    ("zolpidem 10 mg po at night", attrs.evolve(PATIENT, hepatic="mild"), PATIENT, "ambien"),
    ("zolpidem 5 mg po at night", attrs.evolve(PATIENT, hepatic="severe"),
     attrs.evolve(PATIENT, hepatic="moderate"), "ambien"),
    ("midazolam 15 mg po at night", attrs.evolve(PATIENT, hepatic="moderate"), PATIENT,
     "dormicum"),
]


@pytest.mark.parametrize(("item", "inside", "outside", "source"), BANDS,
                         ids=[f"{b[0]} {b[3]}" for b in BANDS])
def test_a_band_fires_inside_and_not_outside(item, inside, outside, source):
    drug = item.split()[0]
    flagged = raised(findings(item, inside), drug)
    assert any(source in f.source.lower() for f in flagged), [f.source for f in flagged]
    assert not raised(findings(item, outside), drug)


def test_enoxaparin_in_renal_failure_is_an_error_and_needs_the_weight():
    """The held-out miss: treatment-dose enoxaparin twice daily at CrCl 22 (1 mg/kg once daily
    below CrCl 30 in the label); without a weight the per-kg limits say they were not checked."""
    renal = attrs.evolve(PATIENT, crcl_ml_min=22)
    assert any(f.severity is Severity.ERROR for f in raised(findings(
        "enoxaparin 80 mg sc q12h", renal), "enoxaparin"))
    unweighed = findings("enoxaparin 80 mg sc q12h", attrs.evolve(renal, weight_kg=None))
    assert any(f.code == "limit-not-checked" and "enoxaparin" in f.message for f in unweighed)


def test_diazepam_iv_between_status_epilepticus_and_tetanus_is_a_warning():
    """8.6 mg/kg/day IV is above the status epilepticus infusion (3 mg/kg/24 h) but within the
    tetanus infusion (up to 10 mg/kg/24 h), the largest labelled regimen: a warning, not an error;
    above 10 mg/kg/day it is an error."""
    between = raised(findings("diazepam 100 mg iv q4h"), "diazepam")
    assert between and all(f.severity is Severity.WARNING for f in between)
    above = raised(findings("diazepam 125 mg iv q4h"), "diazepam")
    assert any(f.severity is Severity.ERROR for f in above)


def test_clonazepam_iv_between_the_two_labels_is_a_warning_not_an_error():
    """20 mg/day is within the Irish SmPC's total and above the German label's 13 mg: the two
    sources disagree, so the German row warns and the Irish one does not turn it into an error."""
    found = raised(findings("clonazepam 1 mg iv prn max 20/day"), "clonazepam")
    assert found and all(f.severity is Severity.WARNING for f in found)
    assert any("ellviva.de" in f.source for f in found)
