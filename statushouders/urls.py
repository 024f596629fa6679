from django.urls import path

from . import views

app_name = "statushouders"

urlpatterns = [
    path("", views.persoon_list, name="persoon-lijst"),
    path("nieuw/", views.persoon_create, name="persoon-nieuw"),
    path("<uuid:uuid>/bewerken/", views.persoon_update, name="persoon-bewerken"),
    path("<uuid:uuid>/regisseur/", views.persoon_regisseur, name="persoon-regisseur"),
    path("<uuid:uuid>/huishouden/", views.persoon_huishouden, name="persoon-huishouden"),
    path("<uuid:uuid>/gezinslid/", views.gezinslid_toevoegen, name="gezinslid-nieuw"),
    path("<uuid:uuid>/contactmomenten/", views.contactmoment_list, name="contactmoment-lijst"),
    path("<uuid:uuid>/historie/", views.persoon_historie, name="persoon-historie"),
    path("<uuid:uuid>/afsluiten/", views.persoon_afsluiten, name="persoon-afsluiten"),
    path("<uuid:uuid>/heropenen/", views.persoon_heropenen, name="persoon-heropenen"),
]
