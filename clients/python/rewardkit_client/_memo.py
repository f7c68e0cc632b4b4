"""One server call per batch, shared by the per-component reward functions that all score the same batch."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from concurrent.futures import Future
from typing import Any, Callable, Dict, List


class BatchMemo:
    """Coalesces identical batches: the first caller computes, concurrent and later callers reuse the result."""

    def __init__(self, size: int = 8):
        self._size = size
        self._lock = threading.Lock()
        self._items: "OrderedDict[str, Future]" = OrderedDict()

    @staticmethod
    def key(payload: Any) -> str:
        text = json.dumps(payload, sort_keys=True, default=str, allow_nan=True)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, payload: Any, compute: Callable[[], List[Dict[str, Any]]]) -> List[Dict[str, Any]]:
        k = self.key(payload)
        with self._lock:
            fut = self._items.get(k)
            mine = fut is None
            if mine:
                fut = Future()
                self._items[k] = fut
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        if mine:
            try:
                fut.set_result(compute())
            except BaseException as e:  # noqa: BLE001 - handed to every waiter
                fut.set_exception(e)
                with self._lock:
                    self._items.pop(k, None)
        return fut.result()
