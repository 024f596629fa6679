def meldingen(request):
    from .selectors import ongelezen_meldingen

    user = getattr(request, "user", None)
    return {"ongelezen_meldingen": ongelezen_meldingen(user=user) if user else 0}
