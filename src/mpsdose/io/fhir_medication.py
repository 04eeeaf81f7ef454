"""The medication of a FHIR order: which drugs, how strong one unit is, and its dose form.

``medicationCodeableConcept`` or ``medicationReference`` (a contained Medication, another entry of
the Bundle by ``Medication/id``, a full URL or ``urn:uuid:``, or - when the document does not hold
it - the reference's ``display``). A Medication's ``ingredient`` list with ``strength`` Ratios is
the document's own statement and is read first; codes then fill what it leaves out:

1. RxNorm clinical/branded drug codes (SCD/SBD) and NDC codes, through the shipped product tables
   (``data/rxnorm_products.csv``, ``data/ndc_products.csv``); codes that disagree give no strength;
2. a product name written the RxNorm way ("acetaminophen 325 MG / oxycodone hydrochloride 5 MG
   Oral Tablet"), SNOMED CT's way ("Paracetamol 240mg suppository") or as a combination brand with
   its strengths ("Percocet 5/325");
3. RxNorm ingredient codes (``data/rxnorm.csv``) and catalogue names (no strength).

An ingredient the catalogue does not know is kept as an unlisted drug under its own name, so a
Tylenol PM is read as acetaminophen and diphenhydramine, never as acetaminophen alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from mpsdose.io.fhir_values import Notes, codings, concept_texts, mapping, number, sequence, text
from mpsdose.io.products import (
    SALT_WORDS,
    dose_form_facts,
    ingredient_drug,
    name_release,
    parse_product_name,
    plain_ingredient,
    plain_spacing,
    without_release,
)
from mpsdose.knowledge.bundle import Knowledge
from mpsdose.knowledge.codes import NDC, RXNORM, normal_ndc
from mpsdose.model.drugs import Catalogue, Drug
from mpsdose.model.products import MASS_UNITS, IngredientStrength, ProductRecord
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

__all__ = ["Component", "Medication", "Resolver", "read_medication", "ratio_strength"]

#: Resolves a reference (``#id``, ``Medication/id``, a full URL, ``urn:uuid:…``) to a resource.
Resolver = Callable[[str], Mapping[str, Any] | None]


@attrs.frozen(repr=False, eq=False)
class Component(Value):
    """One ingredient of the medication: its drug, and its strength per unit where known."""

    drug: Drug
    strength: IngredientStrength | None
    written: str  #: the name as the document (or the table) writes it


@attrs.frozen(repr=False, eq=False)
class Medication(Value):
    """What an order's ``medication[x]`` is, as far as the document and the tables say."""

    name: str
    components: tuple[Component, ...]
    dose_form: str | None = None
    route: Route | None = None
    form: str | None = None
    release: str | None = None
    hours: float | None = None
    source: str = ""

    @property
    def drugs(self) -> tuple[Drug, ...]:
        return tuple(component.drug for component in self.components)

    @property
    def strengths_known(self) -> bool:
        return all(component.strength is not None for component in self.components)

    @property
    def label(self) -> str:
        return "/".join(drug.name for drug in self.drugs)


def read_medication(k: Knowledge, resource: Mapping[str, Any], resolve: Resolver,
                    notes: Notes) -> Medication | None:
    """The medication of an order, or None (with a finding) where the document does not say."""
    concept = resource.get("medicationCodeableConcept")
    if isinstance(concept, Mapping):
        found = from_concept(k, concept, notes, "medicationCodeableConcept")
        if found is None:
            notes.warn("fhir-unknown-medication", "medicationCodeableConcept",
                       "no drug can be read from it (no code or name mpsdose knows, no text)")
        return found
    reference = mapping(resource.get("medicationReference"))
    if not reference:
        notes.warn("fhir-no-medication", "medication[x]", "the order names no medication")
        return None
    target = text(reference.get("reference"))
    medication = resolve(target) if target else None
    if medication is not None and medication.get("resourceType") == "Medication":
        found = from_medication(k, medication, resolve, notes,
                                "contained Medication" if target and target.startswith("#")
                                else f"Medication {target}")
        if found is None:
            notes.warn("fhir-unknown-medication", "medicationReference",
                       f"the Medication {target} names no drug mpsdose can read")
        return found
    display = text(reference.get("display"))
    if display:
        notes.info("fhir-medication-by-display", "medicationReference",
                   f"{target or 'the reference'} is not in the document: read by its display "
                   f"{display!r}")
        return from_concept(k, {"text": display}, notes, "medicationReference.display")
    notes.warn("fhir-medication-not-in-document", "medicationReference",
               f"{target or 'the reference'} is not in the document, and the reference has no "
               "display: the drug is not known")
    return None


def from_medication(k: Knowledge, medication: Mapping[str, Any], resolve: Resolver, notes: Notes,
                    field: str) -> Medication | None:
    """A Medication resource: its ingredients and strengths, its code, its form."""
    coded = from_concept(k, mapping(medication.get("code")), notes, f"{field}.code") \
        if medication.get("code") else None
    form_texts = concept_texts(medication.get("form")) + [
        code for _, code, _ in codings(medication.get("form")) if code.isalpha()]
    form_facts = next(((t, *dose_form_facts(t)) for t in form_texts
                       if any(dose_form_facts(t))), None)
    components: list[Component] = []
    for index, entry in enumerate(sequence(medication.get("ingredient"))):
        entry = mapping(entry)
        where = f"{field}.ingredient[{index}]"
        item = mapping(entry.get("itemCodeableConcept"))
        if not item and entry.get("itemReference"):
            ref = text(mapping(entry.get("itemReference")).get("reference"))
            target = resolve(ref) if ref else None
            item = mapping(mapping(target).get("code")) if target else {}
            if not item:
                item = {"text": text(mapping(entry.get("itemReference")).get("display"))}
        if _is_vehicle(entry.get("strength")):
            notes.info("fhir-vehicle", where,
                       f"{', '.join(concept_texts(item)) or 'an ingredient'} is a volume per "
                       "volume (a diluent or vehicle): not a dose, not read as a drug")
            continue
        component = _ingredient(k, item, entry.get("strength"), notes, where)
        if component is None:
            notes.warn("fhir-unknown-ingredient", where, "no ingredient can be read from it")
            return None
        components.append(component)
    if not components:
        if coded is None:
            return None
        if form_facts is not None and coded.form is None:
            coded = attrs.evolve(coded, dose_form=form_facts[0], route=form_facts[1],
                                 form=form_facts[2], release=coded.release or form_facts[3])
        return coded
    if coded is not None and not all(c.strength for c in components):
        # strengths the ingredients leave out, from the coded product when it has the same drugs
        by_drug = {c.drug: c.strength for c in coded.components if c.strength is not None}
        components = [c if c.strength is not None or c.drug not in by_drug
                      else attrs.evolve(c, strength=by_drug[c.drug]) for c in components]
    name = coded.name if coded is not None else " / ".join(c.written for c in components)
    route, form, release, hours = (coded.route, coded.form, coded.release, coded.hours) \
        if coded is not None else (None, None, None, None)
    dose_form = coded.dose_form if coded is not None else None
    if form_facts is not None:
        dose_form = dose_form or form_facts[0]
        route, form, release = route or form_facts[1], form or form_facts[2], \
            release or form_facts[3]
    return Medication(name, tuple(components), dose_form, route, form, release, hours,
                      "the document's Medication.ingredient")


def _ingredient(k: Knowledge, item: Mapping[str, Any], ratio: Any, notes: Notes,
                where: str) -> Component | None:
    written = next(iter(concept_texts(item)), None)
    drug: Drug | None = None
    strength: IngredientStrength | None = None
    for system, code, _ in codings(item):
        if system == RXNORM and code in k.rxnorm:
            drug = k.catalogue.drugs[k.rxnorm[code]]
            break
    for name in concept_texts(item):
        parsed = parse_product_name(name)
        if parsed is not None and len(parsed.ingredients) == 1:
            strength = parsed.ingredients[0]
            drug = drug or _drug_of(k.catalogue, parsed.ingredients[0].ingredient)
            written = parsed.ingredients[0].ingredient
            break
    if drug is None and written:
        drug = _drug_of(k.catalogue, written)
    if drug is None:
        return None
    if ratio is not None:
        stated, problem = ratio_strength(ratio, drug.name)
        if stated is not None:
            strength = stated
        elif problem:
            notes.info("fhir-strength-not-per-unit", f"{where}.strength", problem)
    return Component(drug, strength, written or drug.name)


def _is_vehicle(ratio: Any) -> bool:
    """A strength that is a volume per volume (5% dextrose as mL per 500 mL): the vehicle."""
    numerator = mapping(mapping(ratio).get("numerator"))
    unit = str(text(numerator.get("code")) or text(numerator.get("unit")) or "").lower()
    return unit in ("ml", "l")


_COUNT_DENOMINATORS = {"tab", "tabs", "tablet", "tablets", "{tablet}", "{tab}", "tbl", "{tbl}",
                       "cap", "caps", "capsule", "{capsule}", "1", "", "{unit}", "ea", "each",
                       "patch", "{patch}", "film", "{film}", "supp", "suppository",
                       "recsupp", "actuat", "{actuat}", "{actuation}", "spray", "{spray}",
                       "385055001", "428673006", "732936001", "lozenge", "{lozenge}"}


def ratio_strength(ratio: Any, ingredient: str) -> tuple[IngredientStrength | None, str]:
    """A Medication.ingredient.strength Ratio as a strength per unit or a concentration.

    Returns the strength, or None and why it is not one (a ratio of masses, a unit that is not a
    mass, a zero denominator).
    """
    numerator, denominator = mapping(mapping(ratio).get("numerator")), \
        mapping(mapping(ratio).get("denominator"))
    value = number(numerator.get("value"))
    unit = str(text(numerator.get("code")) or text(numerator.get("unit")) or "").lower()
    unit = {"ug": "mcg", "µg": "mcg", "milligram": "mg", "milligrams": "mg"}.get(unit, unit)
    if value is None or value <= 0:
        return None, "the numerator has no positive value"
    if unit not in MASS_UNITS:
        return None, f"the numerator's unit {unit or '(none)'!r} is not a mass"
    den_value = number(denominator.get("value"))
    den_value = 1.0 if den_value is None and not denominator else den_value
    if den_value is None or den_value <= 0:
        return None, "the denominator has no positive value"
    den_unit = str(text(denominator.get("code")) or text(denominator.get("unit")) or "").lower()
    mass_mg = value * MASS_UNITS[unit]
    if den_unit in ("ml", "{ml}"):
        return IngredientStrength(ingredient, mass_mg / den_value, "mg/mL"), ""
    if den_unit == "l":
        return IngredientStrength(ingredient, mass_mg / (den_value * 1000), "mg/mL"), ""
    if den_unit in _COUNT_DENOMINATORS:
        return IngredientStrength(ingredient, mass_mg / den_value, "mg"), ""
    if den_unit in MASS_UNITS:
        return None, (f"{value:g} {unit} per {den_value:g} {den_unit} is a ratio of masses, not a "
                      "strength per unit")
    return None, f"the denominator's unit {den_unit!r} is not a unit of the product or a volume"


def from_concept(k: Knowledge, concept: Mapping[str, Any], notes: Notes,
                 field: str) -> Medication | None:
    """The medication a CodeableConcept names (codes first, then names)."""
    coded = _coded_product(k, concept, notes, field)
    if coded is not None:
        return coded
    texts = _with_parts(concept_texts(concept))
    coded_drugs = [k.catalogue.drugs[k.rxnorm[code]] for system, code, _ in codings(concept)
                   if system == RXNORM and code in k.rxnorm]
    for name in texts:
        parsed = parse_product_name(name)
        if parsed is not None:
            found = _medication_of(k.catalogue, parsed, "the product name")
            if len(coded_drugs) == 1 and len(found.components) == 1 \
                    and not found.components[0].drug.listed:
                # the ingredient code says which drug the name's words stand for
                found = attrs.evolve(found, components=(attrs.evolve(
                    found.components[0], drug=coded_drugs[0]),))
            return found
    for name in texts:
        brand = _brand_combination(k.catalogue, name)
        if brand is not None:
            return brand
    for system, code, display in codings(concept):
        if system == RXNORM and code in k.rxnorm:
            drug = k.catalogue.drugs[k.rxnorm[code]]
            return Medication(display or drug.name, (Component(drug, None, drug.name),),
                              source=f"RxNorm ingredient {code}")
    for name in texts:
        named = _named_drug(k.catalogue, name)
        if named is not None:
            route, form, release = dose_form_facts(name)
            return Medication(name, (Component(named, None, name),), name, route, form,
                              release or name_release(k.catalogue, name), source="the name")
    if texts:
        drug = Drug.unlisted(_unlisted_name(texts[0]))
        route, form, release = dose_form_facts(texts[0])
        return Medication(texts[0], (Component(drug, None, texts[0]),), None, route, form,
                          release, source="the name")
    return None


def _unlisted_name(text_: str) -> str:
    """A name for a drug the catalogue does not know: without SNOMED CT's "(product)" tag and
    salt words ("Warfarin Sodium" → "warfarin")."""
    cleaned = plain_spacing(re.sub(r"\((?:product|substance|medicinal product)\)", " ", text_,
                                   flags=re.I))
    return plain_ingredient(cleaned) if cleaned else text_


def _with_parts(texts: list[str]) -> list[str]:
    """Each name, then what its parentheses hold and what is outside them: Cerner writes
    "acetaminophen (acetaminophen 325 mg oral capsule)"."""
    out: list[str] = []
    for name in texts:
        out.append(name)
        inner = re.findall(r"\(([^()]*)\)", name)
        outer = plain_spacing(re.sub(r"\([^()]*\)", " ", name))
        for part in [*inner, outer]:
            if part and part not in out and not re.fullmatch(r"(?i)product|medicinal product",
                                                             part.strip()):
                out.append(part)
    return out


def _coded_product(k: Knowledge, concept: Mapping[str, Any], notes: Notes,
                   field: str) -> Medication | None:
    products: list[ProductRecord] = []
    for system, code, _ in codings(concept):
        if system == RXNORM and code in k.rxnorm_products:
            products.append(k.rxnorm_products[code])
        elif system == NDC:
            ndc = normal_ndc(code)
            found = k.ndc_products.get(ndc) if ndc else None
            if found is not None and not found.combination and found.strength is not None \
                    and found.unit is not None:
                products.append(ProductRecord(
                    found.product, (IngredientStrength(found.ingredient, found.strength,
                                                       found.unit),),
                    found.form, found.route, found.form, found.release, None, found.ndc, NDC,
                    found.source))
    if not products:
        return None
    readings = {_signature(p) for p in products}
    if len(readings) > 1:
        drugs = {tuple(i.ingredient for i in p.ingredients) for p in products}
        notes.info("fhir-product-codes-disagree", field,
                   f"{len(products)} product codes with different strengths: the strength is "
                   "taken from none of them")
        if len(drugs) == 1:
            first = products[0]
            return Medication(first.name, tuple(
                Component(_drug_of(k.catalogue, i.ingredient) or Drug.unlisted(i.ingredient),
                          None, i.ingredient) for i in first.ingredients),
                source="product codes (strengths disagree)")
        return None
    product = products[0]
    return _medication_of(k.catalogue, product, f"{product.system} {product.code} "
                                                f"({product.source})")


def _signature(product: ProductRecord) -> tuple[Any, ...]:
    return tuple((i.ingredient, round(i.value, 9), i.unit) for i in product.ingredients)


def _medication_of(books: Catalogue, product: ProductRecord, source: str) -> Medication:
    components = tuple(
        Component(_drug_of(books, i.ingredient) or Drug.unlisted(plain_ingredient(i.ingredient)),
                  i, i.ingredient) for i in product.ingredients)
    release = product.release
    if release is None and len(product.ingredients) == 1:
        # "oxycodone ER 20 mg tablet", "OxyContin 20 mg": the release the name gives, as the
        # item language reads it (a release word, or the brand's own release)
        release = name_release(books, product.ingredients[0].ingredient)
    return Medication(product.name, components, product.dose_form, product.route, product.form,
                      release, product.hours, source)


def _drug_of(books: Catalogue, name: str) -> Drug | None:
    found = ingredient_drug(books, name)
    if found is not None:
        return found
    return Drug.unlisted(plain_ingredient(name)) if name.strip() else None


_BRAND = re.compile(r"^(?P<brand>[a-z][a-z0-9 #\-]*?)\s+(?P<strengths>\d+(?:\.\d+)?"
                    r"(?:\s*/\s*\d+(?:\.\d+)?)+)\s*(?:mg)?(?![a-z0-9])(?P<rest>.*)$", re.I)


def _brand_combination(books: Catalogue, name: str) -> Medication | None:
    """A combination brand with its strengths: ``Percocet 5/325``, ``Tylenol #3 300/30``."""
    match = _BRAND.match(plain_spacing(name))
    if match is None:
        return None
    marketed = books.product(match["brand"])
    if not marketed:
        return None
    given = tuple(float(s) for s in re.split(r"\s*/\s*", match["strengths"]))
    for row in marketed:
        if tuple(round(s, 6) for s in row.strengths) == tuple(round(g, 6) for g in given):
            route, form, release = dose_form_facts(match["rest"])
            return Medication(name, tuple(
                Component(books.drugs[drug], IngredientStrength(drug, value, "mg"), drug)
                for drug, value in zip(row.components, row.strengths, strict=True)),
                match["rest"].strip() or None, route, form, release,
                source=f"combination_products.csv ({row.name} {match['strengths']})")
    return None


#: Words a product's name may hold besides the drug's, which do not change the drug.
_PRODUCT_WORDS = frozenset({
    "oral", "form", "tablet", "tablets", "tab", "tabs", "capsule", "capsules", "cap", "caps",
    "pill", "product", "solution", "suspension", "liquid", "syrup", "injection", "injectable",
    "patch", "transdermal", "system", "suppository", "rectal", "film", "sublingual", "buccal",
    "extended", "release", "immediate", "er", "ir", "sr", "cr", "hr", "mg", "mcg", "ml", "unit",
    "dose", "medicinal", "drug", "film-coated", "coated", "chewable", "disintegrating",
}) | SALT_WORDS


def _named_drug(books: Catalogue, name: str) -> Drug | None:
    """The one catalogue drug a name is, besides product words ("Oral Form Oxycodone");
    None where other words remain ("Tylenol PM Pill" is not acetaminophen alone)."""
    exact = books.get(name)
    if exact is not None:
        return exact
    words = [w for w in re.findall(r"[a-z][a-z\-]*", without_release(name).lower())
             if w not in _PRODUCT_WORDS]
    if not words:
        return None
    return books.get(" ".join(words))
