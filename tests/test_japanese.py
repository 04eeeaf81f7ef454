"""The Japanese prescription reader on tiny data of its own: 1回量 and 1日量・分N, meal times, 頓用
with its maximum, intervals, products read through their strengths, patches by content, infusions
from mL/h and their concentration, and what is refused rather than guessed.

The products here are made up (テストコンチン錠 …) so that a test never depends on the shipped
data; tests of the shipped products and of real prescriptions are in tests/shipped/.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose import (
    ItemSyntaxError,
    Knowledge,
    MpsdoseError,
    Route,
    UnitError,
    UnknownDrugError,
    parse_item,
    parse_japanese,
    read_japanese,
)
from mpsdose.io.japanese import is_japanese
from mpsdose.model.errors import RouteError
from mpsdose.model.regimen import ScheduleKind

FILES = {
    "drugs": (
        "drug,drug_class,atc_code,routes,forms,natural_unit,source,grade,notes\n"
        "oxycodone,opioid,,oral sc iv,tablet powder injection,mg/day,test,P,\n"
        "morphine,opioid,,oral rectal sc iv,tablet liquid injection suppository,mg/day,test,P,\n"
        "fentanyl,opioid,,transdermal iv sc sublingual buccal,patch injection tablet,mg/day,test,"
        "P,\n"
        "acetaminophen,acetaminophen,,oral iv,tablet injection,g/day,test,P,\n"
        "tramadol,opioid,,oral,tablet,mg/day,test,P,\n"),
    "drug_names": (
        "name,drug,kind,source,grade\n"
        "オキシコドン,oxycodone,jan,test,P\n"
        "モルヒネ,morphine,jan,test,P\n"
        "フェンタニル,fentanyl,jan,test,P\n"
        "テストコンチン,oxycodone,brand-jp,test,P\n"
        "テストール,acetaminophen,brand-jp,test,P\n"),
    "combination_products": (
        "name,components,strengths_mg,market,source,grade,notes\n"
        "テスト配合錠,tramadol/acetaminophen,37.5/325,jp,test,P,\n"),
    "products": (
        "product,market,drug,route,release,form,strength,unit,volume_ml,source,grade,notes\n"
        "テストコンチン錠,jp,oxycodone,oral,er,tablet,5,mg,,test,P,\n"
        "テストコンチン錠,jp,oxycodone,oral,er,tablet,10,mg,,test,P,\n"
        "テスト散,jp,oxycodone,oral,ir,powder,2.5,mg,,test,P,\n"
        "テスト散,jp,oxycodone,oral,ir,powder,5,mg,,test,P,\n"
        "テストール錠,jp,acetaminophen,oral,ir,tablet,200,mg,,test,P,\n"
        "テストール錠,jp,acetaminophen,oral,ir,tablet,500,mg,,test,P,\n"
        "テスト内服液,jp,morphine,oral,ir,liquid,5,mg,2.5,test,P,\n"
        "テスト坐剤,jp,morphine,rectal,ir,suppository,10,mg,,test,P,\n"
        "テスト注,jp,morphine,iv,,injection,10,mg,1,test,P,\n"
        "テスト注,jp,morphine,iv,,injection,50,mg,5,test,P,\n"
        "テスト舌下錠,jp,fentanyl,sublingual,ir,tablet,100,mcg,,test,P,\n"
        "テストバッカル錠,jp,fentanyl,buccal,ir,tablet,50,mcg,,test,P,\n"
        "テストバッカル錠,jp,fentanyl,buccal,ir,tablet,100,mcg,,test,P,\n"
        "テスト静注液,jp,acetaminophen,iv,,injection,1000,mg,100,test,P,\n"),
    "patch_products": (
        "product,market,drug,content_mg,content_basis,release_mcg_h,interval_h,conversion_table,"
        "source,grade,notes\n"
        "シトレートテープ,jp,fentanyl,1,citrate,12.5,24,,test,P,\n"
        "シトレートテープ,jp,fentanyl,2,citrate,25,24,,test,P,\n"
        "ベーステープ,jp,fentanyl,2.1,base,12.5,72,,test,P,\n"
        "ベーステープ,jp,fentanyl,4.2,base,25,72,,test,P,\n"
        "フェンタニル3日用テープ,jp,fentanyl,4.2,base,25,72,,test,P,\n"),
    "strengths": (
        "drug,route,release,form,market,strengths,unit,step,source,grade,notes\n"
        "oxycodone,oral,ir,tablet,jp,2.5 5,mg,,test,P,\n"
        "oxycodone,oral,er,tablet,jp,5 10,mg,,test,P,\n"
        "oxycodone,sc,,injection,jp,10,mg/mL,,test,P,\n"
        "morphine,iv,,injection,jp,10 40,mg/mL,,test,P,\n"
        "acetaminophen,oral,ir,powder,jp,200,mg/g,,test,P,\n"),
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Knowledge:
    folder: Path = tmp_path_factory.mktemp("jp")
    for name, text in FILES.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return Knowledge.load(folder, shipped=False)


def read(text: str, tiny: Knowledge):
    return parse_item(text, knowledge=tiny)


# -- 1回量 × 1日回数, 1日量 and 分N ----------------------------------------------------------------
@pytest.mark.parametrize(("text", "daily", "per_dose"), [
    ("テストコンチン錠10mg 1回1錠 1日2回", 20, 10),
    ("テストコンチン錠10mg 1回2錠 1日2回 12時間毎", 40, 20),
    ("テストコンチン錠5mg 2錠 分2 朝夕食後", 10, 5),          # 2錠 is the day's quantity
    ("テストコンチン錠5mg 4錠 1日2回", 20, 10),               # so is 4錠 beside 1日2回
    ("テストコンチン錠10mg 1日40mg 分2", 40, 20),
    ("テストール錠500 1回2錠（1000mg） 1日4回 6時間毎", 4000, 1000),
    ("テストール錠200 3錠 毎食後", 600, 200),                # 毎食後: three times
    ("テストール錠200 4錠 毎食後・就寝前", 800, 200),
    ("テストール錠200 1回1錠 1日4回 毎食後及び就寝前", 800, 200),  # 及び joins two times
    ("テストール錠200 2錠 朝・夕", 400, 200),
    ("オキシコドン錠5mg 1回1錠 1日4回", 20, 5),               # a generic name, strengths.csv
    ("オキシコドン塩酸塩徐放錠10mgNX「テスト」 2錠 分2", 20, 10),  # salt, maker's suffix
    ("テスト散5mg 1回1包 1日4回 6時間毎", 20, 5),
    ("テスト内服液5mg 1回1包 1日6回 4時間毎", 30, 5),
    ("テスト坐剤10mg 1回1個 1日3回 8時間毎", 30, 10),
    ("テスト配合錠 8錠 分4（1回2錠）", 300, 75),             # tramadol of a combination
], ids=lambda v: v if isinstance(v, str) else None)
def test_the_amount_a_dose_and_a_day(tiny, text, daily, per_dose):
    item = read(text, tiny)
    assert math.isclose(item.daily(), daily)
    assert math.isclose(item.per_dose(), per_dose)
    assert item.text == text  # echoed as written


@pytest.mark.parametrize(("text", "per_dose"), [
    ("テスト舌下錠100μg1回1錠 突出痛時 1日4回まで", 0.1),   # the sig right after μg
    ("テストコンチン錠10mg1回1錠1日2回", 10),
    ("テスト注50mg/5mL1A 静注 疼痛時", 50),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_strength_with_its_unit_ends_where_the_sig_begins_without_a_space(tiny, text,
                                                                              per_dose):
    assert math.isclose(read(text, tiny).per_dose(), per_dose)


def test_full_width_digits_and_unit_glyphs(tiny):
    assert read("テストコンチン錠１０ｍｇ　１回１錠　１日２回", tiny).daily() == 20
    assert read("テストコンチン錠１０㎎　２錠　分２", tiny).daily() == 20
    item = read("テスト舌下錠100μｇ 1回1錠 疼痛時", tiny)
    assert item.route is Route.SUBLINGUAL and math.isclose(item.per_dose(), 0.1)


def test_at_bedtime_is_once_a_day_at_night(tiny):
    item = read("テストール錠200 1錠 1日1回 就寝前", tiny)
    assert item.schedule.kind is ScheduleKind.AT_NIGHT and item.daily() == 200


def test_a_half_tablet_written_as_such(tiny):
    for text in ("テストール錠500 1回1/2錠 1日1回", "テストール錠500 1回半錠 1日1回"):
        assert read(text, tiny).daily() == 250


@pytest.mark.parametrize("text", [
    "テストール錠200 1錠 1日3回",        # 1/3 tablet a dose: write 1回1錠 or 3錠
    "テストコンチン錠10mg 3錠 分2",      # 1.5 extended-release tablets a dose
    "テストコンチン錠10mg 1回1錠",       # no frequency
    "テストコンチン錠10mg 3錠 1日3回 分2",  # two frequencies that disagree
    "テストール錠500 1回2錠（500mg） 1日4回",  # brackets that disagree
    "テスト坐剤10mg 3個 1日3回",          # a bare quantity of a suppository is the total
    "テスト散5mg 1回1包 疼痛時 6回まで",   # a day's maximum or the doses dispensed?
    "テストール錠500 1回1錠 1日3回 1日おき",  # read differently by different prescribers
    "テストール錠200 1回1錠 1日2回 毎食後及び就寝前",  # 及び joins four times, not two
    "テスト内服液52包 分2",                # 5 and 2包, or 52包? (one strength: 5 mg)
], ids=lambda v: v)
def test_ambiguous_or_contradictory_prescriptions_are_refused(tiny, text):
    with pytest.raises(ItemSyntaxError):
        read(text, tiny)


@pytest.mark.parametrize("text", [
    "テストコンチン錠15mg 1回1錠 1日2回",  # not a marketed strength
    "テストール錠 1回1錠 1日3回",          # several strengths, none written
    "オキシコドン錠7mg 1回1錠 疼痛時",     # a generic strength strengths.csv does not list
    "モルヒネ錠10mg 1回1錠 1日3回",        # no Japanese strength of morphine tablets at all
    "テスト散5mg 1回1錠 1日4回",          # 錠 does not count a powder
], ids=lambda v: v)
def test_a_strength_that_is_not_listed_is_refused_never_guessed(tiny, text):
    with pytest.raises(UnitError):
        read(text, tiny)


def test_an_unknown_name_is_refused_with_the_nearest_names(tiny):
    with pytest.raises(UnknownDrugError) as caught:
        read("テストコンチソ錠10mg 1回1錠 1日2回", tiny)
    assert "テストコンチン" in str(caught.value)


def test_a_word_that_is_not_understood_is_named(tiny):
    with pytest.raises(ItemSyntaxError, match="ふしぎ"):
        read("テストコンチン錠10mg 1回1錠 1日2回 ふしぎ", tiny)


# -- 頓用 -----------------------------------------------------------------------------------------
def test_as_needed_with_its_maximum_and_the_doses_dispensed(tiny):
    item = read("テスト散5mg 1回1包 疼痛時 1時間以上あけて 1日4回まで 10回分", tiny)
    assert item.prn and item.max_prn_per_day == 4  # 10回分 is dispensed, not a daily maximum
    assert item.daily() == 20
    bare = read("テスト散2.5mg 1包 頓用", tiny)  # a bare quantity of a 頓用 is one dose
    assert bare.prn and bare.per_dose() == 2.5 and bare.max_prn_per_day is None
    assert bare.daily() is None  # no maximum: not counted, never 0


# -- patches by content ------------------------------------------------------------------------------
def test_the_same_mg_on_two_labels_is_two_release_rates(tiny):
    citrate = read("シトレートテープ2mg 1枚 1日1回貼付", tiny)
    base = read("ベーステープ2.1mg 1枚 3日毎に貼り替え", tiny)
    assert math.isclose(citrate.daily() * 1000 / 24, 25)
    assert math.isclose(base.daily() * 1000 / 24, 12.5)
    assert citrate.schedule.value == 24 and base.schedule.value == 72


def test_patches_are_counted_and_summed(tiny):
    assert math.isclose(read("シトレートテープ2mg 1回2枚 1日1回", tiny).daily() * 1000 / 24, 50)
    both = read("ベーステープ2.1mg 1枚 + ベーステープ4.2mg 1枚 72時間毎", tiny)
    assert math.isclose(both.daily() * 1000 / 24, 37.5)


@pytest.mark.parametrize(("text", "error"), [
    ("シトレートテープ3mg 1枚 1日1回", UnitError),         # a content not listed
    ("シトレートテープ 1枚 1日1回", UnitError),            # no content
    ("ベーステープ4.2mg 1枚 1日1回", ItemSyntaxError),     # the label changes it every 72 h
    ("フェンタニル1日用テープ2mg 1枚 1日1回", ItemSyntaxError),  # a product not listed
], ids=["content", "no content", "interval", "product"])
def test_a_patch_content_not_listed_is_refused(tiny, text, error):
    with pytest.raises(error):
        read(text, tiny)


# -- infusions ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "daily"), [
    ("テスト注10mg 原液 持続静注 0.1mL/h", 24),
    ("テスト注10mg 5A（50mg/5mL）+生理食塩液45mL 計50mL（1mg/mL） 持続皮下注 0.5mL/h", 12),
    ("テスト注50mg 1A + 生食45mL 持続静注 1mL/h", 24),       # 50 mg in 50 mL
    ("オキシコドン注10mg（1%1mL） 原液 12mg/日 持続皮下注（0.05mL/h）", 12),
    ("テスト注10mg 持続皮下注 12mg/日", 12),
], ids=lambda v: v if isinstance(v, str) else None)
def test_an_infusion_from_its_rate_and_concentration(tiny, text, daily):
    item = read(text, tiny)
    assert item.schedule.kind is ScheduleKind.CONTINUOUS
    assert math.isclose(item.daily(), daily)


@pytest.mark.parametrize("text", [
    "テスト注10mg 5A+生理食塩液45mL 計40mL 持続静注 0.5mL/h",   # 5 + 45 is not 40
    "テスト注10mg 5A 計50mL（2mg/mL） 持続静注 0.5mL/h",        # 50/50 is not 2 mg/mL
    "テスト注10mg 原液 持続静注 0.1mL/h 12mg/日",               # 24 mg/day is not 12
    "テスト注10mg 持続皮下注",                                   # no rate
], ids=lambda v: v)
def test_infusion_figures_that_disagree_are_refused(tiny, text):
    with pytest.raises(ItemSyntaxError):
        read(text, tiny)


def test_an_injection_without_its_route_is_refused(tiny):
    with pytest.raises(RouteError):
        read("テスト注10mg 1回1A 疼痛時", tiny)


def test_a_pump_bolus_is_read_with_its_pump(tiny):
    pump, bolus = read_japanese(["テスト注10mg 原液 持続静注 0.1mL/h",
                                 "(上記ポンプ) 疼痛時 1時間量早送り 1日6回まで"], knowledge=tiny)
    assert bolus.prn and bolus.drug.name == "morphine" and bolus.route is Route.IV
    assert math.isclose(bolus.per_dose(), pump.daily() / 24)
    with pytest.raises(ItemSyntaxError, match="上記"):
        parse_japanese("(上記ポンプ) 疼痛時 1時間量早送り", knowledge=tiny)


# -- the reader and the item language -------------------------------------------------------------
def test_only_japanese_text_goes_to_the_japanese_reader(tiny):
    assert is_japanese("テスト") and is_japanese("【般】") and not is_japanese("oxycodone ５ mg")
    assert read("oxycodone １０ mg po q12h", tiny).daily() == 20  # still the item language


_PRODUCTS = [("テストコンチン錠", (5, 10)), ("テストール錠", (200, 500)), ("テスト散", (2.5, 5))]
_UNIT = {"テストコンチン錠": "錠", "テストール錠": "錠", "テスト散": "包"}
_FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")


@st.composite
def prescriptions(draw):
    """A prescription written one of four ways, with the daily amount it means."""
    product, strengths = draw(st.sampled_from(_PRODUCTS))
    strength = draw(st.sampled_from(strengths))
    count = draw(st.integers(1, 3))
    times = draw(st.sampled_from([1, 2, 3, 4]))
    unit = _UNIT[product]
    style = draw(st.sampled_from(["1回量", "分N", "interval", "頓用"]))
    name = f"{product}{strength:g}" + ("mg" if draw(st.booleans()) else "")
    if style == "1回量":
        sig = f"1回{count}{unit} 1日{times}回"
    elif style == "分N":
        sig = f"{count * times}{unit} 分{times}"
    elif style == "interval":
        sig = f"1回{count}{unit} {24 // times}時間毎"
    else:
        sig = f"1回{count}{unit} 疼痛時 1日{times}回まで"
    space = draw(st.sampled_from([" ", "\u3000"]))
    text = name + space + sig.replace(" ", space)
    if draw(st.booleans()):
        text = text.translate(_FULL)
    return text, strength * count * times


@given(prescriptions())
def test_a_prescription_means_its_daily_amount_and_round_trips(tiny, written):
    text, daily = written
    item = read(text, tiny)
    assert math.isclose(item.daily(), daily)
    english = item.format()
    assert not is_japanese(english)
    assert parse_item(english, knowledge=tiny) == item


# -- robustness: patterns of the fresh set (tests/data/README.md) and their near relatives -------
def _rate(item) -> float:
    return item.daily() * 1000 / 24


@pytest.mark.parametrize(("text", "rate"), [
    ("シトレートテープ2mg 1枚 1日1回 計14枚", 25),          # 計14枚: the total dispensed
    ("シトレートテープ2mg 7枚 1回1枚 1日1回貼り替え", 25),   # the bare 7枚 beside 1回1枚: dispensed
    ("シトレートテープ1mg 1日2枚 1日1回", 25),              # 1日2枚 of a one-day patch: worn
    ("ベーステープ4.2mg 1回1枚 3日に1回貼り替え 5枚", 25),    # 3日に1回 = every 72 h
    ("シトレートテープ1mg 1枚 + シトレートテープ2mg 1枚 1日1回 同時に貼り替え", 37.5),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_patch_count_is_the_patches_worn_only_when_written_so(tiny, text, rate):
    assert math.isclose(_rate(read(text, tiny)), rate)


@pytest.mark.parametrize("text", [
    "シトレートテープ2mg 7枚 1日1回貼り替え",   # a week's supply, or seven worn at once?
    "シトレートテープ2mg 2枚 1日1回",
    "ベーステープ4.2mg 5枚 3日毎",
    "ベーステープ4.2mg 1日2枚 3日毎",           # 1日N枚 of a three-day patch
    "シトレートテープ1mg 2枚 + シトレートテープ2mg 1枚 1日1回",
], ids=lambda v: v)
def test_a_bare_count_of_patches_is_refused_as_total_or_worn(tiny, text):
    with pytest.raises(ItemSyntaxError, match="枚"):
        read(text, tiny)


@pytest.mark.parametrize(("text", "daily", "per_dose"), [
    ("テストール錠200 3錠 分2 朝2錠・昼1錠", 600, None),       # unequal: the day's amount only
    ("テストール錠200 朝食後 1錠、夕食後 2錠", 600, None),
    ("テストール錠200 朝1錠 夕2錠 (1日3錠)", 600, None),
    ("テストール錠200 4錠 分2 朝2錠 夕2錠", 800, 400),         # equal: an ordinary dose
    ("テストール錠200 就寝前 2錠", 400, 400),                  # one time: an ordinary count
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_count_at_each_time_of_day(tiny, text, daily, per_dose):
    item = read(text, tiny)
    assert math.isclose(item.daily(), daily)
    assert item.per_dose() == per_dose if per_dose is None else math.isclose(item.per_dose(),
                                                                              per_dose)
    assert parse_item(item.format(), knowledge=tiny) == item


@pytest.mark.parametrize("text", [
    "テストール錠200 3錠 分2 朝2錠 昼2錠",     # 2 + 2 is not 3
    "テストール錠200 1日3回 朝2錠 昼1錠",      # three doses or two?
    "テストール錠200 朝2錠 昼1錠 疼痛時",      # a schedule, not as needed
    "テストール錠200 朝2錠 昼1錠 夕",          # a time without its count
    "テストール錠200 1回1錠 朝2錠 夕2錠",      # 1回量 and the counts disagree
], ids=lambda v: v)
def test_counts_at_times_of_day_that_do_not_add_up_are_refused(tiny, text):
    with pytest.raises(ItemSyntaxError):
        read(text, tiny)


def test_a_bare_oral_count_beside_a_dose_is_a_day_or_the_total_dispensed(tiny):
    assert read("テストール錠200 1回1錠 1日3回 毎食後 21錠", tiny).daily() == 600   # 7 days
    assert read("テストール錠200 3錠 分3 毎食後 21錠", tiny).daily() == 600
    for text in ("テストール錠200 3錠 分3 毎食後 （1回2錠）",   # 3 a day or 6?
                 "テストール錠200 1回1錠 1日3回 2錠",
                 "テストール錠200 3錠 分3 20錠"):
        with pytest.raises(ItemSyntaxError, match="neither"):
            read(text, tiny)


@pytest.mark.parametrize("text", [
    "テスト散5mg 3包 分3 疼痛時",                      # 分N divides a day's quantity
    "テストコンチン錠10mg 1回1錠 1日2回 12時間毎 1日3回まで",  # scheduled, or as needed?
    "テスト散5mg 1包 疼痛時 1日2回 1日3回まで",
], ids=lambda v: v)
def test_as_needed_and_a_schedule_written_together_are_refused(tiny, text):
    with pytest.raises(ItemSyntaxError):
        read(text, tiny)


def test_an_injection_with_its_diluent_is_one_dose(tiny):
    item = read("テスト注10mg 0.5A＋生食100mL 眠前 点滴静注", tiny)
    assert item.route is Route.IV and item.daily() == 5
    assert item.schedule.kind is ScheduleKind.AT_NIGHT
    assert read("テスト注10mg 1A＋生食50mL 1日2回 点滴静注", tiny).daily() == 20
    with pytest.raises(ItemSyntaxError):
        read("テスト注10mg 1A 1日2回 静注", tiny)  # without a diluent: the total dispensed


@pytest.mark.parametrize(("text", "daily"), [
    ("テストール(500) 3T 3×n.d.E", 1500),                 # chart shorthand
    ("テストコンチン(10) 2T 2× 朝夕", 20),
    ("テストール(200) 1T 1× v.d.S", 200),
    ("ｵｷｼｺﾄﾞﾝ錠5mg 1回1錠 1日2回 以下余白", 10),          # half-width katakana
    ("【般】オキシコドン錠5mg（乱用防止製剤） 1回1錠 1日4回", 20),
    ("テストコンチン錠10mg 1回1錠 1日に2回", 20),
], ids=lambda v: v if isinstance(v, str) else None)
def test_chart_shorthand_and_order_system_words(tiny, text, daily):
    assert math.isclose(read(text, tiny).daily(), daily)


def test_shorthand_that_does_not_divide_is_refused(tiny):
    with pytest.raises(ItemSyntaxError):
        read("テストール(500) 1T 3×n.d.E", tiny)


def test_a_generic_name_printed_with_spaces(tiny):
    item = read("【般】オキシコドン塩酸塩 錠 5mg\u3000\u30001錠\u3000疼痛時 10回分", tiny)
    assert item.prn and item.per_dose() == 5 and item.release == "ir"


@pytest.mark.parametrize(("text", "daily"), [
    ("1%モルヒネ注（10mg/1mL）2A＋生食8mL（2mg/mL） 持続皮下注 0.2mL/時", 9.6),
    ("モルヒネ塩酸塩注5mL（50mg）＋生食5mL／合計10mL 持続皮下注 0.1mL/時（モルヒネ12mg/日）", 12),
    ("テスト注50mg 6管（300mg/30mL）＋生食42mL 全量72mL 小型シリンジポンプ 持続皮下注 0.3mL/hr",
     30),
], ids=lambda v: v if isinstance(v, str) else None)
def test_infusions_as_palliative_orders_write_them(tiny, text, daily):
    item = read(text, tiny)
    assert item.schedule.kind is ScheduleKind.CONTINUOUS and math.isclose(item.daily(), daily)


@pytest.mark.parametrize("text", [
    "4%モルヒネ注（10mg/1mL）2A＋生食8mL 持続皮下注 0.2mL/時",    # 4% is not 10 mg/mL
    "モルヒネ塩酸塩注5mL（50mg）＋生食5mL 合計12mL 持続皮下注 0.1mL/時",  # 5 + 5 is not 12
    "モルヒネ塩酸塩注5mL（50mg）＋生食5mL 合計10mL 持続皮下注 0.1mL/時（モルヒネ24mg/日）",
    "モルヒネ塩酸塩注5mL（50mg）＋生食5mL 合計10mL 持続皮下注 0.1mL/時（オキシコドン12mg/日）",
], ids=lambda v: v)
def test_infusion_orders_whose_figures_disagree_are_refused(tiny, text):
    with pytest.raises((ItemSyntaxError, UnitError)):
        read(text, tiny)


@pytest.mark.parametrize(("bolus", "per_dose"), [
    ("レスキュー 1回0.3mL ロックアウトタイム15分", 1.25),   # 0.3 mL at 300 mg / 72 mL
    ("疼痛時 1時間量早送り", 1.25),
    ("レスキュー 1回1時間量早送り 15分あけて", 1.25),         # the one dose is an hour's rate
    ("（同上）疼痛時：1時間分早送り 30分あけて反復可", 1.25),
    ("レスキュー 0.3mL/回 (1.25mg)", 1.25),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_pump_bolus_in_ml_is_read_at_its_pumps_concentration(tiny, bolus, per_dose):
    pump = "テスト注50mg 6A（300mg/30mL）＋生食42mL 全量72mL 持続皮下注 0.3mL/h"
    _, item = read_japanese([pump, bolus], knowledge=tiny)
    assert item.prn and item.drug.name == "morphine" and item.route is Route.SC
    assert math.isclose(item.per_dose(), per_dose)


@pytest.mark.parametrize("lines", [
    ["レスキュー 1回0.3mL"],                                                 # no pump
    ["テストール錠500 1回1錠 1日3回", "レスキュー 1回0.3mL"],                 # not a pump
    ["テスト注10mg 原液 持続皮下注 0.1mL/h", "レスキュー 1回0.1mL（2mg）"],      # 1 mg, not 2
    ["テスト注10mg 原液 持続皮下注 0.1mL/h", "レスキュー 1回0.3mL 1時間量早送り"],
], ids=lambda v: v[-1])
def test_a_bolus_without_its_pump_or_disagreeing_with_it_is_refused(tiny, lines):
    with pytest.raises((ItemSyntaxError, UnitError)):
        read_japanese(lines, knowledge=tiny)


def test_a_topicals_bare_count_beside_its_total_is_the_count_used_at_once(tiny):
    assert math.isclose(_rate(read("シトレートテープ1mg 2枚 1日1回 計14枚", tiny)), 25)
    assert read("テスト坐剤10mg 1個 1日3回 計21個", tiny).daily() == 30
    for text in ("シトレートテープ1mg 2枚 1日1回 計15枚",    # not whole days of 2
                 "テスト坐剤10mg 2個 1日3回 計21個"):
        with pytest.raises(ItemSyntaxError, match="whole number"):
            read(text, tiny)


@pytest.mark.parametrize("text", [
    "テストコンチン錠10mg 1錠 + テストコンチン錠5mg 1錠 1日2回",    # read only for patches
    "テスト注50mg 1A + テスト注10mg 1A 持続静注 1mL/h",             # a syringe of two
    "テスト注10mg 原液 持続皮下注 0.1mL/h 疼痛時 1時間量（0.1mL=1mg）早送り",  # pump and bolus
    "テスト注10mg 5A 2A 持続静注 1mL/h",                              # which ampoules?
], ids=lambda v: v)
def test_one_line_is_one_item(tiny, text):
    with pytest.raises(ItemSyntaxError):
        read(text, tiny)


@pytest.mark.parametrize(("text", "daily"), [
    ("テストコンチン錠10mg 1回1錠 1日2回 20mg/日", 20),
    ("テストール錠200 1回1錠 1日3回 600mg", 600),
    ("テストール錠200 1回1錠 1日3回 200mg", 600),
], ids=lambda v: v if isinstance(v, str) else None)
def test_an_amount_beside_the_dose_that_agrees(tiny, text, daily):
    assert read(text, tiny).daily() == daily


@pytest.mark.parametrize("text", [
    "テストコンチン錠10mg 1回1錠 1日2回 40mg/日",
    "テストール錠200 1回1錠 1日3回 400mg",
], ids=lambda v: v)
def test_an_amount_beside_the_dose_that_contradicts_it_is_refused(tiny, text):
    with pytest.raises(ItemSyntaxError, match=r"neither|not the day's"):
        read(text, tiny)


@pytest.mark.parametrize("text", [
    "テスト散5mg 1回1包 苦痛時", "テスト散5mg 1回1包 息苦しい時", "テスト散5mg 1回1包 痛みの強い時",
    "テスト散5mg 1回1包 体動時・入浴前 1日4回まで",  # before a painful activity: as needed
], ids=lambda v: v)
def test_palliative_as_needed_words(tiny, text):
    item = read(text, tiny)
    assert item.prn and item.per_dose() == 5


# -- robustness: patterns of the second fresh set (fresh2, tests/data/README.md) ---------------------
@pytest.mark.parametrize(("text", "daily"), [
    ("テストコンチン錠10mg 1錠/回 1日2回", 20),             # N錠/回: a dose, as order systems print it
    ("テストコンチン錠10mg １錠／回 １日２回", 20),
    ("テストコンチン錠10mg 2錠/回 分2", 40),
    ("テストコンチン錠10mg 2錠/日 分2", 20),               # N錠/日: the day's quantity
    ("テストコンチン錠10mg 2錠/日 朝夕食後", 20),
    ("テスト坐剤10mg 1個×3回/日 8時間毎", 30),             # 1個×3回/日: a dose, times a day
    ("テスト坐剤１０ｍｇ　１個 × ３回／日", 30),
    ("テスト坐剤10mg 1個x3回/day 計21個", 30),
    ("テストール錠200 2錠×3回/日", 1200),                 # 2 a dose, never 2 a day
    ("テストール錠200 1T×3回/日 分3", 600),
    ("テストール錠500 1000mg×3回/日", 3000),
    ("テストール錠200 3回/日 1回1錠", 600),
    ("テストコンチン(10) 2T 2× M,A", 20),                 # chart letters: Morgen, Abend
    ("テストコンチン(10) 2T 2× M・A", 20),
    ("テストール(200) 3T 3× M,T,A", 600),
], ids=lambda v: v if isinstance(v, str) else None)
def test_counts_a_dose_a_day_and_chart_letters(tiny, text, daily):
    assert math.isclose(read(text, tiny).daily(), daily)


@pytest.mark.parametrize("text", [
    "テストコンチン錠10mg 1錠/回 1回2錠 1日2回",   # two doses that disagree
    "テストコンチン錠10mg 1錠/回 1日2回 5錠",       # neither the day's quantity nor whole days
    "テスト坐剤10mg 1個×3回/日 1日2回",             # times a day that disagree
    "テスト坐剤10mg 1個×3回",                      # ×3回 without /日: not read
    "テストコンチン(10) 2T 2× A,M",                # letters out of their order
    "テストコンチン(10) 2T 2× M,T,A",              # three times against 2×
    "テストール(200) 3T 3× M,M,A",                 # a letter twice
], ids=lambda v: v)
def test_counts_and_letters_that_disagree_are_refused(tiny, text):
    with pytest.raises(ItemSyntaxError):
        read(text, tiny)


@pytest.mark.parametrize("text", [
    "テストール錠200 2〜4錠 分2",
    "テストール錠200 2-4錠 分2",
    "テスト散5mg 1回1〜2包 疼痛時",
    "テストコンチン錠10mg 1回1錠 1日2〜3回",
    "テスト注10mg 5A＋生食45mL 計50mL 持続皮下注 0.2〜0.3mL/時間",
], ids=lambda v: v)
def test_a_range_is_refused_as_a_range(tiny, text):
    with pytest.raises(ItemSyntaxError, match="range"):
        read(text, tiny)


@pytest.mark.parametrize(("text", "daily"), [
    ("テスト注10mg 5A＋生食45mL 持続皮下注 0.5mL/時間", 12),      # mL/時間, not mL/時 + 間
    ("テスト注10mg 5A＋生食45mL 持続皮下注 0.5ｍL／時間（12mg/日）", 12),
    ("テスト注10mg 2A/日 持続皮下注", 20),                        # ampoules a day
    ("テスト注10mg 5A/日＋生食19mL 計24mL 持続皮下注 1mL/h", 50),
    ("1%モルヒネ注100mg＋生食90mL 持続静注 0.5mL/h", 12),           # 100 mg of 1% is 10 mL
    ("1%モルヒネ注100mg＋生食90mL（総量100mL）（濃度1mg/mL） 持続静注 ベース0.5mL/h", 12),
    ("4%モルヒネ注200mg＋生食15mL 計20mL 持続皮下注 0.1mL/h", 24),
], ids=lambda v: v if isinstance(v, str) else None)
def test_infusions_as_manuals_write_them(tiny, text, daily):
    assert math.isclose(read(text, tiny).daily(), daily)


@pytest.mark.parametrize("text", [
    "テスト注10mg 5A/日＋生食19mL 計24mL 持続皮下注 0.5mL/h",      # 50 mg a day against 25
    "テスト注10mg 1A/日 皮下注",                                  # a day's count, no division
    "1%モルヒネ注100mg＋生食90mL（総量50mL） 持続静注 0.5mL/h",     # 10 + 90 is not 50
    "1%モルヒネ注100mg＋生食90mL（濃度2mg/mL） 持続静注 0.5mL/h",   # 100 mg in 100 mL is 1
    "モルヒネ注100mg＋生食90mL 持続静注 0.5mL/h",                  # 1% or 4%: its volume unknown
    "2%モルヒネ注100mg＋生食95mL 持続静注 0.5mL/h",                # 2% is not marketed
    "4%テスト注50mg＋生食45mL 持続皮下注 1mL/h",                   # this product is 1%
], ids=lambda v: v)
def test_infusion_figures_from_manuals_that_disagree_are_refused(tiny, text):
    with pytest.raises(MpsdoseError):
        read(text, tiny)


def test_an_hourly_limit_is_not_a_days_maximum(tiny):
    pump = "1%モルヒネ注100mg＋生食90mL（総量100mL） 持続静注 0.5mL/h"
    hourly = read_japanese([pump, "レスキュー0.5mL/回（0.5mg） 10分あけて 1時間に6回まで"],
                           knowledge=tiny)[-1]
    assert hourly.prn and hourly.per_dose() == 0.5 and hourly.max_prn_per_day is None
    daily = read_japanese([pump, "レスキュー0.5mL/回 24時間に6回まで"], knowledge=tiny)[-1]
    assert daily.max_prn_per_day == 6
    assert read("テスト散5mg 1回1包 疼痛時 1時間に1回まで", tiny).max_prn_per_day is None


def test_a_repeat_within_one_episode_is_refused(tiny):
    with pytest.raises(ItemSyntaxError, match="repeat"):
        read("テスト舌下錠100μg 1回1錠 突出痛時 効果不十分なら30分後に1回のみ追加可 1日4回まで",
             tiny)
    with pytest.raises(ItemSyntaxError, match="repeat"):
        read("テスト舌下錠100μg 1回1錠 突出痛時 30分後に同一用量を1回追加可 1日4回まで", tiny)


def test_a_brands_powder_is_read_by_its_marketed_percentage(tiny):
    for text in ("テストール細粒20% 1回2.5g 1日3回", "テストール細粒２０％ １回２．５ｇ １日３回"):
        assert math.isclose(read(text, tiny).daily(), 1500)
    with pytest.raises(UnitError, match="50%"):
        read("テストール細粒50% 1回1g 1日3回", tiny)       # a percentage not listed
    with pytest.raises(UnitError):
        read("テストール細粒20% 1回500mg 1日3回", tiny)     # the drug or the powder?
    with pytest.raises(UnknownDrugError):
        read("テストール細粒 1回2.5g 1日3回", tiny)         # no percentage: no product


def test_instructions_that_change_no_amount(tiny):
    item = read("シトレートテープ2mg 1回1枚 1日1回 毎日同じ時刻に貼り替え 7日分", tiny)
    assert math.isclose(item.daily() * 1000 / 24, 25) and item.duration_days == 7


@pytest.mark.parametrize(("text", "daily", "continuous"), [
    ("テスト注10mg 1日12mg 持続皮下注", 12, True),          # 1日量 of an infusion
    ("テスト注10mg 1日量12mg 12mg/日 持続皮下注", 12, True),
    ("テスト注10mg 12mg/日 1日2回 皮下注", 12, False),       # mg/日 with doses: doses
    ("テスト注10mg 1日12mg 1日2回 皮下注", 12, False),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_days_amount_of_an_injection_is_an_infusion_only_where_written_so(tiny, text, daily,
                                                                               continuous):
    item = read(text, tiny)
    assert math.isclose(item.daily(), daily)
    assert (item.schedule.kind is ScheduleKind.CONTINUOUS) is continuous


@pytest.mark.parametrize("text", [
    "テスト注10mg 12mg/日 皮下注",                  # continuous or a daily dose? not written
    "テスト注10mg 12mg/日 1日2回 持続皮下注",        # an infusion and doses
    "テスト注10mg 1回5mg 1日2回 持続皮下注",
    "テスト注10mg 1日10mg 12mg/日 持続皮下注",       # two day's amounts that disagree
], ids=lambda v: v)
def test_an_injections_days_amount_that_is_unclear_is_refused(tiny, text):
    with pytest.raises(ItemSyntaxError):
        read(text, tiny)


def test_an_injection_whose_name_says_intravenous(tiny):
    item = read("テスト静注液1000mg 1回1000mg 6時間毎", tiny)
    assert item.route is Route.IV and item.daily() == 4000
    with pytest.raises(RouteError):  # the name gives the route only where none is written
        read("テスト注10mg 1回5mg 1日2回", tiny)


@pytest.mark.parametrize(("text", "daily"), [
    ("テストコンチン錠10mg 1回1錠 8時・20時", 20),              # clock times: one dose each
    ("テストコンチン錠10mg 1回1錠 1日2回 8:00・20:00", 20),
    ("テストコンチン錠10mg 1回1錠 1日2回 8-20時", 20),
    ("テストコンチン錠10mg 1回1錠 1日2回 朝8時・夕20時", 20),
    ("テストコンチン錠10mg 1回1錠 1日2回 21時30分・9時30分", 20),
], ids=lambda v: v if isinstance(v, str) else None)
def test_clock_times_are_doses(tiny, text, daily):
    assert math.isclose(read(text, tiny).daily(), daily)


def test_clock_times_that_disagree_with_the_doses_a_day_are_refused(tiny):
    with pytest.raises(ItemSyntaxError, match="disagree"):
        read("テストコンチン錠10mg 1回1錠 1日2回 8時・12時・20時", tiny)


def test_a_generic_name_is_read_through_its_drugs_products_of_that_form(tiny):
    # no strengths.csv row for fentanyl sublingual tablets: テスト舌下錠's 100 mcg is the one marketed
    item = read("フェンタニルクエン酸塩舌下錠100μg 1回1錠 疼痛時", tiny)
    assert item.route is Route.SUBLINGUAL and math.isclose(item.per_dose(), 0.1)
    with pytest.raises(UnitError):
        read("フェンタニルクエン酸塩舌下錠200μg 1回1錠 疼痛時", tiny)   # not a marketed strength
    with pytest.raises(UnitError):
        read("オキシコドン錠10mg 1回1錠 1日2回", tiny)  # テストコンチン is extended release: not IR


@pytest.mark.parametrize(("text", "daily", "prn"), [
    ("【麻】テストコンチン錠10mg 1回1錠 1日2回", 20, False),   # an order system's marks
    ("(麻)テストコンチン錠10mg 2錠 分2", 20, False),
    ("【麻】【般】オキシコドン錠5mg 1回1錠 1日4回", 20, False),
    ("【内服】テストール錠200 3錠 分3", 600, False),
    ("Rp.3 【頓服】テスト散5mg 1包 5回分", None, True),           # 【頓服】: as needed
], ids=lambda v: v if isinstance(v, str) else None)
def test_category_marks_before_the_name(tiny, text, daily, prn):
    item = read(text, tiny)
    assert item.prn is prn and item.daily() == daily


def test_an_as_needed_mark_on_a_divided_day_is_refused(tiny):
    with pytest.raises(ItemSyntaxError):
        read("【頓服】テストール錠200 3錠 分3", tiny)


# -- robustness: patterns of the third fresh set (fresh3, tests/data/README.md) ---------------------
@pytest.mark.parametrize("text", [
    "テスト散2.5mg 1回1包 疼痛時 間隔は1時間以上 1日6回まで",
    "テスト散２．５ｍｇ　１回１包　疼痛時　間隔は１時間以上　１日６回まで",
    "テスト散2.5mg 1回1包 疼痛時 投与間隔を1時間以上あけて 1日6回まで",
    "テスト散2.5mg 1回1包 疼痛時 服用間隔1時間以上 1日6回まで",
    "テスト散2.5mg 1回1包 疼痛時 次の服用まで1時間以上あけること 1日6回まで",
    "テスト散2.5mg 1回1包 疼痛時 次回使用までは1時間以上あけて 1日6回まで",
    "テスト散2.5mg 1日6回まで 1回1包 疼痛時 間隔は1~2時間以上",
], ids=lambda v: v)
def test_the_least_interval_between_doses_in_its_phrasings(tiny, text):
    item = read(text, tiny)
    assert item.prn and item.per_dose() == 2.5 and item.max_prn_per_day == 6


def test_the_least_interval_is_not_a_schedule(tiny):
    # understood and passed over: the doses a day come from what is written beside it
    assert read("テストール錠200 1回1錠 1日4回 間隔は4時間以上", tiny).daily() == 800
    with pytest.raises(ItemSyntaxError, match="no frequency"):
        read("テストール錠200 1回1錠 投与間隔6時間", tiny)


@pytest.mark.parametrize("text", [
    "シトレートテープ1mg 1回1枚 1日1回貼り替え（毎日同じ時刻）",
    "シトレートテープ1mg 1回1枚 毎日同じ時刻 貼り替え",
    "シトレートテープ１ｍｇ　１回１枚　１日１回　同時刻に貼り替え",
], ids=lambda v: v)
def test_the_same_time_every_day_with_or_without_ni(tiny, text):
    item = read(text, tiny)
    assert math.isclose(item.daily() * 1000 / 24, 12.5) and item.schedule.value == 24


@pytest.mark.parametrize("text", [
    "テストバッカル錠100μg 1回1錠 突出痛時 歯肉と頬の間 4時間あけて 1日4回まで",
    "テストバッカル錠100μg 1回1錠 突出痛時 上顎臼歯の歯茎と頬の間 1日4回まで",
    "テストバッカル錠100μg 1回1錠 突出痛時 頬と歯肉の間で溶解 1日4回まで",
    "テストバッカル錠100μg 1回1錠 頓用 バッカル投与 1日4回まで 10回分",
    "テストバッカル錠１００μｇ　１回１錠　頓用　バッカル　１日４回まで",
    "テストバッカル錠100μg 1回1錠 突出痛時 頬と歯ぐきの間 4時間以上あけて 1日4回まで",  # kana
], ids=lambda v: v)
def test_the_buccal_site_and_word(tiny, text):
    item = read(text, tiny)
    assert item.route is Route.BUCCAL and math.isclose(item.per_dose(), 0.1)
    assert item.prn and item.max_prn_per_day == 4


@pytest.mark.parametrize("text", [
    "テスト舌下錠100μg 1回1錠 頓用 バッカル投与",   # a sublingual tablet placed buccally
    "テスト散5mg 1回1包 疼痛時 歯肉と頬の間",        # a powder is swallowed
    "テスト散5mg 1回1包 疼痛時 はぐきと頬の間",      # so in kana
], ids=lambda v: v)
def test_a_buccal_word_on_another_product_is_refused(tiny, text):
    with pytest.raises(RouteError):
        read(text, tiny)


@pytest.mark.parametrize(("text", "per_dose", "most"), [
    ("テスト散5mg 疼痛時 10回分", 5, None),
    ("テスト散５ｍｇ　疼痛時　１０回分", 5, None),
    ("テスト散5mg 10回分 疼痛時", 5, None),
    ("テスト散 5mg 疼痛時 10回分", 5, None),          # the mg written apart: the dose
    ("テスト散2.5mg 頓用 1日4回まで 10回分", 2.5, 4),
    ("テストール錠500 疼痛時 10回分", 500, None),
    ("オキシコドン錠5mg 疼痛時 5回分", 5, None),       # a generic name, strengths.csv
    ("テスト坐剤10mg 疼痛時 挿肛 5回分", 10, None),
    ("テスト内服液5mg 疼痛時 10回分", 5, None),
], ids=lambda v: v if isinstance(v, str) else None)
def test_an_as_needed_medicine_dispensed_by_the_dose_with_no_count_is_one_unit(tiny, text,
                                                                                per_dose, most):
    item = read(text, tiny)
    assert item.prn and math.isclose(item.per_dose(), per_dose)
    assert item.max_prn_per_day == most


@pytest.mark.parametrize("text", [
    "テスト散 疼痛時 10回分",                 # no strength: which packet?
    "テスト散3mg 疼痛時 10回分",              # not a marketed strength
    "テストール細粒20% 疼痛時 10回分",         # a powder weighed out: no unit
    "テスト注10mg 疼痛時 皮下注 5回分",        # an ampoule need not be one dose
    "テストコンチン錠10mg 1日2回 14回分",      # scheduled: the dose must be written
    "テストール錠500 疼痛時",                 # no count dispensed either
], ids=lambda v: v)
def test_an_as_needed_line_with_no_unit_dose_is_refused(tiny, text):
    with pytest.raises(MpsdoseError):
        read(text, tiny)


@pytest.mark.parametrize(("text", "per_dose"), [
    ("オキシコドン錠2.5mg 1回2錠（2.5mg/錠） 疼痛時 10回分（全20錠）", 5),
    ("テスト散2.5mg 1回2包 (2.5mg/包) 疼痛時 10回分 (全20包)", 5),
    ("テスト散２．５ｍｇ　１回２包（２．５ｍｇ／包）　疼痛時　１０回分（全２０包）", 5),
    ("テスト散 1回2包（2.5mg/包） 疼痛時", 5),               # the strength only there
    ("テスト内服液5mg 1回2包（5mg/包） 疼痛時内服 10回分（全20包）", 10),
], ids=lambda v: v if isinstance(v, str) else None)
def test_the_strength_of_one_unit_written_beside_its_count(tiny, text, per_dose):
    item = read(text, tiny)
    assert item.prn and math.isclose(item.per_dose(), per_dose)


@pytest.mark.parametrize("text", [
    "テスト散2.5mg 1回2包（5mg/包） 疼痛時",          # not the product's unit
    "テスト散 1回2包（3mg/包） 疼痛時",               # not a marketed strength
    "テスト散5mg 1回1包（5mg/錠） 疼痛時",            # a tablet's strength for a powder
    "テスト散2.5mg 1回2包 疼痛時 10回分（全10包）",    # 10 doses of 2 are 20
    "テスト散2.5mg 1回2包 疼痛時 10回分（全15包）",
    "テストール錠500 1回2錠 疼痛時 計5錠",             # not whole doses
    "テスト注10mg 10mg/A 持続皮下注 0.5mL/h",          # a unit's strength with no count
    "テスト注10mg 5A（20mg/A）＋生食45mL 計50mL 持続皮下注 0.5mL/h",
    "シトレートテープ2mg 1回1枚（1mg/枚） 1日1回",
], ids=lambda v: v)
def test_a_unit_strength_or_total_that_disagrees_is_refused(tiny, text):
    with pytest.raises(MpsdoseError):
        read(text, tiny)


def test_a_unit_strength_beside_a_pump_or_a_patch_is_checked(tiny):
    pump = read("テスト注 5A（10mg/A）＋生食45mL 計50mL 持続皮下注 0.5mL/h", tiny)
    assert math.isclose(pump.daily(), 12)
    patch = read("シトレートテープ2mg 1回1枚（2mg/枚） 1日1回", tiny)
    assert math.isclose(patch.daily() * 1000 / 24, 25)
    assert read("テストール錠200 1回1錠 1日3回 全21錠", tiny).daily() == 600


@pytest.mark.parametrize(("text", "worn"), [
    ("シトレートテープ1mg 1日1回 1枚貼付 7枚", 1),          # worn, then the total dispensed
    ("シトレートテープ１ｍｇ　１日１回　１枚貼付　７枚", 1),
    ("シトレートテープ1mg 7枚 1日1回 1枚貼付", 1),          # either order
    ("シトレートテープ1mg 1日1回 1枚 貼り替え 14枚", 1),
    ("シトレートテープ1mg 2枚 1日1回 14枚", 2),            # only the smaller can be worn
    ("ベーステープ4.2mg 1枚 3日毎 5枚", 1),
    ("シトレートテープ1mg 1回1枚 1日1回 7枚", 1),
], ids=lambda v: v if isinstance(v, str) else None)
def test_two_counts_of_one_patch_are_the_worn_and_the_dispensed(tiny, text, worn):
    item = read(text, tiny)
    rate = 12.5 if "シトレート" in text else 25
    assert item.count == worn and math.isclose(item.daily() * 1000 / 24, rate * worn)


@pytest.mark.parametrize("text", [
    "シトレートテープ1mg 2枚 1日1回 7枚",      # 7 is not whole uses of 2
    "シトレートテープ1mg 2枚 1日1回 2枚",      # the same count twice: which is worn?
    "シトレートテープ1mg 1枚 2枚 3枚 1日1回",  # three counts
    "シトレートテープ1mg 1回2枚 1日1回 7枚",   # the dose beside a total that is not whole uses
    "シトレートテープ1mg 2枚 1日1回",          # one count: worn or dispensed? (unchanged)
], ids=lambda v: v)
def test_patch_counts_that_cannot_be_told_apart_are_refused(tiny, text):
    with pytest.raises(ItemSyntaxError):
        read(text, tiny)


@pytest.mark.parametrize("text", [
    "フェンタニルテープ4.2mg(3日用) 1回1枚 3日毎 貼り替え",
    "フェンタニルテープ４．２ｍｇ（３日用）　１回１枚　７２時間毎",
    "フェンタニルテープ4.2mg (3日用) 1回1枚(1日1枚) 3日毎",
    "フェンタニルテープ4.2mg(3日用) 1枚",
], ids=lambda v: v)
def test_a_generic_patch_named_with_its_days_is_its_product(tiny, text):
    item = read(text, tiny)
    assert math.isclose(item.daily() * 1000 / 24, 25) and item.schedule.value == 72


@pytest.mark.parametrize("text", [
    "フェンタニルクエン酸塩テープ4mg(1日用) 1回1枚(1日1枚) 1日1回 24時間毎 7日分",
    "フェンタニルテープ4.2mg(1日用) 1回1枚 1日1回",       # no such product listed
    "フェンタニルテープ2mg(3日用) 1回1枚 3日毎",            # not a listed content
    "フェンタニルテープ4.2mg(3日用) 1回1枚 1日1回",         # a 3-day patch changed daily
    "フェンタニルテープ4.2mg 1回1枚 3日毎",                 # no product: citrate or base?
], ids=lambda v: v)
def test_a_generic_patch_whose_product_is_not_known_is_refused(tiny, text):
    with pytest.raises(MpsdoseError):
        read(text, tiny)


# -- robustness: patterns of the fourth fresh set (fresh4, tests/data/README.md) --------------------
@pytest.mark.parametrize("text", [
    "テスト注10mg 持続皮下注 0.2mL/h",                 # the syringe as it comes, or diluted?
    "テスト注50mg 持続静注 0.5mL/時",
    "テスト注１０ｍｇ　持続皮下注　０．２ｍＬ／ｈ",
], ids=lambda v: v)
def test_a_rate_in_ml_without_the_syringes_concentration_is_refused(tiny, text):
    with pytest.raises(UnitError, match="原液"):
        read(text, tiny)


@pytest.mark.parametrize(("text", "daily"), [
    ("テスト注10mg 原液 持続皮下注 0.2mL/h", 48),       # 原液: the product's 10 mg/mL
    ("テスト注10mg 2A＋生食18mL 持続皮下注 0.5mL/h", 12),  # 20 mg in 20 mL
    ("テスト注10mg 持続皮下注 0.2mL/h（1mg/mL）", 4.8),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_rate_in_ml_is_read_where_the_concentration_is_written(tiny, text, daily):
    assert math.isclose(read(text, tiny).daily(), daily)


@pytest.mark.parametrize("text", [
    "テストール錠200 1回1錠 1日3回 疼痛時",     # three doses a day, or at most three?
    "テストール錠200 1回1錠 頓用 1日3回",
    "テスト散5mg 1回1包 疼痛時 1日4回 6時間毎",
], ids=lambda v: v)
def test_an_as_needed_word_beside_n_times_a_day_without_made_is_refused(tiny, text):
    with pytest.raises(ItemSyntaxError, match="scheduled"):
        read(text, tiny)


def test_an_as_needed_word_with_its_most_a_day_is_still_read(tiny):
    item = read("テストール錠200 1回1錠 頓用 1日3回まで", tiny)
    assert item.prn and item.max_prn_per_day == 3 and item.per_dose() == 200


@pytest.mark.parametrize("text", [
    "テスト散2.5mg 1回1包 頓服 突出痛時 1時間以上間隔をあけて 1日6回まで",
    "テスト散2.5mg 1回1包 疼痛時 1時間以上の間隔をあけて 1日6回まで",
    "テスト散２．５ｍｇ　１回１包　疼痛時　１時間間隔をあけて　１日６回まで",
], ids=lambda v: v)
def test_the_least_interval_written_with_kankaku_wo_akete(tiny, text):
    item = read(text, tiny)
    assert item.prn and item.per_dose() == 2.5 and item.max_prn_per_day == 6


def test_after_the_bath_is_a_time_not_a_count(tiny):
    item = read("シトレートテープ1mg 1回1枚 1日1回 入浴後に貼り替え", tiny)
    assert math.isclose(item.daily() * 1000 / 24, 12.5) and item.schedule.value == 24
    with pytest.raises(ItemSyntaxError):
        read("テストール錠200 1錠 入浴後", tiny)  # no frequency: not one a day by itself


@pytest.mark.parametrize(("lines", "per_dose"), [
    (["テスト注10mg 2A＋生食18mL 計20mL 持続皮下注 0.5mL/h", "（上記ポンプ）ボーラス1mL ロックアウト15分"],
     1.0),
    (["テスト注10mg 2A＋生食18mL 計20mL 持続皮下注 0.5mL/h", "（上記）ボーラス1mL（1mg） 30分あけて"],
     1.0),
    (["テスト注10mg 2A＋生食18mL 計20mL 持続皮下注 0.5mL/h", "疼痛時 早送り0.5mL"], 0.5),
], ids=["bolus-volume", "bolus-with-its-mg", "hayaokuri-volume"])
def test_the_volume_right_after_a_bolus_word_is_its_dose(tiny, lines, per_dose):
    bolus = read_japanese(lines, knowledge=tiny)[-1]
    assert bolus.prn and math.isclose(bolus.per_dose(), per_dose)


def test_a_bolus_volume_that_disagrees_with_its_bracket_is_refused(tiny):
    with pytest.raises(ItemSyntaxError):
        read_japanese(["テスト注10mg 2A＋生食18mL 計20mL 持続皮下注 0.5mL/h",
                       "（上記）ボーラス1mL（2mg）"], knowledge=tiny)


# -- fresh5's phrasings (issue 19, fifth held-out round) ----------------------------------------
def test_the_percentage_and_volume_of_a_counted_ampoule_describe_the_ampoule(tiny):
    # 1A（1%1mL）: the ampoule's own concentration, not the syringe's (10 mg in 10 mL = 1 mg/mL)
    item = read("テスト注10mg 1A（1%1mL）＋生食9mL 計10mL（1mg/mL） 持続皮下注 0.2mL/h", tiny)
    assert math.isclose(item.daily(), 4.8)


@pytest.mark.parametrize("text", [
    "テスト注10mg 1A（4%1mL）＋生食9mL 計10mL 持続皮下注 0.2mL/h",    # 10 mg in 1 mL is 1%
    "テスト注10mg 1A（1%2mL）＋生食9mL 計10mL 持続皮下注 0.2mL/h",    # one ampoule is 1 mL
    "テスト注10mg 1A（1%1mL）＋生食9mL 計10mL（2mg/mL） 持続皮下注 0.2mL/h",  # 10/10 is not 2
], ids=["percent", "volume", "syringe"])
def test_an_ampoules_bracket_that_disagrees_with_the_product_is_refused(tiny, text):
    with pytest.raises(MpsdoseError):
        read(text, tiny)


def test_yugata_is_one_time_of_day_before_its_verb(tiny):
    item = read("シトレートテープ1mg 1回1枚 1日1回 夕方貼り替え", tiny)
    assert math.isclose(item.daily() * 1000 / 24, 12.5) and item.schedule.value == 24


def test_the_buccal_site_written_with_ni_oku(tiny):
    item = read("テストバッカル錠100μg 1回1錠 突出痛時 頬と歯茎の間に置く 4時間以上あけて 1日4回まで",
                tiny)
    assert item.route is Route.BUCCAL and item.prn and item.max_prn_per_day == 4
    assert math.isclose(item.per_dose(), 0.1)
