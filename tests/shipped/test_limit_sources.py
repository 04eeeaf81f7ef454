"""Every limit in ``data/dose_limits.csv`` against an independent second reading of its source.

``tests/data/dose_limits_check.csv`` was written by a second reader who looked each number up
again in the cited label or guideline without the first transcription's notes (double entry, as a
pharmacy checks a transcription). This test fails when a shipped limit no longer matches what the
second reading found, or when a limit has no second reading at all.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
FIELDS = ("max_single_mg", "max_single_mg_per_kg", "max_daily_mg", "max_daily_mg_per_kg", "max_days")
IDENTITY = ("drug", "route", "release", "condition", "condition_band", "condition_value")

#: Second readings that differ, each with why the shipped value stands.
KNOWN_DIFFERENCES = {
    # celecoxib label: acute pain day 1 allows 400 mg then 200 mg (600 mg); from day 2 and for
    # arthritis the maximum is 400 mg/day, the limit shipped (day 1 is in the row's notes).
    ("celecoxib", "max_daily_mg"): "day-1 acute pain allowance",
    # aspirin OTC: the shipped row reads the 325 mg tablets' directions (2 tablets = 650 mg a dose,
    # 12 tablets = 3,900 mg a day); the second reading is of the 81 mg tablets' (8 = 648 mg,
    # 48 = 3,888 mg a day), the same directions in another strength.
    ("aspirin", "max_single_mg"): "81 mg vs 325 mg tablet directions",
    ("aspirin", "max_daily_mg"): "81 mg vs 325 mg tablet directions",
    # clonazepam IV: the Irish SmPC's 20 mg total and the German label's about 13 mg a day
    # disagree; both rows are shipped (the German one as a warning), each read against the other.
    ("clonazepam", "max_daily_mg"): "Irish and German labels disagree (20 vs 13 mg)",
    # desvenlafaxine: the US label states no maximum (50-400 mg/day studied); a Philippine label
    # caps at 200 mg/day. The shipped 400 is the US studied top, a ten-fold-slip ceiling.
    ("desvenlafaxine", "max_daily_mg"): "US studied range vs a Philippine label's cap",
    # pantoprazole IV: the US ZE maximum is 240 mg/day; the shipped 272 is day 1 of the bleeding
    # regimen (80 mg then 8 mg/h) so that high-dose PPI in a bleeding patient does not warn.
    ("pantoprazole", "max_daily_mg"): "bleeding regimen day 1 above the ZE maximum",
    # lansoprazole: the second reading confirmed twice-daily ZE dosing above 120 mg, not the
    # NHS page's explicit 180 mg/day ceiling.
    ("lansoprazole", "max_daily_mg"): "180 mg/day seen only on the NHS page",
    # clarithromycin oral: the shipped 1500 is the US label's dual-therapy regimen (500 mg three
    # times daily); the second readings list only 500 mg twice daily.
    ("clarithromycin", "max_daily_mg"): "US dual-therapy regimen not in the second sources",
    # fluconazole: the 800 mg/day of the EU-style SmPC (MIMS copy) had no second non-AI text; nor
    # had the US label's halving at CrCl <=50 mL/min (medlibrary copy; only AI-written pages and an
    # HL7 example repeat it), shipped as 400 mg/day, half of that 800; nor its 200 mg/day warning
    # row (half of 400 mg/day, the largest day of every indication but the life-threatening ones,
    # which an EU-style SmPC table confirms).
    ("fluconazole", "max_daily_mg"): "no second reading found",
    # metoclopramide's renal bands (50% less at CrCl 15-60, 75% less below 15): only the UK
    # holder's abbreviated prescribing information was seen; the SmPC copies were cut before it.
    ("metoclopramide", "max_daily_mg"): "renal reduction seen in one non-AI text only",
    # famotidine below CrCl 30: GlobalRPh halves the dose in one band below 50 mL/min (20 mg/day);
    # the current US label and Texas HHS give 10 mg/day below 30 (the band shipped).
    ("famotidine", "max_daily_mg"): "GlobalRPh's single <50 band vs the label's <30 band",
    # domperidone suppositories: the pre-2014 Motilium SmPC gave 60 mg twice daily; the 2014
    # MHRA/CMDh restriction (shipped, market uk) lowered it to 30 mg twice daily.
    ("domperidone", "max_single_mg"): "pre-2014 SmPC superseded by the 2014 restriction",
    ("domperidone", "max_daily_mg"): "pre-2014 SmPC superseded by the 2014 restriction",
    # prochlorperazine suppositories: the US label summaries give 25 mg twice daily (shipped, as a
    # warning); Wheeless gives 25 mg every 6-8 hours.
    ("prochlorperazine", "max_daily_mg"): "rectal: 25 mg twice daily vs every 6-8 hours",
    # diazepam nasal spray (Valtoco): the 20 mg top dose and two doses a day are the maker's HCP
    # page (P); the MPR summary confirms two doses an episode but not the dosing chart's top.
    ("diazepam", "max_single_mg"): "Valtoco's 20 mg top dose on the maker's page only",
    ("diazepam", "max_daily_mg"): "Valtoco's 20 mg top dose on the maker's page only",
    # the palliative antisecretory infusions (gaps129130): formularies give ranges whose tops
    # differ by market and book. Hyoscine butylbromide's UK 300 mg/24 h (bowel colic) is in
    # Medscape UK only (GPnotebook and eTG stop at 120); octreotide's NZ 1 mg/24 h against the
    # UK obstruction guidance's 800-900 micrograms; hyoscine hydrobromide's UK 2 mg against the
    # Renal Drug Handbook's 2.4 mg (shipped as the NZ row). Each market's row is kept apart.
    ("hyoscine butylbromide", "max_daily_mg"): "UK 300 mg/24 h in one text only",
    ("octreotide", "max_daily_mg"): "NZ 1 mg vs UK obstruction guidance 0.8-0.9 mg",
    ("hyoscine hydrobromide", "max_daily_mg"): "UK 2 mg vs the Renal Drug Handbook's 2.4 mg",
    # topical lidocaine (fix134): the 2400 mg a day is the AU Xylocaine Viscous 120 mL in 24 h
    # (Virtual Medical Centre); the US viscous label's eight doses a day were seen only in
    # AI-written summaries, and MedicineNet's 1200 mg a day names no label.
    ("lidocaine", "max_daily_mg"): "AU 120 mL/24 h in one non-AI text only",
    # bisacodyl suppositories (fixsingle): the OTC labels give one 10 mg suppository once daily;
    # the palliative review (Twycross 2012) gives 10-20 mg PR once daily, the top shipped so
    # that a palliative 20 mg dose does not warn.
    ("bisacodyl", "max_single_mg"): "labels 10 mg vs palliative 10-20 mg PR",
    # phenytoin oral (fix174): the oral loading regimen (1 g in 400/300/300 mg once) was seen in
    # one non-AI text only (drugs.com's US label summary); the pages quoting the label are AI-written.
    ("phenytoin", "max_single_mg"): "oral loading regimen in one non-AI text only",
    ("phenytoin", "max_daily_mg"): "oral loading regimen in one non-AI text only",
    ("phenytoin", "max_days"): "oral loading regimen in one non-AI text only",
}


def _data_rows() -> dict[int, dict[str, str]]:
    with (ROOT / "data" / "dose_limits.csv").open(newline="", encoding="utf-8") as handle:
        return {number: row for number, row in enumerate(csv.DictReader(handle), start=2)}


def _checks() -> list[dict[str, str]]:
    path = ROOT / "tests" / "data" / "dose_limits_check.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


DATA = _data_rows()
CHECKS = _checks()


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


@pytest.mark.parametrize("check", CHECKS, ids=[f"{c['line']} {c['drug']} {c['field']}"
                                                for c in CHECKS])
def test_shipped_limit_matches_the_second_reading(check):
    row = DATA[int(check["line"])]
    for column in IDENTITY:
        assert row[column] == check[column], f"line {check['line']} moved: {column}"
    assert _number(row[check["field"]]) == _number(check["shipped"])
    if check["verdict"] == "confirmed":
        assert _number(check["found"]) == _number(check["shipped"])
    else:
        assert (check["drug"], check["field"]) in KNOWN_DIFFERENCES, (
            f"line {check['line']}: {check['verdict']} ({check['found']!r} vs "
            f"{check['shipped']!r})")


def test_every_limit_has_a_second_reading():
    read = {(int(c["line"]), c["field"]) for c in CHECKS}
    for number, row in DATA.items():
        for field in FIELDS:
            if row[field].strip():
                assert (number, field) in read, f"dose_limits.csv:{number} {field}"
