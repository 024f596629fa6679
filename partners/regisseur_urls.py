from django.urls import path

from . import views

app_name = "verwijzingen"

urlpatterns = [
    path("nieuw/", views.verwijzing_create, name="verwijzing-create"),
]
