"""The calendar words the archive reads and writes: one table of English month names, for the
citations and for the importer's date lines."""

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
