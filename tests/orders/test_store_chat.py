"""Store chat (INT-06) and its anti-fraud warnings (SEC-11): member pages, the seller's pages, the mute."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.models import StoreMembership
from interactions import selectors
from interactions.models import ChatMessage, FraudPattern, Message, PushNotification, StoreConversation
from members.models import Member
from orders.models import Order, OrderItem, Payment
from privacy import consent
from privacy.purposes import Purpose
from tests import sms
from tests.catalog.factories import CommodityFactory, StoreFactory
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller(shelf):
    staff = Member.objects.create_user("ningbo-staff", "pw-seller-123", phone="+8613700137001")
    StoreMembership.objects.create(store=shelf["drill"].store, member=staff)
    return staff


@pytest.fixture
def other_store(shelf):
    return StoreFactory(name="Yiwu Paper Co", slug="yiwu-paper")


@pytest.fixture
def order(member, shelf):
    placed = Order.objects.create(
        number="C1",
        buyer=member,
        total_amount=Decimal("199.00"),
        consignee_name="Wang Fang",
        consignee_phone="+8613900139000",
        delivery_address="18 Binjiang Avenue, Shenzhen",
    )
    OrderItem.objects.create(order=placed, commodity=shelf["drill"], title="Cordless drill", unit_price=199, quantity=1)
    return placed


def _write(client, member, commodity, body="Is it in stock?"):
    client.force_login(member)
    return client.post(reverse("orders:chat-commodity", args=[commodity.pk]), {"body": body})


def _reply(seller, conversation, body="Yes, 40 in stock."):
    staff_client = Client()
    staff_client.force_login(seller)
    return staff_client.post(reverse("orders:seller-chat", args=[conversation.pk]), {"body": body})


@pytest.fixture
def reachable(member, web):
    """Alice can be reached by push and SMS: a confirmed phone and push permission."""
    member.phone_verified_at = timezone.now()
    member.save(update_fields=["phone_verified_at"])
    consent.grant(member, Purpose.PUSH_NOTIFICATIONS, context=web)
    return member


def test_a_member_writes_about_a_commodity_and_the_answer_reaches_messages(client, reachable, seller, shelf):
    response = _write(client, reachable, shelf["drill"])

    conversation = StoreConversation.objects.get()
    assert response["Location"] == reverse("orders:chat", args=[conversation.pk])
    assert conversation.store == shelf["drill"].store and conversation.subject == "Cordless drill"
    staff_client = Client()
    staff_client.force_login(seller)
    assert "Cordless drill" in staff_client.get(reverse("orders:seller-chats")).content.decode()

    _reply(seller, conversation)

    notice = Message.objects.get(member=reachable)
    assert notice.kind == "interactions" and "Ningbo Tools Direct" in notice.title
    assert PushNotification.objects.filter(member=reachable).count() == 1
    thread = client.get(reverse("orders:chat", args=[conversation.pk])).content.decode()
    assert "Yes, 40 in stock." in thread
    assert "Cordless drill" in client.get(reverse("interactions:messages")).content.decode()


def test_a_message_in_a_muted_store_chat_is_stored_but_notifies_nothing(client, reachable, seller, shelf):
    # clause: INT-06
    _write(client, reachable, shelf["drill"])
    conversation = StoreConversation.objects.get()
    client.post(reverse("orders:chat-mute", args=[conversation.pk]), {"is_muted": "1"})
    assert selectors.is_store_muted(reachable, shelf["drill"].store_id)
    sms.outbox.clear()

    _reply(seller, conversation, "We ship today.")

    assert ChatMessage.objects.filter(conversation=conversation, is_from_store=True, body="We ship today.").exists()
    assert not Message.objects.filter(member=reachable).exists()
    assert not PushNotification.objects.filter(member=reachable).exists()
    assert sms.outbox == []
    assert "We ship today." in client.get(reverse("orders:chat", args=[conversation.pk])).content.decode()

    client.post(reverse("orders:chat-mute", args=[conversation.pk]), {"is_muted": "0"})
    _reply(seller, conversation, "Tracking follows.")
    assert Message.objects.filter(member=reachable).count() == 1
    assert PushNotification.objects.filter(member=reachable).count() == 1


def test_a_chat_message_with_a_phone_number_shows_the_sender_an_anti_fraud_warning(client, member, shelf):
    # clause: SEC-11
    _write(client, member, shelf["drill"])
    conversation = StoreConversation.objects.get()

    response = client.post(
        reverse("orders:chat", args=[conversation.pk]), {"body": "Call me on 138 0013 8001"}, follow=True
    )

    page = response.content.decode()
    assert 'data-testid="fraud-warning"' in page and "A mobile number is in this text" in page
    assert "give trading partners only the personal data the trade needs" in page
    sent = ChatMessage.objects.get(body="Call me on 138 0013 8001")
    assert "mobile number" in sent.fraud_warning
    harmless = client.post(reverse("orders:chat", args=[conversation.pk]), {"body": "Blue please"}, follow=True)
    assert ChatMessage.objects.get(body="Blue please").fraud_warning == ""
    assert "Be careful" not in harmless.content.decode().split('data-testid="chat-messages"')[0]


def test_a_pattern_staff_add_in_admin_warns_at_once(client, member, shelf):
    staff = Member.objects.create_user("officer", "pw-officer-123", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__endswith="fraudpattern"))
    admin = Client()
    sign_in_staff(admin, staff)
    response = admin.post(
        reverse("admin:interactions_fraudpattern_add"),
        {"name": "Crypto", "pattern": "USDT|bitcoin", "warning": "Never pay in crypto.", "is_active": "on"},
    )
    assert response.status_code == 302
    assert (
        admin.post(
            reverse("admin:interactions_fraudpattern_add"), {"name": "Bad", "pattern": "(", "warning": "x"}
        ).status_code
        == 200
    )
    assert not FraudPattern.objects.filter(name="Bad").exists()

    _write(client, member, shelf["drill"], "Can I pay in USDT?")

    assert ChatMessage.objects.get().fraud_warning == "Never pay in crypto."


def test_a_pay_on_behalf_request_with_an_outside_channel_is_warned_before_anything_is_written(client, member, order):
    client.force_login(member)
    page = client.get(reverse("orders:detail", args=[order.number])).content.decode()
    assert 'data-testid="pay-on-behalf-tip"' in page
    data = {
        "partner": "alipay",
        "is_paid_by_other": "on",
        "payer_account": "WeChat friend zhang-88",
        "payer_agreed": "on",
        "payer_details_consent": "on",
    }

    warned = client.post(reverse("orders:pay", args=[order.number]), data)

    assert 'data-testid="fraud-warning"' in warned.content.decode()
    assert "QQ or WeChat" in warned.content.decode()
    assert not Payment.objects.exists()
    confirmed = client.post(reverse("orders:pay", args=[order.number]), {**data, "fraud_warning_seen": "1"})
    assert confirmed.status_code == 302 and Payment.objects.get().payer_account == "WeChat friend zhang-88"


def test_a_member_may_write_about_their_own_order_only(client, member, other_member, order, shelf, other_store):
    client.force_login(member)
    store = shelf["drill"].store
    assert client.get(reverse("orders:chat-order", args=[order.number, store.pk])).status_code == 200
    assert client.get(reverse("orders:chat-order", args=[order.number, other_store.pk])).status_code == 404

    client.post(reverse("orders:chat-order", args=[order.number, store.pk]), {"body": "When does it ship?"})
    assert StoreConversation.objects.get().order == order

    intruder = Client()
    intruder.force_login(other_member)
    url = reverse("orders:chat-order", args=[order.number, store.pk])
    assert intruder.post(url, {"body": "Me too"}).status_code == 404
    assert ChatMessage.objects.count() == 1


def test_another_members_conversation_and_another_stores_chat_are_404(client, member, other_member, seller, shelf):
    _write(client, member, shelf["drill"])
    conversation = StoreConversation.objects.get()
    intruder = Client()
    intruder.force_login(other_member)

    assert intruder.get(reverse("orders:chat", args=[conversation.pk])).status_code == 404
    assert intruder.post(reverse("orders:chat", args=[conversation.pk]), {"body": "hi"}).status_code == 404
    assert intruder.post(reverse("orders:chat-mute", args=[conversation.pk]), {"is_muted": "1"}).status_code == 404
    assert intruder.get(reverse("orders:seller-chat", args=[conversation.pk])).status_code == 404
    other_staff = Member.objects.create_user("yiwu-staff", "pw-seller-456", phone="+8613700137002")
    StoreMembership.objects.create(store=StoreFactory(name="Yiwu", slug="yiwu"), member=other_staff)
    other_client = Client()
    other_client.force_login(other_staff)
    assert other_client.get(reverse("orders:seller-chat", args=[conversation.pk])).status_code == 404
    assert other_client.post(reverse("orders:seller-chat", args=[conversation.pk]), {"body": "x"}).status_code == 404
    assert "Cordless drill" not in other_client.get(reverse("orders:seller-chats")).content.decode()
    assert ChatMessage.objects.count() == 1 and not selectors.is_store_muted(other_member, shelf["drill"].store_id)


@pytest.mark.parametrize("body", ["", "   ", "a\x00b", "x" * 2001])
def test_bad_chat_text_is_a_400_and_nothing_is_written(client, member, seller, shelf, body):
    _write(client, member, shelf["drill"])
    conversation = StoreConversation.objects.get()

    assert client.post(reverse("orders:chat", args=[conversation.pk]), {"body": body}).status_code == 400
    assert client.post(reverse("orders:chat-commodity", args=[shelf["kite"].pk]), {"body": body}).status_code == 400
    assert _reply(seller, conversation, body).status_code == 400
    assert ChatMessage.objects.count() == 1 and StoreConversation.objects.count() == 1


def test_a_script_in_a_chat_is_shown_as_text(client, member, seller, shelf):
    _write(client, member, shelf["drill"], "<script>alert(1)</script>")
    conversation = StoreConversation.objects.get()
    staff_client = Client()
    staff_client.force_login(seller)

    for page in (
        client.get(reverse("orders:chat", args=[conversation.pk])),
        staff_client.get(reverse("orders:seller-chat", args=[conversation.pk])),
    ):
        html = page.content.decode()
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_chat_posts_without_csrf_are_refused(member, seller, shelf):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(member)

    assert (
        csrf_client.post(reverse("orders:chat-commodity", args=[shelf["drill"].pk]), {"body": "hi"}).status_code == 403
    )
    assert not StoreConversation.objects.exists()


def test_a_visitor_is_sent_to_sign_in_and_a_non_seller_gets_404(client, member, shelf):
    for url in (reverse("orders:chats"), reverse("orders:chat-commodity", args=[shelf["drill"].pk])):
        assert reverse("account_login") in client.get(url)["Location"]
    client.force_login(member)
    assert client.get(reverse("orders:seller-chats")).status_code == 404


def test_the_chat_lists_need_a_bounded_number_of_queries(client, member, seller, shelf, django_assert_max_num_queries):
    staff_client = Client()
    staff_client.force_login(seller)
    for i in range(12):
        commodity = CommodityFactory(store=shelf["drill"].store, category=shelf["kite"].category, title=f"Item {i}")
        _write(client, member, commodity)
    client.get(reverse("orders:chats"))
    staff_client.get(reverse("orders:seller-chats"))

    with django_assert_max_num_queries(7):
        assert "Item 11" in client.get(reverse("orders:chats")).content.decode()
    with django_assert_max_num_queries(7):
        assert "Item 11" in staff_client.get(reverse("orders:seller-chats")).content.decode()


def test_a_members_chat_message_notifies_the_stores_staff_by_subject_only(
    client, member, seller, shelf, django_capture_on_commit_callbacks
):
    Member.objects.filter(pk=seller.pk).update(phone_verified_at=timezone.now())
    colleague = Member.objects.create_user("ningbo-staff-2", "pw-seller-456", phone="+8613700137002")
    StoreMembership.objects.create(store=shelf["drill"].store, member=colleague)
    outsider = Member.objects.create_user("yiwu-staff", "pw-seller-789", phone="+8613700137003")
    StoreMembership.objects.create(store=StoreFactory(name="Yiwu Paper Co", slug="yiwu-paper"), member=outsider)
    sms.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _write(client, member, shelf["drill"], "My secret address is 18 Binjiang Avenue")
        conversation = StoreConversation.objects.get()
        client.post(reverse("orders:chat", args=[conversation.pk]), {"body": "And my code is 4711"})

    notices = Message.objects.filter(member__in=[seller, colleague]).order_by("id")
    assert [(n.member_id, n.kind) for n in notices] == [
        (seller.pk, "interactions"),
        (colleague.pk, "interactions"),
        (seller.pk, "interactions"),
        (colleague.pk, "interactions"),
    ]
    assert all("Ningbo Tools Direct" in n.title and "Cordless drill" in n.title for n in notices)
    assert not any("Binjiang" in n.title + n.body or "4711" in n.title + n.body for n in notices)
    assert not Message.objects.filter(member__in=[member, outsider]).exists()
    texts = sms.texts_to(seller.phone)
    assert len(texts) == 2 and not any("Binjiang" in text or "4711" in text for text in texts)


def test_staff_writing_to_their_own_store_are_not_notified_of_their_own_message(client, seller, shelf):
    colleague = Member.objects.create_user("ningbo-staff-2", "pw-seller-456", phone="+8613700137002")
    StoreMembership.objects.create(store=shelf["drill"].store, member=colleague)

    _write(client, seller, shelf["drill"])

    assert not Message.objects.filter(member=seller).exists()
    assert Message.objects.filter(member=colleague, kind="interactions").count() == 1
