import io

from PIL import Image

from ideahautomo.accounts.tests.factories import PartnerOrganisationFactory  # noqa: F401


def image_bytes(size=(1200, 800), image_format="PNG", **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 20)).save(buffer, format=image_format, **save_options)
    return buffer.getvalue()
