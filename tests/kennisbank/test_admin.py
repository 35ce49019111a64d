import datetime

import pytest

from kennisbank.models import Instrument, Praktijkvoorbeeld
from tests.kennisbank.helpers import maak

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    return {
        "twente": maak(Praktijkvoorbeeld, "Twents voorbeeld", regio="twente", status="concept"),
        "limburg": maak(Praktijkvoorbeeld, "Limburgs voorbeeld", regio="noord-limburg"),
        "landelijk": maak(Praktijkvoorbeeld, "Landelijk voorbeeld"),
    }


def test_ambassadeur_sees_and_changes_only_own_region(client, ambassadeur_twente, items):
    client.force_login(ambassadeur_twente)
    lijst = client.get("/admin/kennisbank/praktijkvoorbeeld/").content.decode()
    assert "Twents voorbeeld" in lijst
    assert "Limburgs voorbeeld" not in lijst and "Landelijk voorbeeld" not in lijst
    url = "/admin/kennisbank/praktijkvoorbeeld/{}/change/"
    assert client.get(url.format(items["twente"].pk)).status_code == 200
    assert client.get(url.format(items["limburg"].pk)).status_code == 403
    assert client.get(url.format(items["landelijk"].pk)).status_code == 403
    assert client.post(url.format(items["landelijk"].pk), {"titel": "x"}).status_code == 403
    history = "/admin/kennisbank/praktijkvoorbeeld/{}/history/"
    assert client.get(history.format(items["limburg"].pk)).status_code == 403
    assert client.get(history.format(items["twente"].pk)).status_code == 200


def test_redacteur_changes_national_items(client, redacteur, items):
    client.force_login(redacteur)
    url = f"/admin/kennisbank/praktijkvoorbeeld/{items['landelijk'].pk}/change/"
    assert client.get(url).status_code == 200


def test_bulk_publish_and_archive_go_through_the_service(client, ambassadeur_twente, items):
    client.force_login(ambassadeur_twente)
    actie = {"action": "publiceren", "_selected_action": [items["twente"].pk, items["limburg"].pk]}
    client.post("/admin/kennisbank/praktijkvoorbeeld/", actie)
    items["twente"].refresh_from_db()
    items["limburg"].refresh_from_db()
    assert items["twente"].status == "gepubliceerd" and items["twente"].gepubliceerd_op
    assert items["limburg"].status == "gepubliceerd"  # was already; not touched by this user
    client.post(
        "/admin/kennisbank/praktijkvoorbeeld/",
        {"action": "archiveren", "_selected_action": [items["limburg"].pk]},
    )
    items["limburg"].refresh_from_db()
    assert items["limburg"].status == "gepubliceerd"
    assert items["twente"].history.first().history_user == ambassadeur_twente


def test_te_controleren_lists_overdue_items_of_own_regions(client, ambassadeur_twente):
    verlopen = datetime.date.today() - datetime.timedelta(days=1)
    maak(Instrument, "Oud Twents", regio="twente", controleren_voor=verlopen)
    maak(Instrument, "Vers Twents", regio="twente")
    maak(Instrument, "Oud Limburgs", regio="noord-limburg", controleren_voor=verlopen)
    client.force_login(ambassadeur_twente)
    tekst = client.get("/admin/kennisbank/instrument/?controle=te-controleren").content.decode()
    assert "Oud Twents" in tekst
    assert "Vers Twents" not in tekst and "Oud Limburgs" not in tekst


def test_instrument_form_with_inline_steps_renders_html(client, redacteur):
    client.force_login(redacteur)
    response = client.post(
        "/admin/kennisbank/instrument/add/",
        {
            "titel": "Nieuw", "slug": "nieuw", "samenvatting": "Kort", "inhoud": "**vet**",
            "soort": "begeleiding", "status": "gepubliceerd", "publiek": "on",
            "gecontroleerd_op": "2026-01-01", "controleren_voor": "2027-01-01",
            "stappen-TOTAL_FORMS": "2", "stappen-INITIAL_FORMS": "0",
            "stappen-0-volgorde": "2", "stappen-0-titel": "Tweede",
            "stappen-1-volgorde": "1", "stappen-1-titel": "Eerste",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Instrument.objects.get(slug="nieuw")
    assert item.inhoud_html == "<p><strong>vet</strong></p>"
    assert [s.titel for s in item.stappen.all()] == ["Eerste", "Tweede"]
    assert item.gepubliceerd_op is not None
