"""The site-wide banner of published security-incident announcements (STO-11), read from the cache."""

from django import template

from rights.selectors import current_banners

register = template.Library()


@register.inclusion_tag("rights/incident_banner.html")
def incident_banner() -> dict[str, object]:
    return {"banners": current_banners()}
