"""Section II(I): the member account (mobile number, member name, password), its
optional profile, account levels, SMS delivery, real-name authentication and,
for section VII, guardians' consent for children."""

import threading
from typing import Any, ClassVar, NamedTuple

import pgtrigger
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import connections, models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.minors import is_child
from privacy.encryption import EncryptedDateField, EncryptedTextField, SealedTextField

# Stands in for the primary key while the member SELECT is compiled; its place among the params is where a
# real key goes. Any int would do: a distinctive one makes a compiled query that moved it easy to recognise.
_PK_PLACEHOLDER = 7_346_821_905_113
_LARGEST_PK = 2**63 - 1  # a bigint; larger values take Django's own path, which answers DoesNotExist


class _PkSelect(NamedTuple):
    """The member SELECT by primary key, compiled once for one connection, with what ModelIterable reads off it."""

    connection: Any
    sql: str
    compiler: Any
    converters: dict
    init_list: list[str]
    fields_start: int
    fields_end: int


class _PkSelects(threading.local):
    """Per thread, as Django's connections are (a compiler holds its connection, so it never crosses threads):
    {(manager class, model, alias): (connection, its compiled SELECT or None where that is not a plain pk lookup)}.
    """

    def __init__(self) -> None:
        self.by_key: dict[tuple[type, type, str], tuple[Any, _PkSelect | None]] = {}


_pk_selects = _PkSelects()


class MemberManager(BaseUserManager["Member"]):
    use_in_migrations = True

    def get(self, *args: Any, **kwargs: Any) -> "Member":
        """`get(pk=…)` without compiling the SELECT again: issue 14, the member load of every signed-in request.

        `ModelBackend.get_user` calls `get(pk=user_id)` on each request with a session; Django would clone a
        queryset and compile the same SELECT every time (about a quarter of the call). Here the SELECT is
        compiled once per database alias and thread, then run through `connection.cursor()`, so query capture
        and execute wrappers still see it, and the row becomes a member as `ModelIterable` makes one
        (converters, `from_db`). Only a positive int, or a string of ASCII digits, takes this path; every other
        call is Django's own `get`, errors included.
        """
        if args or len(kwargs) != 1:
            return super().get(*args, **kwargs)
        ((name, value),) = kwargs.items()
        pk = _plain_pk(value) if name in ("pk", "id") else None  # a member's primary key is its id
        alias = self.db
        select = self._pk_select(alias) if pk is not None else None
        if select is None:
            return super().get(*args, **kwargs)
        with select.connection.cursor() as cursor:
            cursor.execute(select.sql, (pk,))
            row = cursor.fetchone()
        if row is None:
            raise self.model.DoesNotExist(f"{self.model._meta.object_name} matching query does not exist.")
        if select.converters:
            row = next(select.compiler.apply_converters((row,), select.converters))
        return self.model.from_db(alias, select.init_list, row[select.fields_start : select.fields_end])

    def _pk_select(self, alias: str) -> _PkSelect | None:
        """This thread's compiled SELECT for `alias`, compiled again when the thread's connection was replaced."""
        connection = connections[alias]
        key = (type(self), self.model, alias)
        cached = _pk_selects.by_key.get(key)
        if cached is None or cached[0] is not connection:
            cached = _pk_selects.by_key[key] = (connection, self._compile_pk_select(alias))
        return cached[1]

    def _compile_pk_select(self, alias: str) -> _PkSelect | None:
        # order_by() as QuerySet.get clears any default ordering; no LIMIT, a primary key matches one row at most.
        queryset = self.get_queryset().filter(pk=_PK_PLACEHOLDER).order_by()
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        select, klass_info = compiler.select, compiler.klass_info
        fields = [column[0] for column in select[0 : compiler.col_count]]
        if (
            list(params) != [_PK_PLACEHOLDER]
            or klass_info.get("related_klass_infos")
            or compiler.annotation_col_map
            or compiler.has_composite_fields(fields)
        ):
            return None  # not the plain single-table lookup the fast path reproduces
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        return _PkSelect(
            connection=compiler.connection,
            sql=sql,
            compiler=compiler,
            converters=compiler.get_converters(fields),
            init_list=[column[0].target.attname for column in select[start:end]],
            fields_start=start,
            fields_end=end,
        )

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


def _plain_pk(value: object) -> int | None:
    """`value` as a primary key when it is an int (not a bool) or a string of ASCII digits in 1..2**63-1."""
    is_int = isinstance(value, int) and not isinstance(value, bool)
    # At most 19 digits: int() of a very long string is slow, and past 4300 digits an error.
    is_digits = isinstance(value, str) and 0 < len(value) <= 19 and value.isascii() and value.isdigit()
    if not (is_int or is_digits):
        return None
    pk = int(value)  # type: ignore[call-overload]  # an int or a string of digits, checked above
    return pk if 0 < pk <= _LARGEST_PK else None


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
    # DEF-02: a child's birth date is sensitive; kept encrypted at rest.
    date_of_birth = EncryptedDateField(_("date of birth"), null=True, blank=True)
    phone_verified_at = models.DateTimeField(_("phone confirmed at"), null=True, blank=True)
    # MEM-04: the optional profile; none of it is needed for any basic function.
    real_name = models.CharField(_("real name"), max_length=60, blank=True)
    landline = models.CharField(_("landline"), max_length=30, blank=True)
    other_contact = models.CharField(_("other contact details"), max_length=120, blank=True)
    position = models.CharField(_("position"), max_length=60, blank=True)
    industry = models.CharField(_("main industry"), max_length=60, blank=True)
    avatar = models.FileField(_("avatar"), upload_to="avatars/", null=True, blank=True, help_text=_("Shown publicly."))
    # MEM-03: set by the level recalculation job from usage under the LevelRule table.
    level = models.PositiveSmallIntegerField(_("account level"), default=1)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now, null=True)

    objects = MemberManager()

    USERNAME_FIELD = "member_name"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

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
        return is_child(self.date_of_birth)

    @property
    def public_name(self) -> str:
        """The name shown to other people: the nickname the member chose (MEM-05), else the member name."""
        return self.nickname or self.member_name


class LevelRule(models.Model):
    """One account level: the usage that earns it and the benefits it grants (MEM-03). Staff edit these in admin."""

    level = models.PositiveSmallIntegerField(_("level"), unique=True)
    name = models.CharField(_("name"), max_length=60)
    min_completed_orders = models.PositiveIntegerField(_("completed orders at least"), default=0)
    min_spent = models.DecimalField(_("amount spent at least"), max_digits=12, decimal_places=2, default=0)
    benefits = models.TextField(_("benefits"), help_text=_("One benefit per line."))

    class Meta:
        verbose_name = _("level rule")
        verbose_name_plural = _("level rules")
        ordering = ["level"]
        constraints = [models.CheckConstraint(condition=models.Q(level__gte=1), name="level_rule_level_positive")]

    def __str__(self) -> str:
        return f"{self.level} {self.name}"

    @property
    def benefit_list(self) -> list[str]:
        return [line.strip() for line in self.benefits.splitlines() if line.strip()]


class ChildrenRulesVersionQuerySet(models.QuerySet):
    def current(self):
        """The published version in force today."""
        return (
            self.filter(published_at__isnull=False, effective_on__lte=timezone.localdate())
            .order_by("-effective_on", "-published_at")
            .first()
        )


class ChildrenRulesVersion(models.Model):
    """One version of the Children's Personal Information Rules a guardian reads and consents to (MIN-02)."""

    label = models.CharField(_("label"), max_length=40, unique=True)
    effective_on = models.DateField(_("effective on"))
    text = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ChildrenRulesVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Children's Personal Information Rules version")
        verbose_name_plural = _("Children's Personal Information Rules versions")
        ordering = ["-effective_on"]

    def __str__(self) -> str:
        return self.label


class GuardianConsent(models.Model):
    """A guardian's consent, for one child, to one version of the Children's Rules (MIN-01..03)."""

    class Relationship(models.TextChoices):
        PARENT = "parent", _("Parent")
        GUARDIAN = "guardian", _("Other legal guardian")

    child = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guardian_consents", verbose_name=_("child")
    )
    rules_version = models.ForeignKey(
        ChildrenRulesVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("rules version")
    )
    guardian_name = EncryptedTextField(_("guardian's name"), max_length=60)
    guardian_phone = EncryptedTextField(_("guardian's mobile number"), max_length=20)
    # MIN-02: the consent counts only once a code sent to the guardian's number was entered.
    guardian_phone_confirmed_at = models.DateTimeField(_("guardian's number confirmed at"), null=True, blank=True)
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    consented_at = models.DateTimeField(_("consented at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("guardian consent")
        verbose_name_plural = _("guardian consents")
        ordering = ["-consented_at"]

    def __str__(self) -> str:
        return f"{self.child_id} / {self.rules_version_id}"


class IdentityVerification(models.Model):
    """A member's real-name authentication (VER-03..06): the ID number kept encrypted, with a keyed hash for matching."""

    class Provider(models.TextChoices):
        STATE_AGENCY = "state_agency", _("State-recognised agency")
        ALIPAY = "alipay", _("Alipay")

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity", verbose_name=_("member")
    )
    real_name = EncryptedTextField(_("real name"), max_length=60)
    # SEC-06: Fernet ciphertext; the key lives in the environment, never in the database.
    id_number_encrypted = SealedTextField(_("ID number (encrypted)"))
    # An encrypted column cannot be searched: this HMAC finds and compares numbers without decrypting.
    id_number_hmac = models.CharField(_("ID number keyed hash"), max_length=64, db_index=True)
    id_number_hint = models.CharField(_("ID number (masked)"), max_length=18)
    provider = models.CharField(_("confirmed by"), max_length=20, choices=Provider.choices)
    verified_at = models.DateTimeField(_("verified at"), default=timezone.now)

    class Meta:
        verbose_name = _("real-name authentication")
        verbose_name_plural = _("real-name authentications")
        permissions = [("view_identity", _("Can see full ID numbers (every view is logged)"))]
        constraints = [
            # VER-05: confirmed by a state-recognised agency or by Alipay, nothing else.
            models.CheckConstraint(
                condition=models.Q(provider__in=["state_agency", "alipay"]), name="identity_provider_recognised"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.id_number_hint}"


class FaceVerification(models.Model):
    """One real-person check by face (VER-05): only its outcome is kept, never the face image."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="face_verifications", verbose_name=_("member")
    )
    provider = models.CharField(_("confirmed by"), max_length=20, choices=IdentityVerification.Provider.choices)
    is_passed = models.BooleanField(_("passed"))
    verified_at = models.DateTimeField(_("checked at"), default=timezone.now)

    class Meta:
        verbose_name = _("face verification")
        verbose_name_plural = _("face verifications")
        ordering = ["-verified_at", "-id"]
        constraints = [
            # VER-05: confirmed by a state-recognised agency or by Alipay, nothing else.
            models.CheckConstraint(
                condition=models.Q(provider__in=["state_agency", "alipay"]), name="face_provider_recognised"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.provider} {self.is_passed}"


class IdentityReveal(models.Model):
    """Each time a full ID number is shown, to the member or to staff (VER-06)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("seen by")
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    revealed_at = models.DateTimeField(_("revealed at"), default=timezone.now)

    class Meta:
        verbose_name = _("ID number reveal")
        verbose_name_plural = _("ID number reveals")
        ordering = ["-revealed_at"]

    def __str__(self) -> str:
        return f"{self.member_id} {self.revealed_at:%Y-%m-%d %H:%M}"


class AccountRetrievalRequest(models.Model):
    """A member who lost the phone asks to move the account to a new number (VER-03).

    The real name and ID number given are compared with the verified identity
    and then dropped: only whether they matched is kept.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for staff")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="retrieval_requests",
        verbose_name=_("member"),
    )
    new_phone = models.CharField(_("new mobile number"), max_length=20)
    is_identity_matched = models.BooleanField(_("identity matched"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("account retrieval request")
        verbose_name_plural = _("account retrieval requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.member_id} {self.status}"


class SecurityEvent(models.Model):
    """Section II(VII): what the security component records about sign-ins and account changes (SEC-01, SEC-04)."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Signed in")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PROFILE_CHANGED = "profile_changed", _("Profile changed")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="security_events", verbose_name=_("member")
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    # SEC-01: a keyed hash of what the browser says about itself; the same device gives the same value.
    device_fingerprint = models.CharField(_("device fingerprint"), max_length=64, blank=True)
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["member", "-occurred_at"], name="security_event_member")]
        triggers = [
            # SEC-04: the record of security events cannot be changed.
            pgtrigger.Protect(name="security_events_cannot_change", operation=pgtrigger.Update),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind} {self.occurred_at:%Y-%m-%d %H:%M}"


class RiskDecision(models.Model):
    """One decision of the risk-scoring service, kept unchangeable for audit (SEC-02, SEC-04)."""

    class Outcome(models.TextChoices):
        ALLOW = "allow", _("Allowed")
        STEP_UP = "step_up", _("SMS step-up required")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="risk_decisions", verbose_name=_("member")
    )
    action = models.CharField(_("action"), max_length=20, default="login")
    score = models.PositiveSmallIntegerField(_("score"))
    inputs = models.JSONField(_("summary of inputs"), default=dict)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("risk decision")
        verbose_name_plural = _("risk decisions")
        ordering = ["-decided_at", "-id"]
        triggers = [pgtrigger.Protect(name="risk_decisions_cannot_change", operation=pgtrigger.Update)]

    def __str__(self) -> str:
        return f"{self.member_id} {self.action} {self.outcome}"


class ApiToken(models.Model):
    """A key the member made for the mobile app or a script to call the API as them; only its hash is stored.

    The member sees the key once, when it is made, and can revoke it at any time; staff never see it.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("member")
    )
    name = models.CharField(_("name"), max_length=60, help_text=_("Where you use it, for example “my phone”."))
    # The first characters of the key, so the member can tell their keys apart; not enough to use one.
    prefix = models.CharField(_("starts with"), max_length=8)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.member_id} {self.prefix}…"
