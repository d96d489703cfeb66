"""What a researcher and a curator do, in a real browser: search, read, cite, curate."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def wait(browser, seconds=10):
    return WebDriverWait(browser, seconds)


def test_from_a_remembered_quote_to_the_paragraph_the_speaker_and_a_citation(
    browser, archive_index
):
    browser.get(browser.base_url + "/")
    box = browser.find_element(By.ID, "home-q")
    box.send_keys("“I understand why Europe doesn’t want us”", Keys.ENTER)

    first_hit = wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".hit")))
    assert "Georgy" in first_hit.text
    assert (
        first_hit.find_element(By.TAG_NAME, "mark").text
        == "I understand why Europe doesn’t want us"
    )

    # The article hit carries the search words to the paragraph.
    article_hit = browser.find_element(By.CSS_SELECTOR, ".hit-article a.title")
    article_hit.click()
    wait(browser).until(EC.url_contains("#p"))
    anchor = browser.current_url.rsplit("#", 1)[1]
    paragraph = browser.find_element(By.ID, anchor)
    assert "marked" in paragraph.get_attribute("class")
    marks = [m.text for m in paragraph.find_elements(By.TAG_NAME, "mark")]
    assert "understand" in " ".join(marks).lower()
    # The paragraph is on screen, not somewhere below the fold.
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top;", paragraph)
    assert -5 <= top < browser.execute_script("return window.innerHeight;")

    # The speaker's page, from the quote's page.
    browser.get(browser.base_url + "/search/?q=%22We+deserve+it%22&type=quote")
    browser.find_element(By.CSS_SELECTOR, ".hit-quote a.title").click()
    wait(browser).until(EC.presence_of_element_located((By.TAG_NAME, "blockquote")))
    browser.find_element(By.LINK_TEXT, "Georgy").click()
    wait(browser).until(EC.url_contains("/people/georgy-chemical-engineer/"))
    assert "chemical engineer" in browser.find_element(By.TAG_NAME, "main").text.lower()

    # Back to the quote, and copy its citation.
    browser.back()
    browser.execute_cdp_cmd(
        "Browser.grantPermissions",
        {
            "origin": browser.base_url,
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        },
    )
    browser.find_element(By.CSS_SELECTOR, "details.cite summary").click()
    button = wait(browser).until(
        EC.element_to_be_clickable((By.CSS_SELECTOR, "button[data-copy='cite-chicago']"))
    )
    expected = browser.find_element(By.ID, "cite-chicago").get_attribute("value")
    button.click()
    wait(browser).until(lambda b: button.text in ("Copied", "Press Ctrl+C to copy"))
    assert button.text == "Copied"
    # A screen reader hears it too: the live region says so.
    wait(browser).until(
        lambda b: b.find_element(By.ID, "cite-status").get_attribute("textContent") == "Copied"
    )
    assert browser.find_element(By.ID, "cite-status").get_attribute("role") == "status"
    copied = browser.execute_async_script(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, () => done(null));"
    )
    assert copied == expected


def test_a_curator_adds_an_alias_in_admin_and_finds_the_person_by_it(
    browser, archive_index, django_user_model
):
    django_user_model.objects.create_superuser("curator", "", "a-long-curator-passphrase")
    browser.get(browser.base_url + "/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("curator")
    browser.find_element(By.NAME, "password").send_keys("a-long-curator-passphrase", Keys.ENTER)
    wait(browser).until(EC.presence_of_element_located((By.ID, "user-tools")))

    from people.models import Person

    person = Person.objects.get(slug="vuk-vuksanovic")
    browser.get(f"{browser.base_url}/admin/people/person/{person.pk}/change/")
    empty = [
        field
        for field in browser.find_elements(
            By.CSS_SELECTOR, "input[name^='aliases-'][name$='-name']"
        )
        if not field.get_attribute("value") and "__prefix__" not in field.get_attribute("name")
    ]
    if not empty:
        browser.find_element(By.CSS_SELECTOR, ".add-row a").click()
        empty = [
            field
            for field in browser.find_elements(
                By.CSS_SELECTOR, "input[name^='aliases-'][name$='-name']"
            )
            if not field.get_attribute("value") and "__prefix__" not in field.get_attribute("name")
        ]
    empty[0].send_keys("Vuk the Analyst")
    browser.find_element(By.NAME, "_save").click()
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist")))
    assert "changed successfully" in browser.find_element(By.CSS_SELECTOR, ".messagelist").text

    browser.get(browser.base_url + "/search/?q=%22Vuk+the+Analyst%22")
    hit = wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".hit-person")))
    assert "Vuk Vuksanović" in hit.text
    assert "Vuk the Analyst" in hit.text


def test_pages_work_without_javascript_and_on_a_phone(browser, archive_index):
    browser.set_window_size(390, 844)  # a phone
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(browser.base_url + "/search/?q=Vucic")
        width = browser.execute_script("return document.documentElement.scrollWidth;")
        assert width <= 400, "the page scrolls sideways on a phone"
        hits = browser.find_elements(By.CSS_SELECTOR, ".hit")
        assert hits and "Vučić" in hits[0].text
        # Keyboard: the skip link is the first thing a Tab reaches.
        browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        assert browser.switch_to.active_element.get_attribute("class") == "skip"
        # Without scripts a citation is still there to select; the copy button stays hidden.
        browser.get(browser.base_url + "/search/?q=%22We+deserve+it%22&type=quote")
        browser.find_element(By.CSS_SELECTOR, ".hit-quote a.title").click()
        browser.find_element(By.CSS_SELECTOR, "details.cite summary").click()
        citation = browser.find_element(By.ID, "cite-apa")
        assert citation.is_displayed() and "Standish" in citation.get_attribute("value")
        assert not browser.find_element(
            By.CSS_SELECTOR, "button[data-copy='cite-apa']"
        ).is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        browser.set_window_size(1280, 1000)
