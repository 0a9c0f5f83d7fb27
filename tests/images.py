"""Real image files for upload tests, made with Pillow."""

from io import BytesIO

from PIL import Image, PngImagePlugin


def png(*, size: tuple[int, int] = (32, 32), colour=(200, 80, 40), text: str = "") -> bytes:
    """A PNG of one colour; `text` goes into a tEXt chunk, which re-encoding must drop."""
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Comment", text)
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def gif(*, size: tuple[int, int] = (8, 8)) -> bytes:
    out = BytesIO()
    Image.new("P", size, 3).save(out, format="GIF")
    return out.getvalue()


def pixels(data: bytes) -> tuple[str, tuple[int, int], list]:
    """Format, size and pixel values of an encoded image."""
    with Image.open(BytesIO(data)) as image:
        return image.format, image.size, list(image.convert("RGB").get_flattened_data())
