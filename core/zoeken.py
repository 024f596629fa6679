"""Finding and ordering persons by name and BSN, in the database and backed by its indexes.

The person list and the access log search persons the same way, so the rule lives here, in
the layer both share; it names the fields of a person but imports no domain app. The SQL
function `koers_unaccent` and the indexes on these expressions are made by the migrations of
`statushouders` (an expression index only serves a query that uses exactly its expression).
"""

import re

from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Contains

# From this many digits a search looks anywhere in the BSN; fewer digits would match
# thousands of numbers and say nothing.
BSN_MINIMAAL_CIJFERS = 4

# How people write a BSN or V-nummer: 123.456.782, 123 456 782, 123-456-782.
_SCHEIDINGSTEKENS = re.compile(r"[\s.\-]")
_CIJFERS = re.compile(r"[0-9]+")


class KoersUnaccent(Func):
    """`unaccent` with a fixed dictionary, declared IMMUTABLE so an index can hold it."""

    function = "koers_unaccent"
    output_field = TextField()


def normaal(expressie) -> Lower:
    """Text as it is compared and sorted: without accents, in lower case (Ş → s, É → e)."""
    if isinstance(expressie, str):
        expressie = F(expressie)
    return Lower(KoersUnaccent(expressie))


def naam_sleutels(*, via: str = "") -> list[Lower]:
    """The name in Dutch alphabetical order: surname, then given names, accents ignored.
    The index `persoon_sorteernaam` holds exactly these expressions (followed by the id)."""
    return [normaal(f"{via}achternaam"), normaal(f"{via}voornamen")]


class BuitenIndex(Func):
    """The same text in an expression no index holds (`x || ''`), so the planner sorts."""

    template = "(%(expressions)s || '')"
    output_field = TextField()


def naam_volgorde(*, via: str = "", aflopend: bool = False, uit_index: bool = True) -> list:
    """ORDER BY for the name, with the id last so every page of a list is stable.

    Browsing, the list is read in order from the index. A narrow search passes
    `uit_index=False` (see `zoekt_via_index`): its own indexes find the matching rows, which
    the database then sorts in the same order. Otherwise the planner may walk the name index
    from A and test every row until it has a page: tens of thousands of rows for "Şahin", as
    the matches of a name lie together in the alphabet.
    """
    sleutels = [*naam_sleutels(via=via), F(f"{via}id")]
    if not uit_index:
        sleutels = [BuitenIndex(sleutels[0]), BuitenIndex(sleutels[1]), sleutels[2]]
    return [s.desc() if aflopend else s.asc() for s in sleutels]


def zoekcijfers(zoekterm: str) -> str | None:
    """The digits of a search that is a number (a BSN or V-nummer, whole or in part)."""
    cijfers = _SCHEIDINGSTEKENS.sub("", zoekterm)
    return cijfers if _CIJFERS.fullmatch(cijfers) else None


def te_weinig_bsn_cijfers(zoekterm: str) -> bool:
    cijfers = zoekcijfers(zoekterm or "")
    return cijfers is not None and len(cijfers) < BSN_MINIMAAL_CIJFERS


def zoekt_via_index(zoekterm: str) -> bool:
    """Whether the search's own indexes narrow it down: a part of a BSN, or a word of three
    letters or more (a trigram). One or two letters match persons all through the alphabet;
    then reading the list in name order finds a page soonest."""
    cijfers = zoekcijfers(zoekterm)
    if cijfers is not None and len(cijfers) >= BSN_MINIMAAL_CIJFERS:
        return True
    return any(len(woord) >= 3 for woord in zoekterm.replace(",", " ").split())


def persoon_zoekvoorwaarde(zoekterm: str, *, via: str = "") -> Q:
    """Persons that match a search as people type it.

    - Digits: from four on, anywhere in the BSN; a whole V-nummer. Fewer than four digits
      search no BSN (and so find no one).
    - Words: every word in the surname or the given names, as the list shows the name
      ("Haddad, Amal") or as it is said ("Amal Haddad"), case and accents ignored.
    """
    cijfers = zoekcijfers(zoekterm)
    if cijfers is not None and len(cijfers) >= BSN_MINIMAAL_CIJFERS:
        return Q(**{f"{via}bsn__contains": cijfers}) | Q(**{f"{via}v_nummer": cijfers})
    voorwaarde = Q()
    for woord in zoekterm.replace(",", " ").split():
        # The search word goes through the same function as the column, in the database,
        # so both sides lose their accents by the same rules.
        gezocht = normaal(Value(woord))
        voorwaarde &= Q(Contains(normaal(f"{via}achternaam"), gezocht)) | Q(
            Contains(normaal(f"{via}voornamen"), gezocht)
        )
    return voorwaarde
