"""
The discriminator of each union of the spec, by the names of its member classes.

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter"s job.
"""

__all__ = ["DISCRIMINATORS"]

#: Member class names -> (the wire property that tells them apart, value -> class name).
DISCRIMINATORS: dict[frozenset[str], tuple[str, dict[str, str]]] = {
    frozenset(
        [
            "MultiChannelActionCalendarEvent",
            "RbmActionBase",
            "RbmActionDial",
            "RbmActionOpenUrl",
            "RbmActionViewLocation",
        ]
    ): (
        "type",
        {
            "REPLY": "RbmActionBase",
            "DIAL_PHONE": "RbmActionDial",
            "SHOW_LOCATION": "RbmActionViewLocation",
            "CREATE_CALENDAR_EVENT": "MultiChannelActionCalendarEvent",
            "OPEN_URL": "RbmActionOpenUrl",
            "REQUEST_LOCATION": "RbmActionBase",
        },
    ),
    frozenset(
        [
            "MultiChannelChannelListMMSObject",
            "MultiChannelChannelListRBMObject",
            "MultiChannelChannelListSMSObject",
        ]
    ): (
        "channel",
        {
            "RBM": "MultiChannelChannelListRBMObject",
            "SMS": "MultiChannelChannelListSMSObject",
            "MMS": "MultiChannelChannelListMMSObject",
        },
    ),
    frozenset(
        [
            "MultiChannelChannelListMMSResponseObject",
            "MultiChannelChannelListRBMResponseObject",
            "MultiChannelChannelListSMSResponseObject",
        ]
    ): (
        "channel",
        {
            "RBM": "MultiChannelChannelListRBMResponseObject",
            "SMS": "MultiChannelChannelListSMSResponseObject",
            "MMS": "MultiChannelChannelListMMSResponseObject",
        },
    ),
    frozenset(["InboundCallback", "StatusCallback"]): (
        "type",
        {
            "message-sending": "StatusCallback",
            "message-sent": "StatusCallback",
            "message-delivered": "StatusCallback",
            "message-failed": "StatusCallback",
            "message-read": "StatusCallback",
            "message-received": "InboundCallback",
            "requested-location-response": "InboundCallback",
            "suggestion-response": "InboundCallback",
        },
    ),
    frozenset(["CreateWebRtcConnectionRequest"]): (
        "type",
        {"WEBRTC": "CreateWebRtcConnectionRequest"},
    ),
}
