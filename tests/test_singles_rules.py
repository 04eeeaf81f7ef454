"""Rules of the singles branch: a single dose against its drug's usual palliative day, and a patch
written by the content of a content-labelled product (issue 13)."""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, UnitError, check, parse_item
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.errors import ItemSyntaxError


def _raised(text: str) -> set[str]:
    found = check(Regimen.parse([text]), Patient())
    return {f.code for f in found if f.severity.value != "info"}


# -- a single dose counts in its drug's usual day (usual_ranges.csv) -----------------------------

@pytest.mark.parametrize(("text", "code"), [
    ("levomepromazine 62.5 mg sc once", "antipsychotic-above-usual"),  # SC usual top 50 mg/day
    ("haloperidol 10 mg iv once", "antipsychotic-above-usual"),  # delirium, any route, 5 mg/day
    ("cyclizine 500 mg sc once", "cyclizine-above-usual"),  # SC usual top 200 mg/day
    ("clonazepam 5 mg sc once", "clonazepam-above-usual"),  # SC usual top 4 mg/day
], ids=["levomepromazine", "haloperidol-iv", "cyclizine", "clonazepam"])
def test_single_dose_above_the_usual_day_warns(text: str, code: str) -> None:
    assert code in _raised(text)


@pytest.mark.parametrize("text", [
    "levomepromazine 6.25 mg sc once",
    "levomepromazine 25 mg sc once",
    "haloperidol 2.5 mg iv once",
    "cyclizine 50 mg sc once",
    "clonazepam 1 mg sc once",
    "midazolam 10 mg sc once",  # terminal agitation / seizures: within the 60 mg usual day
    "midazolam 5 mg sc once",
], ids=lambda t: t.replace(" ", "-"))
def test_single_dose_within_the_usual_day_stays_quiet(text: str) -> None:
    assert not {c for c in _raised(text) if c.endswith("-above-usual")}


def test_single_dose_adds_to_the_scheduled_day() -> None:
    # 40 mg/day by syringe driver and a 25 mg stat: 65 mg, above the 60 mg/day usual day
    found = check(Regimen.parse(["midazolam 40 mg/day sc continuous", "midazolam 25 mg sc once"]),
                  Patient())
    assert "midazolam-above-usual" in {f.code for f in found}
    quiet = check(Regimen.parse(["midazolam 40 mg/day sc continuous", "midazolam 10 mg sc once"]),
                  Patient())
    assert "midazolam-above-usual" not in {f.code for f in quiet}


# -- a patch written by its product's content ---------------------------------------------------

_FENTOS = [r for r in resolve(None).products.patches if r.product == "フェントステープ"]


@pytest.mark.parametrize("row", _FENTOS, ids=lambda r: f"{r.content_mg:g}mg")
def test_every_listed_content_reads_as_its_release_rate(row) -> None:  # type: ignore[no-untyped-def]
    for frequency in ("q24h", "daily", ""):
        item = parse_item(f"フェントステープ {row.content_mg:g} mg td {frequency}".strip())
        assert item.daily() == pytest.approx(row.release_mcg_h * 24 / 1000)
        assert item.schedule.value == pytest.approx(row.interval_h)
        japanese = parse_item(f"フェントステープ{row.content_mg:g}mg 1日1回")
        assert item.daily() == pytest.approx(japanese.daily())


def test_a_content_not_listed_is_refused_naming_the_listed() -> None:
    with pytest.raises(UnitError, match=r"3 mg is not a content listed.*0\.5 mg, 1 mg, 2 mg"):
        parse_item("フェントステープ 3 mg td q24h")


@pytest.mark.parametrize("text", ["fentanyl 2 mg td q24h", "fentanyl 2 mg td",
                                  "フェントステープ 2 mg/h td"])
def test_no_product_or_mg_per_hour_stays_refused(text: str) -> None:
    with pytest.raises(UnitError, match="release rate in mcg/h"):
        parse_item(text)


@pytest.mark.parametrize("name", ["fentos", "Fentos", "fentos tape", "フェントス"])
def test_the_product_by_its_other_names_reads_as_its_release_rate(name: str) -> None:
    # patch_products.csv also_written: the Latin brand of a Japanese case report ("Fentos tape
    # 2 mg") is the same product, so its content is read as the product's release rate
    for row in _FENTOS:
        item = parse_item(f"{name} {row.content_mg:g} mg td q24h")
        assert item.daily() == pytest.approx(row.release_mcg_h * 24 / 1000)
    with pytest.raises(UnitError, match="not a content listed"):
        parse_item(f"{name} 3 mg td q24h")


def test_other_names_are_names_of_the_same_drug() -> None:
    known = resolve(None)
    for row in known.products.patches:
        for name in row.also_written:
            assert known.catalogue.resolve(name).name == row.drug, name


def test_another_change_interval_than_the_label_is_refused() -> None:
    with pytest.raises(ItemSyntaxError, match="changed every 24 h by its label"):
        parse_item("フェントステープ 2 mg td q72h")


def test_the_rate_as_written_is_unchanged() -> None:
    assert parse_item("fentanyl 25 mcg/h td q72h").daily() == pytest.approx(0.6)
    assert parse_item("フェントステープ 25 mcg/h td q24h").daily() == pytest.approx(0.6)
