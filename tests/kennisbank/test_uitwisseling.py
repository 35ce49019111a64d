import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from kennisbank.demo import DEMO_BESTAND
from kennisbank.models import Instrument, Kennisitem, Materiaal, Praktijkvoorbeeld
from portal.models import Regio, Sector
from tests.kennisbank.helpers import PDF_INHOUD, jsonl_schrijven, maak, materiaal_formulier
from tests.tweede_factor import inloggen_met_code

pytestmark = pytest.mark.django_db


def _regels(pad):
    return [json.loads(r) for r in pad.read_text(encoding="utf-8").splitlines() if r.strip()]


def _normaal(regel):
    regel = dict(regel)
    for veld in ("sectoren", "instrumenten"):
        if veld in regel:
            regel[veld] = sorted(regel[veld])
    return regel


def test_import_export_round_trip(tmp_path, capsys):
    call_command("import_kennisbank", str(DEMO_BESTAND))
    assert Kennisitem.objects.count() == 96
    eerste = tmp_path / "eerste.jsonl"
    call_command("export_kennisbank", str(eerste))
    # The export holds exactly what was imported ...
    origineel = sorted(
        (_normaal(r) for r in _regels(DEMO_BESTAND)), key=lambda r: (r["type"], r["slug"])
    )
    geexporteerd = sorted(
        (_normaal(r) for r in _regels(eerste)), key=lambda r: (r["type"], r["slug"])
    )
    assert geexporteerd == origineel
    # ... and imports again unchanged.
    call_command("import_kennisbank", str(eerste))
    assert "0 nieuw, 0 bijgewerkt, 96 ongewijzigd" in capsys.readouterr().out
    tweede = tmp_path / "tweede.jsonl"
    call_command("export_kennisbank", str(tweede))
    assert tweede.read_text() == eerste.read_text()


def test_upsert_by_type_and_slug_and_names_are_accepted(tmp_path):
    pad = tmp_path / "k.jsonl"
    regel = {
        "type": "instrument", "titel": "Nieuwe Regeling", "samenvatting": "Kort.",
        "soort": "Begeleiding", "regio": "Noord-Limburg", "sectoren": ["Handel"],
        "doelgroepen": ["WW"], "status": "gepubliceerd",
    }  # fmt: skip
    call_command("import_kennisbank", str(jsonl_schrijven(pad, [regel])))
    # A new title with the slug it had: the same item, renamed (a slug made from this
    # title would be another item).
    regel["titel"] = "Regeling voor nieuwe banen"
    regel["samenvatting"] = "Anders."
    call_command(
        "import_kennisbank", str(jsonl_schrijven(pad, [regel | {"slug": "nieuwe-regeling"}]))
    )
    item = Instrument.objects.get()
    assert (item.slug, item.titel, item.samenvatting, item.regio.slug, item.doelgroepen) == (
        "nieuwe-regeling", "Regeling voor nieuwe banen", "Anders.", "noord-limburg", ["ww"],
    )  # fmt: skip
    assert item.history.count() == 2


def test_invalid_lines_are_listed_and_nothing_is_written(tmp_path, capsys):
    pad = tmp_path / "fout.jsonl"
    goed = {
        "type": "materiaal", "titel": "Goed", "samenvatting": "x", "soort": "video",
        "url": "https://video.example.nl/goed",
    }  # fmt: skip
    pad.write_text(
        "\n".join(
            [
                json.dumps(goed),
                "{niet json",
                json.dumps({"type": "recept", "titel": "x", "samenvatting": "x"}),
                json.dumps(goed | {"slug": "ander", "regio": "atlantis"}),
                json.dumps(
                    {
                        "type": "praktijkvoorbeeld",
                        "titel": "P",
                        "samenvatting": "x",
                        "jaar": 2024,
                        "instrumenten": ["bestaat-niet"],
                    }
                ),
                json.dumps(goed),
                json.dumps(goed | {"slug": "derde", "kleur": "rood"}),
            ]
        )
        + "\n"
    )
    with pytest.raises(CommandError) as fout:
        call_command("import_kennisbank", str(pad))
    assert "niets opgeslagen" in str(fout.value)
    uitvoer = capsys.readouterr().err.splitlines()
    assert uitvoer[0].startswith("regel 2: json: ")
    assert uitvoer[1].startswith("regel 3: type: onbekende waarde 'recept'")
    assert uitvoer[2].startswith("regel 4: regio: onbekende regio 'atlantis'")
    assert uitvoer[3] == "regel 5: instrumenten: onbekend instrument 'bestaat-niet'"
    assert uitvoer[4] == "regel 6: slug: 'goed' staat al op regel 1"
    assert uitvoer[5] == "regel 7: kleur: onbekend veld voor een materiaal"
    assert Kennisitem.objects.count() == 0


def test_exit_status_is_1_on_invalid_input(tmp_path, capsys):
    pad = tmp_path / "fout.jsonl"
    pad.write_text('{"type": "instrument"}\n')
    with pytest.raises(CommandError) as fout:
        call_command("import_kennisbank", str(pad), "--dry-run")
    # manage.py turns a CommandError into this exit status
    assert fout.value.returncode == 1
    assert capsys.readouterr().err.startswith("regel 1: titel: is verplicht")


def test_dry_run_writes_nothing(tmp_path, capsys):
    call_command("import_kennisbank", str(DEMO_BESTAND), "--dry-run")
    assert "96 nieuw" in capsys.readouterr().out
    assert Kennisitem.objects.count() == 0


def test_seed_demo_loads_the_kennisbank_idempotently():
    call_command("seed_demo")
    call_command("seed_demo")
    assert Kennisitem.objects.count() == 96
    voorbeeld = Praktijkvoorbeeld.objects.get(slug="confectie-enschede-praktijkverklaring")
    assert voorbeeld.history.count() == 1
    assert voorbeeld.instrumenten.filter(slug="praktijkverklaring").exists()
    assert Instrument.objects.get(slug="praktijkverklaring").stappen.count() == 7


def _importeren_met_fouten(pad, regels, capsys) -> list[str]:
    with pytest.raises(CommandError):
        call_command("import_kennisbank", str(jsonl_schrijven(pad, regels)))
    return capsys.readouterr().err.splitlines()


def test_a_lone_surrogate_is_a_line_error_not_a_crash(tmp_path, capsys):
    basis = {"type": "materiaal", "samenvatting": "x", "soort": "video", "inhoud": "Tekst."}
    fouten = _importeren_met_fouten(
        tmp_path / "surrogaat.jsonl",
        [
            basis | {"titel": "Video \ud800"},
            basis | {"titel": "Video", "url": "https://example.nl/\udfff"},
            basis | {"titel": "Andere video", "regio": "Atlantis\ud800"},
        ],
        capsys,
    )
    assert fouten[0].startswith("regel 1: titel: bevat een teken dat geen geldige tekst is")
    assert fouten[1].startswith("regel 2: url: bevat een teken dat geen geldige tekst is")
    # The refused value is quoted in the message, printably.
    assert fouten[2].startswith("regel 3: regio: onbekende regio 'Atlantis\\ud800'")
    assert not Kennisitem.objects.exists()


def test_import_applies_the_materiaal_rule(tmp_path, capsys):
    met_bestand = maak(
        Materiaal, "Folder", concept=True, bestand=SimpleUploadedFile("f.pdf", PDF_INHOUD)
    )
    basis = {"type": "materiaal", "samenvatting": "x", "soort": "brochure"}
    fouten = _importeren_met_fouten(
        tmp_path / "bron.jsonl",
        [
            basis | {"titel": "Niets"},
            basis | {"titel": "Folder", "url": "https://example.nl/folder"},
            basis | {"titel": "Alleen tekst", "inhoud": "Het materiaal zelf."},
        ],
        capsys,
    )
    assert fouten == [
        "regel 1: url: geef een bestand of een externe link, of beschrijf het materiaal zelf "
        "in de inhoud",
        "regel 2: url: een materiaal heeft een bestand óf een externe link, niet allebei",
    ]
    # An uploaded file is never in a line: the existing item's file counts as its source.
    pad = jsonl_schrijven(
        tmp_path / "bestand.jsonl", [basis | {"titel": "Folder", "samenvatting": "Nieuw"}]
    )
    call_command("import_kennisbank", str(pad))
    met_bestand.refresh_from_db()
    assert (met_bestand.samenvatting, bool(met_bestand.bestand)) == ("Nieuw", True)


def test_what_the_admin_saves_exports_and_imports_unchanged(client, redacteur, tmp_path, capsys):
    inloggen_met_code(client, redacteur)
    volgend_jaar = datetime.date.today().year + 1
    twente = Regio.objects.get(slug="twente").pk
    sectoren = list(
        Sector.objects.filter(slug__in=["handel", "techniek"]).values_list("pk", flat=True)
    )
    algemeen = {
        "samenvatting": "  Met spaties eromheen  ",
        "inhoud": "  Geïnspireerd — “citaat”\n\n- punt  ",
        "doelgroepen": ["wajong", "bijstand"], "bewijsstukken": ["praktijkverklaring"],
        "status": "concept", "gecontroleerd_op": "2026-01-01", "controleren_voor": "2027-01-01",
        "links": "https://www.example.nl/pad?a=1&b=2,http://example.nl", "sectoren": sectoren,
    }  # fmt: skip
    formulieren = [
        (
            "instrument",
            algemeen | {
                "titel": "Regeling 2026", "slug": "regeling-2026_b", "soort": "begeleiding",
                "geldig_van": "2026-01-01", "geldig_tot": "2026-01-01", "regio": twente,
                "stappen-TOTAL_FORMS": "2", "stappen-INITIAL_FORMS": "0",
                "stappen-0-volgorde": "5", "stappen-0-titel": "Laatste",
                "stappen-1-volgorde": "1", "stappen-1-titel": "Eerste",
                "stappen-1-toelichting": "Uitleg",
            },
        ),
        ("materiaal", algemeen | {
            "titel": "Video", "slug": "video", "soort": "video", "publiek": "on",
            "url": "http://video.example.nl/v?id=1", "publiek_voor": ["werkgever", "kandidaat"],
        }),
    ]  # fmt: skip
    for model, formulier in formulieren:
        response = client.post(f"/admin/kennisbank/{model}/add/", formulier)
        assert response.status_code == 302, response.content.decode()[:3000]
    instrument = Instrument.objects.get().pk
    formulier = algemeen | {
        "titel": "Voorbeeld", "slug": "1990", "jaar": str(volgend_jaar), "publiek": "on",
        "instrumenten": [instrument], "resultaat": "Werk", "citaat": "“Mooi”",
    }  # fmt: skip
    response = client.post("/admin/kennisbank/praktijkvoorbeeld/add/", formulier)
    assert response.status_code == 302, response.content.decode()[:3000]

    eerste, tweede = tmp_path / "eerste.jsonl", tmp_path / "tweede.jsonl"
    call_command("export_kennisbank", str(eerste))
    call_command("import_kennisbank", str(eerste))
    assert "0 nieuw, 0 bijgewerkt, 3 ongewijzigd" in capsys.readouterr().out
    # Into an empty kennisbank too, and out again the same.
    Kennisitem.objects.all().delete()
    call_command("import_kennisbank", str(eerste))
    assert "3 nieuw" in capsys.readouterr().out
    call_command("export_kennisbank", str(tweede))
    assert tweede.read_text() == eerste.read_text()


def test_a_title_with_a_line_break_or_control_character_is_a_line_error(tmp_path, capsys):
    basis = {"type": "materiaal", "samenvatting": "x", "soort": "video", "inhoud": "Tekst."}
    stap = {"type": "instrument", "titel": "Route", "samenvatting": "x", "soort": "begeleiding"}
    fouten = _importeren_met_fouten(
        tmp_path / "stuurtekens.jsonl",
        [
            basis | {"titel": "Video\rvoor werkgevers", "slug": "video"},
            basis | {"titel": "Folder\u2028deel 2", "slug": "folder"},
            stap | {"stappen": [{"titel": "Intake\tgesprek", "toelichting": ""}]},
            basis | {"titel": "Een gewone titel", "slug": "gewoon"},
        ],
        capsys,
    )
    assert fouten[:3] == [
        "regel 1: titel: een titel mag geen regeleinde, tab of ander stuurteken bevatten (U+000D)",
        "regel 2: titel: een titel mag geen regeleinde, tab of ander stuurteken bevatten (U+2028)",
        "regel 3: stappen: een titel mag geen regeleinde, tab of ander stuurteken bevatten "
        "(U+0009)",
    ]
    assert not Kennisitem.objects.exists()


def test_a_file_over_the_row_cap_is_refused(tmp_path, capsys, settings):
    settings.IMPORT_MAX_RIJEN = 2
    basis = {"type": "materiaal", "samenvatting": "x", "soort": "video", "inhoud": "Tekst."}
    regels = [basis | {"titel": f"Video {n}"} for n in range(3)]
    fouten = _importeren_met_fouten(tmp_path / "veel.jsonl", regels, capsys)
    assert fouten == [
        "regel 3: bestand: het bestand heeft meer dan 2 rijen; splits het in kleinere "
        "bestanden en lees die na elkaar in"
    ]
    assert not Kennisitem.objects.exists()
    call_command("import_kennisbank", str(jsonl_schrijven(tmp_path / "genoeg.jsonl", regels[:2])))
    assert Kennisitem.objects.count() == 2


def test_the_admin_refuses_a_title_with_a_line_break(client, redacteur):
    inloggen_met_code(client, redacteur)
    response = client.post(
        "/admin/kennisbank/materiaal/add/",
        materiaal_formulier(titel="Folder\r\nBCC: iemand", inhoud="De tekst zelf."),
    )
    assert response.status_code == 200
    assert "geen regeleinden, tabs of andere stuurtekens" in response.text


# Lines written after the exchange format's own example: the common keys, "geldig_tot": null on
# every type, and no soort on the instrument.
CONTRACTREGELS = [
    {
        "type": "instrument", "slug": "praktijkverklaring", "titel": "Praktijkverklaring",
        "samenvatting": "Leren op de werkvloer.", "inhoud": "Markdown *tekst*.",
        "sectoren": ["handel"], "doelgroepen": ["bijstand"],
        "bewijsstukken": ["praktijkverklaring"], "regio": None, "publiek": True,
        "status": "gepubliceerd", "geldig_tot": None, "links": ["https://www.example.nl/"],
    },
    {
        "type": "praktijkvoorbeeld", "slug": "naaister", "titel": "Naaister aan het werk",
        "samenvatting": "Een verhaal uit Enschede.", "inhoud": "", "sectoren": [],
        "doelgroepen": [], "bewijsstukken": [], "regio": "twente", "publiek": True,
        "status": "gepubliceerd", "geldig_tot": None, "links": [], "jaar": 2024,
        "resultaat": "Een vaste baan.", "instrumenten": ["praktijkverklaring"],
    },
    {
        "type": "materiaal", "slug": "folder", "titel": "Folder voor werkgevers",
        "samenvatting": "Kort en bondig.", "inhoud": "", "sectoren": [], "doelgroepen": [],
        "bewijsstukken": [], "regio": None, "publiek": True, "status": "gepubliceerd",
        "geldig_tot": None, "links": [], "soort": "brochure", "publiek_voor": ["werkgever"],
        "url": "https://www.example.nl/folder.pdf",
    },
]  # fmt: skip


def test_lines_written_after_the_contract_example_import_and_round_trip(tmp_path, capsys):
    pad = jsonl_schrijven(tmp_path / "contract.jsonl", CONTRACTREGELS)
    call_command("import_kennisbank", str(pad))
    assert "OK: 3 nieuw" in capsys.readouterr().out
    assert Instrument.objects.get().soort == "overig"
    eerste, tweede = tmp_path / "eerste.jsonl", tmp_path / "tweede.jsonl"
    call_command("export_kennisbank", str(eerste))
    call_command("import_kennisbank", str(eerste))
    assert "0 nieuw, 0 bijgewerkt, 3 ongewijzigd" in capsys.readouterr().out
    call_command("export_kennisbank", str(tweede))
    assert tweede.read_text() == eerste.read_text()


@pytest.mark.parametrize("leeg", [None, "", [], {}])
def test_a_key_of_another_type_given_empty_is_ignored(tmp_path, capsys, leeg):
    materiaal = CONTRACTREGELS[2] | {"geldig_van": leeg, "jaar": leeg, "instrumenten": leeg}
    voorbeeld = CONTRACTREGELS[1] | {"soort": leeg, "url": leeg, "stappen": leeg}
    pad = jsonl_schrijven(tmp_path / "leeg.jsonl", [CONTRACTREGELS[0], voorbeeld, materiaal])
    call_command("import_kennisbank", str(pad))
    assert "OK: 3 nieuw" in capsys.readouterr().out


NIET_VOOR = "geldt niet voor een {}; laat het weg of leeg"


@pytest.mark.parametrize(
    ("regel", "fout"),
    [
        (CONTRACTREGELS[2] | {"geldig_tot": "2030-01-01"}, "geldig_tot: " + NIET_VOOR.format("materiaal")),  # noqa: E501
        (CONTRACTREGELS[2] | {"jaar": 0}, "jaar: " + NIET_VOOR.format("materiaal")),
        (CONTRACTREGELS[1] | {"publiek_voor": ["werkgever"]}, "publiek_voor: " + NIET_VOOR.format("praktijkvoorbeeld")),  # noqa: E501
        (CONTRACTREGELS[0] | {"jaar": False}, "jaar: " + NIET_VOOR.format("instrument")),
        (CONTRACTREGELS[0] | {"kleur": None}, "kleur: onbekend veld voor een instrument"),
    ],
)  # fmt: skip
def test_a_key_of_another_type_with_a_value_or_an_unknown_key_is_an_error(
    tmp_path, capsys, regel, fout
):
    assert _importeren_met_fouten(tmp_path / "fout.jsonl", [regel], capsys) == [f"regel 1: {fout}"]
    assert not Kennisitem.objects.exists()
