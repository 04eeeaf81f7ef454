"""Build the shipped product tables and the ``cdc2018`` conversion table from public files.

    python scripts/build_products.py --external ../shared/reference/external \\
        --opioid-cds-r4 PATH/TO/opioid-cds-r4 [--check]

Inputs (public, cited in every row's ``source``):

- ``OMTKData.cql``: the CDC Opioid Management Terminology Knowledgebase (Apache-2.0), from
  github.com/cqframework/opioid-mme-r4 at commit 1357f45424c40c49911cd73ecf377b740013f21e,
  ``input/cql/OMTKData.cql``: about 900 RxNorm opioid drugs (SCD/SBD) with the opioid ingredient's
  strength and the dose form, generated from RxNav on 2020-10-20.
- ``CDC_Oral_Morphine_Milligram_Equivalents_Sept_2018.xlsx``: the CDC's NDC/MME file (public
  domain), same repository and commit, ``docs/``: 14,549 opioid NDCs with strength per unit, unit
  and the oral MME conversion factor.
- a checkout of github.com/cqframework/opioid-cds-r4 at commit
  b29bdcbf6db6f3de26486dbc3820572ee9a78b89 (CC0): the value sets
  ``input/vocabulary/valueset/benzodiazepine-medications.json`` and ``naloxone-medications.json``
  (RxNorm expansion 2025-02-24), the co-medications of palliative opioid regimens whose RxNorm
  codes are published with their names.

Outputs (in ``data/``):

- ``rxnorm_products.csv``: one row per (RxCUI, ingredient). The opioid ingredient's strength is
  OMTK's own field; every other ingredient's strength is read from the RxNorm name (RxNorm writes
  every ingredient's strength in an SCD/SBD name), and the name parser is checked against OMTK's
  field on every opioid row before anything is written.
- ``ndc_products.csv``: one row per NDC of the CDC file's ``Opioids`` sheet (the other sheets -
  benzodiazepines, muscle relaxants, stimulants, zolpidem - carry no MME and are left out to keep
  the file small). The file's own factor is kept in ``file_factor`` so the tests can check that
  ``cdc2018`` reproduces it.
- the ``cdc2018`` rows of ``opioid_equivalence.csv`` (replaced, other rows untouched) and its row
  in ``equivalence_tables.csv``: one factor per (drug, route[, form]) group of the NDC file, in
  mpsdose's per-day convention (a fentanyl patch's 7.2 per mcg/h per patch-day is 2.4 per mcg/h
  worn, the file's own arithmetic: "2.4 X 3 = 7.2").

``--check`` builds in memory and compares with the files in ``data/`` (exit 1 on a difference).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mpsdose.io.products import parse_product_name  # noqa: E402

OMTK_COMMIT = "1357f45424c40c49911cd73ecf377b740013f21e"
CDS_COMMIT = "b29bdcbf6db6f3de26486dbc3820572ee9a78b89"
OMTK_SOURCE = (f"CDC Opioid Management Terminology Knowledgebase OMTKData v3.0.0 (RxNav "
               f"2020-10-20), github cqframework/opioid-mme-r4@{OMTK_COMMIT[:12]} "
               "input/cql/OMTKData.cql")
VS_SOURCE = ("CDC Opioid CDS IG value set {name} (RxNorm expansion 2025-02-24), github "
             f"cqframework/opioid-cds-r4@{CDS_COMMIT[:12]} input/vocabulary/valueset/{{file}}")
CDC_FILE = ("CDC Oral MME Conversion File Sept 2018, github cqframework/opioid-mme-r4@"
            f"{OMTK_COMMIT[:12]} docs/CDC_Oral_Morphine_Milligram_Equivalents_Sept_2018.xlsx")
VALUE_SETS = (("benzodiazepine-medications", "Benzodiazepine medications"),
              ("naloxone-medications", "Naloxone medications"))

RXNORM_COLUMNS = ("rxcui", "name", "ingredient", "ingredient_rxcui", "strength", "unit",
                  "dose_form", "route", "form", "release", "hours", "source", "grade", "notes")
NDC_COLUMNS = ("ndc", "product", "ingredient", "combination", "strength", "unit", "route", "form",
               "release", "wear_days", "file_factor", "source", "grade")
#: Each NDC row's source: repository@commit:file#sheet!row (the file name says its edition).
NDC_ROW_SOURCE = (f"cqframework/opioid-mme-r4@{OMTK_COMMIT[:8]}:docs/"
                  "CDC_Oral_Morphine_Milligram_Equivalents_Sept_2018.xlsx#Opioids!{row}")

#: The CDC file's Master_Form → (route, form, release); None where the product decides.
MASTER_FORMS: dict[str, tuple[str | None, str | None, str | None]] = {
    "Tablet": ("oral", "tablet", None), "Capsule": ("oral", "capsule", None),
    "Tablet, Disintegrating": ("oral", "tablet", None),
    "Tablet for Suspension": ("oral", "tablet", None),
    "Tablet, Extended Release": ("oral", "tablet", "er"),
    "Capsule, Extended Release": ("oral", "capsule", "er"),
    "Capsule, Extended Release, 24": ("oral", "capsule", "er"),
    "Solution": ("oral", "liquid", None), "Liquid": ("oral", "liquid", None),
    "Syrup": ("oral", "liquid", None), "Suspension": ("oral", "liquid", None),
    "Suppository": ("rectal", "suppository", None),
    "Patch, Extended Release": ("transdermal", "patch", None),
    "Lozenge/Troche": ("buccal", "lozenge", None),
    "Film": (None, "film", None), "Spray": (None, "spray", None),
    "Extended Release Subcutaneous": ("sc", "injection", "er"), "Implant": (None, None, None),
}
CDC_UNITS = {"MG": "mg", "MCG": "mcg", "MCG/HR": "mcg/h", "MG/ML": "mg/mL", "MCG/SPRAY": "mcg"}
#: CDC Documentation, "NOTES ON SELECT MME CONVERSION FACTORS" 1: "since the fentanyl patch
#: remains in place for 3 days, we have multiplied the conversion factor by 3 (2.4 X 3 = 7.2)".
FENTANYL_PATCH_DAYS = 3.0


def omtk_rows(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(
        r"\{ drugCode: (?P<code>\d+), drugName: '(?P<name>(?:[^']|'')*)', doseFormCode: \d+, "
        r"doseFormName: '(?P<form>(?:[^']|'')*)', ingredientCode: (?P<icode>\d+), "
        r"ingredientName: '(?P<iname>(?:[^']|'')*)', strength: '[^']*', "
        r"strengthValue: (?P<value>[\d.]+), strengthUnit: '(?P<unit>[^']*)' \}")
    rows = [m.groupdict() for m in pattern.finditer(text)]
    if len(rows) != text.count("{ drugCode:"):
        raise SystemExit(f"{path}: {text.count('{ drugCode:') - len(rows)} tuples not read")
    return rows


def _omtk_strength(value: str, unit: str) -> tuple[float, str]:
    number = float(value)
    return {"MG": (number, "mg"), "MG/ML": (number, "mg/mL"), "MG/HR": (number * 1000, "mcg/h"),
            "MG/ACTUAT": (number, "mg/actuat")}[unit] if unit in (
        "MG", "MG/ML", "MG/HR", "MG/ACTUAT") else (number, unit.lower())


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.10g}"


def rxnorm_products(omtk: Path, cds: Path | None) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    problems: list[str] = []
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in omtk_rows(omtk):
        by_code[row["code"]].append(row)
    seen: set[str] = set()
    for code, rows in sorted(by_code.items(), key=lambda kv: int(kv[0])):
        name = rows[0]["name"].replace("''", "'")
        record = parse_product_name(name)
        if record is None:
            continue  # a pack ({2 (...)} Pack): several products, no one strength per unit
        for row in rows:  # the parser against OMTK's own field, for every opioid ingredient
            value, unit = _omtk_strength(row["value"], row["unit"])
            iname = row["iname"].lower()
            if not any(_same(i.value, value) and i.unit == unit and iname in i.ingredient
                       for i in record.ingredients):
                problems.append(f"{code} {name}: OMTK {iname} {value:g} {unit} not parsed "
                                f"({[i.format() for i in record.ingredients]})")
        opioid = {row["iname"].lower(): row["icode"] for row in rows}
        for ingredient in record.ingredients:
            icode = next((c for n, c in opioid.items() if n in ingredient.ingredient), "")
            out.append(_rxnorm_row(code, name, record, ingredient, icode, OMTK_SOURCE,
                                   "" if icode else "strength read from the RxNorm name"))
        seen.add(code)
    if problems:
        raise SystemExit("the name parser disagrees with OMTK:\n" + "\n".join(problems[:20]))
    if cds is not None:
        for file, title in VALUE_SETS:
            data = json.loads((cds / "input/vocabulary/valueset" / f"{file}.json")
                              .read_text(encoding="utf-8"))
            source = VS_SOURCE.format(name=f"'{title}'", file=f"{file}.json")
            for concept in data["expansion"]["contains"]:
                code = concept["code"]
                if code in seen:
                    continue
                record = parse_product_name(concept["display"])
                if record is None:
                    continue
                for ingredient in record.ingredients:
                    out.append(_rxnorm_row(code, concept["display"], record, ingredient, "",
                                           source, "strength read from the RxNorm name"))
                seen.add(code)
    return out


def _rxnorm_row(code: str, name: str, record: Any, ingredient: Any, icode: str, source: str,
                notes: str) -> dict[str, str]:
    return {"rxcui": code, "name": name, "ingredient": ingredient.ingredient,
            "ingredient_rxcui": icode, "strength": _fmt(ingredient.value),
            "unit": ingredient.unit, "dose_form": record.dose_form or "",
            "route": record.route.value if record.route else "", "form": record.form or "",
            "release": record.release or "", "hours": _fmt(record.hours), "source": source,
            "grade": "S", "notes": notes}


def brand_routes(omtk: Path) -> dict[str, str]:
    """Brand → route, from OMTK's branded drug names (``... Buccal Tablet [Fentora]``)."""
    routes: dict[str, set[str]] = defaultdict(set)
    for row in omtk_rows(omtk):
        record = parse_product_name(row["name"].replace("''", "'"))
        brand = re.search(r"\[([^\]]+)\]\s*$", row["name"])
        if record is not None and brand and record.route is not None:
            routes[brand.group(1).lower()].add(record.route.value)
    return {brand: next(iter(r)) for brand, r in routes.items() if len(r) == 1}


def ndc_products(xlsx: Path, omtk: Path) -> list[dict[str, str]]:
    import openpyxl

    brands = brand_routes(omtk)
    sheet = openpyxl.load_workbook(xlsx, read_only=True)["Opioids"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    expected = ["NDC", "NDC_Numeric", "PRODNME", "GENNME", "Master_Form", "Class", "Drug",
                "LongShortActing", "DEAClassCode", "Strength_Per_Unit", "UOM",
                "MME_Conversion_Factor"]
    if header != expected:
        raise SystemExit(f"{xlsx}: Opioids header {header} is not the 2018 edition's")
    out = []
    for number, values in enumerate(rows[1:], start=2):
        row = dict(zip(header, values, strict=True))
        ndc = str(row["NDC"])
        if not re.fullmatch(r"\d{11}", ndc):
            raise SystemExit(f"{xlsx}:Opioids!A{number}: NDC {ndc!r} is not 11 digits")
        drug = re.sub(r"\s+(LA|SA)$", "", str(row["Drug"])).lower()
        form = str(row["Master_Form"])
        route, canonical, release = MASTER_FORMS[form]
        product = str(row["PRODNME"]).strip()
        factor = row["MME_Conversion_Factor"]
        if route is None and form in ("Film", "Spray"):
            route = _product_route(drug, product, factor, brands)
        if drug == "buprenorphine" and form == "Tablet":
            route = "sublingual"  # every buprenorphine tablet of the file is sublingual
        if drug == "fentanyl" and form == "Tablet":
            route = brands.get(product.lower())
        unit = CDC_UNITS.get(str(row["UOM"])) if row["UOM"] else None
        wear = FENTANYL_PATCH_DAYS if (drug == "fentanyl" and canonical == "patch") else None
        out.append({
            "ndc": ndc, "product": product, "ingredient": drug,
            # GENNME names every ingredient ("Acetaminophen/oxycodone Hydrochloride"); the
            # strength is the opioid's only (Documentation: "Strength Per Unit")
            "combination": "yes" if "/" in str(row["GENNME"]) else "",
            # a strength without its unit (Probuphine: 74.2, no UOM) cannot be used: left empty
            "strength": _fmt(float(row["Strength_Per_Unit"])) if row["Strength_Per_Unit"]
            is not None and unit else "",
            "unit": unit or "", "route": route or "", "form": canonical or "",
            "release": release or "", "wear_days": _fmt(wear),
            "file_factor": _fmt(float(factor)) if factor is not None else "",
            "source": NDC_ROW_SOURCE.format(row=number), "grade": "P", "_form": form})
    return out


def _product_route(drug: str, product: str, factor: Any, brands: dict[str, str]) -> str | None:
    if drug == "butorphanol":
        return "intranasal"  # Stadol NS and its generics: the file's sprays are nasal (MG/ML)
    return brands.get(product.lower())


#: The Summary Table of the file, as printed (drug → factor; None = "N/A").
SUMMARY = {"buprenorphine": None, "butorphanol": 7, "codeine": 0.15, "dihydrocodeine": 0.25,
           "hydrocodone": 1, "hydromorphone": 4, "levomethadyl": 8, "levorphanol": 11,
           "meperidine": 0.1, "methadone": 3, "morphine": 1, "opium": 1, "oxycodone": 1.5,
           "oxymorphone": 3, "pentazocine": 0.37, "tapentadol": 0.4, "tramadol": 0.1}


def cdc2018_rows(ndc: list[dict[str, str]], catalogue: Any) -> tuple[list[dict[str, str]],
                                                                     list[str]]:
    groups: dict[tuple[str, str, str], set[float]] = defaultdict(set)
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    left_out: list[str] = []
    for row in ndc:
        drug = catalogue.get(row["ingredient"])
        if not row["file_factor"]:
            continue
        if drug is None or not row["route"]:
            left_out.append(f"{row['ingredient']} {row['_form']}")
            continue
        from mpsdose.model.vocabulary import Route

        if Route(row["route"]) not in drug.routes:
            left_out.append(f"{drug.name} {row['route']} ({row['_form']})")
            continue
        form = row["form"] if (drug.name == "fentanyl" and row["route"] in (
            "buccal", "sublingual")) else ""
        key = (drug.name, row["route"], form)
        groups[key].add(float(row["file_factor"]))
        counts[key] += 1
    out = []
    for (drug, route, form), factors in sorted(groups.items()):
        if len(factors) != 1:
            raise SystemExit(f"cdc2018: {drug} {route} {form} has factors {sorted(factors)}")
        factor = factors.pop()
        summary = SUMMARY.get(drug)
        unit, note = "mg/day", ""
        if route == "transdermal":
            unit = "mcg/h"
            note = (f"The file writes {factor:g} per mcg/h for a fentanyl patch, to be multiplied "
                    "by patches dispensed / days supply (one patch worn 3 days: '2.4 X 3 = 7.2'); "
                    f"mpsdose's per-day convention is mg/day of oral morphine per mcg/h worn "
                    f"continuously, so {factor:g} / 3 = {factor / 3:g}.")
            factor = factor / FENTANYL_PATCH_DAYS
        elif drug == "fentanyl":
            unit = "mcg/day"
            note = "Per mcg of fentanyl (the file's strength for these products is in mcg)."
        elif summary is not None and not _same(summary, factor):
            raise SystemExit(f"cdc2018: {drug} {factor} disagrees with the Summary Table {summary}")
        if drug == "methadone":
            note = ("One factor at every dose: the file warns it 'could underestimate MME' and "
                    "that methadone conversion in clinical practice is dose-dependent.")
        out.append({"table": "cdc2018", "drug": drug, "route": route, "form": form, "unit": unit,
                    "factor": _fmt(factor), "factor_low": "", "factor_high": "",
                    "daily_dose_min": "", "daily_dose_max": "",
                    "source": f"{CDC_FILE}, Summary Table and sheet Opioids "
                              f"({counts[(drug, route, form)]} NDCs) [P]",
                    "grade": "P", "notes": note})
    return out, sorted(set(left_out))


def write_csv(path: Path, columns: tuple[str, ...] | list[str], rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def replace_table_rows(path: Path, table: str, rows: list[dict[str, str]]) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        kept = [row for row in reader if row["table"] != table]
    return write_csv(path, columns, kept + rows)


EQUIVALENCE_ROW = {
    "table": "cdc2018",
    "title": "CDC Oral MME conversion file (NDC), September 2018 edition",
    "purpose": "surveillance",
    "version": "CDC compilation of benzodiazepines, muscle relaxants, stimulants, zolpidem, and "
               "opioid analgesics with oral MME conversion factors, 2018 version",
    "effective_date": "2018-09",
    "source": f"{CDC_FILE}, sheets Documentation, Summary Table and Opioids (CDC National Center "
              "for Injury Prevention and Control, September 2018) [P]",
    "grade": "P",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--external", type=Path, default=ROOT.parent / "shared/reference/external")
    parser.add_argument("--opioid-cds-r4", type=Path, default=None,
                        help="a checkout of cqframework/opioid-cds-r4 at " + CDS_COMMIT)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    omtk = args.external / "OMTKData.cql"
    xlsx = args.external / "CDC_Oral_Morphine_Milligram_Equivalents_Sept_2018.xlsx"
    from mpsdose.knowledge.bundle import Knowledge

    catalogue = Knowledge.default().catalogue
    rxnorm = rxnorm_products(omtk, args.opioid_cds_r4)
    ndc = ndc_products(xlsx, omtk)
    cdc2018, left_out = cdc2018_rows(ndc, catalogue)
    notes = ("Surveillance (claims) factors applied per NDC by the CDC formula strength per unit x "
             "units / days supply x factor. Rows are the file's factors grouped by drug and route "
             "of its NDCs; fentanyl patch converted to mpsdose's per-mcg/h-worn convention (7.2 / "
             "3 = 2.4). Buprenorphine: no factor ('N/A'). Not in this table (the drug or the route "
             "is not in the catalogue, or the file's product does not say its route): "
             f"{', '.join(left_out)}. Analytic use only: the file says "
             "it does not constitute clinical guidance for converting patients between opioids.")
    outputs = {
        "rxnorm_products.csv": write_csv(args.data / "rxnorm_products.csv", RXNORM_COLUMNS,
                                         rxnorm),
        "ndc_products.csv": write_csv(args.data / "ndc_products.csv", NDC_COLUMNS, ndc),
        "opioid_equivalence.csv": replace_table_rows(args.data / "opioid_equivalence.csv",
                                                     "cdc2018", cdc2018),
        "equivalence_tables.csv": replace_table_rows(args.data / "equivalence_tables.csv",
                                                     "cdc2018", [EQUIVALENCE_ROW | {
                                                         "notes": notes}]),
    }
    different = []
    for name, text in outputs.items():
        path = args.data / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                different.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    print(f"rxnorm_products: {len(rxnorm)} rows ({len({r['rxcui'] for r in rxnorm})} products); "
          f"ndc_products: {len(ndc)} rows; cdc2018: {len(cdc2018)} rows; not in cdc2018: "
          f"{', '.join(left_out)}")
    if different:
        print("differs from data/:", ", ".join(different))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
