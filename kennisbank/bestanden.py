"""Checks on uploaded materials: the type is read from the content, never from the name."""

import uuid
import zipfile
from pathlib import PurePath

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# An Office Open XML file is a zip whose main part sits in a folder of its own.
_OFFICE_MAPPEN = {"word/": (DOCX, ".docx"), "ppt/": (PPTX, ".pptx"), "xl/": (XLSX, ".xlsx")}
EXTENSIES = {PDF: ".pdf", DOCX: ".docx", PPTX: ".pptx", XLSX: ".xlsx"}

FOUT_TYPE = (
    "Alleen PDF-, Word- (docx), PowerPoint- (pptx) en Excel-bestanden (xlsx) zijn toegestaan."
)


def _office_type(bestand) -> str | None:
    try:
        with zipfile.ZipFile(bestand) as archief:
            namen = archief.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in namen:
        return None
    gevonden = {
        mime for map_, (mime, _) in _OFFICE_MAPPEN.items() if any(n.startswith(map_) for n in namen)
    }
    return gevonden.pop() if len(gevonden) == 1 else None


def bestand_controleren(bestand) -> str:
    """The content type of an acceptable upload; raises ValidationError (Dutch) otherwise.

    A PDF must start with the PDF signature; a docx, pptx or xlsx must be a zip with
    the Office structure. The file name's extension must agree with the content, so a
    renamed program or archive is refused.
    """
    grootte = getattr(bestand, "size", None)
    if grootte is None:
        bestand.seek(0, 2)
        grootte = bestand.tell()
    if grootte == 0:
        raise ValidationError("Het bestand is leeg.", code="leeg")
    if grootte > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            f"Het bestand is groter dan {filesizeformat(settings.UPLOAD_MAX_BYTES)}.",
            code="te_groot",
        )

    bestand.seek(0)
    kop = bestand.read(8192)
    bestand.seek(0)
    try:
        herkend = {m.mime_type for m in puremagic.magic_string(kop)}
    except (puremagic.PureError, ValueError):
        herkend = set()

    mime = None
    if PDF in herkend:
        mime = PDF
    elif kop.startswith(b"PK\x03\x04"):
        mime = _office_type(bestand)
        bestand.seek(0)
    if mime is None:
        raise ValidationError(FOUT_TYPE, code="type")

    naam = (getattr(bestand, "name", "") or "").lower()
    if not naam.endswith(EXTENSIES[mime]):
        raise ValidationError(
            f"De bestandsnaam past niet bij de inhoud: dit is een {EXTENSIES[mime]}-bestand.",
            code="extensie",
        )
    return mime


def materiaal_pad(instance, filename: str) -> str:
    """Where an uploaded material is stored: a random name with the extension that
    ``bestand_controleren`` matched to the content. The uploader's file name never
    reaches the storage (no path tricks, no personal names in file names); the
    download is named after the item's slug."""
    extensie = PurePath(filename).suffix.lower()
    return f"materialen/{timezone.now():%Y}/{uuid.uuid4().hex}{extensie}"
