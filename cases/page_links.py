"""Actions on the case page that belong to higher apps, such as the portal's invitation of
parents. The case app knows none of them: each higher app registers its links in its
`AppConfig.ready()`, and a case page shows those that the reader's rights on the case allow."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class CaseLink:
    label: str
    url_name: str  # reversed with the case's uuid as `case_uuid`
    needs: str  # a permission codename on the case
    tab: str  # the case page tab that shows it


_registered: list[CaseLink] = []


def register(link: CaseLink) -> None:
    if link not in _registered:
        _registered.append(link)


def links_for(case, tab: str) -> list[tuple[str, str]]:
    """(label, url) of the registered links on `tab` that the reader may follow."""
    return [
        (link.label, reverse(link.url_name, kwargs={"case_uuid": case.uuid}))
        for link in _registered
        if link.tab == tab and link.needs in case.granted
    ]
