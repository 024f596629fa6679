from django.urls import include, path

from accounts.admin import superuser_admin_site
from termijnen.urls import dossier_urlpatterns as termijnen_dossier_urls

urlpatterns = [
    path("", include("core.urls")),
    path("", include("termijnen.urls")),
    path("", include("statushouders.avg.urls")),
    path("accounts/", include("accounts.urls")),
    path("personen/", include("statushouders.urls")),
    path("personen/<uuid:uuid>/intake/", include("intake.urls")),
    path("personen/<uuid:uuid>/pip/", include("pip_plans.urls")),
    path("personen/<uuid:uuid>/verwijzingen/", include("partners.regisseur_urls")),
    path("personen/<uuid:uuid>/termijnen/", include(termijnen_dossier_urls)),
    path("partner/", include("partners.urls")),
    path("beheer/admin/", superuser_admin_site().urls),
    path("beheer/", include("accounts.beheer_urls")),
]
