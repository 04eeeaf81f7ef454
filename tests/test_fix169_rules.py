"""Rounds 169 and 170's fixes, as general rules (issue 13).

A once-daily oral extended-release tramadol in an opioid-naive patient in Japan is judged by the
ワントラム insert's own first dose (用法及び用量に関連する注意 7.1: 1日100mgから開始することが望ましい),
not by the US extended-release start borrowed for want of a Japanese one: a day within 100 mg is
not warned, a day above it is, and the finding names the Japanese source. The row is the
once-daily product's (interval 24 h): a twice-daily extended-release item is judged as before.

12-hourly oral morphine in the UK keeps NICE CG140's opioid-naive start (10-15 mg twice daily):
the UK MST Continus SmPC's only adult start (30 mg 12-hourly) is for pain uncontrolled by
weaker opioids, shipped as a ``step-up-start`` row, which speaks for a patient stepping up from a
step-2 opioid and not for an opioid-naive one. These tests read the shipped data.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Finding, Severity

NAIVE = Patient(age=60, weight_kg=70, crcl_ml_min=85, opioid_tolerant=False)
NAIVE_OLDER = Patient(age=72, weight_kg=60, crcl_ml_min=70, opioid_tolerant=False)


def _naive_start(items: list[str], patient: Patient, market: str,
                 previous: list[str] | None = None) -> list[Finding]:
    found = check(Regimen.parse(items), patient, market=market,
                  previous=None if previous is None else Regimen.parse(previous))
    return [f for f in found if f.code == "opioid-naive-start"]


@pytest.mark.parametrize("patient", [NAIVE, NAIVE_OLDER], ids=["60", "72"])
@pytest.mark.parametrize("item", ["ワントラム 100 mg po daily",
                                  "tramadol er 100 mg po daily"])
def test_jp_once_daily_er_tramadol_within_the_insert_first_dose_is_not_warned(item, patient):
    assert _naive_start([item], patient, "jp") == []


@pytest.mark.parametrize("patient", [NAIVE, NAIVE_OLDER], ids=["60", "72"])
@pytest.mark.parametrize("item", ["ワントラム 200 mg po daily",
                                  "ワントラム 300 mg po daily",
                                  "tramadol er 150 mg po daily"])
def test_jp_once_daily_er_tramadol_above_the_insert_first_dose_warns_naming_the_jp_insert(
        item, patient):
    found = _naive_start([item], patient, "jp")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "ワントラム" in found[0].source
    assert "Drugs.com" not in found[0].source  # no longer the borrowed US start


def test_other_markets_keep_their_own_er_tramadol_starts():
    us = _naive_start(["tramadol er 200 mg po daily"], NAIVE, "us")
    assert [f.severity for f in us] == [Severity.WARNING]
    assert "Drugs.com" in us[0].source
    assert _naive_start(["tramadol er 100 mg po daily"], NAIVE, "us") == []


def test_the_once_daily_row_does_not_judge_a_twice_daily_er_item():
    # a 12-hourly item is another product's (ツートラム): not judged by the once-daily insert
    for found in (_naive_start(["tramadol er 50 mg po q12h"], NAIVE, "jp"),
                  _naive_start(["ツートラム 50 mg po q12h"], NAIVE, "jp")):
        assert all("ワントラム錠100mg" not in f.source for f in found)


@pytest.mark.parametrize(("item", "warned"), [
    ("mst continus 10 mg po q12h", False),
    ("mst continus 15 mg po q12h", False),
    ("mst continus 20 mg po q12h", True),
    ("mst continus 30 mg po q12h", True),
], ids=["10", "15", "20", "30"])
def test_uk_12_hourly_morphine_in_a_naive_patient_is_judged_by_nice(item, warned):
    found = _naive_start([item], NAIVE, "uk")
    assert bool(found) is warned
    if warned:
        assert found[0].severity is Severity.WARNING
        assert "NICE CG140" in found[0].source


@pytest.mark.parametrize("item", ["mst continus 20 mg po q12h", "mst continus 30 mg po q12h"])
def test_uk_mst_label_start_speaks_for_a_step_up_from_a_weaker_opioid(item):
    # the SmPC's 'uncontrolled by weaker opioids ... 30 mg 12 hourly': after dihydrocodeine the
    # start is not an opioid-naive one and is not warned
    found = check(Regimen.parse([item]), NAIVE, market="uk",
                  previous=Regimen.parse(["dihydrocodeine 60 mg po q6h"]))
    assert all(f.severity.rank <= Severity.INFO.rank for f in found
               if f.code in ("opioid-naive-start", "equianalgesic-switch"))
