"""Writes of the portal app: users and their roles, group permissions."""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import password_validation
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import roles
from portal.models import Gebruiker
from portal.selectors import OnbekendeWaarde, regio_opzoeken


@dataclass(frozen=True)
class GebruikerResultaat:
    gebruiker: Gebruiker
    nieuw: bool
    wachtwoord: str | None  # only when generated here


def gebruiker_opslaan(
    *,
    gebruikersnaam: str,
    rol: str,
    regios: Sequence[str] = (),
    wachtwoord: str | None = None,
    email: str | None = None,
    totp_geheim: str | None = None,
) -> GebruikerResultaat:
    """Create or update a user with exactly one role and the given regions.

    A given password must pass AUTH_PASSWORD_VALIDATORS. ``totp_geheim`` (base32)
    sets the user's authenticator; without it an existing one is kept. Validates
    everything before writing anything; raises ValidationError with a Dutch message
    on bad input.
    """
    gebruikersnaam = (gebruikersnaam or "").strip()
    if not gebruikersnaam:
        raise ValidationError("geef een gebruikersnaam op")
    rol = (rol or "").strip().casefold()
    if rol not in roles.ROLLEN:
        raise ValidationError(f"onbekende rol '{rol}'; kies uit: {', '.join(roles.ROLLEN)}")
    try:
        regio_objecten = [regio_opzoeken(waarde) for waarde in regios]
    except OnbekendeWaarde as exc:
        raise ValidationError(str(exc)) from exc
    if rol == roles.AMBASSADEUR and not regio_objecten:
        raise ValidationError("een ambassadeur heeft minstens één regio nodig (--regio)")

    sleutel = totp_geheim_lezen(totp_geheim) if totp_geheim is not None else None

    gegenereerd = None
    if wachtwoord is None:
        gegenereerd = wachtwoord = secrets.token_urlsafe(12)
    else:
        # The similarity check compares with the name and address the user will have.
        bestaand = Gebruiker.objects.filter(username=gebruikersnaam).first()
        kandidaat = Gebruiker(
            username=gebruikersnaam,
            email=email.strip() if email is not None else getattr(bestaand, "email", ""),
        )
        try:
            password_validation.validate_password(wachtwoord, user=kandidaat)
        except ValidationError as exc:
            raise ValidationError(
                f"wachtwoord niet geaccepteerd: {' '.join(exc.messages)}"
            ) from exc
    info = roles.ROLINFO[rol]

    with transaction.atomic():
        gebruiker, nieuw = Gebruiker.objects.get_or_create(username=gebruikersnaam)
        gebruiker.is_staff = info.staf
        gebruiker.is_superuser = info.superuser
        gebruiker.is_active = True
        if email is not None:
            gebruiker.email = email.strip()
        gebruiker.set_password(wachtwoord)
        gebruiker.full_clean(exclude=["password"])
        gebruiker.save()
        gebruiker.groups.set([Group.objects.get(name=rol)])
        gebruiker.regios.set(regio_objecten)
        if sleutel is not None:
            tweede_factor_instellen(gebruiker=gebruiker, sleutel=sleutel)
    return GebruikerResultaat(gebruiker=gebruiker, nieuw=nieuw, wachtwoord=gegenereerd)


# TOTP secrets of fewer than 80 bits are guessable; TOTPDevice stores at most 40 bytes.
TOTP_MIN_BYTES = 10
TOTP_MAX_BYTES = 40


def totp_geheim_lezen(geheim: str) -> bytes:
    """Decode a base32 TOTP secret as authenticator apps show it (spaces and letter case
    do not count, padding is optional); raise ValidationError in Dutch when it is not one."""
    tekst = "".join((geheim or "").split()).upper().rstrip("=")
    fout = ValidationError(
        "ongeldig TOTP-geheim: geef het geheim in base32 (letters A-Z en cijfers 2-7), "
        f"van {TOTP_MIN_BYTES * 8 // 5} tot {TOTP_MAX_BYTES * 8 // 5} tekens"
    )
    if not tekst or set(tekst) - set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"):
        raise fout
    try:
        sleutel = base64.b32decode(tekst + "=" * (-len(tekst) % 8))
    except (binascii.Error, ValueError) as exc:
        raise fout from exc
    if not TOTP_MIN_BYTES <= len(sleutel) <= TOTP_MAX_BYTES:
        raise fout
    return sleutel


def tweede_factor_instellen(*, gebruiker: Gebruiker, sleutel: bytes) -> TOTPDevice:
    """Give the user exactly one confirmed authenticator with this key (RFC 6238: six
    digits, 30 seconds). The same key again changes nothing, so a code already used
    stays used."""
    with transaction.atomic():
        apparaten = list(TOTPDevice.objects.select_for_update().filter(user=gebruiker))
        gelijk = next((a for a in apparaten if a.bin_key == sleutel and a.confirmed), None)
        if gelijk is None:
            gelijk = TOTPDevice(user=gebruiker, name="Authenticator-app", confirmed=True)
            gelijk.key = sleutel.hex()
            gelijk.save()
        TOTPDevice.objects.filter(user=gebruiker).exclude(pk=gelijk.pk).delete()
    return gelijk


def tweede_factor_voorbereiden(*, gebruiker: Gebruiker) -> TOTPDevice:
    """The not yet confirmed authenticator the set-up page shows; the same one on every
    visit until it is confirmed, so a QR code scanned earlier keeps working."""
    with transaction.atomic():
        wachtend = (
            TOTPDevice.objects.select_for_update()
            .filter(user=gebruiker, confirmed=False)
            .order_by("pk")
            .first()
        )
        if wachtend is None:
            wachtend = TOTPDevice.objects.create(
                user=gebruiker, name="Authenticator-app", confirmed=False
            )
    return wachtend


def tweede_factor_bevestigen(*, gebruiker: Gebruiker, code: str) -> TOTPDevice | None:
    """Check a code from the authenticator being set up; when it fits, that device becomes
    the user's only one. None when the code does not fit (or was used already)."""
    with transaction.atomic():
        apparaten = list(TOTPDevice.objects.select_for_update().filter(user=gebruiker))
        # Once an app is confirmed, only maak_gebruiker or the beheerder's reset replaces it.
        if any(a.confirmed for a in apparaten):
            return None
        wachtend = min(apparaten, key=lambda a: a.pk, default=None)
        if wachtend is None or not wachtend.verify_token(code):
            return None
        wachtend.confirmed = True
        wachtend.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=gebruiker).exclude(pk=wachtend.pk).delete()
    return wachtend


def tweede_factor_controleren(*, gebruiker: Gebruiker, code: str) -> TOTPDevice | None:
    """Check a code against the user's confirmed authenticator. A code works once: the
    device remembers the last time step it accepted (and slows down repeated failures)."""
    with transaction.atomic():
        apparaat = (
            TOTPDevice.objects.select_for_update()
            .filter(user=gebruiker, confirmed=True)
            .order_by("pk")
            .first()
        )
        if apparaat is None or not apparaat.verify_token(code):
            return None
    return apparaat


def tweede_factor_resetten(*, gebruikers) -> int:
    """Remove the authenticators of these users; each sets up a new one at the next visit
    to the admin, and sessions confirmed with the old one no longer count."""
    aantal, _ = TOTPDevice.objects.filter(user__in=gebruikers).delete()
    return aantal


def rolpermissies_bijwerken(*, app_label: str, using: str = "default") -> None:
    """Give each role's group the model permissions of ``app_label`` that ROL_PERMISSIES lists."""
    tabel = roles.ROL_PERMISSIES.get(app_label, {})
    with transaction.atomic(using=using):
        for rol in roles.ROLLEN:
            group, _ = Group.objects.using(using).get_or_create(name=rol)
            gewenst = {
                f"{actie}_{model}"
                for model, per_rol in tabel.items()
                for actie in per_rol.get(rol, ())
            }
            huidige = group.permissions.filter(content_type__app_label=app_label)
            group.permissions.remove(*huidige.exclude(codename__in=gewenst))
            group.permissions.add(
                *Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename__in=gewenst
                )
            )
