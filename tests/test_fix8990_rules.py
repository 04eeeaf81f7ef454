"""The fixes of rounds 89 and 90 (issue 13), on tiny data of their own.

- A rescue no larger than an opioid-naive start steps down to information only up to the largest
  share of the day any source allows a rescue, or beside a day no larger than the smallest
  opioid-naive starting day of any market (KC26: a third of a day at the labels' tolerance is no
  small rescue however small its dose).
- A named product's own titration doses judge its as-needed rise (LC18: Breakyl 200 to 800).
- A label's own once-daily start and titration step judge the product (KE07, KE50).
- The OME ceiling of every opioid, already crossed by the previous day and not crossed further
  than the titration step, is information naming the previous day (LE21).

The rows in the tiny files are this file's own; they are not clinical figures.
"""

from __future__ import annotations

import pytest

from mpsdose.model.findings import Severity
from tests.checking import NAIVE, SHIPPED, found, header, knowledge_with, of, severities

NAIVE_US = ("naive-start,,,,,us,30,,,,warning,Test US start for every opioid [P],P,\n"
            "naive-start,morphine,oral,ir,,us,30,,,,warning,Test US morphine start [P],P,\n")


def _rotation_rules(top: float) -> str:
    """The shipped rotation rules with the rescue share replaced: 10-20% (us) and one source
    whose top is ``top``."""
    lines = (SHIPPED / "rotation_rules.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("breakthrough_fraction,")]
    return "".join(kept) + (
        "breakthrough_fraction,,,0.1,0.2,fraction,us,Test US share [P],P,,\n"
        f"breakthrough_fraction,,,0.1,{top},fraction,jp,Test generous share [P],P,,\n")


#: a starting day of every opioid (OME): a day within it is a small regimen
SMALL_DAY = "naive-start,,,,,uk,,,15,,warning,Test UK starting day [P],P,\n"


@pytest.fixture
def rescue(tmp_path):
    def make(top: float, extra: str = ""):
        return knowledge_with(tmp_path, rotation_rules=_rotation_rules(top),
                              opioid_dose_ranges=header("opioid_dose_ranges",
                                                        omit=("product", "opioids", "basis"))
                              + NAIVE_US + extra)
    return make


@pytest.mark.parametrize(("rescue_dose", "top", "extra", "expected"), [
    ("5", 0.25, "", Severity.INFO),       # 25%: within the largest share, a naive start
    ("7.5", 0.25, "", Severity.WARNING),  # 37.5%: above every source's top
    ("7.5", 0.4, "", Severity.INFO),      # the same, where a source allows 40%
    ("7.5", 0.25, SMALL_DAY.replace(",15,", ",20,"), Severity.INFO),  # a small day: 20 mg
    ("7.5", 0.25, SMALL_DAY, Severity.WARNING),  # the day (20 mg) above the starting day
], ids=["25% within 1/4", "37.5% above 1/4", "37.5% within 0.4", "small day",
        "day above the start"])
def test_a_naive_start_excuses_a_large_share_only_up_to_the_largest_any_source_allows(
        rescue, rescue_dose, top, extra, expected):
    items = ["morphine er 10 mg po q12h", f"morphine ir {rescue_dose} mg po q4h prn"]
    shown = of(found(items, knowledge=rescue(top, extra), market="us"), "rescue-share")
    assert [f.severity for f in shown] == [expected]
    if expected is Severity.WARNING:
        assert "top of every source's usual share" in shown[0].message
        assert "Test generous share" in shown[0].source
    else:
        assert "no larger than a starting dose" in shown[0].message


STEPS = ("titration-dose,fentanyl,buccal,,,eu,0.2,,,,warning,Test film label [P],P,,film,\n"
         "titration-dose,fentanyl,buccal,,,eu,0.4,,,,warning,Test film label [P],P,,film,\n"
         "titration-dose,fentanyl,buccal,,,eu,0.1,,,,warning,Test tablet label [P],P,,tablet,\n")


@pytest.mark.parametrize(("brand", "old", "new", "flagged"), [
    ("breakyl", "200", "800", True),    # past 400, the product's own step
    ("breakyl", "200", "400", False),   # the next step
    ("effentora", "200", "800", False),  # another product's sequence is not read
], ids=["skips", "next", "other product"])
def test_a_named_products_own_sequence_judges_its_rise(tmp_path, brand, old, new, flagged):
    rows = STEPS.replace(",film,", ",breakyl,").replace(",tablet,", ",effentora,")
    k = knowledge_with(tmp_path,
                       opioid_dose_ranges=header("opioid_dose_ranges", omit=("basis",)) + rows)
    base = "oxycodone er 60 mg po q12h"
    shown = of(found([base, f"{brand} {new} mcg buccal prn"], knowledge=k, market="eu",
                     previous=[base, f"{brand} {old} mcg buccal prn"]), "opioid-titration-step")
    assert bool([f for f in shown if f.severity is Severity.WARNING]) is flagged
    if flagged:
        assert "Test film label" in shown[0].source


ONCE_DAILY = "naive-start,morphine,oral,er,24,us,30,,30,,warning,Test once-daily label [P],P,\n"
TWICE_DAILY = "naive-start,morphine,oral,er,,us,15,,30,,warning,Test twice-daily label [P],P,\n"


@pytest.mark.parametrize(("item", "flagged"), [
    ("morphine er 30 mg po q24h", False),  # the once-daily label's own start
    ("morphine er 60 mg po q24h", True),
    ("morphine er 30 mg po q12h", True),   # twice daily: the twice-daily start judges it
])
def test_a_once_daily_start_judges_only_a_once_daily_order(tmp_path, item, flagged):
    k = knowledge_with(tmp_path, opioid_dose_ranges=header(
        "opioid_dose_ranges", omit=("product", "opioids", "basis")) + ONCE_DAILY + TWICE_DAILY)
    naive = found([item], NAIVE, knowledge=k, market="us")
    assert (Severity.WARNING in severities(naive, "opioid-naive-start")) is flagged


WEAK_STEP = "titration-step,tramadol,oral,ir,6,jp,25,,100,,info,Test JP tramadol label [P],P,\n"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("tramadol 25 mg po qid", "tramadol 50 mg po qid", Severity.INFO),     # one label step
    ("tramadol 25 mg po qid", "tramadol 75 mg po qid", Severity.WARNING),  # two
])
def test_a_weak_opioids_own_label_step_is_followed(tmp_path, old, new, expected):
    k = knowledge_with(tmp_path, opioid_dose_ranges=header(
        "opioid_dose_ranges", omit=("product", "opioids", "basis")) + WEAK_STEP)
    shown = severities(found([new], knowledge=k, market="jp", previous=[old]),
                       "opioid-titration-step")
    assert shown == [expected]


CEILING = "usual,,,,,,,,300,,warning,Test every opioid [P],P,\n"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("hydromorphone 1 mg/h iv continuous", "hydromorphone 1.5 mg/h iv continuous", Severity.INFO),
    ("hydromorphone 1 mg/h iv continuous", "hydromorphone 2 mg/h iv continuous",
     Severity.WARNING),  # beyond the 50% step
    ("hydromorphone 0.6 mg/h iv continuous", "hydromorphone 0.9 mg/h iv continuous",
     Severity.WARNING),  # a first crossing
    (None, "hydromorphone 1.5 mg/h iv continuous", Severity.WARNING),  # no previous day
], ids=["already above, within the step", "beyond the step", "first crossing", "no previous"])
def test_a_ceiling_the_previous_day_already_crossed_is_information(tmp_path, old, new, expected):
    k = knowledge_with(tmp_path, opioid_dose_ranges=header(
        "opioid_dose_ranges", omit=("product", "opioids", "basis")) + CEILING)
    shown = of(found([new], knowledge=k, market="us", previous=[old] if old else None),
               "opioid-above-usual")
    assert [f.severity for f in shown] == [expected]
    if expected is Severity.INFO:
        assert "previous regimen's scheduled day, 360 mg OME" in shown[0].message
        assert "titration step" in shown[0].message
