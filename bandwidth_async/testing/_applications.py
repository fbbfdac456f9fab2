"""
The applications an emulated account has: which ids createCall and createMessage accept.

A voice application places calls; a messaging application sends messages and may have a
callback URL for their delivery events. Plain records, no I/O.
"""

from __future__ import annotations

import uuid

import attrs

__all__ = ["README_APPLICATION_ID", "Application", "Applications"]

#: The application id of the README's and the API docs' examples; every emulator knows it.
README_APPLICATION_ID = "04e88489-df02-4e34-a0ee-27a91849555f"


@attrs.define
class Application:
    """
    One application of the account.
    """

    application_id: str
    messaging: bool = False
    callback_url: str | None = None


class Applications:
    """
    The account's applications by id.
    """

    def __init__(self, voice_id: str, messaging_id: str) -> None:
        self._apps: dict[str, Application] = {}
        self.voice_id = voice_id
        self.messaging_id = messaging_id
        self.add(voice_id)
        self.add(README_APPLICATION_ID)
        self.add(messaging_id, messaging=True)

    def add(
        self,
        application_id: str | None = None,
        *,
        messaging: bool = False,
        callback_url: str | None = None,
    ) -> str:
        """
        Register an application (a new UUID when *application_id* is None); return its id.
        """
        if application_id is None:
            application_id = str(uuid.uuid4())
        self._apps[application_id] = Application(application_id, messaging, callback_url)
        return application_id

    def get(self, application_id: object) -> Application | None:
        """
        The application *application_id*, or None when the account has none by that id.
        """
        return self._apps.get(application_id) if isinstance(application_id, str) else None
