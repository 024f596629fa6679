from django.urls import path

from . import views

app_name = "dossier"

# /personen/<uuid>/…
urlpatterns = [
    path("", views.persoon_detail, name="persoon-detail"),
    path("contactmomenten/nieuw/", views.contactmoment_nieuw, name="contactmoment-nieuw"),
]
