"""POL-09: the de-identified order statistics for analytics (orders/statistics.py, `export_order_statistics`)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from members.models import Member
from orders.models import Order, OrderItem
from privacy.deidentify import pseudonym
from tests.catalog.factories import CommodityFactory
from tests.privacy.test_deidentify import EMAIL, ID_NUMBER, PHONE


@pytest.mark.django_db
def test_the_order_statistics_export_contains_no_direct_identifier(member):
    # clause: POL-09
    Member.objects.filter(pk=member.pk).update(real_name="Zhang Wei", other_contact="alice@example.com")
    order = Order.objects.create(
        number="A20260001",
        buyer=member,
        total_amount=204,
        consignee_name="Wang Fang",
        consignee_phone="+8613900139000",
        delivery_address="18 Binjiang Avenue, Nanshan District, Shenzhen",
        alternative_phone="13700137000",
        taxpayer_id="91330100MA27XYZ12A",
        remarks="ID 11010519491231002X, call 13600136000",
    )
    OrderItem.objects.create(order=order, commodity=CommodityFactory(), title="Drill", unit_price=199, quantity=1)
    OrderItem.objects.create(order=order, commodity=CommodityFactory(), title="Gloves", unit_price=5, quantity=2)
    out = StringIO()

    call_command("export_order_statistics", stdout=out, stderr=StringIO())

    export = out.getvalue()
    header, row = export.splitlines()
    assert header == "number,buyer_id,status,placed_on,total_amount,lines,units"
    assert row.split(",")[:3] == [pseudonym("A20260001", kind="order"), pseudonym(member.pk), "placed"]
    assert row.split(",")[-3:] == ["204.00", "2", "3"]
    assert not PHONE.search(export) and not ID_NUMBER.search(export) and not EMAIL.search(export)
    for identifier in ("alice", "Alice W.", "Zhang Wei", "Wang Fang", "Binjiang", "A20260001", "91330100MA27XYZ12A"):
        assert identifier not in export


@pytest.mark.django_db
def test_the_export_can_be_written_to_a_file_and_limited_by_date(member, tmp_path):
    Order.objects.create(
        number="A1", buyer=member, total_amount=1, consignee_name="X", consignee_phone="1", delivery_address="Y"
    )
    target = tmp_path / "orders.csv"

    call_command("export_order_statistics", output=str(target), since="2000-01-01", stderr=StringIO())
    assert len(target.read_text().splitlines()) == 2
    call_command("export_order_statistics", output=str(target), since="2999-01-01", stderr=StringIO())
    assert len(target.read_text().splitlines()) == 1
    with pytest.raises(CommandError):
        call_command("export_order_statistics", since="yesterday", stderr=StringIO())
