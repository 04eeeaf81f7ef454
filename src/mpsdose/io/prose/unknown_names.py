"""Names the catalogue does not know: an amount that belongs to one is given to no catalogue drug.

A word shaped like a drug's name (an INN stem, a class noun, a vitamin, a capitalised brand) that
heads an amount, stands after "dose of", after a conjunction that follows a drug with its own
amount, joined to the drug by a conjunction before the amount ("fluoxetine and buspirone added
with the amount of 15 mg per day"), or at the head of a list item or a bracket: the amount is that
name's; and an amount that follows such a name's amount with no drug between ("… 50 mg …
followed with 25 mg") goes on with it. Each is said in a finding and its amount set aside. The
binding pass (:mod:`.binding`) asks these before it gives an amount to the drug before it or to
the drug the story is about.
"""

from __future__ import annotations

import re

from mpsdose.io.prose.passage import Passage
from mpsdose.io.prose.scan import Token, opening_bracket
from mpsdose.io.prose.words import (
    CONDITIONS,
    GLUE,
    INN_STEM,
    MODAL_ADVERBS,
    MODALS,
    NAME_NOUNS,
    NOT_A_NAME,
    NOT_NAMES,
    ROUTE_NOUNS,
    SALTS,
    SERVICES,
    name_like,
)

__all__ = [
    "after_unknown_name",
    "changed_unknown_name",
    "coordinated_unknown_name",
    "daily_of_unknown_name",
    "dose_of_name",
    "dose_of_unknown_between",
    "follows_unknown_dose",
    "for_unknown_word",
    "given_at_unknown_name",
    "given_by_route",
    "headed_by_unknown_name",
    "infusion_of_name",
    "name_at_a_dose",
    "named_after_conjunction",
    "subject_unknown_name",
    "symptom_dose_among_drugs",
]

#: Times of day a dose is given at, written bare after its amount ("100 mg bedtime").
_TIMES_OF_DAY = frozenset({"night", "morning", "evening", "noon", "midday", "lunch", "lunchtime",
                           "dinner", "supper", "breakfast", "bedtime", "afternoon"})
#: Articles that may open the noun phrase of a name after a conjunction ("and the amiodarone drip").
_ARTICLES = frozenset({"the", "a", "an", "his", "her", "their"})
#: Words of how a drug is given that may stand before its name ("nebulized terbutaline").
_GIVEN_AS = frozenset({"nebulized", "nebulised", "inhaled", "aerosolized", "aerosolised"})
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
                              "intake", "intakes", "fluids", "fluid", "hydration", "access", "route",
                              "bolus", "boluses", "injection", "injections", "doses", "dosing",
                              "preparation", "formulation", "solution", "sedation", "steroids",
                              "steroid", "corticosteroids", "corticosteroid", "pulse", "pulses"})
#: Words after "switched to" that name a way of giving the same drug, not what replaces it
#: ("switched to subcutaneous route 10 mg", "changed to depot 50 mg monthly").
_NOT_REPLACEMENTS = frozenset({"route", "routes", "depot", "schedule", "scheme", "regime",
                               "protocol", "product", "brand", "generic", "mouth"})
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
#: Participles of giving whose subject is the drug ("baclofen added (10 mg tid)", "X was
#: started at 5 mg"); not the verbs whose subject is the patient ("received", "took").
_GIVEN_PARTICIPLES = frozenset({"added", "started", "given", "commenced", "initiated",
                                "introduced", "begun", "administered", "prescribed"})
#: Symptoms and signs a drug's effect is reported as ("headache at a dosage of 112.5 mg/day"):
#: before the words of a dose they say at which dose it came, and are no drug's name.
_SYMPTOMS = frozenset({"headache", "headaches", "nausea", "vomiting", "dizziness", "vertigo",
                       "drowsiness", "somnolence", "sedation", "insomnia", "tremor", "tremors",
                       "seizure", "seizures", "confusion", "delirium", "agitation", "fever",
                       "palpitations", "tachycardia", "bradycardia", "hypertension",
                       "hypotension", "constipation", "diarrhea", "diarrhoea", "fatigue",
                       "sweating", "pruritus", "itching", "hallucinations", "myoclonus",
                       "symptoms", "effects"})
#: Words of a dose between a name and its amount: "pyridoxine in dose of 50 mg", "X at a daily
#: dose of 2 g", "X at 80 mg" — they do not head the amount, the name before them does.
_DOSE_PHRASE = frozenset({"in", "at", "with", "a", "an", "the", "of", "dose", "doses", "dosage",
                          "daily", "total", "initial", "starting", "usual", "maximum", "single",
                          "oral", "intravenous", "prophylactic"})


def for_unknown_word(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "0.0002% epinephrine", "40 mg of triamcinolone": an amount right before a word the
    catalogue does not know (or before "of" and that word) is that word's, not the drug
    before it."""
    if index + 1 >= len(tokens):
        return False
    following = tokens[index + 1]
    if following.kind == "word" and following.value == "of" and index + 2 < len(tokens) \
            and tokens[index + 2].kind == "word":
        following = tokens[index + 2]  # "40 mg of triamcinolone"
    elif following.kind != "word" or following.value in GLUE or (following.end != tokens[
            index].end + 1 and passage.normal[tokens[index].end:following.start].strip()):
        return False
    if following.value in GLUE:
        return False
    word = str(following.value)
    # "50 mg morning and 100 mg bedtime": a time of day after the amount is when it is given
    return name_like(word) and word not in NOT_NAMES | _TIMES_OF_DAY


def daily_of_unknown_name(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "6 mg daily of ropinirole": the word after an amount, its schedule and "of" names the
    drug of the amount — where the catalogue does not know it, the amount is that name's,
    never the drug named before it. So with the noun of a dose between ("60 mg daily dose of
    thymoglobulin", "60 mg dose of X", "40 mg/day divided dose of X"). Said in a finding; not
    read."""
    position = index + 1
    scheduled = position < len(tokens) and tokens[position].kind == "freq"
    if scheduled:
        position += 1
    if position + 1 < len(tokens) and passage.word(tokens[position]) == "divided" \
            and passage.word(tokens[position + 1]) in _DOSE_NOUNS:
        position += 1  # "40 mg/day divided dose of X": the dose's own adjective (prosefix135)
    if position < len(tokens) and passage.word(tokens[position]) in _DOSE_NOUNS:
        position += 1
    elif not scheduled:
        return False
    if position + 1 >= len(tokens):
        return False
    of, name = tokens[position], tokens[position + 1]
    if of.kind != "word" or of.value != "of" or name.kind != "word":
        return False
    word = str(name.value)
    if not name_like(word) or word in NOT_A_NAME | _KINDS_OF_GIVING | ROUTE_NOUNS | NAME_NOUNS:
        return False
    token = tokens[index]
    said = passage.text[name.start:name.end]
    passage.add_unknown_amount(
        token,
        f"the amount of {said!r}, a name the catalogue does not know",
        f"{passage.text[token.start:token.end]!r} is the amount of {said!r}, a name the "
        "catalogue does not know: not read, and not given to another drug",
        (token.start, name.end))
    return True


#: Words of whose dose a verb of change speaks, before the name ("increased her X from …").
_WHOSE = frozenset({"her", "his", "their", "the", "its", "patient's", "patients"})
#: Words between the changed name and its amounts ("increased her X from 2 mg to 6 mg").
_CHANGE_GLUE = frozenset({"from", "to", "by", "up", "down", "and", "then", "gradually",
                          "further", "again"})


def changed_unknown_name(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "increased her ropinirole from 2 mg to 6 mg daily", "reduced his X to 50 mg": the
    object of a verb of a change of dose names the drug whose amounts follow — where the
    catalogue does not know it, they are that name's, never another drug's. Only the words
    of the change ("from", "to", "by"), amounts and schedules may stand between the name and
    the amount; a share ("increased saturation to 99 %") is no dose. Said in a finding; not
    read."""
    if tokens[index].value.base == "%":
        return False
    position = index - 1
    while position >= 0 and (tokens[position].kind in ("amount", "freq") or (
            tokens[position].kind == "word" and tokens[position].value in _CHANGE_GLUE)):
        position -= 1
    if position < 1 or position == index - 1 or tokens[position].kind != "word":
        return False
    name = tokens[position]
    word = str(name.value)
    if not name_like(word) or word in (NOT_A_NAME | _KINDS_OF_GIVING | ROUTE_NOUNS | NAME_NOUNS
                                       | _FURTHER | _NOT_GIVEN_NOUNS):
        return False
    position -= 1
    if tokens[position].kind == "word" and passage.word(tokens[position]) in _WHOSE:
        position -= 1
    if position < 0 or tokens[position].kind != "verb" \
            or tokens[position].value not in ("increase", "decrease", "titrate"):
        return False
    token = tokens[index]
    said = passage.text[name.start:name.end]
    passage.add_unknown_amount(
        token,
        f"the amount of {said!r}, a name the catalogue does not know, whose dose was changed",
        f"{passage.text[token.start:token.end]!r} is the changed dose of {said!r}, a name "
        "the catalogue does not know: not read, and not given to another drug",
        (name.start, token.end))
    passage.unknown_named_at = max(passage.unknown_named_at, name.start)
    return True


def subject_unknown_name(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "Memantine, an N-methyl-D-aspartate antagonist, was increased from 10 mg/day to 15
    mg/day": a capitalised name the catalogue does not know, the subject of the sentence (its
    first word, an apposition between commas allowed), whose dose a verb of change after it
    speaks of, owns the amounts that follow with no catalogue drug between — never the drug
    the story is about. Said in a finding; not read."""
    if index >= 3 and _abbreviation_subject(passage, tokens, index):
        return True
    if index < 3 or tokens[0].kind != "word":
        return False
    # "His mycophenolic acid was titrated to 1,000 mg": a possessive first, then the name in
    # lower case, and a salt word after it
    whose = passage.word(tokens[0]) in ("his", "her", "their") and tokens[1].kind == "word"
    name = tokens[1] if whose else tokens[0]
    said = passage.text[name.start:name.end]
    word = str(name.value)
    if not ((said[:1].isupper() or whose) and said[1:].islower()) or not name_like(word) \
            or word in (NOT_A_NAME | _KINDS_OF_GIVING | ROUTE_NOUNS | NAME_NOUNS | _FURTHER
                        | _NOT_GIVEN_NOUNS | CONDITIONS | SERVICES | _SYMPTOMS | GLUE):
        return False
    position = 2 if whose else 1
    if whose and position < index and tokens[position].kind == "word" \
            and tokens[position].value in SALTS:
        position += 1
    if tokens[position].kind == "punct" and tokens[position].value == ",":
        # an apposition: "Memantine, an N-methyl-D-aspartate antagonist, …"
        close = next((p for p in range(position + 1, min(len(tokens), position + 9))
                      if tokens[p].kind == "punct" and tokens[p].value == ","), None)
        if close is None or any(t.kind in ("drug", "amount", "verb")
                                for t in tokens[position + 1:close]):
            return False
        position = close + 1
    if position < len(tokens) and passage.word(tokens[position]) in ("was", "were", "is", "had",
                                                                       "has", "been"):
        position += 1
    if position >= index or tokens[position].kind != "verb" \
            or tokens[position].value not in ("increase", "decrease", "titrate"):
        return False
    if any(t.kind in ("drug", "clause") for t in tokens[position + 1:index]):
        return False
    token = tokens[index]
    passage.add_unknown_amount(
        token,
        f"the amount of {said!r}, a name the catalogue does not know, whose dose was changed",
        f"{passage.text[token.start:token.end]!r} is the dose of {said!r}, the subject of its "
        "sentence and a name the catalogue does not know: not read, and not given to another "
        "drug", (name.start, token.end))
    return True


#: Verbs whose subject an abbreviation the text does not define may be, given a dose after it.
_ABBREVIATION_VERBS = frozenset({"start", "add", "give", "increase", "decrease", "titrate",
                                 "continue"})


def _abbreviation_subject(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "After thorough consideration …, AA was started at a dose of 500 mg twice daily": an
    abbreviation in capitals the text does not define (it would otherwise be read as its drug),
    the subject of a clause (at the sentence's start or after a comma), with a verb of giving
    or changing after it, owns the amount that follows with no drug between: it names
    something given that the reader cannot name — never the drug the story is about. Said in
    a finding; not read."""
    verb = next((p for p in range(index - 1, 0, -1)
                 if tokens[p].kind in ("drug", "clause", "amount", "verb")), None)
    if verb is None or tokens[verb].kind != "verb" \
            or tokens[verb].value not in _ABBREVIATION_VERBS:
        return False
    position = verb - 1
    if position > 0 and passage.word(tokens[position]) in ("was", "were", "is", "had", "has",
                                                          "been"):
        position -= 1
    name = tokens[position]
    said = passage.text[name.start:name.end]
    if name.kind != "word" or not (2 <= len(said) <= 6 and said.isalpha() and said.isupper()):
        return False
    if position > 0 and not (tokens[position - 1].kind == "punct"
                             and tokens[position - 1].value == ","):
        return False
    token = tokens[index]
    passage.add_unknown_amount(
        token,
        f"the amount of {said!r}, an abbreviation the text does not define",
        f"{passage.text[token.start:token.end]!r} is the dose of {said!r}, the subject of its "
        "clause and an abbreviation the text does not define: not read, and not given to "
        "another drug", (name.start, token.end))
    return True


#: The words of a dose between "was given" and its amount ("at", "at a dose of", "in a daily
#: dosage of", "with").
_GIVEN_AT = re.compile(r"\s*(?:at|in|with)(?:\s+(?:a|the))?(?:\s+(?:daily|total|initial|"
                       r"starting|usual))?(?:\s+(?:dose|dosage)\s+of)?\s*$")
#: Those words, any order (the pattern above checks theirs).
_GIVEN_AT_WORDS = frozenset({"at", "in", "with", "a", "the", "daily", "total", "initial",
                             "starting", "usual", "dose", "dosage", "of"})


def given_at_unknown_name(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "meropenem was given for anti-infection treatment, and r-globulin was given at 20 g/day":
    an amount right after "X was (were) given (started, administered …) at (at a dose of, in,
    with)", X a word the catalogue does not know shaped like a name (five letters or more in
    a part of it: "r-globulin", "gamma-globulin", "Sulperazon"), is X's — never a drug named
    before X (the reader once gave fresh77-019's 20 g/day to the methylprednisolone of the
    sentence's first clause). Said in a finding; not read."""
    if index < 4:
        return False
    verb = index - 1
    while verb > 0 and tokens[verb].kind == "word" and tokens[verb].value in _GIVEN_AT_WORDS:
        verb -= 1
    if tokens[verb].kind != "verb" or passage.word(tokens[verb]) not in _GIVEN_VERBS \
            or not _GIVEN_AT.fullmatch(passage.normal[tokens[verb].end:tokens[index].start]):
        return False
    position = verb - 1
    while position > 0 and passage.word(tokens[position]) in ("was", "were", "is", "are",
                                                                 "been", "had", "has", "then"):
        position -= 1
    name = tokens[position]
    word = str(name.value)
    if name.kind != "word" or position == verb - 1 or word in (
            NOT_A_NAME | _KINDS_OF_GIVING | ROUTE_NOUNS | NAME_NOUNS | _FURTHER | _NOT_GIVEN_NOUNS
            | CONDITIONS | SERVICES | _SYMPTOMS | GLUE) \
            or not any(name_like(part) for part in word.split("-")):
        return False
    token = tokens[index]
    said = passage.text[name.start:name.end]
    passage.add_unknown_amount(
        token, f"the amount of {said!r}, a name the catalogue does not know, given at it",
        f"{passage.text[token.start:token.end]!r} is the dose {said!r} was given at, a name the "
        "catalogue does not know: not read, and not given to another drug", (name.start, token.end))
    return True


#: Adverbs of sequence that, after a comma or "and", open the next item of a list in turn
#: ("aspirin, then ticlopidine 250 mg bid").
_NEXT_IN_TURN = frozenset({"then", "later", "subsequently", "thereafter", "afterwards",
                           "afterward", "next"})


#: The participles of giving whose subject is the drug given ("X was given at 20 g/day"), not
#: the patient ("received", "treated", "managed").
_GIVEN_VERBS = frozenset({"given", "started", "added", "continued", "administered",
                          "prescribed", "initiated", "commenced", "introduced", "restarted",
                          "resumed", "maintained"})


def after_unknown_name(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "donepezil hydrochloride,10 mg/d", "- Temazepam (Restoril®) 30mg", "(methotrexate
    15 mg/week)", "duloxetine was switched to bupropion 150 mg/day": an amount that follows a
    name the catalogue does not know, at the head of an item of a list or of a bracket, or
    after the "to", "by" or "with" of a verb of switching, is that name's — never the drug of
    the item before it, nor the drug switched from. Said in a finding; not read."""
    position = index - 1
    opening = opening_bracket(tokens, index)
    restated = None if opening is None else _volume_before_bracket(tokens, opening)
    if restated is not None:
        # "donepezil syrup 2.5 ml BD (2.5 mg BD)": the mass in brackets after a volume restates
        # that volume's dose; the name before the volume (and its form word) is the drug's
        opening, position = None, restated
        word = str(tokens[position].value) if position >= 0 else ""
        if position >= 0 and tokens[position].kind == "word" and word not in NOT_A_NAME \
                and not name_like(word) and name_like(word.replace("-", "")):
            # "L-Carnosine syrup 5 ml BD (100 mg BD)": a hyphenated name the catalogue does not know
            token = tokens[index]
            said = passage.text[tokens[position].start:tokens[position].end]
            passage.add_unknown_amount(
                token, f"the amount of {said!r}, a name the catalogue does not know",
                f"{passage.text[token.start:token.end]!r} restates the volume of {said!r}, a "
                "name the catalogue does not know: not read, and not given to another drug",
                (tokens[position].start, token.end))
            return True
    if opening is not None and opening >= 1 and tokens[opening - 1].kind == "word":
        # "terbutaline sulphate (5 mg q6h)", "aminophylline (loading with 5 mg/kg …)": an
        # amount in the brackets that follow a name is that name's — unless it is written right
        # after a catalogue drug's name in them ("esogard (rabeprazole 20 + domperidone 30 mg)")
        head = index - 1
        while head > opening and (tokens[head].kind in ("route", "release", "form")
                                  or passage.word(tokens[head]) in SALTS | _DOSE_PHRASE
                                  or (tokens[head].kind == "punct" and tokens[head].value == ":")):
            # "(treated with atorvastatin at 40 mg OD)": the words of a dose too; "cephalosporin
            # (ceftriaxone: 1g/day)": a colon after the drug's name (prosefix949596, fresh95-011)
            head -= 1
        if head > opening and tokens[head].kind == "drug":
            return False
        position = opening - 1
    while position >= 0 and (
            (tokens[position].kind == "punct" and tokens[position].value == ",")
            or (tokens[position].kind == "word" and tokens[position].value in SALTS)):
        position -= 1
    if position >= 0 and tokens[position].kind == "close":  # a brand in brackets
        opening = position - 1
        while opening >= 0 and tokens[opening].kind == "word":
            opening -= 1
        if opening < 0 or tokens[opening].kind != "open" or opening == position - 1:
            return False
        position = opening - 1
        while position >= 0 and tokens[position].kind == "word" \
                and tokens[position].value in SALTS:
            position -= 1
    variant = 0
    while position - variant >= 1 and variant < 2 and _variant_part(passage, tokens, position - variant):
        variant += 1  # "vitamin B6 100 mg", "vitamin K 10 mg": the variant's letter is the name's
    if variant and tokens[position - variant].kind == "word" \
            and name_like(str(tokens[position - variant].value)):
        position -= variant
    else:
        variant = 0
    names = 0
    while position >= 0 and names < 2 and tokens[position].kind == "word" \
            and name_like(str(tokens[position].value)) \
            and tokens[position].value not in NOT_A_NAME:
        position -= 1
        names += 1
    if not names:
        return False
    first_name = position + 1
    named = {str(tokens[p].value) for p in range(first_name, first_name + names)}
    # "sodium valproate 500 mg", "oral mesalazine 2.4 mg/day", "nebulized terbutaline (5 mg)":
    # a salt or the way it is given, before the name
    while position >= 0 and (tokens[position].kind in ("route", "release", "form") or (
            tokens[position].kind == "word" and tokens[position].value in SALTS | _GIVEN_AS)):
        position -= 1
    if position >= 1 and passage.word(tokens[position]) in _NEXT_IN_TURN \
            and ((tokens[position - 1].kind == "punct" and tokens[position - 1].value in ",;")
                 or tokens[position - 1].kind == "plus"):
        # "acetylsalicylic acid, then ticlopidine 250 mg bid", "…, and then X 5 mg", "…; later
        # X 5 mg": an adverb of sequence after a list's comma or "and" opens the next item, as
        # the comma alone does (prosefix118121, fresh120-022)
        position -= 1
    before = tokens[position] if position >= 0 else None
    if before is not None and not (
            (before.kind == "punct" and before.value in ",;:") or before.kind == "plus"
            or (before.kind == "word" and before.value in ("-", "\u2022", "*"))
            or _opens_bracket_with_name(tokens, position, names)
            or ((_object_of_switch(passage, tokens, position)
                 or _replaced_object(passage, tokens, position)) and not named & (
                _KINDS_OF_GIVING | ROUTE_NOUNS | NAME_NOUNS | _FURTHER | _NOT_REPLACEMENTS))):
        return False
    token = tokens[index]
    name = passage.text[tokens[first_name].start:tokens[first_name + names - 1 + variant].end]
    passage.add_unknown_amount(
        token,
        f"the amount of {name!r}, a name the catalogue does not know",
        f"{passage.text[token.start:token.end]!r} follows {name!r}, a name the "
        "catalogue does not know: not read, and not given to another drug",
        (tokens[position + 1].start, token.end))
    return True


def _volume_before_bracket(tokens: list[Token], opening: int) -> int | None:
    """The position before "syrup 2.5 ml BD" when a bracket opens right after a volume (its
    schedule allowed between), with the volume's form words skipped; None otherwise."""
    position = opening - 1
    while position >= 0 and tokens[position].kind == "freq":
        position -= 1
    if position < 1 or tokens[position].kind != "amount" or not tokens[position].value.volume:
        return None
    position -= 1
    while position >= 0 and tokens[position].kind in ("form", "route"):
        position -= 1
    return position


def dose_of_name(passage: Passage, tokens: list[Token]) -> Token | None:
    """ "the dosage of milnacipran was increased to 100 mg day(-1)": the word after "dose of"
    or "dosage of" names the drug whose dose it is — where the catalogue does not know it,
    the sentence speaks of that drug, not of the story's."""
    for position in range(len(tokens) - 2):
        word, of, name = tokens[position:position + 3]
        if _dose_of_unknown(passage, word, of, name):
            return name
    # "the MPA dose was further reduced to 720 mg/day": an abbreviation in capitals the text
    # does not define right before "dose" or "dosage" (prosefix8485, fresh85-010)
    for position in range(1, len(tokens)):
        name, word = tokens[position - 1], tokens[position]
        if name.kind == "word" and _capitals(passage, name) and name.value not in NOT_A_NAME \
                and word.kind in ("word", "cue") \
                and passage.normal[word.start:word.end] in ("dose", "doses", "dosage"):
            return name
    # "a dose reduction of Tac was decided (from 2.5 mg to 2 mg/day)": the word after a
    # dose's change and "of", a name or written with a capital inside the sentence
    for position in range(len(tokens) - 3):
        dose, change, of, name = tokens[position:position + 4]
        said = passage.text[name.start:name.end]
        if dose.kind in ("word", "cue") \
                and passage.normal[dose.start:dose.end] in ("dose", "dosage") \
                and passage.normal[change.start:change.end] in _DOSE_CHANGES \
                and of.kind == "word" and of.value == "of" and name.kind == "word" \
                and name.value not in NOT_A_NAME and said.isalpha() and (
                    name_like(str(name.value)) or said[:1].isupper()):
            return name
    return None


#: The nouns of a change of dose after "dose" ("a dose reduction of X").
_DOSE_CHANGES = frozenset({"reduction", "reductions", "increase", "increases", "escalation",
                           "adjustment", "adjustments", "decrease", "tapering", "titration"})


def name_at_a_dose(passage: Passage, tokens: list[Token]) -> Token | None:
    """ "Add-on LEV in a dosage of 2000 mg/day", "ziconotide at a dose of 2.4 µg/day": a word
    the catalogue does not know right before "in (at) a dose (dosage) of" names the drug whose
    dose it is — a name-like word, or an abbreviation written in capitals the text does not
    define ("LEV", "PTU") — and the sentence speaks of that drug, not of the story's (the reader
    once gave fresh38-002's levetiracetam 2000 mg/day to the carbamazepine of the sentence
    before)."""
    for position in range(len(tokens) - 3):
        token = tokens[position]
        if token.kind != "word":
            continue
        ahead = position + 1
        if tokens[ahead].kind != "word" or tokens[ahead].value not in ("in", "at"):
            continue
        ahead += 1
        while ahead < len(tokens) and tokens[ahead].kind == "word" and tokens[ahead].value in (
                "a", "the", "daily", "total"):
            ahead += 1
        if ahead + 1 >= len(tokens) or passage.normal[tokens[ahead].start:tokens[ahead].end] \
                not in ("dose", "dosage") or tokens[ahead + 1].kind != "word" \
                or tokens[ahead + 1].value != "of":
            continue
        written = passage.text[token.start:token.end]
        word = str(token.value)
        if word in NOT_A_NAME | ROUTE_NOUNS | _KINDS_OF_GIVING:
            continue
        if name_like(word) or (written.isalpha() and written.isupper() and 2 <= len(written) <= 6):
            return token
    return None


def infusion_of_name(passage: Passage, tokens: list[Token]) -> Token | None:
    """ "Adrenaline infusion (1.5mg/50mls) was started at 0.5mls/hour": a word the catalogue
    does not know right before "infusion", as the subject of the sentence (before its first
    verb), names what is infused — the sentence speaks of it, not of the story's drug. A word
    for a dose, a device or a kind of treatment names nothing new."""
    for position, token in enumerate(tokens[:-1]):
        if token.kind == "verb":
            return None
        following = tokens[position + 1]
        if token.kind == "word" and following.kind == "infusion" \
                and passage.normal[following.start:following.end].startswith("infusion") \
                and name_like(str(token.value)) \
                and token.value not in NOT_A_NAME | ROUTE_NOUNS | _KINDS_OF_GIVING:
            return token
    return None


def given_by_route(tokens: list[Token]) -> Token | None:
    """ "Intravenous immunoglobulin (IVIG) was started at a total dose of 120g (2g/kg)": a
    route word right before a word the catalogue does not know, as the subject of the
    sentence (before its first verb), names what was given that way — the sentence speaks
    of it, not of the story's drug. A word for a dose, a device or a kind of treatment ("IV
    analgesia", "oral intake") names nothing new."""
    for position, token in enumerate(tokens[:-1]):
        if token.kind == "verb":
            return None
        name = tokens[position + 1]
        if token.kind == "route" and name.kind == "word" and name_like(str(name.value)) \
                and name.value not in NOT_A_NAME | ROUTE_NOUNS | _KINDS_OF_GIVING:
            return name
    return None


def dose_of_unknown_between(passage: Passage, tokens: list[Token], drug_index: int, index: int) -> bool:
    """ "Paroxetine was discontinued and the dose of flecainide was reduced to 50 mg twice
    daily": a "dose of" a name the catalogue does not know, between the drug and the amount,
    makes the amount that name's — never the drug named before it. Said in a finding; not
    read."""
    for position in range(drug_index + 1, index - 2):
        word, of, name = tokens[position:position + 3]
        if _dose_of_unknown(passage, word, of, name):
            token = tokens[index]
            said = passage.text[name.start:name.end]
            passage.add_unknown_amount(
                token,
                f"the dose of {said!r}, a name the catalogue does not know",
                f"{passage.text[token.start:token.end]!r} is the dose of {said!r}, a "
                "name the catalogue does not know: not read, and not given to "
                "another drug", (name.start, token.end))
            return True
    return False


def headed_by_unknown_name(passage: Passage, tokens: list[Token], low: int, index: int) -> bool:
    """An amount whose own phrase is headed by a name the catalogue does not know (`_unknown_head`)
    is that name's: never given to a drug named before it, nor to the story's drug. Said in
    a finding; not read. The name is the story's latest drug-like name from here on."""
    head = _unknown_head(passage, tokens, low, index)
    if head is None:
        return False
    token = tokens[index]
    said = passage.text[head.start:head.end]
    whose = f", not {tokens[low].value.drug.name}'s" if low >= 0 \
        and tokens[low].kind == "drug" else ""
    passage.add_unknown_amount(
        token,
        f"the amount of {said!r}, a name the catalogue does not know",
        f"{passage.text[token.start:token.end]!r} is headed by {said!r}, a name the "
        f"catalogue does not know{whose}: not read", (head.start, token.end))
    passage.unknown_named_at = max(passage.unknown_named_at, head.start)
    return True


def named_after_conjunction(passage: Passage, tokens: list[Token], drug_index: int, index: int) -> bool:
    """ "prednisolone 10 mg daily and orally administered cyclosporine A 50 mg twice daily",
    "aspirin 100mg daily, and colchicine 0,5mg twice daily": a drug that already has its own
    amount before a conjunction ("and", ",", ";", "plus", "with") does not take an amount
    after it where a noun phrase naming something else — a word that could be a drug's name
    the catalogue does not know — stands between the conjunction and the amount. The amount
    is that name's: said in a finding; not read. A split dose of the drug itself ("morphine
    10 mg in the morning and 20 mg at night", "… and a further 5 mg") names nothing else.
    The name may be set off from its amount by a comma ("oral prednisolone, 50 mg per day;
    dapsone, 125 mg per day") or a colon ("carbamazepine: 200 mg bid, and clobazam: 5mg bid"):
    the comma or colon right after the name is not the conjunction."""
    if _appositive_name(passage, tokens, drug_index, index):
        return True
    # "; dapsone, 125 mg": the comma between a name and its own amount; so a colon ("and
    # clobazam: 5mg bid", a list written name: amount; fresh10-022)
    end = index
    if index - 2 > drug_index and tokens[index - 1].kind == "punct" \
            and tokens[index - 1].value in (",", ":") and tokens[index - 2].kind == "word":
        end = index - 1
    conjunction = None
    for position in range(end - 1, drug_index, -1):
        token = tokens[position]
        if (token.kind == "punct" and token.value in ",;") or (
                token.kind == "plus" and passage.word(token) in ("and", "plus", "with", "+")) \
                or (token.kind == "word" and token.value in ("/", "+")
                    and position - 1 > drug_index and tokens[position - 1].kind == "amount"):
            # "tramadol 50 mg / HCT 25 mg": a slash or "+" right after the drug's own amount
            # joins the next name and its strength (prosefix9798, fresh97-004)
            conjunction = position
            break
        if token.kind in ("amount", "drug", "class", "clause"):
            return False
    # (its own amount may be a number whose unit the reader does not read: "heparin 2×5000 unit
    # and oral cilostazol 1×100 mg")
    if conjunction is None or not any(
            tokens[position].kind in ("amount", "number")
            for position in range(drug_index + 1, conjunction)):
        return False
    # the name heads the amount: only glue, a salt, a route, form or infusion word ("and the
    # amiodarone drip at 1 mg/minute"), a schedule written first ("and cilostazol 1×100 mg"),
    # or a letter naming a variant ("cyclosporine A", "vitamin K") between them — never a verb
    # ("the patient received 20 mg": the patient is no drug)
    # — nor the bracket the amount opens, after a verb of change ("and the dose of
    # Fludrocortisone increased (0.1 mg/day)")
    position = end - 1
    if tokens[position].kind == "open":
        position -= 1
        if position > conjunction and tokens[position].kind == "verb" \
                and tokens[position].value in ("increase", "decrease"):
            position -= 1
    while position > conjunction and (
            tokens[position].kind in ("route", "release", "form", "infusion", "freq")
            or (tokens[position].kind == "word" and (
                tokens[position].value in GLUE | SALTS
                or _variant_part(passage, tokens, position)))):
        position -= 1
    # a brand's letters written in capitals after its name ("and Tagamet HB 200mg"): the name's
    if position - 1 > conjunction and tokens[position].kind == "word" \
            and _BRAND_LETTERS.fullmatch(passage.text[tokens[position].start:tokens[
                position].end]) and tokens[position - 1].kind == "word" \
            and passage.text[tokens[position - 1].start].isupper():
        position -= 1
    name = tokens[position]
    # "and VPA 250 mg by mouth 3 times daily": an abbreviation in capitals is a name too
    # (prosefix8485, fresh85-001)
    if position <= conjunction or name.kind != "word" or not (
            name_like(str(name.value)) or _capitals(passage, name)) \
            or name.value in NOT_A_NAME | _FURTHER:
        return False
    # and the name opens the noun phrase after the conjunction: only an article ("and the
    # amiodarone drip") or the way it is given stands before it ("and orally administered
    # cyclosporine A", "and intravenous immunoglobulin"), never a preposition ("; increased in
    # steps of 5 mg") — but the "of" of a verb's noun ("and addition of tabs cyclophosphamide
    # 50mg")
    position -= 1
    while position > conjunction and (
            tokens[position].kind in ("route", "release", "form", "verb")
            or (tokens[position].kind == "word" and tokens[position].value in _GIVEN_AS)
            or (tokens[position].kind == "word" and tokens[position].value in _ARTICLES)
            or (tokens[position].kind == "word" and tokens[position].value == "of"
                and position - 1 > conjunction and (tokens[position - 1].kind == "verb"
                                                    or tokens[position - 1].value in _DOSE_NOUNS))
            or (tokens[position].kind == "word" and tokens[position].value in _DOSE_NOUNS
                and tokens[position + 1].value == "of")):
        position -= 1
    if position != conjunction:
        return False
    _not_the_drugs_before(passage, tokens, drug_index, index, name, "after a conjunction")
    return True


def _not_the_drugs_before(passage: Passage, tokens: list[Token], drug_index: int, index: int,
                          name: Token, where: str) -> None:
    """Say that the amount at ``index`` follows ``name``, a name the catalogue does not know
    (``where``: how it stands after the drug), and is not given to the drug at ``drug_index``,
    whose own amount comes before."""
    token = tokens[index]
    said = passage.text[name.start:name.end]
    passage.add_unknown_amount(
        token,
        f"the amount of {said!r}, a name the catalogue does not know, "
        "after a drug with its own amount",
        f"{passage.text[token.start:token.end]!r} follows {said!r}, a name the "
        f"catalogue does not know, {where}: not read, and not given to "
        f"{tokens[drug_index].value.drug.name}, whose own amount comes before",
        (name.start, token.end))


def _appositive_name(passage: Passage, tokens: list[Token], drug_index: int, index: int) -> bool:
    """ "esomeprazole 20 mg p.o. Bid and Arsanyl, a kind of mucosal protective 100 mg p.o.
    Tid": after a drug with its own amount, a conjunction ("and", "plus", ";") and a name the
    catalogue does not know set off by a comma — the name, then what it is — make the amount
    after them the name's, never the drug's before. Said in a finding; not read."""
    own = False
    for position in range(drug_index + 1, index - 3):
        token = tokens[position]
        if token.kind in ("amount", "number"):
            own = True
        if token.kind in ("drug", "class", "clause"):
            return False
        if not own or not ((token.kind == "punct" and token.value == ";") or (
                token.kind == "plus" and passage.word(token) in ("and", "plus"))):
            continue
        name, comma = tokens[position + 1], tokens[position + 2]
        if name.kind != "word" or not name_like(str(name.value)) \
                or name.value in NOT_A_NAME | _FURTHER \
                or comma.kind != "punct" or comma.value != ",":
            continue
        if any(t.kind in ("amount", "number", "drug", "class", "clause")
               for t in tokens[position + 3:index]):
            continue
        _not_the_drugs_before(passage, tokens, drug_index, index, name,
                              "set off by a comma after a conjunction")
        return True
    return False


#: A brand's letters after its name, written in capitals ("Tagamet HB", "Pepcid AC").
_BRAND_LETTERS = re.compile(r"[A-Z]{2,3}")
#: A letter naming a variant after a name, perhaps with its number: "cyclosporine A", "vitamin
#: K", "vitamin B6", "vitamin B12", "vitamin D3" (prosefix5253: fresh52-018's "vitamin B6 100 mg
#: daily" went back to aspirin, first of the list)
_VARIANT = re.compile(r"[A-Z]")


def _variant_part(passage: Passage, tokens: list[Token], position: int) -> bool:
    """A letter naming a variant ("vitamin K", "cyclosporine A") or the number glued to it
    ("vitamin B6": the letter, then the number 6 written against it)."""
    token = tokens[position]
    if token.kind == "word":
        return _VARIANT.fullmatch(passage.text[token.start:token.end]) is not None
    letter = tokens[position - 1] if position >= 1 else None
    return (token.kind == "number" and letter is not None and letter.end == token.start
            and letter.kind == "word"
            and _VARIANT.fullmatch(passage.text[letter.start:letter.end]) is not None)


#: The noun of "and the dose of <name>".
_DOSE_NOUNS = frozenset({"dose", "doses", "dosage"})


#: Words between a name and its amount that say how much was given ("added with the amount of
#: 15 mg per day"), besides the glue and the words of a dose.
_AMOUNT_NOUNS = frozenset({"amount", "amounts", "quantity", "quantities"})
#: Nouns after a conjunction that are no drug's name ("morphine and the patient …").
_NOT_GIVEN_NOUNS = frozenset({"patient", "patients", "symptoms", "physician", "nurse", "family",
                              "pain", "nausea", "vomiting", "sedation"})


def follows_unknown_dose(passage: Passage, tokens: list[Token], drug_index: int, index: int) -> bool:
    """ "Metoclopramide was discontinued and diphenhydramine 50 mg was initially administered
    intravenously followed with 25 mg orally every 4 hours as needed": an amount with no drug
    of its own, after the amount of a name the catalogue does not know (set aside before) and
    with no drug between them, goes on with that name's dose — never to the drug named before
    it. Said in a finding; not read."""
    for position in range(index - 1, drug_index, -1):
        token = tokens[position]
        if token.kind == "drug":
            return False
        if token.kind == "amount" and token.start in passage.unknown_amounts:
            amount = tokens[index]
            said = passage.text[token.start:token.end]
            passage.add_unknown_amount(
                amount,
                f"after {said!r}, the amount of a name the catalogue does "
                "not know, with no drug between",
                f"{passage.text[amount.start:amount.end]!r} follows {said!r}, the "
                "amount of a name the catalogue does not know, with no drug named "
                f"between: not read, and not given to "
                f"{tokens[drug_index].value.drug.name}",
                (token.start, amount.end))
            return True
    return False


#: The subject and the auxiliaries of a clause about a name ("which he may take at 10 mg").
_CLAUSE_SUBJECTS = frozenset({"he", "she", "they", "we", "the", "patient", "may"})



def _another_given_name(name: Token) -> bool:
    """Whether ``name`` is a word shaped like a medicine's name that is none of the words a
    clause about giving names instead (a route, a kind of giving, a condition, a service…):
    the other name in "X and Y …" or "stop X and start Y …"."""
    word = str(name.value)
    return name.kind == "word" and name_like(word) and word not in (
        NOT_A_NAME | _FURTHER | _KINDS_OF_GIVING | ROUTE_NOUNS | NAME_NOUNS | CONDITIONS
        | SERVICES | _NOT_GIVEN_NOUNS | _NOT_REPLACEMENTS)

def coordinated_unknown_name(passage: Passage, tokens: list[Token], drug_index: int,
                             index: int) -> bool:
    """ "She was treated with a fixed dose of fluoxetine and buspirone added with the amount of
    15 mg per day", "fluoxetine and buspirone 15 mg per day": a name the catalogue does not know,
    joined to the drug by "and", "or", "plus" or a comma, between the drug and the amount, with
    only a verb, the words of a dose or glue between it and the amount — the amount follows that
    name (it is that name's, or each's: the text does not say), so it is never the drug's alone.
    So where a clause about the name stands between ("morphine, and X which he may take at
    10 mg daily"). Said in a finding; not read."""
    position = drug_index + 1
    while position < index and (tokens[position].kind in ("release", "form")
                                or passage.word(tokens[position]) in SALTS):
        position += 1
    joint = tokens[position] if position < index else None
    if joint is None or not ((joint.kind == "plus" and passage.word(joint) in ("and", "or", "plus"))
                             or (joint.kind == "punct" and joint.value == ",")):
        return False
    position += 1
    if joint.kind == "punct" and position < index and tokens[position].kind == "plus" \
            and passage.word(tokens[position]) in ("and", "or"):
        position += 1  # "morphine, and X": the comma before the conjunction
    while position < index and (tokens[position].kind in ("route", "release", "form")
                                or passage.word(tokens[position]) in _GIVEN_AS):
        position += 1  # "and oral buspirone"
    if position >= index:
        return False
    name = tokens[position]
    if not _another_given_name(name):
        return False
    position += 1
    relative = False
    product = False
    while position < index:
        token = tokens[position]
        said = passage.word(token)
        if token.kind == "form" and not relative:
            # "lactulose and sorbitol syrup": one product word after both names — the
            # product's words follow it (prosefix131134, fresh118-008)
            product = True
        if product and (token.kind == "open" or (
                said in ("a", "an") and passage.word(tokens[position - 1]) == "as"
                and position + 1 < index and tokens[position + 1].kind == "word")):
            # "… syrup as a laxative (about 70 g/day)": what the product is for, and the
            # bracket of its amount
            position += 2 if token.kind != "open" else 1
            continue
        if not relative and token.kind == "clause" and said in ("which", "that") and (
                tokens[position - 1] is name or (tokens[position - 1].kind == "punct"
                                                 and tokens[position - 1].value == ","
                                                 and tokens[position - 2] is name)):
            # "morphine, and X which he may take at 10 mg daily": a clause about the name
            # (its subject, a modal) between it and the amount
            relative = True
            position += 1
            continue
        if token.kind == "punct" and token.value == "," and tokens[position - 1] is name \
                and position + 1 < index and tokens[position + 1].kind == "clause":
            position += 1
            continue
        if relative and said in _CLAUSE_SUBJECTS | MODALS | MODAL_ADVERBS:
            position += 1
            continue
        if token.kind in ("verb", "route", "release", "form", "approx") or (
                token.kind in ("word", "cue", "plus", "freq")
                and said in GLUE | SALTS | _DOSE_PHRASE | _AMOUNT_NOUNS) \
                or _variant_part(passage, tokens, position):
            position += 1
            continue
        return False
    token = tokens[index]
    said = passage.text[name.start:name.end]
    drug = tokens[drug_index].value.drug.name
    passage.add_unknown_amount(
        token,
        f"the amount after {said!r}, a name the catalogue does not know "
        f"joined to {drug}",
        f"{passage.text[token.start:token.end]!r} follows {said!r}, a name the "
        f"catalogue does not know joined to {drug}: whose amount it is (the "
        f"name's, or each's) is not said; not read, and not given to {drug}",
        (name.start, token.end))
    passage.unknown_named_at = max(passage.unknown_named_at, name.start)
    return True


def started_after_conjunction(passage: Passage, tokens: list[Token], drug_index: int,
                              index: int) -> bool:
    """ "stop phenytoin and start levetiracetam 500 mg twice daily", "continued X and added Y
    10 mg daily": a drug before "and" (or a comma) and a verb of starting, adding or switching
    whose object — a name the catalogue does not know — heads the amount: the amount is that
    name's, the drug started or added, never the drug before the conjunction (stopped or kept).
    Said in a finding; not read (prosefix131134, fresh133-007)."""
    position = drug_index + 1
    while position < index and (tokens[position].kind in ("route", "release", "form")
                                or passage.word(tokens[position]) in SALTS):
        position += 1
    if position + 1 < index and passage.word(tokens[position]) in ("was", "were", "is") \
            and tokens[position + 1].kind == "verb":
        position += 2  # "Phenytoin was stopped and …": the drug's own verb
    joined = False
    while position < index and (
            (tokens[position].kind == "plus" and passage.word(tokens[position]) == "and")
            or (tokens[position].kind == "punct" and tokens[position].value == ",")
            or (joined and passage.word(tokens[position]) == "then")):
        joined = True
        position += 1  # "and", ", and then"
    if not joined:
        return False
    if position >= index or tokens[position].kind != "verb" \
            or tokens[position].value not in ("start", "add", "switch"):
        return False
    position += 1
    while position < index and (tokens[position].kind in ("route", "release", "form")
                                or passage.word(tokens[position]) in ("on", "to", "with")
                                or passage.word(tokens[position]) in SALTS):
        position += 1  # "and started on oral X", "and switched to X"
    if position >= index:
        return False
    name = tokens[position]
    if not _another_given_name(name):
        return False
    position += 1
    while position < index and (tokens[position].kind in ("route", "release", "form")
                                or passage.word(tokens[position]) in SALTS | _DOSE_PHRASE):
        position += 1
    if position != index:
        return False
    token = tokens[index]
    said = passage.text[name.start:name.end]
    drug = tokens[drug_index].value.drug.name
    passage.add_unknown_amount(
        token, f"the amount of {said!r}, a name the catalogue does not know, started after {drug}",
        f"{passage.text[token.start:token.end]!r} follows {said!r}, a name the catalogue does "
        f"not know that the sentence starts after {drug}: not read, and not given to {drug}",
        (name.start, token.end))
    passage.unknown_named_at = max(passage.unknown_named_at, name.start)
    return True


def symptom_dose_among_drugs(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "… nausea and headache at a dosage of 112.5mg/day": an amount after a symptom and the
    words of a dose is the dose the symptom came at, and so the dose of the drug the sentence
    names — only where it names exactly one drug. Where it names several, which one's dose it
    is, is not written: the amount is left unattached (True), never guessed."""
    position = index - 1
    dose_words = False
    while position >= 0 and tokens[position].kind in ("word", "cue", "freq") \
            and passage.word(tokens[position]) in _DOSE_PHRASE:
        dose_words = passage.word(tokens[position]) in ("in", "at", "with")
        position -= 1
    if not dose_words or position < 0 or tokens[position].kind != "word" \
            or tokens[position].value not in _SYMPTOMS:
        return False
    return len({t.value.drug.name for t in tokens if t.kind == "drug"}) > 1


def _dose_of_unknown(passage: Passage, word: Token, of: Token, name: Token) -> bool:
    """ "dose of X", "doses of X", "dosage of X", where X could be a drug's name the catalogue
    does not know."""
    return word.kind in ("word", "cue") \
        and passage.normal[word.start:word.end] in ("dose", "doses", "dosage") \
        and of.kind == "word" and of.value == "of" and name.kind == "word" \
        and name_like(str(name.value)) and name.value not in NOT_A_NAME


def _object_of_switch(passage: Passage, tokens: list[Token], position: int) -> bool:
    """Is the token at ``position`` the "to", "by" or "with" that opens what a verb of switching
    puts in place ("switched to", "changed over to", "converted to", "rotated to", "replaced
    by", "substituted with"; "switched her from duloxetine to …")? The verb is looked for up to
    eight tokens back, over pronouns, adverbs and what was switched from, stopping at a clause
    boundary, a semicolon or colon, or another verb."""
    if position < 0 or passage.word(tokens[position]) not in ("to", "by", "with"):
        return False
    for back in range(position - 1, max(-1, position - 9), -1):
        token = tokens[back]
        if token.kind == "verb":
            return bool(token.value == "switch")
        if token.kind == "clause" or (token.kind == "punct" and token.value in ";:"):
            return False
    return False


def _replaced_object(passage: Passage, tokens: list[Token], position: int) -> bool:
    """Does the token at ``position`` open the drug a change puts out of use: the "for" of
    "substituted for" (the verb up to three tokens back), the "of" of "instead of" or "in place
    of", the "than" of "rather than", or an active "replaced", "replaces" or "replacing" itself
    ("fluconazole 300 mg OD was substituted for ceftriaxone 2 g OD", "… replacing ceftriaxone 2
    g")? The drug so named is stopped, and an amount after it is its own (prosefix114117,
    fresh116-011) — never the drug before the words."""
    if position < 0:
        return False
    word = passage.word(tokens[position])
    before = passage.normal[max(0, tokens[position].start - 12):tokens[position].start]
    if word == "for":
        for back in range(position - 1, max(-1, position - 4), -1):
            token = tokens[back]
            if token.kind == "verb":
                return passage.word(token).startswith("substitut")
            if token.kind == "clause" or (token.kind == "punct" and token.value in ",;:"):
                return False
        return False
    if word == "of":
        return re.search(r"\b(?:instead|in\s+place)\s*$", before) is not None
    if word == "than":
        return re.search(r"\brather\s*$", before) is not None
    return word in ("replaced", "replaces", "replacing") and tokens[position].kind == "verb" \
        and re.search(r"\b(?:was|were|been|be|is|are)\s*$", before) is None


def _capitals(passage: Passage, token: Token) -> bool:
    """Is the word an abbreviation in capitals of two to six letters ("VPA", "MPA", "LEV")?"""
    said = passage.text[token.start:token.end]
    return 2 <= len(said) <= 6 and said.isalpha() and said.isupper()


def _abbreviation(passage: Passage, token: Token) -> bool:
    """Is the word written as an abbreviation: capitals, perhaps a plural "s" ("IVIGs", "CY")?"""
    said = passage.text[token.start:token.end]
    return len(said) >= 2 and said.rstrip("s").isupper()


def _opens_bracket_with_name(tokens: list[Token], position: int, names: int) -> bool:
    """ "… was initiated (methotrexate 15 mg/week)": a bracket that opens with a word shaped
    like an INN the catalogue does not know, not right after a drug's name (where it may be
    the drug's brand: "methyl-prednisolone (Urbason 40 mg)")."""
    if position < 0 or tokens[position].kind != "open" or names != 1:
        return False
    return (position == 0 or tokens[position - 1].kind != "drug") \
        and INN_STEM.fullmatch(str(tokens[position + 1].value)) is not None


def _unknown_head(passage: Passage, tokens: list[Token], low: int, index: int) -> Token | None:
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
    if position - 1 > low and tokens[position].kind == "word" and tokens[position].value in (
            "x", "×") and tokens[position - 1].kind == "number":
        position -= 2  # "idarucizumab 2 × 2.5 g": a count of doses before the amount
    dose_words = bracketed = False
    while position > low:
        token = tokens[position]
        word = passage.word(token)
        if token.kind in ("route", "release", "form", "approx") or (
                (token.kind == "word" and word in SALTS)
                or _variant_part(passage, tokens, position)):
            position -= 1
            continue
        if token.kind in ("word", "cue", "freq") and word in _DOSE_PHRASE:
            # the name stands right before "in", "at" or "with" ("pyridoxine in dose of"),
            # never before an adjective of the dose ("a steady dose of")
            dose_words = word in ("in", "at", "with")
            position -= 1
            continue
        if token.kind == "close" and position - 2 > low and tokens[position - 2].kind == "open" \
                and tokens[position - 1].kind == "word" and ((
                    position + 1 < index and tokens[position + 1].kind in ("word", "cue"))
                    or (position + 1 == index and _abbreviation(passage, tokens[position - 1]))):
            # "cyclophosphamide (CY) at 50 mg/day": the name's abbreviation in brackets after
            # it, before the words of the dose — the name before the bracket heads the amount;
            # so it does right before the amount ("immunoglobulins (IVIGs) 16 g per day")
            position -= 3
            bracketed = True
            continue
        break
    if position > low + 1 and tokens[position].kind == "verb" \
            and passage.word(tokens[position]) in _GIVEN_PARTICIPLES:
        # "oral baclofen added (10mg three times a day)", "X was started at 5 mg": the name
        # before a participle of giving, its subject, heads the amount after it
        position -= 1
        while position > low and passage.word(tokens[position]) in ("was", "were", "is", "are"):
            position -= 1
        dose_words = False
    if position <= low or tokens[position].kind != "word":
        return None
    head = tokens[position]
    word = str(head.value)
    if word in _CLASS_NOUNS | _SUPPLEMENTS or (len(word) > 3 and INN_STEM.fullmatch(word)):
        return head
    if bracketed and not (name_like(word) and position - 1 > low
                          and tokens[position - 1].kind == "route"):
        # "ejection fraction (LVEF) at 50%": only a drug-shaped name heads past it, or a name
        # given by a route ("intravenous immunoglobulins (IVIGs) 16 g per day")
        return None
    if not name_like(word) or word in (NOT_A_NAME | _FURTHER | _KINDS_OF_GIVING | ROUTE_NOUNS
                                       | NAME_NOUNS | CONDITIONS | SERVICES | _SYMPTOMS
                                       | _NOT_GIVEN_NOUNS):
        return None
    if _after_modal(passage, tokens, position):
        return None  # "which he could only tolerate at 10 mg": a verb, no name (prosefix122125)
    if position - 1 > low and (tokens[position - 1].kind == "route"
                               or passage.word(tokens[position - 1]) in _GIVEN_AS):
        return head  # "oral baclofen", "nebulized X": a name given by a route is a drug's
    said = passage.text[head.start:head.end]
    if position > 0 and said[:1].isupper() and said[1:].islower() and not (
            tokens[position - 1].kind == "open" and position >= 2
            and tokens[position - 2].kind == "drug"):
        # a brand the catalogue does not know, right before the amount — but not the brand
        # in brackets after a drug's name ("methyl-prednisolone (Urbason 40 mg)")
        return head
    return head if dose_words else None


def _after_modal(passage: Passage, tokens: list[Token], position: int) -> bool:
    """ "which she could only tolerate at a low dose of 40 mg daily": the word after a modal
    auxiliary ("could", "would", "must" …; adverbs such as "only", "not" between) is a verb,
    never a drug's name that heads the amount (prosefix122125, fresh125-004)."""
    position -= 1
    while position >= 0 and passage.word(tokens[position]) in MODAL_ADVERBS:
        position -= 1
    return position >= 0 and passage.word(tokens[position]) in MODALS


#: The relative pronouns that open a clause about the noun right before their comma.
_RELATIVE = frozenset({"which", "who"})


def relative_of_unknown_name(passage: Passage, tokens: list[Token], drug_index: int,
                             index: int) -> bool:
    """ "quetiapine was changed for clozapine, which was titrated up to 175 mg": an amount in
    a relative clause ("…, which …") opened right after a name the catalogue does not know (a
    word with a WHO INN stem or a name of ``other_drug_names.csv``) speaks of that name, never
    of the drug named before it. No amount, drug or clause boundary stands between the
    pronoun and the amount. Said in a finding; not read."""
    for position in range(index - 1, drug_index + 2, -1):
        token = tokens[position]
        if token.kind in ("amount", "drug", "class") or (
                token.kind == "punct" and token.value in ";:"):
            return False
        if token.kind != "clause":
            continue
        if passage.word(token) not in _RELATIVE or tokens[position - 1].kind != "punct" \
                or tokens[position - 1].value != ",":
            return False
        name = tokens[position - 2]
        word = str(name.value)
        if name.kind != "word" or word in NOT_A_NAME or not (
                (len(word) > 3 and INN_STEM.fullmatch(word))
                or word in passage.knowledge.other_drugs
                or word in passage.knowledge.drug_vocabulary):
            return False
        token = tokens[index]
        said = passage.text[name.start:name.end]
        passage.add_unknown_amount(
            token,
            f"the amount of {said!r}, a name the catalogue does not know, in the clause about it",
            f"{passage.text[token.start:token.end]!r} is said in a clause about {said!r} "
            f"(\", which …\"), a name the catalogue does not know: not read, and not given to "
            f"{tokens[drug_index].value.drug.name}, named before it",
            (name.start, token.end))
        passage.unknown_named_at = max(passage.unknown_named_at, name.start)
        return True
    return False
