"""The network in the admin: region scoping, te controleren, e-mails, reports, erasure."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.db import connection
from django.urls import reverse

from netwerk.models import Contactpersoon, Foutmelding, Wisregistratie
from tests.factories import regio

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["organisatie", "contactpersoon"])
def test_ambassadeur_sees_and_edits_only_own_region(client, netwerk, ambassadeur_twente, model):
    client.force_login(ambassadeur_twente)
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
    client.force_login(ambassadeur_twente)
    response = client.get(reverse("admin:netwerk_organisatie_change", args=[netwerk["roc"].pk]))
    assert "Monteur" in response.text
    assert "erkenningen-TOTAL_FORMS" in response.text


def test_person_edit_offers_only_own_region_organisations(client, netwerk, ambassadeur_twente):
    client.force_login(ambassadeur_twente)
    response = client.get(reverse("admin:netwerk_contactpersoon_add"))
    form = response.context["adminform"].form
    assert set(form.fields["organisatie"].queryset) == {netwerk["loket"], netwerk["roc"]}
    assert [r.slug for r in form.fields["regios"].queryset] == ["twente"]
    assert "gecontroleerd_op" not in form.fields


def test_te_controleren_lists_only_stale_entries_of_own_region(client, netwerk, ambassadeur_twente):
    client.force_login(ambassadeur_twente)
    tekst = client.get(reverse("admin:netwerk_contactpersoontecontroleren_changelist")).text
    assert "Dirk Docent" in tekst
    assert "Anna Ambassadeur" not in tekst  # recently checked
    assert "Lotte Limburg" not in tekst


def test_verification_email_is_sent_from_the_admin(client, netwerk, ambassadeur_twente):
    client.force_login(ambassadeur_twente)
    url = reverse("admin:netwerk_contactpersoontecontroleren_changelist")
    response = client.post(
        url, {"action": "controle_aanvragen", "_selected_action": [netwerk["docent"].pk]}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dirk@example.org"]
    assert "/netwerk/controle/" in mail.outbox[0].body


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

    client.force_login(ambassadeur_noord_limburg)
    lijst = reverse("admin:netwerk_foutmelding_changelist")
    assert "ander ROC" not in client.get(lijst).text
    change = reverse("admin:netwerk_foutmelding_change", args=[melding.pk])
    assert client.get(change).status_code == 403
    client.force_login(ambassadeur_twente)
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


def test_erasure_removes_the_person_from_live_tables_and_history(
    client, netwerk, ambassadeur_twente, ambassadeur_noord_limburg
):
    docent = netwerk["docent"]
    client.force_login(ambassadeur_twente)
    # Some history and admin log first: an edit through the admin, a report, a correction.
    wijzig = reverse("admin:netwerk_contactpersoon_change", args=[docent.pk])
    formulier = client.get(wijzig).context["adminform"].form
    data = {k: v for k, v in formulier.initial.items() if v is not None}
    data.update(
        naam="Dirk Docent", sleutel=docent.sleutel, organisatie=netwerk["roc"].pk,
        regios=[regio("twente").pk], rollen="praktijkopleider", functie="Hoofd opleidingen",
        email="dirk@example.org", telefoon="053 480 0099", actief="on",
        sectoren=[], instrumenten=[],
    )  # fmt: skip
    assert client.post(wijzig, data).status_code == 302
    assert LogEntry.objects.filter(object_id=str(docent.pk)).exists()
    assert Contactpersoon.history.filter(id=docent.pk).count() >= 2
    assert _rijen_met("dirk@example.org")

    lijst = reverse("admin:netwerk_contactpersoon_changelist")
    # Another region's ambassadeur cannot erase this person.
    client.force_login(ambassadeur_noord_limburg)
    client.post(
        lijst,
        {"action": "wissen_op_verzoek", "_selected_action": [docent.pk], "bevestigd": "ja"},
    )
    assert Contactpersoon.objects.filter(pk=docent.pk).exists()

    client.force_login(ambassadeur_twente)
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
    for spoor in ("Dirk Docent", "dirk@example.org", "480 00 99", docent.sleutel):
        assert _rijen_met(spoor) == [], spoor
    registratie = Wisregistratie.objects.get()
    assert registratie.contactpersoon_id == docent.pk
    assert registratie.uitgevoerd_door == ambassadeur_twente
    assert registratie.historieregels >= 3


def test_professional_gets_no_network_admin(client, netwerk, professional):
    client.force_login(professional)
    assert client.get(reverse("admin:netwerk_contactpersoon_changelist")).status_code == 302
