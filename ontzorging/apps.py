from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OntzorgingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ontzorging"
    verbose_name = _("Ontzorging")
