"""Forms of the portal app: the second-factor steps of the login."""

from django import forms
from django.core.validators import RegexValidator


class CodeVeld(forms.CharField):
    def to_python(self, value):
        # Apps often show the code as "123 456"; the space is not a mistake.
        return "".join(super().to_python(value).split())


class CodeForm(forms.Form):
    """The six-digit code from the authenticator app (RFC 6238). The field is named
    ``otp_token``, the name scripts that log in rely on (README: Rollen); the template
    registration/_codeformulier.html draws it."""

    otp_token = CodeVeld(
        label="Code uit uw authenticator-app",
        help_text="Zes cijfers; uw app toont elke 30 seconden een nieuwe code.",
        validators=[RegexValidator(r"^\d{6}$", "Vul de zes cijfers van de code in.")],
        error_messages={"required": "Vul de code uit uw authenticator-app in."},
    )
