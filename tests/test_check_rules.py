"""The rule families `check` gained or changed after the held-out sets of issue 13 were first run
(tests/data/check_*_fresh.csv): each rule tested on its own, with tiny data of its own where a
number decides the outcome (a folder over the shipped data, ``Knowledge.load(tmp_path)``).

The numbers written in the tiny files below are this file's own, chosen to make each boundary
obvious; they are not clinical figures.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from mpsdose import Knowledge, Patient, Regimen, check, parse_item
from mpsdose.model.errors import DoseError, ItemSyntaxError
from mpsdose.model.findings import Finding, Severity
from tests.checking import NAIVE, TOLERANT, own_severity
from tests.checking import found as _found
from tests.checking import knowledge_with as _knowledge

RANGES_HEADER = ("check,drug,route,release,interval_h,market,per_dose,per_day,day_unit,severity,"
                 "source,grade,notes\n")


def _raised(found: list[Finding]) -> set[tuple[str, Severity]]:
    return {(f.code, f.severity) for f in found if f.severity is not Severity.INFO}


# -- a single dose against the usual day, read at its interval ----------------------------------
def _usual_only(tmp_path: Path, per_day: float) -> Knowledge:
    return _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + (
        f"usual,,,,,,,{per_day},,warning,Test source [P],P,\n"
        "plausible,,,,,,,100000,,error,mpsdose convention: test ceiling (ISMP test) [P],P,\n"))


def test_a_single_dose_is_judged_against_the_usual_day_read_at_its_interval(tmp_path):
    k = _usual_only(tmp_path, per_day=60)  # 60 mg OME a day: 10 mg OME a dose every 4 h
    # a PRN dose with no interval and no maximum has no day: the dose is judged, at 4 h
    shown = [f for f in _found(["morphine ir 20 mg po prn"], knowledge=k)
             if f.code == "opioid-above-usual"]
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "a dose given every 4 h" in shown[0].message
    assert "opioid-above-usual" not in {
        f.code for f in _found(["morphine ir 5 mg po prn"], knowledge=k)}


def test_a_dose_whose_day_is_known_is_judged_once_by_the_day(tmp_path):
    k = _usual_only(tmp_path, per_day=60)
    for items in (["morphine ir 20 mg po q4h"], ["morphine ir 20 mg po q4h prn"]):
        shown = [f for f in _found(items, knowledge=k) if f.code == "opioid-above-usual"]
        # 120 mg OME a day: one warning, for the day, not a second one for the dose
        assert [f.severity for f in shown] == [Severity.WARNING], items
        assert "a dose given every" not in shown[0].message
    # a 12-hourly dose may be three times a 4-hourly one: 25 mg q12h is 50 mg a day
    assert "opioid-above-usual" not in {
        f.code for f in _found(["morphine er 25 mg po q12h"], knowledge=k)}


def test_a_rescue_beside_a_schedule_is_left_to_the_rescue_rules(tmp_path):
    # a tolerant patient's rescue is a share of the scheduled day: 1/6 of 600 mg OME/day is
    # 100 mg OME, ordinary, though above the usual day read per dose (here 10 mg OME a dose)
    k = _usual_only(tmp_path, per_day=60)
    found = _found(["morphine er 10 mg po q12h", "morphine ir 20 mg po q4h prn"], knowledge=k)
    assert not [f for f in found if f.code == "opioid-above-usual" and "a dose" in f.message]
    # with the shipped rules, the oversized rescue is still found, as a share of the day
    shipped = _found(["morphine er 10 mg po q12h", "morphine ir 20 mg po q4h prn"])
    assert "rescue-share" in {f.code for f in shipped if f.severity is not Severity.INFO}


def test_a_dose_tiered_drug_is_not_judged_per_dose(tmp_path):
    # methadone's factors depend on the daily dose: they convert a day, not one dose
    k = _usual_only(tmp_path, per_day=60)
    found = _found(["methadone 20 mg po q3h prn"], knowledge=k)
    assert not [f for f in found if f.code == "opioid-above-usual" and "a dose" in f.message]


def test_prn_doses_are_the_regimen_when_nothing_is_scheduled(tmp_path):
    k = _usual_only(tmp_path, per_day=100)
    # 5 mg hourly as needed: 120 mg OME a day at most, nothing scheduled beside it
    alone = [f for f in _found(["morphine ir 5 mg po q1h prn"], knowledge=k)
             if f.code == "opioid-above-usual"]
    assert alone and "no opioid scheduled" in alone[0].message
    # with a scheduled opioid the total is the scheduled one (the PRN dose is a rescue)
    beside = _found(["morphine er 20 mg po q12h", "morphine ir 5 mg po q1h prn"], knowledge=k)
    assert "opioid-above-usual" not in {f.code for f in beside}


def test_a_label_row_that_cannot_measure_an_item_leaves_it_reported_as_not_judged(tmp_path):
    # a per-dose label ceiling does not judge a day written as mg/day; with no factor for the
    # route either, the item is reported as not judged, never passed silently
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + (
        "usual,sufentanil,sublingual,,,,0.03,,,warning,Test label [P],P,\n"))
    by_dose = _found(["sufentanil 0.05 mg sublingual q1h prn"], knowledge=k)
    assert "opioid-above-usual" in {f.code for f in by_dose}
    by_day = _found(["sufentanil 0.2 mg/day sublingual"], knowledge=k)
    assert "opioid-dose-range-not-checked" in {f.code for f in by_day}


# -- rescue: a naive start of every market, in equivalents where no label row ---------------------
def _starts(tmp_path: Path) -> Knowledge:
    return _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + (
        "naive-start,morphine,oral,ir,,us,30,,,warning,Test US label [P],P,\n"
        "naive-start,morphine,oral,ir,,uk,10,,,warning,Test UK guide [P],P,\n"
        "naive-start,,,,,uk,10,,,warning,Test UK guide for every opioid [P],P,\n"
        "naive-start,,,,,us,30,,,warning,Test US label for every opioid [P],P,\n"))


def test_a_rescue_as_large_as_one_markets_start_but_not_anothers_is_a_warning(tmp_path):
    k = _starts(tmp_path)
    # 25% of the day: above the usual share, within the largest any source allows (JP's 1/4)
    items = ["morphine er 60 mg po q12h", "morphine ir 30 mg po q1h prn"]
    shares = {market: [f.severity for f in _found(items, NAIVE, knowledge=k, market=market)
                       if f.code == "rescue-share"] for market in (None, "us", "uk")}
    assert shares == {None: [Severity.WARNING], "us": [Severity.INFO], "uk": [Severity.WARNING]}


def test_a_small_rescue_of_a_drug_without_label_rows_is_read_in_equivalents(tmp_path):
    k = _starts(tmp_path)
    # diamorphine SC has no starting-dose row: 2.5 mg is 7.5 mg OME by the SC factor of 3
    small = [f for f in _found(["diamorphine 10 mg/day sc continuous",
                                "diamorphine 2.5 mg sc q1h prn max 6/day"], knowledge=k,
                               market="uk") if f.code == "rescue-share"]
    assert [f.severity for f in small] == [Severity.INFO]
    assert "mg OME" in small[0].message
    large = [f for f in _found(["diamorphine 10 mg/day sc continuous",
                                "diamorphine 5 mg sc q1h prn max 6/day"], knowledge=k,
                               market="uk") if f.code == "rescue-share"]
    assert [f.severity for f in large] == [Severity.WARNING]  # 15 mg OME: above 10


# -- long-acting opioids: one per drug and route ----------------------------------------------------
def test_two_patches_of_one_drug_are_one_long_acting_opioid():
    two_patches = ["fentanyl 25 mcg/h td q72h", "fentanyl 12 mcg/h td q72h"]
    assert "two-long-acting-opioids" not in {f.code for f in _found(two_patches)}
    assert "two-long-acting-opioids" not in {
        f.code for f in _found(["morphine er 30 mg po q12h", "morphine er 10 mg po q12h"])}
    shown = [f for f in _found([*two_patches, "morphine er 30 mg po q12h"])
             if f.code == "two-long-acting-opioids"]
    assert shown and "fentanyl 25 mcg/h td q72h + fentanyl 12 mcg/h td q72h" in shown[0].message


# -- renal: a caution met by as-needed use -------------------------------------------------------
def test_a_caution_opioid_given_only_as_needed_in_renal_impairment_is_information(tmp_path):
    k = _knowledge(tmp_path, drug_properties=(
        "drug,property,value,source,grade,notes\n"
        "oxycodone,renally_cleared_active_metabolite,caution,Test renal guide [P],P,\n"
        "codeine,renally_cleared_active_metabolite,avoid,Test renal guide [P],P,\n"))
    renal = attrs.evolve(TOLERANT, crcl_ml_min=20)

    def severities(items: list[str]) -> list[Severity]:
        return [f.severity for f in _found(items, renal, knowledge=k) if f.code == "renal-opioid"]

    assert severities(["oxycodone ir 2.5 mg po q6h prn max 4/day"]) == [Severity.INFO]
    assert severities(["oxycodone er 10 mg po q12h"]) == [Severity.WARNING]
    assert severities(["oxycodone er 10 mg po q12h",
                       "oxycodone ir 2.5 mg po q6h prn"]) == [Severity.WARNING]
    assert severities(["codeine 30 mg po q6h prn"]) == [Severity.WARNING]  # avoid: always


# -- switches ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("new", "old", "flagged"), [
    ("morphine 10 mg/day intrathecal continuous", "morphine 10 mg/day epidural continuous", True),
    ("morphine 40 mg/day epidural continuous", "morphine 40 mg/day sc continuous", True),
    ("morphine 60 mg/day iv continuous", "morphine er 30 mg po q12h", True),
    ("morphine 1 mg/day intrathecal continuous", "morphine 10 mg/day epidural continuous", False),
    ("morphine 10 mg/day epidural continuous", "morphine 10 mg/day intrathecal continuous", False),
    ("morphine 20 mg/day sc continuous", "morphine 20 mg/day iv continuous", False),
], ids=["epidural to IT", "SC to epidural", "oral to IV", "IT reduced", "IT to epidural",
        "IV to SC"])
def test_the_same_mg_by_a_stronger_route_is_flagged(new, old, flagged):
    shown = [f for f in _found([new], previous=[old]) if f.code == "opioid-route-change"]
    assert bool(shown) is flagged, [f.message for f in shown]
    if flagged and ("epidural" in new or "intrathecal" in new):
        assert "100 IV : 10 epidural : 1 intrathecal" in shown[0].message


def test_a_methadone_rise_is_judged_in_mg_of_methadone():
    doubled = [f for f in _found(["methadone 20 mg po q8h"], previous=["methadone 10 mg po q8h"])
               if f.code == "opioid-titration-step"]
    assert doubled and "+100% in mg of methadone" in doubled[0].message
    assert "opioid-titration-step" not in {
        f.code for f in _found(["methadone 12.5 mg po q8h"], previous=["methadone 10 mg po q8h"])}


def test_a_switch_no_rotation_table_covers_is_judged_in_the_surveillance_tables():
    # no rotation table has tapentadol: the MME tables judge the switch, and the finding says so
    shown = [f for f in _found(["tapentadol er 250 mg po q12h"],
                               previous=["oxycodone er 40 mg po q12h"])
             if f.code == "equianalgesic-switch"]
    assert shown and "surveillance (MME) table" in shown[0].message
    reduced = _found(["tapentadol er 50 mg po q12h"], previous=["oxycodone er 40 mg po q12h"])
    assert "equianalgesic-switch" not in {f.code for f in reduced}


def test_an_opioid_added_beside_every_previous_opioid_unchanged_is_a_step_not_a_switch():
    # WO40: in the last days the patch is kept and SC morphine added by syringe driver
    patch = ["fentanyl 50 mcg/h td q72h"]
    added = _found([*patch, "morphine 10 mg/day sc continuous"], previous=patch)
    assert "equianalgesic-switch" not in {f.code for f in added}
    assert "opioid-titration-step" not in _codes_raised(added)
    # a large addition is a titration step beyond the published one, not silence
    doubled = _found([*patch, "morphine 200 mg/day sc continuous"], previous=patch)
    assert "opioid-titration-step" in _codes_raised(doubled)
    # a previous opioid changed (the patch halved) is still a switch
    halved = _found(["fentanyl 25 mcg/h td q72h", "morphine 100 mg/day sc continuous"],
                    previous=patch)
    assert "equianalgesic-switch" in _codes_raised(halved)


# -- usual palliative ranges of every drug, not only antipsychotics ------------------------------
def test_a_drug_above_its_usual_palliative_range_is_a_warning_by_route(tmp_path):
    k = _knowledge(tmp_path, usual_ranges=(
        "drug,route,indication,daily_mg_low,daily_mg_high,source,grade,notes\n"
        "midazolam,sc,terminal agitation,10,60,Test palliative guide [P],P,\n"))
    over = [f for f in _found(["midazolam 50 mg sc q1h prn"], knowledge=k)
            if f.code == "midazolam-above-usual"]
    assert [f.severity for f in over] == [Severity.WARNING]
    assert "Test palliative guide" in over[0].source
    assert "midazolam-above-usual" not in {
        f.code for f in _found(["midazolam 20 mg/day sc continuous"], knowledge=k)}
    # no oral row: an oral dose is not judged against the SC range
    assert "midazolam-above-usual" not in {
        f.code for f in _found(["midazolam 100 mg po at night"], knowledge=k)}


def test_a_usual_day_counts_at_most_three_as_needed_doses(tmp_path):
    # an hourly PRN order is not 24 doses a day of usual use: the guidance changes the regimen
    # after 3 (eTG); the order's own maximum counts where it allows fewer
    k = _knowledge(tmp_path, usual_ranges=(
        "drug,route,indication,daily_mg_low,daily_mg_high,source,grade,notes\n"
        "midazolam,sc,terminal agitation,10,60,Test palliative guide [P],P,\n"))

    def above(items: list[str]) -> bool:
        return "midazolam-above-usual" in {f.code for f in _found(items, knowledge=k)}

    assert not above(["midazolam 20 mg/day sc continuous", "midazolam 5 mg sc q1h prn"])  # 35
    assert above(["midazolam 40 mg/day sc continuous", "midazolam 10 mg sc q1h prn"])  # 70
    assert not above(["midazolam 40 mg/day sc continuous",
                      "midazolam 10 mg sc q1h prn max 2/day"])  # 60: at the top


# -- Beers: antidepressants with strong anticholinergic activity ------------------------------------
@pytest.mark.parametrize(("patient", "expected"), [
    (Patient(age=70), Severity.WARNING),
    (Patient(age=70, setting="end-of-life"), Severity.INFO),
    (Patient(age=60), None),
    (Patient(), Severity.INFO),
], ids=["70", "70 at end of life", "60", "age not given"])
def test_a_strongly_anticholinergic_antidepressant_from_65(patient, expected):
    shown = [f for f in check(Regimen.parse(["amitriptyline 10 mg po at night"]), patient)
             if f.code.startswith("anticholinergic-antidepressant-older")]
    assert [f.severity for f in shown] == ([] if expected is None else [expected])


# -- typed slips refused -----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "error"), [
    ("hydromorphone 2 mg sc q2h prn max 48/day", ItemSyntaxError),
    ("morphine ir 10 mg po 100x/day", DoseError),
    ("morphine 10 mg po q0.25h", DoseError),
])
def test_a_frequency_no_one_writes_on_purpose_is_refused(text, error):
    with pytest.raises(error):
        parse_item(text)


@pytest.mark.parametrize("text", ["hydromorphone 2 mg sc q2h prn max 12/day",
                                  "morphine 10 mg po q0.5h", "fentanyl 20 mcg iv prn q10min",
                                  "morphine 5 mg po qid prn max 6/day"])
def test_the_frequencies_next_to_them_are_read(text):
    assert parse_item(text).daily() is not None


# == the second held-out round (tests/data/check_*_fresh2.csv) ====================================
PROPERTIES_HEADER = "drug,property,value,source,grade,notes\n"


# -- products for opioid-tolerant patients only ----------------------------------------------------
def _tirf(tmp_path: Path) -> Knowledge:
    return _knowledge(tmp_path, drug_properties=PROPERTIES_HEADER + (
        "fentanyl,opioid_tolerant_only_routes,buccal sublingual,Test label [P],P,\n"))


def test_a_tolerant_only_product_in_a_naive_patient_is_an_error(tmp_path):
    k = _tirf(tmp_path)
    shown = [f for f in _found(["fentanyl 100 mcg buccal q4h prn max 4/day"], NAIVE, knowledge=k)
             if f.code == "opioid-tolerant-only" and "buccal" in (f.item or "")]
    assert [f.severity for f in shown] == [Severity.ERROR]
    # the route decides: intranasal is not listed in this tiny file
    assert not [f for f in _found(["fentanyl 100 mcg intranasal q4h prn max 4/day"], NAIVE,
                                  knowledge=k) if f.code == "opioid-tolerant-only"
                and f.message.startswith("fentanyl 100 mcg intranasal")]


@pytest.mark.parametrize(("beside", "flagged"), [
    ([], True),                                  # nothing scheduled around the clock
    (["oxycodone er 5 mg po q12h"], True),       # 10 mg/day: far below tolerance
    (["morphine er 60 mg po q12h"], False),      # 120 mg/day: tolerant
], ids=["nothing scheduled", "low regimen", "tolerant regimen"])
def test_a_tolerant_only_product_needs_a_tolerant_regimen_beside_it(tmp_path, beside, flagged):
    k = _tirf(tmp_path)
    found = _found([*beside, "fentanyl 200 mcg buccal q4h prn max 4/day"], knowledge=k)
    shown = [f for f in found if f.code == "opioid-tolerance-not-met"]
    assert bool(shown) is flagged
    assert all(f.severity is Severity.WARNING for f in shown)


# -- dialysis read as kidney failure ------------------------------------------------------------
LIMITS_HEADER = ("drug,route,release,condition,condition_band,condition_value,max_single_mg,"
                 "max_daily_mg,max_daily_mg_per_kg,max_days,scope,market,severity,source,grade,"
                 "notes\n")


def test_a_patient_on_dialysis_without_a_crcl_is_judged_by_the_lowest_band(tmp_path):
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        'gabapentin,oral,,crcl_ml_min,"[30, )",,,1000,,,,,,Test label [P],P,\n'
        'gabapentin,oral,,crcl_ml_min,"(, 30)",,,200,,,,,,Test label [P],P,\n'))
    dialysis = Patient(age=60, conditions=("dialysis",))
    found = _found(["gabapentin 100 mg po tid"], dialysis, knowledge=k)  # 300 mg/day
    assert "gabapentin-above-max" in {f.code for f in found}
    assert "crcl-read-from-dialysis" in {f.code for f in found}
    # without dialysis the bands are not known: said, not judged
    unknown = _found(["gabapentin 100 mg po tid"], Patient(age=60), knowledge=k)
    assert "gabapentin-above-max" not in {f.code for f in unknown}
    assert "limit-not-checked" in {f.code for f in unknown}
    # a CrCl given wins over the dialysis reading
    measured = attrs.evolve(dialysis, crcl_ml_min=45)
    assert "gabapentin-above-max" not in {f.code for f in _found(["gabapentin 100 mg po tid"],
                                                                 measured, knowledge=k)}


@pytest.mark.parametrize(("order", "flagged"), [
    ("gabapentin 250 mg po q6h", True),   # 1000 mg/day: above 2 mg/kg/day even at 400 kg (800)
    ("gabapentin 150 mg po q6h", False),  # 600 mg/day: above the limit below 300 kg, not at 400
])
def test_a_per_kg_maximum_without_a_weight_is_judged_at_the_heaviest_plausible_adult(
        tmp_path, order, flagged):
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        "gabapentin,oral,,any,,,,,2,,,,,Test label [P],P,\n"))
    found = _found([order], Patient(age=60), knowledge=k)
    above = [f for f in found if f.code == "gabapentin-above-max"]
    assert bool(above) is flagged
    assert all("400 kg" in f.message for f in above)
    # the lighter patients' limits are still not checked, and say so
    assert "limit-not-checked" in {f.code for f in found}
    # with a weight given, the patient's own limit: 600 mg/day is above 2 mg/kg at 70 kg
    weighed = _found(["gabapentin 150 mg po q6h"], Patient(age=60, weight_kg=70), knowledge=k)
    assert "gabapentin-above-max" in {f.code for f in weighed}


@pytest.mark.parametrize(("crcl", "warned"), [
    (10, True),    # below every band the rows give (the lowest from 15)
    (20, False),   # inside the lowest band: judged by it
    (80, False),   # inside the top band
])
def test_a_crcl_below_every_band_of_a_drugs_limits_is_said(tmp_path, crcl, warned):
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        'edoxaban,oral,,crcl_ml_min,"[15, 50]",,,30,,,,,,Test label [P],P,\n'
        'edoxaban,oral,,crcl_ml_min,"(50, )",,,60,,,,,,Test label [P],P,\n'))
    patient = Patient(age=70, crcl_ml_min=crcl)
    found = [f for f in _found(["edoxaban 30 mg po daily"], patient, knowledge=k)
             if f.code == "edoxaban-below-renal-bands"]
    assert bool(found) is warned
    assert all(f.severity is Severity.WARNING and "Test label" in f.source for f in found)


def test_a_band_open_below_covers_every_lower_crcl(tmp_path):
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        'gabapentin,oral,,crcl_ml_min,"(, 30)",,,300,,,,,,Test label [P],P,\n'
        'gabapentin,oral,,crcl_ml_min,"[30, )",,,3600,,,,,,Test label [P],P,\n'))
    found = _found(["gabapentin 100 mg po tid"], Patient(age=70, crcl_ml_min=5), knowledge=k)
    assert "gabapentin-below-renal-bands" not in {f.code for f in found}


def test_the_renal_rules_read_dialysis_as_kidney_failure(tmp_path):
    k = _knowledge(tmp_path, drug_properties=PROPERTIES_HEADER + (
        "morphine,renally_cleared_active_metabolite,avoid,Test renal guide [P],P,\n"))
    dialysis = attrs.evolve(TOLERANT, crcl_ml_min=None, conditions=("dialysis",))
    found = _found(["morphine er 10 mg po q12h", "naproxen 250 mg po bid"], dialysis, knowledge=k)
    assert {"renal-opioid", "nsaid-renal"} <= _codes_raised(found)


def _codes_raised(found: list[Finding]) -> set[str]:
    return {code for code, _ in _raised(found)}


# -- as-needed doses moved to a stronger route ---------------------------------------------------
@pytest.mark.parametrize(("new", "old", "flagged"), [
    ("oxycodone 10 mg sc q4h prn", "oxycodone ir 10 mg po q4h prn", True),
    ("morphine 10 mg im q4h prn", "morphine ir 10 mg po q4h prn", True),
    ("oxycodone 5 mg sc q4h prn", "oxycodone ir 10 mg po q4h prn", False),
    ("oxycodone ir 10 mg po q4h prn", "oxycodone 10 mg sc q4h prn", False),
], ids=["oral to SC", "oral to IM", "halved", "SC to oral"])
def test_an_as_needed_dose_by_a_stronger_route_at_the_same_mg_is_flagged(new, old, flagged):
    shown = [f for f in _found([new], previous=[old]) if f.code == "opioid-route-change"]
    assert bool(shown) is flagged
    if flagged:
        assert "a dose as needed" in shown[0].message


# -- rescue step-down: every market's start, its label or its start in equivalents ---------------
def test_a_rescue_step_down_needs_the_start_of_every_market(tmp_path):
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + (
        "naive-start,hydromorphone,oral,ir,,us,10,,,warning,Test US label [P],P,\n"
        "naive-start,,,,,uk,10,,,warning,Test UK guide for every opioid [P],P,\n"))
    # 25%: above the usual share, within the largest any source allows (JP's 1/4)
    items = ["hydromorphone er 32 mg po daily", "hydromorphone ir 8 mg po q2h prn"]
    shares = {market: [f.severity for f in _found(items, knowledge=k, market=market)
                       if f.code == "rescue-share"] for market in (None, "us", "uk")}
    # the US label allows 8 mg; the UK start (10 mg OME) does not: 8 mg is 30-60 mg OME
    assert shares == {None: [Severity.WARNING], "us": [Severity.INFO], "uk": [Severity.WARNING]}


# -- a switch to methadone --------------------------------------------------------------------------
def test_a_switch_to_methadone_is_not_judged_by_surveillance_factors():
    found = _found(["methadone 5 mg po q8h"], previous=["oxycodone er 30 mg po q12h"])
    assert "equianalgesic-switch" not in {f.code for f in found}


def test_the_methadone_cap_follows_the_chosen_markets_label_start():
    # 280 mg/day oxycodone (420 mg OME) to methadone 45 mg/day: above the 30-40 mg/day cap of
    # the consensus sources, at the start the Japanese メサペイン label gives above 390 mg OME
    items, previous = ["methadone 15 mg po q8h"], ["oxycodone er 140 mg po q12h"]
    caps = {market: [f.severity for f in _found(items, previous=previous, market=market)
                     if f.code == "methadone-start-above-cap"] for market in (None, "jp")}
    assert caps == {None: [Severity.ERROR], "jp": [Severity.INFO]}
    above_label = [f for f in _found(["methadone 20 mg po q8h"], previous=previous, market="jp")
                   if f.code == "methadone-start-above-cap"]
    assert [f.severity for f in above_label] == [Severity.ERROR]


# -- a market's own naive start judges its product ------------------------------------------------
def test_a_markets_label_start_replaces_the_starts_of_every_opioid():
    label_start = _found(["hydromorphone er 4 mg po daily"], NAIVE, market="jp")
    assert "opioid-naive-start" not in {f.code for f in label_start}
    # without the market, the per-day starts of every opioid judge it (an immediate-release
    # start a dose does not judge a once-daily tablet): 4 mg/day is 30 mg OME at SPCG's 7.5,
    # within NICE's 20-30 mg/day; 12 mg/day (90 mg OME) is above every market's day
    assert "opioid-naive-start" not in {f.code for f in _found(["hydromorphone er 4 mg po daily"],
                                                              NAIVE)}
    above = [f for f in _found(["hydromorphone er 12 mg po daily"], NAIVE)
             if f.code == "opioid-naive-start"]
    assert [own_severity(f) for f in above] == [Severity.WARNING]


# -- NSAIDs the Beers Criteria avoid by any route ------------------------------------------------
@pytest.mark.parametrize(("patient", "expected"), [
    (Patient(age=70), Severity.WARNING),
    (Patient(age=70, setting="hospice"), Severity.INFO),
    (Patient(age=60), None),
], ids=["70", "70 in hospice", "60"])
def test_an_nsaid_avoided_from_65_is_flagged_even_with_a_ppi(tmp_path, patient, expected):
    k = _knowledge(tmp_path, drug_properties=PROPERTIES_HEADER + (
        "ketorolac,nsaid_avoid_older,yes,Test Beers [P],P,\n"
        "omeprazole,gastroprotective,yes,Test PPI [P],P,\n"))
    found = _found(["ketorolac 15 mg iv q6h for 2 days", "omeprazole 20 mg po daily"], patient,
                   knowledge=k)
    shown = [f.severity for f in found if f.code == "nsaid-avoid-older"]
    assert shown == ([] if expected is None else [expected])
    # the other NSAIDs keep their own criterion: chronic use without gastroprotection
    assert "nsaid-age" not in {f.code for f in found}


# -- a chosen market silent about the patient's state ---------------------------------------------
def test_a_market_silent_about_a_risk_factor_borrows_another_markets_row(tmp_path):
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        "acetaminophen,,,any,,,1000,4000,,,,us,error,Test US label [P],P,\n"
        "acetaminophen,,,hepatic,,impaired,,3000,,,,eu,warning,Test EU label [P],P,\n"
        "acetaminophen,,,any,,,1000,4000,,,,eu,error,Test EU label [P],P,\n"))
    impaired = attrs.evolve(TOLERANT, hepatic="moderate")
    found = _found(["acetaminophen 1 g po q6h"], impaired, knowledge=k, market="us")
    shown = [f for f in found if f.code == "acetaminophen-above-max"]
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "EU" in shown[0].message and "US sources give no maximum" in shown[0].message
    # nothing recorded: the chosen market's own maximum, reached, is information
    healthy = _found(["acetaminophen 1 g po q6h"], TOLERANT, knowledge=k, market="us")
    assert [f.code for f in healthy if f.code.startswith("acetaminophen")] == [
        "acetaminophen-at-max"]
    # a market that has its own row for the state keeps it: no borrowing
    (tmp_path / "own").mkdir()
    k2 = _knowledge(tmp_path / "own", dose_limits=LIMITS_HEADER + (
        "acetaminophen,,,any,,,1000,4000,,,,us,error,Test US label [P],P,\n"
        "acetaminophen,,,hepatic,,impaired,,3500,,,,us,warning,Test US guide [P],P,\n"
        "acetaminophen,,,hepatic,,impaired,,2000,,,,eu,warning,Test EU label [P],P,\n"))
    own = _found(["acetaminophen 750 mg po q6h"], impaired, knowledge=k2, market="us")
    assert "acetaminophen-above-max" not in {f.code for f in own}  # 3000 ≤ the US 3500


def test_a_markets_dose_row_does_not_silence_another_markets_duration(tmp_path):
    # round 78 WE25: the Japanese injection insert gives metoclopramide's dose and no duration;
    # the EU restriction's 5 days is still borrowed with --market jp, until a JP row gives days
    rows = ("metoclopramide,iv,,any,,,10,30,,,,eu,warning,Test EU dose [P],P,\n"
            "metoclopramide,,,any,,,,,,5,,eu,warning,Test EU days [P],P,\n"
            "metoclopramide,iv,,any,,,10,20,,,,jp,warning,Test JP insert [P],P,\n")
    k = _knowledge(tmp_path / "dose", dose_limits=LIMITS_HEADER + rows)
    course = ["metoclopramide 10 mg iv bid for 7 days"]
    found = _found(course, knowledge=k, market="jp")
    days = [f for f in found if f.code == "metoclopramide-duration-above-max"]
    assert [f.severity for f in days] == [Severity.WARNING] and "JP sources give" in days[0].message
    # the JP dose row judges the day: 30 mg is above its 20, not the EU's 30
    above = [f for f in _found(["metoclopramide 10 mg iv tid for 3 days"], knowledge=k,
                               market="jp") if f.code == "metoclopramide-above-max"]
    assert len(above) == 1 and "20 mg/day" in above[0].message and "JP source" in above[0].message
    with_days = _knowledge(tmp_path / "days", dose_limits=LIMITS_HEADER + rows
                           + "metoclopramide,,,any,,,,,,10,,jp,warning,Test JP days [P],P,\n")
    assert "metoclopramide-duration-above-max" not in _codes_raised(
        _found(course, knowledge=with_days, market="jp"))


# -- the third held-out round (tests/data/check_*_fresh3.csv) --------------------------------------
def test_the_top_crcl_band_bounds_a_patient_whose_crcl_is_not_given(tmp_path):
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        'gabapentin,oral,,crcl_ml_min,"[60, )",,,1000,,,,,,Test label [P],P,\n'
        'gabapentin,oral,,crcl_ml_min,"[30, 60)",,,500,,,,,,Test label [P],P,\n'))
    unknown = Patient(age=60)
    above = [f for f in _found(["gabapentin 400 mg po tid"], unknown, knowledge=k)
             if f.code == "gabapentin-above-max"]  # 1200 mg/day: above every band
    assert [f.severity for f in above] == [Severity.ERROR]
    assert "any CrCl" in above[0].message
    # 600 mg/day is above the lower band only: not judged without the CrCl, and said so
    found = _found(["gabapentin 200 mg po tid"], unknown, knowledge=k)
    assert "gabapentin-above-max" not in {f.code for f in found}
    assert "limit-not-checked" in {f.code for f in found}


def test_methadone_by_injection_at_the_same_mg_is_a_route_change():
    shown = [f for f in _found(["methadone 10 mg iv q8h"], previous=["methadone 10 mg po q8h"])
             if f.code == "opioid-route-change"]
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "opioid-route-change" not in {
        f.code for f in _found(["methadone 5 mg iv q8h"], previous=["methadone 10 mg po q8h"])}


def _rotation_rules(tmp_path: Path, *, interval_h: str = "1", top: str = "0.2",
                    infusion_h: str = "2") -> Knowledge:
    """The shipped rotation rules, with one rescue share (10% to ``top``), one reassessment
    interval and one infusion rescue (``infusion_h`` hours of the infusion) of the test's own."""
    shipped = (Path(__file__).parents[1] / "data" / "rotation_rules.csv").read_text("utf-8")
    lines = shipped.splitlines()
    kept = [line for line in lines[1:] if not line.startswith((
        "breakthrough_fraction", "breakthrough_interval_h", "infusion_rescue_hours"))]
    own = [f"breakthrough_fraction,,,0.1,{top},fraction,,Test source [P],P,,",
           f"breakthrough_interval_h,,{interval_h},,,h,,Test source [P],P,,",
           f"infusion_rescue_hours,,{infusion_h},,,h,,Test source [P],P,,"]
    return _knowledge(tmp_path, rotation_rules="\n".join([lines[0], *own, *kept]) + "\n")


def test_a_bolus_repeatable_within_the_hour_is_judged_by_its_hours_doses(tmp_path):
    k = _rotation_rules(tmp_path)
    pca = ["hydromorphone 0.3 mg/h iv continuous", "hydromorphone 0.3 mg iv q15min prn"]
    shown = [f for f in _found(pca, knowledge=k) if f.code == "rescue-share"]
    # 0.3 mg is 4% of 7.2 mg/day; four in the hour are 17%, within 10-20%: information
    assert [f.severity for f in shown] == [Severity.INFO]
    assert "4 doses" in shown[0].message
    # the same dose once an hour stays below the share, and below this file's infusion rescue
    # of two hours: a warning; where the infusion rescue is an hour, an hour's dose is its own
    hourly = ["hydromorphone 0.3 mg/h iv continuous", "hydromorphone 0.3 mg iv q1h prn"]
    assert (("rescue-share", Severity.WARNING) in _raised(_found(hourly, knowledge=k)))
    one_hour = _rotation_rules(tmp_path / "k1", infusion_h="1")
    shown = [f for f in _found(hourly, knowledge=one_hour) if f.code == "rescue-share"]
    assert [f.severity for f in shown] == [Severity.INFO]
    # where the data reassess at 15 minutes, a 15-minute bolus is one dose, as written
    k15 = _rotation_rules(tmp_path / "k15", interval_h="0.25")
    assert ("rescue-share", Severity.WARNING) in _raised(_found(pca, knowledge=k15))


def test_a_rescue_above_every_sources_top_at_its_largest_reading_is_a_warning(tmp_path):
    # a 25 mcg/h patch reads 60-125 mg OME/day in the default table: a 10 mg SC morphine rescue
    # (20 mg OME) is 16-33%, inside the UK's 1/10-1/6 at one reading, above 20% at the other
    patch = ["fentanyl 25 mcg/h td q72h", "morphine 10 mg sc q1h prn"]
    k = _rotation_rules(tmp_path, top="0.2")
    assert ("rescue-share", Severity.WARNING) in _raised(_found(patch, knowledge=k))
    wide = _rotation_rules(tmp_path / "wide", top="0.5")  # a source that allows half the day
    assert "rescue-share" not in {f.code for f in _found(patch, knowledge=wide)}
    assert "rescue-share" not in _codes_raised(_found(["fentanyl 25 mcg/h td q72h",
                                                       "morphine 5 mg sc q1h prn"], knowledge=k))


def test_a_rescue_no_rotation_table_covers_is_read_in_the_surveillance_tables():
    found = _found(["tapentadol er 100 mg po q12h", "oxycodone ir 20 mg po q2h prn"], market="us")
    shown = [f for f in found if f.code == "rescue-share"]
    assert shown and shown[0].severity is Severity.WARNING
    assert "surveillance (MME) table" in shown[0].message
    # never for methadone: its MME factors convert a steady day, not a share of it
    methadone = _found(["methadone 5 mg po q8h", "oxycodone ir 5 mg po q3h prn max 4/day"],
                       market="jp")
    assert "rescue-share" not in _codes_raised(methadone)


def test_rapid_onset_fentanyl_is_not_sized_as_a_share_of_the_day():
    found = _found(["fentanyl 75 mcg/h td q72h", "fentanyl 100 mcg intranasal q4h prn max 4/day"],
                   market="uk")
    assert not [f for f in found if f.code.startswith("rescue-share")]


def test_a_naive_patients_as_needed_day_is_judged_when_nothing_is_scheduled(tmp_path):
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + (
        "naive-start,,,,,,,30,,warning,Test start [P],P,\n"))
    # three usual doses of 15 mg OME: 45 mg OME a day, above the 30 of the start
    shown = [f for f in _found(["morphine ir 15 mg po q4h prn"], NAIVE, knowledge=k)
             if f.code == "opioid-naive-start"]
    assert shown and "a usual day's as-needed doses" in shown[0].message
    assert "opioid-naive-start" not in {
        f.code for f in _found(["morphine ir 5 mg po q4h prn"], NAIVE, knowledge=k)}
    # a maximum below three doses is the day: 15 mg twice is 30
    assert "opioid-naive-start" not in {
        f.code for f in _found(["morphine ir 15 mg po q4h prn max 2/day"], NAIVE, knowledge=k)}
    # beside a schedule the as-needed dose is a rescue: the schedule is the day
    beside = _found(["morphine er 10 mg po q12h", "morphine ir 15 mg po q4h prn"], NAIVE,
                    knowledge=k)
    assert not [f for f in beside if f.code == "opioid-naive-start" and "usual day" in f.message]


def test_a_markets_parenteral_morphine_start_judges_other_opioids_by_that_route(tmp_path):
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + (
        "naive-start,,,,,uk,4,,,warning,Test oral start for every opioid [P],P,\n"
        "naive-start,morphine,sc,,,uk,5,,,warning,Test SC morphine start [P],P,\n"))
    small, large = ["oxycodone 1 mg sc q2h prn"], ["oxycodone 10 mg sc q2h prn"]
    # 1 mg SC oxycodone is above the oral 4 mg OME, within 5 mg SC morphine read in OME
    assert "opioid-naive-start" not in _codes_raised(_found(small, NAIVE, market="uk",
                                                            knowledge=k))
    shown = [f for f in _found(large, NAIVE, market="uk", knowledge=k)
             if f.code == "opioid-naive-start"]
    assert shown and "sc morphine start" in shown[0].source
    # a market with no SC morphine row keeps its rows of every opioid
    k_us = _knowledge(tmp_path / "us", opioid_dose_ranges=RANGES_HEADER + (
        "naive-start,,,,,us,4,,,warning,Test oral start for every opioid [P],P,\n"))
    assert "opioid-naive-start" in _codes_raised(_found(small, NAIVE, market="us",
                                                        knowledge=k_us))


def test_methadone_with_a_conditional_qt_risk_is_information(tmp_path):
    k = _knowledge(tmp_path, drug_properties=PROPERTIES_HEADER + (
        "metoclopramide,qt_risk,conditional,Test list [P],P,\n"
        "haloperidol,qt_risk,known,Test list [P],P,\n"))
    conditional = [f for f in _found(["methadone 5 mg po q8h", "metoclopramide 10 mg po tid"],
                                     knowledge=k) if f.code == "methadone-qt"]
    assert [f.severity for f in conditional] == [Severity.INFO]
    known = _found(["methadone 5 mg po q8h", "haloperidol 1 mg po at night"], knowledge=k)
    assert ("methadone-qt", Severity.WARNING) in _raised(known)


def test_two_gabapentinoids_together_are_a_duplication():
    both = _found(["pregabalin 75 mg po bid", "gabapentin 300 mg po tid"])
    assert ("gabapentinoid-duplication", Severity.WARNING) in _raised(both)
    assert "gabapentinoid-duplication" not in {f.code for f in _found(["pregabalin 75 mg po bid"])}


def test_an_opioid_with_another_cns_depressant_or_a_cyp3a4_inhibitor(tmp_path):
    k = _knowledge(tmp_path, drug_properties=PROPERTIES_HEADER + (
        "zolpidem,respiratory_depressant,yes,Test label [P],P,\n"
        "lorazepam,respiratory_depressant,yes,Test label [P],P,\n"
        "fentanyl,cyp3a4_substrate,yes,Test label [P],P,\n"
        "clarithromycin,cyp3a4_inhibitor,strong,Test list [P],P,\n"))
    hypnotic = _found(["oxycodone er 10 mg po q12h", "zolpidem 10 mg po at night"], knowledge=k)
    assert ("opioid-cns-depressant", Severity.WARNING) in _raised(hypnotic)
    # a benzodiazepine has its own rule, not this one
    benzo = _found(["oxycodone er 10 mg po q12h", "lorazepam 1 mg po at night"], knowledge=k)
    assert "opioid-cns-depressant" not in {f.code for f in benzo}
    inhibited = _found(["fentanyl 25 mcg/h td q72h", "clarithromycin 500 mg po bid"], knowledge=k)
    assert ("opioid-cyp3a4-inhibitor", Severity.WARNING) in _raised(inhibited)
    other = _found(["oxycodone er 10 mg po q12h", "clarithromycin 500 mg po bid"], knowledge=k)
    assert "opioid-cyp3a4-inhibitor" not in {f.code for f in other}  # not a substrate here


def test_a_route_judged_only_by_a_label_row_is_still_bounded_by_the_plausibility_ceiling(tmp_path):
    # no table has IM buprenorphine: a label's usual row judges it, and the drug's smallest
    # factor of any route bounds a unit slip unless a plausible row of its own says otherwise
    general = ("plausible,,,,,,,3000,,error,mpsdose convention: test ceiling (ISMP test) [P],P,\n"
               "usual,buprenorphine,im,,,,0.6,,,warning,Test label [P],P,\n")
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + general)
    slip = _found(["buprenorphine 600 mg im q6h"], knowledge=k)
    assert ("opioid-implausible-dose", Severity.ERROR) in _raised(slip)
    # above the label's usual dose too, said once: folded into the unit slip
    assert [own_severity(f) for f in slip if f.code == "opioid-above-usual"] == [Severity.WARNING]
    meant = _found(["buprenorphine 0.6 mg im q6h"], knowledge=k)
    assert "opioid-implausible-dose" not in {f.code for f in meant}
    own = _knowledge(tmp_path / "own", opioid_dose_ranges=RANGES_HEADER + general + (
        "plausible,buprenorphine,im,,,,1000,,,error,Test own ceiling [P],P,\n"))
    assert "opioid-implausible-dose" not in {
        f.code for f in _found(["buprenorphine 600 mg im q6h"], knowledge=own)}

def test_a_drug_contraindicated_with_cyp3a4_inhibitors_from_a_strength_on(tmp_path):
    k = _knowledge(tmp_path, drug_properties=PROPERTIES_HEADER + (
        "domperidone,cyp3a4_inhibitor_contraindicated,strong,Test label [P],P,\n"
        "clarithromycin,cyp3a4_inhibitor,strong,Test list [P],P,\n"
        "fluconazole,cyp3a4_inhibitor,moderate,Test list [P],P,\n"))
    strong = _found(["domperidone 10 mg po tid", "clarithromycin 500 mg po bid"], knowledge=k)
    assert ("cyp3a4-inhibitor-contraindicated", Severity.ERROR) in _raised(strong)
    weaker = _found(["domperidone 10 mg po tid", "fluconazole 200 mg po daily"], knowledge=k)
    assert "cyp3a4-inhibitor-contraindicated" not in {f.code for f in weaker}
    alone = _found(["domperidone 10 mg po tid"], knowledge=k)
    assert "cyp3a4-inhibitor-contraindicated" not in {f.code for f in alone}
    k2 = _knowledge(tmp_path / "moderate", drug_properties=PROPERTIES_HEADER + (
        "domperidone,cyp3a4_inhibitor_contraindicated,moderate,Test label [P],P,\n"
        "fluconazole,cyp3a4_inhibitor,moderate,Test list [P],P,\n"))
    moderate = _found(["domperidone 10 mg po tid", "fluconazole 200 mg po daily"], knowledge=k2)
    assert ("cyp3a4-inhibitor-contraindicated", Severity.ERROR) in _raised(moderate)


def test_a_markets_own_renal_band_shadows_another_markets_avoid_row(tmp_path):
    header = ("drug,route,release,condition,condition_band,condition_value,max_single_mg,"
              "max_daily_mg,max_daily_mg_per_kg,max_days,scope,market,severity,source,grade,notes\n")
    k = _knowledge(tmp_path, dose_limits=header + (
        'dabigatran,oral,,crcl_ml_min,"(, 30)",,,0,,,,uk,,Test SmPC [P],P,\n'
        'dabigatran,oral,,crcl_ml_min,"[15, 30)",,,150,,,,us,,Test label [P],P,\n'))
    renal = attrs.evolve(TOLERANT, crcl_ml_min=24)
    us = _found(["dabigatran 75 mg po bid"], renal, market="us", knowledge=k)
    assert not {c for c, _ in _raised(us) if c.startswith("dabigatran")}
    assert "dabigatran-above-max" in {c for c, _ in _raised(
        _found(["dabigatran 150 mg po bid"], renal, market="us", knowledge=k))}
    uk = _found(["dabigatran 75 mg po bid"], renal, market="uk", knowledge=k)
    assert "dabigatran-avoid" in {c for c, _ in _raised(uk)}
    # a market with no row of its own for the band takes the other market's, as a warning
    k_uk_only = _knowledge(tmp_path / "uk", dose_limits=header + (
        'dabigatran,oral,,crcl_ml_min,"(, 30)",,,0,,,,uk,,Test SmPC [P],P,\n'))
    assert ("dabigatran-avoid", Severity.WARNING) in _raised(
        _found(["dabigatran 75 mg po bid"], renal, market="us", knowledge=k_uk_only))


# -- the fourth look at the third round (safety5) -------------------------------------------------
def test_a_parenteral_start_reads_the_other_opioid_by_one_sources_ratio(tmp_path):
    # the shipped SPCG factors: SC diamorphine 3, SC morphine 2 mg OME per mg (3:2); PDQ's SC
    # morphine 3 must not stand in for the start while SPCG's diamorphine reads the dose
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + (
        "naive-start,,,,,uk,4,,,warning,Test oral start for every opioid [P],P,\n"
        "naive-start,morphine,sc,,,uk,,20,,warning,Test SC morphine start [P],P,\n"))
    # 14 mg/day of diamorphine is 21 mg of SC morphine by 3:2, above the 20; 13 mg is 19.5
    above = [f for f in _found(["diamorphine 14 mg/day sc continuous"], NAIVE, market="uk",
                               knowledge=k) if f.code == "opioid-naive-start"]
    assert [f.severity for f in above] == [Severity.WARNING]
    assert "ratio of their factors in spcg" in above[0].source
    assert "opioid-naive-start" not in _codes_raised(_found(
        ["diamorphine 13 mg/day sc continuous"], NAIVE, market="uk", knowledge=k))


def _tiny_tables(tmp_path: Path, rows: str) -> Knowledge:
    tables = ("table,title,purpose,version,effective_date,source,grade,notes\n"
              "tiny,Tiny rotation table,rotation,1,2020-01-01,Test [P],P,\n"
              "cdc2022,Tiny surveillance table,surveillance,1,2020-01-01,Test [P],P,\n")
    header = ("table,drug,route,form,unit,factor,factor_low,factor_high,daily_dose_min,"
              "daily_dose_max,source,grade,notes\n")
    return _knowledge(tmp_path, equivalence_tables=tables, opioid_equivalence=header + rows
                      + "cdc2022,morphine,oral,,mg/day,1,,,,,Test [P],P,\n")


def test_a_switch_at_the_top_of_a_range_only_factor_is_unreduced(tmp_path):
    only_range = _tiny_tables(tmp_path / "range", "tiny,morphine,oral,,mg/day,1,,,,,Test [P],P,\n"
                              "tiny,hydrocodone,oral,,mg/day,,0.5,1,,,Test [P],P,\n")
    switch = dict(previous=["morphine er 60 mg po q12h"], table="tiny", knowledge=only_range)
    # 1:1 is the top of the table's 0.5-1: a published ratio, under which nothing is reduced
    shown = [f for f in _found(["hydrocodone er 60 mg po q12h"], **switch)
             if f.code == "equianalgesic-switch"]
    assert shown and "top of the range" in shown[0].message
    # 25% below it is reduced under every reading of the table
    assert "equianalgesic-switch" not in {
        f.code for f in _found(["hydrocodone er 45 mg po q12h"], **switch)}
    # a range around the table's own factor is its uncertainty: the factor (0.5) judges
    with_point = _tiny_tables(tmp_path / "point", "tiny,morphine,oral,,mg/day,1,,,,,Test [P],P,\n"
                              "tiny,hydrocodone,oral,,mg/day,0.5,0.5,1,,,Test [P],P,\n")
    assert "equianalgesic-switch" not in {f.code for f in _found(
        ["hydrocodone er 60 mg po q12h"], previous=["morphine er 60 mg po q12h"], table="tiny",
        knowledge=with_point)}


def test_an_iv_dose_above_every_labelled_dose_is_implausible(tmp_path):
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + (
        "usual,sufentanil,iv,,,,0.05,,,warning,Test label [P],P,\n"
        "plausible,sufentanil,iv,,,,3,,,error,mpsdose convention: test ceiling [P],P,\n"))
    assert ("opioid-implausible-dose", Severity.ERROR) in _raised(
        _found(["sufentanil 10 mg iv q1h prn"], knowledge=k))
    above_usual = _raised(_found(["sufentanil 0.1 mg iv q1h prn"], knowledge=k))
    assert above_usual == {("opioid-above-usual", Severity.WARNING)}
    within = _found(["sufentanil 25 mcg iv q1h prn"], knowledge=k)
    assert not _raised(within)
    assert "opioid-dose-range-not-checked" not in {f.code for f in within}  # judged by its rows


# -- an NSAID beside dual antiplatelet therapy ------------------------------------------------------
@pytest.mark.parametrize(("beside", "expected"), [
    (["aspirin 75 mg po daily", "clopidogrel 75 mg po daily", "lansoprazole 15 mg po daily"],
     ("dual-antiplatelet-nsaid", Severity.WARNING)),
    (["aspirin 75 mg po daily", "clopidogrel 75 mg po daily"],
     ("dual-antiplatelet-nsaid", Severity.WARNING)),
    (["aspirin 75 mg po daily", "lansoprazole 15 mg po daily"],
     ("antiplatelet-nsaid-protected", Severity.INFO)),
    (["clopidogrel 75 mg po daily"], ("antiplatelet-nsaid", Severity.WARNING)),
], ids=["two with a PPI", "two", "one with a PPI", "one"])
def test_a_ppi_protects_an_nsaid_beside_one_antiplatelet_drug_not_two(beside, expected):
    found = _found(["ibuprofen 400 mg po tid", *beside], attrs.evolve(TOLERANT, age=68))
    bleeding = {(f.code, f.severity) for f in found if "antiplatelet" in f.code}
    assert bleeding == {expected}


# -- the fourth held-out round (safety6) -----------------------------------------------------------
def _benzodiazepine_threshold(tmp_path: Path, years: int) -> Knowledge:
    """The shipped safety rules with the benzodiazepine-older threshold moved to ``years``."""
    shipped = (Path(__file__).parents[1] / "data" / "safety_rules.csv").read_text(encoding="utf-8")
    lines = [line.replace("benzodiazepine-older,warning,65,", f"benzodiazepine-older,warning,{years},")
             if line.startswith("benzodiazepine-older,") else line
             for line in shipped.splitlines(keepends=True)]
    return _knowledge(tmp_path, safety_rules="".join(lines))


@pytest.mark.parametrize(("age", "setting", "expected"), [
    (85, "community", Severity.WARNING),
    (85, "hospice", Severity.INFO),  # the Beers Criteria exclude hospice and end-of-life care
    (75, "community", None),  # below this file's threshold of 80
    (85, None, Severity.WARNING),
], ids=["85 at home", "85 in a hospice", "75", "85, no setting"])
def test_a_benzodiazepine_alone_from_the_rules_age(tmp_path, age, setting, expected):
    k = _benzodiazepine_threshold(tmp_path, 80)
    shown = [f for f in check(Regimen.parse(["diazepam 5 mg po tid"]),
                              Patient(age=age, setting=setting), knowledge=k)
             if f.code == "benzodiazepine-older"]
    assert [f.severity for f in shown] == ([] if expected is None else [expected])


def test_a_benzodiazepine_syringe_driver_with_no_setting_is_read_as_end_of_life_care(tmp_path):
    k = _benzodiazepine_threshold(tmp_path, 80)
    driver = [f for f in check(Regimen.parse(["midazolam 10 mg/day sc continuous"]),
                               Patient(age=85), knowledge=k) if f.code == "benzodiazepine-older"]
    assert [f.severity for f in driver] == [Severity.INFO]
    assert "syringe driver" in driver[0].message
    # the same infusion in a hospital ward is not end-of-life care by default
    ward = check(Regimen.parse(["midazolam 10 mg/day sc continuous"]),
                 Patient(age=85, setting="hospital"), knowledge=k)
    assert ("benzodiazepine-older", Severity.WARNING) in _raised(ward)


def test_a_benzodiazepine_beside_an_opioid_is_left_to_the_combinations_rules(tmp_path):
    k = _benzodiazepine_threshold(tmp_path, 80)
    found = check(Regimen.parse(["oxycodone er 10 mg po q12h", "diazepam 5 mg po tid"]),
                  Patient(age=85, opioid_tolerant=True, setting="community"), knowledge=k)
    codes = {f.code for f in found}
    assert "benzodiazepine-older" not in codes
    assert "opioid-benzodiazepine-older" in codes


def test_a_cyp3a4_substrate_is_whatever_the_properties_file_names(tmp_path):
    k = _knowledge(tmp_path, drug_properties=PROPERTIES_HEADER + (
        "oxycodone,cyp3a4_substrate,yes,Test label [P],P,\n"
        "clarithromycin,cyp3a4_inhibitor,strong,Test list [P],P,\n"))
    inhibited = _found(["oxycodone er 10 mg po q12h", "clarithromycin 500 mg po bid"], knowledge=k)
    assert ("opioid-cyp3a4-inhibitor", Severity.WARNING) in _raised(inhibited)
    other = _found(["fentanyl 25 mcg/h td q72h", "clarithromycin 500 mg po bid"], knowledge=k)
    assert "opioid-cyp3a4-inhibitor" not in {f.code for f in other}


# -- a dose no row judges is reported, not passed ---------------------------------------------------
USUAL_HEADER = "drug,route,indication,daily_mg_low,daily_mg_high,source,grade,notes\n"


def _unjudged(found: list[Finding]) -> str | None:
    shown = [f.message for f in found if f.code == "dose-not-checked"]
    assert len(shown) <= 1, shown  # said once a regimen
    return shown[0] if shown else None


def test_a_dose_no_row_judges_is_reported_once_not_passed(tmp_path):
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        "metoclopramide,sc,,any,,,,30,,,,uk,,Test label [P],P,\n"),
        usual_ranges=USUAL_HEADER + "cyclizine,,test,50,150,Test guide [P],P,\n")
    regimen = ["metoclopramide 10 mg sc q8h", "metoclopramide 10 mg po tid",
               "cyclizine 50 mg po tid", "morphine 5 mg po q4h"]
    shown = _unjudged(_found(regimen, knowledge=k))
    assert shown is not None and "metoclopramide (oral)" in shown
    # judged: the SC row, the usual range of any route; opioids have a rule of their own
    assert "(sc)" not in shown and "cyclizine" not in shown and "morphine" not in shown
    # a chosen market with no row for the drug and route is judged by another market's, as a
    # warning saying so: choosing a market chooses its labels, not silence
    assert _unjudged(_found(["metoclopramide 10 mg sc q8h"], knowledge=k, market="us")) is None
    assert _unjudged(_found(["metoclopramide 10 mg sc q8h"], knowledge=k, market="uk")) is None
    above = [f for f in _found(["metoclopramide 20 mg sc q8h"], knowledge=k, market="us")
             if f.code == "metoclopramide-above-max"]
    assert [f.severity for f in above] == [Severity.WARNING]
    assert "US sources give no maximum" in above[0].message


def test_another_markets_general_maximum_is_not_used_where_the_chosen_market_has_one(tmp_path):
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        "metoclopramide,sc,,any,,,,30,,,,uk,,Test UK label [P],P,\n"
        "metoclopramide,sc,,any,,,,60,,,,us,,Test US label [P],P,\n"))
    found = _found(["metoclopramide 15 mg sc q8h"], knowledge=k, market="us")  # 45 mg/day
    assert "metoclopramide-above-max" not in {f.code for f in found}
    found = _found(["metoclopramide 15 mg sc q8h"], knowledge=k, market="uk")
    assert "metoclopramide-above-max" in _codes_raised(found)


def test_a_chosen_markets_row_of_another_release_leaves_the_release_to_another_market(tmp_path):
    # the EU has a prolonged-release tramadol row only: its tablets are judged by the US row
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        "tramadol,oral,ir,any,,,,400,,,,us,,Test US tablets label [P],P,\n"
        "tramadol,oral,er,any,,,,400,,,,eu,,Test EU prolonged-release label [P],P,\n"))
    above = [f for f in _found(["tramadol 500 mg po q6h"], knowledge=k, market="eu")
             if f.code == "tramadol-above-max"]
    assert [f.severity for f in above] == [Severity.WARNING]
    assert "EU sources give no maximum for tramadol by the oral route (IR)" in above[0].message
    # the EU's own prolonged-release row judges its own release, and the US row does not
    found = _found(["tramadol er 150 mg po q12h"], knowledge=k, market="eu")
    assert "tramadol-above-max" not in {f.code for f in found}
    assert "tramadol-above-max" in _codes_raised(
        _found(["tramadol er 300 mg po q12h"], knowledge=k, market="eu"))


def test_a_band_of_no_market_does_not_stand_for_the_chosen_markets_general_maximum(tmp_path):
    # WD07: the US rows are a CrCl band only; outside it, the EU general per-kg row judges
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        "enoxaparin,sc,,any,,,,,2,,,eu,,Test EU label [P],P,\n"
        'enoxaparin,sc,,crcl_ml_min,"(, 30)",,,,1,,,,,Test renal table [P],P,\n'))
    order = ["enoxaparin 400 mg sc daily"]
    found = _found(order, Patient(weight_kg=70, crcl_ml_min=80), knowledge=k, market="us")
    above = [f for f in found if f.code == "enoxaparin-above-max"]
    assert [f.severity for f in above] == [Severity.WARNING]
    assert "US sources give no maximum" in above[0].message


def test_a_drug_whose_only_rows_are_bands_the_patient_is_outside_is_not_checked(tmp_path):
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        'dabigatran,oral,,crcl_ml_min,"[15, 30)",,75,150,,,,,,Test renal band [P],P,\n'
        "metoclopramide,,,any,,,,,,5,,,,Test duration only [P],P,\n"))
    outside = _found(["dabigatran 1500 mg po daily"], Patient(crcl_ml_min=80), knowledge=k)
    assert "dabigatran (oral)" in (_unjudged(outside) or "")
    inside = _found(["dabigatran 1500 mg po daily"], Patient(crcl_ml_min=20), knowledge=k)
    assert _unjudged(inside) is None
    assert "dabigatran-above-max" in _codes_raised(inside)
    # a row giving a duration only is no dose maximum
    nasal = _found(["metoclopramide 10 mg intranasal qid"], knowledge=k)
    assert "metoclopramide (intranasal)" in (_unjudged(nasal) or "")


def test_every_shipped_drug_and_route_of_a_limit_row_is_judged():
    """The shipped limits judge their own drug and route: no false 'not checked'."""
    from mpsdose.knowledge.bundle import resolve
    judged = 0
    for row in resolve(None).dose_limits:
        if row.route is None or row.market is not None:
            continue
        item = f"{row.drug} 1 {row.dose_unit} {row.route.value} daily"  # mg, or units (heparin)
        shown = _unjudged(_found([item]))
        assert shown is None or f"{row.drug} ({row.route.value})" not in shown, item
        judged += 1
    assert judged >= 10


# -- a route no table has: the drug's smallest factor as a floor for the plausibility ceiling -----
@pytest.mark.parametrize(("item", "implausible"), [
    ("fentanyl 100 mg/day epidural continuous", True),      # mcg written as mg
    ("fentanyl 600 mcg/day epidural continuous", False),    # an epidural infusion
    ("fentanyl 20 mg epidural once", True),
], ids=["mg for mcg a day", "an ordinary epidural day", "mg for mcg a dose"])
def test_a_route_no_table_has_is_held_to_the_ceiling_at_the_drugs_smallest_factor(
        tmp_path, item, implausible):
    # the shipped tables give the floor (fentanyl: at most 0.13 mg OME per mcg by any route);
    # this file's own ceilings: 500 mg OME a dose, 1,000 mg OME a day
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + (
        "usual,,,,,,,100,,warning,Test source [P],P,\n"
        "plausible,,,,,,500,1000,,error,mpsdose convention: test ceiling (ISMP test) [P],P,\n"))
    found = _found([item], knowledge=k)
    errors = [f for f in found if f.code == "opioid-implausible-dose"]
    assert bool(errors) is implausible
    if errors:
        assert "as a floor: no table has epidural" in errors[0].message
    # the usual and starting doses stay not judged, and say so
    assert any(f.code == "opioid-dose-range-not-checked" for f in found)


# -- a rescue beside methadone: a bound at the largest reading of the day --------------------------
def _rescue_codes(found: list[Finding]) -> set[tuple[str, Severity]]:
    return {(f.code, f.severity) for f in found if f.code.startswith("rescue-share")}


def test_a_rescue_above_every_share_even_at_methadones_largest_reading_is_a_warning():
    found = _found(["methadone 5 mg po q8h", "morphine ir 30 mg po q1h prn"])
    assert _rescue_codes(found) == {("rescue-share", Severity.WARNING)}
    shown = next(f.message for f in found if f.code == "rescue-share")
    assert "beside methadone" in shown and "previous" in shown


def test_a_rescue_sized_to_the_day_methadone_replaces_is_not_warned():
    regimen = ["methadone 2.5 mg po q8h", "morphine ir 10 mg po q4h prn max 4/day"]
    alone = _found(regimen)
    assert ("rescue-share", Severity.WARNING) in _rescue_codes(alone)  # 7.5 mg/day alone
    switched = _found(regimen, previous=["morphine er 30 mg po q12h"])
    assert ("rescue-share", Severity.WARNING) not in _rescue_codes(switched)
    # and where the bound cannot judge it, it is still said to be not checked
    assert ("rescue-share-not-checked", Severity.INFO) in _rescue_codes(switched)


# -- the rescue of a continuous infusion: an hour's amount -----------------------------------------
@pytest.mark.parametrize(("rescue", "expected"), [
    ("morphine 3 mg iv q1h prn max 6/day", Severity.INFO),       # one hour of 3 mg/h
    ("morphine 4 mg iv q1h prn max 6/day", Severity.INFO),       # a little more than an hour
    ("morphine 1 mg iv q1h prn max 6/day", Severity.WARNING),    # a third of an hour: too small
    ("morphine 3 mg sc q1h prn max 6/day", Severity.WARNING),    # another route than the infusion
], ids=["an hour", "more than an hour", "less than an hour", "another route"])
def test_a_rescue_of_an_hours_infusion_is_the_infusions_own_rescue(rescue, expected):
    found = _found(["morphine 3 mg/h iv continuous", rescue])
    shown = [f for f in found if f.code == "rescue-share"]
    assert [f.severity for f in shown] == [expected]
    if expected is Severity.INFO:
        assert "an hour's amount of a continuous infusion" in shown[0].message


# -- fifth held-out round (tests/data/check_*_fresh5.csv) -----------------------------------------
SHIPPED_RULES = Path(__file__).resolve().parent.parent / "data" / "safety_rules.csv"


def _route_ratios(tmp_path: Path, systemic: str, spinal: str) -> Knowledge:
    """The shipped rules with the route-change ratios of this test's own."""
    lines = SHIPPED_RULES.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for line in lines:
        if line.startswith("opioid-route-change,warning,2,"):
            line = line.replace("opioid-route-change,warning,2,",
                                f"opioid-route-change,warning,{systemic},", 1)
        elif line.startswith("opioid-route-change-neuraxial,warning,10,"):
            line = line.replace("opioid-route-change-neuraxial,warning,10,",
                                f"opioid-route-change-neuraxial,warning,{spinal},", 1)
        out.append(line)
    return _knowledge(tmp_path, safety_rules="".join(out))


def _route_changed(items: list[str], previous: list[str], **kwargs: object) -> list[Finding]:
    return [f for f in _found(items, previous=previous, **kwargs)
            if f.code == "opioid-route-change"]


def test_a_neuraxial_dose_reduced_by_less_than_the_route_ratios_is_flagged():
    oral = ["morphine er 30 mg po q12h"]  # 60 mg/day: at most 60 / (2 x 10 x 10) = 0.3 intrathecal
    shown = _route_changed(["morphine 10 mg/day intrathecal continuous"], oral)
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "0.3 mg/day" in shown[0].message and "200:1" in shown[0].message
    assert not _route_changed(["morphine 0.25 mg/day intrathecal continuous"], oral)
    # IV to epidural: 30 mg/day IV is at most 3 mg/day epidurally
    iv = ["morphine 30 mg/day iv continuous"]
    assert _route_changed(["morphine 5 mg/day epidural continuous"], iv)
    assert not _route_changed(["morphine 3 mg/day epidural continuous"], iv)


def test_the_route_ratios_are_the_rules_thresholds(tmp_path):
    # with ratios of 1 (systemic) and 2 (each neuraxial step), oral 60 mg/day allows 15 mg/day
    # intrathecally: 10 mg/day is no longer above it, 20 mg/day is
    k = _route_ratios(tmp_path, systemic="1", spinal="2")
    oral = ["morphine er 30 mg po q12h"]
    assert not _route_changed(["morphine 10 mg/day intrathecal continuous"], oral, knowledge=k)
    assert _route_changed(["morphine 20 mg/day intrathecal continuous"], oral, knowledge=k)


def test_a_switch_to_a_new_opioid_by_a_neuraxial_route_is_judged_at_the_route_ratios():
    # SC oxycodone 40 mg/day (SPCG: 200 mg OME/day) to intrathecal morphine: no table has an
    # intrathecal factor, so the day is read as parenteral at 10:1 a neuraxial step (4 mg/day as
    # 400 mg/day IV, 800 mg OME/day by SPCG's 2) — above the old day — CP25
    sc = ["oxycodone 40 mg/day sc continuous"]
    shown = _route_changed(["morphine 4 mg/day intrathecal continuous"], sc)
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "400 mg/day parenteral" in shown[0].message and "10:1" in shown[0].message
    assert "100 IV : 10 epidural : 1 intrathecal" in shown[0].message  # the rule's statement
    # 0.5 mg/day intrathecally reads as 50 mg/day IV, 100 mg OME/day: below the old day, silent
    quiet = _found(["morphine 0.5 mg/day intrathecal continuous"], previous=sc)
    assert not [f for f in quiet if f.code == "opioid-route-change"]
    assert all(f.severity is Severity.INFO for f in quiet if f.code == "switch-not-judged")


def test_the_neuraxial_switch_reads_the_rules_ratio(tmp_path):
    # with each neuraxial step read at 1:1, intrathecal morphine 4 mg/day is 4 mg/day IV: no rise
    k = _route_ratios(tmp_path, systemic="2", spinal="1")
    sc = ["oxycodone 40 mg/day sc continuous"]
    assert not _route_changed(["morphine 4 mg/day intrathecal continuous"], sc, knowledge=k)
    assert _route_changed(["morphine 150 mg/day intrathecal continuous"], sc, knowledge=k)


def _sc_morphine_start(tmp_path: Path, per_dose: float) -> Knowledge:
    return _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + (
        "naive-start,,,,,uk,1,,,warning,Test source (every opioid) [P],P,\n"
        f"naive-start,morphine,sc,,,uk,{per_dose},,,warning,Test source (SC morphine) [P],P,\n"
        "plausible,,,,,,,100000,,error,mpsdose convention: test ceiling (ISMP test) [P],P,\n"))


def test_a_parenteral_rescue_steps_down_by_the_markets_parenteral_morphine_start(tmp_path):
    # oxycodone 2.5 mg SC on 10 mg/day is 25%, above the UK sixth; SPCG reads SC oxycodone at
    # twice SC morphine, so 2.5 mg is 5 mg of SC morphine: within a 5 mg SC morphine start it is
    # information, above a 4 mg one it stays a warning (the oral start of every opioid, 1 mg OME
    # here, no longer judges the SC route where the market has its own SC morphine start)
    items = ["oxycodone 10 mg/day sc continuous", "oxycodone 2.5 mg sc q2h prn max 6/day"]
    allowed = [f for f in _found(items, market="uk", knowledge=_sc_morphine_start(tmp_path / "a", 5))
               if f.code == "rescue-share"]
    assert [f.severity for f in allowed] == [Severity.INFO]
    assert "starting dose" in allowed[0].message
    above = [f for f in _found(items, market="uk", knowledge=_sc_morphine_start(tmp_path / "b", 4))
             if f.code == "rescue-share"]
    assert [f.severity for f in above] == [Severity.WARNING]


# -- a rescue as large as a naive start per dose, but not per day ----------------------------------
@pytest.mark.parametrize(("rescue", "expected"), [
    ("morphine ir 30 mg po q2h prn max 1/day", Severity.INFO),     # one start a day
    ("morphine ir 30 mg po q2h prn max 2/day", Severity.INFO),     # 60 mg: the day's start
    ("morphine ir 30 mg po q2h prn", Severity.WARNING),            # a usual day: 90 mg
], ids=["one a day", "two a day", "a usual day of three"])
def test_the_naive_start_step_down_needs_the_rescues_usual_day_within_the_starts_day(
        tmp_path, rescue, expected):
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + (
        "naive-start,morphine,oral,ir,,us,30,60,,warning,Test US label [P],P,\n"
        "naive-start,,,,,us,30,60,,warning,Test US label for every opioid [P],P,\n"))
    items = ["morphine er 60 mg po q12h", rescue]  # a rescue of 25% of the day
    shown = [f.severity for f in _found(items, knowledge=k, market="us")
             if f.code == "rescue-share"]
    assert shown == [expected]


# -- a Z-drug hypnotic from 65 (Beers) ------------------------------------------------------------
@pytest.mark.parametrize(("patient", "beside", "expected"), [
    (Patient(age=82), [], Severity.WARNING),
    (Patient(age=60), [], None),
    (Patient(age=82, setting="hospice"), [], Severity.INFO),
    (Patient(age=82), ["morphine 5 mg po q4h"], None),   # opioid-cns-depressant judges the pair
], ids=["82", "60", "82 in hospice", "82 beside an opioid"])
def test_a_z_drug_from_65_is_avoided_as_a_benzodiazepine_is(patient, beside, expected):
    found = _found(["zolpidem 10 mg po at night", *beside], patient)
    shown = [f.severity for f in found if f.code == "hypnotic-older"]
    assert shown == ([] if expected is None else [expected])
    if beside:
        assert "opioid-cns-depressant" in {f.code for f in found}


# -- round 8: a product label's own titration increment -----------------------------------------
def _label_step(tmp_path: Path, row: str = "") -> Knowledge:
    return _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + (
        "usual,,,,,,,100000,,warning,Test source [P],P,\n"
        "plausible,,,,,,,1000000,,error,mpsdose convention: test ceiling (ISMP test) [P],P,\n"
        + row))


def _titration(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code == "opioid-titration-step"]


def test_a_rise_within_the_labels_own_increment_is_information(tmp_path):
    k = _label_step(tmp_path, "titration-step,buprenorphine,buccal,,12,us,0.15,,,info,"
                              "Test label [P],P,\n")
    before = ["buprenorphine 150 mcg buccal q12h"]
    within = _titration(_found(["buprenorphine 300 mcg buccal q12h"], previous=before,
                               knowledge=k))  # +100%, one 150-microgram step
    assert [f.severity for f in within] == [Severity.INFO]
    assert "Test label" in within[0].source and "label's own increment" in within[0].message
    beyond = _titration(_found(["buprenorphine 600 mcg buccal q12h"], previous=before,
                               knowledge=k))  # three steps at once
    assert [f.severity for f in beyond] == [Severity.WARNING]
    # a market with no label increment of its own borrows another market's for the same product
    # (fix49, tests/test_fix49_rules.py), naming it; a different interval does not judge
    other = _titration(_found(["buprenorphine 300 mcg buccal q12h"], previous=before,
                              knowledge=k, market="jp"))
    assert [f.severity for f in other] == [Severity.INFO]
    assert "borrowed: no JP label increment" in other[0].message
    daily = _titration(_found(["buprenorphine 200 mcg buccal q8h"],
                              previous=["buprenorphine 100 mcg buccal q8h"], knowledge=k))
    assert [f.severity for f in daily] == [Severity.WARNING]


def test_without_a_label_increment_the_percentage_step_judges(tmp_path):
    k = _label_step(tmp_path)
    found = _titration(_found(["buprenorphine 300 mcg buccal q12h"],
                              previous=["buprenorphine 150 mcg buccal q12h"], knowledge=k))
    assert [f.severity for f in found] == [Severity.WARNING]


def test_a_label_increment_row_does_not_count_as_a_dose_range(tmp_path):
    # no table has a factor for epidural fentanyl: an increment row alone does not judge its dose
    k = _label_step(tmp_path, "titration-step,fentanyl,epidural,,12,,0.05,,,info,"
                              "Test label [P],P,\n")
    found = _found(["fentanyl 100 mcg epidural q12h"], knowledge=k)
    assert "opioid-dose-range-not-checked" in {f.code for f in found}


# -- round 8: a prodrug converted without the reduction for cross-tolerance ----------------------
def test_a_switch_between_a_prodrug_and_its_active_drug_is_flagged_only_above_it(tmp_path):
    with_property = _knowledge(tmp_path / "with", drug_properties=PROPERTIES_HEADER + (
        "diamorphine,converts_unreduced_with,morphine,Test chart [P],P,\n"))
    without = _knowledge(tmp_path / "without", drug_properties=PROPERTIES_HEADER)
    before = ["morphine er 90 mg po q12h"]

    def switch(items: list[str], k: Knowledge) -> list[Finding]:
        return [f for f in _found(items, previous=before, knowledge=k, table="spcg")
                if f.code == "equianalgesic-switch"]

    at_ratio = ["diamorphine 60 mg/24h sc continuous"]  # 180 mg oral morphine / 3
    shown = switch(at_ratio, with_property)
    assert [f.severity for f in shown] == [Severity.INFO]
    assert "Test chart" in shown[0].source and "morphine to diamorphine" in shown[0].message
    assert [f.severity for f in switch(at_ratio, without)] == [Severity.WARNING]
    above = switch(["diamorphine 90 mg/24h sc continuous"], with_property)  # 150% of the old
    assert [f.severity for f in above] == [Severity.WARNING]
    assert "never above it" in above[0].message
    # a different opioid still needs the reduction
    other = switch(["oxycodone 60 mg/24h sc continuous"], with_property)
    assert [f.severity for f in other] == [Severity.WARNING]


# -- round 8: a fixed starting dose for incident pain, below the share --------------------------
def _incident(tmp_path: Path, start: str | None) -> Knowledge:
    shipped = (Path(__file__).parents[1] / "data" / "rotation_rules.csv").read_text("utf-8")
    lines = shipped.splitlines()
    kept = [line for line in lines[1:] if not line.startswith((
        "breakthrough_fraction", "incident_pain_start"))]
    own = ["breakthrough_fraction,,,0.1,0.2,fraction,,Test source [P],P,,"]
    if start is not None:
        own.append(f"incident_pain_start,alfentanil,,0.05,{start},mg,,Test incident start [P],P,,")
    return _knowledge(tmp_path, rotation_rules="\n".join([lines[0], *own, *kept]) + "\n")


@pytest.mark.parametrize(("start", "severity"), [
    (None, Severity.WARNING),  # below the 10% share, no fixed start: too small a rescue
    ("0.3", Severity.INFO),  # within the source's fixed start for incident pain
    ("0.15", Severity.WARNING),  # above that start: judged as any rescue
])
def test_a_below_share_rescue_within_a_fixed_incident_pain_start(tmp_path, start, severity):
    k = _incident(tmp_path, start)
    items = ["oxycodone er 20 mg po q12h", "alfentanil 0.2 mg sc prn max 4/day"]
    shown = [f for f in _found(items, knowledge=k, table="spcg") if f.code == "rescue-share"]
    assert [f.severity for f in shown] == [severity]
    if severity is Severity.INFO:
        assert "Test incident start" in shown[0].source and "incident" in shown[0].message


def test_a_fixed_incident_pain_start_does_not_excuse_a_rescue_above_the_share(tmp_path):
    k = _incident(tmp_path, "10")  # a start far above: a large rescue is still judged by share
    items = ["alfentanil 1 mg/24h sc continuous", "alfentanil 0.5 mg sc q1h prn max 6/day"]
    shown = [f for f in _found(items, knowledge=k) if f.code == "rescue-share"]
    assert Severity.WARNING in {f.severity for f in shown}


# -- tenth held-out round (tests/data/check_*_fresh10.csv) ----------------------------------------
def test_a_switch_from_as_needed_opioids_is_judged_at_the_most_they_allowed(tmp_path):
    k = _tiny_tables(tmp_path, "tiny,morphine,oral,,mg/day,1,,,,,Test [P],P,\n"
                               "tiny,oxycodone,oral,,mg/day,1.5,,,,,Test [P],P,\n")
    switch = dict(previous=["morphine ir 10 mg po q4h prn max 6/day"], table="tiny", knowledge=k)
    # at most 60 mg a day as needed; oxycodone 40 mg/day is 60 mg OME: not reduced even against
    # the most the old regimen allowed
    shown = [f for f in _found(["oxycodone er 20 mg po q12h"], **switch)
             if f.code == "equianalgesic-switch"]
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "read at the most they allowed a day" in shown[0].message
    # half of it (30 mg OME) is reduced against that maximum: not flagged
    assert "equianalgesic-switch" not in {
        f.code for f in _found(["oxycodone er 10 mg po q12h"], **switch)}
    # as-needed to regular doses of the same drug is titration, not a switch
    assert "equianalgesic-switch" not in {
        f.code for f in _found(["morphine er 40 mg po q12h"], **switch)}
    # an as-needed dose with neither a maximum nor an interval has no day to read
    assert "equianalgesic-switch" not in {f.code for f in _found(
        ["oxycodone er 20 mg po q12h"], previous=["morphine ir 10 mg po prn"], table="tiny",
        knowledge=k)}


def test_a_rescue_beside_methadone_is_bounded_across_tables_when_no_one_table_has_both(tmp_path):
    # the rotation table reads the SC rescue, only the surveillance table reads methadone
    k = _tiny_tables(tmp_path, "tiny,morphine,oral,,mg/day,1,,,,,Test [P],P,\n"
                               "tiny,hydromorphone,sc,,mg/day,10,,,,,Test [P],P,\n"
                               "cdc2022,methadone,oral,,mg/day,4,,,,,Test [P],P,\n")
    day = ["methadone 5 mg po q8h"]  # 15 mg/day: 60 mg OME at this file's factor 4
    # 2 mg SC is 20 mg OME, a third of the day at the largest reading: a warning
    large = _found([*day, "hydromorphone 2 mg sc q1h prn max 6/day"], knowledge=k, table="tiny")
    assert _rescue_codes(large) == {("rescue-share", Severity.WARNING)}
    assert "no one table having both" in next(
        f.message for f in large if f.code == "rescue-share")
    # 0.5 mg SC is 5 mg OME, 8% of it: not above any source's share, so still not judged
    small = _found([*day, "hydromorphone 0.5 mg sc q1h prn max 6/day"], knowledge=k, table="tiny")
    assert _rescue_codes(small) == {("rescue-share-not-checked", Severity.INFO)}


# -- a limit for patients on long-term opioids (dose_limits.csv condition opioid_tolerant) -------
@pytest.mark.parametrize(("tolerant", "expected"), [
    (True, {("naloxone-single-dose-above-max", Severity.WARNING)}),
    (False, set()),
    (None, set())], ids=["tolerant", "naive", "not given"])
def test_a_limit_for_patients_on_long_term_opioids_reads_their_tolerance(tmp_path, tolerant,
                                                                          expected):
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        "naloxone,iv,,any,,,5,,,,,,,Test overdose range [P],P,\n"
        "naloxone,iv,,opioid_tolerant,,,1,,,,,,warning,Test alert [P],P,\n"))
    patient = attrs.evolve(TOLERANT, opioid_tolerant=tolerant)
    found = _found(["naloxone 2 mg iv prn"], patient, knowledge=k)
    assert _raised(found) == expected
    # not given: the limit is said not to be checked, never guessed either way
    assert any(f.code == "limit-not-checked" and "opioid tolerance" in f.message
               for f in found) is (tolerant is None)
    # within both rows: nothing, whatever the tolerance
    assert not _raised(_found(["naloxone 1 mg iv prn"], patient, knowledge=k))


def test_an_opioid_tolerant_limit_takes_no_band(tmp_path):
    from mpsdose.model.errors import DataError
    with pytest.raises(DataError, match=r"dose_limits\.csv:2, column condition_band"):
        _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
            'naloxone,iv,,opioid_tolerant,"[0, 1)",,1,,,,,,warning,Test [P],P,\n'))


# -- a market's own lowest patch (market_rules.csv patch_low_start) -------------------------------
MARKET_HEADER = ("market,rule,drug,route,release,interval_h,condition,condition_band,indication,"
                 "value,value_low,value_high,unit,table,severity,product,statement,source,grade,"
                 "notes\n")


def _low_patch(tmp_path: Path) -> Knowledge:
    return _knowledge(tmp_path, market_rules=MARKET_HEADER + (
        'uk,patch_low_start,fentanyl,transdermal,,,prior_ome_mg_per_day,"[40, 60)",,12,,,mcg/h,,'
        "info,Test patch,Test table: 12 for 40-60,Test UK table [P],P,\n"))


@pytest.mark.parametrize(("morphine", "patch", "market", "expected"), [
    (40, 12, "uk", Severity.INFO),     # the band's low edge, the row's strength
    (38, 12, "uk", Severity.ERROR),    # below the band: the US contraindication reads
    (40, 25, "uk", Severity.ERROR),    # a stronger patch than the row's
    (40, 12, "us", Severity.ERROR),    # another market: its own rule
], ids=["uk 40->12", "uk 38->12", "uk 40->25", "us 40->12"])
def test_a_markets_lowest_patch_steps_the_us_contraindication_down(tmp_path, morphine, patch,
                                                                   market, expected):
    k = _low_patch(tmp_path)
    found = _found([f"fentanyl {patch} mcg/h td q72h"], previous=[f"morphine {morphine} mg/day"],
                   knowledge=k, market=market)
    shown = [f for f in found if f.code == "fentanyl-patch-low-ome"]
    assert [f.severity for f in shown] == [expected]
    if expected is Severity.INFO:
        assert shown[0].source == "Test UK table [P]"
        assert "fentanyl-patch-first-dose" not in {f.code for f in found}


def test_a_lowest_patch_row_needs_its_band(tmp_path):
    from mpsdose.model.errors import DataError
    with pytest.raises(DataError, match="needs its condition_band"):
        _knowledge(tmp_path, market_rules=MARKET_HEADER + (
            "uk,patch_low_start,fentanyl,transdermal,,,any,,,12,,,mcg/h,,info,Test,Test,"
            "Test [P],P,\n"))


# -- rescue: below the usual share, and a market with no source of its own ------------------------
def _shares(tmp_path: Path, *rows: str) -> Knowledge:
    """The shipped rotation rules with the ``breakthrough_fraction`` rows given here only."""
    shipped = (Path(__file__).parents[1] / "data" / "rotation_rules.csv").read_text("utf-8")
    lines = shipped.splitlines()
    kept = [line for line in lines[1:] if not line.startswith("breakthrough_fraction")]
    return _knowledge(tmp_path, rotation_rules="\n".join([lines[0], *rows, *kept]) + "\n")


US_SHARE = "breakthrough_fraction,,,0.1,0.2,fraction,us,Test US source [P],P,,"
LOW_SHARE = "breakthrough_fraction,,,0.05,0.15,fraction,,Test low source [P],P,,"
JP_OXYCODONE = "breakthrough_fraction,oxycodone,,0.125,0.25,fraction,jp,Test JP label [P],P,,"


@pytest.mark.parametrize(("rescue", "rows", "expected"), [
    ("hydromorphone 2 mg po q2h prn max 4/day", (US_SHARE, LOW_SHARE), Severity.INFO),  # 8.3%
    ("hydromorphone 2 mg po q2h prn max 4/day", (US_SHARE,), Severity.WARNING),
    ("hydromorphone 1 mg po q2h prn max 4/day", (US_SHARE, LOW_SHARE), Severity.WARNING),  # 4.2%
], ids=["within a lower source", "no lower source", "below every source"])
def test_a_rescue_below_the_usual_share_is_information_only_within_a_source(tmp_path, rescue,
                                                                            rows, expected):
    k = _shares(tmp_path, *rows)
    found = [f for f in _found(["hydromorphone 4 mg po q4h", rescue], knowledge=k, market="us")
             if f.code == "rescue-share"]
    assert [f.severity for f in found] == [expected]
    if expected is Severity.INFO:
        assert "too little relief" in found[0].message
        assert "Test low source" in found[0].source


@pytest.mark.parametrize(("market", "expected"), [
    ("au", Severity.INFO), (None, Severity.INFO), ("us", Severity.WARNING),
    ("jp", Severity.INFO)])
def test_a_market_with_no_share_of_its_own_reads_every_markets_sources(tmp_path, market,
                                                                       expected):
    # 20 mg beside 80 mg/day is 25%: above the US 10-20%, within the JP label's 12.5-25% (and
    # above the US start for every opioid, 30 mg OME, at oxycodone's larger factor); a market
    # with a source of its own (us) is held to it, one without (au) is read as no market
    k = _shares(tmp_path, US_SHARE, JP_OXYCODONE)
    found = [f for f in _found(["oxycodone er 40 mg po q12h", "oxycodone ir 20 mg po q4h prn"],
                               knowledge=k, market=market) if f.code.startswith("rescue-share")]
    assert expected in {f.severity for f in found}
    assert all(f.severity is not Severity.WARNING for f in found) == (
        expected is Severity.INFO)
    if market == "au":
        assert "no AU source of the usual share is encoded" in found[0].message
        assert "Test JP label" in found[0].source


def _two_rescue_tables(tmp_path: Path, first: str, second: str) -> Knowledge:
    """Two rotation tables of the test's own (``wide`` read first, then ``narrow``), with the US
    and JP shares of the rescue tests above."""
    tables = ("table,title,purpose,version,effective_date,source,grade,notes\n"
              "wide,Wide rotation table,rotation,1,2020-01-01,Test wide table [P],P,\n"
              "narrow,Narrow rotation table,rotation,1,2020-01-01,Test narrow table [P],P,\n"
              "cdc2022,Tiny surveillance table,surveillance,1,2020-01-01,Test [P],P,\n")
    header = ("table,drug,route,form,unit,factor,factor_low,factor_high,daily_dose_min,"
              "daily_dose_max,source,grade,notes\n")
    shipped = (Path(__file__).parents[1] / "data" / "rotation_rules.csv").read_text("utf-8")
    lines = shipped.splitlines()
    kept = [line for line in lines[1:] if not line.startswith("breakthrough_fraction")]
    return _knowledge(tmp_path, equivalence_tables=tables, opioid_equivalence=header + first
                      + second + "cdc2022,morphine,oral,,mg/day,1,,,,,Test [P],P,\n",
                      rotation_rules="\n".join([lines[0], US_SHARE, JP_OXYCODONE, *kept]) + "\n")


WIDE = ("wide,morphine,oral,,mg/day,1,,,,,Test [P],P,\n"
        "wide,fentanyl,transdermal,,mcg/h,,2.4,5,,,Test [P],P,\n"
        "wide,oxycodone,oral,,mg/day,2,,,,,Test [P],P,\n"
        "wide,morphine,sc,,mg/day,2,,,,,Test [P],P,\n")
NARROW = ("narrow,morphine,oral,,mg/day,1,,,,,Test [P],P,\n"
          "narrow,fentanyl,transdermal,,mcg/h,2.4,,,,,Test [P],P,\n"
          "narrow,oxycodone,oral,,mg/day,1.5,,,,,Test [P],P,\n"
          "narrow,morphine,sc,,mg/day,3,,,,,Test [P],P,\n")
PATCH_RESCUE = ["fentanyl 25 mcg/h td q72h", "oxycodone ir 10 mg po q2h prn"]


def test_a_share_above_every_sources_top_in_one_table_only_is_the_tables_disagreeing(tmp_path):
    # oxycodone 10 mg beside 25 mcg/h: 16-33% by the wide table (20 mg OME against 60-125), above
    # the JP label's 25% top only at its largest reading; 25% by the narrow one (15 against 60)
    k = _two_rescue_tables(tmp_path, WIDE, NARROW)
    shown = [f for f in _found(PATCH_RESCUE, knowledge=k, market="au")
             if f.code == "rescue-share"]
    assert [f.severity for f in shown] == [Severity.INFO]
    assert "conversion tables disagree" in shown[0].message
    assert "by wide it is up to 33.3%" in shown[0].message and "narrow)" in shown[0].message
    assert "Test JP label" in shown[0].source
    # held to the US share (a market with its own), the narrow reading's 25% is still outside it
    # (at 70, where US labelling starts at the low end, 20 mg OME is no opioid-naive start)
    older = attrs.evolve(TOLERANT, age=70)
    us = [f for f in _found(PATCH_RESCUE, older, knowledge=k, market="us")
          if f.code == "rescue-share"]
    assert [f.severity for f in us] == [Severity.WARNING]
    assert "conversion tables disagree" in us[0].message


def test_a_share_above_every_sources_top_in_every_table_stays_a_warning(tmp_path):
    alone = _two_rescue_tables(tmp_path / "alone", WIDE, "")
    assert ("rescue-share", Severity.WARNING) in _raised(
        _found(PATCH_RESCUE, knowledge=alone, market="au"))
    # the table the user chose judges alone
    both = _two_rescue_tables(tmp_path / "both", WIDE, NARROW)
    chosen = [f for f in _found(PATCH_RESCUE, knowledge=both, market="au", table="wide")
              if f.code == "rescue-share"]
    assert [f.severity for f in chosen] == [Severity.WARNING]
    assert "disagree" not in chosen[0].message


def test_a_share_wholly_outside_the_usual_one_is_not_shopped_across_tables(tmp_path):
    # LD39: oxycodone 30 mg beside SC morphine 60 mg/day is 50% by the wide table (60 of 120 mg
    # OME), 16.7% by the narrow one (45 of 180): the first table reads it outside at every
    # reading, and judges it
    k = _two_rescue_tables(tmp_path, WIDE, NARROW)
    shown = [f for f in _found(["morphine 60 mg/day sc continuous",
                                "oxycodone ir 30 mg po q2h prn"], knowledge=k, market="us")
             if f.code == "rescue-share"]
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "wide" in shown[0].message and "disagree" not in shown[0].message


@pytest.mark.parametrize(("dose", "market", "raised", "ceiling", "source"), [
    # the ナイキサン insert (S): 300-600 mg a day, adjustable; the US label allows 1,500 mg
    ("naproxen 500 mg po bid", "jp", True, "600 mg/day", "medical-tribune"),
    ("naproxen 200 mg po tid", "jp", False, "", ""),
    ("naproxen 500 mg po bid", "us", False, "", ""),
    # the ブルフェン insert (S): 600 mg a day in three doses; the US label allows 3,200 mg
    ("ibuprofen 400 mg po tid", "jp", True, "600 mg/day", "yaku314"),
    ("ibuprofen 200 mg po tid", "jp", False, "", ""),
    ("ibuprofen 400 mg po tid", "us", False, "", ""),
    # the タペンタ insert (S): 50-400 mg a day of the prolonged-release tablets; US ER 500 mg
    ("tapentadol er 250 mg po bid", "jp", True, "400 mg/day", "data-index"),
    ("tapentadol er 200 mg po bid", "jp", False, "", ""),
    ("tapentadol er 250 mg po bid", "us", False, "", ""),
    # the NZ Brufen data sheet (S): at most 2,400 mg a day; the US label allows 3,200 mg
    ("ibuprofen 1000 mg po tid", "nz", True, "2400 mg/day", "New Zealand data sheet"),
    ("ibuprofen 800 mg po tid", "nz", False, "", ""),
    ("ibuprofen 1000 mg po tid", "us", False, "", ""),
    # the UK SmPC (Accord, MHRA 2018; S): at most 1,250 mg a day after the first day — DX31
    ("naproxen 750 mg po bid", "uk", True, "1250 mg/day", "UK SmPC"),
    ("naproxen 500 mg po bid", "uk", False, "", ""),
    # the Japanese Cymbalta insert as quoted by Lilly Japan (P): 60 mg once daily for pain;
    # the US label (S): at most 120 mg a day — DZ35
    ("cymbalta 120 mg po daily", "jp", True, "60 mg/day", "lillymedical"),
    ("cymbalta 60 mg po daily", "jp", False, "", ""),
    ("duloxetine 120 mg po daily", "us", False, "", ""),
], ids=["jp naproxen 1 g", "jp naproxen 600", "us naproxen 1 g", "jp ibuprofen 1.2 g",
        "jp ibuprofen 600", "us ibuprofen 1.2 g", "jp tapentadol 500", "jp tapentadol 400",
        "us tapentadol 500", "nz ibuprofen 3 g", "nz ibuprofen 2.4 g", "us ibuprofen 3 g",
        "uk naproxen 1.5 g", "uk naproxen 1 g", "jp cymbalta 120", "jp cymbalta 60",
        "us duloxetine 120"])
def test_a_markets_own_lower_label_maximum_is_applied(dose, market, raised, ceiling, source):
    # issue 13: where a market's label gives a lower maximum than the US label, --market reads it
    drug = parse_item(dose).drug.name  # a brand (cymbalta) is its drug
    above = [f for f in _found([dose], market=market)
             if f.code == f"{drug}-above-max" and f.severity is not Severity.INFO]
    assert bool(above) is raised
    if raised:
        assert ceiling in above[0].message and source in above[0].source


def test_a_markets_adjustable_usual_dose_is_information_where_no_market_is_chosen():
    # with no market every market's rows are read: 1 g of naproxen a day is above the Japanese
    # insert's adjustable 300-600 mg but within the US label's 1,500 mg, so it is information
    found = [f for f in _found(["naproxen 500 mg po bid"], market=None)
             if f.code == "naproxen-above-max"]
    assert [f.severity for f in found] == [Severity.INFO]
    assert "600 mg/day" in found[0].message and "information only" in found[0].message
    # an error row allowed by another market still steps down only to a warning
    duloxetine = [f for f in _found(["duloxetine 120 mg po daily"], market=None)
                  if f.code == "duloxetine-above-max"]
    assert [f.severity for f in duloxetine] == [Severity.WARNING]


@pytest.mark.parametrize(("dose", "market", "severity", "named"), [
    ("500 mg po tid", "nz", Severity.WARNING, "UK"),  # 1.5 g: above the UK SmPC's 1,250
    ("500 mg po bid", "nz", Severity.INFO, "JP"),     # 1 g: above only Japan's adjustable 600
    ("500 mg po bid", None, Severity.INFO, "JP"),
], ids=["nz 1.5 g", "nz 1 g", "no market 1 g"])
def test_a_market_without_its_own_maximum_keeps_the_borrowed_maximum_a_warning(
        dose, market, severity, named):
    # a market with no naproxen row borrows the others' (UK 1,250 an error row, JP 600 a warning
    # row the insert lets be adjusted, US 1,500): a borrowed error row stays a warning even where
    # the US allows the dose; a warning row that another market allows is information — round
    # 29's DW33 was silent while the borrowed UK row stepped down to information
    above = [f for f in _found([f"naproxen {dose}"], market=market)
             if f.code == "naproxen-above-max"]
    assert [f.severity for f in above] == [severity]
    assert f"({named} source)" in above[0].message


@pytest.mark.parametrize(("new", "old", "severity"), [
    ("morphine sr 15 mg po q12h", "codeine 60 mg po qid", Severity.INFO),  # SPCG's own step up
    ("oxycodone er 10 mg po q12h", "dihydrocodeine 30 mg po qid", Severity.INFO),
    ("morphine sr 60 mg po q12h", "codeine 60 mg po qid", Severity.WARNING),  # above the start
    ("buprenorphine 10 mcg/h td q7d", "codeine 60 mg po qid", Severity.WARNING),  # no own start
    ("oxycodone er 60 mg po q12h", "morphine sr 60 mg po q12h", Severity.WARNING),  # not step 2
], ids=["codeine to MR morphine start", "dihydrocodeine to MR oxycodone start",
        "codeine to 120 mg morphine", "codeine to a 7-day patch", "morphine to oxycodone"])
def test_a_step_up_from_a_weak_opioid_to_a_strong_opioids_start_is_not_an_unreduced_switch(
        new, old, severity):
    # the Scottish guidelines (P): 'Stop any step 2 opioid ... Codeine or dihydrocodeine 60mg 4
    # times daily ≈ 30mg oral morphine ... If starting with modified release oral morphine
    # prescribe 10 to 15mg, 12 hourly' — a step up the ladder, started at the strong opioid's own
    # start (NICE CG140, the Longtec SmPC), not a rotation reduced for cross-tolerance; round 33 OS10
    found = _found([new], previous=[old], market="uk")
    switch = [f for f in found if f.code == "equianalgesic-switch"]
    assert [f.severity for f in switch] == [severity]
    if severity is Severity.INFO:
        assert "step up" in switch[0].message and "Stop any step 2 opioid" in switch[0].source


def test_the_step_two_opioids_are_the_weak_opioids_of_the_ladder():
    k = Knowledge.default()
    steps = {drug for drug in ("codeine", "dihydrocodeine", "tramadol", "morphine", "oxycodone")
             if (k.drug_properties.get(drug, "who_step") or ("",))[0] == "2"}
    # codeine and dihydrocodeine from the Scottish ladder (P); tramadol from UK teaching sources (S)
    assert steps == {"codeine", "dihydrocodeine", "tramadol"}


# -- a switch the rotation tables disagree on ------------------------------------------------------
def _two_tables(tmp_path: Path, first_reduction: str | None = None) -> Knowledge:
    """Two rotation tables that disagree on oxycodone: 'strict' 2:1, 'wide' 1.5:1; optionally a
    default cross-tolerance reduction of the test's own before the shipped ones."""
    tables = ("table,title,purpose,version,effective_date,source,grade,notes\n"
              "strict,Strict rotation table,rotation,1,2020-01-01,Test strict [P],P,\n"
              "wide,Wide rotation table,rotation,1,2020-01-01,Test wide [P],P,\n"
              "cdc2022,Tiny surveillance table,surveillance,1,2020-01-01,Test [P],P,\n")
    header = ("table,drug,route,form,unit,factor,factor_low,factor_high,daily_dose_min,"
              "daily_dose_max,source,grade,notes\n")
    rows = "".join(f"{t},morphine,oral,,mg/day,1,,,,,Test [P],P,\n"
                   f"{t},oxycodone,oral,,mg/day,{f},,,,,Test [P],P,\n"
                   for t, f in (("strict", 2), ("wide", 1.5)))
    files = {"equivalence_tables": tables, "opioid_equivalence": header + rows
             + "cdc2022,morphine,oral,,mg/day,1,,,,,Test [P],P,\n"}
    if first_reduction is not None:
        shipped = (Path(__file__).parent.parent / "data" / "rotation_rules.csv").read_text(
            encoding="utf-8").splitlines(keepends=True)
        files["rotation_rules"] = "".join([shipped[0], first_reduction, *shipped[1:]])
    return _knowledge(tmp_path, **files)


def _switch_severities(k: Knowledge, new: str, table: str) -> list[Severity]:
    return [f.severity for f in _found([new], previous=["morphine er 60 mg po q12h"],
                                       knowledge=k, table=table)
            if f.code == "equianalgesic-switch"]


def test_a_switch_one_table_reduces_by_the_default_reduction_is_information(tmp_path):
    k = _two_tables(tmp_path)
    # morphine 120 mg/day to oxycodone 60: 100% under 'strict', 75% under 'wide' (25% off)
    found = [f for f in _found(["oxycodone er 30 mg po q12h"],
                               previous=["morphine er 60 mg po q12h"], knowledge=k, table="wide")
             if f.code == "equianalgesic-switch"]
    assert [f.severity for f in found] == [Severity.INFO]
    assert "under wide" in found[0].message and "strict: the new regimen is" in found[0].message
    assert "Wide rotation table" in found[0].source and "Fine PG" in found[0].source
    # 70 mg is 87.5% under 'wide': less than the 25% any source asks, so a warning
    assert _switch_severities(k, "oxycodone er 35 mg po q12h", "wide") == [Severity.WARNING]
    # unreduced under every table: a warning
    assert _switch_severities(k, "oxycodone er 45 mg po q12h", "wide") == [Severity.WARNING]


def test_a_switch_unreduced_in_the_table_the_user_chose_stays_a_warning(tmp_path):
    k = _two_tables(tmp_path)
    assert _switch_severities(k, "oxycodone er 30 mg po q12h", "strict") == [Severity.WARNING]


def test_the_default_cross_tolerance_reduction_sets_what_counts_as_reduced(tmp_path):
    # a first (default) row of 10-20% of the test's own: 87.5% under 'wide' is reduced enough
    k = _two_tables(tmp_path, "cross_tolerance_reduction,,,0.1,0.2,fraction,,Test reduction [P],"
                              "P,,\n")
    found = [f for f in _found(["oxycodone er 35 mg po q12h"],
                               previous=["morphine er 60 mg po q12h"], knowledge=k, table="wide")
             if f.code == "equianalgesic-switch"]
    assert [f.severity for f in found] == [Severity.INFO]
    assert "at least 10%" in found[0].message and "Test reduction [P]" in found[0].source


# -- an opioid route no table has: a labelled maximum for every route still judges it ------------
def test_a_maximum_for_every_route_judges_an_opioid_route_no_table_has(tmp_path):
    # tramadol with factors by mouth only (the shipped parenteral tramadol rows, tg2011, left
    # out); a row of no route is the label's maximum of the active substance whatever the route
    # (the tramadol SmPCs' 400 mg/day, injection included)
    k = _knowledge(tmp_path / "every", dose_limits=LIMITS_HEADER + (
        "tramadol,,,any,,,,400,,,,uk,,Test SmPC [P],P,\n"),
        opioid_equivalence=_without_parenteral_tramadol())
    naive = attrs.evolve(NAIVE, age=63)
    above = [f for f in _found(["tramadol 1000 mg iv q6h"], naive, knowledge=k, market="uk")
             if f.code == "tramadol-above-max"]
    assert [f.severity for f in above] == [Severity.ERROR] and "Test SmPC" in above[0].source
    # the day counts every route: 300 mg by mouth and 200 mg IV is 500 mg/day
    mixed = _found(["tramadol 100 mg po tid", "tramadol 100 mg iv q12h"], knowledge=k,
                   market="uk")
    assert "tramadol-above-max" in _codes_raised(mixed)
    # the not-judged info says the labelled maximum still applies, not that nothing judged it
    info = [f.message for f in _found(["tramadol 100 mg iv q6h"], knowledge=k, market="uk")
            if f.code == "opioid-dose-range-not-checked"]
    assert len(info) == 1 and "labelled maximum of tramadol" in info[0]


def _without_parenteral_tramadol() -> str:
    """The shipped ``opioid_equivalence.csv`` without its parenteral tramadol row (tg2011)."""
    text = (Path(__file__).parents[1] / "data" / "opioid_equivalence.csv").read_text(
        encoding="utf-8")
    return "".join(line for line in text.splitlines(keepends=True)
                   if not line.startswith("tg2011,tramadol,parenteral,"))


def test_a_maximum_of_another_route_does_not_judge_an_opioid_route_no_table_has(tmp_path):
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        "tramadol,oral,,any,,,,400,,,,uk,,Test oral SmPC [P],P,\n"),
        opioid_equivalence=_without_parenteral_tramadol())
    found = _found(["tramadol 1000 mg iv q6h"], knowledge=k, market="uk")
    assert "tramadol-above-max" not in {f.code for f in found}  # the oral row says nothing of IV
    info = [f.message for f in found if f.code == "opioid-dose-range-not-checked"]
    assert len(info) == 1 and "labelled maximum" not in info[0]
