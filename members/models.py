"""Section II(I): the member account (mobile number, member name, password)."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Section VII and the Schedule: a "Child" is a minor under 14.
CHILD_AGE = 14


class MemberManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, member_name):
        # Member names are unique regardless of case, so sign-in ignores case too.
        return self.get(member_name__iexact=member_name)

    def create_user(self, member_name: str, password: str | None = None, **fields) -> "Member":
        if not member_name:
            raise ValueError("A member needs a member name.")
        member = self.model(member_name=member_name, **fields)
        member.set_password(password)
        member.save(using=self._db)
        return member

    def create_superuser(self, member_name: str, password: str | None = None, **fields) -> "Member":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(member_name, password, **fields)


class Member(AbstractBaseUser, PermissionsMixin):
    """A 1688 Platform account: the subject every piece of personal information belongs to."""

    member_name = models.CharField(
        _("member name"),
        max_length=40,
        unique=True,
        help_text=_("Letters, digits, and - _ . only; 3 to 40 characters."),
    )
    phone = models.CharField(
        _("mobile number"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("In international form, for example +8613800138000."),
    )
    nickname = models.CharField(_("nickname"), max_length=40, blank=True, help_text=_("Shown publicly."))
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now, null=True)

    objects = MemberManager()

    USERNAME_FIELD = "member_name"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        permissions = [("view_personal_data", _("Can reveal members' personal data (every reveal is logged)"))]
        constraints = [
            models.UniqueConstraint(Lower("member_name"), name="member_name_unique_ignoring_case"),
        ]

    def __str__(self) -> str:
        return self.member_name

    @property
    def is_child(self) -> bool:
        """Under 14: a "Child" under the Children's Personal Information Rules; all their data is sensitive (MIN-01)."""
        if self.date_of_birth is None:
            return False
        today = timezone.localdate()
        age = (
            today.year
            - self.date_of_birth.year
            - ((today.month, today.day) < (self.date_of_birth.month, self.date_of_birth.day))
        )
        return age < CHILD_AGE

    @property
    def public_name(self) -> str:
        """The name shown to other people: the nickname the member chose (MEM-05), else the member name."""
        return self.nickname or self.member_name
