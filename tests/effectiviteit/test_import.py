"""Every rule of the trajectory import, with real files made in the test."""

import datetime as dt

import pytest

from effectiviteit.inlezen import lijkt_op_bsn, pseudoniem
from effectiviteit.models import Importbatch, Kwartaaltelling, Traject
from effectiviteit.services import trajecten_importeren
from tests.effectiviteit.helpers import KOP, csv_schrijven, importeren, rij, xlsx_schrijven
from tests.tweede_factor import inloggen_met_code

pytestmark = pytest.mark.django_db


# --- A valid file and what it becomes -----------------------------------------------------


def test_valid_csv_imports_and_prints_ok_as_last_line(tmp_path):
    pad = csv_schrijven(
        tmp_path / "t.csv",
        [
            rij(traject_id="A1"),
            rij(traject_id="A2", status="lopend", einddatum="", behaald_bewijsstuk="", vervolg=""),
        ],
    )
    code, out, _ = importeren(pad)
    assert code == 0
    assert out.strip().splitlines()[-1] == "OK: 2 nieuw, 0 bijgewerkt"
    traject = Traject.objects.get(pseudoniem=pseudoniem("A1"))
    assert traject.regio.slug == "twente"
    assert traject.leeftijdsband == "23-26"
    assert traject.startkwalificatie is False
    assert not Traject.objects.filter(pseudoniem="A1").exists()
    batch = Importbatch.objects.get()
    assert batch.resultaat == "gelukt"
    assert (batch.aantal_nieuw, batch.aantal_bijgewerkt) == (2, 0)
    assert len(batch.sha256) == 64
    assert [r.slug for r in batch.regios.all()] == ["twente"]
    assert Kwartaaltelling.objects.filter(regio_id=0, sector_id=0, doelgroep="").exists()


def test_reimport_updates_instead_of_duplicating(tmp_path):
    csv_schrijven(tmp_path / "a.csv", [rij(traject_id="A1", vervolg="onderwijs")])
    importeren(tmp_path / "a.csv")
    code, out, _ = importeren(
        csv_schrijven(tmp_path / "b.csv", [rij(traject_id="A1"), rij(traject_id="A3")])
    )
    assert code == 0
    assert out.strip().splitlines()[-1] == "OK: 1 nieuw, 1 bijgewerkt"
    assert Traject.objects.count() == 2
    assert Traject.objects.get(pseudoniem=pseudoniem("A1")).vervolg == "duurzame-baan"


def test_same_id_in_two_regions_is_two_trajectories(tmp_path):
    pad = csv_schrijven(
        tmp_path / "t.csv", [rij(traject_id="A1"), rij(traject_id="A1", regio="Noord-Limburg")]
    )
    assert importeren(pad)[0] == 0
    assert Traject.objects.count() == 2


@pytest.mark.parametrize(
    ("encoding", "scheiding"),
    [("utf-8", ";"), ("utf-8-sig", ","), ("cp1252", ";"), ("cp1252", ",")],
)
def test_csv_in_any_common_encoding_and_delimiter_is_read(tmp_path, encoding, scheiding):
    pad = csv_schrijven(
        tmp_path / "t.csv",
        [rij(traject_id="Één-1", regio="  TWENTE "), rij(traject_id="A2")],
        scheiding=scheiding,
        encoding=encoding,
    )
    code, _, err = importeren(pad)
    assert code == 0, err
    assert Traject.objects.filter(pseudoniem=pseudoniem("Één-1")).exists()


def test_codes_dates_and_region_names_are_forgiving(tmp_path):
    pad = csv_schrijven(
        tmp_path / "t.csv",
        [
            rij(
                traject_id="A1",
                regio="Noord-Limburg",
                aanleverende_partij=" UWV ",
                doelgroep="WW",
                status=" Afgerond",
                startdatum="5-3-2024",
                einddatum="15-09-2024",
                behaald_bewijsstuk="MBO-Certificaat",
                vervolg="",
            )
        ],
    )
    assert importeren(pad)[0] == 0
    traject = Traject.objects.get()
    assert traject.startdatum == dt.date(2024, 3, 5)
    assert traject.einddatum == dt.date(2024, 9, 15)
    assert (traject.aanleverende_partij, traject.doelgroep) == ("uwv", "ww")
    assert traject.behaald_bewijsstuk == "mbo-certificaat"
    assert traject.vervolg == "onbekend"  # empty counts as onbekend once ended


def test_xlsx_first_sheet_with_real_dates_and_numbers(tmp_path):
    pad = xlsx_schrijven(
        tmp_path / "t.xlsx",
        [
            KOP,
            [
                "X1",
                "twente",
                "gemeente",
                "bijstand",
                31,
                "ja",
                "handel",
                25123,
                "mbo-diploma",
                dt.datetime(2023, 2, 1),
                dt.date(2024, 1, 31),
                "uitgevallen",
                None,
                "Motivatie",
                None,
            ],
            [
                12345,
                "Twente",
                "uwv",
                "ww",
                None,
                None,
                "handel",
                None,
                "praktijkverklaring",
                "2024-02-01",
                None,
                "lopend",
                None,
                None,
                None,
            ],
        ],
    )
    code, out, err = importeren(pad)
    assert code == 0, err
    assert out.strip().endswith("OK: 2 nieuw, 0 bijgewerkt")
    uitval = Traject.objects.get(pseudoniem=pseudoniem("X1"))
    assert (uitval.crebo, uitval.uitvalreden, uitval.leeftijdsband) == (
        "25123",
        "motivatie",
        "27-34",
    )
    assert Traject.objects.filter(pseudoniem=pseudoniem("12345")).exists()


def test_xlsx_number_cell_with_a_zeros_format_is_read_as_shown(tmp_path):
    from openpyxl import Workbook

    werkboek = Workbook()
    blad = werkboek.active
    blad.append(KOP)
    blad.append([rij(traject_id=1234)[k] for k in KOP])
    blad.cell(row=2, column=1).number_format = "000000"
    werkboek.save(tmp_path / "t.xlsx")
    assert importeren(tmp_path / "t.xlsx")[0] == 0
    assert Traject.objects.filter(pseudoniem=pseudoniem("001234")).exists()


def test_optional_columns_may_be_left_out(tmp_path):
    kop = [k for k in KOP if k not in ("leeftijd", "crebo", "startkwalificatie", "vervolg")]
    pad = csv_schrijven(tmp_path / "t.csv", [rij()], kop=kop)
    assert importeren(pad)[0] == 0
    assert Traject.objects.get().leeftijdsband == ""


def test_dry_run_writes_nothing_but_says_what_would_happen(tmp_path):
    pad = csv_schrijven(tmp_path / "t.csv", [rij(traject_id="A1")])
    code, out, _ = importeren(pad, "--dry-run")
    assert code == 0
    assert out.strip().splitlines()[-1] == "OK: 1 nieuw, 0 bijgewerkt"
    assert Traject.objects.count() == 0
    assert Importbatch.objects.get().resultaat == "proefrun"


# --- A wrong value: one Dutch line per error, with its row, and nothing written -----------


@pytest.mark.parametrize(
    ("velden", "verwacht"),
    [
        ({"traject_id": "111222333"}, "rij 2: traject_id: lijkt op een BSN"),
        ({"traject_id": "000000000"}, "rij 2: traject_id: lijkt op een BSN"),
        ({"traject_id": "x" * 65}, "rij 2: traject_id: langer dan 64 tekens"),
        ({"traject_id": ""}, "rij 2: traject_id: verplicht veld is leeg"),
        ({"regio": "Atlantis"}, "rij 2: regio: onbekende regio"),
        ({"doelgroep": "student"}, "rij 2: doelgroep: onbekende waarde 'student'"),
        ({"aanleverende_partij": "bank"}, "rij 2: aanleverende_partij: onbekende waarde"),
        ({"sector": "bouw"}, "rij 2: sector: onbekende sector"),
        ({"leeftijd": "14"}, "rij 2: leeftijd:"),
        ({"leeftijd": "dertig"}, "rij 2: leeftijd:"),
        ({"startkwalificatie": "misschien"}, "rij 2: startkwalificatie:"),
        ({"crebo": "1234"}, "rij 2: crebo:"),
        ({"beoogd_bewijsstuk": "geen"}, "rij 2: beoogd_bewijsstuk: onbekende waarde"),
        ({"startdatum": "2024/01/15"}, "rij 2: startdatum: '2024/01/15' is geen datum"),
        ({"startdatum": "31-02-2024"}, "rij 2: startdatum: '31-02-2024' is geen bestaande datum"),
        ({"einddatum": "2023-12-31"}, "rij 2: einddatum: ligt voor de startdatum"),
        ({"einddatum": "2099-01-01"}, "rij 2: einddatum: ligt in de toekomst"),
        ({"einddatum": ""}, "rij 2: einddatum: verplicht bij status afgerond"),
        ({"behaald_bewijsstuk": ""}, "rij 2: behaald_bewijsstuk: verplicht veld is leeg"),
        ({"status": "uitgevallen", "uitvalreden": ""}, "rij 2: uitvalreden: verplicht veld"),
        ({"status": "klaar"}, "rij 2: status: onbekende waarde 'klaar'"),
        ({"vervolg": "pensioen"}, "rij 2: vervolg: onbekende waarde"),
    ],
)
def test_each_invalid_value_is_one_error_line_and_nothing_is_written(tmp_path, velden, verwacht):
    pad = csv_schrijven(
        tmp_path / "t.csv", [rij(traject_id="GOED"), rij(**{"traject_id": "B", **velden})]
    )
    code, _, err = importeren(pad)
    assert code == 1
    assert verwacht.replace("rij 2", "rij 3") in err
    assert Traject.objects.count() == 0
    batch = Importbatch.objects.get()
    assert batch.resultaat == "afgewezen"
    assert any(verwacht.replace("rij 2", "rij 3") in f for f in batch.fouten)


@pytest.mark.parametrize(
    ("velden", "verwacht"),
    [({"leeftijd": "2²"}, "rij 2: leeftijd:"), ({"crebo": "1234²"}, "rij 2: crebo:")],
)
def test_superscript_digits_are_no_digits(tmp_path, velden, verwacht):
    code, _, err = importeren(csv_schrijven(tmp_path / "t.csv", [rij(**velden)]))
    assert code == 1 and verwacht in err
    assert Traject.objects.count() == 0


def test_repeated_key_in_one_file_is_an_error(tmp_path):
    pad = csv_schrijven(
        tmp_path / "t.csv",
        [rij(traject_id="A1"), rij(traject_id="A2"), rij(traject_id="A1", regio="Twente")],
    )
    code, _, err = importeren(pad)
    assert code == 1
    assert "rij 4: traject_id: dit traject staat al in rij 2" in err
    assert Traject.objects.count() == 0


def test_every_repeat_of_a_key_is_reported_also_next_to_other_errors(tmp_path):
    pad = csv_schrijven(
        tmp_path / "t.csv",
        [
            rij(traject_id="A1"),
            rij(traject_id="A2", doelgroep="student"),
            rij(traject_id="A1"),
            rij(traject_id="A1", regio="Twente"),
        ],
    )
    code, _, err = importeren(pad)
    assert code == 1
    assert "rij 3: doelgroep: onbekende waarde 'student'" in err
    assert "rij 4: traject_id: dit traject staat al in rij 2" in err
    assert "rij 5: traject_id: dit traject staat al in rij 2" in err
    assert "rij 2: traject_id" not in err
    assert Traject.objects.count() == 0


def test_unknown_and_missing_columns_are_named(tmp_path):
    kop = [k for k in KOP if k != "sector"] + ["bsn"]
    code, _, err = importeren(csv_schrijven(tmp_path / "t.csv", [rij()], kop=kop))
    assert code == 1
    assert "rij 1: bsn: onbekende kolom" in err
    assert "rij 1: sector: verplichte kolom ontbreekt" in err


def test_every_error_in_the_file_is_listed(tmp_path):
    pad = csv_schrijven(
        tmp_path / "t.csv", [rij(traject_id="A", doelgroep="?"), rij(traject_id="B", sector="?")]
    )
    _, _, err = importeren(pad)
    assert "rij 2: doelgroep:" in err
    assert "rij 3: sector:" in err


def test_row_number_is_the_line_in_the_file_after_a_multiline_field(tmp_path):
    kop = ";".join(KOP)
    goed = ";".join(str(rij(traject_id="X")[k]) for k in KOP)
    meerregelig = goed.replace("X", '"A\r\nB"', 1)
    fout = ";".join(str(rij(traject_id="C", doelgroep="student")[k]) for k in KOP)
    pad = tmp_path / "t.csv"
    pad.write_bytes("\r\n".join([kop, meerregelig, fout, ""]).encode())
    code, _, err = importeren(pad)
    assert code == 1
    assert "rij 4: doelgroep: onbekende waarde 'student'" in err
    assert "rij 3:" not in err


# --- No BSN comes in ----------------------------------------------------------------------


def test_a_number_passing_the_eleven_test_looks_like_a_bsn():
    assert lijkt_op_bsn("111222333")
    assert lijkt_op_bsn("000000000")
    assert not lijkt_op_bsn("111222334")
    assert not lijkt_op_bsn("12345678")
    assert not lijkt_op_bsn("A11222333")


def test_bsn_without_its_leading_zero_is_still_refused(tmp_path):
    # 012345672 passes the eleven-test; Excel and number cells drop the zero.
    assert lijkt_op_bsn("12345672")
    assert lijkt_op_bsn("012345672")
    waarden = [rij(traject_id=12345672)[k] for k in KOP]
    pad = xlsx_schrijven(tmp_path / "t.xlsx", [KOP, waarden])
    code, _, err = importeren(pad)
    assert code == 1 and "rij 2: traject_id: lijkt op een BSN" in err
    pad = csv_schrijven(tmp_path / "t.csv", [rij(traject_id="12345672")])
    code, _, err = importeren(pad)
    assert code == 1 and "rij 2: traject_id: lijkt op een BSN" in err
    assert Traject.objects.count() == 0


# --- A file that cannot be read: a Dutch file error ---------------------------------------


def test_an_empty_or_damaged_file_is_a_file_error(tmp_path):
    leeg = tmp_path / "leeg.csv"
    leeg.write_bytes(b"")
    code, _, err = importeren(leeg)
    assert code == 1 and "rij 1: bestand:" in err
    kapot = tmp_path / "kapot.xlsx"
    kapot.write_bytes(b"PK\x03\x04niet echt een werkboek")
    code, _, err = importeren(kapot)
    assert code == 1 and "Excel" in err


def test_damaged_sheet_inside_a_valid_zip_is_a_file_error(tmp_path):
    import zipfile

    heel = xlsx_schrijven(
        tmp_path / "heel.xlsx",
        [KOP, *[[rij(traject_id=f"A{i}")[k] for k in KOP] for i in range(50)]],
    )
    kapot = tmp_path / "kapot.xlsx"
    with zipfile.ZipFile(heel) as bron, zipfile.ZipFile(kapot, "w") as doel:
        for info in bron.infolist():
            data = bron.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            doel.writestr(info, data)
    code, _, err = importeren(kapot)
    assert code == 1
    assert "rij 1: bestand: het Excel-bestand is niet te lezen" in err
    assert "Traceback" not in err
    assert Traject.objects.count() == 0
    assert Importbatch.objects.get().resultaat == "afgewezen"


def test_nul_byte_gives_a_dutch_file_error(tmp_path):
    pad = csv_schrijven(tmp_path / "t.csv", [rij(traject_id="A\x001")])
    code, _, err = importeren(pad)
    assert code == 1
    assert "rij 1: bestand: het bestand bevat een NUL-teken" in err
    assert "NUL" in Importbatch.objects.get().fouten[0]
    assert "line contains" not in err
    assert Traject.objects.count() == 0


def test_missing_file_is_a_clear_error(tmp_path):
    code, _, err = importeren(tmp_path / "bestaat-niet.csv")
    assert code == 1 and "niet gevonden" in err


def test_read_error_gives_a_dutch_message_without_system_text():
    import io

    class Kapot(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, buffer):
            raise OSError(5, "Input/output error", "/geheim/pad.csv")

    resultaat = trajecten_importeren(bestand=Kapot(), bestandsnaam="kapot.csv")
    assert not resultaat.gelukt
    assert resultaat.fouten == ["rij 1: bestand: het bestand is niet te lezen; probeer het opnieuw"]


# --- Who imports which regions ------------------------------------------------------------


def test_ambassadeur_imports_only_own_regions(tmp_path, ambassadeur_twente):
    pad = csv_schrijven(
        tmp_path / "t.csv", [rij(traject_id="A1"), rij(traject_id="A2", regio="noord-limburg")]
    )
    resultaat = trajecten_importeren(bestand=pad, gebruiker=ambassadeur_twente)
    assert not resultaat.gelukt
    assert resultaat.fouten == [
        "rij 3: regio: u mag alleen trajecten van uw eigen regio's inlezen, niet van Noord-Limburg"
    ]
    assert Traject.objects.count() == 0
    code, _, err = importeren(pad, "--gebruiker", ambassadeur_twente.username)
    assert code == 1 and "rij 3: regio:" in err
    eigen = csv_schrijven(tmp_path / "eigen.csv", [rij(traject_id="A1")])
    assert trajecten_importeren(bestand=eigen, gebruiker=ambassadeur_twente).gelukt


def test_ambassadeur_who_is_also_redacteur_imports_only_own_regions(
    client, tmp_path, ambassadeur_twente
):
    from django.contrib.auth.models import Group

    from portal import roles

    ambassadeur_twente.groups.add(Group.objects.get(name=roles.REDACTEUR))
    inloggen_met_code(client, ambassadeur_twente)
    html = client.get("/admin/effectiviteit/importbatch/add/").content.decode()
    assert "U mag trajecten inlezen voor: Twente." in html
    pad = csv_schrijven(tmp_path / "t.csv", [rij(traject_id="A", regio="noord-limburg")])
    resultaat = trajecten_importeren(bestand=pad, gebruiker=ambassadeur_twente)
    assert resultaat.fouten == [
        "rij 2: regio: u mag alleen trajecten van uw eigen regio's inlezen, niet van Noord-Limburg"
    ]


def test_professional_may_not_import_at_all(tmp_path, professional):
    pad = csv_schrijven(tmp_path / "t.csv", [rij()])
    resultaat = trajecten_importeren(bestand=pad, gebruiker=professional)
    assert not resultaat.gelukt
    assert Traject.objects.count() == 0
