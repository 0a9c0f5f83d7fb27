"""The privacy officer's dashboard and the public figures of rights requests (RGT-16)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Member
from rights import metrics
from rights import requests as services
from rights.models import RequestType
from tests.rights.test_requests import file_request, in_progress
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db) -> Member:
    return Member.objects.create_superuser("officer", "a long officer password", phone="+8613800138088")


@pytest.fixture
def history(member, officer):
    now = timezone.now()
    late = file_request(member, now=now - timedelta(days=20))
    file_request(member, type=RequestType.CONSENT, now=now - timedelta(days=2))
    done = in_progress(file_request(member, type=RequestType.CHILDREN, details="x"), officer)
    services.fulfil(request=done, staff=officer, answer="Done")
    refused = in_progress(file_request(member, type=RequestType.COMPLAINT, details="y"), officer)
    services.refuse(request=refused, staff=officer, reason="repeated", explanation="Asked ten times")
    return {"late": late}


def test_the_figures_count_open_overdue_and_the_median(history):
    table = metrics.open_by_type_and_age()

    assert table["Correct my data"]["16+ days"] == 1
    assert table["Change a permission for me"]["0-5 days"] == 1
    assert metrics.overdue_count() == 1
    assert metrics.median_days_to_close(days=90) == 0.0


def test_the_dashboard_draws_server_side_svg_charts(client, officer, history):
    sign_in_staff(client, officer)

    page = client.get(reverse("admin:rights_dashboard"))
    charts = [client.get(reverse("admin:rights_dashboard_chart", args=[name])) for name in metrics.CHARTS]

    assert page.status_code == 200 and 'data-overdue="1"' in page.content.decode()
    for chart in charts:
        svg = chart.content.decode()
        assert chart["Content-Type"] == "image/svg+xml"
        assert svg.startswith("<svg") and "<script" not in svg
        assert 'href="http' not in svg and "src=" not in svg  # nothing loaded from elsewhere
    assert client.get(reverse("admin:rights_dashboard_chart", args=["nope"])).status_code == 404


def test_staff_without_the_dashboard_permission_are_refused(client, member):
    clerk = Member.objects.create_user("clerk", "a long clerk password", phone="+8613800138089", is_staff=True)
    sign_in_staff(client, clerk)

    assert client.get(reverse("admin:rights_dashboard")).status_code == 403
    assert client.get(reverse("admin:rights_dashboard_chart", args=["open"])).status_code == 403


def test_the_public_page_shows_twelve_months_of_figures(client, history):
    html = client.get(reverse("rights:metrics")).content.decode()

    total = html[html.index("data-total") :].split("</tr>")[0]
    assert total.endswith("<td>4</td><td>1</td><td>1</td><td>0.0</td>")
