from django.conf import settings


def koers(request):
    return {
        "koers_organisatie": settings.KOERS_ORGANISATIE,
        "koers_theme_class": settings.KOERS_THEME_CLASS,
        "koers_theme_stylesheet": settings.KOERS_THEME_STYLESHEET,
    }
