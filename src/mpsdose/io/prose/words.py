"""Word lists and word shapes that several passes of the reader share.

Words that glue a drug's phrase together, salts and descriptors that are no drug's name, nouns
of giving, the shape of a drug's name the catalogue may not know (an INN stem, a long word), the
words that name one patient, and counts of dosage units. (The scanner's words are in
:mod:`.lexicon`; words that one pass alone uses stay in its module.)
"""

from __future__ import annotations

import re

from mpsdose.io.prose.lexicon import WORD_NUMBERS
from mpsdose.io.prose.scan import Token

__all__ = [
    "CONDITIONS",
    "COUNTED",
    "DESCRIPTORS",
    "GLUE",
    "INN_STEM",
    "MODIFIERS",
    "NAME_NOUNS",
    "NOT_A_NAME",
    "NOT_NAMES",
    "ONE_PATIENT",
    "ROUTE_NOUNS",
    "MODALS",
    "MODAL_ADVERBS",
    "SALTS",
    "SERVICES",
    "VEHICLES",
    "name_like",
    "unit_count",
]

#: The solutions a drug is given in ("in normal saline", "in 5% dextrose"), as a regex group:
#: they name no drug, so an amount after them is the named drug's.
VEHICLES = r"(?:normal\s+saline|saline|dextrose|glucose|sodium\s+chloride|nacl|d5w|water)"

#: Words that may stand inside an item's phrase, between its drug's name, its amount and their
#: modifiers ("a daily dose of", "morphine sulfate", "preservative-free"): they name no drug and
#: end no phrase.
GLUE = frozenset({
    "of", "a", "an", "the", "his", "her", "their", "dose", "doses", "dosage", "dosing", "at",
    "rate", "with", "was", "were", "is", "to", "up", "by", "in", "as", "its", "then", "gradually",
    "further", "eventually", "also", "initial", "starting", "total", "daily", "low", "high",
    "concentration", "preservative-free", "isobaric", "hyperbaric", "plain", "therapy",
    "treatment", "regimen", "formulation", "subanesthetic", "subanaesthetic", "individualised",
    "individualized", "it", "had", "be", "been", "being", "hospital", "via", "through", "self",
    "administered", "sulphate", "sulfate", "hydrochloride", "citrate", "base", "salt", "release",
    "acting", "-", "new", "same", "this", "that", "these", "those", "for", "and",
    "containing", "contained", "consisting", "elastomeric", "ambulatory",
    # "a reduced lithium posology (1320 mg/day)", "vancomycin dosing schedule [1750 mg …]":
    # nouns of the dose, no drug's name (prosefix7879)
    "posology", "schedule",
    # "carnitine supplementation at 500mg twice daily", "Pyridoxine supplement (300 mg/d)": a
    # supplement is a kind of treatment, as "therapy" is, no drug's name (prosefix103109)
    "supplement", "supplements", "supplementation",
})
#: Words after an amount that are not a drug's name.
NOT_NAMES = frozenset({"taken", "given", "twice", "three", "every", "daily", "total", "which",
                       "where", "while", "until", "after", "before", "during", "since",
                       "because", "without", "within", "reduction", "increase", "decrease",
                       "finally", "respectively", "patients",
                       # the modal auxiliaries ("which she could only tolerate at …";
                       # prosefix122125, fresh125-004)
                       "could", "would", "should", "might"})
#: The modal auxiliaries, whose next verb ("could only tolerate") is no drug's name, and the
#: adverbs that may stand between them and it. Not "may", which is also a month ("in May
#: imatinib 400 mg …").
MODALS = frozenset({"could", "would", "should", "might", "shall", "can", "will", "must"})
MODAL_ADVERBS = frozenset({"only", "not", "also", "still", "then", "never", "no", "longer",
                           "barely", "hardly", "just"})
#: The kinds of token that modify an item: its route, release, form, schedule, as needed, PCA,
#: infusion, device, lockout, and "about".
MODIFIERS = frozenset({"route", "release", "form", "prn", "pca", "infusion", "device", "freq",
                       "lockout", "approx"})
#: Salt words that follow a drug's name ("donepezil hydrochloride", "morphine sulfate").
SALTS = frozenset({"hydrochloride", "hcl", "sulfate", "sulphate", "citrate", "tartrate",
                   "bitartrate", "maleate", "mesylate", "besylate", "sodium", "potassium",
                   "phosphate", "acetate", "fumarate", "succinate", "bromide", "acid",
                   # the British spellings, and the esters written after a name as a salt is
                   # ("olmesartan medoxomil 40mg qd", "candesartan cilexetil", "cefuroxime axetil")
                   "mesilate", "besilate", "hydrobromide", "medoxomil", "cilexetil", "axetil",
                   "pivoxil",
                   # water of crystallisation, written after a name or a combination as a salt
                   # is ("tazobactam/piperacillin hydrate", "naloxone hydrochloride dihydrate";
                   # prosefix122125, fresh123-005)
                   "hydrate", "hemihydrate", "monohydrate", "dihydrate", "trihydrate",
                   "pentahydrate",
                   # the bile salt amphotericin B is formulated with ("amphotericin B
                   # deoxycholate", the conventional product): the drug's form, no drug of its
                   # own (prosefix131134, fresh134-021)
                   "deoxycholate"})
#: Words that describe a dose and may stand where a name would ("basal 0.5 mg/h").
DESCRIPTORS = frozenset({"basal", "loading", "starting", "final", "target", "current", "usual",
                         "morning", "evening", "night", "bedtime", "weekly", "hourly",
                         "background", "baseline", "standard", "single", "double",
                         "equivalent", "dosage", "strength", "volume", "amount", "doses",
                         "maximum", "minimum", "further", "another", "other", "demand",
                         "rescue", "breakthrough", "total", "daily", "nightly"})
#: Nouns of giving that join a route to its drug ("intravenous administration of morphine").
ROUTE_NOUNS = frozenset({"administration", "instillation", "delivery", "application"})
#: Words that name one patient ("he", "the patient", "a 64-year-old"): a sentence with one speaks
#: of the patient of the report.
ONE_PATIENT = re.compile(
    r"\b(?:he|she|his|her|him|mr|mrs|ms|the\s+patient|this\s+patient|a\s+patient|our\s+patient"
    r"|the\s+man|the\s+woman|the\s+boy|the\s+girl)\b|\b\d+\s*-?\s*year\s*-?\s*old\b")
#: The endings of international nonproprietary names (WHO stems: "ziconotide", "levetiracetam"
#: is not among them, "pamidronate", "ondansetron" …): a word shaped like a drug's name the catalogue
#: does not know. A sentence that names one is about that drug, so an amount in it is never given to
#: the drug the story was about before.
INN_STEM = re.compile(
    r"[a-z]{3,}(?:caine|cillin|mycin|oxacin|conazole|azole|vir|mab|tinib|platin|rubicin|tide|"
    r"relin|pril|sartan|olol|dipine|statin|zepam|zolam|tidine|prazole|setron|triptan|dronate|"
    r"profen|coxib|fenac|olone|parin|xaban|thiazide|semide|oxetine|pramine|triptyline|peridol|"
    r"apine|orphine|codone|morphone|fentanil|barbital|etacin|gliptin|lukast|trexate|trexed|"
    r"fosfamide|phosphamide|taxel|poside|citabine|mustine)")
#: Nouns after a drug's name that make it a condition, not a treatment ("fentanyl overdose").
CONDITIONS = frozenset({"overdose", "overdoses", "toxicity", "intoxication", "poisoning",
                        "withdrawal", "allergy", "intolerance", "dependence", "addiction",
                        "misuse", "abuse", "complication", "complications"})
#: Nouns after a drug's name that make it a service ("his community methadone clinic").
SERVICES = frozenset({"clinic", "clinics", "program", "programme", "programs", "programmes",
                      "service", "services", "centre", "center"})
#: Words between a drug's name and the verb of a general statement: "Morphine treatment
#: dramatically improves pain control", "OxyContin, a controlled-release oxycodone hydrochloride
#: tablet, is …".
NAME_NOUNS = frozenset({"treatment", "therapy", "use", "administration"})
#: Words that are no drug's name, where a name the catalogue does not know is looked for.
NOT_A_NAME = GLUE | NOT_NAMES | DESCRIPTORS | SALTS
#: Dosage units counted before a strength's schedule ("600mg; 1 capsule by mouth 3 times daily").
COUNTED = frozenset({"tablet", "capsule", "suppository"})


def unit_count(token: Token) -> int | None:
    """A count of dosage units, 1 to 4: "2", "two"."""
    if token.kind == "number" and float(token.value).is_integer():
        count = int(token.value)
    elif token.kind == "word" and token.value in WORD_NUMBERS:
        count = WORD_NUMBERS[str(token.value)]
    else:
        return None
    return count if 1 <= count <= 4 else None


def name_like(word: str) -> bool:
    """A word that could be a drug's name the catalogue does not know: letters, five or more,
    not an adverb or a participle ("simultaneously", "starting", "reduced")."""
    return word.isalpha() and len(word) > 4 and not word.endswith(("ly", "ing", "ed")) \
        and word not in WORD_NUMBERS
