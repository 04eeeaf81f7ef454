"""The shipped hepatic opioid doses against their sources (double entry), and what they change in
``check`` (issue 13, round 25: IO15)."""

from __future__ import annotations

import pytest

from mpsdose import Knowledge, Patient, Regimen, check
from mpsdose.model.findings import Severity
from mpsdose.model.regimen import Hepatic
from mpsdose.model.vocabulary import Route

ROWS = Knowledge.default().hepatic_opioid_doses

# (drug, route, release, grades, basis, min_interval_h, per_dose [mg], per_day [mg/day]) as the
# sources print them: the US Dilaudid label, 'one-fourth to one-half the usual DILAUDID starting
# dose', the usual tablet start '2 mg to 4 mg, orally, every 4 to 6 hours' (one-half of 2 mg);
# Nucynta as summarised by Davis's Drug Guide, 'Moderate hepatic impairment: Immediate release:
# 50 mg every 8 hr initially'; Nucynta ER as copied on medlibrary.org, '50 mg NUCYNTA ER, administer
# no more frequently than once every 24 hours'.
SOURCED = [
    ("hydromorphone", Route.ORAL, "ir", frozenset({"moderate"}), "start", 4, 1, 6),
    ("tapentadol", Route.ORAL, "ir", frozenset({"moderate"}), "start", 8, 50, 150),
    ("tapentadol", Route.ORAL, "er", frozenset({"moderate"}), "start", 24, 50, 50),
    # fix119120: the Ultram label's cirrhosis dose, 50 mg every 12 hours
    ("tramadol", Route.ORAL, "ir", frozenset({"moderate"}), "maximum", 12, 50, 100),
    # fix148h: Frontline Gastroenterology's table for advanced liver disease, 'Morphine sulfate |
    # 2.5 mg 4–6 hourly as needed'; the US hydromorphone injection's usual start '1 mg to 2 mg
    # subcutaneously ... every 2 to 3 hours', halved as the Dilaudid label's hepatic fraction
    ("morphine", Route.ORAL, "ir", frozenset({"moderate"}), "start", 4, 2.5, 15),
    ("hydromorphone", Route.SC, None, frozenset({"moderate"}), "start", 2, 0.5, 6),
    # fix153b: the Belbuca label as MPR and Cancer Therapy Advisor summarise it, 'severe hepatic
    # impairment or oral mucositis: reduce initial and titration doses by ½', of its naive start
    # 75 mcg once daily (Drugs.com's copy of sec. 2.2): one 75 mcg film once daily
    ("buprenorphine", Route.BUCCAL, None, frozenset({"severe"}), "start", None, 0.075, 0.075),
]


@pytest.mark.parametrize("expected", SOURCED, ids=[f"{e[0]}-{e[1].value}" for e in SOURCED])
def test_a_shipped_hepatic_dose_matches_its_source(expected):
    drug, route, release, grades, basis, interval, per_dose, per_day = expected
    rows = [r for r in ROWS if (r.drug, r.route, r.release, r.basis) == (drug, route, release,
                                                                         basis)]
    assert len(rows) == 1, rows
    row = rows[0]
    assert (row.grades, row.min_interval_h, row.per_dose, row.per_day) == (
        grades, interval, per_dose, per_day)


def test_every_shipped_row_is_sourced_and_graded():
    assert len(ROWS) == len(SOURCED)
    for row in ROWS:
        assert "[S]" in row.source or "[P]" in row.source
        # only Belbuca's label gives numbers for severe impairment (its halved start)
        assert "severe" not in row.grades or (row.drug, row.route) == ("buprenorphine",
                                                                       Route.BUCCAL)


MODERATE = Patient(age=64, weight_kg=68, crcl_ml_min=80, hepatic=Hepatic.MODERATE,
                   opioid_tolerant=False)


@pytest.mark.parametrize(("items", "expected"), [
    (["hydromorphone 1 mg po q4h prn"], Severity.INFO),
    (["hydromorphone 2 mg po q4h prn"], Severity.WARNING),  # the usual start, not reduced
    (["tapentadol 50 mg po q8h"], Severity.INFO),
    (["tapentadol 50 mg po q4h"], Severity.WARNING),
    (["tapentadol er 50 mg po q24h"], Severity.INFO),  # round 27 OY04
    (["tapentadol er 50 mg po q12h"], Severity.WARNING),  # the usual ER start, not reduced
    (["oxycodone 2.5 mg po q6h prn"], Severity.WARNING),  # no oxycodone row shipped
    # fix148h: morphine within Frontline Gastroenterology's 2.5 mg 4-6 hourly is information
    (["morphine 2.5 mg po q4h prn"], Severity.INFO),
    (["morphine 5 mg po q4h prn"], Severity.WARNING),  # the usual start, not reduced
    (["hydromorphone 0.5 mg sc q4h prn"], Severity.INFO),
    (["hydromorphone 1 mg sc q3h prn"], Severity.WARNING),  # the usual SC start, not reduced
])
def test_the_shipped_rows_in_check(items, expected):
    found = [f.severity for f in check(Regimen.parse(items), MODERATE, market="us")
             if f.code == "hepatic-opioid"]
    assert found == [expected]


def test_severe_impairment_stays_a_warning():
    severe = Patient(age=64, hepatic=Hepatic.SEVERE, opioid_tolerant=False)
    found = [f.severity for f in check(Regimen.parse(["hydromorphone 0.5 mg po q6h prn"]), severe)
             if f.code == "hepatic-opioid"]
    assert found == [Severity.WARNING]
