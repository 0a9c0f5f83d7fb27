"""Registry entries of the publishing app (section II(V))."""

from django.utils.translation import gettext_lazy as _

from privacy.registry import PI, DataCategory, Erasure, register
from publishing.models import Review

register(
    Review,
    kept_while=_("Kept while the review is published, until you delete it or close your account."),
    subject="author",
    row=PI(
        DataCategory.CONTENT,
        _("Reviews of goods you bought, shown publicly with your nickname on product and store pages."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
)
