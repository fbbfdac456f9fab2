"""
One class per API area; each method only describes a request for the session layer to send.
"""

from .calls import Calls, DialResult
from .conferences import Conferences
from .lookup import Lookup
from .media import Media
from .messages import Messages
from .mfa import Mfa
from .recordings import Recordings
from .statistics import Statistics

__all__ = [
    "Calls",
    "Conferences",
    "DialResult",
    "Lookup",
    "Media",
    "Messages",
    "Mfa",
    "Recordings",
    "Statistics",
]
