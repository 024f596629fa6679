"""Labels of stored choices."""

from django.db import models


def keuzelabel(keuzes: type[models.Choices], waarde):
    """The label of a stored choice, as `get_FOO_display` gives it; the stored value itself
    when it is no (longer a) choice."""
    try:
        return str(keuzes(waarde).label)
    except ValueError:
        return waarde
