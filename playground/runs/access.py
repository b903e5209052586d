"""Who may do what with a live run: its owner, and watchers holding its watch token.

The owner (the user or browser session that made the run) controls it; anyone with the
watch token reads it. The owner makes the token (`share`) and may revoke it (`revoke`),
which makes the next `share` a new token; the run disconnects the watchers that held it.
"""

from __future__ import annotations

import secrets
import threading

OWNER, WATCHER = "owner", "watcher"


class RunAccess:
    """Invariant: `watch_token` is None (not shared) or the one token watchers may use;
    it changes only under `_lock` (HTTP views and sockets share a run across threads)."""

    def __init__(self, owner: str):
        self.owner = owner
        self.watch_token: str | None = None
        self._lock = threading.Lock()

    def role_for(self, owner: str | None, token: str | None) -> str | None:
        """The caller's role: owner, watcher (a valid watch token) or None (neither)."""
        if owner is not None and owner == self.owner:
            return OWNER
        current = self.watch_token
        if token and current and secrets.compare_digest(token, current):
            return WATCHER
        return None

    def share(self) -> tuple[str, bool]:
        """The run's watch token, made now if it had none: (token, whether it is new)."""
        with self._lock:
            if self.watch_token is not None:
                return self.watch_token, False
            self.watch_token = secrets.token_urlsafe(24)
            return self.watch_token, True

    def revoke(self) -> bool:
        """Forget the watch token: whether there was one."""
        with self._lock:
            had, self.watch_token = self.watch_token is not None, None
            return had

    @property
    def shared(self) -> bool:
        return self.watch_token is not None


def watch_links(run_id: str, token: str) -> dict[str, str]:
    """Where watchers connect: the socket, and the page the browser part serves."""
    return {
        "token": token,
        "ws": f"/ws/runs/{run_id}/?watch={token}",
        "watch_url": f"/runs/{run_id}/?watch={token}",
    }
