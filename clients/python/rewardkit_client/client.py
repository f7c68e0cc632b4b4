"""HTTP client for a rewardkit server: batching, round-robin over servers, retries on 429/5xx/network only."""

from __future__ import annotations

import asyncio
import http.client
import itertools
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

__all__ = ["RewardClient", "RewardClientError", "RewardServerUnavailable"]


class RewardClientError(Exception):
    """The server refused the request (a 4xx other than 429): retrying would not help.

    ``status`` is the HTTP status and ``error`` the server's error object (``code``, ``message``, ``limit``, ``path``).
    """

    def __init__(self, status: int, error: Dict[str, Any]):
        self.status = status
        self.error = error
        super().__init__(f"HTTP {status}: {error.get('message', error)}")


class RewardServerUnavailable(Exception):
    """Every attempt failed with 429, 5xx or a network error."""


def _retryable_status(status: int) -> bool:
    return status == 429 or 500 <= status <= 599


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds of a ``Retry-After`` header (delta-seconds form; an HTTP date counts as unknown)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


class RewardClient:
    """Scores rollouts on one or more rewardkit servers.

    Example::

        client = RewardClient(["http://10.0.0.1:8000", "http://10.0.0.2:8000"], spec="math")
        results = client.score([{"prompt": "2+2?", "completion": "<answer>4</answer>", "reference": "4"}])
        results[0]["score"], results[0].get("components"), results[0].get("error")

    Batches of ``batch_size`` rollouts go to the servers in turn (round-robin), several at once when there are
    several servers. A failed attempt (429, 5xx, connection error, timeout) moves the batch to the next server at
    once, and the failed server sits out a cool-down (``backoff`` doubling per consecutive failure up to
    ``cooldown`` seconds, or its ``Retry-After``), so later calls do not pay for a dead server again. The client
    sleeps only when every server is cooling down, and only for a ``Retry-After`` of at most
    ``max_retry_after_wait`` seconds; after ``max_retries`` retries or ``give_up_after`` seconds it raises one
    ``RewardServerUnavailable`` naming each server's last failure. Any other 4xx raises ``RewardClientError`` at
    once. The server answers identical retries with identical bytes, so a retry never counts a side effect twice.
    A client pickles (for trainers that ship reward functions to other processes); its connection and
    cool-down state start afresh after unpickling.
    """

    def __init__(
        self,
        url: Union[str, Sequence[str]],
        *,
        spec: Optional[str] = None,
        batch_size: int = 256,
        timeout: float = 180.0,
        max_retries: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 10.0,
        cooldown: float = 30.0,
        max_retry_after_wait: float = 5.0,
        give_up_after: float = 300.0,
        headers: Optional[Dict[str, str]] = None,
    ):
        urls = [url] if isinstance(url, str) else list(url)
        urls = [u.strip().rstrip("/") for u in urls if u and u.strip()]
        if not urls:
            raise ValueError("RewardClient needs at least one server URL")
        self.urls = urls
        self.spec = spec
        self.batch_size = max(1, int(batch_size))
        self.timeout = timeout
        self.max_retries = max(0, int(max_retries))
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.cooldown = cooldown
        self.max_retry_after_wait = max_retry_after_wait
        self.give_up_after = give_up_after
        self.headers = dict(headers or {})
        self._init_state()

    def _init_state(self) -> None:
        self._rr = itertools.count()
        self._lock = threading.Lock()
        # Per server: monotonic time until which it is skipped, and consecutive failures.
        self._down_until: Dict[str, float] = {}
        self._failures: Dict[str, int] = {}

    def __getstate__(self) -> Dict[str, Any]:
        state = dict(self.__dict__)
        for k in ("_rr", "_lock", "_down_until", "_failures"):
            state.pop(k, None)
        return state

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._init_state()

    # -- transport ---------------------------------------------------------------------------------------------

    def _pick(self) -> "tuple[str, float]":
        """The next server in turn that is not cooling down, or the one that recovers first and how long to wait."""
        with self._lock:
            start = next(self._rr)
            now = time.monotonic()
            order = [self.urls[(start + i) % len(self.urls)] for i in range(len(self.urls))]
            for u in order:
                if self._down_until.get(u, 0.0) <= now:
                    return u, 0.0
            u = min(order, key=lambda x: self._down_until[x])
            return u, self._down_until[u] - now

    def _failed(self, url: str, retry_after: Optional[float]) -> None:
        with self._lock:
            n = self._failures.get(url, 0) + 1
            self._failures[url] = n
            pause = min(self.cooldown, self.backoff * (2 ** (n - 1)))
            if retry_after is not None:
                pause = max(pause, retry_after)
            self._down_until[url] = time.monotonic() + pause

    def _succeeded(self, url: str) -> None:
        with self._lock:
            self._failures.pop(url, None)
            self._down_until.pop(url, None)

    def _post(self, path: str, payload: Dict[str, Any]) -> Any:
        # allow_nan=False: Python would otherwise send NaN tokens, which are not JSON. ASCII escapes keep lone
        # surrogates representable (they cannot be encoded as UTF-8).
        data = json.dumps(payload, allow_nan=False).encode("utf-8")
        give_up = time.monotonic() + self.give_up_after
        last: Dict[str, str] = {}
        for attempt in range(self.max_retries + 1):
            base, wait = self._pick()
            if wait > 0:
                # Every server is cooling down: wait for the first to recover, unless that is too long.
                limit = min(self.max_retry_after_wait, give_up - time.monotonic())
                if wait > limit:
                    break
                time.sleep(wait)
            remaining = give_up - time.monotonic()
            if remaining <= 0:
                break
            req = urllib.request.Request(
                base + path,
                data=data,
                method="POST",
                headers={"content-type": "application/json", **self.headers},
            )
            try:
                with urllib.request.urlopen(req, timeout=min(self.timeout, remaining)) as res:
                    out = json.loads(res.read().decode("utf-8"))
                self._succeeded(base)
                return out
            except urllib.error.HTTPError as e:
                body = e.read().decode("utf-8", "replace")
                try:
                    err = json.loads(body).get("error", {"message": body})
                except ValueError:
                    err = {"message": body}
                if not _retryable_status(e.code):
                    raise RewardClientError(e.code, err) from None
                last[base] = f"HTTP {e.code}: {err.get('message', '')}"
                self._failed(base, _retry_after(e.headers.get("Retry-After") if e.headers else None))
            except (urllib.error.URLError, ConnectionError, socket.timeout, http.client.HTTPException, OSError) as e:
                last[base] = f"{type(e).__name__}: {getattr(e, 'reason', e)}"
                self._failed(base, None)
        detail = "; ".join(f"{u}: {m}" for u, m in last.items()) or "every server is cooling down after failures"
        raise RewardServerUnavailable(f"no rewardkit server answered ({len(self.urls)} configured): {detail}")

    # -- API -----------------------------------------------------------------------------------------------------

    def score(
        self,
        rollouts: Iterable[Dict[str, Any]],
        *,
        spec: Optional[str] = None,
        step: Optional[int] = None,
    ) -> List[Dict[str, Any]]:
        """Scores rollouts; returns one result dict per rollout, in order (``score`` may be None with ``error``)."""
        items = list(rollouts)
        if not items:
            return []
        batches = [items[i : i + self.batch_size] for i in range(0, len(items), self.batch_size)]

        def one(batch: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
            payload: Dict[str, Any] = {"rollouts": batch}
            if spec or self.spec:
                payload["spec"] = spec or self.spec
            if step is not None:
                payload["step"] = int(step)
            out = self._post("/v1/score", payload)["results"]
            if len(out) != len(batch):
                raise RewardServerUnavailable(f"server returned {len(out)} results for {len(batch)} rollouts")
            return out

        if len(batches) == 1 or len(self.urls) == 1:
            parts = [one(b) for b in batches]
        else:
            with ThreadPoolExecutor(max_workers=min(len(batches), len(self.urls) * 2)) as ex:
                parts = list(ex.map(one, batches))
        return [r for part in parts for r in part]

    async def ascore(self, rollouts: Iterable[Dict[str, Any]], **kw: Any) -> List[Dict[str, Any]]:
        """``score`` without blocking the event loop (runs in a thread)."""
        return await asyncio.to_thread(self.score, list(rollouts), **kw)

    def get_reward(
        self, query: Sequence[str], prompts: Sequence[str], labels: Sequence[Any], *, spec: Optional[str] = None
    ) -> Dict[str, Any]:
        """OpenRLHF's contract: ``{rewards, scores, extra_logs}`` for templated queries (prompt + response)."""
        path = "/get_reward" + (f"/{spec or self.spec}" if (spec or self.spec) else "")
        return self._post(path, {"query": list(query), "prompts": list(prompts), "labels": list(labels)})

    def health(self) -> List[Dict[str, Any]]:
        """``/healthz`` of every server (``status`` is ``ok``, ``draining`` or the error)."""
        out = []
        for u in self.urls:
            try:
                with urllib.request.urlopen(u + "/healthz", timeout=min(self.timeout, 10)) as res:
                    out.append(json.loads(res.read().decode("utf-8")))
            except urllib.error.HTTPError as e:
                out.append(json.loads(e.read().decode("utf-8") or "{}") or {"status": f"HTTP {e.code}"})
            except Exception as e:  # noqa: BLE001 - health is a report, not a call to retry
                out.append({"status": f"unreachable: {e}"})
        return out
