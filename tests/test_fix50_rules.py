"""Issue 13, round 50: an intrathecal or epidural single dose judged by the injection labels' own
dose (XA02), clarithromycin's renal halving (XA34) and the PCA demand dose (XB01, XB24, XB33).

The PCA tables here are tiny data of this file's own: their numbers make each boundary obvious
and are not clinical figures. The neuraxial and renal cases read the shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity

TOLERANT = Patient(age=66, weight_kg=60, crcl_ml_min=75, hepatic="none", opioid_tolerant=True)


def _shown(items: list[str], patient: Patient, market: str | None, code: str) -> list[Severity]:
    found = check(Regimen.parse(items), patient, market=market)
    return [f.severity for f in found if f.code == code]


@pytest.mark.parametrize(("item", "market", "expected"), [
    ("morphine 0.5 mg intrathecal once", "jp", []),
    ("morphine 5 mg intrathecal once", "jp", [Severity.WARNING]),
    ("morphine 1 mg intrathecal once", "us", []),
    ("morphine 2 mg intrathecal once", "us", [Severity.WARNING]),
    ("morphine 0.8 mg intrathecal once", None, [Severity.INFO]),  # above JP, within US
    ("morphine 6 mg epidural once", "jp", []),
    ("morphine 10 mg epidural once", "jp", [Severity.WARNING]),
], ids=["jp top", "jp ten-fold", "us top", "us above", "markets disagree", "jp epidural top",
        "jp epidural above"])
def test_a_neuraxial_single_dose_is_judged_by_the_labels_dose(item, market, expected):
    # the Japanese morphine injection insert: intrathecal 0.1-0.5 mg, epidural 2-6 mg a dose;
    # Duramorph (US): intrathecal 0.2-1 mg once (round 50 XA02)
    assert _shown([item], TOLERANT, market, "opioid-above-usual") == expected


@pytest.mark.parametrize(("item", "market", "expected"), [
    ("morphine 6 mg intrathecal once", "jp", Severity.ERROR),
    ("morphine 6 mg intrathecal once", "us", None),
    ("morphine 11 mg intrathecal once", "us", Severity.ERROR),
], ids=["jp beyond ten-fold", "us within ten-fold", "us beyond ten-fold"])
def test_beyond_ten_times_the_labels_intrathecal_dose_is_an_error(item, market, expected):
    shown = _shown([item], TOLERANT, market, "opioid-implausible-dose")
    assert shown == ([] if expected is None else [expected])


@pytest.mark.parametrize(("item", "crcl", "market", "expected"), [
    ("clarithromycin 500 mg po bid", 20, "us", Severity.ERROR),
    ("clarithromycin 250 mg po bid", 20, "us", None),
    ("clarithromycin 500 mg po bid", 30, "us", None),
    ("clarithromycin 500 mg po bid", 20, "au", Severity.WARNING),
], ids=["us halved", "us within", "crcl 30", "borrowed in au"])
def test_clarithromycin_is_halved_below_a_crcl_of_30(item, crcl, market, expected):
    # the US tablets label 2.6: CLcr < 30 mL/min, reduce the dosage by 50%; shipped as half the
    # largest daily dose (1500 mg); borrowed elsewhere as a warning (round 50 XA34)
    found = check(Regimen.parse([item]),
                  Patient(age=75, weight_kg=60, crcl_ml_min=crcl, hepatic="none"), market=market)
    shown = [f.severity for f in found if f.code == "clarithromycin-above-max"]
    assert shown == ([] if expected is None else [expected])
