"""Erasure of a member after closure (sections IV(III), IV(V)): every registered model, restricted retention, receipts."""

import threading
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone

from catalog.models import Commodity, CommodityCategory, Store
from interactions.models import AlertCategory, Message, PushNotification, SmsMessage
from members.models import Member
from orders.models import Address, Order
from privacy.consent import RequestContext, grant
from privacy.models import ConsentEvent, StaffAccessLog
from privacy.purposes import Purpose
from privacy.registry import years
from publishing.models import Review
from rights.erasure import (
    ErasureBlocked,
    VerificationFailed,
    is_restricted,
    lift_hold,
    place_hold,
    run_erasure,
    start_erasure,
    verify_erased,
)
from rights.models import ErasureRun, RunStatus, Tombstone
from support.models import Ticket
from tests.conftest import wait_until
from tests.rights.test_retention import make_order

pytestmark = pytest.mark.django_db

CONTEXT = RequestContext(channel="web")


@pytest.fixture
def staff(db) -> Member:
    return Member.objects.create_user("officer", "a long staff password", phone="+8613800138009", is_staff=True)


@pytest.fixture
def history(member, staff):
    """A member with something in every registered model."""
    store = Store.objects.create(name="Shop", slug="shop")
    category = CommodityCategory.objects.create(name="Tea", slug="tea")
    commodity = Commodity.objects.create(store=store, category=category, title="Longjing", price=Decimal("10"))
    return {
        "recent_order": make_order(member, completed_ago=years(2), n=1),
        "old_order": make_order(member, completed_ago=years(3) + timedelta(days=3), n=2),
        "open_order": make_order(member, completed_ago=None, n=3),
        "review": Review.objects.create(author=member, commodity=commodity, rating=5, text="Lovely tea"),
        "ticket": Ticket.objects.create(member=member, subject="Late", description="Where is it?"),
        "message": Message.objects.create(member=member, kind=AlertCategory.LOGISTICS, title="Shipped"),
        "consent": grant(member, Purpose.MARKETING_SMS, context=CONTEXT),
        "access": StaffAccessLog.objects.create(staff=staff, member=member, object_label="o", reason="ticket 7"),
    }


def erase(member) -> ErasureRun:
    run = start_erasure(member=member, reason="account closed")
    return run_erasure(run.pk)


def test_after_the_closure_job_the_member_has_no_name_phone_or_profile(member, history):
    """clause: RGT-12"""
    run = erase(member)

    member.refresh_from_db()
    assert member.member_name == f"erased-{member.pk}"
    assert member.phone is None and member.nickname == "" and member.password == ""
    assert member.date_of_birth is None and member.last_login is None
    assert run.status == RunStatus.FINISHED
    assert not Review.objects.filter(author=member).exists()
    assert not Message.objects.filter(member=member).exists()
    assert verify_erased(member.pk) == {}


def test_orders_inside_the_three_year_window_remain_flagged_restricted(member, history):
    """clause: RGT-12, STO-02 — transaction data intact, only what the record does not need is erased."""
    recent = history["recent_order"]
    before = Order.objects.filter(pk=recent.pk).values().get()

    erase(member)

    recent.refresh_from_db()
    after = Order.objects.filter(pk=recent.pk).values().get()
    assert after == {**before, "remarks": ""}
    assert recent.buyer_id == member.pk and is_restricted(recent)


def test_orders_past_or_outside_retention_are_anonymized_now(member, history):
    """The closure job anonymizes at once the orders no retention period keeps."""
    erase(member)

    for key in ("old_order", "open_order"):
        order = Order.objects.get(pk=history[key].pk)
        assert order.buyer_id is None and order.consignee_name == "Z*******i" and order.remarks == ""


def test_the_run_counts_each_model_and_the_receipt_says_what_is_kept_until_when_and_why(member, history):
    run = erase(member)

    steps = {s.model_label: s for s in run.steps.all()}
    assert steps["orders.Order"].rows_anonymized == 2 and steps["orders.Order"].rows_kept == 1
    assert steps["orders.Order"].kept_until == history["recent_order"].completed_at + years(3)
    assert steps["publishing.Review"].rows_anonymized == 1  # kept as a rating, without text or author
    assert steps["interactions.Message"].rows_deleted == 1
    assert steps["privacy.ConsentEvent"].rows_kept == 1  # evidence of the grant, kept three years
    items = {item["record"]: item for item in run.receipt["items"]}
    assert items["orders"]["kept"] == 1 and "E-Commerce Law" in items["orders"]["why_kept"]
    assert items["reviews"]["anonymized"] == 1
    html = render_to_string("rights/erasure_receipt.html", {"run": run})
    assert "E-Commerce Law" in html and "Zhang" not in html and "alice" not in html


def test_a_second_erasure_changes_nothing(member, history):
    """Idempotent: a re-delivered job finds nothing left to do."""
    erase(member)
    orders = list(Order.objects.values().order_by("pk"))

    second = erase(member)

    assert list(Order.objects.values().order_by("pk")) == orders
    assert sum(s.rows_deleted + s.rows_anonymized for s in second.steps.all()) == 0


def test_a_legal_hold_stops_the_erasure_until_it_is_lifted(member, history, staff, django_capture_on_commit_callbacks):
    hold = place_hold(by=staff, reason="Litigation 2026-3", record=history["old_order"])
    run = start_erasure(member=member, reason="account closed")

    with pytest.raises(ErasureBlocked):
        run_erasure(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.HELD
    assert Review.objects.filter(author=member).exists()

    with django_capture_on_commit_callbacks() as callbacks:
        lift_hold(hold, by=staff)
    assert len(callbacks) == 1  # the held run is queued again
    assert run_erasure(run.pk).status == RunStatus.FINISHED


def test_a_hold_on_the_member_stops_every_step(member, history, staff):
    place_hold(by=staff, reason="Regulator inquiry", member=member)
    before = list(Order.objects.values().order_by("pk"))
    run = start_erasure(member=member, reason="account closed")

    with pytest.raises(ErasureBlocked):
        run_erasure(run.pk)

    assert list(Order.objects.values().order_by("pk")) == before
    assert Member.objects.get(pk=member.pk).phone == "+8613800138001"
    assert not run.steps.exclude(status=RunStatus.PENDING).exists()


def test_the_append_only_ledgers_are_erased_only_through_the_engine(member, history):
    """Consent events and the staff access log refuse deletes, except inside the engine's bypass."""
    before = ConsentEvent.objects.filter(member=member).count()

    erase(member)

    # Inside three years they are evidence and stay; the access log too (security audit).
    assert ConsentEvent.objects.filter(member=member).count() == before
    assert StaffAccessLog.objects.filter(member=member).count() == 1


def test_tombstones_erase_again_members_brought_back_by_a_restore(member, other_member):
    """clause: RGT-07 — a restored backup is re-erased from the tombstone list."""
    make_order(member, completed_ago=years(4))
    Message.objects.create(member=member, kind=AlertCategory.EVENTS, title="Sale")
    backup = {
        "member": Member.objects.filter(pk=member.pk).values().get(),
        "orders": list(Order.objects.filter(buyer=member).values()),
        "messages": list(Message.objects.filter(member=member).values()),
    }
    erase(member)
    assert Tombstone.objects.filter(member_id=member.pk).exists()

    # The restore: the backup's rows come back over the erased ones.
    Member.objects.filter(pk=member.pk).update(**backup["member"])
    for row in backup["orders"]:
        Order.objects.filter(pk=row["id"]).update(**row)
    Message.objects.bulk_create(Message(**row) for row in backup["messages"])
    assert verify_erased(member.pk)
    out = StringIO()

    call_command("reapply_tombstones", stdout=out)

    assert verify_erased(member.pk) == {}
    assert f"erased again: {member.pk}" in out.getvalue()
    assert Member.objects.get(pk=other_member.pk).phone == "+8613800138002"


def test_tombstones_export_and_reimport_through_a_file(member, tmp_path):
    """clause: RGT-07"""
    erase(member)
    path = tmp_path / "tombstones.json"
    call_command("reapply_tombstones", "--export", str(path), stdout=StringIO())
    Tombstone.objects.all().delete()
    Member.objects.filter(pk=member.pk).update(phone="+8613800138001")

    call_command("reapply_tombstones", "--ids-file", str(path), stdout=StringIO())

    assert Member.objects.get(pk=member.pk).phone is None


@pytest.mark.django_db(transaction=True)
def test_a_failed_step_is_retried_from_where_it_failed_and_verification_catches_late_data(member, settings):
    """A step that fails is retried alone; values that appear after their step are caught by verification."""
    settings.PRIVACY_ERASURE_LOCK_TIMEOUT_MS = 200
    Message.objects.create(member=member, kind=AlertCategory.EVENTS, title="Sale")
    Address.objects.create(member=member, consignee_name="Alice", phone="+8613800138001", address="1 Test Road")
    run = start_erasure(member=member, reason="account closed")
    locked, release = threading.Event(), threading.Event()
    name = connection.settings_dict["NAME"]

    def hold_table_lock():
        # Another session holds the addresses table (touched by no step before the Address step): that step
        # times out waiting.
        with psycopg.connect(dbname=name, user="postgres", host="127.0.0.1") as other:
            other.execute("LOCK TABLE orders_address IN ACCESS EXCLUSIVE MODE")
            locked.set()
            release.wait(10)

    thread = threading.Thread(target=hold_table_lock)
    thread.start()
    locked.wait(5)
    with pytest.raises(Exception, match="lock timeout"):
        run_erasure(run.pk)
    release.set()
    thread.join()
    steps = {s.model_label: s for s in run.steps.all()}
    assert steps["interactions.Message"].status == RunStatus.FINISHED
    assert steps["orders.Address"].status == RunStatus.FAILED
    assert steps["members.Member"].status == RunStatus.PENDING
    message_done_at = steps["interactions.Message"].finished_at

    # A notice arrives after its step already ran.
    Message.objects.create(member=member, kind=AlertCategory.EVENTS, title="Late")
    with pytest.raises(VerificationFailed, match=r"interactions\.Message"):
        run_erasure(run.pk)
    steps = {s.model_label: s for s in run.steps.all()}
    assert steps["orders.Address"].attempts == 2 and steps["orders.Address"].status == RunStatus.FINISHED
    assert steps["interactions.Message"].attempts == 1 and steps["interactions.Message"].finished_at == message_done_at

    finished = run_erasure(run.pk)
    assert finished.status == RunStatus.FINISHED
    assert finished.steps.get(model_label="interactions.Message").attempts == 2
    assert not Message.objects.filter(member=member).exists()
    assert finished.member_id == member.pk


def test_the_closure_job_runs_on_a_real_worker(celery_worker, member):
    make_order(member, completed_ago=years(1))

    run = start_erasure(member=member, reason="account closed")

    assert wait_until(lambda: ErasureRun.objects.get(pk=run.pk).status == RunStatus.FINISHED, timeout=20)
    member.refresh_from_db()
    assert member.phone is None


def test_ceasing_a_service_erases_its_data_and_refuses_collection(member, client):
    """clause: SHR-15"""
    Message.objects.create(member=member, kind=AlertCategory.EVENTS, title="Sale")
    out = StringIO()

    call_command("cease_service", "interactions", stdout=out)

    assert not Message.objects.exists()
    assert "interactions ceased: 1 rows deleted" in out.getvalue()
    client.force_login(member)
    call_command("cease_service", "privacy", stdout=StringIO())
    response = client.post("/privacy/policy/", {})
    assert response.status_code == 410
    assert client.get("/privacy/policy/").status_code == 200
    # Every active member is told in their Messages.
    notice = Message.objects.get(member=member)
    assert notice.kind == AlertCategory.SERVICE and "privacy" in notice.title


def test_the_closure_notice_of_a_ceased_service_goes_through_the_notice_service(
    member, other_member, django_capture_on_commit_callbacks
):
    """clause: SHR-15 — members are told individually, on the channels a service notice takes."""
    member.phone_verified_at = timezone.now()
    member.save(update_fields=["phone_verified_at"])
    grant(other_member, Purpose.PUSH_NOTIFICATIONS, context=CONTEXT)
    Member.objects.create_user("carol", "a third good password", phone="+8613800138003", is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("cease_service", "publishing", stdout=StringIO())

    notices = Message.objects.filter(kind=AlertCategory.SERVICE, title__contains="publishing")
    assert sorted(notices.values_list("member__member_name", flat=True)) == ["alice", "bob"]
    assert list(PushNotification.objects.values_list("member__member_name", flat=True)) == ["bob"]
    assert list(SmsMessage.objects.values_list("phone", flat=True)) == [member.phone]


def test_erasing_a_member_deletes_other_members_friendships_with_them_and_requests_waiting_for_them(
    member, other_member
):
    from interactions import friends
    from interactions.models import FriendRequest, Friendship
    from rights.closure import closure_preview

    carol = Member.objects.create_user("carol", "a long enough secret", phone="+8613800138077")
    dave = Member.objects.create_user("dave", "a long enough secret", phone="+8613800138078")
    for friend in (other_member, carol):
        request = friends.redeem_invitation(member=friend, code=friends.create_invitation(member=member).code)
        friends.answer_request(member=member, request=request, accept=True)
    friends.answer_request(
        member=carol,
        request=friends.redeem_invitation(member=other_member, code=friends.create_invitation(member=carol).code),
        accept=True,
    )
    waiting = friends.redeem_invitation(member=dave, code=friends.create_invitation(member=member).code)
    declined = friends.redeem_invitation(member=carol, code=friends.create_invitation(member=dave).code)
    friends.answer_request(member=dave, request=declined, accept=False)
    assert Friendship.objects.filter(friend=member).count() == 2
    preview = {item["record"]: item for item in closure_preview(member)}
    assert preview["Friend requests waiting for your answer, which can no longer be answered."]["deleted"] == 1

    run = erase(member)

    assert run.status == RunStatus.FINISHED
    assert not Friendship.objects.filter(friend=member).exists()
    assert not Friendship.objects.filter(member=member).exists()
    assert set(Friendship.objects.values_list("member_id", "friend_id")) == {
        (other_member.pk, carol.pk),
        (carol.pk, other_member.pk),
    }
    assert not FriendRequest.objects.filter(pk=waiting.pk).exists()
    assert FriendRequest.objects.filter(pk=declined.pk).exists()
    steps = {s.model_label: s for s in run.steps.all()}
    assert steps["interactions.Friendship:friend"].rows_deleted == 2
    assert steps["interactions.FriendRequest:to_member"].rows_deleted == 1
    items = {item["record"]: item for item in run.receipt["items"]}
    assert items["Other members' friendships with you, which end with your account."]["deleted"] == 2
    assert verify_erased(member.pk) == {}


def test_a_run_recorded_before_the_friendship_steps_existed_gets_them_when_it_resumes(member, other_member):
    from interactions import friends
    from interactions.models import Friendship

    request = friends.redeem_invitation(member=other_member, code=friends.create_invitation(member=member).code)
    friends.answer_request(member=member, request=request, accept=True)
    run = start_erasure(member=member, reason="account closed")
    run.steps.filter(model_label__contains=":").delete()

    finished = run_erasure(run.pk)

    assert finished.status == RunStatus.FINISHED
    assert not Friendship.objects.filter(friend=member).exists()
    assert finished.steps.get(model_label="interactions.Friendship:friend").rows_deleted == 1
