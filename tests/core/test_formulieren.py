"""Every Koers form checks its text through core.forms.KoersFormMixin: control characters and
text longer than the database takes are refused with one Dutch message each. Django's fields
themselves are not changed, so the forms of the admin and allauth stay as their authors made
them."""

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path

import django_filters
import pytest
from allauth.account.forms import LoginForm
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.formsets import BaseFormSet
from django.urls import reverse
from django.utils.module_loading import import_string

from accounts.models import User
from core.forms import (
    GeheelGetalVeld,
    KoersForm,
    KoersFormMixin,
    KoersModelForm,
    ZonderStuurtekens,
)
from core.validators import (
    LANGE_TEKST,
    geen_stuurtekens,
    geen_stuurtekens_regel,
    tekst_niet_te_lang,
)
from intake.forms import HeropenenForm
from statushouders.models import Contactmoment, Gemeente

STUURTEKENS = "Deze tekst bevat onzichtbare stuurtekens; typ of plak de tekst opnieuw."
STUURTEKENS_REGEL = (
    "Deze tekst bevat onzichtbare stuurtekens of regeleinden; typ of plak de tekst opnieuw."
)
TE_LANG = f"Gebruik hoogstens {LANGE_TEKST} tekens (nu {LANGE_TEKST + 1})."
ONZE_CONTROLES = (geen_stuurtekens, geen_stuurtekens_regel, tekst_niet_te_lang)


class Formulier(KoersForm):
    regel = forms.CharField(required=False)
    tekst = forms.CharField(required=False, widget=forms.Textarea)
    eigen_controle = forms.CharField(required=False, validators=[geen_stuurtekens])
    begrensd = forms.CharField(required=False, max_length=LANGE_TEKST)


class ContactmomentNotitie(KoersModelForm):
    class Meta:
        model = Contactmoment
        fields = ["notitie"]


class ZonderRegeleinden(ZonderStuurtekens, forms.Form):
    naam = forms.CharField()


# --- (a) A Koers form ------------------------------------------------------------------------


@pytest.mark.parametrize("teken", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\x00\x07"])
@pytest.mark.parametrize("veld", ["regel", "tekst", "eigen_controle", "begrensd"])
def test_koersformulier_weigert_een_stuurteken_met_een_nederlandse_melding(veld, teken):
    form = Formulier({veld: f"a{teken}b"})
    assert form.errors == {veld: [STUURTEKENS]}


def test_modelformulier_weigert_een_stuurteken_met_een_nederlandse_melding():
    form = ContactmomentNotitie({"notitie": "a\x00b\x1bc"})
    assert form.errors == {"notitie": [STUURTEKENS]}


@pytest.mark.parametrize("veld", ["regel", "tekst", "eigen_controle", "begrensd"])
def test_koersformulier_weigert_te_lange_tekst_met_een_nederlandse_melding(veld):
    form = Formulier({veld: "x" * (LANGE_TEKST + 1)})
    assert form.errors == {veld: [TE_LANG]}


def test_modelformulier_weigert_te_lange_tekst_met_een_melding():
    # The model's max_length and the shared check both refuse it; the user reads it once.
    form = ContactmomentNotitie({"notitie": "x" * (LANGE_TEKST + 1)})
    assert form.errors == {"notitie": [TE_LANG]}


def test_stuurteken_en_te_lange_tekst_geven_elk_een_melding():
    form = HeropenenForm({"reden": "\x07" + "x" * LANGE_TEKST})
    assert form.errors["reden"] == [STUURTEKENS, TE_LANG]


def test_eigen_kortere_grens_van_een_veld_geeft_de_enige_melding():
    class Kort(KoersForm):
        naam = forms.CharField(max_length=10)

    form = Kort({"naam": "x" * (LANGE_TEKST + 1)})
    assert len(form.errors["naam"]) == 1
    assert "10" in form.errors["naam"][0]
    assert str(LANGE_TEKST) not in form.errors["naam"][0]


def test_regeleinden_en_tabs_blijven_toegestaan_in_een_tekstvak():
    form = Formulier({"tekst": "regel 1\r\nregel\t2", "regel": "één regel"})
    assert form.is_valid(), form.errors


def test_eenregelig_veld_van_zonder_stuurtekens_geeft_een_melding():
    for waarde in ("a\x00b", "a\x07b", "a\nb", "a\x00\nb"):
        form = ZonderRegeleinden({"naam": waarde})
        assert form.errors == {"naam": [STUURTEKENS_REGEL]}, waarde


def test_veld_dat_later_is_toegevoegd_krijgt_dezelfde_controles():
    class Later(KoersForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["later"] = forms.CharField()
            self.fields["later"].validators.append(geen_stuurtekens)

    form = Later({"later": "a\x00b"})
    assert form.errors == {"later": [STUURTEKENS]}
    form = Later({"later": "x" * (LANGE_TEKST + 1)})
    assert form.errors == {"later": [TE_LANG]}


def test_inlogpagina_geeft_een_melding_bij_het_veld(client, db):
    response = client.post(reverse("accounts:login"), {"login": "naam\x00", "password": "fout"})
    assert response.context["form"].errors == {"login": [STUURTEKENS]}
    assert "Null-tekens" not in response.content.decode()


# --- (b) Forms of other packages ------------------------------------------------------------


def test_django_velden_zijn_niet_aangepast():
    """Nothing changes Django's fields for the whole process."""
    assert "default_validators" not in vars(forms.CharField)
    assert forms.CharField.default_validators == []
    assert forms.Field.default_validators == []
    run_validators = forms.Field.run_validators
    assert run_validators.__qualname__ == "Field.run_validators"
    assert run_validators.__module__ == "django.forms.fields"
    assert inspect.getsourcefile(run_validators) == inspect.getsourcefile(forms.Field)
    assert "run_validators" not in vars(forms.CharField)


def _zoals_django_het_maakte(veld: forms.Field) -> None:
    assert any(isinstance(v, ProhibitNullCharactersValidator) for v in veld.validators)
    assert not any(v is controle for v in veld.validators for controle in ONZE_CONTROLES)
    if type(veld).default_validators:
        return  # an e-mail field, say: its own validator refuses the text below
    veld.clean("a\x1bb\u202ec")  # Django itself lets these through
    with pytest.raises(ValidationError) as fout:
        veld.clean("a\x00b")
    assert [e.code for e in fout.value.error_list] == ["null_characters_not_allowed"]


def test_inlogformulier_van_django_houdt_zijn_eigen_controles():
    form = AuthenticationForm(data={"username": "a\x00b", "password": "x"})
    assert not isinstance(form, KoersFormMixin)
    _zoals_django_het_maakte(form.fields["username"])


def test_inlogformulier_van_allauth_houdt_zijn_eigen_controles():
    form = LoginForm(data={"login": "a\x1bb", "password": "x"}, request=None)
    assert not isinstance(form, KoersFormMixin)
    _zoals_django_het_maakte(form.fields["login"])
    _zoals_django_het_maakte(form.fields["password"])


@pytest.mark.parametrize("model", [Gemeente, User])
def test_formulier_van_de_admin_houdt_zijn_eigen_controles(model, rf):
    request = rf.get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    form_class = admin.site._registry[model].get_form(request)
    assert not issubclass(form_class, KoersFormMixin)
    form = form_class()
    velden = [v for v in form.fields.values() if isinstance(v, forms.CharField)]
    assert velden
    for veld in velden:
        _zoals_django_het_maakte(veld)


def test_allauth_toont_de_formulieren_van_koers():
    """The allauth forms a user types into are Koers's subclasses, named in the settings."""
    for instelling in (settings.ACCOUNT_FORMS, settings.MFA_FORMS):
        for pad in instelling.values():
            form_class = import_string(pad)
            assert issubclass(form_class, KoersFormMixin), pad
            assert any(k.__module__.startswith("allauth.") for k in form_class.__mro__), pad


# --- (c) Every form of Koers ----------------------------------------------------------------


def _koers_apps() -> list[str]:
    basis = Path(settings.BASE_DIR).resolve()
    return [
        app.name
        for app in apps.get_app_configs()
        if Path(app.path).resolve().is_relative_to(basis)
        and "site-packages" not in Path(app.path).parts
    ]


def _koers_modules():
    for naam in _koers_apps():
        pakket = importlib.import_module(naam)
        yield pakket
        for module in pkgutil.walk_packages(pakket.__path__, prefix=f"{naam}."):
            if ".migrations" not in module.name:
                yield importlib.import_module(module.name)


def _subklassen(basis: type):
    for klasse in basis.__subclasses__():
        yield klasse
        yield from _subklassen(klasse)


def _van_een_factory(klasse: type) -> bool:
    """modelform_factory and formset_factory make classes their own module does not name."""
    return getattr(sys.modules.get(klasse.__module__), klasse.__name__, None) is not klasse


def test_elk_formulier_van_koers_gebruikt_koersformmixin():
    koers = tuple(_koers_apps())
    assert {"accounts", "core", "statushouders", "intake", "partners"} <= set(koers)
    modules = list(_koers_modules())

    def van_koers(klasse):
        return klasse.__module__.split(".")[0] in koers

    formulieren = {k for k in _subklassen(forms.BaseForm) if van_koers(k)}
    filtersets = {k for k in _subklassen(django_filters.FilterSet) if van_koers(k)}
    formsets = {k for k in _subklassen(BaseFormSet) if van_koers(k)}
    # What a factory made at a module's top level belongs to the Koers module that names it.
    for module in modules:
        for waarde in vars(module).values():
            if inspect.isclass(waarde) and _van_een_factory(waarde):
                if issubclass(waarde, forms.BaseForm):
                    formulieren.add(waarde)
                elif issubclass(waarde, BaseFormSet):
                    formsets.add(waarde)

    namen = {k.__name__ for k in formulieren | filtersets | formsets}
    assert {"PersoonForm", "InloggenForm", "PersoonFilter", "WerkervaringFormSet"} <= namen
    assert len(formulieren) > 50

    zonder = [
        f"{k.__module__}.{k.__qualname__}" for k in formulieren if not issubclass(k, KoersFormMixin)
    ]
    zonder += [
        f"{k.__module__}.{k.__qualname__} (Meta.form)"
        for k in filtersets
        if not issubclass(k._meta.form, KoersFormMixin)
    ]
    zonder += [
        f"{k.__module__}.{k.__qualname__} (form)"
        for k in formsets
        if not issubclass(k.form, KoersFormMixin)
    ]
    assert not zonder, "Zonder core.forms.KoersFormMixin: " + ", ".join(sorted(zonder))


@pytest.mark.parametrize(
    ("getypt", "getal"),
    [("1.200", 1200), ("12.000", 12000), ("1.234.567", 1234567), ("800", 800), (" 24 ", 24)],
)
def test_geheel_getal_met_nederlandse_duizendtallen(getypt, getal):
    assert GeheelGetalVeld().clean(getypt) == getal


@pytest.mark.parametrize("getypt", ["1.5", "1.20", "12.0000", "1,200", "1e3", "٧"])
def test_geen_geheel_getal(getypt):
    with pytest.raises(ValidationError):
        GeheelGetalVeld().clean(getypt)
