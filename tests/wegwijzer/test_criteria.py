"""An instrument's criteria: edited in the admin, exchanged in JSON Lines, validated in
Dutch; the admin's report of instruments nobody can reach; and every
published demo instrument reachable through the wegwijzer."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kennisbank.demo import demo_laden
from kennisbank.models import Instrument
from portal.models import Regio
from tests.factories import GebruikerFactory, InstrumentFactory
from tests.kennisbank.helpers import instrument_formulier, jsonl_schrijven
from tests.tweede_factor import inloggen_met_code
from tests.wegwijzer.helpers import bereikende_antwoorden
from wegwijzer import regels, selectors

pytestmark = pytest.mark.django_db


def _formulier(**velden):
    return instrument_formulier(
        titel="Jongerenregeling", slug="jongerenregeling", inhoud="", status="gepubliceerd",
        regio=Regio.objects.get(slug="twente").pk, **velden,
    )  # fmt: skip


@pytest.mark.parametrize("gebruiker", ["ambassadeur_twente", "redacteur"])
def test_ambassadeurs_and_redacteuren_edit_the_criteria(client, request, gebruiker):
    inloggen_met_code(client, request.getfixturevalue(gebruiker))
    formulier = client.get("/admin/kennisbank/instrument/add/").content.decode()
    assert "Voor wie (wegwijzer)" in formulier
    antwoord = client.post(
        "/admin/kennisbank/instrument/add/",
        _formulier(leeftijd_min="16", leeftijd_max="22", startkwalificatie="nee"),
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    instrument = Instrument.objects.get(slug="jongerenregeling")
    assert instrument.criteria == {
        "leeftijd_min": 16,
        "leeftijd_max": 22,
        "startkwalificatie": "nee",
    }
    assert instrument.history.first().leeftijd_max == 22


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        (
            {"leeftijd_min": "30", "leeftijd_max": "20"},
            "Deze leeftijd ligt onder de leeftijd vanaf.",
        ),
        ({"leeftijd_min": "14"}, "Kies een leeftijd van 15 tot en met 67."),
        ({"leeftijd_max": "68"}, "Kies een leeftijd van 15 tot en met 67."),
        ({"startkwalificatie": "misschien"}, "misschien"),
    ],
)
def test_the_admin_refuses_criteria_nobody_can_meet(client, redacteur, velden, melding):
    inloggen_met_code(client, redacteur)
    antwoord = client.post("/admin/kennisbank/instrument/add/", _formulier(**velden))
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert not Instrument.objects.exists()


def test_the_admin_reports_instruments_nobody_can_reach(client, ambassadeur_twente):
    InstrumentFactory(titel="Goede regeling", regio="twente", leeftijd_min=18)
    fout = InstrumentFactory(titel="Foute regeling", regio="twente")
    # Written around the model's checks, as old data or a direct update could be.
    Instrument.objects.filter(pk=fout.pk).update(leeftijd_min=40, leeftijd_max=30)
    limburgs = InstrumentFactory(titel="Foute Limburgse regeling", regio="noord-limburg")
    Instrument.objects.filter(pk=limburgs.pk).update(doelgroepen=["vervallen"])
    inloggen_met_code(client, ambassadeur_twente)
    lijst = client.get("/admin/kennisbank/instrument/?wegwijzer=onbereikbaar").content.decode()
    assert "Foute regeling" in lijst
    assert "Onbereikbaar: geen leeftijd van 15 tot en met 67 valt binnen de grenzen" in lijst
    assert "Goede regeling" not in lijst
    assert "Foute Limburgse regeling" not in lijst  # another region's: not this user's
    alles = client.get("/admin/kennisbank/instrument/").content.decode()
    assert "Goede regeling" in alles and "bereikbaar" in alles


def _instrumentregel(**velden):
    return {
        "type": "instrument", "slug": "r", "titel": "R", "samenvatting": "x",
        "soort": "begeleiding",
    } | velden  # fmt: skip


def test_criteria_are_exchanged_and_round_trip_unchanged(tmp_path, capsys):
    pad = tmp_path / "in.jsonl"
    regels_ = [
        _instrumentregel(
            slug="a",
            criteria={"leeftijd_min": 18, "leeftijd_max": 27, "startkwalificatie": "NEE"},
        ),
        _instrumentregel(slug="b", criteria={"leeftijd_max": 55}),
        _instrumentregel(slug="c", criteria=None),
        _instrumentregel(slug="d"),
    ]
    call_command("import_kennisbank", str(jsonl_schrijven(pad, regels_)))
    uit = tmp_path / "uit.jsonl"
    call_command("export_kennisbank", str(uit))
    criteria = {r["slug"]: r["criteria"] for r in map(json.loads, uit.read_text().splitlines())}
    geen = {"leeftijd_min": None, "leeftijd_max": None, "startkwalificatie": None}
    assert criteria == {
        "a": {"leeftijd_min": 18, "leeftijd_max": 27, "startkwalificatie": "nee"},
        "b": geen | {"leeftijd_max": 55},
        "c": geen,
        "d": geen,
    }
    capsys.readouterr()
    call_command("import_kennisbank", str(uit))
    assert "0 nieuw, 0 bijgewerkt, 4 ongewijzigd" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("criteria", "fout"),
    [
        ([18], "criteria: moet een object zijn"),
        ({"leeftijd_min": 14}, "criteria.leeftijd_min: moet een leeftijd in hele jaren zijn"),
        ({"leeftijd_max": "20"}, "criteria.leeftijd_max: moet een leeftijd in hele jaren zijn"),
        ({"leeftijd_max": True}, "criteria.leeftijd_max: moet een leeftijd in hele jaren zijn"),
        ({"leeftijd_min": 30, "leeftijd_max": 20}, "criteria.leeftijd_max: ligt onder de"),
        ({"startkwalificatie": "soms"}, "criteria.startkwalificatie: moet ja, nee of null zijn"),
        ({"diploma": "ja"}, "criteria.diploma: onbekend criterium"),
    ],
)
def test_invalid_criteria_are_line_errors(tmp_path, capsys, criteria, fout):
    pad = jsonl_schrijven(tmp_path / "fout.jsonl", [_instrumentregel(criteria=criteria)])
    with pytest.raises(CommandError):
        call_command("import_kennisbank", str(pad))
    assert capsys.readouterr().err.splitlines()[0].startswith(f"regel 1: {fout}")
    assert not Instrument.objects.exists()


def test_every_published_demo_instrument_can_be_reached():
    """For each published instrument some situation and some peildatum bring it into
    ``instrumenten``: the rules' own witness, checked against the selector."""
    demo_laden(io.StringIO())
    lezer = GebruikerFactory(username="lezer")  # sees non-public instruments too
    twente = Regio.objects.get(slug="twente")
    gepubliceerd = Instrument.objects.filter(status="gepubliceerd").prefetch_related("sectoren")
    assert gepubliceerd.count() > 30
    for instrument in gepubliceerd.select_related("regio"):
        antwoorden = bereikende_antwoorden(instrument, twente)
        assert antwoorden is not None, instrument.slug
        kaart = selectors.routekaart(antwoorden=antwoorden, gebruiker=lezer)
        assert instrument.pk in {p.instrument.pk for p in kaart.instrumenten}, instrument.slug


def test_the_demo_shows_excluded_ended_and_future_schemes():
    demo_laden(io.StringIO())
    twente = Regio.objects.get(slug="twente")
    halima = regels.Antwoorden(
        regio=twente,
        doelgroep="statushouder",
        peildatum=datetime.date(2026, 12, 1),
        startkwalificatie="nee",
        leeftijd=23,
    )
    kaart = selectors.routekaart(antwoorden=halima, gebruiker=GebruikerFactory(username="l"))
    uitgesloten = {u.instrument.slug for u in kaart.uitgesloten}
    assert "rmc-begeleiding-jongeren-zonder-startkwalificatie" in uitgesloten
    assert "textielimpuls-twente-2024" in {i.slug for i in kaart.niet_geldig}
    assert "leerwerkbanen-textiel-twente" in {p.instrument.slug for p in kaart.instrumenten}
