"""
A webhook app for a Bandwidth voice and messaging application, built on aiohttp.

* ``POST /answer``     a call was answered (or redirected here): play a menu and gather a digit
* ``POST /gather``     the digit: 1 transfers to sales, 2 reads the hours and hangs up
* ``POST /disconnect`` the call ended: acknowledge and keep the event
* ``POST /messaging``  message callbacks (a JSON array): keep them and answer 200 at once

Point the voice application's answer/disconnect URLs and the messaging application's callback URL
at this app. When ``BW_WEBHOOK_USERNAME`` and ``BW_WEBHOOK_PASSWORD`` are set, every request must
carry those credentials in Basic auth, as Bandwidth sends them when the application is configured
with callback credentials.

    python examples/webhook_app.py --port 8080
"""

from __future__ import annotations

import argparse
import logging
import os

from aiohttp import web
from aiohttp.typedefs import Handler

from bandwidth_async import DecodeError, bxml, callbacks

log = logging.getLogger("webhook_app")

#: Every callback the app received, in order, so the rest of the program (or a test) can see them.
EVENTS = web.AppKey("events", list[callbacks.Callback])
#: The (username, password) webhooks must carry, or None to accept any request.
CREDENTIALS: web.AppKey[tuple[str, str] | None] = web.AppKey("credentials")
#: The number option 1 transfers to.
SALES_NUMBER = web.AppKey("sales_number", str)

MENU = bxml.Response(
    bxml.Gather(
        bxml.SpeakSentence("Thanks for calling. Press 1 for sales, or 2 for our opening hours."),
        gather_url="/gather",
        max_digits=1,
        first_digit_timeout=10,
        repeat_count=2,
    ),
)


def make_app(
    *,
    username: str | None = None,
    password: str | None = None,
    sales_number: str = "+19195551234",
) -> web.Application:
    """
    Build the app; with *username* and *password*, requests must carry them in Basic auth.
    """
    app = web.Application(middlewares=[_basic_auth])
    app[EVENTS] = []
    app[CREDENTIALS] = (
        (username, password) if username is not None and password is not None else None
    )
    app[SALES_NUMBER] = sales_number
    app.add_routes(
        [
            web.post("/answer", answer),
            web.post("/gather", gather),
            web.post("/disconnect", disconnect),
            web.post("/messaging", messaging),
        ]
    )
    return app


@web.middleware
async def _basic_auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    credentials = request.app[CREDENTIALS]
    if credentials is not None and not callbacks.check_basic_auth(
        request.headers.get("Authorization"), *credentials
    ):
        raise web.HTTPUnauthorized(headers={"WWW-Authenticate": 'Basic realm="webhooks"'})
    return await handler(request)


async def _event(request: web.Request) -> callbacks.Callback | list[callbacks.Callback]:
    """
    Parse the body and remember what came; a body that is not a callback is a 400.
    """
    try:
        event = callbacks.parse(await request.read())
    except DecodeError as exc:
        log.warning("refused a webhook on %s: %s", request.path, exc)
        raise web.HTTPBadRequest(text=str(exc)) from exc
    request.app[EVENTS].extend(event if isinstance(event, list) else [event])
    return event


def _bxml(document: bxml.Response) -> web.Response:
    return web.Response(text=str(document), content_type="application/xml")


async def answer(request: web.Request) -> web.Response:
    """
    Answer (or come back to) the menu.
    """
    event = await _event(request)
    if not isinstance(
        event, callbacks.AnswerCallback | callbacks.InitiateCallback | callbacks.RedirectCallback
    ):
        raise web.HTTPBadRequest(text="expected an answer, initiate or redirect callback")
    log.info("call %s answered", event.call_id)
    return _bxml(MENU)


async def gather(request: web.Request) -> web.Response:
    """
    Act on the digit the caller pressed.
    """
    event = await _event(request)
    if not isinstance(event, callbacks.GatherCallback):
        raise web.HTTPBadRequest(text="expected a gather callback")
    if event.digits == "1":
        return _bxml(
            bxml.Response(
                bxml.SpeakSentence("Connecting you to sales."),
                bxml.Transfer(
                    bxml.PhoneNumber(request.app[SALES_NUMBER]),
                    transfer_caller_id=event.to,
                ),
            )
        )
    if event.digits == "2":
        goodbye = "We are open from 9 to 5, Monday to Friday. Goodbye!"
    else:
        goodbye = "Sorry, that is not an option. Goodbye!"
    return _bxml(bxml.Response(bxml.SpeakSentence(goodbye), bxml.Hangup()))


async def disconnect(request: web.Request) -> web.Response:
    """
    Acknowledge the end of a call.
    """
    event = await _event(request)
    if isinstance(event, callbacks.DisconnectCallback):
        log.info("call %s ended: %s", event.call_id, event.cause)
    return web.Response(status=204)


async def messaging(request: web.Request) -> web.Response:
    """
    Keep the message events of one webhook (received, sending, delivered, failed).
    """
    events = await _event(request)
    for event in events if isinstance(events, list) else [events]:
        if isinstance(event, callbacks.InboundMessageCallback):
            log.info("text from %s: %s", event.message.from_, event.message.text)
    return web.Response(status=200)


def main() -> None:
    """
    Serve the app on the port given on the command line.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    app = make_app(
        username=os.environ.get("BW_WEBHOOK_USERNAME"),
        password=os.environ.get("BW_WEBHOOK_PASSWORD"),
        sales_number=os.environ.get("SALES_NUMBER", "+19195551234"),
    )
    web.run_app(app, host=args.host, port=args.port)


if __name__ == "__main__":
    main()
