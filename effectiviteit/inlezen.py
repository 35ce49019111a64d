"""Reading and checking trajectory files (README: Beheercommando's), one row at a time.

Nothing here writes: :func:`rijen_lezen` yields checked rows or error lines, and
``services.trajecten_importeren`` decides what to store. Files are streamed so a
large file never sits in memory as a whole.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import hmac
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.conf import settings

from portal import vocabulaires
from portal.selectors import normaliseer, regio_index, sector_index, zoek_in_index
from portal.validatie import te_veel_rijen

KOLOMMEN = [
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
VERPLICHT = {
    "traject_id",
    "regio",
    "aanleverende_partij",
    "doelgroep",
    "sector",
    "beoogd_bewijsstuk",
    "startdatum",
    "status",
}

MAX_FOUTEN = 1000
# ASCII digits only: str.isdigit() and \d also accept "²" or "٣", which int() refuses or
# reads differently.
_DATUM_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DATUM_NL = re.compile(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})")
_BSN_ACHTIG = re.compile(r"[0-9]{8,9}")
_LEEFTIJD = re.compile(r"[0-9]{1,3}")
_CREBO = re.compile(r"[0-9]{5}")
# An Excel number format of only zeros ("000000000") shows leading zeros the cell lacks.
_NULLEN_FORMAAT = re.compile(r"0{2,64}")


class Bestandsfout(Exception):
    """The file as a whole cannot be read; the message is Dutch and user-facing."""


@dataclass(frozen=True)
class Fout:
    rij: int
    kolom: str
    melding: str

    def __str__(self) -> str:
        return f"rij {self.rij}: {self.kolom}: {self.melding}"


@dataclass(frozen=True)
class Trajectrij:
    rij: int
    regio_id: int
    pseudoniem: str
    aanleverende_partij: str
    doelgroep: str
    leeftijdsband: str
    startkwalificatie: bool | None
    sector_id: int
    crebo: str
    beoogd_bewijsstuk: str
    startdatum: dt.date
    einddatum: dt.date | None
    status: str
    behaald_bewijsstuk: str
    uitvalreden: str
    vervolg: str


def pseudoniem(traject_id: str) -> str:
    """Keyed pseudonym of a source id: the same id always gives the same value, and
    without the key nobody can turn it back or test a guessed id."""
    sleutel = settings.PSEUDONIEM_SLEUTEL
    if not sleutel:
        raise Bestandsfout("PSEUDONIEM_SLEUTEL is niet ingesteld; vraag de beheerder dit te doen")
    return hmac.new(sleutel.encode(), traject_id.encode(), hashlib.sha256).hexdigest()


def lijkt_op_bsn(waarde: str) -> bool:
    """Nine digits that pass the eleven-test (all zeros included) could be a BSN.

    Eight digits count as nine with a leading zero: Excel and a number cell drop that
    zero, so "012345672" often arrives as "12345672".
    """
    if not _BSN_ACHTIG.fullmatch(waarde):
        return False
    cijfers = [int(c) for c in waarde.zfill(9)]
    som = sum(c * gewicht for c, gewicht in zip(cijfers[:8], range(9, 1, -1), strict=True))
    return (som - cijfers[8]) % 11 == 0


def datum_lezen(waarde) -> dt.date:
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    if isinstance(waarde, dt.date):
        return waarde
    tekst = str(waarde).strip()
    if m := _DATUM_ISO.fullmatch(tekst):
        jaar, maand, dag = (int(d) for d in m.groups())
    elif m := _DATUM_NL.fullmatch(tekst):
        dag, maand, jaar = (int(d) for d in m.groups())
    else:
        raise ValueError(f"'{tekst[:40]}' is geen datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ")
    try:
        return dt.date(jaar, maand, dag)
    except ValueError:
        raise ValueError(f"'{tekst[:40]}' is geen bestaande datum") from None


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    if isinstance(waarde, dt.datetime):
        return waarde.date().isoformat()
    return str(waarde).strip()


def bestand_bekijken(bestand: IO[bytes]) -> tuple[str, str]:
    """Stream the file once: its SHA-256 and its kind (``xlsx``, ``utf-8`` or ``cp1252``)."""
    bestand.seek(0)
    begin = bestand.read(4)
    bestand.seek(0)
    sha = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    for blok in iter(lambda: bestand.read(1 << 20), b""):
        sha.update(blok)
        if utf8:
            try:
                decoder.decode(blok)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    bestand.seek(0)
    if begin == b"PK\x03\x04":
        return sha.hexdigest(), "xlsx"
    return sha.hexdigest(), "utf-8-sig" if utf8 else "cp1252"


def geschat_aantal_rijen(bestand: IO[bytes], soort: str) -> int | None:
    """About how many data rows the file holds, for a progress bar: the lines of a CSV
    (a quoted field over more lines counts more), the rows an Excel sheet says it
    uses. None when the file does not tell."""
    if soort == "xlsx":
        from openpyxl import load_workbook

        try:
            werkboek = load_workbook(bestand, read_only=True, data_only=True)
            try:
                rijen = werkboek.worksheets[0].max_row if werkboek.worksheets else None
            finally:
                werkboek.close()
        except Exception:  # a damaged file: the reading itself says what is wrong
            rijen = None
        finally:
            bestand.seek(0)
        return max(rijen - 1, 0) if rijen else None
    bestand.seek(0)
    regels = 0
    laatste = b"\n"
    for blok in iter(lambda: bestand.read(1 << 20), b""):
        regels += blok.count(b"\n")
        laatste = blok[-1:]
    bestand.seek(0)
    if laatste != b"\n":
        regels += 1  # the last line without a line break
    return max(regels - 1, 0)


def _ruwe_rijen(bestand: IO[bytes], soort: str) -> Iterator[tuple[int, list]]:
    """Yield (line number in the file, cells) for every record; the header is line 1."""
    if soort == "xlsx":
        yield from _xlsx_rijen(bestand)
        return
    tekst = io.TextIOWrapper(bestand, encoding=soort, newline="")
    try:
        kop = tekst.readline()
        scheiding = ";" if kop.count(";") >= kop.count(",") else ","
        lezer = csv.reader(
            _regels_zonder_nul(kop, tekst), delimiter=scheiding, skipinitialspace=False
        )
        # A quoted field may span lines: a record starts one line after the previous ended.
        vorige_einde = 0
        for cellen in lezer:
            yield vorige_einde + 1, cellen
            vorige_einde = lezer.line_num
    except csv.Error as exc:
        raise Bestandsfout(_csv_melding(exc)) from exc
    finally:
        tekst.detach()


def _csv_melding(exc: csv.Error) -> str:
    # csv's own messages are English; the user gets a fixed Dutch one.
    if "field larger than field limit" in str(exc):
        return "een veld in het CSV-bestand is veel te lang; is het wel een CSV-bestand?"
    return "het CSV-bestand is niet te lezen; sla het opnieuw op als CSV"


def _regels_zonder_nul(eerste: str, rest) -> Iterator[str]:
    # A NUL character never belongs in a CSV file (it usually means a binary file), and
    # PostgreSQL cannot store it, not even inside an error message.
    # itertools.chain, not "yield from": closing this generator early would close the file.
    for regel in itertools.chain((eerste,), rest):
        if "\x00" in regel:
            raise Bestandsfout(
                "het bestand bevat een NUL-teken en is dus geen gewoon tekstbestand; "
                "sla het opnieuw op als CSV of Excel (.xlsx)"
            )
        yield regel


def _xlsx_waarde(cel):
    waarde = cel.value
    if isinstance(waarde, (int, float)) and not isinstance(waarde, bool):
        formaat = getattr(cel, "number_format", "") or ""
        if _NULLEN_FORMAAT.fullmatch(formaat) and float(waarde).is_integer():
            # Shown in Excel with its leading zeros: read it as the text the user sees.
            return str(int(waarde)).zfill(len(formaat))
    return waarde


def _xlsx_rijen(bestand: IO[bytes]) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    melding = "het Excel-bestand is niet te lezen; sla het opnieuw op als .xlsx"
    try:
        werkboek = load_workbook(bestand, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise Bestandsfout(melding) from exc
    try:
        if not werkboek.worksheets:
            return
        # Cells with their formats cost a third more time than bare values, so only
        # when the workbook has a format of zeros at all (openpyxl keeps custom formats
        # in a private list; without it, read the formats to be safe).
        formaten = getattr(werkboek, "_number_formats", None)
        met_formaat = formaten is None or any(_NULLEN_FORMAAT.fullmatch(str(f)) for f in formaten)
        # A damaged sheet only shows while its rows are read (zip, XML or value errors).
        rijen = werkboek.worksheets[0].iter_rows(values_only=not met_formaat)
        nummer = 0
        while True:
            try:
                rij = next(rijen, None)
                if rij is None:
                    cellen = None
                elif met_formaat:
                    cellen = [_xlsx_waarde(cel) for cel in rij]
                else:
                    cellen = list(rij)
            except Exception as exc:
                raise Bestandsfout(melding) from exc
            if cellen is None:
                return
            nummer += 1
            yield nummer, cellen
    finally:
        werkboek.close()


class Controle:
    """Checks rows against the columns (KOLOMMEN, VERPLICHT); keeps the reference data
    it needs in memory (35 regions, 8 sectors), never the rows."""

    def __init__(self, *, toegestane_regio_ids: set[int] | None, vandaag: dt.date):
        self.regios = regio_index()
        self.sectoren = {s.slug: s for s in sector_index().values()}
        self.toegestane_regio_ids = toegestane_regio_ids
        self.vandaag = vandaag

    def kop(self, cellen: list) -> tuple[list[str | None], list[Fout]]:
        fouten: list[Fout] = []
        namen: list[str | None] = []
        gezien: set[str] = set()
        for waarde in cellen:
            naam = normaliseer(_tekst(waarde)).lstrip("\ufeff")
            if not naam:
                namen.append(None)
                continue
            if naam not in KOLOMMEN:
                fouten.append(Fout(1, naam[:60], "onbekende kolom"))
            elif naam in gezien:
                fouten.append(Fout(1, naam, "kolom staat twee keer in de kopregel"))
            gezien.add(naam)
            namen.append(naam)
        for naam in KOLOMMEN:
            if naam in VERPLICHT and naam not in gezien:
                fouten.append(Fout(1, naam, "verplichte kolom ontbreekt"))
        return namen, fouten

    def rij(self, nummer: int, namen: list[str | None], cellen: list) -> Trajectrij | list[Fout]:
        waarden: dict[str, str] = {}
        ruw: dict[str, object] = {}
        fouten: list[Fout] = []
        for i, waarde in enumerate(cellen):
            naam = namen[i] if i < len(namen) else None
            if naam is None:
                if _tekst(waarde):
                    fouten.append(Fout(nummer, f"kolom {i + 1}", "waarde zonder kolomnaam"))
                continue
            waarden[naam] = _tekst(waarde)
            ruw[naam] = waarde

        def fout(kolom: str, melding: str) -> None:
            fouten.append(Fout(nummer, kolom, melding))

        def code(kolom: str, woordenlijst: dict[str, str], *, verplicht: bool) -> str:
            waarde = normaliseer(waarden.get(kolom, ""))
            if not waarde:
                if verplicht:
                    fout(kolom, "verplicht veld is leeg")
                return ""
            if waarde not in woordenlijst:
                fout(kolom, f"onbekende waarde '{waarde[:40]}'; kies uit {', '.join(woordenlijst)}")
                return ""
            return waarde

        traject_id = waarden.get("traject_id", "")
        if not traject_id:
            fout("traject_id", "verplicht veld is leeg")
        elif len(traject_id) > 64:
            fout("traject_id", "langer dan 64 tekens")
        elif lijkt_op_bsn(traject_id):
            fout("traject_id", "lijkt op een BSN; lever een eigen trajectnummer aan, nooit een BSN")

        regio = None
        if not waarden.get("regio"):
            fout("regio", "verplicht veld is leeg")
        else:
            regio = zoek_in_index(self.regios, waarden["regio"])
            if regio is None:
                fout("regio", f"onbekende regio '{waarden['regio'][:60]}'")
            elif (
                self.toegestane_regio_ids is not None and regio.pk not in self.toegestane_regio_ids
            ):
                fout(
                    "regio",
                    f"u mag alleen trajecten van uw eigen regio's inlezen, niet van {regio.naam}",
                )

        partij = code("aanleverende_partij", vocabulaires.PARTIJEN, verplicht=True)
        doelgroep = code("doelgroep", vocabulaires.DOELGROEPEN, verplicht=True)

        band = ""
        leeftijd = waarden.get("leeftijd", "")
        if leeftijd:
            if not _LEEFTIJD.fullmatch(leeftijd) or not 15 <= int(leeftijd) <= 67:
                fout("leeftijd", "geef een leeftijd in hele jaren van 15 tot en met 67")
            else:
                band = vocabulaires.leeftijdsband(int(leeftijd))

        startkwalificatie = None
        sk = normaliseer(waarden.get("startkwalificatie", ""))
        if sk in ("ja", "nee"):
            startkwalificatie = sk == "ja"
        elif sk:
            fout("startkwalificatie", "vul 'ja' of 'nee' in, of laat het leeg")

        sector = None
        if not waarden.get("sector"):
            fout("sector", "verplicht veld is leeg")
        else:
            sector = self.sectoren.get(normaliseer(waarden["sector"]))
            if sector is None:
                fout(
                    "sector",
                    f"onbekende sector '{waarden['sector'][:60]}'; gebruik een "
                    "sectorslug zoals 'handel'",
                )

        crebo = waarden.get("crebo", "")
        if crebo and not _CREBO.fullmatch(crebo):
            fout("crebo", "een crebonummer heeft 5 cijfers")

        beoogd = code("beoogd_bewijsstuk", vocabulaires.BEWIJSSTUKKEN, verplicht=True)
        status = code("status", vocabulaires.STATUSSEN, verplicht=True)

        startdatum = einddatum = None
        if not waarden.get("startdatum"):
            fout("startdatum", "verplicht veld is leeg")
        else:
            try:
                startdatum = datum_lezen(ruw["startdatum"])
            except ValueError as exc:
                fout("startdatum", str(exc))
        if waarden.get("einddatum"):
            try:
                einddatum = datum_lezen(ruw["einddatum"])
            except ValueError as exc:
                fout("einddatum", str(exc))
            else:
                if startdatum and einddatum < startdatum:
                    fout("einddatum", "ligt voor de startdatum")
                elif einddatum > self.vandaag:
                    fout("einddatum", "ligt in de toekomst")
        elif status and status != "lopend":
            fout("einddatum", f"verplicht bij status {status}")

        behaald = code("behaald_bewijsstuk", vocabulaires.BEHAALD, verplicht=status == "afgerond")
        uitvalreden = code(
            "uitvalreden", vocabulaires.UITVALREDENEN, verplicht=status == "uitgevallen"
        )
        vervolg = code("vervolg", vocabulaires.VERVOLGEN, verplicht=False)
        if not vervolg and status in ("afgerond", "uitgevallen") and not fouten:
            vervolg = "onbekend"

        if fouten:
            return fouten
        return Trajectrij(
            rij=nummer,
            regio_id=regio.pk,
            pseudoniem=pseudoniem(traject_id),
            aanleverende_partij=partij,
            doelgroep=doelgroep,
            leeftijdsband=band,
            startkwalificatie=startkwalificatie,
            sector_id=sector.pk,
            crebo=crebo,
            beoogd_bewijsstuk=beoogd,
            startdatum=startdatum,
            einddatum=einddatum,
            status=status,
            behaald_bewijsstuk=behaald,
            uitvalreden=uitvalreden,
            vervolg=vervolg,
        )


def rijen_lezen(bestand: IO[bytes], soort: str, controle: Controle) -> Iterator[Trajectrij | Fout]:
    """Yield every data row as a checked Trajectrij, or its errors as Fout lines.

    A key (regio, traject_id) repeated in the file is found after loading, in the
    database (``services._herhaalde_sleutels``), so memory does not grow with the file.
    """
    rijen = _ruwe_rijen(bestand, soort)
    eerste = next(rijen, None)
    kop = eerste[1] if eerste else None
    if kop is None or not any(_tekst(c) for c in kop):
        yield Fout(1, "bestand", "het bestand is leeg; de eerste regel moet de kolomnamen bevatten")
        return
    namen, fouten = controle.kop(kop)
    if fouten:
        yield from fouten
        return
    aantal = 0
    for nummer, cellen in rijen:
        if not any(_tekst(c) for c in cellen):
            continue
        aantal += 1
        if aantal > settings.IMPORT_MAX_RIJEN:
            yield Fout(nummer, "bestand", te_veel_rijen())
            return
        resultaat = controle.rij(nummer, namen, cellen)
        if isinstance(resultaat, list):
            yield from resultaat
        else:
            yield resultaat
