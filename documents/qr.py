"""QR codes for documents: an SVG data URI, so rendering fetches nothing."""

import segno


def qr_data_uri(url: str, *, scale: int = 4) -> str:
    # Error correction M survives a smudged print; the border is the standard quiet zone.
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=scale, border=4)
