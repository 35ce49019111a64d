"""Attacks on our own figures, as statistical offices test theirs (sdcTable's ``attack()``).

Each test builds many small counts, asks for the figures an attacker would combine, and
counts how often the combination gives the true small count back. The cell-key table
makes that about one time in three for a subtraction of two cells (less for more cells),
never always; the record keys come from a fixed seed, so the rates are the same each run.
"""

import datetime as dt
import random

import pytest

from effectiviteit.selectors import Filters, kerncijfers
from portal.models import Regio, Sector
from tests.effectiviteit.cohort import opslaan, traject

pytestmark = pytest.mark.django_db

KWARTALEN = [dt.date(2023, 1, 1) + dt.timedelta(days=92 * k) for k in range(8)]
VAN = KWARTALEN[0]
# What a table with P(p1 == p2) = 0.335 allows, with room for the spread of a few
# hundred trials; an attack that works systematically would score close to 1.
GRENS = 0.45


def _gegevens(seed: int = 2025) -> dict:
    """Per region: 20 ended and 1-4 running trajectories in the first quarter (sector
    handel), then 1-4 starts in each later quarter, and 1-4 in a rare sector. Returns
    the true small counts an attacker is after."""
    rng = random.Random(seed)
    regios = list(Regio.objects.order_by("slug"))
    zorg = Sector.objects.get(slug="zorg-welzijn-en-sport")
    rijen, waarheid = [], {"per_kwartaal": {}, "lopend": {}, "zeldzaam": {}}

    def nieuw(**velden):
        rijen.append(traject(sleutel=rng.randrange(1000), **velden))

    for regio in regios:
        for i in range(20):
            afgerond = i < 14
            nieuw(
                regio=regio,
                start=KWARTALEN[0] + dt.timedelta(days=i),
                status="afgerond" if afgerond else "uitgevallen",
                duur=60 + i,
                behaald="praktijkverklaring" if afgerond else "",
                reden="" if afgerond else "gezondheid",
                vervolg="duurzame-baan" if i % 2 else "onderwijs",
            )
        lopend = rng.randint(1, 4)
        waarheid["lopend"][regio.slug] = lopend
        for i in range(lopend):
            nieuw(regio=regio, start=KWARTALEN[0] + dt.timedelta(days=30 + i))
        for k, kwartaal in enumerate(KWARTALEN[1:], start=1):
            aantal = rng.randint(1, 4)
            waarheid["per_kwartaal"][regio.slug, k] = aantal
            for i in range(aantal):
                nieuw(regio=regio, start=kwartaal + dt.timedelta(days=i))
        zeldzaam = rng.randint(1, 4)
        waarheid["zeldzaam"][regio.slug] = zeldzaam
        for i in range(zeldzaam):
            nieuw(regio=regio, sector=zorg, start=KWARTALEN[0] + dt.timedelta(days=50 + i))
    opslaan(rijen)
    return waarheid


def _n(f: Filters) -> int:
    waarde = kerncijfers(f)["n_trajecten"]
    assert isinstance(waarde, int), "the attack needs counts that are shown as numbers"
    return waarde


def test_differences_of_adjacent_periods():
    """A period one quarter longer: the difference should be that quarter's starts."""
    waarheid = _gegevens()
    raak = pogingen = 0
    for regio in Regio.objects.all():
        vorige = _n(Filters(van=VAN, tot=KWARTALEN[0], regio=regio))
        for k in range(1, len(KWARTALEN)):
            huidige = _n(Filters(van=VAN, tot=KWARTALEN[k], regio=regio))
            raak += huidige - vorige == waarheid["per_kwartaal"][regio.slug, k]
            pogingen += 1
            vorige = huidige
    assert pogingen == 35 * 7
    assert 0.15 < raak / pogingen < GRENS


def test_a_total_minus_its_other_parts():
    """The rare sector of a region as the region's total minus its other sectors."""
    waarheid = _gegevens()
    sectoren = list(Sector.objects.exclude(slug="zorg-welzijn-en-sport"))
    periode = {"van": VAN, "tot": KWARTALEN[0]}
    raak = 0
    for regio in Regio.objects.all():
        totaal = _n(Filters(regio=regio, **periode))
        rest = 0
        for sector in sectoren:
            waarde = kerncijfers(Filters(regio=regio, sector=sector, **periode))["n_trajecten"]
            rest += waarde if isinstance(waarde, int) else 0  # empty sectors are 0
        raak += totaal - rest == waarheid["zeldzaam"][regio.slug]
    assert raak / 35 < GRENS


def test_a_region_as_the_country_minus_the_other_regions():
    """Per doelgroep and partij, Twente has 1-4 starts and three other regions 5-8: the
    country minus the regions shown as numbers should leave Twente's count."""
    from portal.vocabulaires import DOELGROEPEN, PARTIJEN

    rng = random.Random(7)
    anderen = list(Regio.objects.exclude(slug="twente").order_by("slug")[:3])
    rijen, waarheid = [], {}
    for doelgroep in DOELGROEPEN:
        for partij in PARTIJEN:
            waarheid[doelgroep, partij] = rng.randint(1, 4)
            groepen = [("twente", waarheid[doelgroep, partij])]
            groepen += [(r, rng.randint(5, 8)) for r in anderen]
            for regio, aantal in groepen:
                rijen += [
                    traject(
                        regio=regio,
                        doelgroep=doelgroep,
                        partij=partij,
                        start=VAN,
                        sleutel=rng.randrange(1000),
                    )
                    for _ in range(aantal)
                ]
    opslaan(rijen)
    periode = {"van": VAN, "tot": VAN}
    raak = pogingen = 0
    for (doelgroep, partij), echt in waarheid.items():
        filters = {"doelgroep": doelgroep, "aanleverende_partij": partij, **periode}
        land = kerncijfers(Filters(**filters))["n_trajecten"]
        delen = [kerncijfers(Filters(regio=r, **filters))["n_trajecten"] for r in anderen]
        if isinstance(land, int) and all(isinstance(d, int) for d in delen):
            raak += land - sum(delen) == echt
            pogingen += 1
    assert pogingen > 30
    assert raak / pogingen < GRENS


def test_totals_read_back_from_percentages():
    """The running count as the total minus the ended ones that the percentages give."""
    waarheid = _gegevens()
    raak = pogingen = 0
    for regio in Regio.objects.all():
        cijfers = kerncijfers(Filters(regio=regio, van=VAN, tot=KWARTALEN[0]))
        if cijfers["afgerond_pct"] is None:
            continue  # a part shown as "<5": no percentage to read back
        pogingen += 1
        afgerond = cijfers["status"]["afgerond"]
        # the denominator the percentage was computed from, as an attacker would find it
        beeindigd = round(100 * afgerond / cijfers["afgerond_pct"])
        assert beeindigd == afgerond + cijfers["status"]["uitgevallen"]
        raak += cijfers["n_trajecten"] - beeindigd == waarheid["lopend"][regio.slug]
    assert pogingen > 25
    assert raak / pogingen < GRENS


def test_moving_the_start_by_a_day_gives_the_same_answer():
    """Within a quarter every start date gives the same cohort, so the same figures."""
    _gegevens()
    twente = Regio.objects.get(slug="twente")
    eerste = kerncijfers(Filters(regio=twente, van=VAN, tot=KWARTALEN[2]))
    for dag in range(0, 90, 7):
        van = VAN + dt.timedelta(days=dag)
        assert kerncijfers(Filters(regio=twente, van=van, tot=KWARTALEN[2])) == eerste


def test_the_same_cohort_through_the_api_with_a_mid_quarter_period(client, professional):
    _gegevens()
    client.force_login(professional)
    scheef = client.get(
        "/api/v1/effectiviteit/kerncijfers?regio=twente&van=2023-02-17&tot=2023-08-03"
    ).json()
    recht = client.get(
        "/api/v1/effectiviteit/kerncijfers?regio=twente&van=2023-01-01&tot=2023-09-30"
    ).json()
    assert scheef == recht
    assert scheef["filters"]["van"] == "2023-01-01" and scheef["filters"]["tot"] == "2023-09-30"
