from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.portaal, name="portaal"),
    path(
        "verwijzingen/<uuid:verwijzing_uuid>/",
        views.portaal_verwijzing_detail,
        name="portaal-verwijzing",
    ),
    path(
        "verwijzingen/<uuid:verwijzing_uuid>/accepteren/",
        views.verwijzing_accepteren,
        name="verwijzing-accepteren",
    ),
    path(
        "verwijzingen/<uuid:verwijzing_uuid>/afwijzen/",
        views.verwijzing_afwijzen,
        name="verwijzing-afwijzen",
    ),
    path(
        "verwijzingen/<uuid:verwijzing_uuid>/terugkoppeling/",
        views.terugkoppeling_create,
        name="terugkoppeling-nieuw",
    ),
    path(
        "verwijzingen/<uuid:verwijzing_uuid>/afronden/",
        views.verwijzing_afronden,
        name="verwijzing-afronden",
    ),
]
