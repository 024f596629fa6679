from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
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


class SuperuserAdminSite(admin.AdminSite):
    """The Django admin is technical maintenance for superusers (made with `createsuperuser`,
    never by Koers itself); it shows every history snapshot, so nobody else may see even its
    login page. A signed-in user without the flag gets 404, as for a page that does not exist;
    someone not signed in goes to Koers's own login, never to a second login form."""

    site_header = _("Koers · technisch beheer")
    site_title = _("Koers · technisch beheer")

    def has_permission(self, request) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def alleen_superusers(request, *args, **kwargs):
            if not self.has_permission(request):
                return self._weigeren(request)
            return inner(request, *args, **kwargs)

        return alleen_superusers

    def login(self, request, extra_context=None):
        if not self.has_permission(request):
            return self._weigeren(request)
        return redirect(f"{self.name}:index")

    def _weigeren(self, request):
        if request.user.is_authenticated:
            raise Http404
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)


def superuser_admin_site() -> SuperuserAdminSite:
    """The admin as mounted under /beheer/admin/: every model any app registered (Koers's own
    and pghistory's events), on a site that only superusers pass."""
    site = SuperuserAdminSite(name="admin")
    for model, model_admin in admin.site._registry.items():
        site.register(model, type(model_admin))
    return site
