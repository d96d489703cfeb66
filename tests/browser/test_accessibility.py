"""WCAG 2.1 AA as a gate: axe-core on every public page type at desktop and phone width and on
the curators' main admin pages, plus the keyboard and small-screen path to the first result.

axe-core comes from npm (package.json, package-lock.json); `./dev test` installs it."""

from pathlib import Path

import pytest
from django.conf import settings
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
WIDTHS = {"desktop": (1280, 1000), "phone": (390, 844)}


def axe_violations(browser):
    """axe-core's violations on the page in the browser, [(rule, impact, help, targets)]."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing ({AXE}): run `npm ci` (./dev test does it).")
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        "  .then(r => done(r.violations.map(v => [v.id, v.impact, v.help,"
        "     v.nodes.map(n => n.target.join(' '))])), e => done(String(e)));"
    )
    assert isinstance(result, list), f"axe-core failed to run: {result}"
    return result


def report(found):
    """A readable list: page and width, then each violation with up to three elements."""
    lines = []
    for where, violations in found.items():
        lines.append(where)
        for rule, impact, help_text, targets in violations:
            shown = ", ".join(targets[:3]) + (
                f" and {len(targets) - 3} more" if len(targets) > 3 else ""
            )
            lines.append(f"  {impact} {rule} ({len(targets)}×): {help_text} — {shown}")
    return "\n".join(lines)


def audit(browser, paths, check=None):
    """Every path at each width: {"path @ width": blocking violations}; all counts printed."""
    blocking, counts = {}, []
    for width_name, size in WIDTHS.items():
        browser.set_window_size(*size)
        for path in paths:
            browser.get(browser.base_url + path)
            assert browser.find_element(
                By.TAG_NAME, "main" if not path.startswith("/admin/") else "body"
            )
            problem = check(browser, width_name) if check else None
            violations = axe_violations(browser)
            serious = [v for v in violations if v[1] in BLOCKING]
            if problem:
                serious.append(problem)
            counts.append(
                f"{path} @ {width_name}: {len(serious)} serious/critical rule(s), "
                f"{sum(len(v[3]) for v in serious)} element(s); "
                f"{len(violations)} rule(s) of any impact"
            )
            if serious:
                blocking[f"{path} @ {width_name}"] = serious
    browser.set_window_size(*WIDTHS["desktop"])
    print("\n".join(counts))
    return blocking


def public_pages():
    from articles.models import Quote
    from people.models import Organization, Person, Place

    quote = Quote.objects.visible().filter(speaker__slug="georgy-chemical-engineer").first()
    article = quote.article
    return [
        "/",
        "/search/?q=Nikitin",
        "/search/?q=%22we+deserve%22&type=quote",
        "/search/?q=Vucic&page=900",  # an error: the page is past the end
        article.get_absolute_url(),
        quote.get_absolute_url(),
        Person.objects.get(slug="vuk-vuksanovic").get_absolute_url(),
        Organization.objects.get(slug="yandex").get_absolute_url(),
        Place.objects.get(slug="belgrade").get_absolute_url(),
        "/articles/",
        "/people/",
        "/organizations/",
        "/places/",
        "/network/",
        "/search/kwic/?q=Nikitin",
        "/no-such-page/",  # 404
    ]


def test_no_serious_accessibility_violation_on_any_public_page(browser, archive_index):
    found = audit(browser, public_pages())
    assert not found, "axe-core found serious or critical violations:\n" + report(found)


def sideways_scrolling(browser, width_name):
    """A violation-like entry when the page is wider than a 1280 px window."""
    if width_name != "desktop":
        return None
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
    )
    if overflow <= 0:
        return None
    wide = browser.execute_script(
        "const w = document.documentElement.clientWidth;"
        "return [...document.querySelectorAll('body *')]"
        "  .filter(e => e.getBoundingClientRect().right > w + 1)"
        "  .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= w + 1)"
        "  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
        "    + (e.className && e.className.baseVal === undefined ? '.' + e.className.split(' ')[0] : ''));"
    )
    return (
        "sideways-scrolling",
        "serious",
        f"the page is {overflow}px wider than the window",
        wide,
    )


def test_no_serious_accessibility_violation_on_the_curators_admin_pages(
    browser, archive_index, django_user_model
):
    from articles.models import Article
    from people.models import Organization, Person, Place

    django_user_model.objects.create_superuser("curator", "", "a-long-curator-passphrase")
    browser.get(browser.base_url + "/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("curator")
    browser.find_element(By.NAME, "password").send_keys("a-long-curator-passphrase", Keys.ENTER)
    browser.find_element(By.ID, "user-tools")
    article = Article.objects.order_by("pk").first()
    paths = [
        f"/admin/people/person/{Person.objects.get(slug='vuk-vuksanovic').pk}/change/",
        f"/admin/people/organization/{Organization.objects.get(slug='yandex').pk}/change/",
        f"/admin/people/place/{Place.objects.get(slug='belgrade').pk}/change/",
        "/admin/review/import/",
        "/admin/review/",
        f"/admin/review/articles/{article.slug}/",
    ]
    found = audit(browser, paths, check=sideways_scrolling)
    assert not found, "axe-core found serious or critical violations:\n" + report(found)


def test_the_first_result_is_a_few_tab_presses_from_the_top_of_a_search_page(
    browser, archive_index
):
    browser.get(browser.base_url + "/search/?q=Nikitin")
    first = browser.find_element(By.CSS_SELECTOR, ".hit a.title")
    presses = 0
    while browser.switch_to.active_element != first and presses < 15:
        ActionChains(browser).send_keys(Keys.TAB).perform()
        presses += 1
    assert browser.switch_to.active_element == first, (
        "the first result is not reached within 15 Tab presses"
    )
    print(f"first result reached with {presses} Tab presses")
    # The "skip to results" link, the first Tab stop, gets there in two.
    browser.get(browser.base_url + "/search/?q=Nikitin")
    ActionChains(browser).send_keys(Keys.TAB).perform()
    skip = browser.switch_to.active_element
    assert skip.text == "Skip to results"
    skip.send_keys(Keys.ENTER)
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element == browser.find_element(By.CSS_SELECTOR, ".hit a.title")


def test_on_a_phone_the_first_result_shows_without_scrolling_and_filters_fold(
    browser, archive_index
):
    browser.set_window_size(*WIDTHS["phone"])
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(browser.base_url + "/search/?q=Nikitin")
        first = browser.find_element(By.CSS_SELECTOR, ".hit")
        bottom = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return r.top + 40;", first
        )
        assert bottom < browser.execute_script("return window.innerHeight;"), (
            "the first result is below the fold on a phone"
        )
        # The facets fold into a "Filter" disclosure, opened without JavaScript.
        disclosure = browser.find_element(By.CSS_SELECTOR, "details.filters-disclosure")
        facet_link = disclosure.find_element(By.CSS_SELECTOR, ".facet a")
        assert not facet_link.is_displayed()
        disclosure.find_element(By.TAG_NAME, "summary").click()
        assert facet_link.is_displayed()
        # On a wide screen the filters stand beside the results, no disclosure to open.
        browser.set_window_size(*WIDTHS["desktop"])
        browser.get(browser.base_url + "/search/?q=Nikitin")
        assert not browser.find_element(
            By.CSS_SELECTOR, ".filters-disclosure summary"
        ).is_displayed()
        link = browser.find_element(By.CSS_SELECTOR, ".facet a")
        # (selenium's is_displayed calls anything in a closed <details> hidden: ask the page)
        shown = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return r.width > 0 && r.height > 0"
            "  && document.elementFromPoint(r.left + 2, r.top + r.height / 2) === arguments[0];",
            link,
        )
        assert shown, "the filters are hidden on a wide screen"
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        browser.set_window_size(*WIDTHS["desktop"])


def test_cite_is_a_few_tab_presses_from_the_top_of_an_article(browser, archive_index):
    from articles.models import Article

    article = Article.objects.order_by("pk").first()
    browser.get(browser.base_url + article.get_absolute_url())
    presses = 0
    while browser.switch_to.active_element.text != "Cite this article" and presses < 12:
        ActionChains(browser).send_keys(Keys.TAB).perform()
        presses += 1
    assert browser.switch_to.active_element.text == "Cite this article", (
        "“Cite this article” is not within 12 Tab presses of the top"
    )
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    # The citations open, and the next Tab is in them.
    assert browser.find_element(By.ID, "cite").get_attribute("open") is not None
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.tag_name == "summary"
