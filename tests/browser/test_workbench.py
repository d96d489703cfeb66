"""A researcher's workbench in a real browser: sign in, search, save, note, export, share."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FETCH = (
    "const done = arguments[arguments.length - 1];"
    "fetch(arguments[0]).then(r => r.text().then(t => done([r.status, t])),"
    " () => done(null));"
)


def wait(browser, seconds=10):
    return WebDriverWait(browser, seconds)


def test_sign_in_collect_three_quotes_note_export_and_share(
    browser, archive_index, django_user_model
):
    from workbench.models import ResearcherProfile

    user = django_user_model.objects.create_user("rita", password="a long pass phrase 42")
    ResearcherProfile.objects.create(user=user, approved=True)

    browser.get(browser.base_url + "/accounts/login/")
    browser.find_element(By.ID, "id_username").send_keys("rita")
    browser.find_element(By.ID, "id_password").send_keys("a long pass phrase 42")
    browser.find_element(By.CSS_SELECTOR, "form.account-form button").click()
    wait(browser).until(EC.url_contains("/workbench/"))

    search = browser.base_url + "/search/?q=Serbia&type=quote"
    browser.get(search)
    saved = []
    for index in range(3):
        hits = browser.find_elements(By.CSS_SELECTOR, ".hit-quote")
        saved.append(hits[index].find_element(By.CSS_SELECTOR, "a.title").text)
        button = hits[index].find_element(By.CSS_SELECTOR, "form.save-form button")
        button.click()
        # The save reloads the results: wait for the old page to go, then the new one.
        wait(browser).until(EC.staleness_of(button))
        wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".hit-quote")))
    assert "q=Serbia" in browser.current_url  # each save came back to the results

    browser.find_element(By.LINK_TEXT, "My collections").click()
    browser.find_element(By.LINK_TEXT, "My collection").click()
    items = browser.find_elements(By.CSS_SELECTOR, "li.item")
    assert len(items) == 3
    for title, item in zip(saved, items, strict=True):
        assert title.split("“", 1)[-1][:20] in item.text  # the hit title is Speaker: “words”
    note = items[0].find_element(By.TAG_NAME, "textarea")
    note.send_keys("Check the date <with the outlet>")
    items[0].find_element(By.XPATH, ".//button[text()='Save note']").click()
    wait(browser).until(
        EC.text_to_be_present_in_element(
            (By.CSS_SELECTOR, "li.item dd.note"), "Check the date <with the outlet>"
        )
    )

    bibtex_url = browser.find_element(By.LINK_TEXT, "BibTeX").get_attribute("href")
    status, bib = browser.execute_async_script(FETCH, bibtex_url)
    assert status == 200 and bib.count("\n@") + bib.startswith("@") == 3
    assert "annote = {Check the date <with the outlet>}" in bib
    dossier_url = browser.find_element(By.LINK_TEXT, "Dossier (HTML)").get_attribute("href")
    status, dossier = browser.execute_async_script(FETCH, dossier_url)
    assert status == 200 and "Check the date &lt;with the outlet&gt;" in dossier
    assert dossier.count("<dt>Citation</dt>") == 3

    browser.find_element(By.XPATH, "//button[text()='Make a read-only link']").click()
    share_url = (
        wait(browser)
        .until(EC.presence_of_element_located((By.ID, "share-link")))
        .get_attribute("href")
    )
    browser.delete_all_cookies()  # signed out
    browser.get(share_url)
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "My collection" in main and "Check the date" not in main
    assert len(browser.find_elements(By.CSS_SELECTOR, "li.item")) == 3
    assert browser.find_elements(By.LINK_TEXT, "Sign in")


def test_save_a_paragraph_from_the_reader_by_keyboard_and_come_back_to_it(
    browser, archive_index, django_user_model
):
    """Tab from a paragraph's ¶ anchor to its Save, press Enter: saved, back at the paragraph,
    told so there; the signed-in reader passes the axe gate like the public one."""
    from articles.models import Article
    from tests.browser.test_accessibility import BLOCKING, axe_violations, report
    from workbench.models import Item, ResearcherProfile

    user = django_user_model.objects.create_user("rita", password="a long pass phrase 42")
    ResearcherProfile.objects.create(user=user, approved=True)
    article = Article.objects.get(source_name__startswith="004_")
    browser.get(browser.base_url + "/accounts/login/")
    browser.find_element(By.ID, "id_username").send_keys("rita")
    browser.find_element(By.ID, "id_password").send_keys("a long pass phrase 42")
    browser.find_element(By.CSS_SELECTOR, "form.account-form button").click()
    wait(browser).until(EC.url_contains("/workbench/"))

    browser.get(browser.base_url + article.get_absolute_url() + "?hl=Serbia")
    anchor = browser.find_element(By.CSS_SELECTOR, "#p3 a.anchor")
    browser.execute_script("arguments[0].focus()", anchor)
    ActionChains(browser).send_keys(Keys.TAB).perform()
    button = browser.switch_to.active_element
    assert button.get_attribute("class") == "save-passage"
    assert button.get_attribute("textContent") == "Save paragraph 3"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    notice = wait(browser).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, "#p3 .passage-notice"))
    )
    assert notice.text == "Paragraph 3 saved to “My collection”."
    assert browser.current_url.endswith(article.get_absolute_url() + "?hl=Serbia#p3")
    assert browser.execute_script(  # the page opened at the paragraph, not at its top
        "const r = arguments[0].getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight;",
        notice,
    )
    assert browser.find_elements(By.CSS_SELECTOR, "mark")  # the search's marks are kept
    assert [
        (i.kind, i.paragraph.position) for i in Item.objects.filter(collection__owner=user)
    ] == [("paragraph", 3)]

    found = {}
    for width, size in (("desktop", (1280, 1000)), ("phone", (390, 844))):
        browser.set_window_size(*size)
        browser.get(browser.base_url + article.get_absolute_url())
        saved = browser.find_element(By.CSS_SELECTOR, "#p3 a.saved-passage")
        assert saved.get_attribute("textContent") == "Saved in “My collection” (paragraph 3)"
        serious = [v for v in axe_violations(browser) if v[1] in BLOCKING]
        if serious:
            found[f"reader signed in @ {width}"] = serious
    browser.set_window_size(1280, 1000)
    assert not found, report(found)
