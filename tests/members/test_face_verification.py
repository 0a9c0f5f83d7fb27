"""Real-person authentication by face (VER-05): a separate biometric consent first, the photo never kept."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from members import face
from members.models import FaceVerification
from privacy import consent
from privacy.notices import Feature, acknowledge
from privacy.purposes import Purpose
from tests.images import pixels, png

pytestmark = pytest.mark.django_db

INSTRUCTIONS = reverse("members:face-verification")
CAPTURE = reverse("members:face-capture")
# A photo with a marker we can look for anywhere it might have been stored or sent.
PHOTO = png(size=(48, 48), text="FACE-PIXELS-7f3a")
SEEN: list[bytes] = []


class RecordingStateAgency(face.SimulatedStateAgencyProvider):
    """The state agency, outside our system: it records what it was sent."""

    def verify(self, *, image: bytes) -> bool:
        SEEN.append(image)
        return super().verify(image=image)


class RefusingStateAgency(RecordingStateAgency):
    def verify(self, *, image: bytes) -> bool:
        super().verify(image=image)
        return False


@pytest.fixture(autouse=True)
def agency(settings, tmp_path):
    SEEN.clear()
    settings.FACE_VERIFICATION_PROVIDER = "tests.members.test_face_verification.RecordingStateAgency"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path


@pytest.fixture
def signed_in(client, member):
    acknowledge(member, Feature.FACE_VERIFICATION)  # POL-02: the notice was read (tests/privacy/test_notices.py)
    client.force_login(member)
    return client


def photo(content: bytes = PHOTO, name: str = "me.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def give_biometric_consent(client):
    return client.post(INSTRUCTIONS, {"consent_biometric": "on"})


def test_the_instructions_come_first_with_the_separate_biometric_consent(signed_in):
    """VER-05: instructions, then a consent of its own before any photo is taken."""
    html = signed_in.get(INSTRUCTIONS).content.decode()

    assert 'data-testid="face-instructions"' in html
    assert 'name="consent_biometric"' in html
    assert html.index("face-instructions") < html.index("consent_biometric")
    assert CAPTURE not in html


def test_starting_without_a_biometric_consent_is_refused_and_stores_nothing(signed_in, member, tmp_path):
    """VER-05."""
    response = signed_in.post(CAPTURE, {"image": photo()})

    assert response.url == INSTRUCTIONS
    assert SEEN == []
    assert not FaceVerification.objects.exists()
    assert list(tmp_path.rglob("*")) == []


def test_the_service_refuses_without_a_biometric_consent(member):
    """VER-05: the rule holds whoever calls it."""
    with pytest.raises(PermissionDenied):
        face.verify_face(member=member, image=PHOTO)

    assert SEEN == []
    assert not FaceVerification.objects.exists()


def test_the_consent_form_without_the_tick_records_no_consent(signed_in, member):
    response = signed_in.post(INSTRUCTIONS, {})

    assert "consent_biometric" in response.context["form"].errors
    assert not consent.has_consent(member, Purpose.BIOMETRIC)


def test_another_consent_does_not_stand_in_for_the_biometric_one(signed_in, member):
    """VER-05: the sensitive-identity consent of real-name authentication is a different consent."""
    consent.grant(member, Purpose.SENSITIVE_IDENTITY, context=consent.RequestContext("web"))

    signed_in.post(CAPTURE, {"image": photo()})

    assert not FaceVerification.objects.exists()


def test_a_passed_check_keeps_only_the_result_provider_and_time(signed_in, member, tmp_path):
    """VER-05: the photo goes to the provider and is discarded; no file or image bytes are stored."""
    give_biometric_consent(signed_in)

    response = signed_in.post(CAPTURE, {"image": photo()})

    assert response.url == INSTRUCTIONS
    assert [pixels(sent) for sent in SEEN] == [pixels(PHOTO)]
    record = FaceVerification.objects.get(member=member)
    assert (record.is_passed, record.provider) == (True, "state_agency")
    assert record.verified_at is not None
    assert {f.name for f in FaceVerification._meta.concrete_fields} == {
        "id",
        "member",
        "provider",
        "is_passed",
        "verified_at",
    }
    assert list(tmp_path.rglob("*")) == []
    assert "Passed on" in signed_in.get(INSTRUCTIONS).content.decode()


def columns_containing(marker: str) -> list[str]:
    """Every text, JSON or binary column of the database in which `marker` occurs."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'bytea', 'jsonb')"
        )
        for table, column, data_type in cursor.fetchall():
            as_text = f"encode(\"{column}\", 'escape')" if data_type == "bytea" else f'"{column}"::text'
            cursor.execute(f'SELECT 1 FROM "{table}" WHERE {as_text} LIKE %s LIMIT 1', [f"%{marker}%"])  # noqa: S608
            if cursor.fetchone():
                found.append(f"{table}.{column}")
    return found


def test_no_table_in_the_database_holds_the_photo(signed_in, member):
    """VER-05: the image bytes appear in no text, JSON or binary column after a check."""
    give_biometric_consent(signed_in)
    signed_in.post(CAPTURE, {"image": photo()})
    # The scan does find what is stored: the member's nickname.
    assert columns_containing(member.nickname) == ["members_member.nickname"]

    assert columns_containing("FACE-PIXELS-7f3a") == []


def test_a_failed_check_is_recorded_as_failed(signed_in, member, settings):
    settings.FACE_VERIFICATION_PROVIDER = "tests.members.test_face_verification.RefusingStateAgency"
    give_biometric_consent(signed_in)

    signed_in.post(CAPTURE, {"image": photo()})

    assert FaceVerification.objects.get(member=member).is_passed is False
    assert "did not pass" in signed_in.get(INSTRUCTIONS).content.decode()


def test_a_file_that_is_not_a_photo_gets_a_field_error_and_is_not_sent(signed_in):
    give_biometric_consent(signed_in)

    response = signed_in.post(CAPTURE, {"image": photo(b"%PDF-1.7 not a face", "me.png")})

    assert "image" in response.context["form"].errors
    assert SEEN == []
    assert not FaceVerification.objects.exists()


def test_a_photo_over_two_megabytes_is_refused(signed_in):
    give_biometric_consent(signed_in)

    response = signed_in.post(CAPTURE, {"image": photo(PHOTO[:-100] + b"0" * (2 * 1024 * 1024 - len(PHOTO) + 200))})

    assert "image" in response.context["form"].errors
    assert SEEN == []
    assert not FaceVerification.objects.exists()


def test_a_photo_never_goes_to_a_temporary_file_even_when_oversized(signed_in, monkeypatch):
    """VER-05: the upload is held in memory only; a request too big for memory is refused unread."""
    give_biometric_consent(signed_in)

    def no_temporary_files(*args, **kwargs):
        raise AssertionError("a face photo was written to a temporary file")

    monkeypatch.setattr("django.core.files.uploadedfile.tempfile.NamedTemporaryFile", no_temporary_files)
    passed = signed_in.post(CAPTURE, {"image": photo()})
    oversized = signed_in.post(CAPTURE, {"image": photo(PHOTO + b"0" * (3 * 1024 * 1024))})

    assert passed.status_code == 302
    assert oversized.context["form"].errors["image"] == ["The photo may be at most 2 MB."]
    assert [pixels(sent) for sent in SEEN] == [pixels(PHOTO)]
    assert FaceVerification.objects.count() == 1


def test_a_form_without_the_csrf_token_is_refused(member):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    consent.grant(member, Purpose.BIOMETRIC, context=consent.RequestContext("web"))

    response = strict.post(CAPTURE, {"image": photo()})

    assert response.status_code == 403
    assert SEEN == []


def test_every_face_record_names_a_recognised_provider(member):
    """VER-05: state_agency or alipay; the database refuses anything else."""
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        FaceVerification.objects.create(member=member, provider="nobody", is_passed=True)


def test_the_simulated_state_agency_needs_no_network_and_decides_from_the_photo():
    agency = face.SimulatedStateAgencyProvider()

    assert agency.code == "state_agency"
    assert agency.verify(image=PHOTO) is True
    assert agency.verify(image=b"\x89PNG\r\n\x1a\n") is False


def test_a_visitor_is_sent_to_sign_in(client):
    assert client.get(INSTRUCTIONS).url.startswith(reverse("account_login"))
    assert client.post(CAPTURE, {"image": photo()}).url.startswith(reverse("account_login"))
    assert SEEN == []


def test_face_results_are_not_shown_to_another_member(client, member, other_member):
    FaceVerification.objects.create(member=member, provider="state_agency", is_passed=True)
    acknowledge(other_member, Feature.FACE_VERIFICATION)
    client.force_login(other_member)

    assert 'data-testid="face-result"' not in client.get(INSTRUCTIONS).content.decode()
