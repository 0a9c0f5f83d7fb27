"""Section VII and the Schedule (DEF-07): a "Child" is a minor younger than 14. The one age rule of the site."""

import datetime

from django.utils import timezone

CHILD_AGE = 14


def is_child(birthdate: datetime.date | None, *, today: datetime.date | None = None) -> bool:
    """Younger than 14 on `today` (the local date by default): true the day before the 14th birthday, false on it.

    A birthday on 29 February comes round on 1 March in other years. No birth date: not known to be a child.
    """
    if birthdate is None:
        return False
    today = today or timezone.localdate()
    years = today.year - birthdate.year - ((today.month, today.day) < (birthdate.month, birthdate.day))
    return years < CHILD_AGE
