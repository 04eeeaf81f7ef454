"""Rules added by fix141142 (issue 13, held-out rounds 141 and 142).

- ``antipsychotic-duplication``: two antipsychotics given regularly together are a duplicate drug
  class (eTG Psychotropic, 'Principles of antipsychotic use': one antipsychotic at a time unless
  switching; WHO mhGAP; STOPP v3 A3), a warning; an as-needed item is not counted (STOPP: regular
  use as distinct from PRN; eTG palliative care prescribes as-required haloperidol beside a
  regular antipsychotic); a reduction of the old one as the new one starts is a cross-taper, info.
- ``opioid-above-usual``: the regimen's scheduled day above the West Midlands guide's 300 mg
  OME/day stays a warning in every care setting; with a market other than the UK the finding
  says the threshold is borrowed.
- ``opioid-implausible-dose``: a rescue beside a scheduled opioid is judged for plausibility at a
  usual day's as-needed doses (``usual-palliative-range``: 3, eTG), not an hourly order at its
  theoretical 24; its single dose is still judged, and a ten-fold rescue is still flagged.

Each rule is stated in general (several doses, markets and settings, both sides of each
threshold), not as copies of the held-out rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, check, parse_item
from mpsdose.model.findings import Finding, Severity


def _run(items: str, market: str | None = None, previous: str | None = None,
         **patient: object) -> list[Finding]:
    person = Patient(**{"age": 60, "weight_kg": 70, "crcl_ml_min": 90,  # type: ignore[arg-type]
                        **patient})
    before = None if previous is None else [parse_item(t) for t in previous.split(" | ")]
    return check([parse_item(text) for text in items.split(" | ")], person, market=market,
                 previous=before)


def _of(found: list[Finding], code: str) -> list[Finding]:
    return [f for f in found if f.code == code]


# -- antipsychotic duplication --------------------------------------------------------------------
@pytest.mark.parametrize(("items", "market"), [
    ("olanzapine 10 mg po at night | levomepromazine 25 mg po at night", "uk"),
    ("haloperidol 1.5 mg po bid | olanzapine 5 mg po daily", "au"),
    ("quetiapine 25 mg po bid | risperidone 1 mg po daily", "us"),
    ("haloperidol 2.5 mg/day sc continuous | levomepromazine 12.5 mg/day sc continuous", "nz"),
    ("risperidone 0.5 mg po bid | haloperidol 0.5 mg po at night", None),
], ids=lambda v: str(v))
def test_two_regular_antipsychotics_are_a_duplication_warning(items, market):
    found = _of(_run(items, market), "antipsychotic-duplication")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "eTG" in found[0].source and "STOPP" in found[0].source


@pytest.mark.parametrize(("items", "market"), [
    ("olanzapine 10 mg po at night | haloperidol 1 mg po q4h prn", "uk"),       # PRN antiemetic
    ("olanzapine 5 mg po daily | haloperidol 0.5 mg sc q2h prn", "au"),
    ("levomepromazine 6.25 mg po at night | haloperidol 1.5 mg sc prn", "nz"),
    ("olanzapine 10 mg po at night", "uk"),                                     # one alone
    ("haloperidol 1.5 mg po at night | metoclopramide 10 mg po tid", "uk"),     # not a class pair
], ids=lambda v: str(v))
def test_an_as_needed_antipsychotic_beside_a_regular_one_is_not_a_duplication(items, market):
    assert not _of(_run(items, market), "antipsychotic-duplication")


def test_a_reduced_old_antipsychotic_as_a_new_one_starts_is_a_cross_taper():
    found = _of(_run("olanzapine 5 mg po at night | haloperidol 1.5 mg po at night", "uk",
                     previous="olanzapine 10 mg po at night"), "antipsychotic-duplication")
    assert [f.severity for f in found] == [Severity.INFO]
    assert "cross-taper" in found[0].message
    kept = _of(_run("olanzapine 10 mg po at night | haloperidol 1.5 mg po at night", "uk",
                    previous="olanzapine 10 mg po at night"), "antipsychotic-duplication")
    assert [f.severity for f in kept] == [Severity.WARNING]
    assert "not a cross-taper" in kept[0].message


# -- the usual OME day: a warning in every setting, naming a borrowed threshold -------------------
@pytest.mark.parametrize(("items", "market"), [
    ("morphine 300 mg/day sc continuous", "au"),              # 600 mg OME
    ("oxycontin 160 mg po q12h", "nz"),                        # 480-640 mg OME
    ("ms contin 200 mg po q12h", "uk"),                        # 400 mg OME
], ids=lambda v: str(v))
@pytest.mark.parametrize("setting", ["palliative", "hospice", "end-of-life", "community",
                                     "hospital", None])
def test_a_day_above_300_mg_ome_is_a_warning_in_every_setting(items, market, setting):
    # the step-down in specialist palliative care was measured and not kept: a scheduled day
    # alone cannot tell a long-titrated day from a ten-fold slip of a syringe driver
    found = _of(_run(items, market, opioid_tolerant=True, setting=setting), "opioid-above-usual")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "West Midlands" in found[0].source


@pytest.mark.parametrize("setting", ["hospice", "community"])
def test_a_day_at_or_below_300_mg_ome_raises_nothing_in_any_setting(setting):
    found = _run("ms contin 150 mg po q12h", "uk", opioid_tolerant=True, setting=setting)
    assert not _of(found, "opioid-above-usual")


@pytest.mark.parametrize(("market", "borrowed"), [
    ("au", True), ("nz", True), ("jp", True), ("us", True), ("uk", False), (None, False),
])
def test_the_usual_day_says_when_the_uk_threshold_is_borrowed(market, borrowed):
    found = _of(_run("ms contin 200 mg po q12h", market, opioid_tolerant=True,
                     setting="community"), "opioid-above-usual")
    assert len(found) == 1
    assert ("borrowed" in found[0].message) is borrowed


# -- a rescue's plausibility beside a scheduled opioid --------------------------------------------
@pytest.mark.parametrize(("items", "market"), [
    ("morphine 600 mg/day sc continuous | morphine 100 mg sc q1h prn", "au"),
    ("oxycodone 300 mg/day sc continuous | oxycodone 50 mg sc q1h prn", "nz"),
    ("ms contin 600 mg po q12h | morphine 200 mg po q1h prn", "uk"),
], ids=lambda v: str(v))
def test_an_hourly_sixth_rescue_beside_a_high_schedule_is_not_implausible(items, market):
    found = _run(items, market, opioid_tolerant=True, setting="community")
    assert not _of(found, "opioid-implausible-dose")


@pytest.mark.parametrize(("items", "market"), [
    ("morphine 60 mg/day sc continuous | morphine 1000 mg sc q1h prn", "au"),   # ten-fold rescue
    ("ms contin 60 mg po q12h | morphine 2000 mg po q4h prn", "uk"),
    ("oxycodone 60 mg/day sc continuous | oxycodone 600 mg sc q2h prn", "nz"),
], ids=lambda v: str(v))
def test_a_rescue_beyond_the_per_dose_ceiling_is_still_implausible(items, market):
    found = _run(items, market, opioid_tolerant=True)
    assert [f.severity for f in _of(found, "opioid-implausible-dose")] == [Severity.ERROR]


@pytest.mark.parametrize(("items", "market"), [
    ("morphine 30 mg/day sc continuous | morphine 50 mg sc q1h prn", "au"),     # 5 mg written 50
    ("ms contin 30 mg po q12h | morphine 100 mg po q4h prn", "uk"),
], ids=lambda v: str(v))
def test_a_ten_fold_rescue_of_a_small_schedule_is_still_flagged_by_its_share(items, market):
    found = _run(items, market, opioid_tolerant=True)
    assert any(f.severity is Severity.WARNING for f in _of(found, "rescue-share"))


def test_an_hourly_rescue_with_nothing_scheduled_is_still_judged_at_its_maximum():
    found = _run("morphine 100 mg sc q1h prn", "au", opioid_tolerant=True)
    assert [f.severity for f in _of(found, "opioid-implausible-dose")] == [Severity.ERROR]


@pytest.mark.parametrize(("rescue", "implausible"), [
    (100, False), (120, False),           # 1/6 and 1/5 of 600 mg/day SC: within 10-20%
    (130, True), (200, True),             # above every source's share for morphine: max a day
], ids=lambda v: str(v))
def test_only_a_rescue_within_the_published_share_is_read_at_a_usual_day(rescue, implausible):
    found = _run(f"morphine 600 mg/day sc continuous | morphine {rescue} mg sc q1h prn", "au",
                 opioid_tolerant=True, setting="community")
    assert bool(_of(found, "opioid-implausible-dose")) is implausible
