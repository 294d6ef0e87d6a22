"""Output formats: each a pure function from a finished scan to text."""
