from django.db import migrations


def load(apps, schema_editor):
    from roadmaps.reference_data import shipped_load

    shipped_load(apps.get_model("roadmaps", "ReferenceIndicator"))


class Migration(migrations.Migration):
    dependencies = [("roadmaps", "0015_reference_indicators")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
