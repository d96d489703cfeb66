"""A line that is only a date, in the shapes pages print (made-up lines, not from any capture)."""

import datetime

import pytest

from articles.ingest.dates import parse_date


@pytest.mark.parametrize(
    "line, date",
    [
        ("3 мая 2023 г. в 09:10 МСК", datetime.date(2023, 5, 3)),
        ("09:10, 03.05.2023.", datetime.date(2023, 5, 3)),  # the time before the date
        ("09:10 GMT, 3 May 2023", datetime.date(2023, 5, 3)),
        ("3 May, 2023", datetime.date(2023, 5, 3)),
        ("3rd of May 2023", datetime.date(2023, 5, 3)),
        ("2023/05/03", datetime.date(2023, 5, 3)),
        ("2023-05-03 09:10:44", datetime.date(2023, 5, 3)),
        ("03-05-2023", datetime.date(2023, 5, 3)),
        ("3. V 2023.", datetime.date(2023, 5, 3)),  # a Roman numeral for the month
        ("3 сент. 2023", datetime.date(2023, 9, 3)),  # an abbreviated month
        ("3. okt 2023.", datetime.date(2023, 10, 3)),
        ("5/23/2023", datetime.date(2023, 5, 23)),  # the American order, when only it can be
        ("Wed, 3 May 2023 09:10:44 +0200", datetime.date(2023, 5, 3)),
        ("3 мая 2023, среда", datetime.date(2023, 5, 3)),  # the weekday after the date
        ("03/05/2023 - 09:10", datetime.date(2023, 5, 3)),
    ],
)
def test_dates_in_more_of_the_formats_pages_print(line, date):
    assert parse_date(line)[:2] == (date, "day")


@pytest.mark.parametrize("line", ["3 ма 2023", "3 foo 2023", "13/13/2023", "3 мая, 09:10"])
def test_what_is_not_a_whole_date_is_not_read_as_one(line):
    assert parse_date(line) is None


def test_the_publication_date_before_an_update_mark_on_the_same_line():
    assert parse_date("March 4, 2024 9:05 AM GMT+1 Updated 3 hours ago")[0] == datetime.date(
        2024, 3, 4
    )
    assert parse_date("14.03.2024. 10:22 Ažurirano 15.03.2024.")[0] == datetime.date(2024, 3, 14)
