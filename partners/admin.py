from django.contrib import admin

from .models import Partner


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("naam", "soort", "contact_email", "actief")
    list_filter = ("soort", "actief")
    search_fields = ("naam",)
