"""Typer sub-applications of the command line, one module per command group."""
