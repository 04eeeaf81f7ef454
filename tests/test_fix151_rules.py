"""The rules fix151 added after the one hundred and fifty-first held-out round of issue 13.

- A course the label limits at a high day: macrogol above 3 sachets (39.375 g) a day is the
  Movicol faecal impaction regimen, which the label limits to 3 days (``dose_limits.csv``, a
  ``daily_dose`` row as the apixaban and rivaroxaban loading doses): a day above the band written
  for more than 3 days warns, in every market; at or below 3 days, or within the constipation
  dose for any length, it is quiet; with no duration, information.
- A drug whose label asks something of its CYP3A4 partners short of a contraindication, read
  from ``drug_properties.csv`` on tiny data of the test's own: ``cyp3a4_inducer_avoid`` (an
  inducer of the strength or stronger: warning), ``cyp3a4_inhibitor_avoid`` (an inhibitor of the
  strength or stronger: warning) and ``cyp3a4_inhibitor_monitor`` (information, for the
  inhibitors no avoid row of the drug names). A weaker partner is not flagged.

The rows in the tiny files are this file's own; they are not clinical figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose.model.findings import Finding, Severity
from tests.checking import found as _found
from tests.checking import header, severities
from tests.checking import knowledge_with as _knowledge
from tests.checking import of as _of

COURSE = "macrogol-duration-above-max"


# -- macrogol: the impaction regimen's 3 days -----------------------------------------------------

@pytest.mark.parametrize("market", ["uk", "eu", "us", None])
@pytest.mark.parametrize(("day", "days"), [("105 g/day", 10), ("105 g/day", 4),
                                           ("52.5 g/day", 5), ("13.125 g po qid", 30)])
def test_a_day_above_three_sachets_beyond_three_days_warns(day, days, market):
    item = (f"macrogol {day} for {days} days" if "po" in day
            else f"macrogol {day} po for {days} days")
    assert severities(_found([item], market=market), COURSE) == [Severity.WARNING]


@pytest.mark.parametrize("market", ["uk", "us"])
@pytest.mark.parametrize("item", ["macrogol 105 g/day po for 3 days",
                                  "macrogol 52.5 g/day po for 2 days",
                                  "macrogol 13.125 g po tid for 90 days",
                                  "macrogol 39.375 g/day po for 180 days",
                                  "macrogol 17 g po daily for 30 days"])
def test_within_the_course_or_the_constipation_dose_is_quiet(item, market):
    assert not _of(_found([item], market=market), COURSE)
    assert not [f for f in _found([item], market=market)
                if f.severity is not Severity.INFO and "macrogol" in f.message]


def test_a_high_day_with_no_duration_is_information():
    found = _found(["macrogol 105 g/day po"])
    assert not _of(found, COURSE)
    assert [f.severity for f in found if "no duration written" in f.message] == [Severity.INFO]


# -- CYP3A4: avoid and monitor, from the label's strength -----------------------------------------

PROPERTIES = header("drug_properties") + (
    "clarithromycin,cyp3a4_inhibitor,strong,Test [P],P,\n"
    "fluconazole,cyp3a4_inhibitor,moderate,Test [P],P,\n"
    "rifampicin,cyp3a4_inducer,strong,Test [P],P,\n"
    "carbamazepine,cyp3a4_inducer,moderate,Test [P],P,\n"
    "naldemedine,cyp3a4_inducer_avoid,strong,Test naldemedine label [P],P,\n"
    "naldemedine,cyp3a4_inhibitor_avoid,strong,Test naldemedine SmPC [P],P,\n"
    "naldemedine,cyp3a4_inhibitor_monitor,moderate,Test naldemedine label [P],P,\n")
DRUG = "naldemedine 0.2 mg po daily"


def _codes(tmp_path: Path, items: list[str], properties: str = PROPERTIES) -> list[Finding]:
    k = _knowledge(tmp_path, drug_properties=properties)
    return [f for f in _found(items, knowledge=k) if f.code in (
        "cyp3a4-inducer-avoid", "cyp3a4-inhibitor-avoid", "cyp3a4-inhibitor-monitor")]


def test_an_inducer_the_label_avoids_warns_with_the_drugs_own_source(tmp_path):
    found = _codes(tmp_path, [DRUG, "rifampicin 600 mg po daily"])
    assert [(f.code, f.severity) for f in found] == [("cyp3a4-inducer-avoid", Severity.WARNING)]
    assert "rifampicin" in found[0].message and "avoid" in found[0].message
    assert found[0].source.startswith("Test naldemedine label")


def test_a_weaker_inducer_than_the_label_names_is_not_flagged(tmp_path):
    items = [DRUG, "carbamazepine 200 mg po bid"]
    assert not _codes(tmp_path, items)
    moderate = PROPERTIES.replace("inducer_avoid,strong", "inducer_avoid,moderate")
    assert [f.code for f in _codes(tmp_path / "m", items, moderate)] == ["cyp3a4-inducer-avoid"]


def test_a_strong_inhibitor_the_label_avoids_warns_once_not_also_monitored(tmp_path):
    found = _codes(tmp_path, [DRUG, "clarithromycin 500 mg po bid"])
    assert [(f.code, f.severity) for f in found] == [("cyp3a4-inhibitor-avoid", Severity.WARNING)]


def test_a_moderate_inhibitor_the_label_monitors_is_information(tmp_path):
    found = _codes(tmp_path, [DRUG, "fluconazole 200 mg po daily"])
    assert [(f.code, f.severity) for f in found] == [("cyp3a4-inhibitor-monitor", Severity.INFO)]
    without_avoid = PROPERTIES.replace(
        "naldemedine,cyp3a4_inhibitor_avoid,strong,Test naldemedine SmPC [P],P,\n", "")
    found = _codes(tmp_path / "w", [DRUG, "clarithromycin 500 mg po bid"], without_avoid)
    assert [(f.code, f.severity) for f in found] == [("cyp3a4-inhibitor-monitor", Severity.INFO)]


def test_either_drug_alone_or_without_the_properties_is_silent(tmp_path):
    assert not _codes(tmp_path, [DRUG])
    assert not _codes(tmp_path, ["rifampicin 600 mg po daily", "clarithromycin 500 mg po bid"])
    bare = "".join(line + "\n" for line in PROPERTIES.splitlines()
                   if not line.startswith("naldemedine"))
    assert not _codes(tmp_path / "b", [DRUG, "rifampicin 600 mg po daily",
                                       "clarithromycin 500 mg po bid"], bare)


def test_the_shipped_naldemedine_rows_follow_the_labels():
    assert severities(_found([DRUG, "oxycodone er 20 mg po q12h", "rifampin 600 mg po daily"],
                             market="us"), "cyp3a4-inducer-avoid") == [Severity.WARNING]
    assert severities(_found([DRUG, "fluconazole 200 mg po daily"]),
                      "cyp3a4-inhibitor-monitor") == [Severity.INFO]
