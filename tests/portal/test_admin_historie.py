"""Old versions in the admin's history: for reading only, and only of objects the user keeps."""

import pytest
from django.urls import reverse

from netwerk.models import Contactpersoon
from tests.factories import ContactpersoonFactory, GebruikerFactory, InstrumentFactory, regio
from tests.tweede_factor import inloggen_met_code

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["ambassadeur", "redacteur", "beheerder"])
def redacteur_rol(request):
    """Each role that edits in the admin; the ambassadeur keeps Twente."""
    regio_slugs = ["twente"] if request.param == "ambassadeur" else []
    return GebruikerFactory(
        username=f"hist-{request.param}", regio_slugs=regio_slugs, **{request.param: True}
    )


@pytest.fixture
def verhuisd_instrument():
    """Made in Twente, since moved to the Achterhoek: its first version is Twente's."""
    instrument = InstrumentFactory(
        titel="Leerwerkcheque", soort="financiering-subsidie", regio="twente"
    )
    instrument.regio = regio("achterhoek")
    instrument.titel = "Leerwerkcheque Achterhoek"
    instrument.save()
    return instrument


@pytest.fixture
def gedeelde_persoon():
    persoon = ContactpersoonFactory(
        naam="Gerda Gedeeld", regios=["twente", "achterhoek"], email="gerda@example.org"
    )
    persoon.functie = "Teamleider"  # a second version
    persoon.save()
    return persoon


def _oudste_versie(obj):
    return obj.history.earliest().history_id


def _versie_url(obj, versie_id):
    info = obj._meta.app_label, obj._meta.model_name
    return reverse("admin:{}_{}_simple_history".format(*info), args=[obj.pk, versie_id])


def _formulierdata(response, **wijzigingen):
    """What the version's form would post back: its own values, with some changed."""
    form = response.context["adminform"].form
    data = {}
    for naam in form.fields:
        waarde = form[naam].value()
        if waarde is None:
            continue
        if isinstance(waarde, list | tuple):
            data[naam] = [getattr(w, "pk", w) for w in waarde]
        else:
            data[naam] = getattr(waarde, "pk", waarde)
    data.update(wijzigingen)
    return data


def test_posting_an_old_version_of_an_item_changes_nothing(
    client, redacteur, verhuisd_instrument, redacteur_rol
):
    url = _versie_url(verhuisd_instrument, _oudste_versie(verhuisd_instrument))
    # The form is taken from a redacteur's view, who may read every version.
    inloggen_met_code(client, redacteur)
    data = _formulierdata(client.get(url), titel="Teruggezet", regio=regio("twente").pk)
    versies = verhuisd_instrument.history.count()

    inloggen_met_code(client, redacteur_rol)
    response = client.post(url, data)

    assert response.status_code == 405
    assert "alleen bekijken" in response.content.decode()
    verhuisd_instrument.refresh_from_db()
    assert verhuisd_instrument.titel == "Leerwerkcheque Achterhoek"
    assert verhuisd_instrument.regio.slug == "achterhoek"
    assert verhuisd_instrument.history.count() == versies


def test_posting_an_old_version_of_a_shared_person_keeps_every_region(
    client, beheerder, gedeelde_persoon, redacteur_rol
):
    url = _versie_url(gedeelde_persoon, _oudste_versie(gedeelde_persoon))
    inloggen_met_code(client, beheerder)
    data = _formulierdata(client.get(url), naam="Gerda Gekaapt", regios=[regio("twente").pk])

    inloggen_met_code(client, redacteur_rol)
    for methode in (client.post, client.put, client.delete):
        assert methode(url, data).status_code == 405

    gedeelde_persoon.refresh_from_db()
    assert gedeelde_persoon.naam == "Gerda Gedeeld"
    assert sorted(r.slug for r in gedeelde_persoon.regios.all()) == ["achterhoek", "twente"]
    assert Contactpersoon.objects.count() == 1


def test_an_old_version_is_judged_by_the_live_object(
    client, ambassadeur_twente, verhuisd_instrument
):
    # The first version was Twente's, but the item is the Achterhoek's now.
    inloggen_met_code(client, ambassadeur_twente)
    url = _versie_url(verhuisd_instrument, _oudste_versie(verhuisd_instrument))
    assert client.get(url).status_code == 403


def test_old_versions_of_own_and_shared_objects_can_be_read(
    client, ambassadeur_twente, gedeelde_persoon
):
    inloggen_met_code(client, ambassadeur_twente)
    response = client.get(_versie_url(gedeelde_persoon, _oudste_versie(gedeelde_persoon)))
    assert response.status_code == 200
    assert "Gerda Gedeeld" in response.text


def test_another_regions_person_history_versions_are_refused(client, ambassadeur_twente):
    vreemd = ContactpersoonFactory(naam="Lotte Limburg", regios=["noord-limburg"])
    inloggen_met_code(client, ambassadeur_twente)
    response = client.get(_versie_url(vreemd, _oudste_versie(vreemd)))
    assert response.status_code == 403
    assert "Lotte Limburg" not in response.content.decode()


@pytest.mark.parametrize("versie", ["abc", "999999"])
def test_unknown_versions_and_objects_are_not_found(client, redacteur, verhuisd_instrument, versie):
    inloggen_met_code(client, redacteur)
    assert client.get(_versie_url(verhuisd_instrument, versie)).status_code == 404
    info = ("kennisbank", "instrument")
    onbekend = reverse("admin:{}_{}_simple_history".format(*info), args=["999999", "1"])
    assert client.get(onbekend).status_code == 404


def test_a_deleted_items_versions_are_judged_by_its_last_state(
    client, ambassadeur_twente, redacteur, verhuisd_instrument
):
    url = _versie_url(verhuisd_instrument, _oudste_versie(verhuisd_instrument))
    verhuisd_instrument.delete()  # last state: the Achterhoek's
    inloggen_met_code(client, ambassadeur_twente)
    assert client.get(url).status_code == 403
    inloggen_met_code(client, redacteur)
    assert client.get(url).status_code == 200
