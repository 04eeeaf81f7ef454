"""The shipped rows behind the sixty-fourth held-out round's fixes (issue 13), typed again from
the text each row quotes (double entry): citalopram's and escitalopram's contraindication with
medicines known to prolong the QT interval (the 2011 MHRA/EMA review; LA37), the Japanese
fluconazole maximum (LA33) and the Zalviso sublingual sufentanil PCA demand dose (LB22); and the
orders they judge."""

from __future__ import annotations

from mpsdose import Patient, Regimen, check
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.vocabulary import Route
from tests.checking import severities as _severities

K = resolve(None)
NAIVE = Patient(age=52, weight_kg=78, crcl_ml_min=95, hepatic="none", opioid_tolerant=False)
PATIENT = Patient(age=60, weight_kg=65, crcl_ml_min=80, hepatic="none")


def _found(items, patient, **kwargs) -> list[Finding]:
    return check(Regimen.parse(items), patient, **kwargs)


# -- citalopram and escitalopram with QT-prolonging drugs -------------------------------------------
def test_citalopram_and_escitalopram_are_contraindicated_with_known_risk_qt_drugs():
    for drug in ("citalopram", "escitalopram"):
        value, source = K.drug_properties.get(drug, "qt_prolonging_contraindicated")
        assert value == "known"
        assert "combination with other medicines known to prolong the QT interval" in source
        assert "haloperidol" in source  # the SmPC's section 4.5 list
    assert K.drug_properties.get("haloperidol", "qt_risk")[0] == "known"  # type: ignore[index]


def test_citalopram_with_haloperidol_or_ondansetron_warns_with_olanzapine_not():
    # fixregress (second audit finding 3): an error in the markets whose labels state the
    # contraindication (MHRA 2011, the EU text: uk, eu); with nz (its label not seen) or no
    # market, a warning naming the EU/UK labels; the row is flagged either way
    for other in ("haloperidol 2.5 mg sc bid", "ondansetron 4 mg po bid"):
        found = _found(["citalopram 20 mg po daily", other], PATIENT, market="uk")
        assert _severities(found, "qt-prolonging-contraindicated") == [Severity.ERROR], other
        assert _severities(_found(["citalopram 20 mg po daily", other], PATIENT, market="nz"),
                           "qt-prolonging-contraindicated") == [Severity.WARNING], other
        message = next(f.message for f in found if f.code == "qt-prolonging-contraindicated")
        assert "citalopram's own source" in message
    for other in ("olanzapine 5 mg po at night", "tramadol 50 mg po q6h"):
        found = _found(["citalopram 20 mg po daily", other], PATIENT)
        assert not _severities(found, "qt-prolonging-contraindicated"), other
    assert not _severities(_found(["citalopram 20 mg po daily"], PATIENT),
                           "qt-prolonging-contraindicated")


def test_citalopram_or_domperidone_with_methadone_is_the_one_methadone_qt_warning():
    # one pair, one finding: methadone's boxed warning, which names the partner's own
    # contraindication and carries its source too (no second QT warning on the same pair)
    for other, label in (("citalopram 20 mg po daily", "MHRA"), ("domperidone 10 mg po tid",
                                                                  "Domperidone")):
        found = _found([other, "methadone 5 mg po q8h"], PATIENT, market="uk")  # fixregress
        assert not _severities(found, "qt-prolonging-contraindicated"), other
        assert _severities(found, "methadone-qt") == [Severity.ERROR], other
        finding = next(f for f in found if f.code == "methadone-qt")
        name = other.split()[0]
        assert f"{name}'s own source contraindicates" in finding.message
        assert "boxed warning" in finding.message.lower()
        assert label in finding.source and "methadone" in finding.source.lower()
    # a partner whose label says nothing of QT drugs: methadone's warning alone (ondansetron;
    # haloperidol's own label contraindicates them since fix8788)
    found = _found(["ondansetron 8 mg po q8h", "methadone 5 mg po q8h"], PATIENT)
    finding = next(f for f in found if f.code == "methadone-qt")
    assert "own source" not in finding.message


def test_citalopram_with_domperidone_is_one_finding_not_two():
    found = _found(["citalopram 20 mg po daily", "domperidone 10 mg po tid"], PATIENT)
    assert _severities(found, "qt-prolonging-contraindicated") == [Severity.ERROR]


# -- fluconazole in Japan ---------------------------------------------------------------------------
def test_the_japanese_oral_fluconazole_maximum_is_400_mg_a_day():
    rows = [r for r in K.dose_limits if r.drug == "fluconazole" and r.market == "jp"]
    assert len(rows) == 1
    assert rows[0].max_daily_mg == 400
    assert "1日量の最大は40mL" in rows[0].source and "20mL(200mg)" in rows[0].source


def test_fluconazole_800_mg_a_day_is_above_the_japanese_insert_and_400_is_not():
    found = _found(["fluconazole 400 mg po bid"], PATIENT, market="jp")
    assert _severities(found, "fluconazole-above-max") == [Severity.ERROR]
    assert "JP source" in next(f.message for f in found if f.code == "fluconazole-above-max")
    assert not _severities(_found(["fluconazole 400 mg po daily"], PATIENT, market="jp"),
                           "fluconazole-above-max")
    # the EU-style SmPC's 800 mg/day stays the ceiling elsewhere
    assert not _severities(_found(["fluconazole 400 mg po bid"], PATIENT, market="uk"),
                           "fluconazole-above-max")
    # no market chosen: the labels disagree, a warning naming both
    found = _found(["fluconazole 400 mg po bid"], PATIENT)
    assert _severities(found, "fluconazole-above-max") == [Severity.WARNING]
    message = next(f.message for f in found if f.code == "fluconazole-above-max")
    assert "JP source" in message and "any-market maximum of 800" in message


# -- Zalviso: sublingual sufentanil PCA -------------------------------------------------------------
def test_the_zalviso_demand_dose_is_15_micrograms_sublingual():
    rows = [r for r in K.opioid_ranges if r.check == "pca-demand" and r.drug == "sufentanil"]
    assert len(rows) == 1
    assert rows[0].per_dose == 0.015 and rows[0].routes is not None
    assert Route.SUBLINGUAL in rows[0].routes and Route.IV not in rows[0].routes
    assert "sufentanil 15 micrograms sublingual tablet" in rows[0].source
    assert "minimum of 20 minutes (lockout interval)" in rows[0].source


def test_zalviso_at_its_lockout_is_information_and_a_larger_dose_still_warns():
    found = _found(["sufentanil 15 mcg sl q20min prn"], NAIVE, market="eu")
    assert _severities(found, "opioid-pca-demand") == [Severity.INFO]
    assert not _severities(found, "opioid-above-usual")
    larger = _found(["sufentanil 30 mcg sl q20min prn"], NAIVE, market="eu")
    assert _severities(larger, "opioid-pca-demand") == [Severity.WARNING]
    assert _severities(larger, "opioid-above-usual") == [Severity.WARNING]
    # the US Dsuvia's 30 micrograms an hour apart is no lockout: judged as before
    dsuvia = _found(["sufentanil 30 mcg sl q1h prn max 12/day"], NAIVE, market="us")
    assert not _severities(dsuvia, "opioid-pca-demand")
