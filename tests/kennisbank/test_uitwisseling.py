import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kennisbank.demo import DEMO_BESTAND
from kennisbank.models import Instrument, Kennisitem, Praktijkvoorbeeld

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
    assert Kennisitem.objects.count() == 90
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
    assert "0 nieuw, 0 bijgewerkt, 90 ongewijzigd" in capsys.readouterr().out
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
    pad.write_text(json.dumps(regel) + "\n")
    call_command("import_kennisbank", str(pad))
    regel["titel"] = "Nieuwe Regeling"
    regel["samenvatting"] = "Anders."
    pad.write_text(json.dumps(regel | {"slug": "nieuwe-regeling"}) + "\n")
    call_command("import_kennisbank", str(pad))
    item = Instrument.objects.get()
    assert (item.slug, item.samenvatting, item.regio.slug, item.doelgroepen) == (
        "nieuwe-regeling", "Anders.", "noord-limburg", ["ww"],
    )  # fmt: skip
    assert item.history.count() == 2


def test_invalid_lines_are_listed_and_nothing_is_written(tmp_path, capsys):
    pad = tmp_path / "fout.jsonl"
    goed = {"type": "materiaal", "titel": "Goed", "samenvatting": "x", "soort": "video"}
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
    assert "90 nieuw" in capsys.readouterr().out
    assert Kennisitem.objects.count() == 0


def test_seed_demo_loads_the_kennisbank_idempotently():
    call_command("seed_demo")
    call_command("seed_demo")
    assert Kennisitem.objects.count() == 90
    voorbeeld = Praktijkvoorbeeld.objects.get(slug="confectie-enschede-praktijkverklaring")
    assert voorbeeld.history.count() == 1
    assert voorbeeld.instrumenten.filter(slug="praktijkverklaring").exists()
    assert Instrument.objects.get(slug="praktijkverklaring").stappen.count() == 7
