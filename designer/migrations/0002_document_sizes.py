"""Each diagram and revision keeps its document's size, which storage quotas add up."""

from django.db import migrations, models


def measure(apps, schema_editor):
    from designer.models import document_size

    for name in ("Diagram", "DiagramRevision"):
        model = apps.get_model("designer", name)
        for row in model.objects.only("id", "document").iterator():
            model.objects.filter(pk=row.pk).update(size=document_size(row.document))


class Migration(migrations.Migration):
    dependencies = [("designer", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="diagram", name="size", field=models.PositiveIntegerField(default=0)
        ),
        migrations.AddField(
            model_name="diagramrevision", name="size", field=models.PositiveIntegerField(default=0)
        ),
        migrations.RunPython(measure, migrations.RunPython.noop),
    ]
