"""Registry entries of the members app (section II(I))."""

from django.utils.translation import gettext_lazy as _

from members.models import Member
from privacy.registry import PI, Category, Erasure, register

register(
    Member,
    subject="pk",
    fields={
        # A pseudonym keeps the unique member name unique after closure.
        "member_name": PI(Category.ACCOUNT, _("Identifies your account and signs you in."), erase=Erasure.PSEUDONYM),
        "phone": PI(
            Category.ACCOUNT, _("Opens the account, signs you in and confirms it is you (VER-01)."), erase=Erasure.NULL
        ),
        "password": PI(
            Category.ACCOUNT, _("Protects your account; stored only as a one-way hash."), erase=Erasure.BLANK
        ),
        "nickname": PI(
            Category.PROFILE, _("Shown publicly beside what you publish."), erase=Erasure.BLANK, is_necessary=False
        ),
        "date_of_birth": PI(
            Category.MINORS,
            _("Tells whether a guardian must consent for a child under 14 (section VII)."),
            erase=Erasure.NULL,
            is_sensitive=True,
            is_necessary=False,
        ),
        "registered_at": PI(Category.ACCOUNT, _("Keeps the history of your account."), erase=Erasure.NULL),
        "last_login": PI(
            Category.ACCOUNT, _("Shows you and us when the account was last used, to spot misuse."), erase=Erasure.NULL
        ),
    },
    not_personal=("is_active", "is_staff", "is_superuser"),
)
