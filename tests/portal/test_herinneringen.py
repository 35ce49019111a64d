"""Reminders: the ambassadeurs' weekly overview and the automatic verification of contact
persons, each e-mail recorded so that it never goes out twice."""

import datetime
import re
import threading

import pytest
from croniter import croniter
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from netwerk import controle
from netwerk import services as netwerk_services
from netwerk.models import Contactpersoon
from portal import roles, tasks
from portal.herinneringen import services
from portal.models import Herinnering
from tests.factories import (
    ContactpersoonFactory,
    GebruikerFactory,
    InstrumentFactory,
    OrganisatieFactory,
    PraktijkvoorbeeldFactory,
)
from tests.tweede_factor import inloggen_met_code
from tests.wachtrij import wachtrij_afwerken

pytestmark = pytest.mark.django_db

BASIS = "https://praktijkleren.example.org"
DAG = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _instellingen(settings):
    settings.HERINNERINGEN_AAN = True
    settings.PORTAAL_BASIS_URL = f"{BASIS}/"
    settings.HERINNERINGEN_WACHTTIJD_DAGEN = 14
    settings.NETWERK_VEROUDERD_NA_DAGEN = 183


@pytest.fixture
def inhoud(db):
    """Twente with something due of every kind; Noord-Limburg with one kennisbank item."""
    vandaag = timezone.localdate()
    lang_geleden = vandaag - 400 * DAG
    roc = OrganisatieFactory(naam="ROC Twente", gecontroleerd_op=lang_geleden)
    OrganisatieFactory(naam="Leerwerkloket Twente", soort="leerwerkloket")
    return {
        "instrument": InstrumentFactory(
            titel="Leerwerkakkoord Twente", regio="twente", controleren_voor=vandaag - 10 * DAG
        ),
        "actueel": InstrumentFactory(
            titel="Scholingsbudget Twente", regio="twente", controleren_voor=vandaag + 10 * DAG
        ),
        "gearchiveerd": InstrumentFactory(
            titel="Oude regeling Twente",
            regio="twente",
            status="gearchiveerd",
            controleren_voor=vandaag - 10 * DAG,
        ),
        "landelijk": InstrumentFactory(
            titel="Landelijke regeling", controleren_voor=vandaag - 10 * DAG
        ),
        "voorbeeld": PraktijkvoorbeeldFactory(
            titel="Halima in Venlo", regio="noord-limburg", controleren_voor=vandaag - DAG
        ),
        "roc": roc,
        "dirk": ContactpersoonFactory(
            naam="Dirk Docent",
            organisatie=roc,
            email="dirk@example.org",
            gecontroleerd_op=lang_geleden,
        ),
        "zonder_mail": ContactpersoonFactory(
            naam="Zeger Zondermail", email="", gecontroleerd_op=lang_geleden
        ),
        "slapend": ContactpersoonFactory(
            naam="Stijn Slapend", actief=False, gecontroleerd_op=lang_geleden
        ),
        "actuele_persoon": ContactpersoonFactory(naam="Anna Actueel"),
        "limburger": ContactpersoonFactory(naam="Lotte Limburg", regios=("noord-limburg",)),
    }


@pytest.fixture
def ambassadeurs(ambassadeur_twente, ambassadeur_noord_limburg):
    return {
        "twente": ambassadeur_twente,
        "limburg": ambassadeur_noord_limburg,
        "beide": GebruikerFactory(
            username="amb-beide", rol=roles.AMBASSADEUR, regio_slugs=["twente", "noord-limburg"]
        ),
        "zonder_mail": GebruikerFactory(
            username="amb-zonder-mail", email="", rol=roles.AMBASSADEUR, regio_slugs=["twente"]
        ),
    }


def _taken(naam: str) -> list[dict]:
    return [
        job.args
        for job in ProcrastinateJob.objects.filter(task_name=f"portal.tasks.{naam}").order_by("id")
    ]


def _overzicht_voor(gebruiker) -> mail.EmailMessage:
    [taak] = [t for t in _taken("weekoverzicht_versturen") if t["gebruiker_id"] == gebruiker.pk]
    assert services.weekoverzicht_versturen(**taak)
    return mail.outbox[-1]


# --- the weekly overview -------------------------------------------------------------


def test_each_ambassadeur_gets_one_overview_of_their_own_regions(
    inhoud, ambassadeurs, redacteur, beheerder
):
    assert services.weekoverzichten_plannen() == 3
    ontvangers = {t["gebruiker_id"] for t in _taken("weekoverzicht_versturen")}
    assert ontvangers == {ambassadeurs[r].pk for r in ("twente", "limburg", "beide")}

    twente = _overzicht_voor(ambassadeurs["twente"])
    assert twente.to == ["amb-twente@example.org"]
    assert twente.subject == "Weekoverzicht praktijkleren: te controleren in Twente"
    for verwacht in ("Leerwerkakkoord Twente", "ROC Twente", "Dirk Docent", "Zeger Zondermail"):
        assert verwacht in twente.body
    niet_verwacht = ["Scholingsbudget", "Oude regeling", "Landelijke regeling", "Halima"]
    niet_verwacht += ["Stijn Slapend", "Anna Actueel", "Leerwerkloket Twente", "Lotte Limburg"]
    for niet in niet_verwacht:
        assert niet not in twente.body
    instrument = inhoud["instrument"]
    assert f"{BASIS}/admin/kennisbank/instrument/{instrument.pk}/change/" in twente.body
    assert f"{BASIS}/admin/netwerk/contactpersoon/{inhoud['dirk'].pk}/change/" in twente.body
    assert f"{BASIS}/admin/netwerk/organisatietecontroleren/" in twente.body
    assert f"{BASIS}/admin/kennisbank/instrument/?controle=te-controleren" in twente.body
    assert "Contactpersonen: langer dan 183 dagen niet gecontroleerd (2)" in twente.body

    limburg = _overzicht_voor(ambassadeurs["limburg"])
    assert "Halima in Venlo" in limburg.body
    assert "Leerwerkakkoord" not in limburg.body
    assert "Organisaties" not in limburg.body  # nothing due there: no empty section

    beide = _overzicht_voor(ambassadeurs["beide"])
    assert beide.subject.endswith("in Noord-Limburg en Twente")
    assert "Halima in Venlo" in beide.body
    assert "Leerwerkakkoord Twente" in beide.body
    assert beide.body.count("Dirk Docent") == 1


def test_an_overview_with_nothing_due_is_not_sent(ambassadeur_noord_limburg):
    ContactpersoonFactory(naam="Lotte Limburg", regios=("noord-limburg",))
    assert services.weekoverzichten_plannen() == 0
    assert not Herinnering.objects.exists()
    assert _taken("weekoverzicht_versturen") == []


def test_an_overview_no_longer_due_when_the_job_runs_is_not_sent(inhoud, ambassadeurs):
    services.weekoverzichten_plannen()
    [taak] = [
        t
        for t in _taken("weekoverzicht_versturen")
        if t["gebruiker_id"] == ambassadeurs["limburg"].pk
    ]
    inhoud["voorbeeld"].controleren_voor = timezone.localdate() + 365 * DAG
    inhoud["voorbeeld"].save()
    assert services.weekoverzicht_versturen(**taak) is False
    assert mail.outbox == []


def test_the_overview_goes_once_a_week(inhoud, ambassadeurs):
    vandaag = timezone.localdate()
    volgende_maandag = vandaag + (7 - vandaag.weekday()) * DAG
    maandag = timezone.make_aware(datetime.datetime.combine(volgende_maandag, datetime.time(7)))
    assert services.weekoverzichten_plannen(nu=maandag) == 3
    assert services.weekoverzichten_plannen(nu=maandag) == 0
    assert services.weekoverzichten_plannen(nu=maandag + 4 * DAG) == 0  # same week
    assert len(_taken("weekoverzicht_versturen")) == 3
    assert services.weekoverzichten_plannen(nu=maandag + 7 * DAG) == 3
    weken = set()
    for datum in (volgende_maandag, volgende_maandag + 7 * DAG):
        jaar, week, _ = datum.isocalendar()
        weken.add(f"{jaar}-W{week:02d}")  # ISO weeks, as 2026-W10
    assert set(Herinnering.objects.values_list("periode", flat=True)) == weken


# --- the verification of contact persons ----------------------------------------------


def _controleverzoeken() -> list[tuple[int, bool]]:
    return [(t["contactpersoon_id"], t["herinnering"]) for t in _taken("controlemail_versturen")]


def test_a_person_is_asked_reminded_and_then_the_ambassadeurs_are_told(inhoud, ambassadeurs):
    dirk = inhoud["dirk"]
    nu = timezone.now()
    assert services.controles_plannen(nu=nu) == services.Controleverslag(verzoeken=1)
    assert _controleverzoeken() == [(dirk.pk, False)]  # not without address, not inactive
    assert services.controles_plannen(nu=nu + 13 * DAG) == services.Controleverslag()

    assert services.controles_plannen(nu=nu + 14 * DAG) == services.Controleverslag(herinneringen=1)
    assert _controleverzoeken() == [(dirk.pk, False), (dirk.pk, True)]
    assert services.controles_plannen(nu=nu + 27 * DAG) == services.Controleverslag()

    assert services.controles_plannen(nu=nu + 28 * DAG) == services.Controleverslag(meldingen=2)
    meldingen = {
        t["gebruiker_id"]: t["contactpersoon_ids"] for t in _taken("geen_reactie_versturen")
    }
    assert meldingen == {ambassadeurs["twente"].pk: [dirk.pk], ambassadeurs["beide"].pk: [dirk.pk]}

    # Nothing more for this round, however often it runs.
    for dagen in (28, 29, 60, 100):
        assert services.controles_plannen(nu=nu + dagen * DAG) == services.Controleverslag()
    assert len(_controleverzoeken()) == 2


def test_a_person_who_confirms_ends_the_round(inhoud, ambassadeurs):
    nu = timezone.now()
    services.controles_plannen(nu=nu)
    dirk = Contactpersoon.objects.get(pk=inhoud["dirk"].pk)
    netwerk_services.contactpersoon_bevestigen(token=controle.token_maken(dirk))
    for dagen in (14, 28, 42):
        assert services.controles_plannen(nu=nu + dagen * DAG) == services.Controleverslag()
    assert len(_controleverzoeken()) == 1


def test_a_correction_counts_as_an_answer(inhoud, ambassadeurs):
    nu = timezone.now()
    services.controles_plannen(nu=nu)
    dirk = Contactpersoon.objects.get(pk=inhoud["dirk"].pk)
    netwerk_services.correctie_indienen(token=controle.token_maken(dirk), naam="Dirk de Docent")
    for dagen in (14, 28):
        assert services.controles_plannen(nu=nu + dagen * DAG) == services.Controleverslag()


def test_a_person_with_a_correction_waiting_is_not_asked(inhoud, ambassadeurs):
    dirk = inhoud["dirk"]
    dirk.controle_nonce = controle.nieuwe_nonce()
    dirk.save()
    netwerk_services.correctie_indienen(token=controle.token_maken(dirk), naam="Dirk de Docent")
    assert services.controles_plannen() == services.Controleverslag()


def test_a_new_round_starts_once_the_person_is_unchecked_for_long_again(inhoud):
    nu = timezone.now()
    dirk = inhoud["dirk"]
    services.controles_plannen(nu=nu)
    netwerk_services.gecontroleerd_markeren(objecten=[dirk])
    assert services.controles_plannen(nu=nu + 14 * DAG) == services.Controleverslag()
    # Half a year on, everyone checked today is due again, Dirk too.
    assert services.controles_plannen(nu=nu + 184 * DAG).verzoeken == 3
    assert sorted(
        Herinnering.objects.filter(contactpersoon_id=dirk.pk).values_list("periode", flat=True)
    ) == [(timezone.localdate() - 400 * DAG).isoformat(), timezone.localdate().isoformat()]


# --- the switch, the address, the log ---------------------------------------------------


def test_with_reminders_off_nothing_is_planned(inhoud, ambassadeurs, settings, capsys):
    settings.HERINNERINGEN_AAN = False
    assert services.weekoverzichten_plannen() == 0
    assert services.controles_plannen() == services.Controleverslag()
    assert not Herinnering.objects.exists()
    call_command("herinneringen_versturen")
    assert "Herinneringen staan uit" in capsys.readouterr().out
    assert not Herinnering.objects.exists()
    assert not ProcrastinateJob.objects.exists()


def test_without_the_portal_address_reminders_refuse_with_a_dutch_message(inhoud, settings):
    settings.PORTAAL_BASIS_URL = None
    with pytest.raises(ImproperlyConfigured, match="PORTAAL_BASIS_URL"):
        services.controles_plannen()
    with pytest.raises(CommandError, match="Herinneringen hebben PORTAAL_BASIS_URL nodig"):
        call_command("herinneringen_versturen")
    assert not Herinnering.objects.exists()


def test_the_command_plans_what_is_due_and_says_so(inhoud, ambassadeurs, capsys):
    call_command("herinneringen_versturen")
    assert capsys.readouterr().out.startswith(
        "Klaargezet: 3 weekoverzicht(en), 1 controleverzoek(en), 0 herinnering(en)"
    )
    call_command("herinneringen_versturen")
    assert capsys.readouterr().out.startswith("Klaargezet: 0 weekoverzicht(en), 0 controle")


def test_erasing_a_person_erases_the_log_of_reminders_about_them(inhoud, beheerder):
    services.controles_plannen()
    assert Herinnering.objects.filter(contactpersoon_id=inhoud["dirk"].pk).exists()
    netwerk_services.contactpersonen_wissen(contactpersonen=[inhoud["dirk"]], door=beheerder)
    assert not Herinnering.objects.filter(contactpersoon_id=inhoud["dirk"].pk).exists()


def test_the_log_is_read_only_and_for_the_beheerder(client, inhoud, beheerder, ambassadeur_twente):
    services.controles_plannen()
    url = reverse("admin:portal_herinnering_changelist")
    inloggen_met_code(client, beheerder)
    assert "Controleverzoek aan de contactpersoon" in client.get(url).text
    herinnering = Herinnering.objects.get()
    assert client.get(reverse("admin:portal_herinnering_add")).status_code == 403
    wijzigen = reverse("admin:portal_herinnering_change", args=[herinnering.pk])
    assert client.post(wijzigen, {"periode": "2000-01-01"}).status_code == 403
    assert Herinnering.objects.get().periode == herinnering.periode
    inloggen_met_code(client, ambassadeur_twente)
    assert client.get(url).status_code == 403


# --- the jobs -------------------------------------------------------------------------


def test_the_periodic_jobs_are_registered_with_their_cron():
    crons = {p.task.name: p.cron for p in app.periodic_registry.periodic_tasks.values()}
    assert crons["portal.tasks.controles_plannen"] == "0 6 * * *"
    assert crons["portal.tasks.weekoverzichten_plannen"] == "0 6 * * 1"
    woensdag = datetime.datetime(2026, 3, 4, 12, tzinfo=datetime.UTC)
    volgende = croniter(crons["portal.tasks.weekoverzichten_plannen"], woensdag)
    assert volgende.get_next(datetime.datetime) == datetime.datetime(
        2026, 3, 9, 6, tzinfo=datetime.UTC
    )  # Monday morning


def _link(bericht) -> str:
    return re.search(rf"{BASIS}(/netwerk/controle/\S+/)", bericht.body).group(1)


def test_the_reminders_run_through_the_queue(wachtrij, client, inhoud, ambassadeurs):
    nu = int(timezone.now().timestamp())
    tasks.weekoverzichten_plannen.defer(timestamp=nu)
    tasks.controles_plannen.defer(timestamp=nu)
    wachtrij_afwerken()
    ontvangers = sorted(m.to[0] for m in mail.outbox)
    assert ontvangers == [
        "amb-beide@example.org", "amb-nl@example.org", "amb-twente@example.org",
        "dirk@example.org",
    ]  # fmt: skip
    verzoek = next(m for m in mail.outbox if m.to == ["dirk@example.org"])
    assert verzoek.subject == "Kloppen uw gegevens in het Praktijkleren portaal nog?"
    assert client.get(_link(verzoek)).status_code == 200

    mail.outbox.clear()
    tasks.controles_plannen.defer(timestamp=nu + 14 * 24 * 3600)
    wachtrij_afwerken()
    [herinnering] = mail.outbox
    assert herinnering.subject.startswith("Herinnering: kloppen uw gegevens")
    assert "nog niets van u gehoord" in herinnering.body
    assert client.get(_link(verzoek)).status_code == 410  # replaced by the new link
    assert client.get(_link(herinnering)).status_code == 200

    mail.outbox.clear()
    for dagen in (28, 29):  # the second run finds nothing left to send
        tasks.controles_plannen.defer(timestamp=nu + dagen * 24 * 3600)
        wachtrij_afwerken()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "amb-beide@example.org",
        "amb-twente@example.org",
    ]
    bericht = next(m for m in mail.outbox if m.to == ["amb-twente@example.org"])
    assert bericht.subject == "Dirk Docent reageert niet op het controleverzoek"
    assert "Dirk Docent (ROC Twente)" in bericht.body
    assert "14 dagen later een herinnering" in bericht.body
    assert f"{BASIS}/admin/netwerk/contactpersoon/{inhoud['dirk'].pk}/change/" in bericht.body
    assert not ProcrastinateJob.objects.exclude(status="succeeded").exists()


def test_two_runs_at_the_same_moment_plan_every_e_mail_once(wachtrij, inhoud, ambassadeurs):
    # Threads with connections of their own stand in for two workers.
    nu = timezone.now()
    start = threading.Barrier(2)
    fouten = []

    def plannen():
        try:
            start.wait()
            services.weekoverzichten_plannen(nu=nu)
            services.controles_plannen(nu=nu)
        except Exception as fout:
            fouten.append(fout)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=plannen) for _ in range(2)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert fouten == []
    assert len(_taken("weekoverzicht_versturen")) == 3
    assert len(_controleverzoeken()) == 1
    assert Herinnering.objects.count() == 4
