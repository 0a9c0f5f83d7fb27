"""Section II(IV): customer-service tickets and disputes, their conversation, call records and evidence, the
identity check staff make before acting on an account, the satisfaction questionnaire, the FAQ the automated
assistant answers from, and the de-identified training exports."""

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Ticket(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        CLOSED = "closed", _("Closed")

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        DISPUTE = "dispute", _("Dispute about an order")
        ACCOUNT = "account", _("Account or security problem")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tickets", verbose_name=_("member")
    )
    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("order"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.QUESTION)
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_message_at = models.DateTimeField(_("last message at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | models.Q(closed_at__isnull=False),
                name="closed_ticket_has_closed_at",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class TicketMessage(models.Model):
    """One turn of the conversation on a ticket (CS-02): the member's or a staff member's words."""

    class Author(models.TextChoices):
        MEMBER = "member", _("Member")
        STAFF = "staff", _("Customer service")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages", verbose_name=_("ticket"))
    author_role = models.CharField(_("from"), max_length=10, choices=Author.choices)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("ticket message")
        verbose_name_plural = _("ticket messages")
        ordering = ["sent_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(author_role="member") | models.Q(staff__isnull=False),
                name="staff_message_names_its_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_author_role_display()} · {self.sent_at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    """An image sent with a message, re-encoded by privacy.uploads and kept in the row, so erasing it erases it."""

    message = models.ForeignKey(
        TicketMessage, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("message")
    )
    file_name = models.CharField(_("file name"), max_length=60)
    content_type = models.CharField(_("type"), max_length=40)
    content = models.BinaryField(_("content"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.file_name


class CallRecord(models.Model):
    """A phone call about a ticket, as the agent summarised it (CS-02)."""

    class Direction(models.TextChoices):
        INBOUND = "inbound", _("The member called us")
        OUTBOUND = "outbound", _("We called the member")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="calls", verbose_name=_("ticket"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("staff member")
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    started_at = models.DateTimeField(_("started at"))
    duration_seconds = models.PositiveIntegerField(_("duration in seconds"))
    summary = models.TextField(_("summary"))

    class Meta:
        verbose_name = _("call record")
        verbose_name_plural = _("call records")
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} · {self.started_at:%Y-%m-%d %H:%M}"


class IdentityCheck(models.Model):
    """CS-01: how staff confirmed that the person on a ticket is the member, who did it and when."""

    class Method(models.TextChoices):
        SMS_CODE = "sms_code", _("Code texted to the registered mobile number")
        SIGNED_IN = "signed_in", _("Ticket opened while signed in to the account")
        ORDER_DETAILS = "order_details", _("Order details only the member knows")
        REAL_NAME = "real_name", _("Real-name authentication details")

    ticket = models.OneToOneField(
        Ticket, on_delete=models.CASCADE, related_name="identity_check", verbose_name=_("ticket")
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("checked by")
    )
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)

    class Meta:
        verbose_name = _("identity check")
        verbose_name_plural = _("identity checks")

    def __str__(self) -> str:
        return f"{self.get_method_display()} · {self.checked_at:%Y-%m-%d %H:%M}"


class TicketAction(models.Model):
    """CS-06: an action staff took on the member's account from a verified ticket; append-only."""

    class Kind(models.TextChoices):
        FREEZE = "freeze", _("Account frozen")
        UNFREEZE = "unfreeze", _("Account unfrozen")
        SIGN_OUT = "sign_out", _("Signed out everywhere")
        PASSWORD_RESET = "password_reset", _("Password reset required, code sent")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="actions", verbose_name=_("ticket"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("staff member")
    )
    kind = models.CharField(_("action"), max_length=20, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("account action")
        verbose_name_plural = _("account actions")
        ordering = ["-occurred_at", "-id"]
        triggers = [pgtrigger.Protect(name="ticket_actions_append_only", operation=pgtrigger.Update)]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · ticket {self.ticket_id}"


class SatisfactionSurvey(models.Model):
    """CS-03: the member's questionnaire after a ticket closes; reports show it only in aggregate."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="survey", verbose_name=_("ticket"))
    score = models.PositiveSmallIntegerField(_("satisfaction (1 to 5)"))
    is_resolved = models.BooleanField(_("problem solved"))
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction questionnaire")
        verbose_name_plural = _("satisfaction questionnaires")
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="survey_score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.score}/5 · ticket {self.ticket_id}"


class FaqEntry(models.Model):
    """A common question the automated assistant answers (CS-04); staff write these in admin."""

    question = models.CharField(_("question"), max_length=200)
    answer = models.TextField(_("answer"))
    keywords = models.CharField(
        _("keywords"),
        max_length=500,
        help_text=_("Comma-separated words or phrases; the entry whose keywords a question contains most answers it."),
    )
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        ordering = ["question", "id"]

    def __str__(self) -> str:
        return self.question

    def keyword_list(self) -> list[str]:
        return [word.strip().casefold() for word in self.keywords.split(",") if word.strip()]


class AssistantExchange(models.Model):
    """One question put to the automated assistant, kept as a metric only: no text, no member (CS-03)."""

    faq = models.ForeignKey(
        FaqEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exchanges",
        verbose_name=_("answered with"),
    )
    handed_to_person = models.BooleanField(_("asked for a person"), default=False)
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)

    class Meta:
        verbose_name = _("assistant exchange")
        verbose_name_plural = _("assistant exchanges")
        ordering = ["-asked_at", "-id"]

    def __str__(self) -> str:
        return f"{self.asked_at:%Y-%m-%d %H:%M}"


class TrainingExport(models.Model):
    """A run of the de-identified training export (CS-05, POL-09): what it wrote, never whose."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    file_name = models.CharField(_("file name"), max_length=80)
    ticket_count = models.PositiveIntegerField(_("tickets"), default=0)
    message_count = models.PositiveIntegerField(_("messages"), default=0)
    replaced_count = models.PositiveIntegerField(_("identifiers replaced"), default=0)
    error = models.CharField(_("error"), max_length=300, blank=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("training export")
        verbose_name_plural = _("training exports")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return self.file_name
