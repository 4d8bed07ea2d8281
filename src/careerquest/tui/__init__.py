"""The Textual user interface. Only this package (and the commands that open it) imports Textual."""
