"""SQLite returns the pages deleted rows used to the file system (`auto_vacuum =
INCREMENTAL`, and `designer.storage.free_deleted_space` after each delete), so deleted
diagrams and pruned revisions free disk space. The mode applies only after a VACUUM, which
cannot run inside a transaction: this migration is not atomic."""

from django.db import migrations


def incremental(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA auto_vacuum")
        if cursor.fetchone()[0] != 2:  # 2: INCREMENTAL
            cursor.execute("PRAGMA auto_vacuum = INCREMENTAL")
            cursor.execute("VACUUM")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("designer", "0002_document_sizes")]

    operations = [migrations.RunPython(incremental, migrations.RunPython.noop)]
