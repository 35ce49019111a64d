"""Reads of the shared reference data, and the one resolver for region and sector names."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef
from django.db.models.functions import Now
from django.utils.text import slugify
from django_otp.plugins.otp_totp.models import TOTPDevice
from procrastinate.contrib.django.models import ProcrastinateWorker

from portal.models import Regio, Sector


class OnbekendeWaarde(ValueError):
    """A region or sector name that matches nothing; the message is Dutch and user-facing."""


def normaliseer(waarde: str) -> str:
    """Case and surrounding or repeated spaces do not count."""
    return " ".join(str(waarde).split()).casefold()


def _sleutels(slug: str, naam: str, andere_namen: list[str]) -> set[str]:
    keys = {normaliseer(slug), normaliseer(naam), slugify(naam)}
    for naam_ in andere_namen:
        keys.update({normaliseer(naam_), slugify(naam_)})
    return keys


def regio_index() -> dict[str, Regio]:
    """Every accepted spelling of every region, for resolving many values at once."""
    index: dict[str, Regio] = {}
    for regio in Regio.objects.all():
        for key in _sleutels(regio.slug, regio.naam, regio.andere_namen):
            index[key] = regio
    return index


def alle_sectoren():
    """The eight sectorkamers, as every app lists them."""
    return Sector.objects.all()


def sector_index() -> dict[str, Sector]:
    index: dict[str, Sector] = {}
    for sector in Sector.objects.all():
        for key in _sleutels(sector.slug, sector.naam, []):
            index[key] = sector
    return index


def zoek_in_index(index: dict, waarde: str):
    """Look ``waarde`` up in an index of :func:`regio_index` or :func:`sector_index`."""
    if waarde is None:
        return None
    return index.get(normaliseer(waarde)) or index.get(slugify(str(waarde)))


def regio_opzoeken(waarde: str, *, index: dict[str, Regio] | None = None) -> Regio:
    """Turn a slug, official name or other name into a Regio, or raise OnbekendeWaarde."""
    regio = zoek_in_index(index if index is not None else regio_index(), waarde)
    if regio is None:
        raise OnbekendeWaarde(
            f"onbekende regio '{str(waarde).strip()[:80]}'; gebruik de naam of slug van een "
            "arbeidsmarktregio, bijvoorbeeld 'twente' of 'Noord-Limburg'"
        )
    return regio


def sector_opzoeken(waarde: str, *, index: dict[str, Sector] | None = None) -> Sector:
    """Turn a sector slug or name into a Sector, or raise OnbekendeWaarde."""
    sector = zoek_in_index(index if index is not None else sector_index(), waarde)
    if sector is None:
        raise OnbekendeWaarde(
            f"onbekende sector '{str(waarde).strip()[:80]}'; gebruik de slug van een sector, "
            "bijvoorbeeld 'handel'"
        )
    return sector


def regios_met_gemeente(zoekterm: str):
    """Regions whose name, other name or one of whose gemeenten matches ``zoekterm``."""
    term = normaliseer(zoekterm)
    if not term:
        return Regio.objects.none()
    return [
        regio
        for regio in Regio.objects.all()
        if term in {normaliseer(g) for g in regio.gemeenten}
        or term in _sleutels(regio.slug, regio.naam, regio.andere_namen)
    ]


def heeft_tweede_factor(gebruiker) -> bool:
    """Has the user a confirmed authenticator (else the admin leads them to set one up)?"""
    return TOTPDevice.objects.filter(user=gebruiker, confirmed=True).exists()


def met_tweede_factor(gebruikers):
    """The users with ``heeft_app``: whether each has a confirmed authenticator (one query)."""
    return gebruikers.annotate(
        heeft_app=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )


def tweede_factor_wacht_tot(gebruiker, *, bevestigd: bool):
    """Until when the user's authenticator accepts no code after failed ones (django-otp
    doubles the wait after each failure), or None when it accepts one now."""
    apparaat = TOTPDevice.objects.filter(user=gebruiker, confirmed=bevestigd).order_by("pk").first()
    if apparaat is None:
        return None
    toegestaan, gegevens = apparaat.verify_is_allowed()
    return None if toegestaan else (gegevens or {}).get("locked_until")


def werker_recent_gezien(*, max_stilte_seconden: int) -> bool:
    """Has a worker of the job queue given a heartbeat in the last ``max_stilte_seconden``?

    Compared with the database's own clock, which also wrote the heartbeats, so a
    difference between the clocks of the machines does not count."""
    grens = Now() - datetime.timedelta(seconds=max_stilte_seconden)
    return ProcrastinateWorker.objects.filter(last_heartbeat__gte=grens).exists()
