"""Reads of the reminders: who gets which e-mail, and what the ambassadeur's e-mails hold."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings

from kennisbank import public as kennisbank
from netwerk import public as netwerk
from portal import permissions, roles
from portal.models import Gebruiker, Herinnering, Herinneringsoort, Regio


def week(vandaag: datetime.date) -> str:
    """The ISO week of ``vandaag`` as the period of a weekly overview: ``2026-W09``."""
    jaar, nummer, _ = vandaag.isocalendar()
    return f"{jaar}-W{nummer:02d}"


def wachttijd() -> datetime.timedelta:
    return datetime.timedelta(days=settings.HERINNERINGEN_WACHTTIJD_DAGEN)


def ontvangers() -> list[Gebruiker]:
    """The users who get the ambassadeurs' e-mails (see permissions.krijgt_herinneringen)."""
    kandidaten = (
        Gebruiker.objects.filter(groups__name=roles.AMBASSADEUR, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return [gebruiker for gebruiker in kandidaten if permissions.krijgt_herinneringen(gebruiker)]


@dataclass
class Weekoverzicht:
    """What in one ambassadeur's regions is due for a check on one day."""

    gebruiker: Gebruiker
    regios: list[Regio]
    items: list
    organisaties: list
    personen: list

    @property
    def leeg(self) -> bool:
        return not (self.items or self.organisaties or self.personen)


def weekoverzicht(gebruiker: Gebruiker, *, vandaag: datetime.date) -> Weekoverzicht:
    """The kennisbank items past their review date and the organisations and active
    persons unchecked for too long, in the regions the user keeps."""
    regios = list(permissions.beheerbare_regios(gebruiker).order_by("naam"))
    regio_ids = [regio.pk for regio in regios]
    organisaties, personen = netwerk.te_controleren_in_regios(regio_ids=regio_ids, vandaag=vandaag)
    return Weekoverzicht(
        gebruiker=gebruiker,
        regios=regios,
        items=kennisbank.te_controleren_items(regio_ids=regio_ids, vandaag=vandaag),
        organisaties=organisaties,
        personen=personen,
    )


def eerste_verzoeken(*, vandaag: datetime.date) -> dict[int, datetime.date]:
    """The persons who get the verification e-mail by themselves (netwerk's
    controle_te_vragen) and did not get it yet for their current verification date:
    person id to that date, which is the period of the e-mail."""
    te_vragen = netwerk.controle_te_vragen(vandaag=vandaag)
    al_gevraagd = set(
        Herinnering.objects.filter(
            soort=Herinneringsoort.CONTROLEVERZOEK, contactpersoon_id__in=list(te_vragen)
        ).values_list("contactpersoon_id", "periode")
    )
    return {
        pk: datum for pk, datum in te_vragen.items() if (pk, datum.isoformat()) not in al_gevraagd
    }


@dataclass(frozen=True)
class Openstaand:
    """A person who got an e-mail of the verification and has not answered since."""

    contactpersoon_id: int
    periode: str


def _zonder_reactie(*, vorige: str, nu: datetime.datetime) -> list[Openstaand]:
    """The persons whose e-mail of kind ``vorige`` went out at least the waiting time
    before ``nu`` and who have not answered since: their verification date is still the
    one of that e-mail, and they sent no correction after it. Rows older than the
    verification period and a whole round belong to an earlier round: not looked at, so
    the work stays the same as the log grows."""
    eerdere_ronde = datetime.timedelta(days=settings.NETWERK_VEROUDERD_NA_DAGEN) + 2 * wachttijd()
    verstuurd = list(
        Herinnering.objects.filter(
            soort=vorige,
            ontvanger__isnull=True,
            ingepland_op__lte=nu - wachttijd(),
            ingepland_op__gt=nu - eerdere_ronde,
        )
        .order_by("contactpersoon_id", "periode")
        .values_list("contactpersoon_id", "periode", "ingepland_op")
    )
    stand = netwerk.controlestand(pk for pk, _, _ in verstuurd)
    openstaand = []
    for pk, periode, ingepland_op in verstuurd:
        persoon = stand.get(pk)
        if persoon is None or persoon.gecontroleerd_op.isoformat() != periode:
            continue
        if persoon.laatste_correctie is not None and persoon.laatste_correctie >= ingepland_op:
            continue
        openstaand.append(Openstaand(pk, periode))
    return openstaand


def te_herinneren(*, nu: datetime.datetime) -> list[Openstaand]:
    """The persons who get a reminder: no answer to the verification e-mail within the
    waiting time, and no reminder yet for this period."""
    openstaand = _zonder_reactie(vorige=Herinneringsoort.CONTROLEVERZOEK, nu=nu)
    herinnerd = set(
        Herinnering.objects.filter(
            soort=Herinneringsoort.HERINNERING,
            contactpersoon_id__in=[o.contactpersoon_id for o in openstaand],
        ).values_list("contactpersoon_id", "periode")
    )
    return [o for o in openstaand if (o.contactpersoon_id, o.periode) not in herinnerd]


def niet_gereageerd(*, nu: datetime.datetime) -> dict[Gebruiker, list[Openstaand]]:
    """Per ambassadeur, the persons of their regions who did not answer the reminder
    either, and of whom that ambassadeur has not heard yet for this period."""
    openstaand = _zonder_reactie(vorige=Herinneringsoort.HERINNERING, nu=nu)
    if not openstaand:
        return {}
    ids = [o.contactpersoon_id for o in openstaand]
    regio_ids = netwerk.regio_ids_per_persoon(ids)
    gemeld = set(
        Herinnering.objects.filter(
            soort=Herinneringsoort.GEEN_REACTIE, contactpersoon_id__in=ids
        ).values_list("ontvanger_id", "contactpersoon_id", "periode")
    )
    per_ontvanger: dict[Gebruiker, list[Openstaand]] = {}
    for gebruiker in ontvangers():
        eigen = permissions.beheerbare_regio_ids(gebruiker)
        nieuw = [
            o
            for o in openstaand
            if regio_ids[o.contactpersoon_id] & eigen
            and (gebruiker.pk, o.contactpersoon_id, o.periode) not in gemeld
        ]
        if nieuw:
            per_ontvanger[gebruiker] = nieuw
    return per_ontvanger
