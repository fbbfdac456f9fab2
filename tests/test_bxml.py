"""
BXML out and back: every verb against the Bandwidth BXML reference, escaping, nesting, parsing.
"""

# The expected documents keep the reference's long lines as they are.
# ruff: noqa: E501

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bandwidth_async import bxml
from bandwidth_async.bxml._base import attribute_specs


def canonical(document: str) -> str:
    """
    The C14N form of *document*, ignoring indentation and the XML declaration.
    """
    return ET.canonicalize(xml_data=document.encode(), strip_text=True)


def same_xml(ours: str, reference: str) -> bool:
    return canonical(ours) == canonical(reference)


# Expected documents come from the examples of the Bandwidth BXML reference
# (dev.bandwidth.com/docs/voice/bxml/<verb>); where a page shows no XML example, the document is
# written from that page's attribute table.
REFERENCE = [
    pytest.param(
        bxml.Response(
            bxml.SpeakSentence("Transferring your call, please wait.", gender="male"),
            bxml.Transfer(bxml.PhoneNumber("+15554567892"), transfer_caller_id="+15554567891"),
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <SpeakSentence gender="male">Transferring your call, please wait.</SpeakSentence>
            <Transfer transferCallerId="+15554567891">
                <PhoneNumber>+15554567892</PhoneNumber>
            </Transfer>
        </Response>""",
        id="transfer-simple",
    ),
    pytest.param(
        bxml.Response(
            bxml.SpeakSentence("Transferring your call, please wait.", voice="paul"),
            bxml.Transfer(
                bxml.PhoneNumber(
                    "+15554567892", transfer_answer_url="http://myapp.com/announcement"
                ),
                transfer_caller_id="+15554567891",
            ),
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <SpeakSentence voice="paul">Transferring your call, please wait.</SpeakSentence>
            <Transfer transferCallerId="+15554567891">
                <PhoneNumber transferAnswerUrl="http://myapp.com/announcement">+15554567892</PhoneNumber>
            </Transfer>
        </Response>""",
        id="transfer-announcement",
    ),
    pytest.param(
        bxml.Response(
            bxml.Transfer(
                bxml.SipUri(
                    "sip:user@server.com",
                    uui="bXktdXVp;encoding=base64",
                    transfer_disconnect_url="/disconnect",
                    tag="t",
                ),
                bxml.PhoneNumber("+15554567892", transfer_disconnect_method="GET"),
                privacy=True,
                transfer_caller_display_name="Anonymous",
                call_timeout=30,
                diversion_treatment="stack",
                diversion_reason="user-busy",
            )
        ),
        """<Response>
            <Transfer privacy="true" transferCallerDisplayName="Anonymous" callTimeout="30"
                      diversionTreatment="stack" diversionReason="user-busy">
                <SipUri uui="bXktdXVp;encoding=base64" transferDisconnectUrl="/disconnect"
                        tag="t">sip:user@server.com</SipUri>
                <PhoneNumber transferDisconnectMethod="GET">+15554567892</PhoneNumber>
            </Transfer>
        </Response>""",
        id="transfer-sipuri",
    ),
    pytest.param(
        bxml.Response(
            bxml.Gather(
                bxml.SpeakSentence("Please press a digit.", voice="kate"),
                gather_url="https://gather.url/nextBXML",
                first_digit_timeout=10,
                terminating_digits="#",
            )
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
           <Gather gatherUrl="https://gather.url/nextBXML" firstDigitTimeout="10" terminatingDigits="#">
              <SpeakSentence voice="kate">Please press a digit.</SpeakSentence>
           </Gather>
        </Response>""",
        id="gather-simple",
    ),
    pytest.param(
        bxml.Response(
            bxml.Gather(
                bxml.SpeakSentence("I am going to keep asking you to press a digit"),
                gather_url="https://gather.url/nextBXML",
                repeat_count=5,
                max_digits=1,
            )
        ),
        """<Response>
           <Gather gatherUrl="https://gather.url/nextBXML" repeatCount="5" maxDigits="1">
              <SpeakSentence>I am going to keep asking you to press a digit</SpeakSentence>
           </Gather>
        </Response>""",
        id="gather-repeat",
    ),
    pytest.param(
        bxml.Response(
            bxml.Gather(
                bxml.SpeakSentence("First Sentence"),
                bxml.PlayAudio("https://audio1.com"),
                bxml.PlayAudio("https://audio2.com"),
                bxml.SpeakSentence("Second Sentence"),
                gather_url="https://gather.url/nextBXML",
            )
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Gather gatherUrl="https://gather.url/nextBXML">
                <SpeakSentence>First Sentence</SpeakSentence>
                <PlayAudio>https://audio1.com</PlayAudio>
                <PlayAudio>https://audio2.com</PlayAudio>
                <SpeakSentence>Second Sentence</SpeakSentence>
            </Gather>
        </Response>""",
        id="gather-nested",
    ),
    pytest.param(
        bxml.Response(
            bxml.SpeakSentence("Wait until the second call answers."),
            bxml.Pause(duration=60),
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <SpeakSentence>Wait until the second call answers.</SpeakSentence>
            <Pause duration="60" />
        </Response>""",
        id="pause",
    ),
    pytest.param(
        bxml.Response(
            bxml.SpeakSentence("The bridge will start now."),
            bxml.Bridge(
                "c-95ac8d6e-1a31c52e-b38f-4198-93c1-51633ec68f8d",
                bridge_complete_url="https://bridge.url/nextBXMLForSecondCall",
                bridge_target_complete_url="https://bridge.url/nextBXMLForFirstCall",
            ),
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <SpeakSentence>The bridge will start now.</SpeakSentence>
            <Bridge bridgeCompleteUrl="https://bridge.url/nextBXMLForSecondCall" bridgeTargetCompleteUrl="https://bridge.url/nextBXMLForFirstCall">
                c-95ac8d6e-1a31c52e-b38f-4198-93c1-51633ec68f8d
            </Bridge>
        </Response>""",
        id="bridge",
    ),
    pytest.param(
        bxml.Response(
            bxml.SpeakSentence("You will be added to your conference now.", gender="male"),
            bxml.Conference("my-conference"),
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <SpeakSentence gender="male">You will be added to your conference now.</SpeakSentence>
            <Conference>my-conference</Conference>
        </Response>""",
        id="conference",
    ),
    pytest.param(
        bxml.Response(
            bxml.SpeakSentence(
                "Welcome. You are going to coach 2 calls, please wait.", gender="male"
            ),
            bxml.Conference(
                "my-conference",
                call_ids_to_coach=(
                    "c-95ac8d6e-1a31c52e-b38f-4198-93c1-51633ec68f8d,"
                    "c-2a913f94-6a486f3a-3cae-4034-bcc3-f0c9fa77ca2f"
                ),
            ),
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <SpeakSentence gender="male">Welcome. You are going to coach 2 calls, please wait.</SpeakSentence>
            <Conference callIdsToCoach="c-95ac8d6e-1a31c52e-b38f-4198-93c1-51633ec68f8d,c-2a913f94-6a486f3a-3cae-4034-bcc3-f0c9fa77ca2f">my-conference</Conference>
        </Response>""",
        id="conference-coach",
    ),
    pytest.param(
        bxml.Response(
            bxml.Conference(
                "my-conference",
                mute=True,
                hold=False,
                conference_event_url="/conference",
                callback_timeout=5.5,
            )
        ),
        """<Response>
            <Conference mute="true" hold="false" conferenceEventUrl="/conference"
                        callbackTimeout="5.5">my-conference</Conference>
        </Response>""",
        id="conference-attributes",
    ),
    pytest.param(
        bxml.Response(bxml.Forward(from_="+15554567890", to="+15557654321")),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
           <Forward from="+15554567890" to="+15557654321"/>
        </Response>""",
        id="forward",
    ),
    pytest.param(
        bxml.Response(
            bxml.SpeakSentence("Please leave your message after the beep.", voice="bridget"),
            bxml.PlayAudio("http://audio.url/beep.wav"),
            bxml.Record(record_complete_url="https://myapp.com/nextBXML", max_duration=10),
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <SpeakSentence voice="bridget">Please leave your message after the beep.</SpeakSentence>
            <PlayAudio>http://audio.url/beep.wav</PlayAudio>
            <Record recordCompleteUrl="https://myapp.com/nextBXML" maxDuration="10"/>
            <!-- Any verbs after this point would be replaced by those returned by the recordCompleteUrl -->
        </Response>""",
        id="record",
    ),
    pytest.param(
        bxml.Response(
            bxml.SpeakSentence("Please say your name"),
            bxml.Record(
                record_complete_url="https://record.url.server/record",
                transcribe=True,
                transcription_available_url="https://transcription.url.server/transcribe/",
            ),
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
           <SpeakSentence>Please say your name</SpeakSentence>
           <Record recordCompleteUrl="https://record.url.server/record" transcribe="true" transcriptionAvailableUrl="https://transcription.url.server/transcribe/"/>
        </Response>""",
        id="record-transcription",
    ),
    pytest.param(
        bxml.Response(
            bxml.SpeakSentence(
                "This call is being recorded. Please wait while we transfer you.",
                voice="bridget",
            ),
            bxml.StartRecording(recording_available_url="https://myapp.com/noBXML"),
            bxml.Transfer(bxml.PhoneNumber("+15554567892")),
            bxml.StopRecording(),
            bxml.SpeakSentence("Thanks for your call. Have a nice day!", voice="bridget"),
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <SpeakSentence voice="bridget">This call is being recorded. Please wait while we transfer you.</SpeakSentence>
            <StartRecording recordingAvailableUrl="https://myapp.com/noBXML"/>
            <Transfer>
                <PhoneNumber>+15554567892</PhoneNumber>
            </Transfer>
            <StopRecording/>
            <SpeakSentence voice="bridget">Thanks for your call. Have a nice day!</SpeakSentence>
        </Response>""",
        id="start-stop-recording",
    ),
    pytest.param(
        bxml.Response(
            bxml.StartRecording(multi_channel=True, file_format="mp3", transcribe=False),
            bxml.PauseRecording(),
            bxml.SpeakSentence("Please say your card number."),
            bxml.ResumeRecording(),
        ),
        """<Response>
            <StartRecording transcribe="false" fileFormat="mp3" multiChannel="true"/>
            <PauseRecording/>
            <SpeakSentence>Please say your card number.</SpeakSentence>
            <ResumeRecording/>
        </Response>""",
        id="pause-resume-recording",
    ),
    pytest.param(
        # The reference's example spells the attribute streamEventsUrl; its attribute table
        # (and the live API) spell it streamEventUrl, which is what this class writes.
        bxml.Response(
            bxml.SpeakSentence(
                "This call is being streamed to a live studio audience.", voice="bridget"
            ),
            bxml.StartStream(
                bxml.StreamParam(name="internal_id", value="call_ABC"),
                name="live_audience",
                tracks="both",
                destination="wss://live-studio-audience.myapp.example.com",
                stream_event_url="https://myapp.example.com/noBXML",
            ),
            bxml.SpeakSentence(
                "This will now be streamed to the destination as well as played to the call"
                " participants.",
                voice="bridget",
            ),
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <SpeakSentence voice="bridget">This call is being streamed to a live studio audience.</SpeakSentence>
            <StartStream name="live_audience" tracks="both" destination="wss://live-studio-audience.myapp.example.com" streamEventUrl="https://myapp.example.com/noBXML">
                <StreamParam name="internal_id" value="call_ABC" />
            </StartStream>
            <SpeakSentence voice="bridget">This will now be streamed to the destination as well as played to the call participants.</SpeakSentence>
        </Response>""",
        id="start-stream",
    ),
    pytest.param(
        bxml.Response(bxml.StopStream(name="live_audience")),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <StopStream name="live_audience"/>
        </Response>""",
        id="stop-stream",
    ),
    pytest.param(
        bxml.Response(
            bxml.StartTranscription(
                bxml.CustomParam(name="foo", value="bar"),
                bxml.CustomParam(name="foos", value="bars"),
                name="live_audience",
                tracks="both",
                transcription_event_url="https://myapp.example.com/noBXML",
                destination="wss://transcription.example.com",
                stabilized=True,
            ),
            bxml.StopTranscription(name="live_audience"),
        ),
        """<Response>
            <StartTranscription name="live_audience" tracks="both"
                transcriptionEventUrl="https://myapp.example.com/noBXML"
                destination="wss://transcription.example.com" stabilized="true">
                <CustomParam name="foo" value="bar"/>
                <CustomParam name="foos" value="bars"/>
            </StartTranscription>
            <StopTranscription name="live_audience"/>
        </Response>""",
        id="start-stop-transcription",
    ),
    pytest.param(
        bxml.Response(bxml.Ring(duration=10)),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
           <Ring duration="10" />
        </Response>""",
        id="ring",
    ),
    pytest.param(
        bxml.Response(
            bxml.Redirect(
                redirect_url="http://flow.url/newFlow", username="username", password="password"
            )
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
           <Redirect redirectUrl="http://flow.url/newFlow" username='username' password='password'/>
           <!--Username and Password are not required, but are included to demonstrate adding multiple attributes to the redirect tag-->
        </Response>""",
        id="redirect",
    ),
    pytest.param(
        bxml.Response(
            bxml.StartGather(dtmf_url="https://startgather.url/callback"),
            bxml.Conference("my-conference-name"),
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <StartGather dtmfUrl="https://startgather.url/callback" />
            <Conference>my-conference-name</Conference>
        </Response>""",
        id="start-gather",
    ),
    pytest.param(
        bxml.Response(bxml.StopGather(), bxml.Hangup()),
        "<Response><StopGather/><Hangup/></Response>",
        id="stop-gather-hangup",
    ),
    pytest.param(
        bxml.Response(
            bxml.SpeakSentence("Hello! Here is a sponsored message."),
            bxml.PlayAudio("https://audio.url/audio1.wav"),
            bxml.PlayAudio("/relative_audio", username="user", password="pass"),
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
        <SpeakSentence>Hello! Here is a sponsored message.</SpeakSentence>
        <PlayAudio>https://audio.url/audio1.wav</PlayAudio>
        <PlayAudio username="user" password="pass">/relative_audio</PlayAudio>
        </Response>""",
        id="play-audio",
    ),
    pytest.param(
        bxml.Response(
            bxml.SpeakSentence(
                "\nHello ",
                bxml.SSML('<lang xml:lang="en-GB">Sherlock Holmes</lang>'),
                ".\nYou have an appointment on ",
                bxml.SSML('<say-as interpret-as="date" format="mdy">11/12/2022</say-as>'),
                ".\n",
                voice="bridget",
            )
        ),
        # Mixed content keeps its inner line breaks, so this one is not indented.
        """<?xml version="1.0" encoding="UTF-8"?>
<Response>
<SpeakSentence voice="bridget">
Hello <lang xml:lang="en-GB">Sherlock Holmes</lang>.
You have an appointment on <say-as interpret-as="date" format="mdy">11/12/2022</say-as>.
</SpeakSentence>
</Response>""",
        id="speak-sentence-ssml",
    ),
    pytest.param(
        bxml.Response(
            bxml.SendDtmf("12w34", tone_duration=300, tone_interval=100.5),
            bxml.Tag("custom tag"),
            bxml.Tag(),
        ),
        """<Response>
            <SendDtmf toneDuration="300" toneInterval="100.5">12w34</SendDtmf>
            <Tag>custom tag</Tag>
            <Tag/>
        </Response>""",
        id="send-dtmf-tag",
    ),
    pytest.param(
        bxml.Bxml(bxml.SpeakSentence("Hello", locale="en_US"), bxml.Ring(answer_call=False)),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Bxml>
            <SpeakSentence locale="en_US">Hello</SpeakSentence>
            <Ring answerCall="false"/>
        </Bxml>""",
        id="bxml-root",
    ),
    pytest.param(
        bxml.Response(
            bxml.Connect(
                bxml.Endpoint("endpoint-abc123"), event_callback_url="https://example.com/callback"
            )
        ),
        """<?xml version="1.0" encoding="UTF-8"?>
        <Response>
        <Connect eventCallbackUrl="https://example.com/callback">
        <Endpoint>endpoint-abc123</Endpoint>
        </Connect>
        </Response>""",
        id="connect-endpoint",
    ),
    pytest.param(
        bxml.Response(
            bxml.Refer(
                bxml.SipUri("sip:alice@atlanta.example.com"),
                refer_complete_url="/referComplete",
                refer_complete_method="POST",
                tag="refer-1",
            )
        ),
        """<Response>
            <Refer referCompleteUrl="/referComplete" referCompleteMethod="POST" tag="refer-1">
                <SipUri>sip:alice@atlanta.example.com</SipUri>
            </Refer>
        </Response>""",
        id="refer",
    ),
    pytest.param(
        bxml.Response(
            bxml.Gather(
                bxml.SpeakSentence("Say sales or support."),
                gather_url="/gather",
                input="dtmf speech",
                hints="sales,support",
                language="en-US",
                partial_result_callback="/partial",
                profanity_filter=False,
                speech_timeout=3,
            ),
            bxml.Transfer(bxml.PhoneNumber("+15554567892", uui="bXktdXVp;encoding=base64")),
            bxml.Forward(to="+15557654321", privacy=True, caller_display_name="Anonymous"),
        ),
        """<Response>
            <Gather gatherUrl="/gather" input="dtmf speech" hints="sales,support" language="en-US"
                    partialResultCallback="/partial" profanityFilter="false" speechTimeout="3">
                <SpeakSentence>Say sales or support.</SpeakSentence>
            </Gather>
            <Transfer><PhoneNumber uui="bXktdXVp;encoding=base64">+15554567892</PhoneNumber></Transfer>
            <Forward to="+15557654321" privacy="true" callerDisplayName="Anonymous"/>
        </Response>""",
        id="speech-gather-uui-forward-privacy",
    ),
    pytest.param(
        bxml.Response(
            bxml.StartStream(
                destination="wss://stream.example.com",
                destination_username="ws-user",
                destination_password="ws-pass",
            ),
            bxml.StopStream(name="s1", wait=True),
            bxml.StartRecording(detect_language=True, recording_name="intake"),
            bxml.StartTranscription(detect_language=False, preferred_languages="en-US,es-US"),
        ),
        """<Response>
            <StartStream destination="wss://stream.example.com" destinationUsername="ws-user"
                         destinationPassword="ws-pass"/>
            <StopStream name="s1" wait="true"/>
            <StartRecording detectLanguage="true" recordingName="intake"/>
            <StartTranscription detectLanguage="false" preferredLanguages="en-US,es-US"/>
        </Response>""",
        id="stream-auth-stop-wait-language",
    ),
]


@pytest.mark.parametrize(("document", "reference"), REFERENCE)
def test_matches_reference(document: bxml.Response | bxml.Bxml, reference: str) -> None:
    """The document a verb builds is the one the BXML reference shows for it."""
    assert same_xml(str(document), reference)


@pytest.mark.parametrize(("document", "reference"), REFERENCE)
def test_reference_parses_to_same_document(
    document: bxml.Response | bxml.Bxml, reference: str
) -> None:
    """Parsing what the classes write gives back an equal document."""
    assert bxml.parse(str(document)) == document


def test_every_verb_is_covered_by_the_reference_examples() -> None:
    """Each element class appears in at least one reference example above."""
    seen: set[str] = set()

    def walk(verb: bxml.Verb) -> None:
        seen.add(verb.element_name)
        for child in getattr(verb, "children", ()):
            walk(child)

    for param in REFERENCE:
        walk(param.values[0])  # type: ignore[arg-type]
    names = {name for name in bxml.__all__ if isinstance(getattr(bxml, name), type)}
    classes = {getattr(bxml, n) for n in names}
    element_names = {
        cls.element_name for cls in classes if issubclass(cls, bxml.Verb) and cls is not bxml.Verb
    }
    assert element_names <= seen


def test_document_starts_with_declaration() -> None:
    """str() of a root is a whole document, XML declaration first, bytes() its UTF-8."""
    doc = bxml.Response(bxml.Hangup())
    assert str(doc) == '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Hangup/></Response>'
    assert bytes(doc) == str(doc).encode()
    assert bxml.Hangup().to_xml() == "<Hangup/>"


def test_booleans_and_numbers_are_written_plainly() -> None:
    """Booleans are true/false and numbers carry no needless decimals."""
    xml = bxml.Conference("c", mute=True, hold=False, callback_timeout=2.0).to_xml()
    assert xml == '<Conference mute="true" hold="false" callbackTimeout="2">c</Conference>'
    assert bxml.Pause(duration=1.5).to_xml() == '<Pause duration="1.5"/>'


def test_none_is_left_out() -> None:
    """Attributes left at None do not appear at all."""
    xml = bxml.Gather(gather_url="/g", max_digits=None, tag=None).to_xml()
    assert xml == '<Gather gatherUrl="/g"/>'


def test_text_and_attributes_are_escaped() -> None:
    """Markup characters and quotes are escaped; non-ASCII stays as characters."""
    speak = bxml.SpeakSentence("Tom & Jerry <say> \"hi\" 'yo' — Ünïcødé 日本", voice='a"b&<c>')
    xml = speak.to_xml()
    assert xml == (
        '<SpeakSentence voice="a&quot;b&amp;&lt;c&gt;">'
        "Tom &amp; Jerry &lt;say&gt; \"hi\" 'yo' — Ünïcødé 日本</SpeakSentence>"
    )
    element = ET.fromstring(xml)  # noqa: S314 - our own output
    assert element.text == "Tom & Jerry <say> \"hi\" 'yo' — Ünïcødé 日本"
    assert element.attrib["voice"] == 'a"b&<c>'


def test_whitespace_in_attributes_survives() -> None:
    """Newlines, tabs and carriage returns in values come back unchanged."""
    doc = bxml.Response(bxml.Tag("a\r\nb"), bxml.Redirect(redirect_url="/x", tag="t\tab\nnl\rcr"))
    assert bxml.parse(str(doc)) == doc


def test_plain_string_is_never_markup() -> None:
    """A str that looks like SSML is spoken as text, not interpreted."""
    xml = bxml.SpeakSentence('<break time="1s"/>').to_xml()
    assert xml == '<SpeakSentence>&lt;break time="1s"/&gt;</SpeakSentence>'


def test_ssml_is_written_as_markup() -> None:
    """SSML passes through as elements, mixed with escaped plain text."""
    speak = bxml.SpeakSentence(
        "Call me at ",
        bxml.SSML('<say-as interpret-as="telephone">+1 919 555 1234</say-as>'),
        " & goodbye",
    )
    assert speak.to_xml() == (
        "<SpeakSentence>Call me at "
        '<say-as interpret-as="telephone">+1 919 555 1234</say-as> &amp; goodbye</SpeakSentence>'
    )
    element = ET.fromstring(speak.to_xml())  # noqa: S314 - our own output
    assert element[0].tag == "say-as"


def test_ssml_comes_back_as_ssml() -> None:
    """Parsing a SpeakSentence gives SSML pieces for its elements and str for its text."""
    doc = bxml.parse(
        '<Response><SpeakSentence>Hi <break time="1s"/> there '
        "<emphasis level='strong'>now</emphasis>!</SpeakSentence></Response>"
    )
    speak = doc.children[0]
    assert isinstance(speak, bxml.SpeakSentence)
    assert speak.content == (
        "Hi ",
        bxml.SSML('<break time="1s"/>'),
        " there ",
        bxml.SSML('<emphasis level="strong">now</emphasis>'),
        "!",
    )


def test_ssml_pieces_are_normalised() -> None:
    """Equal speech compares equal whichever way its pieces were split."""
    one = bxml.SpeakSentence(bxml.SSML("a <break/>b"), "c")
    two = bxml.SpeakSentence("a ", bxml.SSML("<break />"), "b", "", "c")
    assert one == two
    assert one.text == "a <break/>bc"


def test_nested_ssml_round_trips() -> None:
    """SSML elements inside SSML elements, with text around them, survive a round trip."""
    speak = bxml.SpeakSentence(
        bxml.SSML(
            "<prosody rate='slow'>very <emphasis>slow&amp;<break/>ly</emphasis> now</prosody>"
        )
    )
    assert speak.content == (
        bxml.SSML(
            '<prosody rate="slow">very <emphasis>slow&amp;<break/>ly</emphasis> now</prosody>'
        ),
    )
    doc = bxml.Response(speak)
    assert bxml.parse(str(doc)) == doc


@pytest.mark.parametrize(
    "markup",
    ["<break>", "a & b", "<a></b>", "<x:y/>", '<a xmlns="urn:x"/>'],
    ids=["unclosed", "bare-ampersand", "mismatched", "unbound-prefix", "namespace"],
)
def test_malformed_ssml_is_refused(markup: str) -> None:
    """SSML that is not well-formed, or uses namespaces, fails where it is built."""
    with pytest.raises(bxml.BxmlError):
        bxml.SpeakSentence(bxml.SSML(markup))


def test_ssml_must_be_text() -> None:
    """SSML of something other than str is a type error."""
    with pytest.raises(TypeError):
        bxml.SSML(b"<break/>")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: bxml.Gather(bxml.Hangup()), id="hangup-in-gather"),  # type: ignore[arg-type]
        pytest.param(
            lambda: bxml.Transfer(bxml.SpeakSentence("x")),  # type: ignore[arg-type]
            id="speak-in-transfer",
        ),
        pytest.param(lambda: bxml.Response(bxml.PhoneNumber("+1")), id="phone-at-top"),
        pytest.param(lambda: bxml.Response(bxml.StreamParam(name="a", value="b")), id="param"),
        pytest.param(
            lambda: bxml.StartStream(bxml.CustomParam(name="a", value="b"), destination="wss://x"),  # type: ignore[arg-type]
            id="custom-in-stream",
        ),
        pytest.param(
            lambda: bxml.StartTranscription(bxml.StreamParam(name="a", value="b")),  # type: ignore[arg-type]
            id="stream-in-transcription",
        ),
        pytest.param(lambda: bxml.Response(bxml.Response()), id="response-in-response"),
        pytest.param(lambda: bxml.Response(bxml.Endpoint("e-1")), id="endpoint-at-top"),
        pytest.param(
            lambda: bxml.Refer(bxml.PhoneNumber("+15551234567")),  # type: ignore[arg-type]
            id="phone-in-refer",
        ),
        pytest.param(lambda: bxml.Connect(bxml.Hangup()), id="hangup-in-connect"),  # type: ignore[arg-type]
        pytest.param(lambda: bxml.Bxml("text"), id="str-in-bxml"),  # type: ignore[arg-type]
    ],
)
def test_nesting_violations_raise(build: Any) -> None:
    """Nesting that BXML does not allow fails at construction with NestingError."""
    with pytest.raises(bxml.NestingError, match="cannot be nested"):
        build()


def test_nesting_error_is_a_type_and_value_error() -> None:
    """NestingError can be caught as TypeError, ValueError or BxmlError."""
    assert issubclass(bxml.NestingError, TypeError)
    assert issubclass(bxml.NestingError, ValueError)
    assert issubclass(bxml.NestingError, bxml.BxmlError)


def test_child_counts_are_enforced() -> None:
    """Transfer needs 1 to 8 numbers, and Gather plays at most 20 prompts."""
    with pytest.raises(bxml.BxmlError, match="at least 1"):
        bxml.Transfer()
    with pytest.raises(bxml.BxmlError, match="at most 8"):
        bxml.Transfer(*[bxml.PhoneNumber(f"+1555000000{i}") for i in range(9)])
    with pytest.raises(bxml.BxmlError, match="at most 20"):
        bxml.Gather(*[bxml.PlayAudio("a.wav")] * 21)
    with pytest.raises(bxml.BxmlError, match="at most 20 plays"):
        bxml.Gather(*[bxml.PlayAudio("a.wav")] * 5, repeat_count=5)
    assert len(bxml.Gather(*[bxml.PlayAudio("a.wav")] * 4, repeat_count=5).children) == 4
    with pytest.raises(bxml.BxmlError, match="at most 1"):
        bxml.Refer(bxml.SipUri("sip:a@b"), bxml.SipUri("sip:c@d"))
    with pytest.raises(bxml.BxmlError, match="at least 1"):
        bxml.Connect()


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: bxml.Gather(max_digits="1"), id="str-for-int"),  # type: ignore[arg-type]
        pytest.param(lambda: bxml.Gather(max_digits=True), id="bool-for-int"),
        pytest.param(lambda: bxml.Conference("c", mute="yes"), id="str-for-bool"),  # type: ignore[arg-type]
        pytest.param(lambda: bxml.PlayAudio(42), id="int-for-text"),  # type: ignore[arg-type]
        pytest.param(lambda: bxml.Redirect(redirect_url=None), id="none-for-required"),  # type: ignore[arg-type]
        pytest.param(lambda: bxml.SpeakSentence(1), id="int-in-speech"),  # type: ignore[arg-type]
    ],
)
def test_wrong_value_types_raise(build: Any) -> None:
    """A value of the wrong type is refused with a TypeError subclass."""
    with pytest.raises(bxml.BxmlTypeError):
        build()


def test_characters_xml_cannot_carry_are_refused() -> None:
    """NUL and other C0 controls cannot be written, so they are refused up front."""
    with pytest.raises(bxml.BxmlError, match="U\\+0000"):
        bxml.SpeakSentence("a\x00b")
    with pytest.raises(bxml.BxmlError, match="U\\+001B"):
        bxml.Redirect(redirect_url="/x", tag="\x1b")
    with pytest.raises(bxml.BxmlError):
        bxml.Pause(duration=float("nan"))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        pytest.param("<Response><Hangup></Response>", "not well-formed", id="mismatched"),
        pytest.param("", "not well-formed", id="empty"),
        pytest.param("Hello", "not well-formed", id="not-xml"),
        pytest.param("<Speak/>", "starts with <Response> or <Bxml>", id="wrong-root"),
        pytest.param("<Response><Dance/></Response>", "not a BXML element", id="unknown"),
        pytest.param(
            '<Response><Pause seconds="1"/></Response>', "no attribute 'seconds'", id="unknown-attr"
        ),
        pytest.param(
            '<Response><Conference mute="maybe">c</Conference></Response>',
            "not a valid bool",
            id="bad-bool",
        ),
        pytest.param(
            '<Response><Gather maxDigits="one"/></Response>', "not a valid int", id="bad-int"
        ),
        pytest.param(
            '<Response><Pause duration="inf"/></Response>', "not a finite number", id="inf"
        ),
        pytest.param("<Response><Redirect/></Response>", "<Redirect>", id="missing-required"),
        pytest.param("<Response><Refer/></Response>", "at least 1", id="refer-no-sipuri"),
        pytest.param("<Response>hello</Response>", "takes no text", id="text-in-response"),
        pytest.param("<Response><Hangup>now</Hangup></Response>", "takes no text", id="text"),
        pytest.param(
            "<Response><PlayAudio><Hangup/></PlayAudio></Response>",
            "cannot be nested",
            id="child-in-text-verb",
        ),
        pytest.param(
            "<Response><Gather><Hangup/></Gather></Response>", "cannot be nested", id="nesting"
        ),
    ],
)
def test_bad_documents_raise_bxml_error(document: str, message: str) -> None:
    """Malformed or non-BXML documents raise BxmlError saying what is wrong."""
    with pytest.raises(bxml.BxmlError, match=message):
        bxml.parse(document)


def test_parse_accepts_bytes_and_boolean_spelling() -> None:
    """Bytes parse like text, and True/FALSE are read as booleans."""
    doc = bxml.parse(
        '<?xml version="1.0" encoding="UTF-8"?><Bxml><Conference mute="True" hold="FALSE">'
        "Ça</Conference></Bxml>".encode()
    )
    assert doc == bxml.Bxml(bxml.Conference("Ça", mute=True, hold=False))


# --- Round trips over generated documents ----------------------------------------------------

XML_TEXT = st.text(
    alphabet=st.characters(
        min_codepoint=0x20, exclude_categories=["Cs"], exclude_characters="\ufffe\uffff"
    )
    | st.sampled_from("\t\n\r<>&\"'é—日😀"),
    max_size=20,
)

SSML_SAMPLES = st.sampled_from(
    [
        bxml.SSML('<break time="1s"/>'),
        bxml.SSML('<say-as interpret-as="telephone">+1 (919) 555 &amp; é</say-as>'),
        bxml.SSML('<lang xml:lang="fr-FR">Ça &lt; va "bien"</lang>'),
        bxml.SSML("<emphasis level='strong'>x<break/>y</emphasis>"),
        bxml.SSML("<prosody rate=\"slow\" volume='x&quot;y'>lent</prosody>"),
    ]
)

VALUES: dict[str, st.SearchStrategy[Any]] = {
    "str": XML_TEXT,
    "int": st.integers(min_value=-(10**6), max_value=10**6),
    "float": st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    "bool": st.booleans(),
}


def _attributes(cls: type[bxml.Verb]) -> dict[str, st.SearchStrategy[Any]]:
    required = {
        field.name
        for field in attrs.fields(cls)  # type: ignore[arg-type]
        if field.default is attrs.NOTHING
    }
    return {
        spec.name: VALUES[spec.kind] if spec.name in required else st.none() | VALUES[spec.kind]
        for spec in attribute_specs(cls)
    }


def _verb(cls: type[bxml.Verb], *positional: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.builds(cls, *positional, **_attributes(cls))


def _speak() -> st.SearchStrategy[bxml.SpeakSentence]:
    pieces = st.lists(XML_TEXT | SSML_SAMPLES, max_size=5)
    return pieces.flatmap(
        lambda content: st.builds(
            lambda **kw: bxml.SpeakSentence(*content, **kw), **_attributes(bxml.SpeakSentence)
        )
    )


def _nested(
    cls: type[bxml.Verb], children: st.SearchStrategy[Any], *, min_size: int, max_size: int
) -> st.SearchStrategy[Any]:
    attributes = _attributes(cls)
    if cls is bxml.Gather:
        attributes["repeat_count"] = st.none() | st.integers(min_value=1, max_value=3)
    return st.lists(children, min_size=min_size, max_size=max_size).flatmap(
        lambda kids: st.builds(lambda **kw: cls(*kids, **kw), **attributes)
    )


SIMPLE = [
    bxml.Forward,
    bxml.Hangup,
    bxml.Pause,
    bxml.PauseRecording,
    bxml.Record,
    bxml.Redirect,
    bxml.ResumeRecording,
    bxml.Ring,
    bxml.StartGather,
    bxml.StartRecording,
    bxml.StopGather,
    bxml.StopRecording,
    bxml.StopStream,
    bxml.StopTranscription,
]
WITH_TEXT = [bxml.PlayAudio, bxml.SendDtmf, bxml.Tag, bxml.Bridge, bxml.Conference]

TOP_LEVEL_VERB = st.one_of(
    *[_verb(cls) for cls in SIMPLE],
    *[_verb(cls, XML_TEXT) for cls in WITH_TEXT],
    _speak(),
    _nested(bxml.Gather, _speak() | _verb(bxml.PlayAudio, XML_TEXT), min_size=0, max_size=6),
    _nested(
        bxml.Transfer,
        _verb(bxml.PhoneNumber, XML_TEXT) | _verb(bxml.SipUri, XML_TEXT),
        min_size=1,
        max_size=8,
    ),
    _nested(bxml.StartStream, _verb(bxml.StreamParam), min_size=0, max_size=12),
    _nested(bxml.StartTranscription, _verb(bxml.CustomParam), min_size=0, max_size=12),
    _nested(bxml.Connect, _verb(bxml.Endpoint, XML_TEXT), min_size=1, max_size=4),
    _nested(bxml.Refer, _verb(bxml.SipUri, XML_TEXT), min_size=1, max_size=1),
)

DOCUMENTS = st.lists(TOP_LEVEL_VERB, max_size=6).flatmap(
    lambda verbs: st.sampled_from([bxml.Response(*verbs), bxml.Bxml(*verbs)])
)


@given(DOCUMENTS)
def test_parse_round_trips(document: bxml.Response | bxml.Bxml) -> None:
    """Any document the classes can build parses back into an equal document."""
    text = str(document)
    assert bxml.parse(text) == document
    assert bxml.parse(text.encode()) == document


@given(XML_TEXT, XML_TEXT)
def test_text_survives_any_characters(text: str, value: str) -> None:
    """Text and attribute values with markup characters and non-ASCII come back exactly."""
    doc = bxml.Response(bxml.SpeakSentence(text, voice=value), bxml.Tag(text))
    parsed = bxml.parse(str(doc))
    speak, tag = parsed.children
    assert isinstance(speak, bxml.SpeakSentence)
    assert isinstance(tag, bxml.Tag)
    assert "".join(map(str, speak.content)) == text
    assert speak.voice == value
    assert tag.text == text


# --- Secrets stay out of repr ----------------------------------------------------------------

ELEMENT_CLASSES = sorted(
    (
        cls
        for cls in (getattr(bxml, name) for name in bxml.__all__)
        if isinstance(cls, type) and issubclass(cls, bxml.Verb) and cls is not bxml.Verb
    ),
    key=lambda cls: cls.__name__,
)
SAMPLE_VALUES: dict[str, Any] = {"str": "x", "int": 1, "float": 1.5, "bool": True}


def _secret_fields(cls: type[bxml.Verb]) -> list[str]:
    names = [field.name for field in attrs.fields(cls)]  # type: ignore[arg-type]
    return [name for name in names if "password" in name or "secret" in name or name == "token"]


def _minimal(cls: type[bxml.Verb], **values: Any) -> bxml.Verb:
    """*cls* with its text, its required attributes and the nested verbs it needs, plus *values*."""
    positional: list[Any] = ["text"] if cls.text_field or cls.mixed_content else []
    if cls.allowed_children and cls.min_children:
        positional += [_minimal(cls.allowed_children[0])] * cls.min_children
    required = {
        spec.name: SAMPLE_VALUES[spec.kind] for spec in attribute_specs(cls) if spec.required
    }
    return cls(*positional, **(required | values))


WITH_SECRETS = [cls for cls in ELEMENT_CLASSES if _secret_fields(cls)]


def test_secret_fields_are_found() -> None:
    """The search by name finds the password fields the verbs have, so the next test is not empty."""
    found = {name for cls in WITH_SECRETS for name in _secret_fields(cls)}
    assert found == {"password", "fallback_password", "destination_password"}
    assert len(WITH_SECRETS) == 13


@pytest.mark.parametrize("cls", WITH_SECRETS, ids=lambda cls: cls.__name__)
def test_secrets_are_hidden_in_repr_but_written(cls: type[bxml.Verb]) -> None:
    """Every *password*/*secret* field is left out of repr, and still written to the document."""
    values = {name: f"s3cret-{name}" for name in _secret_fields(cls)}
    verb = _minimal(cls, **values)
    for name, value in values.items():
        assert value not in repr(verb)
        assert f"{name}=" not in repr(verb)
        assert f'"{value}"' in verb.to_xml()


def test_nested_secrets_are_hidden_in_the_documents_repr() -> None:
    """A password deep in a document stays out of the document's repr and str shows it."""
    doc = bxml.Response(
        bxml.Transfer(bxml.PhoneNumber("+15551234567", password="pn-s3cret"), password="t-s3cret"),
        bxml.StartStream(destination="wss://x", destination_password="ws-s3cret"),
    )
    assert "s3cret" not in repr(doc)
    assert "s3cret" not in f"{doc!r} {[doc]}"
    assert all(value in str(doc) for value in ("pn-s3cret", "t-s3cret", "ws-s3cret"))
    assert "username='u'" in repr(bxml.Redirect(redirect_url="/x", username="u", password="p"))
