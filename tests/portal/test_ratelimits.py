"""Rate limits: each limit answers 429 (a Dutch page, or Dutch JSON from the API), counts
per the right client, and the shared database cache counts exactly."""

import threading
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections

from tests.effectiviteit.cohort import vaste_cohort

pytestmark = pytest.mark.django_db


def _inloggen(client, gebruikersnaam):
    return client.post(
        "/accounts/login/", {"username": gebruikersnaam, "password": "fout-wachtwoord-123"}
    )


def test_login_is_limited_per_address_and_user_name(client, settings, professional):
    # An hour's window: the test never straddles two windows.
    settings.RATELIMIT_LOGIN = "3/h"
    for _ in range(3):
        assert _inloggen(client, "prof").status_code == 200  # the form again, with an error
    response = _inloggen(client, "PROF ")  # the same name, however it is typed
    assert response.status_code == 429
    assert "te veel verzoeken" in response.text
    assert '<html lang="nl">' in response.text
    assert response["Retry-After"]
    # A colleague at the same address still gets in.
    assert _inloggen(client, "manager").status_code == 200


def test_the_admin_login_form_counts_with_the_portal_login(client, settings):
    settings.RATELIMIT_LOGIN = "3/h"
    for _ in range(2):
        assert _inloggen(client, "beheer").status_code == 200
    # The admin's own login form only leads to the portal's login, but still counts.
    response = client.post("/admin/login/", {"username": "beheer", "password": "fout-123456"})
    assert response.status_code == 302
    response = client.post("/admin/login/", {"username": "beheer", "password": "fout-123456"})
    assert response.status_code == 429
    assert "te veel verzoeken" in response.text


def test_login_is_limited_per_address_over_all_user_names(client, settings):
    settings.RATELIMIT_LOGIN_ADRES = "4/h"
    for nummer in range(4):
        assert _inloggen(client, f"iemand-{nummer}").status_code == 200
    assert _inloggen(client, "nog-iemand").status_code == 429
    # Only attempts count: the form itself still shows.
    assert client.get("/accounts/login/").status_code == 200


def test_the_whole_api_is_limited_with_a_dutch_json_answer(client, settings):
    settings.RATELIMIT_API = "3/h"
    for pad in ("/api/v1/instrumenten", "/api/v1/openapi.json", "/api/v1/zoeken?q=bbl"):
        assert client.get(pad).status_code == 200
    response = client.get("/api/v1/organisaties")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "Te veel verzoeken" in response.json()["detail"]
    assert response.json()["fout"] == response.json()["detail"]
    assert int(response["Retry-After"]) > 0
    # The HTML pages have limits of their own.
    assert client.get("/").status_code == 200


def test_the_api_counts_a_logged_in_user_apart_from_the_address(client, settings, professional):
    settings.RATELIMIT_API = "2/h"
    for _ in range(2):
        assert client.get("/api/v1/instrumenten").status_code == 200
    assert client.get("/api/v1/instrumenten").status_code == 429
    client.force_login(professional)
    assert client.get("/api/v1/instrumenten").status_code == 200


def test_kerncijfers_have_a_tighter_limit_of_their_own(client, settings, professional):
    vaste_cohort()
    settings.RATELIMIT_KERNCIJFERS = "2/h"
    client.force_login(professional)
    pad = "/api/v1/effectiviteit/kerncijfers?regio=twente&van=2024-01-01&tot=2024-06-30"
    for _ in range(2):
        assert client.get(pad).status_code == 200
    response = client.get(pad)
    assert response.status_code == 429
    assert "Te veel verzoeken" in response.json()["detail"]
    # The rest of the API is still open to this user.
    assert client.get("/api/v1/instrumenten").status_code == 200


def test_limits_can_be_switched_off(client, settings):
    settings.RATELIMIT_API = "1/h"
    settings.RATELIMIT_ENABLE = False
    for _ in range(3):
        assert client.get("/api/v1/instrumenten").status_code == 200


def test_the_default_limits_leave_room_for_an_office(settings):
    # Dozens of consultants behind one address log in at nine o'clock.
    aantal, _, periode = settings.RATELIMIT_LOGIN_ADRES.partition("/")
    assert periode == "m" and int(aantal) >= 100
    aantal, _, periode = settings.RATELIMIT_API.partition("/")
    assert periode == "m" and int(aantal) >= 300


def test_migrate_makes_the_cache_table(settings):
    # Production runs only migrate: that alone must make the table (the test database
    # gets one from Django's test set-up as well, so drop it first).
    assert settings.CACHES["default"]["BACKEND"] == "portal.cache.DatabaseCache"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE portaal_cache")
    assert "portaal_cache" not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert "portaal_cache" in connection.introspection.table_names()
    cache.set("na-migrate", 1)
    assert cache.get("na-migrate") == 1


def test_add_writes_only_a_new_or_expired_key():
    assert cache.add("venster", 1, timeout=1) is True
    assert cache.add("venster", 5, timeout=60) is False
    assert cache.get("venster") == 1
    time.sleep(1.1)
    assert cache.add("venster", 7, timeout=60) is True
    assert cache.get("venster") == 7
    assert cache.add("zonder-einde", "x", timeout=None) is True
    assert cache.get("zonder-einde") == "x"


def test_add_now_and_then_clears_expired_entries(monkeypatch):
    from portal import cache as portaalcache

    cache.add("oud", 1, timeout=1)
    time.sleep(1.1)
    monkeypatch.setattr(portaalcache, "OPRUIMEN_PER", 1)
    cache.add("nieuw", 1, timeout=60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM portaal_cache WHERE expires < now()")
        assert cursor.fetchone()[0] == 0


def test_set_writes_a_key_new_or_again_with_its_own_expiry():
    cache.set("pagina", "eerste", timeout=1)
    cache.set("pagina", "tweede", timeout=1)
    assert cache.get("pagina") == "tweede"
    time.sleep(1.1)
    assert cache.get("pagina") is None
    cache.set("pagina", "derde", timeout=60)
    assert cache.get("pagina") == "derde"
    cache.set("pagina", "weg", timeout=0)
    assert cache.get("pagina") is None


def test_set_now_and_then_clears_expired_entries_and_culls_a_full_table(monkeypatch):
    from django.core.cache import caches

    from portal import cache as portaalcache

    paginas = caches["paginas"]
    monkeypatch.setattr(paginas, "_max_entries", 10)
    paginas.set("oud", 1, timeout=1)
    time.sleep(1.1)
    monkeypatch.setattr(portaalcache, "OPRUIMEN_PER", 1)
    for n in range(30):
        paginas.set(f"pagina-{n}", n, timeout=60)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM portaal_paginacache")
            assert cursor.fetchone()[0] <= 11
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM portaal_paginacache WHERE expires < now()")
        assert cursor.fetchone()[0] == 0
    assert paginas.get("pagina-29") == 29


def test_increment_keeps_the_expiry_and_refuses_an_expired_key():
    cache.add("teller", 1, timeout=2)
    assert cache.incr("teller") == 2
    assert cache.incr("teller", 5) == 7
    assert cache.get("teller") == 7
    time.sleep(2.1)
    assert cache.get("teller") is None
    with pytest.raises(ValueError):
        cache.incr("teller")


@pytest.mark.django_db(transaction=True)
def test_increments_from_many_servers_at_once_are_all_counted():
    # Threads with connections of their own stand in for app servers.
    cache.set("gelijktijdig", 0, timeout=60)
    per_draad, draden = 25, 4
    start = threading.Barrier(draden)

    def tellen():
        try:
            start.wait()
            for _ in range(per_draad):
                cache.incr("gelijktijdig")
        finally:
            connections.close_all()

    werkers = [threading.Thread(target=tellen) for _ in range(draden)]
    for werker in werkers:
        werker.start()
    for werker in werkers:
        werker.join()
    assert cache.get("gelijktijdig") == per_draad * draden
    cache.delete("gelijktijdig")
