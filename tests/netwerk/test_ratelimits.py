"""Rate limits of the netwerk: the verification link and "meld een fout"."""

import pytest

from netwerk.models import Foutmelding

pytestmark = pytest.mark.django_db


def test_the_verification_link_is_limited_per_address(client, settings, netwerk):
    settings.RATELIMIT_CONTROLELINK = "3/h"
    for _ in range(3):
        assert client.get("/netwerk/controle/geen-geldige-link/").status_code in (400, 404)
    response = client.get("/netwerk/controle/geen-geldige-link/")
    assert response.status_code == 429
    assert "te veel verzoeken" in response.text
    # POSTs of the same address count too.
    assert client.post("/netwerk/controle/geen-geldige-link/").status_code == 429


def test_error_reports_are_limited_per_user(client, settings, netwerk, professional, manager):
    settings.RATELIMIT_FOUTMELDING = "2/h"
    client.force_login(professional)
    pad = f"/netwerk/organisaties/{netwerk['roc'].sleutel}/fout-melden/"
    for nummer in range(2):
        response = client.post(pad, {"melding": f"Het adres klopt niet meer ({nummer})."})
        assert response.status_code == 302
    response = client.post(pad, {"melding": "Nog een melding over het adres."})
    assert response.status_code == 429
    assert Foutmelding.objects.count() == 2
    # Reading the form costs nothing, and another user may still report.
    assert client.get(pad).status_code == 200
    client.force_login(manager)
    assert client.post(pad, {"melding": "Het telefoonnummer klopt niet."}).status_code == 302
    assert Foutmelding.objects.count() == 3
