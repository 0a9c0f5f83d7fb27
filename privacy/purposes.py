"""The purposes a member consents to, each granted or withdrawn separately (clauses.md section (b)).

A purpose is optional (off until the member grants it, POL-03) or necessary (it
comes with the account and cannot be withdrawn short of closing it, RGT-10).
Scoped purposes take a scope: the login provider, the event, the overseas recipient.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

P = ParamSpec("P")
R = TypeVar("R")


class Purpose(models.TextChoices):
    # Necessary: part of the account.
    ACCOUNT = "account", _("Account data needed for membership")
    PRIVACY_POLICY = "privacy_policy", _("Acceptance of the privacy policy")
    TRANSACTIONS = "transactions", _("Shopping: cart, orders, payment and delivery")
    LEGAL_RETENTION = "legal_retention", _("Keeping and then erasing data as the law requires")
    # Persistent toggles.
    PERSONALISED_RECOMMENDATIONS = "personalised_recommendations", _("Personalised recommendations")
    PERSONALISED_ADS = "personalised_ads", _("Personalised advertising")
    LOCATION_PERSONALISATION = "location_personalisation", _("Location for recommendations")
    PERMISSION_CAMERA = "permission_camera", _("Camera")
    PERMISSION_PHOTOS = "permission_photos", _("Photo album and files")
    PERMISSION_MICROPHONE = "permission_microphone", _("Microphone")
    PERMISSION_LOCATION = "permission_location", _("Location for posts")
    PERMISSION_CLIPBOARD = "permission_clipboard", _("Clipboard reading for share codes")
    PUSH_NOTIFICATIONS = "push_notifications", _("Push notifications")
    MARKETING_SMS = "marketing_sms", _("Marketing by SMS")
    MARKETING_PHONE = "marketing_phone", _("Marketing by phone call")
    MARKETING_EMAIL = "marketing_email", _("Marketing by email")
    MARKETING_POPUP = "marketing_popup", _("Marketing pop-ups")
    AUTO_LAUNCH = "auto_launch", _("Auto-launch of the app")
    COOKIES_PERSONALISATION = "cookies_personalisation", _("Interest-based content cookies")
    COOKIES_ADVERTISING = "cookies_advertising", _("Advertising-optimisation cookies")
    THIRD_PARTY_LOGIN = "third_party_login", _("Third-party login")
    EXTENDED_RETENTION = "extended_retention", _("Longer retention of my data")
    # Separate consents at the point of use.
    ALIPAY_AUTHENTICATION = "alipay_authentication", _("Pulling authentication data from Alipay")
    BIOMETRIC = "biometric", _("Face recognition for real-person authentication")
    SENSITIVE_IDENTITY = "sensitive_identity", _("Real name and ID number for real-name authentication")
    CUSTOMS_ID = "customs_id", _("ID details for cross-border customs")
    EVENT_PARTICIPATION = "event_participation", _("Taking part in an event")
    JOINT_EVENT_SHARING = "joint_event_sharing", _("Sharing with a joint-event partner")
    CROSS_BORDER_TRANSFER = "cross_border_transfer", _("Transfer to an overseas recipient")
    GUARDIAN = "guardian", _("Guardian consent for a child")
    BIRTH_DATE = "birth_date", _("Date of birth to check the age for children's protection")
    FINANCIAL_ACCOUNT = "financial_account", _("Payment account details for paying and refunds")
    RIGHTS_EVIDENCE = "rights_evidence", _("Proof documents for acting for a member in a rights request")


@dataclass(frozen=True)
class PurposeInfo:
    explanation: StrOrPromise
    clauses: tuple[str, ...]
    is_necessary: bool = False
    is_scoped: bool = False
    # MIN-03: for a child these stay off until a guardian has consented.
    needs_guardian_for_children: bool = False


PURPOSES: dict[Purpose, PurposeInfo] = {
    Purpose.ACCOUNT: PurposeInfo(
        _(
            "Your mobile number, member name and password are what your account is. They cannot be withdrawn; close the account instead."
        ),
        ("MEM-01", "RGT-10"),
        is_necessary=True,
    ),
    Purpose.PRIVACY_POLICY: PurposeInfo(
        _("You accept each version of the privacy policy that changes it materially."),
        ("POL-01", "POL-12"),
        is_necessary=True,
    ),
    Purpose.TRANSACTIONS: PurposeInfo(
        _("What you buy, where it goes and how you pay are needed to complete your orders and after-sales service."),
        ("TRX-01", "TRX-07", "TRX-14"),
        is_necessary=True,
    ),
    Purpose.LEGAL_RETENTION: PurposeInfo(
        _(
            "We keep records as long as the law requires (orders: three years after completion), then delete or anonymize them, and erase your data when you close your account."
        ),
        ("STO-02", "STO-05", "RGT-12"),
        is_necessary=True,
    ),
    Purpose.PERSONALISED_RECOMMENDATIONS: PurposeInfo(
        _(
            "We use your browsing, search and favourites to choose what to show you first. Off: everyone sees the same order."
        ),
        ("BRW-06", "BRW-10"),
        needs_guardian_for_children=True,
    ),
    Purpose.PERSONALISED_ADS: PurposeInfo(
        _("Advertising chosen from your activity. Off: you still see ads, but not based on you."),
        ("BRW-09",),
        needs_guardian_for_children=True,
    ),
    Purpose.LOCATION_PERSONALISATION: PurposeInfo(
        _("Your location helps recommend nearby goods and services."), ("PERM-02",), needs_guardian_for_children=True
    ),
    Purpose.PERMISSION_CAMERA: PurposeInfo(
        _("Image search, posting, short video and voice chat use the camera."), ("PERM-03",)
    ),
    Purpose.PERMISSION_PHOTOS: PurposeInfo(_("Image search, posting and sharing read your photo album."), ("PERM-04",)),
    Purpose.PERMISSION_MICROPHONE: PurposeInfo(_("Posting and live voice chat use the microphone."), ("PERM-05",)),
    Purpose.PERMISSION_LOCATION: PurposeInfo(_("Attach your location to a post."), ("PERM-02",)),
    Purpose.PERMISSION_CLIPBOARD: PurposeInfo(
        _("The app reads the clipboard only to find 1688 share codes and links."), ("INT-11", "PERM-07")
    ),
    Purpose.PUSH_NOTIFICATIONS: PurposeInfo(_("Notices pushed to your browser or device."), ("INT-05",)),
    Purpose.MARKETING_SMS: PurposeInfo(_("Offers and event news by text message."), ("INT-02",)),
    Purpose.MARKETING_PHONE: PurposeInfo(_("Offers and event news by phone call."), ("INT-02",)),
    Purpose.MARKETING_EMAIL: PurposeInfo(_("Offers and event news by email."), ("INT-02",)),
    Purpose.MARKETING_POPUP: PurposeInfo(_("Offers shown as pop-ups on the site; each can be skipped."), ("INT-02",)),
    Purpose.AUTO_LAUNCH: PurposeInfo(
        _("Lets the mobile app start itself so you do not miss pushed content."), ("INT-03",)
    ),
    Purpose.COOKIES_PERSONALISATION: PurposeInfo(
        _("Cookies that remember your interests to tailor content."), ("PERM-09",)
    ),
    Purpose.COOKIES_ADVERTISING: PurposeInfo(_("Cookies that measure and optimise advertising."), ("PERM-09",)),
    Purpose.THIRD_PARTY_LOGIN: PurposeInfo(
        _("Signing in with another account imports only the fields listed when you link it."),
        ("MEM-06",),
        is_scoped=True,
    ),
    Purpose.EXTENDED_RETENTION: PurposeInfo(
        _("Keep your history longer than our standard periods."), ("STO-04",), needs_guardian_for_children=True
    ),
    Purpose.ALIPAY_AUTHENTICATION: PurposeInfo(_("Only for identity checks the law requires."), ("VER-02",)),
    Purpose.BIOMETRIC: PurposeInfo(_("Your face is compared once to confirm you are a real person."), ("VER-05",)),
    Purpose.SENSITIVE_IDENTITY: PurposeInfo(
        _("Your real name and ID number, kept encrypted, used only for authentication or as the law requires."),
        ("VER-06",),
    ),
    Purpose.CUSTOMS_ID: PurposeInfo(_("Cross-border goods need the consignee's ID details for customs."), ("TRX-05",)),
    Purpose.EVENT_PARTICIPATION: PurposeInfo(
        _("The data an event lists, for that event only."), ("INT-08",), is_scoped=True
    ),
    Purpose.JOINT_EVENT_SHARING: PurposeInfo(
        _("Sharing your event progress with the partner running it with us."), ("INT-09",), is_scoped=True
    ),
    Purpose.CROSS_BORDER_TRANSFER: PurposeInfo(
        _("Sending data to a named recipient outside mainland China."), ("SHR-15",), is_scoped=True
    ),
    Purpose.GUARDIAN: PurposeInfo(
        _("A guardian's consent to the Children's Personal Information Rules for a child under 14."), ("MIN-02",)
    ),
    Purpose.BIRTH_DATE: PurposeInfo(
        _("Your date of birth, kept encrypted, used only to tell whether a guardian must consent for a child."),
        ("DEF-02", "MIN-01"),
    ),
    Purpose.FINANCIAL_ACCOUNT: PurposeInfo(
        _("A payment account or payer's mobile number, kept encrypted, used only to pay and to refund."),
        ("DEF-02", "TRX-08", "TRX-11"),
    ),
    Purpose.RIGHTS_EVIDENCE: PurposeInfo(
        _("A document proving authority to act for a member, kept encrypted, used only to check that request."),
        ("DEF-02", "RGT-14"),
    ),
}


# POL-07: every job that processes personal data declares the purposes above it serves.
class UnknownPurpose(ImproperlyConfigured):
    """A processing job declared a purpose that is not in `Purpose`."""


@dataclass(frozen=True)
class ProcessingJob:
    name: str
    purposes: tuple[Purpose, ...]
    description: str

    @property
    def holds_personal_data(self) -> bool:
        return bool(self.purposes)


PROCESSING_JOBS: dict[str, ProcessingJob] = {}


def _job_name(func: Callable[..., object]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def _register_job(func: Callable[P, R], purposes: tuple[Purpose, ...], description: str) -> Callable[P, R]:
    name = _job_name(func)
    if name in PROCESSING_JOBS:
        raise ImproperlyConfigured(f"{name} declares its processing purpose twice.")
    if not str(description).strip():
        raise ImproperlyConfigured(f"{name}: say what the job does with the data.")
    job = ProcessingJob(name, purposes, description)
    PROCESSING_JOBS[name] = job
    func.processing_job = job  # type: ignore[attr-defined]  # a function takes attributes; Callable cannot say so
    return func


def processes(*purposes: Purpose | str, description: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare, at import time, the purposes a Celery task or service processes personal data for (POL-07).

    Every purpose must be a member (or value) of `Purpose`; anything else raises `UnknownPurpose`
    before the job can run. The decorated function is returned unchanged.
    """
    if not purposes:
        raise UnknownPurpose("A processing job must declare at least one purpose, or processes_no_personal_data().")
    declared = []
    for purpose in purposes:
        if isinstance(purpose, Purpose):
            declared.append(purpose)
        elif isinstance(purpose, str) and purpose in Purpose.values:
            declared.append(Purpose(purpose))
        else:
            raise UnknownPurpose(f"{purpose!r} is not a registered purpose; add it to privacy.purposes.Purpose first.")

    def decorator(func: Callable[P, R]) -> Callable[P, R]:
        return _register_job(func, tuple(declared), description)

    return decorator


def processes_no_personal_data(*, description: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare that a job touches no personal data (POL-07), so the job list stays complete."""

    def decorator(func: Callable[P, R]) -> Callable[P, R]:
        return _register_job(func, (), description)

    return decorator
