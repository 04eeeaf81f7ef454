"""One problem, one warning: a finding that repeats what a more specific one says about the same
item is kept as information naming that one (issue 13, item 6: alert fatigue is a defect too).

The regimens are dangerous orders of the held-out rounds, where the pairs were counted: 478 of
4,003 flagged orders raised both the opioid-naive start and the tolerant-only strength for the
same item, 131 both "above the usual range" and "implausible", 30 both the boxed warning and the
Beers criterion for an opioid with a benzodiazepine.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity


def _raised(found):
    return [f.code for f in found if f.severity is not Severity.INFO]


@pytest.mark.parametrize(("items", "patient", "kept", "folded"), [
    (["morphine er 30 mg po q12h", "diazepam 5 mg po tid"], {"age": 78, "opioid_tolerant": True},
     "opioid-benzodiazepine-older", "opioid-benzodiazepine"),
    (["haloperidol 5 mg sc q4h"], {}, "haloperidol-above-max", "antipsychotic-above-usual"),
    (["hydromorphone 10 mg sc q4h"], {"opioid_tolerant": False},
     "opioid-tolerant-only", "opioid-naive-start"),
    (["fentanyl 50000 mcg/h td q72h"], {"opioid_tolerant": True},
     "opioid-implausible-dose", "opioid-above-usual"),
])
def test_a_repeat_is_information_naming_the_finding_that_says_it(items, patient, kept, folded):
    found = check(Regimen.parse(items), Patient(**patient))
    assert kept in _raised(found)
    assert folded not in _raised(found)
    repeat = next(f for f in found if f.code == folded)
    assert repeat.severity is Severity.INFO
    assert kept in repeat.message and repeat.source  # the reason and the source stay


def test_the_jp_label_share_keeps_one_rescue_warning():
    found = check(Regimen.parse(["oxycodone er 10 mg po q12h", "oxycodone ir 10 mg po q1h prn"]),
                  Patient(age=68, opioid_tolerant=True), market="jp")
    assert _raised(found).count("rescue-share-jp-label") == 1
    assert "rescue-share" not in _raised(found)


def test_a_finding_is_not_folded_into_a_milder_one_nor_about_another_item():
    """The better finding must be at least as severe, and about the same item (or the whole
    regimen): information does not silence a warning, and one item's error not another's."""
    from mpsdose.clinical.safety import _fold
    from mpsdose.model.findings import Finding

    warning = Finding(Severity.WARNING, "rescue-share", "50% of the day", "NCCN", item="a")
    info = Finding(Severity.INFO, "rescue-share-jp-label", "within the label", "JP", item="a")
    other = Finding(Severity.ERROR, "rescue-share-jp-label", "outside the label", "JP", item="b")
    assert _fold([warning, info, other])[0] == warning
    same = Finding(Severity.ERROR, "rescue-share-jp-label", "outside the label", "JP", item="a")
    assert _fold([warning, same])[0].severity is Severity.INFO


def test_a_patch_below_the_tables_first_band_is_one_error():
    """Tramadol 400 mg/day (OME 40) to a 50 mcg/h patch: the contraindication says it; the table's
    first-dose warning is information, worded as the table is (no patch below its first band)."""
    found = check(Regimen.parse(["fentanyl 50 mcg/h td q72h"]),
                  Patient(age=73, opioid_tolerant=True),
                  previous=Regimen.parse(["tramadol 100 mg po q6h"]), market="eu")
    assert "fentanyl-patch-low-ome" in _raised(found)
    assert "fentanyl-patch-first-dose" not in _raised(found)
    first = next(f for f in found if f.code == "fentanyl-patch-first-dose")
    assert "gives its first patch" in first.message and " the 0 mcg/h" not in first.message


def test_one_opioid_above_its_range_is_not_judged_again_as_the_day():
    found = check(Regimen.parse(["fentanyl 1000 mcg/h td q72h"]), Patient(opioid_tolerant=True))
    assert _raised(found).count("opioid-above-usual") == 1


def test_two_opioids_still_have_their_day_judged():
    """The day of several opioids is more than any one of them: it is still judged."""
    found = check(Regimen.parse(["fentanyl 1000 mcg/h td q72h", "morphine 200 mg po q4h"]),
                  Patient(opioid_tolerant=True))
    day = [f for f in found if f.code == "opioid-above-usual" and f.item is None]
    assert day and day[0].severity is not Severity.INFO


def test_the_beers_gabapentinoid_finding_keeps_one_warning():
    found = check(Regimen.parse(["oxycodone er 10 mg po q12h", "gabapentin 300 mg po tid"]),
                  Patient(age=80, crcl_ml_min=28, opioid_tolerant=True))
    assert "opioid-gabapentinoid-older" in _raised(found)
    assert "opioid-gabapentinoid" not in _raised(found)
    # the further respiratory risk the general rule names is still there to read
    assert "above its maximum" in next(f for f in found if f.code == "opioid-gabapentinoid").message
