"""Opioid dose ranges on tiny data of their own: a drug's rows replace the every-opioid rows, a
disagreement between sources steps down one severity, markets, patient states, rate rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose import Knowledge, Patient, Regimen
from mpsdose.clinical.ranges import opioid_range_findings
from mpsdose.clinical.rescue import check_rescue
from mpsdose.model.errors import DoseError
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


# -- a dose no single unit slip explains is refused ------------------------------------------------
SHIPPED = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def slips(tmp_path_factory) -> Knowledge:
    """A 10 mg/day plausibility ceiling for oral morphine and a slip factor of 100 (shipped:
    1000), so that the factor is read from the data."""
    folder: Path = tmp_path_factory.mktemp("slips")
    (folder / "opioid_dose_ranges.csv").write_text(
        HEADER + "plausible,morphine,oral,,,,,10,,error,tiny ceiling,P,\n", encoding="utf-8")
    rules = (SHIPPED / "safety_rules.csv").read_text(encoding="utf-8")
    assert "opioid-dose-not-a-dose,error,1000," in rules
    (folder / "safety_rules.csv").write_text(
        rules.replace("opioid-dose-not-a-dose,error,1000,", "opioid-dose-not-a-dose,error,100,"),
        encoding="utf-8")
    return Knowledge.load(folder)


@given(st.floats(min_value=1.01, max_value=99.9))
def test_up_to_the_slip_factor_times_the_ceiling_is_an_error_finding(slips, times):
    assert ("opioid-implausible-dose", Severity.ERROR) in shown(
        slips, [f"morphine {10 * times!r} mg/day po"], TOLERANT)


@given(st.floats(min_value=100.1, max_value=10_000), st.sampled_from([TOLERANT, NAIVE, UNKNOWN]))
def test_beyond_the_slip_factor_times_the_ceiling_is_refused(slips, times, patient):
    with pytest.raises(DoseError, match=r"100 times the plausibility ceiling \(.*"
                                        r"opioid_dose_ranges\.csv:2: tiny ceiling\)") as refused:
        opioid_range_findings(Regimen.parse([f"morphine {10 * times!r} mg/day po"]), patient,
                              knowledge=slips)
    assert refused.value.text == f"morphine {10 * times!r} mg/day po"


# -- the low end of a naive start, for the patients a market's labelling starts there -------------
LOW_HEADER = ("check,drug,route,release,interval_h,market,per_dose,start_low,per_day,day_unit,"
              "severity,source,grade,notes\n")
MARKET_HEADER = (SHIPPED / "market_rules.csv").read_text(encoding="utf-8").splitlines()[0]


@pytest.fixture(scope="module")
def low(tmp_path_factory) -> Knowledge:
    """An every-opioid US start of 30 mg OME (low end 15) and a UK one of 30 (no low end); US
    labelling starts a patient of 70 and over at the low end."""
    folder: Path = tmp_path_factory.mktemp("low")
    (folder / "opioid_dose_ranges.csv").write_text(LOW_HEADER + "\n".join([
        "plausible,,,,,,,,3000,,error,tiny plausible,P,",
        "naive-start,,,,,us,30,15,,,warning,tiny US start 15 to 30,P,",
        "naive-start,,,,,uk,30,,,,warning,tiny UK start 30,P,"]) + "\n", encoding="utf-8")
    columns = MARKET_HEADER.split(",")
    row = dict.fromkeys(columns, "") | {
        "market": "us", "rule": "naive_start_low_end", "condition": "age",
        "condition_band": '"[70, )"', "unit": "years", "severity": "warning",
        "statement": "tiny: 70 and over start low", "source": "tiny geriatric rule", "grade": "P"}
    (folder / "market_rules.csv").write_text(
        MARKET_HEADER + "\n" + ",".join(row[c] for c in columns) + "\n", encoding="utf-8")
    return Knowledge.load(folder)


@pytest.mark.parametrize(("age", "market", "warned"), [
    (72, "us", True), (69, "us", False), (72, "uk", False)], ids=["72 us", "69 us", "72 uk"])
def test_the_naive_start_is_its_low_end_where_the_markets_labelling_says(low, age, market,
                                                                          warned):
    patient = Patient(age=age, opioid_tolerant=False)
    found = shown(low, ["morphine ir 20 mg po q4h prn max 1/day"], patient, market=market)
    assert (("opioid-naive-start", Severity.WARNING) in found) is warned


@pytest.mark.parametrize(("age", "severity"), [(72, Severity.WARNING), (69, Severity.INFO)])
def test_a_large_rescue_steps_down_only_within_the_patients_start(low, age, severity):
    # 20 mg of oral morphine beside 80 mg/day scheduled (25%, within the largest share any source
    # allows): within the 30 mg start, above its low end of 15, where the tiny US rule starts a
    # patient of 70 and over
    regimen = Regimen.parse(["morphine er 40 mg po q12h", "morphine ir 20 mg po q4h prn"])
    found = [f for f in check_rescue(regimen, market="us", patient=Patient(age=age),
                                     knowledge=low) if f.code == "rescue-share"]
    assert [f.severity for f in found] == [severity]
    assert ("tiny geriatric rule" in found[0].source) is (severity is Severity.WARNING)
