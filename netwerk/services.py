"""Writes of the netwerk app: each validates and saves inside one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from netwerk import controle, selectors
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
from portal import paginacache, permissions, tasks
from portal.models import Gebruiker, Herinnering, Regio, Sector


def _eis_beheer_van_personen(*, door: Gebruiker, persoon_ids: Iterable[int]) -> None:
    """PermissionDenied unless ``door`` keeps every one of these persons by their current
    regions (one query for all of them)."""
    persoon_ids = set(persoon_ids)
    if not persoon_ids or permissions.mag_alle_regios_beheren(door):
        return
    for regio_ids in selectors.regio_ids_per_persoon(persoon_ids).values():
        if not permissions.mag_regio_inhoud_beheren(door, regio_ids):
            raise PermissionDenied("U mag alleen personen uit uw eigen regio's behandelen.")


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
    """An editor checked these entries: today becomes their verification date. One update
    and one batch of history rows, however many entries."""
    objecten = list(objecten)
    if not objecten:
        return 0
    vandaag, nu = timezone.localdate(), timezone.now()
    for obj in objecten:
        obj.gecontroleerd_op = vandaag
        obj.bijgewerkt_op = nu
    model = objecten[0]._meta.concrete_model  # the admin's lists pass proxies
    bulk_update_with_history(objecten, model, ["gecontroleerd_op", "bijgewerkt_op"])
    # A bulk update sends no signals; the public pages show the verification date.
    paginacache.verversen()
    return len(objecten)


def _controlemail(persoon: Contactpersoon, *, basis_url: str, herinnering: bool) -> EmailMessage:
    pad = reverse("netwerk:controle", args=[controle.token_maken(persoon)])
    link = basis_url.rstrip("/") + pad
    aanleiding = (
        "Kortgeleden vroegen we u per e-mail om uw gegevens in het Praktijkleren portaal na "
        "te kijken. We hebben nog niets van u gehoord, daarom vragen we het nog één keer. "
        "Collega's in uw regio zoeken u daar op als contactpersoon voor praktijkleren."
        if herinnering
        else "U staat als contactpersoon voor praktijkleren in het Praktijkleren portaal. "
        "Collega's in uw regio zoeken u daar op. Wilt u even nakijken of uw gegevens nog "
        "goed zijn?"
    )
    tekst = (
        f"Beste {persoon.naam},\n\n"
        f"{aanleiding}\n\n"
        f"{link}\n\n"
        "Via deze link bevestigt u met één klik dat alles klopt, of geeft u door wat er "
        "anders is. De link werkt 14 dagen en één keer.\n\n"
        "Met vriendelijke groet,\nde ambassadeur praktijkleren van uw regio"
    )
    onderwerp = (
        "Herinnering: kloppen uw gegevens in het Praktijkleren portaal nog?"
        if herinnering
        else "Kloppen uw gegevens in het Praktijkleren portaal nog?"
    )
    return EmailMessage(onderwerp, tekst, None, [persoon.email])


@transaction.atomic
def contactpersonen_controle_aanvragen(
    *,
    contactpersonen: Iterable[Contactpersoon],
    basis_url: str,
    herinnering: bool = False,
) -> int:
    """Give each active person with an e-mail address a fresh single-use link and put
    the e-mail in the job queue, in this transaction: a rolled-back request sends nothing.

    Returns how many e-mails will go out; a new link replaces any earlier one. The nonce
    is stored without a history row: it is no change to the entry. The job builds the
    e-mail when it sends it (see :func:`controlemail_versturen`) and tries again when the
    mail server fails. ``herinnering``: the wording of a reminder.
    """
    personen = [p for p in contactpersonen if p.email and p.actief]
    for persoon in personen:
        persoon.controle_nonce = controle.nieuwe_nonce()
    Contactpersoon.objects.bulk_update(personen, ["controle_nonce"])
    if personen:
        tasks.controlemail_versturen.batch_defer(
            *(
                {"contactpersoon_id": p.pk, "basis_url": basis_url, "herinnering": herinnering}
                for p in personen
            )
        )
    return len(personen)


def controlemail_versturen(*, contactpersoon_id: int, basis_url: str, herinnering: bool) -> bool:
    """Send one person's verification e-mail now, with a link to their current nonce.

    Nothing (False) when there is no open link any more: the person answered, was
    erased, made inactive or lost their address since the e-mail was asked for. Errors
    of the mail server are raised, so that the job tries again.
    """
    persoon = (
        Contactpersoon.objects.filter(pk=contactpersoon_id, actief=True)
        .exclude(email="")
        .exclude(controle_nonce="")
        .first()
    )
    if persoon is None:
        return False
    _controlemail(persoon, basis_url=basis_url, herinnering=herinnering).send()
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
    # Spending the link changes nothing of the entry: no history row.
    persoon.save_without_historical_record(update_fields=["controle_nonce"])
    return correctie


def _open_correcties(correcties: Iterable[Correctie], door: Gebruiker) -> list[Correctie]:
    open_ = list(
        Correctie.objects.select_for_update(of=("self",))
        .select_related("contactpersoon")
        .filter(pk__in=[c.pk for c in correcties], status=Behandelstatus.OPEN)
    )
    _eis_beheer_van_personen(door=door, persoon_ids=[c.contactpersoon_id for c in open_])
    return open_


def _afsluiten(correcties: list[Correctie], *, status: str, door: Gebruiker) -> None:
    Correctie.objects.filter(pk__in=[c.pk for c in correcties]).update(
        status=status, behandeld_op=timezone.now(), behandeld_door=door
    )


@transaction.atomic
def correcties_goedkeuren(*, correcties: Iterable[Correctie], door: Gebruiker) -> int:
    """Apply the open corrections among these to their persons (a verification too).

    All or nothing: one that no longer fits the rules stops them all with its reason.
    ``door`` must keep each person by the person's current regions. Returns how many
    were applied; corrections already handled are left alone.
    """
    open_ = _open_correcties(correcties, door)
    for correctie in open_:
        persoon = correctie.contactpersoon
        persoon.naam = correctie.naam
        persoon.functie = correctie.functie
        persoon.email = correctie.email
        persoon.telefoon = correctie.telefoon
        persoon.gecontroleerd_op = timezone.localdate()
        persoon.full_clean(exclude=["regios", "sectoren", "instrumenten"])
        persoon.save()
    _afsluiten(open_, status=Behandelstatus.GOEDGEKEURD, door=door)
    return len(open_)


@transaction.atomic
def correcties_afwijzen(*, correcties: Iterable[Correctie], door: Gebruiker) -> int:
    """Reject the open corrections among these; returns how many."""
    open_ = _open_correcties(correcties, door)
    _afsluiten(open_, status=Behandelstatus.AFGEWEZEN, door=door)
    return len(open_)


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
    return Foutmelding.objects.filter(pk__in=ids, status=Behandelstatus.OPEN).update(
        status=Behandelstatus.AFGEHANDELD
    )


def weigering_bij_wissen(geweigerd: list[Contactpersoon]) -> str:
    """Why nobody was erased, in words for the ambassadeur who asked."""
    namen = ", ".join(p.naam for p in geweigerd[:5]) + (" en anderen" if len(geweigerd) > 5 else "")
    return (
        f"Er is niemand gewist. {namen} staat ook in een regio die u niet beheert. Wie in "
        "meer regio's staat, kan alleen worden gewist door iemand die al die regio's beheert: "
        "vraag de ambassadeur van de andere regio of de beheerder van het portaal."
    )


@transaction.atomic
def contactpersonen_wissen(
    *, contactpersonen: Iterable[Contactpersoon], door: Gebruiker
) -> list[Wisregistratie]:
    """Erase persons on their request: the live rows, their corrections and reports, every
    history row, the admin's change log and the log of reminders about them. What remains
    per person is a registration that says an erasure took place, without the personal data.

    All or nothing, and only when ``door`` may delete every one of them: the rule of an
    ordinary delete, so a person shared with a region ``door`` does not keep is refused
    (PermissionDenied) rather than erased for that region too.
    """
    personen = list(contactpersonen)
    if not personen:
        return []
    if geweigerd := selectors.niet_te_wissen(personen=personen, gebruiker=door):
        raise PermissionDenied(weigering_bij_wissen(geweigerd))
    ids = sorted({p.pk for p in personen})
    historieregels = dict(
        Contactpersoon.history.filter(id__in=ids)
        .values("id")
        .annotate(aantal=Count("history_id"))
        .values_list("id", "aantal")
    )
    soorten = ContentType.objects.get_for_models(
        Contactpersoon, *Contactpersoon.__subclasses__(), for_concrete_models=False
    ).values()
    LogEntry.objects.filter(content_type__in=soorten, object_id__in=[str(i) for i in ids]).delete()
    Herinnering.objects.filter(contactpersoon_id__in=ids).delete()
    Contactpersoon.objects.filter(pk__in=ids).delete()
    # Deleting adds a last history row with every field; purge after the delete.
    Contactpersoon.history.filter(id__in=ids).delete()
    return Wisregistratie.objects.bulk_create(
        Wisregistratie(
            uitgevoerd_door=door,
            contactpersoon_id=pk,
            historieregels=historieregels.get(pk, 0) + 1,
        )
        for pk in ids
    )


@transaction.atomic
def export_registreren(
    *, gebruiker: Gebruiker, regio: Regio, formaat: str, filters: str, aantal_personen: int
) -> Exportlog:
    """Log an export. ``filters`` holds only validated filter codes, never free text."""
    return Exportlog.objects.create(
        gebruiker=gebruiker,
        regio=regio,
        formaat=formaat,
        filters=filters[:500],
        aantal_personen=aantal_personen,
    )
