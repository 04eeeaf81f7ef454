"""Population-scale MME over prescription tables: the public home of :mod:`mpsdose.io.batch`."""

from mpsdose.io.batch import *  # noqa: F403
from mpsdose.io.batch import __all__ as __all__
