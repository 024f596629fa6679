"""Realistic, deterministic demo data: gemeenten, one user per role, households of persons."""

import base64
import datetime
import hashlib
import random
import uuid
from dataclasses import dataclass
from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.db import transaction
from django.utils import timezone

from accounts.constants import Rol
from accounts.models import Rechtenaanvraag, User
from accounts.services import gemeente_aanvragen
from core.validators import bsn_aanvullen
from partners.models import Partner, Terugkoppeling, Verwijzing
from partners.selectors import partneractie_tekst, toestemming_omschrijving, verwijzing_url
from statushouders.constants import (
    Bestandsgroep,
    ContactSoort,
    Doelgroep,
    DossierMutatie,
    Geslacht,
    Relatie,
    Uitstroomreden,
)
from statushouders.models import (
    Contactmoment,
    DossierAfsluiting,
    Gemeente,
    Gezinsrelatie,
    Huishouden,
    Persoon,
)
from termijnen.models import Melding, Termijn
from termijnen.services import (
    NieuweTermijn,
    herinneringen_versturen,
    termijn_verlengen,
    termijnen_invoegen,
)

from .trajecten import trajecten, trajecten_kandidaten
from .verloop import verloop_maken

DEMO_WACHTWOORD = "koers-demo"
BATCH = 5000
# A family is in the intake phase this long after its koppeling; then in a trajectory.
INTAKEFASE_DAGEN = 90


def demo_totp_geheim(username: str) -> str:
    """The fixed TOTP secret of a demo user (base32), printed by `make run` for the app."""
    return base64.b32encode(
        hashlib.sha256(f"koers-demo-{username}".encode()).digest()[:20]
    ).decode()


GEMEENTEN = [
    # naam, CBS-code, postcode range, streets
    (
        "Weert",
        "GM0988",
        (6001, 6006),
        [
            "Maaspoort",
            "Beekstraat",
            "Molenakker",
            "Graafschap Hornelaan",
            "Boshoverweg",
            "Laarderweg",
        ],
    ),
    (
        "Cranendonck",
        "GM1706",
        (6021, 6029),
        ["Markt", "Dorpstraat", "Maarheezerweg", "Kapelstraat"],
    ),
    (
        "Nederweert",
        "GM0946",
        (6031, 6034),
        ["Brugstraat", "Kerkstraat", "Pastoor Vullinghsstraat", "Ospelseweg"],
    ),
]

DEMO_PARTNERS = [
    # naam, soort, leefgebieden, e-mail
    (
        "Vluchtelingenwerk Weert",
        "maatschappelijke_begeleiding",
        ["wonen", "financien", "sociaal_netwerk"],
        "mb@vluchtelingenwerk.example",
    ),
    ("Taalhuis Weert", "taal", ["taal", "digitale_vaardigheden"], "taalhuis@bibliotheek.example"),
    (
        "GGD Limburg-Noord",
        "gezondheid",
        ["gezondheid_lichamelijk", "gezondheid_psychisch"],
        "statushouders@ggd.example",
    ),
    (
        "Werkgeversservicepunt Midden-Limburg",
        "werk",
        ["werkervaring", "ambities"],
        "wsp@werkplein.example",
    ),
    ("Humanitas Weert", "welzijn", ["sociaal_netwerk", "gezin"], "weert@humanitas.example"),
]

DEMO_GEBRUIKERS = [
    # gebruikersnaam, voornaam, achternaam, rol, gemeenten
    ("regisseur", "Ingrid", "Janssen", Rol.REGISSEUR, ["Weert", "Nederweert"]),
    ("regisseur2", "Bram", "Hendrikx", Rol.REGISSEUR, ["Cranendonck"]),
    ("teamleider", "Marloes", "Verheijen", Rol.TEAMLEIDER, ["Weert", "Cranendonck", "Nederweert"]),
    ("partner", "Fatima", "El Amrani", Rol.PARTNER_MEDEWERKER, []),  # Vluchtelingenwerk
    ("taalhuis", "Sanne", "Bos", Rol.PARTNER_MEDEWERKER, []),  # Taalhuis
    # Two beheerders of every demo gemeente (AVG requests, retention): a role or a gemeente
    # one of them asks for, the other approves.
    (
        "beheer",
        "Koen",
        "Peeters",
        Rol.FUNCTIONEEL_BEHEERDER,
        ["Weert", "Cranendonck", "Nederweert"],
    ),
    (
        "beheer2",
        "Lotte",
        "Smeets",
        Rol.FUNCTIONEEL_BEHEERDER,
        ["Weert", "Cranendonck", "Nederweert"],
    ),
]

# Gemeente, years after closing, and the archive selection list it comes from.
DEMO_BEWAARTERMIJN = (
    "Weert",
    7,
    "Selectielijst gemeenten en intergemeentelijke organen 2020 (voorbeeld; de gemeente vult "
    "de eigen categorie in)",
)

# The organisation of each demo partnermedewerker.
DEMO_PARTNER_VAN = {"partner": "Vluchtelingenwerk Weert", "taalhuis": "Taalhuis Weert"}

# Nationalities weighted like a caseload of recent years, with names as they are written here.
HERKOMST = [
    # nationaliteit, gewicht, talen, voornamen (v), voornamen (m), achternamen
    (
        "Syrisch",
        34,
        "Arabisch",
        ["Fatima", "Aya", "Rania", "Noor", "Lina", "Hala", "Reem", "Sara"],
        ["Mohammed", "Ahmad", "Omar", "Khaled", "Yousef", "Hassan", "Ali", "Bilal"],
        ["Al-Hassan", "Haddad", "Khalil", "Al-Ahmad", "Darwish", "Sabbagh", "Najjar", "Aziz"],
    ),
    (
        "Eritrees",
        15,
        "Tigrinya",
        ["Senait", "Helen", "Selam", "Mebrat", "Rahel", "Saba"],
        ["Yonas", "Tesfay", "Filmon", "Dawit", "Robel", "Mussie"],
        ["Tesfamariam", "Ghebremedhin", "Habte", "Kidane", "Berhane", "Woldu"],
    ),
    (
        "Turks",
        12,
        "Turks, Koerdisch",
        ["Elif", "Zeynep", "Ayşe", "Merve", "Derya"],
        ["Mehmet", "Mustafa", "Emre", "Hüseyin", "Murat"],
        ["Yılmaz", "Kaya", "Demir", "Çelik", "Şahin", "Aydın"],
    ),
    (
        "Afghaans",
        10,
        "Dari, Pasjtoe",
        ["Mariam", "Zahra", "Parwana", "Shabnam", "Farishta"],
        ["Ahmad", "Mohammad", "Farid", "Jawad", "Naveed"],
        ["Rahimi", "Ahmadi", "Hakimi", "Karimi", "Sultani", "Noori"],
    ),
    (
        "Iraaks",
        7,
        "Arabisch, Koerdisch",
        ["Zainab", "Huda", "Shilan", "Rozhin"],
        ["Haidar", "Mustafa", "Karwan", "Sarhad"],
        ["Al-Jubouri", "Hussein", "Barzani", "Mahmoud", "Abdullah"],
    ),
    (
        "Jemenitisch",
        6,
        "Arabisch",
        ["Amal", "Asma", "Bushra"],
        ["Abdulrahman", "Saleh", "Nabil"],
        ["Al-Hakimi", "Saeed", "Al-Sharabi", "Qasem"],
    ),
    (
        "Iraans",
        5,
        "Perzisch",
        ["Shirin", "Parisa", "Nasrin"],
        ["Reza", "Amir", "Hamid"],
        ["Hosseini", "Mohammadi", "Rezaei", "Moradi"],
    ),
    (
        "Somalisch",
        4,
        "Somalisch",
        ["Hodan", "Ayaan", "Faadumo"],
        ["Abdi", "Mahad", "Liban"],
        ["Warsame", "Farah", "Jama", "Hirsi"],
    ),
    (
        "Soedanees",
        3,
        "Arabisch",
        ["Amna", "Sumaya"],
        ["Osman", "Elfatih"],
        ["Idris", "Babiker", "Osman"],
    ),
    (
        "Staatloos",
        4,
        "Arabisch",
        ["Dima", "Yasmin"],
        ["Tareq", "Samer"],
        ["Abu Ali", "Masri", "Awad"],
    ),
]
HUISHOUDGROOTTE = [(1, 44), (2, 15), (3, 12), (4, 12), (5, 10), (6, 7)]


@dataclass
class SeedResultaat:
    gemeenten: int
    gebruikers: int
    huishoudens: int
    personen: int


def _bsn_reeks(rng: random.Random, aantal: int, bezet: set[str]):
    """Unique BSNs that pass the elfproef: eight random digits and the check digit that fits."""
    gegeven = 0
    for prefix in rng.sample(range(10_000_000, 99_999_999), int(aantal * 1.2) + 100):
        bsn = bsn_aanvullen(f"{prefix:08d}")
        if bsn is None or bsn in bezet:
            continue
        yield bsn
        gegeven += 1
        if gegeven == aantal:
            return


def _datum(rng: random.Random, van: datetime.date, tot: datetime.date) -> datetime.date:
    return van + datetime.timedelta(days=rng.randint(0, max(0, (tot - van).days)))


@transaction.atomic
def gemeenten_en_gebruikers() -> tuple[dict[str, Gemeente], dict[str, User]]:
    gemeenten = {}
    for naam, code, _, _ in GEMEENTEN:
        gemeenten[naam], _created = Gemeente.objects.get_or_create(
            naam=naam, defaults={"cbs_code": code}
        )
    # One gemeente has set its retention period, the others not yet: the beheer screen shows
    # both states.
    Gemeente.objects.filter(naam=DEMO_BEWAARTERMIJN[0], bewaartermijn_jaren__isnull=True).update(
        bewaartermijn_jaren=DEMO_BEWAARTERMIJN[1], selectielijst_categorie=DEMO_BEWAARTERMIJN[2]
    )
    partners = {}
    for naam, soort, leefgebieden, email in DEMO_PARTNERS:
        partners[naam], _created = Partner.objects.get_or_create(
            naam=naam,
            defaults={"soort": soort, "leefgebieden": leefgebieden, "contact_email": email},
        )
    gebruikers = {}
    for username, voornaam, achternaam, rol, gemeente_namen in DEMO_GEBRUIKERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": voornaam,
                "last_name": achternaam,
                "rol": rol,
                "email": f"{username}@koers.example",
                "partner": partners[DEMO_PARTNER_VAN[username]]
                if rol == Rol.PARTNER_MEDEWERKER
                else None,
                "telefoon": "0495 575 000" if rol in (Rol.REGISSEUR, Rol.TEAMLEIDER) else "",
            },
        )
        if created:
            # Demo accounts are never staff or superuser: the Django admin is for an account
            # made with `createsuperuser`.
            user.set_password(DEMO_WACHTWOORD)
            user.save()
            user.gemeenten.set([gemeenten[n] for n in gemeente_namen])
        # Every password login asks for a second factor: demo users have a known one.
        Authenticator.objects.get_or_create(
            user=user,
            type=Authenticator.Type.TOTP,
            defaults={"data": {"secret": encrypt(demo_totp_geheim(username))}},
        )
        gebruikers[username] = user
    _open_rechtenaanvraag(gemeenten, gebruikers)
    return gemeenten, gebruikers


def _open_rechtenaanvraag(gemeenten, gebruikers) -> None:
    """One request waiting for the second beheerder, so the four-eyes step shows in beheer."""
    regisseur2, beheer = gebruikers["regisseur2"], gebruikers["beheer"]
    if Rechtenaanvraag.objects.filter(gebruiker=regisseur2).exists():
        return
    if not beheer.gemeenten.filter(pk=gemeenten["Weert"].pk).exists():
        return  # a database seeded before beheerders had gemeenten
    gemeente_aanvragen(
        gebruiker=regisseur2,
        door=beheer,
        gemeente=gemeenten["Weert"],
        reden="Bram neemt vanaf volgende maand ook dossiers in Weert over.",
    )


def seed(*, personen: int, seed: int, peildatum: datetime.date | None = None) -> SeedResultaat:
    """Create demo gemeenten, users and `personen` persons in households; same seed, same data."""
    rng = random.Random(seed)
    peildatum = peildatum or timezone.localdate()
    gemeenten, gebruikers = gemeenten_en_gebruikers()
    regisseur_per_gemeente = {
        "Weert": gebruikers["regisseur"],
        "Nederweert": gebruikers["regisseur"],
        "Cranendonck": gebruikers["regisseur2"],
    }
    bezet = set(Persoon.objects.exclude(bsn=None).values_list("bsn", flat=True))
    bsns = _bsn_reeks(rng, personen, bezet)
    v_start = 2_000_000_000 + rng.randint(0, 5_000_000_000)
    while Persoon.objects.filter(
        v_nummer__gte=str(v_start), v_nummer__lt=str(v_start + personen)
    ).exists():
        v_start += personen

    gemaakt_huishoudens = gemaakt_personen = 0
    nog = personen
    while nog > 0:
        huishoudens, leden = [], []
        while nog > 0 and len(leden) < BATCH:
            grootte = min(nog, rng.choices(*zip(*HUISHOUDGROOTTE, strict=True))[0])
            gemeente_naam, _, postcodes, straten = rng.choices(GEMEENTEN, weights=[60, 20, 20])[0]
            herkomst = rng.choices(HERKOMST, weights=[h[1] for h in HERKOMST])[0]
            achternaam = rng.choice(herkomst[5])
            huishouden = Huishouden(
                uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                gemeente=gemeenten[gemeente_naam],
                naam=f"Huishouden {achternaam}",
            )
            huishoudens.append(huishouden)
            leden.append(
                (
                    huishouden,
                    _gezin(
                        rng,
                        grootte,
                        herkomst,
                        achternaam,
                        peildatum,
                        postcodes,
                        straten,
                        gemeente_naam,
                    ),
                )
            )
            nog -= grootte
        with transaction.atomic():
            # A person alone is no household; only families get one.
            Huishouden.objects.bulk_create(
                [h for h, gezin in leden if len(gezin) > 1], batch_size=1000
            )
            rijen = []
            for huishouden, gezin in leden:
                for gegevens in gezin:
                    rijen.append(
                        Persoon(
                            uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                            gemeente=huishouden.gemeente,
                            huishouden=huishouden if len(gezin) > 1 else None,
                            regisseur=regisseur_per_gemeente[huishouden.gemeente.naam],
                            bsn=next(bsns) if gegevens.pop("heeft_bsn") else None,
                            v_nummer=str(v_start + gemaakt_personen + len(rijen)),
                            **gegevens,
                        )
                    )
            Persoon.objects.bulk_create(rijen, batch_size=1000)
            _gezinsrelaties(rijen)
            eerste = rijen[: max(0, 2000 - gemaakt_personen)]
            _afgesloten_dossiers(rng, rijen, peildatum)
            # A few recent dossiers are walked through the services (every screen state);
            # the course of all others is written in bulk.
            door_de_services = trajecten_kandidaten(eerste, peildatum)
            gekozen = {p.pk for p in door_de_services}
            vastgesteld = verloop_maken(rng, [p for p in rijen if p.pk not in gekozen], peildatum)
            _termijnen(rijen, peildatum, vastgesteld)
            if eerste:
                _contactmomenten(rng, eerste, peildatum)
                _verwijzingen(rng, eerste, peildatum, gebruikers)
                trajecten(rng, door_de_services, peildatum)
        gemaakt_huishoudens += sum(1 for _h, gezin in leden if len(gezin) > 1)
        gemaakt_personen += len(rijen)
    # Reminders for a large benchmark set would only make the seed slow.
    _termijnen_in_gebruik(gebruikers, peildatum, met_herinneringen=personen <= 5000)
    return SeedResultaat(len(gemeenten), len(gebruikers), gemaakt_huishoudens, gemaakt_personen)


def _gezin(rng, grootte, herkomst, achternaam, peildatum, postcodes, straten, woonplaats):
    nationaliteit, _, talen, vrouwen, mannen, _ = herkomst
    vergunning = _datum(
        rng, peildatum - datetime.timedelta(days=3 * 365), peildatum - datetime.timedelta(days=30)
    )
    koppeling = min(peildatum, vergunning + datetime.timedelta(days=rng.randint(7, 120)))
    # Most families get a home within three months of the koppeling; about a third wait longer.
    wachttijd = rng.randint(21, 89) if rng.random() < 0.65 else rng.randint(90, 270)
    huisvesting = koppeling + datetime.timedelta(days=wachttijd)
    if huisvesting > peildatum:
        huisvesting = None  # still waiting in the AZC
    adres = {}
    if huisvesting:
        cijfers = rng.randint(*postcodes)
        letters = "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
        adres = {
            "straat": rng.choice(straten),
            "huisnummer": str(rng.randint(1, 180)),
            "postcode": f"{cijfers} {letters}",
            "woonplaats": woonplaats,
        }
    if (peildatum - koppeling).days < INTAKEFASE_DAGEN:
        bestandsgroep = Bestandsgroep.INTAKE
    else:
        bestandsgroep = (
            Bestandsgroep.ZORG_EN_RUST if rng.random() < 0.08 else Bestandsgroep.ACTIEF_TRAJECT
        )

    # A head of household, perhaps a partner, the rest children; one in five families has
    # members who followed later through family reunification (nareizigers).
    leden = []
    hoofd_leeftijd = rng.randint(19, 58)
    for positie in range(grootte):
        if positie == 0:
            geslacht = Geslacht.MAN if rng.random() < 0.62 else Geslacht.VROUW
            leeftijd = hoofd_leeftijd
        elif positie == 1:
            geslacht = Geslacht.VROUW if leden[0]["geslacht"] == Geslacht.MAN else Geslacht.MAN
            leeftijd = max(18, hoofd_leeftijd + rng.randint(-6, 4))
        else:
            geslacht = rng.choice([Geslacht.MAN, Geslacht.VROUW])
            # Children in the dossier were born before the permit; those born here are not
            # statushouders themselves.
            jongste = (peildatum - vergunning).days // 365 + 1
            leeftijd = max(jongste, rng.randint(0, min(17, max(0, hoofd_leeftijd - 18))))
        geboortedatum = min(
            vergunning,
            _datum(
                rng,
                peildatum - datetime.timedelta(days=(leeftijd + 1) * 365 - 1),
                peildatum - datetime.timedelta(days=leeftijd * 365),
            ),
        )
        nareiziger = positie > 0 and rng.random() < 0.2
        eigen_koppeling = (
            min(peildatum, koppeling + datetime.timedelta(days=rng.randint(60, 300)))
            if nareiziger
            else koppeling
        )
        eigen_huisvesting = huisvesting
        if huisvesting and eigen_koppeling > huisvesting:
            eigen_huisvesting = eigen_koppeling  # joins the family in its home on arrival
        voornamen = rng.choice(vrouwen if geslacht == Geslacht.VROUW else mannen)
        volwassen = leeftijd >= 18
        # Adults at the koppeling: DUO's notice and the BRP registration start the ten weeks
        # within which the PIP must be fixed.
        duo = brp = None
        if eigen_koppeling - geboortedatum >= datetime.timedelta(days=18 * 366):
            duo = min(peildatum, eigen_koppeling + datetime.timedelta(days=rng.randint(5, 25)))
            # Registered in the BRP while still in the AZC, or soon after moving in.
            brp = min(peildatum, eigen_koppeling + datetime.timedelta(days=rng.randint(0, 20)))
        leden.append(
            {
                "voornamen": voornamen,
                "achternaam": achternaam,
                "geboortedatum": geboortedatum,
                "geslacht": geslacht,
                "nationaliteit": nationaliteit,
                "talen": talen,
                "voorkeurstaal": talen.split(",")[0],
                "doelgroep": Doelgroep.NAREIZIGER if nareiziger else Doelgroep.ASIEL,
                "azc": ""
                if eigen_huisvesting
                else rng.choice(
                    ["AZC Budel-Cranendonck", "AZC Weert", "AZC Venlo", "AZC Ter Apel"]
                ),
                "verblijfsvergunning_datum": vergunning
                if not nareiziger
                else max(
                    geboortedatum, eigen_koppeling - datetime.timedelta(days=rng.randint(7, 40))
                ),
                "koppeling_datum": eigen_koppeling,
                "huisvesting_datum": eigen_huisvesting,
                "duo_kennisgeving_op": duo,
                "brp_inschrijving_op": brp,
                # A nareiziger who arrived lately is still in the intake phase.
                "bestandsgroep": Bestandsgroep.INTAKE
                if (peildatum - eigen_koppeling).days < INTAKEFASE_DAGEN
                else bestandsgroep,
                "telefoon": f"+31 6 {rng.randint(10_000_000, 69_999_999)}" if volwassen else "",
                "heeft_bsn": eigen_huisvesting is not None or rng.random() < 0.5,
                **adres,
            }
        )
    return leden


def _gezinsrelaties(personen):
    """Each household is known by its first member; the second is their partner, the others
    their children (the order in which `_gezin` makes them)."""
    per_huishouden: dict = {}
    for persoon in personen:
        if persoon.huishouden_id:
            per_huishouden.setdefault(persoon.huishouden, []).append(persoon)
    relaties = []
    for huishouden, leden in per_huishouden.items():
        huishouden.hoofdpersoon = leden[0]
        for positie, lid in enumerate(leden[1:], start=1):
            relaties.append(
                Gezinsrelatie(
                    persoon=leden[0],
                    gezinslid=lid,
                    relatie=Relatie.PARTNER if positie == 1 else Relatie.KIND,
                )
            )
    Huishouden.objects.bulk_update(list(per_huishouden), ["hoofdpersoon"], batch_size=1000)
    Gezinsrelatie.objects.bulk_create(relaties, batch_size=1000)


def _contactmomenten(rng, personen, peildatum):
    regels = []
    onderwerpen = [
        "Kennismaking",
        "Woning bezichtigd",
        "Afspraak taalschool",
        "Uitleg post en rekeningen",
        "Aanmelding huisarts",
        "Voortgang",
        "Vragen over toeslagen",
    ]
    for persoon in personen:
        for _ in range(rng.randint(0, 3)):
            dag = _datum(rng, persoon.koppeling_datum or peildatum, peildatum)
            regels.append(
                Contactmoment(
                    uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    persoon=persoon,
                    door=persoon.regisseur,
                    moment=timezone.make_aware(
                        datetime.datetime.combine(
                            dag, datetime.time(rng.randint(8, 16), rng.choice([0, 15, 30, 45]))
                        )
                    ),
                    soort=rng.choice(ContactSoort.values),
                    onderwerp=rng.choice(onderwerpen),
                    notitie="",
                )
            )
    Contactmoment.objects.bulk_create(regels, batch_size=1000)


# What each demo partner is asked to do: leefgebied and goal of the referral.
_VERWIJSDOEL = {
    "maatschappelijke_begeleiding": ("wonen", "Maatschappelijke begeleiding in het eerste jaar"),
    "taal": ("taal", "Taalmaatje en oefenen met lezen"),
    "gezondheid": ("gezondheid_psychisch", "Gesprek over slaapproblemen en stress"),
    "werk": ("werkervaring", "Werkervaringsplaats in de techniek"),
    "welzijn": ("sociaal_netwerk", "Buddy om de buurt te leren kennen"),
}


def _verwijzingen(rng, personen, peildatum, gebruikers):
    """Adults referred to the partners over the years since their koppeling: most accepted
    within days, some declined or withdrawn, a few still waiting for an answer; with the
    partners' feedback and the meldingen it gave the regisseur."""
    partners = list(Partner.objects.filter(naam__in=[p[0] for p in DEMO_PARTNERS]).order_by("naam"))
    gewichten = [
        {"Vluchtelingenwerk Weert": 40, "Taalhuis Weert": 25}.get(p.naam, 12) for p in partners
    ]
    nu = timezone.now()
    regels = []
    for persoon in personen:
        if (peildatum - persoon.geboortedatum).days < 18 * 365 or rng.random() > 0.3:
            continue
        eerste_dag = persoon.koppeling_datum + datetime.timedelta(days=14)
        if eerste_dag >= peildatum:
            continue
        partner = rng.choices(partners, weights=gewichten)[0]
        leefgebied, doel = _VERWIJSDOEL[partner.soort]
        verstuurd = timezone.make_aware(
            datetime.datetime.combine(
                _datum(rng, eerste_dag, peildatum), datetime.time(rng.randint(8, 16))
            )
        )
        verstuurd = min(verstuurd, nu - datetime.timedelta(hours=1))
        # Partners answer in one to twelve days; an answer still to come is not there yet.
        beantwoord = verstuurd + datetime.timedelta(
            days=rng.randint(1, 12), hours=rng.randint(0, 6)
        )
        kans = rng.random()
        if beantwoord > nu or kans < 0.04:
            status, beantwoord = "verstuurd", None
        elif kans < 0.16:
            status = "afgewezen"
        elif kans < 0.21:
            status = "ingetrokken"
        elif kans < 0.45 and beantwoord + datetime.timedelta(days=60) < nu:
            status = "afgerond"
        else:
            status = "geaccepteerd"
        afgesloten = None
        if status == "afgewezen":
            afgesloten = beantwoord
        elif status in ("afgerond", "ingetrokken"):
            afgesloten = min(nu, beantwoord + datetime.timedelta(days=rng.randint(20, 200)))
        mb = partner.soort == "maatschappelijke_begeleiding"
        regels.append(
            Verwijzing(
                uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                persoon=persoon,
                partner=partner,
                door=persoon.regisseur,
                leefgebied=leefgebied,
                doel=doel,
                adres_delen=mb,
                toestemming_op=verstuurd.date(),
                toestemming_wijze="schriftelijk",
                toestemming_voor=toestemming_omschrijving(
                    partner=partner, doel=doel, adres_delen=mb
                ),
                status=status,
                beantwoord_op=beantwoord,
                afgesloten_op=afgesloten,
                toestemming_ingetrokken_op=afgesloten if status == "ingetrokken" else None,
                toestemming_ingetrokken_door=persoon.regisseur if status == "ingetrokken" else None,
                intrekking_reden="Wil de begeleiding niet meer" if status == "ingetrokken" else "",
                afwijzingsreden="Geen plek tot na de zomer" if status == "afgewezen" else "",
                resultaat="Doel bereikt, afgesproken met de persoon"
                if status == "afgerond"
                else "",
                verstuurd_op=verstuurd,
                melding_verstuurd_op=verstuurd,
            )
        )
    Verwijzing.objects.bulk_create(regels, batch_size=1000)
    _terugkoppelingen(rng, regels, gebruikers, nu)
    termijnen = []
    for v in regels:
        gemeenschappelijk = {
            "persoon": v.persoon,
            "sleutel": f"verwijzing:{v.uuid}",
            "onderwerp": str(v.partner),
            "link": verwijzing_url(v),
        }
        termijnen.append(
            NieuweTermijn(
                code="verwijzing_reactie",
                basisdatum=timezone.localdate(v.verstuurd_op),
                gehaald_op=timezone.localdate(v.beantwoord_op) if v.beantwoord_op else None,
                **gemeenschappelijk,
            )
        )
        # Accepted maatschappelijke begeleiding runs its own term from the acceptance.
        if v.partner.soort == "maatschappelijke_begeleiding" and v.status in (
            "geaccepteerd",
            "afgerond",
        ):
            termijnen.append(
                NieuweTermijn(
                    code="maatschappelijke_begeleiding",
                    basisdatum=timezone.localdate(v.beantwoord_op),
                    gehaald_op=timezone.localdate(v.afgesloten_op) if v.afgesloten_op else None,
                    **gemeenschappelijk,
                )
            )
    termijnen_invoegen(termijnen)


def _terugkoppelingen(rng, verwijzingen, gebruikers, nu):
    medewerkers = {
        "Vluchtelingenwerk Weert": gebruikers["partner"],
        "Taalhuis Weert": gebruikers["taalhuis"],
    }
    teksten = [
        ("Kennismaking gehad, afspraken gemaakt over de post.", True, "1.0"),
        ("Samen de zorgverzekering en de huurtoeslag geregeld.", True, "1.5"),
        ("Niet verschenen; nieuwe afspraak gemaakt.", False, None),
        ("Oefent wekelijks met het taalmaatje, gaat goed vooruit.", True, "2.0"),
    ]
    rijen, meldingen = [], []
    for v in verwijzingen:
        if v.status not in ("geaccepteerd", "afgerond") or v.partner.naam not in medewerkers:
            continue
        for nummer in range(rng.randint(1, 3)):
            tekst, aanwezig, uren = rng.choice(teksten)
            moment = v.beantwoord_op + datetime.timedelta(days=7 * (nummer + 1))
            if moment > nu:
                break
            rijen.append(
                Terugkoppeling(
                    verwijzing=v,
                    datum=moment.date(),
                    tekst=tekst,
                    aanwezig=aanwezig,
                    uren=Decimal(uren) if uren else None,
                    door=medewerkers[v.partner.naam],
                )
            )
            if (nu - moment).days < 14:
                meldingen.append(
                    Melding(
                        gebruiker_id=v.persoon.regisseur_id,
                        persoon=v.persoon,
                        tekst=partneractie_tekst(v, "terugkoppelen"),
                        link=verwijzing_url(v),
                    )
                )
        if v.beantwoord_op and (nu - v.beantwoord_op).days < 14:
            meldingen.append(
                Melding(
                    gebruiker_id=v.persoon.regisseur_id,
                    persoon=v.persoon,
                    tekst=partneractie_tekst(v, "accepteren"),
                    link=verwijzing_url(v),
                )
            )
    Terugkoppeling.objects.bulk_create(rijen, batch_size=1000)
    Melding.objects.bulk_create(meldingen, batch_size=1000)


def _afgesloten_dossiers(rng, personen, peildatum):
    """Some adults who came long ago have left the trajectory: work, education, moved away;
    closed on days spread over the last year and a half."""
    redenen = [
        (Uitstroomreden.BETAALD_WERK, "Vast contract in de logistiek, 32 uur per week"),
        (Uitstroomreden.BETAALD_WERK, "Werkt als kapper in een salon in de stad"),
        (Uitstroomreden.OPLEIDING, "Gestart met een mbo-opleiding in de zorg"),
        (Uitstroomreden.VERHUISD, "Verhuisd naar familie in een andere gemeente"),
        (Uitstroomreden.VERHUISD, "Verhuisd voor werk naar de Randstad"),
        (Uitstroomreden.INBURGERING_AFGEROND, "Inburgeringsexamen B1 behaald"),
        (Uitstroomreden.VERTROKKEN, "Teruggekeerd naar familie in het buitenland"),
    ]
    afsluitingen = []
    for persoon in personen:
        volwassen = (peildatum - persoon.geboortedatum).days >= 18 * 365
        lang_geleden = persoon.koppeling_datum and (peildatum - persoon.koppeling_datum).days > 540
        if not (volwassen and lang_geleden and rng.random() < 0.18):
            continue
        reden, toelichting = rng.choice(redenen)
        persoon.afgesloten_op = _datum(
            rng, persoon.koppeling_datum + datetime.timedelta(days=450), peildatum
        )
        persoon.uitstroomreden = reden
        afsluitingen.append(
            DossierAfsluiting(
                persoon=persoon,
                soort=DossierMutatie.AFGESLOTEN,
                datum=persoon.afgesloten_op,
                uitstroomreden=reden,
                toelichting=toelichting,
                door=persoon.regisseur,
            )
        )
    Persoon.objects.bulk_update(
        [a.persoon for a in afsluitingen], ["afgesloten_op", "uitstroomreden"], batch_size=1000
    )
    DossierAfsluiting.objects.bulk_create(afsluitingen, batch_size=1000)


def _termijnen(personen, peildatum, vastgesteld: dict[int, datetime.date]):
    """The housing and PIP deadlines of each person, computed by the termijnen service; a PIP
    deadline is met on the day the first PIP was fixed (`vastgesteld`, by person id)."""
    nieuw = []
    for persoon in personen:
        if not persoon.koppeling_datum:
            continue
        link = f"/personen/{persoon.uuid}/bewerken/"
        for code in ("woning_aanbieden", "verhuizing"):
            nieuw.append(
                NieuweTermijn(
                    persoon=persoon,
                    code=code,
                    basisdatum=persoon.koppeling_datum,
                    gehaald_op=persoon.huisvesting_datum,
                    link=link,
                )
            )
        if persoon.duo_kennisgeving_op and persoon.brp_inschrijving_op:
            nieuw.append(
                NieuweTermijn(
                    persoon=persoon,
                    code="pip_vaststellen",
                    basisdatum=max(persoon.duo_kennisgeving_op, persoon.brp_inschrijving_op),
                    gehaald_op=vastgesteld.get(persoon.pk),
                    link=persoon.get_absolute_url(),
                )
            )
    termijnen_invoegen(nieuw)


def _termijnen_in_gebruik(gebruikers, peildatum, met_herinneringen: bool):
    """What a running installation shows: one PIP term extended while waiting on a third
    party, and the reminders of today in the bell and the digest."""
    termijn = (
        Termijn.objects.filter(config__code="pip_vaststellen", verlenging_dagen=0, status="open")
        .order_by("persoon__achternaam", "id")
        .first()
    )
    if termijn:
        termijn_verlengen(
            termijn=termijn,
            dagen=14,
            reden="Wachten op het verslag van de leerbaarheidstoets",
            door=gebruikers["regisseur"],
        )
    if met_herinneringen:
        herinneringen_versturen(vandaag=peildatum)
