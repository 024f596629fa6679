from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatushoudersConfig(AppConfig):
    name = "statushouders"
    verbose_name = _("Statushouders")
