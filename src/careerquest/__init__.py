"""CareerQuest: a terminal game about building a career rather than holding a job."""

__version__ = "0.1.0"
