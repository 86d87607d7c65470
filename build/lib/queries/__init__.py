"""The stored questions (*.cypher) and the lookups the viewer and the CLI run (lookups/*.cypher)."""
