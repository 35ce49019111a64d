from django.db import migrations, models

# The triggers and functions that an earlier version of 0006 created to keep the three
# tables below current. IF EXISTS: a database migrated after that version never had them.
# Migrating back leaves the tables empty and without triggers; nothing reads them then.
TRIGGERS_WEG = """
DROP TRIGGER IF EXISTS sectoren_zoekindex_wachten ON kennisbank_kennisitem_sectoren;
DROP TRIGGER IF EXISTS sectoren_zoekindex_toevoegen ON kennisbank_kennisitem_sectoren;
DROP TRIGGER IF EXISTS sectoren_zoekindex_wijzigen ON kennisbank_kennisitem_sectoren;
DROP TRIGGER IF EXISTS sectoren_zoekindex_verwijderen ON kennisbank_kennisitem_sectoren;
DROP TRIGGER IF EXISTS sectoren_zoekindex_legen ON kennisbank_kennisitem_sectoren;
DROP TRIGGER IF EXISTS kennisitem_zoekindex_wachten ON kennisbank_kennisitem;
DROP TRIGGER IF EXISTS kennisitem_zoekindex_toevoegen ON kennisbank_kennisitem;
DROP TRIGGER IF EXISTS kennisitem_zoekindex_wijzigen ON kennisbank_kennisitem;
DROP TRIGGER IF EXISTS kennisitem_zoekindex_verwijderen ON kennisbank_kennisitem;
DROP TRIGGER IF EXISTS kennisitem_zoekindex_legen ON kennisbank_kennisitem;
DROP FUNCTION IF EXISTS kennisbank_zoekindex_sectoren();
DROP FUNCTION IF EXISTS kennisbank_zoekindex_bijwerken();
DROP FUNCTION IF EXISTS kennisbank_zoekindex_wachten();
DROP FUNCTION IF EXISTS kennisbank_zoekindex_beurt();
DROP FUNCTION IF EXISTS kennisbank_zoekindex_opdrachten(text, text);
DROP FUNCTION IF EXISTS kennisbank_lexeem_als_tsquery(text);
"""

SOORTEN = [
    ("bewijsstuk-opleidingsroute", "Bewijsstuk of opleidingsroute"),
    ("financiering-subsidie", "Financiering of subsidie"),
    ("begeleiding", "Begeleiding"),
    ("advies-loket", "Advies of loket"),
    ("werkgeversinstrument", "Werkgeversinstrument"),
    ("overig", "Overig"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0008_instrument_criteria"),
    ]

    operations = [
        migrations.RunSQL(TRIGGERS_WEG, migrations.RunSQL.noop),
        # No statistics on the search vector: the planner then prices every word alike
        # and reads the matches through the GIN index. With them it scans the whole
        # table for a common word, unpacking every row's TOASTed vector, several times
        # slower. The facets' arrays stay in the row: with toast_tuple_target = 256
        # (0003) they were moved out, and counting the facets fetched each of them.
        # Rows written before this keep where their arrays are until they change.
        migrations.RunSQL(
            "ALTER TABLE kennisbank_kennisitem ALTER COLUMN zoekvector SET STATISTICS 0,"
            " ALTER COLUMN doelgroepen SET STORAGE PLAIN,"
            " ALTER COLUMN bewijsstukken SET STORAGE PLAIN",
            "ALTER TABLE kennisbank_kennisitem ALTER COLUMN zoekvector SET STATISTICS -1,"
            " ALTER COLUMN doelgroepen SET STORAGE EXTENDED,"
            " ALTER COLUMN bewijsstukken SET STORAGE EXTENDED",
        ),
        migrations.DeleteModel(name="Lexeemfacet"),
        migrations.DeleteModel(name="Lexeemrang"),
        migrations.DeleteModel(name="Lexeemtelling"),
        # A search's title tier is now told by the short vector's weights, not this index.
        migrations.RemoveIndex(model_name="kennisitem", name="kennisitem_titelvector"),
        # The vocabulary only grows now; how many items hold a word is not kept.
        migrations.RemoveField(model_name="zoekwoord", name="aantal"),
        # An instrument's soort may be left out of an import line: "overig".
        migrations.AlterField(
            model_name="historicalinstrument",
            name="soort",
            field=models.CharField(choices=SOORTEN, max_length=40, verbose_name="soort"),
        ),
        migrations.AlterField(
            model_name="instrument",
            name="soort",
            field=models.CharField(choices=SOORTEN, max_length=40, verbose_name="soort"),
        ),
    ]
