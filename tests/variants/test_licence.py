"""Which licences let others make a variant: one rule, in share/materials/models.py."""

import pytest

from share.materials import models
from share.materials.models import Licence


@pytest.mark.parametrize("licence", list(Licence))
def test_every_licence_offered_today_permits_adaptations(licence):
    # The CC licences offered have no "no derivatives" term, and "only within the
    # municipality" says colleagues may change it.
    assert licence.permits_adaptations


def test_the_rule_is_the_list_of_licences_without_adaptations(monkeypatch):
    monkeypatch.setattr(models, "LICENCES_WITHOUT_ADAPTATIONS", frozenset({Licence.CC_BY_NC}))
    assert not Licence.CC_BY_NC.permits_adaptations
    assert Licence.CC_BY.permits_adaptations
