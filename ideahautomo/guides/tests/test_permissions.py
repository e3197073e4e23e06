"""Every role of the cast against every guides rule."""

import pytest

from ideahautomo.guides import permissions
from ideahautomo.testing import assert_role_table, expect, rule_check

from .factories import guide_for

pytestmark = pytest.mark.django_db

WRITERS = expect(False, contact_person=True, other_contact_person=True, project_manager=True)


def test_who_writes_and_edits_guides(cast):
    guide = guide_for(actor=cast.project_manager)
    assert_role_table(rule_check(permissions.can_write_guides, cast.users()), WRITERS)
    assert_role_table(rule_check(permissions.can_edit_guide, cast.users(), guide), WRITERS)


def test_who_reads_a_published_guide_and_a_draft(cast):
    published = guide_for(actor=cast.project_manager)
    draft = guide_for(actor=cast.project_manager, publish=False)
    assert_role_table(rule_check(permissions.can_read_guide, cast.users(), published), expect(True))
    assert_role_table(rule_check(permissions.can_read_guide, cast.users(), draft), WRITERS)
    assert permissions.can_read_guide(None, published)
    assert not permissions.can_read_guide(None, draft)
