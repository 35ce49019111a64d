"""Logging editors in as the portal demands: the password and a code from a real
authenticator (a TOTPDevice in the database), never the password alone."""

from __future__ import annotations

import secrets

import django_otp
from django.http import HttpRequest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import permissions, services


def apparaat(gebruiker, sleutel: bytes | None = None) -> TOTPDevice:
    """The user's confirmed authenticator: with this key, or a random one."""
    return services.tweede_factor_instellen(
        gebruiker=gebruiker, sleutel=sleutel or secrets.token_bytes(20)
    )


def code(device: TOTPDevice) -> str:
    """The code the user's app shows now, computed from the key as any RFC 6238 app does."""
    device.refresh_from_db()
    waarde = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{waarde:0{device.digits}d}"


def inloggen_met_code(client, gebruiker) -> None:
    """Log ``gebruiker`` in on the test client; an editor's session is then confirmed by a
    real device of theirs, as the code step (tested on its own) does after a right code."""
    client.force_login(gebruiker)
    if not permissions.moet_tweede_factor_gebruiken(gebruiker):
        return
    device = TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first() or apparaat(
        gebruiker
    )
    request = HttpRequest()
    request.session = client.session
    request.user = gebruiker
    django_otp.login(request, device)
    request.session.save()
