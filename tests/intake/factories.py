import datetime

import factory

from intake.constants import ZRM_DOMEINEN, IntakeStatus
from intake.models import BredeIntake, Heropening, ZrmMeting
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import PersoonFactory


class BredeIntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BredeIntake
        skip_postgeneration_save = True

    persoon = factory.SubFactory(PersoonFactory)
    gestart_op = datetime.date(2026, 3, 10)
    locatie = "azc"
    azc_naam = "AZC Budel-Cranendonck"
    tolk_taal = "Arabisch"

    class Params:
        compleet = factory.Trait(
            leerbaarheidstoets_datum=datetime.date(2026, 3, 12),
            leerbaarheidstoets_uitkomst="Gemiddeld leerbaar",
            advies_leerroute="b1",
            advies_motivatie="Heeft middelbare school afgerond en leert snel.",
            zrm=factory.RelatedFactory(
                "tests.intake.factories.ZrmMetingFactory",
                factory_related_name="intake",
                persoon=factory.SelfAttribute("..persoon"),
            ),
        )
        afgerond = factory.Trait(
            compleet=True,
            status=IntakeStatus.AFGEROND,
            afgerond_op=factory.LazyAttribute(
                lambda intake: intake.gestart_op + datetime.timedelta(days=10)
            ),
        )
        # Completed once, then opened again for a correction.
        heropend = factory.Trait(
            compleet=True,
            heropening=factory.RelatedFactory(
                "tests.intake.factories.HeropeningFactory", factory_related_name="intake"
            ),
        )


class ZrmMetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ZrmMeting
        skip_postgeneration_save = True

    persoon = factory.SubFactory(PersoonFactory)
    datum = datetime.date(2026, 3, 12)

    @factory.post_generation
    def scores(self, create, extracted, **kwargs):
        for code, _label in ZRM_DOMEINEN:
            setattr(self, code, (extracted or {}).get(code, 3))
        if create:
            self.save()


class HeropeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Heropening

    intake = factory.SubFactory(BredeIntakeFactory, compleet=True)
    reden = "Taalniveau verkeerd ingevuld"
    door = factory.SubFactory(UserFactory)
