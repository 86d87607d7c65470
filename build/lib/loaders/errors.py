"""The one base exception for everything a user can get wrong, and the errors of reading and parsing documents."""


class KgError(Exception):
    """Base: the message says what went wrong and what to do next."""


class DocumentError(KgError):
    """A document cannot be read."""


class EmptyDocument(DocumentError):
    pass


class NotText(DocumentError):
    pass


class UndecodableText(DocumentError):
    pass


class TooLarge(DocumentError):
    pass


class UnsupportedFormat(DocumentError):
    pass


class NoTasks(DocumentError):
    """The document parsed but holds no task with a responsibility."""


class CorruptDocument(DocumentError):
    """The file is damaged or not of the format its name says."""


class EncryptedDocument(DocumentError):
    """The file is password-protected."""


class NoTextLayer(DocumentError):
    """A PDF without text (scanned): it needs OCR first."""


class NoArticleBody(DocumentError):
    """An HTML page without an article body (a menu, list or error page)."""
