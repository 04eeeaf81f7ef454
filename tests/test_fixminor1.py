"""Second-audit minor fixes (fixminor1): an as-needed order beside a regular order at the
maximum is counted, rescue intervals from their sources, ``read`` text shown as written, and a
brand and its generic at different doses."""
from __future__ import annotations

import pytest

import mpsdose
from mpsdose.clinical.safety import check
from mpsdose.model.regimen import Regimen


def _found(items: list[str], *, market: str | None = None, **patient: object):
    return check(Regimen.parse(items), mpsdose.Patient(**patient), market=market)


def _codes(findings) -> dict[str, str]:
    return {f.code: f.severity.value for f in findings}


# 1. A day AT a maximum with an uncounted order of the same drug beside it is judged with it.

@pytest.mark.parametrize("items, code", [
    (["glycopyrronium 1.2 mg/24h sc continuous", "glycopyrronium 200 mcg sc q2h prn"],
     "glycopyrronium-above-max"),
    (["paracetamol 1 g po qid", "paracetamol 500 mg po prn"], "acetaminophen-above-max"),
    (["paracetamol 1 g po qid", "paracetamol 1 g po q6h prn"], "acetaminophen-above-max"),
    (["paracetamol 1 g po qid", "paracetamol 1 g po stat"], "acetaminophen-above-max"),
    (["paracetamol 1 g po qid", "paracetamol 500 mg po prn max 2/day"],
     "acetaminophen-above-max"),
], ids=["glyco-prn", "para-prn", "para-prn-q6h", "para-stat", "para-prn-max"])
def test_a_dose_beside_a_day_at_the_maximum_is_above_it(items, code):
    found = _codes(_found(items, weight_kg=70))
    assert code in found, found
    drug = code.removesuffix("-above-max")
    assert f"{drug}-at-max" not in found


@pytest.mark.parametrize("items, code", [
    (["glycopyrronium 1.2 mg/24h sc continuous"], "glycopyrronium-at-max"),
    (["paracetamol 1 g po qid"], "acetaminophen-at-max"),
    # another route's PRN is not this route's day
    (["glycopyrronium 1.2 mg/24h sc continuous", "glycopyrronium 200 mcg po q8h prn"],
     "glycopyrronium-at-max"),
])
def test_a_day_at_the_maximum_alone_stays_information(items, code):
    found = _codes(_found(items, weight_kg=70))
    assert found.get(code) == "info", found
    assert code.replace("-at-max", "-above-max") not in found


def test_below_the_maximum_with_a_small_prn_is_not_above():
    # 3 g/day + 500 mg q4h PRN counted at 3 doses a day = 4.5 g: above; 2 g/day + the same:
    # 3.5 g, the maximum said not checked, never above
    low = _codes(_found(["paracetamol 500 mg po qid", "paracetamol 500 mg po q4h prn"],
                        weight_kg=70))
    assert "acetaminophen-above-max" not in low
    high = _codes(_found(["paracetamol 750 mg po qid", "paracetamol 500 mg po q4h prn"],
                         weight_kg=70))
    assert "acetaminophen-above-max" in high


def test_a_dose_not_known_beside_the_maximum_is_said_not_checked():
    found = _codes(_found(["paracetamol 1 g po qid", "paracetamol dose unknown po prn"],
                          weight_kg=70))
    assert found.get("acetaminophen-max-not-checked") == "info"
    assert "acetaminophen-at-max" not in found


# 2. A rescue's repeat interval comes from a row that states one; none seen is said.

def test_alfentanil_sc_rescue_has_the_formulary_interval():
    from mpsdose.clinical.rotation import convert

    plan = convert(Regimen.parse(["morphine 30 mg/day sc continuous"]), "alfentanil sc")
    rescue = plan.rescue
    assert rescue is not None and rescue.interval_h == 1
    assert "Lanarkshire" in rescue.source


def test_a_drug_whose_first_row_states_a_prn_interval_keeps_it():
    from mpsdose.knowledge.bundle import resolve
    from mpsdose.model.vocabulary import Route

    k = resolve(None)
    assert k.usual_schedule("morphine", Route.SC, as_needed=True).prn_interval_h == 3
    assert k.usual_schedule("alfentanil", Route.SC).prn_interval_h is None  # the driver row
    assert k.usual_schedule("alfentanil", Route.SC, as_needed=True).prn_interval_h == 1
    assert k.usual_schedule("morphine", Route.TRANSDERMAL, as_needed=True) is None


def test_morley_makin_says_its_interval_is_in_the_source_not_invented():
    from mpsdose.clinical.methadone import methadone_switch

    result = methadone_switch(Regimen.parse(["morphine 300 mg/day"]), "morley-makin").methods[0]
    assert result.frequency == "prn"
    assert any("shortest interval between doses: see the source" in w for w in result.warnings)


# 3. The reader's messages quote the text with its whitespace shown as spaces.

@pytest.mark.parametrize("raw, shown", [
    ("'tramadol 200\\xa0mg/day'", "'tramadol 200 mg/day'"),
    ("'pregabalin \\n75\\xa0mg/day'", "'pregabalin 75 mg/day'"),
    ("'oxycodone\\n5 mg'", "'oxycodone 5 mg'"),
    ("'10\\u2009mg'", "'10 mg'"),
    ("'a\\\\nb'", "'a\\\\nb'"),  # an escaped backslash of the text itself: kept
    ("'caf\\xe9'", "'caf\\xe9'"),  # an escape of a character that is not whitespace: kept
    ("'morphine 10 mg'", "'morphine 10 mg'"),
])
def test_visible_shows_escaped_whitespace_as_a_space(raw, shown):
    from mpsdose.io.prose.text import visible

    assert visible(raw) == shown


def test_read_messages_show_spaces_and_json_keeps_the_text_exact():
    from mpsdose.io.prose import read_course

    text = "Tramadol 200\u00a0mg/day was given. Pregabalin \n75\u00a0mg/day was added.\n"
    story = read_course(text)
    messages = " ".join(f.finding.message for f in story.findings)
    assert "\\xa0" not in messages and "\\n" not in messages
    assert "'Tramadol 200 mg/day'" in messages
    written = [item.as_written for state in story.states for item in state.items]
    assert "Tramadol 200\u00a0mg/day" in written
