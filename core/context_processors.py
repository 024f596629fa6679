from django.conf import settings


def koers(request):
    from core.selectors import ongelezen_meldingen

    user = getattr(request, "user", None)
    return {
        "ongelezen_meldingen": ongelezen_meldingen(user=user) if user else 0,
        "koers_organisatie": settings.KOERS_ORGANISATIE,
        "koers_theme_class": settings.KOERS_THEME_CLASS,
        "koers_theme_stylesheet": settings.KOERS_THEME_STYLESHEET,
    }
