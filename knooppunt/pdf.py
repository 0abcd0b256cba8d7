from typing import Any, NoReturn

from django.template.loader import render_to_string


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    # PDF templates carry their styles inline; a PDF of pupil data never fetches anything.
    raise ValueError(f"PDF rendering does not fetch {url}")


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render a template to PDF bytes; WeasyPrint is imported here so only printing pays for it."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
