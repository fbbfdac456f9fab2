"""
BXML, the XML a voice webhook answers with, as frozen attrs classes.

.. code-block:: python

    from bandwidth_async import bxml

    doc = bxml.Response(
        bxml.Gather(
            bxml.SpeakSentence("Press 1 for sales, 2 for support.", voice="julie"),
            gather_url="/gather",
            max_digits=1,
        ),
        bxml.Hangup(),
    )
    str(doc)                       # the document, '<?xml version="1.0" ...?>' first
    bxml.parse(str(doc)) == doc    # True

Text content is the first positional argument, nested verbs are positional arguments, XML
attributes are keyword-only in snake_case. Plain ``str`` is always escaped; ``SSML`` is markup.
Nesting BXML does not allow raises ``NestingError`` when the object is built.
"""

from ._base import SSML, BxmlError, BxmlTypeError, NestingError, Verb
from ._parse import parse
from .verbs import (
    Bridge,
    Bxml,
    Conference,
    Connect,
    CustomParam,
    Endpoint,
    Forward,
    Gather,
    Hangup,
    Pause,
    PauseRecording,
    PhoneNumber,
    PlayAudio,
    Record,
    Redirect,
    Refer,
    Response,
    ResumeRecording,
    Ring,
    SendDtmf,
    SipUri,
    SpeakSentence,
    StartGather,
    StartRecording,
    StartStream,
    StartTranscription,
    StopGather,
    StopRecording,
    StopStream,
    StopTranscription,
    StreamParam,
    Tag,
    Transfer,
)

__all__ = [
    "SSML",
    "Bridge",
    "Bxml",
    "BxmlError",
    "BxmlTypeError",
    "Conference",
    "Connect",
    "CustomParam",
    "Endpoint",
    "Forward",
    "Gather",
    "Hangup",
    "NestingError",
    "Pause",
    "PauseRecording",
    "PhoneNumber",
    "PlayAudio",
    "Record",
    "Redirect",
    "Refer",
    "Response",
    "ResumeRecording",
    "Ring",
    "SendDtmf",
    "SipUri",
    "SpeakSentence",
    "StartGather",
    "StartRecording",
    "StartStream",
    "StartTranscription",
    "StopGather",
    "StopRecording",
    "StopStream",
    "StopTranscription",
    "StreamParam",
    "Tag",
    "Transfer",
    "Verb",
    "parse",
]
