import factory

from pip_plans.models import Plan, PlanDoel
from tests.intake.factories import BredeIntakeFactory


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    intake = factory.SubFactory(BredeIntakeFactory, afgerond=True)
    persoon = factory.SelfAttribute("intake.persoon")
    leerroute = "b1"
    leerroute_motivatie = "Leert snel; heeft middelbare school afgerond."
    taalschool = "Taalschool Weert"
    taal_uren = 600
    pvt_aanbieder = "Vluchtelingenwerk"
    pvt_uren = 12
    map_aanbieder = "Werkplein"
    map_uren = 40
    knm_aanbieder = "Taalschool Weert"


class PlanDoelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanDoel

    plan = factory.SubFactory(PlanFactory)
    leefgebied = "werkervaring"
    doel = factory.Sequence(lambda n: f"Doel {n}")
    verantwoordelijke = "persoon"
