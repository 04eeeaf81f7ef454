"""FHIR R4 medication orders in and out: the public home of :mod:`mpsdose.io.fhir`."""

from mpsdose.io.fhir import *  # noqa: F403
from mpsdose.io.fhir import __all__ as __all__
