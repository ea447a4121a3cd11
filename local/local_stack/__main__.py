"""``python -m local_stack``: see :mod:`local_stack._cli`."""

import sys

from ._cli import main

sys.exit(main())
