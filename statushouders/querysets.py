"""`visible_to(user)` for every model that belongs to a person or to a gemeente.

A model's queryset names the way from a row to its person (`persoon_pad`) or gemeente
(`gemeente_pad`) and what the rows are read for (`doel`). Which gemeenten a user may act on for
that purpose is `accounts.scope`'s to say, so no app writes the rule again. Rows of a person are
visible exactly when the person is: they delegate to `Persoon.objects.visible_to`.
"""

from django.db import models

from accounts.scope import Doel, gemeenten


class GemeenteGebondenQuerySet(models.QuerySet):
    """Rows of one gemeente, reached through `gemeente_pad`."""

    gemeente_pad = "gemeente"
    doel = Doel.DOSSIER

    def visible_to(self, user, doel: Doel | None = None):
        """The rows of the gemeenten `user` may act on for the model's purpose, or for `doel`
        where a selector reads them for another one (an AVG request is beheer's, say)."""
        return self.filter(**{f"{self.gemeente_pad}__in": gemeenten(user, doel or self.doel)})


class PersoonGebondenQuerySet(models.QuerySet):
    """Rows of one person, reached through `persoon_pad`: visible to whoever sees the person."""

    persoon_pad = "persoon"
    doel = Doel.DOSSIER

    def visible_to(self, user, doel: Doel | None = None):
        from .models import Persoon  # statushouders.models builds its managers from this module

        personen = Persoon.objects.visible_to(user, doel or self.doel)
        return self.filter(**{f"{self.persoon_pad}__in": personen})
