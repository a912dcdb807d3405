"""Fault tolerance for the online path: a circuit breaker and a call timeout."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")

_EXECUTOR = ThreadPoolExecutor(max_workers=8, thread_name_prefix="model")


class CircuitOpenError(RuntimeError):
    """Raised instead of calling the protected function while the circuit is open."""


class CircuitBreaker:
    """Classic three-state breaker.

    * closed    - calls go through; consecutive failures are counted
    * open      - after ``failure_threshold`` failures calls are rejected for
                  ``reset_timeout`` seconds
    * half_open - once the timeout has passed, trial calls are let through;
                  a success closes the circuit, a failure opens it again
    """

    def __init__(self, failure_threshold: int = 5, reset_timeout: float = 30.0,
                 clock: Callable[[], float] = time.monotonic):
        self.failure_threshold = failure_threshold
        self.reset_timeout = reset_timeout
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self.reset_timeout:
            return "half_open"
        return "open"

    def call(self, fn: Callable[..., T], *args, **kwargs) -> T:
        with self._lock:
            if self.state == "open":
                raise CircuitOpenError("circuit open, not calling model")
        try:
            result = fn(*args, **kwargs)
        except Exception:
            self._record_failure()
            raise
        self._record_success()
        return result

    def _record_failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self.state == "half_open" or self._failures >= self.failure_threshold:
                self._opened_at = self._clock()

    def _record_success(self) -> None:
        with self._lock:
            self._failures = 0
            self._opened_at = None


def call_with_timeout(fn: Callable[..., T], timeout_s: float, *args, **kwargs) -> T:
    """Run ``fn`` in a worker thread; raise ``TimeoutError`` if it takes too long."""
    future = _EXECUTOR.submit(fn, *args, **kwargs)
    try:
        return future.result(timeout=timeout_s)
    except TimeoutError:
        future.cancel()
        raise
