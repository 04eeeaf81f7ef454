"""Rules added by fix143144 (issue 13, held-out rounds 143 and 144).

- ``<market>-concentrate-indication`` (``market_rules.csv`` concentrate_indication): a methadone
  oral liquid written as a volume of a concentration at or above the strength the market's labels
  give for opioid addiction only (US: the 10 mg/mL oral concentrate, Methadose/VistaPharm; UK and
  EU: 5 and 10 mg/mL, Misyo and the 5 mg/ml solutions), for a patient not recorded to have
  opioid use disorder, is a warning naming the label; the ordinary 1 and 2 mg/mL solutions, a
  patient recorded with the indication, a dose in mg alone and a market without a row are not.
- ``opioid-titration-step`` for methadone: a rise of one methadone item within a published
  increment in mg (2.5 mg a dose every 8 or 12 hours, the GlobalRPh start protocol) is
  information, whatever its percentage; a larger rise stays a warning.
- ``*-max-not-checked``: a single dose (``once``) says it has no day of its own to judge,
  rather than that a dose is not known.

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
                        "opioid_tolerant": True, **patient})
    before = None if previous is None else [parse_item(t) for t in previous.split(" | ")]
    return check([parse_item(text) for text in items.split(" | ")], person, market=market,
                 previous=before)


def _codes(found: list[Finding], suffix: str) -> list[Finding]:
    return [f for f in found if f.code.endswith(suffix)]


# -- methadone concentrate for another indication ------------------------------------------------

@pytest.mark.parametrize(("items", "market"), [
    ("methadone 2.5 mL of 10 mg/mL po bid", "us"),
    ("methadone 1 mL of 10 mg/mL po q8h", "us"),
    ("methadone 0.5 mL of 10 mg/mL po daily", "us"),
    ("methadone 2 mL of 5 mg/mL po q12h", "uk"),
    ("methadone 1 mL of 10 mg/mL po q8h", "uk"),
    ("methadone 3 mL of 5 mg/mL po q8h", "eu"),
    ("methadone 1 mL of 10 mg/mL po daily", "eu"),
])
def test_a_concentrate_labelled_for_addiction_warns_without_the_indication(
        items: str, market: str) -> None:
    found = _codes(_run(items, market), "concentrate-indication")
    assert [f.code for f in found] == [f"{market}-concentrate-indication"]
    assert found[0].severity is Severity.WARNING
    assert "opioid-use-disorder" in found[0].message
    assert found[0].source


@pytest.mark.parametrize(("items", "market"), [
    ("methadone 2.5 mL of 1 mg/mL po bid", "us"),    # the ordinary solutions
    ("methadone 5 mL of 2 mg/mL po q8h", "us"),
    ("methadone 5 mL of 1 mg/mL po q12h", "uk"),
    ("methadone 2 mL of 2 mg/mL po q8h", "eu"),
    ("methadone 5 mL of 5 mg/mL po q8h", "us"),      # below the US label's 10 mg/mL
    ("methadone 25 mg po bid", "us"),                # no concentration written
    ("methadone 2.5 mL of 10 mg/mL po bid", None),   # no market chosen
    ("methadone 2.5 mL of 10 mg/mL po bid", "jp"),   # a market without a row
])
def test_ordinary_strengths_and_unwritten_concentrations_are_not_judged(
        items: str, market: str | None) -> None:
    assert not _codes(_run(items, market), "concentrate-indication")


@pytest.mark.parametrize("market", ["us", "uk", "eu"])
def test_a_patient_recorded_with_opioid_use_disorder_is_not_warned(market: str) -> None:
    found = _run("methadone 8 mL of 10 mg/mL po daily", market,
                 conditions=frozenset({"opioid-use-disorder"}))
    assert not _codes(found, "concentrate-indication")


# -- methadone's titration step in mg ------------------------------------------------------------

@pytest.mark.parametrize(("before", "after", "market"), [
    ("methadone 2.5 mg po q8h", "methadone 5 mg po q8h", "us"),
    ("methadone 2.5 mg po q12h", "methadone 5 mg po q12h", "us"),
    ("methadone 2.5 mL of 1 mg/mL po q8h", "methadone 5 mL of 1 mg/mL po q8h", "us"),
    ("methadone 2.5 mg po q8h", "methadone 5 mg po q8h", None),
    ("methadone 2.5 mg po q12h", "methadone 5 mg po q12h", "uk"),  # borrowed
])
def test_methadone_raised_within_the_published_2_5_mg_step_is_information(
        before: str, after: str, market: str | None) -> None:
    found = _codes(_run(after, market, previous=before), "opioid-titration-step")
    assert [f.severity for f in found] == [Severity.INFO]
    assert "2.5 mg a dose" in found[0].message
    assert "globalrph" in found[0].source.lower()


@pytest.mark.parametrize(("before", "after"), [
    ("methadone 2.5 mg po q8h", "methadone 7.5 mg po q8h"),     # 5 mg a dose at once
    ("methadone 2.5 mg po q12h", "methadone 10 mg po q12h"),
    ("methadone 2.5 mg po q8h", "methadone 5 mg po q6h"),       # interval not in the protocol
])
def test_methadone_raised_beyond_the_step_stays_a_warning(before: str, after: str) -> None:
    found = _codes(_run(after, "us", previous=before), "opioid-titration-step")
    assert [f.severity for f in found] == [Severity.WARNING]


def test_a_rise_within_50_percent_needs_no_step() -> None:
    assert not _codes(_run("methadone 7.5 mg po q8h", "us", previous="methadone 5 mg po q8h"),
                      "opioid-titration-step")


# -- a single dose's day ------------------------------------------------------------------------

@pytest.mark.parametrize("items", [
    "midazolam 2 mg iv once", "ketamine 25 mg iv once", "ketorolac 30 mg iv once",
    "paracetamol 1 g iv once",
])
def test_a_single_dose_says_it_has_no_day_to_judge(items: str) -> None:
    found = _codes(_run(items), "-max-not-checked")
    assert found
    for finding in found:
        assert "single dose" in finding.message
        assert "no day of its own" in finding.message
        assert "a PRN maximum or a dose is not known" not in finding.message


def test_a_single_dose_beside_a_schedule_gives_the_day_counted_so_far() -> None:
    found = _codes(_run("paracetamol 1 g iv once | paracetamol 500 mg po q6h"), "-max-not-checked")
    assert found
    assert "single dose (1000 mg, once)" in found[0].message
    assert "at least 2000 mg/day" in found[0].message


# A single dose is at least that much in its day: alone above a day's maximum, it is above it (the
# lead, after fix143144 noted "haloperidol 5 mg im once" at 70 said only that the day was not known
# against the 2 mg/day maximum).
@pytest.mark.parametrize(("items", "code"), [
    ("haloperidol 5 mg im once", "haloperidol-above-max"),
    ("ketorolac 90 mg im once", "ketorolac-above-max"),
    ("paracetamol 5 g po once", "acetaminophen-above-max"),
])
def test_a_single_dose_above_a_days_maximum_is_above_it(items: str, code: str) -> None:
    found = [f for f in _run(items, age=70) if f.code == code]
    assert found, items
    assert found[0].severity in (Severity.WARNING, Severity.ERROR)
    assert "the day of a single dose" in found[0].message


@pytest.mark.parametrize("items", ["haloperidol 1 mg im once", "ketorolac 30 mg im once"])
def test_a_single_dose_below_a_days_maximum_still_says_the_day_is_not_known(items: str) -> None:
    found = _run(items, age=70)
    assert not [f for f in found if f.code.endswith("-above-max")], items
    assert [f for f in found if f.code.endswith("-max-not-checked")
            and "no day of its own" in f.message], items


def test_a_single_dose_adds_to_the_day_counted_so_far() -> None:
    # 3 g a day by schedule and a 1.5 g single dose: at least 4.5 g in the day, above 4 g
    found = [f for f in _run("paracetamol 1.5 g iv once | paracetamol 750 mg po q6h")
             if f.code == "acetaminophen-above-max"]
    assert found
    assert "at least 4500 mg/day" in found[0].message
