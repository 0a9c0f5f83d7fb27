"""INT-11: share codes read from the clipboard: only a platform code is accepted, and nothing is kept.

The page's script reads the clipboard only when the member presses the paste button, and only with
the clipboard permission; it sends only text matching SHARE_CODE. The server checks the same pattern
again, and answers with where the code leads, writing nothing.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from interactions import events
from interactions.friends import INVITE_CODE, normalise_code
from interactions.models import CODE_ALPHABET, CODE_LENGTH

# One pattern for every platform share code: the kind letter, then the code (the script uses the same one).
SHARE_CODE = re.compile(rf"^1688[EF]-[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
MAX_LENGTH = 40


def destination(raw: str) -> str:
    """The page a share code leads to; a ValidationError for anything that is not a platform code."""
    code = normalise_code(raw[: MAX_LENGTH + 1])
    if len(raw) > MAX_LENGTH or not SHARE_CODE.match(code):
        raise ValidationError(_("That is not a 1688 share code."), code="invalid")
    if INVITE_CODE.match(code):
        return f"{reverse('interactions:friend-redeem')}?{urlencode({'code': code})}"
    event = events.resolve_share_code(code)
    if event is None:
        raise ValidationError(_("No event has this share code."), code="unknown")
    return reverse("interactions:event", args=[event.pk])
