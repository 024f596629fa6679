from .cijfers import Rapportage, Tabel, rapportage, waarde_tekst
from .extract import KOLOMMEN as LEVERING_KOLOMMEN
from .extract import kwartaallevering
from .levering import cbs_leveringen, levering_termijn_tekst
from .taakstelling import DEFINITIE_TAAKSTELLING, TaakstellingRij, taakstelling_tabel
from .toegang import (
    levering_gemeenten,
    mag_rapportages_zien,
    rapport_ophalen,
    rapportage_gemeenten,
    rapporten_van,
)

__all__ = [
    "DEFINITIE_TAAKSTELLING",
    "TaakstellingRij",
    "cbs_leveringen",
    "taakstelling_tabel",
    "LEVERING_KOLOMMEN",
    "Rapportage",
    "Tabel",
    "kwartaallevering",
    "levering_gemeenten",
    "levering_termijn_tekst",
    "mag_rapportages_zien",
    "rapport_ophalen",
    "rapportage",
    "rapportage_gemeenten",
    "rapporten_van",
    "waarde_tekst",
]
