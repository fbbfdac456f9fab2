"""
A FastAPI app for a Bandwidth voice application: one client for the app's lifetime, BXML webhooks.

* ``POST /calls``      place an outbound call (``{"to": "+1..."}``) answered by this app
* ``POST /answer``     a call was answered: play a menu and gather a digit
* ``POST /gather``     the digit: 1 transfers to sales, anything else says goodbye and hangs up
* ``POST /disconnect`` the call ended: acknowledge it
* ``POST /messaging``  message callbacks (a JSON array): acknowledge them at once

The ``BandwidthClient`` is created in the lifespan handler, shared by every request, and closed
when the app shuts down: one connection pool and one 429 gate for the whole app. Credentials come
from ``BW_USERNAME``/``BW_PASSWORD``/``BW_ACCOUNT_ID``; ``BW_APPLICATION_ID`` and ``BW_NUMBER``
say which voice application and number to call from, ``PUBLIC_URL`` where Bandwidth reaches this
app (its callbacks need a public HTTPS URL).

    uvicorn examples.fastapi_app:app --port 8000
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import attrs
from fastapi import APIRouter, FastAPI, HTTPException, Request, Response

import bandwidth_async as bw
from bandwidth_async import bxml, callbacks

log = logging.getLogger("fastapi_app")

XML = "application/xml"
SALES_NUMBER = "+19195550000"
MENU = bxml.Response(
    bxml.Gather(
        bxml.SpeakSentence("Thanks for calling. Press 1 for sales, or 2 for our opening hours."),
        gather_url="/gather",
        max_digits=1,
        first_digit_timeout=10,
    ),
)


@attrs.frozen
class Settings:
    """
    Which application and number the app calls with, and where Bandwidth reaches it.
    """

    application_id: str
    from_number: str
    public_url: str | None = None


router = APIRouter()


def create_app(
    client_factory: Callable[[], bw.BandwidthClient] = bw.BandwidthClient,
    *,
    application_id: str | None = None,
    from_number: str | None = None,
    public_url: str | None = None,
) -> FastAPI:
    """
    Build the app; *client_factory* makes its one client (the emulator's ``fake.client`` in tests).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with client_factory() as client:
            app.state.bandwidth = client
            yield

    app = FastAPI(title="Bandwidth voice webhooks", lifespan=lifespan)
    app.state.settings = Settings(
        application_id=application_id or os.environ.get("BW_APPLICATION_ID", ""),
        from_number=from_number or os.environ.get("BW_NUMBER", ""),
        public_url=public_url or os.environ.get("PUBLIC_URL"),
    )
    app.include_router(router)
    return app


@router.post("/calls")
async def place_call(request: Request) -> dict[str, str]:
    """
    Call the number in the JSON body; the callee hears the menu served by ``/answer``.
    """
    body = await request.json()
    to = body.get("to") if isinstance(body, dict) else None
    if not isinstance(to, str):
        raise HTTPException(status_code=422, detail='expected {"to": "+1..."}')
    settings: Settings = request.app.state.settings
    client: bw.BandwidthClient = request.app.state.bandwidth
    base = (settings.public_url or str(request.base_url)).rstrip("/")
    try:
        call = await client.calls.create(
            bw.CreateCall(
                to=to,
                from_=settings.from_number,
                application_id=settings.application_id,
                answer_url=f"{base}/answer",
                disconnect_url=f"{base}/disconnect",
            )
        )
    except bw.BadRequestError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    except bw.BandwidthError as exc:
        raise HTTPException(status_code=502, detail=str(exc)) from exc
    return {"call_id": call.call_id}


@router.post("/answer")
async def answer(request: Request) -> Response:
    """
    Answer (or come back to) the menu.
    """
    event = await _event(request)
    if not isinstance(
        event, callbacks.AnswerCallback | callbacks.InitiateCallback | callbacks.RedirectCallback
    ):
        raise HTTPException(status_code=400, detail="expected an answer callback")
    return Response(str(MENU), media_type=XML)


@router.post("/gather")
async def gather(request: Request) -> Response:
    """
    Act on the digit the caller pressed.
    """
    event = await _event(request)
    if not isinstance(event, callbacks.GatherCallback):
        raise HTTPException(status_code=400, detail="expected a gather callback")
    if event.digits == "1":
        caller_id = request.app.state.settings.from_number or event.to
        document = bxml.Response(
            bxml.SpeakSentence("Connecting you to sales."),
            bxml.Transfer(bxml.PhoneNumber(SALES_NUMBER), transfer_caller_id=caller_id),
        )
    else:
        document = bxml.Response(
            bxml.SpeakSentence("We are open from 9 to 5, Monday to Friday. Goodbye!"),
            bxml.Hangup(),
        )
    return Response(str(document), media_type=XML)


@router.post("/disconnect", status_code=204)
async def disconnect(request: Request) -> Response:
    """
    Acknowledge the end of a call.
    """
    event = await _event(request)
    if isinstance(event, callbacks.DisconnectCallback):
        log.info("call %s ended: %s", event.call_id, event.cause)
    return Response(status_code=204)


@router.post("/messaging")
async def messaging(request: Request) -> Response:
    """
    Acknowledge message events at once: Bandwidth retries a webhook that is slow to answer.
    """
    await _event(request)
    return Response(status_code=200)


async def _event(request: Request) -> callbacks.Callback | list[callbacks.Callback]:
    """
    The callback in the body; a body that is not one is a 400, never a 500.
    """
    try:
        return callbacks.parse(await request.body())
    except bw.DecodeError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


#: For ``uvicorn examples.fastapi_app:app``; the client is built at startup, from the environment.
app = create_app()
