"""The one place the interactions tests make a partner; the partner register's rules may change how."""

from privacy.models import Partner


def make_partner(code: str = "taobao-events", name: str = "Taobao Events Co.", **extra) -> Partner:
    """A partner in the register, which joint events may share with."""
    return Partner.objects.create(code=code, name=name, kind=Partner.Kind.AFFILIATE, **extra)
