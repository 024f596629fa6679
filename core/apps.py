from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Algemeen")

    def ready(self):
        from django import forms

        from core.validators import geen_andere_stuurtekens, tekst_niet_te_lang

        # Every text field of every form, plain Forms and ModelForms alike, refuses control
        # characters and text longer than the database takes, with a Dutch error next to the
        # field. Django's own validator on the same fields already refuses the NUL byte.
        # Subclasses with validators of their own (EmailField, URLField, SlugField) keep those.
        forms.CharField.default_validators = [geen_andere_stuurtekens, tekst_niet_te_lang]
