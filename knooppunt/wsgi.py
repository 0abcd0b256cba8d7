import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knooppunt.settings")

application = get_wsgi_application()

# Pay WeasyPrint's start-up (about 2 s) while the process boots, not in a user's first PDF.
from knooppunt.pdf import warm_up  # noqa: E402 - needs the settings loaded above

warm_up()
