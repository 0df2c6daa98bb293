"""Answer graders, looked up by name through graders.registry."""
