"""Profiles: the screen, network and CPU pages are loaded with.

`desktop` is the machine as it is. `mobile` is what Lighthouse's DevTools throttling calls
"slow 4G" on a mid-range phone: 562.5 ms request latency, 1.47 Mbit/s down, 675 kbit/s up,
a CPU four times slower, and a 412 x 823 touch screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from playwright.async_api import CDPSession

from cxcheck.config import ProfileName


@dataclass(frozen=True)
class Profile:
    """How a profile's tabs are made and throttled."""

    name: ProfileName
    context_options: Mapping[str, Any] = field(default_factory=dict)  # browser.new_context(...)
    latency_ms: float = 0.0
    download_bytes_s: float = -1  # -1: no limit
    upload_bytes_s: float = -1
    cpu_slowdown: float = 1.0

    @property
    def throttled(self) -> bool:
        """The network or the CPU is slowed down."""
        return self.latency_ms > 0 or self.download_bytes_s > 0 or self.cpu_slowdown > 1

    async def apply(self, session: CDPSession, cold: bool = False) -> None:
        """Throttle a tab through its DevTools session; `cold` also turns its cache off."""
        if self.throttled or cold:
            await session.send("Network.enable")
        if cold:
            await session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        if self.throttled:
            await session.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": False,
                    "latency": self.latency_ms,
                    "downloadThroughput": self.download_bytes_s,
                    "uploadThroughput": self.upload_bytes_s,
                },
            )
            await session.send("Emulation.setCPUThrottlingRate", {"rate": self.cpu_slowdown})


_MOBILE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36"
)

PROFILES: Mapping[ProfileName, Profile] = MappingProxyType(
    {
        ProfileName.DESKTOP: Profile(ProfileName.DESKTOP),
        ProfileName.MOBILE: Profile(
            ProfileName.MOBILE,
            context_options={
                "viewport": {"width": 412, "height": 823},
                "device_scale_factor": 1.75,
                "is_mobile": True,
                "has_touch": True,
                "user_agent": _MOBILE_USER_AGENT,
            },
            latency_ms=562.5,
            download_bytes_s=1474.56 * 1024 / 8,
            upload_bytes_s=675 * 1024 / 8,
            cpu_slowdown=4.0,
        ),
    }
)
