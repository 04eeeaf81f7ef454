"""Build data/drug_vocabulary.csv: names of medicines the catalogue does not know, for `read`.

`mpsdose read` reads an amount given to a drug the catalogue lacks as an item of its own (never
totalled or checked) where a sourced test says the name is a drug's: a name of
``other_drug_names.csv`` (curated, one source per row) or a word with a WHO INN stem. Case
reports name hundreds of other medicines (zopiclone, perazine, voriconazole, Diflucan) that
neither test knows, and their amounts are then set aside with an ``unknown-name`` warning. This
script writes the names of a public drug vocabulary into ``data/drug_vocabulary.csv``, one row
per name with its identifiers, so the reader knows them too.

Source: the dictionary shipped in the PyPI package ``drug-named-entity-recognition`` 2.0.9
(Fast Data Science, MIT licence), compiled from the DrugBank open vocabulary (CC0 1.0), MeSH
(US National Library of Medicine, public domain) and MedlinePlus drug pages. Only the
medicines it gives a DrugBank or MedlinePlus identifier are kept (the MeSH-only entries are
chemicals, enzymes and laboratory terms as often as medicines), and of their names only:

- names of one or two words of letters and hyphens, at least five letters long;
- names that are no common English word: a generic name whose Zipf frequency in English
  (the PyPI package ``wordfreq``) is 3.5 or more ("water", "glucose", "oxygen"), and any other
  name (a brand, a spelling) whose frequency is 2.0 or more ("Sone", a unit of loudness);
- of a medicine with a DrugBank identifier only (no MedlinePlus page, no MeSH heading: often
  an experimental compound), its own name only, not the synonyms of its entry;
- the parts of combination products that are never given alone (tazobactam, clavulanic acid,
  sulbactam, cilastatin …: a report's "Tazobactam (3 × 4.5 g/d)" is the product's amount);
- names of single medicines (no "and", "/" or brackets: combinations need their components);
- names the catalogue (drugs.csv, drug_names.csv) or other_drug_names.csv already knows, and
  every name of a medicine one of whose names the catalogue knows ("Lovenox": enoxaparin is
  checked, so its brands come only from drug_names.csv, where each has a label) are left out;
- a brand or other name, or the name of a DrugBank-only entry, spelt like a name the catalogue
  or other_drug_names.csv knows (difflib ratio 0.9 or more: "methylprednisone", a synonym of
  meprednisone and a misspelling of methylprednisolone) is left out;
- a name given to two medicines is left out, and so is a name followed by a salt or ester word
  where the name alone is kept ("candesartan cilexetil": the reader reads candesartan and
  leaves "cilexetil" to the item's glue).

Run (not needed to install or test mpsdose; the CSV is committed)::

    python -m venv /tmp/vocab && /tmp/vocab/bin/pip install drug-named-entity-recognition==2.0.9 \
        wordfreq==3.1.1 && PYTHONPATH=src /tmp/vocab/bin/python scripts/build_drug_vocabulary.py
"""

from __future__ import annotations

import bz2
import csv
import difflib
import pickle
import re
import sys
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "drug_vocabulary.csv"
PACKAGE = "drug-named-entity-recognition"
#: Zipf frequencies (wordfreq, English) at or above which a name is an everyday word.
GENERIC_WORD, BRAND_WORD = 3.5, 2.0
#: difflib's ratio at or above which another name is spelt like a name mpsdose already knows.
SPELT_ALIKE = 0.9
#: Substances measured in blood as often as they are given: a report's "albumin 2.8 g/dL" or
#: "ferritin 500" is a laboratory value, never a medicine's amount.
LABORATORY = frozenset({
    "albumin", "bilirubin", "creatinine", "urea", "lactate", "lactic acid", "ferritin",
    "troponin", "fibrinogen", "cortisol", "testosterone", "estradiol", "progesterone",
    "thyroxine", "levothyroxine", "triiodothyronine", "liothyronine", "procalcitonin",
    "hemoglobin", "haemoglobin", "ammonia", "bicarbonate", "phosphate", "magnesium", "potassium",
    "sodium", "calcium", "chloride", "copper", "ceruloplasmin", "transferrin", "folate",
    "homocysteine", "lipase", "amylase", "cholesterol", "triglycerides", "uric acid",
    "thrombin", "prothrombin", "plasminogen", "antithrombin", "immunoglobulin", "insulin",
    "glucagon", "renin", "aldosterone", "corticotropin", "prolactin", "somatropin",
    "gonadotropin", "lactoferrin", "ketone", "glycine", "glutamine", "creatine", "carnitine",
    "haptoglobin", "myoglobin", "interleukin", "calcitonin", "parathyroid hormone"})
#: Parts of combination products that are not given alone: "Tazobactam (3 × 4.5 g/d)" in a
#: report is piperacillin/tazobactam, its amount the product's, never tazobactam's.
ONLY_COMBINED = frozenset({
    "tazobactam", "clavulanic acid", "clavulanate", "sulbactam", "cilastatin", "avibactam",
    "relebactam", "vaborbactam", "benserazide", "gimeracil", "oteracil"})
NAME = re.compile(r"[a-z][a-z-]*[a-z](?: [a-z][a-z-]*[a-z])?")


def main() -> int:
    import wordfreq  # the build's own dependency, not mpsdose's

    sys.path.insert(0, str(ROOT / "src"))
    from mpsdose.io.prose.words import SALTS
    from mpsdose.knowledge.bundle import resolve

    knowledge = resolve(None)
    catalogue = knowledge.catalogue
    curated = knowledge.other_drugs
    version = metadata.version(PACKAGE)
    path = resources.files("drug_named_entity_recognition") / "drug_ner_dictionary.pkl.bz2"
    with path.open("rb") as raw, bz2.open(raw) as unpacked:
        dictionary = pickle.load(unpacked)  # the pinned package's own file, not ours
    to_canonical = dictionary["drug_variant_to_canonical"]
    data = dictionary["drug_canonical_to_data"]
    variants = dictionary["drug_variant_to_variant_data"]

    def medicine(canonical: str) -> str | None:
        """The medicine's name as the reader holds it, or None where it is not kept."""
        entry = data.get(canonical, {})
        if not (entry.get("drugbank_id") or entry.get("medline_plus_id")):
            return None
        if re.search(r" and |/|,|\(", canonical):
            return None
        name = canonical.lower()
        if name in ONLY_COMBINED:
            return None
        # "vasopressins": MeSH's plural heading; the singular where the vocabulary has it
        if name.endswith("s") and name[:-1] in to_canonical:
            name = name[:-1]
        if catalogue.get(name) is not None or any(catalogue.get(v) is not None
                                                  for v in names_of.get(canonical, ())):
            return None
        return name

    names_of: dict[str, list[str]] = {}
    for variant, canonicals in to_canonical.items():
        for canonical in canonicals:
            names_of.setdefault(canonical, []).append(variant.lower())

    known = sorted({*catalogue.names, *curated})
    kept: dict[str, tuple[str, str, str]] = {}
    dropped: set[str] = set()
    medicines: dict[str, str | None] = {}
    for variant, canonicals in sorted(to_canonical.items()):
        name = variant.lower().strip()
        if len(canonicals) != 1:
            dropped.add(name)
            continue
        canonical = canonicals[0]
        if canonical not in medicines:
            medicines[canonical] = medicine(canonical)
        drug = medicines[canonical]
        if drug is None or not NAME.fullmatch(name) or len(name.replace(" ", "")) < 5:
            continue
        # the vocabulary marks generic names; every other name is a brand or another name
        generic = variants.get(variant, {}).get("is_brand") is False or name in (
            canonical.lower(), drug)
        kind = "generic" if generic else "other name"
        entry = data[canonical]
        if not generic and not (entry.get("medline_plus_id") or entry.get("mesh_id")):
            continue  # a DrugBank-only entry: its own name, not its synonyms
        ceiling = GENERIC_WORD if kind == "generic" else BRAND_WORD
        if wordfreq.zipf_frequency(name, "en") >= ceiling:
            continue
        if catalogue.get(name) is not None or name in curated:
            continue
        established = entry.get("medline_plus_id") or entry.get("mesh_id")
        if (kind == "other name" or not established) \
                and difflib.get_close_matches(name, known, n=1, cutoff=SPELT_ALIKE):
            print(f"spelt like a known name, left out: {name}", file=sys.stderr)
            continue  # "methylprednisone": a spelling of methylprednisolone as often as not
        if name in LABORATORY:
            continue
        ids = (f"DrugBank {entry['drugbank_id']}" if entry.get("drugbank_id")
               else f"MedlinePlus {entry['medline_plus_id']}")
        if name in kept and kept[name][0] != drug:
            dropped.add(name)
        kept[name] = (drug, kind, ids)
    # "candesartan cilexetil", "ketotifen fumarate": the reader leaves a salt or ester word
    # after a name it knows to the item's glue, so the name with it would only name a second
    # medicine (DrugBank keeps the prodrug apart) for the same words
    for name in list(kept):
        first, _, last = name.partition(" ")
        if last in SALTS and (first in kept or first in curated or catalogue.get(first)):
            dropped.add(name)
    rows = [(name, *kept[name]) for name in sorted(kept) if name not in dropped]
    source = f"{PACKAGE} {version} (DrugBank open vocabulary, MeSH, MedlinePlus)"
    with OUT.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("name", "drug", "kind", "identifier", "source", "grade"))
        for name, drug, kind, ids in rows:
            writer.writerow((name, drug, kind, ids, source, "S"))
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} names of "
          f"{len({row[1] for row in rows})} medicines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
