"""Permission tables: every role of the cast against one rule, checked in one go."""

from django.urls import reverse

# The roles of the cast (testing.cast.Cast.by_role), in the order of every table.
ROLES = [
    "guest",
    "member",
    "mentor",
    "partner",
    "contact_person",
    "other_contact_person",
    "project_manager",
    "moderator",
    "administrator",
]
LOGIN = "login"  # a guest sent to sign in


def expect(default, **by_role):
    """A table row for every role: default, except the roles named."""
    unknown = set(by_role) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    return [by_role.get(role, default) for role in ROLES]


def status_of(response):
    """The response's status code, or LOGIN for a redirect to the sign-in page."""
    if response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign_in")):
        return LOGIN
    return response.status_code


def assert_role_table(check, table, *, label=""):
    """check(role) gives each role's outcome; table is the outcome expected of each role
    (a list in ROLES' order, as expect() makes, or a dict by role). Every role is checked
    before the test fails, and the failure names each role that went wrong."""
    expected = table if isinstance(table, dict) else dict(zip(ROLES, table, strict=True))
    if set(expected) != set(ROLES):
        raise ValueError(f"The table must name every role: {sorted(set(ROLES) ^ set(expected))}")
    wrong = []
    for role in ROLES:
        got = check(role)
        if got != expected[role]:
            wrong.append(f"{label} as {role}: {got!r}, expected {expected[role]!r}".strip())
    assert not wrong, "\n".join(wrong)


def page_check(client_for, people, url, *, method="get", data=None, language=None):
    """A check for assert_role_table: the status of url (got or posted with data) for
    the role's person, signed in for the one request."""

    def check(role):
        client = client_for(people[role])
        if language:
            client.cookies["django_language"] = language
        try:
            response = getattr(client, method)(url, data or {})
            return status_of(response)
        finally:
            client.logout()

    return check


def rule_check(rule, people, *args):
    """A check for assert_role_table: rule(person, *args) for the role's person."""
    return lambda role: rule(people[role], *args)
