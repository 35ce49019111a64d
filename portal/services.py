"""Writes of the portal app: users and their roles, group permissions."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction

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
) -> GebruikerResultaat:
    """Create or update a user with exactly one role and the given regions.

    Validates everything before writing anything; raises ValidationError with a
    Dutch message on bad input.
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

    gegenereerd = None
    if wachtwoord is None:
        gegenereerd = wachtwoord = secrets.token_urlsafe(12)
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
    return GebruikerResultaat(gebruiker=gebruiker, nieuw=nieuw, wachtwoord=gegenereerd)


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
