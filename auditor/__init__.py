"""auditor: audits official social media accounts against GP and DKICT."""

__version__ = "0.1.0"
