from django.contrib.auth.password_validation import MinimumLengthValidator
from django.utils.translation import ngettext


class MinimaleLengte(MinimumLengthValidator):
    """Django's length rule with its message in Dutch (the Dutch catalogue lacks it)."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d teken bevatten.",
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d tekens bevatten.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Uw wachtwoord moet minstens %(min_length)d teken bevatten.",
            "Uw wachtwoord moet minstens %(min_length)d tekens bevatten.",
            self.min_length,
        ) % {"min_length": self.min_length}
