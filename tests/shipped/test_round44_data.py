"""The shipped rows behind the forty-fourth held-out round's fixes (issue 13), typed again from
the text each row quotes (double entry): the US methadone injection label's start for opioid
non-tolerant patients, domperidone's contraindication with QT-prolonging drugs (the 2014 EU/UK
restriction), and the Zyprexa injection's advice against a parenteral benzodiazepine; and the
orders they judge."""

from __future__ import annotations

from mpsdose import Patient, Regimen, check
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.vocabulary import Route
from tests.checking import severities as _severities

K = resolve(None)
NAIVE = Patient(age=50, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=False)
NAIVE_OLDER = Patient(age=69, weight_kg=66, crcl_ml_min=70, hepatic="none",
                      opioid_tolerant=False)
PATIENT = Patient(age=58, weight_kg=75, crcl_ml_min=90, hepatic="none")


def _found(items, patient, **kwargs) -> list[Finding]:
    return check(Regimen.parse(items), patient, **kwargs)


# -- parenteral methadone, opioid-naive -------------------------------------------------------------
def test_the_methadone_injection_start_is_2_5_to_10_mg_every_8_to_12_hours():
    rows = [r for r in K.opioid_ranges
            if r.check == "naive-start" and r.drug == "methadone" and r.market == "us"
            and r.routes is not None and Route.SC in r.routes]
    assert len(rows) == 1
    row = rows[0]
    # drugs.com: 'Initial dose: 2.5 mg to 10 mg IV every 8 to 12 hours'; Skyscape: IV/IM/SC
    assert (row.start_low, row.per_dose, row.per_day) == (2.5, 10, 30)
    assert {Route.IV, Route.IM, Route.SC} <= row.routes
    assert "2.5 mg to 10 mg IV every 8 to 12 hours" in row.source and "IV/IM/SC" in row.source


def test_sc_methadone_above_the_start_warns_and_within_it_does_not():
    assert _severities(_found(["methadone 15 mg sc q8h"], NAIVE, market="us"),
                       "opioid-naive-start") == [Severity.WARNING]
    assert not _severities(_found(["methadone 5 mg sc q8h"], NAIVE, market="us"),
                           "opioid-naive-start")


def test_at_65_the_us_low_end_judges_and_another_market_borrows_the_us_start():
    found = _found(["methadone 10 mg sc q8h"], NAIVE_OLDER, market="au")
    naive = [f for f in found if f.code == "opioid-naive-start"]
    assert [f.severity for f in naive] == [Severity.WARNING]
    assert "2.5 mg" in naive[0].message and "US" in naive[0].message


# -- domperidone with QT-prolonging drugs -----------------------------------------------------------
def test_domperidone_is_contraindicated_with_known_risk_qt_drugs():
    value, source = K.drug_properties.get("domperidone", "qt_prolonging_contraindicated")
    assert value == "known"
    # the harmonised SmPC names haloperidol, citalopram, escitalopram and methadone
    for named in ("haloperidol", "citalopram", "escitalopram", "methadone"):
        assert named in source
        assert K.drug_properties.get(named, "qt_risk")[0] == "known"  # type: ignore[index]


def test_domperidone_with_haloperidol_warns_with_tramadol_it_does_not():
    both = _found(["domperidone 10 mg po tid", "haloperidol 1.5 mg po at night"], PATIENT)
    assert _severities(both, "qt-prolonging-contraindicated") == [Severity.ERROR]
    possible = _found(["domperidone 10 mg po tid", "tramadol 50 mg po q6h"], PATIENT)
    assert not _severities(possible, "qt-prolonging-contraindicated")
    alone = _found(["domperidone 10 mg po tid"], PATIENT)
    assert not _severities(alone, "qt-prolonging-contraindicated")


# -- IM olanzapine with a parenteral benzodiazepine -------------------------------------------------
def test_im_olanzapine_with_a_parenteral_benzodiazepine_is_not_recommended():
    value, source = K.drug_properties.get("olanzapine", "parenteral_benzodiazepine_not_recommended")
    assert value == "im"
    assert ("Simultaneous injection of intramuscular olanzapine and parenteral benzodiazepine is "
            "not recommended") in source
    both = _found(["olanzapine 10 mg im once daily", "lorazepam 2 mg iv q4h prn"], PATIENT)
    assert _severities(both, "parenteral-benzodiazepine-not-recommended") == [Severity.WARNING]
    oral = _found(["olanzapine 10 mg po at night", "lorazepam 2 mg iv q4h prn"], PATIENT)
    assert not _severities(oral, "parenteral-benzodiazepine-not-recommended")
