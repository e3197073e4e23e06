import pytest


@pytest.fixture
def en(client):
    """The test client reading pages in English."""
    client.cookies["django_language"] = "en"
    return client
