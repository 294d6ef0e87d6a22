"""The check catalogue: one module per family, each check declared with its metadata."""
