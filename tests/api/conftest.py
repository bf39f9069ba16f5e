"""Fixtures of the interview tests: an API client and two candidates, each a signed-in user."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.interview_helpers import candidate


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def alice(make_user):
    return candidate(make_user)


@pytest.fixture
def bob(make_user):
    return candidate(make_user)
