"""Small trajectory files written for real, as CSV or XLSX, for the import tests."""

from pathlib import Path

KOP = [
    "traject_id",
    "regio",
    "aanleverende_partij",
    "doelgroep",
    "leeftijd",
    "startkwalificatie",
    "sector",
    "crebo",
    "beoogd_bewijsstuk",
    "startdatum",
    "einddatum",
    "status",
    "behaald_bewijsstuk",
    "uitvalreden",
    "vervolg",
]


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
