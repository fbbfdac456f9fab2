"""
Endpoint models: WebRTC endpoints, their devices, pages and errors.

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""

import datetime as dt
from typing import Any, TypeAlias

import attrs

from bandwidth_async.models._enums import (
    DeviceStatusEnum,
    EndpointDirectionEnum,
    EndpointStatusEnum,
    EndpointTypeEnum,
)

__all__ = [
    "BrtcError",
    "BrtcErrorResponse",
    "BrtcErrorSource",
    "BrtcLink",
    "BrtcPage",
    "CreateEndpointRequest",
    "CreateEndpointRequestBase",
    "CreateEndpointResponse",
    "CreateEndpointResponseData",
    "CreateWebRtcConnectionRequest",
    "Device",
    "Endpoint",
    "EndpointResponse",
    "Endpoints",
    "ListEndpointsResponse",
    "SipConnectionMetadata",
    "SipCredentials",
    "WebRtcConnectionMetadata",
]


@attrs.frozen(kw_only=True)
class SipCredentials:
    """
    The ``sipCredentials`` schema of the Bandwidth API.
    """

    #: The username for the SIP connection.
    username: str | None = None

    #: The password for the SIP connection. Never shown in ``repr``.
    password: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class SipConnectionMetadata:
    """
    The ``sipConnectionMetadata`` schema of the Bandwidth API.
    """

    #: The IP address of the SIP connection.
    ip_address: str | None = None

    #: The port of the SIP connection.
    port: int | None = None

    credentials: SipCredentials | None = None

    #: The User-to-User Information header for the SIP connection.
    uui_header: str | None = None


@attrs.frozen(kw_only=True)
class WebRtcConnectionMetadata:
    """
    The ``webRtcConnectionMetadata`` schema of the Bandwidth API.
    """

    # The spec lists no properties for this schema.


@attrs.frozen(kw_only=True)
class Device:
    """
    The ``device`` schema of the Bandwidth API.
    """

    #: The unique ID of the device.
    device_id: str

    #: The name of the device.
    device_name: str | None = None

    status: DeviceStatusEnum

    #: The time the device was created.
    creation_timestamp: dt.datetime


@attrs.frozen(kw_only=True)
class Endpoints:
    """
    The ``endpoints`` schema of the Bandwidth API.
    """

    #: The unique ID of the endpoint.
    endpoint_id: str

    #: The kind of error.
    type: EndpointTypeEnum

    status: EndpointStatusEnum

    #: The time the endpoint was created.
    creation_timestamp: dt.datetime

    #: The time the endpoint token will expire.
    expiration_timestamp: dt.datetime

    #: A tag for the endpoint.
    tag: str | None = None


@attrs.frozen(kw_only=True)
class Endpoint:
    """
    The ``endpoint`` schema of the Bandwidth API.
    """

    #: The unique ID of the endpoint.
    endpoint_id: str

    #: The kind of error.
    type: EndpointTypeEnum

    status: EndpointStatusEnum

    #: The time the endpoint was created.
    creation_timestamp: dt.datetime

    #: The time the endpoint token will expire.
    expiration_timestamp: dt.datetime

    #: A tag for the endpoint.
    tag: str | None = None

    devices: list[Device] | None = None


@attrs.frozen(kw_only=True)
class CreateWebRtcConnectionRequest:
    """
    The ``createWebRtcConnectionRequest`` schema of the Bandwidth API.
    """

    #: The kind of error.
    type: EndpointTypeEnum

    direction: EndpointDirectionEnum

    #: The URL to send event callbacks to.
    event_callback_url: str | None = None

    #: The URL to send event fallbacks to.
    event_fallback_url: str | None = None

    #: A tag for the endpoint.
    tag: str | None = None

    connection_metadata: WebRtcConnectionMetadata | None = None


@attrs.frozen(kw_only=True)
class CreateEndpointRequestBase:
    """
    The ``createEndpointRequestBase`` schema of the Bandwidth API.
    """

    #: The kind of error.
    type: EndpointTypeEnum

    direction: EndpointDirectionEnum

    #: The URL to send event callbacks to.
    event_callback_url: str | None = None

    #: The URL to send event fallbacks to.
    event_fallback_url: str | None = None

    #: A tag for the endpoint.
    tag: str | None = None


#: One of the shapes of ``createEndpointRequest``.
CreateEndpointRequest: TypeAlias = CreateWebRtcConnectionRequest


@attrs.frozen(kw_only=True)
class CreateEndpointResponseData:
    """
    The ``createEndpointResponseData`` schema of the Bandwidth API.
    """

    #: The unique ID of the endpoint.
    endpoint_id: str

    #: The kind of error.
    type: EndpointTypeEnum

    status: EndpointStatusEnum

    #: The time the endpoint was created.
    creation_timestamp: dt.datetime

    #: The time the endpoint token will expire.
    expiration_timestamp: dt.datetime

    #: A tag for the endpoint.
    tag: str | None = None

    devices: list[Device] | None = None

    #: The json web token specific to the endpoint. Never shown in ``repr``.
    token: str = attrs.field(repr=False)


@attrs.frozen(kw_only=True)
class BrtcLink:
    """
    The ``brtcLink`` schema of the Bandwidth API.
    """

    #: The full URL of the link.
    href: str | None = None

    #: The relationship of the link to the current resource.
    rel: str | None = None

    #: The HTTP method to use when making the request.
    method: str | None = None


@attrs.frozen(kw_only=True)
class BrtcPage:
    """
    The ``page`` schema of the Bandwidth API.
    """

    #: The number of items per page.
    page_size: int

    #: The total number of items.
    total_elements: int | None = None

    #: The total number of pages.
    total_pages: int | None = None

    #: The current page number.
    page_number: int | None = None


@attrs.frozen(kw_only=True)
class BrtcErrorSource:
    """
    The ``brtcErrorSource`` schema of the Bandwidth API.
    """

    #: The URI parameter that caused the error.
    parameter: str | None = None

    #: The request body field that caused the error.
    field: str | None = None

    #: The header that caused the error.
    header: str | None = None

    #: The resource ID or path to the resource (or non-existent resource) causing the error.
    reference: str | None = None


@attrs.frozen(kw_only=True)
class BrtcError:
    """
    The ``brtcError`` schema of the Bandwidth API.
    """

    #: A unique identifier for the error.
    id: str | None = None

    #: The type of error.
    type: str

    #: A description of the error.
    description: str

    #: A code that uniquely identifies the error.
    code: str | None = None

    source: BrtcErrorSource | None = None


@attrs.frozen(kw_only=True)
class ListEndpointsResponse:
    """
    The ``listEndpointsResponse`` schema of the Bandwidth API.
    """

    links: list[BrtcLink]

    page: BrtcPage | None = None

    data: list[Endpoints]

    errors: list[BrtcError]


@attrs.frozen(kw_only=True)
class EndpointResponse:
    """
    The ``endpointResponse`` schema of the Bandwidth API.
    """

    links: list[BrtcLink]

    data: Endpoint

    errors: list[BrtcError]


@attrs.frozen(kw_only=True)
class CreateEndpointResponse:
    """
    The ``createEndpointResponse`` schema of the Bandwidth API.
    """

    links: list[BrtcLink]

    data: CreateEndpointResponseData

    errors: list[BrtcError]


@attrs.frozen(kw_only=True)
class BrtcErrorResponse:
    """
    The ``brtcErrorResponse`` schema of the Bandwidth API.
    """

    links: list[BrtcLink]

    data: dict[str, Any] | None

    errors: list[BrtcError]
