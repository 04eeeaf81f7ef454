"""Shared fixtures and the hypothesis profiles.

Profiles: ``dev`` (default, 100 examples), ``ci`` (selected when the CI variable is set: fewer
examples, no deadline, since CI machines are shared and noisy), ``thorough`` (1000 examples, on
demand: HYPOTHESIS_PROFILE=thorough).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI")
                                                               else "dev"))


@pytest.fixture
def runner():
    """A click ``CliRunner`` that also validates every ``--json`` output against its JSON Schema
    (``tests/jsoncheck.py``)."""
    from tests.jsoncheck import ContractRunner

    return ContractRunner()
