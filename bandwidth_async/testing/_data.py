"""
Deterministic, realistic fake records derived from a seed.

Calls are never stored: call *i* is computed from ``(seed, i)`` whenever it is asked for, and its
start time grows with *i*, so a million calls cost no memory and the list is sorted without
sorting. Other records (conferences, recordings, messages, media) are few enough to be built once.
Nothing here does I/O or knows about HTTP.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import struct
from typing import Any, Final

__all__ = [
    "CallGenerator",
    "CallRow",
    "fake_png",
    "fake_wav",
    "format_ms",
    "generate_conferences",
    "generate_media",
    "generate_messages",
    "generate_recordings",
    "parse_time_ms",
]

_MASK: Final = (1 << 64) - 1
_CACHE_LIMIT: Final = 100_000
_DAY_MS: Final = 86_400_000
WINDOW_MS: Final = 7 * _DAY_MS

# Weighted disconnect causes, in percent (cumulative bounds), and whether the call was answered.
_CAUSES: Final = (
    (70, "hangup", True),
    (80, "timeout", False),
    (87, "busy", False),
    (92, "cancel", False),
    (95, "rejected", False),
    (97, "callback-error", True),
    (98, "invalid-bxml", True),
    (99, "application-error", True),
    (100, "error", False),
)
_CAUSE_TABLE: Final = tuple(next(c for c in _CAUSES if n < c[0]) for n in range(100))


def _mix(x: int) -> int:
    """
    Scramble *x* into 64 well-distributed bits (splitmix64).
    """
    x = (x + 0x9E3779B97F4A7C15) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


_minute_cache: dict[int, str] = {}


def format_ms(ms: int) -> str:
    """
    Format epoch milliseconds as ISO 8601 UTC with milliseconds, e.g. ``2024-01-02T03:04:05.678Z``.
    """
    minute, rest = divmod(ms, 60_000)
    prefix = _minute_cache.get(minute)
    if prefix is None:
        if len(_minute_cache) > _CACHE_LIMIT:
            _minute_cache.clear()
        moment = dt.datetime.fromtimestamp(minute * 60, dt.UTC)
        prefix = moment.strftime("%Y-%m-%dT%H:%M:")
        _minute_cache[minute] = prefix
    seconds, millis = divmod(rest, 1000)
    return f"{prefix}{seconds:02d}.{millis:03d}Z"


def parse_time_ms(text: str) -> int:
    """
    Parse an ISO 8601 timestamp (naive means UTC) into epoch milliseconds; raise ValueError if bad.
    """
    moment = dt.datetime.fromisoformat(text.strip().replace(" ", "+"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(moment.timestamp() * 1000)


def _numbers(rng: random.Random, count: int, area_codes: tuple[str, ...]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        tn = f"+1{rng.choice(area_codes)}{rng.randrange(200, 999)}{rng.randrange(10000):04d}"
        if tn not in seen:
            seen.add(tn)
            out.append(tn)
    return out


def _uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


_OWN_AREAS: Final = ("919", "984")
_CUSTOMER_AREAS: Final = ("212", "312", "415", "512", "617", "704", "720", "803", "909", "919")


class CallRow:
    """
    The fields of one generated call, computed from ``(seed, i)``.
    """

    __slots__ = (
        "answer_ms",
        "call_id",
        "cause",
        "direction",
        "end_ms",
        "from_",
        "index",
        "start_ms",
        "to",
    )

    def __init__(  # noqa: PLR0917 - a plain record
        self,
        index: int,
        call_id: str,
        to: str,
        from_: str,
        direction: str,
        start_ms: int,
        answer_ms: int | None,
        end_ms: int | None,
        cause: str | None,
    ) -> None:
        self.index = index
        self.call_id = call_id
        self.to = to
        self.from_ = from_
        self.direction = direction
        self.start_ms = start_ms
        self.answer_ms = answer_ms
        self.end_ms = end_ms
        self.cause = cause


class CallGenerator:
    """
    Call *i* of *count* calls for *seed*, with start times spread over the week before *now_ms*.
    """

    def __init__(self, seed: int, now_ms: int, count: int, account_id: str) -> None:
        rng = random.Random(f"calls:{seed}")  # noqa: S311 - fake data
        self.seed = seed
        self.now_ms = now_ms
        self.count = count
        self.account_id = account_id
        self.application_id = _uuid(rng)
        self.own_numbers = _numbers(rng, 20, _OWN_AREAS)
        self.customer_numbers = _numbers(rng, 2000, _CUSTOMER_AREAS)
        self._key = _mix(seed & _MASK)
        self._id_mask = self._key & 0xFFFFFFFFFFFF
        self._window_start = now_ms - WINDOW_MS
        self._step = WINDOW_MS // count if count else 0
        self._head = (
            '{"applicationId":"' + self.application_id + '","accountId":"' + account_id + '",'
        )

    def start_ms(self, i: int) -> int:
        """
        Start time of call *i*: never decreasing with *i*, always inside the window.
        """
        jitter = (
            _mix(self._key ^ (i * 0x2545F4914F6CDD1D & _MASK)) % self._step if self._step else 0
        )
        return self._window_start + (i * WINDOW_MS) // self.count + jitter

    def first_at_or_after(self, ms: int) -> int:
        """
        Index of the first call whose start time is at or after *ms*.
        """
        return bisect.bisect_left(range(self.count), ms, key=self.start_ms)

    def first_after(self, ms: int) -> int:
        """
        Index of the first call whose start time is after *ms*.
        """
        return bisect.bisect_right(range(self.count), ms, key=self.start_ms)

    def call_id(self, i: int) -> str:
        """
        The id of call *i*; it encodes *i* so that lookups by id need no index.
        """
        h = _mix(self._key ^ (i * 0x9E3779B97F4A7C15 & _MASK) ^ 0x5555)
        g = _mix(h)
        return (
            f"c-{h >> 32:08x}-{h & 0xFFFFFFFF:08x}-{g >> 48:04x}-"
            f"{(g >> 32) & 0xFFFF:04x}-{(g >> 16) & 0xFFFF:04x}-{i ^ self._id_mask:012x}"
        )

    def index_of(self, call_id: str) -> int | None:
        """
        The index of the generated call *call_id*, or None when no generated call has that id.
        """
        tail = call_id.rpartition("-")[2]
        if len(tail) != 12:  # noqa: PLR2004
            return None
        try:
            i = int(tail, 16) ^ self._id_mask
        except ValueError:
            return None
        if 0 <= i < self.count and self.call_id(i) == call_id:
            return i
        return None

    def row(self, i: int) -> CallRow:
        """
        Compute every field of call *i*.
        """
        h = _mix(self._key ^ (i * 0x9E3779B97F4A7C15 & _MASK))
        start = self.start_ms(i)
        own = self.own_numbers[h % 20]
        customer = self.customer_numbers[(h >> 8) % 2000]
        outbound = (h >> 20) & 3 != 0
        _, cause, answered = _CAUSE_TABLE[(h >> 24) % 100]
        ring = 2000 + (h >> 32) % 18000
        answer: int | None
        if answered:
            answer = start + ring
            end = answer + 5000 + (h >> 40) % 1_200_000
        else:
            answer = None
            end = start + ring + 10_000
        if end > self.now_ms:
            # Still going: the last few calls of the window are live.
            return CallRow(
                i,
                self.call_id(i),
                customer if outbound else own,
                own if outbound else customer,
                "outbound" if outbound else "inbound",
                start,
                start + ring if start + ring <= self.now_ms else None,
                None,
                None,
            )
        return CallRow(
            i,
            self.call_id(i),
            customer if outbound else own,
            own if outbound else customer,
            "outbound" if outbound else "inbound",
            start,
            answer,
            end,
            cause,
        )

    def render(self, i: int) -> str:
        """
        The ``callState`` JSON of call *i*, built from a string template for speed.
        """
        r = self.row(i)
        start = format_ms(r.start_ms)
        if r.direction == "outbound":
            enqueued = '"' + format_ms(r.start_ms - 250) + '"'
            stir = "null"
        else:
            enqueued = "null"
            stir = (
                '{"verstat":"TN-Verification-Passed","attestationIndicator":"A",'
                '"originatingId":"' + r.call_id[2:38] + '"}'
            )
        answer = "null" if r.answer_ms is None else '"' + format_ms(r.answer_ms) + '"'
        if r.end_ms is None:
            state = "answered" if r.answer_ms is not None else "initiated"
            end = "null"
            cause = "null"
            last = answer if r.answer_ms is not None else '"' + start + '"'
        else:
            state = "disconnected"
            end = '"' + format_ms(r.end_ms) + '"'
            cause = '"' + r.cause + '"' if r.cause else "null"
            last = end
        if r.cause == "error":
            error = ',"errorMessage":"Call failed","errorId":"' + r.call_id[2:38] + '"'
        else:
            error = ',"errorMessage":null,"errorId":null'
        return (
            f'{self._head}"callId":"{r.call_id}","parentCallId":null,"to":"{r.to}",'
            f'"from":"{r.from_}","direction":"{r.direction}","state":"{state}",'
            f'"stirShaken":{stir},"identity":null,"enqueuedTime":{enqueued},'
            f'"startTime":"{start}","answerTime":{answer},"endTime":{end},'
            f'"disconnectCause":{cause}{error},"lastUpdate":{last}}}'
        )

    def state(self, i: int) -> dict[str, Any]:
        """
        Call *i* as a plain dict, for calls that are about to be changed by an update.
        """
        import json  # noqa: PLC0415

        result: dict[str, Any] = json.loads(self.render(i))
        return result


_CONFERENCE_NAMES: Final = (
    "daily-standup",
    "sales-sync",
    "support-bridge",
    "all-hands",
    "board-call",
    "incident-room",
)


def generate_conferences(seed: int, now_ms: int, count: int) -> list[dict[str, Any]]:
    """
    Build *count* conferences created over the week before *now_ms*, oldest first.

    Recent ones are still active and have members; older ones are completed and recorded.
    """
    rng = random.Random(f"conferences:{seed}")  # noqa: S311 - fake data
    out: list[dict[str, Any]] = []
    for i in range(count):
        created = now_ms - WINDOW_MS + (i * WINDOW_MS) // count + rng.randrange(1000)
        length = rng.randrange(60_000, 3_600_000)
        conf_id = f"conf-{rng.getrandbits(32):08x}-{rng.getrandbits(32):08x}-{_uuid(rng)[9:]}"
        # The newest fifth (at least one) is still going, so members can be tried out.
        active = created + length > now_ms or i >= count - max(1, count // 5)
        members = [
            {
                "callId": f"c-{rng.getrandbits(32):08x}-{rng.getrandbits(32):08x}-{_uuid(rng)[9:]}",
                "conferenceId": conf_id,
                "mute": False,
                "hold": False,
                "callIdsToCoach": [],
            }
            for _ in range(rng.randrange(2, 5) if active else 0)
        ]
        out.append(
            {
                "id": conf_id,
                "name": rng.choice(_CONFERENCE_NAMES),
                "createdTime": created,
                "completedTime": None if active else created + length,
                "conferenceEventUrl": "https://example.com/conference-events",
                "conferenceEventMethod": "POST",
                "tag": None if i % 3 else f"conf-tag-{i}",
                "activeMembers": members,
                "recordings": [
                    {
                        "recordingId": f"r-{rng.getrandbits(32):08x}-{rng.getrandbits(32):08x}"
                        f"-{_uuid(rng)[9:]}",
                        "startTime": created + 1000,
                        "endTime": created + length,
                        "channels": 1,
                    }
                ]
                if not active
                else [],
            }
        )
    return out


def generate_recordings(
    seed: int, count: int, calls: CallGenerator, now_ms: int
) -> list[dict[str, Any]]:
    """
    Build *count* call recordings, attached to generated calls when there are any, oldest first.
    """
    rng = random.Random(f"recordings:{seed}")  # noqa: S311 - fake data
    out: list[dict[str, Any]] = []
    for j in range(count):
        if calls.count:
            row = calls.row((j * calls.count) // count)
            call_id, to, from_, direction = row.call_id, row.to, row.from_, row.direction
            start = (row.answer_ms or row.start_ms) + rng.randrange(500, 60_000)
        else:
            call_id = f"c-{rng.getrandbits(32):08x}-{rng.getrandbits(32):08x}-{_uuid(rng)[9:]}"
            to = rng.choice(calls.customer_numbers)
            from_ = rng.choice(calls.own_numbers)
            direction = "outbound"
            start = now_ms - WINDOW_MS + (j * WINDOW_MS) // count
        length = rng.randrange(1_000, 600_000)
        out.append(
            {
                "callId": call_id,
                "recordingId": f"r-{rng.getrandbits(32):08x}-{rng.getrandbits(32):08x}"
                f"-{_uuid(rng)[9:]}",
                "to": to,
                "from": from_,
                "direction": direction,
                "channels": rng.choice((1, 2)),
                "startTime": start,
                "endTime": start + length,
                "media": True,
                "transcription": {
                    "id": f"t-{_uuid(rng)}",
                    "completedTime": start + length + 30_000,
                    "transcripts": [
                        {
                            "text": rng.choice(
                                (
                                    "Hello, this is a test call.",
                                    "Please call me back tomorrow.",
                                    "Your appointment is confirmed.",
                                    "Press one to speak to an agent.",
                                )
                            ),
                            "confidence": round(rng.uniform(0.7, 0.99), 2),
                        }
                    ],
                },
            }
        )
    out.sort(key=lambda r: r["startTime"])
    return out


_CARRIERS: Final = ("Verizon", "TMobile", "AT&T", "US Cellular")
_STATUSES: Final = ("DELIVERED",) * 8 + ("SENT", "FAILED", "RECEIVED", "UNDELIVERED")


def generate_messages(
    seed: int, now_ms: int, count: int, calls: CallGenerator
) -> list[dict[str, Any]]:
    """
    Build *count* message list items received over the week before *now_ms*, oldest first.
    """
    rng = random.Random(f"messages:{seed}")  # noqa: S311 - fake data
    out: list[dict[str, Any]] = []
    for i in range(count):
        received = now_ms - WINDOW_MS + (i * WINDOW_MS) // count + rng.randrange(500)
        inbound = rng.random() < 0.3  # noqa: PLR2004
        own = rng.choice(calls.own_numbers)
        customer = rng.choice(calls.customer_numbers)
        mms = rng.random() < 0.2  # noqa: PLR2004
        status = "RECEIVED" if inbound else rng.choice(_STATUSES)
        if status == "RECEIVED" and not inbound:
            status = "DELIVERED"
        length = rng.randrange(1, 480)
        out.append(
            {
                "messageId": f"{received}{rng.getrandbits(60):015x}"[:29],
                "accountId": calls.account_id,
                "sourceTn": customer if inbound else own,
                "destinationTn": own if inbound else customer,
                "messageStatus": status,
                "messageDirection": "INBOUND" if inbound else "OUTBOUND",
                "messageType": "mms" if mms else "sms",
                "segmentCount": 1 if mms else 1 + length // 160,
                "errorCode": 4720 if status in {"FAILED", "UNDELIVERED"} else 0,
                "receiveTime": received,
                "carrierName": rng.choice(_CARRIERS),
                "messageSize": length + (rng.randrange(1000, 90000) if mms else 0),
                "messageLength": length,
                "attachmentCount": 1 if mms else 0,
                "recipientCount": 1,
                "campaignClass": "T",
                "campaignId": f"C{rng.choice(('JEUMDK', 'KXQ2BM', 'PL8WNA'))}",
            }
        )
    return out


def fake_png(tag: int) -> bytes:
    """
    A tiny, unique blob that starts like a PNG file.
    """
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", tag & 0xFFFFFFFF) + b"fake image data" * 4


def fake_wav(seconds: float = 0.25, rate: int = 8000) -> bytes:
    """
    A valid mono 8-bit PCM WAV file of silence.
    """
    frames = int(seconds * rate)
    header = b"RIFF" + struct.pack("<I", 36 + frames) + b"WAVE"
    fmt = b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate, 1, 8)
    return header + fmt + b"data" + struct.pack("<I", frames) + b"\x80" * frames


def generate_media(seed: int, count: int) -> list[tuple[str, bytes, str]]:
    """
    Build *count* media files as ``(name, data, content type)``, sorted by name.
    """
    rng = random.Random(f"media:{seed}")  # noqa: S311 - fake data
    out = []
    for i in range(count):
        prefix = f"{1_700_000_000_000 + rng.randrange(10**9)}{rng.getrandbits(40):010x}"
        out.append((f"{prefix}/0/image-{i}.png", fake_png(rng.getrandbits(32)), "image/png"))
    out.sort()
    return out
