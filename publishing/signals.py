"""Start a new generation of the featured posts every worker keeps (issue 14) whenever what they show may change.

The home page shows each featured post's text and its author's nickname (publishing.selectors.featured_posts).
Any saved or deleted post, any member saved with a possibly new nickname, and any post or member row the
erasure engine deleted or anonymized with its own SQL start a new generation; `feature_post` and
`unfeature_post` change rows with `QuerySet.update()` and bump it themselves.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from members.models import Member
from privacy import generations
from publishing.models import Post
from publishing.selectors import FEATURED_GENERATION


@receiver(post_save, sender=Post, dispatch_uid="publishing.featured_post_saved")
@receiver(post_delete, sender=Post, dispatch_uid="publishing.featured_post_deleted")
def _post_changed(sender: type[Post], **kwargs: Any) -> None:
    generations.bump(FEATURED_GENERATION)


@receiver(post_save, sender=Member, dispatch_uid="publishing.author_saved")
def _member_saved(sender: type[Member], update_fields: frozenset[str] | None = None, **kwargs: Any) -> None:
    if update_fields is None or "nickname" in update_fields:
        generations.bump(FEATURED_GENERATION)


@receiver(generations.rows_erased, dispatch_uid="publishing.rows_erased")
def _rows_erased(sender: type, **kwargs: Any) -> None:
    if sender in (Post, Member):
        generations.bump(FEATURED_GENERATION)
