import django.contrib.postgres.fields
from django.db import migrations, models


def _ruimte(tabel: str) -> migrations.RunSQL:
    # Room on every page, so the additions of an import update rows in place (HOT: no
    # new index entries, a fraction of the WAL).
    return migrations.RunSQL(
        f"ALTER TABLE {tabel} SET (fillfactor = 60)", f"ALTER TABLE {tabel} RESET (fillfactor)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("effectiviteit", "0003_kubus"),
    ]

    operations = [
        migrations.CreateModel(
            name="Kubusdag",
            fields=[
                ("dag", models.DateField(primary_key=True, serialize=False)),
                (
                    "vakken",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.IntegerField(), size=24
                    ),
                ),
                ("n", models.IntegerField(default=0)),
                ("status_lopend", models.IntegerField(default=0)),
                ("status_afgerond", models.IntegerField(default=0)),
                ("status_uitgevallen", models.IntegerField(default=0)),
                ("behaald_praktijkverklaring", models.IntegerField(default=0)),
                ("behaald_mbo_certificaat", models.IntegerField(default=0)),
                ("behaald_mbo_diploma", models.IntegerField(default=0)),
                ("behaald_geen", models.IntegerField(default=0)),
                ("uitval_werk_gevonden", models.IntegerField(default=0)),
                ("uitval_gezondheid", models.IntegerField(default=0)),
                ("uitval_motivatie", models.IntegerField(default=0)),
                ("uitval_werkgever_gestopt", models.IntegerField(default=0)),
                ("uitval_persoonlijke_omstandigheden", models.IntegerField(default=0)),
                ("uitval_niveau_te_hoog", models.IntegerField(default=0)),
                ("uitval_overig", models.IntegerField(default=0)),
                ("vervolg_duurzame_baan", models.IntegerField(default=0)),
                ("vervolg_tijdelijke_baan", models.IntegerField(default=0)),
                ("vervolg_onderwijs", models.IntegerField(default=0)),
                ("vervolg_geen_werk", models.IntegerField(default=0)),
                ("vervolg_onbekend", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "telling per dag",
            },
        ),
        migrations.CreateModel(
            name="Kubusdagvak",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("dag", models.DateField()),
                ("vak", models.IntegerField()),
                ("aantal", models.IntegerField()),
                (
                    "dagen",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.IntegerField(), size=32
                    ),
                ),
            ],
            options={
                "verbose_name": "duurklasse per dag",
            },
        ),
        migrations.AddConstraint(
            model_name="kubusdagvak",
            constraint=models.UniqueConstraint(fields=("dag", "vak"), name="kubusdagvak_sleutel"),
        ),
        migrations.DeleteModel(
            name="Kubusduur",
        ),
        migrations.RemoveIndex(
            model_name="traject",
            name="traject_combinatie_start",
        ),
        migrations.AddIndex(
            model_name="traject",
            index=models.Index(
                fields=["sector", "doelgroep", "aanleverende_partij", "regio", "startdatum"],
                name="traject_combinatie_regio",
            ),
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
        migrations.AddField(
            model_name="kubuscel",
            name="vakken",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.IntegerField(), null=True, size=24
            ),
        ),
        _ruimte("effectiviteit_kubuscel"),
        _ruimte("effectiviteit_kubusvak"),
        _ruimte("effectiviteit_kubusdag"),
        _ruimte("effectiviteit_kubusdagvak"),
        # The summary's layout changed: emptied here, rebuilt from the trajectories by
        # the current code once every migration has run (effectiviteit.apps).
        migrations.RunSQL(
            "TRUNCATE effectiviteit_kubuscel, effectiviteit_kubusvak", migrations.RunSQL.noop
        ),
    ]
