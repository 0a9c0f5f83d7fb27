"""DEF-08: who the "1688 Platform" is: the two operating companies and the sites, from the settings."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_contact_page_names_both_service_provider_companies_and_the_domains(client, settings):
    """DEF-08: the contact page names both companies, as configured."""
    html = client.get(reverse("contact")).content.decode()

    assert "Hangzhou Alibaba Advertising Co., Ltd." in html
    assert "Alibaba (China) Network Technology Co., Ltd." in html
    for domain in ("alibaba.com.cn", "alibaba.cn", "1688.com"):
        assert domain in html
    assert [str(name) for name in settings.PLATFORM_OPERATORS] == [
        "Hangzhou Alibaba Advertising Co., Ltd.",
        "Alibaba (China) Network Technology Co., Ltd.",
    ]
