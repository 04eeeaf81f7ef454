"""Japanese product and generic names of catalogue drugs that are not opioids (audit: a held-out
round's ``タケキャブ 20 mg po daily`` was refused as an unknown drug).

Each name below is in ``data/drug_names.csv`` (kind ``brand-jp`` or ``jan``) with its source; a name
reads as its drug in the item language and in a Japanese prescription line, keeps no release it
does not have (the brand has no listed product), and no Japanese name stands for two drugs.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

import mpsdose
from mpsdose import Knowledge, MpsdoseError, UnitError, UnknownDrugError

DATA = Path(__file__).resolve().parents[1] / "data"

#: (name, drug) as added by the audit fix; brands and the JAN generic names beside them
ADDED = [
    ("タケキャブ", "vonoprazan"), ("ボノプラザン", "vonoprazan"),
    ("ガスター", "famotidine"), ("ファモチジン", "famotidine"),
    ("プレドニン", "prednisolone"), ("プレドニゾロン", "prednisolone"),
    ("ソル・メドロール", "methylprednisolone"), ("ソルメドロール", "methylprednisolone"),
    ("メチルプレドニゾロン", "methylprednisolone"),
    ("セロクエル", "quetiapine"), ("クエチアピン", "quetiapine"),
    ("ワイパックス", "lorazepam"), ("ロラゼパム", "lorazepam"),
    ("ブスコパン", "hyoscine butylbromide"), ("ブチルスコポラミン臭化物", "hyoscine butylbromide"),
    ("ハイスコ", "hyoscine hydrobromide"),
    ("フェノバール", "phenobarbital"), ("ノーベルバール", "phenobarbital"),
    ("フェノバルビタール", "phenobarbital"),
    ("テグレトール", "carbamazepine"), ("カルバマゼピン", "carbamazepine"),
    ("アレビアチン", "phenytoin"), ("フェニトイン", "phenytoin"),
    ("リボトリール", "clonazepam"), ("ランドセン", "clonazepam"), ("クロナゼパム", "clonazepam"),
    ("アナペイン", "ropivacaine"), ("ロピバカイン", "ropivacaine"),
    ("ポプスカイン", "levobupivacaine"), ("レボブピバカイン", "levobupivacaine"),
    ("イグザレルト", "rivaroxaban"), ("リバーロキサバン", "rivaroxaban"),
    ("エリキュース", "apixaban"), ("アピキサバン", "apixaban"),
    ("リクシアナ", "edoxaban"), ("エドキサバン", "edoxaban"),
    ("プラザキサ", "dabigatran"),
    ("ワーファリン", "warfarin"), ("ワルファリン", "warfarin"),
    ("バイアスピリン", "aspirin"), ("アスピリン", "aspirin"),
    ("プラビックス", "clopidogrel"), ("クロピドグレル", "clopidogrel"),
    ("エフィエント", "prasugrel"), ("プラスグレル", "prasugrel"),
    ("ブリリンタ", "ticagrelor"), ("チカグレロル", "ticagrelor"),
    ("クラリス", "clarithromycin"), ("クラリシッド", "clarithromycin"),
    ("クラリスロマイシン", "clarithromycin"),
    ("ザイボックス", "linezolid"), ("リネゾリド", "linezolid"),
    ("オメプラール", "omeprazole"), ("オメプラゾン", "omeprazole"), ("オメプラゾール", "omeprazole"),
    ("ジフルカン", "fluconazole"), ("フルコナゾール", "fluconazole"),
    ("イトリゾール", "itraconazole"), ("イトラコナゾール", "itraconazole"),
]


def _rows() -> list[dict[str, str]]:
    with (DATA / "drug_names.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _katakana(name: str) -> bool:
    return any("KATAKANA" in unicodedata.name(char, "") or "CJK" in unicodedata.name(char, "")
               for char in name)


@pytest.mark.parametrize(("name", "drug"), ADDED, ids=[name for name, _ in ADDED])
def test_an_added_name_is_listed_with_a_source_and_no_release(name, drug):
    rows = [row for row in _rows() if row["name"] == name]
    assert len(rows) == 1
    row = rows[0]
    assert row["drug"] == drug
    assert row["kind"] in ("brand-jp", "jan")
    assert row["release"] == ""  # none of these brands has a release of its own
    assert "http" in row["source"] and row["grade"] in ("P", "S")


@pytest.mark.parametrize(("name", "drug"), ADDED, ids=[name for name, _ in ADDED])
def test_an_added_name_reads_as_its_drug_in_the_item_language(name, drug):
    k = Knowledge.default()
    route = "po" if mpsdose.Route.ORAL in k.catalogue.drugs[drug].routes else "sc"
    if drug in ("ropivacaine", "levobupivacaine"):
        route = "epidural"
    item = mpsdose.parse_item(f"{name} 1 mg {route} daily")
    assert item.name == drug
    # a brand's release is that of its listed products (プレドニン錠: ir), none without one; a
    # generic name without its form word gives none
    listed = {row.release for folded, group in k.products.by_name.items()
              if k.name_kinds[name] == "brand-jp" and folded.startswith(name.lower())
              for row in group}
    assert item.release == (listed.pop() if len(listed) == 1 else None)
    assert item.text == f"{name} 1 mg {route} daily"


@pytest.mark.parametrize(("text", "drug", "daily"), [
    ("タケキャブ 20 mg po daily", "vonoprazan", 20.0),  # the audit's line
    ("タケキャブ 10 mg po daily", "vonoprazan", 10.0),
    ("ガスター 20 mg po bid", "famotidine", 40.0),
    ("イグザレルト 15 mg po daily", "rivaroxaban", 15.0),
    ("ソル・メドロール 125 mg iv daily", "methylprednisolone", 125.0),
    ("ブスコパン 20 mg sc q8h", "hyoscine butylbromide", 60.0),
])
def test_a_mixed_line_is_its_latin_twin(text, drug, daily):
    item = mpsdose.parse_item(text)
    assert (item.name, item.daily()) == (drug, pytest.approx(daily))


@pytest.mark.parametrize(("text", "drug", "daily"), [
    # written the Japanese way: 1回量 and 1日回数 with the meal time
    ("タケキャブ 1回20mg 1日1回 朝食後", "vonoprazan", 20.0),
    ("ボノプラザン 1回10mg 1日1回 朝食後", "vonoprazan", 10.0),
    ("イグザレルト 1回15mg 1日1回 朝食後", "rivaroxaban", 15.0),
    ("ガスター 1回20mg 1日2回 朝夕食後", "famotidine", 40.0),
    # by the count, read through the listed strengths (strengths.csv, vonoprazan jp: 10 20)
    ("タケキャブ錠20mg 1回1錠 1日1回 朝食後", "vonoprazan", 20.0),
    ("タケキャブ錠10mg 1錠 分1 朝食後", "vonoprazan", 10.0),
    ("タケキャブ錠10mg 2錠 分1 朝食後", "vonoprazan", 20.0),
])
def test_a_japanese_prescription_line_reads(text, drug, daily):
    item = mpsdose.parse_item(text)
    assert (item.name, item.daily()) == (drug, pytest.approx(daily))


@pytest.mark.parametrize("text", [
    "タケキャブ錠15mg 1回1錠 1日1回",  # not marketed as 15 mg: refused, not guessed
    "タケキャブ錠5mg 1錠 分1",
])
def test_an_unlisted_strength_is_refused(text):
    with pytest.raises(UnitError, match="not marketed"):
        mpsdose.parse_item(text)


def test_a_near_miss_is_still_unknown_and_suggests_the_name():
    with pytest.raises(UnknownDrugError, match="タケキャプ") as raised:
        mpsdose.parse_item("タケキャプ 20 mg po daily")
    assert "タケキャブ" in str(raised.value)


def test_no_japanese_name_stands_for_two_drugs():
    seen: dict[str, set[str]] = {}
    for row in _rows():
        if _katakana(row["name"]):
            key = unicodedata.normalize("NFKC", row["name"]).replace("・", "").lower()
            seen.setdefault(key, set()).add(row["drug"])
    assert {name: drugs for name, drugs in seen.items() if len(drugs) > 1} == {}


def test_no_added_name_is_the_start_of_another_drugs_japanese_name():
    # the item language reads the longest Japanese name a line starts with: a name that begins
    # another drug's name must never be the one chosen for it
    names = [(unicodedata.normalize("NFKC", row["name"]).lower(), row["drug"])
             for row in _rows() if _katakana(row["name"])]
    for added, drug in ADDED:
        for other, other_drug in names:
            if other != added and other.startswith(added):
                assert other_drug == drug, (added, other)


def test_an_interaction_is_found_through_the_japanese_names():
    # the names carry the drug's class: an anticoagulant with an NSAID is still seen
    findings = mpsdose.check(mpsdose.Regimen.parse(["イグザレルト 15 mg po daily",
                                                    "ロキソニン 60 mg po tid"]))
    codes = {finding.code for finding in findings}
    plain = {finding.code for finding in mpsdose.check(mpsdose.Regimen.parse(
        ["rivaroxaban 15 mg po daily", "loxoprofen 60 mg po tid"]))}
    assert codes == plain and codes


def test_an_error_is_an_mpsdose_error():
    with pytest.raises(MpsdoseError):
        mpsdose.parse_item("タケキャブ錠15mg 1回1錠 1日1回")
