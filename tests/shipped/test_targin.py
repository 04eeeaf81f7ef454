"""Oxycodone/naloxone prolonged-release tablets (Targin, Targinact, Targiniq) in the shipped data.

Numbers typed from the sources the rows cite: the Targinact SmPC 4.2 ('The maximum daily dose of
these tablets is 160 mg oxycodone hydrochloride and 80 mg naloxone hydrochloride'), MIMS Targin
('Max: 160 mg/80 mg daily'); the OME of oxycodone by mouth (CDC 2022: 1.5).
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check, oral_morphine_equivalent
from mpsdose.model.findings import Severity

TOLERANT = Patient(age=70, weight_kg=60, crcl_ml_min=80, hepatic="none", opioid_tolerant=True)


@pytest.mark.parametrize("text", ["oxycodone/naloxone 10/5 mg po q12h", "targin 10/5 mg po q12h",
                                  "Targinact 10/5 mg po q12h", "targiniq 10/5 mg po q12h"])
def test_the_product_reads_as_oxycodone_and_naloxone_by_mouth(text):
    item = Regimen.parse([text]).items[0]
    assert [(i.drug.name, i.dose.value) for i in item.ingredients] == [
        ("oxycodone", 10.0), ("naloxone", 5.0)]
    # CDC 2022: oxycodone 1.5 mg OME per mg; 20 mg/day -> 30 mg OME/day, the naloxone adds none
    assert oral_morphine_equivalent(Regimen.parse([text]), "cdc2022").scheduled.value == 30.0


def test_a_strength_the_brand_is_not_sold_in_is_refused():
    with pytest.raises(ValueError, match="not marketed as 90/45"):
        Regimen.parse(["targinact 90/45 mg po q12h"])


def test_above_the_labels_day_is_flagged_and_at_it_is_not():
    above = {f.code: f for f in check(Regimen.parse(["oxycodone/naloxone 90/45 mg po q12h"]),
                                      TOLERANT)}
    assert "80 mg/day" in above["naloxone-above-max"].message
    assert "Targinact" in above["naloxone-above-max"].source
    at = {f.code: f for f in check(Regimen.parse(["targin 80/40 mg po q12h"]), TOLERANT)}
    assert "naloxone-above-max" not in at
    assert at["naloxone-at-max"].severity is Severity.INFO  # at the label's day, said as such


def test_by_mouth_naloxone_is_no_reversal_dose_and_the_injection_is_unchanged():
    oral = {f.code for f in check(Regimen.parse(["targin 40/20 mg po q12h"]), TOLERANT)}
    assert "naloxone-single-dose-above-max" not in oral  # 20 mg is far above the 2 mg IV bolus
    iv = {f.code: f for f in check(Regimen.parse(["naloxone 0.4 mg iv prn"]), TOLERANT)}
    assert "naloxone-single-dose-above-max" in iv  # the long-term-opioid alert's 0.2 mg
    assert "naloxone-single-dose-above-max" not in {
        f.code for f in check(Regimen.parse(["naloxone 0.4 mg iv prn"]),
                              Patient(age=70, weight_kg=60, opioid_tolerant=False))}
