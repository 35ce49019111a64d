"""Password checks: Django's own, with one message in Dutch that its translation lacks."""

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length (12 in the settings); Django 5.2's Dutch catalogue has no
    translation of this error, which would otherwise reach users in English."""

    def get_error_message(self):
        return f"Dit wachtwoord is te kort: gebruik minstens {self.min_length} tekens."
