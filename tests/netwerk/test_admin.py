"""The network in the admin: region scoping, te controleren, e-mails, reports, erasure."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from procrastinate.contrib.django.models import ProcrastinateJob

from netwerk import services
from netwerk.models import (
    Contactpersoon,
    Correctie,
    Foutmelding,
    Wisregistratie,
)
from portal.models import Sector
from tests.factories import ContactpersoonFactory, GebruikerFactory, InstrumentFactory, regio
from tests.netwerk.conftest import TECHNIEK
from tests.tweede_factor import inloggen_met_code
from tests.wachtrij import wachtrij_afwerken

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["organisatie", "contactpersoon"])
def test_ambassadeur_sees_and_edits_only_own_region(client, netwerk, ambassadeur_twente, model):
    inloggen_met_code(client, ambassadeur_twente)
    lijst = client.get(reverse(f"admin:netwerk_{model}_changelist")).text
    eigen, vreemd = (
        (netwerk["roc"], netwerk["gilde"])
        if model == "organisatie"
        else (netwerk["docent"], netwerk["limburger"])
    )
    assert eigen.naam in lijst
    assert vreemd.naam not in lijst
    for view in ("change", "delete", "history"):
        assert (
            client.get(reverse(f"admin:netwerk_{model}_{view}", args=[vreemd.pk])).status_code
            == 403
        )
    assert client.get(reverse(f"admin:netwerk_{model}_change", args=[eigen.pk])).status_code == 200
    assert client.get(reverse(f"admin:netwerk_{model}_history", args=[eigen.pk])).status_code == 200


def test_erkenningen_are_edited_inline_with_their_organisation(client, netwerk, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    response = client.get(reverse("admin:netwerk_organisatie_change", args=[netwerk["roc"].pk]))
    assert "Monteur" in response.text
    assert "erkenningen-TOTAL_FORMS" in response.text


def test_person_edit_offers_only_own_region_organisations(client, netwerk, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    response = client.get(reverse("admin:netwerk_contactpersoon_add"))
    form = response.context["adminform"].form
    assert set(form.fields["organisatie"].queryset) == {netwerk["loket"], netwerk["roc"]}
    assert [r.slug for r in form.fields["regios"].queryset] == ["twente"]
    assert "gecontroleerd_op" not in form.fields


def test_te_controleren_lists_only_stale_entries_of_own_region(client, netwerk, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    tekst = client.get(reverse("admin:netwerk_contactpersoontecontroleren_changelist")).text
    assert "Dirk Docent" in tekst
    assert "Anna Ambassadeur" not in tekst  # recently checked
    assert "Lotte Limburg" not in tekst


def test_verification_email_is_sent_from_the_admin(wachtrij, client, netwerk, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    url = reverse("admin:netwerk_contactpersoontecontroleren_changelist")
    historie = Contactpersoon.history.filter(id=netwerk["docent"].pk).count()
    response = client.post(
        url, {"action": "controle_aanvragen", "_selected_action": [netwerk["docent"].pk]}
    )
    assert response.status_code == 302
    assert mail.outbox == []  # the job sends it, not the request
    wachtrij_afwerken()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dirk@example.org"]
    assert "http://testserver/netwerk/controle/" in mail.outbox[0].body
    # Storing the link's nonce is no change of the entry: no empty history row.
    assert Contactpersoon.history.filter(id=netwerk["docent"].pk).count() == historie


def test_verification_email_uses_the_configured_address(
    wachtrij, client, netwerk, ambassadeur_twente, settings
):
    settings.PORTAAL_BASIS_URL = "https://praktijkleren.example.org/"
    inloggen_met_code(client, ambassadeur_twente)
    url = reverse("admin:netwerk_contactpersoontecontroleren_changelist")
    client.post(url, {"action": "controle_aanvragen", "_selected_action": [netwerk["docent"].pk]})
    wachtrij_afwerken()
    assert "https://praktijkleren.example.org/netwerk/controle/" in mail.outbox[0].body


def test_the_admin_says_the_email_will_be_sent_not_that_it_was(client, netwerk, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    url = reverse("admin:netwerk_contactpersoon_changelist")
    personen = [netwerk["docent"].pk, netwerk["ambassadeur"].pk, netwerk["slapend"].pk]
    response = client.post(
        url, {"action": "controle_aanvragen", "_selected_action": personen}, follow=True
    )
    meldingen = [str(m) for m in response.context["messages"]]
    assert meldingen[0].startswith("2 controleverzoeken worden verstuurd.")
    assert "probeert het portaal het" in meldingen[0]
    assert meldingen[1] == "1 overgeslagen: geen e-mailadres of niet actief."
    assert (
        ProcrastinateJob.objects.filter(task_name="portal.tasks.controlemail_versturen").count()
        == 2
    )


@pytest.mark.parametrize("actie", ["markeer_gecontroleerd", "controle_aanvragen"])
def test_an_action_on_many_persons_takes_no_more_queries_than_on_one(
    client, netwerk, ambassadeur_twente, django_assert_max_num_queries, actie
):
    inloggen_met_code(client, ambassadeur_twente)
    url = reverse("admin:netwerk_contactpersoon_changelist")
    ContactpersoonFactory.create_batch(6)
    ids = list(Contactpersoon.objects.filter(regios__slug="twente").values_list("pk", flat=True))
    with django_assert_max_num_queries(25) as een:
        assert client.post(url, {"action": actie, "_selected_action": ids[:1]}).status_code == 302
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert client.post(url, {"action": actie, "_selected_action": ids}).status_code == 302


def test_roles_and_bewijsstukken_are_checkboxes(client, netwerk, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    persoon = client.get(reverse("admin:netwerk_contactpersoon_add")).text
    assert 'type="checkbox" name="rollen" value="ambassadeur"' in persoon
    organisatie = client.get(reverse("admin:netwerk_organisatie_change", args=[netwerk["roc"].pk]))
    assert 'type="checkbox" name="erkenningen-0-bewijsstukken"' in organisatie.text


def test_erkenning_only_for_an_mbo_instelling(netwerk):
    with pytest.raises(ValidationError, match="mbo-instelling"):
        services.erkenning_opslaan(
            organisatie=netwerk["loket"], kwalificatie="Monteur", crebo="25405",
            sector=Sector.objects.get(slug=TECHNIEK), niveau=2, bewijsstukken=[],
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.organisatie_opslaan(
            sleutel="roc-twente", naam="ROC Twente", soort="overig", regios=[regio("twente")]
        )


def test_the_error_report_status_changes_through_the_action_only(
    client, netwerk, professional, ambassadeur_twente
):
    melding = services.foutmelding_indienen(
        gemeld_door=professional, melding="Klopt niet meer.", contactpersoon=netwerk["docent"]
    )
    inloggen_met_code(client, ambassadeur_twente)
    change = reverse("admin:netwerk_foutmelding_change", args=[melding.pk])
    assert "status" not in client.get(change).context["adminform"].form.fields
    client.post(change, {"status": "afgehandeld"})
    melding.refresh_from_db()
    assert melding.status == "open"


def test_reports_and_corrections_follow_the_persons_current_regions(
    client, netwerk, professional, ambassadeur_twente, ambassadeur_noord_limburg
):
    docent = netwerk["docent"]
    melding = services.foutmelding_indienen(
        gemeld_door=professional, melding="Dirk is verhuisd.", contactpersoon=docent
    )
    correctie = Correctie.objects.create(contactpersoon=docent, naam="Dirk Docent", functie="X")
    correctie.regios.set([regio("twente")])
    docent.regios.set([regio("noord-limburg")])  # Dirk moved after both came in

    inloggen_met_code(client, ambassadeur_twente)
    lijst = reverse("admin:netwerk_correctie_changelist")
    client.post(lijst, {"action": "goedkeuren", "_selected_action": [correctie.pk]})
    correctie.refresh_from_db()
    assert correctie.status == "open"
    assert (
        client.get(reverse("admin:netwerk_foutmelding_change", args=[melding.pk])).status_code
        == 403
    )

    inloggen_met_code(client, ambassadeur_noord_limburg)
    client.post(lijst, {"action": "goedkeuren", "_selected_action": [correctie.pk]})
    correctie.refresh_from_db()
    assert correctie.status == "goedgekeurd"
    assert (
        client.get(reverse("admin:netwerk_foutmelding_change", args=[melding.pk])).status_code
        == 200
    )
    with pytest.raises(PermissionDenied):
        services.correcties_goedkeuren(
            correcties=[Correctie.objects.create(contactpersoon=docent, naam="Y")],
            door=ambassadeur_twente,
        )


def test_error_report_reaches_only_the_regions_ambassadeur(
    client, netwerk, professional, ambassadeur_twente, ambassadeur_noord_limburg
):
    client.force_login(professional)
    url = reverse("netwerk:contactpersoon_fout_melden", args=[netwerk["docent"].pk])
    assert client.post(url, {"melding": "x"}).status_code == 400  # too short
    response = client.post(url, {"melding": "Dirk werkt sinds mei bij een ander ROC."})
    assert response.status_code == 302
    melding = Foutmelding.objects.get()
    assert melding.gemeld_door == professional
    assert [r.slug for r in melding.regios.all()] == ["twente"]

    inloggen_met_code(client, ambassadeur_noord_limburg)
    lijst = reverse("admin:netwerk_foutmelding_changelist")
    assert "ander ROC" not in client.get(lijst).text
    change = reverse("admin:netwerk_foutmelding_change", args=[melding.pk])
    assert client.get(change).status_code == 403
    inloggen_met_code(client, ambassadeur_twente)
    assert client.get(change).status_code == 200
    client.post(lijst, {"action": "afhandelen", "_selected_action": [melding.pk]})
    melding.refresh_from_db()
    assert melding.status == "afgehandeld"


def _rijen_met(tekst: str) -> list:
    """Every row in any netwerk table (history included) that contains ``tekst``."""
    gevonden = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND (table_name LIKE 'netwerk_%%' "
            "OR table_name = 'django_admin_log')"
        )
        for (tabel,) in cursor.fetchall():
            cursor.execute(f'SELECT * FROM "{tabel}"')
            gevonden += [(tabel, rij) for rij in cursor.fetchall() if tekst in repr(rij)]
    return gevonden


def _docent_in_de_admin_bewerken(client, netwerk, functie: str) -> None:
    """Save Dirk's entry through the admin's change form, as an editor does: a new
    version in the history and an entry in the admin's log."""
    docent = netwerk["docent"]
    wijzig = reverse("admin:netwerk_contactpersoon_change", args=[docent.pk])
    formulier = client.get(wijzig).context["adminform"].form
    data = {k: v for k, v in formulier.initial.items() if v is not None}
    data.update(
        naam="Dirk Docent", sleutel=docent.sleutel, organisatie=netwerk["roc"].pk,
        regios=[regio("twente").pk], rollen=["praktijkopleider"], functie=functie,
        email="dirk@example.org", telefoon="053 480 0099", actief="on",
        sectoren=[], instrumenten=[],
    )  # fmt: skip
    assert client.post(wijzig, data).status_code == 302


def test_erasure_removes_the_person_from_live_tables_and_history(
    client, netwerk, ambassadeur_twente, ambassadeur_noord_limburg
):
    docent = netwerk["docent"]
    inloggen_met_code(client, ambassadeur_twente)
    _docent_in_de_admin_bewerken(client, netwerk, functie="Hoofd opleidingen")
    assert LogEntry.objects.filter(object_id=str(docent.pk)).exists()
    assert Contactpersoon.history.filter(id=docent.pk).count() >= 2
    assert _rijen_met("dirk@example.org")

    lijst = reverse("admin:netwerk_contactpersoon_changelist")
    # Another region's ambassadeur cannot erase this person: the action's queryset does
    # not hold them, and the service refuses them too.
    inloggen_met_code(client, ambassadeur_noord_limburg)
    client.post(
        lijst,
        {"action": "wissen_op_verzoek", "_selected_action": [docent.pk], "bevestigd": "ja"},
    )
    assert Contactpersoon.objects.filter(pk=docent.pk).exists()
    with pytest.raises(PermissionDenied):
        services.contactpersonen_wissen(contactpersonen=[docent], door=ambassadeur_noord_limburg)
    assert Contactpersoon.objects.filter(pk=docent.pk).exists()
    assert not Wisregistratie.objects.exists()

    inloggen_met_code(client, ambassadeur_twente)
    bevestig = client.post(lijst, {"action": "wissen_op_verzoek", "_selected_action": [docent.pk]})
    assert bevestig.status_code == 200
    assert "definitief" in bevestig.text
    assert Contactpersoon.objects.filter(pk=docent.pk).exists()
    client.post(
        lijst,
        {"action": "wissen_op_verzoek", "_selected_action": [docent.pk], "bevestigd": "ja"},
    )
    assert not Contactpersoon.objects.filter(pk=docent.pk).exists()
    assert not Contactpersoon.history.filter(id=docent.pk).exists()
    for spoor in ("Dirk Docent", "dirk@example.org", "480 0099", docent.sleutel):
        assert _rijen_met(spoor) == [], spoor
    registratie = Wisregistratie.objects.get()
    assert registratie.contactpersoon_id == docent.pk
    assert registratie.uitgevoerd_door == ambassadeur_twente
    assert registratie.historieregels >= 3


def test_erasing_several_is_all_or_nothing(netwerk, ambassadeur_twente):
    mix = [netwerk["docent"], netwerk["limburger"]]  # the second is not Twente's
    with pytest.raises(PermissionDenied):
        services.contactpersonen_wissen(contactpersonen=mix, door=ambassadeur_twente)
    assert Contactpersoon.objects.filter(pk__in=[p.pk for p in mix]).count() == 2
    assert not Wisregistratie.objects.exists()


@pytest.mark.parametrize("manier", ["verwijderpagina", "delete_selected"])
def test_an_ordinary_delete_is_an_erasure(client, netwerk, ambassadeur_twente, manier):
    docent = netwerk["docent"]
    inloggen_met_code(client, ambassadeur_twente)
    _docent_in_de_admin_bewerken(client, netwerk, functie="Docent")
    if manier == "verwijderpagina":
        url = reverse("admin:netwerk_contactpersoon_delete", args=[docent.pk])
        response = client.post(url, {"post": "yes"}, follow=True)
    else:
        response = client.post(
            reverse("admin:netwerk_contactpersoon_changelist"),
            {"action": "delete_selected", "_selected_action": [docent.pk], "post": "yes"},
            follow=True,
        )
    assert response.status_code == 200
    assert not Contactpersoon.objects.filter(pk=docent.pk).exists()
    for spoor in ("Dirk Docent", "dirk@example.org", docent.sleutel):
        assert _rijen_met(spoor) == [], spoor
    assert not LogEntry.objects.filter(object_repr__contains="Dirk").exists()
    assert Wisregistratie.objects.get().contactpersoon_id == docent.pk


def test_professional_gets_no_network_admin(client, netwerk, professional):
    client.force_login(professional)
    assert client.get(reverse("admin:netwerk_contactpersoon_changelist")).status_code == 302


@pytest.fixture
def gedeelde_persoon(netwerk):
    return ContactpersoonFactory(
        naam="Gerda Gedeeld", organisatie=netwerk["loket"], regios=["twente", "achterhoek"],
        email="gerda@example.org",
    )  # fmt: skip


def _meldingen(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_erasure_of_a_person_shared_with_another_region_is_refused(
    client, netwerk, gedeelde_persoon, ambassadeur_twente
):
    inloggen_met_code(client, ambassadeur_twente)
    lijst = reverse("admin:netwerk_contactpersoon_changelist")
    # The person shows in Twente's list, but neither step of the action erases them.
    assert "Gerda Gedeeld" in client.get(lijst).text
    for stap in ({}, {"bevestigd": "ja"}):
        response = client.post(
            lijst,
            {"action": "wissen_op_verzoek", "_selected_action": [gedeelde_persoon.pk], **stap},
            follow=True,
        )
        assert response.status_code == 200
        melding = " ".join(_meldingen(response))
        assert "Er is niemand gewist" in melding and "Gerda Gedeeld" in melding
        assert "definitief" not in response.text
    # Mixed with an own person: all or nothing.
    client.post(
        lijst,
        {
            "action": "wissen_op_verzoek",
            "_selected_action": [gedeelde_persoon.pk, netwerk["docent"].pk],
            "bevestigd": "ja",
        },
    )
    with pytest.raises(PermissionDenied, match="niemand gewist"):
        services.contactpersonen_wissen(contactpersonen=[gedeelde_persoon], door=ambassadeur_twente)
    # The same rule as an ordinary delete.
    verwijder = reverse("admin:netwerk_contactpersoon_delete", args=[gedeelde_persoon.pk])
    assert client.post(verwijder, {"post": "yes"}).status_code == 403

    assert (
        Contactpersoon.objects.filter(pk__in=[gedeelde_persoon.pk, netwerk["docent"].pk]).count()
        == 2
    )
    assert sorted(r.slug for r in gedeelde_persoon.regios.all()) == ["achterhoek", "twente"]
    assert Contactpersoon.history.filter(id=gedeelde_persoon.pk).exists()
    assert not Wisregistratie.objects.exists()


@pytest.mark.parametrize("wie", ["ambassadeur van beide regio's", "beheerder"])
def test_erasure_of_a_shared_person_by_someone_keeping_all_its_regions(
    client, netwerk, gedeelde_persoon, beheerder, wie
):
    gebruiker = (
        GebruikerFactory(
            username="amb-beide", ambassadeur=True, regio_slugs=["twente", "achterhoek"]
        )
        if wie != "beheerder"
        else beheerder
    )
    inloggen_met_code(client, gebruiker)
    lijst = reverse("admin:netwerk_contactpersoon_changelist")
    actie = {"action": "wissen_op_verzoek", "_selected_action": [gedeelde_persoon.pk]}
    bevestig = client.post(lijst, actie)
    assert bevestig.status_code == 200
    assert "Gerda Gedeeld" in bevestig.text and "in alle regio's" in bevestig.text

    response = client.post(lijst, {**actie, "bevestigd": "ja"}, follow=True)
    assert any("1 persoon/personen gewist" in m for m in _meldingen(response))
    assert not Contactpersoon.objects.filter(pk=gedeelde_persoon.pk).exists()
    assert _rijen_met("gerda@example.org") == []
    assert Wisregistratie.objects.get().uitgevoerd_door == gebruiker


def test_person_instrument_choices_leave_out_other_regions_drafts(
    client, netwerk, ambassadeur_twente
):
    InstrumentFactory(titel="Geheim Achterhoeks plan", regio="achterhoek", concept=True)
    inloggen_met_code(client, ambassadeur_twente)
    wijzig = reverse("admin:netwerk_contactpersoon_change", args=[netwerk["docent"].pk])
    response = client.get(wijzig)
    keuzes = {i.titel for i in response.context["adminform"].form.fields["instrumenten"].queryset}
    assert keuzes == {"SLIM-subsidie"}
    assert "Geheim Achterhoeks plan" not in response.text
