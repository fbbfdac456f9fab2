"""
One class per API area; each method only describes a request for the session layer to send.
"""

from .calls import Calls, DialResult
from .conferences import Conferences
from .endpoints import Endpoints
from .lookup import Lookup
from .media import Media
from .messages import Messages
from .mfa import Mfa
from .recordings import Recordings
from .statistics import Statistics
from .toll_free import TollFree
from .transcriptions import Transcriptions

__all__ = [
    "Calls",
    "Conferences",
    "DialResult",
    "Endpoints",
    "Lookup",
    "Media",
    "Messages",
    "Mfa",
    "Recordings",
    "Statistics",
    "TollFree",
    "Transcriptions",
]
