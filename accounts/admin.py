from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import GemeenteLidmaatschap, User


class GemeenteLidmaatschapInline(admin.TabularInline):
    model = GemeenteLidmaatschap
    extra = 1
    verbose_name = _("gemeente")
    verbose_name_plural = _("gemeenten waarvan deze gebruiker de dossiers ziet")


@admin.register(User)
class KoersUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "rol", "partner", "is_active")
    list_filter = ("rol", "is_active", "gemeenten")
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Koers"), {"fields": ("rol", "partner", "telefoon")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (
            _("Koers"),
            {"fields": ("first_name", "last_name", "email", "telefoon", "rol", "partner")},
        ),
    )
    inlines = [GemeenteLidmaatschapInline]
