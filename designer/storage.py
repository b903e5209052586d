"""What one owner may store, and giving deleted data's space back.

Quotas (settings, README "Configuration"), per owner (a signed-in user or an anonymous
browser session), checked inside the transaction of every write so a refused write leaves
nothing behind:

- at most `EVENTYARD_DIAGRAMS_PER_OWNER` diagrams;
- each diagram keeps its newest `EVENTYARD_REVISIONS_PER_DIAGRAM` earlier revisions, and
  an owner's diagrams together the newest `EVENTYARD_REVISIONS_PER_OWNER`: older ones are
  pruned on save, oldest first;
- the documents of an owner's diagrams and kept revisions take at most
  `EVENTYARD_BYTES_PER_OWNER` bytes (as compact JSON): past it the oldest revisions are
  pruned, and if the diagrams alone are over, the write is refused.

A refusal raises `QuotaExceeded` (429 with a problem, `designer.problems`). Deleted rows
give their pages back to the file system at once on SQLite (`free_deleted_space`, with
its incremental auto-vacuum; PostgreSQL's autovacuum reuses them); `manage.py compact`
rewrites the stored data on either.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, QuerySet, Sum

from designer.models import Diagram, DiagramRevision


class QuotaExceeded(Exception):
    """A write that would pass an owner's quota; nothing of it is kept."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def owned_by_same(diagram: Diagram) -> QuerySet[Diagram]:
    """The diagrams of the diagram's owner (user or session), examples never."""
    if diagram.owner_id is not None:
        owner = Q(owner_id=diagram.owner_id)
    else:
        owner = Q(owner__isnull=True, session_key=diagram.session_key)
    return Diagram.objects.filter(owner, is_example=False)


def within_quotas(write: Callable[[], Diagram]) -> Diagram:
    """Run `write` (which creates or saves a diagram) and enforce its owner's quotas in
    the same transaction; raises `QuotaExceeded`, undoing the write, when over."""
    with transaction.atomic():
        diagram = write()
        enforce(diagram)
    return diagram


def enforce(diagram: Diagram) -> None:
    mine = owned_by_same(diagram)
    limit = settings.EVENTYARD_DIAGRAMS_PER_OWNER
    if mine.count() > limit:
        raise QuotaExceeded(
            "too_many_diagrams",
            f"you already have {limit} diagrams, the most one owner may keep: delete some first",
        )
    pruned = _prune(diagram.revisions.all(), keep=settings.EVENTYARD_REVISIONS_PER_DIAGRAM)
    revisions = DiagramRevision.objects.filter(diagram__in=mine)
    pruned += _prune(revisions, keep=settings.EVENTYARD_REVISIONS_PER_OWNER)
    pruned += _fit_bytes(mine, revisions)
    if pruned:
        transaction.on_commit(free_deleted_space)


def _prune(revisions: QuerySet[DiagramRevision], *, keep: int) -> int:
    """Delete all but the newest `keep` revisions; how many were deleted."""
    old = list(revisions.order_by("-created", "-id").values_list("id", flat=True)[keep:])
    if old:
        DiagramRevision.objects.filter(id__in=old).delete()
    return len(old)


def _total(queryset: QuerySet) -> int:
    return queryset.aggregate(total=Sum("size"))["total"] or 0


def _fit_bytes(mine: QuerySet[Diagram], revisions: QuerySet[DiagramRevision]) -> int:
    """Prune the oldest revisions until the owner's documents fit; refuse if they cannot."""
    limit = settings.EVENTYARD_BYTES_PER_OWNER
    current = _total(mine)
    if current > limit:
        raise QuotaExceeded(
            "storage_full",
            f"your diagrams would take {current:,} bytes; one owner may store {limit:,}: "
            "delete some diagrams or make this one smaller",
        )
    over = current + _total(revisions) - limit
    pruned = 0
    for revision_id, size in revisions.order_by("created", "id").values_list("id", "size"):
        if over <= 0:
            break
        DiagramRevision.objects.filter(id=revision_id).delete()
        over -= size
        pruned += 1
    return pruned


def free_deleted_space() -> None:
    """Give the pages of deleted rows back to the file system (SQLite's incremental
    auto-vacuum; nothing elsewhere, or when the database was made without it)."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        connection.ensure_connection()
        # Each step of this statement frees one page, and a cursor steps it once: a script
        # runs it to the end.
        connection.connection.executescript("PRAGMA incremental_vacuum;")


def compact() -> tuple[int, int]:
    """Rewrite the stored data (bytes before, bytes after): SQLite's whole file (VACUUM);
    on PostgreSQL the designer's tables (VACUUM FULL), measured as the database's size.
    PostgreSQL's autovacuum already reuses deleted rows' space; this gives it back."""
    if connection.vendor == "postgresql":
        return _compact_postgresql()
    if connection.vendor != "sqlite":
        return 0, 0
    with connection.cursor() as cursor:
        before = _file_bytes(cursor)
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA optimize")
        return before, _file_bytes(cursor)


def _compact_postgresql() -> tuple[int, int]:
    tables = [Diagram._meta.db_table, DiagramRevision._meta.db_table]
    size = "SELECT pg_database_size(current_database())"
    with connection.cursor() as cursor:
        cursor.execute(size)
        before = cursor.fetchone()[0]
        for table in tables:  # VACUUM cannot run in a transaction: autocommit, one each
            cursor.execute(f"VACUUM FULL ANALYZE {connection.ops.quote_name(table)}")
        cursor.execute(size)
        return before, cursor.fetchone()[0]


def _file_bytes(cursor) -> int:
    cursor.execute("PRAGMA page_count")
    pages = cursor.fetchone()[0]
    cursor.execute("PRAGMA page_size")
    return pages * cursor.fetchone()[0]
