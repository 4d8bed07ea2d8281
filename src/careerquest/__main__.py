"""``python -m careerquest`` does what the ``careerquest`` command does."""

from careerquest.cli import main

raise SystemExit(main())
