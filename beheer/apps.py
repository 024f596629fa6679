from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeheerConfig(AppConfig):
    """Functioneel beheer's own screens: accounts and their rights, gemeenten, partners, the
    ontzorging settings. It sits on top: it calls the services of the apps below it, and no
    app imports it."""

    name = "beheer"
    verbose_name = _("Functioneel beheer")
