"""The account inventory: its typed model and the loader that validates a YAML file."""
