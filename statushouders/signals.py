"""What the dossier tells the apps above it, which it may not import: the apps that count
from a person's dates (termijnen) listen."""

from django.dispatch import Signal

# A person was created or their dossier dates changed; keyword argument `persoon`. Sent inside
# the service's transaction, so what a receiver writes commits or rolls back with it.
dossierdatums_gewijzigd = Signal()
