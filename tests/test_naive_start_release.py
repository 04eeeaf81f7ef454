"""Opioid-naive starts by release, on tiny data of their own: a start written for immediate-release
doses judges those doses only (never a modified-release tablet, never a patch); a chosen market
with no start that judges an item reads the other markets' starts for its drug, route and
release, and says so; where no market has one, one info says the start was not checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose import Knowledge, Patient, Regimen
from mpsdose.clinical.ranges import naive_start_rows, opioid_range_findings
from mpsdose.model.findings import Finding, Severity

HEADER = ("check,drug,route,release,interval_h,market,per_dose,per_day,day_unit,severity,source,"
          "grade,notes\n")
TINY = HEADER + "\n".join([
    # market us: only an immediate-release start of every opioid (in OME a dose)
    "naive-start,,,ir,,us,5,,,warning,US immediate-release start of every opioid,P,",
    # market uk: the same kind of start, and the labels of one MR tablet and one 7-day patch
    "naive-start,,,ir,,uk,5,,,warning,UK immediate-release start of every opioid,P,",
    "naive-start,oxycodone,oral,er,,uk,10,20,,warning,UK oxycodone ER label,P,",
    "naive-start,buprenorphine,transdermal,,168,uk,,5,mcg/h,warning,UK 7-day patch label,P,",
]) + "\n"
NAIVE = Patient(opioid_tolerant=False)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Knowledge:
    folder: Path = tmp_path_factory.mktemp("naive_release")
    (folder / "opioid_dose_ranges.csv").write_text(TINY, encoding="utf-8")
    return Knowledge.load(folder)


def naive(knowledge: Knowledge, items: list[str], market: str | None) -> list[Finding]:
    return [f for f in opioid_range_findings(Regimen.parse(items), NAIVE, market=market,
                                             knowledge=knowledge)
            if f.code in ("opioid-naive-start", "opioid-naive-start-not-checked")]


# -- 1. a start for one release judges that release's doses ---------------------------------------
@pytest.mark.parametrize("order", ["oxycodone ir 10 mg po q4h", "oxycodone 10 mg po q4h",
                                   "morphine 10 mg sc q4h"],
                         ids=["IR written", "release not written (read as IR)",
                              "an injection (no release)"])
def test_an_immediate_release_start_judges_immediate_release_doses(tiny, order):
    shown = naive(tiny, [order], "us")
    assert [(f.code, f.severity) for f in shown] == [("opioid-naive-start", Severity.WARNING)]
    assert "give no opioid-naive start" not in shown[0].message  # the market's own start


@pytest.mark.parametrize("order", ["morphine er 30 mg po q12h",
                                   "fentanyl 25 mcg/h td q72h"], ids=["MR tablet", "patch"])
def test_an_immediate_release_start_never_judges_another_release_or_a_patch(tiny, order):
    # no market in the tiny data has a start for these: the IR starts stay out of it
    for market in ("us", "uk", None):
        shown = naive(tiny, [order], market)
        assert [f.code for f in shown] == ["opioid-naive-start-not-checked"], market
        assert shown[0].severity is Severity.INFO
        assert order in shown[0].message


@given(st.floats(min_value=0.1, max_value=1000))
def test_no_patch_dose_is_judged_by_a_start_a_dose(tiny, rate):
    item = Regimen.parse([f"fentanyl {rate!r} mcg/h td q72h"]).items[0]
    rows = naive_start_rows(item, "us", knowledge=tiny) + naive_start_rows(item, knowledge=tiny)
    assert not rows


# -- 2. the other markets' starts where the chosen market has none --------------------------------
def test_a_market_without_a_start_for_the_release_reads_the_other_markets(tiny):
    # the US start of every opioid is an IR dose: the UK oxycodone ER label judges the tablet
    assert not naive(tiny, ["oxycodone er 10 mg po q12h"], "us")  # at the UK label's start
    above = naive(tiny, ["oxycodone er 30 mg po q12h"], "us")
    assert [(f.code, f.severity) for f in above] == [("opioid-naive-start", Severity.WARNING)]
    assert "the US sources give no opioid-naive start for oxycodone oral ER" in above[0].message
    assert "so the UK start is applied" in above[0].message
    assert above[0].source == "UK oxycodone ER label"  # the other market's source is named


def test_a_patch_is_judged_by_another_markets_patch_start(tiny):
    above = naive(tiny, ["buprenorphine 20 mcg/h td q7d"], "us")
    assert [(f.code, f.severity) for f in above] == [("opioid-naive-start", Severity.WARNING)]
    assert "buprenorphine transdermal every 168 h" in above[0].message
    assert not naive(tiny, ["buprenorphine 5 mcg/h td q7d"], "us")
    # a market with a start of its own is not told what another market says
    own = naive(tiny, ["buprenorphine 20 mcg/h td q7d"], "uk")
    assert "give no opioid-naive start" not in own[0].message


def test_a_market_with_a_start_keeps_it(tiny):
    # an IR dose in the US: the US start judges, not the UK's (no borrowing when one applies)
    rows = naive_start_rows(Regimen.parse(["oxycodone 10 mg po q4h"]).items[0], "us",
                            knowledge=tiny)
    assert {r.market for r in rows} == {"us"}
    rows = naive_start_rows(Regimen.parse(["oxycodone er 10 mg po q12h"]).items[0], "us",
                            knowledge=tiny)
    assert {r.market for r in rows} == {"uk"}


def test_a_start_the_chosen_market_cannot_measure_is_borrowed(tmp_path):
    # a market whose only start is per dose cannot judge an infusion's day: another market's
    # per-day start does
    (tmp_path / "opioid_dose_ranges.csv").write_text(HEADER + "\n".join([
        "naive-start,morphine,sc,,,au,5,,,warning,AU SC morphine start a dose,P,",
        "naive-start,morphine,sc,,,uk,,20,,warning,UK SC morphine start a day,P,",
    ]) + "\n", encoding="utf-8")
    knowledge = Knowledge.load(tmp_path)
    shown = naive(knowledge, ["morphine 60 mg/day sc continuous"], "au")
    assert [(f.code, f.severity) for f in shown] == [("opioid-naive-start", Severity.WARNING)]
    assert "the AU sources give no opioid-naive start for morphine sc" in shown[0].message
    # a bolus the AU start measures stays with the AU start
    bolus = naive(knowledge, ["morphine 10 mg sc q4h"], "au")
    assert bolus and "give no opioid-naive start" not in bolus[0].message


def test_a_markets_own_label_rule_is_not_replaced_by_another_markets_start(tiny):
    # ナルサス (market_rules.csv, jp): hydromorphone ER starts at 4 mg/day; the market's label
    # judges it (market_findings), so neither another market's start nor 'not checked' appears
    assert not naive(tiny, ["hydromorphone er 12 mg po daily"], "jp")
    assert naive(tiny, ["hydromorphone er 12 mg po daily"], "au")  # not checked, said so


def test_only_an_opioid_naive_patient_hears_that_a_start_was_not_checked(tiny):
    for patient in (Patient(opioid_tolerant=True), Patient()):
        found = opioid_range_findings(Regimen.parse(["fentanyl 25 mcg/h td q72h"]), patient,
                                      market="us", knowledge=tiny)
        assert "opioid-naive-start-not-checked" not in {f.code for f in found}


# -- 3. a drug's own label of single injected doses judges that drug only ------------------------
def test_a_labels_single_injected_dose_judges_its_drug_and_is_no_start_of_every_opioid(tmp_path):
    # the JP morphine injection insert's usual SC dose (1回5~10mg, its low end stored) is for single doses
    # (release "ir"): it judges SC morphine in place of the start of every opioid in OME, but,
    # unlike a guide's SC morphine start (release not given), it does not stand for SC oxycodone
    generic = "naive-start,,,ir,,jp,10,,,warning,JP start of every opioid (OME),P,"
    (tmp_path / "opioid_dose_ranges.csv").write_text(HEADER + "\n".join([
        generic, "naive-start,morphine,sc,ir,,jp,5,,,warning,JP morphine injection label,P,",
    ]) + "\n", encoding="utf-8")
    knowledge = Knowledge.load(tmp_path)
    assert not naive(knowledge, ["morphine 5 mg sc q4h prn"], "jp")  # the label's own low end
    above = naive(knowledge, ["morphine 15 mg sc q4h prn"], "jp")
    assert [(f.code, f.severity) for f in above] == [("opioid-naive-start", Severity.WARNING)]
    assert "[JP label/guideline]" in above[0].message
    oxycodone = naive(knowledge, ["oxycodone 5 mg sc q4h prn"], "jp")
    assert oxycodone and "[JP all opioids, in OME]" in oxycodone[0].message
    item = Regimen.parse(["oxycodone 5 mg sc q4h prn"]).items[0]
    assert [r.source for r in naive_start_rows(item, "jp", knowledge=knowledge)] == [
        "JP start of every opioid (OME)"]
    # the same figure as a start by the route (release not given) stands for every opioid by it
    guide = tmp_path / "guide"
    guide.mkdir()
    (guide / "opioid_dose_ranges.csv").write_text(HEADER + "\n".join([
        generic, "naive-start,morphine,sc,,,jp,5,,,warning,JP SC morphine start,P,",
    ]) + "\n", encoding="utf-8")
    rows = naive_start_rows(item, "jp", knowledge=Knowledge.load(guide))
    assert any("sc morphine start of this source" in r.source for r in rows)
