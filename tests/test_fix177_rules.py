"""Issue 13, held-out round 177 (fix177): neuraxial analgesia in cancer pain.

- An epidural fentanyl or sufentanil rate above the start of the postoperative series in an
  opioid-naive patient warns ``opioid-naive-start`` (``opioid_dose_ranges.csv`` naive-start rows:
  fentanyl 50 micrograms/h, Fischer 1988; sufentanil 10 micrograms/h, Broekema 1996). The US row
  (fentanyl) and the EU row (sufentanil) are borrowed by the other markets, which ship none. A
  rate at or below the start, and an opioid-tolerant patient (no sourced top for tolerant cancer
  patients), are not judged by these rows.
- A neuraxial start beside a reduced systemic day of the same opioid judges the part moved: the
  old day less what stays by the old route, against the neuraxial day, at the most lenient
  reading of the route ratios (oral to parenteral 2:1, each neuraxial step 10:1). Within it the
  route change is quiet; above it a warning; a neuraxial day added on top of an unchanged
  systemic day still warns as before.
These tests read the shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity


def _codes(items: list[str], market: str | None, *, tolerant: bool,
           previous: list[str] | None = None) -> dict[str, list[Severity]]:
    patient = Patient(age=63, weight_kg=70, crcl_ml_min=85, hepatic="none",
                      opioid_tolerant=tolerant)
    shown: dict[str, list[Severity]] = {}
    before = Regimen.parse(previous) if previous is not None else None
    for f in check(Regimen.parse(items), patient, previous=before, market=market):
        shown.setdefault(f.code, []).append(f.severity)
    return shown


@pytest.mark.parametrize("item", ["fentanyl 75 mcg/h epidural continuous",
                                  "fentanyl 100 mcg/h epidural continuous",
                                  "sufentanil 15 mcg/h epidural continuous",
                                  "sufentanil 30 mcg/h epidural continuous"])
@pytest.mark.parametrize("market", ["us", "uk", "eu", None])
def test_an_epidural_fentanyl_or_sufentanil_rate_above_the_naive_start_warns(item, market):
    assert Severity.WARNING in _codes([item], market, tolerant=False).get(
        "opioid-naive-start", [])


@pytest.mark.parametrize("item", ["fentanyl 25 mcg/h epidural continuous",
                                  "fentanyl 50 mcg/h epidural continuous",
                                  "sufentanil 6 mcg/h epidural continuous",
                                  "sufentanil 10 mcg/h epidural continuous"])
@pytest.mark.parametrize("market", ["us", "uk", "eu"])
def test_an_epidural_rate_within_the_naive_start_is_quiet(item, market):
    assert "opioid-naive-start" not in _codes([item], market, tolerant=False)


@pytest.mark.parametrize("item", ["fentanyl 75 mcg/h epidural continuous",
                                  "sufentanil 20 mcg/h epidural continuous"])
def test_an_opioid_tolerant_patient_is_not_judged_by_the_naive_start(item):
    assert "opioid-naive-start" not in _codes([item], "eu", tolerant=True)


@pytest.mark.parametrize(("kept", "old", "neuraxial", "market"), [
    ("mst continus 30 mg po q12h", "mst continus 60 mg po q12h",
     "morphine 1.5 mg/day epidural continuous", "uk"),       # 60 moved: up to 3 epidural
    ("mst continus 30 mg po q12h", "mst continus 60 mg po q12h",
     "morphine 3 mg/day epidural continuous", "uk"),
    ("morphine 45 mg po q12h", "morphine 90 mg po q12h",
     "morphine 0.4 mg/day intrathecal continuous", "us"),    # 90 moved: up to 0.45 intrathecal
])
def test_a_neuraxial_start_within_the_ratio_of_the_part_moved_is_quiet(kept, old, neuraxial,
                                                                        market):
    assert "opioid-route-change" not in _codes([kept, neuraxial], market, tolerant=True,
                                               previous=[old])


@pytest.mark.parametrize(("kept", "old", "neuraxial", "market"), [
    ("mst continus 30 mg po q12h", "mst continus 60 mg po q12h",
     "morphine 4 mg/day epidural continuous", "uk"),
    ("mst continus 30 mg po q12h", "mst continus 60 mg po q12h",
     "morphine 30 mg/day epidural continuous", "eu"),
    ("morphine 45 mg po q12h", "morphine 90 mg po q12h",
     "morphine 1 mg/day intrathecal continuous", "us"),
])
def test_a_neuraxial_start_above_the_ratio_of_the_part_moved_warns(kept, old, neuraxial, market):
    assert Severity.WARNING in _codes([kept, neuraxial], market, tolerant=True,
                                      previous=[old]).get("opioid-route-change", [])


@pytest.mark.parametrize("neuraxial", ["morphine 5 mg/day epidural continuous",
                                       "morphine 0.5 mg/day intrathecal continuous"])
def test_a_neuraxial_day_added_to_an_unchanged_systemic_day_still_warns(neuraxial):
    found = _codes(["morphine 60 mg po q12h", neuraxial], "us", tolerant=True,
                   previous=["morphine 60 mg po q12h"])
    assert Severity.WARNING in found.get("opioid-route-change", [])
