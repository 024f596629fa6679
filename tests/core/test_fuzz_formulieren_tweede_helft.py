"""Hostile input in every form and every list parameter of the project answers with a page,
never a server error: the second half of the forms found by walking the URLs."""

import pytest

from tests.fuzz import formulieren_fuzzen

pytestmark = pytest.mark.django_db


def test_geen_formulier_of_lijstparameter_geeft_een_serverfout(staat):
    formulieren_fuzzen(staat, deel=1, delen=2)
