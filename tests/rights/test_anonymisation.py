"""The Schedule's "anonymisation" (DEF-06): once the retention sweep anonymizes a member's order, nothing maps it
back to the member: no foreign key, no text column of the member's own records, no cache entry."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import models
from django.utils import timezone

from members.models import Member
from orders.models import Order, OrderEvent, Payment
from privacy.models import Partner, SharingRecord
from privacy.registry import project_models, registry, years
from rights.retention import sweep_now

pytestmark = pytest.mark.django_db


def _links_to(model: type[models.Model], target: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if f.is_relation and f.related_model is target]


def test_after_anonymization_no_table_or_cache_maps_the_order_back_to_the_member(member):
    """DEF-06: after the sweep anonymizes an order, no table or key store links it to the member."""
    long_ago = timezone.now() - years(3) - timedelta(days=2)
    order = Order.objects.create(
        number="N-DEF06-0001",
        buyer=member,
        status=Order.Status.COMPLETED,
        total_amount=Decimal("88.50"),
        consignee_name="Zhang Wei",
        consignee_phone="+8613800138001",
        delivery_address="1 Wensan Road, Hangzhou",
        completed_at=long_ago,
    )
    Order.objects.filter(pk=order.pk).update(created_at=long_ago - timedelta(days=3), paid_at=long_ago)
    Payment.objects.create(
        order=order,
        partner_code="alipay",
        amount=Decimal("88.50"),
        reference="P-1",
        paid_at=long_ago,
        requested_at=long_ago,
    )
    OrderEvent.objects.create(order=order, status=Order.Status.COMPLETED, occurred_at=long_ago)
    partner = Partner.objects.create(code="def06-pay", name="Payer", kind=Partner.Kind.PAYMENT)
    SharingRecord.objects.create(
        member=member,
        partner=partner,
        purpose="payment",
        legal_basis=SharingRecord._meta.get_field("legal_basis").choices[0][0],
        reference=order.number,
        shared_at=long_ago - timedelta(days=3),
    )
    cache.set("probe", "nothing about orders")

    for registration in registry:
        if registration.retention is not None:
            sweep_now(registration, worker="test")

    order.refresh_from_db()
    assert order.buyer_id is None
    linked = {}
    for model in project_models():
        to_member, to_order = _links_to(model, Member), _links_to(model, Order)
        if model is Order or not to_member:
            continue
        rows = model._base_manager.filter(**{f"{to_member[0]}": member.pk}) if len(to_member) == 1 else None
        if rows is None:
            continue
        if to_order and rows.filter(**{to_order[0]: order.pk}).exists():
            linked[model._meta.label] = "foreign key to the order"
        text_columns = [
            f.name for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))
        ]
        for column in text_columns:
            if rows.filter(**{f"{column}__contains": order.number}).exists():
                linked[model._meta.label] = column
    client = cache._cache.get_client(write=False) if hasattr(cache, "_cache") else None
    cached = list(client.scan_iter(match=f"*{order.number}*")) if client is not None else []

    assert linked == {}
    assert cached == []
