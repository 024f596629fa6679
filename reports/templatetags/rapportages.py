"""Report facts shown on pages of other apps, so those apps need not import `reports`."""

from django import template
from django.utils import timezone

from ..selectors.levering import cbs_leveringen_van_team

register = template.Library()


@register.inclusion_tag("reports/_cbs_leveringen.html", takes_context=True)
def cbs_leveringen_team(context) -> dict:
    """The quarterly CBS deliveries of the gemeenten of the teamleider who looks."""
    return {
        "regels": cbs_leveringen_van_team(
            user=context["request"].user, vandaag=timezone.localdate()
        )
    }
