"""Writes of the reminders: plan the e-mails that are due (record each, put it in the job
queue) and send them. Planning runs from the periodic jobs in portal.tasks or from the
command ``herinneringen_versturen``; the jobs send.

Every e-mail is recorded in Herinnering before it is queued, in the same transaction:
the unique constraint lets only one run record it, so a second run, at the same time on
another worker or a week later, sends nothing twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from netwerk import public as netwerk
from portal import permissions, tasks
from portal.herinneringen import selectors
from portal.models import Gebruiker, Herinnering, Herinneringsoort

# A section of an e-mail names at most this many entries; the admin's list has them all.
MAX_REGELS = 25


def _basis_url() -> str:
    """Links in e-mails a job sends need the portal's public address: no request to take
    it from."""
    if not settings.PORTAAL_BASIS_URL:
        raise ImproperlyConfigured(
            "Herinneringen hebben PORTAAL_BASIS_URL nodig (het openbare adres van het "
            "portaal, zoals https://praktijkleren.example.org/) voor de links in de e-mails."
        )
    return settings.PORTAAL_BASIS_URL


def _vastleggen(*, soort: str, periode: str, nu, ontvanger=None, contactpersoon_id=None) -> bool:
    """Record this e-mail; False when it was recorded already, also by another run that is
    recording it at this very moment (its insert makes this one wait, then fail)."""
    try:
        with transaction.atomic():
            Herinnering.objects.create(
                soort=soort,
                periode=periode,
                ontvanger=ontvanger,
                contactpersoon_id=contactpersoon_id,
                ingepland_op=nu,
            )
    except IntegrityError:
        return False
    return True


@transaction.atomic
def weekoverzichten_plannen(*, nu: datetime.datetime | None = None) -> int:
    """Queue this week's overview for every ambassadeur with something due in their
    regions, once per week. Returns how many; 0 when reminders are off."""
    if not settings.HERINNERINGEN_AAN:
        return 0
    basis_url = _basis_url()
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    periode = selectors.week(vandaag)
    gepland = []
    for gebruiker in selectors.ontvangers():
        if selectors.weekoverzicht(gebruiker, vandaag=vandaag).leeg:
            continue
        if _vastleggen(
            soort=Herinneringsoort.WEEKOVERZICHT, periode=periode, nu=nu, ontvanger=gebruiker
        ):
            gepland.append(gebruiker)
    if gepland:
        tasks.weekoverzicht_versturen.batch_defer(
            *(
                {"gebruiker_id": g.pk, "basis_url": basis_url, "datum": vandaag.isoformat()}
                for g in gepland
            )
        )
    return len(gepland)


@dataclass(frozen=True)
class Controleverslag:
    """How many e-mails of the verification one run queued."""

    verzoeken: int = 0
    herinneringen: int = 0
    meldingen: int = 0  # e-mails to ambassadeurs about persons who did not answer


@transaction.atomic
def controles_plannen(*, nu: datetime.datetime | None = None) -> Controleverslag:
    """The verification of contact persons by e-mail, one step at a time:

    1. a person unchecked for NETWERK_VEROUDERD_NA_DAGEN gets the verification e-mail;
    2. no answer within HERINNERINGEN_WACHTTIJD_DAGEN: a reminder, with a new link;
    3. again no answer within that time: the ambassadeurs of the person's regions hear of it.

    Confirming, a correction, or an editor checking the entry (a new verification date)
    ends the round. Nothing when reminders are off.
    """
    if not settings.HERINNERINGEN_AAN:
        return Controleverslag()
    basis_url = _basis_url()
    nu = nu or timezone.now()

    verzoeken = [
        pk
        for pk, datum in selectors.eerste_verzoeken(vandaag=timezone.localdate(nu)).items()
        if _vastleggen(
            soort=Herinneringsoort.CONTROLEVERZOEK,
            periode=datum.isoformat(),
            nu=nu,
            contactpersoon_id=pk,
        )
    ]
    herinneringen = [
        o.contactpersoon_id
        for o in selectors.te_herinneren(nu=nu)
        if _vastleggen(
            soort=Herinneringsoort.HERINNERING,
            periode=o.periode,
            nu=nu,
            contactpersoon_id=o.contactpersoon_id,
        )
    ]
    for ids, herinnering in ((verzoeken, False), (herinneringen, True)):
        if ids:
            netwerk.contactpersonen_controle_aanvragen(
                contactpersonen=netwerk.contactpersonen_op_id(ids),
                basis_url=basis_url,
                herinnering=herinnering,
            )

    meldingen = []
    for gebruiker, openstaand in selectors.niet_gereageerd(nu=nu).items():
        ids = [
            o.contactpersoon_id
            for o in openstaand
            if _vastleggen(
                soort=Herinneringsoort.GEEN_REACTIE,
                periode=o.periode,
                nu=nu,
                ontvanger=gebruiker,
                contactpersoon_id=o.contactpersoon_id,
            )
        ]
        if ids:
            meldingen.append(
                {"gebruiker_id": gebruiker.pk, "contactpersoon_ids": ids, "basis_url": basis_url}
            )
    if meldingen:
        tasks.geen_reactie_versturen.batch_defer(*meldingen)
    return Controleverslag(len(verzoeken), len(herinneringen), len(meldingen))


def _beheer_url(basis_url: str, obj) -> str:
    opts = obj._meta
    return basis_url.rstrip("/") + reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
    )


def _lijst_url(basis_url: str, model_admin: str, query: str = "") -> str:
    return basis_url.rstrip("/") + reverse(f"admin:{model_admin}_changelist") + query


@dataclass
class _Sectie:
    """A part of an ambassadeur's e-mail: entries with a link each, at most MAX_REGELS,
    and links to the admin's full lists."""

    titel: str
    regels: list[tuple[str, str]]
    meer: int
    lijsten: list[tuple[str, str]]
    uitleg: str = ""


def _sectie(titel: str, objecten: list, tekst, basis_url: str, lijsten, uitleg="") -> _Sectie:
    return _Sectie(
        titel=f"{titel} ({len(objecten)})",
        regels=[(tekst(obj), _beheer_url(basis_url, obj)) for obj in objecten[:MAX_REGELS]],
        meer=max(len(objecten) - MAX_REGELS, 0),
        lijsten=lijsten,
        uitleg=uitleg,
    )


def _persoon(persoon) -> str:
    organisatie = f" ({persoon.organisatie.naam})" if persoon.organisatie else ""
    return (
        f"{persoon.naam}{organisatie}, laatst gecontroleerd op {persoon.gecontroleerd_op:%d-%m-%Y}"
    )


def _item(item) -> str:
    return (
        f"{item._meta.verbose_name.capitalize()} '{item.titel}' ({item.regio.naam}), "
        f"controleren vóór {item.controleren_voor:%d-%m-%Y}"
    )


def _organisatie(organisatie) -> str:
    return f"{organisatie.naam}, laatst gecontroleerd op {organisatie.gecontroleerd_op:%d-%m-%Y}"


def _secties(overzicht: selectors.Weekoverzicht, basis_url: str) -> list[_Sectie]:
    dagen = settings.NETWERK_VEROUDERD_NA_DAGEN
    soorten = {item._meta.model_name: item._meta.verbose_name_plural for item in overzicht.items}
    secties = [
        _sectie(
            "Kennisbank: voorbij de datum 'opnieuw controleren vóór'",
            overzicht.items,
            _item,
            basis_url,
            [
                (
                    f"Alle te controleren {meervoud}",
                    _lijst_url(basis_url, f"kennisbank_{model}", "?controle=te-controleren"),
                )
                for model, meervoud in soorten.items()
            ],
        ),
        _sectie(
            f"Organisaties: langer dan {dagen} dagen niet gecontroleerd",
            overzicht.organisaties,
            _organisatie,
            basis_url,
            [
                (
                    "Alle te controleren organisaties",
                    _lijst_url(basis_url, "netwerk_organisatietecontroleren"),
                )
            ],
        ),
        _sectie(
            f"Contactpersonen: langer dan {dagen} dagen niet gecontroleerd",
            overzicht.personen,
            _persoon,
            basis_url,
            [
                (
                    "Alle te controleren contactpersonen",
                    _lijst_url(basis_url, "netwerk_contactpersoontecontroleren"),
                )
            ],
            uitleg="Wie een e-mailadres heeft, krijgt van het portaal zelf een controleverzoek; "
            "reageert iemand ook na een herinnering niet, dan hoort u dat.",
        ),
    ]
    return [sectie for sectie in secties if sectie.regels]


def _aanhef(gebruiker: Gebruiker) -> str:
    return gebruiker.get_full_name() or gebruiker.username


def _namen(regios) -> str:
    namen = [regio.naam for regio in regios]
    return " en ".join([", ".join(namen[:-1]), namen[-1]]) if len(namen) > 1 else namen[0]


def weekoverzicht_versturen(*, gebruiker_id: int, basis_url: str, datum: str) -> bool:
    """Send one ambassadeur's weekly overview, built now from what is due on ``datum``;
    nothing (False) when the user no longer gets reminders or nothing is due any more.
    Errors of the mail server are raised, so that the job tries again."""
    gebruiker = Gebruiker.objects.filter(pk=gebruiker_id).first()
    if gebruiker is None or not permissions.krijgt_herinneringen(gebruiker):
        return False
    overzicht = selectors.weekoverzicht(gebruiker, vandaag=datetime.date.fromisoformat(datum))
    if overzicht.leeg:
        return False
    regios = _namen(overzicht.regios)
    tekst = render_to_string(
        "portal/email/weekoverzicht.txt",
        {"aanhef": _aanhef(gebruiker), "regios": regios, "secties": _secties(overzicht, basis_url)},
    )
    onderwerp = f"Weekoverzicht praktijkleren: te controleren in {regios}"
    EmailMessage(onderwerp, tekst, None, [gebruiker.email]).send()
    return True


def geen_reactie_versturen(
    *, gebruiker_id: int, contactpersoon_ids: list[int], basis_url: str
) -> bool:
    """Tell an ambassadeur which persons did not answer the verification e-mail and its
    reminder; built now, so a person erased or made inactive since is left out. Errors
    of the mail server are raised, so that the job tries again."""
    gebruiker = Gebruiker.objects.filter(pk=gebruiker_id).first()
    if gebruiker is None or not permissions.krijgt_herinneringen(gebruiker):
        return False
    personen = netwerk.contactpersonen_op_id(contactpersoon_ids)
    if not personen:
        return False
    tekst = render_to_string(
        "portal/email/geen_reactie.txt",
        {
            "aanhef": _aanhef(gebruiker),
            "dagen": settings.HERINNERINGEN_WACHTTIJD_DAGEN,
            "personen": [(_persoon(p), _beheer_url(basis_url, p)) for p in personen],
        },
    )
    onderwerp = (
        f"{personen[0].naam} reageert niet op het controleverzoek"
        if len(personen) == 1
        else f"{len(personen)} contactpersonen reageren niet op het controleverzoek"
    )
    EmailMessage(onderwerp, tekst, None, [gebruiker.email]).send()
    return True
