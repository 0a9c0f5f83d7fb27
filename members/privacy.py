"""Registry entries of the members app (section II(I))."""

from django.utils.translation import gettext_lazy as _

from members.models import (
    AccountRetrievalRequest,
    ApiToken,
    ChildrenRulesVersion,
    FaceVerification,
    GuardianConsent,
    IdentityReveal,
    IdentityVerification,
    LevelRule,
    Member,
    RiskDecision,
    SecurityEvent,
)
from privacy.purposes import Purpose
from privacy.registry import (
    PI,
    DataCategory,
    DeviceUse,
    Erasure,
    Retention,
    declare_no_personal_data,
    register,
    years,
)

register(
    Member,
    kept_while=_("Kept while your account is open; erased when you close it."),
    subject="pk",
    fields={
        # A pseudonym keeps the unique member name unique after closure.
        "member_name": PI(
            DataCategory.ACCOUNT, _("Identifies your account and signs you in."), erase=Erasure.PSEUDONYM
        ),
        "phone": PI(
            DataCategory.ACCOUNT, _("Opens the account, signs you in and confirms it is you."), erase=Erasure.NULL
        ),
        "password": PI(
            DataCategory.ACCOUNT, _("Protects your account; stored only as a one-way hash."), erase=Erasure.BLANK
        ),
        "nickname": PI(
            DataCategory.PROFILE, _("Shown publicly beside what you publish."), erase=Erasure.BLANK, is_necessary=False
        ),
        "date_of_birth": PI(
            DataCategory.MINORS,
            _("Tells whether a guardian must consent for a child under 14 (section VII)."),
            erase=Erasure.NULL,
            is_sensitive=True,
            is_necessary=False,
            consent=Purpose.BIRTH_DATE,
        ),
        "registered_at": PI(DataCategory.ACCOUNT, _("Keeps the history of your account."), erase=Erasure.NULL),
        "phone_verified_at": PI(
            DataCategory.ACCOUNT, _("Shows that the mobile number was confirmed by a code."), erase=Erasure.NULL
        ),
        "real_name": PI(
            DataCategory.PROFILE,
            _("Personalised services and membership benefits."),
            erase=Erasure.BLANK,
            is_necessary=False,
        ),
        "landline": PI(
            DataCategory.PROFILE,
            _("Another way for us to reach you, if you add it."),
            erase=Erasure.BLANK,
            is_necessary=False,
        ),
        "other_contact": PI(
            DataCategory.PROFILE, _("Other contact details you choose to add."), erase=Erasure.BLANK, is_necessary=False
        ),
        "position": PI(
            DataCategory.PROFILE, _("Tailors business services to your role."), erase=Erasure.BLANK, is_necessary=False
        ),
        "industry": PI(
            DataCategory.PROFILE,
            _("Tailors recommendations to your main industry."),
            erase=Erasure.BLANK,
            is_necessary=False,
        ),
        "avatar": PI(
            DataCategory.PROFILE, _("Shown publicly beside what you publish."), erase=Erasure.NULL, is_necessary=False
        ),
        "last_login": PI(
            DataCategory.ACCOUNT,
            _("Shows you and us when the account was last used, to spot misuse."),
            erase=Erasure.NULL,
        ),
    },
    # The level is derived from orders, which the orders app declares.
    not_personal=("is_active", "is_staff", "is_superuser", "level"),
)

register(
    GuardianConsent,
    kept_while=_(
        "Kept while the child's account is open, as proof of the guardian's consent; erased when it is closed."
    ),
    subject="child",
    # The guardian's name, number and relationship: evidence of consent for a child (section VII).
    row=PI(
        DataCategory.MINORS,
        _("Records which parent or guardian consented for the child, and when."),
        erase=Erasure.DELETE_ROW,
        is_sensitive=True,
        consent=Purpose.GUARDIAN,
        sealed=("guardian_name", "guardian_phone"),
    ),
)

register(
    IdentityVerification,
    kept_while=_(
        "Kept while your account is open, because real-name authentication is required for it; erased when you close it."
    ),
    subject="member",
    # Real name, encrypted ID number, its keyed hash and masked hint: sensitive, used only to confirm
    # who you are as the law requires (VER-04, VER-06); erasing the account deletes the record.
    row=PI(
        DataCategory.IDENTITY,
        _("Real-name authentication: your real name and ID number, kept encrypted."),
        erase=Erasure.DELETE_ROW,
        is_sensitive=True,
        consent=Purpose.SENSITIVE_IDENTITY,
        sealed=("real_name", "id_number_encrypted"),
    ),
)

register(
    FaceVerification,
    kept_while=_(
        "Kept while your account is open, as the result of your real-person authentication; erased when you close it."
    ),
    subject="member",
    # Whether a real-person check by face passed, which provider decided and when (VER-05); never the image.
    row=PI(
        DataCategory.BIOMETRIC,
        _("The result of a face check: passed or not, by whom, and when. The photo itself is never kept."),
        erase=Erasure.DELETE_ROW,
        is_sensitive=True,
        consent=Purpose.BIOMETRIC,
        # Only the outcome is stored; the face image is compared once and never kept.
        sealed=(),
    ),
)

register(
    IdentityReveal,
    kept_while=_(
        "Kept while your account is open, as the record of who saw your full ID number; erased when you close it."
    ),
    subject="member",
    row=PI(DataCategory.SECURITY, _("Who saw your full ID number, and when."), erase=Erasure.DELETE_ROW),
)

register(
    AccountRetrievalRequest,
    kept_while=_("Kept while your account is open, as the record of who recovered it; erased when you close it."),
    subject="member",
    # The new number, where and when: the name and ID number given are never stored (VER-03).
    row=PI(
        DataCategory.ACCOUNT,
        _("Your request to move the account to a new mobile number."),
        erase=Erasure.DELETE_ROW,
    ),
)

register(
    SecurityEvent,
    subject="member",
    # IP address, user agent and time of sign-ins and password changes (SEC-01).
    row=PI(
        DataCategory.SECURITY, _("Protects your account: spots sign-ins that were not you."), erase=Erasure.DELETE_ROW
    ),
    fields={
        "ip_address": PI(DataCategory.SERVICE_LOG, _("The network a sign-in or change came from."), erase=Erasure.NULL),
        "user_agent": PI(
            DataCategory.SERVICE_LOG, _("The browser a sign-in or change came from."), erase=Erasure.BLANK
        ),
        # DEF-03: device information, for account security only.
        "device_fingerprint": PI(
            DataCategory.DEVICE,
            _("Recognises a device you used before, so that a sign-in from a new one gets a second check."),
            erase=Erasure.BLANK,
            uses=(DeviceUse.SECURITY,),
        ),
    },
    # IP address and user agent are service-log data (DEF-04): they go after a year, like other network logs.
    retention=Retention(
        after="occurred_at",
        keep=years(1),
        then=Erasure.DELETE_ROW,
        basis=_(
            "Cybersecurity Law art. 21: network logs are kept at least six months; one year covers the review of "
            "disputed sign-ins, then they are deleted."
        ),
    ),
)

register(
    RiskDecision,
    kept_while=_(
        "Kept while your account is open, so that you can ask for a review of an automated decision; erased when you close it."
    ),
    subject="member",
    # The score, a summary of its inputs (new device, new network) and the outcome (SEC-02, SEC-04).
    row=PI(DataCategory.SECURITY, _("Decides when a sign-in needs an extra SMS code."), erase=Erasure.DELETE_ROW),
)

register(
    ApiToken,
    subject="member",
    # The name the member gave the key, when it was made and last used; the key itself only as a hash.
    row=PI(DataCategory.SECURITY, _("Lets the app you chose call the API as you."), erase=Erasure.DELETE_ROW),
    kept_while=_("Kept until you revoke the key or close your account; closing the account revokes every key."),
)

declare_no_personal_data(LevelRule, reason="Staff-edited thresholds and benefits of account levels.")
declare_no_personal_data(
    ChildrenRulesVersion, reason="Published versions of the Children's Personal Information Rules."
)
