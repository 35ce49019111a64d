"""Session limits (README: Rollen): at most 12 hours for everyone, editors also ended
after 30 minutes idle. The times are written into the real session as they would stand
after that long."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from portal.middleware import INGELOGD_OM, LAATST_ACTIEF
from tests.tweede_factor import inloggen_met_code

pytestmark = pytest.mark.django_db

MINUUT = 60
UUR = 3600


def sessie_terugzetten(client, *, ingelogd: int | None = None, actief: int | None = None):
    """Set the session's clocks to this many seconds ago."""
    sessie = client.session
    nu = int(time.time())
    if ingelogd is not None:
        sessie[INGELOGD_OM] = nu - ingelogd
    if actief is not None:
        sessie[LAATST_ACTIEF] = nu - actief
    sessie.save()


def test_the_limits_are_twelve_hours_and_thirty_minutes():
    assert settings.SESSION_COOKIE_AGE == 12 * UUR
    assert settings.SESSIE_INACTIEF_MAX == 30 * MINUUT


def test_the_session_cookie_lives_twelve_hours(client, professional, wachtwoord):
    response = client.post(reverse("login"), {"username": "prof", "password": wachtwoord})
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 12 * UUR


@pytest.mark.parametrize("fixture", ["ambassadeur_twente", "redacteur", "beheerder"])
def test_an_idle_editor_is_logged_out_after_thirty_minutes(request, client, fixture):
    inloggen_met_code(client, request.getfixturevalue(fixture))
    sessie_terugzetten(client, ingelogd=31 * MINUUT, actief=29 * MINUUT)
    assert client.get("/admin/").status_code == 200

    sessie_terugzetten(client, actief=31 * MINUUT)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert "niets in het portaal hebt gedaan" in response.content.decode()


def test_activity_keeps_an_editor_logged_in(client, redacteur):
    inloggen_met_code(client, redacteur)
    sessie_terugzetten(client, ingelogd=2 * UUR, actief=20 * MINUUT)
    assert client.get("/admin/").status_code == 200
    # That request counted as activity: twenty minutes later the session still holds.
    assert time.time() - client.session[LAATST_ACTIEF] < MINUUT
    assert client.get("/effectiviteit/").status_code == 200


def test_readers_are_not_logged_out_for_being_idle(client, professional):
    client.force_login(professional)
    sessie_terugzetten(client, ingelogd=3 * UUR, actief=3 * UUR)
    assert client.get("/effectiviteit/").status_code == 200


@pytest.mark.parametrize("fixture", ["professional", "redacteur"])
def test_no_session_lasts_longer_than_twelve_hours(request, client, fixture):
    inloggen_met_code(client, request.getfixturevalue(fixture))
    sessie_terugzetten(client, ingelogd=12 * UUR - MINUUT, actief=0)
    assert client.get("/effectiviteit/").status_code == 200

    # Active all along, but twelve hours after the login it ends.
    sessie_terugzetten(client, ingelogd=12 * UUR, actief=0)
    response = client.get("/effectiviteit/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert "hoogstens 12 uur" in response.content.decode()


def test_a_session_without_a_login_time_is_ended(client, professional):
    client.force_login(professional)
    sessie = client.session
    del sessie[INGELOGD_OM]
    sessie.save()
    assert client.get("/effectiviteit/").status_code == 302
