"""Product names as EHRs write them, read into :class:`~mpsdose.model.products.ProductRecord`.

RxNorm writes a clinical or branded drug as its ingredients with their strengths, then the dose
form, then the brand: ``acetaminophen 325 MG / oxycodone hydrochloride 5 MG Oral Tablet
[Percocet]``, ``72 HR fentanyl 0.075 MG/HR Transdermal System``, ``1 ML morphine sulfate 4 MG/ML
Prefilled Syringe``. SNOMED CT and local systems write much the same (``Paracetamol 240mg
suppository (product)``, ``Azithromycin 250mg capsule``). :func:`parse_product_name` reads every
such name; a name that does not follow the pattern (a brand alone, "Oral Form Oxycodone") gives
None and the caller looks the name up instead.

:func:`dose_form_facts` says what a dose form implies (route, form, release) and
:func:`ingredient_drug` finds the catalogue drug an ingredient name stands for.
"""

from __future__ import annotations

import re

from mpsdose.model.drugs import Catalogue, Drug
from mpsdose.model.products import STRENGTH_UNITS, IngredientStrength, ProductRecord
from mpsdose.model.vocabulary import RELEASES, Route

__all__ = ["SALT_WORDS", "dose_form_facts", "ingredient_drug", "parse_product_name",
           "plain_ingredient", "strength_unit"]

#: Salt and ester words of an ingredient name that do not change which drug it is.
SALT_WORDS = frozenset({
    "hydrochloride", "hcl", "sulfate", "sulphate", "bitartrate", "tartrate", "phosphate",
    "citrate", "maleate", "potassium", "sodium", "calcium", "acetate", "napsylate", "mesylate",
    "besylate", "succinate", "fumarate", "bromide", "chloride", "hydrobromide", "dihydrate",
    "monohydrate", "anhydrous", "polistirex", "tromethamine", "dipotassium", "disodium",
    "pamoate", "tosylate", "lactate", "gluconate", "valerate", "furoate", "propionate",
})

#: Qualifiers RxNorm writes before the first ingredient.
_QUALIFIERS = re.compile(r"^(?:(?:abuse-deterrent|matrix delivery|\d+(?:\.\d+)?\s*(?:ml|hr))\s+)+",
                         re.IGNORECASE)
_BRAND = re.compile(r"\s*\[(?P<brand>[^\]]*)\]\s*$")
_SNOMED_TAG = re.compile(r"\s*\((?:product|medicinal product|clinical drug)\)\s*$", re.I)
_NUMBER = r"(?:\d+(?:\.\d+)?|\.\d+)"
_COMPONENT = re.compile(
    rf"^(?P<ingredient>.*?[a-z].*?)\s*(?P<value>{_NUMBER})\s*"
    r"(?P<unit>mcg|micrograms?|mg|milligrams?|µg|ug|g|grams?|unt|units?|meq|iu|%)"
    r"(?:\s*/\s*(?P<per>ml|hr|hour|h|actuat|actuation|spray|dose|mg|g|l))?"
    r"(?![a-z0-9])(?P<rest>.*)$", re.IGNORECASE)

_UNIT_SPELLINGS = {"µg": "mcg", "ug": "mcg", "microgram": "mcg", "micrograms": "mcg",
                   "milligram": "mg", "milligrams": "mg", "gram": "g", "grams": "g",
                   "unit": "unt", "units": "unt", "iu": "unt"}


def strength_unit(unit: str, per: str | None) -> tuple[str, float] | None:
    """The canonical strength unit for ``unit``/``per`` as a name writes it, and the factor to
    it (``MG/HR`` → ``("mcg/h", 1000)``); None if it is not one mpsdose keeps."""
    mass = _UNIT_SPELLINGS.get(unit.lower(), unit.lower())
    if per is None:
        return (mass, 1.0) if mass in STRENGTH_UNITS else None
    per = per.lower()
    if per in ("hr", "hour", "h"):
        factor = {"mg": 1000.0, "mcg": 1.0}.get(mass)
        return None if factor is None else ("mcg/h", factor)
    if per in ("actuat", "actuation", "spray", "dose"):
        return (f"{mass}/actuat", 1.0) if mass in ("mg", "mcg") else None
    spelled = f"{mass}/{'mL' if per == 'ml' else per}"
    if per == "l" and mass in ("mg", "g"):
        return ("mg/mL", {"mg": 0.001, "g": 1.0}[mass])
    return (spelled, 1.0) if spelled in STRENGTH_UNITS else None


def parse_product_name(name: str, *, code: str | None = None, system: str | None = None,
                       source: str = "") -> ProductRecord | None:
    """The ingredients, strengths and dose form a product name states; None if it states none.

    >>> record = parse_product_name("72 HR fentanyl 0.075 MG/HR Transdermal System")
    >>> (record.ingredients[0].value, record.ingredients[0].unit, record.route.value, record.hours)
    (75.0, 'mcg/h', 'transdermal', 72.0)
    """
    text = " ".join(str(name).split())
    if not text or "{" in text:  # a pack ({7 (...) / 14 (...)} Pack) is not one product
        return None
    text = _SNOMED_TAG.sub("", text)
    brand = _BRAND.search(text)
    if brand is not None:
        text = text[:brand.start()]
    hours: float | None = None
    qualifiers = _QUALIFIERS.match(text)
    if qualifiers is not None:
        for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*(ml|hr)", qualifiers.group(0), re.I):
            if unit.lower() == "hr":
                hours = float(number)
        text = text[qualifiers.end():]
    parts = [part.strip() for part in re.split(r"\s+/\s+", text)]
    ingredients: list[IngredientStrength] = []
    dose_form: str | None = None
    for index, part in enumerate(parts):
        match = _COMPONENT.match(part)
        if match is None:
            return None
        spelled = strength_unit(match["unit"], match["per"])
        if spelled is None:
            return None
        unit, factor = spelled
        ingredient = plain_spacing(match["ingredient"]).lower()
        if not ingredient or ingredient[-1] in "/-" or "(" in ingredient or ")" in ingredient:
            return None  # "acetaminophen (acetaminophen 325 mg …)": the caller tries the parts
        rest = match["rest"].strip()
        if rest and index < len(parts) - 1:
            return None  # words after a strength in the middle of a name: not this pattern
        if index == len(parts) - 1:
            dose_form = rest or None
        ingredients.append(IngredientStrength(ingredient, float(match["value"]) * factor, unit))
    route, form, release = dose_form_facts(dose_form or "", hours=hours)
    return ProductRecord(str(name).strip(), tuple(ingredients), dose_form, route, form, release,
                         hours, code, system, source)


def plain_spacing(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).strip(" ,")


#: Dose-form words → mpsdose form, in the order they are looked for.
_FORM_WORDS = (
    ("transdermal", "patch"), ("patch", "patch"), ("suppositor", "suppository"),
    ("lozenge", "lozenge"), ("troche", "lozenge"), ("tablet", "tablet"), ("tab", "tablet"),
    ("capsule", "capsule"), ("cap", "capsule"), ("film", "film"), ("spray", "spray"),
    ("injection", "injection"), ("injectable", "injection"), ("syringe", "injection"),
    ("cartridge", "injection"), ("auto-injector", "injection"),
    ("solution", "liquid"), ("suspension", "liquid"), ("syrup", "liquid"), ("elixir", "liquid"),
    ("liquid", "liquid"), ("drops", "liquid"),
)
#: Dose-form words → route, in the order they are looked for (a "Sublingual Tablet" is
#: sublingual before it is a tablet).
_ROUTE_WORDS = (
    ("transdermal", Route.TRANSDERMAL), ("patch", Route.TRANSDERMAL),
    ("sublingual", Route.SUBLINGUAL), ("buccal", Route.BUCCAL), ("lozenge", Route.BUCCAL),
    ("troche", Route.BUCCAL), ("mucosal spray", Route.SUBLINGUAL),
    ("rectal", Route.RECTAL), ("suppositor", Route.RECTAL), ("enema", Route.RECTAL),
    ("nasal", Route.INTRANASAL),
    ("topical", Route.TOPICAL), ("ointment", Route.TOPICAL), ("cream", Route.TOPICAL),
    ("oral", Route.ORAL), ("tablet", Route.ORAL), ("capsule", Route.ORAL), ("syrup", Route.ORAL),
    ("elixir", Route.ORAL), ("suspension", Route.ORAL), ("solution", Route.ORAL),
)
#: Dose forms that name a route mpsdose does not total (eye, ear, lung, vagina, an implant).
_NO_ROUTE_WORDS = ("ophthalmic", "otic", "inhal", "vaginal", "implant", "irrigation", "injection",
                   "injectable", "syringe", "cartridge", "auto-injector", "intravenous")


def dose_form_facts(dose_form: str, *, hours: float | None = None
                    ) -> tuple[Route | None, str | None, str | None]:
    """``(route, form, release)`` a dose form implies, each None where it does not say.

    >>> dose_form_facts("Extended Release Oral Tablet")
    (<Route.ORAL: 'oral'>, 'tablet', 'er')
    """
    text = dose_form.lower()
    words = set(re.findall(r"[a-z\-]+", text))
    form = next((value for word, value in _FORM_WORDS
                 if (word in words if len(word) <= 3 else word in text)), None)
    route: Route | None = None
    if not any(word in text for word in _NO_ROUTE_WORDS):
        route = next((value for word, value in _ROUTE_WORDS if word in text), None)
    release = "er" if ("extended release" in text or "extended-release" in text
                       or (hours is not None and form in ("tablet", "capsule"))) else None
    return route, form, release


def plain_ingredient(name: str) -> str:
    """An ingredient name without salt words: ``naloxone hydrochloride`` → ``naloxone``."""
    words = [w for w in plain_spacing(name).lower().split() if w not in SALT_WORDS]
    return " ".join(words) or plain_spacing(name).lower()


#: Words an ingredient name may carry besides the drug's own (release, abuse-deterrence).
_NAME_QUALIFIERS = frozenset({"abuse-deterrent", "matrix", "delivery", "er", "ir", "sr", "cr",
                              "xr", "xl", "la", "mr", "ec"})


#: A release as the item language spells it, inside a name ("oxycodone extended-release",
#: "oxycodone ER", "morphine modified release"): longer spellings first; a space or a hyphen between
#: two words.
_RELEASE_SPELLING = re.compile(
    r"(?<![a-z])(?:" + "|".join(re.escape(s).replace(r"\ ", r"[\s\-]").replace(r"\-", r"[\s\-]")
                               for s in sorted(RELEASES, key=len, reverse=True)) + r")(?![a-z])",
    re.IGNORECASE)


def without_release(name: str) -> str:
    """A name without the release it spells: "oxycodone extended-release" → "oxycodone"."""
    return plain_spacing(_RELEASE_SPELLING.sub(" ", name))


def name_release(books: Catalogue, name: str) -> str | None:
    """The release (``ir``, ``er``) a medication's name gives, as the item language reads it: a
    release it spells ("oxycodone ER", "extended-release", "modified release", "CR"), else the
    release of a brand it is ("OxyContin": ``er``; ``drug_names.csv`` column ``release``); None
    where it gives none, or spells two that differ.

    >>> import mpsdose
    >>> books = mpsdose.Knowledge.default().catalogue
    >>> [name_release(books, n) for n in ("oxycodone extended-release", "OxyContin", "oxycodone")]
    ['er', 'er', None]
    """
    spelled = {_release_of_spelling(m.group(0)) for m in _RELEASE_SPELLING.finditer(name)}
    if len(spelled) == 1:
        return spelled.pop()
    if spelled:
        return None
    words = plain_ingredient(name).split()
    for size in range(len(words), 0, -1):  # the longest run of words that is a brand
        for start in range(len(words) - size + 1):
            release = books.release(" ".join(words[start:start + size]))
            if release is not None:
                return release
    return None


def _release_of_spelling(spelling: str) -> str:
    key = " ".join(spelling.lower().replace("-", " ").split())
    return RELEASES.get(key) or RELEASES[key.replace(" ", "-")]


def ingredient_drug(books: Catalogue, name: str) -> Drug | None:
    """The catalogue drug an ingredient name stands for (``oxycodone hydrochloride``,
    ``Abuse-Deterrent oxycodone``), or None. Only a name that is, or whose words without salt
    words are, a catalogue name counts: ``naloxone`` is not ``oxycodone``."""
    found = books.get(name)
    if found is not None:
        return found
    plain = plain_ingredient(without_release(name) or name)
    found = books.get(plain)
    if found is not None:
        return found
    words = plain.split()
    for size in range(len(words), 0, -1):  # the longest run of words that is a known name
        for start in range(len(words) - size + 1):
            found = books.get(" ".join(words[start:start + size]))
            if found is not None and all(w in _NAME_QUALIFIERS
                                         for w in words[:start] + words[start + size:]):
                return found
    return None
