"""Marketing on every channel the member can refuse separately: SMS, phone calls and pop-ups (INT-02).

Each sender asks the ledger right before it sends, so a withdrawal stops the very next send.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from interactions import marketing
from interactions.models import MarketingCall, MarketingMessage, MarketingPopup, PopupDismissal, SmsMessage
from members.models import Member
from privacy import consent
from privacy.models import ConsentEvent
from privacy.purposes import Purpose
from tests.sms import texts_to
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(member):
    member.phone_verified_at = timezone.now()
    member.save(update_fields=["phone_verified_at"])
    return member


def confirmed_member(name: str, phone: str) -> Member:
    return Member.objects.create_user(name, "a long enough password", phone=phone, phone_verified_at=timezone.now())


# -- SMS -----------------------------------------------------------------------


def test_a_marketing_text_goes_only_to_a_member_who_agreed_to_sms_marketing(
    confirmed, web, django_capture_on_commit_callbacks
):
    # clause: INT-02
    with django_capture_on_commit_callbacks(execute=True):
        assert marketing.send_marketing_sms(confirmed, body="Spring sale") is None
    assert not SmsMessage.objects.exists()

    consent.grant(confirmed, Purpose.MARKETING_SMS, context=web)
    with django_capture_on_commit_callbacks(execute=True):
        sent = marketing.send_marketing_sms(confirmed, body="Spring sale")

    (sms,) = SmsMessage.objects.all()
    assert (sms.member, sms.phone) == (confirmed, "+8613800138001")
    assert sms.body.startswith("Spring sale\nStop these texts with one click: ")
    (text,) = texts_to("+8613800138001")
    assert text.endswith(marketing.unsubscribe_url(sent))
    assert (sent.channel, sent.address) == ("sms", "+8613800138001")


def test_no_marketing_text_goes_to_an_unconfirmed_number(member, web, django_capture_on_commit_callbacks):
    # clause: INT-02
    consent.grant(member, Purpose.MARKETING_SMS, context=web)

    with django_capture_on_commit_callbacks(execute=True):
        assert marketing.send_marketing_sms(member, body="Spring sale") is None

    assert not SmsMessage.objects.exists()
    assert not MarketingMessage.objects.exists()


def test_withdrawing_sms_marketing_stops_the_next_text(confirmed, web, django_capture_on_commit_callbacks):
    # clause: INT-02
    consent.grant(confirmed, Purpose.MARKETING_SMS, context=web)
    with django_capture_on_commit_callbacks(execute=True):
        marketing.send_sms_campaign([confirmed], body="First")
    consent.withdraw(confirmed, Purpose.MARKETING_SMS, context=web)

    with django_capture_on_commit_callbacks(execute=True):
        assert marketing.send_sms_campaign([confirmed], body="Second") == []

    assert list(SmsMessage.objects.values_list("body", flat=True)) == [SmsMessage.objects.get().body]
    assert SmsMessage.objects.get().body.startswith("First")


def test_the_link_in_a_marketing_text_withdraws_sms_marketing_without_sign_in(
    client, confirmed, other_member, web, django_capture_on_commit_callbacks
):
    # clause: INT-02
    other = confirmed_member("carol", "+8613800138003")
    for someone in (confirmed, other):
        consent.grant(someone, Purpose.MARKETING_SMS, context=web)
    consent.grant(confirmed, Purpose.MARKETING_EMAIL, context=web)
    with django_capture_on_commit_callbacks(execute=True):
        (sent, _other) = marketing.send_sms_campaign([confirmed, other], body="Spring sale")

    response = client.post(reverse("interactions:unsubscribe", args=[marketing.unsubscribe_token(sent)]))

    assert response.status_code == 200
    assert not consent.has_consent(confirmed, Purpose.MARKETING_SMS)
    assert consent.has_consent(confirmed, Purpose.MARKETING_EMAIL)  # only the channel the text came by
    assert ConsentEvent.objects.filter(member=confirmed).first().channel == "unsubscribe"
    with django_capture_on_commit_callbacks(execute=True):
        second = marketing.send_sms_campaign([confirmed, other], body="Summer sale")
    assert [m.member for m in second] == [other]


def test_a_text_too_long_for_its_opt_out_link_is_refused_and_nothing_is_recorded(
    confirmed, web, django_capture_on_commit_callbacks
):
    consent.grant(confirmed, Purpose.MARKETING_SMS, context=web)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError, match="too long"):
        marketing.send_marketing_sms(confirmed, body="x" * 280)

    assert not MarketingMessage.objects.exists()
    assert not SmsMessage.objects.exists()


# -- phone calls ----------------------------------------------------------------


def test_the_call_list_holds_only_members_who_agreed_to_marketing_calls(confirmed, other_member, web):
    # clause: INT-02
    carol = confirmed_member("carol", "+8613800138003")
    unconfirmed = other_member  # agrees, but the number was never confirmed
    for someone in (confirmed, carol, unconfirmed):
        consent.grant(someone, Purpose.MARKETING_PHONE, context=web)
    consent.withdraw(carol, Purpose.MARKETING_PHONE, context=web)
    consent.grant(carol, Purpose.MARKETING_SMS, context=web)

    assert marketing.refresh_call_list("Spring sale") == 1
    assert marketing.refresh_call_list("Spring sale") == 1  # refreshing again adds no duplicate

    (call,) = MarketingCall.objects.all()
    assert (call.member, call.phone, call.topic) == (confirmed, "+8613800138001", "Spring sale")


def test_a_member_who_withdraws_drops_off_the_call_list_at_once_and_the_refresh_removes_them(
    confirmed, web, django_assert_num_queries
):
    # clause: INT-02
    carol = confirmed_member("carol", "+8613800138003")
    for someone in (confirmed, carol):
        consent.grant(someone, Purpose.MARKETING_PHONE, context=web)
    marketing.refresh_call_list("Spring sale")

    consent.withdraw(confirmed, Purpose.MARKETING_PHONE, context=web)

    with django_assert_num_queries(1):
        assert [call.member_id for call in marketing.open_calls()] == [carol.pk]
    assert marketing.refresh_call_list("Spring sale") == 1
    assert list(MarketingCall.objects.values_list("member_id", flat=True)) == [carol.pk]


def test_staff_cannot_record_a_call_to_a_member_who_withdrew_in_the_meantime(confirmed, web, django_user_model):
    # clause: INT-02
    staff = django_user_model.objects.create_user("caller", "a long enough password", is_staff=True)
    consent.grant(confirmed, Purpose.MARKETING_PHONE, context=web)
    marketing.refresh_call_list("Spring sale")
    call = MarketingCall.objects.get()
    consent.withdraw(confirmed, Purpose.MARKETING_PHONE, context=web)

    with pytest.raises(ValidationError, match="no longer agrees"):
        marketing.record_call(call, staff=staff, outcome="reached")

    call.refresh_from_db()
    assert (call.called_at, call.outcome) == (None, "")
    assert not marketing.open_calls().exists()


def test_staff_work_the_call_list_in_admin_and_it_shows_only_consenting_members(client, confirmed, web):
    # clause: INT-02
    staff = Member.objects.create_user("caller", "a long enough password", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_marketingcall"))
    carol = confirmed_member("carol", "+8613800138003")
    for someone in (confirmed, carol):
        consent.grant(someone, Purpose.MARKETING_PHONE, context=web)
    sign_in_staff(client, staff)
    changelist = reverse("admin:interactions_marketingcall_changelist")

    assert client.post(reverse("admin:interactions_marketingcall_refresh"), {"topic": ""}).status_code == 200
    assert not MarketingCall.objects.exists()
    response = client.post(reverse("admin:interactions_marketingcall_refresh"), {"topic": "Spring sale"})
    assert response.status_code == 302
    consent.withdraw(carol, Purpose.MARKETING_PHONE, context=web)

    response = client.get(changelist)
    html = response.content.decode()
    assert [call.member for call in response.context["cl"].result_list] == [confirmed]
    assert "carol" not in html
    assert "+8613800138001" not in html  # the number is masked until revealed with a reason
    call = MarketingCall.objects.get(member=confirmed)
    client.post(changelist, {"action": "record_reached", "_selected_action": [call.pk]})
    call.refresh_from_db()
    assert (call.outcome, call.called_by) == ("reached", staff)
    assert list(client.get(changelist).context["cl"].result_list) == []


def test_the_call_list_admin_needs_staff_permission(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:interactions_marketingcall_refresh"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# -- pop-ups ----------------------------------------------------------------------


@pytest.fixture
def popup(db):
    now = timezone.now()
    return MarketingPopup.objects.create(
        title="Spring sale",
        body="Everything 20% off this week.",
        link_url="/search/",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=7),
    )


def test_a_pop_up_shows_only_to_members_who_agreed_to_pop_ups(client, member, popup, web):
    # clause: INT-02
    assert 'data-testid="marketing-popup"' not in client.get("/").content.decode()  # a visitor
    client.force_login(member)
    assert 'data-testid="marketing-popup"' not in client.get("/").content.decode()  # no consent

    consent.grant(member, Purpose.MARKETING_POPUP, context=web)
    html = client.get("/").content.decode()

    assert 'data-testid="marketing-popup"' in html
    assert "Everything 20% off this week." in html
    assert reverse("interactions:skip-popup", args=[popup.pk]) in html


def test_withdrawing_pop_up_consent_hides_the_pop_up_on_the_next_page(client, member, popup, web):
    # clause: INT-02
    consent.grant(member, Purpose.MARKETING_POPUP, context=web)
    client.force_login(member)
    assert 'data-testid="marketing-popup"' in client.get("/").content.decode()

    consent.withdraw(member, Purpose.MARKETING_POPUP, context=web)

    assert 'data-testid="marketing-popup"' not in client.get("/").content.decode()


def test_skip_is_a_plain_form_that_hides_that_pop_up_for_that_member_only(client, member, other_member, popup, web):
    # clause: INT-02
    for someone in (member, other_member):
        consent.grant(someone, Purpose.MARKETING_POPUP, context=web)
    client.force_login(member)
    client.get("/")

    response = client.post(reverse("interactions:skip-popup", args=[popup.pk]), {"next": "/search/"})

    assert response.status_code == 302
    assert response["Location"] == "/search/"
    assert PopupDismissal.objects.filter(member=member, popup=popup).exists()
    assert 'data-testid="marketing-popup"' not in client.get("/").content.decode()
    client.force_login(other_member)
    assert 'data-testid="marketing-popup"' in client.get("/").content.decode()


def test_skipping_needs_sign_in_and_an_existing_pop_up(client, member, popup):
    response = client.post(reverse("interactions:skip-popup", args=[popup.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(member)
    assert client.post(reverse("interactions:skip-popup", args=[popup.pk + 100])).status_code == 404
    assert client.get(reverse("interactions:skip-popup", args=[popup.pk])).status_code == 405
    assert not PopupDismissal.objects.exists()


def test_a_pop_up_outside_its_dates_is_not_shown_and_a_new_one_shows_at_once(client, member, popup, web):
    # clause: INT-02
    consent.grant(member, Purpose.MARKETING_POPUP, context=web)
    client.force_login(member)
    client.post(reverse("interactions:skip-popup", args=[popup.pk]))
    assert 'data-testid="marketing-popup"' not in client.get("/").content.decode()

    now = timezone.now()
    MarketingPopup.objects.create(
        title="Later",
        body="Not yet.",
        starts_at=now + datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=2),
    )
    assert 'data-testid="marketing-popup"' not in client.get("/").content.decode()
    MarketingPopup.objects.create(title="Now", body="Summer sale.", ends_at=now + datetime.timedelta(days=2))
    assert "Summer sale." in client.get("/").content.decode()


def test_a_pop_up_link_must_be_a_path_on_this_site(popup):
    popup.link_url = "javascript:alert(1)"
    with pytest.raises(ValidationError):
        popup.full_clean()
    popup.link_url = "//evil.example/"
    with pytest.raises(ValidationError):
        popup.full_clean()


def test_pop_ups_cost_no_query_on_a_warm_page(client, member, popup, web, django_assert_max_num_queries):
    consent.grant(member, Purpose.MARKETING_POPUP, context=web)
    client.force_login(member)
    client.get("/")
    with django_assert_max_num_queries(0) as queries:
        marketing.popup_for(member)
    assert len(queries) == 0


def test_a_call_to_a_number_the_member_no_longer_has_leaves_the_list(confirmed, web):
    # clause: INT-02
    consent.grant(confirmed, Purpose.MARKETING_PHONE, context=web)
    marketing.refresh_call_list("Spring sale")

    Member.objects.filter(pk=confirmed.pk).update(phone="+8613800138099")

    assert not marketing.open_calls().exists()
    assert marketing.refresh_call_list("Spring sale") == 1
    assert MarketingCall.objects.get().phone == "+8613800138099"
