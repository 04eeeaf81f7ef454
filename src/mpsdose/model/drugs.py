"""The drug catalogue: drugs, their classes, routes and forms, and every name they go by.

The objects only: the shipped catalogue is built from ``data/drugs.csv``, ``data/drug_names.csv``
and ``data/combination_products.csv`` by :mod:`mpsdose.knowledge` (every row with its source), and
a hospital's own files of those names build its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

import attrs

from mpsdose.model.errors import UnitError, UnknownDrugError
from mpsdose.model.units import UNITS, Unit
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import DRUG_CLASS_ONE, FORM_ROUTE, Route

__all__ = ["SALT_WORDS", "Catalogue", "Drug", "OtherDrug", "Product", "normal_name", "without_salt"]


@attrs.frozen(repr=False, eq=False)
class Drug(Value):
    """One drug of the catalogue (or an unlisted name the caller chose to keep).

    Attributes
    ----------
    name
        Canonical lower-case name (USAN where it differs from the INN: acetaminophen, meperidine).
    drug_class
        A key of :data:`DRUG_CLASSES`.
    routes
        Routes with a marketed product or in routine palliative use.
    forms
        Canonical dosage forms (``tablet``, ``patch`` …).
    natural_unit
        The daily-dose unit a pharmacist reads for this drug (``g/day`` for acetaminophen;
        ``units/day`` for a drug dosed in units of activity, heparin, whose items are written
        in units and only in units).
    atc_code, source
        WHO ATC code and where the row's facts come from.
    listed
        False for an unlisted item: kept and shown, never totalled or converted.
    """

    name: str
    drug_class: str
    routes: frozenset[Route] = frozenset()
    forms: frozenset[str] = frozenset()
    natural_unit: Unit = attrs.field(default=UNITS["mg/day"])
    atc_code: str = ""
    source: str = ""
    listed: bool = True

    @classmethod
    def unlisted(cls, name: str) -> Drug:
        """A drug the catalogue does not know, kept by the caller's choice.

        Parameters
        ----------
        name
            The name as written.

        Returns
        -------
        Drug
            Class ``unlisted``, ``listed`` False: shown, never totalled or converted.
        """
        return cls(name=name, drug_class="unlisted", listed=False, source="not in the catalogue")

    @property
    def is_opioid(self) -> bool:
        """True for the class ``opioid``."""
        return self.drug_class == "opioid"

    @property
    def dosed_in_units(self) -> bool:
        """True for a drug dosed in units of activity (heparin 5000 units), never in mg."""
        return self.natural_unit.in_units

    def check_unit(self, unit: Unit, *, written: str | None = None,
                   text: str | None = None) -> None:
        """Refuse a dose unit of the wrong dimension for this drug.

        Units (U, IU) are a dose unit only for a drug the catalogue marks as dosed in them
        (heparin, dalteparin): an opioid, or any drug dosed in mass, written in units is an input
        error (CONTRACT.md §1; "U" is easily misread as 0 or 4). A drug dosed in units written
        in mg cannot be judged either: the units in one mg differ by product. An unlisted drug
        is not checked (it is shown, never totalled).

        Parameters
        ----------
        unit
            The dose's unit.
        written
            The unit as written (``"IU"``), named in the error; default the unit's symbol.
        text
            The item, named in the error.

        Raises
        ------
        UnitError
            The unit's dimension is not the drug's.
        """
        if not self.listed or unit.in_units == self.dosed_in_units:
            return
        shown = written or unit.symbol
        if unit.in_units:
            what = "an opioid" if self.is_opioid else "a drug"
            raise UnitError(
                f"unit {shown!r} refused for {self.name}: units (U/IU) are a dose unit only for "
                f"the drugs dosed in units (heparins), and {self.name} is {what} dosed in mass; "
                "write mg, g or mcg ('U' is easily misread as 0 or 4)",
                unit=shown, allowed=["mg", "g", "mcg"], text=text)
        raise UnitError(
            f"{self.name} is dosed in units, not {shown}: write its dose in units "
            f"('{self.name} 5000 units sc daily'; U and IU are read as units)",
            unit=shown, allowed=["units", "units/day", "units/h"], text=text)

    @property
    def default_route(self) -> Route | None:
        """Oral where the drug has an oral form, else None: the route must then be written."""
        return Route.ORAL if Route.ORAL in self.routes else None

    def route_for_form(self, form: str | None) -> Route | None:
        """The route a dosage form implies for this drug (a patch is transdermal), if any.

        Parameters
        ----------
        form
            A canonical dosage form, or None.

        Returns
        -------
        Route or None
        """
        route = FORM_ROUTE.get(form or "")
        if route is Route.TRANSDERMAL and Route.TRANSDERMAL not in self.routes:
            return Route.TOPICAL if Route.TOPICAL in self.routes else route
        return route

    def __str__(self) -> str:
        return self.name


@attrs.frozen(repr=False, eq=False)
class Product(Value):
    """A marketed combination product: its components and their strengths per unit [mg]."""

    name: str
    components: tuple[str, ...]
    strengths: tuple[float, ...]
    market: str
    source: str
    #: ``ir`` or ``er`` where the product's label names its release (``combination_products.csv``)
    release: str | None = None


@attrs.frozen(repr=False, eq=False)
class Catalogue(Value):
    """Drugs by canonical name, every known name → canonical name, and combination products.

    Built from ``drugs.csv``, ``drug_names.csv`` and ``combination_products.csv``; get it from
    :attr:`mpsdose.Knowledge.catalogue`.

    Attributes
    ----------
    drugs
        Canonical name → drug.
    names
        Every known name (canonical, INN, USAN, salt, brand; lower case) → canonical name.
    products
        Combination product name → its marketed strengths.
    releases
        A brand name → the release (``ir`` or ``er``) of every oral form of it, where its label
        names one (``drug_names.csv`` column ``release``).
    brands
        The names that are brands (``drug_names.csv`` kind ``brand``, ``brand-jp``): an item
        written with one names its product.

    Examples
    --------
    >>> import mpsdose
    >>> books = mpsdose.Knowledge.default().catalogue
    >>> books.resolve("Paracetamol").name
    'acetaminophen'
    """

    drugs: Mapping[str, Drug]
    names: Mapping[str, str]
    products: Mapping[str, tuple[Product, ...]] = MappingProxyType({})
    releases: Mapping[str, str] = MappingProxyType({})
    #: the brand names (``drug_names.csv`` kind brand or brand-jp), lower case
    brands: frozenset[str] = frozenset()

    def product(self, name: str) -> tuple[Product, ...]:
        """The marketed strengths of a combination product by name (empty if unknown).

        Parameters
        ----------
        name
            The product's name, any case.

        Returns
        -------
        tuple of Product
            One per marketed strength.
        """
        return self.products.get(normal_name(name), ())

    def release(self, name: str) -> str | None:
        """The release a brand name stands for (``ir``, ``er``), or None.

        Parameters
        ----------
        name
            A name of a drug, any case.

        Returns
        -------
        str or None
            None for a name that is not such a brand (a drug's own name, a brand that spans
            release forms, an unknown name).

        Examples
        --------
        >>> import mpsdose
        >>> books = mpsdose.Knowledge.default().catalogue
        >>> (books.release("OxyContin"), books.release("oxycodone"))
        ('er', None)
        """
        return self.releases.get(normal_name(name))

    def product_release(self, name: str) -> str | None:
        """The one release (``ir``, ``er``) of every marketed strength of a combination product,
        or None (unknown product, a strength whose release is not given, or strengths that
        differ).

        Examples
        --------
        >>> import mpsdose
        >>> books = mpsdose.Knowledge.default().catalogue
        >>> (books.product_release("Targin"), books.product_release("percocet"))
        ('er', None)
        """
        return _one_release(self.product(name))

    def combination_release(self, components: Sequence[str]) -> str | None:
        """The one release of every marketed product of exactly these components (canonical
        names, in order), or None where there is no such product, one does not give its release
        or they differ: ``oxycodone/naloxone`` is prolonged-release in every product (Targin,
        Targinact, Targiniq ER), so an item written with the components is an ER item.

        Examples
        --------
        >>> import mpsdose
        >>> books = mpsdose.Knowledge.default().catalogue
        >>> books.combination_release(["oxycodone", "naloxone"])
        'er'
        """
        wanted = tuple(components)
        return _one_release([p for products in self.products.values() for p in products
                             if p.components == wanted])

    def resolve(self, name: str, *, text: str | None = None) -> Drug:
        """The drug a name stands for (INN, USAN, brand, salt spelling; case-insensitive).

        Parameters
        ----------
        name
            Any known name of the drug.
        text
            The item the name was in.

        Returns
        -------
        Drug

        Raises
        ------
        UnknownDrugError
            With the nearest known names as suggestions, each with the drug it is.
        """
        key = normal_name(name)
        try:
            return self.drugs[self.names[key]]
        except KeyError:
            nearest = self.suggest(key)
            raise UnknownDrugError(key, nearest, text=text,
                                   suggested_drugs=self.describe_all(nearest)) from None

    def get(self, name: str) -> Drug | None:
        """The drug a name stands for, or None where the name is unknown."""
        canonical = self.names.get(normal_name(name))
        return None if canonical is None else self.drugs[canonical]

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Up to ``n`` known names close enough to ``name`` to be a misspelling of it, one per drug.

        Each drug is offered once, by its name nearest to ``name``, and only where that name's
        :class:`difflib.SequenceMatcher` ratio is at least :data:`MISSPELLING_CUTOFF`: a name
        further away is another drug whose spelling happens to be near (Coumadin is not codeine),
        which is how look-alike names get a wrong drug chosen. None may be close enough: the list
        is then empty. A name one edit away (:data:`SINGLE_ERROR`) comes first
        (:func:`nearest_names`).

        Parameters
        ----------
        name
            The name that was not found.
        n
            The most names to return.

        Returns
        -------
        list of str
            Nearest first; empty where none is close enough.
        """
        return nearest_names(normal_name(name), self.names, n)

    def describe(self, name: str, drug: str | None = None) -> str:
        """What a known name is, as a suggestion says it: its drug's catalogue name (the INN;
        USAN where it differs) and class, "citalopram, an antidepressant"; the class alone where
        the name is the drug's own ("an opioid"). ``drug`` names the drug of a name the catalogue
        does not hold itself (a product name, ナルラピド錠: hydromorphone).

        Examples
        --------
        >>> import mpsdose
        >>> books = mpsdose.Knowledge.default().catalogue
        >>> books.describe("celexa"), books.describe("oxycodone")
        ('citalopram, an antidepressant', 'an opioid')
        """
        found = self.resolve(name if drug is None else drug)
        what = DRUG_CLASS_ONE.get(found.drug_class, found.drug_class)
        return what if found.name == normal_name(name) else f"{found.name}, {what}"

    def describe_all(self, names: Iterable[str]) -> list[str]:
        """:meth:`describe` for each known name; a name the catalogue does not know ends the list
        (a product name a caller suggests is described by its own error)."""
        described = []
        for name in names:
            if self.get(name) is None:
                break
            described.append(self.describe(name))
        return described

    def by_class(self, drug_class: str | None = None) -> list[Drug]:
        """The drugs of one class (None: all), sorted by class and name."""
        drugs: Iterable[Drug] = self.drugs.values()
        if drug_class is not None:
            drugs = (drug for drug in drugs if drug.drug_class == drug_class)
        return sorted(drugs, key=lambda drug: (drug.drug_class, drug.name))

    def aliases(self, drug: str) -> list[str]:
        """Every other name that resolves to ``drug`` (a canonical name), sorted."""
        return sorted(name for name, target in self.names.items() if target == drug != name)


#: The least :class:`difflib.SequenceMatcher` ratio at which a known name is offered as what an
#: unknown name may be a misspelling of. Measured, not chosen: every misspelt name among the held-out
#: sets' input rows (``grep -h ",input," tests/data/check_dangerous_*.csv``; 74 distinct, from
#: "hydromorfone" to "タペンダ") has its intended drug's nearest name at a ratio of at least 0.75
#: (the least: "タペンダ" → "タペンタ", Tapenta), and first; the look-alike suggestions the
#: pharmacist's audit found (Coumadin → codeine, Panamax → Xanax and Opana, Butec → Subutex, Endone
#: → methadone: 0.65 to 0.67) fall below it. tests/test_fixnames.py measures it again.
MISSPELLING_CUTOFF = 0.75


#: The edits of a single misspelling (Damerau, "A technique for computer detection and correction of
#: spelling errors", Commun. ACM 7(3):171-176, 1964: an unknown word "has at most one error, which
#: might be a wrong, missing or extra letter or a single transposition"; over 80% of misspelt words
#: in his count had one such error). A known name this close to an unknown one is ranked before
#: names that are merely similar: "fentanil" is one letter from "fentanyl", while "sufentanil" and
#: "alfentanil" contain it whole and score a higher ratio.
SINGLE_ERROR = 1


def edit_distance(a: str, b: str) -> int:
    """The Damerau-Levenshtein distance of two names (optimal string alignment): how many letters
    changed, added, dropped or swapped with their neighbour turn one into the other."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def nearest_names(key: str, names: Mapping[str, str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``names`` (known name → its drug) close enough to ``key`` to be a misspelling
    of it, one per drug, nearest first.

    A drug is offered by its name nearest to ``key`` where that name's
    :class:`difflib.SequenceMatcher` ratio is at least :data:`MISSPELLING_CUTOFF`. Names a single
    error away (:data:`SINGLE_ERROR`, :func:`edit_distance`) come first, then by ratio, the drug's
    own name on a tie, then alphabetically.
    """
    import difflib  # only on the error path

    best: dict[str, tuple[bool, float, bool, str]] = {}
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(key)
    for known, drug in names.items():
        matcher.set_seq1(known)
        if matcher.real_quick_ratio() < MISSPELLING_CUTOFF or \
                matcher.quick_ratio() < MISSPELLING_CUTOFF:
            continue
        ratio = matcher.ratio()
        if ratio < MISSPELLING_CUTOFF:
            continue
        score = (edit_distance(key, known) <= SINGLE_ERROR, ratio, known == drug, known)
        if score[:3] > best.get(drug, (False, 0.0, False, ""))[:3]:
            best[drug] = score
    ranked = sorted(best.values(), key=lambda s: (not s[0], -s[1], not s[2], s[3]))
    return [known for *_, known in ranked[:n]]


def normal_name(name: str) -> str:
    """A name as the catalogue keys it: lower case, single spaces."""
    return " ".join(name.strip().lower().split())


#: Words of a salt or ester written after a drug's name ("metformin hydrochloride", "divalproex
#: sodium"): the name without them is the same drug.
SALT_WORDS = frozenset({"hydrochloride", "hcl", "sulfate", "sulphate", "citrate", "tartrate",
                        "bitartrate", "maleate", "mesylate", "mesilate", "besylate", "besilate",
                        "sodium", "potassium", "phosphate", "acetate", "fumarate", "succinate",
                        "bromide", "hydrobromide", "carbonate", "dihydrate", "monohydrate"})


#: Elements whose doses are written as the element ("calcium 500 mg": elemental calcium; a
#: tablet of 1250 mg calcium carbonate holds 500 mg, Calcichew-D3's SmPC): the element's name
#: alone is not a name of its salt. (Zinc and magnesium, whose salts other_drug_names.csv lists
#: too, are left read as their salts, as before.)
DOSED_AS_ELEMENT = frozenset({"calcium"})


def without_salt(name: str) -> str:
    """A name with the salt words after it left off: "metformin hydrochloride" → "metformin".
    A name that is nothing but salt words ("sodium") is kept."""
    words = normal_name(name).split()
    while len(words) > 1 and words[-1] in SALT_WORDS:
        words.pop()
    return " ".join(words)


@attrs.frozen(repr=False, eq=False)
class OtherDrug(Value):
    """A drug the catalogue does not know, by its names (``other_drug_names.csv``).

    ``mpsdose read`` reads an amount given to one of these names as an item not in the
    catalogue: reported with the words it was read from, never totalled, never checked.

    Attributes
    ----------
    name
        The INN in lower case.
    aliases
        Other names of the same drug ("divalproex sodium" for valproic acid).
    drug_class
        A broad class, from the section of the source list that holds it.
    source
        The list (and edition) or label the name was seen in.
    """

    name: str
    aliases: tuple[str, ...] = ()
    drug_class: str = ""
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it goes by, as written and without its salt words, lower case. An ion's
        adjective left alone ("ferrous" of "ferrous sulfate") names no substance: the salt is
        kept ("ferrous citrate" is not ferrous sulfate). Nor is an element dosed as the element
        the salt: "calcium 500 mg" is elemental calcium, 1250 mg of calcium carbonate."""
        found: list[str] = []
        for name in (self.name, *self.aliases):
            for each in (normal_name(name), without_salt(name)):
                if each != normal_name(name) and (
                        (each.endswith("ous") and " " not in each) or each in DOSED_AS_ELEMENT):
                    continue
                if each not in found:
                    found.append(each)
        return tuple(found)

    def drug(self) -> Drug:
        """The drug as the reader holds it: unlisted (never totalled, never converted)."""
        return Drug(name=self.name, drug_class="unlisted", listed=False, source=self.source)


def _one_release(products: Sequence[Product]) -> str | None:
    """The release every product gives, where all give the same one; else None."""
    releases = {product.release for product in products}
    if len(releases) != 1:
        return None
    return releases.pop()
