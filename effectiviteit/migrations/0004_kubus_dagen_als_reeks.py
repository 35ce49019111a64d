import django.contrib.postgres.fields
from django.db import migrations, models


def kubus_vullen(apps, schema_editor):
    """Rebuild the summary in its new layout from the trajectories already stored.

    Uses the current ``kubus`` code, so it only runs where there is something to fill
    (a fresh database skips it and cannot trip over later changes to that code).
    """
    if not apps.get_model("effectiviteit", "Traject").objects.exists():
        return
    from effectiviteit.kubus import kubus_herberekenen

    with schema_editor.connection.cursor() as cursor:
        kubus_herberekenen(cursor)


class Migration(migrations.Migration):
    dependencies = [
        ("effectiviteit", "0003_kubus"),
    ]

    operations = [
        migrations.DeleteModel(
            name="Kubusduur",
        ),
        # The rows are rebuilt below; an empty array is only a placeholder for them.
        migrations.RunSQL("DELETE FROM effectiviteit_kubusvak", migrations.RunSQL.noop),
        migrations.AddField(
            model_name="kubusvak",
            name="dagen",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.IntegerField(), default=list, size=32
            ),
            preserve_default=False,
        ),
        migrations.RunPython(kubus_vullen, migrations.RunPython.noop),
    ]
