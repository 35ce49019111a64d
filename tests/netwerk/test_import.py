"""CSV/XLSX import of organisations and persons: preview, Dutch errors, all or nothing."""

import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netwerk.models import Contactpersoon, Organisatie
from netwerk.resources import ContactpersoonResource, OrganisatieResource

pytestmark = pytest.mark.django_db

KOP = "sleutel,naam,soort,regios,adres,website,telefoon,email,omschrijving"


def _dataset(csv: str) -> tablib.Dataset:
    return tablib.Dataset().load(csv, format="csv")


def _fouten(result) -> list[str]:
    return [
        f"rij {rij.number}: {veld}: {' '.join(meldingen)}"
        for rij in result.invalid_rows
        for veld, meldingen in rij.field_specific_errors.items()
    ]


def test_valid_file_imports_and_reimport_updates(ambassadeur_twente):
    csv = (
        f"{KOP}\n"
        "wsp-twente,WSP Twente,werkgeversservicepunt,Twente,,https://example.org,0534800012,,\n"
        "bedrijf-x,Bedrijf X,WERKGEVER,twente,,,,info@example.org,\n"
    )
    resource = OrganisatieResource(gebruiker=ambassadeur_twente)
    preview = resource.import_data(_dataset(csv), dry_run=True)
    assert not preview.has_errors() and not preview.has_validation_errors()
    assert not Organisatie.objects.exists()
    resultaat = OrganisatieResource(gebruiker=ambassadeur_twente).import_data(_dataset(csv))
    assert resultaat.totals["new"] == 2
    wsp = Organisatie.objects.get(sleutel="wsp-twente")
    assert wsp.telefoon == "053 480 00 12"
    assert [r.slug for r in wsp.regios.all()] == ["twente"]

    OrganisatieResource(gebruiker=ambassadeur_twente).import_data(
        _dataset(csv.replace("WSP Twente", "Werkgeversservicepunt Twente"))
    )
    assert Organisatie.objects.count() == 2
    assert Organisatie.objects.get(sleutel="wsp-twente").naam == "Werkgeversservicepunt Twente"


def test_one_bad_row_writes_nothing_and_every_error_is_dutch(ambassadeur_twente):
    csv = (
        f"{KOP}\n"
        "goed,Goede organisatie,gemeente,twente,,,,,\n"
        "fout-1,Foute telefoon,gemeente,twente,,,12345,,\n"
        "fout-2,Andere regio,gemeente,noord-limburg,,,,,\n"
        "fout-3,Onbekende soort,ufo,twente,,,,,\n"
        "fout-4,Geen regio,gemeente,,,,,,\n"
        "fout-5,Onbekende regio,gemeente,Atlantis,,,,,\n"
    )
    resultaat = OrganisatieResource(gebruiker=ambassadeur_twente).import_data(_dataset(csv))
    assert resultaat.has_validation_errors()
    assert not Organisatie.objects.exists()
    fouten = "\n".join(_fouten(resultaat))
    assert "Nederlands telefoonnummer" in fouten
    assert "u beheert de regio 'Noord-Limburg' niet" in fouten
    assert "onbekende waarde 'ufo'" in fouten
    assert "vul ten minste één regio in" in fouten
    assert "onbekende regio 'Atlantis'" in fouten
    assert len(resultaat.invalid_rows) == 5


def test_ambassadeur_cannot_overwrite_another_regions_entry(netwerk, ambassadeur_twente):
    csv = f"{KOP}\ngilde-venlo,Gekaapt,mbo-instelling,twente,,,,,\n"
    resultaat = OrganisatieResource(gebruiker=ambassadeur_twente).import_data(_dataset(csv))
    assert "regio die u niet beheert" in "\n".join(_fouten(resultaat))
    netwerk["gilde"].refresh_from_db()
    assert netwerk["gilde"].naam == "Gilde Venlo"


def test_persons_import_with_roles_sectors_instruments(netwerk, ambassadeur_twente):
    csv = (
        "sleutel,naam,functie,organisatie,rollen,sectoren,instrumenten,email,telefoon,regios,actief\n"
        "nieuw,Nina Nieuw,Jobcoach,roc-twente,jobcoach; specialist-praktijkleren,"
        "techniek-en-gebouwde-omgeving,slim-subsidie,nina@example.org,06-22223333,twente,ja\n"
    )
    resultaat = ContactpersoonResource(gebruiker=ambassadeur_twente).import_data(_dataset(csv))
    assert not resultaat.has_validation_errors(), _fouten(resultaat)
    nina = Contactpersoon.objects.get(sleutel="nieuw")
    assert nina.rollen == ["jobcoach", "specialist-praktijkleren"]
    assert nina.organisatie == netwerk["roc"]
    assert [i.slug for i in nina.instrumenten.all()] == ["slim-subsidie"]
    assert nina.telefoon == "06 2222 3333"

    fout = csv.replace("jobcoach; specialist-praktijkleren", "tovenaar").replace(
        "roc-twente", "bestaat-niet"
    )
    resultaat = ContactpersoonResource(gebruiker=ambassadeur_twente).import_data(_dataset(fout))
    fouten = "\n".join(_fouten(resultaat))
    assert "onbekende rol 'tovenaar'" in fouten
    assert "onbekende organisatie 'bestaat-niet'" in fouten


def test_admin_import_shows_a_preview_before_writing(client, ambassadeur_twente):
    client.force_login(ambassadeur_twente)
    url = reverse("admin:netwerk_organisatie_import")
    assert client.get(url).status_code == 200
    bestand = SimpleUploadedFile(
        "organisaties.csv", f"{KOP}\nwsp,WSP,werkgeversservicepunt,twente,,,,,\n".encode()
    )
    response = client.post(url, {"import_file": bestand, "format": 0, "resource": 0})
    assert response.status_code == 200
    assert "WSP" in response.text
    assert not Organisatie.objects.exists()  # only the preview so far
    bevestig = response.context["confirm_form"]
    response = client.post(
        reverse("admin:netwerk_organisatie_process_import"), bevestig.initial, follow=True
    )
    assert response.status_code == 200
    assert Organisatie.objects.filter(sleutel="wsp").exists()


def test_admin_import_of_an_invalid_file_offers_no_confirmation(client, ambassadeur_twente):
    client.force_login(ambassadeur_twente)
    bestand = SimpleUploadedFile("organisaties.csv", f"{KOP}\nwsp,WSP,onzin,twente,,,,,\n".encode())
    response = client.post(
        reverse("admin:netwerk_organisatie_import"),
        {"import_file": bestand, "format": 0, "resource": 0},
    )
    assert response.status_code == 200
    assert "onbekende waarde" in response.text
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Organisatie.objects.exists()


def test_xlsx_is_accepted(ambassadeur_twente):
    dataset = tablib.Dataset(headers=KOP.split(","))
    dataset.append(["x", "X", "overig", "twente", "", "", "", "", ""])
    geladen = tablib.Dataset().load(io.BytesIO(dataset.export("xlsx")).read(), format="xlsx")
    resultaat = OrganisatieResource(gebruiker=ambassadeur_twente).import_data(geladen)
    assert not resultaat.has_validation_errors()
    assert Organisatie.objects.filter(sleutel="x").exists()
