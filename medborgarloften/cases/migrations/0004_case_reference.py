from django.db import migrations, models

import medborgarloften.cases.models


def give_references(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    taken = set()
    for case in Case.objects.filter(reference__isnull=True).only("pk"):
        reference = medborgarloften.cases.models.new_reference()
        while reference in taken:
            reference = medborgarloften.cases.models.new_reference()
        taken.add(reference)
        Case.objects.filter(pk=case.pk).update(reference=reference)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_case_outcome")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="reference",
            field=models.CharField(
                editable=False, max_length=20, null=True, verbose_name="referens"
            ),
        ),
        migrations.RunPython(give_references, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="case",
            name="reference",
            field=models.CharField(
                default=medborgarloften.cases.models.new_reference,
                editable=False,
                max_length=20,
                unique=True,
                verbose_name="referens",
            ),
        ),
    ]
