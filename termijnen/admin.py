"""Read-only views for superusers. Functioneel beheer edits terms and holidays in Koers's own
beheer screens, through the services, so every change is audited and deadlines follow."""

from django.contrib import admin

from .models import Feestdag, TermijnConfig


class AlleenLezen(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TermijnConfig)
class TermijnConfigAdmin(AlleenLezen):
    list_display = ("code", "label", "lengte", "eenheid", "atw", "wettelijke_basis", "geverifieerd")


@admin.register(Feestdag)
class FeestdagAdmin(AlleenLezen):
    list_display = ("datum", "naam")
