from django.urls import include, path

from . import views

app_name = "ontzorging"

# On a person's dossier: /personen/<uuid>/ontzorging/…
dossier_urlpatterns = [
    path("", views.periode_detail, name="periode-detail"),
    path("nieuw/", views.periode_aanmaken, name="periode-nieuw"),
    path("<uuid:periode>/bewerken/", views.periode_bewerken, name="periode-bewerken"),
    path("<uuid:periode>/verlengen/", views.periode_verlengen, name="periode-verlengen"),
    path("<uuid:periode>/beeindigen/", views.periode_beeindigen, name="periode-beeindigen"),
    path("<uuid:periode>/lasten/nieuw/", views.last_toevoegen, name="last-nieuw"),
    path("lasten/<uuid:last>/", views.last_bewerken, name="last-bewerken"),
    path("lasten/<uuid:last>/overname/", views.last_overname, name="last-overname"),
    path("betalingen/<int:betaling>/opnieuw/", views.betaling_opnieuw, name="betaling-opnieuw"),
]

urlpatterns = [
    path("personen/<uuid:uuid>/ontzorging/", include(dossier_urlpatterns)),
    path("ontzorging/betalingen/", views.betalingen, name="betalingen"),
    path("ontzorging/batches/nieuw/", views.batch_samenstellen, name="batch-samenstellen"),
    path("ontzorging/batches/<uuid:batch>/", views.batch_detail, name="batch-detail"),
    path("ontzorging/batches/<uuid:batch>/status/", views.batch_status, name="batch-status"),
    path(
        "ontzorging/batches/<uuid:batch>/goedkeuren/",
        views.batch_goedkeuren,
        name="batch-goedkeuren",
    ),
    path(
        "ontzorging/batches/<uuid:batch>/exporteren/",
        views.batch_exporteren,
        name="batch-exporteren",
    ),
    path(
        "ontzorging/batches/<uuid:batch>/intrekken/", views.batch_intrekken, name="batch-intrekken"
    ),
    path("ontzorging/batches/<uuid:batch>/sepa.xml", views.batch_download, name="batch-download"),
    path("ontzorging/afschriften/nieuw/", views.afschrift_inlezen, name="afschrift-inlezen"),
    path(
        "ontzorging/afschriften/<uuid:afschrift>/", views.afschrift_detail, name="afschrift-detail"
    ),
    path(
        "ontzorging/afschriften/<uuid:afschrift>/status/",
        views.afschrift_status,
        name="afschrift-status",
    ),
    path("ontzorging/inhoudingen.csv", views.inhoudingen_csv, name="inhoudingen-csv"),
]
