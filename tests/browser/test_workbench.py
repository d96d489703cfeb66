"""A researcher's workbench in a real browser: sign in, search, save, note, export, share."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FETCH = ("const done = arguments[arguments.length - 1];"
         "fetch(arguments[0]).then(r => r.text().then(t => done([r.status, t])),"
         " () => done(null));")


def wait(browser, seconds=10):
    return WebDriverWait(browser, seconds)


def test_sign_in_collect_three_quotes_note_export_and_share(browser, archive_index,
                                                            django_user_model):
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
        hits[index].find_element(By.CSS_SELECTOR, "form.save-form button").click()
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
    wait(browser).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "li.item dd.note"),
                                                         "Check the date <with the outlet>"))

    bibtex_url = browser.find_element(By.LINK_TEXT, "BibTeX").get_attribute("href")
    status, bib = browser.execute_async_script(FETCH, bibtex_url)
    assert status == 200 and bib.count("\n@") + bib.startswith("@") == 3
    assert "annote = {Check the date <with the outlet>}" in bib
    dossier_url = browser.find_element(By.LINK_TEXT, "Dossier (HTML)").get_attribute("href")
    status, dossier = browser.execute_async_script(FETCH, dossier_url)
    assert status == 200 and "Check the date &lt;with the outlet&gt;" in dossier
    assert dossier.count("<dt>Citation</dt>") == 3

    browser.find_element(By.XPATH, "//button[text()='Make a read-only link']").click()
    share_url = wait(browser).until(
        EC.presence_of_element_located((By.ID, "share-link"))).get_attribute("href")
    browser.delete_all_cookies()  # signed out
    browser.get(share_url)
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "My collection" in main and "Check the date" not in main
    assert len(browser.find_elements(By.CSS_SELECTOR, "li.item")) == 3
    assert browser.find_elements(By.LINK_TEXT, "Sign in")
