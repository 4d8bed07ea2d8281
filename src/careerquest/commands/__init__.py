"""One module per ``careerquest`` subcommand, each with ``configure(parser)`` and ``run(args)``."""
