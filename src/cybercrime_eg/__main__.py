"""``python -m cybercrime_eg``."""

import sys

from .cli import main

sys.exit(main())
