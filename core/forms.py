import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from core.validators import (
    BUITEN_BEREIK,
    LANGE_TEKST,
    datum_in_bereik,
    geen_stuurtekens,
    geen_stuurtekens_regel,
    tekst_niet_te_lang,
)


def tekstveld_inrichten(veld: forms.Field) -> None:
    """Give a text field (any CharField: plain, e-mail, a model's text) what every Koers form's
    text fields have: control characters, the NUL byte among them, and text longer than the
    database takes are refused, each with one Dutch message. Safe to call again."""
    if not isinstance(veld, forms.CharField) or isinstance(veld, forms.JSONField):
        return  # a JSON field's value is data, not text; Django's own checks stay
    eigen = []
    for v in veld.validators:
        # geen_stuurtekens refuses the NUL byte as well, in the words used for the others.
        if not isinstance(v, ProhibitNullCharactersValidator) and all(v is not e for e in eigen):
            eigen.append(v)
    if any(v is geen_stuurtekens_regel for v in eigen):
        # A one-line field's own check refuses line breaks too; the general one would only
        # repeat its complaint.
        eigen = [v for v in eigen if v is not geen_stuurtekens]
    algemeen = []
    if all(v is not geen_stuurtekens and v is not geen_stuurtekens_regel for v in eigen):
        algemeen.append(geen_stuurtekens)
    # A field's own max_length below the database's limit already says the same, with its limit.
    if (veld.max_length is None or veld.max_length >= LANGE_TEKST) and all(
        v is not tekst_niet_te_lang for v in eigen
    ):
        algemeen.append(tekst_niet_te_lang)
    veld.validators = algemeen + eigen


# Django's NUL-byte check (a field a subclass adds late, a model's own) is our kind.
_ZELFDE_SOORT = {"null_characters_not_allowed": "stuurtekens"}


def _een_melding_per_soort(fouten) -> None:
    """Keep the first message of each kind (code) next to a field: our text-length check and
    a field's own max_length, say, refuse the same text and the user reads it once."""
    gezien, houden = set(), []
    for fout in fouten.data:
        if isinstance(fout, ValidationError):
            soort = _ZELFDE_SOORT.get(fout.code, fout.code) or " ".join(fout.messages)
        else:
            soort = str(fout)
        if soort not in gezien:
            gezien.add(soort)
            houden.append(fout)
    fouten.data[:] = houden


class KoersFormMixin:
    """Every form of Koers has this (tests/core/test_formulieren.py walks them): each text
    field refuses control characters and text longer than the database takes, with one
    Dutch message per kind of refusal next to the field. Forms of other packages (the admin,
    allauth) are left as their authors made them; Koers subclasses those it shows."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tekstvelden_inrichten()

    def _tekstvelden_inrichten(self) -> None:
        for veld in self.fields.values():
            tekstveld_inrichten(veld)

    def full_clean(self):
        # Again: a subclass may have added a field, or a validator, after __init__ above.
        self._tekstvelden_inrichten()
        super().full_clean()
        for naam, fouten in self._errors.items():
            if naam != NON_FIELD_ERRORS:
                _een_melding_per_soort(fouten)


class KoersForm(KoersFormMixin, forms.Form):
    pass


class KoersModelForm(KoersFormMixin, forms.ModelForm):
    pass


class _BinnenBereik:
    """Every date a form takes lies between 1900 and 2100, in a plain Form as much as in a
    ModelForm; the check comes before any conversion, so 31-12-9999 cannot overflow one."""

    def strptime(self, value, format):
        waarde = super().strptime(value, format)
        if not datum_in_bereik(waarde):
            raise ValidationError(BUITEN_BEREIK, code="buiten_bereik")
        return waarde

    def to_python(self, value):
        waarde = super().to_python(value)  # a date or datetime object given directly
        if not datum_in_bereik(waarde):
            raise ValidationError(BUITEN_BEREIK, code="buiten_bereik")
        return waarde


class DatumVeld(_BinnenBereik, forms.DateField):
    """A date typed as dd-mm-jjjj in a text box (browsers show type=date in US order)."""

    widget = forms.DateInput(attrs={"placeholder": "dd-mm-jjjj", "inputmode": "numeric"})
    default_error_messages = {
        "invalid": _("Vul een geldige datum in als dd-mm-jjjj, bijvoorbeeld 31-01-2025."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("Schrijf als dd-mm-jjjj."))
        super().__init__(*args, **kwargs)


class DatumTijdVeld(_BinnenBereik, forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"placeholder": "dd-mm-jjjj uu:mm"})
    default_error_messages = {
        "invalid": _("Vul datum en tijd in als dd-mm-jjjj uu:mm, bijvoorbeeld 31-01-2025 14:30."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("Schrijf als dd-mm-jjjj uu:mm."))
        super().__init__(*args, **kwargs)


class ZoekVeld(forms.CharField):
    """One line to search in. Control characters (a NUL byte, say) get one Dutch message and
    never reach the database, which would refuse such text with an error of its own."""

    widget = forms.TextInput(attrs={"autocomplete": "off"})
    default_error_messages = {
        "max_length": _("Zoek met hoogstens %(limit_value)d tekens."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        # geen_stuurtekens_regel refuses the NUL byte too, in the same words as other fields.
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]
        self.validators.append(geen_stuurtekens_regel)


class ToegangslogFilterForm(KoersForm):
    zoek = ZoekVeld(
        label=_("Persoon"),
        help_text=_("Naam of BSN (of minstens 4 cijfers ervan)."),
    )
    gebruiker = forms.ModelChoiceField(
        label=_("Gebruiker"), queryset=None, required=False, empty_label=_("Alle")
    )
    toegang = forms.ChoiceField(
        label=_("Toegang"),
        required=False,
        choices=[("", _("Alle")), ("toegestaan", _("Toegestaan")), ("geweigerd", _("Geweigerd"))],
    )
    persoon_uuid = forms.UUIDField(
        label=_("Persoon-id"),
        required=False,
        help_text=_("Het id uit het adres van het dossier (/personen/<id>/)."),
        error_messages={"invalid": _("Dit is geen geldig persoon-id.")},
    )
    van = DatumVeld(label=_("Van"), required=False)
    tot = DatumVeld(label=_("Tot en met"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebruiker"].queryset = get_user_model().objects.order_by(
            "first_name", "username"
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("van") and cleaned.get("tot") and cleaned["tot"] < cleaned["van"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return cleaned


class KeuzeUitLijst(forms.ModelChoiceField):
    """A choice of a row by a value from the query string or a form. A NUL byte or another
    control character gets the usual "choose from the list" error instead of reaching the
    database, which refuses such text with an error of its own."""

    def to_python(self, value):
        if isinstance(value, str) and any(ord(teken) < 32 for teken in value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class GeheelGetalVeld(forms.IntegerField):
    """A whole number typed in a text box: the browser keeps whatever was typed (a number box
    empties itself on text), and only the digits 0-9 count — "٧" or "1e1" is no number here.
    Dutch thousands separators are read as such: "1.200" is twelve hundred."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})+", value):
                value = value.replace(".", "")
            if value and not re.fullmatch(r"-?[0-9]{1,9}", value):
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

    def widget_attrs(self, widget):
        # No min/max attributes: the server's Dutch message says what is allowed.
        return {}


class ZonderStuurtekens(KoersFormMixin):
    """A Koers form whose one-line text fields refuse line breaks as well (a name, an IBAN);
    text areas keep them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            if isinstance(veld, forms.CharField) and not isinstance(veld.widget, forms.Textarea):
                veld.validators.append(geen_stuurtekens_regel)
                tekstveld_inrichten(veld)
