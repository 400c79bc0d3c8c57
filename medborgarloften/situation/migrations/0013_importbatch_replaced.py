from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("situation", "0012_observation_submission"),
    ]

    operations = [
        migrations.AddField(
            model_name="importbatch",
            name="replaced",
            field=models.JSONField(
                blank=True, default=list, verbose_name="ersatta rader"
            ),
        ),
    ]
