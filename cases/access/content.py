"""Which pieces of a case's content a reader with "wat" sees (docs/domain.md, "Partner
content"). Content written for the school is shown to everyone with "wat". Content written
for a partner organisation is shown to that organisation, and to another organisation only
when consent to share covers both the author's organisation and the reader's; the school's own
staff count as the school. What the JGZ writes is shared only under the jeugdarts consent, on
top of that (the JGZ's professional secrecy)."""

from cases.access.gate import CaseAccess
from consent.constants import Purpose
from consent.rules import consent_facts
from partners.constants import OrganisationKind
from partners.models import Organisation


class ContentRule:
    """The rule for one reader and one case, evaluated once (two queries) and applied per
    item."""

    def __init__(self, access: CaseAccess) -> None:
        facts = consent_facts(pupil=access.case.pupil)
        self.school_org = access.case.school.organisation_id
        self.own = access.actor.organisation_ids
        self.covered = facts.content_organisations
        self.reader_covered = bool(self.own & self.covered)
        self.jeugdarts_consent = facts.in_force(Purpose.JEUGDARTS)

    def shows(self, author_organisation: Organisation) -> bool:
        org = author_organisation.pk
        if org in self.own or org == self.school_org:
            return True
        if org not in self.covered or not self.reader_covered:
            return False
        return author_organisation.kind != OrganisationKind.JGZ or self.jeugdarts_consent
