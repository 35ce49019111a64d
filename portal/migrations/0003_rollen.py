"""Creates one group per role (README: Rollen). Their model permissions are kept
in step with portal.roles after every migrate."""

from django.db import migrations

ROLLEN = ("professional", "ambassadeur", "manager", "redacteur", "beheerder")


def maken(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for rol in ROLLEN:
        Group.objects.get_or_create(name=rol)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_referentiedata"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(maken, migrations.RunPython.noop)]
