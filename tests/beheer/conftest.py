"""The beheer screens use the same accounts as the accounts tests."""

from tests.accounts.conftest import *  # noqa: F403
