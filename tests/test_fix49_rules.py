"""A product's label titration step borrowed where the chosen market has none (issue 13, round 49).

The rows are tiny test data, not clinical figures; the percentage step is the shipped
``opioid-titration-step`` (50%).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Knowledge, Patient, Regimen, check
from mpsdose.model.findings import Finding
from tests.checking import header, knowledge_with

TOLERANT = Patient(age=60, weight_kg=70, opioid_tolerant=True)
RANGES_HEADER = header("opioid_dose_ranges", omit=("product", "opioids", "basis"))
PATCH_STEPS = (
    "titration-step,buprenorphine,transdermal,,168,us,,,10,mcg/h,info,Test US label [P],P,\n"
    "titration-step,buprenorphine,transdermal,,168,nz,,,5,mcg/h,info,Test NZ label [P],P,\n")
TABLET_STEP = "titration-step,tapentadol,oral,er,12,us,50,,,,info,Test US tablet label [P],P,\n"


def _knowledge(tmp_path: Path, rows: str) -> Knowledge:
    return knowledge_with(tmp_path, opioid_dose_ranges=(
        RANGES_HEADER + rows + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,\n"))


def _step(k: Knowledge, old: str, new: str, market: str | None) -> list[Finding]:
    found = check(Regimen.parse([new]), TOLERANT, previous=Regimen.parse([old]), knowledge=k,
                  market=market)
    return [f for f in found if f.code == "opioid-titration-step"]


@pytest.mark.parametrize(("market", "old", "new", "severity"), [
    ("au", "5 mcg/h td q7d", "10 mcg/h td q7d", "info"),      # within both labels: borrowed
    ("au", "5 mcg/h td q7d", "15 mcg/h td q7d", "warning"),   # within the US 10, not the NZ 5
    ("us", "5 mcg/h td q7d", "15 mcg/h td q7d", "info"),      # the market's own label allows it
    ("nz", "5 mcg/h td q7d", "15 mcg/h td q7d", "warning"),   # the market's own label does not
    ("au", "5 mcg/h td q96h", "10 mcg/h td q96h", "warning"),  # another wear: not the product
    ("au", "5 mcg/h td", "10 mcg/h td", "info"),              # wear unwritten: every wear's rows
    ("au", "5 mcg/h td", "20 mcg/h td", "warning"),
])
def test_a_label_step_is_borrowed_only_within_every_other_markets_label(tmp_path, market, old,
                                                                       new, severity):
    k = _knowledge(tmp_path, PATCH_STEPS)
    found = _step(k, f"buprenorphine {old}", f"buprenorphine {new}", market)
    assert [f.severity.value for f in found] == [severity]


def test_a_borrowed_step_names_the_labels_it_borrows(tmp_path):
    k = _knowledge(tmp_path, PATCH_STEPS)
    (finding,) = _step(k, "buprenorphine 5 mcg/h td q7d", "buprenorphine 10 mcg/h td q7d", "au")
    assert "borrowed: no AU label increment" in finding.message
    assert "NZ, US labels" in finding.message
    assert "Test NZ label" in finding.source and "Test US label" in finding.source
    # the market's own label is not called borrowed
    (own,) = _step(k, "buprenorphine 5 mcg/h td q7d", "buprenorphine 10 mcg/h td q7d", "nz")
    assert "borrowed" not in own.message and "Test US label" not in own.source


def test_a_market_with_its_own_row_does_not_borrow(tmp_path):
    k = _knowledge(tmp_path, TABLET_STEP + TABLET_STEP.replace(",us,50,", ",uk,25,"))
    rise = ("tapentadol er 50 mg po q12h", "tapentadol er 100 mg po q12h")
    assert [f.severity.value for f in _step(k, *rise, "uk")] == ["warning"]  # its own 25 mg
    assert [f.severity.value for f in _step(k, *rise, "eu")] == ["warning"]  # not within uk 25
    assert [f.severity.value for f in _step(k, *rise, "us")] == ["info"]
    assert [f.severity.value for f in _step(k, *rise, None)] == ["info"]  # any market's label
