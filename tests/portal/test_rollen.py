import pytest
from django.contrib.auth.models import Group

from portal import permissions, roles
from tests.factories import regio

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLLEN)


def test_ambassadeur_group_gets_the_model_permissions_of_the_table():
    codenames = set(
        Group.objects.get(name="ambassadeur").permissions.values_list("codename", flat=True)
    )
    assert {"change_notitie", "add_aantekening"} <= codenames
    assert not Group.objects.get(name="professional").permissions.exists()


def test_each_role_keeps_imports_and_exports_only_what_it_may(
    ambassadeur_twente, redacteur, beheerder, professional, manager
):
    twente, limburg = regio("twente").pk, regio("noord-limburg").pk
    assert permissions.mag_regio_inhoud_beheren(ambassadeur_twente, {twente})
    assert permissions.mag_regio_inhoud_beheren(ambassadeur_twente, {twente, limburg})
    assert not permissions.mag_regio_inhoud_beheren(ambassadeur_twente, {limburg})
    assert not permissions.mag_regio_inhoud_beheren(ambassadeur_twente, set())
    assert permissions.mag_regio_inhoud_beheren(redacteur, set())
    assert permissions.mag_regio_inhoud_beheren(beheerder, {limburg})
    assert not permissions.mag_regio_inhoud_beheren(professional, {twente})
    assert permissions.importeerbare_regio_ids(ambassadeur_twente) == {twente}
    assert permissions.importeerbare_regio_ids(manager) == set()
    assert limburg in permissions.importeerbare_regio_ids(beheerder)
    assert permissions.mag_cijfers_exporteren(manager)
    assert not permissions.mag_cijfers_exporteren(professional)
    assert permissions.mag_trajectrijen_bekijken(beheerder)
    assert not permissions.mag_trajectrijen_bekijken(ambassadeur_twente)
