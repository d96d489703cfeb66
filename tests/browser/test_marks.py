"""From a searched quote to the article, in a real browser: only the phrase is marked, and
next/previous moves between the marks, by mouse and by keyboard."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def wait(browser, seconds=10):
    return WebDriverWait(browser, seconds)


def search_and_open_the_article(browser, typed):
    browser.get(browser.base_url + "/search/")
    box = browser.find_element(By.CSS_SELECTOR, "input[name='q']")
    box.send_keys(typed, Keys.ENTER)
    hit = wait(browser).until(EC.element_to_be_clickable((By.CSS_SELECTOR, ".hit-article a.title")))
    hit.click()
    wait(browser).until(EC.url_contains("#p"))


def marks_on(browser):
    """Each mark's text, a mark cut by a link's edge joined into one."""
    return browser.execute_script("""
        var found = [];
        document.querySelectorAll("mark").forEach(function (mark) {
          // Only a mark's first piece has an id; the pieces after it continue it.
          if (mark.id || !found.length) { found.push(mark.textContent); }
          else { found[found.length - 1] += mark.textContent; }
        });
        return found;""")


def focused_id(browser):
    return browser.execute_script("return document.activeElement.id;")


def test_a_searched_quote_is_the_only_thing_marked(browser, archive_index):
    search_and_open_the_article(browser, "“we deserve it”")
    assert marks_on(browser) == ["We deserve it"]
    summary = browser.find_element(By.ID, "marks-summary").text
    assert summary.startswith("Marked: the phrase “we deserve it” — 1 place.")
    anchor = browser.current_url.rsplit("#", 1)[1]
    assert browser.find_element(By.ID, anchor).find_element(By.ID, "m1").text == "We deserve it"


def test_next_and_previous_move_between_the_marks_by_mouse_and_keyboard(browser, archive_index):
    search_and_open_the_article(browser, "“Russian émigrés”")
    marks = marks_on(browser)
    assert len(marks) >= 3 and {m.lower() for m in marks} == {"russian émigrés"}
    position = browser.find_element(By.ID, "mark-position")

    browser.find_element(By.ID, "mark-next").click()
    wait(browser).until(lambda b: focused_id(b) == "m1")
    assert position.text == f"Mark 1 of {len(marks)}"
    assert browser.current_url.endswith("#m1")

    browser.find_element(By.TAG_NAME, "body").send_keys("n")  # the keyboard shortcut
    wait(browser).until(lambda b: focused_id(b) == "m2")
    mark = browser.find_element(By.ID, "m2")
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top;", mark)
    assert 0 <= top < browser.execute_script("return window.innerHeight;")  # on screen

    browser.find_element(By.TAG_NAME, "body").send_keys("p")
    wait(browser).until(lambda b: focused_id(b) == "m1")
    browser.find_element(By.TAG_NAME, "body").send_keys("p")  # before the first: the last
    wait(browser).until(lambda b: focused_id(b) == f"m{len(marks)}")

    # The control itself by keyboard: Tab to "Next mark", Enter.
    link = browser.find_element(By.ID, "mark-next")
    browser.execute_script("arguments[0].focus();", link)
    link.send_keys(Keys.ENTER)
    wait(browser).until(lambda b: focused_id(b) == "m1")
    assert position.text == f"Mark 1 of {len(marks)}"
