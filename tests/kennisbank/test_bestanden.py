import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kennisbank.bestanden import DOCX, PDF, XLSX, bestand_controleren
from kennisbank.models import Materiaal
from tests.kennisbank.helpers import PDF_INHOUD, maak, materiaal_formulier
from tests.tweede_factor import inloggen_met_code


def _office(map_: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("[Content_Types].xml", "<Types/>")
        archief.writestr(f"{map_}document.xml", "<x/>")
    return buffer.getvalue()


def test_pdf_and_office_files_are_accepted():
    assert bestand_controleren(SimpleUploadedFile("a.pdf", PDF_INHOUD)) == PDF
    assert bestand_controleren(SimpleUploadedFile("b.docx", _office("word/"))) == DOCX
    assert bestand_controleren(SimpleUploadedFile("c.xlsx", _office("xl/"))) == XLSX


@pytest.mark.parametrize(
    ("naam", "inhoud"),
    [
        ("virus.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),  # a Windows program
        ("archief.docx", zipfile.ZipFile.__name__.encode()),  # not a zip at all
        ("leeg.pdf", b""),
        ("pagina.pdf", b"<html><script>alert(1)</script></html>"),
        ("brief.pdf", _office("word/")),  # content and name disagree
    ],
)
def test_wrong_content_is_refused(naam, inhoud):
    with pytest.raises(ValidationError):
        bestand_controleren(SimpleUploadedFile(naam, inhoud))


def test_a_zip_without_office_structure_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("setup.exe", b"MZ")
    with pytest.raises(ValidationError):
        bestand_controleren(SimpleUploadedFile("rapport.docx", buffer.getvalue()))


def test_files_over_the_upload_limit_are_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    groot = SimpleUploadedFile("groot.pdf", PDF_INHOUD + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as fout:
        bestand_controleren(groot)
    assert fout.value.messages == ["Het bestand is groter dan 1,0\xa0MB."]
    bestand_controleren(SimpleUploadedFile("klein.pdf", PDF_INHOUD + b"0" * 1000))


@pytest.mark.django_db
def test_uploaded_files_are_stored_under_a_generated_name(client, redacteur):
    inloggen_met_code(client, redacteur)
    bestand = SimpleUploadedFile("../Jan Jansen cv.PDF", PDF_INHOUD)
    response = client.post(
        "/admin/kennisbank/materiaal/add/",
        materiaal_formulier(bestand=bestand, status="gepubliceerd"),
    )
    assert response.status_code == 302
    materiaal = Materiaal.objects.get()
    assert re.fullmatch(r"materialen/\d{4}/[0-9a-f]{32}\.pdf", materiaal.bestand.name)
    assert materiaal.bestandsextensie == "PDF"
    # The download is named after the item, not after the uploaded file or its storage.
    download = client.get("/kennisbank/materialen/folder/download/")
    assert download["Content-Disposition"] == 'attachment; filename="folder.pdf"'
    assert b"".join(download.streaming_content) == PDF_INHOUD


@pytest.mark.django_db
def test_admin_refuses_a_renamed_exe(client, redacteur):
    inloggen_met_code(client, redacteur)
    exe = SimpleUploadedFile("folder.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post("/admin/kennisbank/materiaal/add/", materiaal_formulier(bestand=exe))
    assert response.status_code == 200
    assert "Alleen PDF-" in response.content.decode()
    assert not Materiaal.objects.exists()


@pytest.mark.django_db
def test_download_is_safe_and_respects_visibility(client, professional):
    openbaar = maak(Materiaal, "Openbare folder", bestand=SimpleUploadedFile("f.pdf", PDF_INHOUD))
    assert openbaar.bestandstype == PDF
    response = client.get(f"/kennisbank/materialen/{openbaar.slug}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_INHOUD

    intern = maak(
        Materiaal, "Interne folder", intern=True, bestand=SimpleUploadedFile("g.pdf", PDF_INHOUD)
    )
    assert client.get(f"/kennisbank/materialen/{intern.slug}/download/").status_code == 404
    client.force_login(professional)
    assert client.get(f"/kennisbank/materialen/{intern.slug}/download/").status_code == 200
    zonder = maak(Materiaal, "Alleen tekst")
    assert client.get(f"/kennisbank/materialen/{zonder.slug}/download/").status_code == 404


@pytest.mark.django_db
def test_page_of_a_materiaal_whose_file_is_gone_still_opens(client, settings):
    item = maak(Materiaal, "Verloren folder", bestand=SimpleUploadedFile("v.pdf", PDF_INHOUD))
    assert item.bestandsgrootte == len(PDF_INHOUD)
    (settings.MEDIA_ROOT / item.bestand.name).unlink()
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "Verloren folder" in response.content.decode()
    assert client.get(f"{item.get_absolute_url()}download/").status_code == 404
