"""Tools for scenario authors: analysis, schema, scaffolding, tests and simulation.

Nothing here imports Textual: author tools must start fast and run in CI.
"""
