"""Small trajectory files written for real, as CSV or XLSX, and the two ways to read
them in: the import command and the upload in the admin."""

from io import StringIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from effectiviteit.inlezen import KOLOMMEN

# The columns of a trajectory file, as the importer names them.
KOP = KOLOMMEN


def rij(**velden) -> dict:
    basis = {
        "traject_id": "T-1",
        "regio": "twente",
        "aanleverende_partij": "gemeente",
        "doelgroep": "bijstand",
        "leeftijd": "24",
        "startkwalificatie": "nee",
        "sector": "handel",
        "crebo": "",
        "beoogd_bewijsstuk": "praktijkverklaring",
        "startdatum": "2024-01-15",
        "einddatum": "2024-06-30",
        "status": "afgerond",
        "behaald_bewijsstuk": "praktijkverklaring",
        "uitvalreden": "",
        "vervolg": "duurzame-baan",
    }
    basis.update(velden)
    return basis


def csv_schrijven(
    pad: Path, rijen: list[dict], *, kop=None, scheiding=";", encoding="utf-8"
) -> Path:
    kop = kop or KOP
    regels = [scheiding.join(kop)]
    regels += [scheiding.join(str(r.get(k, "")) for k in kop) for r in rijen]
    pad.write_bytes(("\r\n".join(regels) + "\r\n").encode(encoding))
    return pad


def xlsx_schrijven(pad: Path, rijen: list[list]) -> Path:
    from openpyxl import Workbook

    werkboek = Workbook()
    blad = werkboek.active
    for r in rijen:
        blad.append(r)
    werkboek.save(pad)
    return pad


def importeren(pad: Path, *extra: str) -> tuple[int, str, str]:
    """Run import_trajecten on ``pad``: its exit status, output and errors."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_trajecten", str(pad), *extra, stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def uploaden(client, pad: Path, **velden):
    """Upload ``pad`` on the admin's import page, as the logged-in user of ``client``."""
    bestand = SimpleUploadedFile(pad.name, pad.read_bytes(), content_type="text/csv")
    return client.post("/admin/effectiviteit/importbatch/add/", {"bestand": bestand, **velden})
