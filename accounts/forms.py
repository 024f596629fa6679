from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.webauthn.forms import AddWebAuthnForm, EditWebAuthnForm
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import KeuzeUitLijst, KoersForm, KoersFormMixin

from .constants import Gebeurtenis
from .models import User


class BeveiligingslogFilterForm(KoersForm):
    soort = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[("", _("Alle")), *Gebeurtenis.choices],
        error_messages={"invalid_choice": _("Kies een soort uit de lijst.")},
    )
    gebruiker = KeuzeUitLijst(
        label=_("Gebruiker"),
        queryset=User.objects.order_by("first_name", "username"),
        required=False,
        empty_label=_("Alle"),
        error_messages={"invalid_choice": _("Kies een gebruiker uit de lijst.")},
    )


# Koers's own versions of the allauth forms a user types into (ACCOUNT_FORMS and MFA_FORMS in
# the settings): their text fields are checked as in every other Koers form.


class InloggenForm(KoersFormMixin, account_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The login page has its own "Wachtwoord vergeten?" link; once is enough.
        self.fields["password"].help_text = ""


class OpnieuwInloggenForm(KoersFormMixin, account_forms.ReauthenticateForm):
    pass


class WachtwoordWijzigenForm(KoersFormMixin, account_forms.ChangePasswordForm):
    pass


class WachtwoordInstellenForm(KoersFormMixin, account_forms.SetPasswordForm):
    pass


class WachtwoordVergetenForm(KoersFormMixin, account_forms.ResetPasswordForm):
    pass


class NieuwWachtwoordForm(KoersFormMixin, account_forms.ResetPasswordKeyForm):
    pass


class CodeForm(KoersFormMixin, mfa_forms.AuthenticateForm):
    pass


class CodeOpnieuwForm(KoersFormMixin, mfa_forms.ReauthenticateForm):
    pass


class AuthenticatorAppKoppelenForm(KoersFormMixin, ActivateTOTPForm):
    pass


class SleutelToevoegenForm(KoersFormMixin, AddWebAuthnForm):
    pass


class SleutelHernoemenForm(KoersFormMixin, EditWebAuthnForm):
    pass
