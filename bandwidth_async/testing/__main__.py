"""
Serve FakeBandwidth from the command line: ``python -m bandwidth_async.testing --port 8080``.

It prints the base URL, both kinds of credentials it accepts (OAuth 2.0 client id and secret,
and Basic username and password) and the application ids to use, then serves until
interrupted (Ctrl-C). ``--cps``/``--rps`` set the account's limits, ``--latency`` its round
trips, ``--callback-host`` a host besides loopback that its callbacks may reach.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import signal
import sys

from ._fake import FakeBandwidth
from ._latency import Latency, RandomLatency
from ._limits import Limits
from ._oauth import TOKEN_PATH

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bandwidth_async.testing",
        description="Serve an in-memory Bandwidth (voice, messaging, MFA, lookup) over HTTP.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    parser.add_argument("--port", type=int, default=0, help="port (0: a free one)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated data")
    parser.add_argument(
        "--now",
        type=dt.datetime.fromisoformat,
        default=None,
        help="ISO 8601 end of the generated week (default: this minute)",
    )
    for name in ("calls", "conferences", "messages", "media", "recordings"):
        parser.add_argument(f"--{name}", type=int, default=0, help=f"{name} to generate")
    parser.add_argument("--username", default="fake-user")
    parser.add_argument("--password", default="fake-password")
    parser.add_argument("--account-id", default="9900000")
    parser.add_argument("--client-id", default="fake-client-id", help="OAuth 2.0 client id")
    parser.add_argument("--client-secret", default="fake-client-secret")
    parser.add_argument(
        "--token-ttl", type=float, default=3600, help="seconds a bearer token stays good"
    )
    parser.add_argument(
        "--lookup-delay", type=float, default=0.2, help="seconds before a lookup is COMPLETE"
    )
    parser.add_argument(
        "--cps", type=float, default=None, help="calls per second createCall accepts (429 above)"
    )
    parser.add_argument(
        "--rps",
        type=float,
        default=None,
        help="requests per second each API family accepts (429 above)",
    )
    parser.add_argument(
        "--latency",
        default=None,
        help="seconds before each answer: a number, or LOW-HIGH drawn per request from --seed",
    )
    parser.add_argument(
        "--callback-host",
        action="append",
        default=[],
        metavar="HOST",
        help="a host besides loopback that callbacks may go to (repeatable)",
    )
    parser.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        help="real seconds per simulated second of a call's media (default 1: real time)",
    )
    return parser


def _latency(text: str | None, seed: int) -> Latency:
    if text is None:
        return None
    low, sep, high = text.partition("-")
    if sep:
        return RandomLatency(float(low), float(high), seed=seed)
    return float(text)


async def _serve(args: argparse.Namespace) -> None:
    fake = FakeBandwidth(
        calls=args.calls,
        conferences=args.conferences,
        messages=args.messages,
        media=args.media,
        recordings=args.recordings,
        seed=args.seed,
        now=args.now,
        username=args.username,
        password=args.password,
        account_id=args.account_id,
        host=args.host,
        port=args.port,
        lookup_delay=args.lookup_delay,
        limits=Limits(create_call_per_second=args.cps, requests_per_second=args.rps),
        latency=_latency(args.latency, args.seed),
        callback_hosts=args.callback_host,
        time_scale=args.time_scale,
        client_id=args.client_id,
        client_secret=args.client_secret,
        token_ttl=args.token_ttl,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with fake:
        sys.stdout.write(
            f"base_url={fake.base_url}\n"
            f"token_url={fake.base_url}{TOKEN_PATH}\n"
            f"BW_CLIENT_ID={fake.client_id}\n"
            f"BW_CLIENT_SECRET={fake.client_secret}\n"
            f"BW_USERNAME={fake.username}\n"
            f"BW_PASSWORD={fake.password}\n"
            f"BW_ACCOUNT_ID={fake.account_id}\n"
            f"application_id={fake.application_id}\n"
            f"messaging_application_id={fake.messaging_application_id}\n"
            "Serving until interrupted (Ctrl-C).\n"
        )
        sys.stdout.flush()
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    """
    Parse *argv*, serve until SIGINT or SIGTERM, and return the exit status.
    """
    args = _parser().parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
