from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossierConfig(AppConfig):
    """The person page: the dossier with a panel from each app (intake, PIP, referrals,
    deadlines, ontzorging, participatie). It reads the selectors of the apps below it; no app
    imports it."""

    name = "dossier"
    verbose_name = _("Dossier")
