"""The coaching domain: rules (pure) and small services over the repository."""
