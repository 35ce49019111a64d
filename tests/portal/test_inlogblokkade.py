"""django-axes locks a user name for one client address, not everywhere (README: Rollen:
nobody can lock a colleague out from elsewhere), and reads that address
from X-Forwarded-For only as the production settings say a proxy writes it."""

import pytest
from django.test import Client
from django.urls import reverse

from portal.clientadres import axes_instellingen

pytestmark = pytest.mark.django_db


def poging(wachtwoord, **adres):
    """One login attempt as user 'prof' from a fresh browser at the given address."""
    return Client(**adres).post(reverse("login"), {"username": "prof", "password": wachtwoord})


def vijf_keer_fout(**adres):
    for _ in range(4):
        assert poging("fout", **adres).status_code == 200
    # The fifth failure is the one that locks.
    assert poging("fout", **adres).status_code == 429


def test_a_lockout_from_one_address_does_not_lock_the_user_elsewhere(professional, wachtwoord):
    vijf_keer_fout(REMOTE_ADDR="192.0.2.10")
    geblokkeerd = poging(wachtwoord, REMOTE_ADDR="192.0.2.10")
    assert geblokkeerd.status_code == 429
    assert "tijdelijk geblokkeerd" in geblokkeerd.content.decode()

    assert poging(wachtwoord, REMOTE_ADDR="198.51.100.7").status_code == 302
    # And the lock at the first address holds on.
    assert poging(wachtwoord, REMOTE_ADDR="192.0.2.10").status_code == 429


def test_without_a_proxy_a_forwarded_header_is_ignored(professional, wachtwoord):
    vijf_keer_fout(REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="203.0.113.1")
    ontsnapping = poging(wachtwoord, REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert ontsnapping.status_code == 429


def test_behind_a_proxy_the_address_the_proxy_wrote_counts(settings, professional, wachtwoord):
    for naam, waarde in axes_instellingen(achter_proxy=True, aantal_proxies=1).items():
        setattr(settings, naam, waarde)
    proxy = "10.0.0.2"
    # A client may send a header of its own; the proxy appends the address it saw.
    vijf_keer_fout(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.1.1.1, 192.0.2.10")
    vervalst = poging(wachtwoord, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="8.8.8.8, 192.0.2.10")
    assert vervalst.status_code == 429
    zonder_eigen_kop = poging(wachtwoord, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.10")
    assert zonder_eigen_kop.status_code == 429

    # Every client shares the proxy's connection; a colleague elsewhere still gets in.
    collega = poging(wachtwoord, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert collega.status_code == 302


def test_behind_two_proxies_the_address_before_them_counts(settings, professional, wachtwoord):
    for naam, waarde in axes_instellingen(achter_proxy=True, aantal_proxies=2).items():
        setattr(settings, naam, waarde)
    # The load balancer appends the client, the next proxy appends the load balancer.
    vijf_keer_fout(REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.10, 10.0.0.2")
    vervalst = poging(
        wachtwoord, REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="192.0.2.10, 10.0.0.2"
    )
    assert vervalst.status_code == 429
    collega = poging(
        wachtwoord, REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.2"
    )
    assert collega.status_code == 302
