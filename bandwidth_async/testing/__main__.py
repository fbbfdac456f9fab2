"""
Serve FakeBandwidth from the command line: ``python -m bandwidth_async.testing --port 8080``.

It prints the base URL and the credentials to use, then serves until interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import signal
import sys

from ._fake import FakeBandwidth

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
    parser.add_argument(
        "--lookup-delay", type=float, default=0.2, help="seconds before a lookup is COMPLETE"
    )
    return parser


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
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with fake:
        sys.stdout.write(
            f"base_url={fake.base_url}\n"
            f"BW_USERNAME={fake.username}\n"
            f"BW_PASSWORD={fake.password}\n"
            f"BW_ACCOUNT_ID={fake.account_id}\n"
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
