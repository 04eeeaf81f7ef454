"""Issue 13, "silence you can trust": the third batch of non-opioid dose rows (branch safety11).

The H2-blocker renal bands (Texas HHS drug-use criteria), famotidine IV, an older-adult risperidone
maximum, midazolam IM, lorazepam IV and IM, alprazolam, the Valtoco diazepam nasal spray,
domperidone suppositories and prochlorperazine IM and suppositories. As in ``_a`` and ``_b``: an
order at the row's top raises no warning and is no longer ``dose-not-checked``; ten times that order
raises a warning or an error whose source is one of the drug's shipped rows; a band fires inside and
not outside. The tops are typed from the sources the rows cite (``data/dose_limits.csv``, second
readings in ``tests/data/dose_limits_check.csv``), not from the code's output.
"""

from __future__ import annotations

import csv
from pathlib import Path

import attrs
import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Finding, Severity

ROOT = Path(__file__).parents[2]
ADULT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none")
RAISED = (Severity.WARNING, Severity.ERROR)


def _sources(drug: str) -> list[str]:
    with (ROOT / "data" / "dose_limits.csv").open(newline="", encoding="utf-8") as handle:
        return [row["source"] for row in csv.DictReader(handle) if row["drug"] == drug]


def _check(items: str, patient: Patient = ADULT) -> list[Finding]:
    return check(Regimen.parse([item.strip() for item in items.split("|")]), patient)


def _raised(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity in RAISED]


def _patient(**changes: object) -> Patient:
    return attrs.evolve(ADULT, **changes)


#: (drug, an order at the row's top, ten times that order)
TOPS = [
    # famotidine injection: 20 mg every 12 hours (MPR)
    ("famotidine", "famotidine 20 mg iv bid", "famotidine 200 mg iv bid"),
    # midazolam IM: Seizalam 10 mg
    ("midazolam", "midazolam 10 mg im once", "midazolam 100 mg im once"),
    # lorazepam injection: 4 mg a dose (status epilepticus; preanesthetic up to 4 mg)
    ("lorazepam", "lorazepam 4 mg iv once", "lorazepam 40 mg iv once"),
    ("lorazepam", "lorazepam 4 mg im once", "lorazepam 40 mg im once"),
    # alprazolam: the anxiety maximum, 4 mg/day (the warning row)
    ("alprazolam", "alprazolam 1 mg po qid", "alprazolam 10 mg po qid"),
    # Valtoco: 20 mg a dose, two doses a day
    ("diazepam", "diazepam 20 mg intranasal prn max 2/day", "diazepam 200 mg intranasal prn max 2/day"),
    # domperidone suppositories: 30 mg twice daily (2014 restriction)
    ("domperidone", "domperidone 30 mg pr bid", "domperidone 300 mg pr bid"),
    # prochlorperazine: IM 40 mg/day (nausea), suppositories 25 mg twice daily
    ("prochlorperazine", "prochlorperazine 10 mg im qid", "prochlorperazine 100 mg im qid"),
    ("prochlorperazine", "prochlorperazine 25 mg pr bid", "prochlorperazine 250 mg pr bid"),
]
IDS = [top for _, top, _ in TOPS]


@pytest.mark.parametrize(("drug", "top", "tenfold"), TOPS, ids=IDS)
def test_the_top_dose_is_judged_and_raises_nothing(drug, top, tenfold):
    found = _check(top)
    assert not _raised(found), [(f.severity.value, f.code) for f in found]
    assert "dose-not-checked" not in {f.code for f in found}


@pytest.mark.parametrize(("drug", "top", "tenfold"), TOPS, ids=IDS)
def test_ten_times_the_top_dose_warns_naming_a_shipped_source(drug, top, tenfold):
    raised = _raised(_check(tenfold))
    sources = _sources(drug)
    assert sources
    assert any(any(source in f.source for source in sources) for f in raised), (
        [(f.severity.value, f.code, f.source[:60]) for f in raised])


# -- the bands: inside the band the lower maximum fires, outside it does not ------------------------
BANDS = [
    # (order, patient inside the band, patient outside it)
    # cimetidine below CrCl 30: at most 900 mg/day (ND41 was 1.6 g/day at CrCl 20)
    ("cimetidine 400 mg po tid", _patient(crcl_ml_min=20), _patient(crcl_ml_min=40)),
    # famotidine oral: 20 mg/day at CrCl 30-60, 10 mg/day below 30 (ND42 was 80 mg/day at 22)
    ("famotidine 20 mg po bid", _patient(crcl_ml_min=45), _patient(crcl_ml_min=70)),
    ("famotidine 20 mg po daily", _patient(crcl_ml_min=20), _patient(crcl_ml_min=45)),
    # famotidine injection below CrCl 50: half the dose
    ("famotidine 20 mg iv bid", _patient(crcl_ml_min=40), _patient(crcl_ml_min=60)),
    # risperidone from 65: at most 3 mg/day (ND04 was 10 mg at 84)
    ("risperidone 2 mg po bid", _patient(age=70), _patient(age=60)),
]


@pytest.mark.parametrize(("items", "inside", "outside"), BANDS, ids=[b[0] for b in BANDS])
def test_a_renal_or_age_band_fires_inside_and_not_outside(items, inside, outside):
    drug = items.split(" ")[0]
    sources = _sources(drug)
    raised = _raised(_check(items, inside))
    assert any(any(source in f.source for source in sources) for f in raised), (
        [(f.severity.value, f.code) for f in raised])
    assert not _raised(_check(items, outside))


@pytest.mark.parametrize(("items", "patient"), [
    ("cimetidine 300 mg po tid", _patient(crcl_ml_min=20)),   # 900 mg/day, the band's top
    ("famotidine 20 mg po daily", _patient(crcl_ml_min=45)),  # 20 mg/day at CrCl 30-60
    ("famotidine 10 mg po daily", _patient(crcl_ml_min=20)),  # 10 mg/day below 30
    ("risperidone 1.5 mg po bid", _patient(age=84)),          # 3 mg/day from 65
], ids=["cimetidine CrCl 20", "famotidine CrCl 45", "famotidine CrCl 20", "risperidone 84"])
def test_the_top_of_a_band_is_silent(items, patient):
    assert not _raised(_check(items, patient))


def test_the_renal_and_age_bands_are_warnings_not_errors():
    # Texas HHS's criteria are for review, and the older-adult risperidone ceiling is one market's
    for items, patient in (("cimetidine 800 mg po bid", _patient(crcl_ml_min=20)),
                           ("famotidine 40 mg po bid", _patient(crcl_ml_min=22)),
                           ("risperidone 10 mg po at night", _patient(age=84))):
        raised = _raised(_check(items, patient))
        assert raised and {f.severity for f in raised} == {Severity.WARNING}, items


def test_alprazolam_for_panic_disorder_is_a_warning_and_above_its_range_an_error():
    # anxiety maximum 4 mg/day (warning); panic disorder up to 10 mg/day (above it: error)
    panic = _raised(_check("alprazolam 2.5 mg po qid"))
    assert panic and {f.severity for f in panic} == {Severity.WARNING}
    assert Severity.ERROR in {f.severity for f in _raised(_check("alprazolam 3 mg po qid"))}
