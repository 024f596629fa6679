from django.conf import settings


def sessie(request):
    """How long a page may stay idle: the warning in the layout counts down from it."""
    return {"koers_sessie_inactief_seconden": settings.KOERS_SESSIE_INACTIEF_SECONDEN}
