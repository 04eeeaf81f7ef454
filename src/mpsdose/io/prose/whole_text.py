"""What the reader takes from the whole text before it reads the items of its sentences.

The abbreviations the text defines ("morphine sulfate (MS)"), the patient's weight, where a
question's answer options stand, the sections of a structured abstract that tell no event of the
case, the sentences that sum the report up, whether the text reports on a group of patients;
and the sentences that report no regimen at all (a question, an answer option, a hypothetical or
a recommendation) or speak of some patients of a series.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from mpsdose.io.prose.passage import Passage
from mpsdose.io.prose.scan import DrugName, Token, scan
from mpsdose.io.prose.text import Sentence
from mpsdose.io.prose.words import ONE_PATIENT, name_like
from mpsdose.model.findings import Severity
from mpsdose.model.numbers import plain
from mpsdose.model.vocabulary import Route

__all__ = [
    "GROUP_OF_PATIENTS",
    "case_starts",
    "SUMMARY",
    "daily_list_lines",
    "days_told_in_turn",
    "define_abbreviations",
    "misspelt_names",
    "solution_continued",
    "option_blocks",
    "patient_weight",
    "quiet_sections",
    "series_statement",
    "set_aside_sentence",
    "why_set_aside",
]

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
#: The nouns a patient's size is told of ("a 51-kg woman", "a 3-year-old boy (15 kg)").
_PATIENT_NOUNS = (r"man|woman|male|female|boy|girl|child|infant|neonate|newborn|baby|toddler"
                  r"|adolescent|teenager|lady|gentleman|patient")
#: A mass written as the size of the patient it describes: "a 51-kg woman", "732-kg (1,610-lb)
#: pregnant Belgian draft horse mare" (up to four words, none of a loss or of the weight).
_SIZE_OF_PATIENT = re.compile(
    r"\s*(?:\([^()]{0,20}\)\s*)?,?\s*(?:(?!weight|loss|gain|of|in|the|and|with)[a-z\-]+\s+){0,4}"
    rf"(?:{_PATIENT_NOUNS}|mare|horse|stallion|gelding|dog|cat)\b")
#: "patient (11.6 kg)", "a 3-year-old boy (15 kg)": a mass alone in brackets after the patient.
_PATIENT_BEFORE_BRACKET = re.compile(
    rf"\b(?:{_PATIENT_NOUNS}|year\s*-?\s*old)\s*\(\s*$")
_UNSTATED = "not stated as the patient's weight"
#: A sentence about a birth: the weight in it may be the baby's or the mother's.
_BIRTH = re.compile(r"\b(?:born|birth|delivered|delivery|newborn|fetus|foetus|fetal|foetal)\b")
#: A text that reports on a group of patients, not on one ("Medical records of patients who …
#: were retrospectively reviewed", "Thirty-three patients were enrolled"): what a sentence of it
#: that names no one patient says "a maximum of" is the protocol's ceiling, not a dose given.
GROUP_OF_PATIENTS = re.compile(
    r"\b(?:medical\s+|clinical\s+)?(?:records|charts)\s+of\s+(?:all\s+|the\s+)?(?:\w+\s+)?patients\b"
    r"|\bpatients\b[^.;]{0,160}?\b(?:were|was)\s+(?:retrospectively\s+|prospectively\s+)?"
    r"(?:reviewed|enrolled|recruited|included|analy[sz]ed|studied)\b")
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
#: A statement of the literature, its subject the studies ("Studies showed that low dose
#: risperidone (0.75-2mg/day …) led to …", "Previous reports have found …"): of other patients,
#: whatever its tense. (Not "The authors found …": the report's own authors tell of its case;
#: nor "Laboratory studies showed …": the patient's tests.)
_LITERATURE_STATEMENT = re.compile(
    r"^(?:(?:although|though|while|whereas)\s+(?=(?:a|an|one|another)\s))?"
    r"(?:(?:a|an|one|another)\s+(?=(?:[a-z-]+\s+){0,2}(?:study|trial|report|review|series|survey|"
    r"meta-analysis)\s))?"
    r"(?:(?:previous|prior|earlier|recent|several|many|other|some|published|clinical|controlled|"
    r"randomi[sz]ed|numerous|few|most|case|animal|pharmacokinetic|observational)\s+){0,2}"
    r"(?:studies|trials|reports|reviews|series|surveys|meta-analyses|study|trial|report|review|"
    r"survey|meta-analysis)\s+(?:have\s+|has\s+)?(?:also\s+)?(?:showed|shown|show|found|demonstrated|"
    r"reported|suggested|indicated|described)\b")
#: A drug's use in the present perfect, the literature's or practice's ("Haloperidol infusions
#: have been successfully used to treat delirium … at dosages up to 600 mg/day") …
_USED_IN_LITERATURE = re.compile(
    r"\b(?:has|have)\s+(?:[a-z]+ly\s+)?been\s+(?:[a-z]+ly\s+)?(?:used|given|administered|"
    r"employed|reported|described|documented|recommended|tried)\b")
#: … with words of doses in general: a ceiling, doses in the plural, patients, a setting.
_GENERAL_DOSES = re.compile(r"\b(?:doses|dosages|up\s+to|as\s+high\s+as|ranging|patients|"
                            r"literature|settings?)\b")
#: What a drug's label or a guideline advises, in the present tense ("The drug instructions for
#: dabigatran recommend adjusting the dosage to 110 mg twice daily for patients with bleeding
#: risk"): of patients in general.
_LABEL_ADVISES = re.compile(
    r"\b(?:labels?|label(?:l)?ing|package\s+inserts?|(?:drug|package|product|manufacturer'?s?)\s+"
    r"instructions|prescribing\s+information|product\s+information|monographs?|guidelines?|"
    r"summary\s+of\s+product\s+characteristics|smpc)\b[^.;]*?\b(?:recommends?|advises?|"
    r"suggests?|states?)\b")
#: A past tense: a sentence with one may tell of the case.
_PAST = re.compile(r"\b(?:was|were|had|did)\b")
#: The letter or number of an answer option at the start of a line: "A. ", "b) ", "(c) ", "1. ".
_OPTION = re.compile(r"[ \t]*(?:\(?[A-Ea-e]\)|\(?[A-Ea-e]\.|\d{1,2}[.)])[ \t]")
#: A line that gives the answer of a question, before the option it names ("ANSWER:").
_ANSWER = re.compile(r"[ \t]*(?:correct\s+)?answers?\s*:?[ \t]*$", re.IGNORECASE)
#: A structured abstract's heading in capitals at the start of a sentence ("CASE SUMMARY:",
#: "DISCUSSION:"); those of the sections after the case that tell no event of it; and those of
#: the sections before it, which tell none only where a heading of the case's own follows (with
#: none, the case may follow an objective or a background with no heading).
_CAPITAL_HEADING = re.compile(r"\s*([A-Z][A-Z0-9 ]{2,40})\s*:")
#: A heading written as a sentence of its own, in any capitals, with a full stop or a colon or
#: neither ("Background.", "Case description.", "Methods"): a structured abstract's section as
#: much as "BACKGROUND:" is.
_SENTENCE_HEADING = re.compile(
    r"\s*((?:background|introduction|objectives?|aims?|purpose|methods?|results?|discussion|"
    r"conclusions?|implications|case(?:\s+(?:description|presentation|report|summary|history|"
    r"details|\d+))?|case\s+reports?))\s*[.:]?\s*", re.IGNORECASE)
_QUIET_HEADING = re.compile(r"\b(?:DISCUSSION|CONCLUSIONS?|IMPLICATIONS)\b")
_BEFORE_HEADING = re.compile(r"\b(?:OBJECTIVES?|AIMS?|PURPOSE|BACKGROUND|INTRODUCTION)\b")
#: A sentence that sums the report up ("Purpose: We report a patient … with burst ketamine
#: therapy", "The authors report two patients …", "A case of … is presented"): the case tells of
#: its drugs after it; a drug it names without an amount and the case names later is not an item
#: of its own.
SUMMARY = re.compile(
    r"\b(?:we|the\s+authors?)\s+(?:here(?:in)?\s+)?(?:report|describe|present|discuss)\b"
    r"|\bwe\s+(?:have\s+)?experienced\s+(?:a|one|two|three|four|\d+)\s+(?:[a-z\-]+\s+){0,3}?"
    r"(?:cases?|patients?)\b"  # "we experienced two cases that …": the report's summary
    r"|\bthis\s+(?:case(?:\s+report)?|report|article|paper)\s+(?:describes|reports|presents|"
    r"illustrates|highlights)\b|\bcases?\s+(?:report\s+)?(?:is|are)\s+(?:here\s+)?(?:presented|"
    r"reported|described)\b|\bcases?\s+of\b.*\b(?:is|are)\s+(?:here\s+)?(?:presented|reported|"
    r"described)\b|\b(?:is|are)\s+(?:here\s+|herein\s+)?(?:presented|reported|described|discussed)"
    r"(?:\s+and\s+(?:presented|reported|described|discussed))?\s*\.?\s*$")


def why_set_aside(passage: Passage, sentence: Any, tokens: list[Token]) -> str | None:
    """Why a sentence reports no regimen — a question, an answer option of a question, a
    hypothetical ("would have been", "should be considered") — or None."""
    if any(start <= sentence.start < end for start, end in passage.options):
        return "an answer option of a question"
    said = passage.normal[sentence.start:sentence.end].rstrip(" \"')")
    if said.endswith("?"):
        return "a question"
    if _HYPOTHETICAL.search(said):
        return "a hypothetical or a recommendation"
    if ONE_PATIENT.search(said) is None:
        if tokens and tokens[0].start in passage.background_starts:
            return "a statement of the report's background, before its case"
        if _LITERATURE_STATEMENT.search(said) is not None or (
                _USED_IN_LITERATURE.search(said) is not None
                and _GENERAL_DOSES.search(said) is not None and _PAST.search(said) is None):
            return "a statement of the literature or of practice, not of this patient"
        if _LABEL_ADVISES.search(said) is not None:
            return "what a label or a guideline advises, not this patient's regimen"
    return None


def set_aside_sentence(passage: Passage, tokens: list[Token], why: str) -> None:
    """Nothing in a sentence set aside is read: its amounts are not doses, its drugs not
    items, its verbs change nothing; a finding names what was set aside."""
    named: list[str] = []
    for token in tokens:
        if token.kind == "amount":
            passage.add_not_dose(token, why)
        if token.kind == "drug" and token.value.drug.name not in named:
            named.append(str(token.value.drug.name))
    if named:
        start, end = tokens[0].start, tokens[-1].end
        passage.add_finding(Severity.INFO, "not-a-regimen",
                            f"{passage.text[start:end]!r} is {why}: "
                            f"{', '.join(named)} named there, not read as items", (start, end))


def define_abbreviations(passage: Passage, spans: Sequence[Any]) -> None:
    """ "morphine sulfate (MS)", "transdermal buprenorphine [TB]", "intrathecal injections
    (IT)": an abbreviation the text defines for a drug or a route, used in its capitals."""
    for sentence in spans:
        tokens = scan(passage.text, passage.normal, sentence.start, sentence.end, passage.vocabulary)
        for index, token in enumerate(tokens):
            bracketed = _ROUTE_WITH_ABBREVIATION.fullmatch(
                passage.text, token.start, token.end) if token.kind == "route" else None
            if bracketed is not None:  # "oral (PO)", one route token: "PO" is defined so
                passage.defined_routes.setdefault(bracketed.group(1), token.value)
                continue
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
            raw = passage.text[tokens[after + 1].start:tokens[after + 1].end]
            if not re.fullmatch(r"[A-Z]{2,5}", raw):
                continue
            words_before = passage.normal[max(sentence.start, tokens[max(0, index - 1)].start):
                                          tokens[after].start]
            if not _abbreviates(raw.lower(), words_before) and not _named_so(
                    passage, tokens, index, after + 1, raw):
                continue
            if token.kind == "drug":
                name: DrugName = token.value
                route = tokens[index - 1].value if index and tokens[index - 1].kind == "route" \
                    else Route.TRANSDERMAL if patch else None
                passage.defined.setdefault(raw, DrugName(name.drug, raw, route))
            else:
                passage.defined_routes.setdefault(raw, token.value)


#: A route word with its abbreviation in brackets, read as one route ("intravenous (IV)"; see
#: scan._route_abbreviated).
_ROUTE_WITH_ABBREVIATION = re.compile(r"[^()]*\(\s*([A-Z]{2,5})\s*\)")


def misspelt_names(passage: Passage) -> None:
    """ "olanazapine 10 mg a day" in a passage that names olanzapine elsewhere: a word one edit
    (a letter added, dropped or changed, or two letters side by side swapped) from a catalogue
    name of eight letters or more, whose drug the passage also names as the catalogue spells
    it, is that drug misspelt — where every catalogue name one edit from it is that drug's (a
    word as close to another drug's name is nobody's), and it is shaped like a name (seven
    letters or more, not an adverb or a participle). Read as that drug, with a warning
    (``misspelt-name``); the written word is recorded in ``passage.misspelt``."""
    catalogue = passage.catalogue
    _without_final_e(passage)
    _acid_as_anion(passage)
    found_names = (" ".join(found.group(0).split())
                   for found in passage.vocabulary.pattern.finditer(passage.normal))
    named = {catalogue.resolve(name) for name in found_names
             if name not in passage.vocabulary.others}
    if not named:
        return
    targets = [name for name in catalogue.names
               if len(name) >= 8 and name.isalpha() and catalogue.resolve(name) in named]
    single = [name for name in catalogue.names if name.isalpha()]
    seen: set[str] = set()
    for found in re.finditer(r"(?<![\w\-])[a-z]{7,}(?![\w\-])", passage.normal):
        word = found.group(0)
        if word in seen or not name_like(word) or catalogue.get(word) is not None \
                or any(found_name.name == word for found_name in passage.misspelt.values()):
            continue
        seen.add(word)
        if not any(_one_edit(word, name) for name in targets):
            continue
        close = {catalogue.resolve(name) for name in single if _one_edit(word, name)}
        if len(close) != 1:
            continue
        drug = close.pop()
        for same in re.finditer(rf"(?<![\w\-]){word}(?![\w\-])", passage.normal):
            written = passage.text[same.start():same.end()]
            if written not in passage.misspelt:
                passage.misspelt[written] = DrugName(drug, word)
        passage.add_finding(Severity.WARNING, "misspelt-name",
                            f"{passage.text[found.start():found.end()]!r} is read as {drug.name}, "
                            "misspelt: one edit from its name, which the passage also writes, and "
                            "from no other drug's name the catalogue knows", (found.start(), found.end()))


def _acid_as_anion(passage: Passage) -> None:
    """ "acetylsalicylate (300 mg/day)", "valproate": an acid's name the catalogue knows
    ("acetylsalicylic acid", "valproic acid"), written as its anion ("-ic acid" as "-ate"), is
    that drug — the same molecule in the body, as "sodium valproate" is valproic acid — where the
    word is no catalogue name itself. Read as that drug, with a finding (``acid-as-anion``)."""
    catalogue = passage.catalogue
    seen: set[str] = set()
    for found in re.finditer(r"(?<![\w\-])[a-z]{5,}ate(?![\w\-])", passage.normal):
        word = found.group(0)
        if word in seen or catalogue.get(word) is not None:
            continue
        seen.add(word)
        acid = word[:-3] + "ic acid"
        if catalogue.get(acid) is None:
            continue
        drug = catalogue.resolve(acid)
        for same in re.finditer(rf"(?<![\w\-]){word}(?![\w\-])", passage.normal):
            written = passage.text[same.start():same.end()]
            passage.misspelt.setdefault(written, DrugName(drug, word))
        passage.add_finding(Severity.INFO, "acid-as-anion",
                            f"{passage.text[found.start():found.end()]!r} is read as {drug.name}: "
                            f"the anion of {acid}, a name of it the catalogue knows",
                            (found.start(), found.end()))


def _without_final_e(passage: Passage) -> None:
    """ "methadon 10 mg daily": a catalogue name of eight letters or more that ends in "e",
    written without it (the German, Dutch and Scandinavian spelling of an INN: methadon,
    oxycodon, morphin, buprenorphin), is that drug, whether or not the passage also spells it
    the English way — where the word is no catalogue name itself and no other catalogue name is
    one edit from it. Read as that drug, with a warning (``misspelt-name``)."""
    catalogue = passage.catalogue
    seen: set[str] = set()
    for found in re.finditer(r"(?<![\w\-])[a-z]{7,}(?![\w\-])", passage.normal):
        word = found.group(0)
        if word in seen or catalogue.get(word) is not None:
            continue
        seen.add(word)
        whole = catalogue.get(word + "e")
        if whole is None or not (word + "e").isalpha():
            continue
        drug = catalogue.resolve(word + "e")
        close = {catalogue.resolve(name) for name in catalogue.names
                 if name.isalpha() and _one_edit(word, name)}
        if close != {drug}:
            continue
        for same in re.finditer(rf"(?<![\w\-]){word}(?![\w\-])", passage.normal):
            written = passage.text[same.start():same.end()]
            if written not in passage.misspelt:
                passage.misspelt[written] = DrugName(drug, word)
        passage.add_finding(Severity.WARNING, "misspelt-name",
                            f"{passage.text[found.start():found.end()]!r} is read as {drug.name}: "
                            f"its name without the final 'e' (the spelling of other languages), "
                            "one edit from no other drug's name the catalogue knows",
                            (found.start(), found.end()))


def _one_edit(word: str, name: str) -> bool:
    """Is ``word`` one edit from ``name``: a letter added, dropped or changed, or two letters
    side by side swapped?"""
    if word == name or abs(len(word) - len(name)) > 1:
        return False
    if len(word) == len(name):
        differ = [i for i in range(len(word)) if word[i] != name[i]]
        return len(differ) == 1 or (
            len(differ) == 2 and differ[1] == differ[0] + 1
            and word[differ[0]] == name[differ[1]] and word[differ[1]] == name[differ[0]])
    short, long = (word, name) if len(word) < len(name) else (name, word)
    position = 0
    while position < len(short) and short[position] == long[position]:
        position += 1
    return short[position:] == long[position + 1:]


def patient_weight(passage: Passage, spans: Sequence[Any],
                   token_lists: Sequence[list[Token]]) -> float | None:
    """The patient's weight: a mass the text states as the patient's ("weighing 47 kg", "a
    weight of 56 kg", "a 51-kg woman", "patient (11.6 kg)"), one value only. A mass in kg
    said otherwise (a body mass index "17 kg/m²", a weight lost, an ideal or a birth weight)
    is no weight; where in doubt there is none, and a dose per kg has no daily amount."""
    weights: set[float] = set()
    for sentence, tokens in zip(spans, token_lists, strict=True):
        for token in tokens:
            if token.kind != "weight":
                continue
            why = _not_a_weight(passage, token, sentence.start, sentence.end)
            if why is None:
                weights.add(token.value)
            else:
                passage.masses_not_weight.append((token, why))
    # "She weighed 50 kg, and 44 kg at discharge": another mass said of no one in particular
    # may be a later weight; which one a dose per kg was counted from is not said
    stated = bool(weights)
    weights |= {t.value for t, why in passage.masses_not_weight if why == _UNSTATED}
    if stated and len(weights) > 1:
        passage.add_finding(Severity.INFO, "weight-unclear",
                            f"the text gives {len(weights)} masses in kg that may be the patient's "
                            f"weight ({', '.join(plain(w) for w in sorted(weights))} kg): none is "
                            "used for doses per kg", None)
    return weights.pop() if stated and len(weights) == 1 else None


def quiet_sections(passage: Passage, spans: list[Any],
                   token_lists: list[list[Token]]) -> tuple[set[int], set[int]]:
    """The first tokens' starts of the sentences of a structured abstract's sections that tell
    no event of the case ("DISCUSSION: …", "CONCLUSIONS: …", and "BACKGROUND: …" where a
    heading of the case follows), up to the next heading ("CASE SUMMARY:", "RESULTS:"); and,
    of those, the ones of a section before the case ("BACKGROUND", "OBJECTIVE", …). A heading
    is written in capitals before a colon, or as a sentence of its own in any capitals
    ("Background.", "Case description.")."""
    names: list[str | None] = []
    for sentence in spans:
        head = _CAPITAL_HEADING.match(passage.text, sentence.start)
        alone = _SENTENCE_HEADING.fullmatch(passage.text, sentence.start, sentence.end)
        names.append(head.group(1) if head is not None
                     else alone.group(1).upper() if alone is not None else None)
    quiet_starts: set[int] = set()
    before_starts: set[int] = set()
    quiet = before = False
    for index, tokens in enumerate(token_lists):
        name = names[index]
        if name is not None:
            before = _BEFORE_HEADING.search(name) is not None and any(
                later is not None and not _QUIET_HEADING.search(later)
                and not _BEFORE_HEADING.search(later) for later in names[index + 1:])
            quiet = _QUIET_HEADING.search(name) is not None or before
        if quiet and tokens:
            quiet_starts.add(tokens[0].start)
            if before:
                before_starts.add(tokens[0].start)
    return quiet_starts, before_starts


def series_statement(said: str) -> bool:
    """Does the sentence speak of some of the patients of a series ("Five of the patients",
    "in 12 patients")? What "all (three) patients" or "both patients" were given is the series'
    common regimen, read as items."""
    return any(not re.search(r"\b(?:all|both|each\s+of\s+the|each\s+of)\s+$",
                             said[max(0, found.start() - 14):found.start()])
               for found in _SERIES.finditer(said))


def option_blocks(text: str) -> list[tuple[int, int]]:
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


def _not_a_weight(passage: Passage, token: Token, start: int, end: int) -> str | None:
    """Why a mass in kg is not read as the patient's weight, or None where the words of its
    sentence (``start``, ``end``) state it as one."""
    normal = passage.normal
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


def _named_so(passage: Passage, tokens: list[Token], index: int, inside: int, raw: str) -> bool:
    """ "acetaminophen (APAP)", "aspirin (ASA)", "transdermal fentanyl (TDF)": capitals in
    brackets right after a drug's name that abbreviate its chemical or product name, not its
    letters — an abbreviation of the drug where it has three letters or more, starts with the
    initial of the drug's name (or of the route before it), is a plain word to the reader (not a
    route, a release, a form, a class or a unit: "(IV)", "(CR)", "(NSAID)"), and the text puts
    it in brackets nowhere else (where it defines it for other words: "over-the-counter
    (OTC)")."""
    if len(raw) < 3 or tokens[inside].kind != "word":
        return False
    initials = {passage.word(tokens[index])[:1]}
    if index and tokens[index - 1].kind == "route":
        initials.add(passage.word(tokens[index - 1])[:1])
    if raw[0].lower() not in initials:
        return False
    return len(re.findall(rf"[(\[]\s*{re.escape(raw)}\s*[)\]]", passage.text)) == 1


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


#: A heading that says the list after its colon is taken every day: "Tha patient daily
#: consumes:", "Daily medications:", "His medication, taken every day:" — a word of the day with
#: no count of doses before it ("twice daily:" counts two doses of each: not a day's amount).
_DAILY_HEADING = re.compile(r"(?<!twice\s)(?<!times\s)\b(?:daily|every\s+day|each\s+day|per\s+day)\b"
                            r"[^.;:]*:\s*$")
#: A line of a list as written: a bullet, a dash, an asterisk or a number with a point or bracket.
_LIST_LINE = re.compile(r"[ \t]*(?:[-\u2022*]|\d{1,2}[.)])[ \t]")


def daily_list_lines(passage: Passage, spans: Sequence[Any], token_lists: Sequence[list[Token]]) -> None:
    """ "Tha patient daily consumes:" followed by the lines "• Mirtazapine 30 mg", "• Lorazepam
    5 mg": a heading that ends with a colon and says the list is taken daily (no amount of its
    own), and the lines of a list right after it, each a drug's name and one amount of mass with
    no schedule, as-needed word or time of its own — each amount is the drug's amount a day, as
    the list's heading says (``passage.daily_amounts``; finding ``daily-list`` on the item). The
    list ends at the first sentence that is not a line of a list; a line with a schedule of its
    own keeps it."""
    for index, span in enumerate(spans):
        heading = passage.normal[span.start:span.end]
        if not _DAILY_HEADING.search(heading) or any(
                t.kind == "amount" for t in token_lists[index]):
            continue
        numbered = False  # "1." read as a sentence of its own: the line is the next one
        for line, tokens in zip(spans[index + 1:], token_lists[index + 1:], strict=False):
            if re.fullmatch(r"\d{1,2}[.)]", passage.normal[line.start:line.end]):
                numbered = True
                continue
            marker = _LIST_LINE.match(passage.normal, line.start)
            if marker is None and not numbered:
                break
            numbered = False
            body = [t for t in tokens if marker is None or t.start >= marker.end()]
            if len(body) == 2 and body[0].kind == "drug" and body[1].kind == "amount" \
                    and body[1].value.mass and body[1].value.time is None \
                    and body[1].value.kind == "single" and not body[1].value.per_kg:
                passage.daily_amounts.add(body[1].start)


#: "This solution was started 2 mL twice daily", "The mixture was given 5 mL every 4 hours": a
#: sentence that opens on the solution or mixture the sentence before made up.
_THE_SOLUTION = re.compile(
    r"\s*(?:this|that|the|the\s+same)\s+(?:combined\s+|mixed\s+|drug\s+)?"
    r"(?:solution|mixture|admixture|cocktail|infusate)\b")


def solution_continued(passage: Passage, spans: Sequence[Sentence],
                       token_lists: Sequence[list[Token]]) -> tuple[list[Sentence], list[list[Token]]]:
    """ "… a combined solution of bupivacaine (1 mg/mL), morphine (1 mg/mL) and ketamine
    (1 mg/mL). This solution was started 2 mL twice daily via epidural route.": a sentence that
    opens on "this solution" (or mixture), names no drug and gives a volume, after a sentence
    whose drugs have only a concentration (no volume, no rate), tells the volume, schedule and
    route of that solution: the two are read as one sentence, so that each drug of the solution
    gets concentration × volume a dose. Nothing is joined where either sentence says otherwise."""
    joined_spans: list[Sentence] = []
    joined_tokens: list[list[Token]] = []
    for span, tokens in zip(spans, token_lists, strict=True):
        if joined_tokens and _continues_solution(passage, span, tokens, joined_tokens[-1]):
            last = joined_spans[-1]
            joined_spans[-1] = Sentence(last.index, last.start, span.end)
            joined_tokens[-1] = [*joined_tokens[-1], *tokens]
            passage.add_finding(Severity.INFO, "solution-continued",
                                f"{passage.text[span.start:span.end].strip()!r} gives the volume "
                                "of the solution the sentence before made up: read with it",
                                (span.start, span.end))
            continue
        joined_spans.append(Sentence(len(joined_spans), span.start, span.end))
        joined_tokens.append(tokens)
    return joined_spans, joined_tokens


def _continues_solution(passage: Passage, span: Sentence, tokens: Sequence[Token],
                        before: Sequence[Token]) -> bool:
    if not tokens or any(t.kind == "drug" for t in tokens) \
            or not _THE_SOLUTION.match(passage.normal, span.start) \
            or not any(t.kind == "amount" and t.value.volume for t in tokens):
        return False
    strengths = [t for t in before if t.kind == "amount" and t.value.concentration]
    return bool(strengths) and any(t.kind == "drug" for t in before) and not any(
        t.kind == "amount" and t.value.base == "ml" for t in before)


#: "On day 1, Mr. C receives …", "On the second day, she was given …": a sentence that opens
#: on the day of a course it tells.
_ON_DAY = re.compile(
    r"\s*on\s+(?:(?:hospital|post\s*-?\s*operative)\s+day\s*(?P<number>\d+)|day\s*(?P<bare>\d+)"
    r"|the\s+(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
    r"(?:\s+(?:hospital|post\s*-?\s*operative))?\s+day)\b\s*,")


def days_told_in_turn(passage: Passage, spans: Sequence[Sentence],
                      token_lists: Sequence[list[Token]]) -> None:
    """ "On day 1, Mr. C receives haloperidol, 20 mg, lorazepam, 9 mg … On day 2, he receives
    haloperidol, 15 mg …": sentences that each open on a different day of a course and tell
    what the patient received (was given, took) that day — two days or more, told in turn —
    give each day's amounts: an amount of mass with no frequency is what was received that day
    (how many doses made it is not written), as "24 mg on day 1 and 20 mg on day 2" in one
    sentence is. One such sentence alone is not read so (its amount may be one dose of the
    day), nor one whose verb starts, changes or stops a drug."""
    told: dict[int, str] = {}
    for span, tokens in zip(spans, token_lists, strict=True):
        opening = _ON_DAY.match(passage.normal, span.start)
        verbs = {t.value for t in tokens if t.kind == "verb"}
        if opening is None or not verbs <= {"give"} \
                or not _RECEIVED.search(passage.normal, span.start, span.end):
            continue
        told[span.index] = opening.group("number") or opening.group("bare") or opening.group("word")
    if len(set(told.values())) < 2:
        return
    for span, tokens in zip(spans, token_lists, strict=True):
        if span.index not in told:
            continue
        for token in tokens:
            amount = token.value if token.kind == "amount" else None
            if amount is not None and amount.mass and not amount.per and amount.high is None \
                    and len(amount.values) == 1:
                passage.day_amounts.add(token.start)
                passage.days_in_turn.add(token.start)


#: The verbs of what a patient was given on a day (not of starting or changing a regimen).
_RECEIVED = re.compile(r"\b(?:receives?|received|(?:is|are|was|were)\s+given|administered|took"
                       r"|takes)\b")


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5,
                 "vi": 6}
#: A case's heading at the start of a sentence: "## Case 2", "Case 2:", "Case 2 :", "Case 2.",
#: "Patient 3 —", "**Case 1**", "Case #2", "Case No. 2", "Case II:" — the word, its number, and
#: then a colon, a full stop, a dash, a bracket or the end of the line (never "Case 2 was …" in a
#: discussion, nor "patient 2 received" inside a sentence).
_CASE_HEADING = re.compile(
    r"[#*\s]*(case|patient)\s*(?:#\s*|no\.?\s*)?(\d{1,2}|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|i{1,3}|iv|vi?)\b\s*(?:\*\*\s*)?(?::|\.(?!\d)|[\u2013\u2014)]|-(?!\w)|\n|$)",
    re.I)
#: A paragraph that opens on the next patient: "The second patient, a 45-year-old woman, …",
#: "The third case was …" (at the start of the text or of a line).
_ORDINAL_CASE = re.compile(
    r"\s*the\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+"
    r"(case|patient)\b", re.I)


def case_starts(passage: Passage, spans: Sequence[Sentence]) -> dict[int, str]:
    """The sentences that open a case of a report of several ("## Case 2", "Case 2: a
    64-year-old man …", "Patient 3:", a paragraph opening "The second patient …"), each with
    the case's name ("Case 2", "Patient 3"); where the first such sentence opens a case after
    the first and words come before it, the text's first sentence opens the case before it
    ("Patient 1" before "The second patient"). Empty unless the text names two cases or more
    (two numbers, or a case after the first with words before it): a text of one case, or of
    the second case alone, has no boundary (prosefix8)."""
    found: dict[int, tuple[str, int]] = {}
    for span in spans:
        text = passage.text
        heading = _CASE_HEADING.match(text, span.start)
        if heading is not None:
            word, number = heading.group(1), heading.group(2).lower()
            value = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        else:
            line_start = span.start == 0 or "\n" in text[max(0, span.start - 3):span.start] \
                or text[:span.start].strip() == ""
            ordinal = _ORDINAL_CASE.match(text, span.start) if line_start else None
            if ordinal is None:
                continue
            word, value = ordinal.group(2), _ORDINALS[ordinal.group(1).lower()]
        found[span.index] = (f"{word.capitalize()} {value}", value)
    if not found:
        return {}
    first = min(found)
    words_before = any(passage.text[s.start:s.end].strip() for s in spans if s.index < first)
    numbers = {value for _, value in found.values()}
    if len(numbers) < 2 and not (words_before and max(numbers) > 1):
        return {}
    starts = {index: name for index, (name, _) in found.items()}
    name, value = found[first]
    if words_before and value > 1 and spans:
        # "… The second patient, …": the words before it tell of the first
        starts[spans[0].index] = f"{name.split()[0]} {value - 1}"
    return starts
