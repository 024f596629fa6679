import datetime

import factory

from participatie.constants import Contractsoort, ParticipatieSoort
from participatie.models import Participatie
from reports.constants import RapportSoort
from reports.models import Rapport, Taakstelling
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import GemeenteFactory, PersoonFactory


class ParticipatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participatie

    persoon = factory.SubFactory(PersoonFactory)
    soort = ParticipatieSoort.VRIJWILLIGERSWERK
    omschrijving = "Voedselbank"
    gestart_op = datetime.date(2026, 3, 2)
    door = factory.SubFactory(UserFactory)

    class Params:
        werk = factory.Trait(
            soort=ParticipatieSoort.BETAALD_WERK,
            omschrijving="Bakkerij De Korenaar",
            uren_per_week=24,
            contractsoort=Contractsoort.TIJDELIJK,
        )
        opleiding = factory.Trait(soort=ParticipatieSoort.OPLEIDING, omschrijving="MBO Zorg")
        beeindigd = factory.Trait(geeindigd_op=datetime.date(2026, 9, 30))


class TaakstellingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Taakstelling
        django_get_or_create = ("gemeente", "jaar", "halfjaar")

    gemeente = factory.SubFactory(GemeenteFactory)
    jaar = 2026
    halfjaar = 1
    aantal = 20
    gewijzigd_door = factory.SubFactory(UserFactory)


class RapportFactory(factory.django.DjangoModelFactory):
    """A requested quarterly report of the given gemeenten (`gemeenten=[...]`)."""

    class Meta:
        model = Rapport
        skip_postgeneration_save = True

    soort = RapportSoort.KWARTAALRAPPORT
    jaar = 2026
    kwartaal = 1
    aangevraagd_door = factory.SubFactory(UserFactory, teamleider=True)

    class Params:
        levering = factory.Trait(
            soort=RapportSoort.LEVERING,
            aangevraagd_door=factory.SubFactory(UserFactory, beheerder=True),
        )

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if create and extracted:
            self.gemeenten.set(extracted)
