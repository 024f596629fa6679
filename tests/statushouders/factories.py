import datetime
import itertools

import factory

from core.validators import bsn_aanvullen
from statushouders.constants import Bestandsgroep, Doelgroep, Geslacht
from statushouders.models import Contactmoment, Gemeente, Huishouden, Persoon


def _geldige_bsns():
    for n in itertools.count(10_000_000):
        bsn = bsn_aanvullen(str(n))
        if bsn:
            yield bsn


_bsns = _geldige_bsns()


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    # Codes no real gemeente has and no test spells out; the counter grows with every test in
    # the process, the code stays within its six characters.
    cbs_code = factory.Sequence(lambda n: f"GM{2000 + n % 7000:04d}")


class HuishoudenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Huishouden

    gemeente = factory.SubFactory(GemeenteFactory)
    naam = factory.Sequence(lambda n: f"Huishouden {n}")


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persoon

    gemeente = factory.SubFactory(GemeenteFactory)
    bsn = factory.LazyFunction(lambda: next(_bsns))
    v_nummer = factory.Sequence(lambda n: f"{3_000_000_000 + n}")
    voornamen = factory.Iterator(["Amal", "Yonas", "Fatima", "Omar", "Senait"])
    achternaam = factory.Iterator(["Haddad", "Tesfay", "Rahimi", "Kaya", "Warsame"])
    geboortedatum = datetime.date(1990, 5, 17)
    geslacht = Geslacht.VROUW
    nationaliteit = "Syrisch"
    talen = "Arabisch"
    doelgroep = Doelgroep.ASIEL
    koppeling_datum = datetime.date(2026, 3, 2)
    bestandsgroep = Bestandsgroep.INTAKE


class ContactmomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contactmoment

    persoon = factory.SubFactory(PersoonFactory)
    moment = factory.LazyFunction(lambda: datetime.datetime(2026, 4, 1, 10, 0, tzinfo=datetime.UTC))
    soort = "gesprek"
    onderwerp = "Kennismaking"
    door = factory.SelfAttribute("persoon.regisseur")
