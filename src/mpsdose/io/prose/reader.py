"""Read a case report's prose into the course it describes (CONTRACT.md §6).

A deterministic reader, in four passes over each sentence in story order:

1. **Tokens** (:mod:`.scan`): drug names the catalogue knows (and abbreviations the text itself
   defines, "morphine sulfate (MS)"), amounts with their units, and the words around them
   (routes, releases, forms, schedules, PRN and PCA words, verbs of change, negation, time).
2. **Numbers that are not doses** are set aside with the reason: laboratory values, totals the
   authors print (oral morphine equivalents, use, series medians and ranges), steps, marketed
   strengths, thresholds.
3. **Items**: each remaining amount is bound to the drug it belongs to — the drug right after it
   ("2 mg/day of morphine"), else the nearest drug before it in the sentence (skipping
   brackets), else, where the sentence refers back ("the dose was increased to …"), the drug the
   story is about, said in a finding. A drug named without an amount is an item with its dose
   unknown. Each item is written in the item language and parsed by it, so the same checks hold.
4. **The story**: verbs of change (started, added, increased, switched, stopped, continued) and
   time words open new states; a new state carries the items the text does not say changed, and
   says so.

Nothing is invented: a daily amount is given only where the text gives it (a rate, a daily
amount, a dose with its frequency, a concentration with its rate, a weight-based dose with the
weight the text gives); everything else is None with a finding saying why.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

import attrs

from mpsdose.io.language import parse_item
from mpsdose.io.prose.lexicon import DECIMAL_COMMA, WORD_NUMBERS
from mpsdose.io.prose.result import (
    Measure,
    NotADose,
    PrintedTotal,
    ReadFinding,
    Reading,
    ReadItem,
    ReadState,
)
from mpsdose.io.prose.scan import Amount, DrugName, Token, Vocabulary, scan
from mpsdose.io.prose.text import normalise, sentences
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.boundary import checked
from mpsdose.model.drugs import Catalogue, Drug
from mpsdose.model.errors import MpsdoseError, PatientError
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.numbers import plain
from mpsdose.model.regimen import Item, Patient, Schedule, ScheduleKind
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

__all__ = ["read_course"]

_SOURCE = "mpsdose reader (deterministic; see README, 'Reading a case report')"

_GLUE = frozenset({
    "of", "a", "an", "the", "his", "her", "their", "dose", "doses", "dosage", "dosing", "at",
    "rate", "with", "was", "were", "is", "to", "up", "by", "in", "as", "its", "then", "gradually",
    "further", "eventually", "also", "initial", "starting", "total", "daily", "low", "high",
    "concentration", "preservative-free", "isobaric", "hyperbaric", "plain", "therapy",
    "treatment", "regimen", "formulation", "subanesthetic", "subanaesthetic", "individualised",
    "individualized", "it", "had", "be", "been", "being", "hospital", "via", "through", "self",
    "administered", "sulphate", "sulfate", "hydrochloride", "citrate", "base", "salt", "release",
    "acting", "-", "new", "same", "this", "that", "these", "those", "for", "and",
    "containing", "contained", "consisting", "elastomeric", "ambulatory",
})
_TIGHT = frozenset({"of", "preservative-free", "isobaric", "hyperbaric", "plain", "high",
                    "concentration", "low", "dose", "sulphate", "sulfate", "hydrochloride",
                    "citrate", "-", "release", "acting"})
#: Words after an amount that are not a drug's name.
_NOT_NAMES = frozenset({"taken", "given", "twice", "three", "every", "daily", "total", "which",
                        "where", "while", "until", "after", "before", "during", "since",
                        "because", "without", "within", "reduction", "increase", "decrease",
                        "finally", "respectively", "patients"})
_MODIFIERS = frozenset({"route", "release", "form", "prn", "pca", "infusion", "device", "freq",
                        "lockout", "approx"})
#: Salt words that follow a drug's name ("donepezil hydrochloride", "morphine sulfate").
_SALTS = frozenset({"hydrochloride", "hcl", "sulfate", "sulphate", "citrate", "tartrate",
                    "bitartrate", "maleate", "mesylate", "besylate", "sodium", "potassium",
                    "phosphate", "acetate", "fumarate", "succinate", "bromide", "acid"})
#: Words of how a drug is given that may stand before its name ("nebulized terbutaline").
_GIVEN_AS = frozenset({"nebulized", "nebulised", "inhaled", "aerosolized", "aerosolised"})
#: Words that describe a dose and may stand where a name would ("basal 0.5 mg/h").
_DESCRIPTORS = frozenset({"basal", "loading", "starting", "final", "target", "current", "usual",
                          "morning", "evening", "night", "bedtime", "weekly", "hourly",
                          "background", "baseline", "standard", "single", "double",
                          "equivalent", "dosage", "strength", "volume", "amount", "doses",
                          "maximum", "minimum", "further", "another", "other", "demand",
                          "rescue", "breakthrough", "total", "daily", "nightly"})
#: Words of a further dose of the same drug after a conjunction ("… and additional 5 mg").
_FURTHER = frozenset({"additional", "extra", "another", "others", "further", "subsequent", "second",
                      "third", "single", "supplemental", "supplementary", "bolus", "boluses",
                      "increment", "increments", "top-up", "titration", "maintenance", "then",
                      "thereafter", "afterwards", "later", "night", "morning", "evening",
                      "noon", "midday", "lunch", "lunchtime", "dinner", "supper", "breakfast",
                      "bedtime", "afternoon", "tablets", "tablet", "capsules", "capsule"})
#: Nouns after a route word that name a way or kind of treatment, not a drug ("IV analgesia").
_KINDS_OF_GIVING = frozenset({"analgesia", "analgesic", "analgesics", "opioid", "opioids",
                              "medication", "medications", "medicine", "medicines", "drugs",
                              "intake", "fluids", "fluid", "hydration", "access", "route",
                              "bolus", "boluses", "injection", "injections", "doses", "dosing",
                              "preparation", "formulation", "solution", "sedation", "steroids",
                              "steroid", "corticosteroids", "corticosteroid", "pulse", "pulses"})
#: Nouns of giving that join a route to its drug ("intravenous administration of morphine").
_ROUTE_NOUNS = frozenset({"administration", "instillation", "delivery", "application"})
#: Signs of a worked calculation ("[280mg morphine per day ÷ 30] x 1.5 = 14"): the division
#: sign always; a multiplication sign only before a bare factor ("x 0.6", not the count in
#: "2 x 25 mcg/h"); "=" and "≈" only as the result of one of them ("n = 7" is no calculation).
_DIVIDE = frozenset({"÷"})
_TIMES = frozenset({"x", "×", "*"})
_RESULT = frozenset({"=", "≈"})
#: A statement about a share of the patients of a series ("in 77% of the patients", "in 12
#: (71%) patients", "in 5 of 8 patients"): its amounts are series figures, not one patient's.
_SHARE_OF_PATIENTS = re.compile(
    r"\b\d+(?:\.\d+)?\s*%\s+of\s+(?:the\s+|all\s+|our\s+|these\s+)?"
    r"(?:patients|cases|subjects|participants|children)\b"
    r"|\bin\s+\d+\s+(?:\(\d+(?:\.\d+)?\s*%\)\s+)?(?:of\s+(?:the\s+)?\d+\s+)?"
    r"(?:patients|cases|subjects|participants|children)\b")
#: A statement about some of the patients of a series, not about one patient, nor about the
#: whole series ("Five of the patients were treated with transdermal fentanyl", "200 μg (41
#: patients, 74%)", "Three patients (5%) could not tolerate 200 μg", "In the patients of the group,
#: …", "In the successful cases"): its amounts are series figures and its drugs are not items —
#: unless the sentence speaks of one patient too ("he", "the patient"), or gives each case its
#: value ("210 and 175 µg/h, respectively"). What the whole series was given ("eight patients …
#: during therapy with intrathecal morphine", "all patients used morphine") is its common regimen.
_NUMBER_WORD = (r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)")
_SERIES = re.compile(
    rf"\b{_NUMBER_WORD}\s+of\s+(?:the|these|our)\s+(?:{_NUMBER_WORD}\s+)?(?:[a-z]+\s+)?"
    r"(?:patients|cases|subjects|participants|children)\b"
    rf"|\bof\s+the\s+{_NUMBER_WORD}\s+(?:patients|cases|subjects|participants|children)\b"
    rf"|\b{_NUMBER_WORD}\s+(?:patients|cases|subjects|children)\s+\(\s*\d+(?:\.\d+)?\s*%\s*\)"
    r"|\(\s*\d+\s+(?:patients|cases)\s*,\s*\d+(?:\.\d+)?\s*%\s*\)"
    rf"|\b(?:in|for)\s+the\s+(?:{_NUMBER_WORD}\s+)?(?:[a-z]+\s+)?(?:patients|cases|subjects)\b")
_ONE_PATIENT = re.compile(
    r"\b(?:he|she|his|her|him|mr|mrs|ms|the\s+patient|this\s+patient|a\s+patient|our\s+patient"
    r"|the\s+man|the\s+woman|the\s+boy|the\s+girl)\b|\b\d+\s*-?\s*year\s*-?\s*old\b")
#: The words before a mass that state it as the patient's weight: "weighing 47 kg", "weighed
#: 60 kg", "a weight of 56 kg", "body weight (BW) was 60 kg", "weight: 60 kg", "BW 60 kg".
_WEIGHT_BEFORE = re.compile(
    r"(?:\b[a-z\-]+\s+){0,2}(?:\bweigh(?:ing|ed|s|t|ts)?|\bweight|\bb\.?w\.?)\s*(?:\([a-z.]{1,6}\)\s*)?"
    r"(?:(?:was|is|of|=|:|at|about|approximately|approx\.?|around|~|only|just|then)\s*){0,3}$")
#: ... and those that say it is not the patient's weight as it is: a weight lost or gained, an
#: ideal, lean, adjusted, predicted, target, dry or birth weight.
_NOT_BODY_WEIGHT = re.compile(r"\b(?:birth|ideal|lean|adjusted|predicted|target|dry|fetal|foetal"
                              r"|loss|lost|gain|gained|change|reduction)\b")
#: After a mass: "/m²", "/day", "per hour" — a body mass index or a rate, never a weight.
_PER_AFTER_MASS = re.compile(r"\s*(?:/|per\s|•|\.\s*m\b)")
#: A mass written as the size of the patient it describes: "a 51-kg woman", "732-kg (1,610-lb)
#: pregnant Belgian draft horse mare" (up to four words, none of a loss or of the weight).
_SIZE_OF_PATIENT = re.compile(
    r"\s*(?:\([^()]{0,20}\)\s*)?,?\s*(?:(?!weight|loss|gain|of|in|the|and|with)[a-z\-]+\s+){0,4}"
    r"(?:man|woman|male|female|boy|girl|child|infant|neonate|newborn|baby|toddler|adolescent"
    r"|teenager|lady|gentleman|patient|mare|horse|stallion|gelding|dog|cat)\b")
#: "patient (11.6 kg)", "a 3-year-old boy (15 kg)": a mass alone in brackets after the patient.
_PATIENT_BEFORE_BRACKET = re.compile(
    r"\b(?:man|woman|male|female|boy|girl|child|infant|neonate|newborn|baby|toddler|adolescent"
    r"|teenager|lady|gentleman|patient|year\s*-?\s*old)\s*\(\s*$")
_UNSTATED = "not stated as the patient's weight"
#: A sentence about a birth: the weight in it may be the baby's or the mother's.
_BIRTH = re.compile(r"\b(?:born|birth|delivered|delivery|newborn|fetus|foetus|fetal|foetal)\b")
#: A text that reports on a group of patients, not on one ("Medical records of patients who …
#: were retrospectively reviewed", "Thirty-three patients were enrolled"): what a sentence of it
#: that names no one patient says "a maximum of" is the protocol's ceiling, not a dose given.
_GROUP_OF_PATIENTS = re.compile(
    r"\b(?:medical\s+|clinical\s+)?(?:records|charts)\s+of\s+(?:all\s+|the\s+)?(?:\w+\s+)?patients\b"
    r"|\bpatients\b[^.;]{0,160}?\b(?:were|was)\s+(?:retrospectively\s+|prospectively\s+)?"
    r"(?:reviewed|enrolled|recruited|included|analy[sz]ed|studied)\b")
#: "(increased) to a maximum of 0.05 mg/hour", "up to a maximum of …": an indefinite maximum, the
#: limit a protocol sets (unlike "to the maximum of 250 mg/day" or "reached up to 960 mg").
_A_MAXIMUM = re.compile(r"\ba\s+max(?:imum|imal|\.)?\s+(?:daily\s+)?(?:dose\s+|rate\s+)?(?:of\s+)?$")
#: A sentence that asks, or weighs what might have been done, reports no regimen: "What is the
#: equivalent dose of a long-acting morphine preparation?", "An alternative initial strategy would
#: have been to … use intravenous fentanyl", "methadone should be considered earlier".
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|should)\s+have\s+been\b"  # not "may have been caused by …": the past
    r"|\balternative\s+(?:initial\s+)?(?:strategy|approach|option)\b"
    r"|\b(?:should|may|might|can|could)\s+be\s+considered\b|\bis\s+considered\s+to\s+be\b"
    # a recommendation: "Recommendations for managing … include … clonazepam therapy", "… may not
    # be recommended for … patients who are being treated with 20mg/day oxycodone"
    r"|\brecommendations?\s+(?:for|include)\b"
    r"|\b(?:is|are|may|might|should|must|can|could)\s+(?:not\s+)?(?:be\s+)?recommended\b"
    # a ceiling the authors advise: "We propose that the paracetamol dose should not exceed 2
    # g/day in such patients"
    r"|\b(?:should|must)\s+(?:not|never)\s+exceed\b"
    r"|\bwe\s+(?:propose|recommend|advise|suggest)\s+that\b[^.;]*\b(?:should|must)\b"
    # a call for research: "Only a prospective two-arm dexamethasone study at two dose levels (6
    # and 10 mg/m(2)/day) will clarify …", "Further studies are needed …"
    r"|\b(?:study|studies|trials?)\b[^.;]*\bwill\s+(?:clarify|determine|show|establish|confirm|"
    r"define|answer|tell)\b"
    r"|\b(?:studies|trials?|research)\s+(?:is|are|will\s+be)\s+(?:still\s+)?(?:needed|required|"
    r"warranted)\b")
#: An equivalence stated between two amounts: "10 mg of intravenous morphine hourly is the
#: approximate equivalent of 30 mg of oral morphine tablets taken every hour" (both amounts are
#: figures of comparison), "oxycodone 20 mg/day, equivalent to 30 mg/day of oral morphine" (the
#: amount after the phrase is). "This is approximately equivalent to 0.4 mg/hour, which is her
#: basal rate" states no amount before the verb: the amount after it is the dose it names.
#: "(equating to 740 mg oral morphine/24 hr)" states an equivalence as "equivalent to" does.
_EQUIVALENT = re.compile(
    r"(?P<verb>\b(?:is|are|was|were)\s+(?:the\s+|an\s+)?)?"
    r"(?:approximate(?:ly)?\s+|roughly\s+|about\s+)?(?:equivalent|equianalgesic|equal)\s+"
    r"(?:of|to|with)\b|\bcorresponds?\s+to\b|\bequat(?:ing|es|ed)\s+to\b")
#: The letter or number of an answer option at the start of a line: "A. ", "b) ", "(c) ", "1. ".
_OPTION = re.compile(r"[ \t]*(?:\(?[A-Ea-e]\)|\(?[A-Ea-e]\.|\d{1,2}[.)])[ \t]")
#: A line that gives the answer of a question, before the option it names ("ANSWER:").
_ANSWER = re.compile(r"[ \t]*(?:correct\s+)?answers?\s*:?[ \t]*$", re.IGNORECASE)
#: The time an amount is per, written after the drug it names ("0.4 mg IV hydromorphone/hour",
#: "0.25 mg of morphine sulfate per 24 hours", "10 mg morphine an hour").
_PER_TIME_AFTER_NAME = re.compile(
    r"(?:/\s*|per\s+)(?P<unit>24\s*-?\s*h(?:ours?|rs?)?|hours?|hrs?|h|days?|d|min(?:ute)?s?)"
    r"(?![a-z0-9/])|an?\s+(?P<word>hour|day)(?![a-z0-9/])")
#: The endings of international nonproprietary names (WHO stems: "ziconotide", "levetiracetam"
#: is not among them, "pamidronate", "ondansetron" …): a word shaped like a drug's name the catalogue
#: does not know. A sentence that names one is about that drug, so an amount in it is never given to
#: the drug the story was about before.
_INN_STEM = re.compile(
    r"[a-z]{3,}(?:caine|cillin|mycin|oxacin|conazole|azole|vir|mab|tinib|platin|rubicin|tide|"
    r"relin|pril|sartan|olol|dipine|statin|zepam|zolam|tidine|prazole|setron|triptan|dronate|"
    r"profen|coxib|fenac|olone|parin|xaban|thiazide|semide|oxetine|pramine|triptyline|peridol|"
    r"apine|orphine|codone|morphone|fentanil|barbital|etacin|gliptin|lukast|trexate|trexed|"
    r"fosfamide|phosphamide|taxel|poside|citabine|mustine)")
#: Nouns of a class of drugs ("angiotensin-converting enzyme inhibitor (150mg/day, Lopril)",
#: "a beta blocker 50 mg"): right before an amount, or before a bracket that opens with one, the
#: class noun heads the amount — the amount is the class member's, never an earlier drug's.
_CLASS_NOUNS = frozenset({"inhibitor", "inhibitors", "blocker", "blockers", "antagonist",
                          "antagonists", "agonist", "agonists", "antibiotic", "antibiotics",
                          "agent", "agents", "analogue", "analogues", "analog", "analogs"})
#: Vitamins and minerals given as supplements ("vitamin C 1 gramme per day and zinc 90 mg per
#: day"): nouns that head an amount like a drug's name the catalogue does not know.
_SUPPLEMENTS = frozenset({"vitamin", "vitamins", "zinc", "iron", "calcium", "magnesium",
                          "selenium", "folate", "copper", "iodine", "multivitamin",
                          "multivitamins"})
#: Words of a dose between a name and its amount: "pyridoxine in dose of 50 mg", "X at a daily
#: dose of 2 g", "X at 80 mg" — they do not head the amount, the name before them does.
_DOSE_PHRASE = frozenset({"in", "at", "with", "a", "an", "the", "of", "dose", "doses", "dosage",
                          "daily", "total", "initial", "starting", "usual", "maximum", "single",
                          "oral", "intravenous", "prophylactic"})
#: Nouns after a drug's name that make it a condition, not a treatment ("fentanyl overdose").
_CONDITIONS = frozenset({"overdose", "overdoses", "toxicity", "intoxication", "poisoning",
                         "withdrawal", "allergy", "intolerance", "dependence", "addiction",
                         "complication", "complications"})
#: Nouns after a drug's name that make it a service ("his community methadone clinic").
_SERVICES = frozenset({"clinic", "clinics", "program", "programme", "programs", "programmes",
                       "service", "services", "centre", "center"})
#: Verbs of a general statement right after a drug's name, in the present tense ("Methadone is
#: an opioid used in Japan", "… may be considered", "fentanyl patch (FP) are often used").
_GENERAL_VERBS = frozenset({"is", "are", "may", "can", "should", "must", "has", "have",
                            "remains", "remain", "offers", "offer", "provides", "provide",
                            "works", "acts", "improves", "relieves", "reduces", "causes",
                            "inhibits", "induces", "produces", "prolongs", "blocks", "binds",
                            "exerts", "lacks", "carries", "appears", "seems", "shows", "enables"})
#: Words between a drug's name and the verb of a general statement: "Morphine treatment
#: dramatically improves pain control", "OxyContin, a controlled-release oxycodone hydrochloride
#: tablet, is …".
_NAME_NOUNS = frozenset({"treatment", "therapy", "use", "administration"})
#: A sentence in the present tense (with no past tense), of patients in general or of the
#: literature, not of the patient of the report: "The use of intravenous methadone by PCA is
#: attractive …", "Recent case reports have raised concerns about the potential for methadone to
#: prolong the QTc interval", "an increasing number of reports are being presented involving the
#: use of tramadol". Its drugs, named without an amount, are not items.
_PRESENT = re.compile(r"\b(?:is|are|has|have|may|might|can|could|must|should|remains?)\b")
_PAST = re.compile(r"\b(?:was|were|had|did)\b")
#: A structured abstract's section that states the report's subject, not the case's events.
_SECTION = re.compile(r"(?:objectives?|aims?|purpose|background|introduction|discussion|"
                      r"conclusions?)\s*:|(?:the\s+)?(?:objective|aim|purpose)\s+of\s+this\s+"
                      r"(?:report|article|paper|case)\b")
#: A structured abstract's heading in capitals at the start of a sentence ("CASE SUMMARY:",
#: "DISCUSSION:"); those of the sections after the case that tell no event of it; and those of
#: the sections before it, which tell none only where a heading of the case's own follows (with
#: none, the case may follow an objective or a background with no heading).
_CAPITAL_HEADING = re.compile(r"\s*([A-Z][A-Z0-9 ]{2,40})\s*:")
_QUIET_HEADING = re.compile(r"\b(?:DISCUSSION|CONCLUSIONS?|IMPLICATIONS)\b")
_BEFORE_HEADING = re.compile(r"\b(?:OBJECTIVES?|AIMS?|PURPOSE|BACKGROUND|INTRODUCTION)\b")
#: A finite verb, a verb of the story or a person: a sentence with one is no title.
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|did|does|do|will|would|can|could|may|"
                     r"might|should|must|we|he|she|they|i|our|received|started|commenced|given|"
                     r"took|presented|developed|underwent|admitted|prescribed|switched|changed|used|"
                     r"required|needed|experienced|reported|showed|became|got|continued)\b")
_GENERIC = re.compile(
    r"(?<!\bthe\s)(?<!\bthese\s)(?<!\bour\s)(?<!\bboth\s)(?<!\ball\s)(?<!\btwo\s)(?<!\bthree\s)"
    r"\bpatients\b|\b(?:case\s+)?reports\b|\bstudies\b|\bguidelines\b|\bclinicians\b"
    r"|\bphysicians\b|\bthe\s+(?:concomitant\s+|concurrent\s+|combined\s+)?use\s+of\b|\bthis\s+(?:article|paper|review)\b"
    r"|\b(?:is|are)\s+(?:an?|often|commonly|widely|usually|frequently|generally)\b")
#: The literature, in the present perfect: "an increase in INR have been reported with the
#: concurrent use of 5-FU and warfarin".
_LITERATURE = re.compile(
    r"\b(?:has|have)\s+(?:also\s+|previously\s+|rarely\s+|frequently\s+)?been\s+(?:reported|"
    r"described|documented|suggested|observed|noted)\b")
#: A habit of practice, not an event of the case: "Traditionally, children with acute
#: lymphoblastic leukemia receive prednisone", "Recently, many cooperative groups use
#: dexamethasone instead of prednisone".
_HABITUAL = re.compile(
    r"^(?:traditionally|conventionally|classically|historically|usually|typically|generally|"
    r"commonly|routinely|customarily)\b"
    r"|\b(?:many|most|some)\s+(?:[a-z\-]+\s+){0,2}(?:groups|centres|centers|institutions|"
    r"clinicians|physicians|authors|guidelines|protocols)\s+(?:now\s+|currently\s+)?(?:use|"
    r"prefer|give|recommend|favou?r)\b")
#: A drug named as a party to an interaction, the subject of the report ("We investigated initial
#: drug-drug interactions between lamotrigine and sertraline").
_INTERACTION = re.compile(r"\binteractions?\s+(?:between|of)\s+(?:[a-z\-]+\s+){0,3}"
                          r"(?:(?:and|with)\s+(?:[a-z\-]+\s+){0,3})?$")
#: A drug named as the object of its pharmacology: "Inhibition of the hepatic metabolism of
#: warfarin by 5-FU and levamisole is the postulated mechanism".
_PHARMACOLOGY = re.compile(r"\b(?:metabolism|clearance|elimination|absorption|half\s*-?\s*lif(?:e|es)|"
                           r"pharmacokinetics|bioavailability|glucuronidation|protein\s+binding)"
                           r"\s+of\s+$")
#: A drug named after "the usual doses of": doses in general, not the patient's ("during
#: treatment with the usual doses of milnacipran, fluvoxamine and imipramine").
_USUAL_DOSES = re.compile(r"\b(?:usual|standard|typical|recommended|customary)\s+(?:daily\s+)?"
                          r"(?:doses?|dosages?|dosing)\s+of\s+(?:[a-z\-]+(?:\s*,\s*|\s+and\s+|"
                          r"\s+or\s+))*$")
#: A causality assessment (Naranjo) names the suspected drug, not an event of the regimen.
_CAUSALITY = re.compile(r"\bcausality\s+assessments?\b|\bnaranjo\b|\bprobability\s+scale\b")
#: A drug named as what another is compared with: "may offer some advantages over morphine",
#: "similar to those of immediate-release morphine", "more potent than morphine".
_COMPARED = re.compile(
    r"\b(?:over|than(?:\s+th(?:ose|at)\s+of)?|versus|vs\.?|compared\s+(?:with|to)"
    r"|in\s+comparison\s+(?:with|to)|similar\s+to(?:\s+th(?:ose|at)\s+of)?|superior\s+to"
    r"|inferior\s+to)\s+$")
#: Drugs named as examples of a kind ("switching to a non-opioid adjuvant, such as ketamine or
#: methadone", "e.g. gabapentin"): in a sentence in the present tense, the kind's examples, not
#: drugs given.
_EXAMPLES = re.compile(
    r"\b(?:such\s+as|e\.\s?g\.,?|for\s+example,?|for\s+instance,?)\s+"
    r"(?:[a-z\-]+\s*(?:,\s*|\s+and\s+|\s+or\s+))*$")
#: A word that makes the amounts after it amounts a day ("daily analgesic requirements were …",
#: "her 24-hour requirements were …").
#: "in dextrose ", "in normal saline ": the solution an amount is given in, before its strength.
_IN_VEHICLE = re.compile(r"\s+in\s+(?:dextrose|glucose|saline|normal\s+saline|sodium\s+chloride|"
                         r"nacl|d5w|water)\s+")
#: "at a daily dose of", "the daily dosage was": the words before an amount a day.
_DAILY_DOSE_OF = re.compile(r"\bdaily\s+(?:dose|dosage)s?\s+(?:of\s+|was\s+|were\s+|:\s*)?$")
#: "two daily doses of …": a count of doses (or of days), not a daily dose of each.
_COUNTED_DAILY_DOSES = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|several|multiple|repeated)\s+daily\s+(?:dose|dosage)s?"
    r"\s+(?:of\s+)?$")
#: Words that end the words of what a listed dose is for.
_NAMED_LIST_STOPS = frozenset({"was", "were", "is", "are", "and", "with", "then", "but"})
#: "for a total of about 260 days", "a total of 12 weeks": what a total counts is a duration,
#: not an amount.
_TOTAL_DURATION = re.compile(
    r"\s+(?:of\s+)?(?:about\s+|approximately\s+|nearly\s+|almost\s+|over\s+|some\s+)?"
    r"(?:\d+(?:[.,]\d+)?|[a-z]+)\s*-?\s*(?:days?|weeks?|months?|years?|hours?|nights?)\b")
#: A schedule that gives a drug on some days only: "3 consecutive days a week", "weekly", "once a
#: week", "15 mg/week", "every other day", "on alternate days", "every 2 weeks", "days 1-4",
#: "3 days per week", "for 3 days each month". The amount "a day" of such a regimen is the amount
#: of a day it is given, not its daily amount (weekly methotrexate read as daily is a classic fatal
#: error). "for a week", "for 3 consecutive days" (a course of days in a row) are durations: not
#: matched; nor is the rhythm of a change ("a weekly taper", "weekly dose reductions").
_INTERMITTENT = re.compile(
    r"\b(?:(?:once|bi|twice|thrice)\s*-?\s*)?(?:weekly|fortnightly|monthly)\b"
    r"(?!\s+(?:dose\s+)?(?:taper|tapering|tapers|reductions?|decrements?|decreases?|"
    r"increments?|increases?|titrations?|steps?|follow))"
    r"|\b(?:once|twice|thrice|(?:\d+|one|two|three|four|five|six)\s*(?:times|x|×))\s+"
    r"(?:a|per|each|every)\s+(?:week|month|cycle)\b"
    r"|\b(?:\d+|one|two|three|four|five|six|seven)\s*(?:consecutive\s+|successive\s+)?"
    r"days?\s+(?:a|per|each|every|of\s+(?:the|each|every)|in\s+(?:a|each|every))\s+"
    r"(?:week|month|cycle)\b"
    r"|(?:/\s*|\bper\s+|\beach\s+)(?:\d+\s*)?(?:weeks?|wks?|months?)\b"
    r"|\bevery\s+(?:(?:\d+|one|two|three|four|five|six|other|second|third)\s+)?(?:weeks?|months?)\b"
    r"|\bevery\s+(?:other|second|third|alternate|(?:[2-9]|two|three|four|five|six|seven)"
    r"(?:\s*(?:-|to)\s*\w+)?)\s+days?\b|\balternate\s+days?\b"
    r"|\bdays\s+\d+\s*(?:-|–|to|and|,|&)\s*\d+\b")
#: A treatment given in cycles repeated at an interval ("the protocol is repeated every 3 weeks",
#: "six cycles every 3 weeks", "cycles of 21 days", "21-day cycles", "every 3 weeks for 6
#: cycles"): an amount "a day" in the sentence is the amount of a day of the cycle, not the
#: regimen's daily amount (R-CHOP's "prednisone 100 mg/day during 5 days"). A repetition said of
#: no cycle, course, protocol or regimen ("follow-up every 3 weeks") is not one.
_CYCLE_INTERVAL = (r"(?:(?:\d+|two|three|four|five|six|seven|eight)\s+(?:days|weeks|months)"
                   r"|(?:other\s+|second\s+|third\s+)?(?:week|month)|(?:other|alternate)\s+day)\b")
_CYCLE_NUMBER = r"(?:\d+|two|three|four|five|six|seven|eight|ten|twelve)"
_CYCLE_REPEATED = re.compile(
    r"\b(?:cycles?|courses?|protocol|regimen)\b[^.;:]{0,60}?\b(?:repeated|given|administered|"
    r"delivered|recurring)\s+(?:every|each)\s+" + _CYCLE_INTERVAL
    + r"|\b(?:cycles?|courses?)\s+(?:of|every)\s+" + _CYCLE_NUMBER + r"\s+(?:days|weeks)\b"
    + r"|\b" + _CYCLE_NUMBER + r"\s*-?\s*(?:day|week)\s+(?:cycles?|courses?)\b"
    + r"|\brepeated\s+(?:every|each)\s+" + _CYCLE_INTERVAL + r"[^.;:]{0,40}?\b(?:cycles|courses)\b"
    + r"|\bevery\s+" + _CYCLE_INTERVAL + r"\s+for\s+" + _CYCLE_NUMBER + r"\s+(?:cycles|courses)\b")
#: An amount given to one of several sites of the body ("20 mL per side", "one drop in each eye",
#: "50 mcg in each nostril", "bilaterally"): not the patient's amount, and how many sites is not
#: read, so no dose and no daily amount.
_PER_SITE = re.compile(
    r"\b(?:(?:on|in|into|to|at|for|of)\s+)?(?:per|each|both|either|every)\s+"
    r"(?:sides?|catheters?|limbs?|legs?|arms?|eyes?|nostrils?|nares|naris|ears?|sites?|"
    r"levels?|knees?|hips?|shoulders?|joints?|feet|foot|hands?|breasts?|blocks?|lesions?|"
    r"segments?|injection\s+sites?|portals?)\b"
    r"|\bbilaterally\b"
    r"|\bbilateral\s+(?:[a-z-]+\s+){0,3}?(?:blocks?|catheters?|injections?|infiltrations?)\b")
_GIVEN_AT = re.compile(r"\s*(?:(?:was|were|is|are|being)\s+)?(?:(?:then\s+)?(?:given|applied|"
                       r"injected|instilled|administered|infused|delivered|sprayed|placed)\s+)?")
#: Eye or ear drops, named before a list of drugs ("topical eyedrop of tobramycin 0.3% and
#: dexamethasone 0.1%"): each drug's route.
_LOCAL_FORM = re.compile(r"\b(?:eye|ear)\s*-?\s*drops?\b|\bophthalmic\b|\botic\b|\bcollyri")
_PER_DAY_WORD = re.compile(r"\b(?:daily|24\s*-?\s*h(?:ou)?rs?|24\s*-?\s*hour|per\s+day|a\s+day)\b")
#: A drug named as the cause of an event: "These symptoms were attributed to tramadol".
_CAUSE = re.compile(r"\b(?:attributed|ascribed|attributable)\s+to\s+$|\b(?:caused|induced)\s+by\s+$"
                    # "a causal role of codeine, morphine and hydromorphone … is likely"
                    r"|\b(?:causal|causative|contributory)\s+role\s+of\s+$"
                    # "a decrease in IgG4 expression …, probably because of the intermittent
                    # prednisone treatment"
                    r"|\b(?:because\s+of|due\s+to|owing\s+to|as\s+a\s+result\s+of|secondary\s+to)"
                    r"\s+(?:the\s+|his\s+|her\s+|their\s+|this\s+)?(?:[a-z\-]+\s+)?$")
#: A sentence that sums the report up ("Purpose: We report a patient … with burst ketamine
#: therapy", "The authors report two patients …", "A case of … is presented"): the case tells of
#: its drugs after it; a drug it names without an amount and the case names later is not an item
#: of its own.
_SUMMARY = re.compile(
    r"\b(?:we|the\s+authors?)\s+(?:here(?:in)?\s+)?(?:report|describe|present|discuss)\b"
    r"|\bthis\s+(?:case(?:\s+report)?|report|article|paper)\s+(?:describes|reports|presents|"
    r"illustrates|highlights)\b|\bcases?\s+(?:report\s+)?(?:is|are)\s+(?:here\s+)?(?:presented|"
    r"reported|described)\b|\bcases?\s+of\b.*\b(?:is|are)\s+(?:here\s+)?(?:presented|reported|"
    r"described)\b|\b(?:is|are)\s+(?:here\s+|herein\s+)?(?:presented|reported|described|discussed)"
    r"(?:\s+and\s+(?:presented|reported|described|discussed))?\s*\.?\s*$")
#: Dosage units counted before a strength's schedule ("600mg; 1 capsule by mouth 3 times daily").
_COUNTED = frozenset({"tablet", "capsule", "suppository"})

#: a time of day after a part of a split dose ("in the morning", "at night", "mane", "at 8 am",
#: "at 20:00"): the words, then what they name
_TIME_OF_DAY = re.compile(
    r"\s*(?:(?:(?:in\s+the|at|every|each|before|after|with)\s+)?"
    r"(?:(?P<morning>morning|mane|breakfast)|(?P<noon>noon|midday|mid-day|lunch(?:time)?)"
    r"|(?P<afternoon>afternoon)|(?P<evening>evening|supper|dinner)"
    r"|(?P<night>night|bedtime|nocte|q\.?h\.?s\b\.?))\b"
    r"|at\s+(?P<clock>\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|(?:am|pm|o'clock)\b)"
    r"|\d{2}:?\d{2}\s*(?:h|hrs?)\b|\d{2}:\d{2}\b))")
#: what may stand between the parts of a split dose: a comma, "and", or both
_SPLIT_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)")


@attrs.define
class _Reading:
    """An item being read (mutable while the sentence is read)."""

    drug: Drug
    drug_span: tuple[int, int]
    sentence: int
    first: int  # token indices of the phrase, inclusive
    last: int
    amount: Amount | None = None
    value_index: int = 0
    amount_token: int | None = None
    alt: Amount | None = None
    from_earlier: bool = False
    earlier_route: Any = None
    name_route: Any = None
    route: Any = None
    route_from: str = "unknown"
    release: str | None = None
    form: str | None = None
    prn: bool = False
    bolus: bool = False
    schedule: Schedule | None = None
    schedule_word: str | None = None
    #: the schedule is the adjective of an amount ("a daily morphine dose of …"), not a
    #: schedule of giving: never lent to a dose of an earlier sentence
    schedule_adjective: bool = False
    lockout: float | None = None
    #: the amount is one drug's of a list of daily amounts ("daily analgesic requirements were
    #: 150 µg/hr fentanyl, 100 mg oramorph and 400 mg tramadol"): an amount a day
    daily_list: bool = False
    #: the amount is one day's of a course told day by day ("24 mg on day 1 and 20 mg on day 2")
    day_amount: bool = False
    #: the words of an intermittent schedule beside the amount ("3 consecutive days a week",
    #: "weekly", "days 1-4"): no daily amount
    intermittent: str | None = None
    count: int | None = None  #: dosage units per dose after the strength ("; 2 tablets")
    #: the count is written before the amount ("two 25 mcg/h patches", "2 x 25 mcg/h")
    count_before: bool = False
    #: a count of units the reader does not read ("1-2 tablets", ", 2 tablets"): no daily amount
    units_unread: str | None = None
    #: a count of doses taken before the amount ("8 doses of 5 mg … per day"): no daily amount
    doses_taken: str | None = None
    combination: bool = False  #: one component of a combination product ("5/325 mg")
    #: a split dose ("440 mg in the morning and 220 mg at night"): each part's amount and time
    #: of day; the parts sum to the day
    split: tuple[tuple[float, str], ...] | None = None
    #: one part of a split dose whose parts do not sum to a day the text allows: why
    split_unclear: str | None = None
    infusion: bool = False
    device: str | None = None
    rate_ml_h: float | None = None
    volume_ml: tuple[float, float | None] | None = None
    #: the words saying the amount is one site's of several ("per side", "in each eye"): no dose
    per_site: str | None = None
    action: str = "add"
    verb: str = ""
    verb_word: str = ""
    role: str = ""
    notes: list[tuple[str, str, Severity]] = attrs.Factory(list)


@attrs.frozen(repr=False, eq=False)
class _Others(Value):
    """Token positions where another item's words begin or end (an item's words stop there)."""

    bounds: dict[int, list[tuple[Drug, int | None]]]
    owner: tuple[Drug, int | None]

    def __contains__(self, position: object) -> bool:
        owners = self.bounds.get(position)  # type: ignore[call-overload]
        return owners is not None and any(owner != self.owner for owner in owners)


@attrs.define
class _Story:
    states: list[dict[str, Any]] = attrs.Factory(list)
    findings: list[ReadFinding] = attrs.Factory(list)
    #: per sentence with items, its (drug, drug span, device, route) in text order
    focus: list[list[tuple[Drug, tuple[int, int], str | None, Any]]] = attrs.Factory(list)


@checked
def read_course(text: str, *, knowledge: Knowledge | None = None,
                table: str | None = None) -> Reading:
    """Read English case-report prose into the course it describes.

    Parameters
    ----------
    text
        A passage or a whole case presentation (any length; UTF-8 text).
    knowledge
        The catalogue and tables to read with (default: the shipped data).
    table
        The conversion table for each state's total OME (default ``cdc2022``); printed totals
        are compared under every table.

    Returns
    -------
    Reading
        States in story order with their items (``as_written == text[span]``), the totals the
        text prints compared with the computed ones, the numbers set aside as not doses, and a
        finding for every assumption.
    """
    books = resolve(knowledge)
    table_id = table or "cdc2022"
    books.conversion_table(table_id)  # an unknown table is an error before any reading
    reader = _Reader(text, books, table_id)
    return reader.read()


#: Brackets, spaces and trademark signs around a brand in brackets ("(OxyContin®)").
_BRACKET_EDGES = re.compile(r"^[\s(\[]+|[\s)\]\u00ae\u2122]+$")


class _Reader:
    def __init__(self, text: str, knowledge: Knowledge, table: str) -> None:
        self.text = text
        self.normal = normalise(text)
        self.knowledge = knowledge
        self.catalogue: Catalogue = knowledge.catalogue
        self.vocabulary = Vocabulary.of(self.catalogue)
        self.table = table
        self.story = _Story()
        self.not_doses: list[NotADose] = []
        self.set_aside: set[tuple[int, int]] = set()  # the spans of the amounts that are not doses
        self.printed: list[tuple[PrintedTotal, int]] = []  # with the sentence index
        self.defined: dict[str, DrugName] = {}
        self.defined_routes: dict[str, Any] = {}
        self.weight: float | None = None
        #: masses in kg not read as the patient's weight, each with why
        self.masses_not_weight: list[tuple[Token, str]] = []
        self.tokens: list[Token] = []
        self.token_at: dict[int, int] = {}
        self.negated_tokens: set[int] = set()
        self.state_at: dict[int, int] = {}
        self.added_now: set[int] = set()
        self.continued_now: set[Drug] = set()
        self.total_tokens: set[int] = set()
        #: where amounts of a daily regimen list begin ("daily … requirements were 100 mg
        #: oramorph and 400 mg tramadol"): each is a daily amount
        self.daily_amounts: set[int] = set()
        #: where amounts of a course told day by day begin ("24 mg on day 1 and 20 mg on day 2")
        self.day_amounts: set[int] = set()
        self.owned: set[tuple[int, int]] = set()
        self.route_events: list[tuple[int, Route, tuple[int, int]]] = []
        self.item_sentence: dict[int, int] = {}
        self.sentence = 0
        self.series = False  # the sentence being read speaks of some patients of a series
        self.group = False  # the text reports on a group of patients, not on one
        self.summaries: set[int] = set()  # the sentences that sum the report up
        self.quiet_starts: set[int] = set()  # the sentences of sections that tell no event
        self.named: list[set[Drug]] = []  # the drugs each sentence of the story names
        self.all_named: list[set[Drug]] = []
        self.routed: list[set[Drug]] = []  # … and those it gives a route
        self.options: list[tuple[int, int]] = []
        #: where the story last named a drug-like name the catalogue does not know (a word with
        #: an INN stem, or the head of an amount): an amount in a later sentence that names no
        #: drug refers to it, not to a catalogue drug named before it
        self.unknown_named_at = -1

    # -- the whole text ---------------------------------------------------------------------
    def read(self) -> Reading:
        spans = sentences(self.text, self.normal)
        self._define_abbreviations(spans)
        token_lists = [scan(self.text, self.normal, s.start, s.end, self.vocabulary, self.defined,
                            self.defined_routes) for s in spans]
        self.weight = self._weight(spans, token_lists)
        if any(t.kind == "amount" and t.value.per_kg for tokens in token_lists for t in tokens):
            for token, why in self.masses_not_weight:
                self._finding(Severity.INFO, "not-a-weight",
                              f"{self.text[token.start:token.end]!r} is not read as the "
                              f"patient's weight ({why}): a dose per kg is not multiplied by it",
                              (token.start, token.end))
        if self.weight is not None:
            try:
                Patient(weight_kg=self.weight)
            except PatientError as error:
                self._finding(Severity.INFO, "weight-not-carried",
                              f"{error}: the weight is used for doses per kg, but not written "
                              "as the course's patient", None)
        self.options = _option_blocks(self.text)
        self.group = _GROUP_OF_PATIENTS.search(self.normal) is not None
        self.summaries = {s.index for s in spans
                          if _SUMMARY.search(self.normal[s.start:s.end])}
        self.quiet_starts = self._quiet_sections(spans, token_lists)
        self.named = [{t.value.drug for t in tokens if t.kind == "drug"}
                      if self._set_aside(s, tokens) is None and self._of_the_story(tokens) else set()
                      for s, tokens in zip(spans, token_lists, strict=True)]
        #: the drugs each sentence names, whatever it tells
        self.all_named = [{t.value.drug for t in tokens if t.kind == "drug"}
                          for tokens in token_lists]
        self.routed = [{t.value.drug for p, t in enumerate(tokens)
                        if t.kind == "drug" and self._route_named(tokens, p)} & named
                       for tokens, named in zip(token_lists, self.named, strict=True)]
        for sentence, tokens in zip(spans, token_lists, strict=True):
            aside = self._set_aside(sentence, tokens)
            if aside is not None:
                self._aside(tokens, aside)
                continue
            self._sentence(sentence.index, tokens)
        return self._result()

    # -- sentences that report no regimen -------------------------------------------------------
    def _set_aside(self, sentence: Any, tokens: list[Token]) -> str | None:
        """Why a sentence reports no regimen — a question, an answer option of a question, a
        hypothetical ("would have been", "should be considered") — or None."""
        if any(start <= sentence.start < end for start, end in self.options):
            return "an answer option of a question"
        said = self.normal[sentence.start:sentence.end].rstrip(" \"')")
        if said.endswith("?"):
            return "a question"
        if _HYPOTHETICAL.search(said):
            return "a hypothetical or a recommendation"
        return None

    def _aside(self, tokens: list[Token], why: str) -> None:
        """Nothing in a sentence set aside is read: its amounts are not doses, its drugs not
        items, its verbs change nothing; a finding names what was set aside."""
        named: list[str] = []
        for token in tokens:
            if token.kind == "amount":
                self._not_dose(token, why)
            if token.kind == "drug" and token.value.drug.name not in named:
                named.append(str(token.value.drug.name))
        if named:
            start, end = tokens[0].start, tokens[-1].end
            self._finding(Severity.INFO, "not-a-regimen",
                          f"{self.text[start:end]!r} is {why}: "
                          f"{', '.join(named)} named there, not read as items", (start, end))

    def _define_abbreviations(self, spans: Sequence[Any]) -> None:
        """ "morphine sulfate (MS)", "transdermal buprenorphine [TB]", "intrathecal injections
        (IT)": an abbreviation the text defines for a drug or a route, used in its capitals."""
        for sentence in spans:
            tokens = scan(self.text, self.normal, sentence.start, sentence.end, self.vocabulary)
            for index, token in enumerate(tokens):
                if token.kind not in ("drug", "route") or index + 3 >= len(tokens) + 1:
                    continue
                after = index + 1
                patch = False  # "fentanyl patch (FP)": the abbreviation names the patch
                while after < len(tokens) and ((tokens[after].kind == "word" and tokens[
                        after].value in ("sulfate", "sulphate", "hydrochloride", "injections",
                                         "injection", "infusion"))
                        or (token.kind == "drug" and tokens[after].kind == "form")):
                    patch = patch or tokens[after].value == "patch"
                    after += 1
                if after + 2 >= len(tokens) or tokens[after].kind != "open":
                    continue
                if tokens[after + 2].kind != "close":
                    continue
                raw = self.text[tokens[after + 1].start:tokens[after + 1].end]
                if not re.fullmatch(r"[A-Z]{2,5}", raw):
                    continue
                words_before = self.normal[max(sentence.start, tokens[max(0, index - 1)].start):
                                           tokens[after].start]
                if not _abbreviates(raw.lower(), words_before):
                    continue
                if token.kind == "drug":
                    name: DrugName = token.value
                    route = tokens[index - 1].value if index and tokens[index - 1].kind == "route" \
                        else Route.TRANSDERMAL if patch else None
                    self.defined.setdefault(raw, DrugName(name.drug, raw, route))
                else:
                    self.defined_routes.setdefault(raw, token.value)

    def _weight(self, spans: Sequence[Any], token_lists: Sequence[list[Token]]) -> float | None:
        """The patient's weight: a mass the text states as the patient's ("weighing 47 kg", "a
        weight of 56 kg", "a 51-kg woman", "patient (11.6 kg)"), one value only. A mass in kg
        said otherwise (a body mass index "17 kg/m²", a weight lost, an ideal or a birth weight)
        is no weight; where in doubt there is none, and a dose per kg has no daily amount."""
        weights: set[float] = set()
        for sentence, tokens in zip(spans, token_lists, strict=True):
            for token in tokens:
                if token.kind != "weight":
                    continue
                why = self._not_a_weight(token, sentence.start, sentence.end)
                if why is None:
                    weights.add(token.value)
                else:
                    self.masses_not_weight.append((token, why))
        # "She weighed 50 kg, and 44 kg at discharge": another mass said of no one in particular
        # may be a later weight; which one a dose per kg was counted from is not said
        stated = bool(weights)
        weights |= {t.value for t, why in self.masses_not_weight if why == _UNSTATED}
        if stated and len(weights) > 1:
            self._finding(Severity.INFO, "weight-unclear",
                          f"the text gives {len(weights)} masses in kg that may be the patient's "
                          f"weight ({', '.join(plain(w) for w in sorted(weights))} kg): none is "
                          "used for doses per kg", None)
        return weights.pop() if stated and len(weights) == 1 else None

    def _not_a_weight(self, token: Token, start: int, end: int) -> str | None:
        """Why a mass in kg is not read as the patient's weight, or None where the words of its
        sentence (``start``, ``end``) state it as one."""
        normal = self.normal
        after = normal[token.end:min(end, token.end + 60)]
        if _PER_AFTER_MASS.match(after):
            return "followed by a division: a body mass index (kg/m²) or a rate, never a weight"
        before = normal[max(start, token.start - 60):token.start]
        if _BIRTH.search(normal[start:end]):
            return "in a sentence about a birth: the weight may be another person's"
        stated = _WEIGHT_BEFORE.search(before)
        if stated is not None:
            if _NOT_BODY_WEIGHT.search(stated.group(0)):
                return f"{stated.group(0).strip()!r}: not the patient's weight as it is"
            return None
        if _SIZE_OF_PATIENT.match(after):
            return None  # "a 51-kg woman", "A 24-year-old 732-kg (1,610-lb) … mare"
        if _PATIENT_BEFORE_BRACKET.search(before) and re.match(r"\s*[),;]", after):
            return None  # "A 2.8-year-old female patient (11.6 kg)"
        return _UNSTATED

    # -- one sentence ------------------------------------------------------------------------
    def _sentence(self, index: int, tokens: list[Token]) -> None:
        tokens = self._merge_brands(tokens)
        if len(tokens) > 1 and tokens[0].kind == "verb" and tokens[1].kind == "punct" \
                and tokens[1].value == ":":  # "Introduction: …", "Treatment: …": a heading
            tokens = [attrs.evolve(tokens[0], kind="word", value=self.normal[
                tokens[0].start:tokens[0].end]), *tokens[1:]]
        self.tokens = tokens
        self.token_at = {token.start: position for position, token in enumerate(tokens)}
        self._prefixed_names(tokens)
        self.negated_tokens = set()
        self.sentence = index
        said = self.normal[tokens[0].start:tokens[-1].end] if tokens else ""
        one = _ONE_PATIENT.search(said) is not None
        self.series = _series_statement(said) and not one and "respectively" not in said
        self.total_tokens = set()
        self.owned = set()
        used: set[int] = set()
        self._grains(tokens)
        self._printed_totals(index, tokens, used)
        readings = self._bind(index, tokens, used)
        readings = [r for r in readings if not self._not_given(tokens, r)]
        readings = self._alternatives(tokens, readings)
        readings += self._mentions(index, tokens, readings)
        readings.sort(key=lambda r: (r.first, r.value_index))
        bounds: dict[int, list[tuple[Drug, int | None]]] = {}
        for reading in readings:
            for position in {reading.first, reading.last}:
                bounds.setdefault(position, []).append((reading.drug, reading.amount_token))
        for reading in readings:
            self._modifiers(tokens, reading, bounds)
            self._action(tokens, reading)
        self._switched_subjects(tokens, readings)
        self._list_schedule(tokens, readings)
        for reading in readings:
            self._units(tokens, reading)
        self._slash_components(tokens, readings)
        self._volumes(index, tokens, readings, used)
        readings = self._preparation_strengths(tokens, readings)
        self._shared_route(tokens, readings)
        self._shared_day(tokens, readings)
        readings = self._split_doses(tokens, readings)
        self._unattached(tokens, used, readings)
        self._tell(index, tokens, readings)
        for token in tokens:
            if token.kind == "word" and len(str(token.value)) > 3 \
                    and _INN_STEM.fullmatch(str(token.value)):
                self.unknown_named_at = max(self.unknown_named_at, token.start)
        if self.story.states:
            self.state_at[index] = len(self.story.states) - 1

    def _prefixed_names(self, tokens: list[Token]) -> None:
        """ "methyl prednisolone", "ethyl morphine": a chemical prefix written apart from a
        catalogue name makes another substance. Read as the joined name where the catalogue knows
        it, else as a name it does not know — never as the name after the prefix. Said in a
        finding either way."""
        for token in tokens:
            written = self.text[token.start:token.end]
            if token.kind == "drug" and isinstance(token.value, DrugName) \
                    and token.value.joined_from is not None:
                self._finding(Severity.INFO, "prefixed-name-joined",
                              f"{written!r}: a chemical prefix written apart from the name after "
                              f"it; read as {token.value.drug.name} (one word), not as "
                              f"{self.normal[token.start:token.end].split()[-1].split('-')[-1]}",
                              (token.start, token.end))
            elif token.kind == "word" and token.value != self.normal[token.start:token.end]:
                self._finding(Severity.WARNING, "prefixed-name-unknown",
                              f"{written!r}: a chemical prefix before a catalogue name makes "
                              f"another substance ({token.value}), which the catalogue does not "
                              "know: not read as the name after the prefix",
                              (token.start, token.end))

    def _grains(self, tokens: list[Token]) -> None:
        """ "paracetamol 1gr/8 hours", "2 grains of aspirin": "gr" is the apothecaries' grain
        (64.8 mg) in US usage and a gram in many countries' reports. Neither is assumed: the
        amount is not read (the item has no dose), and a finding names the ambiguity."""
        for position in range(1, len(tokens) - 1):
            number, unit = tokens[position], tokens[position + 1]
            if number.kind != "number" or unit.kind != "word" \
                    or unit.value not in ("gr", "grs", "grain", "grains"):
                continue
            before = tokens[max(0, position - 3):position]
            after = tokens[position + 2:position + 4]
            named = next((t for t in reversed(before) if t.kind == "drug"), None) or (
                after[1] if len(after) == 2 and self._word(after[0]) == "of"
                and after[1].kind == "drug" else None)
            if named is None:
                continue
            said = self.text[number.start:unit.end]
            why = ("'gr' is the grain (64.8 mg) in apothecaries' use and a gram in many "
                   "countries' reports; neither is assumed" if unit.value.startswith("gr")
                   and len(unit.value) <= 3 else "the grain (64.8 mg) is an apothecaries' unit "
                   "the reader does not convert")
            self._finding(Severity.WARNING, "grain-or-gram",
                          f"{said!r} ({named.value.drug.name}): {why}, so the amount is not read: "
                          "write it in mg or g", (number.start, unit.end))

    def _merge_brands(self, tokens: list[Token]) -> list[Token]:
        """ "oxycodone (OxiNorm®)": a brand in brackets after its drug is the same mention."""
        merged: list[Token] = []
        skip = 0
        for index, token in enumerate(tokens):
            if skip:
                skip -= 1
                continue
            between = 0  # "fentanyl patch (FP)": a form may stand between the name and its bracket
            while token.kind == "drug" and index + between + 1 < len(tokens) \
                    and tokens[index + between + 1].kind in ("form", "release") and between < 2:
                between += 1
            if (token.kind == "drug" and index + between + 3 < len(tokens)
                    and tokens[index + between + 1].kind == "open"
                    and tokens[index + between + 2].kind == "drug"
                    and tokens[index + between + 3].kind == "close"
                    and tokens[index + between + 2].value.drug == token.value.drug):
                if between:  # the form is kept, the bracketed name is the same mention
                    merged.append(token)
                    merged.extend(tokens[index + 1:index + between])
                    merged.append(attrs.evolve(tokens[index + between],
                                               end=tokens[index + between + 3].end))
                else:
                    merged.append(attrs.evolve(token, end=tokens[index + 3].end,
                                               name_end=token.end))
                skip = between + 3
                continue
            merged.append(token)
        return merged

    # -- pass 2: numbers that are not doses --------------------------------------------------
    def _printed_totals(self, sentence: int, tokens: list[Token], used: set[int]) -> None:
        share_of_patients = bool(tokens) and (_SHARE_OF_PATIENTS.search(
            self.normal[tokens[0].start:tokens[-1].end]) is not None or self.series)
        for index, token in enumerate(tokens):
            if token.kind == "lab":
                used.add(index)
                self._not_dose(token, "a laboratory value or a unit that is not a dose")
                continue
            if token.kind == "number" and index + 1 < len(tokens) \
                    and tokens[index + 1].kind == "cue" and tokens[index + 1].value == "ome":
                used.update((index, index + 1))
                self._printed(sentence, tokens, index, index + 1, "ome", token.value or 0.0,
                              "mg/day", note="no unit printed; read as mg/day")
                continue
            if token.kind != "amount":
                continue
            amount: Amount = token.value
            before = tokens[index - 1] if index else None
            if re.search(r"\d,$", self.normal[max(0, token.start - 2):token.start]):
                # "colchicine 0,5,1 mg", "5,10 and 20 mg" after a number the reader could not
                # take whole: the digits after a comma are never an amount of their own
                used.add(index)
                said = self.text[token.start:token.end]
                self._not_dose(token, "the digits after a comma inside a number, not an amount "
                               "of their own")
                self._finding(Severity.WARNING, "comma-number",
                              f"{said!r} follows a number and a comma: the digits after a comma "
                              "are not read alone (a decimal comma, or a list?)",
                              (token.start, token.end))
                continue
            comma = DECIMAL_COMMA.search(self.normal, token.start, token.end)
            if comma is not None and comma.start() == token.start and float(
                    comma.group(0).replace(",", ".")) in (*amount.values, amount.high):
                self._finding(Severity.INFO, "decimal-comma",
                              f"{self.text[token.start:token.end]!r}: the comma read as a decimal "
                              f"point ({comma.group(0)} = {comma.group(0).replace(',', '.')}); a "
                              "thousands separator needs three digits after it",
                              (token.start, token.end))
            if amount.value == 0 or any(v == 0 for v in amount.values):
                used.add(index)
                broken = before is not None and before.kind == "number"
                self._not_dose(token, "zero is not a dose" + (
                    "; a number broken by a space before it?" if broken else ""))
                self._finding(Severity.WARNING, "zero-amount",
                              f"{self.text[(before or token).start if broken else token.start:token.end]!r}: "
                              "not read (zero, or a number broken by a space)", (token.start, token.end))
                continue
            if before is not None and before.kind == "bound" and before.value == "threshold":
                used.add(index)
                self._not_dose(token, "a threshold (more or less than), not a dose")
                continue
            if re.match(r"\s*(?:or|and)\s+(?:more|greater|higher|above|over)\b",
                        self.normal[token.end:token.end + 20]):
                used.add(index)  # "required a dose of 9,000 mg or more of morphine"
                self._not_dose(token, "a lower bound (\"or more\"), not a dose")
                continue
            if (self.group or self.series) and before is not None and before.kind == "bound" \
                    and _A_MAXIMUM.search(self.normal[max(0, token.start - 30):token.start]) \
                    and not _ONE_PATIENT.search(self.normal[tokens[0].start:tokens[-1].end]):
                used.add(index)  # "The dose of fentanyl was increased to a maximum of 0.05 mg/hour"
                self._not_dose(token, "the ceiling a protocol for a group of patients sets, not "
                               "a dose given")
                continue
            if self._in_calculation(tokens, index):
                used.add(index)
                self._not_dose(token, "a number of a worked calculation (an operand or its "
                               "result), not a dose")
                continue
            if before is not None and before.kind == "word" and before.value == "-" \
                    and before.end == token.start:
                used.add(index)
                self._printed(sentence, tokens, index, index, "change", -amount.value,
                              _unit_of(amount))
                continue
            if self._step_of_change(token):
                used.add(index)  # "increased by 25 mcg/h to 75 mcg/h": the step, not a dose
                self._printed(sentence, tokens, index, index, "change", amount.value,
                              _unit_of(amount), note="the step of a change, not a dose")
                continue
            if re.search(r"\boverdos(?:e|es|ed)\s+(?:of|on|with)\s+(?:about\s+|approximately\s+)?$",
                         self.normal[max(0, token.start - 40):token.start]):
                used.add(index)  # "after an overdose of 5000 micrograms of fentanyl"
                self.total_tokens.add(index)
                self._not_dose(token, "the amount of an overdose, not a dose of the regimen")
                continue
            cues = self._cues(tokens, index)
            if not cues and self._equivalence_side(tokens, index):
                used.add(index)
                self.total_tokens.add(index)
                self._not_dose(token, "one side of an equivalence the text states, not a dose")
                continue
            if share_of_patients:
                cues.add("series")
            if "dilution" in cues and not re.search(r"dilut\w*\s+(?:to\s+|at\s+)?$",
                                                    self.normal[max(0, token.start - 20):token.start]):
                cues.discard("dilution")
            if "dilution" in cues:
                used.add(index)
                self._not_dose(token, "a dilution, not a dose")
                continue
            if not cues:
                continue
            used.add(index)
            if amount.base == "%" and not amount.per:
                self._not_dose(token, "a percentage of a change or a share, not a dose")
            elif "available" in cues:
                self._not_dose(token, "marketed strengths, not a dose given")
            elif "step" in cues:
                self._not_dose(token, "a titration step, not a dose")
            elif "ome" in cues:
                parenteral = "parenteral" in self.normal[tokens[max(0, index - 6)].start:
                                                         tokens[min(len(tokens) - 1, index + 4)].end]
                kind = "parenteral-ome" if parenteral else (
                    "change" if cues & {"reduction", "change"} else "ome")
                if "series" in cues:
                    kind = "series"
                self._printed(sentence, tokens, index, index, kind, amount.value, _unit_of(amount))
            elif "use" in cues:
                unit = _unit_of(amount)
                if amount.time is None and re.match(r"\s*(?:of\s+\S+\s+)?per\s+(?:hour|h)\b",
                                                    self.normal[token.end:token.end + 30]):
                    unit += "/h"  # "3mg of hydromorphone per hour"
                self._printed(sentence, tokens, index, index, "use", amount.value, unit,
                              drug=self._drug_near(tokens, index))
                self.total_tokens.add(index)
            elif "series" in cues:
                self._printed(sentence, tokens, index, index, "series", amount.value,
                              _unit_of(amount))
            elif "reduction" in cues:
                self._printed(sentence, tokens, index, index, "change", amount.value,
                              _unit_of(amount))
            else:  # total
                kind = "daily" if amount.time == "day" else "cumulative"
                self._printed(sentence, tokens, index, index, kind, amount.value, _unit_of(amount),
                              drug=self._drug_near(tokens, index))

    def _reduced_to(self, tokens: list[Token], index: int) -> bool:
        """ "significant reduction of prednisone to 1.5 mg/day", "reduction of tabs prednisolone
        to 20mg on alternate days": the amount right after "to" is the dose the reduction reached,
        not the size of the reduction."""
        return index >= 1 and tokens[index - 1].kind == "word" and tokens[index - 1].value == "to"

    def _step_of_change(self, token: Token) -> bool:
        """ "increased by 25 mcg/h (to 75 mcg/h)", "reduced by 10 mg": the amount is the step of
        the change, not a dose."""
        return bool(re.search(
            r"\b(?:increas|decreas|reduc|rais|lower|titrat|escalat|taper|cut|drop)\w*"
            r"(?:\s+(?:up|down|further|again))?\s+by\s+(?:about\s+|approximately\s+|"
            r"a\s+further\s+|another\s+)?$", self.normal[max(0, token.start - 40):token.start]))

    def _calculation_sign(self, tokens: list[Token], position: int) -> str | None:
        """ "÷" (always), "x 1.5" (a sign before a bare factor), "=" or "≈": the kind of sign of
        a calculation at ``position``, or None."""
        if not 0 <= position < len(tokens) or tokens[position].kind != "word":
            return None
        value = tokens[position].value
        if value in _DIVIDE:
            return "divide"
        if value in _TIMES and position + 1 < len(tokens) and tokens[position + 1].kind == "number":
            return "times"
        if value in _RESULT:
            return "result"
        return None

    def _equivalence_side(self, tokens: list[Token], index: int, *, right_only: bool = False
                          ) -> bool:
        """Is the amount at ``index`` a side of an equivalence the text states ("… is the
        approximate equivalent of 30 mg of oral morphine …")? Within its brackets (or outside
        any), with no clause boundary between the amount and the phrase."""
        group = self._bracket(tokens, index)
        first, last = (group[0] + 1, group[1] - 1) if group is not None else (0, len(tokens) - 1)
        start, end = tokens[first].start, tokens[last].end
        said = self.normal[start:end]
        token = tokens[index]
        def joined(one: int, other: int) -> bool:
            between = self.normal[one:other]
            return len(between) < 80 and not re.search(
                r"[;.:()\[\]]|\b(?:but|however|whereas|while|which)\b", between)

        for found in _EQUIVALENT.finditer(said):
            at, to = start + found.start(), start + found.end()
            if right_only:
                if token.start >= to and joined(to, token.start):
                    return True
                continue
            if found.group("verb"):  # "A is the equivalent of B": an amount on each side
                left = [t for t in tokens[first:index + 1] if t.kind == "amount" and t.end <= at
                        and joined(t.end, at)]
                if not left:
                    continue
                if token in left or (token.start >= to and joined(to, token.start)):
                    return True
            elif token.start >= to and joined(to, token.start):
                return True
        return False

    def _bracket(self, tokens: list[Token], index: int) -> tuple[int, int] | None:
        """The innermost pair of brackets around ``index`` (their positions), or None."""
        depth, opening = 0, None
        for position in range(index - 1, -1, -1):
            kind = tokens[position].kind
            if kind == "close":
                depth += 1
            elif kind == "open":
                if depth == 0:
                    opening = position
                    break
                depth -= 1
        if opening is None:
            return None
        depth = 0
        for position in range(index + 1, len(tokens)):
            kind = tokens[position].kind
            if kind == "open":
                depth += 1
            elif kind == "close":
                if depth == 0:
                    return opening, position
                depth -= 1
        return None

    def _in_calculation(self, tokens: list[Token], index: int) -> bool:
        """ "([280mg morphine per day ÷ 30] x 1.5 = 14)", "(352 mg ÷ 2 ≈ 180 mg)", "14 mg x 0.6
        = 8.4 mg": a number of a worked calculation — in brackets that hold one, or beside its
        signs — is an operand or a result, not a dose (a worked conversion of a teaching case,
        never a regimen)."""
        signs = [self._calculation_sign(tokens, p) for p in range(len(tokens))]
        if not any(sign in ("divide", "times") for sign in signs):
            return False  # "(n = 7)", "24 mg × 18 years": no calculation
        group = self._bracket(tokens, index)
        if group is not None and any(signs[p] in ("divide", "times")
                                     for p in range(group[0] + 1, group[1])):
            return True
        after = index + 1
        while after < len(tokens) and after <= index + 3 and tokens[after].kind in (
                "drug", "route", "freq", "release", "form"):
            after += 1
        if after < len(tokens) and signs[after] is not None:
            return True  # "280 mg morphine ÷ 30", "14 mg x 0.6", "8.4 mg = …"
        return index > 0 and signs[index - 1] in ("divide", "result")  # "= 8.4 mg", "÷ 2 mg"

    def _cues(self, tokens: list[Token], index: int) -> set[str]:
        """Cues of a total in the amount's clause: up to eight tokens before it and four after,
        stopping at a clause boundary."""
        found: set[str] = set()
        for step, limit in ((-1, 8), (1, 4)):
            position = index + step
            while 0 <= position < len(tokens) and abs(position - index) <= limit:
                token = tokens[position]
                if token.kind in ("clause",) or (token.kind == "punct" and token.value == ";"):
                    break
                if step > 0 and token.kind in ("amount", "drug") and position != index + 1:
                    break
                if step > 0 and token.kind == "punct":
                    break
                if step < 0 and token.kind == "amount":
                    break
                if (token.kind == "cue" and token.value not in ("respectively", "each", "total")) \
                        or (token.kind == "cue" and token.value == "total"
                            and not self._total_daily_dose(token, tokens[index])
                            and not _TOTAL_DURATION.match(self.normal, token.end)):
                    found.add(token.value)
                if token.kind == "verb" and token.value == "decrease" \
                        and self.normal[token.start:token.end] == "reduction" \
                        and not self._reduced_to(tokens, index):
                    found.add("reduction")
                position += step
        if "use" in found and not self._use_is_total(tokens, index):
            found.discard("use")
        if "use" in found and found <= {"use", "total"}:
            listed = self._regimen_list(tokens, index)
            if listed:
                found.clear()  # the regimen, each drug's amount: items, not a total
                window = self.normal[tokens[max(0, index - 8)].start:tokens[index].start]
                if _PER_DAY_WORD.search(window):
                    self.daily_amounts.update(tokens[position].start for position in listed)
        return found

    def _daily_dose_list(self, tokens: list[Token]) -> None:
        """ "a daily dose of 20 mg paroxetine and 1.2 mg alprazolam": "daily dose of" before a
        list of amounts each written before the name of a different drug says each is an amount
        a day."""
        for index, token in enumerate(tokens):
            if token.kind != "amount" or token.value.time is not None:
                continue
            if _DAILY_DOSE_OF.search(self.normal[max(0, token.start - 40):token.start]) is None:
                continue
            listed = self._regimen_list(tokens, index)
            self.daily_amounts.update(tokens[position].start for position in listed)
        for index, token in enumerate(tokens):
            if token.kind not in ("drug", "word"):
                continue
            before = self.normal[max(0, token.start - 40):token.start]
            if _DAILY_DOSE_OF.search(before) is None or _COUNTED_DAILY_DOSES.search(before):
                continue
            listed = self._named_list(tokens, index)
            if len(listed) >= 2:
                self.daily_amounts.update(tokens[position].start for position in listed)

    def _named_list(self, tokens: list[Token], index: int) -> list[int]:
        """ "daily doses of ketiapin 25 mg for anxiety disorder and venlafaxine 75 mg": names each
        right before an amount of its own, joined by commas or "and", each with the words of what
        it is for ("for anxiety disorder"), one list from the name at ``index`` on. The positions
        of the list's amounts (amounts with a time of their own end the list)."""
        positions: list[int] = []
        position = index
        while position + 1 < len(tokens):
            name, amount = tokens[position], tokens[position + 1]
            if name.kind not in ("drug", "word") or amount.kind != "amount" \
                    or amount.value.time is not None:
                break
            positions.append(position + 1)
            position += 2
            if position < len(tokens) and tokens[position].kind == "word" \
                    and tokens[position].value == "for":  # what it is for
                position += 1
                while position < len(tokens) and tokens[position].kind in ("word", "cue") \
                        and tokens[position].value not in _NAMED_LIST_STOPS:
                    position += 1
            if position < len(tokens) and ((tokens[position].kind == "punct"
                                            and tokens[position].value == ",")
                                           or (tokens[position].kind == "plus"
                                               and self._word(tokens[position]) == "and")):
                position += 1
                continue
            break
        return positions

    def _day_by_day(self, tokens: list[Token]) -> None:
        """ "24 mg on day 1 and 20 mg on day 2", "40 mg on the first day and 30 mg on the second
        day": a sentence that gives amounts of a drug for two or more different days, each amount
        said to be given "on" its day, tells what was given each day: each amount is that day's.
        One amount on one day ("10 mg on day 3") may be a single dose of that day: not read so."""
        days: dict[int, str] = {}
        for index, token in enumerate(tokens):
            amount = token.value if token.kind == "amount" else None
            if amount is None or amount.per or amount.base not in ("mg", "mcg", "g") \
                    or amount.high is not None or len(amount.values) != 1:
                continue
            after = tokens[index + 1:index + 3]
            if after and after[0].kind == "time" and self.normal[after[0].start:after[0].end] \
                    .startswith("on ") and after[0].value != "later":
                days[index] = str(after[0].value)
            elif len(after) == 2 and after[0].kind == "word" and after[0].value == "on" \
                    and after[1].kind == "time" and str(after[1].value).startswith("day "):
                days[index] = str(after[1].value)
        if len(set(days.values())) >= 2:
            self.day_amounts.update(tokens[index].start for index in days)

    def _total_daily_dose(self, total: Token, amount: Token) -> bool:
        """ "a total daily dose of 25 mg sertraline", "at a total daily dose of 150 mg": the sum
        of one day's doses of the drug named beside it, its daily amount — not a cumulative total.
        Only where the amount follows the words at once; "the total daily dose of oral morphine
        was 120 mg" (a drug between them) stays a printed total."""
        return total.end <= amount.start and re.fullmatch(
            r"\s+daily\s+(?:dose|dosage)s?\s+(?:of\s+|was\s+|:\s*)?",
            self.normal[total.end:amount.start]) is not None

    def _regimen_list(self, tokens: list[Token], index: int) -> list[int]:
        """ "daily analgesic requirements were 150 µg/hr fentanyl, 100 mg oramorph and 400 mg
        tramadol": amounts each written before the name of a different drug, one list from the
        amount at ``index`` on, are the regimen, drug by drug, not a total. The positions of the
        list's amounts ([] where fewer than two drugs are listed)."""
        positions: list[int] = []
        drugs: set[str] = set()
        position = index
        while position + 1 < len(tokens):
            token = tokens[position]
            if token.kind == "amount" and tokens[position + 1].kind == "drug":
                positions.append(position)
                drugs.add(str(tokens[position + 1].value.drug.name))
                position += 2
            elif (token.kind == "punct" and token.value == ",") or (
                    token.kind == "plus" and self._word(token) == "and"):
                position += 1
            else:
                break
        return positions if len(drugs) >= 2 else []

    def _use_is_total(self, tokens: list[Token], index: int) -> bool:
        """ "used an average of 3 mg", "use escalated … with 31,600 mcg", "consumption was":
        a use is a total; "morphine used for breakthrough pain 10 mg" is not."""
        window = self.normal[tokens[max(0, index - 8)].start:tokens[index].start]
        return bool(re.search(r"consumption|consumed|usage|requirements?|average|mean|"
                              r"\buse\b[^.]*\bwith\b|used\s+(?:an?\s+)?(?:average|total|mean)",
                              window))

    def _drug_near(self, tokens: list[Token], index: int) -> str | None:
        for position in range(index - 1, max(-1, index - 9), -1):
            if tokens[position].kind == "drug":
                return str(tokens[position].value.drug.name)
        for position in range(index + 1, min(len(tokens), index + 4)):
            if tokens[position].kind == "drug":
                return str(tokens[position].value.drug.name)
        return None

    def _printed(self, sentence: int, tokens: list[Token], first: int, last: int, kind: str,
                 value: float, unit: str, drug: str | None = None, note: str = "") -> None:
        start, end = tokens[first].start, tokens[last].end
        self.printed.append((PrintedTotal(self.text[start:end], (start, end), kind, value, unit,
                                          drug, None, (), note), sentence))

    def _not_dose(self, token: Token, why: str) -> None:
        self.set_aside.add((token.start, token.end))
        self.not_doses.append(NotADose(self.text[token.start:token.end], (token.start, token.end),
                                       why))

    # -- pass 3: items -----------------------------------------------------------------------
    def _bind(self, sentence: int, tokens: list[Token], used: set[int]) -> list[_Reading]:
        readings: list[_Reading] = []
        self._daily_dose_list(tokens)
        self._day_by_day(tokens)
        for index, token in enumerate(tokens):
            if token.kind != "amount" or index in used:
                continue
            amount: Amount = token.value
            if amount.volume or amount.volume_rate:
                continue  # read with the concentrations of the sentence (_volumes)
            if amount.kind == "fromto" and not any(
                    t.kind == "verb" and t.value in ("increase", "decrease", "titrate", "reach")
                    for t in tokens[max(0, index - 5):index]):
                amount = attrs.evolve(amount, kind="between")  # "doses ranged from 5 to 10 mg"
            if amount.kind == "combination":
                used.add(index)
                readings.extend(self._combination(sentence, tokens, index))
                continue
            if self._is_alt(tokens, index, readings):
                used.add(index)
                continue
            drug_index = self._tight_right(tokens, index)
            if drug_index is None and not any(t.kind == "drug" for t in tokens[:index]):
                # "the patient was given 20 mg b.i.d. omeprazole": no drug before the amount, so
                # its schedule may stand between it and the drug's name
                drug_index = self._tight_right(tokens, index, schedule=True)
            if drug_index is None and self._for_unknown_word(tokens, index):
                continue
            if drug_index is None and self._after_unknown_name(tokens, index):
                used.add(index)
                continue
            if drug_index is None:
                drug_index = self._left(tokens, index)
                if drug_index is not None and amount.base == "%" and not amount.per \
                        and not self._next_to(tokens, drug_index, index):
                    drug_index = None  # "methadone was 2.3 days (95% CI …)": a share
                if drug_index is not None and self._dose_of_unknown_between(
                        tokens, drug_index, index):
                    used.add(index)
                    continue
                if drug_index is not None and self._named_after_conjunction(
                        tokens, drug_index, index):
                    used.add(index)
                    continue
                if drug_index is not None and self._headed_by_name(tokens, drug_index, index):
                    used.add(index)
                    continue
            both: list[int] = []
            if drug_index is not None:
                both = self._coordinated(tokens, drug_index, index)
            targets = [drug_index, *both] if drug_index is not None else []
            if not targets:
                if self._headed_by_name(tokens, -1, index):
                    used.add(index)
                    continue
                focus = self._focus(tokens, amount)
                if focus is None:
                    continue
                drug, drug_span, route = focus
                used.add(index)
                for value_index in range(len(amount.values)):
                    readings.append(_Reading(drug, drug_span, sentence, index, index, amount,
                                             value_index, index, from_earlier=True,
                                             earlier_route=route))
                continue
            used.add(index)
            rate = self._rate_after_name(tokens, index, drug_index) if not both else None
            if rate is None:
                rate = self._rate_after_route(tokens, index)
            if rate is None:
                rate = self._rate_after_vehicle(tokens, index)
                if rate is not None:
                    used.add(rate[1])
                    self._not_dose(tokens[rate[1]], "the strength of the solution the drug is "
                                   "given in, whose time is the dose's")
            if rate is not None:
                amount = attrs.evolve(amount, per=(*amount.per, rate[0]))
            for target in targets:
                name: DrugName = tokens[target].value
                first, last = min(target, index), max(target, index)
                if rate is not None:
                    last = max(last, rate[1])
                for value_index in range(len(amount.values)):
                    readings.append(_Reading(name.drug, tokens[target].name_span,
                                             sentence, first, last, amount, value_index, index,
                                             name_route=name.route,
                                             daily_list=token.start in self.daily_amounts,
                                             day_amount=token.start in self.day_amounts))
        return readings

    def _alternatives(self, tokens: list[Token], readings: list[_Reading]) -> list[_Reading]:
        """ "Diamorphine 40mg or morphine 60mg in syringe": doses of two drugs joined by "or"
        are a choice the text leaves open — neither is read as given (a finding says so)."""
        ordered = sorted((r for r in readings if r.amount_token is not None), key=lambda r: r.first)
        chosen: set[int] = set()
        for one, other in itertools.pairwise(ordered):
            between = tokens[one.last + 1:other.first]
            if one.drug != other.drug and len(between) == 1 and between[0].kind == "plus" \
                    and self.normal[between[0].start:between[0].end] == "or":
                chosen.update((id(one), id(other)))
                start, end = tokens[one.first].start, tokens[other.last].end
                self._finding(Severity.INFO, "alternatives",
                              f"{self.text[start:end]!r}: doses of {one.drug.name} or "
                              f"{other.drug.name}, a choice the text leaves open: neither is read "
                              "as given", (start, end))
        for reading in readings:
            if id(reading) in chosen and reading.amount_token is not None:
                self._not_dose(tokens[reading.amount_token], "one of alternatives joined by 'or'")
                self.owned.add(reading.drug_span)
        kept = [r for r in readings if id(r) not in chosen]
        if len(kept) < len(readings):  # their names are not mentions of their own either
            self.negated_tokens.update(self.token_at[r.drug_span[0]] for r in readings
                                       if id(r) in chosen and r.drug_span[0] in self.token_at)
        return kept

    def _rate_after_name(self, tokens: list[Token], index: int,
                         drug_index: int | None) -> tuple[str, int] | None:
        """ "0.4 mg IV hydromorphone/hour", "0.25 mg of morphine sulfate per 24 hours": a mass
        amount written before its drug, the time it is per written after the name. The time
        and the position of its last token, or None."""
        amount: Amount = tokens[index].value
        if drug_index is None or drug_index <= index or not amount.mass or amount.time is not None \
                or amount.kind not in ("single", "range"):
            return None
        position = drug_index + 1
        while position < len(tokens) and tokens[position].kind == "word" \
                and tokens[position].value in _SALTS:
            position += 1
        if position >= len(tokens):
            return None
        found = _PER_TIME_AFTER_NAME.match(self.normal, tokens[position].start)
        if found is None:
            return None
        last = next((p for p in range(position, len(tokens)) if tokens[p].end == found.end()), None)
        if last is None:
            return None
        unit = found.group("unit") or found.group("word")
        time = "day" if unit.startswith(("24", "d")) else "min" if unit.startswith("min") else "h"
        return time, last

    def _next_to(self, tokens: list[Token], drug: int, amount: int) -> bool:
        """Is the amount written next to the drug's name ("0.2% ropivacaine", "lidocaine 2%",
        "ropivacaine (0.2%)"), with only route, release or form words or brackets between?"""
        low, high = min(drug, amount), max(drug, amount)
        return all(t.kind in ("route", "release", "form", "open", "close", "infusion")
                   or (t.kind == "word" and t.value in _TIGHT)
                   for t in tokens[low + 1:high]) and high - low <= 4

    def _rate_after_route(self, tokens: list[Token], index: int) -> tuple[str, int] | None:
        """ "a continuous infusion of morphine at 10 mg intravenously per hour": a mass amount,
        the route written after it, then the time it is per. The time and the position of its
        last token, or None."""
        amount: Amount = tokens[index].value
        if not amount.mass or amount.time is not None or amount.kind not in ("single", "range"):
            return None
        position = index + 1
        while position < len(tokens) and position <= index + 2 and tokens[position].kind == "route":
            position += 1
        if position == index + 1 or position >= len(tokens):
            return None
        found = _PER_TIME_AFTER_NAME.match(self.normal, tokens[position].start)
        if found is None:
            return None
        last = next((p for p in range(position, len(tokens)) if tokens[p].end == found.end()), None)
        if last is None:
            return None
        unit = found.group("unit") or found.group("word")
        time = "day" if unit.startswith(("24", "d")) else "min" if unit.startswith("min") else "h"
        return time, last

    def _rate_after_vehicle(self, tokens: list[Token], index: int) -> tuple[str, int] | None:
        """ "infusion 1500 mg in dextrose 5%/24 hour": a mass amount, the solution it is given
        in, then that solution's strength with the time the amount is per. The time and the
        position of the strength, or None."""
        amount: Amount = tokens[index].value
        if not amount.mass or amount.time is not None or amount.kind not in ("single", "range"):
            return None
        found = _IN_VEHICLE.match(self.normal, tokens[index].end)
        if found is None:
            return None
        position = next((p for p in range(index + 1, len(tokens))
                         if tokens[p].start >= found.end()), None)
        if position is None or tokens[position].kind != "amount" \
                or tokens[position].start != found.end():
            return None
        strength: Amount = tokens[position].value
        if strength.base != "%" or strength.time is None or len(strength.per) != 1:
            return None
        return strength.time, position

    def _combination(self, sentence: int, tokens: list[Token], index: int) -> list[_Reading]:
        """ "oxycodone/acetaminophen 5/325 mg, two tablets every 6 hours": one strength for each
        drug named before it, in order, and the tablets a dose — each component an item. A
        combination whose components the text does not name one by one (a brand) is not read."""
        amount: Amount = tokens[index].value
        position = index - 1
        while position >= 0 and tokens[position].kind in ("release", "route", "form", "approx",
                                                          "open"):
            position -= 1  # "oxycodone/acetaminophen tablets (5 mg/325 mg)"
        drugs: list[int] = []
        while position >= 0 and tokens[position].kind == "drug":
            drugs.insert(0, position)
            if position >= 2 and tokens[position - 1].kind == "word" \
                    and tokens[position - 1].value in ("/", "-") and tokens[position - 2].kind == "drug":
                position -= 2
                continue
            break
        token = tokens[index]
        if len(drugs) != len(amount.values):
            self._not_dose(token, "the strengths of a combination whose components are not named "
                           "one by one")
            self._finding(Severity.WARNING, "combination-not-read",
                          f"{self.text[token.start:token.end]!r}: the strengths of a combination "
                          "product, and the text does not name its components one by one: not "
                          "read", (token.start, token.end))
            return []
        count = self._units_before(tokens, drugs[0]) or self._units_after(tokens, index)
        around = None if count else self._units_around(tokens, drugs[0], drugs[-1])
        count = count or around
        found = []
        for value_index, drug in enumerate(drugs):
            name: DrugName = tokens[drug].value
            start = drugs[0] - 1 if around and value_index == 0 else drug  # "2 oxycodone/…"
            found.append(_Reading(name.drug, tokens[drug].name_span, sentence, start, index,
                                  amount, value_index, index, name_route=name.route,
                                  count=count, combination=True))
        return found

    def _units_before(self, tokens: list[Token], first: int) -> int | None:
        """ "2 tablets of oxycodone/acetaminophen": the units a dose, before the name."""
        position = first - 1
        if position >= 0 and tokens[position].kind == "word" and tokens[position].value == "of":
            position -= 1
        if position >= 1 and tokens[position].kind == "form" \
                and tokens[position].value in _COUNTED:
            return _count(tokens[position - 1])
        return None

    def _units_around(self, tokens: list[Token], first: int, last: int) -> int | None:
        """ "2 oxycodone/acetaminophen tablets (5 mg/325 mg)": a count before the names and the
        units after them."""
        if first >= 1 and last + 1 < len(tokens) and tokens[last + 1].kind == "form" \
                and tokens[last + 1].value in _COUNTED:
            return _count(tokens[first - 1])
        return None

    def _units_after(self, tokens: list[Token], index: int) -> int | None:
        """ "5/325 mg two tablets every 6 hours", "5/325 mg, 1 tab q6h", "(5 mg/325 mg) two
        tablets": the units a dose."""
        position = index + 1
        if position < len(tokens) and tokens[position].kind == "close":
            position += 1
        if position < len(tokens) and tokens[position].kind == "punct" \
                and tokens[position].value in ",;":
            position += 1
        if position + 1 < len(tokens) and tokens[position + 1].kind == "form" \
                and tokens[position + 1].value in _COUNTED:
            return _count(tokens[position])
        return None

    def _is_alt(self, tokens: list[Token], index: int, readings: list[_Reading]) -> bool:
        """ "0.2 mg/kg/h (288 mg/24 h)", "660mg (330mg every 12 hours)": an amount in brackets
        right after another is the same dose said again."""
        opening = index - 1
        while opening >= 0 and tokens[opening].kind == "approx":
            opening -= 1
        if opening < 1 or tokens[opening].kind != "open":
            return False
        previous = opening - 1
        skipped = 0
        while previous >= 0 and skipped < 4 and tokens[previous].kind in (
                "approx", "freq", "route", "form", "release"):
            previous -= 1
            skipped += 1
        if previous < 0 or tokens[previous].kind != "amount":
            return False
        if skipped and not tokens[index].value.per_kg:
            return self._bracketed_daily(tokens, previous, opening, index, readings)
        for reading in readings:
            if reading.amount_token == previous and reading.alt is None:
                close = index + 1
                while close < len(tokens) and tokens[close].kind != "close":
                    close += 1
                reading.last = max(reading.last, min(close, len(tokens) - 1))
                main, alt = reading.amount, tokens[index].value
                scheduled = any(t.kind == "freq" for t in tokens[index + 1:close])
                if main is not None and main.mass and main.time is None and alt.mass \
                        and alt.time is None and scheduled:
                    # "660mg (330mg every 12 hours)": the dose is in brackets, the total before
                    reading.amount, reading.amount_token, reading.alt = alt, index, main
                    self._printed(reading.sentence, tokens, previous, previous, "daily",
                                  main.value, _unit(main.base, ("day",)), drug=reading.drug.name,
                                  note="a daily total printed before the dose and its schedule")
                else:
                    reading.alt = alt
                return True
        return False

    def _bracketed_daily(self, tokens: list[Token], previous: int, opening: int, index: int,
                         readings: list[_Reading]) -> bool:
        """ "oxycodone 10 mg every 4 hours (60 mg/day)": a daily amount in brackets after a dose
        and its schedule is the daily total the text prints (compared with the one computed),
        not another item."""
        alt: Amount = tokens[index].value
        if alt.time != "day" or not alt.mass or alt.per_kg or not any(
                tokens[p].kind == "freq" for p in range(previous + 1, opening)):
            return False
        for reading in readings:
            main = reading.amount
            if reading.amount_token == previous and main is not None and main.mass \
                    and main.time is None and not main.per_kg:
                close = index + 1
                while close < len(tokens) and tokens[close].kind != "close":
                    close += 1
                reading.last = max(reading.last, min(close, len(tokens) - 1))
                self._printed(reading.sentence, tokens, index, index, "daily", alt.value,
                              _unit(alt.base, ("day",)), drug=reading.drug.name,
                              note="a daily total printed in brackets after the dose")
                return True
        return False

    def _for_unknown_word(self, tokens: list[Token], index: int) -> bool:
        """ "0.0002% epinephrine", "40 mg of triamcinolone": an amount right before a word the
        catalogue does not know (or before "of" and that word) is that word's, not the drug
        before it."""
        if index + 1 >= len(tokens):
            return False
        following = tokens[index + 1]
        if following.kind == "word" and following.value == "of" and index + 2 < len(tokens) \
                and tokens[index + 2].kind == "word":
            following = tokens[index + 2]  # "40 mg of triamcinolone"
        elif following.kind != "word" or following.value in _GLUE or (following.end != tokens[
                index].end + 1 and self.normal[tokens[index].end:following.start].strip()):
            return False
        if following.value in _GLUE:
            return False
        word = str(following.value)
        return _name_like(word) and word not in _NOT_NAMES

    def _after_unknown_name(self, tokens: list[Token], index: int) -> bool:
        """ "donepezil hydrochloride,10 mg/d", "- Temazepam (Restoril®) 30mg", "(methotrexate
        15 mg/week)": an amount that follows a name the catalogue does not know, at the head of an
        item of a list or of a bracket, is that name's — never the drug of the item before it.
        Said in a finding; not read."""
        position = index - 1
        opening = self._bracket_open(tokens, index)
        if opening is not None and opening >= 1 and tokens[opening - 1].kind == "word":
            # "terbutaline sulphate (5 mg q6h)", "aminophylline (loading with 5 mg/kg …)": an
            # amount in the brackets that follow a name is that name's
            position = opening - 1
        while position >= 0 and (
                (tokens[position].kind == "punct" and tokens[position].value == ",")
                or (tokens[position].kind == "word" and tokens[position].value in _SALTS)):
            position -= 1
        if position >= 0 and tokens[position].kind == "close":  # a brand in brackets
            opening = position - 1
            while opening >= 0 and tokens[opening].kind == "word":
                opening -= 1
            if opening < 0 or tokens[opening].kind != "open" or opening == position - 1:
                return False
            position = opening - 1
            while position >= 0 and tokens[position].kind == "word" \
                    and tokens[position].value in _SALTS:
                position -= 1
        names = 0
        while position >= 0 and names < 2 and tokens[position].kind == "word" \
                and _name_like(str(tokens[position].value)) \
                and tokens[position].value not in _GLUE | _NOT_NAMES | _DESCRIPTORS | _SALTS:
            position -= 1
            names += 1
        if not names:
            return False
        # "sodium valproate 500 mg", "oral mesalazine 2.4 mg/day", "nebulized terbutaline (5 mg)":
        # a salt or the way it is given, before the name
        while position >= 0 and (tokens[position].kind in ("route", "release", "form") or (
                tokens[position].kind == "word" and tokens[position].value in _SALTS | _GIVEN_AS)):
            position -= 1
        before = tokens[position] if position >= 0 else None
        if before is not None and not (
                (before.kind == "punct" and before.value in ",;:") or before.kind == "plus"
                or (before.kind == "word" and before.value in ("-", "\u2022", "*"))
                or self._opens_bracket_with_name(tokens, position, names)):
            return False
        token = tokens[index]
        name = self.text[tokens[position + 1].start:tokens[position + names].end]
        self._not_dose(token, f"the amount of {name!r}, a name the catalogue does not know")
        self._finding(Severity.WARNING, "unknown-name",
                      f"{self.text[token.start:token.end]!r} follows {name!r}, a name the "
                      "catalogue does not know: not read, and not given to another drug",
                      (tokens[position + 1].start, token.end))
        return True

    @staticmethod
    def _opens_bracket_with_name(tokens: list[Token], position: int, names: int) -> bool:
        """ "… was initiated (methotrexate 15 mg/week)": a bracket that opens with a word shaped
        like an INN the catalogue does not know, not right after a drug's name (where it may be
        the drug's brand: "methyl-prednisolone (Urbason 40 mg)")."""
        if position < 0 or tokens[position].kind != "open" or names != 1:
            return False
        return (position == 0 or tokens[position - 1].kind != "drug") \
            and _INN_STEM.fullmatch(str(tokens[position + 1].value)) is not None

    def _tight_right(self, tokens: list[Token], index: int, schedule: bool = False) -> int | None:
        """The drug right after an amount: "2 mg/day of morphine", "0.2% ropivacaine",
        "2 mg/mL (bupivacaine)", "150 microg/hr transdermal fentanyl"."""
        position = index + 1
        if position + 2 < len(tokens) and tokens[position].kind == "open" \
                and tokens[position + 1].kind == "drug" and tokens[position + 2].kind == "close":
            return position + 1
        steps = 0
        while position < len(tokens) and steps < 5:
            token = tokens[position]
            if token.kind == "drug":
                return position
            if token.kind in ("route", "release", "form") or (schedule and token.kind == "freq") or (
                    token.kind == "word" and token.value in _TIGHT) or token.kind == "approx":
                position += 1
                steps += 1
                continue
            return None
        return None

    def _left(self, tokens: list[Token], index: int) -> int | None:
        """The nearest drug before an amount in its sentence, brackets skipped; after "and was"
        (a predicate whose subject is the sentence's), the sentence's subject drug."""
        position = index - 1
        clause_start = False
        while position >= 0:
            token = tokens[position]
            if token.kind == "close":
                depth = 1
                position -= 1
                while position >= 0 and depth:
                    if tokens[position].kind == "close":
                        depth += 1
                    elif tokens[position].kind == "open":
                        depth -= 1
                    position -= 1
                continue
            if token.kind == "drug":
                if clause_start:
                    subject = self._subject(tokens)
                    if subject is not None and subject < position:
                        return subject
                return position
            if token.kind == "class":
                return None
            if token.kind == "plus" and self.normal[token.start:token.end] == "and" \
                    and position + 1 < len(tokens) and tokens[position + 1].kind == "word" \
                    and tokens[position + 1].value in ("was", "were"):
                clause_start = True
            position -= 1
        return None

    def _subject(self, tokens: list[Token]) -> int | None:
        """The drug before the sentence's first verb ("An intravenous morphine infusion was
        initiated …"), if there is one."""
        for position, token in enumerate(tokens):
            if token.kind == "verb":
                return None
            if token.kind == "drug":
                rest = tokens[position + 1:position + 4]
                if any(t.kind == "word" and t.value in ("was", "were") for t in rest):
                    return position
        return None

    def _coordinated(self, tokens: list[Token], drug_index: int, amount_index: int) -> list[int]:
        """ "bupivacaine and morphine were both 1 mg/mL": the amount is each drug's."""
        between = tokens[min(drug_index, amount_index):max(drug_index, amount_index)]
        if not any(t.kind == "cue" and t.value == "each" for t in between):
            return []
        if drug_index >= 2 and tokens[drug_index - 1].kind == "plus" \
                and tokens[drug_index - 2].kind == "drug":
            return [drug_index - 2]
        return []

    def _focus(self, tokens: list[Token], amount: Amount
               ) -> tuple[Drug, tuple[int, int], Any] | None:
        """The drug a sentence that names none refers back to ("the dose was increased to …",
        "her continuous rate was increased to 4mg/hour"): the sentence must speak of a dose, a
        rate, a device or a change, and the story must point to one drug — the drug of the
        device it names, or the one drug of the last sentence that had items."""
        if any(t.kind in ("drug", "class") for t in tokens) or self.series \
                or (amount.base == "%" and not amount.per):
            return None  # a bare percentage is a share, never the story drug's concentration
        unknown = next((t for t in tokens if t.kind == "word"
                        and _INN_STEM.fullmatch(str(t.value))), None) \
            or self._dose_of_name(tokens) or self._given_by_route(tokens) \
            or self._infusion_of_name(tokens)
        if unknown is not None:  # "Ziconotide was initiated at 0.5-1.0 µg/day"
            self._finding(Severity.WARNING, "unknown-name",
                          f"{self.text[unknown.start:unknown.end]!r} looks like a drug's name the "
                          "catalogue does not know: the sentence's amounts are not given to "
                          "another drug", (unknown.start, unknown.end))
            return None
        words = {self.normal[t.start:t.end] for t in tokens if t.kind in ("word", "verb")}
        devices = {t.value if t.kind != "form" else "patch" for t in tokens
                   if t.kind in ("pca", "infusion", "device") or (t.kind == "form"
                                                                  and t.value == "patch")}
        devices = {"pca" if d is None else d for d in devices}
        changes = any(t.kind == "verb" and t.value in ("increase", "decrease", "titrate", "reach")
                      for t in tokens)
        if not (words & {"dose", "dosage", "doses", "dosing", "rate", "prescription", "regimen"}
                or changes or devices):
            return None
        if devices:
            for sentence in reversed(self.story.focus):
                for drug, span, device, route in reversed(sentence):
                    if device is not None and (device in devices or (
                            device == "pca" and "infusion" in devices)):
                        return self._named_since(tokens, drug, span, route)
        for sentence in reversed(self.story.focus):
            drugs = {drug for drug, _, _, _ in sentence}
            if len(drugs) == 1:
                drug, span, _, route = sentence[-1]
                return self._named_since(tokens, drug, span, route)
            if drugs:
                self._finding(Severity.INFO, "reference-unclear",
                              f"{self.text[tokens[0].start:tokens[-1].end]!r} refers back to a "
                              "dose, but the story speaks of several drugs: not read",
                              (tokens[0].start, tokens[-1].end))
                return None
        return None

    def _named_since(self, tokens: list[Token], drug: Drug, span: tuple[int, int], route: Any
                     ) -> tuple[Drug, tuple[int, int], Any] | None:
        """ "… she was started on acyclovir, 800 mg five times daily. … She continued for 2
        months on a prophylactic dose of 400 mg bd.": an amount in a sentence that names no drug
        refers to the drug-like name the story named last; where that is a name the catalogue
        does not know, named after the drug the story was about, the amount is no catalogue
        drug's. Said in a finding; not read."""
        if self.unknown_named_at <= span[0]:
            return drug, span, route
        start, end = tokens[0].start, tokens[-1].end
        name = re.match(r"[\w-]+", self.text[self.unknown_named_at:])
        said = name.group(0) if name is not None else "a name"
        self._finding(Severity.WARNING, "reference-unclear",
                      f"{self.text[start:end]!r} refers back to a dose, and the drug named last "
                      f"is {said!r}, a name the catalogue does not know (named after "
                      f"{drug.name}): not read", (start, end))
        return None

    def _mentions(self, sentence: int, tokens: list[Token],
                  readings: list[_Reading]) -> list[_Reading]:
        """Drugs named without an amount of their own: items with the dose unknown (unless
        negated, or the sentence gives the same drug an amount)."""
        with_amount = {r.drug for r in readings}
        bound = {r.first for r in readings} | {r.last for r in readings}
        found: list[_Reading] = []
        for index, token in enumerate(tokens):
            if token.kind != "drug" or index in bound or index in self.negated_tokens:
                continue
            name: DrugName = token.value
            if name.drug in with_amount:
                continue
            if self._negated(tokens, index):
                self._finding(Severity.INFO, "negated",
                              f"{self.text[token.start:token.end]!r} is negated or not given: not "
                              "an item", (token.start, token.end))
                continue
            if self._inside_total(tokens, index) or self._in_ratio(tokens, index):
                continue
            if self.series:
                self._finding(Severity.INFO, "named-in-a-series",
                              f"{self.text[token.start:token.end]!r} is named in a statement "
                              "about the patients of a series, not one patient's regimen: not an "
                              "item", (token.start, token.end))
                continue
            why = self._named_not_given(tokens, index) or self._told_elsewhere(tokens, index)
            if why is None and self._equivalence_side(tokens, index, right_only=True):
                why = "as a side of an equivalence the text states"  # "… equivalent to morphine"
            if why is not None:
                self._finding(Severity.INFO, "named-not-given",
                              f"{self.text[token.start:token.end]!r} is named {why}: not an item",
                              (token.start, token.end))
                continue
            if self._in_calculation_brackets(tokens, index):
                self._finding(Severity.INFO, "named-in-a-calculation",
                              f"{self.text[token.start:token.end]!r} is named inside a worked "
                              "calculation: not an item", (token.start, token.end))
                continue
            found.append(_Reading(name.drug, token.name_span, sentence, index, index,
                                  name_route=name.route))
            with_amount.add(name.drug)
        return found

    def _named_not_given(self, tokens: list[Token], index: int) -> str | None:
        """How a drug named without an amount is named, where the words do not say it was given:
        as a condition ("fentanyl overdose", "morphine-induced"), as a service ("methadone
        clinic"), as the setting of a reaction ("he developed myoclonus following concomitant
        administration of morphine and hydromorphone"), as what another is compared with
        ("advantages over morphine"), or in a general statement ("Methadone, a synthetic opioid,
        may be more effective …", "fentanyl patch (FP) are often used …", "The use of intravenous
        methadone by PCA is attractive …"). None where it may be an item."""
        after = index + 1
        while after < len(tokens) and (tokens[after].kind in ("form", "release", "route") or
                                       self._word(tokens[after]) in _SALTS):
            after += 1
        following = self._word(tokens[after]) if after < len(tokens) else ""
        joined = self.normal[tokens[index].end:tokens[index].end + 12]
        heading = self._heading(tokens)
        if heading is not None:
            return heading
        if following in _CONDITIONS or re.match(r"-(?:induced|related)\b", joined):
            return "as a condition, not a treatment"
        if following in _SERVICES:
            return "as a service, not a treatment"
        before_name = self.normal[max(0, tokens[index].start - 30):tokens[index].start]
        said_all = self.normal[tokens[0].start:tokens[-1].end]
        measured = re.match(r"\s+(?:(?:plasma|serum|blood)\s+)?(?:concentrations?|levels?)\b",
                            self.normal[tokens[index].end:tokens[index].end + 30])
        if re.search(r"\b(?:plasma|serum|blood)\b", said_all) and (
                measured
                or re.search(r"\b(?:concentrations?|levels?)\s+of\s+$", before_name)):
            # "the plasma concentration of paracetamol was 3040 mumol/l", "fentanyl blood
            # concentration": a measurement, not a dose given
            return "in a measurement of its level, not a dose given"
        lead = index  # "similar to those of immediate-release morphine"
        while lead > 0 and tokens[lead - 1].kind in ("route", "release", "form"):
            lead -= 1
        ahead = self.normal[max(0, tokens[lead].start - 40):tokens[lead].start]
        if _COMPARED.search(ahead):
            return "as what another is compared with, not a treatment given"
        said = self.normal[tokens[0].start:tokens[-1].end]
        one = _ONE_PATIENT.search(said) is not None
        untold = not _PAST.search(said) and not any(
            t.kind == "amount" and (t.start, t.end) not in self.set_aside for t in tokens)
        timeless = untold and _PRESENT.search(said) is not None
        if untold and not one and _EXAMPLES.search(ahead):
            return "as an example of a kind in a general statement, not a drug given"
        amounts = any(t.kind == "amount" and (t.start, t.end) not in self.set_aside for t in tokens)
        if not one and not amounts and not _PAST.search(said) and _HABITUAL.search(said):
            return "in a general statement of practice, not of this patient"
        if not one and not amounts and not _PAST.search(said) and _LITERATURE.search(said):
            return "in a statement of the literature, not of this patient"
        if not one and not amounts and _INTERACTION.search(self.normal[
                max(0, tokens[self._list_head(tokens, index)].start - 60):tokens[index].start]):
            return "as a party to the interaction the report is about, not an event of the regimen"
        if not amounts and _USUAL_DOSES.search(self.normal[max(0, tokens[index].start - 80):
                                                           tokens[index].start]):
            return "after \"the usual doses of\": doses in general, not the patient's"
        if not amounts and _PHARMACOLOGY.search(before_name):
            return "as the object of its pharmacology, not an event of the regimen"
        if not amounts and _CAUSALITY.search(said):
            return "in a causality assessment, not an event of the regimen"
        if timeless and not one and self._subject_of_general_verb(tokens, after):
            # "Methadone is a commonly prescribed opioid …", "The combination of oxycodone and
            # naloxone is useful …": a participle later in the sentence is no event of the story
            return "in a general statement, not of this patient"
        before = self.normal[tokens[max(0, index - 12)].start:tokens[index].start]
        if re.search(r"\b(?:developed|experienced|suffered)\b", said) and re.search(
                r"\b(?:during|following|after)\s+(?:concomitant\s+)?(?:treatment|therapy|"
                r"administration|use)\s+(?:with|of)\s+(?:[a-z\-]+(?:\s*,\s*|\s+and\s+|\s+or\s+))*$",
                before):
            return "as the setting of a reaction, not an event of the regimen"
        if one or any(t.kind == "amount" and (t.start, t.end) not in self.set_aside
                      for t in tokens) or any(
                t.kind == "verb" and self._story_verb(tokens, p) for p, t in enumerate(tokens)):
            return None
        if any(tokens[p].kind == "verb" and self._gerund_after_preposition(tokens, p)
               and not re.match(r"\s+(?:doses|dosages|amounts|rates)\b",
                                self.normal[tokens[p].end:tokens[p].end + 12])
               for p in range(max(0, index - 3), index)):  # not "despite increasing doses of …"
            return "in a general statement, not of this patient"  # "before switching to methadone"
        position = after
        if position < len(tokens) and tokens[position].kind == "open":  # "(FP)", "(Dilaudid)"
            while position < len(tokens) and tokens[position].kind != "close":
                position += 1
            position += 1
        if position < len(tokens) and tokens[position].kind == "punct" \
                and tokens[position].value == ",":  # "Methadone, a synthetic opioid, may …"
            closing = next((p for p in range(position + 1, min(len(tokens), position + 8))
                            if tokens[p].kind == "punct" and tokens[p].value == ","), None)
            # no second comma: the one after the name closes an apposition that names it
            # ("OxyContin, a controlled-release oxycodone hydrochloride tablet, is …")
            position = closing + 1 if closing is not None else position + 1
        while position < len(tokens) and (self._word(tokens[position]) in _NAME_NOUNS
                                          or self._word(tokens[position]).endswith("ly")):
            position += 1  # "Morphine treatment dramatically improves …"
        if position < len(tokens) and self._word(tokens[position]) in _GENERAL_VERBS:
            return "in a general statement, not of this patient"
        if _PRESENT.search(said) and not _PAST.search(said) and _GENERIC.search(said) \
                and self.sentence not in self.summaries:  # "The use of … morphine … is described."
            return "in a general statement, not of this patient"
        return None

    def _subject_of_general_verb(self, tokens: list[Token], position: int) -> bool:
        """Is the drug whose name ends before ``position`` the subject of a verb of a general
        statement ("Methadone is …", "oxycodone and naloxone is …", "The dose of oral morphine is
        titrated …")? Other drugs joined to it by "and", "or" or "/" are skipped."""
        while position + 1 < len(tokens) and (
                self._word(tokens[position]) in ("and", "or", "/")
                or (tokens[position].kind == "punct" and tokens[position].value == "/")) \
                and tokens[position + 1].kind == "drug":
            position += 2
        while position < len(tokens) and (self._word(tokens[position]) in _NAME_NOUNS
                                          or self._word(tokens[position]).endswith("ly")):
            position += 1
        return position < len(tokens) and self._word(tokens[position]) in _GENERAL_VERBS

    def _told_elsewhere(self, tokens: list[Token], index: int) -> str | None:
        """A drug named without an amount where the case tells of it in another sentence: in the
        sentence that sums the report up ("We report a patient … with burst ketamine therapy"),
        when a later sentence of the case names it, and gives its route where the summary does
        ("We present four patients in whom epidural morphine was used" is kept when the case
        names no route before "morphine"); as the cause of an event ("These symptoms
        were attributed to tramadol"), when another sentence names it."""
        drug = tokens[index].value.drug
        after = [other for other in range(self.sentence + 1, len(self.named))
                 if other not in self.summaries]
        later = any(drug in self.named[other] for other in after)
        routed = any(drug in self.routed[other] for other in after)
        if self.sentence in self.summaries and later and (
                routed or not self._route_named(tokens, index)):
            return "in the sentence that sums the report up; the case tells of it after"
        head = self._list_head(tokens, index)
        ahead = self.normal[max(0, tokens[head].start - 30):tokens[head].start]
        if _CAUSE.search(ahead) and (later or any(drug in self.all_named[other]
                                                   for other in range(self.sentence))):
            return "as the cause of an event; the case tells of it in another sentence"
        return None

    def _list_head(self, tokens: list[Token], index: int) -> int:
        """The first name of a list of drugs' names that ends at ``index`` ("codeine, morphine and
        hydromorphone": the words before the list are said of each of them)."""
        head = index
        while head >= 2 and tokens[head - 2].kind == "drug" and (
                (tokens[head - 1].kind == "plus" and self._word(tokens[head - 1]) in ("and", "or"))
                or (tokens[head - 1].kind == "punct" and tokens[head - 1].value == ",")):
            head -= 2
        return head

    def _route_named(self, tokens: list[Token], index: int) -> bool:
        """Does a mention give its drug's route ("intravenous (IV) dexmedetomidine", "epidural
        morphine")? Then it says more than a mere name, and is kept."""
        if tokens[index].value.route is not None:
            return True
        for position in range(index - 1, max(-1, index - 5), -1):
            if tokens[position].kind in ("drug", "amount", "punct", "clause"):
                return False
            if tokens[position].kind == "route":
                return True
        return False

    def _of_the_story(self, tokens: list[Token]) -> bool:
        """Does a sentence tell of the patient (a patient named, an amount, a verb of the story),
        rather than of patients in general?"""
        return bool(tokens) and (
            _ONE_PATIENT.search(self.normal[tokens[0].start:tokens[-1].end]) is not None
            or any(t.kind == "amount" for t in tokens)
            or any(t.kind == "verb" and self._story_verb(tokens, p, nouns=True)
                   for p, t in enumerate(tokens)))

    def _word(self, token: Token) -> str:
        return self.normal[token.start:token.end]

    def _story_verb(self, tokens: list[Token], position: int, *, nouns: bool = False) -> bool:
        """Is the verb at ``position`` an event of a story? Not a verb in -ing after a preposition
        ("before switching to methadone") or as an adjective ("an increasing number of reports",
        "tramadol increasing popularity"), nor a noun of action or an infinitive ("a strategy for
        rapid titration of fentanyl in patients … who are unable to take oral medication"; unless
        ``nouns``: "we undertook a partial opioid rotation to … morphine" tells of the story), nor
        one in the present perfect of the literature ("Recent case reports have raised concerns").
        """
        if self._gerund_after_preposition(tokens, position):
            return False
        word = self._word(tokens[position])
        previous = self._word(tokens[position - 1]) if position else ""
        if word.endswith("ing") and previous not in ("was", "were", "is", "are", "been", "being"):
            return False
        if not nouns and (word.endswith(("tion", "ment")) or previous == "to"
                          or previous.endswith(" to")):
            return False  # "a reasonable strategy for rapid titration of fentanyl", "unable to take"
        return previous not in ("have", "has")

    def _gerund_after_preposition(self, tokens: list[Token], position: int) -> bool:
        """ "before switching to methadone", "for treating pain": a verb in -ing after a
        preposition names an action in general, not an event of the story."""
        word = self.normal[tokens[position].start:tokens[position].end]
        return word.endswith("ing") and position > 0 and self.normal[
            tokens[position - 1].start:tokens[position - 1].end] in (
                "before", "after", "for", "of", "by", "when", "without", "in", "despite")

    def _in_calculation_brackets(self, tokens: list[Token], index: int) -> bool:
        group = self._bracket(tokens, index)
        return group is not None and any(
            self._calculation_sign(tokens, p) in ("divide", "times")
            for p in range(group[0] + 1, group[1]))

    def _in_ratio(self, tokens: list[Token], index: int) -> bool:
        """ "a rotation ratio of 1:3 (methadone: morphine)": drugs named as the two sides of a
        ratio are not given there."""
        pair = None
        if index + 2 < len(tokens) and tokens[index + 1].kind == "punct" \
                and tokens[index + 1].value == ":" and tokens[index + 2].kind == "drug":
            pair = index
        elif index >= 2 and tokens[index - 1].kind == "punct" and tokens[index - 1].value == ":" \
                and tokens[index - 2].kind == "drug":
            pair = index - 2
        if pair is None or not any(
                self.normal[t.start:t.end] in ("ratio", "ratios")
                for t in tokens[max(0, pair - 8):pair]):
            return False
        token = tokens[index]
        self._finding(Severity.INFO, "named-in-a-ratio",
                      f"{self.text[token.start:token.end]!r} is named as a side of a ratio: not an "
                      "item", (token.start, token.end))
        return True

    def _negated(self, tokens: list[Token], index: int) -> bool:
        for position in range(index - 1, max(-1, index - 5), -1):
            token = tokens[position]
            if token.kind in ("clause", "drug", "amount") or token.kind == "punct":
                break
            if token.kind == "neg" and self.normal[token.start:token.end] != "without":
                return True
            if token.kind == "neg":
                return True
        for position in range(index + 1, min(len(tokens), index + 6)):
            token = tokens[position]
            if token.kind in ("clause", "drug", "amount") or token.kind == "punct":
                break
            if token.kind == "neg" and self.normal[token.start:token.end] != "without":
                rest = tokens[position + 1:position + 3]
                if any(t.kind == "verb" and t.value in ("give", "start") for t in rest):
                    return True
        return False

    def _not_given(self, tokens: list[Token], reading: _Reading) -> bool:
        """ "did not receive morphine 10 mg", "no morphine 10 mg was given": an amount the text
        says was not given."""
        drug = self.token_at.get(reading.drug_span[0])
        if drug is None or reading.from_earlier:
            return False
        for position in range(drug - 1, max(-1, drug - 4), -1):
            token = tokens[position]
            if token.kind in ("clause", "drug", "amount", "punct"):
                break
            if token.kind == "neg" and self.normal[token.start:token.end] in ("no", "never"):
                self.negated_tokens.add(drug)
                return self._negated_note(token)
            if token.kind == "verb" and token.value in ("give", "start") and position > 0 and \
                    tokens[position - 1].kind == "neg":
                self.negated_tokens.add(drug)
                return self._negated_note(tokens[position - 1])
        return False

    def _negated_note(self, token: Token) -> bool:
        self._finding(Severity.INFO, "negated", f"{self.text[token.start:token.end]!r}: the text "
                      "says it was not given: not an item", (token.start, token.end))
        return True

    def _inside_total(self, tokens: list[Token], index: int) -> bool:
        """ "morphine IV equivalents", "total fentanyl use", "the median duration of IV
        methadone": a drug named inside a total or a series figure."""
        window = tokens[index + 1:index + 4]
        if window and window[0].kind == "cue" and window[0].value in ("ome", "use") \
                and self.normal[window[0].start:window[0].end] != "used":
            return True  # "morphine consumption was 300 mg per day" ("oxycodone used to treat …" is
            # no total)
        if any(t.kind == "cue" and t.value == "available" for t in tokens[index + 1:index + 5]):
            token = tokens[index]
            self._finding(Severity.INFO, "named-in-general",
                          f"{self.text[token.start:token.end]!r} is named as available, not given: "
                          "not an item", (token.start, token.end))
            return True
        if any(t.kind == "cue" and t.value in ("ome", "use")
               and self.normal[t.start:t.end] != "used" for t in window[:2]) and not any(
                t.kind == "amount" for t in window):
            return True
        before = tokens[max(0, index - 5):index]
        near = tokens[max(0, index - 3):index]
        after_total = any(i in self.total_tokens for i in range(max(0, index - 3), index))
        use_of = any(t.kind == "cue" and t.value == "use" and self.normal[t.end:t.end + 4] == " of "
                     for t in near)
        if after_total or use_of or (any(t.kind == "cue" and t.value in ("series", "ome", "total")
                                        for t in before) and not any(
                t.kind in ("amount", "verb", "clause") for t in before)):
            token = tokens[index]
            self._finding(Severity.INFO, "named-in-a-total",
                          f"{self.text[token.start:token.end]!r} is named in a total or a series "
                          "figure: not an item", (token.start, token.end))
            return True
        return False

    # -- the words around an item -------------------------------------------------------------
    def _modifiers(self, tokens: list[Token], reading: _Reading,
                   bounds: dict[int, list[tuple[Drug, int | None]]]) -> None:
        others = _Others(bounds, (reading.drug, reading.amount_token))
        first = reading.first
        shared_from, shared_until = self._shared_name(tokens, reading, bounds)
        position = first - 1
        while position >= 0:
            token = tokens[position]
            if token.kind in _MODIFIERS or token.kind in ("open", "close") or (
                    token.kind == "word" and token.value in _GLUE) or token.kind == "approx" \
                    or token.kind == "bound" or self._joins_route(tokens, position):
                first = position
                position -= 1
                continue
            break
        last = reading.last
        position = last + 1
        switched_from = reading.first > 0 and self.normal[
            tokens[reading.first - 1].start:tokens[reading.first - 1].end] == "from"
        while position < len(tokens):
            token = tokens[position]
            if position in others or token.kind in ("drug", "class", "clause"):
                break
            if switched_from and token.kind == "word" and token.value == "to":
                break  # "from FP to continuous intravenous infusion of morphine": the target's
            if token.kind == "amount" and position != reading.amount_token:
                if position - 1 >= 0 and tokens[position - 1].kind == "open":
                    position += 1  # its bracketed alternative
                    continue
                break
            if token.kind == "punct" and token.value in ";,:" and position == last + 1 \
                    and reading.amount_token is not None and reading.amount_token <= last \
                    and reading.count is None and (count := self._sig_count(tokens, position)):
                reading.count = count  # "600mg; 1 capsule by mouth 3 times daily"
                last = position + 1
                position += 2
                continue
            if token.kind == "punct" and token.value == ";":
                break
            if token.kind in ("punct", "plus") and (self._another_follows(tokens, position)
                                                   or self._unknown_name_follows(tokens, position)):
                break
            if token.kind in ("route", "release", "form") and self._premodifies_drug(tokens,
                                                                                 position):
                break
            if ((token.kind == "word" and token.value not in _GLUE) or token.kind in (
                    "verb", "time", "number", "cue", "neg", "bound", "weight", "lab")) \
                    and not self._modifier_ahead(tokens, position, others):
                break
            last = position
            position += 1
        while last > reading.last and tokens[last].kind not in (_MODIFIERS | {"close"}):
            last -= 1
        while first < reading.first and (tokens[first].kind in ("punct", "plus", "close") or (
                tokens[first].kind == "word" and tokens[first].value in _GLUE)):
            first += 1
        # balance brackets at the edges
        opened = sum(1 for t in tokens[first:last + 1] if t.kind == "open")
        closed = sum(1 for t in tokens[first:last + 1] if t.kind == "close")
        while opened > closed and last + 1 < len(tokens) and tokens[last + 1].kind == "close":
            last += 1
            closed += 1
        while closed > opened and tokens[first].kind == "close":
            first += 1
            closed -= 1
        while closed > opened and last > reading.last and tokens[last].kind == "close":
            last -= 1
            closed -= 1
        reading.first, reading.last = first, last
        for position in range(first, last + 1):
            token = tokens[position]
            if position <= shared_until and (token.kind in ("prn", "freq", "lockout") or (
                    position > shared_from and token.kind in ("route", "release", "form"))):
                continue  # the dose before's, which shares the name
            self._modifier(reading, token, tokens)
        if reading.name_route is not None and reading.route is None:
            reading.route, reading.route_from = reading.name_route, "text"
        if reading.bolus and not reading.prn:
            if any(t.kind == "pca" for t in tokens) or reading.lockout is not None:
                reading.prn = True
            elif reading.schedule is None:
                reading.schedule = Schedule(ScheduleKind.ONCE)

    def _shared_name(self, tokens: list[Token], reading: _Reading,
                     bounds: dict[int, list[tuple[Drug, int | None]]]) -> tuple[int, int]:
        """ "oxycodone 5 mg as needed and 10 mg twice daily", "morphine PCA: bolus 1 mg, lockout
        10 min, background infusion 0.5 mg/h", "hydromorphone 2 mg po q3h prn and 0.5 mg IV":
        a dose that shares its drug's name with a dose before it does not take that dose's
        schedule, as-needed or lockout, nor the route, release or form written after that dose's
        amount. The first dose's amount and the last position that belongs to the doses before
        (the list's separator before this amount); (-1, -1) for a name of one dose."""
        if reading.amount_token is None:
            return -1, -1
        before = [amount for drug, amount in bounds.get(reading.first, [])
                  if drug == reading.drug and amount is not None and amount < reading.amount_token]
        if not before:
            return -1, -1
        until = max(before)
        for position in range(until + 1, reading.amount_token):
            token = tokens[position]
            # "and", a comma, or the "to" of a change ("from 20 mg three times a day to 20 mg
            # two times a day": the schedule before "to" is the old dose's)
            if token.kind == "plus" or (token.kind == "punct" and token.value in ",;") or (
                    token.kind == "word" and token.value == "to"):
                until = position
        return min(before), until

    def _modifier(self, reading: _Reading, token: Token, tokens: list[Token]) -> None:
        kind, value = token.kind, token.value
        if kind == "route":
            if reading.route is None:
                reading.route, reading.route_from = value, "text"
        elif kind == "release":
            reading.release = reading.release or value
        elif kind == "form":
            if value in ("tablet", "capsule", "liquid", "patch", "suppository", "injection"):
                reading.form = reading.form or value
            if value == "3-day":
                reading.form = reading.form or "patch"
        elif kind == "prn":
            if value == "bolus":
                reading.bolus = True
            else:
                reading.prn = True
        elif kind == "pca":
            reading.device = reading.device or "pca"
        elif kind == "infusion":
            reading.infusion = True
        elif kind == "device":
            if reading.device != "pca":  # "PCA pump": the pump is the PCA's
                reading.device = value
            reading.infusion = True
        elif kind == "lockout":
            reading.lockout = value
        elif kind == "freq":
            if isinstance(value, Schedule) and self._counted_daily_doses(tokens, token):
                self._finding(Severity.INFO, "daily-doses-counted",
                              f"{self.text[token.start:token.end]!r} after a count: the doses may "
                              "be so many a day or one a day; not read as a schedule",
                              (token.start, token.end))
            elif isinstance(value, Schedule):
                if reading.schedule is None and self._adjective_daily(tokens, token):
                    reading.schedule_adjective = True
                elif reading.schedule_adjective and reading.amount_token is not None \
                        and token.start > tokens[reading.amount_token].start \
                        and value != reading.schedule:
                    # "a daily dose of morphine 10 mg every 4 hours": the schedule written after
                    # the amount is the dose's; "daily" before it says the regimen is a day's
                    reading.schedule, reading.schedule_adjective = value, False
                    reading.notes.append((
                        "schedule-after-amount", f"{self.text[token.start:token.end]!r} after "
                        "the amount is its schedule; 'daily' before it names the regimen of a "
                        "day, not the amount", Severity.INFO))
                reading.schedule = reading.schedule or value
            else:
                reading.schedule_word = reading.schedule_word or value

    @staticmethod
    def _bracket_open(tokens: list[Token], index: int) -> int | None:
        """The opening bracket an amount stands in, if it stands in one."""
        depth = 0
        for position in range(index - 1, -1, -1):
            kind = tokens[position].kind
            if kind == "close":
                depth += 1
            elif kind == "open":
                if not depth:
                    return position
                depth -= 1
        return None

    def _quiet_sections(self, spans: list[Any], token_lists: list[list[Token]]) -> set[int]:
        """The first tokens' starts of the sentences of a structured abstract's sections that tell
        no event of the case ("DISCUSSION: …", "CONCLUSIONS: …", and "BACKGROUND: …" where a
        heading of the case follows), up to the next heading ("CASE SUMMARY:", "RESULTS:")."""
        heads = [_CAPITAL_HEADING.match(self.text, sentence.start) for sentence in spans]
        names = [head.group(1) if head is not None else None for head in heads]
        quiet_starts: set[int] = set()
        quiet = False
        for index, tokens in enumerate(token_lists):
            name = names[index]
            if name is not None:
                quiet = _QUIET_HEADING.search(name) is not None or (
                    _BEFORE_HEADING.search(name) is not None and any(
                        later is not None and not _QUIET_HEADING.search(later)
                        and not _BEFORE_HEADING.search(later) for later in names[index + 1:]))
            if quiet and tokens:
                quiet_starts.add(tokens[0].start)
        return quiet_starts

    def _heading(self, tokens: list[Token]) -> str | None:
        """A sentence with no amount that is the report's title (the text's first sentence, one
        line ending in a full stop with more text after it, with no verb of its own: "Ischaemic
        colitis in a patient taking meloxicam.") or opens a structured abstract's section that
        tells no event ("OBJECTIVE: To describe …", "CONCLUSIONS: …", "The objective of this
        report is …"): a drug it names is the report's subject, not an item."""
        if any(t.kind == "amount" and (t.start, t.end) not in self.set_aside for t in tokens):
            return None
        said = self.normal[tokens[0].start:tokens[-1].end]
        if _SECTION.match(said) or tokens[0].start in self.quiet_starts:
            return "where the report states its subject (objective, background, discussion or "\
                "conclusion), not an event of the case"
        if not self.text[:tokens[0].start].strip() and self.text[tokens[-1].end:].strip() \
                and not _FINITE.search(said) \
                and not said.startswith("to ") and "\n" not in said \
                and said.endswith("."):
            # a title is one line ending in a full stop; "To report a case of …" states a purpose
            return "in the report's title, not an event of the case"
        return None

    def _dose_of_name(self, tokens: list[Token]) -> Token | None:
        """ "the dosage of milnacipran was increased to 100 mg day(-1)": the word after "dose of"
        or "dosage of" names the drug whose dose it is — where the catalogue does not know it,
        the sentence speaks of that drug, not of the story's."""
        for position in range(len(tokens) - 2):
            word, of, name = tokens[position:position + 3]
            if word.kind in ("word", "cue") \
                    and self.normal[word.start:word.end] in ("dose", "doses", "dosage") \
                    and of.kind == "word" and of.value == "of" and name.kind == "word" \
                    and _name_like(str(name.value)) \
                    and name.value not in _GLUE | _NOT_NAMES | _DESCRIPTORS | _SALTS:
                return name
        return None

    def _infusion_of_name(self, tokens: list[Token]) -> Token | None:
        """ "Adrenaline infusion (1.5mg/50mls) was started at 0.5mls/hour": a word the catalogue
        does not know right before "infusion", as the subject of the sentence (before its first
        verb), names what is infused — the sentence speaks of it, not of the story's drug. A word
        for a dose, a device or a kind of treatment names nothing new."""
        for position, token in enumerate(tokens[:-1]):
            if token.kind == "verb":
                return None
            following = tokens[position + 1]
            if token.kind == "word" and following.kind == "infusion" \
                    and self.normal[following.start:following.end].startswith("infusion") \
                    and _name_like(str(token.value)) \
                    and token.value not in (_GLUE | _NOT_NAMES | _DESCRIPTORS | _SALTS
                                            | _ROUTE_NOUNS | _KINDS_OF_GIVING):
                return token
        return None

    def _given_by_route(self, tokens: list[Token]) -> Token | None:
        """ "Intravenous immunoglobulin (IVIG) was started at a total dose of 120g (2g/kg)": a
        route word right before a word the catalogue does not know, as the subject of the
        sentence (before its first verb), names what was given that way — the sentence speaks
        of it, not of the story's drug. A word for a dose, a device or a kind of treatment ("IV
        analgesia", "oral intake") names nothing new."""
        for position, token in enumerate(tokens[:-1]):
            if token.kind == "verb":
                return None
            name = tokens[position + 1]
            if token.kind == "route" and name.kind == "word" and _name_like(str(name.value)) \
                    and name.value not in (_GLUE | _NOT_NAMES | _DESCRIPTORS | _SALTS
                                           | _ROUTE_NOUNS | _KINDS_OF_GIVING):
                return name
        return None

    def _dose_of_unknown_between(self, tokens: list[Token], drug_index: int, index: int) -> bool:
        """ "Paroxetine was discontinued and the dose of flecainide was reduced to 50 mg twice
        daily": a "dose of" a name the catalogue does not know, between the drug and the amount,
        makes the amount that name's — never the drug named before it. Said in a finding; not
        read."""
        for position in range(drug_index + 1, index - 2):
            word, of, name = tokens[position:position + 3]
            if word.kind in ("word", "cue") \
                    and self.normal[word.start:word.end] in ("dose", "doses", "dosage") \
                    and of.kind == "word" and of.value == "of" and name.kind == "word" \
                    and _name_like(str(name.value)) and name.value not in (
                        _GLUE | _NOT_NAMES | _DESCRIPTORS | _SALTS):
                token = tokens[index]
                said = self.text[name.start:name.end]
                self._not_dose(token, f"the dose of {said!r}, a name the catalogue does not know")
                self._finding(Severity.WARNING, "unknown-name",
                              f"{self.text[token.start:token.end]!r} is the dose of {said!r}, a "
                              "name the catalogue does not know: not read, and not given to "
                              "another drug", (name.start, token.end))
                return True
        return False

    def _head(self, tokens: list[Token], low: int, index: int) -> Token | None:
        """The word that heads an amount in its own phrase, where that word names something the
        catalogue does not know: the nearest word before the amount (or before the bracket that
        opens with it), past salts, route, release and form words, a letter naming a variant
        ("vitamin C") and the words of a dose ("in dose of", "at a daily dose of", "at"), after
        the token at ``low`` (the drug the amount would otherwise go to, or -1). It heads the
        amount where it is shaped like a drug's name: a word with an INN stem ("acyclovir"), a
        class noun ("inhibitor"), a vitamin or mineral ("zinc"), a capitalised word inside the
        sentence (a brand: "Lopril 150 mg"), or — before the words of a dose — any word that could
        be a name ("pyridoxine in dose of 50 mg"). None where the amount's head is a drug the
        catalogue knows, a word of a dose or a kind of treatment, or an ordinary word."""
        position = index - 1
        if position > low and tokens[position].kind == "open":
            position -= 1
        dose_words = False
        while position > low:
            token = tokens[position]
            word = self._word(token)
            if token.kind in ("route", "release", "form", "approx") or (
                    token.kind == "word" and (word in _SALTS or re.fullmatch(
                        r"[A-Z]", self.text[token.start:token.end]) is not None)):
                position -= 1
                continue
            if token.kind in ("word", "cue", "freq") and word in _DOSE_PHRASE:
                # the name stands right before "in", "at" or "with" ("pyridoxine in dose of"),
                # never before an adjective of the dose ("a steady dose of")
                dose_words = word in ("in", "at", "with")
                position -= 1
                continue
            break
        if position <= low or tokens[position].kind != "word":
            return None
        head = tokens[position]
        word = str(head.value)
        if word in _CLASS_NOUNS | _SUPPLEMENTS or (len(word) > 3 and _INN_STEM.fullmatch(word)):
            return head
        if not _name_like(word) or word in (_GLUE | _NOT_NAMES | _DESCRIPTORS | _SALTS | _FURTHER
                                            | _KINDS_OF_GIVING | _ROUTE_NOUNS | _NAME_NOUNS
                                            | _CONDITIONS | _SERVICES):
            return None
        said = self.text[head.start:head.end]
        if position > 0 and said[:1].isupper() and said[1:].islower() and not (
                tokens[position - 1].kind == "open" and position >= 2
                and tokens[position - 2].kind == "drug"):
            # a brand the catalogue does not know, right before the amount — but not the brand
            # in brackets after a drug's name ("methyl-prednisolone (Urbason 40 mg)")
            return head
        return head if dose_words else None

    def _headed_by_name(self, tokens: list[Token], low: int, index: int) -> bool:
        """An amount whose own phrase is headed by a name the catalogue does not know (`_head`)
        is that name's: never given to a drug named before it, nor to the story's drug. Said in
        a finding; not read. The name is the story's latest drug-like name from here on."""
        head = self._head(tokens, low, index)
        if head is None:
            return False
        token = tokens[index]
        said = self.text[head.start:head.end]
        self._not_dose(token, f"the amount of {said!r}, a name the catalogue does not know")
        whose = f", not {tokens[low].value.drug.name}'s" if low >= 0 \
            and tokens[low].kind == "drug" else ""
        self._finding(Severity.WARNING, "unknown-name",
                      f"{self.text[token.start:token.end]!r} is headed by {said!r}, a name the "
                      f"catalogue does not know{whose}: not read", (head.start, token.end))
        self.unknown_named_at = max(self.unknown_named_at, head.start)
        return True

    def _named_after_conjunction(self, tokens: list[Token], drug_index: int, index: int) -> bool:
        """ "prednisolone 10 mg daily and orally administered cyclosporine A 50 mg twice daily",
        "aspirin 100mg daily, and colchicine 0,5mg twice daily": a drug that already has its own
        amount before a conjunction ("and", ",", ";", "plus", "with") does not take an amount
        after it where a noun phrase naming something else — a word that could be a drug's name
        the catalogue does not know — stands between the conjunction and the amount. The amount
        is that name's: said in a finding; not read. A split dose of the drug itself ("morphine
        10 mg in the morning and 20 mg at night", "… and a further 5 mg") names nothing else."""
        conjunction = None
        for position in range(index - 1, drug_index, -1):
            token = tokens[position]
            if (token.kind == "punct" and token.value in ",;") or (
                    token.kind == "plus" and self._word(token) in ("and", "plus", "with")):
                conjunction = position
                break
            if token.kind in ("amount", "drug", "class", "clause"):
                return False
        if conjunction is None or not any(
                tokens[position].kind == "amount"
                for position in range(drug_index + 1, conjunction)):
            return False
        # the name heads the amount: only glue, a salt, a route or form, or a letter naming a
        # variant ("cyclosporine A", "vitamin K") between them — never a verb ("the patient
        # received 20 mg": the patient is no drug)
        position = index - 1
        while position > conjunction and (
                tokens[position].kind in ("route", "release", "form")
                or (tokens[position].kind == "word" and (
                    tokens[position].value in _GLUE | _SALTS
                    or re.fullmatch(r"[A-Z]", self.text[tokens[position].start:tokens[
                        position].end]) is not None))):
            position -= 1
        name = tokens[position]
        if position <= conjunction or name.kind != "word" or not _name_like(str(name.value)) \
                or name.value in _GLUE | _NOT_NAMES | _DESCRIPTORS | _SALTS | _FURTHER:
            return False
        # and the name opens the noun phrase after the conjunction: only the way it is given
        # stands before it ("and orally administered cyclosporine A", "and intravenous
        # immunoglobulin"), never a preposition ("; increased in steps of 5 mg") — but the "of"
        # of a verb's noun ("and addition of tabs cyclophosphamide 50mg")
        position -= 1
        while position > conjunction and (
                tokens[position].kind in ("route", "release", "form", "verb")
                or (tokens[position].kind == "word" and tokens[position].value in _GIVEN_AS)
                or (tokens[position].kind == "word" and tokens[position].value == "of"
                    and position - 1 > conjunction and tokens[position - 1].kind == "verb")):
            position -= 1
        if position != conjunction:
            return False
        token = tokens[index]
        said = self.text[name.start:name.end]
        self._not_dose(token, f"the amount of {said!r}, a name the catalogue does not know, "
                       "after a drug with its own amount")
        self._finding(Severity.WARNING, "unknown-name",
                      f"{self.text[token.start:token.end]!r} follows {said!r}, a name the "
                      "catalogue does not know, after a conjunction: not read, and not given to "
                      f"{tokens[drug_index].value.drug.name}, whose own amount comes before",
                      (name.start, token.end))
        return True

    def _counted_daily_doses(self, tokens: list[Token], token: Token) -> bool:
        """ "two daily doses of methylprednisolone (500 mg)", "3 daily injections": a count before
        "daily" and a word for doses may count the doses of a day or the days: not a schedule."""
        if self.normal[token.start:token.end] != "daily":
            return False
        position = self.token_at.get(token.start)
        if position is None or position < 1 or position + 1 >= len(tokens):
            return False
        count, following = tokens[position - 1], tokens[position + 1]
        counted = self.normal[count.start:count.end]
        number_before = (count.kind == "number" and float(count.value) >= 2) or (
            WORD_NUMBERS.get(counted, 0) >= 2 and counted not in ("twice", "thrice"))
        return number_before and self.normal[following.start:following.end] in (
            "doses", "injections", "infusions", "boluses", "administrations", "tablets", "capsules")

    def _adjective_daily(self, tokens: list[Token], token: Token) -> bool:
        """ "a daily morphine dose of …", "the daily dose": "daily" before a drug's name or a
        word for an amount describes that amount; it does not say the drug was given daily."""
        if self.normal[token.start:token.end] != "daily":
            return False
        position = self.token_at.get(token.start)
        if position is None or position + 1 >= len(tokens):
            return False
        following = tokens[position + 1]
        return following.kind == "drug" or (following.kind in ("word", "cue") and self.normal[
            following.start:following.end] in ("dose", "doses", "dosage", "requirement",
                                               "requirements", "consumption", "intake", "amount"))

    def _unknown_name_follows(self, tokens: list[Token], position: int) -> bool:
        """After "," or "and": a name the catalogue does not know starts another item
        ("oxycodone 10 mg, senna 2 tablets at night": the night is senna's, not oxycodone's)."""
        if position + 1 >= len(tokens):
            return False
        following = tokens[position + 1]
        return following.kind == "word" and _name_like(str(following.value)) \
            and following.value not in _GLUE | _NOT_NAMES | _DESCRIPTORS | _SALTS

    def _joins_route(self, tokens: list[Token], position: int) -> bool:
        """ "subcutaneous infusion with morphine", "intravenous administration of morphine",
        "subcutaneous instillation of lidocaine": the word that joins a route (or a device) to
        the drug it is for."""
        token = tokens[position]
        word = self.normal[token.start:token.end]
        if position == 0:
            return False
        before = tokens[position - 1]
        if token.kind == "plus" and word == "with":
            return before.kind in ("infusion", "device", "pca")
        if word in _ROUTE_NOUNS and position + 1 < len(tokens):
            after = tokens[position + 1]
            return before.kind == "route" and (
                (after.kind == "word" and after.value == "of")
                or (after.kind == "plus" and self.normal[after.start:after.end] == "with"))
        return False

    def _sig_count(self, tokens: list[Token], position: int) -> int | None:
        """After a strength: "; 1 capsule by mouth …", "; two tablets every 4 hours": how many
        units make one dose (1 to 4), where a schedule, a route or "as needed" follows. Only a
        semicolon (a medication list's sig) says the strength is one unit's; after a comma, a
        count above one is not read ("60 mg, 2 tablets" may be a dose of two 30 mg tablets)."""
        if position + 2 >= len(tokens):
            return None
        counted, unit = tokens[position + 1], tokens[position + 2]
        if counted.kind == "number" and float(counted.value).is_integer():
            count = int(counted.value)
        elif counted.kind == "word" and counted.value in WORD_NUMBERS:
            count = WORD_NUMBERS[str(counted.value)]
        else:
            return None
        if not 1 <= count <= 4 or unit.kind != "form" or unit.value not in _COUNTED:
            return None
        if count > 1 and tokens[position].value != ";":
            return None  # "morphine 60 mg, 2 tablets twice daily": the 60 mg may be the dose
        rest = tokens[position + 3:position + 6]
        if not any(t.kind in ("route", "freq", "prn") for t in rest):
            return None
        return count

    def _premodifies_drug(self, tokens: list[Token], position: int) -> bool:
        """ "… for oral methadone": a route or release word right before a drug is that drug's."""
        ahead = position + 1
        while ahead < len(tokens) and tokens[ahead].kind in ("route", "release", "form"):
            ahead += 1
        return ahead < len(tokens) and tokens[ahead].kind == "drug"

    def _modifier_ahead(self, tokens: list[Token], position: int, others: _Others) -> bool:
        """Past a word that is not a modifier ("for 1 week to relieve breakthrough pain"): is
        there a modifier of this item within three tokens? Not past a word that describes the
        next dose ("bolus 1 mg, lockout 10 min, background infusion 0.5 mg/h")."""
        if tokens[position].kind == "word" and tokens[position].value in _DESCRIPTORS and any(
                tokens[ahead].kind == "amount" and ahead in others
                for ahead in range(position + 1, min(len(tokens), position + 4))):
            return False
        for ahead in range(position + 1, min(len(tokens), position + 4)):
            token = tokens[ahead]
            if ahead in others or token.kind in ("drug", "class", "amount", "clause", "plus") or (
                    token.kind == "punct"):
                return False
            if token.kind in _MODIFIERS and token.kind != "approx":
                return True
        return False

    def _passive_verb(self, tokens: list[Token], reading: _Reading) -> tuple[str, str] | None:
        """ "morphine … was applied", "gabapentin were added": the verb right after."""
        position = reading.last + 1
        seen_be = False
        while position < len(tokens) and position <= reading.last + 4:
            token = tokens[position]
            if token.kind == "word" and token.value in ("was", "were", "is", "had", "been",
                                                        "be", "then", "also", "immediately",
                                                        "gradually", "eventually", "further"):
                seen_be = seen_be or token.value in ("was", "were", "is", "been", "be")
                position += 1
                continue
            if token.kind == "verb" and seen_be:
                return str(token.value), self.normal[token.start:token.end]
            return None
        return None

    def _list_verb(self, tokens: list[Token], reading: _Reading) -> int | None:
        """ "aspirin 25 mg and dipyridamole 200 mg were given twice daily": where a dose heads a
        list of doses (each a name, known to the catalogue or not, and an amount with no
        schedule of its own) that is the subject of a plural passive verb, the position of that
        verb; else None."""
        if reading.amount_token is None or reading.amount_token > reading.last:
            return None
        position = reading.last + 1
        names = amounts = 0
        while position < len(tokens):
            token = tokens[position]
            word = self._word(token)
            if (token.kind == "plus" and word == "and") or (token.kind == "punct"
                                                            and token.value == ","):
                pass
            elif token.kind == "drug" or (token.kind == "word" and _name_like(word)
                                          and word not in ("were", "given")):
                names += 1
            elif token.kind == "amount":
                if not (token.value.mass and token.value.time is None
                        and token.value.kind == "single"):
                    return None
                amounts += 1
            elif token.kind in ("route", "release", "form") or word in _SALTS:
                pass
            else:
                break
            position += 1
        if not names or names != amounts or position >= len(tokens) \
                or self._word(tokens[position]) not in ("were", "are"):
            return None
        position += 1
        while position < len(tokens) and self._word(tokens[position]) in (
                "then", "also", "both", "immediately", "each"):
            position += 1
        if position < len(tokens) and tokens[position].kind == "verb" and tokens[
                position].value in ("give", "start", "add", "continue", "stop"):
            return position
        return None

    def _list_end_schedule(self, tokens: list[Token], reading: _Reading) -> int | None:
        """ "treated with Haloperidol 1.5 mg and Diazepam 5 mg daily": where a dose (a name and
        a single amount with no schedule of its own, only route or form words after it) heads a
        list of such doses joined by "and" or commas, and the list's last dose is followed by a
        schedule that ends the sentence, the position of that schedule; else None."""
        if reading.amount_token is None or reading.amount_token != reading.last:
            return None
        position = reading.last + 1
        doses = 0
        while position < len(tokens):
            token = tokens[position]
            if token.kind in ("route", "form"):
                position += 1
                continue
            if not ((token.kind == "plus" and self._word(token) == "and")
                    or (token.kind == "punct" and token.value == ",")):
                break
            position += 1
            if position + 1 >= len(tokens) or tokens[position].kind != "drug" \
                    or tokens[position + 1].kind != "amount":
                return None
            amount: Amount = tokens[position + 1].value
            if not (amount.mass and amount.time is None and amount.kind == "single"):
                return None
            doses += 1
            position += 2
        if not doses or position >= len(tokens) or tokens[position].kind != "freq" \
                or not isinstance(tokens[position].value, Schedule):
            return None
        after = tokens[position + 1:]
        if after and not (len(after) == 1 and self._word(after[0]) == "."):
            return None
        return position

    def _list_schedule(self, tokens: list[Token], readings: list[_Reading]) -> None:
        """ "aspirin 25 mg and dipyridamole 200 mg were given twice daily": the schedule (and
        the route) written after the plural verb of a list of doses, none with a schedule of
        its own, is each dose's; so is the schedule that ends the sentence after the last of a
        list of doses none of which has a schedule of its own ("treated with Haloperidol 1.5 mg
        and Diazepam 5 mg daily")."""
        for reading in readings:
            end = self._list_end_schedule(tokens, reading)
            if end is not None and reading.schedule is None and reading.schedule_word is None \
                    and not reading.prn and not reading.bolus:
                self._modifier(reading, tokens[end], tokens)
                said = self.text[tokens[reading.amount_token or end].start:tokens[end].end]
                reading.notes.append(("shared-schedule", f"the schedule at the end of the list "
                                      f"of doses ({said!r}) is read for this dose too",
                                      Severity.INFO))
                continue
            verb = self._list_verb(tokens, reading)
            if verb is None or reading.schedule is not None or reading.schedule_word is not None \
                    or reading.prn or reading.bolus:
                continue
            position, shared = verb + 1, None
            while position < len(tokens) and tokens[position].kind in ("route", "freq"):
                if tokens[position].kind == "freq":
                    shared = position
                position += 1
            if shared is None:
                continue
            for token in tokens[verb + 1:shared + 1]:
                self._modifier(reading, token, tokens)
            reading.last = shared
            said = self.text[tokens[verb - 1].start:tokens[shared].end]
            reading.notes.append(("shared-schedule", f"the schedule after the verb of the list "
                                  f"of doses ({said!r}) is read for this dose too",
                                  Severity.INFO))

    def _another_follows(self, tokens: list[Token], position: int) -> bool:
        """After "and" or a comma: does another item (a drug, a class, an amount) follow?"""
        position += 1
        while position < len(tokens):
            token = tokens[position]
            if token.kind in ("drug", "class", "amount"):
                return True
            if token.kind in ("prn", "release", "route", "form", "approx", "bound") or (
                    token.kind == "word" and token.value in _GLUE):
                position += 1
                continue
            return token.kind in ("plus", "verb")
        return False

    def _action(self, tokens: list[Token], reading: _Reading) -> None:
        """The verb that says what happened to the item: the nearest in its clause."""
        best: tuple[int, str] | None = None
        words: dict[str, str] = {}
        for token in tokens[reading.first:reading.last + 1]:
            if token.kind == "verb":
                best = (-1, token.value)
                words[token.value] = self.normal[token.start:token.end]
        right = self._passive_verb(tokens, reading)
        listed = self._list_verb(tokens, reading)
        if right is None and listed is not None:
            right = str(tokens[listed].value), self._word(tokens[listed])
        if right is not None and (best is None or best[0] >= 0):
            best = (-1, right[0])
            words[right[0]] = right[1]
        for step in (-1, 1):
            if best is not None and best[0] < 0:
                break
            position = (reading.first if step < 0 else reading.last) + step
            distance = 0
            while 0 <= position < len(tokens) and distance < 8:
                token = tokens[position]
                if token.kind == "clause" or (token.kind == "punct" and token.value == ";"):
                    break
                if step > 0 and (token.kind in ("drug", "amount") or token.kind == "punct"):
                    break
                if step < 0 and token.kind == "amount" and not self._step_of_change(token):
                    break
                if token.kind == "verb":
                    if best is None or distance < best[0]:
                        best = (distance, token.value)
                        words[token.value] = self.normal[token.start:token.end]
                    break
                position += step
                distance += 1
        stop_of = self._stop_noun_before(tokens, reading)
        if stop_of is not None:  # "after withdrawal of olanzapine and substitution by …"
            best = (-1, "stop")
            words["stop"] = stop_of
        verb = best[1] if best else "add"
        reading.verb = verb
        reading.verb_word = words.get(verb, "")
        reading.action = {"start": "add", "give": "add", "add": "add", "increase": "update",
                          "decrease": "update", "titrate": "update", "reach": "update",
                          "switch": "switch", "stop": "stop", "continue": "continue"}.get(verb, "add")
        if reading.action == "switch":
            before = self.normal[tokens[max(0, reading.first - 3)].start:tokens[reading.first].start]
            if (re.search(r"\bfrom\b", before) and not re.search(r"\bto\b", before)) \
                    or re.search(r"\bfrom\s+(?:[a-z\-]+\s+)?$", before):
                reading.role = "from"  # "a switch to FP from oxycodone"
            wider = self.normal[tokens[max(0, reading.first - 4)].start:tokens[reading.first].start]
            if re.search(r"substitut\w*\s+(?:\S+\s+){0,2}$", wider) and not re.search(
                    r"\bfor\b", wider):
                reading.role = "from"  # "substituting morphine for oral methadone"

    def _stop_noun_before(self, tokens: list[Token], reading: _Reading) -> str | None:
        """ "withdrawal of olanzapine", "discontinuation of dalteparin": a noun of stopping with
        "of" just before the drug's name governs it, whatever verb follows ("… and substitution by
        a classical neuroleptic agent" names what replaced it). The noun's words, or None."""
        if reading.first < 2:
            return None
        noun, of = tokens[reading.first - 2], tokens[reading.first - 1]
        word = self._word(noun)
        if self._word(of) != "of":
            return None
        if word in ("withdrawal", "cessation") or (noun.kind == "verb" and noun.value == "stop"
                                    and re.fullmatch(r"\w+(?:ion|ance)", word)):
            return word  # ("opioid withdrawal", a condition, has no "of" after it)
        return None

    def _units(self, tokens: list[Token], reading: _Reading) -> None:
        """How many units make a dose, where the sig does not say it after a semicolon: "two
        25 mcg/h fentanyl patches", "2 x 25 mcg/h" (2 to 4 before the amount: read, with a
        finding); "50 mg 1-2 tablets", "10 mg, 2 tablets" (a count of tablets after the amount
        that is not read: the 10 mg may be the dose or one tablet's, so no daily amount; in
        brackets, "20 mg (2 tablets)", it says what the amount is made of)."""
        index = reading.amount_token
        if index is None or reading.count is not None or reading.combination:
            return
        taken = self._doses_taken(tokens, index)
        if taken is not None:  # "8 doses of 5 mg oxycodone per day": doses taken, not a schedule
            reading.doses_taken = taken
            return
        position = index - 1
        if position >= 1 and tokens[position].kind == "word" and tokens[position].value in (
                "x", "×") and tokens[position].end == tokens[index].start - 1:
            position -= 1
            count = _count(tokens[position])
        else:
            count = _count(tokens[position]) if position >= 0 and tokens[position].kind == "word" \
                else None
        if count is not None and count > 1 and (position == 0 or tokens[position - 1].kind not in (
                "number", "amount", "time")):
            reading.count, reading.count_before = count, True
            reading.first = min(reading.first, position)
            return
        for position in range(index + 1, reading.last + 1):
            token = tokens[position]
            if (_count(token) is None and token.kind != "number") or tokens[position - 1].kind == "open":
                continue  # "20 mg (2 tablets)", "1,050 µg/hr (20 patches)": what the amount is made of
            ahead = tokens[position + 1:position + 5]
            form = next((t for t in ahead if t.kind == "form"), None)
            if form is None or form.value not in _COUNTED:
                continue
            words = self.text[token.start:form.end]
            if _count(token) == 1 and form is tokens[position + 1]:
                continue  # "10 mg 1 tablet twice daily"
            reading.units_unread = words
            return

    def _doses_taken(self, tokens: list[Token], index: int) -> str | None:
        """ "8 doses of 5 mg", "four rescue doses of 10 mg", "5 doses daily of 60mg": the words,
        or None."""
        position = index - 1
        if position < 2 or self.normal[tokens[position].start:tokens[position].end] != "of":
            return None
        position -= 1
        if tokens[position].kind == "freq" and self.normal[
                tokens[position].start:tokens[position].end] in ("daily", "a day", "per day",
                                                                 "each day") and position >= 2:
            position -= 1  # "5 doses daily of 60mg": the doses taken a day, not a schedule
        if not re.search(r"\bdoses?$", self.normal[tokens[position].start:tokens[position].end]):
            return None  # "doses", "rescue doses" (one token)
        position -= 1
        if self.normal[tokens[position].start:tokens[position].end] in (
                "rescue", "breakthrough", "extra", "additional", "daily") and position >= 1:
            position -= 1
        token = tokens[position]
        if not (token.kind == "number" or _count(token) is not None
                or (token.kind == "word" and token.value in WORD_NUMBERS)):
            return None
        return self.text[token.start:tokens[index - 1].end]

    def _switched_subjects(self, tokens: list[Token], readings: list[_Reading]) -> None:
        """ "Morphine 60 mg/day was converted to methadone 10 mg/day", "120 mg/day of oral
        oxycodone, which was rotated to methadone …": the subject of a passive switch, with
        another drug after it, is the drug switched from (before, both were read into one state,
        as if given together)."""
        for reading in readings:
            if reading.role == "from":
                continue
            position = reading.last + 1  # past ", which was", "was then"
            while position < len(tokens) and position <= reading.last + 5 and (
                    (tokens[position].kind == "punct" and tokens[position].value == ",")
                    or (tokens[position].kind == "clause"
                        and self.normal[tokens[position].start:tokens[position].end] == "which")
                    or (tokens[position].kind == "word" and tokens[position].value in (
                        "was", "were", "is", "been", "then", "subsequently", "later"))
                    or (tokens[position].kind == "time" and tokens[position].value == "later")):
                position += 1
            if position >= len(tokens) or position == reading.last + 1 \
                    or tokens[position].kind != "verb" or tokens[position].value != "switch" \
                    or self.normal[tokens[position - 1].start:tokens[position - 1].end] not in (
                        "was", "were", "is", "been", "then", "subsequently", "later"):
                continue
            verb_at = position
            if any(other.drug != reading.drug and other.first > verb_at
                   and other.role != "from" for other in readings):
                reading.role = "from"
            elif reading.amount is None and self._replaced_by_unknown(tokens, verb_at):
                # "fluvoxamine was replaced with milnacipran 50 mg day(-1)": what replaces it is
                # no item, so the drug replaced stops
                reading.action, reading.verb = "stop", "stop"

    def _replaced_by_unknown(self, tokens: list[Token], verb_at: int) -> bool:
        """After a passive switch verb, "with", "by" or "to" and a name the catalogue does not
        know ("was replaced with milnacipran"): the drug before the verb is what was replaced.
        Not "was changed to 30 mg twice daily", nor "to the oral route"."""
        position = verb_at + 1
        if position + 1 >= len(tokens) or self._word(tokens[position]) not in ("with", "by", "to"):
            return False
        following = tokens[position + 1]
        return following.kind == "word" and _name_like(self._word(following)) \
            and self._word(following) not in _NOT_NAMES

    def _slash_components(self, tokens: list[Token], readings: list[_Reading]) -> None:
        """ "4 mg buprenorphine/1 mg naloxone (three times/day)", "oxycodone 5 mg/acetaminophen
        325 mg every 6 hours": the components of one product, each with its strength, joined by
        a slash; the schedule (as needed, count of units) written after the last is each
        component's."""
        ordered = sorted((r for r in readings if r.amount is not None), key=lambda r: r.first)
        for head, following in itertools.pairwise(ordered):
            if following.first != head.last + 2 or tokens[head.last + 1].kind != "word" \
                    or tokens[head.last + 1].value != "/" or head.drug == following.drug:
                continue
            if not all(r.amount is not None and r.amount.mass and r.amount.time is None
                       and not r.amount.per_kg and r.amount.kind == "single"
                       for r in (head, following)):
                continue
            if head.schedule is not None or head.schedule_word is not None or head.prn \
                    or head.bolus or head.count is not None:
                continue
            if following.schedule is None and following.schedule_word is None \
                    and not following.prn:
                continue
            head.schedule, head.schedule_word = following.schedule, following.schedule_word
            head.prn, head.bolus, head.lockout = following.prn, following.bolus, following.lockout
            head.count, head.count_before = following.count, following.count_before
            head.units_unread = head.units_unread or following.units_unread
            head.doses_taken = head.doses_taken or following.doses_taken
            if head.route is None and following.route is not None:
                head.route, head.route_from = following.route, following.route_from
            head.last = following.last
            head.combination = following.combination = True
            said = self.text[tokens[head.last].start:tokens[head.last].end]
            head.notes.append(("combination-components", "the strengths of one product's "
                               "components, joined by '/': the schedule written after the last "
                               f"component ({said!r}) is read for this one too", Severity.INFO))

    def _volumes(self, sentence: int, tokens: list[Token], readings: list[_Reading],
                 used: set[int]) -> None:
        """A rate in mL/h or a volume in mL goes with the concentrations of its sentence."""
        concentrations = [r for r in readings if r.amount is not None and r.amount.concentration]
        for index, token in enumerate(tokens):
            if token.kind != "amount" or index in used:
                continue
            amount: Amount = token.value
            if not (amount.volume or amount.volume_rate):
                continue
            if not concentrations:
                continue
            used.add(index)
            if amount.volume_rate:
                for reading in concentrations:
                    if reading.rate_ml_h is None and not reading.bolus:
                        reading.rate_ml_h = _per_hour(amount)
                        reading.last = max(reading.last, index)
                        reading.first = min(reading.first, index)
                        reading.infusion = True
            else:
                prn = any(t.kind == "prn" for t in tokens[max(0, index - 3):index + 4])
                for reading in list(concentrations):
                    if reading.volume_ml is None and reading.rate_ml_h is None:
                        reading.volume_ml = (amount.value, amount.high)
                        reading.last = max(reading.last, index)
                        for extra in tokens[index + 1:index + 4]:
                            self._modifier(reading, extra, tokens)
                    elif prn:
                        bolus = attrs.evolve(reading, volume_ml=(amount.value, amount.high),
                                             rate_ml_h=None, prn=True, bolus=True,
                                             first=index, last=index, infusion=False,
                                             schedule=None, notes=[])
                        bolus_prn = index - 1 if index and tokens[index - 1].kind == "prn" else index
                        bolus.first = min(bolus_prn, index)
                        readings.append(bolus)

    def _preparation_strengths(self, tokens: list[Token],
                               readings: list[_Reading]) -> list[_Reading]:
        """ "morphine oral solution 2 mg/mL, 5 mg every 4 hours": a concentration with no rate or
        volume, before a dose of the same drug in its sentence, is the strength of the
        preparation, not an item of its own."""
        kept = []
        for reading in readings:
            amount = reading.amount
            if amount is not None and amount.concentration and reading.rate_ml_h is None \
                    and reading.volume_ml is None and reading.amount_token is not None \
                    and any(other.drug == reading.drug and other.amount is not None
                            and not other.amount.concentration
                            and (other.amount_token or 0) > reading.amount_token
                            for other in readings):
                self._not_dose(tokens[reading.amount_token],
                               "the strength of the preparation; its dose is written apart")
                continue
            kept.append(reading)
        return kept

    def _listed_after(self, tokens: list[Token], one: _Reading, other: _Reading) -> bool:
        """Is ``other`` the next item of a list that ``one`` heads ("morphine 30 mg and
        ketamine 100 mg/day", "diamorphine 20 mg, cyclizine 150 mg")?"""
        if other.first <= one.last:
            return False
        between = tokens[one.last + 1:other.first]
        return bool(between) and all(
            (t.kind == "plus" and self.normal[t.start:t.end] in ("and", "plus"))
            or (t.kind == "punct" and t.value == ",") for t in between)

    def _shared_route(self, tokens: list[Token], readings: list[_Reading]) -> None:
        """ "a continuous subcutaneous infusion with morphine 30 mg and ketamine 100 mg/day":
        the route of an infusion that heads a list of drugs is each drug's."""
        ordered = sorted(readings, key=lambda r: r.first)
        for head, following in itertools.pairwise(ordered):
            if not (head.infusion or head.device) or not isinstance(head.route, Route) \
                    or head.route_from != "text" or following.route is not None \
                    or following.form is not None or following.name_route is not None \
                    or not self._listed_after(tokens, head, following):
                continue
            following.route, following.route_from = head.route, "text"
            following.infusion = following.infusion or head.infusion
            following.device = following.device or head.device
            following.notes.append(("route-from-list", f"the route of the infusion "
                                    f"({head.route.value}) that heads the list is read for this "
                                    "drug too", Severity.INFO))

    def _shared_day(self, tokens: list[Token], readings: list[_Reading]) -> None:
        """ "a subcutaneous infusion of diamorphine 20 mg and cyclizine 150 mg over 24 hours":
        the "over 24 hours" that ends a list of an infusion's drugs is each drug's; so is the
        "/day" of the next drug of the same infusion ("morphine 30 mg and ketamine 100 mg/day")."""
        by_amount = {r.amount_token: r for r in readings if r.amount_token is not None}
        for reading in readings:
            amount = reading.amount
            if amount is None or reading.amount_token is None or not amount.mass \
                    or amount.time is not None or amount.kind != "single" \
                    or not (reading.infusion or reading.device):
                continue
            for position in range(reading.amount_token + 1, len(tokens)):
                token = tokens[position]
                if token.kind == "clause" or (token.kind == "punct" and token.value == ";"):
                    break
                if token.kind in ("verb", "class"):
                    break
                if token.kind == "amount" and token.value.over_24h:
                    reading.amount = attrs.evolve(amount, per=("day",))
                    reading.notes.append(("shared-over-24-hours", "'over 24 hours' at the end of "
                                          "the list is read for this drug too", Severity.INFO))
                    break
                if token.kind == "amount":
                    other = by_amount.get(position)
                    if other is not None and token.value.per == ("day",) and token.value.mass \
                            and other.drug != reading.drug and (other.infusion or other.device) \
                            and other.route == reading.route \
                            and self._listed_after(tokens, reading, other):
                        reading.amount = attrs.evolve(amount, per=("day",))
                        said = self.text[token.start:token.end]
                        reading.notes.append(("shared-per-day", f"the '/day' of {said!r}, the "
                                              "next drug of the same infusion, is read for this "
                                              "drug too", Severity.INFO))
                    break

    def _split_doses(self, tokens: list[Token], readings: list[_Reading]) -> list[_Reading]:
        """ "naproxen 440 mg in the morning and 220 mg at night", "10 mg mane and 20 mg nocte",
        "5 mg at 8 am and 5 mg at 8 pm": amounts of one drug, each at its own time of day, joined
        by "and" or a comma, are one dose split over the day: the parts sum to the day's amount
        (one item). Where a time of day is written for some part but the parts do not add up
        to a day (a part without its own time of day, two parts at one time, a part per kg, a
        range, an as-needed part, different units), no part is read as the day's amount: each
        keeps its amount and gets a finding — a split dose is never read as one of its parts."""
        amounts = sorted((r for r in readings if r.amount is not None
                          and r.amount_token is not None), key=lambda r: r.amount_token or 0)
        merged: set[int] = set()
        for index, head in enumerate(amounts):
            if id(head) in merged:
                continue
            chain = [head]
            for following in amounts[index + 1:]:
                before = chain[-1]
                if following.drug != head.drug or following.drug_span != head.drug_span:
                    break
                start = tokens[before.amount_token or 0].end
                end = tokens[following.amount_token or 0].start
                time = _TIME_OF_DAY.match(self.normal, start, end)
                if not _SPLIT_JOIN.fullmatch(self.normal, time.end() if time else start, end):
                    break
                chain.append(following)
            if len(chain) < 2:
                continue
            limit = tokens[-1].end
            times = [_TIME_OF_DAY.match(self.normal, tokens[part.amount_token or 0].end, limit)
                     for part in chain]
            if not any(times):
                continue  # "10 mg and 20 mg": no time of day says the dose is split
            merged.update(id(part) for part in chain)
            labels = [_time_label(time) if time else None for time in times]
            said = self.text[tokens[head.amount_token or 0].start:tokens[
                chain[-1].amount_token or 0].end]
            why = self._unsplit(chain, labels)
            if why is not None:
                for part in chain:
                    part.split_unclear = (f"one part of a dose split over the day ({said!r}), "
                                          f"whose parts do not give the day's amount ({why}): "
                                          "no daily amount")
                continue
            last = times[-1]
            assert last is not None
            head.last = max([chain[-1].last, *(p for p, t in enumerate(tokens)
                                               if t.start < last.end())])
            head.split = tuple((part.amount.values[part.value_index], label or "")  # type: ignore[union-attr]
                               for part, label in zip(chain, labels, strict=True))
            head.schedule = Schedule.times_per_day(len(chain))
            head.schedule_word = None
            for part in chain[1:]:
                head.route = head.route or part.route
                head.route_from = head.route_from if head.route is not None else part.route_from
                head.form = head.form or part.form
                head.release = head.release or part.release
                head.notes.extend(part.notes)
        drop = {id(part) for part in amounts if id(part) in merged and part.split is None
                and part.split_unclear is None}
        return [r for r in readings if id(r) not in drop]

    @staticmethod
    def _unsplit(chain: list[_Reading], labels: list[str | None]) -> str | None:
        """Why the parts of a split dose do not sum to a day, or None where they do."""
        if None in labels:
            return "a part has no time of day of its own"
        if len(set(labels)) < len(labels):
            return "two parts at one time of day"
        bases = set()
        for part in chain:
            amount = part.amount
            assert amount is not None
            if amount.kind != "single" or amount.per or amount.base not in ("mg", "mcg", "g"):
                return "a part is not one amount per dose"
            if part.prn or part.alt is not None or part.count is not None \
                    or part.units_unread is not None or part.doses_taken is not None:
                return "a part is as needed or counted in units"
            bases.add(amount.base)
        if len(bases) > 1:
            return "the parts are in different units"
        return None

    def _unattached(self, tokens: list[Token], used: set[int], readings: list[_Reading]) -> None:
        bound = {r.amount_token for r in readings}
        for index, token in enumerate(tokens):
            if token.kind != "amount" or index in used or index in bound:
                continue
            amount: Amount = token.value
            if amount.base == "%" and not amount.per:
                self._not_dose(token, "a percentage not attached to a drug the catalogue knows")
                continue
            self._not_dose(token, "no drug the catalogue knows is named for it")
            self._finding(Severity.WARNING, "amount-not-attached",
                          f"{self.text[token.start:token.end]!r}: no drug the catalogue knows is "
                          "named for it; not read as an item", (token.start, token.end))

    # -- pass 4: the story -------------------------------------------------------------------
    def _tell(self, sentence: int, tokens: list[Token], readings: list[_Reading]) -> None:
        story = self.story
        classes = [(t, self._class_action(tokens, i)) for i, t in enumerate(tokens)
                   if t.kind == "class"]
        for token, action in classes:
            if action is None and token.value != "*" and not self.normal[
                    token.end:token.end + 9].startswith(("-induced", " induced", "-related")):
                self._finding(Severity.INFO, "class-without-drug",
                              f"{self.text[token.start:token.end]!r} names no drug: not an item",
                              (token.start, token.end))
        present = {item.drug for item in story.states[-1]["items"]} if story.states else set()
        readings = [r for r in readings if not self._reference(r, present)]
        froms = [r for r in readings if r.role == "from"]
        rest = [r for r in readings if r.role != "from"]
        self.added_now = set()
        if not readings:  # "required the introduction of intravenous PCA": a route for later
            routes = [t for t in tokens if t.kind == "route" and isinstance(t.value, Route)]
            if routes and any(t.kind in ("pca", "infusion", "device") for t in tokens):
                self.route_events.append((sentence, routes[0].value,
                                          (routes[0].start, routes[0].end)))
        if froms:
            if not story.states:
                self._new_state(tokens, [], carry=False, label="before the switch")
            # "The patient with methadone substitution initially needed 300 mg ketamine per day
            # … and was changed to …": a drug named without an amount before what was given
            # before the switch was given then too
            first = min(r.first for r in froms)
            named = [r for r in rest if r.amount is None and r.action != "stop" and r.first < first
                     and not any(t.kind == "verb" for t in tokens[:r.first])]  # not "a switch to FP"
            for reading in [*named, *froms]:  # "a switch to FP from oxycodone": given before
                if not any(item.drug == reading.drug for item in story.states[-1]["items"]):
                    self._apply(attrs.evolve(reading, action="add", role=""))
        listed = self._discharge_list(tokens, rest)
        opens = self._opens_state(tokens, rest, classes) or bool(froms and rest) \
            or listed is not None
        states_before = len(story.states)
        if not story.states and (rest or any(a for _, a in classes)):
            self._new_state(tokens, rest, carry=False, classes=classes)
        elif opens and story.states:
            self._new_state(tokens, rest, carry=True, classes=classes)
        if not story.states:
            return
        self.added_now = set()
        if froms and rest:
            drop = {r.drug for r in froms}
            story.states[-1]["items"] = [i for i in story.states[-1]["items"] if i.drug not in drop]
        for token, action in classes:
            if action in ("stop", "switch"):
                self._stop_class(token.value, tokens, readings, action)
        earlier: dict[tuple[Drug, bool], _Reading] = {}
        # "changed to oral hydromorphone … with the continuation of methadone": a switch in the
        # sentence does not end what the same sentence says continues
        self.continued_now = {r.drug for r in rest if r.action == "continue"}
        for position, reading in enumerate(rest):
            when = self._time_of(tokens, reading)
            current = story.states[-1]
            later = when is not None and not current["label"].startswith(when) and (
                current["items"] or len(story.states) > 1)
            step = self._step_of_treatment(tokens, rest[:position], reading)
            if self._sequence_break(tokens, reading, earlier) or later:
                self._new_state(tokens, [reading], carry=True, label=when)
                self.added_now = set()
            elif step is not None:
                self._new_state(tokens, [reading], carry=True)
                self.added_now = set()
                story.states[-1]["items"] = [i for i in story.states[-1]["items"]
                                             if i.drug != step.drug]
                reading.notes.append(("step-of-treatment", f"'{step.drug.name} … followed by "
                                      f"{reading.drug.name}', of the same class "
                                      f"({reading.drug.drug_class}): the next step of one "
                                      f"treatment, {step.drug.name} ended", Severity.INFO))
            if reading.amount is not None and reading.amount.kind == "list" \
                    and reading.value_index > 0:
                self._new_state(tokens, [reading], carry=True)
                self.added_now = set()
            self._apply(reading)
            if reading.amount is not None and reading.amount.kind == "fromto":
                self._new_state(tokens, [reading], carry=True)
                self.added_now = set()
                self._apply(attrs.evolve(reading, action="update"), high=True)
            if reading.amount is not None:
                earlier[(reading.drug, reading.prn)] = reading
        if listed is not None and len(story.states) > states_before > 0:
            state = story.states[-1]
            discharged_on = {r.drug for r in rest}
            ended = [i for i in state["items"] if i.carried and i.drug not in discharged_on]
            if ended:
                state["items"] = [i for i in state["items"] if not any(i is e for e in ended)]
                self._finding(Severity.INFO, "discharge-list",
                              f"{listed!r}: the drugs the patient was discharged on are the "
                              f"regimen at discharge; not carried into it: "
                              f"{', '.join(str(i.drug.name) for i in ended)}",
                              (tokens[0].start, tokens[-1].end))
        told = [(r.drug, r.drug_span, _device(r), r.route if isinstance(r.route, Route)
                 else r.earlier_route) for r in rest]
        if told:
            story.focus.append(told)

    def _discharge_list(self, tokens: list[Token], readings: list[_Reading]) -> str | None:
        """ "The patient … discharged on Cetomacrogol and fluocinolone gel … and 1%
        hydrocortisone ointment": the words that name the regimen at discharge (the drugs after
        "discharged on / with", every item of the sentence among them, none stopped), or None
        ("discharged on postoperative day 5" names a day, not a regimen; "discharged on day 12
        on prednisone 20mg daily, aspirin …": the day, then the regimen after a second "on")."""
        for position, token in enumerate(tokens[:-1]):
            if token.kind != "time" or token.value != "discharge" \
                    or self._word(tokens[position + 1]) not in ("on", "with"):
                continue
            joint = position + 1
            if joint + 3 < len(tokens) and self._word(tokens[joint]) == "on" \
                    and tokens[joint + 1].kind == "time" \
                    and str(tokens[joint + 1].value).startswith("day") \
                    and self._word(tokens[joint + 2]) == "on":
                joint += 2  # "discharged on day 12 on …"
            if joint + 1 >= len(tokens) or tokens[joint + 1].kind in ("time", "number") \
                    or self._word(tokens[joint + 1]) in ("the", "a", "an", "day"):
                return None
            if readings and all(r.first > joint and r.action in ("add", "continue")
                                for r in readings):
                return self.text[token.start:tokens[joint].end]
            return None
        return None

    def _time_of(self, tokens: list[Token], reading: _Reading) -> str | None:
        """The day an amount is given for: "100mg / 24 hours in day 1", "on day 5, … to
        1,800mg/day", "initiated on hospital day 1 at 100 micrograms/h"."""
        if reading.amount_token is None:
            return None
        after = reading.amount_token + 1
        while after < len(tokens) and tokens[after].kind == "word" and tokens[after].value in (
                "in", "on", "at", "from"):
            after += 1
        window = [after, *range(reading.amount_token - 1, reading.first - 1, -1)]
        for position in window:
            if 0 <= position < len(tokens):
                token = tokens[position]
                if token.kind == "time" and isinstance(token.value, str) \
                        and token.value.startswith("day"):
                    return str(token.value)
        return None

    def _reference(self, reading: _Reading, present: set[Drug]) -> bool:
        """ "after starting the ketamine infusion": a drug of the state named again with no
        amount, schedule or change is a reference, not an event."""
        return (reading.amount is None and reading.drug in present
                and reading.action in ("add",) and reading.schedule is None
                and reading.schedule_word is None and not reading.prn)

    def _sequence_break(self, tokens: list[Token], reading: _Reading,
                        earlier: dict[tuple[Drug, bool], _Reading]) -> bool:
        """A second amount for the same item in one sentence is a later state when a change or
        a time comes between ("10 mg twice daily and was increased to 80 mg twice daily",
        "100mg / 24 hours in day 1, 300mg / 24 hours in day 2")."""
        if reading.amount is None or reading.amount.kind == "list":
            return False
        before = earlier.get((reading.drug, reading.prn))  # its last amount in the sentence
        if before is not None and before.amount_token is not None \
                and reading.amount_token is not None:
            between = tokens[before.amount_token + 1:reading.amount_token]
            if reading.action == "update" or any(t.kind == "time" for t in between) or any(
                    t.kind == "verb" and t.value in ("increase", "decrease", "titrate", "reach",
                                                     "switch") for t in between):
                return True
        return False

    def _step_of_treatment(self, tokens: list[Token], before: Sequence[_Reading],
                           reading: _Reading) -> _Reading | None:
        """ "methylprednisolone IV followed by oral prednisone 70 mg daily", "methylprednisolone
        pulse therapy (1 g/day, for 3 days) followed by oral prednisolone": a drug of the same
        class as the one named just before "followed by" is the next step of one treatment,
        given after it, not beside it (a drug of another class, "oxycodone 10 mg/day …, followed
        by naldemedine 0.2 mg/day", is added beside it). The reading it follows, or None."""
        if not before or reading.action != "add" or reading.drug.drug_class is None:
            return None
        previous = before[-1]
        if previous.drug == reading.drug or previous.drug.drug_class != reading.drug.drug_class \
                or previous.action not in ("add", "continue"):
            return None
        between = tokens[previous.last + 1:reading.first]
        if len(between) > 3 or not any(self._word(t).startswith("followed") for t in between):
            return None
        return previous

    def _class_action(self, tokens: list[Token], index: int) -> str | None:
        for position in list(range(index + 1, min(len(tokens), index + 6))) + list(
                range(index - 1, max(-1, index - 4), -1)):
            token = tokens[position]
            if token.kind == "clause":
                break
            if token.kind == "verb" and token.value in ("stop", "switch"):
                return str(token.value)
        return None

    def _opens_state(self, tokens: list[Token], readings: list[_Reading],
                     classes: list[tuple[Token, str | None]]) -> bool:
        if not self.story.states:
            return False
        current = self.story.states[-1]["items"]
        if not current:
            return any(r.action != "stop" for r in readings)
        present = {item.drug for item in current}
        for reading in readings:
            if reading.action in ("switch", "stop") and (reading.drug in present
                                                         or reading.action == "switch"):
                return True
            if reading.action == "update" and reading.amount is not None:
                return True
            if reading.action == "add" and reading.amount is not None and reading.drug in present:
                return True
            if reading.action == "add" and self._explicit_start(tokens, reading):
                return True
            if reading.action == "continue" and reading.amount is not None:
                return True
        if any(action in ("stop", "switch") for _, action in classes):
            return True
        head = tokens[:4]
        return bool(readings) and any(t.kind == "time" and t.value not in ("before", "initial")
                                      for t in head)

    def _explicit_start(self, tokens: list[Token], reading: _Reading) -> bool:
        window = tokens[max(0, reading.first - 6):reading.last + 4]
        return any(t.kind == "verb" and t.value in ("start", "add") for t in window)

    def _new_state(self, tokens: list[Token], readings: Sequence[_Reading], *, carry: bool,
                   classes: Sequence[tuple[Token, str | None]] = (),
                   label: str | None = None) -> None:
        story = self.story
        label = self._unique(label) if label else self._label(tokens, readings, classes)
        items: list[ReadItem] = []
        if carry and story.states:
            stale = story.states[-1]["stale"]
            for item in story.states[-1]["items"]:
                if item.frequency == "once" and not item.prn and item.daily_dose is None:
                    continue  # "Olanzapine 10 mg IM stat": a single dose is given, not continued
                copy = item if item.carried else item.as_carried()
                if item.drug.name in stale and not item.prn:
                    copy = attrs.evolve(copy, daily_dose=None, daily_mg=None, per_dose=None,
                                        frequency=None, item=_unknown(copy.item))
                items.append(copy)
        start = tokens[0].start if tokens else 0
        end = tokens[-1].end if tokens else 0
        story.states.append({"label": label, "items": items, "span": (start, end),
                             "carried_from": story.states[-1]["label"] if carry and story.states
                             else None, "stale": set()})

    _TIME_ORDER = ("day", "admission", "discharge", "outpatient", "perioperative", "initial",
                   "before")

    def _label(self, tokens: list[Token], readings: Sequence[_Reading],
               classes: Sequence[tuple[Token, str | None]] = ()) -> str:
        times = [t.value for t in tokens if t.kind == "time" and isinstance(t.value, str)
                 and t.value != "later"]
        base = None
        for wanted in self._TIME_ORDER:
            found = [t for t in times if t.startswith(wanted) or t.endswith(wanted)]
            if found:
                base = found[0]
                break
        if base is None and times:
            base = times[0]
        if base is None:
            events = []
            for token, action in classes:
                if action in ("stop", "switch"):
                    events.append(f"{self.text[token.start:token.end].lower()} "
                                  f"{'stopped' if action == 'stop' else 'changed'}")
            for reading in readings:
                verb = {"increase": "increased", "decrease": "decreased", "titrate": "titrated",
                        "reach": "increased", "start": "started", "add": "added",
                        "stop": "stopped", "continue": "continued", "give": "given",
                        "switch": "switch"}.get(reading.verb, "given")
                event = (f"switched to {reading.drug.name}" if verb == "switch"
                         else f"{reading.drug.name} {verb}")
                if event not in events:
                    events.append(event)
            base = ", ".join(events[:2]) or None
        if not self.story.states and not times:
            base = "initial"
        return self._unique(base or f"state {len(self.story.states) + 1}")

    def _unique(self, base: str) -> str:
        labels = {s["label"].lower() for s in self.story.states}
        label, n = base, 2
        while label.lower() in labels:
            label = f"{base} ({n})"
            n += 1
        return label

    def _stop_class(self, drug_class: str, tokens: list[Token], readings: list[_Reading],
                    action: str) -> None:
        state = self.story.states[-1]
        regular = any(self.normal[t.start:t.end].startswith("regular") for t in tokens)
        targets = {r.drug for r in readings}
        kept = []
        for item in state["items"]:
            matches = drug_class == "*" or item.drug.drug_class == drug_class
            if action == "switch" and drug_class == "*":
                matches = True
            if regular and item.prn:
                matches = False
            if matches and item.drug not in targets:
                continue
            kept.append(item)
        state["items"] = kept

    def _apply(self, reading: _Reading, *, high: bool = False) -> None:
        state = self.story.states[-1]
        items: list[ReadItem] = state["items"]
        same = [i for i, item in enumerate(items) if item.drug == reading.drug]
        if reading.action == "stop":
            stopped = self._stopped(reading, [items[i] for i in same])
            state["items"] = [item for item in items if not any(item is s for s in stopped)]
            return
        if reading.action == "switch" and reading.role != "from":
            drop = {i for i in same if id(items[i]) not in self.added_now}
            if reading.drug.is_opioid:
                drop |= {i for i, item in enumerate(items) if item.drug.is_opioid
                         and id(item) not in self.added_now
                         and item.drug not in self.continued_now}
            items = [item for i, item in enumerate(items) if i not in drop]
            state["items"] = items
            same = [i for i, item in enumerate(items) if item.drug == reading.drug]
        previous = self._previous(items, same, reading)
        if reading.amount is None and reading.action in ("update",) and previous is not None:
            stale = items[previous]
            span = self._span(reading)
            if stale.carried:
                items[previous] = attrs.evolve(stale, carried=False, action="changed",
                                               daily_dose=None, daily_mg=None, per_dose=None,
                                               frequency=None, max_daily_dose=None,
                                               item=_unknown(stale.item), span=span,
                                               as_written=self.text[span[0]:span[1]])
                self._finding(Severity.WARNING, "change-without-amount",
                              f"{self.text[span[0]:span[1]]!r}: {reading.drug.name} changed, and "
                              "the text gives no new amount: its dose is unknown from here",
                              span)
                return
            self._finding(Severity.WARNING, "change-without-amount",
                          f"{self.text[span[0]:span[1]]!r}: {reading.drug.name} changed, and the "
                          "text gives no new amount; later states carry it with its dose unknown",
                          span)
            state["stale"].add(stale.drug.name)
            return
        if reading.amount is None and previous is not None:
            if self._complement(items, previous, reading):
                return
            if reading.action == "continue" or reading.prn == items[previous].prn:
                if reading.action == "continue":
                    items[previous] = attrs.evolve(items[previous], carried=False,
                                                   action="continued")
                return
        if previous is not None and reading.amount is not None and reading.action == "add" \
                and items[previous].prn == reading.prn and id(items[previous]) not in self.added_now:
            reading.action = "update"  # a new amount for an item of the state
        item = self._item(reading, items[previous] if previous is not None else None, high=high)
        if previous is not None and reading.amount is not None and (
                reading.action in ("update", "continue", "switch")
                or item.prn == items[previous].prn) and id(items[previous]) not in self.added_now:
            items[previous] = item
        elif any(id(other) in self.added_now and _same_reading(other, item) for other in items):
            return  # the same item said twice in one sentence
        else:
            items.append(item)
        self.added_now.add(id(item))
        self.item_sentence[id(item)] = self.sentence
        state["items"] = items

    def _stopped(self, reading: _Reading, candidates: list[ReadItem]) -> list[ReadItem]:
        """The items a stop is about: all of the drug's, unless the text says which one ("the
        oxycodone 5 mg capsule was discontinued": not the 10 mg controlled-release tablet)."""
        if len(candidates) < 2:
            return candidates
        amount = reading.amount
        strength = (amount.value, _unit_of(amount)) if amount is not None and amount.mass \
            and amount.kind == "single" else None
        form = reading.form if reading.form in ("tablet", "capsule", "liquid", "patch",
                                                 "suppository", "injection") else None
        if strength is None and form is None and reading.release is None and not reading.prn:
            return candidates
        chosen = [item for item in candidates if (
            (strength is None or (item.per_dose is not None
                                  and (item.per_dose.value, item.per_dose.unit) == strength))
            and (form is None or item.form in (None, form))
            and (reading.release is None or item.release in (None, reading.release))
            and (not reading.prn or item.prn))]
        if not chosen or len(chosen) == len(candidates):
            return candidates
        span = self._span(reading)
        self._finding(Severity.INFO, "stopped-one-of-several",
                      f"{self.text[span[0]:span[1]]!r}: only the {reading.drug.name} item the text "
                      "describes is stopped; the drug's other items continue", span)
        return chosen

    def _previous(self, items: list[ReadItem], same: list[int], reading: _Reading) -> int | None:
        if not same:
            return None
        wanted_prn = reading.prn
        for index in reversed(same):
            if items[index].prn == wanted_prn:
                return index
        if reading.amount is None:
            return same[-1]
        return None

    def _complement(self, items: list[ReadItem], previous: int, reading: _Reading) -> bool:
        """A later sentence gives the schedule of a dose named earlier ("oxycodone 5 mg was
        given …; oxycodone was given four times a day")."""
        old = items[previous]
        if reading.schedule_adjective:
            return False  # "a daily morphine dose of up to 1 mg …": no schedule of giving
        if reading.schedule is None or old.frequency not in (None, "once") or old.per_dose is None \
                or old.per_dose.unit not in ("mg", "mcg", "g"):
            return False
        if old.prn:
            return False
        replaced = self._rebuild(old, reading.schedule, reading)
        items[previous] = replaced
        if reading.prn:
            items.append(attrs.evolve(self._rebuild(old, None, reading), prn=True,
                                      frequency=None, daily_dose=None, daily_mg=None,
                                      carried=False, action="added"))
            self._finding(Severity.INFO, "prn-same-strength",
                          f"{old.drug.name}: the rescue dose is read as the same strength as the "
                          f"regular dose ({old.per_dose}), as the text gives no other",
                          self._span(reading))
        return True

    # -- making an item ----------------------------------------------------------------------
    def _span(self, reading: _Reading) -> tuple[int, int]:
        return self._token_span(reading)

    def _item(self, reading: _Reading, previous: ReadItem | None, *, high: bool = False) -> ReadItem:
        start, end = self._token_span(reading)
        owned = reading.drug_span not in self.owned and not reading.from_earlier
        far = reading.amount_token is not None and abs(
            reading.amount_token - self._drug_token(reading)) > 8
        if reading.amount_token is not None and (not owned or far):
            start = self._amount_phrase_start(reading)
        elif not reading.from_earlier:
            start = min(start, reading.drug_span[0])
            end = max(end, reading.drug_span[1])
        if owned:
            self.owned.add(reading.drug_span)
        start, end = _balanced(self.text, start, end)
        span = (start, end)
        notes: list[tuple[str, str, Severity]] = []
        if reading.route is None and not reading.from_earlier:
            self._local_form_heading(reading, notes)
        route, route_from = self._route(reading, previous, notes)
        release = reading.release or (previous.release if previous is not None
                                      and reading.action in ("update", "continue") else None)
        form = reading.form or (previous.form if previous is not None
                                and reading.action in ("update", "continue") else None)
        if release is None and route in (None, Route.ORAL) and form != "injection":
            release = self._brand_release(reading)  # "OxyContin 20 mg": an ER dose
        if route is Route.TRANSDERMAL and form is None:
            form = "patch"
        if reading.from_earlier:
            notes.append(("drug-from-earlier",
                          f"the sentence names no drug; {reading.drug.name} is the drug the story "
                          f"is about ({self.text[slice(*reading.drug_span)]!r} at "
                          f"{reading.drug_span[0]})", Severity.WARNING))
        notes.extend(reading.notes)
        reading.intermittent = self._intermittent(reading)
        reading.per_site = self._per_site(reading)
        dose = _Dose.read(reading, self.weight, high=high, notes=notes,
                          transdermal=route is Route.TRANSDERMAL or form == "patch")
        item = self._item_language(reading, dose, route, release, form, notes)
        if route is None and item is not None and item.route_stated:
            route, route_from = item.route, "form"  # a patch is transdermal
        if item is not None and not item.route_stated:
            notes.append(("route-assumed", f"route not written; {item.route.value} assumed (the "
                          "drug's oral form), as the item language does", Severity.INFO))
        for code, message, severity in notes:
            self._finding(severity, code, f"{self.text[span[0]:span[1]]!r}: {message}", span)
        action = {"add": "added", "update": "changed", "switch": "switched",
                  "continue": "continued", "stop": "stopped"}[reading.action]
        return ReadItem(
            as_written=self.text[span[0]:span[1]], span=span, drug=reading.drug,
            drug_span=reading.drug_span, route=route if isinstance(route, Route) else None,
            route_from=route_from, release=release, form=form, prn=reading.prn,
            per_dose=dose.per_dose, dose_range=dose.dose_range, weight_based=dose.weight_based,
            frequency=dose.frequency, daily_dose=dose.daily, daily_mg=dose.daily_mg,
            max_daily_dose=dose.max_daily, item=item, action=action)

    def _intermittent(self, reading: _Reading) -> str | None:
        """The words of an intermittent schedule around the reading's amount, within its words, up
        to eight tokens after them and three before, stopping at punctuation, brackets, a clause
        boundary, another amount or another drug; or a cycle repeated at an interval anywhere in
        the sentence."""
        tokens = self.tokens
        at = reading.amount_token
        if reading.amount is None or at is None or not tokens:
            return None
        cycle = _CYCLE_REPEATED.search(self.normal, tokens[0].start, tokens[-1].end)
        if cycle is not None:  # the sentence's treatment is given in cycles
            return self.text[cycle.start():cycle.end()]
        if reading.from_earlier or not 0 <= reading.first <= at <= reading.last < len(tokens):
            return None
        own = self.token_at.get(reading.drug_span[0])
        start, end = tokens[at].start, tokens[at].end
        lowest, highest = max(0, reading.first - 3), min(len(tokens) - 1, reading.last + 8)
        for step in (-1, 1):
            position = at + step
            while lowest <= position <= highest:
                token = tokens[position]
                if token.kind in ("punct", "clause", "amount", "open", "close") or (
                        token.kind == "drug" and position != own) or (
                        # "Methotrexate 15 mg weekly and prednisolone 10 mg daily": a conjunction
                        # before the drug's name ends its words
                        step < 0 and own is not None and position < own and token.kind == "plus"):
                    break
                start, end = min(start, token.start), max(end, token.end)
                position += step
        found = _INTERMITTENT.search(self.normal, start, end)
        return None if found is None else self.text[found.start():found.end()]

    def _local_form_heading(self, reading: _Reading, notes: list[tuple[str, str, Severity]]) -> None:
        """ "Topical eyedrop of tobramycin 0.3% and dexamethasone 0.1%": eye or ear drops written
        before a list of drugs are each drug's route (topical), so none is assumed oral. Looked
        for up to eight tokens before the drug's name, over names, amounts, "and" and commas,
        stopping at a verb, a clause boundary or a full stop; only for a drug written with a
        strength (a percentage, an amount per mL) or with none, never a mass dose."""
        own = self.token_at.get(reading.drug_span[0])
        if own is None or (reading.amount is not None and not reading.amount.concentration):
            return  # a mass dose ("… and morphine 10 mg twice daily") is not a drop's strength
        for position in range(own - 1, max(-1, own - 9), -1):
            token = self.tokens[position]
            if token.kind == "route":
                words = self.text[token.start:token.end]
                if token.value is Route.TOPICAL and _LOCAL_FORM.search(self.normal, token.start,
                                                                        token.end):
                    reading.route, reading.route_from = Route.TOPICAL, "text"
                    notes.append(("route-from-list", f"{words!r} before the list this drug is "
                                  "in: read as its route", Severity.INFO))
                return
            if token.kind in ("verb", "clause") or (token.kind == "punct"
                                                    and token.value not in (",",)):
                return

    def _per_site(self, reading: _Reading) -> str | None:
        """The words saying the reading's amount is given at each of several sites ("per side",
        "in each nostril", "bilaterally"): within its words, or up to four tokens after them and
        three before, stopping at punctuation, a clause boundary or another drug."""
        tokens = self.tokens
        if reading.amount is None or reading.from_earlier or not tokens \
                or not 0 <= reading.first <= reading.last < len(tokens):
            return None
        own = self.token_at.get(reading.drug_span[0])
        start, end = tokens[reading.first].start, tokens[reading.last].end
        for step, lowest, highest in ((-1, max(0, reading.first - 3), reading.first - 1),
                                      (1, reading.last + 1, min(len(tokens) - 1, reading.last + 4))):
            position = reading.first - 1 if step < 0 else reading.last + 1
            while lowest <= position <= highest:
                token = tokens[position]
                if token.kind in ("punct", "clause") or (token.kind == "drug" and position != own) \
                        or token.kind == "verb" or (step > 0 and token.kind == "plus"):
                    break
                start, end = min(start, token.start), max(end, token.end)
                position += step
        found = _PER_SITE.search(self.normal, start, end)
        if found is None:  # "50 mcg was given in each nostril": right after a verb of giving
            after = _GIVEN_AT.match(self.normal, end)
            found = _PER_SITE.match(self.normal, after.end()) if after is not None else None
        return None if found is None else self.text[found.start():found.end()]

    def _brand_release(self, reading: _Reading) -> str | None:
        """The release of the brand the reading's drug is named by (``drug_names.csv`` column
        ``release``: OxyContin er, OxyNorm ir), also in brackets after the drug ("oxycodone
        (Oxycontin)"), or None; as the item language reads it."""
        if reading.from_earlier or not self.tokens:
            return None
        token = self.tokens[self._drug_token(reading)]
        if token.kind != "drug" or not isinstance(token.value, DrugName):
            return None
        found = self.catalogue.release(token.value.name)
        if found is None and token.name_end is not None:
            bracket = _BRACKET_EDGES.sub("", self.text[token.name_end:token.end])
            found = self.catalogue.release(bracket)
        return found

    def _drug_token(self, reading: _Reading) -> int:
        return self.token_at.get(reading.drug_span[0], reading.first)

    def _amount_phrase_start(self, reading: _Reading) -> int:
        """Where an amount's own words start: the amount and the modifiers right before it."""
        assert reading.amount_token is not None
        position = reading.amount_token
        while position - 1 >= 0 and position - 1 >= reading.first:
            token = self.tokens[position - 1]
            if token.kind in _MODIFIERS or token.kind in ("bound",) or (
                    token.kind == "word" and token.value in ("of", "at", "to", "a", "the")) or (
                    token.kind == "verb" and token.value in ("increase", "decrease", "titrate",
                                                             "reach")):
                position -= 1
                continue
            break
        while position < reading.amount_token and self.tokens[position].kind == "word" \
                and self.tokens[position].value in ("of", "at", "a", "the"):
            position += 1
        return self.tokens[position].start

    def _rebuild(self, old: ReadItem, schedule: Schedule | None, reading: _Reading) -> ReadItem:
        """An earlier item with the schedule a later sentence gives."""
        per = old.per_dose
        assert per is not None
        fake = _Reading(old.drug, old.drug_span, reading.sentence, reading.first, reading.last,
                        amount=Amount((per.value,), per.unit), schedule=schedule,
                        release=old.release, form=old.form, route=old.route,
                        route_from=old.route_from, prn=old.prn)
        notes: list[tuple[str, str, Severity]] = []
        dose = _Dose.read(fake, self.weight, notes=notes, transdermal=old.route is Route.TRANSDERMAL)
        item = self._item_language(fake, dose, old.route, old.release, old.form, notes)
        where = self._token_span(reading)
        self._finding(Severity.INFO, "schedule-from-later-sentence",
                      f"{old.as_written!r}: its schedule ({dose.frequency}) is read from a later "
                      f"sentence: {self.text[where[0]:where[1]]!r}", where)
        return attrs.evolve(old, frequency=dose.frequency, daily_dose=dose.daily,
                            daily_mg=dose.daily_mg, max_daily_dose=dose.max_daily, item=item,
                            carried=False)

    def _token_span(self, reading: _Reading) -> tuple[int, int]:
        """The reading's words in the sentence being read."""
        first = self.tokens[reading.first]
        last = self.tokens[reading.last]
        return first.start, last.end

    def _route(self, reading: _Reading, previous: ReadItem | None,
               notes: list[tuple[str, str, Severity]]) -> tuple[Any, str]:
        if reading.route is not None:
            if reading.route == "parenteral":
                notes.append(("route-ambiguous", "parenteral: intravenous or subcutaneous, the text "
                              "does not say which", Severity.INFO))
                return None, "text"
            if reading.route == "neuraxial":
                notes.append(("route-ambiguous", "spinal: epidural or intrathecal, the text does not "
                              "say which", Severity.INFO))
                return None, "text"
            if reading.route == "perineural":
                notes.append(("route-not-modelled", "perineural (a nerve catheter or block): not a "
                              "route mpsdose models; kept without an item-language item",
                              Severity.INFO))
                return None, "text"
            return reading.route, reading.route_from
        if reading.device == "syringe driver":
            notes.append(("route-from-device", "a syringe driver is read as subcutaneous (CSCI)",
                          Severity.INFO))
            return Route.SC, "device"
        if previous is not None and previous.route is not None and reading.action in (
                "update", "continue"):
            since = self.item_sentence.get(id(previous), -1)
            changed = [event for event in self.route_events
                       if event[0] > since and event[1] is not previous.route]
            if changed:
                _, route, where = changed[-1]
                notes.append(("route-from-context", f"the route is read from an earlier sentence "
                              f"({self.text[where[0]:where[1]]!r}), not from {previous.route.value} "
                              "before it", Severity.WARNING))
                return route, "context"
            return previous.route, "earlier"
        if reading.from_earlier and isinstance(reading.earlier_route, Route):
            return reading.earlier_route, "earlier"
        return None, "unknown"

    def _item_language(self, reading: _Reading, dose: _Dose, route: Any, release: str | None,
                       form: str | None, notes: list[tuple[str, str, Severity]]) -> Item | None:
        words = [reading.drug.name]
        if release:
            words.append(release)
        if form in ("tablet", "capsule", "liquid", "patch", "suppository"):
            words.append(form)
        words.append(dose.item_amount or "dose unknown")
        if isinstance(route, Route):
            words.append(route.short)
        if dose.item_amount is not None and dose.item_schedule:
            words.append(dose.item_schedule)
        if reading.prn and dose.item_amount is not None:
            words.append("prn")
        text = " ".join(words)
        if route is None and (dose.item_schedule == "continuous" or reading.infusion
                              or reading.device in ("pca", "pump", "syringe driver")):
            # the item language would take the drug's oral form; an infusion is not oral
            notes.append(("route-not-given", "an infusion whose route the text does not give: "
                          "not written to the course file (no route is assumed for it)",
                          Severity.WARNING))
            return None
        try:
            return parse_item(text, knowledge=self.knowledge)
        except MpsdoseError as error:
            if dose.item_amount is not None and isinstance(route, Route):
                fallback = [w for w in words if w not in (dose.item_amount, dose.item_schedule,
                                                          "prn")]
                fallback.insert(len([reading.drug.name, release] if release else
                                    [reading.drug.name]), "dose unknown")
                try:
                    item = parse_item(" ".join(w for w in fallback if w), knowledge=self.knowledge)
                except MpsdoseError:
                    item = None
                notes.append(("not-an-item", f"the item language refuses {text!r} ({error}); "
                              + ("kept with its dose unknown" if item is not None
                                 else "not written to the course file"), Severity.WARNING))
                return item
            notes.append(("not-an-item", f"{text!r} cannot be written as an item ({error}); not "
                          "written to the course file", Severity.INFO))
            return None

    # -- findings and the result --------------------------------------------------------------
    def _finding(self, severity: Severity, code: str, message: str,
                 span: tuple[int, int] | None) -> None:
        self.story.findings.append(ReadFinding(Finding(severity, code, message, _SOURCE), span))

    def _result(self) -> Reading:
        from mpsdose.io.prose.totals import compare_totals, implausible_doses, state_totals

        states: list[ReadState] = []
        for raw in self.story.states:
            items = tuple(raw["items"])
            note = None
            carried = [item for item in items if item.carried]
            if carried and raw["carried_from"]:
                note = (f"carried forward from {raw['carried_from']!r} (the text does not say they "
                        "changed): " + "; ".join(item.item.format() if item.item is not None
                                                 else item.drug.name for item in carried))
                self._finding(Severity.INFO, "carried-forward",
                              f"state {raw['label']!r}: {note}", None)
            states.append(ReadState(raw["label"], raw["span"], items, note=note))
        states = [state_totals(state, self.table, self.knowledge) for state in states]
        for read, why in implausible_doses(states, self.knowledge):
            self._finding(Severity.WARNING, "implausible-dose",
                          f"{read.as_written!r}: read as {read.daily_dose or read.per_dose}, "
                          f"above the plausibility ceiling of the opioid dose ranges ({why}): "
                          "suspect a misprint or a unit slip in the text; check it",
                          read.span)
        printed = compare_totals(self.printed, states, self.state_at, self.knowledge)
        return Reading(self.text, tuple(states), tuple(printed), tuple(self.not_doses),
                       tuple(self.story.findings), self.table, self.weight)


def _time_label(time: re.Match[str]) -> str:
    """What a time of day names: morning, noon, afternoon, evening, night, or the clock time."""
    for name in ("morning", "noon", "afternoon", "evening", "night"):
        if time.group(name):
            return name
    return " ".join(time.group("clock").split())


def _series_statement(said: str) -> bool:
    """Does the sentence speak of some of the patients of a series ("Five of the patients",
    "in 12 patients")? What "all (three) patients" or "both patients" were given is the series'
    common regimen, read as items."""
    return any(not re.search(r"\b(?:all|both|each\s+of\s+the|each\s+of)\s+$",
                             said[max(0, found.start() - 14):found.start()])
               for found in _SERIES.finditer(said))


def _option_blocks(text: str) -> list[tuple[int, int]]:
    """Where a question's answer options stand: after a "?" the text starts with an option's
    letter or number ("? A. 15 mg q12 B. …", "?\n\n  1. Take …"); the options run on, line by
    line, through blank lines, lines that start with an option's letter or number and lines that
    announce the answer ("ANSWER:"), and end at the first other line ("Discussion: …")."""
    blocks = []
    for mark in re.finditer(r"\?(?=\s|$)", text):
        start = mark.end()
        while start < len(text) and text[start] in " \t\r\n":
            start += 1
        if not _OPTION.match(text, start) or start >= len(text):
            continue
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        while end < len(text):
            line_end = text.find("\n", end + 1)
            line_end = len(text) if line_end < 0 else line_end
            line = text[end + 1:line_end]
            if line.strip() and not _OPTION.match(line) and not _ANSWER.match(line):
                break
            end = line_end
        blocks.append((start, end))
    return blocks


def _count(token: Token) -> int | None:
    """A count of dosage units, 1 to 4: "2", "two"."""
    if token.kind == "number" and float(token.value).is_integer():
        count = int(token.value)
    elif token.kind == "word" and token.value in WORD_NUMBERS:
        count = WORD_NUMBERS[str(token.value)]
    else:
        return None
    return count if 1 <= count <= 4 else None


def _name_like(word: str) -> bool:
    """A word that could be a drug's name the catalogue does not know: letters, five or more,
    not an adverb or a participle ("simultaneously", "starting", "reduced")."""
    return word.isalpha() and len(word) > 4 and not word.endswith(("ly", "ing", "ed")) \
        and word not in WORD_NUMBERS


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without an unmatched bracket at either end."""
    piece = text[start:end]
    while piece and piece[-1] in ")]" and piece.count(piece[-1]) > piece.count(
            "(" if piece[-1] == ")" else "["):
        end -= 1
        piece = text[start:end].rstrip()
        end = start + len(piece)
    while piece and piece[0] in "([" and piece.count(piece[0]) > piece.count(
            ")" if piece[0] == "(" else "]"):
        start += 1
        stripped = text[start:end].lstrip()
        start = end - len(stripped)
        piece = stripped
    return start, end


def _same_reading(one: ReadItem, other: ReadItem) -> bool:
    return (one.drug, one.prn, one.route, one.per_dose, one.frequency, one.daily_dose) == (
        other.drug, other.prn, other.route, other.per_dose, other.frequency, other.daily_dose)


def _device(reading: _Reading) -> str | None:
    if reading.device == "pca":
        return "pca"
    if reading.form == "patch" or reading.route is Route.TRANSDERMAL:
        return "patch"
    if reading.infusion or reading.device:
        return "infusion"
    return None


def _unknown(item: Item | None) -> Item | None:
    """The same item with its dose unknown (a change the text gives no amount for)."""
    if item is None:
        return None
    return attrs.evolve(item, ingredients=tuple(attrs.evolve(i, dose=None, dose_range=None)
                                                for i in item.ingredients),
                        schedule=Schedule(), prn=item.prn, max_prn_per_day=None, count=None)


def _abbreviates(abbreviation: str, words: str) -> bool:
    """True where the letters of ``abbreviation`` are initials of the words before it, or appear
    in order in its one word starting with its first letter ("BPV" in "bupivacaine")."""
    parts = re.findall(r"[a-z]+", words)
    initials = "".join(p[0] for p in parts)
    if initials.endswith(abbreviation):
        return True
    if parts:
        word = parts[-1]
        if word[0] == abbreviation[0]:
            position = 0
            for letter in abbreviation:
                position = word.find(letter, position)
                if position < 0:
                    return False
                position += 1
            return True
    return False


def _unit_of(amount: Amount) -> str:
    return _unit(amount.base, amount.per)


def _unit(base: str, per: tuple[str, ...]) -> str:
    if base == "%":
        return "%"
    text = {"mg": "mg", "mcg": "mcg", "g": "g", "ml": "mL"}[base]
    for part in per:
        text += "/" + {"ml": "mL", "day": "day", "h": "h", "min": "min", "kg": "kg",
                       "dose": "dose"}[part]
    return text


def _per_hour(amount: Amount) -> float:
    if amount.time == "day":
        return amount.value / 24
    if amount.time == "min":
        return amount.value * 60
    return amount.value


@attrs.define
class _Dose:
    """The numbers of one item: as written, per dose, per day, and the item-language amount."""

    per_dose: Measure | None = None
    dose_range: tuple[float, float, str] | None = None
    weight_based: Measure | None = None
    frequency: str | None = None
    daily: Measure | None = None
    daily_mg: float | None = None
    max_daily: Measure | None = None
    item_amount: str | None = None
    item_schedule: str | None = None

    @classmethod
    def read(cls, reading: _Reading, weight: float | None, *, high: bool = False,
             notes: list[tuple[str, str, Severity]], transdermal: bool) -> _Dose:
        dose = cls._read(reading, weight, high=high, notes=notes, transdermal=transdermal)
        if reading.per_site is not None and reading.amount is not None:
            dose._per_site(reading.per_site, notes)
        return dose

    def _per_site(self, words: str, notes: list[tuple[str, str, Severity]]) -> None:
        """An amount given at each of several sites: kept in the finding, never as the patient's
        dose or day (how many sites is not read)."""
        read = [f"{measure}" if "/" in measure.unit else f"{measure} per dose"
                for measure in (self.per_dose,) if measure is not None]
        read += [f"{plain(self.dose_range[0])}-{plain(self.dose_range[1])} {self.dose_range[2]} "
                 "per dose"] if self.dose_range is not None else []
        read += [f"{self.daily}"] if self.daily is not None else []
        shown = f" ({', '.join(read)} at one site)" if read else ""
        notes.append(("per-site-amount", f"{words!r}: the amount is given at each of several "
                      f"sites{shown}, not the patient's; how many sites is not read: no dose and "
                      "no daily amount", Severity.WARNING))
        self.per_dose = self.dose_range = self.daily = self.daily_mg = self.max_daily = None
        self.item_amount = self.item_schedule = None

    @classmethod
    def _read(cls, reading: _Reading, weight: float | None, *, high: bool = False,
              notes: list[tuple[str, str, Severity]], transdermal: bool) -> _Dose:
        dose = cls()
        amount = reading.amount
        if amount is None:
            return dose
        value = amount.values[reading.value_index] if not high else (amount.high or amount.value)
        if amount.kind == "fromto" and not high:
            value = amount.value
        per = amount.per
        base = amount.base
        schedule = reading.schedule
        dose.frequency = schedule.format() if schedule is not None else reading.schedule_word
        if dose.frequency == "":
            dose.frequency = None
        ranged = amount.kind in ("range", "between") and amount.high is not None
        if reading.split is not None:
            return dose._split(reading, base, notes, transdermal)
        if reading.split_unclear is not None:
            dose.per_dose = Measure(value, _unit(base, per))
            notes.append(("split-dose-unclear", reading.split_unclear, Severity.WARNING))
            return dose
        if reading.units_unread is not None:
            dose.per_dose = Measure(value, _unit(base, per))
            notes.append(("unit-count-not-read", f"{reading.units_unread!r}: how many units make "
                          "a dose is not read (the amount may be the dose or one unit's): no daily "
                          "amount", Severity.INFO))
            return dose
        if reading.doses_taken is not None:
            dose.per_dose = Measure(value, _unit(base, per))
            notes.append(("doses-taken", f"{reading.doses_taken!r}: a count of doses taken, not "
                          "a schedule: not read, no daily amount", Severity.INFO))
            return dose
        if reading.count_before and reading.count is not None:
            notes.append(("count-times-strength", f"{reading.count} × {plain(value)} "
                          f"{_unit(base, per)} = {plain(value * reading.count)} "
                          f"{_unit(base, per)}", Severity.INFO))
            value = value * reading.count
        if reading.alt is not None:
            dose._alternative(reading, notes)
            if dose.daily is not None or dose.item_amount is not None:
                dose.per_dose = dose.per_dose or Measure(value, _unit(base, per))
                return dose
        if amount.per_kg:
            dose.weight_based = Measure(value, _unit(base, per))
            if weight is None:
                notes.append(("weight-based", "a dose per kg, and the text gives no weight: no "
                              "daily amount", Severity.INFO))
                return dose
            notes.append(("weight-used", f"per kg × the weight the text gives ({plain(weight)} kg)",
                          Severity.INFO))
            value = value * weight
            per = tuple(p for p in per if p != "kg")
            if per == ("dose",):
                per = ()
        if per == ("dose",):
            per = ()
        if amount.concentration:
            single = dose._volume_dose(reading, value, base, per, notes)
            if single is None:
                return dose._concentration(reading, value, base, per, notes)
            value, base, per = single[0], single[1], ()  # a dose: read with its schedule
        if ranged:
            dose.dose_range = (value, amount.high or value, _unit(base, per))
            notes.append(("dose-range", "a range: kept as written, no daily amount", Severity.INFO))
            if not any(p in ("day", "h", "min") for p in per) and (reading.prn or schedule):
                dose.item_amount = f"{plain(value)}-{plain(amount.high or value)} {_unit(base, per)}"
                dose.item_schedule = schedule.format() if schedule is not None else None
            return dose
        unit = _unit(base, per)
        dose.per_dose = Measure(value, unit)
        time = next((p for p in per if p in ("h", "day", "min")), None)
        if reading.intermittent is not None and time not in ("h", "min") and not transdermal:
            if time == "day":
                dose.per_dose = Measure(value, _unit(base, tuple(p for p in per if p != "day")))
            words = reading.intermittent
            dose.frequency = f"{dose.frequency}, {words}" if dose.frequency else words
            notes.append(("intermittent", f"{words!r}: an intermittent schedule (given on some "
                          "days only): the amount of a day it is given is not the regimen's daily "
                          "amount; no daily amount", Severity.INFO))
            return dose
        if time is not None:
            return dose._rate(reading, value, base, time, notes, transdermal)
        if transdermal:
            notes.append(("patch-content", "a patch written by its drug content: the release rate "
                          "depends on the product, which the text does not name; no daily amount",
                          Severity.WARNING))
            return dose
        if base not in ("mg", "mcg", "g"):
            return dose
        if reading.count is not None and reading.count > 1 and not reading.count_before:
            notes.append(("count-times-strength", f"{reading.count} units of {plain(value)} "
                          f"{unit} = {plain(value * reading.count)} {unit} a dose",
                          Severity.INFO))
            value = value * reading.count
            dose.per_dose = Measure(value, unit)
        dose.item_amount = f"{plain(value)} {unit}"
        if schedule is not None and schedule.kind is ScheduleKind.ONCE:
            dose.item_schedule = "once"
            notes.append(("single-dose", "a single dose: no daily amount", Severity.INFO))
            return dose
        if reading.lockout is not None:
            dose.item_schedule = f"q{plain(reading.lockout)}min"
            dose.frequency = dose.frequency or dose.item_schedule
        if schedule is not None and schedule.doses_per_day is not None:
            dose.item_schedule = schedule.format()
            per_day = schedule.doses_per_day
            total = round(value * per_day, 9)
            if reading.prn:
                dose.max_daily = Measure(total, f"{unit}/day")
                notes.append(("prn-daily-unknown", "an as-needed dose: how many were taken is not "
                              "said; its maximum is given apart", Severity.INFO))
            else:
                dose.daily = Measure(total, f"{unit}/day")
                dose.daily_mg = total * {"mg": 1.0, "mcg": 1e-3, "g": 1000.0}[base]
            return dose
        if schedule is not None and schedule.kind is ScheduleKind.CONTINUOUS:
            dose.item_amount = None
            notes.append(("infusion-without-rate", "an infusion written as an amount without a "
                          "time: no daily amount", Severity.INFO))
            return dose
        if reading.prn:
            notes.append(("prn-daily-unknown", "an as-needed dose: how many were taken is not said",
                          Severity.INFO))
            return dose
        if reading.daily_list and schedule is None:
            notes.append(("daily-list", "one drug's amount in a list the text says is daily: read "
                          "as an amount a day", Severity.INFO))
            return dose._rate(reading, value, base, "day", notes, transdermal)
        if reading.day_amount and schedule is None:
            notes.append(("day-amount", "an amount given on a day of a course told day by day: "
                          "read as that day's amount (how many doses made it is not written)",
                          Severity.INFO))
            return dose._rate(reading, value, base, "day", notes, transdermal)
        if reading.bolus or reading.verb_word in ("given", "administered", "injected"):
            dose.item_schedule = dose.frequency = "once"
            notes.append(("single-dose", f"{'a bolus' if reading.bolus else 'given'} with no "
                          "frequency: read as a single dose, no daily amount", Severity.INFO))
            return dose
        dose.item_amount = None
        notes.append(("no-frequency", "a dose with no frequency: the daily amount is not known",
                      Severity.INFO))
        return dose

    def _split(self, reading: _Reading, base: str, notes: list[tuple[str, str, Severity]],
               transdermal: bool) -> _Dose:
        """A dose split over the day: the parts' sum is the day's amount; no one dose."""
        parts = reading.split or ()
        total = round(sum(value for value, _ in parts), 9)
        written = ", ".join(f"{plain(value)} {base} {label}" for value, label in parts)
        notes.append(("split-dose", f"a dose split over the day ({written}): the parts sum to "
                      f"{plain(total)} {base}/day", Severity.INFO))
        self._rate(reading, total, base, "day", notes, transdermal)
        self.per_dose = None
        self.frequency = f"{Schedule.times_per_day(len(parts)).format()} ({written})"
        return self

    def _rate(self, reading: _Reading, value: float, base: str, time: str,
              notes: list[tuple[str, str, Severity]], transdermal: bool) -> _Dose:
        per_hour = {"h": value, "day": value / 24, "min": value * 60}[time]
        if transdermal:
            if base != "mcg" or time != "h":
                notes.append(("patch-rate-unit", f"a patch's release rate is written in mcg/h, not "
                              f"{base}/{time}: no daily amount", Severity.WARNING))
                self.item_amount = None
                return self
            self.daily = Measure(value, "mcg/h")
            self.daily_mg = value * 24 / 1000
            self.item_amount = f"{plain(value)} mcg/h"
            return self
        per_day = per_hour * 24
        unit = {"mg": "mg/day", "mcg": "mcg/day", "g": "g/day"}.get(base)
        if unit is None:
            return self
        if reading.prn and not reading.infusion and reading.device is None:
            # "hydromorphone 0.5 mg/h IV as needed", "10 mg/day as needed": how much was taken
            # is not said
            notes.append(("prn-rate", "a rate given as needed, with no infusion or pump said to "
                          "run: how much was taken is not known; no daily amount",
                          Severity.INFO))
            self.item_amount = None
            return self
        self.daily = Measure(round(per_day, 9), unit)
        self.daily_mg = per_day * {"mg": 1.0, "mcg": 1e-3, "g": 1000.0}[base]
        if time == "day":
            self.item_amount = f"{plain(value)} {base}/day"
        elif time == "h":
            self.item_amount = f"{plain(value)} {base}/h"
            self.item_schedule = "continuous"
        else:
            self.item_amount = f"{plain(round(per_hour, 9))} {base}/h"
            self.item_schedule = "continuous"
        if reading.infusion and time == "day":
            self.item_schedule = "continuous"
        return self

    def _volume_dose(self, reading: _Reading, value: float, base: str, per: tuple[str, ...],
                     notes: list[tuple[str, str, Severity]]) -> tuple[float, str] | None:
        """ "methadone 1 mg/mL, 5 mL twice daily": a concentration times one volume is a dose
        (then read with its schedule like any dose); None when there is no single volume, or a
        rate."""
        if reading.rate_ml_h is not None or reading.volume_ml is None \
                or reading.volume_ml[1] is not None:
            return None
        mg_per_ml, mass = (value * 10, "mg") if base == "%" else (value, base)
        shown = Measure(value, "%") if base == "%" else Measure(value, _unit(base, per))
        volume = reading.volume_ml[0]
        dose = round(mg_per_ml * volume, 9)
        notes.append(("concentration-times-volume", f"{shown} × {plain(volume)} mL = "
                      f"{plain(dose)} {mass}", Severity.INFO))
        return dose, mass

    def _concentration(self, reading: _Reading, value: float, base: str, per: tuple[str, ...],
                       notes: list[tuple[str, str, Severity]]) -> _Dose:
        if base == "%":
            mg_per_ml, mass = value * 10, "mg"  # 1% w/v = 10 mg/mL
            shown = Measure(value, "%")
        else:
            mg_per_ml, mass = value, base
            shown = Measure(value, _unit(base, per))
        self.per_dose = shown
        if reading.rate_ml_h is not None:
            per_hour = mg_per_ml * reading.rate_ml_h
            self.per_dose = Measure(round(per_hour, 9), f"{mass}/h")
            notes.append(("concentration-times-rate", f"{shown} × {plain(reading.rate_ml_h)} mL/h = "
                          f"{plain(round(per_hour, 9))} {mass}/h", Severity.INFO))
            return self._rate(reading, per_hour, mass, "h", notes, transdermal=False)
        if reading.volume_ml is not None:
            low, high = reading.volume_ml
            if high is not None:
                self.dose_range = (mg_per_ml * low, mg_per_ml * high, mass)
                notes.append(("concentration-times-volume", f"{shown} × {plain(low)}-{plain(high)} mL "
                              "= a range per dose", Severity.INFO))
                if reading.prn or reading.schedule is not None:
                    self.item_amount = f"{plain(mg_per_ml * low)}-{plain(mg_per_ml * high)} {mass}"
                    self.item_schedule = (reading.schedule.format() if reading.schedule is not None
                                          else None)
                return self
        notes.append(("concentration-only", "a concentration with no rate or volume: no dose",
                      Severity.INFO))
        return self

    def _alternative(self, reading: _Reading, notes: list[tuple[str, str, Severity]]) -> None:
        """The same dose said again in brackets: the more specific of the two is read."""
        main, alt = reading.amount, reading.alt
        assert main is not None and alt is not None
        if alt.per_kg or alt.concentration:
            return  # "(approx. 0.2 mg/kg)": an annotation
        if alt.time == "day" and (main.per_kg or main.time is not None):
            self.weight_based = Measure(main.value, _unit(main.base, main.per)) if main.per_kg \
                else None
            self.daily = Measure(alt.value, _unit(alt.base, ("day",)))
            self.daily_mg = alt.value * {"mg": 1.0, "mcg": 1e-3, "g": 1000.0}.get(alt.base, 1.0)
            self.item_amount = f"{plain(alt.value)} {_unit(alt.base, ('day',))}"
            self.per_dose = Measure(main.value, _unit(main.base, main.per))
            notes.append(("daily-from-brackets", f"daily amount from the bracketed "
                          f"{plain(alt.value)} {_unit(alt.base, ('day',))}", Severity.INFO))
            return
