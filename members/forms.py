"""Forms of the members app: registration extras, the optional profile, the guardian's consent."""

from __future__ import annotations

from typing import cast

from allauth.account.forms import LoginForm, ResetPasswordForm, SignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from members import recovery
from members.models import GuardianConsent, Member
from members.phones import PhoneField
from privacy import uploads
from privacy.models import PolicyVersion

AVATAR_MAX_BYTES = 2 * 1024 * 1024

# A member name starts with a letter, so it can never be mistaken for a mobile number at sign-in.
member_name_validators = [
    RegexValidator(
        r"^[A-Za-z][A-Za-z0-9_.-]{2,39}$",
        _("Use 3 to 40 letters, digits, - _ or . and start with a letter."),
        code="invalid_member_name",
    )
]


MEMBER_NAME_TAKEN = _("This member name is already taken. Please choose another.")


class RegistrationForm(SignupForm):
    """MEM-01: mobile number, member name and password, plus acceptance of the current policy (POL-01)."""

    date_of_birth = forms.DateField(
        label=_("Date of birth (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Under 14, a parent or guardian must consent before the account can be used."),
    )
    # DEF-02: a date of birth is sensitive (it tells whether the member is a child); it needs its own consent.
    birth_date_consent = forms.BooleanField(
        label=_(
            "I consent to giving my date of birth, which is sensitive personal information, "
            "so that you can tell whether a guardian must consent for a child under 14."
        ),
        required=False,
    )
    accept_policy = forms.BooleanField(
        label=_("I have read and accept the privacy policy."),
        error_messages={"required": _("You need to accept the privacy policy to open an account.")},
    )

    field_order = [
        "phone",
        "username",
        "password1",
        "password2",
        "date_of_birth",
        "birth_date_consent",
        "accept_policy",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Member name")
        self.fields["username"].help_text = _(
            "3 to 40 characters: start with a letter, then letters, digits, - _ or . only."
        )
        self.fields["username"].error_messages["unique"] = MEMBER_NAME_TAKEN
        # POL-01: the member accepts this version; the link opens exactly the text being accepted.
        version = PolicyVersion.objects.current()
        if version is not None:
            self.fields["accept_policy"].label = format_html(  # type: ignore[call-overload]  # it formats a lazy string as well
                _('I have read and accept the <a href="{url}" target="_blank">privacy policy</a> ({label}).'),
                url=reverse("privacy:policy-version", args=[version.pk]),
                label=version.label,
            )
        self.fields["username"].widget.attrs["placeholder"] = _("Member name")
        self.fields["phone"].label = _("Mobile number")

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value and value > timezone.localdate():
            raise ValidationError(_("A date of birth cannot be in the future."), code="future")
        return value

    def clean(self):
        data = super().clean()
        if data.get("date_of_birth") and not data.get("birth_date_consent"):
            self.add_error(
                "birth_date_consent", _("Giving your date of birth needs your separate consent; or leave it empty.")
            )
        return data


class _CurrentAvatar:
    """What the avatar field shows of the stored file: a link to it, never its storage path."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __str__(self) -> str:
        return str(_("your current avatar"))


class AvatarInput(forms.ClearableFileInput):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = _CurrentAvatar(value.url)
        return context


class ProfileForm(forms.ModelForm):
    """MEM-04: every field optional; MEM-05: nickname and avatar are public, and the labels say so."""

    class Meta:
        model = Member
        fields = ["nickname", "avatar", "real_name", "landline", "other_contact", "position", "industry"]
        widgets = {"avatar": AvatarInput}
        labels = {
            "nickname": _("Nickname (public)"),
            "avatar": _("Avatar (public)"),
        }
        help_texts = {
            "nickname": _("Everyone can see your nickname."),
            "avatar": _("Everyone can see your avatar. PNG, JPEG or GIF, at most 2 MB."),
            "real_name": _("Only you and, when needed, our staff see this."),
        }

    def clean_avatar(self):
        avatar = self.cleaned_data.get("avatar")
        if avatar and hasattr(avatar, "content_type"):
            # A new upload: only its re-encoded pixels are stored, under a name the server chooses.
            return uploads.reencode_image(avatar, max_bytes=AVATAR_MAX_BYTES).as_file()
        return avatar


class GuardianConsentForm(forms.Form):
    guardian_name = forms.CharField(label=_("Your full name"), max_length=60)
    guardian_phone = PhoneField(label=_("Your mobile number"))
    relationship = forms.ChoiceField(
        label=_("Your relationship to the child"), choices=GuardianConsent.Relationship.choices
    )
    consent = forms.BooleanField(
        label=_(
            "I am the child's parent or guardian, I have read the Children's Personal Information Rules and I consent."
        ),
        error_messages={"required": _("Your consent is needed before the child can use the account.")},
    )


def _id_number_field() -> forms.CharField:
    from members.identity import validate_id_number

    return forms.CharField(
        label=_("ID number"),
        max_length=18,
        validators=[validate_id_number],  # type: ignore[list-item]  # Django ignores what a validator returns
    )


class RealNameForm(forms.Form):
    """VER-06: a separate, explicit consent to sensitive information comes before collection."""

    consent_sensitive = forms.BooleanField(
        label=_(
            "I consent to the collection of my real name and ID number, which are sensitive personal information, "
            "for real-name authentication only."
        ),
        error_messages={"required": _("We cannot collect your ID number without this consent.")},
    )
    real_name = forms.CharField(label=_("Real name"), max_length=60)
    id_number = _id_number_field()


class BiometricConsentForm(forms.Form):
    """VER-05: the face path needs its own consent to biometric (sensitive) information, separate from any other."""

    consent_biometric = forms.BooleanField(
        label=_(
            "I consent to my face image, which is sensitive biometric information, being sent once to a "
            "state-recognised verification agency to confirm I am a real person. The image is not kept."
        ),
        error_messages={"required": _("Face verification cannot start without this consent.")},
    )


class FaceImageForm(forms.Form):
    image = forms.FileField(
        label=_("Photo of your face"),
        help_text=_("PNG or JPEG, at most 2 MB. It is sent to the verification agency and then discarded."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg", "capture": "user"}),
    )

    @classmethod
    def refusing_oversized(cls) -> FaceImageForm:
        """The form as shown for a request too large to read: the size error next to the field."""
        form = cls(data={}, files=MultiValueDict())
        form.is_valid()
        form.errors.pop("image", None)
        form.add_error("image", ValidationError(_("The photo may be at most 2 MB."), code="too_large"))
        return form

    def clean_image(self) -> uploads.CleanImage:
        """The photo decoded and re-encoded: the provider gets only the pixels, never the bytes as sent."""
        from members.face import IMAGE_MAX_BYTES

        image = self.cleaned_data["image"]
        try:
            return uploads.reencode_image(image, max_bytes=IMAGE_MAX_BYTES, formats=("PNG", "JPEG"))
        except ValidationError as error:
            message = {
                "too_large": _("The photo may be at most 2 MB."),
                "not_an_image": _("Upload a PNG or JPEG photo."),
            }[cast("str", error.code)]  # reencode_image's errors always carry a code
            raise ValidationError(message, code=error.code) from None
        finally:
            image.close()


class AccountRetrievalForm(forms.Form):
    """VER-03: for a member who lost the phone."""

    member_name = forms.CharField(label=_("Member name"), max_length=40)
    real_name = forms.CharField(label=_("Real name"), max_length=60)
    id_number = _id_number_field()
    new_phone = PhoneField(label=_("New mobile number"))


class LinkProviderForm(forms.Form):
    consent = forms.BooleanField(
        label=_("I consent to linking this account and to the import of only the fields listed above."),
        error_messages={"required": _("Linking needs your consent.")},
    )


class StepUpForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the text message"),
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class SignInForm(LoginForm):
    """Sign-in by member name or mobile number, in the policy's words."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Member name or mobile number")
        self.fields["login"].widget.attrs.update(
            {"placeholder": _("Member name or mobile number"), "autocomplete": "username"}
        )


class EmailPasswordResetForm(ResetPasswordForm):
    """ "Forgot your password?" by e-mail: only with a mail backend, and mail only to members' addresses."""

    def clean_email(self) -> str:
        if not recovery.email_recovery_is_available():
            raise ValidationError(
                _(
                    "Password recovery by e-mail is not available. Sign in with a code texted to your mobile "
                    "number, or, if you lost the phone, ask us to move your account to a new number."
                ),
                code="unavailable",
            )
        return super().clean_email()

    def save(self, request, **kwargs) -> str:
        if not self.users:
            # The page reads the same either way; an address without an account gets no mail from us.
            return self.cleaned_data["email"]
        try:
            return super().save(request, **kwargs)
        except recovery.SEND_ERRORS:
            recovery.logger.exception("The password recovery mail could not be sent.")
            return self.cleaned_data["email"]


class PasswordRecoveryForm(forms.Form):
    """Recovery by a code to the registered mobile number."""

    phone = PhoneField(label=_("Registered mobile number"))


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the text message"),
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    password1 = forms.CharField(
        label=_("New password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("New password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", ValidationError(_("The two passwords differ."), code="password_mismatch"))
        return cleaned


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the key"), max_length=60, help_text=_("Where you use it, for example “my phone”.")
    )
