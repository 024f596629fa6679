from allauth.account import views as account_views
from django.urls import path

from . import views

app_name = "accounts"

# Mounted at the root: the login pages under accounts/ (beside allauth's own URLs, which these
# come before), the security log among the beheer pages.
urlpatterns = [
    path("accounts/login/", account_views.login, name="login"),
    path("accounts/logout/", account_views.logout, name="logout"),
    path("accounts/wachtwoord/", account_views.password_change, name="password-change"),
    path("accounts/signup/", views.registreren_gesloten, name="registreren"),
    path("accounts/3rdparty/signup/", views.registreren_gesloten),
    # E-mail addresses and linked identity-provider accounts are managed by functioneel
    # beheer: a user cannot add an address (the key to an identity-provider login) or link one.
    path("accounts/email/", views.niet_beschikbaar),
    path("accounts/3rdparty/", views.niet_beschikbaar),
    path("accounts/sessie/verlengen/", views.sessie_verlengen, name="sessie-verlengen"),
    path("beheer/beveiligingslog/", views.beveiligingslog, name="beveiligingslog"),
]
