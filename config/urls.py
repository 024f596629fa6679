from django.urls import include, path

from accounts.admin import superuser_admin_site
from termijnen.urls import dossier_urlpatterns as termijnen_dossier_urls

urlpatterns = [
    path("", include("core.urls")),
    path("", include("termijnen.urls")),
    path("", include("statushouders.avg.urls")),
    path("", include("accounts.urls")),
    path("", include("ontzorging.urls")),
    path("", include("reports.urls")),
    path("accounts/", include("allauth.urls")),
    path("personen/", include("statushouders.urls")),
    path("personen/<uuid:uuid>/", include("dossier.urls")),
    path("personen/<uuid:uuid>/intake/", include("intake.urls")),
    path("personen/<uuid:uuid>/pip/", include("pip_plans.urls")),
    path("personen/<uuid:uuid>/verwijzingen/", include("partners.regisseur_urls")),
    path("personen/<uuid:uuid>/participatie/", include("participatie.urls")),
    path("personen/<uuid:uuid>/termijnen/", include(termijnen_dossier_urls)),
    path("partner/", include("partners.urls")),
    path("beheer/admin/", superuser_admin_site().urls),
    path("beheer/", include("beheer.urls")),
]

# A rate limit (too many login attempts, say) answers with a Dutch page.
handler429 = "accounts.views.te_veel_verzoeken"
