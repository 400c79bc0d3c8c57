from django.db import migrations, models

import medborgarloften.lib.fields


def closed_were_answered(apps, schema_editor):
    """Cases closed before there was an outcome: 'Besvarat', the one outcome that
    claims nothing was done (a merged duplicate keeps none: it is never shown)."""
    Case = apps.get_model("cases", "Case")
    Case.objects.filter(status="closed", duplicate_of__isnull=True).update(
        outcome="answered"
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_answer_template_kommun")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="outcome",
            field=models.CharField(
                blank=True,
                choices=[
                    ("fixed", "Åtgärdat"),
                    ("partly", "Delvis åtgärdat"),
                    ("not_fixed", "Inte åtgärdat"),
                    ("referred", "Hänvisat vidare"),
                    ("answered", "Besvarat"),
                ],
                max_length=10,
                verbose_name="utfall",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="close_reason",
            field=medborgarloften.lib.fields.PlainCharField(
                blank=True, max_length=300, verbose_name="utfallet med ord"
            ),
        ),
        migrations.RunPython(closed_were_answered, migrations.RunPython.noop),
    ]
