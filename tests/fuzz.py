"""Fuzzing every form and list parameter of the project: the state, the walk that finds the
forms (every URL pattern opened as a user who may, so a form added later is fuzzed without an
edit) and the examples. The test is in tests/core/test_fuzz_formulieren.py.

Each form gets the hostile values below explicitly, whatever the hypothesis profile: every field
every value (all fields at once, each with another value), and every field on its own beside
what the page fills in. A page without a form of its own gets the parameters lists are known to
read and those links to it carry, until each hostile value was sent once. Hypothesis's examples
(how many: the profile in tests/conftest.py) come on top."""

import datetime
import math
import re
import time
from collections import Counter
from html import unescape
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import example, given, settings
from hypothesis import strategies as st

from accounts.constants import AanvraagSoort, Rol
from accounts.models import Rechtenaanvraag
from intake.secties import SECTIES
from reports.models import CbsLevering
from statushouders.models import Inzage
from statushouders.services import dossier_afsluiten
from termijnen.models import Feestdag, TermijnConfig
from tests.accounts.factories import UserFactory
from tests.formulieren import Formulier, Veld, formulieren
from tests.intake.factories import BredeIntakeFactory
from tests.partners.factories import PartnerFactory, VerwijzingFactory
from tests.pip_plans.factories import PlanDoelFactory, PlanFactory
from tests.reports.factories import RapportFactory, TaakstellingFactory
from tests.statushouders.factories import ContactmomentFactory, GemeenteFactory, PersoonFactory
from tests.twee_gemeenten import dossier_bouwen, ontzorging_bouwen
from tests.urlwalk import alle_patronen, url_voor

OVERGESLAGEN_NAMESPACES = ("admin:",)
# Logging out ends the session the walk runs in; the login form is fuzzed without one.
ZONDER_SESSIE = {"accounts:login"}
OVERGESLAGEN = {"accounts:logout"}
# Query parameters the lists are known to read, beside those their filter forms show.
BEKENDE_PARAMETERS = [
    "q", "zoek", "sorteer", "pagina", "page", "status", "regisseur", "tab", "toegang",
    "gemeente", "van", "tot", "next",
]  # fmt: skip

SCRIPT = "<script>alert(1)</script>"
FORMULE = '=HYPERLINK("http://evil.example","klik")'

VIJANDIGE_WAARDEN = [
    "", " ", "\x00", "a\x00b", "\x0b", "a\x1bb", "\x1b[31m", "\x7f", "\x85", "\u202eevil",
    "\ufeff", "x" * 5000, "x" * 10_001, "x" * 100_000, "😀" * 500, "01-01-0001", "31-12-9999",
    "31-12-1999", "31-12-9999 23:59", "2026-02-30", "30-02-2026", "0001-01-01", "9999-12-31",
    "00-00-0000", "1-1-1", "29-02-2027", "99999999999999999999", "9" * 30, "2147483648", "-1",
    "0", "1e309", "-1e309", "1e400", "NaN", "inf", "1,5", "1.5", "٣", "٧", "=cmd|' /C calc'!A0",
    "+1", "-1+1", "@SUM(1+1)", FORMULE, SCRIPT, '"><img src=x>', "' OR 1=1 --", "%00",
    "../../etc/passwd", "{{ 7*7 }}", "%s%s%n",
]  # fmt: skip


def _datum(d: datetime.date) -> str:
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"


WAARDEN = st.one_of(
    st.sampled_from(VIJANDIGE_WAARDEN),
    st.text(max_size=60),
    st.text(st.characters(max_codepoint=0x9F), max_size=20),
    st.dates(min_value=datetime.date(1, 1, 1)).map(_datum),
    st.dates(min_value=datetime.date(1, 1, 1)).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["=", "+", "-", "@"]).flatmap(lambda t: st.text(max_size=20).map(t.__add__)),
)


@pytest.fixture
def vaste_dag():
    with time_machine.travel(datetime.datetime(2026, 4, 15, 10, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def staat(vaste_dag, private_bestanden):
    """One fixed state in which every page of the project has something to show: a dossier
    in each stage, referrals in each state the portal acts on."""
    weert = GemeenteFactory(naam="Weert", cbs_code="GM0988")
    partner = PartnerFactory(naam="Taalhuis Weert")
    regisseur = UserFactory(username="r-weert", gemeenten=[weert])
    gebruikers = {
        "regisseur": regisseur,
        "partner": UserFactory(username="p-a1", partnermedewerker=True, partner=partner),
        "beheerder": UserFactory(username="beheer", beheerder=True, gemeenten=[weert]),
        # Approves the batches the regisseur composed.
        "teamleider": UserFactory(username="t-weert", teamleider=True, gemeenten=[weert]),
    }
    # A fixed plan with versions and PDF, referrals, a deadline and a melding.
    dossier = dossier_bouwen(weert, regisseur, partner, PartnerFactory(), [b"%PDF-1.4 plan"])
    # Ontzorging: a period with a vaste last, a failed payment, batches in each state that
    # shows a form (waiting for approval, approved, exported), a bank statement.
    betalen = ontzorging_bouwen(weert, regisseur, gebruikers["teamleider"], [dossier], staten=3)
    ContactmomentFactory(persoon=dossier.persoon)
    geaccepteerd = VerwijzingFactory(
        persoon=dossier.persoon, partner=partner, door=regisseur, geaccepteerd=True
    )
    # An intake under way; a completed one without a plan; a concept plan.
    open_intake = BredeIntakeFactory(persoon__gemeente=weert, persoon__regisseur=regisseur)
    zonder_plan = BredeIntakeFactory(
        afgerond=True, persoon__gemeente=weert, persoon__regisseur=regisseur
    )
    concept = PlanFactory(intake__persoon__gemeente=weert, intake__persoon__regisseur=regisseur)
    concept_doel = PlanDoelFactory(plan=concept)
    basis = {
        "sectie": SECTIES[0].code,
        "code": TermijnConfig.objects.values_list("code", flat=True).first(),
        "pk": Feestdag.objects.values_list("pk", flat=True).first(),
        "cbs_code": weert.cbs_code,
        "gemeente_pk": weert.pk,
        # Links of e-mails and identity providers: a page that refuses a wrong key.
        "key": "onbekend",
        "uidb36": "1",
        "provider_id": "onbekend",
        "gemeente": weert.pk,
        "batch": betalen.batch_uuid,
        "afschrift": betalen.afschrift_uuid,
        "rapport": RapportFactory(
            gemeenten=[weert], aangevraagd_door=gebruikers["teamleider"]
        ).uuid,
    }
    # Beheer pages: an account, a rights request waiting for a second beheerder, a gemeente,
    # a partner, an AVG export of the dossier.
    aanvraag = Rechtenaanvraag.objects.create(
        gebruiker=regisseur,
        soort=AanvraagSoort.ROL,
        nieuwe_rol=Rol.TEAMLEIDER,
        reden="Nieuwe taak",
        aangevraagd_door=UserFactory(username="beheer2", beheerder=True, gemeenten=[weert]),
    )
    inzage = Inzage.objects.create(
        persoon=dossier.persoon, aangevraagd_door=gebruikers["beheerder"]
    )
    # A taakstelling to change or remove; one quarter delivered to CBS (to undo), one open.
    TaakstellingFactory(gemeente=weert, gewijzigd_door=gebruikers["beheerder"])
    CbsLevering.objects.create(
        gemeente=weert,
        jaar=2025,
        kwartaal=4,
        geleverd_op=datetime.date(2026, 1, 20),
        door=gebruikers["beheerder"],
    )
    onderweg = {**basis, "uuid": open_intake.persoon.uuid, "intake_uuid": open_intake.uuid}
    waarden = [
        {
            **basis,
            "uuid": dossier.persoon.uuid,
            "intake_uuid": dossier.intake_uuid,
            "doel_uuid": dossier.doel_uuid,
            "verwijzing_uuid": dossier.verwijzing_a.uuid,
            "termijn_id": dossier.termijn_id,
            "nummer": dossier.nummer,
            "inzage_uuid": inzage.uuid,
            "periode": dossier.periode_uuid,
            "last": dossier.last_uuid,
            "betaling": dossier.betaling_id,
            "participatie": dossier.participatie_uuid,
        },
        {**basis, "verwijzing_uuid": geaccepteerd.uuid},
        {**basis, "pk": dossier.melding_id},
        {**basis, "pk": regisseur.pk, "uuid": partner.uuid},
        {**basis, "pk": aanvraag.pk},
        {**basis, "pk": weert.pk},
        onderweg,
        {**basis, "uuid": zonder_plan.persoon.uuid, "intake_uuid": zonder_plan.uuid},
        {
            **basis,
            "uuid": concept.persoon.uuid,
            "doel_uuid": concept_doel.uuid,
            "intake_uuid": concept.intake.uuid,
        },
    ]
    # Every section of the intake under way.
    waarden += [{**onderweg, "sectie": sectie.code} for sectie in SECTIES[1:]]
    # A delivery of the beheerder (the teamleider's quarterly report is in `basis`).
    waarden.append(
        {
            **basis,
            "rapport": RapportFactory(
                gemeenten=[weert], levering=True, aangevraagd_door=gebruikers["beheerder"]
            ).uuid,
        }
    )
    # The batch pages in the states that show the approve, export and withdraw forms.
    waarden += [
        {**basis, "batch": b} for b in (betalen.goedgekeurd_uuid, betalen.samengesteld_uuid)
    ]
    # A closed dossier: the form that reopens it.
    afgesloten = PersoonFactory(gemeente=weert, regisseur=regisseur)
    dossier_afsluiten(
        persoon=afgesloten,
        door=regisseur,
        afgesloten_op=datetime.date(2026, 4, 1),
        uitstroomreden="overig",
    )
    waarden.append({**basis, "uuid": afgesloten.uuid})
    return gebruikers, waarden


def _wie(route: str, naam: str) -> str | None:
    if naam in ZONDER_SESSIE:
        return None
    if route.startswith("partner/"):
        return "partner"
    if route.startswith("beheer/"):
        return "beheerder"
    if route.startswith(("ontzorging/batches/", "werkvoorraad/team/")):
        return "teamleider"
    if route.startswith("rapportages/leveringen/"):
        return "beheerder"
    if route.startswith("rapportages/"):
        return "teamleider"
    return "regisseur"


def _clients(gebruikers) -> dict:
    clients = {None: Client(raise_request_exception=False)}
    for sleutel, user in gebruikers.items():
        clients[sleutel] = Client(raise_request_exception=False)
        clients[sleutel].force_login(user)
    return clients


def _paginas(waarden):
    """(who, url) of every page of the project, each pattern filled in with each state that
    fits it. A pattern no state can fill fails the walk."""
    paginas = {}
    for route, naam in alle_patronen():
        if naam.startswith(OVERGESLAGEN_NAMESPACES) or naam in OVERGESLAGEN:
            continue
        gevuld = False
        for w in waarden:
            url, met_parameters = url_voor(route, {**w, "overig": "<ontbreekt>"})
            if "<ontbreekt>" in url:
                continue
            gevuld = True
            paginas.setdefault((_wie(route, naam), url), naam)
            if not met_parameters:
                break
        assert gevuld, f"{route} ({naam}): geen toestand vult deze URL in; breid staat() uit"
    return paginas


def _zonder_toestandswijziging(functie):
    """Run a request and undo whatever it wrote, so every example meets the same state (and
    no login rate limit counts the examples before it)."""
    punt = transaction.savepoint()
    try:
        return functie()
    finally:
        transaction.savepoint_rollback(punt)
        transaction.set_rollback(False)
        cache.clear()


_LINK_MET_PARAMETERS = re.compile(r'href="([^"#]*\?[^"#]*)"')


def _verzamel_formulieren(clients, paginas):
    """The forms of every page, one per method, target and fields; and per page the query
    parameters its links carry (a list's "Wijzigen" link, a count that opens a filter)."""
    gevonden, parameters = {}, {}
    for (wie, url), naam in paginas.items():
        response = _zonder_toestandswijziging(lambda c=clients[wie], u=url: c.get(u))
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for link in _LINK_MET_PARAMETERS.findall(html):
            adres = urlsplit(urljoin(url, unescape(link)))
            try:
                doel = resolve(adres.path).view_name
            except Resolver404:
                continue
            parameters.setdefault(doel, set()).update(parse_qs(adres.query, True))
        for formulier in formulieren(html, "http://testserver" + url):
            pad = urlsplit(formulier.actie).path
            try:
                doel = resolve(pad).view_name
            except Resolver404:
                pytest.fail(f"{url}: formulier post naar {pad}, dat geen pagina is")
            velden = tuple(sorted(v.naam for v in formulier.invulbaar))
            gevonden.setdefault((formulier.methode, doel, velden), (wie, pad, formulier, naam))
    return gevonden, parameters


def _post_gegevens(formulier: Formulier, keuze: dict) -> dict:
    gegevens = formulier.gegevens()
    for naam, waarde in keuze.items():
        soort = next(v.soort for v in formulier.invulbaar if v.naam == naam)
        if soort == "file":
            gegevens[naam] = SimpleUploadedFile(waarde[:100] or "leeg", waarde.encode()[:2000])
        else:
            gegevens[naam] = waarde
    return gegevens


def alle_velden_elke_waarde(velden: list[str]) -> list[dict]:
    """Every field every hostile value, in one request per value: in request k field j gets
    value k + j, so the fields of one request carry different values."""
    n = len(VIJANDIGE_WAARDEN)
    return [
        {veld: VIJANDIGE_WAARDEN[(k + j) % n] for j, veld in enumerate(velden)} for k in range(n)
    ]


def elk_veld_alleen(velden: list[str]) -> list[dict]:
    """Every field on its own with a hostile value (each field another one), beside what the
    page fills in: a value that only does harm once the rest is valid."""
    return [{veld: VIJANDIGE_WAARDEN[j % len(VIJANDIGE_WAARDEN)]} for j, veld in enumerate(velden)]


def elke_waarde_eenmaal(velden: list[str]) -> list[dict]:
    """Every hostile value once, spread over the fields: every field in each request, as few
    requests as that takes."""
    n, breed = len(VIJANDIGE_WAARDEN), len(velden)
    return [
        {veld: VIJANDIGE_WAARDEN[(k * breed + j) % n] for j, veld in enumerate(velden)}
        for k in range(math.ceil(n / breed))
    ]


def _fout_regel(status, methode, pad, keuze) -> str:
    waarden = ", ".join(f"{veld}={waarde[:80]!r}" for veld, waarde in keuze.items())
    return f"{status} {methode.upper()} {pad} {waarden}"


def _fuzz(client, sleutel, pad, formulier, *, expliciet, voorbeelden) -> str | None:
    """The form's explicit examples and `voorbeelden` of hypothesis's: the first that answers
    with a server error, or None."""
    methode, _doel, _velden = sleutel
    velden = [v.naam for v in formulier.invulbaar]

    def versturen(keuze):
        if methode == "post":
            gegevens = _post_gegevens(formulier, keuze)
            return _zonder_toestandswijziging(lambda: client.post(pad, gegevens))
        gegevens = {**formulier.gegevens(), **keuze}
        return _zonder_toestandswijziging(lambda: client.get(pad, gegevens))

    if not velden:
        # A button without fields: nothing to vary, one press says enough.
        status = versturen({}).status_code
        return _fout_regel(status, methode, pad, {}) if status >= 500 else None

    keuzes = st.dictionaries(
        st.sampled_from(velden), WAARDEN, min_size=1, max_size=min(3, len(velden))
    )

    @settings(max_examples=voorbeelden)
    @given(keuze=keuzes)
    def voorbeeld(keuze):
        status = versturen(keuze).status_code
        assert status < 500, _fout_regel(status, methode, pad, keuze)

    for keuze in expliciet(velden):
        voorbeeld = example(keuze=keuze)(voorbeeld)
    # A seed and a place in the example database of each form's own.
    voorbeeld.hypothesis.inner_test._hypothesis_internal_add_digest = repr(sleutel).encode()
    try:
        voorbeeld()
    except Exception as fout:  # noqa: BLE001 - every form's error is reported below
        return str(fout)
    return None


def formulieren_fuzzen(staat) -> None:
    """Fuzz every form and list of the project."""
    gebruikers, waarden = staat
    clients = _clients(gebruikers)
    paginas = _paginas(waarden)
    gevonden, parameters = _verzamel_formulieren(clients, paginas)
    # Every page also takes the parameters lists are known to read and those its links carry,
    # with or without a form.
    met_filter = {d for (m, d, _f) in gevonden if m == "get"}
    for (wie, url), naam in paginas.items():
        if naam not in met_filter:
            gevonden[("get", naam, ())] = (
                wie,
                urlsplit(url).path,
                Formulier("get", url, False),
                naam,
            )
    assert len([k for k in gevonden if k[0] == "post"]) >= 20, "te weinig formulieren gevonden"
    veel = settings.default.max_examples
    fouten, tijden = [], {}
    for sleutel in sorted(gevonden, key=repr):
        (methode, doel, _velden), (wie, pad, formulier, _pagina) = sleutel, gevonden[sleutel]
        if methode == "get":
            namen = {v.naam for v in formulier.invulbaar}
            extra = [*BEKENDE_PARAMETERS, *sorted(parameters.get(doel, ()))]
            formulier.velden += [Veld(n, "text") for n in dict.fromkeys(extra) if n not in namen]
        if methode == "get" and doel not in met_filter:
            # A page without a filter form of its own: the guessed parameters, each hostile
            # value once, and a twentieth of hypothesis's examples.
            instellingen = {"expliciet": elke_waarde_eenmaal, "voorbeelden": max(1, veel // 20)}
        else:
            instellingen = {
                "expliciet": lambda v: alle_velden_elke_waarde(v) + elk_veld_alleen(v),
                "voorbeelden": veel,
            }
        begin = time.process_time()
        if fout := _fuzz(clients[wie], sleutel, pad, formulier, **instellingen):
            fouten.append(fout)
        tijden[(methode, doel, pad)] = round(time.process_time() - begin, 1)
    trage = sorted(tijden.items(), key=lambda kv: -kv[1])[:25]
    soorten = Counter(k[0] for k in gevonden)
    print(
        "\nformulieren:", soorten, f"{sum(tijden.values()):.0f} s processortijd", *trage, sep="\n"
    )
    assert not fouten, f"{len(fouten)} formulieren met een serverfout:\n" + "\n".join(fouten)
