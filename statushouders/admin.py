from django.contrib import admin

from .models import Gemeente


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ("naam", "cbs_code")
    search_fields = ("naam", "cbs_code")
