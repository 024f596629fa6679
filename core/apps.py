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
        forms.Field.run_validators = _een_melding_per_soort(forms.Field.run_validators)


# Django's NUL-byte check, the shared check above and a field's own control-character check
# may all refuse the same text; the user reads one message about it, not three.
_ZELFDE_SOORT = {"null_characters_not_allowed": "stuurtekens"}


def _een_melding_per_soort(run_validators):
    from django.core.exceptions import ValidationError

    def zonder_herhaling(self, value):
        try:
            run_validators(self, value)
        except ValidationError as fout:
            gezien, fouten = set(), []
            for melding in fout.error_list:
                soort = _ZELFDE_SOORT.get(melding.code, melding.code) or id(melding)
                if soort not in gezien:
                    gezien.add(soort)
                    fouten.append(melding)
            raise ValidationError(fouten) from None

    return zonder_herhaling
