"""kg: knowledge graphs of UK police inspection news."""

__version__ = "0.2.0"
