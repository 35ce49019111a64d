"""CSV/XLSX import of organisations and persons: preview, Dutch errors, all or nothing."""

import datetime
import io
from unittest import mock

import pytest
import tablib
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from netwerk import importopslag, resources, selectors, services
from netwerk.models import Contactpersoon, Organisatie
from netwerk.resources import ContactpersoonResource, OrganisatieResource
from netwerk.telefoon import MELDING
from portal.models import Achtergrondtaak
from tests.factories import regio
from tests.tweede_factor import inloggen_met_code
from tests.wachtrij import wachtrij_afwerken

pytestmark = pytest.mark.django_db
# The confirmed import is read in by a worker, which sees only what was committed (the
# ``wachtrij`` fixture); it reports its progress through a second connection.
met_wachtrij = pytest.mark.django_db(transaction=True, databases="__all__")


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
    assert wsp.telefoon == "053 480 0012"
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
    assert nina.telefoon == "06 22223333"

    fout = csv.replace("jobcoach; specialist-praktijkleren", "tovenaar").replace(
        "roc-twente", "bestaat-niet"
    )
    resultaat = ContactpersoonResource(gebruiker=ambassadeur_twente).import_data(_dataset(fout))
    fouten = "\n".join(_fouten(resultaat))
    assert "onbekende rol 'tovenaar'" in fouten
    assert "onbekende organisatie 'bestaat-niet'" in fouten


def _importpagina(client, inhoud: str):
    """Send ``inhoud`` as a CSV file of organisations from the admin's import page."""
    bestand = SimpleUploadedFile("organisaties.csv", inhoud.encode())
    return client.post(
        reverse("admin:netwerk_organisatie_import"),
        {"import_file": bestand, "format": 0, "resource": 0},
    )


@met_wachtrij
def test_admin_import_shows_a_preview_before_writing(wachtrij, client, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    assert client.get(reverse("admin:netwerk_organisatie_import")).status_code == 200
    response = _importpagina(client, f"{KOP}\nwsp,WSP,werkgeversservicepunt,twente,,,,,\n")
    assert response.status_code == 200
    assert "WSP" in response.text
    assert not Organisatie.objects.exists()  # only the preview so far
    bevestig = response.context["confirm_form"]
    response = client.post(reverse("admin:netwerk_organisatie_process_import"), bevestig.initial)
    taak = Achtergrondtaak.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("achtergrondtaak", args=[taak.pk])
    assert not Organisatie.objects.exists()  # the worker writes, not the request
    assert (taak.soort, taak.bestandsnaam) == ("netwerk-import", "organisaties.csv")
    html = client.get(response["Location"]).content.decode()
    assert "<progress" in html and "http-equiv" in html

    wachtrij_afwerken()
    wsp = Organisatie.objects.get(sleutel="wsp")
    html = client.get(response["Location"]).content.decode()
    assert (
        "Het inlezen van de organisaties is klaar: 1 nieuw, 0 bijgewerkt, 0 verwijderd "
        "en 0 ongewijzigd." in html
    )
    assert "Naar de organisaties" in html
    taak.refresh_from_db()
    assert (taak.status, taak.gelezen, taak.totaal, taak.fouten) == ("gelukt", 1, 1, 0)
    assert (
        not taak.bestand and not importopslag.ImportOpslag()._storage.listdir(importopslag.MAP)[1]
    )
    # As with an import in the request: the history and the admin's log name the user.
    assert wsp.history.get().history_user == ambassadeur_twente
    assert LogEntry.objects.get(object_id=str(wsp.pk)).user == ambassadeur_twente


def test_admin_import_of_an_invalid_file_offers_no_confirmation(client, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    response = _importpagina(client, f"{KOP}\nwsp,WSP,onzin,twente,,,,,\n")
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


def _voorvertoning(client, inhoud: str):
    return _importpagina(client, inhoud).context["confirm_form"]


@met_wachtrij
def test_a_confirmation_that_fails_after_all_writes_nothing_and_says_why(
    wachtrij, client, ambassadeur_twente
):
    inloggen_met_code(client, ambassadeur_twente)
    bevestig = _voorvertoning(
        client,
        f"{KOP}\nnieuw-a,Nieuw A,gemeente,twente,,,,,\nnieuw-b,Nieuw B,gemeente,twente,,,,,\n",
    )
    # Between preview and confirmation someone else registers nieuw-b in another region.
    services.organisatie_opslaan(
        sleutel="nieuw-b", naam="Van Limburg", soort="overig", regios=[regio("noord-limburg")]
    )
    response = client.post(
        reverse("admin:netwerk_organisatie_process_import"), bevestig.initial, follow=True
    )
    assert response.status_code == 200
    wachtrij_afwerken()
    response = client.get(response.redirect_chain[-1][0])
    assert response.status_code == 200
    assert "Er is niets ingelezen" in response.text
    assert "rij 2, sleutel: deze sleutel hoort bij een regio die u niet beheert" in response.text
    assert Achtergrondtaak.objects.get().status == "mislukt"
    assert not Organisatie.objects.filter(sleutel="nieuw-a").exists()
    assert Organisatie.objects.get(sleutel="nieuw-b").naam == "Van Limburg"


def test_abandoned_previews_are_deleted_after_a_day(client, ambassadeur_twente, settings):
    inloggen_met_code(client, ambassadeur_twente)
    bevestig = _voorvertoning(client, f"{KOP}\nwsp,WSP,werkgeversservicepunt,twente,,,,,\n")
    naam = bevestig.initial["import_file_name"]
    pad = settings.MEDIA_ROOT / importopslag.MAP / naam
    assert pad.exists()  # waits in its own folder of the media storage
    assert importopslag.oude_bestanden_opruimen() == 0
    over_twee_dagen = timezone.now() + datetime.timedelta(days=2)
    assert importopslag.oude_bestanden_opruimen(nu=over_twee_dagen) == 1
    assert not pad.exists()
    # Confirming the abandoned preview now explains itself instead of failing.
    response = client.post(
        reverse("admin:netwerk_organisatie_process_import"), bevestig.initial, follow=True
    )
    assert response.status_code == 200
    assert "niet meer beschikbaar" in response.text
    assert not Organisatie.objects.exists()
    bevestig.initial["import_file_name"] = "../../geheim"
    response = client.post(
        reverse("admin:netwerk_organisatie_process_import"), bevestig.initial, follow=True
    )
    assert "niet meer beschikbaar" in response.text


def test_a_person_only_joins_an_organisation_of_the_importers_regions(netwerk, ambassadeur_twente):
    csv = "sleutel,naam,organisatie,regios\nnieuw,Nina Nieuw,gilde-venlo,twente\n"
    resultaat = ContactpersoonResource(gebruiker=ambassadeur_twente).import_data(_dataset(csv))
    assert "werkt niet in een regio die u beheert" in "\n".join(_fouten(resultaat))
    assert not Contactpersoon.objects.filter(sleutel="nieuw").exists()


def test_lookups_are_read_once_per_file(netwerk, ambassadeur_twente):
    rijen = "".join(
        f"p{n},Persoon {n},roc-twente,twente,techniek-en-gebouwde-omgeving,slim-subsidie\n"
        for n in range(5)
    )
    csv = "sleutel,naam,organisatie,regios,sectoren,instrumenten\n" + rijen
    with (
        mock.patch("netwerk.resources.regio_index", wraps=resources.regio_index) as regios,
        mock.patch("netwerk.resources.sector_index", wraps=resources.sector_index) as sectoren,
        mock.patch(
            "netwerk.selectors.organisaties_op_sleutel",
            wraps=selectors.organisaties_op_sleutel,
        ) as organisaties,
    ):
        resultaat = ContactpersoonResource(gebruiker=ambassadeur_twente).import_data(_dataset(csv))
    assert not resultaat.has_validation_errors(), _fouten(resultaat)
    assert (regios.call_count, sectoren.call_count, organisaties.call_count) == (1, 1, 1)
    assert Contactpersoon.objects.filter(sleutel__startswith="p").count() == 5


def test_xlsx_phone_numbers_stored_as_numbers_get_their_leading_zero_back(ambassadeur_twente):
    dataset = tablib.Dataset(headers=KOP.split(","))
    dataset.append(["x", "X", "overig", "twente", "", "", 534800012, "", ""])
    dataset.append(["y", "Y", "overig", "twente", "", "", 612345678.0, "", ""])
    geladen = tablib.Dataset().load(io.BytesIO(dataset.export("xlsx")).read(), format="xlsx")
    resultaat = OrganisatieResource(gebruiker=ambassadeur_twente).import_data(geladen)
    assert not resultaat.has_validation_errors(), _fouten(resultaat)
    assert Organisatie.objects.get(sleutel="x").telefoon == "053 480 0012"
    assert Organisatie.objects.get(sleutel="y").telefoon == "06 12345678"


def test_an_invalid_phone_number_gives_one_error_on_the_field():
    organisatie = Organisatie(sleutel="x", naam="X", soort="overig", telefoon="12345")
    with pytest.raises(ValidationError) as fout:
        organisatie.full_clean(exclude=["regios"])
    assert fout.value.message_dict == {"telefoon": [MELDING]}


def test_an_import_cannot_turn_an_mbo_with_erkenningen_into_another_soort(
    netwerk, ambassadeur_twente
):
    csv = f"{KOP}\nroc-twente,ROC Twente,overig,twente,,,,,\n"
    resultaat = OrganisatieResource(gebruiker=ambassadeur_twente).import_data(_dataset(csv))
    assert "blijft daarom een mbo-instelling" in "\n".join(_fouten(resultaat))
    netwerk["roc"].refresh_from_db()
    assert netwerk["roc"].soort == "mbo-instelling"


def test_control_characters_in_names_are_refused_in_dutch(ambassadeur_twente):
    kop = (
        "sleutel,naam,functie,organisatie,rollen,sectoren,instrumenten,email,telefoon,regios,actief"
    )
    csv = (
        f"{kop}\n"
        '"cr","Carla\rEMAIL:aanvaller@example.org",,,,,,,,twente,ja\n'
        '"tab","Tom","Jobcoach\tWSP",,,,,,,twente,ja\n'
        '"gewoon","Gerda de Vries",,,,,,,,twente,ja\n'
    )
    resultaat = ContactpersoonResource(gebruiker=ambassadeur_twente).import_data(_dataset(csv))
    fouten = _fouten(resultaat)
    assert len(fouten) == 2
    assert fouten[0].startswith("rij 1: naam: Dit veld mag geen regeleinden, tabs of andere")
    assert fouten[1].startswith("rij 2: functie: Dit veld mag geen regeleinden")
    assert not Contactpersoon.objects.exists()


def test_a_file_over_the_row_cap_is_refused_before_any_row(settings, ambassadeur_twente):
    settings.IMPORT_MAX_RIJEN = 2
    regels = "".join(f"org-{n},Organisatie {n},gemeente,twente,,,,,\n" for n in range(3))
    resultaat = OrganisatieResource(gebruiker=ambassadeur_twente).import_data(
        _dataset(f"{KOP}\n{regels}")
    )
    assert resultaat.has_errors()
    assert [str(fout.error) for fout in resultaat.base_errors] == [
        "het bestand heeft meer dan 2 rijen; splits het in kleinere bestanden en lees die "
        "na elkaar in"
    ]
    assert not Organisatie.objects.exists()


def test_the_admin_shows_the_row_cap_and_offers_no_confirmation(
    client, settings, ambassadeur_twente
):
    settings.IMPORT_MAX_RIJEN = 1
    inloggen_met_code(client, ambassadeur_twente)
    regels = "".join(f"org-{n},Organisatie {n},gemeente,twente,,,,,\n" for n in range(2))
    response = _importpagina(client, f"{KOP}\n{regels}")
    assert response.status_code == 200
    assert "het bestand heeft meer dan 1 rijen" in response.text
    assert "confirm_form" not in response.context or not response.context["confirm_form"]
    assert not Organisatie.objects.exists()


def test_the_netwerk_has_a_smaller_cap_of_its_own_for_its_preview(
    client, settings, ambassadeur_twente
):
    # The preview shows every row and is made while the user waits.
    assert settings.NETWERK_IMPORT_MAX_RIJEN < settings.IMPORT_MAX_RIJEN
    settings.NETWERK_IMPORT_MAX_RIJEN = 2
    inloggen_met_code(client, ambassadeur_twente)
    regels = "".join(f"org-{n},Organisatie {n},gemeente,twente,,,,,\n" for n in range(3))
    bestand = SimpleUploadedFile("organisaties.csv", f"{KOP}\n{regels}".encode())
    response = client.post(
        reverse("admin:netwerk_organisatie_import"),
        {"import_file": bestand, "format": 0, "resource": 0},
    )
    assert "het bestand heeft meer dan 2 rijen; splits het in kleinere bestanden" in response.text
    assert not response.context.get("confirm_form")
    assert not Organisatie.objects.exists()


@met_wachtrij
def test_a_confirmation_sent_twice_imports_once_and_says_so(wachtrij, client, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    bevestig = _voorvertoning(client, f"{KOP}\nwsp,WSP,werkgeversservicepunt,twente,,,,,\n")
    url = reverse("admin:netwerk_organisatie_process_import")
    assert client.post(url, bevestig.initial).status_code == 302
    assert client.post(url, bevestig.initial).status_code == 302  # a second click
    wachtrij_afwerken()
    eerste, tweede = Achtergrondtaak.objects.order_by("pk")
    assert (eerste.status, tweede.status) == ("gelukt", "mislukt")
    assert Organisatie.objects.filter(sleutel="wsp").count() == 1
    html = client.get(reverse("achtergrondtaak", args=[tweede.pk])).content.decode()
    assert "Het bestand van deze taak is er niet meer" in html
