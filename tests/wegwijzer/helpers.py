"""A witness for the reachability tests: one situation in which an instrument fits."""

import datetime

from kennisbank.public import LEEFTIJD_MIN
from portal.vocabulaires import Doelgroep
from wegwijzer import regels


def bereikende_antwoorden(instrument, regio) -> regels.Antwoorden | None:
    """One situation in which the instrument fits (``regio`` is the instrument's own
    region when it has one), or None when none can; the tests check it against the
    selector."""
    if regels.onbereikbaar_redenen(instrument):
        return None
    doelgroepen = [c for c in instrument.doelgroepen if c in Doelgroep.values]
    sectoren = list(instrument.sectoren.all())
    peildatum = instrument.geldig_van or instrument.geldig_tot or datetime.date.today()
    return regels.Antwoorden(
        regio=instrument.regio if instrument.regio_id else regio,
        doelgroep=doelgroepen[0] if doelgroepen else Doelgroep.values[0],
        peildatum=max(regels.EERSTE_PEILDATUM, min(regels.LAATSTE_PEILDATUM, peildatum)),
        startkwalificatie=instrument.startkwalificatie or regels.ONBEKEND,
        sector=sectoren[0] if sectoren else None,
        leeftijd=max(LEEFTIJD_MIN, instrument.leeftijd_min or LEEFTIJD_MIN),
    )
