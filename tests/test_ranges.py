"""Opioid dose ranges on tiny data of their own: a drug's rows replace the every-opioid rows, a
disagreement between sources steps down one severity, markets, patient states, rate rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose import Knowledge, Patient, Regimen
from mpsdose.clinical.ranges import opioid_range_findings
from mpsdose.model.findings import Severity

HEADER = ("check,drug,route,release,interval_h,market,per_dose,per_day,day_unit,severity,source,"
          "grade,notes\n")
TINY = HEADER + "\n".join([
    "usual,,,,,,,100,,warning,every opioid usual,P,",
    "plausible,,,,,,,1000,,error,every opioid plausible,P,",
    "naive-start,,,,,aa,5,,,warning,every opioid start AA,P,",
    "tolerant-only,,,,,,20,40,,error,every opioid tolerant-only,P,",
    "naive-start,oxycodone,oral,er,,aa,10,20,,warning,oxycodone label AA,P,",
    "naive-start,oxycodone,oral,er,,bb,20,40,,warning,oxycodone label BB,P,",
    "tolerant-only,morphine,iv,,,,,2,mg/h,error,infusion label,P,",
]) + "\n"
TOLERANT, NAIVE, UNKNOWN = (Patient(opioid_tolerant=True), Patient(opioid_tolerant=False),
                            Patient())


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Knowledge:
    folder: Path = tmp_path_factory.mktemp("ranges")
    (folder / "opioid_dose_ranges.csv").write_text(TINY.replace(",aa,", ",us,").replace(
        ",bb,", ",uk,"), encoding="utf-8")
    return Knowledge.load(folder)


def shown(knowledge, items, patient, **kwargs):
    return {(f.code, f.severity) for f in opioid_range_findings(
        Regimen.parse(items), patient, knowledge=knowledge, **kwargs)}


def test_the_drugs_own_rows_replace_the_every_opioid_rows(tiny):
    # 10 mg q12h oxycodone ER: above the every-opioid start (5 mg OME) but at its own label's
    assert ("opioid-naive-start", Severity.WARNING) not in shown(
        tiny, ["oxycodone er 10 mg po q12h"], NAIVE)
    # an immediate-release oxycodone has no own row: the every-opioid start judges it
    assert ("opioid-naive-start", Severity.WARNING) in shown(
        tiny, ["oxycodone ir 10 mg po q4h prn"], NAIVE)


def test_a_dose_allowed_by_one_source_but_not_another_steps_down(tiny):
    between = shown(tiny, ["oxycodone er 15 mg po q12h"], NAIVE)
    assert ("opioid-naive-start", Severity.INFO) in between
    assert ("opioid-naive-start", Severity.WARNING) in shown(
        tiny, ["oxycodone er 15 mg po q12h"], NAIVE, market="us")
    assert not {c for c, _ in shown(tiny, ["oxycodone er 15 mg po q12h"], NAIVE, market="uk")
                if c == "opioid-naive-start"}
    assert ("opioid-naive-start", Severity.WARNING) in shown(
        tiny, ["oxycodone er 25 mg po q12h"], NAIVE)


def test_the_naive_rules_need_an_opioid_naive_patient(tiny):
    items = ["morphine ir 30 mg po q4h"]
    assert ("opioid-tolerant-only", Severity.ERROR) in shown(tiny, items, NAIVE)
    assert not {c for c, _ in shown(tiny, items, TOLERANT)
                if c in ("opioid-tolerant-only", "opioid-naive-start")}
    assert ("opioid-naive-not-checked", Severity.INFO) in shown(tiny, items, UNKNOWN)


def test_a_rate_row_applies_to_infusions_only(tiny):
    assert ("opioid-tolerant-only", Severity.ERROR) in shown(
        tiny, ["morphine 3 mg/h iv continuous"], NAIVE)
    # a 3 mg bolus is not a rate: judged by the every-opioid rows (3 mg x 3 < 20 mg OME)
    assert ("opioid-tolerant-only", Severity.ERROR) not in shown(
        tiny, ["morphine 2 mg iv q4h prn"], NAIVE)


@given(st.floats(min_value=1.01, max_value=50))
def test_above_the_plausible_ceiling_is_an_error_at_any_tolerance(tiny, times):
    daily = 1000 * times  # oral morphine: 1 mg OME per mg
    for patient in (TOLERANT, NAIVE, UNKNOWN):
        assert ("opioid-implausible-dose", Severity.ERROR) in shown(
            tiny, [f"morphine {daily!r} mg/day"], patient)


@given(st.floats(min_value=0.1, max_value=0.99))
def test_below_every_ceiling_a_tolerant_patient_hears_nothing(tiny, fraction):
    assert not shown(tiny, [f"morphine {100 * fraction!r} mg/day"], TOLERANT)
