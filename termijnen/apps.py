from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermijnenConfig(AppConfig):
    name = "termijnen"
    verbose_name = _("Termijnen")

    def ready(self):
        from statushouders.signals import dossierdatums_gewijzigd

        from .services import _dossierdatums_gewijzigd

        # The deadlines that count from a person's own dates follow every change of them.
        dossierdatums_gewijzigd.connect(_dossierdatums_gewijzigd, dispatch_uid="termijnen")
