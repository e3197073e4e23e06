"""The one test kit of every app: the fixed cast of people by role and signing a test
client in as one of them (cast), tables of what each role may do (tables), and the
factories of every app in one place (factories). Test code only: no app imports it."""

from .tables import LOGIN, ROLES, assert_role_table, expect, page_check, rule_check, status_of

__all__ = ["LOGIN", "ROLES", "assert_role_table", "expect", "page_check", "rule_check", "status_of"]
