"""Stored diagrams and their history.

A `Diagram` holds one diagram document (contract section 1) as JSON, owned by a signed-in
user or by an anonymous visitor's browser session, or by nobody when it is one of the
shipped examples. Every successful save keeps the state it replaced as a `DiagramRevision`,
so a user can look back and restore. Who may read or change which diagram is decided in
`designer.access`, never here or in a view.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q

NAME_MAX_LENGTH = 200


def document_size(document: Any) -> int:
    """The bytes a document takes as compact JSON: what storage quotas count."""
    return len(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


class StaleRevision(Exception):
    """A save based on a revision that is no longer the current one; carries the current."""

    def __init__(self, current: Diagram):
        super().__init__(f"diagram {current.pk} is at revision {current.revision}")
        self.current = current


class DiagramGone(Exception):
    """The diagram was deleted while a change to it was on its way (a 404)."""

    def __init__(self, diagram_id: int):
        super().__init__(f"diagram {diagram_id} no longer exists")
        self.diagram_id = diagram_id


class Diagram(models.Model):
    """Invariants: an example has no owner, no session and no share token; any other
    diagram has an owner or a session key; `revision` starts at 1 and grows by one on
    every save, and each earlier revision of a user's diagram is a `DiagramRevision`."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="diagrams",
    )
    # The browser session of an anonymous visitor (Django's session key), "" otherwise.
    session_key = models.CharField(max_length=40, blank=True, default="", db_index=True)
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    document = models.JSONField()
    revision = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    is_example = models.BooleanField(default=False)
    # The example's file name without `.json` (engine/examples/<slug>.json); None otherwise.
    example_slug = models.CharField(max_length=100, null=True, blank=True, unique=True)
    share_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # `document_size(document)`, kept on every save so quotas add sizes up in SQL.
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("is_example", "-updated", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(is_example=False)
                | Q(owner__isnull=True, session_key="", share_token__isnull=True),
                name="designer_example_owned_by_nobody",
            ),
            models.CheckConstraint(
                condition=Q(is_example=True) | Q(owner__isnull=False) | ~Q(session_key=""),
                name="designer_diagram_has_an_owner",
            ),
            models.CheckConstraint(
                condition=Q(is_example=True) | Q(example_slug__isnull=True),
                name="designer_slug_only_for_examples",
            ),
            models.CheckConstraint(condition=Q(revision__gte=1), name="designer_revision_from_1"),
        )

    def __str__(self) -> str:
        return f"{self.name} (#{self.pk}, revision {self.revision})"

    @property
    def is_shared(self) -> bool:
        return self.share_token is not None

    def save(self, *args, **kwargs) -> None:
        self.size = document_size(self.document)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "size"}
        super().save(*args, **kwargs)


class DiagramRevision(models.Model):
    """An earlier state of a diagram: what revision `revision` held before it was replaced."""

    diagram = models.ForeignKey(Diagram, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    document = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("diagram", "-revision")
        constraints = (
            models.UniqueConstraint(
                fields=("diagram", "revision"), name="designer_one_row_per_revision"
            ),
        )

    def __str__(self) -> str:
        return f"{self.name} (#{self.diagram_id}, revision {self.revision})"

    def save(self, *args, **kwargs) -> None:
        if not self.size:  # `remember` passes the diagram's own
            self.size = document_size(self.document)
        super().save(*args, **kwargs)


def save_diagram(
    diagram_id: int, *, expected_revision: int | None, name: str, document: Any
) -> Diagram:
    """Save `name` and `document` as the next revision of a diagram, keeping the current
    state as a `DiagramRevision`. Raises `StaleRevision` (and changes nothing) when
    `expected_revision` is given and is not the current revision, and `DiagramGone` when
    the diagram was deleted since it was read.

    The row is locked for the whole check-and-write, so of two saves based on the same
    revision exactly one succeeds; on SQLite the settings' IMMEDIATE transactions give the
    same guarantee, since SQLite ignores SELECT ... FOR UPDATE.
    """
    with transaction.atomic():
        current = Diagram.objects.select_for_update().filter(pk=diagram_id).first()
        if current is None:
            raise DiagramGone(diagram_id)
        if expected_revision is not None and current.revision != expected_revision:
            raise StaleRevision(current)
        remember(current)
        current.name = name
        current.document = document
        current.revision += 1
        current.save()
    return current


def delete_diagram(diagram_id: int) -> bool:
    """Delete a diagram and its revisions: whether it was there. The row is locked first,
    as a save locks it, so a save under way finishes (or waits and finds it gone) before
    the revisions are collected: on PostgreSQL a revision written between the two would
    otherwise break the foreign key at commit."""
    with transaction.atomic():
        current = Diagram.objects.select_for_update().filter(pk=diagram_id).first()
        if current is None:
            return False
        current.delete()
    return True


def remember(diagram: Diagram) -> DiagramRevision:
    """Keep the diagram's current state as a revision (before it is replaced)."""
    return DiagramRevision.objects.create(
        diagram=diagram,
        revision=diagram.revision,
        name=diagram.name,
        document=diagram.document,
        size=diagram.size,
    )


def share(diagram_id: int) -> tuple[str, bool]:
    """The diagram's share token, made now if it had none: (token, whether it is new).
    Two concurrent calls get the same token (the write only happens while there is none)."""
    token = secrets.token_urlsafe(24)
    made = Diagram.objects.filter(pk=diagram_id, share_token__isnull=True).update(share_token=token)
    if made:
        return token, True
    current = Diagram.objects.filter(pk=diagram_id).values_list("share_token", flat=True).first()
    if current is None:
        raise DiagramGone(diagram_id)
    return current, False


def unshare(diagram_id: int) -> None:
    """Revoke the share link: the old token reads nothing from now on."""
    Diagram.objects.filter(pk=diagram_id).update(share_token=None)
