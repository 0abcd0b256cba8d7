"""Marks the menu item of the page the user is on (docs/domain.md, "Huisstijl")."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def aria_current(context, href: str) -> str:
    """` aria-current="page"` on the link to this very page, ` aria-current="true"` on the link
    to the section it lies in (a case page under "Casussen"); nothing otherwise. The home page
    "/" is only ever the page itself, or every page would lie in it."""
    request = context.get("request")
    if request is None or not href:
        return ""
    path = request.path
    if path == href:
        return format_html(' aria-current="{}"', "page")
    if href != "/" and path.startswith(href.rstrip("/") + "/"):
        return format_html(' aria-current="{}"', "true")
    return ""
