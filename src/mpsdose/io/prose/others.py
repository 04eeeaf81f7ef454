"""Drugs the catalogue does not know: their amounts read, reported, never totalled or checked.

The reading of the catalogue's drugs sets aside an amount that belongs to a name the catalogue
does not know (``unknown-name``), and one bound to no drug (``amount-not-attached``). Where that
name is a drug's by a sourced test — a name of ``other_drug_names.csv`` (a general published list
of medicines, with aliases and salts), else a word with a WHO INN stem (:data:`.words.INN_STEM`) —
the text is read a second time with those names as drugs of their own, by the same machinery
(per dose, frequency, as needed, route, sums of divided doses, amounts a day, changes that refer
back), and each such drug's item read from an amount the first reading set aside becomes an
:class:`.result.OtherItem` of the state whose words it was read from. Nothing else of the second
reading is kept: the catalogue's items, totals, states and findings are the first reading's, so
a drug the catalogue lacks can never change them. A capitalised brand the list does not know is
not a drug's name here; every other name keeps its ``unknown-name`` warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import attrs

from mpsdose.io.prose.passage import Passage
from mpsdose.io.prose.result import OtherItem, ReadFinding, Reading, ReadItem, ReadState
from mpsdose.io.prose.scan import Token, scan
from mpsdose.io.prose.text import visible
from mpsdose.io.prose.words import (
    INN_STEM,
    MODAL_ADVERBS,
    MODALS,
    NOT_A_NAME,
    SALTS,
    VEHICLES,
    name_like,
)
from mpsdose.knowledge.bundle import Knowledge
from mpsdose.model.drugs import Drug, OtherDrug, without_salt
from mpsdose.model.findings import Finding, Severity

__all__ = ["INN_STEM_SOURCE", "other_names", "read_other_items", "set_aside_for_others"]

#: Where the stems of :data:`.words.INN_STEM` come from.
INN_STEM_SOURCE = ("WHO, The use of stems in the selection of International Nonproprietary Names "
                   "(INN): the stems of mpsdose's reader (io/prose/words.py, INN_STEM)")
#: Words with an INN stem's ending that name a class of substances, not a drug ("a peptide").
_NOT_DRUGS = frozenset({"peptide", "peptides", "polypeptide", "polypeptides", "nucleotide",
                        "nucleotides", "oligonucleotide", "oligonucleotides", "dipeptide",
                        "imidazole", "benzimidazole", "thiazide", "thiazides", "triazole",
                        "triazoles", "azoles", "statins", "coxibs",
                        # "penicillin": the class (benzylpenicillin, phenoxymethylpenicillin …
                        # are its INNs); which one is not said (prosefix7475, fresh64-013)
                        "penicillin", "penicillins"})
#: The reasons the first reading gives an amount bound to no drug (:func:`.binding.report_unattached`).
_UNATTACHED = frozenset({"no drug the catalogue knows is named for it",
                         "a percentage not attached to a drug the catalogue knows",
                         # "cetirizine/pseudoephedrine 10/120 mg": components the list names
                         "the strengths of a combination whose components are not named "
                         "one by one"})
#: The findings of the first reading that an item not in the catalogue answers, where their words
#: hold its amount or are its name.
_ANSWERED = frozenset({"unknown-name", "amount-not-attached", "reference-unclear",
                       "combination-not-read"})
_SOURCE = "mpsdose reader (deterministic; see README, 'Reading a case report')"
#: The findings of the second reading said for the items of drugs the catalogue lacks: the
#: assumptions made in reading their amounts.
_CARRIED = frozenset({"n-times-notation", "list-schedule-last-only", "schedules-contradict"})


def other_names(passage: Passage, knowledge: Knowledge) -> dict[str, Drug]:
    """The names in the text of drugs the catalogue does not know, each with its (unlisted)
    drug: the names of ``other_drug_names.csv`` the text holds, and words with a WHO INN stem
    that the catalogue does not know (salt words after them left to the item's glue). Their
    spans are kept in ``passage.other_name_spans``."""
    listed: Mapping[str, OtherDrug] = knowledge.other_drugs
    found: dict[str, Drug] = {}
    taken: list[tuple[int, int]] = []
    if listed:
        listed = {**_reversed_names(listed), **_analogue_names(listed), **_plus_names(listed),
                  **listed}
        # "piperacillin sodium and tazobactam sodium": a salt word may follow each part of a
        # name of several words (the last part's salt is left to the item's glue)
        salted = rf"(?:[\s-]+(?:{'|'.join(sorted(SALTS))}))?[\s-]+"
        alternation = "|".join(_combination_spaced(
            salted.join(re.escape(word) for word in name.split(" ")), listed[name])
            for name in sorted(listed, key=len, reverse=True))
        # "amphotericin-B": a name of two words may be written with a hyphen between them
        spaced = {re.sub(r"[-/]", " ", name): other for name, other in listed.items()}
        # "intravenous immunoglobulins (IVIGs)": a listed name's plural is that drug
        for match in re.finditer(rf"(?<![a-z0-9])(?:{alternation})s?(?![a-z0-9])", passage.normal):
            name = " ".join(match.group(0).split())
            other = _listed_as(name, listed, spaced)
            if other is None and name.endswith("s"):
                other = _listed_as(name[:-1], listed, spaced)
            if other is not None and _laboratory_value(passage, match.span()):
                continue  # "Hct 32%", "HCT was 30": the haematocrit, not hydrochlorothiazide
            if other is not None and _another_salt_after(passage, name, other, match.end()):
                continue  # "magnesium citrate" is not magnesium sulfate
            if other is not None:
                found[name] = other.drug()
                taken.append(match.span())
    passage.other_name_spans.extend(taken)
    found.update(_vocabulary_names(passage, knowledge.drug_vocabulary, taken, found))
    catalogue = passage.catalogue
    found.update(_with_final_e(passage, {**knowledge.drug_vocabulary, **listed}, found))
    found.update(_comma_combinations(passage, listed))
    for match in re.finditer(r"(?<![a-z0-9-])[a-z]{4,}(?![a-z0-9-])", passage.normal):
        word = match.group(0)
        if word in found or word in _NOT_DRUGS or word in NOT_A_NAME \
                or INN_STEM.fullmatch(word) is None or catalogue.get(word) is not None:
            continue
        if _misspelt(word, (*catalogue.names, *listed)):
            continue  # "metrodinazole": a listed name's letters in another order, no new INN
        found[word] = Drug(name=without_salt(word), drug_class="unlisted", listed=False,
                           source=INN_STEM_SOURCE)
        passage.other_name_spans.append(match.span())
    return found


#: The anions a metal's salt is named by ("magnesium citrate", "zinc gluconate"): written after
#: an element's name, they name the salt, one substance of its own.
_ANIONS = frozenset({"sulfate", "sulphate", "citrate", "chloride", "oxide", "hydroxide",
                     "carbonate", "bicarbonate", "gluconate", "lactate", "aspartate", "phosphate",
                     "acetate", "glycinate", "orotate", "pidolate", "trisilicate", "ascorbate",
                     "fumarate", "succinate", "bromide", "iodide", "picolinate"})


def _another_salt_after(passage: Passage, name: str, other: OtherDrug, end: int) -> bool:
    """ "potassium and magnesium citrate (2.56 g/day)": a listed salt's name written without its
    anion ("magnesium", a name of magnesium sulfate) and followed by another anion names that
    other salt, a substance of its own — never the listed salt (prosefix114117, fresh116-013:
    magnesium citrate was read as magnesium sulfate). The listed salt's own anion, in either
    spelling ("magnesium sulphate"), is its name."""
    own = other.name.split()[-1]
    if own not in _ANIONS or name.split()[-1] in _ANIONS:
        return False
    after = re.match(r"[\s-]+([a-z]+)", passage.normal[end:])
    if after is None or after.group(1) not in _ANIONS:
        return False
    return after.group(1).replace("sulph", "sulf") != own.replace("sulph", "sulf")


#: The abbreviations of a laboratory value that the list also gives a drug ("HCT", the
#: haematocrit and hydrochlorothiazide; "HCT 25mg" in "captopril 50mg / HCT 25mg"): such an
#: alias names the drug only where the text writes it in capitals right before an amount of mass,
#: as a laboratory value never is written (a haematocrit is a percentage or a fraction).
LAB_ABBREVIATIONS = frozenset({"hct", "hb", "hgb", "plt", "wbc", "rbc", "inr", "crp", "esr",
                               "alt", "ast", "ldh", "bun", "tsh", "psa"})
_MASS_AFTER = re.compile(r"\s*\d+(?:[.,]\d+)?\s*(?:mg|mgs|g|gm|mcg|µg|ug|milligrams?|grams?)"
                         r"(?![a-z/])")


def _comma_combinations(passage: Passage, listed: Mapping[str, OtherDrug]) -> dict[str, Drug]:
    """ "Sulfamethoxazole, Trimethoprime: 2400 mg/day": the two components of a fixed
    combination the list names ("a + b"), written side by side with only a comma between them (in
    either order, each as the list spells it or, for a name of seven letters or more that ends in
    a consonant, with a final "e"), are that combination — its amount is the product's, never
    the second component's alone (prosefix9798, fresh97-010: trimethoprim 2400 mg/day was read)."""
    found: dict[str, Drug] = {}
    combinations = {other.name: other for other in listed.values()
                    if other.name.count(" + ") == 1}
    for name, other in combinations.items():
        first, second = name.split(" + ")
        parts = "|".join(_spelt(part) for part in (first, second))
        pattern = rf"(?<![a-z0-9-])({parts})\s*,\s*({parts})(?![a-z0-9-])"
        for match in re.finditer(pattern, passage.normal):
            one, two = (_bare(match.group(i), (first, second)) for i in (1, 2))
            if one is None or two is None or one == two:
                continue
            found[" ".join(match.group(0).split())] = other.drug()
            passage.other_name_spans.append(match.span())
    return found


def _spelt(part: str) -> str:
    """A component's name as a pattern: its words apart by any space, and a final "e" allowed
    after a name of seven letters or more that ends in a consonant."""
    pattern = r"\s+".join(re.escape(word) for word in part.split())
    return pattern + ("e?" if len(part) >= 7 and part[-1] not in "aeiouy" else "")


def _bare(written: str, parts: tuple[str, ...]) -> str | None:
    """Which of ``parts`` the words ``written`` are (a final "e" allowed, see :func:`_spelt`)."""
    said = " ".join(written.split())
    return next((part for part in parts if said in (part, f"{part}e")), None)


def _laboratory_value(passage: Passage, span: tuple[int, int]) -> bool:
    """Is the name at ``span`` a laboratory abbreviation the list also gives a drug, not
    written as that drug's name is (:data:`LAB_ABBREVIATIONS`)?"""
    return passage.normal[span[0]:span[1]] in LAB_ABBREVIATIONS and not (
        passage.text[span[0]:span[1]].isupper() and _MASS_AFTER.match(passage.normal, span[1]))


def _with_final_e(passage: Passage, names: Mapping[str, OtherDrug],
                  already: Mapping[str, Drug]) -> dict[str, Drug]:
    """ "cefazoline 1 g i.v. every 8 h", "bemiparine 3500 IU": a name of ``other_drug_names.csv``
    or ``drug_vocabulary.csv`` of seven letters or more that ends in a consonant, written with a
    final "e" (the French and Italian spelling of an INN: céfazoline, bémiparine), is that
    drug — where the word is itself no name of the catalogue or of either list (the converse of
    the catalogue's "methadon" for methadone, whole_text._without_final_e; prosefix9091,
    fresh90-034). And "lamivudin 100 mg/day", "ceftriaxon (2g per day)": a listed name of
    eight letters or more that ends in "e", written without it, is that drug, as the catalogue's
    "methadon" is, where no other listed drug's name is one edit from the word (prosefix9798,
    fresh97-025)."""
    found: dict[str, Drug] = {}
    catalogue = passage.catalogue
    for match in re.finditer(r"(?<![a-z0-9-])[a-z]{7,}(?![a-z0-9-])", passage.normal):
        word = match.group(0)  # "lamivudin": the listed "lamivudine" without its final "e"
        whole = word + "e"
        if word in already or word in found or word in names or whole not in names \
                or catalogue.get(word) is not None or word in NOT_A_NAME or whole in NOT_A_NAME \
                or _unlisted_spelling(word, whole, names):
            continue
        found[word] = names[whole].drug()
        passage.other_name_spans.append(match.span())
    for match in re.finditer(r"(?<![a-z0-9-])[a-z]{7,}e(?![a-z0-9-])", passage.normal):
        word = match.group(0)
        name = word[:-1]
        if word in already or word in found or word in names or name[-1] in "aeiouy" \
                or catalogue.get(word) is not None or name not in names \
                or word in NOT_A_NAME or name in NOT_A_NAME or name in _NOT_DRUGS:
            continue
        found[word] = names[name].drug()
        passage.other_name_spans.append(match.span())
    return found


def _unlisted_spelling(word: str, whole: str, names: Mapping[str, OtherDrug]) -> bool:
    """Is another listed drug's name (of the same first letter) one edit from ``word``, so
    that the word may be that name misspelt rather than ``whole`` without its final "e"?"""
    drug = names[whole].name
    return any(names[name].name != drug and _one_edit(word, name)
               for name in names if name[:1] == word[:1] and abs(len(name) - len(word)) <= 1)


#: A word as a vocabulary name is written: letters, inner hyphens ("co-trimoxazole").
_VOCABULARY_WORD = re.compile(r"(?<![a-z0-9-])[a-z][a-z-]*[a-z](?![a-z0-9-])")


def _vocabulary_names(passage: Passage, vocabulary: Mapping[str, OtherDrug],
                      taken: list[tuple[int, int]], already: Mapping[str, Drug]) -> dict[str, Drug]:
    """The names of ``drug_vocabulary.csv`` the text holds (one or two words, the two-word
    name first: "isosorbide mononitrate"), outside the words a name of
    ``other_drug_names.csv`` was found in (that list's reading wins), each with its drug."""
    found: dict[str, Drug] = {}
    if not vocabulary:
        return found
    words = list(_VOCABULARY_WORD.finditer(passage.normal))
    skip = False
    for at, word in enumerate(words):
        if skip:
            skip = False
            continue
        following = words[at + 1] if at + 1 < len(words) else None
        pair = None
        if following is not None and passage.normal[word.end():following.start()] == " ":
            pair = f"{word.group(0)} {following.group(0)}"
        if pair is not None and pair in vocabulary:
            name, span = pair, (word.start(), following.end())  # type: ignore[union-attr]
            skip = True
        elif word.group(0) in vocabulary and word.group(0) not in NOT_A_NAME \
                and word.group(0) not in _NOT_DRUGS:
            name, span = word.group(0), word.span()
        elif word.group(0).count("-") == 1 and word.group(0).replace("-", " ") in vocabulary:
            # "dimethyl-fumarate": a name of two words with a hyphen for its space
            # (prosefix103109, fresh107-028)
            if any(start < word.end() and word.start() < end for start, end in taken):
                continue
            found[word.group(0)] = vocabulary[word.group(0).replace("-", " ")].drug()
            passage.other_name_spans.append(word.span())
            continue
        else:
            continue
        if any(start < span[1] and span[0] < end for start, end in taken) \
                or _joined_to_a_drug(passage, span, vocabulary):
            continue
        if name in SALTS and any(passage.normal[end:span[0]].isspace() for _start, end in taken):
            # "amphotericin B deoxycholate": a salt or formulation word the vocabulary also
            # gives a substance (deoxycholic acid) is, right after a drug's name, that drug's
            # form (prosefix131134, fresh134-021)
            continue
        if _brand_in_brackets(passage, span, {**found, **already}):
            continue
        found[name] = vocabulary[name].drug()
        passage.other_name_spans.append(span)
    return found


def _brand_in_brackets(passage: Passage, span: tuple[int, int],
                       found: Mapping[str, Drug]) -> bool:
    """ "amphotericin B (Ambisome, Yuhan Pharma) daily": a vocabulary name opening a bracket
    right after a drug's name is that mention's brand, not a mention of its own (the amount and
    schedule around the bracket are the first name's), whether the vocabulary gives it to the
    same medicine or to a form of it (AmBisome: amphotericin B liposomal)."""
    before = passage.normal[max(0, span[0] - 60):span[0]]
    opened = re.search(r"([a-z][a-z0-9-]*(?:\s+[a-z0-9][a-z0-9-]*)?)\s*\(\s*$", before)
    if opened is None:
        return False
    words = opened.group(1).split()
    return any(found.get(name) is not None or passage.catalogue.get(name) is not None
               for name in (" ".join(words), words[-1]))


_SALT = rf"(?:{'|'.join(sorted(SALTS))})"
#: The name before a name, joined to it as a combination's parts are: a space, a slash, a dash
#: or a plus ("piperacillin tazobactam", "amoxicillin/clavulanate"), or "X sodium and"
#: before a name with its own salt ("ceftriaxone sodium and sulbactam sodium").
_PART_BEFORE = re.compile(rf"([a-z][a-z-]*[a-z])(?:\s+{_SALT})?(?:\s*[/+\u2013-]\s*|\s+)$")
_SALTED_AND_BEFORE = re.compile(rf"([a-z][a-z-]*[a-z])\s+{_SALT}\s+and\s+$")
_PART_AFTER = re.compile(r"\s*[/+\u2013-]\s*([a-z][a-z-]*[a-z])")


def _joined_to_a_drug(passage: Passage, span: tuple[int, int],
                      vocabulary: Mapping[str, OtherDrug]) -> bool:
    """Is the vocabulary name at ``span`` one part of a combination whose other part is a
    drug's name ("piperacillin tazobactam (4.5 g q.i.d.)", "amoxicillin/clavulanate",
    "ceftriaxone sodium and sulbactam sodium (3 g bid)")? Its amount is the product's, never
    the part's: the part is not read as a drug of its own."""
    def a_drug(word: str) -> bool:
        return (passage.catalogue.get(word) is not None or word in passage.knowledge.other_drugs
                or word in vocabulary) and word not in NOT_A_NAME
    before = passage.normal[max(0, span[0] - 60):span[0]]
    found = _PART_BEFORE.search(before)
    if found is not None and a_drug(found.group(1)):
        return True
    found = _SALTED_AND_BEFORE.search(before)
    salted = (re.search(rf"\s{_SALT}$", passage.normal[span[0]:span[1]])
              or re.match(rf"\s+{_SALT}\b", passage.normal[span[1]:span[1] + 20]))
    if found is not None and salted and a_drug(found.group(1)):
        return True
    found = _PART_AFTER.match(passage.normal[span[1]:span[1] + 60])
    return found is not None and a_drug(found.group(1))


def _listed_as(name: str, listed: Mapping[str, OtherDrug],
               spaced: Mapping[str, OtherDrug]) -> OtherDrug | None:
    """The listed drug a name found in the text is, as written or without the salt words
    after its parts but the last ("piperacillin sodium and tazobactam": piperacillin +
    tazobactam, the product, not its second part)."""
    other = listed.get(name) or spaced.get(re.sub(r"[-/]", " ", name))
    if other is None:  # "trimethoprim- sulfamethoxazole": a combination's dash with a space
        other = listed.get(_JOIN_SPACED.sub(r"\1", name))
        other = other if other is not None and " + " in other.name else None
    if other is None:
        words = re.split(r"[\s-]+", name)
        bare = " ".join(word for at, word in enumerate(words)
                        if word not in SALTS or at == len(words) - 1)
        other = listed.get(bare) or spaced.get(bare)
    return other


#: A dash or slash between two words with spaces beside it ("trimethoprim– sulfamethoxazole").
_JOIN_SPACED = re.compile(r"(?<=[a-z])\s*([-/])\s*(?=[a-z])")


def _combination_spaced(pattern: str, other: OtherDrug) -> str:
    """The pattern of a combination's name (a listed drug named "a + b") with the dash or
    slash between its components allowed spaces beside it, as text taken from a PDF sets them
    ("trimethoprim– sulfamethoxazole", "piperacillin / tazobactam"; prosefix7475), or a space
    alone ("piperacillin tazobactam", "amoxicillin clavulanate": the product's components side
    by side)."""
    if " + " not in other.name:
        return pattern
    return re.sub(r"(?<=[a-z])(\\-|/)(?=[a-z])", r"(?:\\s*\1\\s*|\\s+)", pattern)


def _analogue_names(listed: Mapping[str, OtherDrug]) -> dict[str, OtherDrug]:
    """The names of an insulin analogue written without the word insulin first: "glargine
    insulin 18 units", "Glargine 40 units OD" — the analogue's own name (insulin glargine,
    lispro, aspart …) names the analogue, never plain insulin (the WHO list and each label
    name the analogue by it)."""
    found: dict[str, OtherDrug] = {}
    for name, other in listed.items():
        analogue = re.fullmatch(r"insulin ([a-z]{5,})", name)
        if analogue is not None and other.name == name:
            found[f"{analogue.group(1)} insulin"] = other
            found[analogue.group(1)] = other
    return found


def _reversed_names(listed: Mapping[str, OtherDrug]) -> dict[str, OtherDrug]:
    """A fixed combination of two components named in the other order: "tazobactam/piperacillin
    (TAZ/PIPC) (4.5g q12h)" is the product the list names "piperacillin/tazobactam"
    (prosefix114117, fresh115-003) — a slash, a hyphen or "and" between two names lists the
    components, in either order. Only a combination's two-part names are turned round, and never
    onto a name the list gives another drug."""
    found: dict[str, OtherDrug] = {}
    for name, other in listed.items():
        if " + " not in other.name or other.name.count(" + ") != 1:
            continue
        parts = re.fullmatch(r"([a-z][a-z ]*?)(\s*/\s*|-| and )([a-z][a-z ]*)", name)
        if parts is None:
            continue
        turned = f"{parts.group(3)}{parts.group(2)}{parts.group(1)}"
        if turned not in listed:
            found[turned] = other
    return found


def _plus_names(listed: Mapping[str, OtherDrug]) -> dict[str, OtherDrug]:
    """A combination's name written with "plus" where the list writes "and": "piperacillin
    plus tazobactam (4.5 g every 8 h)" is the product the list names "piperacillin and
    tazobactam" (prosefix8889, fresh89-028) — "plus" joins the components as "and" does."""
    return {name.replace(" and ", " plus "): other for name, other in listed.items()
            if " + " in other.name and " and " in name}


def _misspelt(word: str, names: Iterable[str]) -> bool:
    """A word with an INN stem that has a listed name's letters, the same number of each, at
    most two places apart ("metrodinazole", "metronidazole"): a misspelling of that name, not an
    INN of its own — read as no drug (its amount keeps its ``unknown-name`` warning), and never
    mapped to the name it resembles, which the text does not write. So is a word one letter
    changed, added or left out from a listed name ("sulfamethaxazole", "gancyclovir")."""
    letters = sorted(word)
    return any((len(name) == len(word) and name != word and sorted(name) == letters
                and sum(a != b for a, b in zip(name, word, strict=True)) <= 2)
               or _one_edit(word, name) for name in names)


def _one_edit(word: str, name: str) -> bool:
    """Is the word one letter changed, added or left out from the name ("sulfamethaxazole",
    "sulfamethoxazole"; "gancyclovir", "ganciclovir")? Names shorter than six letters are
    left out: a short INN may well be one letter from another."""
    if word == name or len(name) < 6 or abs(len(word) - len(name)) > 1:
        return False
    if len(word) == len(name):
        return sum(a != b for a, b in zip(word, name, strict=True)) == 1
    short, long = sorted((word, name), key=len)
    at = next((i for i, (a, b) in enumerate(zip(short, long, strict=False)) if a != b),
              len(short))
    return short[at:] == long[at + 1:]


def set_aside_for_others(passage: Passage) -> set[int]:
    """Where the amounts begin that the reading of the catalogue's drugs set aside as a name's
    it does not know, or bound to no drug: the amounts an item not in the catalogue may be
    read from; and every amount whose unit is joined to its number by a hyphen ("intravenous
    325-mg amphotericin B"), which the first reading reads only before a catalogue drug's name
    (an adjective of the noun after it): an item of a catalogue drug read there is not kept
    from the second reading, so only a name the catalogue does not know gets it (fresh76-009)."""
    unattached = {n.span[0] for n in passage.not_doses if n.why in _UNATTACHED}
    hyphened = {m.start() for m in _HYPHENED_AMOUNT.finditer(passage.normal)}
    return set(passage.unknown_amounts) | unattached | hyphened


#: An amount written as an adjective, its unit joined by a hyphen ("325-mg", "0.5-g").
_HYPHENED_AMOUNT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?-(?:mg|g|mcg|µg|ug)(?![a-z])")


def read_other_items(first: Reading, passage: Passage, second: Reading,
                     knowledge: Knowledge) -> Reading:
    """The first reading with the items of drugs the catalogue does not know that the second
    reading read from amounts the first set aside; each in the state of the first reading whose
    words it was read from, its ``unknown-name`` (or ``amount-not-attached``) warning replaced
    by an INFO ``not-in-catalogue`` finding."""
    free = set_aside_for_others(passage)
    others: list[OtherItem] = []
    seen: set[tuple[object, ...]] = set()
    for state in second.states:
        for item in state.items:
            if item.drug.listed or item.carried or item.amount_span is None \
                    or item.amount_span[0] not in free or _not_its_own(second, passage, item) \
                    or _laboratory_value(passage, item.drug_span):
                continue
            key = (item.span, item.amount_span, item.daily_mg, item.per_dose and str(item.per_dose))
            if key in seen:
                continue
            seen.add(key)
            listed = knowledge.other_drugs.get(item.drug.name)
            others.append(_other_item(item, listed.drug_class if listed is not None else None))
    if not others:
        return first
    states = list(first.states)
    if not states:  # the text gives only drugs the catalogue does not know
        label = second.states[0].label if second.states else "as read"
        from mpsdose.io.prose.totals import state_totals

        states = [state_totals(ReadState(label, second.states[0].span if second.states else (0, 0),
                                         ()), passage.table, knowledge)]
    held: list[list[OtherItem]] = [[] for _ in states]
    for other in others:
        where = max((i for i, s in enumerate(states) if s.span[0] <= other.span[0]), default=0)
        held[where].append(other)
    states = [attrs.evolve(state, not_in_catalogue=(*state.not_in_catalogue, *sorted(
        mine, key=lambda o: o.span))) for state, mine in zip(states, held, strict=True)]
    amounts = {o.amount_span for o in others}
    names = {o.name_span for o in others}
    findings = [f for f in first.findings if not _answered(f, amounts, names)]
    findings += [ReadFinding(Finding(
        Severity.INFO, "not-in-catalogue",
        f"{visible(repr(o.as_written))}: {o.name} is not in mpsdose's catalogue (named as a drug by "
        f"{_source_name(o.source)}): read, not totalled, not checked", _SOURCE), o.span)
        for o in others]
    # an assumption the second reading made in reading a kept item is said for it too
    spans = {o.span for o in others}
    findings += [f for f in second.findings if f.finding.code in _CARRIED and f.span in spans]
    not_doses = tuple(n for n in first.not_doses if n.span not in amounts)
    return attrs.evolve(first, states=tuple(states), findings=tuple(findings), not_doses=not_doses)


def _not_its_own(second: Reading, passage: Passage, item: ReadItem) -> bool:
    """Is the amount not the named drug's own? Where the item names its drug in its own words
    (not a sentence referring back), only the words of its phrase may stand between the name
    and the amount: another word that could be a drug's name ("Doxycycline was discontinued
    and she was given sucralfate 1 g qid", "carbamazepine: 200 mg bid, and clobazam: 5mg bid")
    makes the amount that name's, and the item is not kept. A name joined to another by "/" or
    "+" ("amoxicillin/clavulanic acid 1g") is a combination product's, whose amount is not one
    component's."""
    assert item.amount_span is not None
    text = passage.normal
    name_start, name_end = item.drug_span
    if _LIST.search(text, *item.amount_span) and any(
            other.amount_span == item.amount_span and other.drug != item.drug
           and other.drug_span != item.drug_span for state in second.states
           for other in state.items):
        return False  # "A and B … 1050 and 200 mg/day": the amounts paired with the names
    # "cetirizine/pseudoephedrine 10/120 mg": one strength for each name, read by components
    # (an amount with as many strengths as names); "amoxicillin/clavulanic acid 1g" is not
    components = re.search(r"\d\s*/\s*\d", text[slice(*item.amount_span)]) is not None
    if not components and (re.match(r"\s*[/+-]\s*[a-z]", text[name_end:])
                           or (re.search(r"[a-z]\s*[/+-]\s*$", text[:name_start])
                               and not _AMOUNT_JOINED_BEFORE.search(text[:name_start])
                               and not _SCHEDULE_JOINED_BEFORE.search(text[:name_start])
                               and not _same_drug_dashed_before(passage, item))):
        return True
    if components and re.fullmatch(r"(?:\s*/\s*[a-z]+)+\s*", text[name_end:item.amount_span[0]]):
        return False  # the other components' names, each after a slash
    if _EACH_NAMED.fullmatch(text, name_end, item.amount_span[0]) \
            and _EACH_AFTER.match(text, item.amount_span[1]):
        return False  # "atorvastatin and ezetimibe (10 mg each)": the amount is each name's
    start, end = (name_end, item.amount_span[0]) if name_end <= item.amount_span[0] \
        else (item.amount_span[1], name_start)
    if _SENTENCE_END.search(second.text[start:end]):
        return False  # referred back to from a later sentence: the second reading's rules
    if start == name_end and _VEHICLE_BETWEEN.fullmatch(text, start, end) \
            and not _VOLUME.search(text, *item.amount_span):
        return False  # "vitamin C in normal saline (500 mg tid)": the solution, not a drug
    if _change_referring_back(second, item, start, end):
        return _named_between(second, passage, start, end)
    paired = _PAIR_AFTER_AMOUNT.search(second.text, start, end) if start == name_end else None
    if paired is not None and paired.end() == end \
            and paired.group(1).lower() not in NOT_A_NAME | _PHRASE_WORDS | _UNIT_WORDS:
        return True  # "captopril 50mg / HCT 25mg": the word after the slash heads the amount
    tokens = scan(second.text, text, start, end, passage.vocabulary)
    kept = _outside_remarks(tokens)
    # "a loading oral dose of 500 μg through ryles tube followed by 100 μg daily": the words of
    # a feeding tube are a route, no drug's name (prosefix126128, fresh126-003)
    tubes = [m.span() for m in _THROUGH_TUBE.finditer(text, start, end)]
    kept = [t for t in kept if not any(a <= t.start < b for a, b in tubes)]
    # a brand in brackets right after the name is the name's ("immunoglobulin (Hyper-Tet 250
    # U)"), as the catalogue's reading holds "methyl-prednisolone (Urbason 40 mg)"
    return any(token.kind == "word" and not chemical_formula(second.text[token.start:token.end])
               and not _after_modal(kept, at)
               and (name_like(str(token.value)) or (
        (_hyphened_name(second.text[token.start:token.end])
         or _hyphened_chemical(second.text[token.start:token.end]))
        and not re.fullmatch(r"\s*[(\[]\s*", text[name_end:token.start])))
        and str(token.value) not in NOT_A_NAME | _PHRASE_WORDS
        for at, token in enumerate(kept))


#: The solution a drug is given in, between its name and its amount: "vitamin C in normal
#: saline (500 mg tid)", "ceftriaxone in 5% dextrose, 2 g". It names no other drug, so the amount
#: after it stays the name's (prosefix126128, fresh127-011).
_VEHICLE_BETWEEN = re.compile(
    r"\s*,?\s*(?:diluted\s+|dissolved\s+)?in\s+(?:\d+(?:\.\d+)?\s*%\s*)?"
    r"(?:sterile\s+)?" + VEHICLES +
    r"(?:\s*\d+(?:\.\d+)?\s*%)?\s*[(\[,:]?\s*")
#: A feeding tube an amount is given through: "through ryles tube", "via a nasogastric tube",
#: "by NG tube", "per PEG tube".
_THROUGH_TUBE = re.compile(r"\b(?:through|via|by|per)\s+(?:an?\s+|the\s+|his\s+|her\s+)?"
                           r"(?:[a-z][a-z'’\-]*\s+){0,2}tube\b")
#: A volume unit: an amount in a vehicle's volume is not the drug's.
_VOLUME = re.compile(r"\d\s*(?:ml|l|cc|litres?|liters?)\b")


def _after_modal(tokens: list[Token], at: int) -> bool:
    """ "regorafenib, which she could only tolerate at a low dose of 40 mg daily": the word
    after a modal auxiliary ("could", "would", "must" …; adverbs such as "only", "not" between)
    is the clause's verb, never a drug's name between the name and its amount (prosefix122125,
    fresh125-004)."""
    position = at - 1
    while position >= 0 and tokens[position].kind == "word" \
            and str(tokens[position].value) in MODAL_ADVERBS:
        position -= 1
    return position >= 0 and tokens[position].kind == "word" \
        and str(tokens[position].value) in MODALS


#: The symbols of the elements a medicine's chemical formula is written with.
_ELEMENTS = ("Na", "Mg", "Ca", "Cl", "Fe", "Zn", "Li", "Al", "Cu", "Br", "Se", "Mn", "Co", "Si",
             "Bi", "Ag", "H", "C", "N", "O", "K", "S", "P", "I", "F", "B")
_FORMULA = re.compile(rf"(?:(?:{'|'.join(_ELEMENTS)})\d*){{2,}}")


def chemical_formula(written: str) -> bool:
    """ "oral sodium bicarbonate (NaHCO 3 , 2 g/day)", "magnesium sulfate (MgSO4, 2 g)": is the
    word, as written, a chemical formula — two element symbols or more, each perhaps with its
    count, and a small letter or a digit among them (so "CO", "NO" or "HCl"-less capitals are
    not)? The formula in brackets after a name restates that name; it names no other drug, so
    the amount after it stays the name's (prosefix114117, fresh116-013). A count written apart
    ("NaHCO 3") is a number the reader leaves alone."""
    return _FORMULA.fullmatch(written) is not None \
        and any(c.islower() or c.isdigit() for c in written)


#: A name written right before another with a dash between them ("Keppra – Levetiracetam").
_DASHED_BEFORE = re.compile(r"([a-z][a-z0-9]*(?:\s+[a-z][a-z0-9]*)?)\s*-\s*$")


def _same_drug_dashed_before(passage: Passage, item: ReadItem) -> bool:
    """ "Keppra – Levetiracetam 3 x 250 mg/day": a brand (or another name of the same medicine)
    joined by a dash to the name after it names that medicine twice, not two parts of a
    combination — the amount after the second name is the medicine's own (prosefix111113,
    fresh111-015). A name of another medicine before the dash ("amoxicillin-clavulanate
    875 mg") still makes a combination, whose amount is not one part's."""
    before = _DASHED_BEFORE.search(passage.normal, max(0, item.drug_span[0] - 40),
                                   item.drug_span[0])
    if before is None:
        return False
    words = before.group(1).split()
    names = (" ".join(words), words[-1]) if len(words) > 1 else (words[0],)
    knowledge = passage.knowledge
    for name in names:
        other = knowledge.drug_vocabulary.get(name) or knowledge.other_drugs.get(name)
        if other is not None:
            return other.drug().name == item.drug.name
    return False


#: A change's words that refer back to the drug named before it ("then reduced to 10 mg/day").
_CHANGE_ACTIONS = frozenset({"changed"})


def _change_referring_back(second: Reading, item: ReadItem, start: int, end: int) -> bool:
    """Is the item a change of a dose told before it in the same sentence ("Palovarotene
    20 mg/day was started at fracture occurrence and continued for 4 weeks, then reduced to
    10 mg/day")? Its words ("reduced to 10 mg/day") do not hold the name, and the drug's own
    earlier amount stands between the name and them: the change refers back to the drug, as the
    catalogue's reading carries a dose told before (prosefix99102, fresh99-015)."""
    if item.action not in _CHANGE_ACTIONS or item.span[0] < start or item.drug_span[1] != start:
        return False
    return any(other.drug == item.drug and other.amount_span is not None
               and other is not item and other.span[0] <= start
               and start <= other.amount_span[0] and other.amount_span[1] <= item.span[0] <= end
               for state in second.states for other in state.items)


def _named_between(second: Reading, passage: Passage, start: int, end: int) -> bool:
    """Does another drug stand between a dose and its change referring back to it: a word shaped
    like an international nonproprietary name ("ondansetron"), a capitalised word inside the
    sentence (a brand, "Zofran") or a chemical name of hyphened parts, capitalised or not
    ("N-acetylcysteine", "dimethyl-fumarate")? Ordinary words
    ("fracture occurrence") name no drug; the catalogue's reading lets them pass, as it does."""
    for token in scan(second.text, passage.normal, start, end, passage.vocabulary):
        if token.kind == "drug":
            return True
        if token.kind != "word" or str(token.value) in NOT_A_NAME | _PHRASE_WORDS:
            continue
        written = second.text[token.start:token.end]
        if INN_STEM.fullmatch(str(token.value)) or _hyphened_name(written) \
                or _hyphened_chemical(written) or (
                written[:1].isupper() and not re.search(r"[.!?]\s*$", second.text[:token.start])):
            return True
    return False


def _hyphened_name(written: str) -> bool:
    """ "Hiyosin-N-butilbromür", "N-Acetylcysteine": a capitalised word of parts joined by
    hyphens, one of them a word that could be a drug's name — a chemical name, which the amount
    after it belongs to (prosefix9798, fresh12-027: "ranitidin 50 mg iv and
    Hiyosin-N-butilbromür 20 mg im" once gave the 20 mg to ranitidine)."""
    parts = written.split("-")
    return len(parts) > 1 and written[:1].isupper() and all(part.isalpha() for part in parts) \
        and any(name_like(part.lower()) for part in parts)


def _hyphened_chemical(written: str) -> bool:
    """ "dimethyl-fumarate", "ethyl-eicosapentaenoate": a word of two or more parts joined by
    hyphens, lower case, each part five letters or more and shaped like a word of a drug's name
    (no adverb, participle or number word), one of them more than a salt's or an ordinary word
    ("fumarate" alone is a salt) — a chemical name, whose hyphen stands for the space between
    its words. Between a name and an amount it names the drug the amount is given to, as a
    capitalised one does (prosefix103109, fresh107-028: "natalizumab, while she was being
    treated with dimethyl-fumarate 240 mg twice daily" once gave the 480 mg a day to
    natalizumab). "extended-release", "slow-release", "long-term", "dose-dependent" and
    "twice-daily" are not so shaped in every part."""
    parts = written.split("-")
    return len(parts) > 1 and written.islower() and all(name_like(part) for part in parts) \
        and any(part not in NOT_A_NAME | _PHRASE_WORDS | _UNIT_WORDS for part in parts)


#: A slash or "+" right after another name's amount ("captopril 50mg / HCT 25mg", "enalapril
#: 20 mg + hydrochlorothiazide 12.5 mg"): the name after it begins a pair of its own, a name and
#: its own amount, as a product's components are listed one by one — not the second word of a
#: combination's name ("amoxicillin/clavulanic acid 1g"), whose amount is the product's
#: (prosefix9798, fresh97-004: the second strength went to the first drug).
#: (the amount may be a day's, "Isoniazid 0.3g/day + rifampicin 0.5g/day": the "+" after a daily
#: amount joins the next item of a list, not a combination's second name — readgen, fresh54-016)
_AMOUNT_JOINED_BEFORE = re.compile(
    r"\d\s*(?:mg|mcg|µg|ug|g|gm|mgs|grams?|milligrams?|micrograms?|iu|units?)"
    r"(?:\s*/\s*(?:kg\s*/\s*)?(?:day|d|24\s*h(?:ours?)?))?\s*[/+]\s*$")

#: A slash or "+" right after another item's schedule ("colistin 1megaunit twice
#: daily/tobramycin 300mg twice daily", "bid / ", "q12h/"): that item is whole, and the name after
#: the slash opens an item of its own with its own amount — not the second word of a
#: combination's name (prosefix111113, fresh113-023: tobramycin 600 mg/day was not read).
_SCHEDULE_JOINED_BEFORE = re.compile(
    r"(?<![a-z])(?:daily|a day|per day|nightly|at night|hourly|od|bd|bid|tid|qid|tds|qds|"
    r"b\.i\.d|t\.i\.d|q\.i\.d|o\.d|q\s?\d+\s?h)\.?\s*[/+]\s*$")


#: A word after another amount and a slash or "+", right before this amount ("captopril 50mg /
#: HCT 25mg"): a component's name and its own strength, listed one by one, whether or not the
#: reader knows the word — the amount is never the first name's (prosefix9798, fresh97-004).
_PAIR_AFTER_AMOUNT = re.compile(r"\d\s*[a-zµA-Z]{1,10}\s*[/+]\s*([A-Za-z][A-Za-z-]*)\s*")
#: Units and route words that may stand after a slash in an amount's words ("10 mg / 5 mL").
_UNIT_WORDS = frozenset({"ml", "mg", "g", "kg", "mcg", "l", "dl", "h", "hr", "hrs", "hour",
                         "hours", "day", "days", "d", "dose", "min", "iv", "im", "sc", "po"})


def _outside_remarks(tokens: list[Token]) -> list[Token]:
    """The tokens outside brackets that hold words with no amount or number: a remark between
    a name and its amount ("dipotassium clorazepate (metabolized to nordazepam) 200 mg per
    day") says something of the drug, and names no drug whose amount it is."""
    kept: list[Token] = []
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.kind == "open":
            close = next((i for i in range(position + 1, len(tokens))
                          if tokens[i].kind in ("open", "close")), None)
            if close is not None and tokens[close].kind == "close" and all(
                    t.kind not in ("amount", "number", "drug") for t in tokens[position + 1:close]):
                position = close + 1
                continue
        kept.append(token)
        position += 1
    return kept


#: Between the first of two names and the amount in brackets after the second, whose "each"
#: makes it each name's ("atorvastatin and ezetimibe (10 mg each)").
_EACH_NAMED = re.compile(r"\s+and\s+[a-z][a-z-]*\s*\(\s*")
_EACH_AFTER = re.compile(r"\s*each\s*\)")
#: Amounts of a list ("1050 and 200 mg/day", "60, 40 mg"), paired in order with names of a list.
_LIST = re.compile(r"\d\s*(?:,\s*(?:and\s+)?|and\s+)\d")
#: The end of a sentence between a name and an amount: the amount refers back to the name.
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]")
#: Words of an item's phrase that look like names and are not ("maintenance dose of").
_PHRASE_WORDS = frozenset({"maintenance", "additional", "tablets", "tablet", "capsules", "capsule",
                           "patient", "orally", "intravenously", "subcutaneously", "which",
                           "every", "hours", "morning", "evening", "night", "bedtime", "after",
                           "before", "later", "subsequently", "initially", "prescribed", "given",
                           "started", "commenced", "increased", "decreased", "reduced", "titrated",
                           "administered", "received", "taking", "using", "continued", "until",
                           "tapered", "switched", "changed", "dosed", "divided", "times", "twice",
                           "thrice", "course", "weeks", "months", "hospital", "admission",
                           # "… from age 40 to 42 years": a duration or an age, as weeks and
                           # months are (prosefix8889, fresh89-024)
                           "days", "years",
                           "therapeutic", "level", "levels", "regimen", "dosage", "total",
                           # "remdesivir 200 mg on first day followed by 100 mg once daily": the
                           # ordinals of days and doses (prosefix8485, fresh85-031)
                           "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                           "eighth", "ninth", "tenth",
                           # "a 400 mg twice a day loading dose followed by four subsequent days
                           # of a 200 mg twice a day regimen": the words of a course's sequence
                           # (prosefix8687, fresh87-012)
                           "subsequent", "following", "next", "remaining", "consecutive",
                           # "switched back to bromocriptine at a higher dose of 10 mg twice
                           # daily": a comparison of the dose (prosefix8687, fresh87-021)
                           "higher", "lower", "larger", "smaller", "greater", "previous",
                           # "hydroxychloroquine …, but was on a stable dose of 200 mg twice
                           # daily": words that say the dose held (prosefix8889, fresh89-024)
                           "stable", "steady", "usual", "same", "unchanged", "constant",
                           # "started on thyroxine replacement and the dose was gradually
                           # increased to150 mcg daily": a kind of treatment, no drug's name, as
                           # the catalogue's reading holds "prednisolone therapy (60 mg/day)"
                           # (prosefix9798, fresh98-003)
                           "replacement", "therapy", "treatment", "supplementation",
                           "substitution", "prophylaxis"})


def _answered(finding: ReadFinding, amounts: set[tuple[int, int]],
              names: set[tuple[int, int]]) -> bool:
    """Is the finding a warning of the first reading about an amount now read as an item not in
    the catalogue (its words hold the amount), or about that item's name (its words are the
    name)?"""
    span = finding.span
    if finding.finding.code not in _ANSWERED or span is None:
        return False
    # "isosorbide" of "isosorbide mononitrate": a word of a name of several words is that name
    if finding.finding.code == "unknown-name" and any(
            start <= span[0] and span[1] <= end for start, end in names):
        return True
    return any(span[0] <= amount[0] and amount[1] <= span[1] for amount in amounts)


def _source_name(source: str) -> str:
    """The source of a name, short: the list or label before its details."""
    if source == INN_STEM_SOURCE:
        return "its WHO INN stem"
    return source.split(" (")[0].split(",")[0] if source else "a sourced list"


def _other_item(item: ReadItem, drug_class: str | None) -> OtherItem:
    assert item.amount_span is not None
    return OtherItem(
        as_written=item.as_written, span=item.span, name=item.drug.name,
        name_span=item.drug_span, amount_span=item.amount_span, drug_class=drug_class,
        source=item.drug.source,
        route=item.route, prn=item.prn, per_dose=item.per_dose, frequency=item.frequency,
        daily_dose=item.daily_dose, daily_mg=item.daily_mg, action=item.action)
