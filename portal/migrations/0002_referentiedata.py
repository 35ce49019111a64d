"""Loads the 35 arbeidsmarktregio's and the 8 sectors from the CSV copies in portal/data."""

from django.db import migrations

from portal.referentiedata import laad_regios_en_sectoren


def laden(apps, schema_editor):
    laad_regios_en_sectoren(apps.get_model("portal", "Regio"), apps.get_model("portal", "Sector"))


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]
    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
