from django.contrib import admin

from .models import TermijnConfig
from .services import termijnconfig_wijzigen


@admin.register(TermijnConfig)
class TermijnConfigAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "lengte", "eenheid", "wettelijke_basis", "geverifieerd")
    readonly_fields = ("code",)
    fields = (
        "code",
        "label",
        "wettelijke_basis",
        "berekening",
        "lengte",
        "eenheid",
        "geverifieerd",
        "herinneren",
    )

    def has_add_permission(self, request):
        return False  # the terms Koers computes are fixed; their lengths are configurable

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Through the service: audited, and every open deadline is recomputed.
        lengte, eenheid = obj.lengte, obj.eenheid
        super().save_model(request, obj, form, change)
        termijnconfig_wijzigen(config=obj, lengte=lengte, eenheid=eenheid, door=request.user)
