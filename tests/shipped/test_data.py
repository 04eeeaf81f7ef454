"""The shipped data: schema, no duplicate keys, a source on every row, and cross-file agreement.

This is the one test file that reads ``data/`` on purpose (STYLE.md habit 5).
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

from mpsdose import Route, default_catalogue
from mpsdose.knowledge.loader import data_file

DATA = Path(__file__).parents[2] / "data"
CSV_FILES = sorted(DATA.glob("*.csv"))


def _rows(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_package_reads_the_top_level_data():
    assert data_file("drugs.csv").resolve() == (DATA / "drugs.csv").resolve()


@pytest.mark.parametrize("path", CSV_FILES, ids=[p.name for p in CSV_FILES])
def test_every_row_has_a_source(path):
    rows = _rows(path)
    assert rows, f"{path.name} is empty"
    assert "source" in rows[0], f"{path.name} has no source column"
    for number, row in enumerate(rows, start=2):
        assert row["source"].strip(), f"{path.name}:{number} has no source"


def test_catalogue_loads_and_covers_the_drug_classes_of_the_road():
    books = default_catalogue()
    required = {
        "opioid": "morphine oxycodone hydromorphone hydrocodone oxymorphone codeine dihydrocodeine "
                  "tramadol tapentadol methadone fentanyl buprenorphine levorphanol meperidine "
                  "diamorphine alfentanil sufentanil",
        "nsaid": "loxoprofen naproxen ibuprofen diclofenac celecoxib etodolac meloxicam ketorolac",
        "acetaminophen": "acetaminophen",
        "gabapentinoid": "pregabalin gabapentin mirogabalin",
        "corticosteroid": "betamethasone dexamethasone prednisolone prednisone methylprednisolone "
                          "hydrocortisone",
        "antipsychotic": "olanzapine haloperidol",
        "benzodiazepine": "clonazepam midazolam",
    }
    for drug_class, names in required.items():
        for name in names.split():
            assert books.drugs[name].drug_class == drug_class, name
    for name in ("ketamine", "duloxetine", "amitriptyline", "lidocaine"):
        assert name in books.drugs


def test_a_hospice_medication_lists_benzodiazepine_and_laxative():
    # met in a case report's medication list (tests/data/prose/fresh_passages.jsonl, fresh-003)
    books = default_catalogue()
    assert books.get("Restoril").name == "temazepam"
    assert books.drugs["temazepam"].drug_class == "benzodiazepine"
    for name in ("miralax", "polyethylene glycol", "polyethylene glycol 3350", "macrogol"):
        assert books.get(name).name == "macrogol", name
    assert books.drugs["macrogol"].drug_class == "laxative"


def test_names_are_unique_and_not_language_words():
    from mpsdose.io.language import _NIGHT, _PRN, _TIMES
    from mpsdose.model.vocabulary import FORMS, RELEASES, ROUTE_SPELLINGS

    rows = _rows(DATA / "drug_names.csv")
    names = [row["name"].strip().lower() for row in rows]
    assert len(names) == len(set(names))
    reserved = set(ROUTE_SPELLINGS) | set(FORMS) | set(RELEASES) | set(_TIMES) | set(_NIGHT) | set(_PRN)
    assert not reserved & set(names)


def test_fentanyl_needs_its_route_written():
    """Its routes differ in potency and it has no swallowed form (CONTRACT.md §1)."""
    fentanyl = default_catalogue().drugs["fentanyl"]
    assert Route.ORAL not in fentanyl.routes
    assert fentanyl.default_route is None


AI_GENERATED = ("droracle", "calculator.city")  # not sources (see shared/reference/README)


@pytest.mark.parametrize("path", CSV_FILES, ids=[p.name for p in CSV_FILES])
def test_no_row_cites_an_ai_generated_page(path):
    for number, row in enumerate(_rows(path), start=2):
        assert not any(word in row["source"].lower() for word in AI_GENERATED), (
            f"{path.name}:{number}")


def test_practice_data_loads_and_fits_the_catalogue():
    from mpsdose import Knowledge

    books = default_catalogue()
    for row in Knowledge.default().strengths:
        assert row.route in books.drugs[row.drug].routes, row
    for row in Knowledge.default().schedules:
        assert row.route in books.drugs[row.drug].routes, row
    assert Knowledge.default().patch_bands
    assert Knowledge.default().rotation_rules.rows


def test_the_first_row_of_each_rule_is_for_any_opioid():
    """The first row of a rule is its default (mpsdose.knowledge.practice), so it must not be drug-specific
    unless every row of that rule is."""
    from mpsdose import Knowledge

    seen: dict[str, list] = {}
    for row in Knowledge.default().rotation_rules.rows:
        seen.setdefault(row.rule, []).append(row)
    for name, rows in seen.items():
        if any(r.drug is None for r in rows):
            assert rows[0].drug is None, name


def test_patch_bands_rise_with_dose():
    from mpsdose import Knowledge

    tables: dict[tuple, list] = {}
    for band in Knowledge.default().patch_bands:
        tables.setdefault((band.table, band.direction, band.from_drug, band.from_route),
                          []).append(band)
    for key, bands in tables.items():
        ordered = sorted(bands, key=lambda b: b.from_min)
        rates = [b.patch_mcg_h for b in ordered]
        assert rates == sorted(rates), key
        for before, after in itertools.pairwise(ordered):
            if key[1] == "rescue":  # printed rescue doses share their ends (5-10, 10-15 mg)
                assert before.band.high is not None and after.band.low is not None, key
                assert before.band.high <= after.band.low, key
            else:
                assert not before.band.overlaps(after.band), key


def test_rxnorm_codes_are_unique_and_cover_the_opioids():
    from mpsdose.io.fhir import rxnorm_codes

    rows = _rows(DATA / "rxnorm.csv")
    assert len({r["rxcui"] for r in rows}) == len(rows)
    assert len({r["drug"] for r in rows}) == len(rows)
    covered = set(rxnorm_codes().values())
    opioids = {d.name for d in default_catalogue().drugs.values() if d.is_opioid}
    # diamorphine is not a US drug: RxNorm names it otherwise and the code was not confirmed;
    # remifentanil's RxNorm code could not be confirmed against a source either (not shipped)
    assert opioids - covered <= {"diamorphine", "remifentanil"}


def test_every_route_has_a_snomed_code():
    from mpsdose import Knowledge

    by_route = Knowledge.default().route_codes
    assert set(by_route) == set(Route)
