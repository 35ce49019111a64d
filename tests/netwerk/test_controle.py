"""The verification e-mail, its signed single-use link, corrections and their approval."""

import datetime
import re
import smtplib
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.mail.backends import locmem
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from netwerk import controle, services
from netwerk.models import Behandelstatus, Correctie
from tests.tweede_factor import inloggen_met_code
from tests.wachtrij import wachtrij_afwerken

pytestmark = pytest.mark.django_db


def _link_uit_mail() -> str:
    return re.search(r"http://testserver(/netwerk/controle/\S+/)", mail.outbox[-1].body).group(1)


def _aanvragen(persoon) -> None:
    # The request commits a job; the worker builds and sends the e-mail.
    services.contactpersonen_controle_aanvragen(
        contactpersonen=[persoon], basis_url="http://testserver/"
    )
    wachtrij_afwerken()


@pytest.fixture
def link(wachtrij, netwerk):
    _aanvragen(netwerk["docent"])
    return _link_uit_mail()


def test_the_email_goes_to_the_person_with_a_link(wachtrij, netwerk, link):
    assert len(mail.outbox) == 1
    assert mail.outbox[-1].to == ["dirk@example.org"]
    assert mail.outbox[-1].subject == "Kloppen uw gegevens in het Praktijkleren portaal nog?"
    assert "14 dagen" in mail.outbox[-1].body


def test_confirming_moves_the_verification_date_and_spends_the_link(
    wachtrij, client, netwerk, link
):
    response = client.get(link)
    assert response.status_code == 200
    assert "Dirk Docent" in response.text
    response = client.post(link, {"actie": "bevestigen"})
    assert response.status_code == 200
    assert "bevestigd" in response.text
    netwerk["docent"].refresh_from_db()
    assert netwerk["docent"].gecontroleerd_op == timezone.localdate()
    assert not netwerk["docent"].mogelijk_verouderd
    # Single use: the same link now explains itself.
    for response in (client.get(link), client.post(link, {"actie": "bevestigen"})):
        assert response.status_code == 410
        assert "al gebruikt" in response.text


def test_an_expired_link_gets_a_clear_message(wachtrij, client, netwerk):
    vijftien_dagen_geleden = int(time.time()) - 15 * 24 * 3600
    with mock.patch.object(
        signing.TimestampSigner,
        "timestamp",
        lambda self: signing.b62_encode(vijftien_dagen_geleden),
    ):
        _aanvragen(netwerk["docent"])
    response = client.get(_link_uit_mail())
    assert response.status_code == 410
    assert "verlopen" in response.text


def test_a_tampered_link_gets_a_clear_message(wachtrij, client, netwerk, link):
    token = link.split("/")[-2]
    vervalst = reverse(
        "netwerk:controle", args=[token[:-3] + ("abc" if token[-3:] != "abc" else "xyz")]
    )
    for url in (vervalst, "/netwerk/controle/zomaar-iets/"):
        response = client.get(url)
        assert response.status_code == 400
        assert "klopt niet" in response.text


def test_a_newer_email_replaces_the_older_link(wachtrij, client, netwerk, link):
    _aanvragen(netwerk["docent"])
    assert client.get(link).status_code == 410
    assert client.get(_link_uit_mail()).status_code == 200


def test_an_ordinary_edit_does_not_move_the_verification_date(netwerk):
    docent = netwerk["docent"]
    voor = docent.gecontroleerd_op
    services.contactpersoon_opslaan(
        sleutel=docent.sleutel, naam="Dirk D. Docent", regios=docent.regios.all()
    )
    docent.refresh_from_db()
    assert docent.gecontroleerd_op == voor


def test_a_correction_waits_for_approval_in_the_admin(
    wachtrij, client, netwerk, link, ambassadeur_twente, ambassadeur_noord_limburg
):
    response = client.post(
        link,
        {"actie": "corrigeren", "naam": "Dirk de Docent", "functie": "Teamleider",
         "email": "dirk.docent@example.org", "telefoon": "+31 6 11112222", "toelichting": ""},
    )  # fmt: skip
    assert response.status_code == 200
    docent = netwerk["docent"]
    docent.refresh_from_db()
    assert docent.naam == "Dirk Docent"  # not yet
    correctie = Correctie.objects.get()
    assert correctie.telefoon == "06 11112222"
    assert client.get(link).status_code == 410

    inloggen_met_code(client, ambassadeur_noord_limburg)
    assert (
        client.get(reverse("admin:netwerk_correctie_change", args=[correctie.pk])).status_code
        == 403
    )

    inloggen_met_code(client, ambassadeur_twente)
    url = reverse("admin:netwerk_correctie_changelist")
    assert "Dirk Docent" in client.get(url).text
    response = client.post(
        url, {"action": "goedkeuren", "_selected_action": [correctie.pk]}, follow=True
    )
    assert response.status_code == 200
    docent.refresh_from_db()
    correctie.refresh_from_db()
    assert (docent.naam, docent.functie, docent.email) == (
        "Dirk de Docent", "Teamleider", "dirk.docent@example.org",
    )  # fmt: skip
    assert docent.gecontroleerd_op == timezone.localdate()
    assert correctie.status == Behandelstatus.GOEDGEKEURD
    assert correctie.behandeld_door == ambassadeur_twente


def test_an_invalid_correction_is_shown_again_with_dutch_errors(wachtrij, client, netwerk, link):
    response = client.post(link, {"actie": "corrigeren", "naam": "", "telefoon": "12"})
    assert response.status_code == 400
    assert "Nederlands telefoonnummer" in response.text
    assert not Correctie.objects.exists()
    assert client.get(link).status_code == 200  # the link still works


def test_token_for_an_inactive_person_is_refused(netwerk):
    persoon = netwerk["docent"]
    persoon.controle_nonce = controle.nieuwe_nonce()
    persoon.save()
    token = controle.token_maken(persoon)
    persoon.actief = False
    persoon.save()
    with pytest.raises(controle.ControlelinkOngeldig):
        controle.token_lezen(token)


def test_stale_threshold_follows_the_setting(netwerk, settings):
    docent = netwerk["docent"]
    assert docent.mogelijk_verouderd
    settings.NETWERK_VEROUDERD_NA_DAGEN = 500
    assert not docent.mogelijk_verouderd
    docent.gecontroleerd_op = timezone.localdate() - datetime.timedelta(days=501)
    assert docent.mogelijk_verouderd


def test_a_rejected_correction_starts_with_an_error_summary(wachtrij, client, netwerk, link):
    response = client.post(link, {"actie": "corrigeren", "naam": "", "telefoon": "12"})
    assert response.status_code == 400
    samenvatting = response.text[response.text.index('role="alert"') :]
    assert 'href="#id_telefoon"' in samenvatting
    assert 'role="alert"' not in client.get(link).text


def test_a_rolled_back_request_sends_nothing(wachtrij, netwerk):
    class Afgebroken(Exception):
        pass

    with pytest.raises(Afgebroken), transaction.atomic():
        services.contactpersonen_controle_aanvragen(
            contactpersonen=[netwerk["docent"]], basis_url="http://testserver/"
        )
        raise Afgebroken
    wachtrij_afwerken()
    assert mail.outbox == []
    assert not ProcrastinateJob.objects.exists()


def test_the_email_is_built_when_the_job_sends_it(wachtrij, netwerk):
    docent = netwerk["docent"]

    def aanvragen_en_daarna(**wijziging):
        services.contactpersonen_controle_aanvragen(
            contactpersonen=[docent], basis_url="http://testserver/"
        )
        services.contactpersoon_opslaan(
            sleutel=docent.sleutel, naam=docent.naam, regios=docent.regios.all(), **wijziging
        )
        wachtrij_afwerken()

    aanvragen_en_daarna(email="dirk.nieuw@example.org")
    assert [m.to for m in mail.outbox] == [["dirk.nieuw@example.org"]]  # the address of now
    aanvragen_en_daarna(email="dirk.nieuw@example.org", actief=False)
    assert len(mail.outbox) == 1  # no longer active when the job ran: nothing sent


class WeigerendeMailserver(locmem.EmailBackend):
    """A mail server that refuses the next ``weigeringen`` e-mails, as an SMTP server does
    when it is down or overloaded; then it accepts them (into mail.outbox)."""

    weigeringen = 0

    def send_messages(self, messages):
        if WeigerendeMailserver.weigeringen > 0:
            WeigerendeMailserver.weigeringen -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def _wachtende_herhalingen_nu_laten_starten() -> None:
    # The job waits before its next try (seconds to hours); in the test it is due at once.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE procrastinate_jobs SET scheduled_at = now() WHERE status = 'todo'")


def test_a_refusing_mail_server_is_tried_again_until_the_email_is_sent(wachtrij, netwerk, settings):
    settings.EMAIL_BACKEND = f"{__name__}.WeigerendeMailserver"
    WeigerendeMailserver.weigeringen = 2
    services.contactpersonen_controle_aanvragen(
        contactpersonen=[netwerk["docent"]], basis_url="http://testserver/"
    )
    for _poging in range(3):
        wachtrij_afwerken()
        _wachtende_herhalingen_nu_laten_starten()
    assert [m.to for m in mail.outbox] == [["dirk@example.org"]]
    job = ProcrastinateJob.objects.get()
    assert (job.status, job.attempts) == ("succeeded", 3)  # refused twice, then sent


def test_a_mail_server_that_keeps_refusing_fails_the_job_in_the_end(wachtrij, netwerk, settings):
    settings.EMAIL_BACKEND = f"{__name__}.WeigerendeMailserver"
    WeigerendeMailserver.weigeringen = 100
    services.contactpersonen_controle_aanvragen(
        contactpersonen=[netwerk["docent"]], basis_url="http://testserver/"
    )
    for _poging in range(8):
        wachtrij_afwerken()
        _wachtende_herhalingen_nu_laten_starten()
    assert mail.outbox == []
    job = ProcrastinateJob.objects.get()
    # The first try and six more (portal.tasks.E_MAIL_OPNIEUW), then no further one.
    assert (job.status, job.attempts) == ("failed", 7)
