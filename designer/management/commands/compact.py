"""`manage.py compact`: rewrite the database file (SQLite's VACUUM), so the space of
everything deleted goes back to the file system; prints the size before and after.

Deletes already give their pages back as they happen (`designer.storage`); this also
defragments, and is worth running now and then, e.g. from cron, when the app is quiet
(VACUUM holds the write lock while it runs).
"""

from django.core.management.base import BaseCommand

from designer.storage import compact


class Command(BaseCommand):
    help = "Compact the database (VACUUM): deleted data frees disk space."

    def handle(self, *args, **options) -> None:
        before, after = compact()
        self.stdout.write(f"database: {before:,} bytes before, {after:,} bytes after")
