"""The vocabulary of regimens: routes, releases, dosage forms and drug classes.

Every spelling the item language and the data files accept for a route or a form, and the canonical
value mpsdose writes. Static: hospitals change drugs and limits (``--knowledge``), not the meaning
of "po".
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "CONDITIONS",
    "DRUG_CLASSES",
    "DRUG_CLASS_ONE",
    "FORMS",
    "FORM_ROUTE",
    "RELEASES",
    "ROUTE_GROUPS",
    "ROUTE_SPELLINGS",
    "SETTINGS",
    "Route",
    "parse_condition",
    "parse_form",
    "parse_route",
    "parse_setting",
]


class Route(enum.Enum):
    """Route of administration. The value is the canonical spelling mpsdose writes."""

    ORAL = "oral"
    SUBLINGUAL = "sublingual"
    BUCCAL = "buccal"
    INTRANASAL = "intranasal"
    RECTAL = "rectal"
    TRANSDERMAL = "transdermal"
    TOPICAL = "topical"
    IV = "iv"
    SC = "sc"
    IM = "im"
    EPIDURAL = "epidural"
    INTRATHECAL = "intrathecal"

    def __str__(self) -> str:
        return self.value

    @property
    def short(self) -> str:
        """The abbreviation a prescription uses (po, iv, sc, td, sl, pr …)."""
        return _ROUTE_SHORT.get(self, self.value)


_ROUTE_SHORT = {
    Route.ORAL: "po",
    Route.SUBLINGUAL: "sl",
    Route.TRANSDERMAL: "td",
    Route.RECTAL: "pr",
}

#: Every spelling of a route in the item language and in data files (lower case).
ROUTE_SPELLINGS: Mapping[str, Route] = MappingProxyType(
    {
        **{route.value: route for route in Route},
        "po": Route.ORAL, "p.o.": Route.ORAL, "per os": Route.ORAL, "by mouth": Route.ORAL,
        "sl": Route.SUBLINGUAL,
        "nasal": Route.INTRANASAL,
        "pr": Route.RECTAL, "per rectum": Route.RECTAL,
        "td": Route.TRANSDERMAL,
        "intravenous": Route.IV, "i.v.": Route.IV,
        "subcut": Route.SC, "subcutaneous": Route.SC, "s.c.": Route.SC, "sq": Route.SC,
        "csci": Route.SC,
        "intramuscular": Route.IM, "i.m.": Route.IM,
    }
)

#: Route groups that conversion tables may use for a row that applies to several routes alike.
ROUTE_GROUPS: Mapping[str, frozenset[Route]] = MappingProxyType(
    {"parenteral": frozenset({Route.IV, Route.SC, Route.IM})}
)


def parse_route(spelling: str) -> Route:
    """The :class:`Route` for a spelling (``po``, ``subcut``, ``TD`` …); ``ValueError`` if none."""
    key = " ".join(spelling.strip().lower().split())
    try:
        return ROUTE_SPELLINGS[key]
    except KeyError:
        raise ValueError(
            f"unknown route {spelling!r}; known routes: "
            + ", ".join(sorted({r.value for r in Route} | {"po", "sc", "td", "sl", "pr"}))
        ) from None


#: Release characteristics: immediate (ir) or extended/modified (er).
RELEASES: Mapping[str, str] = MappingProxyType(
    {
        "ir": "ir", "immediate-release": "ir", "immediate release": "ir",
        "short-acting": "ir", "short acting": "ir", "normal-release": "ir",
        "er": "er", "sr": "er", "cr": "er", "la": "er", "mr": "er", "xr": "er", "xl": "er",
        "long-acting": "er", "long acting": "er", "extended-release": "er",
        "extended release": "er", "modified-release": "er", "modified release": "er",
        "sustained-release": "er", "sustained release": "er", "controlled-release": "er",
        "controlled release": "er", "prolonged-release": "er", "prolonged release": "er",
    }
)

#: Dosage forms (the catalogue's ``forms`` column uses the canonical values).
FORMS: Mapping[str, str] = MappingProxyType(
    {
        "tablet": "tablet", "tablets": "tablet", "tab": "tablet", "tabs": "tablet",
        "capsule": "capsule", "capsules": "capsule", "cap": "capsule", "caps": "capsule",
        "liquid": "liquid", "solution": "liquid", "oral solution": "liquid", "syrup": "liquid",
        "drops": "liquid", "elixir": "liquid",
        "injection": "injection", "inj": "injection",
        "patch": "patch", "patches": "patch", "plaster": "patch", "tape": "patch",
        "suppository": "suppository", "suppositories": "suppository", "supp": "suppository",
        "lozenge": "lozenge", "troche": "lozenge",
        "film": "film",
        "spray": "spray",
        "powder": "powder", "granules": "powder",
    }
)

#: The route a dosage form implies (a patch is transdermal, a suppository rectal).
FORM_ROUTE: Mapping[str, Route] = MappingProxyType(
    {"patch": Route.TRANSDERMAL, "suppository": Route.RECTAL})


def parse_form(spelling: str) -> tuple[str | None, str | None]:
    """``(release, form)`` for a form word: ``"er"`` → ("er", None), ``"patch"`` → (None, "patch")."""
    key = " ".join(spelling.strip().lower().split())
    if key in RELEASES:
        return RELEASES[key], None
    if key in FORMS:
        return None, FORMS[key]
    raise ValueError(f"unknown form {spelling!r}")


#: The drug classes of the catalogue, with the label shown to people.
DRUG_CLASSES: Mapping[str, str] = MappingProxyType(
    {
        "opioid": "Opioids",
        "nsaid": "NSAIDs",
        "acetaminophen": "Acetaminophen (paracetamol)",
        "gabapentinoid": "Gabapentinoids",
        "corticosteroid": "Corticosteroids",
        "antipsychotic": "Antipsychotics",
        "nmda-antagonist": "NMDA antagonists",
        "antidepressant": "Antidepressants",
        "local-anaesthetic": "Local anaesthetics",
        "benzodiazepine": "Benzodiazepines",
        "antiemetic": "Antiemetics",
        "proton-pump-inhibitor": "Proton-pump inhibitors",
        "h2-antagonist": "H2-receptor antagonists",
        "prostaglandin-analogue": "Prostaglandin analogues",
        "alpha2-agonist": "Alpha-2 adrenergic agonists",
        "opioid-antagonist": "Opioid antagonists",
        "anticoagulant": "Anticoagulants",
        "antiplatelet": "Antiplatelet drugs",
        "laxative": "Laxatives",
        "hypnotic": "Hypnotics other than benzodiazepines (Z-drugs)",
        "antibacterial": "Antibacterials",
        "antifungal": "Antifungals",
        "calcium-channel-blocker": "Calcium-channel blockers",
        "antimuscarinic": "Antimuscarinics (antisecretory and antispasmodic)",
        "somatostatin-analogue": "Somatostatin analogues",
        "antihistamine": "Antihistamines",
        "barbiturate": "Barbiturates",
        "anticonvulsant": "Anticonvulsants other than the barbiturates, benzodiazepines and "
                          "gabapentinoids",
        "unlisted": "Not in the catalogue",
    }
)


#: One drug of each class, as a suggestion names it ("did you mean 'celexa' (citalopram, an
#: antidepressant)?"): a name that is close in spelling is shown with what it is, because a look-alike
#: name of another class is how a wrong drug gets chosen (ISMP's list of confused drug names).
DRUG_CLASS_ONE: Mapping[str, str] = MappingProxyType(
    {
        "opioid": "an opioid",
        "nsaid": "an NSAID",
        "acetaminophen": "an analgesic and antipyretic",
        "gabapentinoid": "a gabapentinoid",
        "corticosteroid": "a corticosteroid",
        "antipsychotic": "an antipsychotic",
        "nmda-antagonist": "an NMDA antagonist",
        "antidepressant": "an antidepressant",
        "local-anaesthetic": "a local anaesthetic",
        "benzodiazepine": "a benzodiazepine",
        "antiemetic": "an antiemetic",
        "proton-pump-inhibitor": "a proton-pump inhibitor",
        "h2-antagonist": "an H2-receptor antagonist",
        "prostaglandin-analogue": "a prostaglandin analogue",
        "alpha2-agonist": "an alpha-2 adrenergic agonist",
        "opioid-antagonist": "an opioid antagonist",
        "anticoagulant": "an anticoagulant",
        "antiplatelet": "an antiplatelet drug",
        "laxative": "a laxative",
        "hypnotic": "a hypnotic (Z-drug)",
        "antibacterial": "an antibacterial",
        "antifungal": "an antifungal",
        "calcium-channel-blocker": "a calcium-channel blocker",
        "antimuscarinic": "an antimuscarinic",
        "somatostatin-analogue": "a somatostatin analogue",
        "antihistamine": "an antihistamine",
        "barbiturate": "a barbiturate",
        "anticonvulsant": "an anticonvulsant",
        "unlisted": "not in the catalogue",
    }
)


#: The patient conditions the safety checks read (canonical name → what it means). A condition a
#: check does not know would be silently ignored, so an unknown name is refused
#: (:func:`parse_condition`) with this list.
CONDITIONS: Mapping[str, str] = MappingProxyType(
    {
        "copd": "chronic obstructive pulmonary disease (a respiratory risk factor)",
        "asthma": "asthma (a respiratory risk factor)",
        "sleep-apnoea": "sleep apnoea (a respiratory risk factor)",
        "respiratory-disease": "another disease that reduces lung function (a respiratory risk "
                               "factor)",
        "dialysis": "haemodialysis (dialysis limits apply)",
        "chronic-alcohol-use": "chronic alcohol use or alcohol excess (lowers the acetaminophen "
                               "maximum)",
        "malnutrition": "chronic malnutrition or cachexia (low glutathione; lowers the "
                        "acetaminophen maximum)",
        "dehydration": "dehydration or severe hypovolaemia (lowers the acetaminophen maximum)",
        "heart-failure": "heart failure (the drugs whose labels contraindicate it are flagged: "
                         "the NSAIDs, in severe heart failure; domperidone, in cardiac disease)",
        "long-qt": "a prolonged QT interval or congenital long QT syndrome (the drugs whose "
                   "labels contraindicate it are flagged, and methadone, whose regulator asks "
                   "for ECG monitoring)",
        "bowel-obstruction": "a known or suspected mechanical bowel obstruction, complete or with "
                             "colic (the drugs whose labels contraindicate it are flagged: "
                             "metoclopramide, the stimulant laxatives, the peripherally acting "
                             "opioid antagonists)",
        "partial-bowel-obstruction": "a partial or subacute bowel obstruction without colic (the "
                                     "stimulant laxatives and the peripherally acting opioid "
                                     "antagonists are flagged as in bowel-obstruction; "
                                     "metoclopramide is not, since palliative guidance gives it "
                                     "there)",
        "opioid-use-disorder": "opioid use disorder (opioid dependence) treated with an opioid: "
                               "sublingual buprenorphine above the analgesic dose is read as its "
                               "treatment, not judged against the thresholds for pain",
        "thrombocytopenia": "a low platelet count (the anticoagulants are flagged: the ISTH "
                            "guidance sets their dose by the platelet count; ketorolac, whose "
                            "label contraindicates it with a high risk of bleeding)",
        "acute-upper-respiratory-inflammation": "the indication acute upper respiratory tract "
                                                "inflammation (the Japanese labels' loxoprofen "
                                                "and acetaminophen maxima for it apply)",
        "parkinsons-disease": "Parkinson's disease (the dopamine antagonists whose labels "
                              "contraindicate it are flagged: metoclopramide, haloperidol)",
    }
)

#: Other spellings of the conditions (lower case, words joined by one space or a hyphen).
_CONDITION_SPELLINGS: Mapping[str, str] = MappingProxyType(
    {
        "chronic obstructive pulmonary disease": "copd",
        "sleep apnea": "sleep-apnoea", "sleep-apnea": "sleep-apnoea",
        "obstructive sleep apnoea": "sleep-apnoea", "obstructive sleep apnea": "sleep-apnoea",
        "osa": "sleep-apnoea",
        "respiratory disease": "respiratory-disease", "respiratory failure": "respiratory-disease",
        "respiratory-failure": "respiratory-disease",
        "reduced lung function": "respiratory-disease",
        "haemodialysis": "dialysis", "hemodialysis": "dialysis", "hd": "dialysis",
        "alcohol": "chronic-alcohol-use", "alcoholism": "chronic-alcohol-use",
        "alcohol excess": "chronic-alcohol-use", "alcohol-excess": "chronic-alcohol-use",
        "chronic alcohol use": "chronic-alcohol-use", "alcohol use disorder": "chronic-alcohol-use",
        "alcohol-use-disorder": "chronic-alcohol-use",
        "chronic malnutrition": "malnutrition", "malnourished": "malnutrition",
        "cachexia": "malnutrition", "cachectic": "malnutrition",
        "hypovolaemia": "dehydration", "hypovolemia": "dehydration",
        "heart failure": "heart-failure", "cardiac failure": "heart-failure",
        "congestive heart failure": "heart-failure", "chf": "heart-failure",
        "long qt": "long-qt", "long qt syndrome": "long-qt", "long-qt-syndrome": "long-qt",
        "lqts": "long-qt", "qt prolongation": "long-qt", "qt-prolongation": "long-qt",
        "prolonged qt": "long-qt", "qtc prolongation": "long-qt",
        "bowel obstruction": "bowel-obstruction", "intestinal obstruction": "bowel-obstruction",
        "malignant bowel obstruction": "bowel-obstruction", "mbo": "bowel-obstruction",
        "complete bowel obstruction": "bowel-obstruction",
        "complete-bowel-obstruction": "bowel-obstruction",
        "mechanical bowel obstruction": "bowel-obstruction",
        "partial bowel obstruction": "partial-bowel-obstruction",
        "subacute bowel obstruction": "partial-bowel-obstruction",
        "subacute-bowel-obstruction": "partial-bowel-obstruction",
        "oud": "opioid-use-disorder", "opioid use disorder": "opioid-use-disorder",
        "opioid dependence": "opioid-use-disorder", "opioid-dependence": "opioid-use-disorder",
        "low platelets": "thrombocytopenia", "low platelet count": "thrombocytopenia",
        "thrombocytopaenia": "thrombocytopenia",
        "urti": "acute-upper-respiratory-inflammation",
        "acute upper respiratory tract inflammation": "acute-upper-respiratory-inflammation",
        "acute upper respiratory infection": "acute-upper-respiratory-inflammation",
        "parkinson": "parkinsons-disease", "parkinsons": "parkinsons-disease",
        "parkinson's": "parkinsons-disease", "parkinson's disease": "parkinsons-disease",
        "parkinson disease": "parkinsons-disease", "parkinsons disease": "parkinsons-disease",
        "parkinson's-disease": "parkinsons-disease", "parkinson-disease": "parkinsons-disease",
        "morbus parkinson": "parkinsons-disease",
    }
)

#: Care settings (canonical name → what it means). Some rules' sources exclude a setting (the AGS
#: Beers Criteria exclude hospice and end-of-life care): there those rules step down to info.
SETTINGS: Mapping[str, str] = MappingProxyType(
    {
        "end-of-life": "care in the last days of life",
        "hospice": "hospice care",
        "palliative": "palliative care, not (yet) the last days of life",
        "hospital": "an acute hospital ward",
        "community": "care at home or in the community",
        "long-term-care": "a nursing home or long-term care facility",
    }
)

_SETTING_SPELLINGS: Mapping[str, str] = MappingProxyType(
    {
        "eol": "end-of-life", "end of life": "end-of-life", "last days": "end-of-life",
        "last days of life": "end-of-life", "last-days-of-life": "end-of-life",
        "dying": "end-of-life", "terminal care": "end-of-life", "terminal-care": "end-of-life",
        "hospice care": "hospice",
        "palliative care": "palliative",
        "inpatient": "hospital", "acute": "hospital", "ward": "hospital",
        "outpatient": "community", "ambulatory": "community", "home": "community",
        "primary care": "community",
        "nursing home": "long-term-care", "nursing-home": "long-term-care",
        "care home": "long-term-care", "care-home": "long-term-care",
        "long term care": "long-term-care",
    }
)


def _key(spelling: str) -> str:
    return " ".join(spelling.strip().lower().replace("_", " ").split())


def _canonical(spelling: str, names: Mapping[str, str], spellings: Mapping[str, str],
               what: str) -> str:
    """The canonical name of a spelling among ``names`` (or its other ``spellings``), with
    spaces or hyphens; ``ValueError`` listing the known names where it is none of them."""
    key = _key(spelling)
    for candidate in (key, key.replace(" ", "-")):
        if candidate in names:
            return candidate
        if candidate in spellings:
            return spellings[candidate]
    raise ValueError(f"unknown {what} {spelling!r}; known {what}s: " + ", ".join(names))


def parse_condition(spelling: str) -> str:
    """The canonical condition for a spelling (``COPD``, ``sleep apnea``, ``alcoholism``).

    ``ValueError`` listing the known conditions where the name is not one of them.
    """
    return _canonical(spelling, CONDITIONS, _CONDITION_SPELLINGS, "condition")


def parse_setting(spelling: str) -> str:
    """The canonical care setting for a spelling (``end of life``, ``EOL``, ``hospice``).

    ``ValueError`` listing the known settings where the name is not one of them.
    """
    return _canonical(spelling, SETTINGS, _SETTING_SPELLINGS, "setting")
