import pytest

from tests.accounts.factories import UserFactory


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
