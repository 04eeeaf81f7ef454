"""Japanese prescriptions as prescribers write them (処方箋の記載), read into items.

::

    オキシコンチンTR錠10mg 1回1錠 1日2回 12時間毎          → oxycodone er 10 mg po q12h
    MSコンチン錠10mg 2錠 分2 朝夕                          → 1 tab morphine er 10 mg po bid
    オキノーム散5mg 1回1包 疼痛時 1日4回まで 10回分          → oxycodone ir powder 5 mg po prn max 4/day
    フェントステープ1mg 1枚 1日1回貼付                      → fentanyl 12.5 mcg/h td q24h (content as citrate)
    モルヒネ塩酸塩注射液10mg 5A＋生理食塩液45mL 計50mL 持続静注 0.5mL/h   → morphine 0.5 mg/h iv continuous

The amount is read the way Japanese prescriptions write it:

- **1回量 × 1日回数**: ``1回1錠 1日2回``; ``1回2錠（1000mg）`` checks the amount in brackets.
- **1日量 and 分N**: a bare quantity of an oral medicine is the daily amount (the insurance-claim
  convention, 内服薬は1日分量): ``2錠 分2`` is one tablet twice a day; ``3錠 毎食後`` is one
  after each meal; the chart shorthand ``3T 3×`` is the same. A quantity that does not divide into
  whole (or, for immediate release, half) units a dose is refused as ambiguous rather than
  guessed, and so is one beside a 1回量 it contradicts (``3錠 分3 （1回2錠）``); a whole number of
  days of it is the total dispensed (``1回1錠 1日4回 28錠``).
- **A count at each time of day** (``朝2錠・昼1錠``) must add up to the day's quantity written beside
  it; doses that differ are read as the day's amount (``betamethasone 1.5 mg/day``).
- **Order systems and manuals**: ``1錠/回`` is a dose and ``3錠/日``, ``1A/日`` a day's quantity;
  ``1個×3回/日`` a dose times a day; chart letters ``M,T,A`` (Morgen, Tag, Abend) and clock times
  (``8時・20時``, ``8:00``) are doses a day that must agree with the rest; 【麻】, 【内服】 are passed
  over and 【頓服】 reads as needed. A range (``2〜4錠``) is refused: one amount is read, never a
  titration range.
- **頓用** (as needed): the quantity is one dose; ``1日N回まで`` is the most doses in a day;
  ``N回分`` is the number of doses dispensed, not a daily maximum. An as-needed medicine dispensed
  by the dose with no count beside it (``オキノーム散5mg 疼痛時 10回分``) is one unit of the
  strength its name gives (a tablet, a packet, a suppository; never an ampoule or a powder
  weighed out). ``分N`` on an as-needed line, or a maximum beside a schedule (``1日2回 12時間毎
  1日3回まで``), is refused. The least interval (``1時間以上あけて``, ``間隔は1時間以上``,
  ``次の使用まで2時間以上あけること``) is understood and changes no amount.
- **Counts** (錠, カプセル, 包, 個, 枚, A …) are read through the product's marketed strengths
  (``data/products.csv``; a generic name through ``data/strengths.csv``, market jp); a strength
  that is not listed, or a count whose strength is not written and not unique, is refused. The
  drug in one unit written beside the count (``1回2包（2.5mg/包）``) must be that strength, and a
  total (``計21錠``, ``10回分（全20包）``) whole doses, exactly the doses dispensed where written.
- **Patches** labelled by content are read as the release rate of their own product's row of
  ``data/patch_products.csv`` (フェントステープ 1 mg = 12.5 mcg/h; デュロテップMTパッチ 4.2 mg = 25
  mcg/h); an unlisted content is refused. A patch is a topical (外用薬), whose bare quantity is the
  total dispensed (``フェントステープ2mg 7枚 1日1回`` is a week's supply): more than one patch worn
  at once is read only from ``1回N枚``, ``1日N枚`` (a one-day patch) or a bare count beside the
  total written as such (``1枚 1日1回 計14枚``); a bare count above one with no total is refused.
  Two different bare counts (``1日1回 1枚貼付 7枚``) are the patches worn, the smaller, and the
  total dispensed, which must be whole uses of it. A generic name with its days in brackets
  (``フェンタニルテープ4.2mg(3日用)``, as the national exam writes it) is that product
  (フェンタニル3日用テープ); one not listed (the citrate 1日用 generics) is refused.
  Suppositories likewise (``1回1個 1日3回 21個``, ``1個 1日3回 計21個``).
- **One product a line**: products added with ＋ are read only for patches worn together; two
  tablets or a syringe of two drugs are refused, and so is a pump with its bolus on one line.
- **Every figure written must agree**: an amount beside the dose (``1回1錠 1日3回 180mg``,
  ``20mg/日``) is the dose or the day's amount, or the line is refused.
- **Injections**: a count with its diluent (``0.5A＋生食100mL 眠前 点滴静注``) is one preparation, a
  dose; without a diluent a bare count is the total and is refused.
- **Continuous infusions** (持続皮下注, 持続静注) from mg/日, mg/h or mL/h with a concentration:
  written (``1mg/mL``), computed from the ampoules and the total volume (``5A ＋ 生理食塩液45mL
  計50mL``, ``注5mL（50mg）＋生食5mL／合計10mL``, ``1%モルヒネ注（10mg/1mL）2A``), or the product's
  own (原液), or the drug and its percentage (``1%モルヒネ注100mg＋生食90mL``: 10 mL of drug, the
  percentage one the product is marketed in). mg/日 (or 1日Nmg) is an infusion only where 持続 or a
  rate an hour is written; with 1日N回 it is doses. Every figure written must agree with the
  others, the drug's name written again beside its rate (``（モルヒネ12mg/日）``) included. A
  pump's bolus on the next line (``疼痛時 1時間量早送り``, ``レスキュー 1回0.3mL``) is read at that
  pump's concentration by :func:`read_japanese`.

Full-width digits and letters, ㎎ and μg are read after Unicode NFKC. What is not understood is
refused with the words it could not read; the Japanese text is kept as written (``Item.text``)
and the item formats to the English item language.
"""

from __future__ import annotations

import math
import re
import unicodedata
import weakref
from collections.abc import Iterable, Sequence

import attrs

from mpsdose.io.script import is_japanese
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.knowledge.practice import Strength
from mpsdose.knowledge.products import PatchProduct, ProductStrength, fold
from mpsdose.model.boundary import checked
from mpsdose.model.drugs import Drug, nearest_names, normal_name
from mpsdose.model.errors import ItemSyntaxError, RouteError, UnitError, UnknownDrugError
from mpsdose.model.regimen import Dose, Ingredient, Item, Schedule, ScheduleKind
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

__all__ = ["MixedName", "is_japanese", "mixed_name", "parse_japanese", "read_japanese"]

# -- normalising the text ------------------------------------------------------------------------
_NUMBERING = re.compile(r"^\s*(?:rp\s*\.?\s*\d*\s*[).:]?|[\u2460-\u2473]|\(\d{1,2}\)|\d{1,2}\s*[)）])\s*",
                        re.IGNORECASE)
_MARKERS = re.compile(r"^\s*(?:【般】|\[般\]|\(般\)|【一般名】|般\)|\*)\s*")
#: an order system's category marks before a name: the narcotic mark and the kind of medicine
#: (【麻】, 【内服】, 【外用】, 【注射】, 【定時】) say nothing of the amount; 【頓服】 is as needed
_CATEGORY = re.compile(r"^\s*(?:【|\[|\()(麻|麻薬|内服|内用|外用|注射|定時|定期|頓服|頓用|屯服|屯用)"
                       r"(?:】|\]|\))\s*")
#: A thousands separator: never after a zero ("0,005mg" is a decimal comma, refused).
_THOUSANDS = re.compile(r"(?<![\d.])([1-9]\d{0,2}),(\d{3})(?![\d,])")
_DECIMAL_COMMA = re.compile(r"\d,\d")
_KANJI_DIGITS = dict(zip("一二三四五六七八九", "123456789", strict=True))
_DASHES = str.maketrans({"〜": "~", "～": "~", "−": "-", "–": "-", "—": "-", "‐": "-",
                         "×": "x", "＝": "="})


def _normal(text: str) -> str:
    """NFKC, wave dashes as ``~``, thousands separators dropped, kanji counts as digits, and the
    numbering, generic-name and category marks (①, Rp1), 【般】, 【麻】, 【内服】) removed; 【頓服】
    is kept as the word 頓服."""
    body = _NUMBERING.sub("", text, count=1)
    body = unicodedata.normalize("NFKC", body).translate(_DASHES)
    as_needed = False
    while True:
        mark = _CATEGORY.match(body) or _MARKERS.match(body)
        if mark is None or not mark.group(0).strip():
            break
        as_needed |= bool(mark.groups()) and mark.group(1) in ("頓服", "頓用", "屯服", "屯用")
        body = body[mark.end():]
    if as_needed:  # 【頓服】ロキソニン錠60mg 1錠: read as if 頓服 were written after the name
        body += " 頓服"
    while _THOUSANDS.search(body):
        body = _THOUSANDS.sub(r"\1\2", body)
    body = re.sub(r"(1日|分|1回)([一二三四五六七八九])(?=回|錠|包|カプセル|個|枚|\s|$|[^一-龥])",
                  lambda m: m.group(1) + _KANJI_DIGITS[m.group(2)], body)
    return " ".join(body.split())


# -- the vocabulary of the sig --------------------------------------------------------------------
_NUM = r"(?:\d+(?:\.\d+)?|\.\d+)"
_FRACTION = r"\d+\s*/\s*\d+(?!\s*(?:mg|mcg|μg|g|ml|%))"  #: a part of a tablet: 1/2錠
_MASS = r"(?:mg|mcg|μg|ug|g)(?![a-z])"
_COUNT = (r"(?:錠|カプセル|cap(?:s)?(?![a-z])|包|個|枚|アンプル|バイアル|管|本|袋|バッグ|キット|瓶|"
          r"[tcav](?![a-z]))")
#: a count's word where a sign follows it (1T×3回/日), so a letter needs no lookahead
_COUNT_WORD = r"(?:錠|カプセル|caps?|包|個|枚|アンプル|バイアル|管|本|袋|バッグ|キット|瓶|[tcav])"
_PER_HOUR = r"(?:h|hr|時間|時)(?![a-z])"
_SYMPTOM = (r"(?:疼痛増強|疼痛|痛みが強い|痛みの強い|痛みがある|痛みが出た|痛み|痛い|痛む|突出痛|苦痛|"
            r"体動|息苦しい|息苦しさ|嘔気|悪心|吐き気|"
            r"嘔吐|不眠|眠れない|発熱|不穏|不安|呼吸困難|呼吸苦|便秘|咳嗽|咳|下痢|痙攣|けいれん|"
            r"せん妄|興奮|気分不良)")
_PRN = (rf"(?:{_SYMPTOM}(?:[・/、]{_SYMPTOM})*(?:時|の時|のとき|とき)|"
        r"頓用|頓服|屯用|屯服|レスキュー|必要時|臨時追加|臨時|"
        r"(?:入浴|リハビリ|処置|体動|移動|排便)前)")  # before a painful activity: as needed
#: the gum, as the buccal site is written: 歯茎, 歯肉, and 歯ぐき/はぐき in kana
_GUM = r"(?:歯茎|歯肉|歯ぐき|はぐき)"
_PLACE = r"(?:前胸部|胸部|腹部|上腕部|上腕|大腿部|大腿|背部|上背部|腰部|臀部|側腹部|肩)"
_FORM_WORDS: tuple[tuple[str, str, Route | None, str | None], ...] = tuple(sorted((
    ("徐放錠", "tablet", Route.ORAL, "er"), ("徐放カプセル", "capsule", Route.ORAL, "er"),
    ("徐放細粒", "powder", Route.ORAL, "er"), ("od錠", "tablet", Route.ORAL, "ir"),
    ("口腔内崩壊錠", "tablet", Route.ORAL, "ir"), ("舌下錠", "tablet", Route.SUBLINGUAL, "ir"),
    ("バッカル錠", "tablet", Route.BUCCAL, "ir"), ("錠", "tablet", Route.ORAL, "ir"),
    ("カプセル", "capsule", Route.ORAL, "ir"), ("散", "powder", Route.ORAL, "ir"),
    ("細粒", "powder", Route.ORAL, "ir"), ("顆粒", "powder", Route.ORAL, "ir"),
    ("原末", "powder", Route.ORAL, "ir"), ("末", "powder", Route.ORAL, "ir"),
    ("ドライシロップ", "powder", Route.ORAL, "ir"), ("内服液", "liquid", Route.ORAL, "ir"),
    ("内用液", "liquid", Route.ORAL, "ir"), ("シロップ", "liquid", Route.ORAL, "ir"),
    ("坐剤", "suppository", Route.RECTAL, "ir"), ("坐薬", "suppository", Route.RECTAL, "ir"),
    ("座薬", "suppository", Route.RECTAL, "ir"), ("サポ", "suppository", Route.RECTAL, "ir"),
    ("注射液", "injection", None, None), ("注射用", "injection", None, None),
    ("静注液", "injection", None, None), ("静注用", "injection", None, None),
    ("点滴静注液", "injection", None, None), ("注", "injection", None, None),
    ("テープ", "patch", Route.TRANSDERMAL, None), ("パッチ", "patch", Route.TRANSDERMAL, None),
    ("貼付剤", "patch", Route.TRANSDERMAL, None),
), key=lambda row: -len(row[0])))
_SALTS = re.compile(r"(?:塩酸塩水和物|硫酸塩水和物|塩酸塩|硫酸塩|クエン酸塩|リン酸塩|酒石酸塩|マレイン酸塩|"
                    r"メシル酸塩|ベシル酸塩|トシル酸塩水和物|トシル酸塩|ナトリウム水和物|ナトリウム|"
                    r"カルシウム水和物|カルシウム|マグネシウム水和物|水和物|na(?![a-z])|hcl)+")
#: Units a count of each form is written in.
_COUNT_FORMS = {
    "錠": ("tablet",), "t": ("tablet",), "カプセル": ("capsule",), "cap": ("capsule",),
    "caps": ("capsule",), "c": ("capsule",), "包": ("powder", "liquid"),
    "個": ("suppository", "tablet"), "枚": ("patch",), "本": ("injection", "liquid"),
    **{word: ("injection",) for word in ("a", "アンプル", "管", "v", "バイアル", "袋", "バッグ",
                                         "キット", "瓶")},
}
_COUNTABLE_FORMS = ("tablet", "capsule", "suppository", "patch")
_ORAL_DAILY_FORMS = ("tablet", "capsule", "powder", "liquid")
#: forms dispensed by the unit dose (a tablet, a packet, a suppository): one unit is a dose
_UNIT_DOSE_FORMS = ("tablet", "capsule", "suppository", "powder", "liquid")


@attrs.frozen(repr=False, eq=False)
class _Token(Value):
    kind: str
    values: tuple[str, ...]
    text: str
    paren: bool
    named: _Named | None = None  #: a product added with "+" (a second patch)


def _timing_count(text: str) -> tuple[int, bool]:
    """(doses a day, bedtime only) of a timing phrase: 毎食後 3, 朝夕 2, 就寝前 1 …"""
    if text.startswith("毎食"):
        return 3, False
    if _CHART_TIMES.fullmatch(text):  # M,A: Morgen, Abend
        return len(re.findall("[MTA]", text)), False
    if text.lower().startswith("v.d.s"):  # vor dem Schlafen: at bedtime
        return 1, True
    if "." in text:  # n.d.E, v.d.E, z.d.E: after, before, between meals (a time, not a count)
        return 0, False
    if re.match(r"(?:就寝|睡眠)前|寝る前|眠前|就寝時|寝る時", text):
        return 1, True
    if text.startswith("起床") or text in ("毎朝", "毎夕"):
        return 1, False
    if text == "毎晩":
        return 1, True
    meals = re.match(r"[朝昼夕夜]+", text)
    if meals:
        return len(set(meals.group(0))), False
    return 0, False  # 食後, 食前: a time, not a count


#: the German chart letters for the times of day: M (Morgen), T (Tag), A (Abend)
_CHART_TIMES = re.compile(r"[MTA](?:\s*[,・、]\s*[MTA])*")


# Each pattern is tried at the current position, in this order; the first that matches wins.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("ref_above", r"上記(?:の)?(?:ポンプ|シリンジ|輸液|注射|持続)?|同ポンプ|同シリンジ|同上|前記"),
        ("dispensed", rf"({_NUM})\s*回分"),
        ("duration", rf"(?:x\s*)?({_NUM})\s*日分"),
        ("max_prn", rf"1日\s*(?:に)?\s*(?:最大|最高)?\s*({_NUM})\s*回\s*"
                    r"(?:まで|迄|以内|を限度|が限度|を上限|を超えない)"),
        ("max_prn", rf"1日\s*(?:最大|最高)\s*({_NUM})\s*回"),
        # 1時間に6回まで (a PCA's hourly limit): not a day's maximum, unless the hours are 24
        ("hours_max", rf"({_NUM})\s*時間\s*(?:に|で|以内に)\s*({_NUM})\s*回\s*(?:まで|迄|以内)"),
        # アブストラル: 効果不十分なら30分後に1回のみ追加可 (a repeat within one episode)
        ("repeat", rf"(?:効果(?:が)?不十分(?:な(?:ら|場合|時)|の(?:場合|時)|時)(?:は|に)?\s*)?"
                   rf"{_NUM}\s*分\s*(?:後|以降|後以降)\s*(?:に)?\s*(?:同一用量(?:まで)?を?\s*)?"
                   r"1\s*回(?:のみ|だけ)?\s*(?:の)?\s*追加"),
        ("loose_max", rf"({_NUM})\s*回\s*(?:まで|迄|以内)"),
        # the least interval between doses: 1時間以上あけて, 次の使用まで2時間以上あけること,
        # 間隔は1時間以上, 投与間隔を4時間以上あけて (understood; it changes no amount)
        ("min_interval", rf"(?:(?:次の?|次回の?)(?:使用|服用|投与|内服)?まで(?:は|に)?\s*)?"
                         rf"({_NUM})(?:\s*~\s*{_NUM})?\s*(?:時間|分)\s*(?:以上)?\s*(?:の?間隔を)?\s*"
                         r"(?:あけ|空け|開け|おい|置い)(?:て|る)(?:こと)?"),
        ("min_interval", rf"(?:投与|服用|使用)?間隔\s*(?:は|を)?\s*({_NUM})(?:\s*~\s*{_NUM})?\s*"
                         r"(?:時間|分)\s*(?:以上)?(?:\s*(?:あけ|空け|開け|おい|置い)(?:て|る)(?:こと)?)?"),
        ("over_minutes", rf"({_NUM})\s*分(?:間)?\s*(?:以上)?\s*かけて"),
        ("times_day", rf"1日\s*(?:に)?\s*({_NUM})\s*回"),
        ("divided", rf"分\s*({_NUM})"),
        ("divided", rf"({_NUM})\s*x(?!\s*\d)"),  # 3× (chart shorthand, after 3T): 分3
        ("interval_h", rf"({_NUM})\s*時間\s*(?:毎|ごと|おき|置き|間隔)(?:に)?"),
        ("interval_d", rf"({_NUM})\s*日\s*(?:毎|ごと|に\s*1\s*回)(?:に)?"),
        ("every_other", rf"隔日|{_NUM}\s*日\s*(?:おき|置き)"),
        ("daily_word", r"毎日"),
        ("timing", r"毎朝|毎夕|毎晩"),
        # 1時間量, 1時間分, and 1回1時間量 (the one dose is an hour's rate)
        ("bolus_hour", r"(?:1回\s*(?:量)?\s*)?1\s*時間\s*(?:量|分)"
                       r"(?!\s*(?:以上|あけ|空け|毎|ごと|おき))"),
        ("time_of_day", r"(?:午前|午後)?\d{1,2}(?:\s*[-・,、]\s*\d{1,2})*\s*時(?!間)"
                        r"(?:\s*\d{1,2}\s*分|半)?"),
        ("time_of_day", r"\d{1,2}:\d{2}(?:\s*[-・,、/]\s*\d{1,2}:\d{2})*(?![\d.])"),  # 8:00・20:00
        ("prn", _PRN),
        ("timing", r"[nvz]\.\s*d\.\s*[es]\.?"),
        ("timing", r"(?-i:[MTA](?:\s*[,・、]\s*[MTA])*)(?![a-z.])"),
        ("timing", r"毎食(?:直?後|直?前|間)|(?:就寝|睡眠)前|寝る前|眠前|就寝時|寝る時|起床時|起床後|"
                   r"夕方|[朝昼夕夜]{1,3}(?:食)?(?:直?後|直?前|間)?|食(?:直?後|直?前|間)|入浴(?:直?後|前)"),
        ("route", r"持続皮下注(?:射)?|持続皮下投与|持続皮下|csci(?![a-z])"),
        ("route", r"持続静注|持続静脈内(?:注射|投与)?|持続点滴(?:静注)?|持続静脈注射"),
        ("route", r"点滴静注|点滴静脈内投与|点滴|静注|静脈内(?:注射|投与)|静脈注射|静脈内"),
        ("route", r"皮下注(?:射)?|皮下投与|皮下"),
        ("route", r"筋注|筋肉内(?:注射|投与)"),
        ("route", r"舌下(?:投与)?"),
        ("route", rf"(?:上顎臼歯の)?{_GUM}と頬の間(?:で溶解|に置く)?|"
                  rf"頬と{_GUM}の間(?:で溶解|に置く)?|バッカル(?:投与)?"),
        ("route", r"肛門内(?:に)?挿入|挿肛|直腸内(?:に)?(?:投与|挿入)?"),
        ("route", r"経口(?:投与)?|内服"),
        ("rate_ml_h", rf"({_NUM})\s*ml\s*/\s*{_PER_HOUR}"),
        ("rate_day", rf"({_NUM})\s*({_MASS})\s*/\s*(?:日|day|d|24\s*h|24\s*時間)(?![a-z])"),
        # the drug in one counted unit, written beside a count: 1回2包（2.5mg/包）, 10mg/A
        ("unit_strength", rf"({_NUM})\s*({_MASS})\s*/\s*({_COUNT_WORD})(?![a-z])"),
        ("rate_h", rf"({_NUM})\s*({_MASS})\s*/\s*{_PER_HOUR}"),
        ("equal", rf"({_NUM})\s*ml\s*=\s*({_NUM})\s*({_MASS})"),
        ("conc", rf"(?:濃度\s*)?({_NUM})\s*({_MASS})\s*/\s*({_NUM})?\s*ml"),
        ("percent", rf"({_NUM})\s*%"),
        # 1個×3回/日 (院内 orders): the count before × is a dose, the times are a day's
        ("count_times", rf"({_FRACTION}|{_NUM})\s*({_COUNT_WORD})\s*x\s*({_NUM})\s*回\s*/\s*"
                        r"(?:日|day)(?![a-z])"),
        ("amount_times", rf"({_NUM})\s*(mg|mcg|μg|ug|g|ml)\s*x\s*({_NUM})\s*回\s*/\s*"
                         r"(?:日|day)(?![a-z])"),
        ("times_day", rf"({_NUM})\s*回\s*/\s*(?:日|day)(?![a-z])"),
        ("per_dose_count", rf"1回\s*(?:量)?\s*({_FRACTION}|{_NUM})\s*({_COUNT})"),
        ("per_dose_count", rf"({_FRACTION}|{_NUM})\s*({_COUNT})\s*/\s*回(?!数)"),  # 1包/回
        ("daily_count", rf"({_NUM})\s*({_COUNT})\s*/\s*(?:日|day)(?![a-z])"),  # 1A/日
        ("per_dose_count", r"1回\s*(半)(錠)"),
        ("per_dose_amount", rf"1回\s*(?:量)?\s*({_NUM})\s*({_MASS}|ml)"),
        ("per_dose_amount", rf"({_NUM})\s*({_MASS}|ml)\s*/\s*回"),
        ("daily_count", rf"1日\s*(?:量)?\s*({_NUM})\s*({_COUNT})"),
        ("daily_amount", rf"1日\s*(?:量)?\s*({_NUM})\s*({_MASS})"),
        ("diluent", rf"(?:生理食塩液|生理食塩水|生食|注射用水|蒸留水|(?:{_NUM}\s*%\s*)?ブドウ糖(?:注射)?液)"
                    rf"\s*({_NUM})\s*ml"),
        ("total_volume", rf"(?:計|全量|総量|合計|全)\s*({_NUM})\s*ml"),
        ("total_count", rf"(?:計|全量|総量|合計|全)\s*({_NUM})\s*({_COUNT})"),
        ("lockout", rf"ロックアウト(?:タイム|時間)?\s*({_NUM})\s*(?:分|時間)"),
        ("undiluted", r"原液"),
        ("bolus", r"早送り|フラッシュ|ボーラス|bolus"),
        ("count", rf"({_FRACTION}|{_NUM})\s*({_COUNT})"),
        ("count", r"(半)(錠)"),
        ("amount", rf"({_NUM})\s*({_MASS})"),
        ("volume", rf"({_NUM})\s*ml"),
        ("plus", r"\+"),
        ("patch_marker", r"貼り替え|貼りかえ|張り替え|貼り換え|貼付|貼る|交換"),
        ("place", rf"{_PLACE}(?:(?:・|、|又は|または|か|or)?{_PLACE})*(?:等|など)?(?:に|へ)?"),
        ("ignore", r"用法|用量|処方|(?:毎回)?(?:貼付)?部位を変えて|pca(?:ポンプ)?|"
                   r"(?:小型|携帯型|携帯用)?シリンジポンプ|ポンプ|以下余白|乱用防止製剤|同時に|反復|"
                   r"一包化|ベース(?=\s*\d)|(?:毎日)?同じ時刻(?:に)?|同時刻(?:に)?|"
                   r"追加可能|追加可|可|定時|定期|服用|投与|使用|して|約|以上|程度|目安|"
                   r"かみ砕かずに|噛まずに|水なしで|溶解|後|ずつ|毎回|及び|および|"
                   r"の|に|で|を|は|へ|と|より|から|まで|など"),
        ("open", r"[(\[]"),
        ("close", r"[)\]]"),
    )
]
#: a range of amounts (2~4錠, 0.2~0.3mL/時間), which no pattern reads as one amount
_RANGE = re.compile(rf"{_NUM}\s*[~-]\s*{_NUM}")
_SEPARATORS = re.compile(r"(?:[\s、,，。;:・/]|(?<!\d)\.(?!\d))+")


def _tokens(text: str, source: str, start: int, k: Knowledge,
            drug: Drug | None = None) -> list[_Token]:
    tokens: list[_Token] = []
    depth = 0
    position = start
    while position < len(text):
        space = _SEPARATORS.match(text, position)
        if space:
            position = space.end()
            continue
        for kind, pattern in _PATTERNS:
            match = pattern.match(text, position)
            if match is None:
                continue
            if kind == "open":
                depth += 1
            elif kind == "close":
                if depth == 0:
                    raise ItemSyntaxError(f"unmatched {match.group(0)!r}", text=source,
                                          token=match.group(0))
                depth -= 1
            else:
                tokens.append(_Token(kind, tuple(g or "" for g in match.groups()),
                                     match.group(0), depth > 0))
            position = match.end()
            break
        else:
            named = _read_name(text, position, source, k, after_plus=True) \
                if tokens and tokens[-1].kind == "plus" else None
            if named is not None:
                tokens.append(_Token("product", (), text[position:named.end], depth > 0, named))
                position = named.end
                continue
            again = _drug_word(text, position, k, drug) if depth else None
            if again:  # （モルヒネ12mg/日）: the drug of the line named again beside its amount
                position = again
                continue
            word = re.match(r"[^\s、,，。・()\[\]]+", text[position:])
            token = word.group(0) if word else text[position]
            if _RANGE.search(token):
                raise ItemSyntaxError(f"{token!r} is a range: a dose, rate or count to titrate "
                                      "within is not one amount; write the one to give",
                                      text=source, token=token)
            raise ItemSyntaxError(f"cannot read {token!r}", text=source, token=token)
    if depth:
        raise ItemSyntaxError("a bracket is not closed", text=source)
    return tokens


def _drug_word(text: str, position: int, k: Knowledge, drug: Drug | None) -> int | None:
    """Where a Japanese name of ``drug`` written at ``position`` ends; None where none is."""
    if drug is None:
        return None
    lower = text.lower()
    for name, _ in _japanese_names(k):
        if lower.startswith(name, position) and \
                k.catalogue.names.get(normal_name(name)) == drug.name:
            return position + len(name)
    return None


# -- names ----------------------------------------------------------------------------------------
@attrs.frozen(repr=False, eq=False)
class _Named(Value):
    """What the name at the start of a prescription stands for."""

    end: int  #: where the name (with its strength) ends in the normalised text
    name: str  #: as written
    drugs: tuple[Drug, ...]
    route: Route | None
    release: str | None
    form: str | None
    #: a listed product's marketed strengths; for a generic name, those of its drug's products of
    #: its form (フェンタニルクエン酸塩舌下錠: アブストラル舌下錠's)
    rows: tuple[ProductStrength, ...] = ()
    patches: tuple[PatchProduct, ...] = ()  #: a content-labelled patch's rows
    combination: tuple[float, ...] | None = None  #: a combination product's strengths [mg]
    generic: tuple[Strength, ...] = ()  #: a generic name's marketed strengths (strengths.csv)
    strength: tuple[float, str] | None = None  #: as written in the name: (value, mg/mcg/g)
    percent: float | None = None  #: a powder's or injection's % (10 mg/g or mg/mL per 1%)
    unit_volume: float | None = None  #: of one unit, written with the strength [mL]
    #: the route an injection's name gives (アセリオ静注液: iv), where none is written
    name_route: Route | None = None

    @property
    def drug(self) -> Drug:
        return self.drugs[0]


_STRENGTH = re.compile(rf"(\s?)({_NUM})(?![\d.])\s*({_MASS})?(?:\s*/\s*({_NUM})?\s*ml)?",
                       re.IGNORECASE)
#: the strength in brackets, as charts write it: ロキソニン(60), MSコンチン(10mg)
_BRACKET_STRENGTH = re.compile(rf"\(\s*({_NUM})\s*({_MASS})?\s*\)", re.IGNORECASE)
#: the volume of one unit and the drug in it: モルヒネ塩酸塩注5mL（50mg）
_VOLUME_STRENGTH = re.compile(rf"\s?({_NUM})\s*ml\s*\(\s*({_NUM})\s*({_MASS})\s*\)",
                              re.IGNORECASE)
_NOT_STRENGTH = re.compile(rf"\s*(?:回|日|時|錠|包|個|枚|カプセル|%|ml|{_COUNT})", re.IGNORECASE)
#: a count right after digits glued to a name (プリンペラン錠52錠)
_GLUED_COUNT = re.compile(rf"\s*{_COUNT}", re.IGNORECASE)
_SUFFIX = re.compile(r"(?:[a-z]{1,4}(?![a-z]))?\s*(?:「[^」]*」)?\s*(?:バッグ|キット|シリンジ|瓶)?",
                     re.IGNORECASE)


_NAME_CACHE: weakref.WeakKeyDictionary[Knowledge, tuple[tuple[str, str], ...]] = (
    weakref.WeakKeyDictionary())


def _japanese_names(k: Knowledge) -> tuple[tuple[str, str], ...]:
    """(folded name, kind) of every name of the catalogue written in Japanese, longest first."""
    found = _NAME_CACHE.get(k)
    if found is None:
        kinds = k.name_kinds
        names = {(fold(name), kinds.get(name, "")) for name in k.catalogue.names
                 if is_japanese(name)}
        found = tuple(sorted(names, key=lambda n: (-len(n[0]), n[0])))
        _NAME_CACHE[k] = found
    return found


def _combination_names(k: Knowledge) -> tuple[str, ...]:
    return tuple(sorted((fold(n) for n in k.catalogue.products if is_japanese(n)),
                        key=lambda n: (-len(n), n)))


def _read_name(text: str, start: int, source: str, k: Knowledge, *,
               after_plus: bool = False) -> _Named | None:
    """The product or drug named at ``start``, with the strength written after it; None where
    no name is there (``after_plus``: only listed products and patches are names)."""
    lower = text.lower()
    books = k.catalogue
    products = k.products
    best: tuple[int, str, str] | None = None  # (length, folded name, what)
    for name in products.names():
        if lower.startswith(name, start):
            best = (len(name), name, "product")
            break
    for name in _combination_names(k):
        if lower.startswith(name, start) and (best is None or len(name) > best[0]):
            best = (len(name), name, "combination")
    if best is None and not after_plus:
        for name, kind in _japanese_names(k):
            if lower.startswith(name, start):
                best = (len(name), name, "brand" if kind.startswith("brand") else "stem")
                break
    if best is None:
        return None
    length, name, what = best
    end = start + length
    written = text[start:end]
    if what == "product":
        return _product_name(text, end, written, name, source, k)
    if what == "combination":
        strengths = books.products[name][0].strengths
        drugs = tuple(books.drugs[c] for c in books.products[name][0].components)
        end = _SUFFIX.match(text, end).end()  # type: ignore[union-attr]
        return _Named(end, written, drugs, Route.ORAL, "ir", "tablet", combination=strengths)
    drug = books.drugs[books.names[normal_name(name)]]
    if what == "brand":
        return _brand_name(text, end, written, name, drug, source, k)
    return _generic_name(text, end, written, drug, source, k)


def _written_strength(text: str, end: int,
                      source: str) -> tuple[tuple[float, str] | None, float | None, int]:
    """(strength, volume of one unit [mL], end) of a strength written right after a name:
    ``10mg``, ``0.5mg``, ``100μg``, ``500`` (カロナール錠500), ``50mg/5mL``. A quantity of the sig
    (``1回``, ``2錠``, ``10回分``) is not a strength, and neither is an amount with a unit written
    after a space (``ロキソニン錠 60mg``), which the sig reads. Two or more digits glued to the name
    and followed by a count (``プリンペラン錠52錠``: 5 and 2錠, or 52錠?) are refused."""
    bracket = _BRACKET_STRENGTH.match(text, end)
    if bracket is not None:
        unit = (bracket.group(2) or "").lower().replace("μg", "mcg").replace("ug", "mcg")
        return (float(bracket.group(1)), unit), None, bracket.end()
    volume_first = _VOLUME_STRENGTH.match(text, end)
    if volume_first is not None:
        unit = volume_first.group(3).lower().replace("μg", "mcg").replace("ug", "mcg")
        return ((float(volume_first.group(2)), unit), float(volume_first.group(1)),
                volume_first.end())
    match = _STRENGTH.match(text, end)
    if match is None:
        return None, None, end
    spaced, number, unit, volume = match.groups()
    if (spaced and unit) or (not unit and _NOT_STRENGTH.match(text, match.end())):
        glued = _GLUED_COUNT.match(text, match.end())
        if not spaced and not unit and re.fullmatch(r"\d{2,}", number) and glued is not None:
            raise ItemSyntaxError(f"{number}{glued.group(0)} right after the name may be a "
                                  "strength and a count, or a count: write a space between them",
                                  text=source, token=number)
        return None, None, end
    unit = (unit or "").lower().replace("μg", "mcg").replace("ug", "mcg")
    unit_volume = (float(volume) if volume else 1.0) if "/" in match.group(0) else None
    return (float(number), unit), unit_volume, match.end()


def _suffix(text: str, end: int) -> int:
    """Past a maker's suffix: ``NX「第一三共」``, ``バッグ``."""
    return _SUFFIX.match(text, end).end()  # type: ignore[union-attr]


def _product_name(text: str, end: int, written: str, name: str, source: str,
                  k: Knowledge) -> _Named:
    products = k.products
    patches = products.patches_by_name.get(name, ())
    rows = products.by_name.get(name, ())
    strength, _, after = _written_strength(text, end, source)
    after = _suffix(text, after)
    if patches:
        drug = k.catalogue.drugs[patches[0].drug]
        return _Named(after, written, (drug,), Route.TRANSDERMAL, None, "patch", patches=patches,
                      strength=strength)
    first = rows[0]
    drug = k.catalogue.drugs[first.drug]
    route = None if first.form == "injection" else first.route
    return _Named(after, written, (drug,), route, first.release, first.form, rows=rows,
                  strength=strength, name_route=_injection_name_route(written, first.form))


def _brand_name(text: str, end: int, written: str, name: str, drug: Drug, source: str,
                k: Knowledge) -> _Named:
    """A brand written without the form of a listed product (ロキソニン60mg): read as its products
    where they agree on route, release and form, refused where they do not or where a form is
    written that is not a listed product (ロキソニン細粒). A brand with no listed product is read
    like a generic name, from its form word (オキファスト注10mg（1%1mL）)."""
    products = [rows for folded, rows in k.products.by_name.items() if folded.startswith(name)]
    patches = [rows for folded, rows in k.products.patches_by_name.items()
               if folded.startswith(name)]
    if not products and not patches:
        return _generic_name(text, end, written, drug, source, k)
    listed = sorted({rows[0].product for rows in products} | {rows[0].product for rows in patches})
    form = _form_word(text.lower(), end)
    if form is not None and form[1] == "powder" and re.match(
            rf"\s?{_NUM}\s*%", text[end + len(form[0]):]):
        # カロナール細粒20%: a powder weighed out by its percentage, which must be marketed
        named = _generic_name(text, end, written, drug, source, k)
        _check_powder_percent(named, k, source, required=True)
        return named
    if form is not None:
        raise UnknownDrugError(written + form[0], listed, text=source)
    if patches:
        raise ItemSyntaxError(f"{written!r}: write the patch product and its content, e.g. "
                              f"{listed[0]}", text=source, token=written)
    shapes = {(rows[0].route, rows[0].release, rows[0].form) for rows in products}
    if len(shapes) != 1:
        raise ItemSyntaxError(f"{written!r} names several products ({', '.join(listed)}): "
                              "write which", text=source, token=written)
    rows = tuple(row for group in products for row in group)
    strength, _, after = _written_strength(text, end, source)
    route, release, form_name = shapes.pop()
    name_routes = {_injection_name_route(row.product, form_name) for row in rows}
    return _Named(_suffix(text, after), written, (drug,),
                  None if form_name == "injection" else route, release, form_name, rows=rows,
                  strength=strength, name_route=name_routes.pop() if len(name_routes) == 1 else None)


def _check_powder_percent(named: _Named, k: Knowledge, source: str, *, required: bool) -> None:
    """A powder's percentage (細粒20%) must be one Japan markets for its drug (strengths.csv,
    mg/g); ``required``: also where none is listed (a brand's powder)."""
    if named.form != "powder" or named.percent is None:
        return
    listed = sorted({s for row in k.strengths if row.drug == named.drug.name and row.market == "jp"
                     and row.form == "powder" and row.unit == "mg/g" for s in row.strengths})
    if not listed and not required:
        return
    if not any(math.isclose(named.percent * 10, s) for s in listed):
        shown = ", ".join(f"{_g(s / 10)}%" for s in listed) or "none listed"
        raise UnitError(f"{named.name}: a {_g(named.percent)}% powder of {named.drug.name} is not "
                        f"among those data/strengths.csv lists ({shown})", unit="%", text=source)


def _injection_name_route(name: str, form: str | None) -> Route | None:
    """IV for an injection whose name says it (静注液, 静注用, 点滴静注): the route where the
    prescription writes none; a route written (持続皮下注) is read as written."""
    return Route.IV if form == "injection" and "静注" in name else None


def _form_word(lower: str, end: int) -> tuple[str, str, Route | None, str | None] | None:
    for row in _FORM_WORDS:
        if lower.startswith(row[0], end):
            return row
    return None


def _generic_name(text: str, end: int, written: str, drug: Drug, source: str,
                  k: Knowledge) -> _Named:
    """A generic (JAN) name, its salt and its form word: オキシコドン塩酸塩徐放錠5mg「第一三共」.

    A count of it is read through the Japanese strengths of ``strengths.csv`` for its drug,
    route, release and form; a strength with its volume (``50mg/5mL``) is read as written.
    """
    lower = text.lower()
    salt = _SALTS.match(lower, end)
    if salt:
        end = salt.end()
        if lower.startswith(" ", end) and _form_word(lower, end + 1) is not None:
            end += 1  # 【般】ロキソプロフェンNa 錠 60mg: printed with spaces
        stem = fold(written)
        for product in k.products.names():  # フェンタニルクエン酸塩注射液: the product フェンタニル注射液
            if product.startswith(stem) and lower.startswith(product[len(stem):], end) and \
                    len(product) > len(stem):
                return _product_name(text, end + len(product) - len(stem),
                                     written + text[end:end + len(product) - len(stem)],
                                     product, source, k)
    form = _form_word(lower, end)
    route = release = form_name = None
    if form is not None:
        end += len(form[0])
        form_name, route, release = form[1], form[2], form[3]
    else:
        days = re.match(r"\d+日用(?:テープ|パッチ)", lower[end:])
        if days:
            raise ItemSyntaxError(f"{written}{days.group(0)}: this content-labelled patch is not "
                                  "in data/patch_products.csv, so its release rate is not known",
                                  text=source)
    percent = 100.0 if form is not None and form[0] in ("末", "原末") else None
    match = re.match(rf"\s?({_NUM})\s*%", text[end:])
    if match:
        percent = float(match.group(1))
        end += match.end()
    strength, volume, end = _written_strength(text, end, source)
    end = _suffix(text, end)
    if form_name == "patch" and _PATCH_DAYS.match(text, end):
        return _patch_by_days(text, end, written, salt.group(0) if salt else "", form, strength,
                              source, k)
    generic: tuple[Strength, ...] = ()
    marketed: tuple[ProductStrength, ...] = ()
    if form_name is not None:
        generic = tuple(row for row in k.strengths if row.drug == drug.name and row.market == "jp"
                        and row.form == form_name
                        and (route is None or row.route is route)
                        and (release is None or row.release in (None, release)))
        if percent is None:  # フェンタニルクエン酸塩舌下錠100μg: the strengths of its products
            marketed = tuple(row for rows in k.products.by_name.values() for row in rows
                             if row.drug == drug.name and row.market == "jp"
                             and row.form == form_name
                             and (route is None or row.route is route)
                             and (release is None or row.release in (None, release)))
    named = _Named(end, written, (drug,), route, release, form_name, rows=marketed, generic=generic,
                   strength=strength, percent=percent, unit_volume=volume,
                   name_route=_injection_name_route(form[0] if form else "", form_name))
    if match:  # 散1%, 細粒20%: written, so checked where Japan's percentages are listed
        _check_powder_percent(named, k, source, required=False)
    if volume is not None and strength is not None:
        return attrs.evolve(named, rows=(ProductStrength(
            written, "jp", drug.name, route or Route.IV, release, form_name or "injection",
            strength[0], strength[1] or "mg", volume, "as written"),))
    return named


# -- a Japanese name in an item of the item language ---------------------------------------------
@attrs.frozen
class MixedName:
    """A Japanese product or drug name at the start of an item whose rest is in the item
    language (``ナルサス 6 mg po daily``, ``オキシコンチンTR錠 10 mg po q12h``).

    ``shapes`` are the (route, release, form) of the listed products the name stands for (an
    injection's route None: any parenteral route written); empty where the name gives no product
    facts (a generic name without its form word).
    """

    written: str  #: the name as written, with its form word
    drug: Drug
    rest: str  #: the item language after the name
    shapes: tuple[tuple[Route | None, str | None, str], ...] = ()
    #: the route the injection's name gives (静注液: iv), where none is written
    name_route: Route | None = None
    #: where the name has a form word no listed product of the brand has: the products listed
    unlisted: tuple[str, ...] | None = None
    #: a combination product's components and strengths [mg], which the item language writes out
    combination: tuple[tuple[str, ...], tuple[float, ...]] | None = None


def mixed_name(text: str, knowledge: Knowledge | None = None) -> MixedName | None:
    """The Japanese name ``text`` starts with and the text after it, where that text has no
    Japanese in it; None otherwise (a Japanese prescription, read by :func:`parse_japanese`).

    The name is a listed product (``data/products.csv``, ``data/patch_products.csv``), or a
    Japanese name of the catalogue (``drug_names.csv``: brand-jp, jan) with an optional form word
    (``ナルサス錠``, ``オキシコドン徐放錠``). A form word the brand has no listed product of is
    given with the brand's listed products in ``unlisted`` (``オキノーム錠``: not a listed product).
    """
    k = resolve(knowledge)
    body = _normal(text).strip()
    lower = body.lower()
    products = k.products
    best: tuple[str, str] | None = None  # (folded name, kind)
    for name in products.names():
        if lower.startswith(name):
            best = (name, "product")
            break
    for name, kind in _japanese_names(k):  # longest first
        if lower.startswith(name):
            if best is None or len(name) > len(best[0]):
                best = (name, kind)
            break
    for name in _combination_names(k):  # longest first
        if lower.startswith(name):
            if best is None or len(name) > len(best[0]):
                best = (name, "combination")
            break
    if best is None:
        return None
    name, kind = best
    end = len(name)
    if kind == "combination":
        if is_japanese(body[end:]):
            return None
        product = k.catalogue.products[name][0]
        return MixedName(body[:end], k.catalogue.drugs[product.components[0]], body[end:],
                         combination=(product.components, product.strengths))
    shapes: set[tuple[Route | None, str | None, str]] = set()
    name_route: Route | None = None
    if kind == "product":
        patches = products.patches_by_name.get(name, ())
        if patches:
            drug = k.catalogue.drugs[patches[0].drug]
            shapes.add((Route.TRANSDERMAL, None, "patch"))
        else:
            rows = products.by_name[name]
            drug = k.catalogue.drugs[rows[0].drug]
            shapes |= {(None if row.form == "injection" else row.route, row.release, row.form)
                       for row in rows}
            name_route = _injection_name_route(name, rows[0].form)
    else:
        drug = k.catalogue.drugs[k.catalogue.names[normal_name(name)]]
        form = _form_word(lower, end)
        if form is not None:
            end += len(form[0])
        if is_japanese(body[end:]):
            return None
        listed = {folded: rows for folded, rows in products.by_name.items()
                  if kind.startswith("brand") and folded.startswith(name)}
        patched = [folded for folded in products.patches_by_name
                   if kind.startswith("brand") and folded.startswith(name)]
        if listed or patched:
            chosen = {folded: rows for folded, rows in listed.items()
                      if form is None or rows[0].form == form[1]}
            if form is not None and not chosen and not (form[1] == "patch" and patched):
                # オキノーム錠: a form the brand has no listed product of, refused as the Japanese
                # reader refuses it (by parse_item, once the rest is known to be the item language)
                return MixedName(body[:end], drug, body[end:], unlisted=tuple(sorted(
                    {rows[0].product for rows in listed.values()})))
            for rows in chosen.values():
                shapes |= {(None if row.form == "injection" else row.route, row.release,
                            row.form) for row in rows}
            if patched and (form is None or form[1] == "patch"):
                shapes.add((Route.TRANSDERMAL, None, "patch"))
            routes = {_injection_name_route(folded, rows[0].form) for folded, rows in
                      chosen.items() if rows[0].form == "injection"}
            name_route = routes.pop() if len(routes) == 1 else None
        elif form is not None:
            shapes.add((form[2], form[3], form[1]))
        if form is not None and name_route is None:
            name_route = _injection_name_route(form[0], form[1])
    rest = body[end:]
    if is_japanese(rest):
        return None
    return MixedName(body[:end], drug, rest, tuple(sorted(
        shapes, key=lambda shape: tuple(str(part) for part in shape))), name_route)


_PATCH_DAYS = re.compile(r"\s*\(\s*(\d+)\s*日用\s*\)")


def _patch_by_days(text: str, end: int, written: str, salt: str,
                   form: tuple[str, str, Route | None, str | None] | None,
                   strength: tuple[float, str] | None, source: str, k: Knowledge) -> _Named:
    """A patch by its generic name with its days in brackets, as the national exam writes it:
    フェンタニルテープ4.2mg(3日用) is the product フェンタニル3日用テープ. One whose product is not
    listed is refused: the same mg is a different release rate in each product."""
    days = _PATCH_DAYS.match(text, end)
    assert form is not None and days is not None
    product = f"{fold(written)}{salt}{days.group(1)}日用{form[0]}"
    rows = k.products.patches_by_name.get(product, ())
    if not rows:
        raise ItemSyntaxError(f"{written}{salt}{days.group(1)}日用{form[0]}: this content-labelled "
                              "patch is not in data/patch_products.csv, so its release rate is "
                              "not known; write the product (フェントステープ, フェンタニル3日用テープ …)",
                              text=source)
    return _Named(days.end(), written, (k.catalogue.drugs[rows[0].drug],),
                  Route.TRANSDERMAL, None, "patch", patches=rows, strength=strength)


# -- reading ----------------------------------------------------------------------------------------
@attrs.define
class _Sig:
    """What the tokens of a prescription say, before it becomes an item."""

    per_dose_count: tuple[float, str] | None = None
    per_dose_amount: tuple[float, str] | None = None
    daily_count: tuple[float, str] | None = None
    daily_amount: tuple[float, str] | None = None
    counts: list[tuple[float, str]] = attrs.Factory(list)  #: every count ("1回2錠", "2錠", "5A")
    bare: list[int] = attrs.Factory(list)  #: indices in counts of those written bare ("2錠")
    #: indices in counts of those written after one time of day each (朝2錠 昼1錠)
    pairs: list[int] = attrs.Factory(list)
    total_counts: list[tuple[float, str]] = attrs.Factory(list)  #: 計14枚: the total dispensed
    dispensed: float | None = None  #: N回分: the doses dispensed (not a day's maximum)
    #: the drug in one counted unit, written beside a count (2.5mg/包): (value, unit, count word)
    unit_checks: list[tuple[float, str, str]] = attrs.Factory(list)
    amounts: list[tuple[float, str]] = attrs.Factory(list)
    volumes: list[float] = attrs.Factory(list)
    times: list[float] = attrs.Factory(list)
    divided: list[float] = attrs.Factory(list)
    intervals: list[float] = attrs.Factory(list)
    timings: list[tuple[int, bool]] = attrs.Factory(list)
    clock_times: int = 0  #: clock times written (8時・20時, 8:00): one dose each
    daily_word: bool = False
    prn: bool = False
    max_prn: list[float] = attrs.Factory(list)
    duration: float | None = None
    routes: list[tuple[Route, bool]] = attrs.Factory(list)  #: (route, continuous)
    rate_day: list[float] = attrs.Factory(list)  #: [mg/day]
    rate_h: list[float] = attrs.Factory(list)  #: [mg/h]
    rate_ml_h: list[float] = attrs.Factory(list)
    mcg_written: bool = False
    concentrations: list[float] = attrs.Factory(list)  #: of what is given [mg/mL]
    unit_volume: float | None = None  #: of one unit of the product [mL]
    unit_concentration: float | None = None  #: of the product [mg/mL]
    #: brackets after a count: (its index in counts, mg, mL)
    count_checks: list[tuple[int, float | None, float | None]] = attrs.Factory(list)
    #: a percentage in brackets after a count (1A（0.2%1mL）): (its index in counts, mg/mL)
    count_percents: list[tuple[int, float]] = attrs.Factory(list)
    dose_checks: list[float] = attrs.Factory(list)  #: [mg] a dose, from brackets
    diluent_ml: float = 0.0
    total_ml: float | None = None
    undiluted: bool = False
    bolus_hour: bool = False
    bolus: bool = False
    equal: tuple[float, float] | None = None  #: (mL, mg) of a bolus
    extra: list[_Named] = attrs.Factory(list)  #: products added with "+"
    extra_counts: list[float] = attrs.Factory(list)  #: patches counted after each added one
    ref_above: bool = False


def _number(text: str) -> float:
    """A number as written: 2.5, 1/2, 半 (a half)."""
    if text == "半":
        return 0.5
    if "/" in text:
        top, bottom = (float(part) for part in text.split("/"))
        if bottom == 0:
            raise ValueError(f"{text!r} divides by zero")
        return top / bottom
    return float(text)


def _mg(value: float, unit: str) -> float:
    unit = unit.lower()
    if unit in ("mcg", "μg", "ug"):
        return value / 1000
    if unit == "g":
        return value * 1000
    return value


def _drug_mg(named: _Named, value: float, unit: str, source: str) -> float:
    """The drug in an amount written for the named product [mg]. A powder written by its
    percentage (散1%, 細粒10%) is weighed: 1 g of 1% powder is 10 mg of drug, so an amount in g
    is of the powder, and an amount in mg is refused as ambiguous (原薬量 or 製剤量?)."""
    if named.form == "powder" and unit == "g":
        if named.percent is None:
            raise UnitError(f"{_g(value)} g of {named.name}: write its percentage (散1%) so the "
                            "drug in it can be known", unit=unit, text=source)
        return value * 1000 * named.percent / 100
    if named.form == "powder" and named.percent is not None and named.percent < 100:
        raise UnitError(f"{_g(value)} {unit} of {named.name} ({_g(named.percent)}%): is it the "
                        "drug (原薬量) or the powder (製剤量)? Write the powder in g",
                        unit=unit, text=source)
    return _mg(value, unit)


def _is_mcg(unit: str) -> bool:
    return unit.lower() in ("mcg", "μg", "ug")


def _unit_name(unit: str) -> str:
    """mg, mcg or g as a strength is labelled (μg and ug are mcg)."""
    unit = unit.lower()
    return "mcg" if _is_mcg(unit) else unit


def _read_tokens(tokens: Sequence[_Token], source: str) -> _Sig:
    sig = _Sig()
    last_count: int | None = None  # index in sig.counts of the last count written
    after_name = True  # no token of the sig yet: a bracket annotates the product
    after_total = False
    after_time = False  # the token before was one time of day (朝, 就寝前)
    after_bolus = False  # the token before was a bolus word (ボーラス, 早送り)
    for token in tokens:
        kind, values = token.kind, token.values
        number = _number(values[0]) if values and values[0] else 0.0
        if token.paren and kind in ("amount", "conc", "volume", "percent") and _annotation(
                sig, token, number, after_name, after_total, last_count, source):
            continue
        after_name = False
        after_total = kind == "total_volume"
        follows_bolus, after_bolus = after_bolus, kind == "bolus"
        follows_time, after_time = after_time, kind == "timing" and not token.paren and \
            _timing_count(token.text)[0] == 1
        if kind in ("count", "per_dose_count", "daily_count"):
            word = values[1].lower()
            if kind == "per_dose_count":
                _once(sig, "per_dose_count", (number, word), token, source)
            elif kind == "daily_count":
                _once(sig, "daily_count", (number, word), token, source)
            elif sig.extra:
                sig.extra_counts.append(number)
                continue
            sig.counts.append((number, word))
            last_count = len(sig.counts) - 1
            if kind == "count":
                sig.bare.append(last_count)
                if follows_time:
                    sig.pairs.append(last_count)
        elif kind == "total_count":
            sig.total_counts.append((number, values[1].lower()))
        elif kind == "dispensed":
            _once(sig, "dispensed", number, token, source)
        elif kind == "unit_strength":
            sig.unit_checks.append((number, _unit_name(values[1]), values[2].lower()))
            sig.mcg_written |= _is_mcg(values[1])
        elif kind == "per_dose_amount":
            _once(sig, "per_dose_amount", (number, values[1].lower()), token, source)
            sig.mcg_written |= _is_mcg(values[1])
        elif kind == "daily_amount":
            _once(sig, "daily_amount", (number, values[1].lower()), token, source)
        elif kind in ("amount", "volume") and follows_bolus:
            # ボーラス1mL, 早送り0.5mL: the amount right after the bolus word is its dose
            unit = "ml" if kind == "volume" else values[1].lower()
            _once(sig, "per_dose_amount", (number, unit), token, source)
            sig.mcg_written |= _is_mcg(unit)
        elif kind == "amount":
            sig.amounts.append((number, values[1].lower()))
            sig.mcg_written |= _is_mcg(values[1])
        elif kind == "volume":
            sig.volumes.append(number)
        elif kind == "times_day":
            sig.times.append(number)
        elif kind == "divided":
            sig.divided.append(number)
        elif kind == "interval_h":
            sig.intervals.append(number)
        elif kind == "interval_d":
            sig.intervals.append(24 * number)
        elif kind == "every_other":
            if token.text != "隔日":
                raise ItemSyntaxError(f"{token.text!r} is read differently by different "
                                      "prescribers (every N or every N+1 days): write 隔日 or "
                                      "N日毎", text=source, token=token.text)
            sig.intervals.append(48.0)
        elif kind == "daily_word":
            sig.daily_word = True
        elif kind == "time_of_day":
            sig.clock_times += _clock_count(token.text)
        elif kind == "timing":
            letters = re.findall("[MTA]", token.text) if _CHART_TIMES.fullmatch(token.text) \
                else []
            if letters and letters != sorted(set(letters), key="MTA".index):
                raise ItemSyntaxError(f"{token.text!r}: the chart letters for the times of day are "
                                      "written once each, in the order M (朝), T (昼), A (夕)",
                                      text=source, token=token.text)
            sig.timings.append(_timing_count(token.text))
        elif kind == "prn":
            sig.prn = True
        elif kind == "max_prn":
            sig.max_prn.append(number)
        elif kind == "hours_max":  # 1時間に6回まで: a pump's hourly limit; 24時間に: a day's
            if math.isclose(number, 24):
                sig.max_prn.append(float(values[1]))
        elif kind == "repeat":
            raise ItemSyntaxError(f"{token.text!r}: a repeat dose within one episode makes the "
                                  "doses a day up to twice the episodes (1日N回まで), which one "
                                  "item cannot carry; write the most doses a day (tablets) as "
                                  "1日N回まで", text=source, token=token.text)
        elif kind in ("count_times", "amount_times"):  # 1個×3回/日, 10mg×3回/日
            if kind == "count_times":
                _once(sig, "per_dose_count", (number, values[1].lower()), token, source)
                sig.counts.append((number, values[1].lower()))
                last_count = len(sig.counts) - 1
            else:
                _once(sig, "per_dose_amount", (number, values[1].lower()), token, source)
                sig.mcg_written |= _is_mcg(values[1])
            sig.times.append(float(values[2]))
        elif kind == "loose_max":
            raise ItemSyntaxError(f"{token.text!r}: write 1日{values[0]}回まで (a day's maximum) "
                                  f"or {values[0]}回分 (the doses dispensed)", text=source,
                                  token=token.text)
        elif kind == "duration":
            sig.duration = number
        elif kind == "route":
            sig.routes.append(_route_word(token.text))
        elif kind == "rate_day":
            sig.rate_day.append(_mg(number, values[1]))
            sig.mcg_written |= _is_mcg(values[1])
        elif kind == "rate_h":
            sig.rate_h.append(_mg(number, values[1]))
            sig.mcg_written |= _is_mcg(values[1])
        elif kind == "rate_ml_h":
            sig.rate_ml_h.append(number)
        elif kind == "equal":
            sig.equal = (number, _mg(float(values[1]), values[2]))
        elif kind == "conc":
            sig.concentrations.append(_mg(number, values[1]) / (float(values[2] or 1)))
            sig.mcg_written |= _is_mcg(values[1])
        elif kind == "percent":
            sig.concentrations.append(number * 10)
        elif kind == "diluent":
            sig.diluent_ml += number
        elif kind == "total_volume":
            sig.total_ml = number
        elif kind == "undiluted":
            sig.undiluted = True
        elif kind == "bolus_hour":
            sig.bolus_hour = True
        elif kind == "bolus":
            sig.bolus = True
        elif kind == "ref_above":
            sig.ref_above = True
        elif kind == "product":
            assert token.named is not None
            sig.extra.append(token.named)
        # min_interval (N時間あけて), lockout (ロックアウト15分), over_minutes
        # (15分かけて), place (胸部に), patch_marker (貼付), ignore and plus:
        # understood, and they change no amount
    if len(sig.pairs) < 2:  # one time with its count (就寝前 2錠) is an ordinary count
        sig.pairs = []
    return sig


def _annotation(sig: _Sig, token: _Token, number: float, after_name: bool, after_total: bool,
                last_count: int | None, source: str) -> bool:
    """An amount in brackets: of the product after its name (（1%1mL）, （2mL）), of the count
    before it (5A（50mg/5mL）, 1回2錠（1000mg）), or of the mixture after its total volume
    (計50mL（1mg/mL）). True where it was one of these."""
    kind, values = token.kind, token.values
    if after_name:
        if kind == "volume":
            sig.unit_volume = number
        elif kind == "percent":
            sig.unit_concentration = number * 10
        elif kind == "conc":
            sig.unit_volume = float(values[2]) if values[2] else sig.unit_volume
            sig.unit_concentration = _mg(number, values[1]) / float(values[2] or 1)
        else:
            raise ItemSyntaxError(f"{token.text!r} in brackets after the name: write the "
                                  "strength in the name", text=source, token=token.text)
        return True
    if after_total and kind == "conc":
        sig.concentrations.append(_mg(number, values[1]) / float(values[2] or 1))
        sig.mcg_written |= _is_mcg(values[1])
        return True
    if kind == "amount":
        if last_count is not None:
            sig.count_checks.append((last_count, _mg(number, values[1]), None))
        else:
            sig.dose_checks.append(_mg(number, values[1]))
        return True
    if kind == "conc" and last_count is not None and values[2]:
        sig.count_checks.append((last_count, _mg(number, values[1]), float(values[2])))
        return True
    if kind == "percent" and last_count is not None:  # 1A（0.2%1mL）: the ampoule's percentage
        sig.count_percents.append((last_count, number * 10))
        return True
    if kind == "volume" and last_count is not None and sig.count_percents and \
            sig.count_percents[-1][0] == last_count and not any(
                index == last_count and ml is not None for index, _, ml in sig.count_checks):
        sig.count_checks.append((last_count, None, number))  # ... and the ampoules' volume
        return True
    return False


def _once(sig: _Sig, name: str, value: object, token: _Token, source: str) -> None:
    current = getattr(sig, name)
    if current is not None and current != value:
        raise ItemSyntaxError(f"{token.text!r} contradicts an earlier {name.replace('_', ' ')}",
                              text=source, token=token.text)
    setattr(sig, name, value)


def _route_word(word: str) -> tuple[Route, bool]:
    """(route, continuous) of a route word."""
    continuous = word.startswith("持続") or word.lower() == "csci"
    if "皮下" in word or word.lower() == "csci":
        return Route.SC, continuous
    if "静" in word or "点滴" in word:
        return Route.IV, continuous
    if "筋" in word:
        return Route.IM, False
    if "舌下" in word:
        return Route.SUBLINGUAL, False
    if "頬" in word or "バッカル" in word:
        return Route.BUCCAL, False
    if "肛" in word or "直腸" in word:
        return Route.RECTAL, False
    return Route.ORAL, False


def _agree(values: Iterable[float], what: str, source: str) -> float | None:
    """The one value several figures give; an error naming them where they differ."""
    found = list(values)
    if not found:
        return None
    first = found[0]
    for other in found[1:]:
        if not math.isclose(first, other, rel_tol=1e-6):
            raise ItemSyntaxError(f"the {what} written disagree "
                                  f"({', '.join(_g(v) for v in found)})", text=source)
    return first


def _g(value: float) -> str:
    return f"{value:.6g}"


def _round(value: float) -> float:
    """Float noise off a computed amount (10 × 0.05 × 24 = 12, not 12.000000000000002)."""
    return float(f"{value:.10g}")


@checked
def parse_japanese(text: str, *, allow_unlisted: bool = False,
                   knowledge: Knowledge | None = None, previous: Item | None = None) -> Item:
    """Read one Japanese prescription line into an :class:`~mpsdose.model.regimen.Item`.

    Parameters
    ----------
    text
        As the prescriber wrote it, e.g. ``"オキシコンチンTR錠10mg 1回1錠 1日2回"``.
    allow_unlisted
        Accepted for the signature of :func:`mpsdose.parse_item`; a Japanese name that is not
        listed is always refused (its strengths could not be read).
    knowledge
        Where names, products, patch contents and strengths come from (default: the shipped data).
    previous
        The line before, for a line that refers to it (``（上記ポンプ）疼痛時 1時間量早送り``).

    Raises
    ------
    ItemSyntaxError, UnknownDrugError, UnitError, RouteError, DoseError
        Each naming the words it could not read, or the figures that disagree.
    """
    del allow_unlisted
    k = resolve(knowledge)
    source = text
    body = _normal(text)
    if not body:
        raise ItemSyntaxError("empty item", text=source)
    if _DECIMAL_COMMA.search(body):
        raise ItemSyntaxError("a comma inside a number is ambiguous; write 1000 or 2.5",
                              text=source)
    named, sig = _parse(body, source, k)
    if named is None:
        return _bolus(None, sig, source, previous, k)
    if named.patches or named.form == "patch":
        return _patch(named, sig, source)
    if sig.extra:  # ナルサス錠12mg 1錠 ＋ ナルサス錠2mg 1錠, or two drugs in one syringe
        raise ItemSyntaxError(f"{named.name} ＋ {sig.extra[0].name}: products added together are "
                              "read only for patches; write one line each (a mixed syringe of "
                              "two drugs cannot be split)", text=source)
    pump = any(continuous for _, continuous in sig.routes) or bool(sig.rate_ml_h or sig.rate_h)
    bolus = sig.bolus or sig.bolus_hour or sig.equal is not None
    if pump and (bolus or sig.prn):
        raise ItemSyntaxError("a pump and its bolus on one line: write the bolus on the next line "
                              "(疼痛時 1時間量早送り), which mpsdose.read_japanese reads with the "
                              "pump", text=source)
    if bolus:
        return _bolus(named, sig, source, previous, k)
    if pump:  # mg/日 alone is a day's amount: continuous only where 持続 (or a rate an hour) says
        return _infusion(named, sig, source)
    return _discrete(named, sig, source)


def _parse(body: str, source: str, k: Knowledge) -> tuple[_Named | None, _Sig]:
    """The name (None for a line that refers to the pump before it) and what the sig says."""
    lead = _LEADING_PERCENT.match(body)  # 1%モルヒネ注: the percentage written first
    named = _read_name(body, lead.end() if lead else 0, source, k)
    if named is None and not _REFERS.match(body) and not _BOLUS_WORD.search(body):
        first = re.match(r"[^\s\d()]+", body)
        name = first.group(0) if first else body.split()[0]
        raise _unknown(name, k, source)
    if named is not None and lead is not None:
        named = _with_percent(named, float(lead.group(1)), source)
    tokens = _tokens(body, source, 0 if named is None else named.end, k,
                     None if named is None else named.drug)
    sig = _read_tokens(tokens, source)
    if named is not None and named.strength is None and sig.unit_checks and (
            named.rows or named.generic):
        value, unit, _ = sig.unit_checks[0]  # オキノーム散 1回2包（2.5mg/包）: the unit's strength
        named = attrs.evolve(named, strength=(value, unit))
    if named is not None and named.form == "injection" and named.strength is None and \
            sig.unit_volume is not None and sig.unit_concentration is not None:
        # モルヒネ注（10mg/1mL）2A: the ampoule is labelled in the brackets after the name
        named = attrs.evolve(named, strength=(_round(sig.unit_volume * sig.unit_concentration),
                                              "mg"))
    return named, sig


_LEADING_PERCENT = re.compile(rf"({_NUM})\s*%\s*")
#: a line that gives no drug but refers to the pump of the line before it
_REFERS = re.compile(r"[(\[]?\s*(?:上記|同ポンプ|同シリンジ|同上|前記|レスキュー|pca|早送り|ボーラス)",
                     re.IGNORECASE)
#: a bolus of a pump (疼痛時 1時間量早送り): a line with no drug of its own
_BOLUS_WORD = re.compile(r"早送り|ボーラス|フラッシュ|bolus", re.IGNORECASE)


def _with_percent(named: _Named, percent: float, source: str) -> _Named:
    """A name written after its percentage (1%モルヒネ注, 4%モルヒネ注): that of a liquid or an
    injection, agreeing with any percentage written after the name."""
    if named.form not in ("injection", "liquid"):
        raise ItemSyntaxError(f"{_g(percent)}% before {named.name}: a percentage is that of a "
                              "liquid or an injection", text=source)
    if named.percent is not None and not math.isclose(named.percent, percent):
        raise ItemSyntaxError(f"{_g(percent)}% and {_g(named.percent)}% of {named.name} "
                              "disagree", text=source)
    return attrs.evolve(named, percent=percent)


def _unknown(name: str, k: Knowledge, source: str) -> UnknownDrugError:
    """The error for a Japanese name mpsdose does not know: the catalogue's Japanese names and the
    listed products close enough to be a misspelling of it, one per drug, each with its drug and
    class, as the Latin path offers them (:func:`mpsdose.model.drugs.nearest_names`): レバミピド錠
    is not offered ノバミン錠 (prochlorperazine) or ナルラピド錠 (hydromorphone)."""
    books = k.catalogue
    names = {fold(n): drug for n, drug in books.names.items() if is_japanese(n)}
    for folded, rows in k.products.by_name.items():
        names.setdefault(folded, rows[0].drug)
    for folded, patches in k.products.patches_by_name.items():
        names.setdefault(folded, patches[0].drug)
    nearest = nearest_names(fold(name), names)
    return UnknownDrugError(name, nearest, text=source,
                            suggested_drugs=[books.describe(n, names[n]) for n in nearest])


# -- the kinds of prescription ----------------------------------------------------------------------
def _route(named: _Named, sig: _Sig, source: str) -> tuple[Route, bool]:
    """The route and whether it was written (a product's own route counts as written)."""
    written = {route for route, _ in sig.routes}
    if len(written) > 1:
        raise RouteError(f"routes {', '.join(sorted(r.value for r in written))} are all written",
                         text=source)
    if written:
        route = written.pop()
        if named.route is not None and route is not named.route:
            raise RouteError(f"{named.name} is given {named.route.value}, not {route.value}",
                             route=route.value, allowed=[named.route.value], text=source)
        return route, True
    if named.route is not None:
        return named.route, True
    if named.name_route is not None:
        return named.name_route, True
    if named.form == "injection":
        raise RouteError(f"{named.name}: write the route (皮下注, 静注, 持続皮下注, 持続静注)",
                         allowed=sorted(r.value for r in named.drug.routes), text=source)
    drug = named.drug
    if drug.default_route is None:
        raise RouteError(f"{drug.name} has no oral form: write the route", text=source,
                         allowed=sorted(r.value for r in drug.routes))
    return drug.default_route, False


def _clock_count(text: str) -> int:
    """The clock times a time-of-day token lists: 8時 1, 8時・20時 (two tokens) 1 each, 8-20時 2,
    8:00・20:00 2, 21時30分 1."""
    if ":" in text:
        return len(re.findall(r"\d{1,2}:\d{2}", text))
    return len(re.findall(r"\d{1,2}", re.sub(r"\d{1,2}\s*分", "", text)))


def _doses_per_day(sig: _Sig, source: str) -> float | None:
    """Doses a day from 1日N回, 分N, N時間毎, the meal times, the clock times and 毎日: all that
    are written must agree."""
    timing = sum(count for count, _ in sig.timings)
    figures = [*sig.times, *sig.divided, *(24 / h for h in sig.intervals)]
    if timing:
        figures.append(float(timing))
    if sig.clock_times:
        figures.append(float(sig.clock_times))
    if sig.daily_word and not figures:
        figures.append(1.0)
    return _agree(figures, "doses a day (1日N回, 分N, N時間毎, meal or clock times)", source)


def _schedule(sig: _Sig, doses: float | None) -> Schedule:
    if sig.intervals:
        return Schedule.every(sig.intervals[0])
    if doses is None:
        return Schedule()
    if doses == 1 and sig.timings and all(night for _, night in sig.timings):
        return Schedule(ScheduleKind.AT_NIGHT)
    return Schedule.times_per_day(doses)


def _listed(named: _Named) -> list[tuple[float, str]]:
    """The strengths a counted unit of the named product may have: (value, mg or mcg)."""
    listed = [(row.strength, row.unit) for row in named.rows]
    listed += [(s, "mg") for row in named.generic if row.unit == "mg" for s in row.strengths]
    return sorted(set(listed))


def _unit_strength(named: _Named, word: str | None, source: str,
                   unit_volume: float | None = None) -> tuple[float, str]:
    """The drug in one counted unit (value, unit as labelled): the strength written in the name,
    which must be one the product is marketed in, or the product's only strength. An ampoule of a
    generic name written with its volume (オキファスト注50mg（1%5mL）) must have a concentration
    Japan markets (strengths.csv)."""
    forms = _COUNT_FORMS.get(word or "", ())
    if word is not None and named.form is not None and named.form not in forms:
        raise UnitError(f"{word!r} does not count a {named.form}", unit=word, text=source)
    listed = _listed(named)
    shown = ", ".join(f"{_g(s)} {u}" for s, u in listed)
    if named.strength is not None:
        value, unit = named.strength
        unit = unit or (listed[0][1] if listed else "mg")
        concentrations = [c for row in named.generic if row.unit == "mg/mL"
                          for c in row.strengths]
        if not listed and unit_volume and concentrations:
            if not any(math.isclose(_mg(value, unit) / unit_volume, c) for c in concentrations):
                raise UnitError(f"{named.name} {_g(value)} {unit} in {_g(unit_volume)} mL is not a "
                                "concentration marketed in Japan (listed: "
                                f"{', '.join(_g(c) + ' mg/mL' for c in concentrations)})",
                                unit=unit, text=source)
            return value, unit
        if not listed and named.form == "injection" and unit_volume is None:
            return value, unit  # an ampoule is labelled by what it holds (ハロペリドール注5mg)
        if not listed:
            raise UnitError(f"{named.name}: no Japanese strengths are listed for it "
                            "(data/products.csv, data/strengths.csv), so a count of it cannot be "
                            "read", unit=word or "", text=source)
        if not any(math.isclose(_mg(value, unit), _mg(s, u)) for s, u in listed):
            raise UnitError(f"{named.name} is not marketed as {_g(value)} {unit} (listed: "
                            f"{shown})", unit=unit, text=source)
        return value, unit
    if len(listed) == 1:
        return listed[0]
    if not listed:
        raise UnitError(f"{named.name}: its strength is neither written nor listed",
                        unit=word or "", text=source)
    raise UnitError(f"{named.name} comes in {shown}: write the strength after the name",
                    unit=word or "", text=source)


def _discrete(named: _Named, sig: _Sig, source: str) -> Item:
    """A dose given N times a day, or as needed."""
    route, stated = _route(named, sig, source)
    doses = _doses_per_day(sig, source)
    prn = sig.prn or bool(sig.max_prn)
    max_prn = _agree(sig.max_prn, "maxima a day (1日N回まで)", source)
    _check_as_needed(sig, max_prn, source)
    if prn:
        doses = None
    bare = [sig.counts[i] for i in sig.bare if i not in sig.pairs]
    if named.strength is None and sig.amounts and (sig.counts or sig.per_dose_count) and (
            named.rows or named.generic):
        named = attrs.evolve(named, strength=sig.amounts.pop(0))  # "ロキソニン錠 60mg 3錠"
    oral_daily = not prn and (named.form in _ORAL_DAILY_FORMS or (
        named.form is None and route is Route.ORAL))
    units: float | None = None  # dosage units a dose
    per_dose_mg: float | None = None
    written_unit = "mcg" if sig.mcg_written else "mg"
    word: str | None = None
    if sig.pairs:
        per_time = _per_time(sig, bare, prn, source)
        if len({number for number, _ in per_time}) > 1:
            return _unequal(named, sig, per_time, route, stated, source)
        units, word = per_time[0]
    elif sig.per_dose_count is not None:
        units, word = sig.per_dose_count
        _check_day_count(sig, units, doses, source)
        if oral_daily and doses is not None:
            _check_totals(bare, units * doses, source)
    elif sig.per_dose_amount is not None:
        value, unit = sig.per_dose_amount
        per_dose_mg = value * _concentration(named, sig, source) if unit == "ml" else \
            _drug_mg(named, value, unit, source)
    elif sig.daily_count is not None or (bare and oral_daily):
        day_count, word = sig.daily_count or bare[0]
        if doses is None:
            raise ItemSyntaxError(f"{_g(day_count)}{word} is a day's quantity: write how it is "
                                  "divided (分N, 1日N回)", text=source)
        units = day_count / doses
        _check_division(named, day_count, doses, bool(sig.divided) or sig.daily_count is not None,
                        source)
        _check_totals(bare if sig.daily_count is not None else bare[1:], day_count, source)
    elif sig.daily_amount is not None or (sig.amounts and oral_daily) or (
            sig.rate_day and not prn):
        daily = (_drug_mg(named, *sig.daily_amount, source) if sig.daily_amount is not None
                 else _drug_mg(named, *sig.amounts[0], source) if sig.amounts
                 else sig.rate_day[0])
        if doses is None:
            raise ItemSyntaxError("a day's amount needs how it is divided (分N, 1日N回)",
                                  text=source)
        per_dose_mg = daily / doses
    elif len(bare) == 1 and named.form == "injection" and (sig.diluent_ml or sig.total_ml):
        units, word = bare[0]  # 0.5A＋生食100mL: one preparation is one dose
    elif len(bare) == 1 and named.form == "suppository" and sig.total_counts:
        units = _beside_total(bare[0][0], sig, source)  # 1個 1日3回 計21個
        word = bare[0][1]
    elif bare and prn:
        units, word = bare[0]
    elif bare:
        raise ItemSyntaxError(f"{_g(bare[0][0])}{bare[0][1]} of a {named.form}: "
                              "write 1回N (a dose); for this form a bare quantity is the total "
                              "dispensed", text=source)
    elif sig.amounts and prn:
        per_dose_mg = _drug_mg(named, *sig.amounts[0], source)
    elif sig.amounts:
        raise ItemSyntaxError(f"{_g(sig.amounts[0][0])} {sig.amounts[0][1]}: write 1回 (a dose) "
                              "or 1日 (a day's amount)", text=source)
    elif sig.volumes and prn:
        per_dose_mg = sig.volumes[0] * _concentration(named, sig, source)
    elif prn and sig.dispensed is not None and named.strength is not None and \
            named.percent is None and named.form in _UNIT_DOSE_FORMS:
        # オキノーム散5mg 疼痛時 10回分: an as-needed medicine dispensed by the dose (屯服薬 are
        # written by the 1回分量) with no count beside it is one unit of the strength it names
        units, word = 1.0, None
    else:
        raise ItemSyntaxError("no amount: write 1回量 (1回1錠, 1回5mg) or the day's amount "
                              "(2錠 分2, 1日20mg 分2)", text=source)
    if not prn and doses is None:
        raise ItemSyntaxError("no frequency: write 1日N回, 分N, N時間毎 or the meal times; an "
                              "as-needed dose writes 疼痛時 or 頓用", text=source)
    schedule = Schedule() if prn else _schedule(sig, doses)
    count: float | None = None
    if units is not None:
        strengths = ([(s, "mg") for s in named.combination] if named.combination is not None
                     else [_unit_strength(named, word, source)])
        _check_counts(sig, strengths, source)
        _check_unit_strengths(named, sig, strengths, source)
        _check_total_counts(sig, units, prn, source)
        per_mg = units * _mg(*strengths[0])
        if named.form in _COUNTABLE_FORMS or named.combination is not None:
            amounts = [Dose.of(s, u, text=source) for s, u in strengths]
            count = _round(units)
        else:
            amounts = [Dose.of(_round(units * s), u, text=source) for s, u in strengths]
    else:
        assert per_dose_mg is not None
        _check_givable(named, per_dose_mg, source)
        _check_unit_strengths(named, sig, [named.strength] if named.strength else [], source)
        value = per_dose_mg * 1000 if written_unit == "mcg" else per_dose_mg
        amounts = [Dose.of(_round(value), written_unit, text=source)]
        per_mg = per_dose_mg
    for check in sig.dose_checks:
        if not math.isclose(check, per_mg, rel_tol=1e-6):
            raise ItemSyntaxError(f"{_g(check)} mg in brackets is not the {_g(per_mg)} mg a dose "
                                  "the prescription gives", text=source)
    if named.combination is None:
        _check_figures(named, sig, per_mg, None if prn or doses is None else per_mg * doses,
                       source)
    return Item(
        ingredients=tuple(Ingredient(d, a) for d, a in zip(named.drugs, amounts, strict=True)),
        route=route, schedule=schedule, prn=prn, max_prn_per_day=max_prn if prn else None,
        release=None if named.form == "injection" else named.release, form=named.form,
        count=count, duration_days=sig.duration, route_stated=stated, text=source,
    )


def _check_figures(named: _Named, sig: _Sig, per_dose: float, day: float | None,
                   source: str) -> None:
    """Every amount written beside the dose (``1回1錠 1日3回 180mg``, ``20mg/日``) must be the dose
    [mg] or the day's amount [mg]; one that is neither contradicts it."""
    for value, unit in sig.amounts:
        mg = _drug_mg(named, value, unit, source)
        if math.isclose(mg, per_dose, rel_tol=1e-6) or (
                day is not None and math.isclose(mg, day, rel_tol=1e-6)):
            continue
        raise ItemSyntaxError(f"{_g(value)} {unit} is neither the {_g(per_dose)} mg a dose nor "
                              "the day's amount the prescription gives", text=source)
    days = [*sig.rate_day, *([_drug_mg(named, *sig.daily_amount, source)]
                             if sig.daily_amount is not None else [])]
    for mg in days:
        if day is None or not math.isclose(mg, day, rel_tol=1e-6):
            raise ItemSyntaxError(f"{_g(mg)} mg a day is not the day's amount the prescription "
                                  "gives", text=source)


def _check_as_needed(sig: _Sig, max_prn: float | None, source: str) -> None:
    """An as-needed line and a schedule are not written together: 分N divides a day's quantity,
    and a most-a-day (1日N回まで) beside a schedule (1日2回 12時間毎) leaves it unknown whether the
    doses are scheduled or as needed."""
    if sig.prn and sig.divided:
        raise ItemSyntaxError("分N divides a day's quantity into doses; an as-needed line writes "
                              "its dose (1回N) and may write 1日N回まで", text=source)
    if sig.prn and sig.times and max_prn is None:
        # メサペイン錠5mg 1回1錠 1日3回 疼痛時: three doses a day, or as needed at most three?
        raise ItemSyntaxError(f"1日{_g(sig.times[0])}回 and an as-needed word (疼痛時, 頓用) are both "
                              f"written: is it scheduled, or as needed 1日{_g(sig.times[0])}回まで?",
                              text=source)
    if max_prn is None:
        return
    scheduled = bool(sig.intervals or sig.divided or any(count for count, _ in sig.timings))
    if not sig.prn and (scheduled or sig.times):
        raise ItemSyntaxError("a schedule and a most a day (1日N回まで) are both written: is it "
                              "as needed (疼痛時, 頓用) or scheduled?", text=source)
    if any(not math.isclose(times, max_prn) for times in sig.times):
        raise ItemSyntaxError(f"1日{_g(sig.times[0])}回 and 1日{_g(max_prn)}回まで disagree",
                              text=source)


def _check_totals(bare: Sequence[tuple[float, str]], day: float, source: str) -> None:
    """A bare quantity beside a day's amount that is already known must be that day's quantity
    or a whole number of days of it (the total dispensed, 28錠); anything else contradicts it."""
    for number, word in bare:
        days = number / day
        if math.isclose(number, day) or (days > 1 and math.isclose(days, round(days))):
            continue
        raise ItemSyntaxError(f"{_g(number)}{word} is neither the {_g(day)} a day the "
                              "prescription gives nor a whole number of days of it", text=source)


def _per_time(sig: _Sig, bare: Sequence[tuple[float, str]], prn: bool,
              source: str) -> list[tuple[float, str]]:
    """The count written after each time of day (朝2錠 昼1錠), checked against the day's quantity
    and the 1回量 written beside them."""
    per_time = [sig.counts[i] for i in sig.pairs]
    if prn:
        raise ItemSyntaxError("a count after each time of day is a schedule, not an as-needed "
                              "dose", text=source)
    if len(sig.pairs) != len(sig.timings):
        raise ItemSyntaxError("write the count after every time of day (朝2錠 昼1錠) or after "
                              "none", text=source)
    day = sum(number for number, _ in per_time)
    for number, word in [*bare, *([sig.daily_count] if sig.daily_count else [])]:
        if not math.isclose(number, day):
            raise ItemSyntaxError(f"{_g(number)}{word} a day is not the {_g(day)} the times of "
                                  "day add up to", text=source)
    if sig.per_dose_count is not None and any(
            not math.isclose(number, sig.per_dose_count[0]) for number, _ in per_time):
        raise ItemSyntaxError("1回量 and the counts at each time of day disagree", text=source)
    return per_time


def _unequal(named: _Named, sig: _Sig, per_time: Sequence[tuple[float, str]], route: Route,
             stated: bool, source: str) -> Item:
    """Doses that differ by the time of day (リンデロン錠0.5mg 3錠 分2 朝2錠・昼1錠): the item is
    the day's amount, since no one dose stands for them all."""
    strength = _unit_strength(named, per_time[0][1], source)
    _check_unit_strengths(named, sig, [strength], source)
    daily = sum(number for number, _ in per_time) * strength[0]
    return Item(
        ingredients=(Ingredient(named.drug, Dose.of(_round(daily), f"{strength[1]}/day",
                                                     text=source)),),
        route=route, release=named.release, form=named.form, duration_days=sig.duration,
        route_stated=stated, text=source,
    )


def _check_day_count(sig: _Sig, units: float, doses: float | None, source: str) -> None:
    """A day's quantity written beside 1回量 (1回1錠 1日3回 (1日3錠)) must agree with it."""
    if sig.daily_count is not None and doses is not None and not math.isclose(
            sig.daily_count[0], units * doses):
        raise ItemSyntaxError(f"1日{_g(sig.daily_count[0])}{sig.daily_count[1]} is not "
                              f"{_g(units)} × {_g(doses)} a day", text=source)


def _check_unit_strengths(named: _Named, sig: _Sig, strengths: Sequence[tuple[float, str]],
                          source: str) -> None:
    """The drug in one unit written beside a count (1回2包（2.5mg/包）) must be the strength the
    product's unit has, and the word must count its form."""
    for value, unit, word in sig.unit_checks:
        forms = _COUNT_FORMS.get(word, ())
        if named.form is not None and named.form not in forms:
            raise UnitError(f"{word!r} does not count a {named.form}", unit=word, text=source)
        if len(strengths) != 1 or not math.isclose(_mg(value, unit), _mg(*strengths[0])):
            shown = " + ".join(f"{_g(s)} {u}" for s, u in strengths) or "not known"
            raise ItemSyntaxError(f"{_g(value)} {unit}/{word} is not the strength of one unit of "
                                  f"{named.name} ({shown})", text=source)


def _check_total_counts(sig: _Sig, units: float, prn: bool, source: str) -> None:
    """A total written (計21錠, 全20包) must be whole doses of the count a dose, and where the
    doses dispensed are written (10回分（全20包）) exactly that many."""
    for total, word in sig.total_counts:
        uses = total / units
        if prn and sig.dispensed is not None:
            if not math.isclose(uses, sig.dispensed):
                raise ItemSyntaxError(f"{_g(total)}{word} is not {_g(sig.dispensed)} doses of "
                                      f"{_g(units)}", text=source)
        elif uses < 1 or not math.isclose(uses, round(uses)):
            raise ItemSyntaxError(f"{_g(total)}{word} is not a whole number of doses of "
                                  f"{_g(units)}{word}", text=source)


def _check_counts(sig: _Sig, strengths: Sequence[tuple[float, str]], source: str) -> None:
    """An amount in brackets after a count (0.5A（2.5mg）, 1回2錠（1000mg）) must be that count."""
    if len(strengths) != 1:
        return
    unit_mg = _mg(*strengths[0])
    for index, mg, _ in sig.count_checks:
        counted = sig.counts[index][0]
        if mg is not None and not math.isclose(counted * unit_mg, mg, rel_tol=1e-6):
            raise ItemSyntaxError(f"{_g(counted)} × {_g(unit_mg)} mg is not the {_g(mg)} mg "
                                  "written in brackets", text=source)


def _check_division(named: _Named, count: float, doses: float, divided: bool,
                    source: str) -> None:
    """A day's quantity must give whole units a dose (halves of an immediate-release tablet where
    it is written 分N); anything else is ambiguous and refused."""
    per = count / doses
    if math.isclose(per, round(per)) and per >= 1:
        return
    if (divided or doses == 1) and named.release != "er" and named.form == "tablet" and \
            math.isclose(per * 2, round(per * 2)) and per >= 0.5:
        return
    raise ItemSyntaxError(f"{_g(count)} a day in {_g(doses)} doses is {_g(per)} a dose: write "
                          "1回量 (1回1錠) or the day's quantity with 分N", text=source)


def _check_givable(named: _Named, per_dose_mg: float, source: str) -> None:
    """An amount a dose of a tablet, capsule or suppository must be whole (or half) units of one
    of its strengths; anything else is a misreading waiting to happen, and refused."""
    if named.form not in ("tablet", "capsule", "suppository"):
        return
    listed = [_mg(s, u) for s, u in _listed(named)]
    if not listed or any(math.isclose(per_dose_mg / s * 2, round(per_dose_mg / s * 2))
                         and per_dose_mg / s >= 0.5 for s in listed):
        return
    raise ItemSyntaxError(f"{_g(per_dose_mg)} mg a dose is not whole tablets of {named.name} "
                          f"({', '.join(_g(s) + ' mg' for s in sorted(set(listed)))}): is it a "
                          "dose (1回) or a day's amount?", text=source)


def _concentration(named: _Named, sig: _Sig, source: str) -> float:
    """mg/mL of the product as given (a liquid, or an injection given undiluted)."""
    figures = []
    if sig.unit_concentration is not None:
        figures.append(sig.unit_concentration)
    if named.percent is not None:
        figures.append(named.percent * 10)
    for row in named.rows:
        same = named.strength is None or math.isclose(_mg(row.strength, row.unit),
                                                      _mg(*named.strength))
        if same and row.concentration_mg_per_ml is not None and (
                sig.unit_volume is None or math.isclose(row.volume_ml or 0, sig.unit_volume)):
            figures.append(row.concentration_mg_per_ml)
    if sig.unit_volume is not None and named.strength is not None:
        figures.append(_mg(*named.strength) / sig.unit_volume)
    if not figures:
        figures = [row.strengths[0] for row in named.generic
                   if row.unit == "mg/mL" and len(row.strengths) == 1]
    value = _agree(figures, f"concentrations of {named.name}", source)
    if value is None:
        raise UnitError(f"{named.name}: its concentration is neither written nor listed",
                        unit="mL", text=source)
    return value


def _infusion(named: _Named, sig: _Sig, source: str) -> Item:
    """A continuous infusion: the rate from mg/日, mg/h or mL/h with its concentration."""
    route, _, daily = _pump(named, sig, source)
    if (sig.rate_day or sig.daily_amount) and not sig.rate_h and not sig.rate_ml_h:
        dose = Dose.of(_round(daily * 1000), "mcg/day", text=source) if sig.mcg_written else \
            Dose.of(_round(daily), "mg/day", text=source)
    elif sig.mcg_written or named.drug.name == "fentanyl":
        dose = Dose.of(_round(daily * 1000 / 24), "mcg/h", text=source)
    else:
        dose = Dose.of(_round(daily / 24), "mg/h", text=source)
    return Item(ingredients=(Ingredient(named.drug, dose),), route=route,
                schedule=Schedule(ScheduleKind.CONTINUOUS), form="injection",
                duration_days=sig.duration, text=source)


def _pump(named: _Named, sig: _Sig, source: str) -> tuple[Route, float | None, float]:
    """(route, concentration [mg/mL] where it is known, rate [mg/day]) of a continuous
    infusion; every figure written must agree."""
    routes = {route for route, _ in sig.routes}
    if len(routes) != 1 or not routes <= {Route.SC, Route.IV}:
        raise RouteError("a continuous infusion writes its route (持続皮下注 or 持続静注)",
                         allowed=["sc", "iv"], text=source)
    route = routes.pop()
    if sig.times or sig.divided or sig.intervals or any(n for n, _ in sig.timings) or \
            sig.per_dose_count or sig.per_dose_amount:
        raise ItemSyntaxError("a continuous infusion and doses (1回量, 1日N回, 分N, N時間毎) are "
                              "both written: is it an infusion or doses?", text=source)
    figures = list(sig.concentrations)
    if sig.unit_checks and not sig.counts:
        raise ItemSyntaxError("the drug in one unit (10mg/A) is written beside a count of its "
                              "units (5A（10mg/A））", text=source)
    rates_written: list[float] = []  #: [mg/day] from a count of ampoules a day
    ampoules = [i for i, (_, word) in enumerate(sig.counts)
                if "injection" in _COUNT_FORMS.get(word, ())]
    if len(sig.counts) > len(ampoules[:1]):
        raise ItemSyntaxError("a pump writes one count of its ampoules (5A)", text=source)
    if ampoules:
        count, word = sig.counts[ampoules[0]]
        strength = _unit_strength(named, word, source, sig.unit_volume)
        _check_unit_strengths(named, sig, [strength], source)
        drug_mg = count * _mg(*strength)
        volume = _unit_volume(named, strength, sig, source)
        for index, mg, ml in sig.count_checks:
            if index != ampoules[0]:
                continue
            if mg is not None and not math.isclose(mg, drug_mg, rel_tol=1e-6):
                raise ItemSyntaxError(f"{_g(count)}{word} of {_g(_mg(*strength))} mg is not the "
                                      f"{_g(mg)} mg in brackets", text=source)
            if ml is not None and volume is not None and not math.isclose(
                    ml, count * volume, rel_tol=1e-6):
                raise ItemSyntaxError(f"{_g(count)}{word} of {_g(volume)} mL is not the "
                                      f"{_g(ml)} mL in brackets", text=source)
        for index, per_ml in sig.count_percents:
            if index == ampoules[0] and volume is not None and not math.isclose(
                    per_ml, _mg(*strength) / volume, rel_tol=1e-6):
                raise ItemSyntaxError(f"{_g(_mg(*strength))} mg in {_g(volume)} mL of "
                                      f"{named.name} is not the {_g(per_ml / 10)}% in brackets",
                                      text=source)
            if index == ampoules[0] and volume is None:
                raise UnitError(f"{named.name}: the volume of one unit is neither written nor "
                                "listed", unit="mL", text=source)
        _check_percent(named, strength, volume, source)
        if sig.daily_count is not None:  # 1A/日: the ampoules are the day's amount
            rates_written.append(drug_mg)
        mixed = None if volume is None else count * volume + sig.diluent_ml
        total = _agree([v for v in (sig.total_ml, mixed) if v is not None],
                       "total volumes (計 N mL)", source)
        if total is not None:
            figures.append(drug_mg / total)
    elif named.strength is not None and (sig.diluent_ml or sig.total_ml) and (
            named.unit_volume is not None or named.percent is not None):
        # モルヒネ塩酸塩注5mL（50mg）＋生食5mL: the name gives the drug and its volume;
        # 1%モルヒネ注100mg＋生食90mL: the drug and its percentage (100 mg of 1% is 10 mL)
        volume = named.unit_volume
        if volume is None:
            assert named.percent is not None
            _marketed_percent(named, source)
            volume = _mg(*named.strength) / (named.percent * 10)
        _check_percent(named, named.strength, volume, source)
        total = _agree([v for v in (sig.total_ml, volume + sig.diluent_ml)
                        if v is not None], "total volumes (計 N mL)", source)
        figures.append(_mg(*named.strength) / (total or volume))
    elif sig.diluent_ml:
        raise ItemSyntaxError("a diluted infusion writes how much drug it holds (e.g. 5A)",
                              text=source)
    if sig.undiluted:
        figures.append(_concentration(named, sig, source))
    elif not ampoules and not figures and sig.rate_ml_h:
        # モルヒネ注10mg 持続皮下注 0.2mL/h: the syringe may be the product as it comes or
        # diluted by the ward's custom; its mL are read only where 原液 or a dilution is written
        raise UnitError("a rate in mL/h needs the syringe's concentration: write 原液, the "
                        "dilution (＋生食 N mL, 計 N mL) or the concentration (1mg/mL)",
                        unit="mL/h", text=source)
    concentration = _agree(figures, "concentrations", source)
    rates = [*sig.rate_day, *(24 * h for h in sig.rate_h), *rates_written,
             *([_mg(*sig.daily_amount)] if sig.daily_amount is not None else [])]
    if sig.rate_ml_h:
        if concentration is None:
            raise UnitError("a rate in mL/h needs the concentration: write it (1mg/mL), the "
                            "total volume (計 N mL) or 原液", unit="mL/h", text=source)
        rates += [24 * ml * concentration for ml in sig.rate_ml_h]
    daily = _agree(rates, "rates (mg/日, mL/h)", source)
    if daily is None:
        raise ItemSyntaxError("a continuous infusion writes its rate (mg/日, mL/h)", text=source)
    return route, concentration, daily


def _marketed_percent(named: _Named, source: str) -> None:
    """The percentage written with an injection (4%モルヒネ注) must be a concentration its product,
    or for a generic name Japan, markets; it alone then gives the volume of the drug written."""
    listed = sorted({c for c in (row.concentration_mg_per_ml for row in named.rows)
                     if c is not None} |
                    {c for row in named.generic if row.unit == "mg/mL" for c in row.strengths})
    assert named.percent is not None
    if not any(math.isclose(named.percent * 10, c) for c in listed):
        shown = ", ".join(f"{_g(c / 10)}%" for c in listed) or "none listed"
        raise UnitError(f"{_g(named.percent)}% {named.name} is not a concentration listed for it "
                        f"({shown})", unit="%", text=source)


def _check_percent(named: _Named, strength: tuple[float, str], volume: float | None,
                   source: str) -> None:
    """The percentage written with an injection (1%モルヒネ注) must be that of its ampoules."""
    if named.percent is not None and volume:
        _agree([named.percent * 10, _mg(*strength) / volume],
               f"concentrations of {named.name} (its % and its ampoule)", source)


def _unit_volume(named: _Named, strength: tuple[float, str], sig: _Sig,
                 source: str) -> float | None:
    figures = [sig.unit_volume] if sig.unit_volume is not None else []
    for row in named.rows:
        if math.isclose(_mg(row.strength, row.unit), _mg(*strength)) and row.volume_ml:
            figures.append(row.volume_ml)
    return _agree(figures, f"volumes of one unit of {named.name}", source)


def _bolus(named: _Named | None, sig: _Sig, source: str, previous: Item | None,
           k: Knowledge) -> Item:
    """A bolus from a pump (1時間量早送り, レスキュー 1回0.3mL): as needed, of the pump's drug and
    route; a volume is read at the pump's own concentration."""
    pump = previous if previous is not None and previous.schedule.kind is \
        ScheduleKind.CONTINUOUS else None
    if sig.unit_checks:
        raise ItemSyntaxError("a bolus is written by its volume or amount (1回0.3mL, 1時間量), not "
                              "by counted units", text=source)
    if named is None and pump is None:
        raise ItemSyntaxError("this line refers to the pump of another line (上記): read it with "
                              "that line (mpsdose.read_japanese), or write the drug", text=source)
    if named is not None and pump is not None and pump.drug != named.drug:
        pump = None
    route = sig.routes[0][0] if sig.routes else (pump.route if pump is not None else None)
    if route is None:
        raise RouteError("a bolus writes its route (皮下注, 静注)", text=source)
    figures = [sig.equal[1]] if sig.equal is not None else []
    if sig.per_dose_amount is not None:
        value, unit = sig.per_dose_amount
        if unit != "ml":
            figures.append(_mg(value, unit))
        else:
            concentration = None if pump is None else _pump_concentration(pump, k)
            if concentration is None:
                raise UnitError(f"a bolus of {_g(value)} mL needs the concentration of its pump",
                                unit="mL", text=source)
            figures.append(value * concentration)
    if sig.bolus_hour and pump is not None and pump.daily() is not None:
        figures.append((pump.daily() or 0.0) / 24)
    per_dose = _agree([*figures, *sig.dose_checks], "bolus amounts", source)
    if per_dose is None or not figures:
        raise ItemSyntaxError("the bolus amount is not written (1時間量（0.1mL=1mg）, 1回0.3mL)",
                              text=source)
    drug = named.drug if named is not None else pump.drug  # type: ignore[union-attr]
    max_prn = _agree(sig.max_prn, "maxima a day", source)
    return Item(ingredients=(Ingredient(drug, Dose.of(_round(per_dose), "mg", text=source)),),
                route=route, prn=True, max_prn_per_day=max_prn, form="injection",
                text=source)


def _pump_concentration(pump: Item, k: Knowledge) -> float | None:
    """mg/mL of the pump a Japanese line set up (read again from its text); None where that is
    not known."""
    if not is_japanese(pump.text):
        return None
    source = pump.text or ""
    named, sig = _parse(_normal(source), source, k)
    return None if named is None else _pump(named, sig, source)[1]


def _patches_worn(sig: _Sig, source: str) -> float:
    """Patches worn at once. A patch is a topical (外用薬), whose bare quantity is the total
    dispensed (投与総量: フェントステープ2mg 7枚 is a week of one patch a day, not seven worn), so
    more than one worn at once is read only from 1回N枚, 1日N枚 (a one-day patch) or a bare count
    beside the total written as such (1枚 1日1回 計14枚); a bare count above one with no total is
    refused, because it may be either."""
    bare = [sig.counts[i][0] for i in sig.bare]
    written = sig.per_dose_count or sig.daily_count
    if written is not None:  # 1回1枚 (worn) with 7枚 (dispensed): whole uses of it
        for number in bare:
            uses = number / written[0]
            if uses < 1 or not math.isclose(uses, round(uses)):
                raise ItemSyntaxError(f"{_g(number)}枚 is not a whole number of uses of "
                                      f"{_g(written[0])}枚", text=source)
    if sig.per_dose_count is not None:
        return sig.per_dose_count[0]
    if sig.daily_count is not None:
        return sig.daily_count[0]  # a one-day patch: the label's interval is checked after
    if len(bare) == 2 and not sig.total_counts and bare[0] != bare[1]:
        # フェントステープ0.5mg 1日1回 1枚貼付 7枚: two counts of one patch are the patches worn
        # and the total dispensed, and only the smaller can be worn (the total holds the worn)
        worn, total = sorted(bare)
        uses = total / worn
        if math.isclose(uses, round(uses)):
            return worn
        raise ItemSyntaxError(f"{_g(total)}枚 is not a whole number of uses of {_g(worn)}枚",
                              text=source)
    if len(bare) > 1:
        raise ItemSyntaxError("write one count: 1回N枚 for the patches worn at once, 計N枚 for "
                              "the total dispensed", text=source)
    if bare and sig.total_counts:  # フェントステープ1mg 2枚 1日1回 計14枚: the total is written apart
        return _beside_total(bare[0], sig, source)
    if bare and not math.isclose(bare[0], 1):
        raise ItemSyntaxError(f"{_g(bare[0])}枚 of a patch may be the total dispensed (外用薬 are "
                              "written by the total) or the patches worn at once: write 1回"
                              f"{_g(bare[0])}枚 or 計{_g(bare[0])}枚", text=source)
    return 1.0


def _beside_total(count: float, sig: _Sig, source: str) -> float:
    """A topical's bare count written beside its total (計14枚, 計21個) is the count used at once;
    the total must be whole uses of it."""
    for total, word in sig.total_counts:
        uses = total / count
        if uses < 1 or not math.isclose(uses, round(uses)):
            raise ItemSyntaxError(f"計{_g(total)}{word} is not a whole number of uses of "
                                  f"{_g(count)}{word}", text=source)
    return count


def _patch(named: _Named, sig: _Sig, source: str) -> Item:
    """A patch by its content: the release rate of its own product's row, summed over patches."""
    if sig.routes:
        raise RouteError("a patch is transdermal", route=sig.routes[0][0].value, text=source)
    for number, word in [*sig.counts, *sig.total_counts]:
        if word != "枚":
            raise UnitError(f"{_g(number)}{word} does not count patches (枚)", unit=word,
                            text=source)
    worn = _patches_worn(sig, source)
    _check_unit_strengths(named, sig, [named.strength] if named.strength and not sig.extra
                          else [], source)
    if len(sig.extra_counts) > len(sig.extra) or any(
            not math.isclose(number, 1) for number in sig.extra_counts):
        raise ItemSyntaxError("write one patch (1枚) after each patch added with ＋; more of "
                              "one product is written 1回N枚", text=source)
    products = [(named, worn)] + [(extra, 1.0) for extra in sig.extra]
    rates: list[float] = []
    intervals: set[float] = set()
    for product, number in products:
        if not product.patches:
            written = _agree(sig.rate_h, "release rates", source)  # [mg/h]
            if written is None or product.form != "patch" or len(products) > 1:
                raise ItemSyntaxError(f"{product.name}: a patch written by its content is read only "
                                      "for the products of data/patch_products.csv; write the "
                                      "product (フェントステープ, デュロテップMTパッチ …) or the release "
                                      "rate (25μg/h)", text=source)
            rates.append(written * 1000 * number)
            continue
        listed = ", ".join(f"{_g(p.content_mg)} mg" for p in product.patches)
        if product.strength is None:
            raise UnitError(f"{product.name}: write its content ({listed})", unit="mg",
                            text=source)
        content = _mg(product.strength[0], product.strength[1] or "mg")
        row = next((p for p in product.patches if math.isclose(p.content_mg, content)), None)
        if row is None:
            raise UnitError(f"{product.name} {_g(content)} mg is not a content listed in "
                            f"data/patch_products.csv ({listed}): its release rate is not known",
                            unit="mg", text=source)
        if product.drug != named.drug:
            raise ItemSyntaxError("patches of different drugs are different items", text=source)
        rates.append(row.release_mcg_h * number)
        intervals.add(row.interval_h)
    if len(intervals) > 1:
        raise ItemSyntaxError("these patches are changed at different intervals "
                              f"({', '.join(_g(h) for h in sorted(intervals))} h): one item each",
                              text=source)
    written_intervals = [*sig.intervals, *(24 / n for n in sig.times)]
    if sig.daily_word and not written_intervals:
        written_intervals.append(24.0)
    interval = _agree([*intervals, *written_intervals],
                      "change intervals (the label's and the prescription's)", source)
    if sig.per_dose_count is None and sig.daily_count is not None and interval != 24:
        raise ItemSyntaxError("1日N枚 gives the patches worn only for a patch changed every day; "
                              "write 1回N枚", text=source)
    schedule = Schedule() if interval is None else Schedule.every(interval)
    if len(products) == 1 and named.patches:
        dose = Dose.of(rates[0] / products[0][1], "mcg/h", text=source)
        count: float | None = products[0][1]
    else:
        dose = Dose.of(_round(sum(rates)), "mcg/h", text=source)
        count = None
    return Item(ingredients=(Ingredient(named.drug, dose),), route=Route.TRANSDERMAL,
                schedule=schedule, form="patch", count=count, duration_days=sig.duration,
                text=source)


@checked
def read_japanese(lines: Iterable[str], *,
                  knowledge: Knowledge | None = None) -> tuple[Item, ...]:
    """Read the lines of one Japanese prescription in order; a line that refers to the one before
    it (``（上記ポンプ）疼痛時 1時間量（0.1mL=1mg）早送り``) is read with it."""
    items: list[Item] = []
    for line in lines:
        if not line.strip():
            continue
        items.append(parse_japanese(line, knowledge=knowledge,
                                    previous=items[-1] if items else None))
    return tuple(items)
