import datetime

import factory
from django.utils import timezone

from partners.models import Partner, Verwijzing
from partners.selectors import toestemming_omschrijving
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
    verstuurd_op = factory.LazyFunction(timezone.now)
    toestemming_voor = factory.LazyAttribute(
        lambda v: toestemming_omschrijving(partner=v.partner, doel=v.doel, adres_delen=False)
    )
    door = factory.SubFactory(UserFactory)

    class Params:
        geaccepteerd = factory.Trait(
            status="geaccepteerd",
            beantwoord_op=factory.LazyAttribute(lambda v: v.verstuurd_op),
        )
        afgewezen = factory.Trait(
            status="afgewezen",
            afwijzingsreden="Geen plek",
            beantwoord_op=factory.LazyAttribute(lambda v: v.verstuurd_op),
            afgesloten_op=factory.LazyAttribute(lambda v: v.verstuurd_op),
        )
        afgerond = factory.Trait(
            status="afgerond",
            resultaat="Doel bereikt",
            beantwoord_op=factory.LazyAttribute(lambda v: v.verstuurd_op),
            afgesloten_op=factory.LazyAttribute(lambda v: v.verstuurd_op),
        )
        ingetrokken = factory.Trait(
            status="ingetrokken",
            toestemming_ingetrokken_op=factory.LazyAttribute(lambda v: v.verstuurd_op),
            toestemming_ingetrokken_door=factory.SelfAttribute("door"),
            afgesloten_op=factory.LazyAttribute(lambda v: v.verstuurd_op),
        )
