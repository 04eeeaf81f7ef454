"""Pass 2: numbers that are not doses, set aside with the reason, and the totals the text prints.

Laboratory values, zero, thresholds and lower bounds, a protocol's ceiling for a group of
patients, the ceiling of a dose per kg ("30mg/kg/day, with a maximum of 1g/day"), the numbers
of a worked calculation, the step of a change, an overdose, a side of an equivalence the text
states, dilutions, percentages and marketed strengths; and the totals the authors print (oral
morphine equivalents, use, series figures, daily and cumulative totals), kept to be compared with
the totals computed. Also the grain-or-gram ambiguity of "gr".
"""

from __future__ import annotations

import re

from mpsdose.io.prose.amounts import amount_unit
from mpsdose.io.prose.lexicon import DECIMAL_COMMA
from mpsdose.io.prose.passage import Passage
from mpsdose.io.prose.scan import Amount, Token, bracket_around, opening_bracket
from mpsdose.io.prose.words import NOT_A_NAME, ONE_PATIENT, name_like
from mpsdose.model.findings import Severity
from mpsdose.model.regimen import Schedule

__all__ = [
    "calculation_sign",
    "equivalence_side",
    "note_grains",
    "regimen_list",
    "set_aside_numbers",
    "step_of_change",
]

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
#: "(increased) to a maximum of 0.05 mg/hour", "up to a maximum of …": an indefinite maximum, the
#: limit a protocol sets (unlike "to the maximum of 250 mg/day" or "reached up to 960 mg").
_A_MAXIMUM = re.compile(r"\ba\s+max(?:imum|imal|\.)?\s+(?:daily\s+)?(?:dose\s+|rate\s+)?(?:of\s+)?$")
#: "(10 mg daily instead of 20 mg)", "2.5 mg rather than 5 mg", "in place of the usual 20 mg",
#: "(previously 40 mg)": the amount a dose replaces, the former or the usual one, not given now
#: (fresh83-007). Not where another drug is named after it ("10 mg of hydromorphone instead of
#: 10 mg of morphine": the intended drug, an item of its own), nor "down from 30 mg", the dose
#: before a change, read as an earlier state's.
_REPLACED_AMOUNT = re.compile(
    r"(?:\b(?:instead\s+of|rather\s+than|in\s+place\s+of)|[(,;]\s*(?:previously|formerly))\s+"
    r"(?:(?:the|a|his|her|their|its)\s+)?(?:(?:usual|previous|former|prior|initial|original|"
    r"regular|standard|full|planned|prescribed|daily)\s+)?(?:(?:dose|dosage)\s+(?:of\s+)?)?$")
#: "as much as 800 mg daily", "as high as 8 mg", "at most 200 mg", "no more than 60 mg", "not
#: exceeding 4 g": a bound on what was taken, not a dose. Not "up to": "titrated up to 800mg
#: daily", "quetiapine (up to 600 mg/day)" name the dose reached.
_UPPER_BOUND = re.compile(
    r"\b(?:as\s+(?:much|high|many)\s+as|at\s+(?:the\s+)?most|(?:no|not)\s+(?:more|higher|greater)"
    r"\s+than|not\s+(?:to\s+)?exceed(?:ing)?)\s+(?:about\s+|approximately\s+|around\s+)?"
    r"(?:\d+\s+(?:tablets?|capsules?|pills?|doses?|sachets?)\s*\(\s*)?$")
#: "phenytoin 20 mg/kg was administered at a rate of 50 mg/minute": a rate a minute after "at a
#: rate of", with a dose written before it in the sentence, is the speed the dose is given at
_GIVING_SPEED = re.compile(r"\bat\s+a\s+(?:rate|speed)\s+(?:of\s+)?(?:up\s+to\s+|not\s+(?:more\s+than|"
                           r"exceeding)\s+)?$")
#: "methotrexate (24mg/day, +4 day, 16mg/day, +6day …)", "15 mg/m2 day +1", "10 mg/m2 on D+3": a
#: day of a transplant's course after the amount marks the one day it was given
_COURSE_DAY_AFTER = re.compile(r"\s*,?\s*(?:on\s+)?(?:\+\s*\d+\s*days?\b|days?\s*\+\s*\d+|d\s*\+\s*\d+)")
#: "heparin … continuously of 1,000 U/hour during the procedure": a rate an hour bounded to a
#: procedure runs for less than a day
_DURING_PROCEDURE = re.compile(r"\s*(?:\w+\s+){0,2}?(?:during\s+(?:the\s+)?(?:procedure|operation|surgery|"
                               r"intervention|endoscopy|angiography|catheteri[sz]ation)|intra-?operatively)\b")
#: "nafamostat 20 mg/h was chosen as the anticoagulant … during hemodialysis", "heparin 500 units/h
#: during each haemodialysis session": a rate an hour that its sentence, later, bounds to an
#: intermittent extracorporeal session (dialysis, plasma exchange, apheresis) runs for hours, not a
#: day; "continuous" (CRRT, CVVHD) sits between "during" and the word, so it is not matched
_DURING_SESSION = re.compile(r"\bduring\s+(?:the\s+|each\s+|every\s+|a\s+|his\s+|her\s+)?"
                             r"(?:(?:haemo|hemo)?dialysis|plasma\s+exchange|plasmapheresis|"
                             r"apheresis)\b")
#: "he was advised pregabalin up to 150 mg/day", "she took up to 800 mg a day": "up to" in a
#: clause of advice or of taking, with no verb of change between, bounds what was advised or
#: taken — unlike "increased the dose up to 350 mg/day", "titrated up to 800mg daily", the dose
#: reached.
_ADVISED_OR_TAKEN_UP_TO = re.compile(
    r"\b(?:advised|allowed|permitted|instructed|told|took|takes|taking)\b"
    r"(?:(?!\b(?:increas|titrat|escalat|rais|adjust|reach|rose|went|uptitrat)\w*)[^.;:])*"
    r"\bup\s+to\s+(?:about\s+|approximately\s+|around\s+)?$")
#: "Oral risperidone was initially prescribed up to 2 mg daily", "treatment was replaced with
#: quetiapine up to 1,000 mg daily": "up to" with no word of a change of dose before it in its
#: sentence (no "increased", "titrated", "escalated", "reached", "then" …) bounds what was given
#: — the amount a course went up to is written after a change; a bound written alone is not the
#: dose taken. The reader once read fresh73-008's risperidone 2 and quetiapine 1,000 mg/day.
_UP_TO_WITHOUT_CHANGE = re.compile(
    r"^(?:(?!\b(?:increas|titrat|escalat|rais|adjust|reach|rose|went|uptitrat|up-titrat|"
    r"gradual|step|doubl|higher|then|later|until|progress|augment|optimi[sz]|incremen|build|"
    r"built|climb|push|boost|maximi[sz])\w*)[^(\[])*\bup\s+to\s+"
    r"(?:about\s+|approximately\s+|around\s+)?$")
#: "daily doses of up to 2400 mg were required", "dosages up to 600 mg/day": "up to" after a plural
#: "doses" or "dosages" bounds a range of doses — of a series, of a titration, of the literature —
#: not the one dose a patient was given (the singular "increased dose up to 220 mg/day" is the
#: dose reached). The reader once read fresh38-014's gabapentin 2,400 mg/day there.
_DOSES_UP_TO = re.compile(
    r"\b(?:doses|dosages)\s+(?:of\s+)?up\s+to\s+(?:about\s+|approximately\s+|around\s+)?$")
#: "An indomethacin test (up to 225 mg/day orally) was negative", "a steroid trial (up to 60 mg
#: daily)": "up to" opening a bracket right after a word of a test or trial is the ceiling the
#: test's protocol climbs to, not the dose the patient was on — unlike "quetiapine (up to 600
#: mg/day)", the dose reached (prosefix103109, fresh107-018).
_TEST_UP_TO = re.compile(
    r"\b(?:tests?|trials?|challenges?)\s*[(\[]\s*up\s+to\s+"
    r"(?:about\s+|approximately\s+|around\s+)?$")
#: "15.600 mg/day", "about 1.780 mg/day": a point and exactly three digits after a first group
#: that is not zero is a decimal point in English and the thousands separator in Turkish, German,
#: Spanish … — a thousand-fold apart, and the text alone does not say which: not read.
_POINT_THREE_DIGITS = re.compile(r"[1-9]\d{0,2}\.\d{3}(?![\d.,])")


def _point_is_decimal(number: str, amount: Amount) -> bool:
    """Is a point with three digits after it ("3.375 g", "3.125 mg") a decimal point for sure?

    In grams, yes: as a thousands separator it would make the dose a kilogram or more. In mass
    units, where the three decimals are an odd number of eighths (.125, .375, .625, .875): the
    strength of a tablet or vial halved three times (carvedilol 25, 12.5, 6.25, 3.125 mg;
    piperacillin/tazobactam 3.375 g), which an amount written with a thousands separator — a
    round number of thousands ("15.600", "2.400", "1.250", "250.000") — is not
    (prosefix8687). "1.250 mg", "2.400 mg" stay unread (a quarter, a fifth).
    """
    decimals = number.rsplit(".", 1)[1]
    if amount.base == "g" and not amount.per_kg:
        return True
    return amount.mass and int(decimals) % 250 != 0 and int(decimals) % 125 == 0
#: "(maximum recommended dose, 180 mg/d)", "the recommended daily dose of paracetamol is 4 g",
#: "the labelled adult dose is 10 mg", "maximum allowed dose: 4 g", "the maximum dose
#: recommended, 3 g": an amount a word of recommendation, label or allowance introduces is said
#: of the drug, not the patient. Not after "at" or "within" ("receiving paracetamol at
#: recommended dosage (4 g daily)": the patient's dose, given at it), and not a bare "maximum"
#: ("prednisolone (maximum dose, 30 mg/day)", "a maximum daily dose of 96 mg" are the patient's
#: highest dose) nor "usual" ("his usual dose of 10 mg" is the patient's). "Maximum recommended
#: dosage 16 mg per day" needs no "of" between them.
_SAID_OF_THE_DRUG = re.compile(
    r"\b(?:(?:max(?:imum|imal|\.)?\s+)?(?:recommended|labell?ed|allowed|permitted|approved|"
    r"licensed|authori[sz]ed)\s+(?:max(?:imum|imal|\.)?\s+)?(?:adult\s+)?(?:daily\s+)?"
    r"(?:doses?|dosages?)|max(?:imum|imal|\.)?\s+(?:daily\s+)?(?:doses?|dosages?)\s+"
    r"(?:recommended|allowed|permitted|approved|licensed|authori[sz]ed))"
    r"(?:\s+(?:of|for)\s+[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?(?=\s+(?:is|was)\s))?"
    r"\s*(?:[,:=]\s*|\s(?:of|is|was|being)\s+)(?:about\s+|approximately\s+|around\s+)?$"
    # "(maximum recommended dosage 16 mg per day)": a maximum with its word of recommendation
    # needs no "of" or comma before the amount (fresh49-002)
    r"|\bmax(?:imum|imal|\.)?\s+(?:recommended|labell?ed|allowed|permitted|approved|licensed|"
    r"authori[sz]ed)\s+(?:adult\s+)?(?:daily\s+)?(?:doses?|dosages?)\s+$")
_GIVEN_AT = re.compile(r"\b(?:at|within)\s+(?:the\s+)?$")
#: "In Japan, the maximum daily dose of duloxetine is 60 mg": the maximum of a drug said in the
#: present tense is its label's limit, not a dose the patient had ("the maximum daily dose of
#: morphine was 96 mg" is the patient's highest dose).
_LIMIT_OF_THE_DRUG = re.compile(
    r"\bthe\s+max(?:imum|imal)\s+(?:(?:daily|single|recommended|permitted)\s+)?(?:doses?|dosages?)"
    r"\s+(?:of|for)\s+(?P<name>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\s+(?:is|are)\s+"
    r"(?:about\s+|approximately\s+|around\s+)?$")


#: "until reaching a target dose of 2 × 30 mg/day", "to reach the target dose of", "a goal dose
#: of": the amount a titration aims at is a bound, as "up to a maximum of" is, not the dose taken
#: (the reader once read fresh54-024's zofenopril as 60 mg/day there).
_TARGET_BOUND = re.compile(
    r"(?:\b(?:until|till|to)\s+(?:reach(?:ing|ed)?|achiev(?:e|ing))\s+(?:a\s+|the\s+)?"
    r"(?:(?:target|goal|maximum|maintenance)\s+)?(?:daily\s+)?(?:(?:dose|dosage)\s+)?"
    r"|\b(?:target|goal)\s+(?:daily\s+)?(?:dose|dosage)?\s*)(?:of\s+|was\s+|:\s*)?"
    r"(?:\d+\s*[×x]\s*)?$")


#: Where a dose is said to come from the literature, not from the patient's care: "the initiation
#: dose reported in the literature is 200 mg/day", "the dose described in previous reports was",
#: "the usual starting dose in the literature is", "the dose recommended by the guidelines is",
#: "the literature reports a starting dose of", "guidelines suggest a dose of" (prosefix9293,
#: fresh92-019: the reader once gave such an amount, in a sentence that names no drug, to the
#: story's drug). The words of the source stand between the dose and the amount, or the source is
#: the subject of a verb of reporting before the dose.
_SOURCE = (r"(?:(?:the|a|an)\s+)?(?:(?:medical|published|previous|prior|earlier|other|several|"
           r"many|recent|some|current|international|national|clinical)\s+){0,2}"
           r"(?:literature|guidelines?|labels?|labell?ing|package\s+inserts?|references?|"
           r"reports|studies|study|trials?|series|reviews?|recommendations)")
_SAID_OF_THE_LITERATURE = re.compile(
    r"\b(?:doses?|dosages?|dosing|regimens?)\b"
    r"(?:\s+(?:of|for)\s+[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)?"
    r"\s+(?:(?:commonly|usually|typically|previously|most\s+often|often|widely|generally)\s+)?"
    r"(?:(?:reported|described|published|suggested|recommended|proposed|cited|documented|used|"
    r"advised|given|found)\s+)?(?:in|by|from|according\s+to)\s+" + _SOURCE
    + r"(?:\s+(?:for|in)\s+(?:[a-z-]+\s+){1,3}?)?"
    r"\s*(?:[,:=]\s*|\s(?:is|are|was|were|of|being|has\s+been|have\s+been)\s+)"
    r"(?:(?:about|approximately|around|only|usually|typically)\s+)?$"
    r"|\b" + _SOURCE + r"\s+(?:(?:have|has)\s+(?:been\s+)?)?(?:reports?|reported|suggests?|suggested|"
    r"recommends?|recommended|describes?|described|advises?|advised|proposes?|proposed|states?|"
    r"stated)\s+(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){0,3}?(?:doses?|dosages?|dosing|regimens?)"
    r"\s+(?:of\s+)?(?:(?:about|approximately|around|only)\s+)?$")


def _said_of_the_literature(normal: str, start: int) -> bool:
    """ "the initiation dose reported in the literature is 200 mg/day": the amount at ``start``
    is a dose the literature, a guideline or a label gives, not one the patient had."""
    return _SAID_OF_THE_LITERATURE.search(normal[max(0, start - 120):start]) is not None


def _said_of_the_drug(normal: str, start: int) -> bool:
    """ "(maximum recommended dose, 180 mg/d)": the amount at ``start`` is a recommended,
    labelled or allowed dose, not one given at it ("at recommended dosage (4 g daily)")."""
    if _LIMIT_OF_THE_DRUG.search(normal[max(0, start - 80):start]):
        return True
    found = _SAID_OF_THE_DRUG.search(normal[max(0, start - 60):start])
    return found is not None and not _GIVEN_AT.search(
        normal[max(0, start - 60 - 12):max(0, start - 60) + found.start()])


#: "His plasma concentrations of loxoprofen … were 52 and 24 μg/mL", "serum levels of 3 mcg/mL",
#: "concentration in the blood was …": a mass per volume after the words of a level of blood,
#: plasma or serum is a measurement, as "9.8 ng/ml" is, not a preparation's strength.
_MEASURED_LEVEL = re.compile(
    r"\b(?:plasma|serum|blood|whole\s*-?\s*blood)\s+(?:[a-z-]+\s+)?(?:concentrations?|levels?)\b"
    r"|\b(?:concentrations?|levels?)\s+(?:of\s+[a-z-]+(?:\s+[a-z-]+)?\s+)?in\s+(?:the\s+)?"
    r"(?:plasma|serum|blood)\b"
    # "the subsequent level improved to 0.3 mcg/mL": a level that changed, or was (prosefix131134,
    # fresh132-020)
    r"|\blevels?\s+(?:improved|rose|increased|decreased|fell|dropped|was|were)\b")
#: A quantity measured in the patient's urine or losses, not given ("proteinuria remains still
#: heavy (4 g per day)", "urine output of 500 mL/day", "urinary protein 3.5 g/day", "protein
#: excretion", "albuminuria"): an amount after it in its clause is a laboratory value.
_MEASURED_QUANTITY = re.compile(
    r"\b(?:proteinuria|albuminuria|microalbuminuria|urine\s+(?:output|volume|protein)"
    r"|urinary\s+(?:protein|albumin|output|excretion)|protein\s+(?:excretion|loss)"
    r"|albumin\s+excretion)\b")
#: A verb of change whose subject is the measured quantity itself, auxiliaries and adverbs
#: between ("proteinuria finally decreased to 0.8 g/day", "urine output was increased to",
#: "albuminuria has further fallen to"): the quantity changed, not a dose given, so the verb is
#: no word of giving (prosefix126127, fresh126-005).
_CHANGE_OF_THE_QUANTITY = re.compile(
    r"(?:\s+(?:excretion|loss|output|levels?))?"
    r"\s+(?:(?:has|had|have|was|were|is|then|also|further|finally|eventually|later|[a-z]+ly)"
    r"\s+)*(?:increased|decreased|reduced|dropped|fell|fallen|declined|rose|risen|improved)\b")
#: Words that say an amount after them is given, though a measured quantity stands before it.
#: ("poor urine output and was placed on continuous furosemide infusion (20mg/20mls …": the
#: infusion's amount, fresh13-009). "As proteinuria is a risk marker …, we added amiloride 5
#: mg/day": "added", "switched" and "continued" give too (prosefix126127, fresh126-005).
_GIVEN_WORDS = re.compile(r"\b(?:dose|doses|dosage|given|giving|received|receiving|administered|"
                          r"treated|started|commenced|initiated|begun|placed|put|prescribed|"
                          r"took|taking|increased|decreased|reduced|infusions?|infused|drip|"
                          r"add|added|adding|switched|continued|"
                          r"bolus|boluses|injection|injected|tablets?|capsules?)\b")
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
#: "for a total of about 260 days", "a total of 12 weeks": what a total counts is a duration,
#: not an amount; so is "for a total of 4 doses" (a count of doses: "8 mg every 12 h for total
#: of 4 doses" is 16 mg a day for two days, not a total of 8 mg). "a total of nine medications,
#: including valproic acid (800 mg/day)" counts medicines, not an amount (prosefix135).
_TOTAL_DURATION = re.compile(
    r"\s+(?:of\s+)?(?:about\s+|approximately\s+|nearly\s+|almost\s+|over\s+|some\s+)?"
    r"(?:\d+(?:[.,]\d+)?|[a-z]+)\s*-?\s*(?:days?|weeks?|months?|years?|hours?|nights?"
    r"|doses|injections|infusions|medications|medicines|drugs)\b")
#: "a 9-month total antimicrobial therapy including rifampin 600 mg daily", "the total
#: treatment course": "total" before (up to two words and) a word of a course of treatment
#: qualifies the course, not an amount — the amounts after it are the course's doses.
_TOTAL_COURSE = re.compile(r"\s+(?:[a-z-]+\s+){0,2}?(?:therapy|therapies|treatment|course"
                           r"|regimen)\b")
_PER_DAY_WORD = re.compile(r"\b(?:daily|24\s*-?\s*h(?:ou)?rs?|24\s*-?\s*hour|per\s+day|a\s+day)\b")


def note_grains(passage: Passage, tokens: list[Token]) -> None:
    """ "paracetamol 1gr/8 hours", "2 grains of aspirin": "gr" is the apothecaries' grain
    (64.8 mg) in US usage and a gram in many countries' reports. Neither is assumed: the
    amount is not read (the item has no dose), and a finding names the ambiguity."""
    for position in range(1, len(tokens) - 1):
        number, unit = tokens[position], tokens[position + 1]
        if number.kind != "number" or unit.kind != "word" \
                or unit.value not in ("gr", "grs", "grain", "grains"):
            continue
        before = tokens[max(0, position - 3):position]
        # the drug after the unit: "of aspirin", "1 gr intravenous paracetamol every 8 hours"
        # (route, release and form words between; fresh40-029), "3 gr per day of inositol" (a
        # word of the day between; prosefix99102, fresh102-025)
        ahead, named_after = position + 2, None
        while ahead < min(len(tokens), position + 5):
            if tokens[ahead].kind == "drug":
                named_after = tokens[ahead]
                break
            if tokens[ahead].kind not in ("route", "release", "form", "freq") \
                    and passage.word(tokens[ahead]) != "of":
                break
            ahead += 1
        named = next((t for t in reversed(before) if t.kind == "drug"), None) or named_after
        name = named.value.drug.name if named is not None else _other_name_before(
            passage, [*before, *tokens[position + 2:ahead + 1]])
        if name is None:
            continue
        said = passage.text[number.start:unit.end]
        why = ("'gr' is the grain (64.8 mg) in apothecaries' use and a gram in many "
               "countries' reports; neither is assumed" if unit.value.startswith("gr")
               and len(unit.value) <= 3 else "the grain (64.8 mg) is an apothecaries' unit "
               "the reader does not convert")
        passage.add_finding(Severity.WARNING, "grain-or-gram",
                            f"{said!r} ({name}): {why}, so the amount is not read: "
                            "write it in mg or g", (number.start, unit.end))


def _other_name_before(passage: Passage, before: list[Token]) -> str | None:
    """The name of a drug the catalogue lacks (``passage.other_name_spans``) among the tokens
    right before a grain's number or after its "of" ("piperacillin 4.5 gr QID", "2 gr of
    vancomycin": the same finding as a catalogue drug's; prosefix9293, fresh92-009), as
    written, or None."""
    for token in reversed(before):
        for low, high in passage.other_name_spans:
            if low <= token.start < high:
                return passage.text[low:high]
    return None


def _no_daily_amount(passage: Passage, token: Token, not_dose: str, code: str, why: str) -> None:
    """Set an amount aside as ``not_dose`` (a dose of one day, a rate that does not run all day)
    with an information ``code`` that says ``why`` it gives no daily amount."""
    said = passage.text[token.start:token.end]
    passage.add_not_dose(token, not_dose)
    passage.add_finding(Severity.INFO, code, f"{said!r}: {why}: no daily amount",
                        (token.start, token.end))


def set_aside_numbers(passage: Passage, sentence: int, tokens: list[Token], used: set[int]) -> None:
    """Pass 2 over one sentence: each number that is not a dose set aside with why, each total
    the text prints kept to be compared; the positions of the tokens so used are added to
    ``used``."""
    share_of_patients = bool(tokens) and (_SHARE_OF_PATIENTS.search(
        passage.normal[tokens[0].start:tokens[-1].end]) is not None or passage.series)
    for index, token in enumerate(tokens):
        if token.kind == "lab":
            used.add(index)
            passage.add_not_dose(token, "a laboratory value or a unit that is not a dose")
            continue
        if token.kind == "number" and index + 1 < len(tokens) \
                and tokens[index + 1].kind == "cue" and tokens[index + 1].value == "ome":
            used.update((index, index + 1))
            passage.add_printed_total(sentence, tokens, index, index + 1, "ome", token.value or 0.0,
                                      "mg/day", note="no unit printed; read as mg/day")
            continue
        if token.kind != "amount":
            continue
        amount: Amount = token.value
        before = tokens[index - 1] if index else None
        if re.search(r"\d,$", passage.normal[max(0, token.start - 2):token.start]):
            # "colchicine 0,5,1 mg", "5,10 and 20 mg" after a number the reader could not
            # take whole: the digits after a comma are never an amount of their own
            used.add(index)
            said = passage.text[token.start:token.end]
            passage.add_not_dose(token, "the digits after a comma inside a number, not an amount "
                                 "of their own")
            passage.add_finding(Severity.WARNING, "comma-number",
                                f"{said!r} follows a number and a comma: the digits after a comma "
                                "are not read alone (a decimal comma, or a list?)",
                                (token.start, token.end))
            continue
        comma = DECIMAL_COMMA.search(passage.normal, token.start, token.end)
        if comma is not None and comma.start() == token.start and float(
                comma.group(0).replace(",", ".")) in (*amount.values, amount.high):
            passage.add_finding(Severity.INFO, "decimal-comma",
                                f"{passage.text[token.start:token.end]!r}: the comma read as a decimal "
                                f"point ({comma.group(0)} = {comma.group(0).replace(',', '.')}); a "
                                "thousands separator needs three digits after it",
                                (token.start, token.end))
        point = _POINT_THREE_DIGITS.match(passage.normal, token.start, token.end)
        if point is not None and float(point.group(0)) in (*amount.values, amount.high) \
                and _point_is_decimal(point.group(0), amount):
            said = passage.text[token.start:token.end]
            passage.add_finding(Severity.INFO, "point-decimal",
                                f"{said!r}: the point read as a decimal point — "
                                + ("a thousands separator would make it a thousand grams or more, "
                                   "no dose" if amount.base == "g" else
                                   "three decimals that are an odd number of eighths (a strength "
                                   "halved three times: 25, 12.5, 6.25, 3.125), which a round "
                                   "number of thousands never is"),
                                (token.start, token.end))
        elif point is not None and float(point.group(0)) in (*amount.values, amount.high):
            used.add(index)  # "about 1.780 mg/day": 1.78 mg or 1,780 mg?
            said = passage.text[token.start:token.end]
            passage.add_not_dose(token, "a point with three digits after it: a decimal point or "
                                 "a thousands separator, not said")
            passage.add_finding(Severity.WARNING, "point-thousands",
                                f"{said!r}: a point with three digits after it is a decimal point "
                                "in English and a thousands separator in many languages (a "
                                "thousand-fold apart): not read — write the amount without the "
                                "point, or with a comma for thousands", (token.start, token.end))
            continue
        if amount.value == 0 or any(v == 0 for v in amount.values):
            used.add(index)
            broken = before is not None and before.kind == "number"
            passage.add_not_dose(token, "zero is not a dose" + (
                "; a number broken by a space before it?" if broken else ""))
            said = passage.text[(before or token).start if broken else token.start:token.end]
            passage.add_finding(Severity.WARNING, "zero-amount",
                                f"{said!r}: not read (zero, or a number broken by a space)",
                                (token.start, token.end))
            continue
        if amount.kind == "list" and re.search(r"\bor\b", passage.normal[token.start:token.end]):
            used.add(index)  # "0.5 or 2 mg dexamethasone": alternatives, no one dose
            after = index + 2 if index + 2 < len(tokens) and tokens[index + 1].kind == "word" \
                and tokens[index + 1].value == "of" else index + 1
            named = next((p for p in (after, index - 1) if 0 <= p < len(tokens)
                          and tokens[p].kind == "drug"), None)
            if named is not None:
                passage.open_dose_names.add(tokens[named].start)
            passage.add_not_dose(token, "alternative amounts joined by 'or', not one dose")
            passage.add_finding(Severity.INFO, "alternatives",
                                f"{passage.text[token.start:token.end]!r}: amounts joined by 'or' "
                                "are alternatives, no one dose: the drug's dose is not read",
                                (token.start, token.end))
            continue
        if _restates_per_area(tokens, index):
            used.add(index)  # "30 mg … daily in three divided doses (15.8 mg/m2·d)"
            passage.add_not_dose(token, "a dose per m² of body surface in brackets, restating the "
                                 "dose before it")
            continue
        capped = _per_kg_capped(passage, tokens, index)
        if capped is not None:
            used.add(index)  # "30mg/kg/day, with a maximum of 1g/day", "20 mg/kg (max. 1 g)"
            passage.ceilings[tokens[capped].start] = amount
            passage.add_not_dose(token, "the ceiling the text sets on a dose per kg, not the dose "
                                 "given")
            continue
        dose_capped = _dose_capped(passage, tokens, index)
        if dose_capped is not None:
            used.add(index)  # "paracetamol (1g) only if pain appears and with maximum dose of 3g per day"
            passage.add_not_dose(token, "the ceiling the text sets on a dose written before it "
                                 "(how many doses a day at most), not an amount taken")
            passage.add_finding(Severity.INFO, "dose-ceiling",
                                f"{passage.text[token.start:token.end]!r}: the most a day of the "
                                f"dose {passage.text[tokens[dose_capped].start:tokens[dose_capped].end]!r}"
                                " before it, a ceiling, not what was taken: not read as a daily "
                                "amount", (token.start, token.end))
            continue
        if before is not None and before.kind == "bound" and before.value == "threshold":
            used.add(index)
            passage.add_not_dose(token, "a threshold (more or less than), not a dose")
            continue
        if amount.time in ("day", None) and _COURSE_DAY_AFTER.match(
                passage.normal, token.end, token.end + 20):
            used.add(index)  # "methotrexate (24mg/day, +4 day, 16mg/day, +6day …)"
            _no_daily_amount(passage, token, "the dose of one day of a course (day +N), not a "
                             "daily amount", "course-day",
                             "given on one day of a course (day +N after a transplant)")
            continue
        if amount.time == "h" and _DURING_PROCEDURE.match(passage.normal, token.end,
                                                          token.end + 50):
            used.add(index)  # "heparin saline was given continuously of 1,000 U/hour during the procedure"
            _no_daily_amount(passage, token, "a rate during a procedure, which lasts less than a "
                             "day", "procedure-rate",
                             "a rate given during a procedure only, for less than a day")
            continue
        if amount.time == "h" and _session_bounds_rate(passage, tokens, index):
            used.add(index)  # "nafamostat mesylate 20mg/h … as the anticoagulant … during hemodialysis"
            _no_daily_amount(passage, token, "a rate during a dialysis or apheresis session, "
                             "which lasts hours, not a day", "procedure-rate",
                             "a rate given during a dialysis or apheresis session only, for less "
                             "than a day")
            continue
        if amount.time == "min" and not amount.per_kg and _GIVING_SPEED.search(
                passage.normal[max(0, token.start - 40):token.start]) and any(
                tokens[p].kind == "amount" and tokens[p].value.time is None
                for p in range(index)):
            used.add(index)  # "phenytoin 20 mg/kg was administered at a rate of 50 mg/minute"
            _no_daily_amount(passage, token, "the speed a dose written before it is given at (a "
                             "loading infusion), not a rate that runs all day", "giving-speed",
                             "the speed the dose written before it is given at, not a "
                             "continuous rate")
            continue
        if _REPLACED_AMOUNT.search(passage.normal[max(0, token.start - 60):token.start]) \
                and not _drug_after(tokens, index):
            used.add(index)  # "(10 mg daily instead of 20 mg)": the dose replaced, not given
            passage.add_not_dose(token, "the amount a dose replaces (\"instead of\", \"rather "
                                 "than\", \"previously\"), the former or usual one, not given")
            continue
        if _UPPER_BOUND.search(passage.normal[max(0, token.start - 30):token.start]):
            used.add(index)  # "sometimes as much as 800 mg daily", "at most 200 mg a day"
            passage.add_not_dose(token, "an upper bound (\"as much as\", \"at most\", \"no more "
                                 "than\"), not a dose")
            continue
        if before is not None and before.kind == "bound" and (_ADVISED_OR_TAKEN_UP_TO.search(
                passage.normal[tokens[0].start:token.start]) or _DOSES_UP_TO.search(
                passage.normal[max(0, token.start - 40):token.start])
                or _TEST_UP_TO.search(passage.normal[max(0, token.start - 40):token.start])
                or (not share_of_patients and _UP_TO_WITHOUT_CHANGE.search(
                    passage.normal[tokens[0].start:token.start]))):
            used.add(index)  # "he was advised pregabalin up to 150 mg/day"
            after = index + 2 if index + 2 < len(tokens) and tokens[index + 1].kind == "word" \
                and tokens[index + 1].value == "of" else index + 1
            named = next((p for p in (after, index - 2) if 0 <= p < len(tokens)
                          and tokens[p].kind == "drug"), None)
            if named is not None:  # the drug stays an item, its dose not said
                passage.open_dose_names.add(tokens[named].start)
            passage.add_not_dose(token, "a bound on what was advised or taken (\"advised … up "
                                 "to\", \"took up to\", \"doses of up to\", \"test (up to\"), "
                                 "not a dose")
            continue
        if amount.concentration and amount.base != "%" and _MEASURED_LEVEL.search(
                passage.normal[tokens[0].start:token.start]):
            used.add(index)  # "plasma concentrations of loxoprofen … were 52 and 24 μg/mL"
            passage.add_not_dose(token, "a measured level in blood, plasma or serum, not a dose")
            continue
        if _measured_quantity_before(passage, tokens, index):
            used.add(index)  # "proteinuria remains still heavy (4 g per day)"
            passage.add_not_dose(token, "a quantity measured in the urine (proteinuria, urine "
                                 "output), a laboratory value, not a dose")
            continue
        if _TARGET_BOUND.search(passage.normal[max(0, token.start - 60):token.start]):
            used.add(index)  # "doubling the dose every 7 days until reaching a target dose of"
            passage.add_not_dose(token, "a target a titration aims at, a bound, not the dose "
                                 "taken")
            continue
        if _said_of_the_drug(passage.normal, token.start):
            used.add(index)  # "120 mg/d of loxoprofen (maximum recommended dose, 180 mg/d)"
            passage.add_not_dose(token, "a recommended, usual or allowed dose: said of the drug, "
                                 "not the patient's dose")
            continue
        if _said_of_the_literature(passage.normal, token.start):
            used.add(index)  # "the initiation dose reported in the literature is 200 mg/day"
            passage.add_not_dose(token, "a dose the literature, a guideline or a label gives: "
                                 "said of the drug, not the patient's dose")
            continue
        if re.match(r"\s*(?:or|and)\s+(?:more|greater|higher|above|over)\b",
                    passage.normal[token.end:token.end + 20]):
            used.add(index)  # "required a dose of 9,000 mg or more of morphine"
            passage.add_not_dose(token, "a lower bound (\"or more\"), not a dose")
            continue
        if (passage.group or passage.series) and before is not None and before.kind == "bound" \
                and _A_MAXIMUM.search(passage.normal[max(0, token.start - 30):token.start]) \
                and not ONE_PATIENT.search(passage.normal[tokens[0].start:tokens[-1].end]):
            used.add(index)  # "The dose of fentanyl was increased to a maximum of 0.05 mg/hour"
            passage.add_not_dose(token, "the ceiling a protocol for a group of patients sets, not "
                                 "a dose given")
            continue
        if _in_calculation(tokens, index):
            used.add(index)
            passage.add_not_dose(token, "a number of a worked calculation (an operand or its "
                                 "result), not a dose")
            continue
        if before is not None and before.kind == "word" and before.value == "-" \
                and before.end == token.start:
            used.add(index)
            passage.add_printed_total(sentence, tokens, index, index, "change", -amount.value,
                                      amount_unit(amount))
            continue
        if step_of_change(passage, token):
            used.add(index)  # "increased by 25 mcg/h to 75 mcg/h": the step, not a dose
            passage.add_printed_total(sentence, tokens, index, index, "change", amount.value,
                                      amount_unit(amount), note="the step of a change, not a dose")
            continue
        if re.search(r"\boverdos(?:e|es|ed)\s+(?:(?:of|on|with)\s+|(?:of\s+)?in\s+the\s+(?:order|"
                     r"range|region)\s+of\s+)(?:about\s+|approximately\s+|around\s+|roughly\s+|"
                     r"up\s+to\s+)?$", passage.normal[max(0, token.start - 40):token.start]):
            used.add(index)  # "after an overdose of 5000 micrograms of fentanyl"
            passage.total_tokens.add(index)
            passage.add_not_dose(token, "the amount of an overdose, not a dose of the regimen")
            continue
        cues = _total_cues(passage, tokens, index)
        if not cues and equivalence_side(passage, tokens, index):
            used.add(index)
            passage.total_tokens.add(index)
            passage.add_not_dose(token, "one side of an equivalence the text states, not a dose")
            continue
        if share_of_patients:
            cues.add("series")
        if "dilution" in cues and not re.search(r"dilut\w*\s+(?:to\s+|at\s+)?$",
                                                passage.normal[max(0, token.start - 20):token.start]):
            cues.discard("dilution")
        if "dilution" in cues:
            used.add(index)
            passage.add_not_dose(token, "a dilution, not a dose")
            continue
        if not cues:
            continue
        used.add(index)
        if amount.base == "%" and not amount.per:
            passage.add_not_dose(token, "a percentage of a change or a share, not a dose")
        elif "available" in cues:
            passage.add_not_dose(token, "marketed strengths, not a dose given")
        elif "step" in cues:
            passage.add_not_dose(token, "a titration step, not a dose")
        elif "ome" in cues:
            parenteral = "parenteral" in passage.normal[tokens[max(0, index - 6)].start:
                                                        tokens[min(len(tokens) - 1, index + 4)].end]
            kind = "parenteral-ome" if parenteral else (
                "change" if cues & {"reduction", "change"} else "ome")
            if "series" in cues:
                kind = "series"
            passage.add_printed_total(sentence, tokens, index, index, kind, amount.value, amount_unit(amount))
        elif "use" in cues:
            unit = amount_unit(amount)
            if amount.time is None and re.match(r"\s*(?:of\s+\S+\s+)?per\s+(?:hour|h)\b",
                                                passage.normal[token.end:token.end + 30]):
                unit += "/h"  # "3mg of hydromorphone per hour"
            passage.add_printed_total(sentence, tokens, index, index, "use", amount.value, unit,
                                      drug=_drug_near(tokens, index))
            passage.total_tokens.add(index)
        elif "series" in cues:
            passage.add_printed_total(sentence, tokens, index, index, "series", amount.value,
                                      amount_unit(amount))
        elif "reduction" in cues:
            passage.add_printed_total(sentence, tokens, index, index, "change", amount.value,
                                      amount_unit(amount))
        else:  # total
            kind = "daily" if amount.time == "day" else "cumulative"
            passage.add_printed_total(sentence, tokens, index, index, kind, amount.value, amount_unit(amount),
                                      drug=_drug_near(tokens, index))


def _dose_capped(passage: Passage, tokens: list[Token], index: int) -> int | None:
    """ "paracetamol (1g) only if pain appears and with maximum dose of 3g per day", "morphine 5
    mg as needed, with a maximum of 30 mg per day", "oxycodone 5 mg for breakthrough pain
    (maximum 30 mg/day)": an amount a dose or a day after a word of a ceiling ("maximum (dose)
    of", "max.", "not exceeding", "not to exceed") that follows a dose (a mass with no time and
    no kg), with only that dose's schedule, as-needed words, brackets and the words that join
    them between, is the most of that dose a day — a ceiling, not an amount taken (an as-needed
    dose's maximum is given apart, never counted as taken). The position of the dose, or None.
    Not "titrated to a maximum of 60 mg/day" (a verb of change stands between: the dose
    reached), nor a ceiling after a dose per kg (:func:`_per_kg_capped`)."""
    amount: Amount = tokens[index].value
    if index < 2 or amount.per_kg or amount.time not in (None, "day") or not amount.mass:
        return None
    bound = tokens[index - 1]
    if not _ceiling_word(passage, bound) or passage.word(bound).startswith("up"):
        return None  # "up to 600 mg/day" names the dose reached
    position = _amount_before(passage, tokens, index - 2, _DOSE_CAP_KINDS, _DOSE_CAP_WORDS)
    if position is None:
        return None
    dose: Amount = tokens[position].value
    return position if dose.mass and dose.time is None and not dose.per_kg \
        and dose.kind == "single" else None


#: What may stand between a dose and its ceiling (:func:`_dose_capped`): the dose's schedule,
#: as-needed words, brackets, and the words that join them.
_DOSE_CAP_KINDS = frozenset({"freq", "prn", "open", "close", "route", "form", "release"})
_DOSE_CAP_WORDS = frozenset({"a", "the", "of", "dose", "daily", "not"})
#: What may stand between a dose per kg and its ceiling (:func:`_per_kg_capped`).
_PER_KG_CAP_KINDS = frozenset({"freq", "open", "neg", "approx", "route"})
_PER_KG_CAP_WORDS = frozenset({"a", "the", "to", "of", "but", "dose", "daily", "exceed", "not"})


def _amount_before(passage: Passage, tokens: list[Token], position: int, kinds: frozenset[str],
                   words: frozenset[str], *, skip_ceiling_words: bool = False) -> int | None:
    """The position of the amount at most eight tokens back from ``position``, with only
    tokens of ``kinds``, commas, "and"/"with", ``words`` (and, where asked, a word of a
    maximum) between; None where anything else stands first."""
    steps = 0
    while position >= 0 and steps < 8:
        token = tokens[position]
        word = passage.word(token)
        if token.kind == "amount":
            return position
        if token.kind in kinds or (skip_ceiling_words and token.kind == "bound"
                                   and token.value == "max") or (
                token.kind == "punct" and token.value == ",") or (
                token.kind == "plus" and word in ("and", "with")) or word in words:
            position -= 1
            steps += 1
            continue
        return None
    return None


def _ceiling_word(passage: Passage, bound: Token) -> bool:
    """Whether a word before an amount makes it a ceiling: "not exceeding 2 g", "not to exceed
    2 g" ("exceeding 2 g" alone is a lower bound), or a word of a maximum ("maximum of", "max.",
    "up to", "≤")."""
    if passage.word(bound) in ("exceed", "exceeding"):
        return bool(re.search(r"\bnot\s+(?:to\s+)?$",
                              passage.normal[max(0, bound.start - 8):bound.start]))
    return bound.kind == "bound" and bound.value == "max"


def _per_kg_capped(passage: Passage, tokens: list[Token], index: int) -> int | None:
    """ "30mg/kg/day, with a maximum of 1g/day", "20 mg/kg/day (max. 1 g/day)", "15 mg/kg every
    8 hours, not exceeding 2 g", "10 mg/kg up to 600 mg": an amount after a word of a ceiling
    ("maximum of", "max.", "up to", "not exceeding", "not to exceed", "≤") that follows a dose
    per kg, with only a schedule, a bracket and the words that join them between, is that dose's
    ceiling, not a dose. The position of the dose per kg, or None."""
    if index < 2:
        return None
    if not _ceiling_word(passage, tokens[index - 1]):
        return None
    position = _amount_before(passage, tokens, index - 2, _PER_KG_CAP_KINDS, _PER_KG_CAP_WORDS,
                              skip_ceiling_words=True)
    return position if position is not None and tokens[position].value.per_kg else None


def step_of_change(passage: Passage, token: Token) -> bool:
    """ "increased by 25 mcg/h (to 75 mcg/h)", "reduced by 10 mg": the amount is the step of
    the change, not a dose; so is a further step of the same change, "by" after "then", "and" or
    a comma ("decreased by 10 mg every week, then by 2.5 mg every week up to 10 mg")."""
    before = passage.normal[max(0, token.start - 40):token.start]
    if re.search(_TAPER_AT, before):
        return True  # "tapered at 2 mg/day over one week": the pace of the taper
    if re.search(_STEP_VERB + _THE_DOSE + r"(?:\s+(?:up|down|further|again))?\s+by\s+(?:about\s+|"
                 r"approximately\s+|a\s+further\s+|another\s+)?$", before):
        return True
    further = re.search(r"(?:,|\band|\bthen)\s+by\s+(?:about\s+|approximately\s+)?$", before)
    if further is None:
        return False
    start = max(0, token.start - 160)
    return re.search(_STEP_VERB + _THE_DOSE + r"(?:\s+(?:up|down|further|again))?\s+by\s+\d",
                     passage.normal[start:token.start - len(before) + further.start()]) is not None


#: The dose a verb of change names before its step ("tapering the dose by 10 mg per month",
#: "reduced her daily dose by 5 mg"): the amount after "by" is still the step.
_THE_DOSE = (r"(?:\s+(?:the|his|her|their|its)\s+(?:daily\s+|total\s+)?"
             r"(?:dose|doses|dosage|dosing))?")
#: A taper's pace written after "at" ("tapered at 2 mg/day over one week", "weaned off at a rate
#: of 5 mg per week"): only after a verb of tapering or weaning, where "at" cannot name the dose
#: reached (that is "tapered to"); "was increased at 10 mg" stays unread as a step.
_TAPER_AT = (r"\b(?:taper|wean)\w*(?:\s+(?:off|down|slowly|gradually))?\s+at\s+"
             r"(?:a\s+(?:rate|pace)\s+of\s+)?(?:about\s+|approximately\s+)?$")
#: The verbs of a change whose step is written after "by".
_STEP_VERB = r"\b(?:increas|decreas|reduc|rais|lower|titrat|escalat|taper|cut|drop)\w*"


#: The words of days after the count of a course ("× 5 days", "x 3d"), and of weeks and months
#: ("fluconazole 100 mg once a day x 6 months": the course's length, as "× 5 days" is — readgen,
#: fresh61-011; the dose was lost whole before).
_DAY_WORDS = frozenset({"day", "days", "d", "week", "weeks", "wk", "wks", "month", "months"})


def _a_day_before(tokens: list[Token], position: int) -> bool:
    """Is the amount right before the sign at ``position`` an amount a day ("12 mg / 24 h",
    "1 g/day"), or an amount with its schedule ("1 g daily", and "300 mg three times a day":
    any count of doses a day, readgen, fresh61-011)?"""
    before = position - 1
    if before >= 0 and tokens[before].kind == "freq" and isinstance(tokens[before].value, Schedule):
        return before >= 1 and tokens[before - 1].kind == "amount"
    return before >= 0 and tokens[before].kind == "amount" and tokens[before].value.time == "day"


def calculation_sign(tokens: list[Token], position: int) -> str | None:
    """ "÷" (always), "x 1.5" (a sign before a bare factor), "=" or "≈": the kind of sign of
    a calculation at ``position``, or None."""
    if not 0 <= position < len(tokens) or tokens[position].kind != "word":
        return None
    value = tokens[position].value
    if value in _DIVIDE:
        return "divide"
    if value in _TIMES and position + 1 < len(tokens) and tokens[position + 1].kind == "number":
        # "12 mg / 24 h × 5 days", "1 g daily x 3 days": a count of days after the sign is the
        # length of a course of that amount a day, not a factor — unless a result follows
        # ("10 mg × 5 days = 50 mg"; prosefix99102, fresh100-017)
        days = position + 2
        if days < len(tokens) and tokens[days].kind == "word" and tokens[days].value in _DAY_WORDS \
                and calculation_sign(tokens, days + 1) != "result" and _a_day_before(tokens, position):
            return None
        return "times"
    if value in _RESULT:
        return "result"
    return None


def equivalence_side(passage: Passage, tokens: list[Token], index: int, *, right_only: bool = False
                     ) -> bool:
    """Is the amount at ``index`` a side of an equivalence the text states ("… is the
    approximate equivalent of 30 mg of oral morphine …")? Within its brackets (or outside
    any), with no clause boundary between the amount and the phrase."""
    group = bracket_around(tokens, index)
    first, last = (group[0] + 1, group[1] - 1) if group is not None else (0, len(tokens) - 1)
    start, end = tokens[first].start, tokens[last].end
    said = passage.normal[start:end]
    token = tokens[index]
    def joined(one: int, other: int) -> bool:
        between = passage.normal[one:other]
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
        elif token.start >= to and joined(to, token.start) \
                and not _next_item_after_side(passage, tokens, to, index):
            return True
    return False


def _next_item_after_side(passage: Passage, tokens: list[Token], to: int, index: int) -> bool:
    """ "Carbamazepine equivalent to 20mg/kg/day daily dose and folic acid 5mg daily": the side
    of an equivalence is the amount after its phrase; an amount after that one and "and" (or a
    comma) and a name heads the next item of a list, no side of it (prosefix131134,
    fresh134-020)."""
    earlier = [p for p in range(index) if tokens[p].kind == "amount" and tokens[p].start >= to]
    if not earlier:
        return False
    for position in range(earlier[-1] + 1, index - 1):
        if (tokens[position].kind == "plus" and passage.word(tokens[position]) == "and") or (
                tokens[position].kind == "punct" and tokens[position].value == ","):
            following = tokens[position + 1]
            if following.kind == "drug" or (following.kind == "word" and name_like(
                    str(following.value)) and str(following.value) not in NOT_A_NAME):
                return True
    return False


def regimen_list(passage: Passage, tokens: list[Token], index: int) -> list[int]:
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
                token.kind == "plus" and passage.word(token) == "and"):
            position += 1
        else:
            break
    return positions if len(drugs) >= 2 else []


def _reduced_to(tokens: list[Token], index: int) -> bool:
    """ "significant reduction of prednisone to 1.5 mg/day", "reduction of tabs prednisolone
    to 20mg on alternate days": the amount right after "to" is the dose the reduction reached,
    not the size of the reduction."""
    if index >= 1 and tokens[index - 1].kind == "word" and tokens[index - 1].value == "to":
        return True
    # "a reduction in the dose of corticosteroid (prednisolone 4 mg/day)", "a reduction in
    # the dose of prednisolone (4 mg/day)": an amount in the bracket that names the drug, or
    # opens right after its name, is that drug's dose after the reduction, not its size (the
    # size is written after "by" or "of": "a reduction of 5 mg"; prosefix9091, fresh90-031)
    return index >= 2 and (
        (tokens[index - 1].kind == "drug" and tokens[index - 2].kind == "open")
        or (tokens[index - 1].kind == "open" and tokens[index - 2].kind == "drug"))


def _in_calculation(tokens: list[Token], index: int) -> bool:
    """ "([280mg morphine per day ÷ 30] x 1.5 = 14)", "(352 mg ÷ 2 ≈ 180 mg)", "14 mg x 0.6
    = 8.4 mg": a number of a worked calculation — in brackets that hold one, or beside its
    signs — is an operand or a result, not a dose (a worked conversion of a teaching case,
    never a regimen)."""
    signs = [calculation_sign(tokens, p) for p in range(len(tokens))]
    if not any(sign in ("divide", "times") for sign in signs):
        return False  # "(n = 7)", "24 mg × 18 years": no calculation
    group = bracket_around(tokens, index)
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


def _total_cues(passage: Passage, tokens: list[Token], index: int) -> set[str]:
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
                        and not _total_daily_dose(passage, token, tokens[index])
                        and not _day_total_after(passage, tokens, position)
                        and not _total_of_each_dose(passage, token, tokens, index)
                        and not _TOTAL_DURATION.match(passage.normal, token.end)
                        and not _TOTAL_COURSE.match(passage.normal, token.end)):
                found.add(token.value)
            if token.kind == "verb" and token.value == "decrease" \
                    and passage.normal[token.start:token.end] == "reduction" \
                    and not _reduced_to(tokens, index):
                found.add("reduction")
            position += step
    if "use" in found and not _use_is_total(passage, tokens, index):
        found.discard("use")
    if "series" in found and _one_patients_average(passage, tokens, index):
        found.discard("series")
    if "use" in found and found <= {"use", "total"}:
        listed = regimen_list(passage, tokens, index)
        if listed:
            found.clear()  # the regimen, each drug's amount: items, not a total
            window = passage.normal[tokens[max(0, index - 8)].start:tokens[index].start]
            if _PER_DAY_WORD.search(window):
                passage.daily_amounts.update(tokens[position].start for position in listed)
    return found


#: "at a mean dose of", "an average daily dosage of": an average dose, right before the amount.
_AVERAGE_DOSE = re.compile(r"\b(?:mean|average)\s+(?:daily\s+)?(?:dose|dosage)\s+(?:of\s+|was\s+)?$")
#: The subject of one patient's story ("She started taking …", "the patient received …").
_ONE_PATIENT = re.compile(r"^(?:[^.;]*?\b(?:and|then|,)\s+)?(?:she|he|the\s+patient|our\s+patient"
                          r"|(?:mr|mrs|ms|miss)\.?\s+\w+)\b")
#: Words of a group of people: a series, whose mean is the group's.
_GROUP = re.compile(r"\b(?:patients|cases|subjects|participants|individuals|groups?|cohort|series"
                    r"|children|women|men|adults|they|their)\b")


def _one_patients_average(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "She started taking venlafaxine at a mean dose of 75 mg/day": an average dose right
    before the amount, in a sentence whose subject is one patient (she, he, the patient, Ms. A)
    and that names no group of people, is that patient's daily amount, not a series' summary.
    "Patients received morphine at a mean dose of 60 mg/day" stays a series' (a printed total)."""
    amount = tokens[index]
    start = tokens[0].start
    if not _AVERAGE_DOSE.search(passage.normal, start, amount.start):
        return False
    sentence = passage.normal[start:tokens[-1].end]
    return bool(_ONE_PATIENT.match(sentence)) and not _GROUP.search(sentence)


def _total_daily_dose(passage: Passage, total: Token, amount: Token) -> bool:
    """ "a total daily dose of 25 mg sertraline", "at a total daily dose of 150 mg": the sum
    of one day's doses of the drug named beside it, its daily amount — not a cumulative total.
    Only where the amount follows the words at once; "the total daily dose of oral morphine
    was 120 mg" (a drug between them) stays a printed total."""
    return total.end <= amount.start and re.fullmatch(
        r"\s+daily\s+(?:dose|dosage)s?\s+(?:of\s+|was\s+|:\s*)?",
        passage.normal[total.end:amount.start]) is not None


def _total_of_each_dose(passage: Passage, total: Token, tokens: list[Token], index: int) -> bool:
    """ "on a total dose of 50 mg twice daily", "a total dose of 1 g every 8 hours": "total
    dose of" right before an amount with no time of its own, the amount followed at once by a
    schedule of doses a day (times a day, every N hours, at night), is the total of one dose of
    that schedule (the tablets of one dose), not a course's: a course's total is given once, never
    twice a day (prosefix99102, fresh99-008). "A total dose of 120 g (2 g/kg)" and "a total dose
    of 60 mg over 3 days" stay totals."""
    amount = tokens[index]
    if total.end > amount.start or amount.value.time is not None or index + 1 >= len(tokens):
        return False
    if not re.fullmatch(r"total\s+(?:dose|dosage)\s+(?:of\s+)?",
                        passage.normal[total.start:amount.start]):
        return False
    schedule = tokens[index + 1]
    return schedule.kind == "freq" and isinstance(schedule.value, Schedule) \
        and schedule.value.doses_per_day is not None \
        and re.fullmatch(r"\s*", passage.normal[amount.end:schedule.start]) is not None


def _day_total_after(passage: Passage, tokens: list[Token], position: int) -> bool:
    """ "codeine phosphate (240mg daily total)", "tramadol 200 mg a day in total": "total" (at
    ``position``) right after an amount and its word of the day (or an amount a day) is the sum
    of one day's doses of the drug the amount is bound to — its daily amount, not a cumulative
    total (nor a cue for the amounts near it: "…, morphine sulphate (60mg daily total)")."""
    total = tokens[position]
    amount = next((t for t in reversed(tokens[:position]) if t.kind == "amount"), None)
    if amount is None or amount.end > total.start:
        return False
    between = passage.normal[amount.end:total.start]
    if amount.value.time == "day" and re.fullmatch(r"\s*", between):
        return True
    return re.fullmatch(r"\s*(?:daily|a\s+day|per\s+day|/\s*day|each\s+day|every\s+day)\s+",
                        between) is not None


def _use_is_total(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "used an average of 3 mg", "use escalated … with 31,600 mcg", "consumption was":
    a use is a total; "morphine used for breakthrough pain 10 mg" is not, nor is "the use of
    hydroxycarbamide with a dose of 1000 mg/day" (the dose of the use, prosefix126127)."""
    window = passage.normal[tokens[max(0, index - 8)].start:tokens[index].start]
    return bool(re.search(r"consumption|consumed|usage|requirements?|average|mean|"
                          r"\buse\b[^.]*\bwith\b(?!\s+(?:an?\s+)?(?:daily\s+)?(?:doses?|dosages?)\s+of\b)"
                          r"|used\s+(?:an?\s+)?(?:average|total|mean)",
                          window))


def _drug_after(tokens: list[Token], index: int) -> bool:
    """Whether a drug is named right after the amount at ``index`` ("10 mg of morphine")."""
    after = index + 2 if index + 2 < len(tokens) and tokens[index + 1].kind == "word" \
        and tokens[index + 1].value == "of" else index + 1
    return after < len(tokens) and tokens[after].kind == "drug"


def _drug_near(tokens: list[Token], index: int) -> str | None:
    for position in range(index - 1, max(-1, index - 9), -1):
        if tokens[position].kind == "drug":
            return str(tokens[position].value.drug.name)
    for position in range(index + 1, min(len(tokens), index + 4)):
        if tokens[position].kind == "drug":
            return str(tokens[position].value.drug.name)
    return None


def _restates_per_area(tokens: list[Token], index: int) -> bool:
    """ "30 mg hydrocortisone daily (15.8 mg/m2·d)": a dose per m² of body surface in brackets,
    after an amount earlier in the sentence, says that dose again per body surface."""
    amount: Amount = tokens[index].value
    if "m2" not in amount.per:
        return False
    opening = opening_bracket(tokens, index)
    return opening is not None and any(t.kind == "amount" and "m2" not in t.value.per
                                       for t in tokens[:opening])


def _measured_quantity_before(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "cyclophosphamide 500 mg day 1; despite this therapy, proteinuria remains still heavy
    (4 g per day)": an amount whose clause — the words since the last drug or amount before
    it — names a quantity measured in the urine (:data:`_MEASURED_QUANTITY`), with no word of
    giving between them and no drug named right after the amount, is a laboratory value."""
    start = tokens[0].start
    for position in range(index - 1, -1, -1):
        if tokens[position].kind in ("drug", "amount"):
            start = tokens[position].end
            break
    found = list(_MEASURED_QUANTITY.finditer(passage.normal, start, tokens[index].start))
    if not found:
        return False
    after = found[-1].end()
    change = _CHANGE_OF_THE_QUANTITY.match(passage.normal, after, tokens[index].start)
    if change is not None:  # "proteinuria finally decreased to 0.8 g/day": its own change
        after = change.end()
    if _GIVEN_WORDS.search(passage.normal, after, tokens[index].start):
        return False
    return not any(tokens[position].kind == "drug"
                   for position in range(index + 1, min(index + 3, len(tokens))))


def _session_bounds_rate(passage: Passage, tokens: list[Token], index: int) -> bool:
    """Whether the sentence, after the rate an hour at ``index`` and before any other amount,
    bounds it to a dialysis or apheresis session ("during hemodialysis")."""
    end = tokens[-1].end
    for later in tokens[index + 1:]:
        if later.kind == "amount":
            end = later.start
            break
    return _DURING_SESSION.search(passage.normal, tokens[index].end, end) is not None
