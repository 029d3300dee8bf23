"""``python -m evaluator`` is the ``evaluate`` command."""

import sys

from evaluator.cli import main

sys.exit(main())
