"""Live monitoring: poll RSS/Atom feeds and article pages safely, ingest what is new.

The watcher itself is ``warlog.watch.watcher.Watcher`` (it pulls in the whole pipeline).
"""

from warlog.watch.config import FeedConfig, WatchConfig, load_watch_config
from warlog.watch.fetch import Fetcher, FetchError, FetchPolicy

__all__ = [
    "FeedConfig",
    "FetchError",
    "FetchPolicy",
    "Fetcher",
    "WatchConfig",
    "load_watch_config",
]
