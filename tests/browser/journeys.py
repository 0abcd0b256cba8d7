"""What the journeys of issue 12 measure on the way: the clicks and fields a person spends, and
on every page at 1366 by 900 and at 390 by 844 zero axe-core WCAG 2.2 A/AA violations, no
horizontal scrolling on the phone, and a screenshot of both for a person to look at.

A click is activating a link or a button; a field is typing in a box, ticking a box or choosing
an option (the issue counted "35 clicks, 40 fields" the same way).
"""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Locator, Page, expect

from partners.models import User
from tests.conftest import signed_in_client

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def sign_in_by_session(page: Page, base_url: str, user: User) -> None:
    """Start past both sign-in steps (the sign-in itself is not part of the journey)."""
    session = signed_in_client(user).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
    )


class Journey:
    """Drives one page, counting clicks and fields, and checks each page it is asked to look at."""

    def __init__(self, page: Page, output: Path) -> None:
        self.page = page
        self.output = output
        self.output.mkdir(parents=True, exist_ok=True)
        self.clicks = 0
        self.fields = 0
        self.looked_at: list[str] = []
        self._axe = Axe()
        page.set_viewport_size(DESKTOP)

    # --- What the person does ------------------------------------------------------------------
    def click(self, target: Locator) -> None:
        self.clicks += 1
        target.click()

    def fill(self, target: Locator, value: str) -> None:
        self.fields += 1
        target.fill(value)

    def check(self, target: Locator) -> None:
        self.fields += 1
        target.check()

    def choose(self, target: Locator, label: str) -> None:
        self.fields += 1
        target.select_option(label=label)

    # --- What the journey checks ---------------------------------------------------------------
    def look(self, step: str, *, open_menu: bool = False) -> None:
        """The page as it is now, at both widths: accessible, no sideways scrolling on the
        phone, and a screenshot of each; with `open_menu`, also on the phone with its menu
        unfolded (the "Menu" button is not counted as one of the journey's clicks)."""
        problems = []
        for size in (DESKTOP, PHONE):
            self.page.set_viewport_size(size)
            problems += self._check(f"{step}-{size['width']}")
        if open_menu:
            menu = self.page.get_by_role("button", name="Menu")
            menu.click()
            expect(menu).to_have_attribute("aria-expanded", "true")
            problems += self._check(f"{step}-{PHONE['width']}-menu")
            menu.click()
        self.page.set_viewport_size(DESKTOP)
        assert problems == [], f"{step} ({self.page.url}): {problems}"
        self.looked_at.append(step)

    def _check(self, shot: str) -> list[str]:
        # Let the page lay itself out at the new width (and the menu script react) first.
        self.page.evaluate(
            "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
        )
        self.page.screenshot(path=self.output / f"{shot}.png", full_page=True)
        results = self._axe.run(
            self.page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}}
        )
        problems = [
            f"{shot}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]
        ]
        scroll_width, inner_width = self.page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        if scroll_width > inner_width:
            problems.append(f"{shot}: scrolls sideways ({scroll_width} > {inner_width})")
        return problems
