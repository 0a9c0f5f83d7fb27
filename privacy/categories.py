"""The data categories of personal information the policy names (clauses.md section (a))."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DataCategory(models.TextChoices):
    ACCOUNT = "account", _("Account and registration")
    PROFILE = "profile", _("Optional profile")
    THIRD_PARTY_LOGIN = "third_party_login", _("Third-party login")
    IDENTITY = "identity", _("Identity and authentication")
    BIOMETRIC = "biometric", _("Biometric")
    BROWSING = "browsing", _("Browsing and operation history")
    SEARCH = "search", _("Search")
    LOCATION = "location", _("Location")
    TRANSACTION = "transaction", _("Transactions and orders")
    DELIVERY = "delivery", _("Delivery and logistics")
    CUSTOMS = "customs", _("Cross-border customs")
    PAYMENT = "payment", _("Payment and financial")
    CUSTOMER_SERVICE = "customer_service", _("Customer service")
    CONTENT = "content", _("Published content")
    LIVE = "live", _("Live and short-video interactions")
    SOCIAL = "social", _("Interactions and messages")
    EVENTS = "events", _("Events and marketing")
    CLIPBOARD = "clipboard", _("Clipboard")
    DEVICE = "device", _("Device information")
    SERVICE_LOG = "service_log", _("Service log information")
    COOKIES = "cookies", _("Cookies and identifiers")
    SECURITY = "security", _("Security and risk")
    SELLER_LEAD = "seller_lead", _("Seller onboarding")
    RIGHTS_REQUEST = "rights_request", _("Rights requests")
    MINORS = "minors", _("Minors")


class DeviceUse(models.TextChoices):
    """DEF-03: the only purposes device information may be declared for (policy III(I)5, B and A)."""

    SECURITY = "security", _("Account and transaction security")
    PAYMENT_SECURITY = "payment_security", _("Payment security")
    STABILITY_ANALYTICS = "stability_analytics", _("Stability analysis of our services")


# DEF-03: field names that hold device information as the policy defines it; wherever they appear in a
# registered model, they must be declared in the device category.
DEVICE_FIELD_NAMES = frozenset(
    {
        "device_fingerprint",
        "device_id",
        "device_model",
        "hardware_model",
        "hardware_serial",
        "imei",
        "imsi",
        "meid",
        "iccid",
        "mac_address",
        "android_id",
        "open_udid",
        "guid",
        "installed_apps",
        "bluetooth",
        "sensors",
    }
)


def is_device_field_name(name: str) -> bool:
    return name in DEVICE_FIELD_NAMES or name.startswith("device_")


@dataclass(frozen=True)
class CategoryInfo:
    description: StrOrPromise
    always_sensitive: bool = False


# What each category covers, in the policy's words; shown on the collected-information page.
CATEGORY_INFO: dict[DataCategory, CategoryInfo] = {
    DataCategory.ACCOUNT: CategoryInfo(
        _("What you need to open and keep a 1688 account: mobile number, member name and password.")
    ),
    DataCategory.PROFILE: CategoryInfo(
        _(
            "Extras you may add for personalised services and membership benefits; nickname and profile picture are public."
        )
    ),
    DataCategory.THIRD_PARTY_LOGIN: CategoryInfo(
        _("The fields a third-party login provider shares with your consent.")
    ),
    DataCategory.IDENTITY: CategoryInfo(
        _("Real name, ID documents and authentication results, used to confirm who you are when the law requires it.")
    ),
    DataCategory.BIOMETRIC: CategoryInfo(
        _("Facial recognition data for real-person authentication."), always_sensitive=True
    ),
    DataCategory.BROWSING: CategoryInfo(_("Favourites, follows, likes, shares and the pages you viewed.")),
    DataCategory.SEARCH: CategoryInfo(_("Your search terms and when you searched.")),
    DataCategory.LOCATION: CategoryInfo(_("Where you are, for recommendations or attached to posts.")),
    DataCategory.TRANSACTION: CategoryInfo(
        _("Orders: items, order number, time, amount, remarks, after-sales records and invoices.")
    ),
    DataCategory.DELIVERY: CategoryInfo(_("Consignee name, phone number and delivery address, and delivery progress.")),
    DataCategory.CUSTOMS: CategoryInfo(_("ID-document details needed for customs clearance of cross-border goods.")),
    DataCategory.PAYMENT: CategoryInfo(_("Payment accounts and payment status."), always_sensitive=True),
    DataCategory.CUSTOMER_SERVICE: CategoryInfo(
        _("Your conversations with customer service and the evidence you provide.")
    ),
    DataCategory.CONTENT: CategoryInfo(_("Reviews, comments, questions and posts you publish.")),
    DataCategory.LIVE: CategoryInfo(_("Comments, likes and gifts in live channels and short videos.")),
    DataCategory.SOCIAL: CategoryInfo(_("Messages, friends, store subscriptions and notification preferences.")),
    DataCategory.EVENTS: CategoryInfo(_("What a marketing event you join needs, as that event lists it.")),
    DataCategory.CLIPBOARD: CategoryInfo(_("Platform share codes and links only.")),
    DataCategory.DEVICE: CategoryInfo(
        _(
            "Hardware model, device identifiers and similar device details, used only for account and transaction "
            "security, payment security and analysing the stability of our services."
        )
    ),
    DataCategory.SERVICE_LOG: CategoryInfo(_("IP address, browser type, language and visit times.")),
    DataCategory.COOKIES: CategoryInfo(_("Cookies and anonymous identifiers.")),
    DataCategory.SECURITY: CategoryInfo(
        _("Risk-assessment inputs and results that protect accounts and transactions.")
    ),
    DataCategory.SELLER_LEAD: CategoryInfo(_("Contact details shared when you choose to become a seller.")),
    DataCategory.RIGHTS_REQUEST: CategoryInfo(
        _("What you give us to verify a request about your personal information.")
    ),
    DataCategory.MINORS: CategoryInfo(
        _("Minor status and guardian consent; all information of a child under 14 is sensitive."), always_sensitive=True
    ),
}
