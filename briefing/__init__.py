"""briefing: chat with the news, read daily briefings and follow actors, every claim cited."""

__version__ = "0.1.0"
