"""The admin's "view on site" shortcut leads only to objects the user's admin shows them."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from kennisbank.models import Instrument
from tests.factories import ContactpersoonFactory, InstrumentFactory
from tests.tweede_factor import inloggen_met_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def instrumenten():
    return {
        "eigen": InstrumentFactory(titel="Twents plan", regio="twente", concept=True),
        "vreemd": InstrumentFactory(
            titel="Geheim plan", slug="geheim-achterhoeks-plan", regio="achterhoek", concept=True
        ),
        "landelijk": InstrumentFactory(titel="Landelijk plan", concept=True),
    }


def _url(obj):
    soort = ContentType.objects.get_for_model(obj)
    return reverse("admin:view_on_site", args=[soort.pk, obj.pk])


def test_ambassadeur_is_led_to_own_regions_objects_only(client, ambassadeur_twente, instrumenten):
    inloggen_met_code(client, ambassadeur_twente)
    response = client.get(_url(instrumenten["eigen"]))
    assert response.status_code == 302
    assert response["Location"].endswith("/twents-plan/")
    for andere in ("vreemd", "landelijk"):
        response = client.get(_url(instrumenten[andere]))
        assert response.status_code == 404
        assert "plan" not in response.get("Location", "")


def test_another_regions_person_is_not_found(client, ambassadeur_twente):
    vreemd = ContactpersoonFactory(naam="Lotte Limburg", regios=["noord-limburg"])
    eigen = ContactpersoonFactory(naam="Tom Twente")
    inloggen_met_code(client, ambassadeur_twente)
    assert client.get(_url(vreemd)).status_code == 404
    assert client.get(_url(eigen)).status_code == 302


def test_redacteur_is_led_to_every_regions_items(client, redacteur, instrumenten):
    inloggen_met_code(client, redacteur)
    for instrument in instrumenten.values():
        response = client.get(_url(instrument))
        assert response.status_code == 302
        assert response["Location"].endswith(f"/{instrument.slug}/")


def test_models_outside_the_admin_and_bad_ids_are_not_found(client, redacteur, instrumenten):
    inloggen_met_code(client, redacteur)
    sessie = ContentType.objects.get(app_label="sessions", model="session")
    instrument = ContentType.objects.get_for_model(Instrument)
    for soort, object_id in [
        (sessie.pk, "x"),
        (instrument.pk, "abc"),
        (instrument.pk, "999999"),
        ("999999", instrumenten["eigen"].pk),
        ("abc", instrumenten["eigen"].pk),
    ]:
        assert client.get(f"/admin/r/{soort}/{object_id}/").status_code == 404


def test_the_shortcut_needs_an_admin_login(client, professional, instrumenten):
    url = _url(instrumenten["eigen"])
    assert client.get(url).status_code == 302
    assert "twents-plan" not in client.get(url)["Location"]
    inloggen_met_code(client, professional)
    assert "twents-plan" not in client.get(url)["Location"]
