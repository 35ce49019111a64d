"""Each rule of the wegwijzer on its own (README: Wegwijzer), on real instruments."""

import datetime

import pytest

from portal.models import Sector
from tests.factories import InstrumentFactory, regio
from tests.wegwijzer.helpers import bereikende_antwoorden
from wegwijzer import regels

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2026, 6, 15)
TECHNIEK = "techniek-en-gebouwde-omgeving"


def antwoorden(**velden):
    velden.setdefault("regio", regio("twente"))
    velden.setdefault("doelgroep", "ww")
    velden.setdefault("peildatum", VANDAAG)
    return regels.Antwoorden(**velden)


@pytest.mark.parametrize(
    ("van", "tot", "geldig"),
    [
        (None, None, True),
        (VANDAAG, None, True),  # starts on the peildatum itself
        (None, VANDAAG, True),  # ends on it: still valid that day
        (VANDAAG + datetime.timedelta(days=1), None, False),  # future
        (None, VANDAAG - datetime.timedelta(days=1), False),  # ended
        (datetime.date(2020, 1, 1), datetime.date(2030, 1, 1), True),
    ],
)
def test_geldig_op_the_peildatum_bounds_inclusive(van, tot, geldig):
    instrument = InstrumentFactory(geldig_van=van, geldig_tot=tot)
    assert regels.geldig_op(instrument, VANDAAG) is geldig


def test_in_regio_national_or_own_region_only():
    twente = regio("twente")
    assert regels.in_regio(InstrumentFactory(), twente)
    assert regels.in_regio(InstrumentFactory(regio="twente"), twente)
    assert not regels.in_regio(InstrumentFactory(regio="noord-limburg"), twente)


def test_doelgroep_empty_means_everyone_and_others_are_ruled_out_with_a_reason():
    assert regels.doelgroep_reden(InstrumentFactory(), "statushouder") is None
    voor_ww = InstrumentFactory(doelgroepen=["ww", "werkend"])
    assert regels.doelgroep_reden(voor_ww, "ww") is None
    reden = regels.doelgroep_reden(voor_ww, "statushouder")
    assert reden == "Alleen voor ww-uitkering, werkend; niet voor statushouder."


def test_sector_rules_out_only_a_given_other_sector():
    techniek = Sector.objects.get(slug=TECHNIEK)
    handel = Sector.objects.get(slug="handel")
    alleen_techniek = InstrumentFactory(sectoren=[TECHNIEK])
    assert regels.sector_reden(alleen_techniek, techniek) is None
    assert regels.sector_reden(alleen_techniek, None) is None  # open: not excluding
    assert regels.sector_reden(InstrumentFactory(), handel) is None  # every sector
    assert "Alleen in de sector techniek" in regels.sector_reden(alleen_techniek, handel)


@pytest.mark.parametrize(
    ("leeftijd", "uitgesloten"),
    [(None, False), (17, True), (18, False), (27, False), (28, True), (67, True)],
)
def test_leeftijd_bounds_are_inclusive_and_no_age_leaves_it_open(leeftijd, uitgesloten):
    instrument = InstrumentFactory(leeftijd_min=18, leeftijd_max=27)
    reden = regels.leeftijd_reden(instrument, leeftijd)
    assert (reden is not None) is uitgesloten
    if uitgesloten:
        assert reden == f"Alleen van 18 tot en met 27 jaar; de kandidaat is {leeftijd}."


def test_a_single_age_bound_is_named_alone():
    assert regels.leeftijd_reden(InstrumentFactory(leeftijd_min=45), 44) == (
        "Alleen vanaf 45 jaar; de kandidaat is 44."
    )
    assert regels.leeftijd_reden(InstrumentFactory(leeftijd_max=22), 23) == (
        "Alleen tot en met 22 jaar; de kandidaat is 23."
    )


@pytest.mark.parametrize(
    ("eis", "antwoord", "reden"),
    [
        ("", "ja", None),
        ("", "nee", None),
        ("ja", "ja", None),
        ("ja", "onbekend", None),
        ("ja", "nee", "Alleen voor wie al een startkwalificatie heeft."),
        ("nee", "nee", None),
        ("nee", "onbekend", None),
        ("nee", "ja", "Alleen voor wie nog geen startkwalificatie heeft."),
    ],
)
def test_a_startkwalificatie_rule_excludes_only_a_contrary_answer(eis, antwoord, reden):
    instrument = InstrumentFactory(startkwalificatie=eis)
    assert regels.startkwalificatie_reden(instrument, antwoord) == reden


def test_open_answers_do_not_exclude_and_waarom_says_what_to_check():
    instrument = InstrumentFactory(
        leeftijd_min=18, startkwalificatie="nee", sectoren=[TECHNIEK], voorwaarden="Zie site"
    )
    beoordeling = regels.beoordelen(instrument, antwoorden())
    assert beoordeling.lijst == regels.INSTRUMENTEN
    assert beoordeling.nog_na_te_gaan == [
        "de leeftijd (alleen vanaf 18 jaar)",
        "of de kandidaat een startkwalificatie heeft (alleen zonder)",
        "de sector (alleen techniek en gebouwde omgeving)",
    ]
    assert "Nog na te gaan: de leeftijd (alleen vanaf 18 jaar);" in beoordeling.waarom
    assert beoordeling.waarom.endswith("Lees ook de voorwaarden.")
    # Answered, nothing is left to check.
    beantwoord = antwoorden(
        leeftijd=30, startkwalificatie="nee", sector=Sector.objects.get(slug=TECHNIEK)
    )
    beoordeling = regels.beoordelen(instrument, beantwoord)
    assert beoordeling.nog_na_te_gaan == []
    assert "Nog na te gaan" not in beoordeling.waarom


def test_waarom_names_where_and_for_whom():
    twents = InstrumentFactory(regio="twente", doelgroepen=["ww"], geldig_tot=VANDAAG)
    waarom = regels.beoordelen(twents, antwoorden()).waarom
    assert waarom == "Geldt in Twente en voor ww-uitkering. Loopt tot en met 15-06-2026."
    assert regels.beoordelen(InstrumentFactory(), antwoorden()).waarom == (
        "Geldt landelijk en voor iedereen."
    )


def test_a_fitting_instrument_has_a_waarom_an_excluded_one_a_reden_an_invalid_one_neither():
    """Every instrument is in instrumenten, in uitgesloten, or in neither."""
    vraag = antwoorden(leeftijd=23, startkwalificatie="nee")
    gevallen = {
        "past": (InstrumentFactory(), regels.INSTRUMENTEN),
        "andere doelgroep": (InstrumentFactory(doelgroepen=["wajong"]), regels.UITGESLOTEN),
        "te oud": (InstrumentFactory(leeftijd_max=22), regels.UITGESLOTEN),
        "andere regio": (InstrumentFactory(regio="noord-limburg"), None),
        "beëindigd": (InstrumentFactory(geldig_tot=datetime.date(2025, 1, 1)), None),
        "toekomst": (InstrumentFactory(geldig_van=datetime.date(2027, 1, 1)), None),
        # Ruled out by an answer, but not valid anyway: in neither list.
        "beëindigd en uitgesloten": (
            InstrumentFactory(doelgroepen=["wajong"], geldig_tot=datetime.date(2025, 1, 1)),
            None,
        ),
    }
    for naam, (instrument, lijst) in gevallen.items():
        beoordeling = regels.beoordelen(instrument, vraag)
        assert beoordeling.lijst == lijst, naam
        assert bool(beoordeling.waarom) is (lijst == regels.INSTRUMENTEN), naam
        assert bool(beoordeling.reden) is (lijst == regels.UITGESLOTEN), naam


def test_every_reason_is_given_when_several_answers_rule_out():
    instrument = InstrumentFactory(doelgroepen=["wajong"], leeftijd_min=45, startkwalificatie="ja")
    reden = regels.beoordelen(instrument, antwoorden(leeftijd=23, startkwalificatie="nee")).reden
    assert "Alleen voor wajong" in reden
    assert "vanaf 45 jaar" in reden
    assert "al een startkwalificatie" in reden


@pytest.mark.parametrize(
    ("startkwalificatie", "bewijsstuk"),
    [("nee", "praktijkverklaring"), ("onbekend", "praktijkverklaring"), ("ja", "mbo-certificaat")],
)
def test_the_route_follows_the_startkwalificatie_and_says_when_it_is_unknown(
    startkwalificatie, bewijsstuk
):
    route = regels.route_kiezen(startkwalificatie)
    assert route.bewijsstuk == bewijsstuk
    assert route.uitleg
    assert ("nog niet bekend" in route.uitleg) is (startkwalificatie == "onbekend")


def test_route_instruments_are_routes_to_the_chosen_bewijsstuk():
    route = regels.route_kiezen("nee")
    assert regels.hoort_bij_route(
        InstrumentFactory(route=True, bewijsstukken=["praktijkverklaring"]), route
    )
    assert regels.hoort_bij_route(InstrumentFactory(route=True), route)  # any bewijsstuk
    assert not regels.hoort_bij_route(
        InstrumentFactory(route=True, bewijsstukken=["mbo-diploma"]), route
    )
    assert not regels.hoort_bij_route(
        InstrumentFactory(bewijsstukken=["praktijkverklaring"]),
        route,  # not a route
    )


def test_conditions_nobody_can_meet_are_named():
    assert regels.onbereikbaar_redenen(InstrumentFactory(leeftijd_min=18)) == []
    # The model refuses these; rows written around it (or before the rule) can hold them.
    fout = InstrumentFactory()
    fout.leeftijd_min, fout.leeftijd_max = 30, 20
    fout.geldig_van, fout.geldig_tot = datetime.date(2026, 2, 1), datetime.date(2026, 1, 1)
    fout.doelgroepen = ["vervallen-code"]
    assert regels.onbereikbaar_redenen(fout) == [
        "de einddatum ligt vóór de begindatum",
        "geen leeftijd van 15 tot en met 67 valt binnen de grenzen",
        "geen van de doelgroepen bestaat (nog)",
    ]
    assert bereikende_antwoorden(fout, regio("twente")) is None


def test_bereikende_antwoorden_reach_the_instrument():
    instrument = InstrumentFactory(
        regio="noord-limburg",
        doelgroepen=["wajong"],
        sectoren=["handel"],
        leeftijd_min=50,
        startkwalificatie="ja",
        geldig_van=datetime.date(2031, 1, 1),
    )
    vraag = bereikende_antwoorden(instrument, regio("twente"))
    assert vraag.regio.slug == "noord-limburg"
    assert regels.beoordelen(instrument, vraag).lijst == regels.INSTRUMENTEN
