"""The shipped rows behind the seventy-seventh held-out round's fixes (issue 13), typed again from
the text they quote (double entry): the DHC Continus (prolonged-release dihydrocodeine) label
maximum of the UK SmPC and the NZ data sheet, and NHS GG&C's 120 mg/day scoped to the
immediate-release tablets its note doses (``dose_limits.csv``); and the orders they judge."""

from __future__ import annotations

import pytest

from mpsdose import Patient
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity
from tests.checking import TOLERANT, found, severities

K = resolve(None)
ADULT = Patient(age=62, weight_kg=72, crcl_ml_min=80, hepatic="none", opioid_tolerant=True)


def _general(market: str) -> dict[str | None, float | None]:
    return {r.release: r.max_daily_mg for r in K.dose_limits
            if r.drug == "dihydrocodeine" and r.market == market and r.condition == "any"
            and not r.scope}


def test_dhc_continus_label_maximum_is_shipped_for_uk_and_nz():
    # UK SmPC 4.2: '60 mg: One or two tablets 12-hourly. 90 mg and 120 mg: The usual dose is one
    # tablet 12-hourly'; NZ data sheet 4.2: 'The maximum recommended dose is 240mg daily'
    assert _general("uk")["er"] == 240
    assert _general("nz") == {"er": 240}
    rows = [r for r in K.dose_limits if r.drug == "dihydrocodeine" and r.release == "er"]
    assert all("12-hourly" in r.notes or "twelve-hourly" in r.notes for r in rows)


def test_the_ggc_ceiling_is_for_immediate_release_tablets():
    # 'Dihydrocodeine oral 30mg four times daily (max 120mg/day)': the 30 mg tablets, 6-hourly
    ggc = [r for r in K.dose_limits if r.drug == "dihydrocodeine" and r.max_daily_mg == 120]
    assert [(r.release, r.market, r.severity) for r in ggc] == [("ir", "uk", Severity.WARNING)]
    assert "30mg four times daily" in ggc[0].notes
    assert K.catalogue.names.get("dhc continus") == "dihydrocodeine"


@pytest.mark.parametrize(("items", "market", "expected"), [
    # VE38: DHC Continus 120 mg every 12 hours, the NZ data sheet's maximum: no longer the GG&C
    # IR ceiling, borrowed
    (["dhc continus 120 mg po q12h"], "nz", []),
    (["dhc continus 150 mg po q12h"], "nz", [Severity.ERROR]),   # above the label's 240 mg/day
    (["dhc continus 120 mg po q12h"], "uk", []),
    (["dhc continus 150 mg po q12h"], "uk", [Severity.ERROR]),
    # immediate release: the GG&C palliative ceiling (a warning) and the SmPC's 180 mg/day
    (["dihydrocodeine 30 mg po q4h"], "uk", [Severity.WARNING]),
    (["dihydrocodeine 30 mg po q4h"], "nz", [Severity.WARNING]),  # still borrowed in NZ (IR)
    (["dihydrocodeine 40 mg po q4h"], "uk", [Severity.ERROR]),
])
def test_dihydrocodeine_by_release(items, market, expected):
    assert severities(found(items, ADULT, market=market), "dihydrocodeine-above-max") == expected


def test_a_borrowed_ir_ceiling_names_the_uk_source_in_nz():
    [finding] = [f for f in found(["dihydrocodeine 60 mg po q6h"], TOLERANT, market="nz")
                 if f.code == "dihydrocodeine-above-max"]
    assert "NZ sources give no maximum for dihydrocodeine" in finding.message
    assert "(IR)" in finding.message
