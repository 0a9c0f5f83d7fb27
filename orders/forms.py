"""Checkout, address and payment forms: they validate input; the services decide."""

import re
from typing import cast

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from interactions.services import CHAT_MAX_LENGTH
from orders.models import Address
from orders.partners import PAYMENT_PARTNERS
from orders.services import MAX_QUANTITY, Consignee, CustomsDetails, Invoice

TAXPAYER_ID = re.compile(r"^[0-9A-Z]{15,20}$")
# Mainland resident ID card: 17 digits and a check character.
RESIDENT_ID = re.compile(r"^\d{17}[\dX]$")
DELIVERY_TIMES = [
    ("", _("Any time")),
    ("workdays", _("Workdays")),
    ("weekends", _("Weekends")),
    ("evenings", _("Evenings")),
]


def normalise_phone(value: str) -> str:
    """A valid mobile or landline number in +86… form, or a field error."""
    value = value.strip()
    try:
        number = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Enter a valid phone number, for example 13800138000."), code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=MAX_QUANTITY)


class AddressForm(forms.ModelForm):
    class Meta:
        model = Address
        fields = ["consignee_name", "phone", "address"]

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])


class CheckoutForm(forms.Form):
    address = forms.ModelChoiceField(
        label=_("Saved address"), queryset=Address.objects.none(), required=False, empty_label=_("Enter a new one")
    )
    consignee_name = forms.CharField(label=_("Consignee name"), max_length=80, required=False)
    consignee_phone = forms.CharField(label=_("Consignee phone"), max_length=20, required=False)
    delivery_address = forms.CharField(label=_("Delivery address"), max_length=300, required=False)
    alternative_phone = forms.CharField(label=_("Alternative phone (optional)"), max_length=20, required=False)
    delivery_time = forms.ChoiceField(label=_("Preferred delivery time"), choices=DELIVERY_TIMES, required=False)
    remarks = forms.CharField(label=_("Remarks (optional)"), max_length=500, required=False, widget=forms.Textarea)
    is_for_someone_else = forms.BooleanField(label=_("This order is for someone else"), required=False)
    consignee_agreed = forms.BooleanField(
        label=_("I confirm the consignee agreed that I give their name, phone and address for this delivery."),
        required=False,
    )
    wants_invoice = forms.BooleanField(label=_("I need an invoice"), required=False)
    invoice_title = forms.CharField(label=_("Invoice title"), max_length=120, required=False)
    taxpayer_id = forms.CharField(label=_("Taxpayer ID number"), max_length=30, required=False)
    invoice_email = forms.EmailField(label=_("Invoice e-mail"), required=False)

    def __init__(self, *args, member, needs_customs: bool, has_customs_consent: bool, **kwargs):
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Address]", self.fields["address"]).queryset = Address.objects.filter(member=member)
        self.needs_customs = needs_customs
        if needs_customs:
            # TRX-03: only cross-border checkouts ask for ID details, with their own consent.
            self.fields["customs_id_name"] = forms.CharField(label=_("Name on the consignee's ID card"), max_length=80)
            self.fields["customs_id_number"] = forms.CharField(label=_("Consignee's ID card number"), max_length=18)
            if not has_customs_consent:
                self.fields["customs_consent"] = forms.BooleanField(
                    label=_(
                        "I consent to giving the consignee's ID details, which are sensitive personal information, "
                        "for customs clearance of cross-border goods."
                    ),
                    required=True,
                )

    def clean_consignee_phone(self) -> str:
        value = self.cleaned_data["consignee_phone"]
        return normalise_phone(value) if value.strip() else ""

    def clean_alternative_phone(self) -> str:
        value = self.cleaned_data["alternative_phone"]
        return normalise_phone(value) if value.strip() else ""

    def clean_taxpayer_id(self) -> str:
        value = self.cleaned_data["taxpayer_id"].strip().upper()
        if value and not TAXPAYER_ID.match(value):
            raise ValidationError(_("A taxpayer ID number has 15 to 20 letters and digits."), code="taxpayer_id")
        return value

    def clean_customs_id_number(self) -> str:
        value = self.cleaned_data["customs_id_number"].strip().upper()
        if not RESIDENT_ID.match(value):
            raise ValidationError(_("Enter the 18-character ID card number."), code="id_number")
        return value

    def clean(self):
        data = super().clean()
        address = data.get("address")
        if address is not None:
            data["consignee_name"], data["consignee_phone"], data["delivery_address"] = (
                address.consignee_name,
                address.phone,
                address.address,
            )
        elif not self.errors.get("consignee_phone"):
            # TRX-02: name, phone and address are required; the rest is optional.
            for name in ("consignee_name", "consignee_phone", "delivery_address"):
                if not data.get(name, "").strip():
                    self.add_error(name, _("This field is required."))
        if data.get("is_for_someone_else") and not data.get("consignee_agreed"):
            self.add_error("consignee_agreed", _("Confirm that the consignee agreed (required for someone else)."))
        if data.get("wants_invoice"):
            # TRX-04: title, taxpayer ID and e-mail, only when an invoice is asked for.
            for name in ("invoice_title", "taxpayer_id", "invoice_email"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Required for an invoice."))
        return data

    # What the form hands to services.place_order (call after is_valid()).
    def consignee(self) -> Consignee:
        data = self.cleaned_data
        return Consignee(
            name=data["consignee_name"].strip(),
            phone=data["consignee_phone"],
            address=data["delivery_address"].strip(),
            alternative_phone=data["alternative_phone"],
            delivery_time=data["delivery_time"],
            is_someone_else=data["is_for_someone_else"],
            has_agreed=data["consignee_agreed"],
        )

    def invoice(self) -> Invoice | None:
        data = self.cleaned_data
        if not data["wants_invoice"]:
            return None
        return Invoice(data["invoice_title"].strip(), data["taxpayer_id"], data["invoice_email"])

    def customs_details(self) -> CustomsDetails | None:
        if not self.needs_customs:
            return None
        data = self.cleaned_data
        return CustomsDetails(
            data["customs_id_name"].strip(), data["customs_id_number"], data.get("customs_consent", False)
        )


FINANCIAL_CONSENT_NEEDED = _("Giving a payment account needs your separate consent.")


class PaymentForm(forms.Form):
    partner = forms.ChoiceField(label=_("Pay with"), choices=PAYMENT_PARTNERS, widget=forms.RadioSelect)
    is_paid_by_other = forms.BooleanField(label=_("Ask someone else to pay"), required=False)
    payer_account = forms.CharField(label=_("Payer's Alipay or MYbank account"), max_length=80, required=False)
    payer_phone = forms.CharField(label=_("Payer's mobile number"), max_length=20, required=False)
    payer_agreed = forms.BooleanField(
        label=_("I confirm the payer agreed that I give their account or mobile number for this payment."),
        required=False,
    )
    # DEF-02: a payment account or mobile number of the payer is sensitive; it is kept only with this consent.
    payer_details_consent = forms.BooleanField(
        label=_(
            "I consent to giving the payer's payment account or mobile number, which is sensitive personal "
            "information, only so that the payer can pay this order."
        ),
        required=False,
    )
    # TRX-12: confirm in the partner's app; the order waits for the partner's notice.
    in_partner_app = forms.BooleanField(label=_("Confirm the payment in the Alipay or MYbank app"), required=False)

    def clean_payer_phone(self) -> str:
        value = self.cleaned_data["payer_phone"]
        return normalise_phone(value) if value.strip() else ""

    def clean(self):
        data = super().clean()
        if data.get("is_paid_by_other"):
            # TRX-11: the payer's account or mobile number, and the member's attestation (POL-08).
            if not (data.get("payer_account") or data.get("payer_phone")) and "payer_phone" not in self.errors:
                self.add_error("payer_account", _("Give the payer's account or mobile number."))
            if not data.get("payer_agreed"):
                self.add_error("payer_agreed", _("Confirm that the payer agreed."))
            if not data.get("payer_details_consent"):
                self.add_error("payer_details_consent", FINANCIAL_CONSENT_NEEDED)
        return data


class AlipayChangeForm(forms.Form):
    """TRX-08: the Alipay account to link, checked by customer service before it replaces the current one."""

    new_account = forms.CharField(
        label=_("Alipay account (mobile number or e-mail)"),
        max_length=80,
        help_text=_("Customer service checks the request before the account is linked."),
    )
    # DEF-02: a financial account is sensitive personal information; linking it needs its own consent.
    account_consent = forms.BooleanField(
        label=_(
            "I consent to giving my Alipay account, which is sensitive personal information, "
            "only for paying and receiving refunds."
        ),
        error_messages={"required": FINANCIAL_CONSENT_NEEDED},
    )

    def clean_new_account(self) -> str:
        value = self.cleaned_data["new_account"].strip()
        if "@" in value:
            try:
                validate_email(value)
            except ValidationError:
                raise ValidationError(_("Enter a valid e-mail address or mobile number.")) from None
            return value.lower()
        return normalise_phone(value)


class ChatMessageForm(forms.Form):
    """One message in a store chat (INT-06), from the member or the store's staff."""

    body = forms.CharField(
        label=_("Message"),
        max_length=CHAT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": CHAT_MAX_LENGTH}),
    )
