"""Drugs named without an amount, and whether the words say they were given.

A drug named with no amount of its own is an item with its dose unknown — unless it is negated;
named inside a total, a ratio, a worked calculation or a side of an equivalence; said of some
patients of a series; named as a condition, a service, a measurement, what another is compared
with, an example, the cause of an event, a party to an interaction or the object of its
pharmacology; in a general statement, a statement of the literature or of a habit of practice;
in the report's title or a section that tells no event; or in the sentence that sums the report
up while the case tells of it later. Each reason is said in a finding.
"""

from __future__ import annotations

import re

from mpsdose.io.prose.not_doses import calculation_sign, equivalence_side
from mpsdose.io.prose.passage import ItemReading, Passage
from mpsdose.io.prose.scan import DrugName, Token, bracket_around
from mpsdose.io.prose.words import CONDITIONS, NAME_NOUNS, ONE_PATIENT, SALTS, SERVICES
from mpsdose.model.findings import Severity

__all__ = ["named_without_amount", "not_given", "of_the_story", "route_named"]

#: Verbs of a general statement right after a drug's name, in the present tense ("Methadone is
#: an opioid used in Japan", "… may be considered", "fentanyl patch (FP) are often used").
_GENERAL_VERBS = frozenset({"is", "are", "may", "can", "should", "must", "has", "have",
                            "remains", "remain", "offers", "offer", "provides", "provide",
                            "works", "acts", "improves", "relieves", "reduces", "causes",
                            "inhibits", "induces", "produces", "prolongs", "blocks", "binds",
                            "exerts", "lacks", "carries", "appears", "seems", "shows", "enables"})
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
                      r"(?:report|article|paper|case|study|series|review)\b"
                      # "The study objective was to assess the efficacy of olanzapine …"
                      r"|(?:the\s+|this\s+|our\s+)?(?:study|report|review|series)(?:'s)?\s+"
                      r"(?:objective|aim|purpose)\s+(?:was|is)\s+to\b")
#: A finite verb, a verb of the story or a person: a sentence with one is no title.
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|did|does|do|will|would|can|could|may|"
                     r"might|should|must|we|he|she|they|i|our|received|started|commenced|given|"
                     r"took|presented|developed|underwent|admitted|prescribed|switched|changed|used|"
                     r"required|needed|experienced|reported|showed|became|got|continued)\b")
_GENERIC = re.compile(
    r"(?<!\bthe\s)(?<!\bthese\s)(?<!\bour\s)(?<!\bboth\s)(?<!\ball\s)(?<!\btwo\s)(?<!\bthree\s)"
    r"\bpatients\b|\b(?:case\s+)?reports\b|\bstudies\b|\bguidelines\b|\bliterature\b|\bclinicians\b"
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
#: A drug named as what something was believed or mistaken to be ("he had been self-medicating
#: … with APAP 7.5 grams daily for four weeks, believing it was aspirin", "mistaking it for
#: ibuprofen"): not a drug taken.
_BELIEVED = re.compile(
    r"\b(?:believ(?:ing|ed)|think(?:ing)?|thought|assum(?:ing|ed)|suppos(?:ing|ed))\s+(?:that\s+)?"
    r"(?:it|this|they|them|these|the\s+[a-z\-]+)\s+(?:was|were|is|are|to\s+be|contained)\s+"
    r"(?:an?\s+|the\s+|only\s+)?$"
    r"|\b(?:mistak(?:ing|en)|mistook)\s+(?:(?:it|this|them|the\s+[a-z\-]+)\s+)?for\s+(?:an?\s+)?$"
    r"|\bconfus(?:ed|ing)\s+(?:(?:it|them)\s+)?with\s+(?:an?\s+)?$")
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
#: A drug named as the cause of an event: "These symptoms were attributed to tramadol".
_CAUSE = re.compile(r"\b(?:attributed|ascribed|attributable)\s+to\s+$|\b(?:caused|induced)\s+by\s+$"
                    # "a causal role of codeine, morphine and hydromorphone … is likely"
                    r"|\b(?:causal|causative|contributory)\s+role\s+of\s+$"
                    # "a decrease in IgG4 expression …, probably because of the intermittent
                    # prednisone treatment"
                    r"|\b(?:because\s+of|due\s+to|owing\s+to|as\s+a\s+result\s+of|secondary\s+to)"
                    r"\s+(?:the\s+|his\s+|her\s+|their\s+|this\s+)?(?:[a-z\-]+\s+)?$")


#: The words of a susceptibility test ("MICs were …", "susceptible to", "E-test", "breakpoint").
_SUSCEPTIBILITY = re.compile(r"\bmics?\b|minim(?:um|al)\s+inhibitory|susceptib|\be-?test\b|"
                             r"breakpoints?\b|\bresistant\s+to\b|\bisolates?\b")
#: A minimum inhibitory concentration right after a drug's name: a concentration per litre or
#: millilitre, or a bare number after a sign of comparison, perhaps in brackets and after "MIC"
#: ("0.5 mg/l", "≤0.125 mg/L", "≤0.008", "(MIC = 2 mg/L)").
_MIC_AFTER = re.compile(r"\s*[(\[]?\s*(?:mic\s*)?(?:[:=]\s*)?(?:(?:[≤≥<>]\s*=?\s*)\d[\d.]*(?![\d.])|"
                        r"(?:[≤≥<>]\s*=?\s*)?\d[\d.]*\s*(?:mg|µg|mcg|ug)\s*/\s*(?:l|ml)\b)")


def named_without_amount(passage: Passage, sentence: int, tokens: list[Token],
                         readings: list[ItemReading]) -> list[ItemReading]:
    """Drugs named without an amount of their own: items with the dose unknown (unless
    negated, or the sentence gives the same drug an amount)."""
    with_amount = {r.drug for r in readings}
    bound = {r.first for r in readings} | {r.last for r in readings}
    found: list[ItemReading] = []
    # the name whose amount the text leaves open ("0.5 or 2 mg dexamethasone") comes first
    order = sorted(range(len(tokens)), key=lambda i: tokens[i].start not in passage.open_dose_names)
    for index in order:
        token = tokens[index]
        if token.kind != "drug" or index in bound or index in passage.negated_tokens:
            continue
        name: DrugName = token.value
        if name.drug in with_amount:
            continue
        if _negated(passage, tokens, index):
            passage.add_finding(Severity.INFO, "negated",
                                f"{passage.text[token.start:token.end]!r} is negated or not given: not "
                                "an item", (token.start, token.end))
            continue
        if _inside_total(passage, tokens, index) or _in_ratio(passage, tokens, index):
            continue
        if passage.knowledge.name_kinds.get(" ".join(name.name.lower().split())) == "illicit":
            passage.add_finding(Severity.INFO, "illicit-name-without-amount",
                                f"{passage.text[token.start:token.end]!r} is the name of a "
                                "substance of misuse, named without an amount: substance use, "
                                "not an item", (token.start, token.end))
            continue
        if passage.series:
            passage.add_finding(Severity.INFO, "named-in-a-series",
                                f"{passage.text[token.start:token.end]!r} is named in a statement "
                                "about the patients of a series, not one patient's regimen: not an "
                                "item", (token.start, token.end))
            continue
        why = _named_not_given(passage, tokens, index) or _told_elsewhere(passage, tokens, index)
        if why is None and equivalence_side(passage, tokens, index, right_only=True):
            why = "as a side of an equivalence the text states"  # "… equivalent to morphine"
        if why is not None:
            passage.add_finding(Severity.INFO, "named-not-given",
                                f"{passage.text[token.start:token.end]!r} is named {why}: not an item",
                                (token.start, token.end))
            continue
        if _in_calculation_brackets(tokens, index):
            passage.add_finding(Severity.INFO, "named-in-a-calculation",
                                f"{passage.text[token.start:token.end]!r} is named inside a worked "
                                "calculation: not an item", (token.start, token.end))
            continue
        found.append(ItemReading(name.drug, token.name_span, sentence, index, index,
                                 name_route=name.route))
        with_amount.add(name.drug)
    return found


def route_named(tokens: list[Token], index: int) -> bool:
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


def of_the_story(passage: Passage, tokens: list[Token]) -> bool:
    """Does a sentence tell of the patient (a patient named, an amount, a verb of the story),
    rather than of patients in general?"""
    return bool(tokens) and (
        ONE_PATIENT.search(passage.normal[tokens[0].start:tokens[-1].end]) is not None
        or any(t.kind == "amount" for t in tokens)
        or any(t.kind == "verb" and _story_verb(passage, tokens, p, nouns=True)
               for p, t in enumerate(tokens)))


def not_given(passage: Passage, tokens: list[Token], reading: ItemReading) -> bool:
    """ "did not receive morphine 10 mg", "no morphine 10 mg was given": an amount the text
    says was not given."""
    drug = passage.token_at.get(reading.drug_span[0])
    if drug is None or reading.from_earlier:
        return False
    for position in range(drug - 1, max(-1, drug - 4), -1):
        token = tokens[position]
        if token.kind in ("clause", "drug", "amount", "punct"):
            break
        if token.kind == "neg" and passage.normal[token.start:token.end] in ("no", "never"):
            passage.negated_tokens.add(drug)
            return _negated_note(passage, token)
        if token.kind == "verb" and token.value in ("give", "start") and position > 0 and \
                tokens[position - 1].kind == "neg":
            passage.negated_tokens.add(drug)
            return _negated_note(passage, tokens[position - 1])
    return False


def _named_not_given(passage: Passage, tokens: list[Token], index: int) -> str | None:
    """How a drug named without an amount is named, where the words do not say it was given:
    as a condition ("fentanyl overdose", "morphine-induced"), as a service ("methadone
    clinic"), as the setting of a reaction ("he developed myoclonus following concomitant
    administration of morphine and hydromorphone"), as what another is compared with
    ("advantages over morphine"), or in a general statement ("Methadone, a synthetic opioid,
    may be more effective …", "fentanyl patch (FP) are often used …", "The use of intravenous
    methadone by PCA is attractive …"). None where it may be an item."""
    after = index + 1
    while after < len(tokens) and (tokens[after].kind in ("form", "release", "route") or
                                   passage.word(tokens[after]) in SALTS):
        after += 1
    following = passage.word(tokens[after]) if after < len(tokens) else ""
    joined = passage.normal[tokens[index].end:tokens[index].end + 12]
    heading = _heading(passage, tokens)
    if heading is not None:
        return heading
    if after + 1 < len(tokens) and tokens[after].kind == "close" and index >= 1 \
            and tokens[index - 1].kind == "open":
        # "benzodiazepine (diazepam) misuse": the noun after a bracket that holds only the
        # name is said of it
        following = passage.word(tokens[after + 1])
    if following in CONDITIONS or re.match(r"-(?:induced|related|associated)\b", joined):
        return "as a condition, not a treatment"
    if following in SERVICES:
        return "as a service, not a treatment"
    listed = tokens[_bracketed_list_head(passage, tokens, index)].start
    if _INTOLERANCE_HISTORY.search(passage.normal[max(0, listed - 100):listed]):
        return "as a drug of a past intolerance (\"a history of … side effects with\"), not a dose given"
    if re.search(r"\bthe\s+max(?:imum|imal)\s+(?:(?:daily|single|recommended|permitted)\s+)?"
                 r"(?:doses?|dosages?)\s+(?:of|for)\s+$",
                 passage.normal[max(0, tokens[index].start - 60):tokens[index].start]) \
            and re.match(r"\s+(?:is|are)\b", passage.normal[tokens[index].end:]):
        return "as the drug whose maximum dose is stated (a label's limit), not a dose given"
    if _BELIEVED.search(passage.normal[max(0, tokens[index].start - 40):tokens[index].start]):
        return "as what something was believed or mistaken to be, not a drug taken"
    before_name = passage.normal[max(0, tokens[index].start - 30):tokens[index].start]
    said_all = passage.normal[tokens[0].start:tokens[-1].end]
    measured = re.match(r"\s+(?:(?:plasma|serum|blood)\s+)?(?:concentrations?|levels?)\b",
                        passage.normal[tokens[index].end:tokens[index].end + 30])
    if (re.search(r"\b(?:plasma|serum|blood)\b", said_all)
            or any(t.kind == "lab" for t in tokens)) and (
            measured
            or re.search(r"\b(?:concentrations?|levels?)\s+of\s+$", before_name)):
        # "the plasma concentration of paracetamol was 3040 mumol/l", "fentanyl blood
        # concentration", "Dabigatran concentration was not detectable … (<30 ng/mL)": a
        # measurement (of blood, plasma or serum, or in a laboratory unit), not a dose given
        return "in a measurement of its level, not a dose given"
    if _SUSCEPTIBILITY.search(said_all) and _MIC_AFTER.match(passage.normal, tokens[index].end):
        # "MICs were amphotericin B 0.5 mg/l, …, fluconazole ≤0.125 mg/l": the result of a
        # susceptibility test of the isolate, not a dose given (prosefix7475, fresh74-029)
        return "as a susceptibility test's result (a minimum inhibitory concentration), not a dose given"
    if _SUSCEPTIBILITY.search(said_all) and not any(
            t.kind == "amount" and (t.start, t.end) not in passage.set_aside for t in tokens) \
            and not any(t.kind == "verb" for t in tokens) \
            and not re.search(r"\b(?:given|treated|received|took|taking|prescribed|administered)\b",
                              said_all):
        # "The MICs of itraconazole, voriconazole … and fluconazole were detected by
        # microdilution", "MICs of 0.125 mg/L for itraconazole": the agents a susceptibility
        # test tried on the isolate, in a sentence that gives nothing (prosefix131134,
        # fresh132-030)
        return "as an agent of a susceptibility test, not a dose given"
    lead = index  # "similar to those of immediate-release morphine"
    while lead > 0 and tokens[lead - 1].kind in ("route", "release", "form"):
        lead -= 1
    ahead = passage.normal[max(0, tokens[lead].start - 40):tokens[lead].start]
    if _COMPARED.search(ahead):
        return "as what another is compared with, not a treatment given"
    said = passage.normal[tokens[0].start:tokens[-1].end]
    one = ONE_PATIENT.search(said) is not None
    untold = not _PAST.search(said) and not any(
        t.kind == "amount" and (t.start, t.end) not in passage.set_aside for t in tokens)
    timeless = untold and _PRESENT.search(said) is not None
    if untold and not one and _EXAMPLES.search(ahead):
        return "as an example of a kind in a general statement, not a drug given"
    amounts = any(t.kind == "amount" and (t.start, t.end) not in passage.set_aside for t in tokens)
    if not one and not amounts and not _PAST.search(said) and _HABITUAL.search(said):
        return "in a general statement of practice, not of this patient"
    if not one and not amounts and not _PAST.search(said) and _LITERATURE.search(said):
        return "in a statement of the literature, not of this patient"
    if not one and not amounts and _INTERACTION.search(passage.normal[
            max(0, tokens[_list_head(passage, tokens, index)].start - 60):tokens[index].start]):
        return "as a party to the interaction the report is about, not an event of the regimen"
    if not amounts and _USUAL_DOSES.search(passage.normal[max(0, tokens[index].start - 80):
                                                          tokens[index].start]):
        return "after \"the usual doses of\": doses in general, not the patient's"
    if not amounts and _PHARMACOLOGY.search(before_name):
        return "as the object of its pharmacology, not an event of the regimen"
    if not amounts and _CAUSALITY.search(said):
        return "in a causality assessment, not an event of the regimen"
    if timeless and not one and _subject_of_general_verb(passage, tokens, after):
        # "Methadone is a commonly prescribed opioid …", "The combination of oxycodone and
        # naloxone is useful …": a participle later in the sentence is no event of the story
        return "in a general statement, not of this patient"
    before = passage.normal[tokens[max(0, index - 12)].start:tokens[index].start]
    if re.search(r"\b(?:developed|experienced|suffered)\b", said) and re.search(
            r"\b(?:during|following|after)\s+(?:concomitant\s+)?(?:treatment|therapy|"
            r"administration|use)\s+(?:with|of)\s+(?:[a-z\-]+(?:\s*,\s*|\s+and\s+|\s+or\s+))*$",
            before):
        return "as the setting of a reaction, not an event of the regimen"
    if one or any(t.kind == "amount" and (t.start, t.end) not in passage.set_aside
                  for t in tokens) or any(
            t.kind == "verb" and _story_verb(passage, tokens, p) for p, t in enumerate(tokens)):
        return None
    if any(tokens[p].kind == "verb" and _gerund_after_preposition(passage, tokens, p)
           and not re.match(r"\s+(?:doses|dosages|amounts|rates)\b",
                            passage.normal[tokens[p].end:tokens[p].end + 12])
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
    while position < len(tokens) and (passage.word(tokens[position]) in NAME_NOUNS
                                      or passage.word(tokens[position]).endswith("ly")):
        position += 1  # "Morphine treatment dramatically improves …"
    if position < len(tokens) and passage.word(tokens[position]) in _GENERAL_VERBS:
        return "in a general statement, not of this patient"
    if _PRESENT.search(said) and not _PAST.search(said) and _GENERIC.search(said) \
            and passage.sentence not in passage.summaries:  # "The use of … morphine … is described."
        return "in a general statement, not of this patient"
    return None


def _subject_of_general_verb(passage: Passage, tokens: list[Token], position: int) -> bool:
    """Is the drug whose name ends before ``position`` the subject of a verb of a general
    statement ("Methadone is …", "oxycodone and naloxone is …", "The dose of oral morphine is
    titrated …")? Other drugs joined to it by "and", "or" or "/" are skipped."""
    while position + 1 < len(tokens) and (
            passage.word(tokens[position]) in ("and", "or", "/")
            or (tokens[position].kind == "punct" and tokens[position].value == "/")) \
            and tokens[position + 1].kind == "drug":
        position += 2
    while position < len(tokens) and (passage.word(tokens[position]) in NAME_NOUNS
                                      or passage.word(tokens[position]).endswith("ly")):
        position += 1
    return position < len(tokens) and passage.word(tokens[position]) in _GENERAL_VERBS


def _told_elsewhere(passage: Passage, tokens: list[Token], index: int) -> str | None:
    """A drug named without an amount where the case tells of it in another sentence: in the
    sentence that sums the report up ("We report a patient … with burst ketamine therapy"),
    when a later sentence of the case names it, and gives its route where the summary does
    ("We present four patients in whom epidural morphine was used" is kept when the case
    names no route before "morphine"); as the cause of an event ("These symptoms
    were attributed to tramadol"), when another sentence names it."""
    drug = tokens[index].value.drug
    after = [other for other in range(passage.sentence + 1, len(passage.named))
             if other not in passage.summaries]
    later = any(drug in passage.named[other] for other in after)
    routed = any(drug in passage.routed[other] for other in after)
    if passage.sentence in passage.summaries and later and (
            routed or not route_named(tokens, index)):
        return "in the sentence that sums the report up; the case tells of it after"
    head = _list_head(passage, tokens, index)
    ahead = passage.normal[max(0, tokens[head].start - 30):tokens[head].start]
    if _CAUSE.search(ahead) and (later or any(drug in passage.all_named[other]
                                               for other in range(passage.sentence))):
        return "as the cause of an event; the case tells of it in another sentence"
    return None


def _list_head(passage: Passage, tokens: list[Token], index: int) -> int:
    """The first name of a list of drugs' names that ends at ``index`` ("codeine, morphine and
    hydromorphone": the words before the list are said of each of them)."""
    head = index
    while head >= 2 and tokens[head - 2].kind == "drug" and (
            (tokens[head - 1].kind == "plus" and passage.word(tokens[head - 1]) in ("and", "or"))
            or (tokens[head - 1].kind == "punct" and tokens[head - 1].value == ",")):
        head -= 2
    return head


#: "a history of intolerable side effects with fluoxetine (…) and citalopram (…)", "a history of
#: allergy to codeine": drugs the patient did not tolerate before, not items of the regimen.
_INTOLERANCE_HISTORY = re.compile(
    r"\bhistory\s+of\s+(?:[a-z-]+\s+){0,3}(?:side\s*-?\s*effects?|adverse\s+(?:effects?|events?|"
    r"reactions?)|intoleran(?:ce|cy)|allerg(?:y|ies|ic\s+reactions?)|hypersensitivity|reactions?)"
    r"\s+(?:with|to|from|of)\s+$")


def _bracketed_list_head(passage: Passage, tokens: list[Token], index: int) -> int:
    """The first name of a list of drugs' names that ends at ``index``, each name perhaps
    followed by words in brackets ("fluoxetine (gastrointestinal distress) and citalopram")."""
    head = index
    while head >= 2 and ((tokens[head - 1].kind == "plus" and passage.word(tokens[head - 1])
                          in ("and", "or")) or (tokens[head - 1].kind == "punct"
                                                and tokens[head - 1].value == ",")):
        before = head - 2
        if tokens[before].kind == "close":
            while before > 0 and tokens[before].kind != "open":
                before -= 1
            before -= 1
        if before < 0 or tokens[before].kind != "drug":
            break
        head = before
    return head


def _story_verb(passage: Passage, tokens: list[Token], position: int, *, nouns: bool = False) -> bool:
    """Is the verb at ``position`` an event of a story? Not a verb in -ing after a preposition
    ("before switching to methadone") or as an adjective ("an increasing number of reports",
    "tramadol increasing popularity"), nor a noun of action or an infinitive ("a strategy for
    rapid titration of fentanyl in patients … who are unable to take oral medication"; unless
    ``nouns``: "we undertook a partial opioid rotation to … morphine" tells of the story), nor
    one in the present perfect of the literature ("Recent case reports have raised concerns").
    """
    if _gerund_after_preposition(passage, tokens, position):
        return False
    word = passage.word(tokens[position])
    previous = passage.word(tokens[position - 1]) if position else ""
    if word.endswith("ing") and previous not in ("was", "were", "is", "are", "been", "being"):
        return False
    if not nouns and (word.endswith(("tion", "ment")) or previous == "to"
                      or previous.endswith(" to")):
        return False  # "a reasonable strategy for rapid titration of fentanyl", "unable to take"
    return previous not in ("have", "has")


def _gerund_after_preposition(passage: Passage, tokens: list[Token], position: int) -> bool:
    """ "before switching to methadone", "for treating pain": a verb in -ing after a
    preposition names an action in general, not an event of the story."""
    word = passage.normal[tokens[position].start:tokens[position].end]
    return word.endswith("ing") and position > 0 and passage.normal[
        tokens[position - 1].start:tokens[position - 1].end] in (
            "before", "after", "for", "of", "by", "when", "without", "in", "despite")


def _in_calculation_brackets(tokens: list[Token], index: int) -> bool:
    group = bracket_around(tokens, index)
    return group is not None and any(
        calculation_sign(tokens, p) in ("divide", "times")
        for p in range(group[0] + 1, group[1]))


def _in_ratio(passage: Passage, tokens: list[Token], index: int) -> bool:
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
            passage.normal[t.start:t.end] in ("ratio", "ratios")
            for t in tokens[max(0, pair - 8):pair]):
        return False
    token = tokens[index]
    passage.add_finding(Severity.INFO, "named-in-a-ratio",
                        f"{passage.text[token.start:token.end]!r} is named as a side of a ratio: not an "
                        "item", (token.start, token.end))
    return True


def _negated(passage: Passage, tokens: list[Token], index: int) -> bool:
    for position in range(index - 1, max(-1, index - 5), -1):
        token = tokens[position]
        if token.kind in ("clause", "drug", "amount") or token.kind == "punct":
            break
        if token.kind == "neg" and passage.normal[token.start:token.end] != "without":
            return True
        if token.kind == "neg":
            return True
    for position in range(index + 1, min(len(tokens), index + 6)):
        token = tokens[position]
        if token.kind in ("clause", "drug", "amount") or token.kind == "punct":
            break
        if token.kind == "neg" and passage.normal[token.start:token.end] != "without":
            rest = tokens[position + 1:position + 3]
            if any(t.kind == "verb" and t.value in ("give", "start") for t in rest):
                return True
    return False


def _negated_note(passage: Passage, token: Token) -> bool:
    passage.add_finding(Severity.INFO, "negated", f"{passage.text[token.start:token.end]!r}: the text "
                        "says it was not given: not an item", (token.start, token.end))
    return True


#: "after the long-term use of the hydroxycarbamide with a dose of 1000 mg/day": the dose of
#: the use, said right after the name, is the dose the patient took, so "the use of" names no
#: total there (prosefix126127, fresh127-003).
_DOSE_OF_THE_USE = re.compile(
    r"\s*,?\s*(?:with|at|in)\s+(?:an?\s+)?(?:daily\s+|total\s+daily\s+)?(?:doses?|dosages?)\s+of\b")


def _inside_total(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "morphine IV equivalents", "total fentanyl use", "the median duration of IV
    methadone": a drug named inside a total or a series figure."""
    window = tokens[index + 1:index + 4]
    if window and window[0].kind == "cue" and window[0].value in ("ome", "use") \
            and passage.normal[window[0].start:window[0].end] != "used":
        return True  # "morphine consumption was 300 mg per day" ("oxycodone used to treat …" is
        # no total)
    if any(t.kind == "cue" and t.value == "available" for t in tokens[index + 1:index + 5]):
        token = tokens[index]
        passage.add_finding(Severity.INFO, "named-in-general",
                            f"{passage.text[token.start:token.end]!r} is named as available, not given: "
                            "not an item", (token.start, token.end))
        return True
    if any(t.kind == "cue" and t.value in ("ome", "use")
           and passage.normal[t.start:t.end] != "used" for t in window[:2]) and not any(
            t.kind == "amount" for t in window):
        return True
    before = tokens[max(0, index - 5):index]
    near = tokens[max(0, index - 3):index]
    after_total = any(i in passage.total_tokens for i in range(max(0, index - 3), index))
    use_of = any(t.kind == "cue" and t.value == "use" and passage.normal[t.end:t.end + 4] == " of "
                 for t in near) and not _DOSE_OF_THE_USE.match(passage.normal, tokens[index].end)
    if after_total or use_of or (any(t.kind == "cue" and t.value in ("series", "ome", "total")
                                    for t in before) and not any(
            t.kind in ("amount", "verb", "clause") for t in before)):
        token = tokens[index]
        passage.add_finding(Severity.INFO, "named-in-a-total",
                            f"{passage.text[token.start:token.end]!r} is named in a total or a series "
                            "figure: not an item", (token.start, token.end))
        return True
    return False


def _heading(passage: Passage, tokens: list[Token]) -> str | None:
    """A sentence with no amount that is the report's title (the text's first sentence, one
    line ending in a full stop with more text after it, with no verb of its own: "Ischaemic
    colitis in a patient taking meloxicam.") or opens a structured abstract's section that
    tells no event ("OBJECTIVE: To describe …", "CONCLUSIONS: …", "The objective of this
    report is …"): a drug it names is the report's subject, not an item."""
    if any(t.kind == "amount" and (t.start, t.end) not in passage.set_aside for t in tokens):
        return None
    said = passage.normal[tokens[0].start:tokens[-1].end]
    if _SECTION.match(said) or tokens[0].start in passage.quiet_starts:
        return "where the report states its subject (objective, background, discussion or "\
            "conclusion), not an event of the case"
    if not passage.text[:tokens[0].start].strip() and passage.text[tokens[-1].end:].strip() \
            and not _FINITE.search(said) \
            and not said.startswith("to ") and "\n" not in said \
            and said.endswith("."):
        # a title is one line ending in a full stop; "To report a case of …" states a purpose
        return "in the report's title, not an event of the case"
    return None
