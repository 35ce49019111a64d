"""Writes of the netwerk app: each validates and saves inside one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from netwerk import controle
from netwerk.models import (
    Behandelstatus,
    Contactpersoon,
    Correctie,
    Erkenning,
    Exportlog,
    Foutmelding,
    Organisatie,
    Wisregistratie,
)
from portal.models import Gebruiker, Regio, Sector


@transaction.atomic
def organisatie_opslaan(
    *,
    sleutel: str,
    naam: str,
    soort: str,
    regios: Iterable[Regio],
    adres: str = "",
    website: str = "",
    telefoon: str = "",
    email: str = "",
    omschrijving: str = "",
    gecontroleerd_op: datetime.date | None = None,
) -> Organisatie:
    """Create or update the organisation with this ``sleutel``."""
    organisatie = Organisatie.objects.filter(sleutel=sleutel).first() or Organisatie(
        sleutel=sleutel
    )
    organisatie.naam = naam
    organisatie.soort = soort
    organisatie.adres = adres
    organisatie.website = website
    organisatie.telefoon = telefoon
    organisatie.email = email
    organisatie.omschrijving = omschrijving
    if gecontroleerd_op is not None:
        organisatie.gecontroleerd_op = gecontroleerd_op
    organisatie.full_clean(exclude=["regios"])
    organisatie.save()
    organisatie.regios.set(regios)
    return organisatie


@transaction.atomic
def erkenning_opslaan(
    *,
    organisatie: Organisatie,
    kwalificatie: str,
    crebo: str,
    sector: Sector,
    niveau: int,
    bewijsstukken: list[str],
) -> Erkenning:
    """Create or update the organisation's recognition for this crebo."""
    erkenning = Erkenning.objects.filter(organisatie=organisatie, crebo=crebo).first() or Erkenning(
        organisatie=organisatie, crebo=crebo
    )
    erkenning.kwalificatie = kwalificatie
    erkenning.sector = sector
    erkenning.niveau = niveau
    erkenning.bewijsstukken = list(dict.fromkeys(bewijsstukken))
    erkenning.full_clean()
    erkenning.save()
    return erkenning


@transaction.atomic
def contactpersoon_opslaan(
    *,
    sleutel: str,
    naam: str,
    regios: Iterable[Regio],
    functie: str = "",
    organisatie: Organisatie | None = None,
    rollen: Iterable[str] = (),
    sectoren: Iterable[Sector] = (),
    instrumenten: Iterable = (),
    email: str = "",
    telefoon: str = "",
    actief: bool = True,
    gecontroleerd_op: datetime.date | None = None,
) -> Contactpersoon:
    """Create or update the person with this ``sleutel``."""
    persoon = Contactpersoon.objects.filter(sleutel=sleutel).first() or Contactpersoon(
        sleutel=sleutel
    )
    persoon.naam = naam
    persoon.functie = functie
    persoon.organisatie = organisatie
    persoon.rollen = list(rollen)
    persoon.email = email
    persoon.telefoon = telefoon
    persoon.actief = actief
    if gecontroleerd_op is not None:
        persoon.gecontroleerd_op = gecontroleerd_op
    persoon.full_clean(exclude=["regios", "sectoren", "instrumenten"])
    persoon.save()
    persoon.regios.set(regios)
    persoon.sectoren.set(sectoren)
    persoon.instrumenten.set(instrumenten)
    return persoon


@transaction.atomic
def gecontroleerd_markeren(*, objecten: Iterable[Organisatie | Contactpersoon]) -> int:
    """An editor checked these entries: today becomes their verification date."""
    vandaag = timezone.localdate()
    aantal = 0
    for obj in objecten:
        obj.gecontroleerd_op = vandaag
        obj.save(update_fields=["gecontroleerd_op", "bijgewerkt_op"])
        aantal += 1
    return aantal


def controlelink_url(*, basis_url: str, token: str) -> str:
    return basis_url.rstrip("/") + reverse("netwerk:controle", args=[token])


@transaction.atomic
def contactpersoon_controle_aanvragen(*, contactpersoon: Contactpersoon, basis_url: str) -> bool:
    """Send the person a verification e-mail with a fresh single-use link.

    Returns False (and sends nothing) for a person without e-mail address or inactive.
    A new link replaces any earlier one.
    """
    if not contactpersoon.email or not contactpersoon.actief:
        return False
    contactpersoon.controle_nonce = controle.nieuwe_nonce()
    contactpersoon.save(update_fields=["controle_nonce"])
    link = controlelink_url(basis_url=basis_url, token=controle.token_maken(contactpersoon))
    tekst = (
        f"Beste {contactpersoon.naam},\n\n"
        "U staat als contactpersoon voor praktijkleren in het Praktijkleren portaal. Collega's "
        "in uw regio zoeken u daar op. Wilt u even nakijken of uw gegevens nog goed zijn?\n\n"
        f"{link}\n\n"
        "Via deze link bevestigt u met één klik dat alles klopt, of geeft u door wat er "
        "anders is. De link werkt 14 dagen en één keer.\n\n"
        "Met vriendelijke groet,\nde ambassadeur praktijkleren van uw regio"
    )
    send_mail(
        "Kloppen uw gegevens in het Praktijkleren portaal nog?",
        tekst,
        None,
        [contactpersoon.email],
    )
    return True


def _persoon_met_link(token: str) -> Contactpersoon:
    return controle.token_lezen(token, queryset=Contactpersoon.objects.select_for_update())


@transaction.atomic
def contactpersoon_bevestigen(*, token: str) -> Contactpersoon:
    """The person confirms their entry is right: the link is spent, the date moves."""
    persoon = _persoon_met_link(token)
    persoon.gecontroleerd_op = timezone.localdate()
    persoon.controle_nonce = ""
    persoon.save(update_fields=["gecontroleerd_op", "controle_nonce", "bijgewerkt_op"])
    return persoon


@transaction.atomic
def correctie_indienen(
    *,
    token: str,
    naam: str,
    functie: str = "",
    email: str = "",
    telefoon: str = "",
    toelichting: str = "",
) -> Correctie:
    """The person proposes changes to their entry; they wait for an ambassadeur."""
    persoon = _persoon_met_link(token)
    correctie = Correctie(
        contactpersoon=persoon,
        naam=naam,
        functie=functie,
        email=email,
        telefoon=telefoon,
        toelichting=toelichting,
    )
    correctie.full_clean(exclude=["regios", "behandeld_door"])
    correctie.save()
    correctie.regios.set(persoon.regios.all())
    persoon.controle_nonce = ""
    persoon.save(update_fields=["controle_nonce"])
    return correctie


@transaction.atomic
def correctie_goedkeuren(*, correctie: Correctie, door: Gebruiker) -> Contactpersoon:
    """Apply an open correction to the person; that counts as a verification."""
    correctie = Correctie.objects.select_for_update().get(pk=correctie.pk)
    if correctie.status != Behandelstatus.OPEN:
        raise ValidationError("Deze correctie is al behandeld.")
    persoon = correctie.contactpersoon
    persoon.naam = correctie.naam
    persoon.functie = correctie.functie
    persoon.email = correctie.email
    persoon.telefoon = correctie.telefoon
    persoon.gecontroleerd_op = timezone.localdate()
    persoon.full_clean(exclude=["regios", "sectoren", "instrumenten"])
    persoon.save()
    correctie.status = Behandelstatus.GOEDGEKEURD
    correctie.behandeld_op = timezone.now()
    correctie.behandeld_door = door
    correctie.save(update_fields=["status", "behandeld_op", "behandeld_door"])
    return persoon


@transaction.atomic
def correctie_afwijzen(*, correctie: Correctie, door: Gebruiker) -> Correctie:
    correctie = Correctie.objects.select_for_update().get(pk=correctie.pk)
    if correctie.status != Behandelstatus.OPEN:
        raise ValidationError("Deze correctie is al behandeld.")
    correctie.status = Behandelstatus.AFGEWEZEN
    correctie.behandeld_op = timezone.now()
    correctie.behandeld_door = door
    correctie.save(update_fields=["status", "behandeld_op", "behandeld_door"])
    return correctie


@transaction.atomic
def foutmelding_indienen(
    *,
    gemeld_door: Gebruiker,
    melding: str,
    organisatie: Organisatie | None = None,
    contactpersoon: Contactpersoon | None = None,
) -> Foutmelding:
    """Record a report of a wrong entry for the ambassadeurs of the entry's regions."""
    foutmelding = Foutmelding(
        gemeld_door=gemeld_door,
        melding=melding.strip(),
        organisatie=organisatie,
        contactpersoon=contactpersoon,
    )
    foutmelding.full_clean(exclude=["regios"])
    foutmelding.save()
    onderwerp = contactpersoon or organisatie
    foutmelding.regios.set(onderwerp.regios.all())
    return foutmelding


@transaction.atomic
def foutmeldingen_afhandelen(*, foutmeldingen: Iterable[Foutmelding]) -> int:
    ids = [f.pk for f in foutmeldingen]
    return Foutmelding.objects.filter(pk__in=ids).update(status=Behandelstatus.AFGEHANDELD)


@transaction.atomic
def contactpersoon_wissen(*, contactpersoon: Contactpersoon, door: Gebruiker) -> Wisregistratie:
    """Erase a person on their request: the live row, its corrections and reports, every
    history row and the admin's change log of it. What remains is a registration that
    says an erasure took place, without the personal data."""
    pk = contactpersoon.pk
    historie = Contactpersoon.history.filter(id=pk)
    historieregels = historie.count()
    content_type = ContentType.objects.get_for_model(Contactpersoon, for_concrete_model=False)
    proxy_types = ContentType.objects.get_for_models(
        Contactpersoon, *Contactpersoon.__subclasses__(), for_concrete_models=False
    ).values()
    LogEntry.objects.filter(
        content_type__in={content_type, *proxy_types}, object_id=str(pk)
    ).delete()
    Contactpersoon.objects.filter(pk=pk).delete()
    # Deleting adds a last history row with every field; purge after the delete.
    Contactpersoon.history.filter(id=pk).delete()
    return Wisregistratie.objects.create(
        uitgevoerd_door=door, contactpersoon_id=pk, historieregels=historieregels + 1
    )


@transaction.atomic
def export_registreren(
    *, gebruiker: Gebruiker, regio: Regio, formaat: str, filters: str, aantal_personen: int
) -> Exportlog:
    return Exportlog.objects.create(
        gebruiker=gebruiker,
        regio=regio,
        formaat=formaat,
        filters=filters[:500],
        aantal_personen=aantal_personen,
    )
