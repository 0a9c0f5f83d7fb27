"""Constant {% translate %} and {% url %} tags remember their output per language and URL prefix
(portal/template_loaders.py, issue 14) and still show the right language and path."""

from django.template import engines
from django.template.loader import get_template
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from portal.template_loaders import ConstantTranslateNode, ConstantURLNode, remember_constant_tags


def compiled(source: str):
    template = engines["django"].from_string(source)
    remember_constant_tags(template.template.nodelist)
    return template


def test_a_constant_translation_follows_the_active_language():
    template = compiled(
        '{% load i18n %}{% if show %}{% for x in items %}{% translate "Sign in" %}{% endfor %}{% endif %}'
    )

    assert template.render({"show": True, "items": [1]}) == "Sign in"
    with translation.override("zh-hans"):
        chinese = template.render({"show": True, "items": [1]})
    assert chinese != "Sign in" and chinese
    assert template.render({"show": True, "items": [1]}) == "Sign in"


def test_a_constant_url_follows_the_script_prefix():
    template = compiled("{% url 'contact' %}|{% url 'orders:detail' number %}")

    assert template.render({"number": "A1"}) == f"{reverse('contact')}|{reverse('orders:detail', args=['A1'])}"
    assert len(template.template.nodelist.get_nodes_by_type(ConstantURLNode)) == 2
    set_script_prefix("/portal/")
    try:
        assert template.render({"number": "B2"}).startswith("/portal/contact/|/portal/me/orders/B2/")
    finally:
        clear_script_prefix()
    assert template.render({"number": "B2"}).startswith(f"{reverse('contact')}|")


def test_a_url_with_arguments_is_remembered_per_argument_value():
    template = compiled("{% for n in numbers %}{% url 'orders:detail' n %};{% endfor %}")

    numbers = ["A1", "B2", "A1"]
    assert template.render({"numbers": numbers}) == "".join(f"{reverse('orders:detail', args=[n])};" for n in numbers)
    node = template.template.nodelist.get_nodes_by_type(ConstantURLNode)[0]
    assert len(node._rendered) == 2


def test_a_url_of_a_lazy_or_object_argument_is_reversed_each_time():
    class Number:
        def __init__(self, value):
            self.value = value

        def __str__(self):
            return self.value

    template = compiled("{% url 'orders:detail' number %}")
    number = Number("A1")

    assert template.render({"number": number}) == reverse("orders:detail", args=["A1"])
    number.value = "B2"
    assert template.render({"number": number}) == reverse("orders:detail", args=["B2"])
    assert template.template.nodelist[0]._rendered == {}


def test_only_tags_without_variables_or_as_are_remembered():
    template = compiled(
        '{% load i18n %}{% translate "Home" %}{% translate label %}{% translate "Home" as home %}{{ home }}'
        "{% url 'contact' %}{% url 'contact' as contact %}{{ contact }}{% url name %}"
    )
    kinds = [type(node) for node in template.template.nodelist]

    assert kinds.count(ConstantTranslateNode) == 1
    assert kinds.count(ConstantURLNode) == 1
    assert template.render({"label": "Search", "name": "home"}) == (
        f"HomeSearchHome{reverse('contact')}{reverse('contact')}{reverse('home')}"
    )


def test_site_templates_come_from_the_remembering_loader():
    template = get_template("base.html")

    assert template.template.nodelist.get_nodes_by_type(ConstantURLNode)
    assert template.template.nodelist.get_nodes_by_type(ConstantTranslateNode)


def test_a_blocktranslate_follows_its_values_their_safety_and_the_language():
    from django.utils.safestring import mark_safe

    template = compiled(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} sold{% plural %}{{ counter }} sold"
        "{% endblocktranslate %}|{% blocktranslate with category=name %}Block similar ({{ category }}){% endblocktranslate %}"
        "|{% blocktranslate %}Hello {{ who }}{% endblocktranslate %}"
    )

    assert template.render({"n": 1, "name": "<b>", "who": "Bo"}) == "1 sold|Block similar (&lt;b&gt;)|Hello Bo"
    assert template.render({"n": 2, "name": mark_safe("<b>"), "who": "Al"}) == "2 sold|Block similar (<b>)|Hello Al"
    assert template.render({"n": 2, "name": "<b>"}) == "2 sold|Block similar (&lt;b&gt;)|Hello "
    with translation.override("zh-hans"):
        assert "Block similar" not in template.render({"n": 2, "name": "x", "who": "Bo"})
    assert template.render({"n": 1, "name": "x", "who": "Bo"}) == "1 sold|Block similar (x)|Hello Bo"
