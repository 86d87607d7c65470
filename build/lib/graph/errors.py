"""Errors of the store and of questions; the base class KgError is the loaders' (the first stage)."""
from loaders.errors import KgError


class StoreError(KgError):
    """The store cannot be opened, written or queried."""


class QueryError(KgError):
    """A stored question or an ad-hoc query is wrong."""


class ConsoleRefused(QueryError):
    """The read-only console refused a statement."""
