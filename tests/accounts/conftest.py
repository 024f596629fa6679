import pytest
from django.core.cache import cache

from tests.accounts.factories import UserFactory


@pytest.fixture(autouse=True)
def lege_cache():
    """Login rate limits and used one-time codes are counted in the cache: each test starts
    with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def beheerder(weert):
    return UserFactory(
        username="koen", first_name="Koen", last_name="Peeters", beheerder=True, gemeenten=[weert]
    )


@pytest.fixture
def beheerder2(weert):
    return UserFactory(
        username="lotte", first_name="Lotte", last_name="Smeets", beheerder=True, gemeenten=[weert]
    )


@pytest.fixture
def beheer_client(client, beheerder):
    client.force_login(beheerder)
    return client
