"""A cap on wrong guesses at one e-mail OTP, after which the code is void.

Stricter than GoTrue: Supabase Auth keeps no attempt counter for e-mail OTPs (its /verify
answers every wrong code with 403 `otp_expired` and relies on the per-IP verify limit, 360
an hour). A six-digit code has a million values, so a cap of a few tries per code ends
guessing across IP addresses too. The price, accepted here: anyone who knows the address can
void a pending code by sending wrong ones; the user then asks for a new code.

Counts are kept per outstanding code (its stored hash), in memory, so a new code starts at
zero and a restart forgets them (the verify rate limit still applies).
"""

from __future__ import annotations

import threading

_KEEP_AT_MOST = 10_000  # outstanding codes tracked; the oldest half is forgotten past this


class OtpAttempts:
    def __init__(self, max_attempts: int) -> None:
        self.max_attempts = max_attempts  # 0: no cap
        self._failures: dict[str, int] = {}
        self._lock = threading.Lock()

    def wrong_guess(self, stored_hash: str) -> bool:
        """Count a wrong code against the outstanding code `stored_hash`; True when it must be voided."""
        if not self.max_attempts or not stored_hash:
            return False
        with self._lock:
            count = self._failures.pop(stored_hash, 0) + 1
            if count >= self.max_attempts:
                return True
            if len(self._failures) >= _KEEP_AT_MOST:
                for key in list(self._failures)[: _KEEP_AT_MOST // 2]:
                    del self._failures[key]
            self._failures[stored_hash] = count
            return False
