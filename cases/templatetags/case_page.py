from django import template

from cases.page_links import links_for

register = template.Library()


@register.simple_tag
def case_links(case, tab: str) -> list[tuple[str, str]]:
    return links_for(case, tab)
