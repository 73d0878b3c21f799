"""Listing text in a plain-text email, made unclickable. Mail clients turn `http://…`,
`www.…`, bare domains and email addresses in plain text into live links, and a tracked web
listing's title is whatever its page said: a security audit's deadline email carried a
title's "[Claim here](http://…/claim) www.evil.example" as two links. Written the way
security notices write a dangerous address (hxxp, [.], [at]), it stays readable and inert;
the app's own game-plan link is the only live one, and it is not listing text."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"\b(h)tt(ps?)(?=:)", re.IGNORECASE)
_OTHER_SCHEME = re.compile(r"\b(mailto|ftp|ftps|file|javascript|data|tel|sms)(:)", re.IGNORECASE)
# a host a linkifier would take: dotted labels ending in letters, or a dotted IPv4 address
_HOST = re.compile(
    r"(?<![\w.-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?![\w-])|(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])",
    re.IGNORECASE,
)
_EMAIL_AT = re.compile(r"(?<=[\w.+-])@(?=[\w-])")


def defanged(text: str) -> str:
    """`https://evil.example/x` → `hxxps://evil[.]example/x`; `a@b.org` → `a[at]b[.]org`."""
    text = _SCHEME.sub(lambda m: f"{m.group(1)}xx{m.group(2)}", text)
    text = _OTHER_SCHEME.sub(r"\1[:]", text)
    text = _EMAIL_AT.sub("[at]", text)
    return _HOST.sub(lambda m: m.group(0).replace(".", "[.]"), text)
