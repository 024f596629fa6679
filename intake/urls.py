from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("starten/", views.intake_starten, name="intake-starten"),
    path("<uuid:intake_uuid>/", views.intake_detail, name="intake-detail"),
    path("<uuid:intake_uuid>/sectie/<slug:sectie>/", views.intake_sectie, name="intake-sectie"),
    path("<uuid:intake_uuid>/gesprekken/nieuw/", views.gesprek_create, name="gesprek-nieuw"),
    path("<uuid:intake_uuid>/afronden/", views.intake_afronden, name="intake-afronden"),
    path("<uuid:intake_uuid>/heropenen/", views.intake_heropenen, name="intake-heropenen"),
    path("<uuid:intake_uuid>/samenvatting/", views.intake_samenvatting, name="intake-samenvatting"),
]
