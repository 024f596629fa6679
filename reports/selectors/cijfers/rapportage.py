"""The whole report: every table, in the order the dashboard and the PDF show them."""

import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from ..taakstelling import DEFINITIE_TAAKSTELLING, taakstelling_tabel
from .basis import TEKST, Kolom, Rapportage, Tabel
from .bestand import bestand_tabel, per_regisseur_tabel
from .doorlooptijden import doorlooptijden_tabel
from .intake import intakes_tabel
from .kenmerken import kenmerken_tabellen
from .ontzorging import ontzorging_tabel
from .pip import leerroute_wissels_tabel, leerroutes_tabel, pip_termijn_tabel
from .termijnen import termijnen_tabel
from .uitstroom import afgesloten_tabel, uitstroom_tabel
from .verwijzingen import verwijzingen_tabel


def _taakstelling(params) -> Tabel:
    rijen = taakstelling_tabel(gemeente_ids=params["g"], tot=params["tot"])
    return Tabel(
        "taakstelling",
        _("Taakstelling huisvesting"),
        DEFINITIE_TAAKSTELLING,
        [
            Kolom(_("Halfjaar"), TEKST),
            Kolom(_("Taakstelling")),
            Kolom(_("Gerealiseerd")),
            Kolom(_("Verschil")),
            Kolom(_("Cumulatief verschil")),
        ],
        [(r.label, r.taakstelling, r.gerealiseerd, r.verschil, r.cumulatief) for r in rijen],
    )


def rapportage(
    *, gemeenten, van: datetime.date, tot: datetime.date, vandaag: datetime.date
) -> Rapportage:
    """Every figure of the dashboard and the quarterly report for these gemeenten over
    [van, tot]. States (caseload, open deadlines) are counted on the peildatum: the end of
    the period, or today when the period has not ended yet. A moment (a referral sent, a
    version fixed) falls on the day it has in the installation's time zone."""
    gemeenten = list(gemeenten)
    peil = min(tot, vandaag)
    params = {
        "g": [g.pk for g in gemeenten],
        "van": van,
        "tot": tot,
        "peil": peil,
        "tz": settings.TIME_ZONE,
    }
    tabellen = [
        bestand_tabel(params),
        intakes_tabel(params),
        doorlooptijden_tabel(params),
        pip_termijn_tabel(params),
        leerroutes_tabel(params),
        leerroute_wissels_tabel(params),
        verwijzingen_tabel(params),
        ontzorging_tabel(params),
        termijnen_tabel(params),
        per_regisseur_tabel(params),
        *kenmerken_tabellen(params),
        uitstroom_tabel(params),
        afgesloten_tabel(params),
        _taakstelling(params),
    ]
    return Rapportage(
        gemeenten=sorted(g.naam for g in gemeenten),
        van=van,
        tot=tot,
        peildatum=peil,
        tabellen=tabellen,
    )
