from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class _PrivateStorage(LazyObject):
    """Files of dossiers (generated PDFs, uploads): on disk outside any public URL, served only
    through views that check access."""

    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


private_storage = _PrivateStorage()


def prive_opslag() -> _PrivateStorage:
    """The private storage for a model field. A callable, so migrations refer to it by name
    and never carry this machine's directory."""
    return private_storage


@receiver(setting_changed)
def _nieuwe_locatie(*, setting, **kwargs):
    if setting == "PRIVATE_MEDIA_ROOT":
        private_storage._wrapped = empty
