import factory

from accounts.constants import Rol
from accounts.models import User

WACHTWOORD = "geheim-wachtwoord-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    rol = Rol.REGISSEUR
    password = factory.django.Password(WACHTWOORD)

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if create and extracted:
            self.gemeenten.set(extracted)

    class Params:
        teamleider = factory.Trait(rol=Rol.TEAMLEIDER)
        partnermedewerker = factory.Trait(
            rol=Rol.PARTNER_MEDEWERKER,
            partner=factory.SubFactory("tests.partners.factories.PartnerFactory"),
        )
        beheerder = factory.Trait(rol=Rol.FUNCTIONEEL_BEHEERDER)
