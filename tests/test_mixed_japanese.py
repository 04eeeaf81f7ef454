"""An item of the item language written with a Japanese product or drug name
(``ナルサス 6 mg po daily``): read as its Latin twin, held to the facts of the product the name
gives (``data/products.csv``), the Japanese name kept as written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mpsdose
from mpsdose import ItemSyntaxError, Knowledge, MpsdoseError, RouteError, UnknownDrugError
from mpsdose.knowledge.products import fold
from mpsdose.model.vocabulary import Route


def read(item: mpsdose.Item) -> tuple[object, ...]:
    """What a mixed item and its Latin twin must agree on."""
    return item.name, item.daily(), item.route, item.release, item.prn, item.schedule


@pytest.mark.parametrize(("mixed", "twin"), [
    ("ナルサス 6 mg po daily", "narusus 6 mg po daily"),
    ("ナルサス 6 mg po daily", "hydromorphone er 6 mg po daily"),
    ("ナルサス錠 6 mg po daily", "hydromorphone er 6 mg po daily"),
    ("オキシコンチン 10 mg po q12h", "oxycodone er 10 mg po q12h"),
    ("オキシコンチン 10 mg po q12h", "oxycontin 10 mg po q12h"),
    ("オキシコンチンTR錠 10 mg po q12h", "oxycodone er 10 mg po q12h"),
    ("オキシコンチンTR錠10mg po q12h", "oxycodone er 10 mg po q12h"),
    ("オキノーム 5 mg po prn max 4/day", "oxycodone ir 5 mg po prn max 4/day"),
    ("ナルラピド 1 mg po q1h prn", "hydromorphone ir 1 mg po q1h prn"),
    ("ナルベイン 2 mg/day sc continuous", "hydromorphone 2 mg/day sc continuous"),
    ("ナルベイン注 0.5 mg iv q2h prn", "hydromorphone 0.5 mg iv q2h prn"),
    ("アンペック 10 mg pr q8h", "morphine ir 10 mg pr q8h"),
    ("オキシコドン徐放錠 10 mg po q12h", "oxycodone er 10 mg po q12h"),
    ("ロキソニン 60 mg po tid", "loxoprofen 60 mg po tid"),
    ("ＭＳコンチン 10 mg po q12h", "morphine er 10 mg po q12h"),  # full-width letters
    # a count of units before the Japanese name, as before a Latin one (round 158's writer)
    ("4 tab マグミット 500 mg po tid", "4 tab magnesium oxide 500 mg po tid"),
    ("2 tab オキシコンチン 10 mg po q12h", "2 tab oxycodone er 10 mg po q12h"),
    ("1 tab ナルサス 6 mg po daily", "hydromorphone er 6 mg po daily"),
], ids=lambda text: text)
def test_a_mixed_item_reads_as_its_latin_twin(mixed, twin):
    item, latin = mpsdose.parse_item(mixed), mpsdose.parse_item(twin)
    assert read(item)[:3] == read(latin)[:3]
    assert read(item)[4:] == read(latin)[4:]
    if latin.release is not None:
        assert item.release == latin.release
    assert item.text == mixed  # the Japanese name stays as written


def test_the_release_comes_from_the_product_where_none_is_written():
    assert mpsdose.parse_item("ナルサス 6 mg po daily").release == "er"
    assert mpsdose.parse_item("オキノーム 5 mg po prn").release == "ir"
    assert mpsdose.parse_item("ナルベイン 2 mg/day sc continuous").release is None


def test_the_japanese_name_is_shown_as_written_in_a_total():
    regimen = mpsdose.Regimen.parse(["ナルサス 6 mg po daily", "オキノーム 2.5 mg po prn"])
    assert [item.text for item in regimen.items] == ["ナルサス 6 mg po daily",
                                                     "オキノーム 2.5 mg po prn"]


@pytest.mark.parametrize(("text", "error", "named"), [
    ("オキノーム 5 mg po er", ItemSyntaxError, "オキノーム"),
    ("オキシコンチン 10 mg po ir q12h", ItemSyntaxError, "オキシコンチン"),
    ("オキシコドン徐放錠 10 mg po ir q12h", ItemSyntaxError, "オキシコドン徐放錠"),
    ("ナルベイン 2 mg po daily", RouteError, "ナルベイン"),
    ("ナルサス 6 mg sc daily", RouteError, "ナルサス"),
    ("ナルサス 6 mg patch daily", ItemSyntaxError, "ナルサス"),
    ("オキノーム錠 5 mg po prn", UnknownDrugError, "オキノーム錠"),
    ("アンペック 10 mg q8h", RouteError, "アンペック"),  # a suppository and an injection
    ("ナルベイン 2 mg/day continuous", RouteError, "ナルベイン"),  # an injection: which route?
    # a patch: its release rate, or a content its product lists (1 mg is read as 12.5 mcg/h since
    # the singles branch; a content the product does not have is still refused)
    ("フェントステープ 3 mg td daily", MpsdoseError, "mcg/h"),
], ids=lambda value: value if isinstance(value, str) else "")
def test_a_contradiction_is_an_error_naming_the_input(text, error, named):
    with pytest.raises(error) as raised:
        mpsdose.parse_item(text)
    message = str(raised.value)
    assert named in message and text in message


def test_a_route_the_listed_products_lack_is_refused_not_guessed():
    """プリンペラン is listed only as プリンペラン錠 (oral), as the Japanese reader knows it: an IV
    order is refused naming the listed route, never read as a product the data does not hold."""
    with pytest.raises(RouteError, match="oral"):
        mpsdose.parse_item("プリンペラン 10 mg iv tid")
    assert mpsdose.parse_item("プリンペラン 10 mg po tid").daily() == pytest.approx(30.0)


def test_a_japanese_combination_product_asks_for_its_components():
    with pytest.raises(ItemSyntaxError, match=r"tramadol/acetaminophen 37\.5/325 mg") as raised:
        mpsdose.parse_item("トラムセット配合錠 1 tab po qid")
    assert "トラムセット配合錠" in str(raised.value)
    twin = mpsdose.parse_item("1 tab tramadol/acetaminophen 37.5/325 mg po qid")
    japanese = mpsdose.parse_item("トラムセット配合錠 1回1錠 1日4回")
    assert [japanese.daily(i) for i in japanese.ingredients] == \
        [twin.daily(i) for i in twin.ingredients]


def test_an_unknown_japanese_name_is_named_as_unknown():
    with pytest.raises(UnknownDrugError, match="ナルサルス") as raised:
        mpsdose.parse_item("ナルサルス 6 mg po daily")
    assert "ナルサス" in str(raised.value)  # the nearest known names
    assert "cannot read" not in str(raised.value)


@pytest.mark.parametrize("text", [
    "ナルサス錠6mg 1日1回",  # no 1回量: the Japanese reader's own error
    "ナルサス 6 mg",  # no item-language word: still a Japanese prescription
    "ロキソニン錠60mg 3T",
    "オキノーム錠5mg 3T",  # a form not listed: the Japanese reader's refusal
])
def test_a_japanese_prescription_is_still_the_japanese_readers(text):
    from mpsdose.io.japanese import parse_japanese

    try:
        expected: object = parse_japanese(text)
    except MpsdoseError as error:
        expected = (type(error), str(error))
    try:
        got: object = mpsdose.parse_item(text)
    except MpsdoseError as error:
        got = (type(error), str(error))
    assert got == expected


# -- every Japanese brand whose listed products have one route and one release --------------------
def _single_shape_brands() -> list[tuple[str, str, Route, str]]:
    k = Knowledge.default()
    found = []
    for name, kind in k.name_kinds.items():
        if kind != "brand-jp":
            continue
        rows = [row for folded, group in k.products.by_name.items()
                if folded.startswith(fold(name)) for row in group]
        shapes = {(row.route, row.release, row.form) for row in rows}
        if len(shapes) == 1:
            route, release, form = shapes.pop()
            if form != "injection" and release is not None:
                found.append((name, rows[0].drug, route, release))
    return sorted(found)


BRANDS = _single_shape_brands()


def test_there_are_brands_to_try():
    assert len(BRANDS) >= 10


@given(st.sampled_from(BRANDS), st.sampled_from([1, 2.5, 5, 10, 20, 60]),
       st.sampled_from(["daily", "bid", "q8h"]))
def test_a_brand_reads_as_its_drug_with_the_products_release(brand, amount, frequency):
    name, drug, route, release = brand
    twin = f"{drug} {release} {amount} mg {route.short} {frequency}"
    mixed = f"{name} {amount} mg {route.short} {frequency}"
    try:
        latin = mpsdose.parse_item(twin)
    except MpsdoseError as error:
        with pytest.raises(type(error)):
            mpsdose.parse_item(mixed)
        return
    item = mpsdose.parse_item(mixed)
    assert (item.name, item.route, item.release) == (latin.name, latin.route, release)
    assert item.daily() == pytest.approx(latin.daily())
    assert item.text == mixed
