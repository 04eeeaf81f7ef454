"""The rule families the nineteenth held-out round of issue 13 changed, each on tiny data of its
own (a folder over the shipped data, ``Knowledge.load(tmp_path)``):

- a switch to a buprenorphine patch no stronger than the labels' tables give for the previous
  oral morphine equivalent is information, the chosen market's own table where it has one;
- a parenteral rescue of a patch's own drug is a share of the drug the patch delivers, in the
  drug's own amount, where the patch's ``patch_systemic_fraction`` rule says what that is;
- a dose-tiered opioid (methadone) alone is judged by its own usual day in mg, not in OME;
  beside another scheduled opioid it stays in the OME sum.

The numbers in the tiny files are this file's own, chosen to make each boundary obvious; they
are not clinical figures.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mpsdose import Knowledge
from mpsdose.model.findings import Finding, Severity
from tests.checking import found as _found
from tests.checking import header
from tests.checking import knowledge_with as _knowledge

PATCH_HEADER = header("patch_conversion")
MARKET_HEADER = header("market_rules")
RANGES_HEADER = header("opioid_dose_ranges", omit=("product", "opioids", "basis"))


def _of(found: list[Finding], code: str) -> list[Finding]:
    return [f for f in found if f.code == code]


# -- a switch to a buprenorphine patch by the labels' tables --------------------------------------
# table-us: 5 mcg/h below 30 mg/day, 20 below 80 (the test's own numbers); table-uk: 5 whatever
US_TABLE = ('table-us,buprenorphine,to_patch,morphine,oral,"[0, 30)",mg/day,5,Test US label [P],P,\n'
            'table-us,buprenorphine,to_patch,morphine,oral,"[30, 80]",mg/day,20,Test US label [P],'
            'P,\n')
UK_TABLE = 'table-uk,buprenorphine,to_patch,morphine,oral,"[0, )",mg/day,5,Test UK SmPC [P],P,\n'
MARKETS = MARKET_HEADER + (
    "us,patch_table,buprenorphine,transdermal,,168,any,,,,,,,table-us,info,Test US,"
    "the US table,Test US label [P],P,\n"
    "uk,patch_table,buprenorphine,transdermal,,168,any,,,,,,,table-uk,info,Test UK,"
    "the UK start,Test UK SmPC [P],P,\n")


def _buprenorphine(tmp_path: Path) -> Knowledge:
    return _knowledge(tmp_path, patch_conversion=PATCH_HEADER + US_TABLE + UK_TABLE,
                      market_rules=MARKETS)


def _switch(found: list[Finding]) -> list[Finding]:
    return _of(found, "equianalgesic-switch")


def test_a_buprenorphine_patch_the_tables_give_is_information(tmp_path):
    k = _buprenorphine(tmp_path)
    # morphine 10 mg/day to 5 mcg/h (12 mg OME by SPCG's 2.4): unreduced in equivalents
    found = _found(["buprenorphine 5 mcg/h td q7d"], previous=["morphine 5 mg po bid"],
                   knowledge=k)
    switch = _switch(found)
    assert [f.severity for f in switch] == [Severity.INFO]
    assert "table-us" in switch[0].message and "table-uk" in switch[0].message
    assert "oral morphine equivalent, 10 mg/day" in switch[0].message
    assert "Test US label [P]" in switch[0].source


def test_a_buprenorphine_patch_above_the_tables_keeps_its_warning_naming_their_rate(tmp_path):
    k = _buprenorphine(tmp_path)
    # morphine 20 mg/day to 10 mcg/h (24 mg OME): both tables give 5 mcg/h below 30 mg/day
    found = _found(["buprenorphine 10 mcg/h td q7d"], previous=["morphine 10 mg po bid"],
                   knowledge=k)
    switch = _switch(found)
    assert [f.severity for f in switch] == [Severity.WARNING]
    assert "is also above the 5 mcg/h" in switch[0].message


@pytest.mark.parametrize(("market", "expected"), [
    ("us", Severity.INFO),  # its own table gives 20 mcg/h for 40 mg/day
    ("uk", Severity.WARNING),  # its own SmPC starts at 5 mcg/h
    ("eu", Severity.WARNING),  # no table of its own: the most cautious of both
    (None, Severity.WARNING),
])
def test_the_chosen_markets_own_patch_table_judges(tmp_path, market, expected):
    k = _buprenorphine(tmp_path)
    # morphine 40 mg/day to 20 mcg/h (48 mg OME by SPCG): unreduced in equivalents
    found = _found(["buprenorphine 20 mcg/h td q7d"], previous=["morphine 20 mg po bid"],
                   knowledge=k, market=market)
    assert [f.severity for f in _switch(found)] == [expected]


def test_a_fentanyl_patch_is_not_judged_by_a_buprenorphine_table(tmp_path):
    k = _buprenorphine(tmp_path)
    found = _found(["fentanyl 12 mcg/h td q72h"], previous=["morphine 10 mg po bid"],
                   knowledge=k, market="uk")
    assert Severity.INFO not in [f.severity for f in _switch(found)]


# -- a 96-hour patch's own table (fix9798): for its wear only, at each of its wears -------------
# table-4d: 35 mcg/h below 120 mg/day, 52.5 from 120 (the test's own numbers), for a patch worn
# 96 hours or changed twice a week (84 hours); table-uk (7 days) gives 5 mcg/h whatever
FOUR_DAY = ('table-4d,buprenorphine,to_patch,morphine,oral,"[0, 120)",mg/day,35,Test 4-day SmPC'
            ' [P],P,\n'
            'table-4d,buprenorphine,to_patch,morphine,oral,"[120, )",mg/day,52.5,Test 4-day SmPC'
            ' [P],P,\n')
FOUR_DAY_MARKETS = MARKETS + "".join(
    f"{market},patch_table,buprenorphine,transdermal,,{wear},any,,,,,,,table-4d,info,Test 4-day,"
    "the 4-day start,Test 4-day SmPC [P],P,\n" for market in ("uk", "eu") for wear in (96, 84))


@pytest.mark.parametrize(("patch", "market", "expected"), [
    ("buprenorphine 35 mcg/h td q96h", "eu", Severity.INFO),  # the 4-day table's 35 mcg/h
    ("buprenorphine 35 mcg/h td q84h", "eu", Severity.INFO),  # its twice-weekly wear too
    ("buprenorphine 35 mcg/h td q96h", "uk", Severity.INFO),  # not the UK's 7-day table
    ("buprenorphine 52.5 mcg/h td q96h", "eu", Severity.WARNING),  # above 35 below 120 mg/day
    ("buprenorphine 35 mcg/h td q72h", "eu", Severity.WARNING),  # a wear no table is for
], ids=["96h eu", "84h eu", "96h uk", "52.5 eu", "72h eu"])
def test_a_four_day_patch_is_judged_by_its_own_table_at_each_of_its_wears(tmp_path, patch,
                                                                          market, expected):
    k = _knowledge(tmp_path, patch_conversion=PATCH_HEADER + US_TABLE + UK_TABLE + FOUR_DAY,
                   market_rules=FOUR_DAY_MARKETS)
    # morphine 60 mg/day to 35 mcg/h (84 mg OME by SPCG's 2.4): unreduced in equivalents
    switch = _switch(_found([patch], previous=["morphine 30 mg po bid"], knowledge=k,
                            market=market))
    assert [f.severity for f in switch] == [expected]
    if expected is Severity.INFO:
        assert "table-4d" in switch[0].message and "table-uk" not in switch[0].message


def test_a_four_day_table_gives_its_next_strength_from_its_band(tmp_path):
    k = _knowledge(tmp_path, patch_conversion=PATCH_HEADER + US_TABLE + UK_TABLE + FOUR_DAY,
                   market_rules=FOUR_DAY_MARKETS)
    # morphine 120 mg/day to 52.5 mcg/h (126 mg OME): the table's 52.5 from 120 mg/day
    switch = _switch(_found(["buprenorphine 52.5 mcg/h td q96h"], previous=["morphine 60 mg po bid"],
                            knowledge=k, market="eu"))
    assert [f.severity for f in switch] == [Severity.INFO]
    assert "52.5 mcg/h" in switch[0].message


# -- a parenteral rescue of the patch's own drug -------------------------------------------------
SHIPPED_RULES = Path(__file__).parents[1] / "data" / "rotation_rules.csv"


def _rules(tmp_path: Path, fraction: str | None) -> Knowledge:
    """The shipped rotation rules with the fentanyl patch's delivered share set (or removed)."""
    with SHIPPED_RULES.open(newline="", encoding="utf-8") as f:
        rows = [row for row in csv.reader(f) if row[0] != "patch_systemic_fraction"]
    if fraction is not None:
        rows.append(["patch_systemic_fraction", "fentanyl", fraction, "", "", "fraction", "",
                     "Test patch label [P]", "P", "", ""])
    tmp_path.mkdir(parents=True, exist_ok=True)
    with (tmp_path / "rotation_rules.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return Knowledge.load(tmp_path)


PATCH_AND_SC = ["fentanyl 25 mcg/h td q72h", "fentanyl 100 mcg sc q1h prn max 4/day"]


def test_an_sc_rescue_of_the_patch_drug_is_read_in_its_own_amount(tmp_path):
    k = _rules(tmp_path, "1")
    found = _of(_found(PATCH_AND_SC, knowledge=k, market="au"), "rescue-share")
    # 100 micrograms of the 600 the patch delivers a day: 1/6, within 10-20%
    assert [f.severity for f in found if f.severity is not Severity.INFO] == []
    larger = _of(_found(["fentanyl 25 mcg/h td q72h", "fentanyl 250 mcg sc q1h prn max 4/day"],
                        knowledge=k, market="au"), "rescue-share")
    assert [f.severity for f in larger] == [Severity.WARNING]
    assert "41.7%" in larger[0].message and "in its own amount" in larger[0].message
    assert "Test patch label [P]" in larger[0].source


def test_the_patch_rule_decides_the_amount(tmp_path):
    # a patch whose label delivered half its rate: 100 micrograms is a third of the day
    half = _of(_found(PATCH_AND_SC, knowledge=_rules(tmp_path / "half", "0.5"), market="au"),
               "rescue-share")
    assert [f.severity for f in half] == [Severity.WARNING]
    assert "33.3%" in half[0].message
    # no rule: the conversion tables read the share as before, in oral morphine equivalents
    none = _of(_found(PATCH_AND_SC, knowledge=_rules(tmp_path / "none", None), market="au"),
               "rescue-share")
    assert all("in its own amount" not in f.message for f in none)
    assert any("oral morphine equivalent" in f.message for f in none)


def test_another_drug_or_route_beside_the_patch_is_read_in_equivalents(tmp_path):
    k = _rules(tmp_path, "1")
    for items in (["fentanyl 25 mcg/h td q72h", "morphine 5 mg sc q1h prn max 4/day"],
                  ["fentanyl 25 mcg/h td q72h", "morphine er 10 mg po q12h",
                   "fentanyl 100 mcg sc q1h prn max 4/day"]):
        for f in _of(_found(items, knowledge=k, market="au"), "rescue-share"):
            assert "in its own amount" not in f.message, items


# -- methadone's usual day in its own mg ---------------------------------------------------------
RANGES = RANGES_HEADER + (
    "usual,,,,,,,,300,,warning,Test usual OME day [P],P,\n"
    "plausible,,,,,,,,3000,,error,mpsdose convention: test ceiling; ISMP,P,\n")
METHADONE_DAY = "usual,methadone,oral,,,,,,100,,warning,Test methadone day [P],P,\n"


def _above(found: list[Finding]) -> list[Finding]:
    return [f for f in _of(found, "opioid-above-usual") if f.severity is not Severity.INFO]


def test_methadone_alone_is_judged_by_its_own_day_not_in_ome(tmp_path):
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES + METHADONE_DAY)
    # 80 mg/day is 376 mg OME by the CDC's 4.7, above 300; its own day allows it
    assert _above(_found(["methadone 80 mg po daily"], knowledge=k)) == []
    above = _above(_found(["methadone 150 mg po daily"], knowledge=k))
    assert len(above) == 1
    assert "100 mg/day" in above[0].message and above[0].source == "Test methadone day [P]"


def test_without_its_own_day_methadone_is_judged_in_ome(tmp_path):
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES)
    above = _above(_found(["methadone 80 mg po daily"], knowledge=k))
    assert len(above) == 1 and "300 mg OME/day" in above[0].message


def test_beside_another_scheduled_opioid_methadone_stays_in_the_ome_sum(tmp_path):
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES + METHADONE_DAY)
    above = _above(_found(["methadone 80 mg po daily", "morphine er 100 mg po q12h"],
                          knowledge=k))
    assert len(above) == 1
    assert "methadone 80 mg po daily" in above[0].message and "300 mg OME/day" in above[0].message


def test_as_needed_methadone_is_not_held_to_the_maintenance_day(tmp_path):
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES + METHADONE_DAY)
    # the Morley-Makin switch: 20 mg as needed, up to 8 doses a day, is no maintenance day
    assert _above(_found(["methadone 20 mg po q3h prn"], previous=["morphine er 100 mg po q12h"],
                         knowledge=k)) == []


def test_a_ten_fold_methadone_day_is_still_an_implausible_dose(tmp_path):
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES + METHADONE_DAY)
    found = _found(["methadone 800 mg po daily"], knowledge=k)
    assert Severity.ERROR in [f.severity for f in _of(found, "opioid-implausible-dose")]


def test_a_seven_day_patch_table_does_not_judge_a_four_day_patch(tmp_path):
    # fix49: the tables' market rules are for a 7-day patch (interval 168 h); a patch worn 4 days
    # (Transtec) is not read by them, in any market, so no 7-day table's rate is quoted for it
    k = _buprenorphine(tmp_path)
    for market in ("uk", "us", "eu", None):
        found = _found(["buprenorphine 5 mcg/h td q96h"], previous=["morphine 5 mg po bid"],
                       knowledge=k, market=market)
        switch = _switch(found)
        assert [f.severity for f in switch] == [Severity.WARNING], market
        assert "table-us" not in switch[0].message and "table-uk" not in switch[0].message
    seven = _switch(_found(["buprenorphine 5 mcg/h td q7d"], previous=["morphine 5 mg po bid"],
                           knowledge=k, market="eu"))
    assert [f.severity for f in seven] == [Severity.INFO]  # the same patch worn 7 days
