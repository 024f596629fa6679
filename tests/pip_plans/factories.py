import factory
from django.utils import timezone

from pip_plans import services
from pip_plans.models import Plan, PlanDoel
from tests.accounts.factories import UserFactory
from tests.intake.factories import BredeIntakeFactory


def _vaststellen(plan, create, extracted, door=None, bekendmaking_op=None, doelen=(), **kwargs):
    """Fix the plan the way a regisseur does, so its version, deadlines and status are real."""
    if not create:
        return
    for doel in doelen:  # goals that are part of the fixed version: texts or field values
        PlanDoelFactory(plan=plan, **(doel if isinstance(doel, dict) else {"doel": doel}))
    services.plan_vaststellen(
        plan=plan,
        door=door or plan.persoon.regisseur or UserFactory(gemeenten=[plan.persoon.gemeente]),
        bekendmaking_op=bekendmaking_op or timezone.localdate(),
        **kwargs,
    )
    plan.refresh_from_db()


class PlanFactory(factory.django.DjangoModelFactory):
    """A concept PIP that meets the B1-route norms. `PlanFactory(vastgesteld=True)` fixes it as
    version 1 today; `vaststelling__bekendmaking_op`, `vaststelling__door`,
    `vaststelling__afwijking_motivatie` and `vaststelling__doelen` (goals in the version, as
    texts or as dicts of fields) say how."""

    class Meta:
        model = Plan
        skip_postgeneration_save = True

    class Params:
        vastgesteld = factory.Trait(vaststelling=factory.PostGeneration(_vaststellen))

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
