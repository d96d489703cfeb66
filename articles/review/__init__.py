"""The curators' review screens: import raw texts, review what the machine suggested,
publish. Forms in `forms.py`, views in `views.py`, URLs in `urls.py`, templates in
`templates/review/`."""
