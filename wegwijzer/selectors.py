"""The routekaart: the one read behind the wegwijzer page, its print view and its API.

It combines the kennisbank, the netwerk and the effectiviteit figures only through their
public modules, and weighs every instrument with the rules of ``wegwijzer.regels``.
Nothing about the situation is stored or logged.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from effectiviteit import public as effectiviteit
from kennisbank import public as kennisbank
from netwerk import public as netwerk
from portal import permissions
from portal.vocabulaires import Bewijsstuk, Doelgroep
from wegwijzer import regels

# The period of the figures: the last eight complete calendar quarters before today.
KWARTALEN = 8


@dataclass
class Passend:
    instrument: object
    waarom: str
    nog_na_te_gaan: list[str]


@dataclass
class Uitgesloten:
    instrument: object
    reden: str


@dataclass
class Routekaart:
    antwoorden: regels.Antwoorden
    route: regels.Route
    route_instrumenten: list = field(default_factory=list)
    instrumenten: list[Passend] = field(default_factory=list)
    uitgesloten: list[Uitgesloten] = field(default_factory=list)
    niet_geldig: list = field(default_factory=list)
    voorbeelden: list = field(default_factory=list)
    mbo_instellingen: list = field(default_factory=list)
    contactpersonen: list = field(default_factory=list)
    cijfers: dict | None = None

    @property
    def doelgroep_label(self) -> str:
        return Doelgroep(self.antwoorden.doelgroep).label

    @property
    def bewijsstuk_label(self) -> str:
        return Bewijsstuk(self.route.bewijsstuk).label

    @property
    def stappen(self) -> list:
        """The steps of the first route instrument that has any."""
        for instrument in self.route_instrumenten:
            stappen = list(instrument.stappen.all())
            if stappen:
                return stappen
        return []


def cijferperiode(vandaag: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the last ``KWARTALEN`` complete quarters before today."""
    kwartaal = (vandaag.month - 1) // 3
    eerste_van_dit_kwartaal = datetime.date(vandaag.year, kwartaal * 3 + 1, 1)
    tot = eerste_van_dit_kwartaal - datetime.timedelta(days=1)
    maanden = vandaag.year * 12 + kwartaal * 3 - KWARTALEN * 3
    van = datetime.date(maanden // 12, maanden % 12 + 1, 1)
    return van, tot


def _cijfers(antwoorden: regels.Antwoorden) -> dict:
    van, tot = cijferperiode(timezone.localdate())
    filters = effectiviteit.Filters(
        van=van,
        tot=tot,
        regio=antwoorden.regio,
        sector=antwoorden.sector,
        doelgroep=antwoorden.doelgroep,
    )
    figuren = effectiviteit.kerncijfers(filters)
    return {
        "n_trajecten": figuren["n_trajecten"],
        "afgerond_pct": figuren["afgerond_pct"],
        "bewijsstuk_pct": figuren["bewijsstuk_pct"],
        "duurzame_baan_pct": figuren["duurzame_baan_pct"],
        "filters": filters.als_dict(),
    }


def routekaart(*, antwoorden: regels.Antwoorden, gebruiker) -> Routekaart:
    """Everything the routekaart shows for this situation and this user, in a fixed number
    of queries. People and figures only for users who may see them."""
    kaart = Routekaart(
        antwoorden=antwoorden, route=regels.route_kiezen(antwoorden.startkwalificatie)
    )
    for instrument in kennisbank.instrumenten_voor_regio(gebruiker, antwoorden.regio):
        beoordeling = regels.beoordelen(instrument, antwoorden)
        if beoordeling.lijst == regels.INSTRUMENTEN:
            kaart.instrumenten.append(
                Passend(instrument, beoordeling.waarom, beoordeling.nog_na_te_gaan)
            )
            if regels.hoort_bij_route(instrument, kaart.route):
                kaart.route_instrumenten.append(instrument)
        elif beoordeling.lijst == regels.UITGESLOTEN:
            kaart.uitgesloten.append(Uitgesloten(instrument, beoordeling.reden))
        elif not regels.geldig_op(instrument, antwoorden.peildatum):
            kaart.niet_geldig.append(instrument)  # the page shows them apart, folded
    # Route instruments lead the list, those for this bewijsstuk alone first: they are
    # the way to it. The sorts are stable, so titles stay in order within each group.
    eigen = [kaart.route.bewijsstuk]
    kaart.route_instrumenten.sort(key=lambda i: i.bewijsstukken != eigen)
    volgorde = {i.pk: n for n, i in enumerate(kaart.route_instrumenten)}
    kaart.instrumenten.sort(key=lambda p: volgorde.get(p.instrument.pk, len(volgorde)))

    kaart.voorbeelden = kennisbank.praktijkvoorbeelden_voor(
        gebruiker,
        regio=antwoorden.regio,
        doelgroep=antwoorden.doelgroep,
        sector=antwoorden.sector,
    )
    kaart.mbo_instellingen = netwerk.mbo_instellingen_met_erkenning(
        regio=antwoorden.regio, sector=antwoorden.sector
    )
    if permissions.mag_contactpersonen_zien(gebruiker):
        kaart.contactpersonen = list(
            netwerk.contactpersonen_voor_route(
                gebruiker,
                regio=antwoorden.regio,
                sector=antwoorden.sector,
                instrumenten=[i.pk for i in kaart.route_instrumenten],
            )
        )
    if permissions.mag_dashboard_zien(gebruiker):
        kaart.cijfers = _cijfers(antwoorden)
    return kaart
