import datetime

import factory

from partners.models import Partner, Verwijzing
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import PersoonFactory


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Partner {n}")
    soort = "taal"
    leefgebieden = ["taal"]
    contact_email = factory.Sequence(lambda n: f"partner{n}@partner.example")


class PartnerMedewerkerFactory(UserFactory):
    partnermedewerker = True


class VerwijzingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verwijzing

    persoon = factory.SubFactory(PersoonFactory)
    partner = factory.SubFactory(PartnerFactory)
    leefgebied = "taal"
    doel = "Taalmaatje vinden"
    toestemming_op = datetime.date(2026, 3, 1)
    toestemming_wijze = "schriftelijk"
    door = factory.SubFactory(UserFactory)
