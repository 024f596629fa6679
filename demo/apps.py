from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo caseload of `make run` (`seed_demo`, `demo_totp`). The only place that writes
    many rows of other apps' models at once; nothing imports it."""

    name = "demo"
    verbose_name = _("Demodata")
