"""Second audit, findings 2 and 4: convert, methadone and total judge a dose's plausibility as
check does, and a step up from a step-2 opioid is planned from the published step-up start."""

from __future__ import annotations

import pytest

import mpsdose
from mpsdose.clinical.dosing import ImplausibleDoseError
from mpsdose.clinical.methadone import methadone_switch
from mpsdose.clinical.ranges import implausible_doses, step_up_starts
from mpsdose.clinical.summary import summarize
from mpsdose.model.errors import DoseError
from mpsdose.model.regimen import Regimen
from mpsdose.model.vocabulary import Route


def _regimen(*items: str) -> Regimen:
    return Regimen.parse(list(items))


# --- finding 2: the plausibility ceiling (3000 mg OME/day, opioid_dose_ranges.csv) -------------

@pytest.mark.parametrize("item", ["morphine 10 g/day po", "oxycodone 2500 mg/day po",
                                  "hydromorphone 500 mg po qid"])
def test_convert_refuses_a_dose_check_calls_implausible(item):
    assert implausible_doses(_regimen(item).items)  # check's own judgement
    with pytest.raises(ImplausibleDoseError, match="opioid-implausible-dose"):
        mpsdose.convert(_regimen(item), "fentanyl patch" if "oxy" in item else "oxycodone po")
    assert ImplausibleDoseError.exit_code == 1  # understood input: not 2


@pytest.mark.parametrize("item", ["morphine 2900 mg/day po", "morphine 60 mg po q12h",
                                  "oxycodone 1400 mg/day po"])
def test_convert_plans_below_the_ceiling(item):
    assert implausible_doses(_regimen(item).items) == []
    assert mpsdose.convert(_regimen(item), "hydromorphone po").daily_dose > 0


def test_methadone_refuses_an_implausible_dose_and_plans_an_ordinary_one():
    with pytest.raises(ImplausibleDoseError):
        methadone_switch(_regimen("morphine 10 g/day po"))
    assert methadone_switch(_regimen("morphine 200 mg/day po")).methods


def test_beyond_any_slip_is_not_a_dose_everywhere():
    for run in (lambda r: mpsdose.convert(r, "morphine po"), summarize):
        with pytest.raises(DoseError, match="not a dose"):
            run(_regimen("fentanyl 5 g iv q1h"))


@pytest.mark.parametrize(("item", "errors"), [("morphine 10 g/day po", 1),
                                              ("morphine 2900 mg/day po", 0),
                                              ("acetaminophen 1 g po qid", 0)])
def test_total_carries_the_plausibility_error(item, errors):
    summary = summarize(_regimen(item))
    found = [f for f in summary.findings if f.code == "opioid-implausible-dose"]
    assert len(found) == errors
    assert all(f.severity.value == "error" for f in found)
    quiet = summarize(_regimen(item), judge_plausibility=False)
    assert not [f for f in quiet.findings if f.code == "opioid-implausible-dose"]


def test_total_strict_exits_1_only_on_an_implausible_dose():
    from click.testing import CliRunner

    from mpsdose.cli import main

    runner = CliRunner()
    assert runner.invoke(main, ["total", "morphine 10 g/day po", "--strict"]).exit_code == 1
    assert runner.invoke(main, ["total", "morphine 10 g/day po"]).exit_code == 0
    assert runner.invoke(main, ["total", "morphine 60 mg po q12h", "--strict"]).exit_code == 0
    assert runner.invoke(main, ["convert", "morphine 10 g/day po", "--to",
                                "oxycodone po"]).exit_code == 1


# --- finding 4: a step up from a step-2 opioid ------------------------------------------------

def test_step_up_rows_are_the_ones_check_reads():
    labels, guides = step_up_starts("morphine", Route.ORAL, "er", 12, "uk")
    assert [r.per_dose for r in labels] == [30] and [r.per_dose for r in guides] == [20]
    labels, guides = step_up_starts("morphine", Route.ORAL, "er", 12, "us")  # borrowed
    assert labels and all(r.market == "uk" for r in labels + guides)
    assert step_up_starts("morphine", Route.ORAL, "er", 8, "uk") == ([], [])


@pytest.mark.parametrize(("item", "market"), [("codeine 60 mg po qds", "uk"),
                                               ("dihydrocodeine 30 mg po qds", "uk"),
                                               ("codeine 30 mg po qds", "us")])
def test_from_step_two_morphine_er_is_the_step_up_start(item, market):
    rotation = mpsdose.convert(_regimen(item), "morphine er po", market=market)
    assert rotation.reduction == (0.0, 0.0)
    per_dose = rotation.per_dose
    assert per_dose is not None and 15 <= per_dose[0] <= 20  # Leeds PILLS: MST 15-20 mg q12h
    assert per_dose[1] <= 30  # the MST CONTINUS label's 30 mg q12h
    assert any(s.step == "step up" and "weaker opioids" in s.detail for s in rotation.steps)


def test_from_tramadol_oxycodone_er_is_the_label_start():
    rotation = mpsdose.convert(_regimen("tramadol 400 mg/day"), "oxycodone er po")
    assert rotation.per_dose == (10.0, 10.0)  # UK SmPC 10 mg 12-hourly (borrowed for the US)


@pytest.mark.parametrize("item", ["morphine 30 mg po q12h", "codeine 60 mg po qds"])
def test_a_strong_opioid_in_the_base_keeps_the_reduction(item):
    rotation = mpsdose.convert(_regimen("oxycodone 20 mg po q12h", item), "morphine er po",
                               market="uk")
    assert rotation.reduction[1] > 0
    assert not any(s.step == "step up" for s in rotation.steps)


def test_step_two_to_step_two_and_an_explicit_reduction_stay_rotations():
    weak = mpsdose.convert(_regimen("tramadol 400 mg/day"), "codeine po")
    assert weak.reduction[1] > 0
    asked = mpsdose.convert(_regimen("codeine 60 mg po qds"), "morphine er po", market="uk",
                            reduction=0.25)
    assert asked.reduction == (0.25, 0.25)
    assert not any(s.step == "step up" for s in asked.steps)


def test_no_step_up_row_for_the_target_is_unreduced_and_said():
    rotation = mpsdose.convert(_regimen("codeine 60 mg po qds"), "hydromorphone po")
    assert rotation.reduction == (0.0, 0.0)
    assert rotation.reduced == rotation.equianalgesic
    assert any(s.step == "step up" and "no published start" in s.detail for s in rotation.steps)
