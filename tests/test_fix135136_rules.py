"""Rules checked or added by fix135136 (issue 13, held-out rounds 135 and 136: brain tumours and
seizures, us/uk/eu; Japanese practice, jp).

- A drug and route whose only maximum rows are another market's is judged, with ``--market``, by
  those rows, as a warning naming the market lent (``_risk_rows_elsewhere``): the chosen market's
  silence is not the drug's. Where the market has a general row of its own, that row judges. This
  was already so; the first run's silence on US Diastat came from the UK Stesolid row, which gives
  a dose maximum (30 mg) and no day, so 20 mg every 6 hours crossed nothing it gives.
- Diazepam by the rectal route in the US (Diastat rectal gel, ``dose_limits.csv``): at most 20 mg
  a dose (the largest system; 0.2 mg/kg from 12 years rounded up to the next strength) and a second
  dose 4-12 hours after the first = 40 mg a day, as warnings (as the Valtoco nasal spray row).
  Other markets with no rectal row of their own borrow it; where the UK Stesolid row allows a dose
  the US row does not, the markets disagree and the dose is information.

Each rule is stated in general (several doses, markets, both sides of each threshold), against
tiny data of the test's own where the rule is the machinery and against the shipped rows where it
is their figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Patient, check, parse_item
from mpsdose.model.findings import Finding, Severity
from tests.checking import header, knowledge_with

ADULT = Patient(age=52, weight_kg=75, crcl_ml_min=95, hepatic="none")


def _run(items: str, market: str | None = None, **kwargs: object) -> list[Finding]:
    return check([parse_item(text) for text in items.split(" | ")], ADULT, market=market,
                 **kwargs)  # type: ignore[arg-type]


def _limit(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code.startswith("diazepam-") and "max" in f.code]


def _raised(found: list[Finding]) -> set[str]:
    return {f.code for f in found if f.severity is not Severity.INFO}


# -- a drug and route whose only rows are another market's: borrowed, said so ---------------------
def _one_market(tmp_path: Path, market: str, *, own: str = "") -> object:
    # the test's own numbers: a rectal diazepam maximum of 10 mg a dose and 20 mg a day, in one
    # market; ``own`` adds a row of the chosen market's own (a dose only, no day)
    rows = (f"diazepam,rectal,,any,,,10,20,,,,{market},error,Test label [P],P,,,,,\n" + own)
    return knowledge_with(tmp_path, dose_limits=header("dose_limits") + rows)


@pytest.mark.parametrize("lender, chosen", [("uk", "us"), ("us", "uk"), ("uk", "jp"),
                                            ("eu", "au")])
@pytest.mark.parametrize("dose, frequency, above", [
    (10, "bid", False),   # 10 mg a dose, 20 mg a day: at both
    (5, "qid", False),
    (15, "once", True),   # the dose above 10 mg
    (10, "q6h", True),    # the day, 40 mg, above 20 mg
    (8, "tid", True),     # 24 mg a day
])
def test_a_route_whose_only_rows_are_another_markets_is_judged_by_them(
        tmp_path, lender, chosen, dose, frequency, above):
    k = _one_market(tmp_path, lender)
    found = _limit(_run(f"diazepam {dose} mg pr {frequency}", chosen, knowledge=k))
    crossed = [f for f in found if "above" in f.code]
    assert bool(crossed) is above, found
    for finding in crossed:
        # an error row lent by another market is a warning, and the finding names both markets
        assert finding.severity is Severity.WARNING
        assert f"{chosen.upper()} sources give no maximum for diazepam by the rectal route" \
            in finding.message
        assert f"{lender.upper()} source" in finding.message
    # in the lending market its own row judges, at its own severity
    own = [f for f in _limit(_run(f"diazepam {dose} mg pr {frequency}", lender, knowledge=k))
           if "above" in f.code]
    assert bool(own) is above and all(f.severity is Severity.ERROR for f in own), own


def test_a_markets_own_general_row_stands_instead_of_anothers(tmp_path):
    # the chosen market's own row gives a dose of 30 mg and no day: the other market's day is not
    # borrowed for it (a market's rows are its labels), and its dose maximum judges alone
    k = _one_market(tmp_path, "us",
                    own="diazepam,rectal,,any,,,30,,,,,uk,warning,Test label UK [P],P,,,,,\n")
    assert not _limit(_run("diazepam 20 mg pr q6h", "uk", knowledge=k))
    over = _limit(_run("diazepam 40 mg pr once", "uk", knowledge=k))
    assert {f.code for f in over if f.severity is Severity.WARNING} == {
        "diazepam-single-dose-above-max"}
    assert all("UK source" in f.message for f in over if "above" in f.code)


# -- the US Diastat label: 20 mg a dose, two doses a day -----------------------------------------
@pytest.mark.parametrize("items", [
    "diastat 20 mg pr once",
    "diastat 20 mg pr bid",                          # a second dose: 40 mg, at the day
    "diastat 15 mg pr q12h",
    "diastat 10 mg pr q4h prn max 2/day",
    "diazepam 17.5 mg pr q12h prn max 2/day",
])
@pytest.mark.parametrize("market", ["us", "jp", "au"])
def test_rectal_diazepam_within_the_diastat_label_raises_nothing(items, market):
    found = _run(items, market)
    assert not {c for c in _raised(found) if c.startswith("diazepam-")}, found


@pytest.mark.parametrize("items, day", [
    ("diastat 20 mg pr q6h prn max 4/day", 80),
    ("diastat 15 mg pr tid", 45),
    ("diastat 10 mg pr q4h", 60),
    ("diazepam 12.5 mg pr q6h", 50),
])
@pytest.mark.parametrize("market", ["us", "jp"])
def test_more_than_two_rectal_doses_of_20_mg_a_day_is_a_warning(items, day, market):
    crossed = [f for f in _limit(_run(items, market)) if f.code == "diazepam-above-max"]
    assert [f.severity for f in crossed] == [Severity.WARNING], crossed
    assert f"{day} mg/day" in crossed[0].message and "40 mg/day" in crossed[0].message
    assert "US source" in crossed[0].message


@pytest.mark.parametrize("dose, market, severity", [
    (25, "us", Severity.WARNING),   # above the largest Diastat system
    (30, "us", Severity.WARNING),
    (25, "jp", Severity.INFO),      # borrowed: the UK Stesolid 30 mg allows it, labels disagree
    (35, "jp", Severity.WARNING),   # above both
    (20, "us", None),
])
def test_a_rectal_diazepam_dose_above_20_mg_in_the_us(dose, market, severity):
    crossed = [f for f in _limit(_run(f"diastat {dose} mg pr once", market))
               if f.code == "diazepam-single-dose-above-max"]
    assert [f.severity for f in crossed] == ([] if severity is None else [severity]), crossed


def test_the_uk_stesolid_row_still_judges_rectal_diazepam_in_the_uk():
    # the UK's own row (30 mg a dose, no day) judges there; the US day is not borrowed for it
    assert not _raised(_run("diazepam 20 mg pr bid", "uk"))
    over = [f for f in _limit(_run("diazepam 40 mg pr once", "uk")) if "above" in f.code]
    assert [(f.code, f.severity) for f in over] == [
        ("diazepam-single-dose-above-max", Severity.WARNING)]
    assert "30 mg" in over[0].message


# -- an as-needed dose with no maximum a day: the day's total is not known, not "at least 0" ------
@pytest.mark.parametrize("text", ["diastat 15 mg pr once prn", "diastat 10 mg pr prn"])
def test_a_lone_as_needed_dose_says_its_day_is_not_known(text):
    shown = [f for f in check([parse_item(text)], ADULT, market="us")
             if f.code == "diazepam-max-not-checked"]
    assert len(shown) == 1 and "day's total is not known" in shown[0].message
    assert "at least 0" not in shown[0].message


def test_a_counted_day_below_the_maximum_still_says_its_least_total():
    shown = [f for f in check([parse_item("diastat 10 mg pr daily"), parse_item(
        "diastat 10 mg pr prn")], ADULT, market="us") if f.code == "diazepam-max-not-checked"]
    assert len(shown) == 1 and "at least 10 mg/day" in shown[0].message
