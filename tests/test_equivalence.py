"""Oral morphine equivalents: hand-worked values, the peers' traps, and laws (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose import (
    DataError,
    Dose,
    Regimen,
    RotationTable,
    Route,
    SurveillanceTable,
    UnknownTableError,
    conversion_table,
    conversion_tables,
    load_table_file,
    oral_morphine_equivalent,
    parse_item,
)
from tests.strategies import oral_items, regimens

OPIOID_ORAL = ["morphine", "oxycodone", "hydromorphone", "codeine", "tramadol", "tapentadol",
               "hydrocodone", "oxymorphone", "methadone"]


def ome(text, table="cdc2022", prn=False):
    result = oral_morphine_equivalent([parse_item(text)], table)
    return (result.with_prn if prn else result.scheduled).value


# OME a pharmacist computes by hand from the CDC 2022 table (MMWR 2022;71(RR-3)):
# oxycodone 1.5, tramadol 0.2, fentanyl patch 2.4 per mcg/h, methadone 4.7, codeine 0.15.
CDC2022_BY_HAND = [
    ("oxycodone 20 mg/day", 20 * 1.5),
    ("oxycodone er 10 mg po q12h", 10 * 2 * 1.5),
    ("tramadol 200 mg/day", 200 * 0.2),
    ("fentanyl 25 mcg/h td q72h", 25 * 2.4),
    ("methadone 5 mg po q8h", 5 * 3 * 4.7),
    ("codeine 15 mg po 4x/day", 15 * 4 * 0.15),
    ("1 tab oxycodone er 30 mg po q12h", 30 * 2 * 1.5),
    # no factor in CDC 2022 (no parenteral rows): not 0, not a guess
    ("morphine 10 mg/day sc continuous", None),
    ("hydromorphone 1 mg/h sc continuous", None),
    # not an opioid: no OME at all
    ("loxoprofen 60 mg po tid", None),
    ("acetaminophen 1 g po qid", None),
    ("acetaminophen 4 g/day", None),
    ("pregabalin 75 mg/day", None),
    ("betamethasone 4 mg/day", None),
    ("olanzapine 2.5 mg po at night", None),
    ("ketorolac 30 mg iv q6h for 7 days", None),
]


@pytest.mark.parametrize(("text", "expected"), CDC2022_BY_HAND, ids=[t for t, _ in CDC2022_BY_HAND])
def test_contract_examples_under_cdc2022(text, expected):
    result = oral_morphine_equivalent([parse_item(text)], "cdc2022")
    if expected is None:
        assert result.scheduled.value in (None, 0.0)
        assert all(row.ome.value is None for row in result.items)
    else:
        assert result.scheduled.value == pytest.approx(expected)
        (row,) = result.items
        assert row.factor.table == "cdc2022"
        assert "CDC" in row.factor.source


def test_prn_examples_count_only_with_prn():
    assert ome("oxycodone ir 5 mg po prn max 6/day") == 0  # PRN is not scheduled
    assert ome("oxycodone ir 5 mg po prn max 6/day", prn=True) == pytest.approx(5 * 6 * 1.5)
    result = oral_morphine_equivalent([parse_item("rescue oxycodone 5 mg po prn")])
    assert result.with_prn.value is None  # no maximum: not known, not zero
    assert not result.with_prn.complete


def test_no_factor_is_null_with_a_finding_never_zero():
    result = oral_morphine_equivalent(
        [parse_item("oxycodone 20 mg/day"), parse_item("buprenorphine 10 mcg/h td")], "cdc2022"
    )
    assert result.scheduled.value is None
    assert result.scheduled.format() == "≥ 30 mg/day"
    assert "no-factor" in {f.code for f in result.findings}


@pytest.mark.parametrize("interval", ["", "q72h", "q48h", "q24h"])
def test_fentanyl_patch_factor_is_per_mcg_per_hour_whatever_the_change_interval(interval):
    assert ome(f"fentanyl 75 mcg/h td {interval}") == pytest.approx(180)  # CDC 2022 table


# CDC 2016 methadone tiers (1–20 ×4, 21–40 ×8, 41–60 ×10, ≥61 ×12), at and around each edge.
METHADONE_2016 = [(5, 4), (20, 4), (20.5, 8), (30, 8), (40, 8), (40.5, 10), (60, 10), (60.5, 12),
                  (100.5, 12), (200, 12)]


@pytest.mark.parametrize(("daily", "factor"), METHADONE_2016, ids=[str(d) for d, _ in METHADONE_2016])
def test_methadone_tiers_on_non_integer_doses(daily, factor):
    assert ome(f"methadone {daily} mg/day", "cdc2016") == pytest.approx(daily * factor)


def test_transmucosal_fentanyl_is_per_mcg():
    # NIH HEAL: fentanyl buccal 0.13 per mcg; 200 mcg four times a day = 800 mcg/day
    assert ome("fentanyl buccal 200 mcg q6h", "nihheal") == pytest.approx(800 * 0.13)
    assert ome("fentanyl buccal 0.2 mg q6h", "nihheal") == pytest.approx(800 * 0.13)
    assert ome("fentanyl buccal film 200 mcg q6h", "nihheal") == pytest.approx(800 * 0.18)


@pytest.mark.parametrize(
    ("text", "table", "expected"),
    [("tramadol 200 mg/day", "cdc2022", 40), ("tramadol 200 mg/day", "cms2018", 20),
     ("hydromorphone 8 mg/day", "cdc2022", 40), ("hydromorphone 8 mg/day", "cdc2016", 32),
     ("buprenorphine 10 mcg/h td", "nihheal", 22), ("buprenorphine 10 mcg/h td", "cdc2022", None),
     ("fentanyl 600 mcg/day iv continuous", "cdc2016", None),
     ("fentanyl 600 mcg/day iv continuous", "anzca2021", 120)],
    ids=["tramadol 0.2 cdc2022", "tramadol 0.1 cms2018", "hydromorphone 5 cdc2022",
         "hydromorphone 4 cdc2016", "buprenorphine patch nihheal", "buprenorphine cdc2022 none",
         "iv fentanyl cdc2016 none", "iv fentanyl anzca2021 0.2/mcg"],
)
def test_tables_disagree_and_each_says_its_own(text, table, expected):
    assert ome(text, table) == (None if expected is None else pytest.approx(expected))


def test_ranges_travel_to_the_total():
    # JSPM 2010: morphine IV/SC 10–15 mg ≡ oral 30 mg → factor 2–3
    result = oral_morphine_equivalent([parse_item("morphine 10 mg/day sc continuous")], "jspm2010")
    assert result.scheduled.value is None
    assert (result.scheduled.low, result.scheduled.high) == (pytest.approx(20), pytest.approx(30))


def test_every_result_names_table_version_and_hash():
    table = conversion_table("cdc2022")
    assert len(table.content_hash) == 64
    assert table.effective_date
    assert table.id in table.label and table.content_hash[:12] in table.label


def test_purposes_are_types():
    assert isinstance(conversion_table("cdc2022"), SurveillanceTable)
    assert isinstance(conversion_table("spcg"), RotationTable)
    assert not isinstance(conversion_table("cdc2022"), RotationTable)


def test_unknown_table_lists_the_known():
    with pytest.raises(UnknownTableError, match="cdc2022"):
        conversion_table("cdc2099")


def test_required_tables_ship():
    assert {"cdc2022", "cdc2016", "nihheal", "anzca2021"} <= set(conversion_tables())
    assert any(isinstance(t, RotationTable) for t in conversion_tables().values())


def test_surveillance_tables_have_point_factors():
    for table in conversion_tables().values():
        if isinstance(table, SurveillanceTable):
            assert all(row.factor is not None for row in table.factors), table.id


def test_a_band_row_applies_exactly_on_its_band():
    table = conversion_table("cdc2016")
    rows = [r for r in table.factors if r.drug == "methadone"]

    @given(st.floats(min_value=0.01, max_value=2000))
    def check(amount):
        applying = [r for r in rows if r.applies_to(amount)]
        assert len(applying) == 1
        (row,) = applying
        assert (row.band_min or 0) < amount <= (row.band_max or float("inf"))
        assert table.lookup("methadone", Route.ORAL, daily=amount) is row

    check()


THRESHOLDS = [("cdc2016", "oxycodone 40 mg/day", True), ("cdc2016", "oxycodone 20 mg/day", False),
              ("palliative", "oxycodone 400 mg/day", False), (None, "oxycodone 400 mg/day", False)]


@pytest.mark.parametrize(("context", "text", "flagged"), THRESHOLDS)
def test_thresholds_are_information_in_their_context_only(context, text, flagged):
    result = oral_morphine_equivalent([parse_item(text)], threshold_context=context)
    found = [f for f in result.findings if f.code.startswith("ome-threshold")]
    assert bool(found) is flagged
    assert all(f.severity.value == "info" for f in found)


# -- a user's own table ---------------------------------------------------------------------------
HEADER = "table,drug,route,form,unit,factor,factor_low,factor_high,daily_dose_min,daily_dose_max,source\n"


def test_user_table_loads_and_is_used(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(HEADER + "local,oxycodone,oral,,mg/day,2,,,,,our formulary 2026\n")
    (table,) = load_table_file(path).values()
    assert table.id == "local"
    result = oral_morphine_equivalent([parse_item("oxycodone 20 mg/day")], table)
    assert result.scheduled.value == pytest.approx(40)


BAD_ROWS = [
    ("local,oxycodon,oral,,mg/day,2,,,,,s\n", "unknown drug"),
    ("local,oxycodone,nose,,mg/day,2,,,,,s\n", "unknown route"),
    ("local,oxycodone,oral,,mg,2,,,,,s\n", "unit"),
    ("local,fentanyl,transdermal,,mcg/day,2.4,,,,,s\n", "does not fit"),
    ("local,oxycodone,oral,,mcg/h,2.4,,,,,s\n", "does not fit"),
    ("local,oxycodone,oral,,mg/day,-1,,,,,s\n", "positive"),
    ("local,oxycodone,oral,,mg/day,abc,,,,,s\n", "not a number"),
    ("local,oxycodone,oral,,mg/day,2,,,,,\n", "source"),
    ("local,oxycodone,oral,,mg/day,,,,,,s\n", "no factor"),
    ("local,oxycodone,oral,,mg/day,2,,,,,s\nlocal,oxycodone,oral,,mg/day,3,,,,,s\n", "same table"),
    ("local,methadone,oral,,mg/day,4,,,0,30,s\nlocal,methadone,oral,,mg/day,8,,,20,40,s\n",
     "overlap"),
    ("local,oxycodone,oral,,mg/day,2,,,40,20,s\n", "below"),
]


@pytest.mark.parametrize(("rows", "words"), BAD_ROWS, ids=[w for _, w in BAD_ROWS])
def test_user_table_errors_name_file_and_line(tmp_path, rows, words):
    path = tmp_path / "mine.csv"
    path.write_text(HEADER + rows)
    with pytest.raises(DataError) as caught:
        load_table_file(path)
    assert f"{path}:" in str(caught.value)
    assert words in str(caught.value)


# -- laws -----------------------------------------------------------------------------------------
def _total(regimen, table="cdc2022"):
    result = oral_morphine_equivalent(regimen, table)
    return result.scheduled, result.with_prn


@given(regimens, st.floats(min_value=0.01, max_value=10))
def test_ome_is_linear_in_dose(regimen, factor):
    scaled = Regimen(tuple(item.scaled(factor) for item in regimen.items))
    for before, after in zip(_total(regimen), _total(scaled), strict=True):
        assert (before.value is None) == (after.value is None)
        if before.value is not None:
            assert after.value == pytest.approx(before.value * factor, rel=1e-9)


@given(oral_items(drugs=OPIOID_ORAL), st.sampled_from([("g", 1e-3), ("mcg", 1e3)]))
def test_ome_does_not_depend_on_the_unit_written(item, unit_and_scale):
    unit, scale = unit_and_scale
    unit = unit + "/day" if item.is_rate else unit
    rewritten = item.with_dose(Dose.of(item.ingredients[0].dose.canonical * scale, unit))
    for table in ("cdc2022", "cdc2016", "spcg"):
        for a, b in zip(_total([item], table), _total([rewritten], table), strict=True):
            assert (a.value is None) == (b.value is None)
            if a.value is not None:
                assert b.value == pytest.approx(a.value, rel=1e-9)


@given(regimens, st.sampled_from(sorted(conversion_tables())))
def test_ome_is_non_negative_additive_and_order_free(regimen, table):
    scheduled, with_prn = _total(regimen, table)
    parts = [_total([item], table) for item in regimen.items]
    for index, total in enumerate((scheduled, with_prn)):
        if total.known_value is not None:
            assert total.known_value >= 0
            known = [p[index].known_value for p in parts if p[index].known_value is not None]
            assert total.known_value == pytest.approx(sum(known), abs=1e-9)
        assert len(total.missing) == sum(len(p[index].missing) for p in parts)
    reversed_total = _total(Regimen(tuple(reversed(regimen.items))), table)
    assert reversed_total[0].value == (None if scheduled.value is None
                                       else pytest.approx(scheduled.value))


def test_an_unlisted_drug_leaves_the_ome_total_incomplete():
    """An unlisted drug may be an opioid: the total is a lower bound, never complete."""
    regimen = Regimen.parse(["foodrug 5 mg po bid", "oxycodone 20 mg/day"], allow_unlisted=True)
    result = oral_morphine_equivalent(regimen, "cdc2022")
    assert result.scheduled.value is None
    assert result.scheduled.known_value == pytest.approx(30)
    assert any("foodrug" in reason for reason in result.scheduled.missing)
    assert result.scheduled.format() == "≥ 30 mg/day"
