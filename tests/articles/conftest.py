import pytest


@pytest.fixture(autouse=True)
def start_empty(request):
    """Tests here build their own records unless they ask for the real `archive`."""
    if "archive" not in request.fixturenames and request.node.get_closest_marker("django_db"):
        request.getfixturevalue("empty_archive")
