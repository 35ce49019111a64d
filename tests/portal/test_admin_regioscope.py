"""The shared admin base for region-owned models, exercised on two test-only models."""

import pytest
from django.urls import reverse

from tests.factories import InstrumentFactory, regio
from tests.regiotest.models import Aantekening, Notitie
from tests.tweede_factor import inloggen_met_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def notities():
    return {
        "twente": Notitie.objects.create(titel="Twentse notitie", regio=regio("twente")),
        "noord-limburg": Notitie.objects.create(
            titel="Limburgse notitie", regio=regio("noord-limburg")
        ),
        "landelijk": Notitie.objects.create(titel="Landelijke notitie", regio=None),
    }


def test_changelist_shows_only_own_region(client, ambassadeur_twente, notities):
    inloggen_met_code(client, ambassadeur_twente)
    response = client.get(reverse("admin:regiotest_notitie_changelist"))
    assert response.status_code == 200
    assert "Twentse notitie" in response.text
    assert "Limburgse notitie" not in response.text
    assert "Landelijke notitie" not in response.text


@pytest.mark.parametrize("view", ["change", "delete", "history"])
@pytest.mark.parametrize("andere", ["noord-limburg", "landelijk"])
def test_other_regions_and_national_objects_are_refused(
    client, ambassadeur_twente, notities, view, andere
):
    inloggen_met_code(client, ambassadeur_twente)
    url = reverse(f"admin:regiotest_notitie_{view}", args=[notities[andere].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"titel": "gekaapt", "regio": regio("twente").pk}).status_code == 403
    notities[andere].refresh_from_db()
    assert notities[andere].titel != "gekaapt"


def test_own_region_object_can_be_changed(client, ambassadeur_twente, notities):
    inloggen_met_code(client, ambassadeur_twente)
    url = reverse("admin:regiotest_notitie_change", args=[notities["twente"].pk])
    response = client.post(url, {"titel": "Bijgewerkt", "regio": regio("twente").pk})
    assert response.status_code == 302
    notities["twente"].refresh_from_db()
    assert notities["twente"].titel == "Bijgewerkt"


def test_region_choice_offers_only_own_regions_and_no_national(client, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    response = client.get(reverse("admin:regiotest_notitie_add"))
    keuzes = list(response.context["adminform"].form.fields["regio"].queryset)
    assert [r.slug for r in keuzes] == ["twente"]
    # Posting another region or none is rejected by the form.
    for waarde in [regio("noord-limburg").pk, ""]:
        response = client.post(
            reverse("admin:regiotest_notitie_add"), {"titel": "x", "regio": waarde}
        )
        assert response.status_code == 200
        assert response.context["adminform"].form.errors
    assert not Notitie.objects.filter(titel="x").exists()


def test_redacteur_keeps_every_region_and_national(client, redacteur, notities):
    inloggen_met_code(client, redacteur)
    response = client.get(reverse("admin:regiotest_notitie_changelist"))
    for notitie in notities.values():
        assert notitie.titel in response.text
    url = reverse("admin:regiotest_notitie_change", args=[notities["landelijk"].pk])
    assert client.get(url).status_code == 200


def test_professional_and_manager_get_no_admin(client, professional, manager):
    for gebruiker in (professional, manager):
        client.force_login(gebruiker)
        response = client.get(reverse("admin:regiotest_notitie_changelist"))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_many_regions_object_keeps_regions_the_ambassadeur_cannot_see(client, ambassadeur_twente):
    gedeeld = Aantekening.objects.create(titel="Gedeeld")
    gedeeld.regios.set([regio("twente"), regio("achterhoek")])
    vreemd = Aantekening.objects.create(titel="Vreemd")
    vreemd.regios.set([regio("achterhoek")])
    inloggen_met_code(client, ambassadeur_twente)

    response = client.get(reverse("admin:regiotest_aantekening_changelist"))
    assert "Gedeeld" in response.text and "Vreemd" not in response.text
    assert (
        client.get(reverse("admin:regiotest_aantekening_change", args=[vreemd.pk])).status_code
        == 403
    )
    response = client.post(
        reverse("admin:regiotest_aantekening_change", args=[gedeeld.pk]),
        {"titel": "Gedeeld, bijgewerkt", "regios": [regio("twente").pk]},
    )
    assert response.status_code == 302
    gedeeld.refresh_from_db()
    assert gedeeld.titel == "Gedeeld, bijgewerkt"
    assert sorted(r.slug for r in gedeeld.regios.all()) == ["achterhoek", "twente"]


def test_unknown_object_id_is_not_a_server_error(client, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    for object_id in ["999999", "abc"]:
        url = reverse("admin:regiotest_notitie_change", args=[object_id])
        assert client.get(url).status_code in (302, 404)


def test_shared_object_can_only_be_deleted_by_someone_keeping_all_its_regions(
    client, ambassadeur_twente
):
    gedeeld = Aantekening.objects.create(titel="Gedeeld")
    gedeeld.regios.set([regio("twente"), regio("achterhoek")])
    eigen = Aantekening.objects.create(titel="Eigen")
    eigen.regios.set([regio("twente")])
    inloggen_met_code(client, ambassadeur_twente)

    url = reverse("admin:regiotest_aantekening_delete", args=[gedeeld.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:regiotest_aantekening_changelist")
    actie = {"action": "delete_selected", "post": "yes", "_selected_action": [gedeeld.pk, eigen.pk]}
    assert client.post(changelist, actie).status_code == 403
    assert Aantekening.objects.count() == 2

    actie["_selected_action"] = [eigen.pk]
    assert client.post(changelist, actie).status_code == 302
    assert list(Aantekening.objects.values_list("titel", flat=True)) == ["Gedeeld"]


def test_history_page_is_dutch_and_offers_no_revert(client, redacteur, notities):
    instrument = InstrumentFactory(titel="SLIM", soort="financiering-subsidie")
    inloggen_met_code(client, redacteur)
    response = client.get(reverse("admin:kennisbank_instrument_history", args=[instrument.pk]))
    assert response.status_code == 200
    assert "Datum en tijd" in response.text and "aangemaakt" in response.text
    assert "revert" not in response.text.lower()


def test_staff_without_add_permission_cannot_import(client, redacteur):
    # A redacteur keeps kennisbank items, not the network: no import there.
    inloggen_met_code(client, redacteur)
    response = client.get("/admin/netwerk/organisatie/import/")
    assert response.status_code == 403
