"""The signed links of the verification e-mail: valid for 14 days, usable once.

A link carries the person's id and a random nonce that is also stored on the person.
Using the link empties the nonce, and a new e-mail replaces it, so an old or used link
no longer matches even while its signature is still valid.
"""

from __future__ import annotations

import datetime
import secrets

from django.core import signing
from django.utils.crypto import constant_time_compare

from netwerk.models import Contactpersoon

GELDIG = datetime.timedelta(days=14)
_SALT = "netwerk.controlelink"


class ControlelinkOngeldig(Exception):
    """A link that cannot be used; ``melding`` is Dutch and meant for the visitor."""

    def __init__(self, melding: str, *, status: int):
        super().__init__(melding)
        self.melding = melding
        self.status = status


def nieuwe_nonce() -> str:
    return secrets.token_urlsafe(24)


def token_maken(contactpersoon: Contactpersoon) -> str:
    return signing.TimestampSigner(salt=_SALT).sign_object(
        {"id": contactpersoon.pk, "n": contactpersoon.controle_nonce}, compress=True
    )


def token_lezen(token: str, *, queryset=None) -> Contactpersoon:
    """The person the link belongs to, or ControlelinkOngeldig saying why not."""
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        inhoud = signer.unsign_object(token, max_age=GELDIG)
    except signing.SignatureExpired as exc:
        raise ControlelinkOngeldig(
            "Deze controlelink is verlopen: een link is 14 dagen geldig. Vraag de ambassadeur "
            "van uw regio om een nieuwe link.",
            status=410,
        ) from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise ControlelinkOngeldig(
            "Deze controlelink klopt niet. Controleer of u de volledige link uit de e-mail "
            "heeft gebruikt.",
            status=400,
        ) from exc
    if not isinstance(inhoud, dict) or not isinstance(inhoud.get("id"), int):
        raise ControlelinkOngeldig("Deze controlelink klopt niet.", status=400)
    queryset = queryset if queryset is not None else Contactpersoon.objects.all()
    persoon = queryset.filter(pk=inhoud["id"], actief=True).first()
    if (
        persoon is None
        or not persoon.controle_nonce
        or not constant_time_compare(str(inhoud.get("n", "")), persoon.controle_nonce)
    ):
        raise ControlelinkOngeldig(
            "Deze controlelink is al gebruikt of vervangen door een nieuwere link. U hoeft "
            "niets meer te doen; heeft u nog een wijziging, neem dan contact op met de "
            "ambassadeur van uw regio.",
            status=410,
        )
    return persoon
