import pytest

from .factories import invitation_sent


@pytest.fixture
def send_invitation(cast, django_capture_on_commit_callbacks):
    """send_invitation(**fields) sends an invitation through the service (by default from the
    contact person into their area) and returns it and its link."""

    def send(*, actor=None, area=None, **fields):
        return invitation_sent(
            actor=actor or cast.contact_person,
            area=area or cast.area,
            capture=django_capture_on_commit_callbacks,
            **fields,
        )

    return send
