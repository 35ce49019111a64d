"""The trajectory import's bounds: a row cap, and XML in an XLSX read safely."""

import io
import zipfile

import pytest

from effectiviteit.models import Traject
from tests.effectiviteit.helpers import csv_schrijven, importeren, rij, xlsx_schrijven

pytestmark = pytest.mark.django_db


def test_a_file_over_the_row_cap_is_refused_whole(tmp_path, settings):
    settings.IMPORT_MAX_RIJEN = 3
    rijen = [rij(traject_id=f"T{n}") for n in range(4)]
    code, _, fouten = importeren(csv_schrijven(tmp_path / "t.csv", rijen))
    assert code == 1
    assert "rij 5: bestand: het bestand heeft meer dan 3 rijen; splits het" in fouten
    assert not Traject.objects.exists()
    code, _, _ = importeren(csv_schrijven(tmp_path / "t.csv", rijen[:3]))
    assert code == 0
    assert Traject.objects.count() == 3


def test_openpyxl_reads_xml_through_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML


def test_an_xlsx_with_an_entity_bomb_is_refused_in_dutch(tmp_path):
    # A sheet whose XML declares nested entities ("billion laughs"): read without
    # defusedxml it expands to gigabytes.
    pad = xlsx_schrijven(tmp_path / "bom.xlsx", [["traject_id"], ["A"]])
    bron = io.BytesIO(pad.read_bytes())
    doel = io.BytesIO()
    entiteiten = "".join(
        f'<!ENTITY {naam} "{("&" + vorige + ";") * 10}">'
        for vorige, naam in zip("abcdefg", "bcdefgh", strict=True)
    )
    bom = f'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">{entiteiten}]>'
    with zipfile.ZipFile(bron) as oud, zipfile.ZipFile(doel, "w") as nieuw:
        for item in oud.infolist():
            data = oud.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = (bom + data.decode().replace("<t>A</t>", "<t>&h;</t>", 1)).encode()
            nieuw.writestr(item, data)
    pad.write_bytes(doel.getvalue())
    code, _, fouten = importeren(pad)
    assert code == 1
    assert "het Excel-bestand is niet te lezen" in fouten
    assert not Traject.objects.exists()
