"""The plugin mechanism (entry points) and integrations with other tools."""
