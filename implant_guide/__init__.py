"""Build code of the interlaminar-implant patient guide: Pelican plugins and helpers."""
