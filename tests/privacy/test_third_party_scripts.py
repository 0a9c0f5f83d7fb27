"""Section III(I)5.4: partners' scripts load only after a security review, and the CSP allows only them (SHR-11)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from members.models import Member
from privacy.models import ThirdPartyScript
from privacy.third_party import approve_script
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db
PAGE = reverse("orders:my-alipay")
TODAY = timezone.localdate()


def script_sources(response) -> list[str]:
    policy = response["Content-Security-Policy"]
    directive = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    return directive.split()[1:]


def test_the_csp_allows_script_sources_only_from_approved_registry_origins(client, member):
    # clause: SHR-11
    client.force_login(member)
    sdk = ThirdPartyScript.objects.get(code="alipay-sdk")

    before = client.get(PAGE)
    assert script_sources(before) == ["'self'"]
    assert "data-third-party" not in before.content.decode()

    ThirdPartyScript.objects.filter(pk=sdk.pk).update(review_reference="SEC-REVIEW-2026-11", reviewed_on=TODAY)
    sdk.refresh_from_db()
    approve_script(sdk)
    after = client.get(PAGE)
    assert script_sources(after) == ["'self'", "https://gw.alipayobjects.com"]
    assert f'src="{sdk.src}"' in after.content.decode()
    # Every other page keeps script-src 'self'.
    assert script_sources(client.get(reverse("privacy:policy"))) == ["'self'"]


def test_admin_refuses_to_approve_a_script_without_a_current_review(client):
    # clause: SHR-11
    officer = Member.objects.create_user("officer", "officer password 123", is_staff=True, is_superuser=True)
    sign_in_staff(client, officer)
    sdk = ThirdPartyScript.objects.get(code="alipay-sdk")

    response = client.post(
        reverse("admin:privacy_thirdpartyscript_changelist"),
        {"action": "approve", "_selected_action": [sdk.pk]},
        follow=True,
    )

    sdk.refresh_from_db()
    assert not sdk.is_approved and "no security review recorded" in response.content.decode()
    sdk.review_reference, sdk.reviewed_on = "SEC-1", TODAY - datetime.timedelta(days=500)
    with pytest.raises(ValidationError, match="not current"):
        approve_script(sdk)


@pytest.mark.parametrize(
    "src", ["javascript:alert(1)", "http://cdn.example.com/sdk.js", "https://cdn.example.com/\x00.js", "x" * 400]
)
def test_the_script_admin_refuses_hostile_addresses(client, src):
    officer = Member.objects.create_user("officer", "officer password 123", is_staff=True, is_superuser=True)
    sign_in_staff(client, officer)
    data = {
        "code": "evil",
        "partner": ThirdPartyScript.objects.get(code="alipay-sdk").partner_id,
        "src": src,
        "purpose": "<script>alert(1)</script>",
    }

    response = client.post(reverse("admin:privacy_thirdpartyscript_add"), data)

    assert response.status_code == 200 and not ThirdPartyScript.objects.filter(code="evil").exists()
    assert "<script>alert(1)</script>" not in response.content.decode()
