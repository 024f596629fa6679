from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipatieConfig(AppConfig):
    """What a person does besides the inburgering — work, education, volunteering — on the
    dossier; the reports count it."""

    name = "participatie"
    verbose_name = _("Participatie")
