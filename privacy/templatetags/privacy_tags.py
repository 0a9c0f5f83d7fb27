from django import template

from privacy.policy_text import PolicyDocument
from privacy.policy_text import parse_policy as parse

register = template.Library()


@register.simple_tag
def parse_policy(text: str) -> PolicyDocument:
    return parse(text)
