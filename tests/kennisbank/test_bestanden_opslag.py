"""Uploaded materials in either media store: the file system, or an S3-compatible bucket
(moto's server mode). Downloads always pass the portal's permission checks; nothing links
to the store itself."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from kennisbank.models import Materiaal
from tests.kennisbank.helpers import PDF_INHOUD, maak, materiaal_formulier
from tests.tweede_factor import inloggen_met_code

pytestmark = pytest.mark.django_db

DOWNLOAD = "/kennisbank/materialen/folder/download/"


@pytest.fixture(params=["bestanden", "s3"])
def opslag(request, settings):
    """The media store of the test; the S3 bucket, or None for the file system."""
    if request.param == "s3":
        return request.getfixturevalue("s3_media")
    return None


def _uploaden(client, redacteur):
    inloggen_met_code(client, redacteur)
    response = client.post(
        "/admin/kennisbank/materiaal/add/",
        materiaal_formulier(
            status="gepubliceerd",
            publiek="",  # left unticked: for logged-in users only
            bestand=SimpleUploadedFile("Folder.pdf", PDF_INHOUD),
        ),
    )
    assert response.status_code == 302
    return Materiaal.objects.get(slug="folder")


def test_an_upload_is_kept_in_the_configured_store(client, redacteur, opslag, settings):
    item = _uploaden(client, redacteur)
    assert item.bestandstype == "application/pdf"
    assert item.bestandsgrootte == len(PDF_INHOUD)
    op_schijf = settings.MEDIA_ROOT / item.bestand.name
    if opslag is None:
        assert op_schijf.read_bytes() == PDF_INHOUD
    else:
        assert not op_schijf.exists()
        assert opslag.namen() == [item.bestand.name]
        opgehaald = opslag.client().get_object(Bucket=opslag.bucket, Key=item.bestand.name)
        assert opgehaald["Body"].read() == PDF_INHOUD


def test_the_download_streams_through_the_portal_for_who_may_see_it(client, redacteur, opslag):
    _uploaden(client, redacteur)
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_INHOUD
    assert response["Content-Disposition"] == 'attachment; filename="folder.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.get(DOWNLOAD).status_code == 404


def test_a_file_gone_from_the_store_is_a_dutch_404_and_its_page_still_opens(
    client, redacteur, opslag, settings
):
    item = _uploaden(client, redacteur)
    if opslag is None:
        (settings.MEDIA_ROOT / item.bestand.name).unlink()
    else:
        opslag.client().delete_object(Bucket=opslag.bucket, Key=item.bestand.name)
    response = client.get(DOWNLOAD)
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()
    assert client.get(item.get_absolute_url()).status_code == 200


def test_the_admin_links_the_file_to_the_portals_download(client, redacteur, opslag):
    item = _uploaden(client, redacteur)
    pagina = client.get(f"/admin/kennisbank/materiaal/{item.pk}/change/").content.decode()
    assert f'<a href="{DOWNLOAD}?voorbeeld=1">{item.bestand.name}</a>' in pagina
    assert "/media/" not in pagina
    if opslag is not None:
        for naam in (opslag.endpoint, opslag.bucket, "X-Amz-"):
            assert naam not in pagina
    # The link opens the file for this editor, also while the item is a concept.
    Materiaal.objects.filter(pk=item.pk).update(status="concept")
    response = client.get(f"{DOWNLOAD}?voorbeeld=1")
    assert b"".join(response.streaming_content) == PDF_INHOUD


def test_the_bucket_is_private_and_any_storage_url_is_signed_and_short_lived(s3_media):
    item = maak(Materiaal, "Folder", bestand=SimpleUploadedFile("f.pdf", PDF_INHOUD))
    acl = s3_media.client().get_object_acl(Bucket=s3_media.bucket, Key=item.bestand.name)
    ontvangers = {grant["Grantee"].get("URI") for grant in acl["Grants"]}
    assert not {u for u in ontvangers if u and ("AllUsers" in u or "AuthenticatedUsers" in u)}
    assert [grant["Permission"] for grant in acl["Grants"]] == ["FULL_CONTROL"]

    url = default_storage.url(item.bestand.name)
    assert "X-Amz-Signature=" in url
    assert "X-Amz-Expires=60&" in url or url.endswith("X-Amz-Expires=60")
